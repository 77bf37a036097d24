"""The one home of user-facing text: every English and Thai string stratlink shows.

Each entry of :data:`CATALOGUE` is a key (``area.name``) mapped to its templates
by language. Templates use ``str.format`` fields; a field with no argument is left
empty (finding messages rely on this for optional parts such as ``{dropped}``).
A language missing from an entry falls back to English.

The CLI, the text/CSV/Markdown output (``stratlink.viz``), finding messages
(``stratlink.graph_model``), the HTML report and notebooks all take their words
from here. This module is a leaf: it imports nothing from stratlink but
``stratlink.errors``.

Key areas: ``finding.*`` (finding messages by code), ``reason.*`` (why a value is
invalid), ``part.*`` (pieces of messages), ``word.*`` (display text of a canonical
value: severity, stage, relation, role), ``noun.*`` (a kind of record, by sheet),
``check.*``, ``trace.*``, ``coverage.*``, ``validate.*`` (output of those
commands), ``cli.*`` (the command line's own messages), ``viz.*`` (the map and the
report), ``template.*`` (the Excel template's guide, comments and errors), ``wide.*``
(the wide-sheet importer's notes and errors), ``generate.*``.

>>> text("finding.ORPHAN_PROJECT", "th", subject="P-017")
'โครงการ P-017 ไม่เชื่อมโยงกับแผนใดเลย'
>>> text("check.none", "en"), text("check.none", "th")
('No findings.', 'ไม่มีข้อค้นพบ')
>>> word("upstream", "th"), word("upstream", "en"), word("anything", "th")
('ต้นทาง', 'upstream', 'anything')
"""

from __future__ import annotations

import functools
import locale
import os
import re
import string

#: The languages of the catalogue; the first is the fallback.
LANGS = ("en", "th")

CATALOGUE: dict[str, dict[str, str]] = {
    # ---- finding messages (a template sees subject, related, first and the finding's args)
    "finding.DUPLICATE_ID": {
        "en": "id {subject} occurs more than once; the first occurrence wins{where}",
        "th": "รหัส {subject} ซ้ำกัน ใช้เฉพาะรายการแรก{where}",
    },
    "finding.UNKNOWN_REFERENCE": {
        "en": "{column} names {first}, which does not exist{dropped}",
        "th": "{column} อ้างถึง {first} ซึ่งไม่มีอยู่{dropped}",
    },
    "finding.INVALID_VALUE": {
        "en": "{column}: {reason}{shown}{dropped}",
        "th": "{column}{shown_value}: {reason}{suggested}{dropped}",
    },
    "finding.MISSING_SHEET": {
        "en": "required sheet '{subject}' is missing",
        "th": "ไม่พบแผ่นงาน '{subject}' ซึ่งต้องมี",
    },
    "finding.SHACL": {
        "en": "{subject}: {text}",
        "th": "{subject}: {text}",
    },
    "finding.ORPHAN_PROJECT": {
        "en": "project {subject} links to nothing",
        "th": "โครงการ {subject} ไม่เชื่อมโยงกับแผนใดเลย",
    },
    "finding.BROKEN_CHAIN": {
        "en": "project {subject} does not reach the {top} level; its chain ends at {related}",
        "th": "โครงการ {subject} เชื่อมโยงไม่ถึงระดับ{top_th} ความเชื่อมโยงขาดช่วงที่ {related}",
    },
    # BROKEN_CHAIN whose chain ends in a cycle only (no sink: related is empty)
    "finding.BROKEN_CHAIN/cycle": {
        "en": "project {subject} does not reach the {top} level; its chain ends in a cycle of links",
        "th": "โครงการ {subject} เชื่อมโยงไม่ถึงระดับ{top_th} เพราะความเชื่อมโยงวนกลับเป็นวงจร",
    },
    "finding.ORPHAN_ELEMENT": {
        "en": "element {subject} is not at the top level and links to nothing above it",
        "th": "องค์ประกอบ {subject} ไม่ได้อยู่ระดับบนสุด แต่ไม่เชื่อมโยงกับแผนระดับที่สูงกว่า",
    },
    "finding.CYCLE": {
        "en": "{subject} is in a cycle of links ({cycle})",
        "th": "{subject} เชื่อมโยงวนกลับเป็นวงจร ({cycle})",
    },
    "finding.DOWNWARD_LINK": {
        "en": "{subject} links down to {first}, a lower level",
        "th": "{subject} เชื่อมโยงลงไปยัง {first} ซึ่งเป็นแผนระดับต่ำกว่า",
    },
    "finding.LEVEL_SKIP": {
        "en": "{subject} links to {first}, skipping more than {jump} levels",
        "th": "{subject} เชื่อมโยงไปยัง {first} ข้ามลำดับชั้นของแผนเกิน {jump} ระดับ",
    },
    "finding.CONFLICTING_TARGETS": {
        "en": "{subject} serves both {related}, which conflict with each other",
        "th": "{subject} สนับสนุนทั้ง {related} ซึ่งขัดแย้งกันเอง",
    },
    "finding.SCOPE_MISMATCH": {
        "en": "{subject} (area {source_area}) links to {first} (area {target_area}) outside its area",
        "th": "{subject} (พื้นที่ {source_area}) เชื่อมโยงไปยัง {first} (พื้นที่ {target_area}) ซึ่งอยู่นอกพื้นที่ของตน",
    },
    "finding.PERIOD_MISMATCH": {
        "en": "project {subject} (fiscal year {year}) links to {first}, whose plan covers {start}-{end}",
        "th": "โครงการ {subject} (ปีงบประมาณ {year}) เชื่อมโยงไปยัง {first} ซึ่งอยู่ในแผนที่ครอบคลุมปี {start}-{end}",
    },
    "finding.INCONSISTENT_LINEAGE": {
        "en": "the links of project {subject} asserted by {related} lead to disjoint top-level nodes",
        "th": "ความเชื่อมโยงของโครงการ {subject} ที่ระบุโดย {related} นำไปสู่องค์ประกอบระดับบนสุดคนละชุด ไม่มีรายการร่วมกัน",
    },
    "finding.UNCOVERED_ELEMENT": {
        "en": "no project contributes to element {subject}",
        "th": "ไม่มีโครงการใดสนับสนุนองค์ประกอบ {subject}",
    },
    "finding.VALUE_CHAIN_GAP": {
        "en": "value chain {subject} has no project at stage {related}",
        "th": "ห่วงโซ่คุณค่า {subject} ขาดช่วง{stages_th} (ไม่มีโครงการในช่วงนี้)",
    },
    "finding.UNMATCHED_LABEL": {
        "en": "project {subject}: '{value}' matches no element of {plan}; nothing was linked",
        "th": "โครงการ {subject}: '{value}' ไม่ตรงกับองค์ประกอบใดของแผน {plan} "
              "จึงไม่ได้เชื่อมโยง",
    },
    "finding.AMBIGUOUS_LABEL": {
        "en": "project {subject}: '{value}' matches several elements of {plan} ({related}); "
              "write the element's code to choose one",
        "th": "โครงการ {subject}: '{value}' ตรงกับหลายองค์ประกอบของแผน {plan} ({related}) "
              "โปรดระบุรหัสขององค์ประกอบที่ต้องการ",
    },
    "finding.FUZZY_MATCH": {
        "en": "project {subject}: '{value}' was read as {first} '{name}' (similarity {score})",
        "th": "โครงการ {subject}: ถือว่า '{value}' คือ {first} '{name}' (ความใกล้เคียง {score})",
    },
    "finding.CLAIM_MISMATCH": {
        "en": "project {subject}: the sheet says '{value}' ({first}), but the project's links "
              "trace to {traced}",
        "th": "โครงการ {subject}: ในตารางระบุ '{value}' ({first}) "
              "แต่ความเชื่อมโยงของโครงการนำไปสู่ {traced_th}",
    },
    "finding.UNKNOWN_TRIPLES": {
        "en": "{count} triples are outside stratlink's vocabulary: not read into the workbook, "
              "kept when written to RDF again (e.g. {examples})",
        "th": "มี {count} ทริปเปิลที่อยู่นอกคำศัพท์ของ stratlink ไม่ได้นำเข้าสมุดงาน "
              "แต่จะคงไว้เมื่อส่งออกเป็น RDF อีกครั้ง (เช่น {examples})",
    },
    "reason.bad_namespace": {
        "en": "not a namespace (letters, digits, '-', '_' or '.'; no ':', '/' or spaces)",
        "th": "ไม่ใช่เนมสเปซที่ใช้ได้ (ใช้ตัวอักษร ตัวเลข '-' '_' หรือ '.' ห้ามมี ':' '/' หรือช่องว่าง)",
    },
    "finding.DUPLICATE_PROJECT": {
        "en": "project {subject} looks like a duplicate of {related} (same name, area and year)",
        "th": "โครงการ {subject} อาจซ้ำกับ {related} (ชื่อ พื้นที่ และปีเดียวกัน)",
    },
    # ---- why a value is invalid (INVALID_VALUE's {reason})
    "reason.missing": {"en": "a required value is missing", "th": "ไม่มีค่าที่จำเป็น"},
    "reason.no_name": {"en": "name_th or name_en is required", "th": "ต้องมี name_th หรือ name_en"},
    "reason.unknown_level": {"en": "not a level of the policy ({allowed})",
                             "th": "ไม่ใช่ระดับแผนตามเกณฑ์การตรวจ (ใช้ได้: {allowed_th})"},
    "reason.unknown_word": {"en": "not one of {allowed}", "th": "ไม่ใช่ค่าที่ใช้ได้ (ใช้ได้: {allowed_th})"},
    "reason.not_number": {"en": "not a number", "th": "ไม่ใช่ตัวเลข"},
    "reason.negative": {"en": "must not be negative", "th": "ต้องไม่ติดลบ"},
    "reason.not_year": {"en": "not a year", "th": "ไม่ใช่ปี"},
    "reason.not_bool": {"en": "not true or false", "th": "ไม่ใช่ true หรือ false"},
    "reason.wrong_kind": {"en": "{value} is {kind}, not {expected}",
                          "th": "{value} เป็น{kind} ไม่ใช่{expected}"},
    "reason.several_values": {"en": "has several values ({value})", "th": "มีหลายค่า ({value})"},
    "reason.period_order": {"en": "ends before the period starts", "th": "ปีสิ้นสุดอยู่ก่อนปีเริ่มต้นของแผน"},
    "reason.parent_other_plan": {"en": "the parent {value} belongs to another plan",
                                 "th": "องค์ประกอบที่อยู่เหนือขึ้นไป {value} อยู่ในแผนอื่น"},
    # robustness (docs/limits.md): cells no sheet should hold
    "reason.too_many_digits": {"en": "has more than {limit} digits", "th": "มีตัวเลขเกิน {limit} หลัก"},
    "reason.too_long": {"en": "holds {length} characters, more than the limit of {limit}",
                        "th": "มีความยาว {length} ตัวอักษร เกินขีดจำกัด {limit}"},
    "reason.excel_error": {"en": "is the spreadsheet error {value}, not data",
                           "th": "เป็นค่าข้อผิดพลาดของ Excel {value} ไม่ใช่ข้อมูล"},
    "reason.formula_no_value": {
        "en": "is a formula ({value}) without a saved value; open the file in Excel and save it again",
        "th": "เป็นสูตร ({value}) ที่ไม่มีค่าที่บันทึกไว้ ให้เปิดไฟล์ใน Excel แล้วบันทึกอีกครั้ง"},
    "reason.invisible_char": {
        "en": "{value} holds an invisible or control character ({chars}); ids must be plain text",
        "th": "{value} มีอักขระที่มองไม่เห็นหรืออักขระควบคุม ({chars}) รหัสต้องเป็นข้อความธรรมดา"},
    "reason.nul_char": {"en": "holds a NUL character", "th": "มีอักขระ NUL"},
    "reason.unclosed_quote": {
        "en": "line {line} opens a quote (\") that never closes; reading goes on at the next line",
        "th": "บรรทัด {line} มีเครื่องหมายอัญประกาศ (\") ที่ไม่มีตัวปิด อ่านต่อที่บรรทัดถัดไป"},
    # ---- pieces of finding messages
    "part.dropped.row": {"en": "; the row is left out", "th": " จึงไม่นำแถวนี้มาใช้"},
    "part.dropped.value": {"en": "; the value is left out", "th": " จึงไม่ใช้ค่านี้"},
    "part.dropped.as_primary": {"en": "; the link counts as primary", "th": " จึงถือเป็นความเชื่อมโยงหลัก"},
    "part.shown": {"en": " ('{value}')", "th": " (ค่า '{value}')"},
    # where the first occurrence of a duplicate id is (Thai wording: issue 14)
    "part.first_at": {"en": " ({sheet})", "th": " (แผ่นงาน {sheet})"},
    "part.first_at_row": {"en": " ({sheet}, row {row})", "th": " (แผ่นงาน {sheet} แถว {row})"},
    "part.suggest": {"en": "; did you mean '{suggestion}'?", "th": " (หมายถึง '{suggestion}' หรือไม่)"},
    "part.or": {"en": " or ", "th": "หรือ"},
    "part.list": {"en": ", ", "th": " "},
    "part.and": {"en": " and ", "th": "และ"},
    # ---- a kind of record, by its sheet
    "noun.plans": {"en": "a plan", "th": "แผน"},
    "noun.elements": {"en": "an element", "th": "องค์ประกอบของแผน"},
    "noun.projects": {"en": "a project", "th": "โครงการ"},
    "noun.value_chains": {"en": "a value chain", "th": "ห่วงโซ่คุณค่า"},
    "noun.areas": {"en": "an area", "th": "พื้นที่"},
    "noun.organizations": {"en": "an organization", "th": "หน่วยงาน"},
    # ---- display text of canonical values (English is the value itself)
    "word.error": {"en": "error", "th": "ข้อผิดพลาด"},
    "word.warning": {"en": "warning", "th": "คำเตือน"},
    "word.info": {"en": "info", "th": "ข้อสังเกต"},
    "word.upstream": {"en": "upstream", "th": "ต้นทาง"},
    "word.midstream": {"en": "midstream", "th": "กลางทาง"},
    "word.downstream": {"en": "downstream", "th": "ปลายทาง"},
    "word.contributes_to": {"en": "contributes_to", "th": "สนับสนุน"},
    "word.aligns_with": {"en": "aligns_with", "th": "สอดคล้อง"},
    "word.conflicts_with": {"en": "conflicts_with", "th": "ขัดแย้ง"},
    "word.primary": {"en": "primary", "th": "หลัก"},
    "word.secondary": {"en": "secondary", "th": "รอง"},
    # ---- check output
    "check.header.severity": {"en": "severity", "th": "ความรุนแรง"},
    "check.header.code": {"en": "code", "th": "รหัสข้อค้นพบ"},
    "check.header.subject": {"en": "subject", "th": "รายการ"},
    "check.header.related": {"en": "related", "th": "รายการที่เกี่ยวข้อง"},
    "check.header.where": {"en": "where", "th": "ตำแหน่ง"},
    "check.header.message": {"en": "message", "th": "รายละเอียด"},
    "check.none": {"en": "No findings.", "th": "ไม่มีข้อค้นพบ"},
    "matrix.header.project": {"en": "project", "th": "โครงการ"},
    "check.summary": {
        "en": "{errors} error(s), {warnings} warning(s); {complete} of {projects} project(s) "
              "reach the top level",
        "th": "ข้อผิดพลาด {errors} รายการ คำเตือน {warnings} รายการ โครงการที่เชื่อมโยง"
              "ถึงระดับบนสุด {complete} จาก {projects} โครงการ",
    },
    # ---- trace output
    "trace.reaches": {"en": "reaches", "th": "เชื่อมโยงถึง"},
    "trace.complete": {"en": "complete", "th": "เชื่อมโยงครบ"},
    "trace.incomplete": {"en": "does not reach the top level", "th": "เชื่อมโยงไม่ถึงระดับบนสุด"},
    "trace.paths": {"en": "paths", "th": "เส้นทางความเชื่อมโยง"},
    "trace.more": {"en": "(more paths exist; raise --max-paths to see them)",
                   "th": "(ยังมีเส้นทางอื่นอีก เพิ่ม --max-paths เพื่อดู)"},
    "trace.beneath": {"en": "projects beneath", "th": "โครงการภายใต้"},
    "trace.nothing": {"en": "(none)", "th": "(ไม่มี)"},
    # ---- coverage output
    "coverage.header.element": {"en": "element", "th": "องค์ประกอบ"},
    "coverage.header.level": {"en": "level", "th": "ระดับแผน"},
    "coverage.header.projects": {"en": "projects", "th": "โครงการ"},
    "coverage.header.budget_primary": {"en": "budget (primary)", "th": "งบประมาณ (หลัก)"},
    "coverage.header.budget_all": {"en": "budget (all)", "th": "งบประมาณ (ทั้งหมด)"},
    "coverage.header.stages": {"en": "stages up/mid/down", "th": "ช่วง ต้น/กลาง/ปลาย"},
    # ---- validate output
    "validate.summary": {
        "en": "{errors} errors, {warnings} warnings; {plans} plans, {elements} elements, "
              "{projects} projects, {links} links; {shacl}",
        "th": "ข้อผิดพลาด {errors} รายการ คำเตือน {warnings} รายการ จากแผน {plans} แผน องค์ประกอบ "
              "{elements} รายการ โครงการ {projects} โครงการ ความเชื่อมโยง {links} รายการ ({shacl})",
    },
    "validate.shacl.conforms": {"en": "SHACL: conforms", "th": "ตรวจตามข้อกำหนด SHACL: ผ่าน"},
    "validate.shacl.fails": {"en": "SHACL: does not conform", "th": "ตรวจตามข้อกำหนด SHACL: ไม่ผ่าน"},
    "validate.shacl.not_run": {"en": "SHACL: not run", "th": "ไม่ได้ตรวจตามข้อกำหนด SHACL"},
    # ---- where a finding comes from (Location)
    "loc.sheet": {"en": "{sheet}", "th": "แผ่นงาน {sheet}"},
    "loc.row": {"en": ", row {row}", "th": " แถว {row}"},
    "loc.column": {"en": ", column {column}", "th": " คอลัมน์ {column}"},
    "loc.file": {"en": "{file}: ", "th": "ไฟล์ {file}: "},
    # ---- what the library is doing (stratlink.progress)
    "progress.load": {"en": "reading {source}", "th": "กำลังอ่าน {source}"},
    "progress.export": {"en": "writing {target}", "th": "กำลังบันทึก {target}"},
    "progress.sheet": {"en": "sheet {sheet}", "th": "แผ่นงาน {sheet}"},
    "progress.validate": {"en": "validating (SHACL)", "th": "กำลังตรวจตามข้อกำหนด SHACL"},
    "progress.neo4j_check": {"en": "checking in Neo4j", "th": "กำลังตรวจใน Neo4j"},
    "progress.map": {"en": "writing the map {path}", "th": "กำลังบันทึกแผนภาพความเชื่อมโยง {path}"},
    "progress.report": {"en": "writing the report {path}", "th": "กำลังบันทึกรายงาน {path}"},
    # ---- errors (stratlink.errors): a key per kind of error that the library raises with one
    "error.no_such_file": {"en": "{path}: no such file or folder",
                           "th": "{path}: ไม่พบไฟล์หรือโฟลเดอร์นี้"},
    "error.not_workbook": {"en": "{path}: not a plan workbook (expected {known})",
                           "th": "{path}: ไม่ใช่สมุดงานแผน (ต้องเป็น {known})"},
    "error.csv_file": {"en": "{path}: a workbook is a folder of CSV files; give the folder {folder}"
                             " (or use 'stratlink import-wide' for a one-row-per-project sheet)",
                       "th": "{path}: สมุดงานแบบ CSV คือโฟลเดอร์ที่มีไฟล์ CSV หนึ่งไฟล์ต่อหนึ่งแผ่นงาน ให้ระบุโฟลเดอร์ {folder}"
                             " (หรือใช้ 'stratlink import-wide' สำหรับตารางหนึ่งแถวต่อหนึ่งโครงการ)"},
    "error.unknown_format": {"en": "unknown format '{name}' (known: {known})",
                             "th": "ไม่รู้จักรูปแบบ '{name}' (รูปแบบที่รองรับ: {known})"},
    "error.unknown_node": {"en": "no project or element has the id '{node}'",
                           "th": "ไม่มีโครงการหรือองค์ประกอบของแผนที่มีรหัส '{node}'"},
    "error.not_a_node": {"en": "'{node}' is a {what}, not a project or element; trace needs a "
                               "project or element id",
                         "th": "'{node}' เป็น{what_th} ไม่ใช่โครงการหรือองค์ประกอบของแผน "
                               "การสืบเส้นทางต้องใช้รหัสโครงการหรือองค์ประกอบ"},
    "error.unknown_engine": {"en": "unknown engine '{engine}' (known: {known})",
                             "th": "ไม่รู้จักกลไกคำนวณ '{engine}' (กลไกที่มี: {known})"},
    "error.no_policy_file": {"en": "{path}: no such policy file",
                             "th": "{path}: ไม่พบไฟล์เกณฑ์การตรวจนี้"},
    "error.missing_dependency": {"en": "{purpose} needs the '{package}' package: "
                                       "pip install 'stratlink[{extra}]'",
                                 "th": "{purpose_th}ต้องใช้แพ็กเกจ '{package}': "
                                       "pip install 'stratlink[{extra}]'"},
    "error.os": {"en": "{path}: {reason}", "th": "{path}: ระบบแจ้งว่า {reason}"},
    "kind.plan": {"en": "plan", "th": "แผน"},
    "kind.value chain": {"en": "value chain", "th": "ห่วงโซ่คุณค่า"},
    "kind.area": {"en": "area", "th": "พื้นที่"},
    "kind.organization": {"en": "organization", "th": "หน่วยงาน"},
    "error.viz.down_needs_focus": {"en": "--down needs --focus ID (the goal to look beneath)",
                                   "th": "--down ต้องใช้คู่กับ --focus ID (เป้าหมายที่จะดูสิ่งที่อยู่ใต้ลงไป)"},
    "error.viz.unknown_level": {"en": "unknown level '{level}' (levels: {known})",
                                "th": "ไม่รู้จักระดับ '{level}' (ระดับที่มี: {known})"},
    "error.viz.unknown_plan": {"en": "unknown plan '{plan}'", "th": "ไม่รู้จักแผน '{plan}'"},
    "error.prefix": {"en": "Error: ", "th": "ข้อผิดพลาด: "},
    # ---- the command line's own messages (Thai: issue 14)
    "cli.load_findings": {"en": "{count} load findings: rows or values were left out; "
                                "`stratlink validate {data}` lists them",
                          "th": "ข้อค้นพบจากการนำเข้า {count} รายการ: มีแถวหรือค่าที่ไม่ได้นำเข้า "
                                "ดูรายละเอียดด้วย `stratlink validate {data}`"},
    "cli.export.wrote": {"en": "wrote {path}: {counts}", "th": "บันทึก {path} แล้ว: {counts}"},
    "cli.count": {"en": "{count} {what}", "th": "{what} {count} รายการ"},
    "cli.info.source": {"en": "{source}  (policy {policy}, years in {era})",
                         "th": "{source}  (เกณฑ์การตรวจ {policy} ปีในข้อมูลเป็น{era_th})"},
    "cli.info.counts": {"en": "{counts}; {load_findings} load findings; budget {budget} baht",
                         "th": "{counts} ข้อค้นพบจากการนำเข้า {load_findings} รายการ งบประมาณรวม {budget} บาท"},
    "cli.info.header.level": {"en": "level", "th": "ระดับแผน"},
    "cli.info.header.plans": {"en": "plans", "th": "แผน"},
    "cli.info.header.elements": {"en": "elements", "th": "องค์ประกอบ"},
    "cli.info.header.projects": {"en": "projects", "th": "โครงการ"},
    "cli.info.header.kinds": {"en": "element kinds", "th": "ประเภทองค์ประกอบ"},
    "cli.info.header.value_chain": {"en": "value chain", "th": "ห่วงโซ่คุณค่า"},
    "cli.info.header.name": {"en": "name", "th": "ชื่อ"},
    "cli.info.header.upstream": {"en": "upstream", "th": "ต้นทาง"},
    "cli.info.header.midstream": {"en": "midstream", "th": "กลางทาง"},
    "cli.info.header.downstream": {"en": "downstream", "th": "ปลายทาง"},
    "cli.info.header.no_stage": {"en": "no stage", "th": "ไม่ระบุช่วง"},
    "cli.template.wrote": {"en": "wrote {path}: fill it in, then run `stratlink check {path}`",
                           "th": "บันทึก {path} แล้ว: กรอกข้อมูลให้ครบ แล้วตรวจด้วย `stratlink check {path}`"},
    "cli.wrote": {"en": "wrote {path}", "th": "บันทึก {path} แล้ว"},
    "cli.import_wide.wrote": {"en": "wrote {path}: {projects} project(s), {links} link(s)",
                              "th": "บันทึก {path} แล้ว: โครงการ {projects} โครงการ ความเชื่อมโยง {links} รายการ"},
    "cli.import_wide.needs_output": {"en": "give -o OUT (the workbook to write), or --print-map",
                                     "th": "ให้ระบุ -o OUT (สมุดงานที่จะบันทึก) หรือ --print-map"},
    "cli.export_wide.wrote": {"en": "wrote {path}: {projects} projects",
                              "th": "บันทึก {path} แล้ว: โครงการ {projects} โครงการ"},
    "cli.export_wide.lost": {"en": "{lost} project link(s) fit no column of the map and were not written",
                             "th": "ความเชื่อมโยงของโครงการ {lost} รายการไม่ตรงกับคอลัมน์ใดในไฟล์จับคู่คอลัมน์ "
                                   "จึงไม่ได้บันทึก"},
    "cli.neo4j.import_files": {"en": "wrote {nodes} nodes and {relationships} relationships to {folder}; "
                                     "with the database stopped, run:",
                               "th": "บันทึกโหนด {nodes} โหนดและความสัมพันธ์ {relationships} รายการลง {folder} "
                                     "แล้ว ปิดฐานข้อมูลก่อน แล้วรันคำสั่ง:"},
    "cli.matrix.needs_output": {"en": "--format xlsx needs --output FILE.xlsx",
                                 "th": "--format xlsx ต้องระบุ --output FILE.xlsx"},
    "cli.matrix.wrote": {"en": "wrote {path}: {projects} projects x {tops} top elements",
                          "th": "บันทึก {path} แล้ว: โครงการ {projects} x องค์ประกอบระดับบนสุด {tops}"},
    "cli.neo4j.password": {"en": "Neo4j password", "th": "รหัสผ่าน Neo4j"},
    "cli.neo4j.partial": {"en": "WARNING: {message}; these rows come from a partial graph",
                          "th": "คำเตือน: {message} แถวเหล่านี้มาจากกราฟที่นำเข้าไม่ครบ"},
    "cli.neo4j.writing": {"en": "writing", "th": "กำลังบันทึก"},
    "cli.neo4j.loaded": {"en": "loaded {source} into {uri}: {nodes} nodes, "
                               "{relationships} relationships in {seconds:.1f} s",
                         "th": "นำเข้า {source} สู่ {uri} แล้ว: โหนด {nodes} ความสัมพันธ์ "
                               "{relationships} ใช้เวลา {seconds:.1f} วินาที"},
    # a count of records (Thai: the noun, the number, its classifier: แผน 15 แผน)
    "count.plans": {"en": "{count} plans", "th": "แผน {count} แผน"},
    "count.elements": {"en": "{count} elements", "th": "องค์ประกอบ {count} รายการ"},
    "count.projects": {"en": "{count} projects", "th": "โครงการ {count} โครงการ"},
    "count.links": {"en": "{count} links", "th": "ความเชื่อมโยง {count} รายการ"},
    "count.value_chains": {"en": "{count} value_chains", "th": "ห่วงโซ่คุณค่า {count} ห่วงโซ่"},
    "count.areas": {"en": "{count} areas", "th": "พื้นที่ {count} พื้นที่"},
    "count.organizations": {"en": "{count} organizations", "th": "หน่วยงาน {count} หน่วยงาน"},
    "era.BE": {"en": "BE", "th": " พ.ศ."},
    "era.CE": {"en": "CE", "th": " ค.ศ."},
    # element kinds (workbook.md's examples and the sample's own)
    "word.strategy": {"en": "strategy", "th": "ยุทธศาสตร์"},
    "word.master_plan": {"en": "master_plan", "th": "แผนแม่บท"},
    "word.sub_plan": {"en": "sub_plan", "th": "แผนย่อย"},
    "word.target": {"en": "target", "th": "เป้าหมาย"},
    "word.issue": {"en": "issue", "th": "ประเด็นการพัฒนา"},
    "word.goal": {"en": "goal", "th": "เป้าประสงค์"},
    "word.tactic": {"en": "tactic", "th": "กลยุทธ์"},
    "word.programme": {"en": "programme", "th": "แผนงาน"},
    "word.indicator": {"en": "indicator", "th": "ตัวชี้วัด"},
    "word.milestone": {"en": "milestone", "th": "หมุดหมาย"},
    "cli.query.param_syntax": {"en": "--param needs K=V or K:=JSON, not '{item}'",
                                "th": "--param ต้องเป็น K=V หรือ K:=JSON ไม่ใช่ '{item}'"},
    "cli.query.param_json": {"en": "--param {key}: not JSON ({error})",
                              "th": "--param {key}: ไม่ใช่ JSON ({error})"},
    "cli.query.rows": {"en": "({count} rows)", "th": "({count} แถว)"},
    "cli.query.one_row": {"en": "({count} row)", "th": "({count} แถว)"},
}



# ---- --help in Thai. The English help of each command and option is its docstring or
# help= in cli.py (click's convention, and what `--help` shows in English); the Thai is
# here, by command path ("help.neo4j load") and by option name ("option.fail_on").
# A test checks that every command and option has its Thai entry.
HELP_TH = {
    # ---- commands (the English help is each command's docstring in cli.py)
    "help.main": """stratlink: สืบเส้นทางความเชื่อมโยงของแผนและโครงการของประเทศไทยขึ้นไปจนถึงยุทธศาสตร์ชาติ

\b
ตัวอย่าง:
  stratlink info examples/roiet-2561
  stratlink check examples/roiet-2561 --format json""",
    "help.validate": """นำเข้า DATA แล้วรายงานข้อค้นพบจากการนำเข้าและข้อที่ไม่ผ่านการตรวจตามข้อกำหนด SHACL

สถานะเมื่อจบการทำงาน: 0 ไม่มีข้อค้นพบที่รุนแรงเท่ากับ --fail-on ขึ้นไป, 1 มี,
2 อ่าน DATA ไม่ได้ (หรือใช้คำสั่งผิด)

\b
ตัวอย่าง:
  stratlink validate examples/roiet-2561
  stratlink validate plans.xlsx --no-shacl --format json""",
    "help.export": """ส่งออก DATA เป็นรูปแบบอื่นตามนามสกุลของ --to (หรือ --format) โดยข้อมูลไม่สูญหาย

\b
ตัวอย่าง:
  stratlink export examples/roiet-2561 --to roiet.ttl
  stratlink export examples/roiet-2561 --to roiet.xlsx --era CE""",
    "help.info": """สรุปจำนวนแผน องค์ประกอบ และโครงการของ DATA ตามระดับแผน ประเภท และห่วงโซ่คุณค่า

\b
ตัวอย่าง:
  stratlink info examples/roiet-2561
  stratlink info examples/roiet-2561.xlsx --format json""",
    "help.check": """ตรวจความเชื่อมโยงของแผนใน DATA: ข้อค้นพบจากการนำเข้า โครงสร้าง ความขัดแย้ง และความครอบคลุม

สถานะเมื่อจบการทำงาน: 0 ไม่มีข้อค้นพบที่รุนแรงเท่ากับ --fail-on ขึ้นไป, 1 มี,
2 อ่าน DATA ไม่ได้ (หรือใช้คำสั่งผิด)

\b
ตัวอย่าง:
  stratlink check examples/roiet-2561
  stratlink check plans.xlsx --format json --fail-on warning --output findings.json
  stratlink check examples/roiet-2561 --lang th --format markdown""",
    "help.trace": """สืบเส้นทางความเชื่อมโยงของโครงการหรือองค์ประกอบ ID ขึ้นไปจนถึงระดับบนสุด
(หรือเมื่อใช้ --down แสดงโครงการทั้งหมดที่อยู่ภายใต้ ID)

\b
ตัวอย่าง:
  stratlink trace examples/roiet-2561 PRJ-001
  stratlink trace examples/roiet-2561 PRJ-001 --format json --max-paths 10
  stratlink trace examples/roiet-2561 NS-S2 --down""",
    "help.matrix": """ตารางความเชื่อมโยง: โครงการ x องค์ประกอบระดับบนสุด แต่ละช่องเป็น 'หลัก'
(เชื่อมโยงถึงผ่านความเชื่อมโยงหลักและลำดับชั้นในแผนเท่านั้น) 'รอง' (เชื่อมโยงถึงผ่าน
ความเชื่อมโยงรองอย่างน้อยหนึ่งช่วง) หรือว่าง

\b
ตัวอย่าง:
  stratlink matrix examples/roiet-2561
  stratlink matrix examples/roiet-2561 --format text --lang th
  stratlink matrix examples/roiet-2561 --format xlsx --output matrix.xlsx""",
    "help.coverage": """จำนวนโครงการ งบประมาณ (บาท เฉพาะความเชื่อมโยงหลัก และทั้งหมด) และช่วงของห่วงโซ่คุณค่า
ภายใต้องค์ประกอบระดับบนสุดแต่ละรายการ และองค์ประกอบในระดับที่ต้องตรวจความครอบคลุม

\b
ตัวอย่าง:
  stratlink coverage examples/roiet-2561
  stratlink coverage examples/roiet-2561 --format csv --output coverage.csv""",
    "help.neo4j": """นำเข้าสมุดงานแผนสู่ Neo4j แล้วตรวจ สืบเส้นทาง และเรียกข้อมูลในฐานข้อมูลนั้น

การเชื่อมต่อ: --uri/--user หรือ NEO4J_URI/NEO4J_USER, --database หรือ NEO4J_DATABASE;
รหัสผ่านจาก NEO4J_PASSWORD หรือ --password-prompt ต้องติดตั้งไดรเวอร์ด้วย:
pip install 'stratlink[neo4j]'

\b
ตัวอย่าง:
  eval "$(make -s neo4j)"
  stratlink neo4j load examples/roiet-2561 --replace
  stratlink neo4j check --format json
  stratlink neo4j trace PRJ-001
  stratlink neo4j query 'MATCH (p:Project) RETURN p.id, p.budget LIMIT 5'""",
    "help.neo4j load": """นำเข้า DATA (โฟลเดอร์ CSV, .xlsx หรือ RDF) สู่ Neo4j การนำเข้า DATA เดิมซ้ำจะไม่เปลี่ยนแปลงสิ่งใด
แถวที่ไม่ได้นำเข้าจะแจ้งทางช่องแสดงข้อผิดพลาด

\b
ตัวอย่าง:
  stratlink neo4j load examples/roiet-2561 --replace
  stratlink neo4j load plans.xlsx --replace ROIET-PDP-2566-2570""",
    "help.neo4j check": """ข้อค้นพบทั้งหมดของ 'stratlink check' ที่คำนวณด้วย Cypher บนสมุดงานที่เก็บใน Neo4j
(ผลลัพธ์และสถานะเมื่อจบการทำงานเหมือนกัน)

\b
ตัวอย่าง:
  stratlink neo4j check
  stratlink neo4j check --format json --fail-on warning""",
    "help.neo4j trace": """สืบเส้นทางความเชื่อมโยงของ ID ขึ้นไปจนถึงระดับบนสุดด้วย Cypher
(หรือเมื่อใช้ --down แสดงโครงการที่อยู่ภายใต้ ID)

\b
ตัวอย่าง:
  stratlink neo4j trace PRJ-001
  stratlink neo4j trace NS-S2 --down --format json""",
    "help.neo4j query": """รันคำสั่ง Cypher (อ่านอย่างเดียว เว้นแต่ใช้ --write) แล้วแสดงผลทีละแถว

\b
ตัวอย่าง:
  stratlink neo4j query 'MATCH (p:Project {id: $id}) RETURN p.name_th, p.budget' --param id=PRJ-001
  stratlink neo4j query 'MATCH (n:L_province) RETURN count(n)' --format json""",
    "help.template": """สร้างสมุดงานแผนเปล่า (.xlsx) ไว้กรอกใน Excel

มีแผ่นงานตามข้อกำหนดสมุดงานพร้อมชื่อคอลัมน์ที่ stratlink อ่าน แผ่นงานคำแนะนำ คำอธิบายภาษาไทยและ
อังกฤษบนหัวคอลัมน์ทุกคอลัมน์ รายการให้เลือกสำหรับระดับแผน ช่วงของห่วงโซ่คุณค่า (ต้นทาง/ต้นน้ำ ...) ความสัมพันธ์ บทบาท
ประเภท ภาคส่วน และรหัส และตรึงแถวหัวตาราง

\b
ตัวอย่าง:
  stratlink template -o plan.xlsx --with-national
  stratlink template -o plan-en.xlsx --lang en""",
    "help.generate": """สร้างสมุดงานตัวอย่างระดับประเทศ N โครงการลงโฟลเดอร์ OUT (CSV) โดยใส่ข้อค้นพบ
ทุกชนิดไว้ในอัตราคงที่ต่อโครงการ

\b
ตัวอย่าง:
  stratlink generate out/bench-100k --projects 100000 --seed 1
  stratlink generate out/roiet --projects 2000 --provinces 5""",
    "help.map": """วาดแผนภาพความเชื่อมโยงของ DATA เป็นไฟล์ HTML ไฟล์เดียวที่เปิดได้โดยไม่ต้องใช้อินเทอร์เน็ต:
ยุทธศาสตร์ชาติอยู่บนสุด โครงการหมู่บ้านอยู่ล่างสุด ข้อค้นพบเป็นสีแดงและสีเหลืองอำพัน
ชี้เพื่อดูรายละเอียด คลิกเพื่อดูข้อค้นพบของแต่ละจุด

\b
ตัวอย่าง:
  stratlink map examples/roiet-2561 -o map.html
  stratlink map examples/roiet-2561 -o focus.html --focus PRJ-068
  stratlink map examples/roiet-2561 -o beneath.html --focus NS-S2 --down --lang en
  stratlink map plans.xlsx -o province.html --level province --level district""",
    "help.report": """จัดทำรายงานความเชื่อมโยงของ DATA เป็นไฟล์ HTML ไฟล์เดียวที่เปิดได้โดยไม่ต้องใช้อินเทอร์เน็ต:
สรุปผล ตารางข้อค้นพบ (กรองและเรียงได้) แผนภูมิความครอบคลุม ตารางความเชื่อมโยง
ช่วงของห่วงโซ่คุณค่า และแผนภาพความเชื่อมโยง พิมพ์ได้

\b
ตัวอย่าง:
  stratlink report examples/roiet-2561 -o report.html
  stratlink report plans.xlsx -o report-en.html --lang en --large""",
    "help.neo4j import-files": """บันทึก DATA เป็นไฟล์ CSV สำหรับเครื่องมือนำเข้าแบบกลุ่มของ Neo4j (ฐานข้อมูลว่างที่ปิดอยู่)
และแสดงคำสั่งที่ต้องรัน เร็วกว่า 'neo4j load' มากสำหรับสมุดงานขนาดใหญ่

\b
ตัวอย่าง:
  stratlink neo4j import-files examples/roiet-2561 out/import
  neo4j-admin database import full neo4j $(cat out/import/arguments.txt)""",
    "help.import-wide": """อ่านตารางโครงการแบบหนึ่งแถวต่อหนึ่งโครงการ (คอลัมน์ความเชื่อมโยงเก็บชื่อองค์ประกอบของแผน
เป็นข้อความ) เทียบกับแผนใน WORKBOOK แล้วบันทึกสมุดงานพร้อมโครงการและความเชื่อมโยงลง OUT

SHEET เป็นไฟล์ .csv (UTF-8 หรือ cp874) หรือ .xlsx แถวชื่อเรื่องเหนือหัวตารางและแถวรวมจะถูกข้าม
แต่ละค่าจับคู่กับองค์ประกอบของแผนประจำคอลัมน์ตามรหัส ตามชื่อ แล้วตามความใกล้เคียง คอลัมน์ 'อ้างอิง'
ตรวจเทียบกับเส้นทางความเชื่อมโยงจริงและไม่สร้างความเชื่อมโยงใหม่ สถานะเมื่อจบการทำงาน: 0 ไม่มี
ข้อค้นพบที่รุนแรงเท่ากับ --fail-on ขึ้นไป, 1 มี, 2 อ่านข้อมูลไม่ได้หรือการจับคู่คอลัมน์ไม่ตรงกับตาราง

\b
ตัวอย่าง:
  stratlink import-wide examples/roiet-2561-wide.xlsx --plans examples/roiet-2561-plans \\
      --map examples/roiet-2561-wide.toml -o roiet.xlsx
  stratlink import-wide projects.csv --plans plans.xlsx --print-map > map.toml
  stratlink import-wide projects.xlsx --plans plans.xlsx --map map.toml -o out/ --format json""",
    "help.export-wide": """บันทึก WORKBOOK เป็นตารางหนึ่งแถวต่อหนึ่งโครงการ หนึ่งคอลัมน์ต่อหนึ่งแผน แสดงเป้าหมายของโครงการ
(คอลัมน์เชื่อมโยง) หรือองค์ประกอบที่เส้นทางความเชื่อมโยงไปถึง (คอลัมน์อ้างอิง) ในรูป "รหัส ชื่อ"
บรรทัดละรายการ นำเข้ากลับด้วยการจับคู่และแผนเดิมจะได้โครงการและความเชื่อมโยงเดิม

\b
ตัวอย่าง:
  stratlink export-wide examples/roiet-2561 -o roiet-wide.xlsx
  stratlink export-wide roiet.xlsx --map examples/roiet-2561-wide.toml -o roiet-wide.csv""",
    "option.shared": "สมุดงานที่ DATA ทุกชุดอ้างถึงได้ (ระบุซ้ำได้; 'national' คือยุทธศาสตร์ชาติและแผนแม่บท"
                     "ที่มากับโปรแกรม) เมื่อมีหลายสมุดงาน รหัสจะอยู่ในรูป NAMESPACE:ID",
    "option.n": "จำนวนโครงการ",
    "option.seed": "ค่าเริ่มต้นของการสุ่ม",
    "option.provinces": "ใช้ K จังหวัดแรกตามรหัสกรมการปกครอง (ค่าเริ่มต้น: ทั้ง 77 จังหวัด)",
    "option.focus": "แสดงเฉพาะเส้นทางขึ้นของโครงการหรือองค์ประกอบ ID พร้อมหมายเลขเส้นทาง",
    "option.levels": "แสดงเฉพาะจุดในระดับ LEVEL (ระบุซ้ำได้; ชื่อระดับหรือชื่อภาษาไทย/อังกฤษ)",
    "option.plans": "แสดงเฉพาะจุดของแผน ID (ระบุซ้ำได้)",
    "option.large": "เริ่มด้วยตัวอักษรขนาดใหญ่ (สำหรับเครื่องฉาย)",
    "option.import-wide.plans": "สมุดงานแผนที่มีแผนและองค์ประกอบที่ค่าในตารางอ้างถึง (โครงการเดิมในนั้นยังคงอยู่)",
    "option.map_file": "ไฟล์ที่บอกว่าคอลัมน์ใดคืออะไร (ค่าเริ่มต้น: ชื่อคอลัมน์ภาษาไทยที่พบบ่อย)",
    "option.sheet_name": "แผ่นงานของไฟล์ .xlsx (ค่าเริ่มต้น: แผ่นงานแรกที่มองเห็น)",
    "option.out": "สมุดงานที่จะบันทึก: โฟลเดอร์ (CSV), .xlsx, .ttl, .jsonld หรือ .nt",
    "option.export.out_format": "รูปแบบที่จะบันทึก ไม่ว่านามสกุลของ --to จะเป็นอะไร (ค่าเริ่มต้น: ตามนามสกุลนั้น)",
    "option.export-wide.out": "ตารางที่จะบันทึก: .xlsx หรือ CSV (UTF-8 มี BOM)",
    "option.print_map": "สร้างไฟล์จับคู่คอลัมน์ของ SHEET ไว้แก้ไขต่อ (แสดงบนจอหรือบันทึกด้วย -o) แล้วหยุด",
    # ---- options, by parameter name (shared by every command that has it)
    "option.batch_size": "จำนวนแถวต่อหนึ่งทรานแซกชัน (ค่าเริ่มต้นจากการวัด ดู docs/cypher.md)",
    "option.database": "ชื่อฐานข้อมูล (ตัวแปร NEO4J_DATABASE; ค่าเริ่มต้น: ฐานข้อมูลหลักของเซิร์ฟเวอร์)",
    "option.down": "แสดงโครงการทั้งหมดที่อยู่ภายใต้ ID แทน",
    "option.encoding": "การเข้ารหัสอักขระของไฟล์ CSV (ค่าเริ่มต้น: ตรวจหา UTF-8 หรือ cp874 เอง)",
    "option.from_format": "อ่าน DATA เป็นรูปแบบนี้ไม่ว่าชื่อไฟล์จะเป็นอย่างไร (ค่าเริ่มต้น: ดูจากชื่อไฟล์ แล้วจากเนื้อหา)",
    "option.era": "ศักราชของปีในไฟล์ที่บันทึก (ค่าเริ่มต้น: ตามข้อมูลนำเข้า) BE = พ.ศ., CE = ค.ศ.",
    "option.fail_on": "จบการทำงานด้วยสถานะ 1 เมื่อมีข้อค้นพบที่รุนแรงเท่านี้ขึ้นไป",
    "option.fmt": "รูปแบบผลลัพธ์",
    "option.lang": "ภาษาของข้อความ: th หรือ en (ค่าเริ่มต้น: ตามการตั้งค่าภาษาของระบบ)",
    "option.max_paths": "แสดงเส้นทางไม่เกินจำนวนนี้ (สั้นที่สุดก่อน) 'truncated' บอกเมื่อยังมีเส้นทางอื่นอีก",
    "option.output": "บันทึกลงไฟล์ FILE แทนการแสดงบนจอ",
    "option.params": "พารามิเตอร์ของคำสั่ง $K: K=V ส่งข้อความ V, K:=V อ่าน V เป็น JSON",
    "option.password_prompt": "ถามรหัสผ่าน (ไม่แสดงบนจอ) แทนการอ่านจาก NEO4J_PASSWORD",
    "option.policy": "ไฟล์เกณฑ์การตรวจ (TOML) หรือชื่อเกณฑ์สำเร็จรูป (ค่าเริ่มต้น: th-one-plan)",
    "option.replace": "ลบสมุดงานที่เก็บไว้ก่อน หากระบุรหัสแผน จะแทนที่เฉพาะองค์ประกอบ "
                      "โครงการ และความเชื่อมโยงของแผนนั้น",
    "option.shacl": "ตรวจตามข้อกำหนด SHACL ด้วย (ต้องติดตั้ง pyshacl)",
    "option.target": "ไฟล์ที่จะบันทึก: .ttl, .jsonld, .nt, .xlsx หรือโฟลเดอร์สำหรับไฟล์ CSV",
    "option.uri": "ที่อยู่เซิร์ฟเวอร์ (ตัวแปร NEO4J_URI)",
    "option.user": "ชื่อผู้ใช้ (ตัวแปร NEO4J_USER)",
    "option.version": "แสดงรุ่นของโปรแกรมแล้วจบการทำงาน",
    "option.help": "แสดงข้อความนี้แล้วจบการทำงาน",
    "option.wide": "แสดงหนึ่งบรรทัดต่อหนึ่งรายการ ชื่อเต็มไม่ตัด (ค่าเริ่มต้น: พอดีความกว้างหน้าจอ)",
    "option.template.output": "สมุดงานที่จะบันทึก (ไม่บันทึกทับไฟล์เดิม เว้นแต่ใช้ --force)",
    "option.template.lang": "ภาษาที่แสดงก่อนในแผ่นงานคำแนะนำ คำอธิบาย และรายการให้เลือก (ค่าเริ่มต้น: ตามภาษาของระบบ)",
    "option.force": "บันทึกทับ FILE หากมีอยู่แล้ว",
    "option.with_national": "ใส่ยุทธศาสตร์ชาติ แผนแม่บท 23 ประเด็น และหมุดหมายของแผนพัฒนาฯ ฉบับที่ 13 ไว้ให้",
    "option.write": "อนุญาตให้คำสั่งแก้ไขข้อมูล (ค่าเริ่มต้น: อ่านอย่างเดียว เซิร์ฟเวอร์จะปฏิเสธการแก้ไข)",
}

#: click's own words (usage, headings, usage errors) in Thai, by click's English text
CLICK_TH = {
    "Usage:": "วิธีใช้:",
    "Options": "ตัวเลือก",
    "Commands": "คำสั่ง",
    "Positional arguments": "อาร์กิวเมนต์",
    "Show this message and exit.": "แสดงข้อความนี้แล้วจบการทำงาน",
    "Show the version and exit.": "แสดงรุ่นของโปรแกรมแล้วจบการทำงาน",
    "Error: {message}": "ข้อผิดพลาด: {message}",
    "Try '{command} {option}' for help.": "ดูวิธีใช้ด้วย '{command} {option}'",
    "No such option {name!r}.": "ไม่มีตัวเลือก {name!r}",
    "No such command {name!r}.": "ไม่มีคำสั่ง {name!r}",
    "Missing argument": "ขาดอาร์กิวเมนต์",
    "Missing option": "ขาดตัวเลือก",
    "Missing parameter": "ขาดค่าที่ต้องระบุ",
    "Missing command.": "ไม่ได้ระบุคำสั่ง",
    "Invalid value for {param_hint}: {message}": "ค่าของ {param_hint} ไม่ถูกต้อง: {message}",
    "Invalid value: {message}": "ค่าไม่ถูกต้อง: {message}",
    "Option {name!r} does not take a value.": "ตัวเลือก {name!r} ไม่รับค่า",
    "default: {default}": "ค่าเริ่มต้น: {default}",
    "env var: {var}": "ตัวแปรสภาพแวดล้อม: {var}",
    "{value!r} is not a valid {number_type}.": "{value!r} ไม่ใช่{number_type}ที่ถูกต้อง",
    "{value} is not in the range {range}.": "{value} ไม่อยู่ในช่วง {range}",
    "Aborted!": "ยกเลิกแล้ว",
    "required": "จำเป็น",
    "%(prog)s, version %(version)s": "%(prog)s รุ่น %(version)s",
    # ngettext forms (singular and plural are the same in Thai)
    "{value!r} is not {choice}.": "{value!r} ไม่ใช่ {choice}",
    "{value!r} is not one of {choices}.": "{value!r} ไม่ใช่ค่าใดใน {choices}",
    "Got unexpected extra argument ({args})": "มีอาร์กิวเมนต์เกินมา ({args})",
    "Got unexpected extra arguments ({args})": "มีอาร์กิวเมนต์เกินมา ({args})",
    "Option {name!r} requires an argument.": "ตัวเลือก {name!r} ต้องมีค่า",
    "Option {name!r} requires {nargs} arguments.": "ตัวเลือก {name!r} ต้องมีค่า {nargs} ค่า",
}
CLICK_TH.update({
    "Did you mean {possibility}?": "หมายถึง {possibility} หรือไม่",
    "(Did you mean one of: {possibilities}?)": "(หมายถึงค่าใดค่าหนึ่งใน {possibilities} หรือไม่)",
})


class _Blank(dict):
    """Format arguments where a missing field is empty text."""

    def __missing__(self, key):
        return ""


#: the map's and the report's words (stratlink.viz.words reads them as 'viz.<key>')
VIZ_WORDS: dict[str, dict[str, str]] = {
    # ---- map page ---------------------------------------------------------------
    "map_title": {"en": "Strategy linkage map", "th": "แผนภาพความเชื่อมโยงของแผน"},
    "focus_title": {"en": "How {name} reaches the top", "th": "เส้นทางเชื่อมโยงของ {name} สู่ระดับบนสุด"},
    "down_title": {"en": "Everything beneath {name}", "th": "ทุกสิ่งที่อยู่ภายใต้ {name}"},
    "legend": {"en": "Legend", "th": "คำอธิบายสัญลักษณ์"},
    "levels": {"en": "Levels (colour)", "th": "ระดับแผน (สี)"},
    "shapes": {"en": "Shapes", "th": "รูปทรง"},
    "lines": {"en": "Lines", "th": "เส้น"},
    "marks": {"en": "Findings", "th": "ข้อค้นพบ"},
    "element": {"en": "plan element (strategy, goal, tactic...)", "th": "องค์ประกอบของแผน (ยุทธศาสตร์ เป้าหมาย กลยุทธ์ ...)"},
    "project": {"en": "project, no value-chain stage", "th": "โครงการ (ไม่ระบุช่วงของห่วงโซ่คุณค่า)"},
    "upstream": {"en": "project, upstream", "th": "โครงการช่วงต้นทาง"},
    "midstream": {"en": "project, midstream", "th": "โครงการช่วงกลางทาง"},
    "downstream": {"en": "project, downstream", "th": "โครงการช่วงปลายทาง"},
    "group": {"en": "group of projects (count)", "th": "กลุ่มโครงการ (จำนวน)"},
    "edge_parent": {"en": "part of (within a plan)", "th": "เป็นส่วนหนึ่งของ (ภายในแผน)"},
    "edge_primary": {"en": "contributes (primary)", "th": "สนับสนุน (หลัก)"},
    "edge_secondary": {"en": "contributes (secondary)", "th": "สนับสนุน (รอง)"},
    "edge_aligns": {"en": "aligns with", "th": "สอดคล้องกับ"},
    "edge_conflict": {"en": "conflicts with", "th": "ขัดแย้งกับ"},
    "edge_downward": {"en": "downward link (error)", "th": "เชื่อมโยงลงระดับต่ำกว่า (ผิดพลาด)"},
    "edge_cycle": {"en": "link in a cycle (error)", "th": "เชื่อมโยงเป็นวงจร (ผิดพลาด)"},
    "edge_group": {"en": "projects of a group", "th": "โครงการในกลุ่ม"},
    "edge_path": {"en": "path (numbered)", "th": "เส้นทาง (มีหมายเลข)"},
    "mark_error": {"en": "has an error (orphan, broken chain, cycle, downward link, conflict...)",
                   "th": "มีข้อผิดพลาด (ไม่เชื่อมโยง ขาดช่วง วงจร เชื่อมโยงลง ขัดแย้ง ...)"},
    "mark_warning": {"en": "has a warning (uncovered goal, level skip, mismatch...)",
                     "th": "มีคำเตือน (เป้าหมายที่ไม่มีโครงการ ข้ามระดับ ไม่สอดคล้องพื้นที่/ปี ...)"},
    "mark_deadend": {"en": "dead end of a broken chain", "th": "จุดที่ความเชื่อมโยงขาดช่วง"},
    "findings": {"en": "Findings", "th": "ข้อค้นพบ"},
    "no_findings": {"en": "No findings for this node.", "th": "ไม่มีข้อค้นพบสำหรับรายการนี้"},
    "click_hint": {"en": "Click a node to list its findings; hover for details; scroll to zoom.",
                   "th": "คลิกที่รายการเพื่อดูข้อค้นพบ ชี้เพื่อดูรายละเอียด เลื่อนลูกกลิ้งเพื่อย่อ/ขยาย"},
    "paths": {"en": "Paths", "th": "เส้นทาง"},
    "all_paths": {"en": "show all paths", "th": "แสดงทุกเส้นทาง"},
    "fit": {"en": "Fit to screen", "th": "พอดีหน้าจอ"},
    "large_type": {"en": "Large type", "th": "ตัวอักษรใหญ่"},
    "print": {"en": "Print", "th": "พิมพ์"},
    "close": {"en": "Close", "th": "ปิด"},
    "generated": {"en": "Made by stratlink {version} from {source}", "th": "สร้างโดย stratlink {version} จาก {source}"},
    # ---- notes on a map ------------------------------------------------------------
    "note_grouped": {
        "en": "{projects} projects are more than {limit}, so projects are shown as counted groups, one per "
              "element they link to (click a group for its count and budget).",
        "th": "มีโครงการ {projects} โครงการ เกิน {limit} โครงการ จึงแสดงเป็นกลุ่มพร้อมจำนวน หนึ่งกลุ่มต่อองค์ประกอบที่เชื่อมโยง "
              "(คลิกที่กลุ่มเพื่อดูจำนวนและงบประมาณ)"},
    "note_cut": {
        "en": "{elements} plan elements are more than {limit}: at the {level} level only the top elements "
              "are drawn, and the elements below them are folded into the groups.",
        "th": "มีองค์ประกอบของแผน {elements} รายการ เกิน {limit} รายการ ระดับ{level}จึงแสดงเฉพาะองค์ประกอบบนสุด "
              "องค์ประกอบที่อยู่ใต้ลงไปรวมอยู่ในกลุ่ม"},
    "note_cut_level": {
        "en": "{elements} plan elements are more than {limit}: elements from the {level} level down are folded "
              "into the groups of the element above them.",
        "th": "มีองค์ประกอบของแผน {elements} รายการ เกิน {limit} รายการ องค์ประกอบตั้งแต่ระดับ{level}ลงไป "
              "จึงรวมอยู่ในกลุ่มขององค์ประกอบที่อยู่เหนือขึ้นไป"},
    "note_truncated": {"en": "Only the first {n} paths are shown; more exist.",
                       "th": "แสดงเฉพาะ {n} เส้นทางแรก ยังมีเส้นทางอื่นอีก"},
    "note_incomplete": {"en": "{name} does not reach the top level ({top}).",
                        "th": "{name} เชื่อมโยงไม่ถึงระดับบนสุด ({top})"},
    "note_is_top": {"en": "{name} is at the top level ({top}); --down shows what is beneath it.",
                    "th": "{name} อยู่ระดับบนสุด ({top}) ใช้ --down เพื่อดูสิ่งที่อยู่ภายใต้"},
    "note_reaches": {"en": "{name} reaches {tops} by {n} path(s).",
                     "th": "{name} เชื่อมโยงถึง {tops} ด้วย {n} เส้นทาง"},
    "note_beneath": {"en": "{n} project(s) beneath {name}.", "th": "มีโครงการ {n} โครงการภายใต้ {name}"},
    "note_filter": {"en": "Filtered: {what}.", "th": "กรองเฉพาะ: {what}"},
    "note_empty": {"en": "Nothing to show.", "th": "ไม่มีรายการที่จะแสดง"},
    # ---- details (hover) -------------------------------------------------------------
    "id": {"en": "id", "th": "รหัส"},
    "name": {"en": "name", "th": "ชื่อ"},
    "name_other": {"en": "name (Thai)", "th": "ชื่อ (อังกฤษ)"},
    "kind": {"en": "kind", "th": "ประเภท"},
    "plan": {"en": "plan", "th": "แผน"},
    "level": {"en": "level", "th": "ระดับแผน"},
    "owner": {"en": "owner", "th": "หน่วยงานรับผิดชอบ"},
    "area": {"en": "area", "th": "พื้นที่"},
    "fiscal_year": {"en": "fiscal year", "th": "ปีงบประมาณ"},
    "budget": {"en": "budget", "th": "งบประมาณ"},
    "baht": {"en": "baht", "th": "บาท"},
    "stage": {"en": "value-chain stage", "th": "ช่วงของห่วงโซ่คุณค่า"},
    "stage_upstream": {"en": "upstream", "th": "ต้นทาง"},
    "stage_midstream": {"en": "midstream", "th": "กลางทาง"},
    "stage_downstream": {"en": "downstream", "th": "ปลายทาง"},
    "value_chain": {"en": "value chain", "th": "ห่วงโซ่คุณค่า"},
    "projects": {"en": "projects", "th": "โครงการ"},
    "elements": {"en": "elements", "th": "องค์ประกอบ"},
    "errors": {"en": "errors", "th": "ข้อผิดพลาด"},
    "warnings": {"en": "warnings", "th": "คำเตือน"},
    "error": {"en": "error", "th": "ข้อผิดพลาด"},
    "warning": {"en": "warning", "th": "คำเตือน"},
    "group_label": {"en": "{n} projects", "th": "{n} โครงการ"},
    "group_of": {"en": "projects linked to {name}", "th": "โครงการที่เชื่อมโยงกับ {name}"},
    "unlinked_of": {"en": "projects at level {level} that reach no shown element",
                    "th": "โครงการระดับ{level} ที่ไม่เชื่อมโยงถึงองค์ประกอบที่แสดง"},
    "hidden_elements": {"en": "folded elements", "th": "องค์ประกอบที่รวมไว้"},
    "examples": {"en": "for example", "th": "ตัวอย่าง"},
    # ---- report -----------------------------------------------------------------------
    "report_title": {"en": "Strategy linkage report", "th": "รายงานความเชื่อมโยงยุทธศาสตร์"},
    "summary": {"en": "Summary", "th": "สรุป"},
    "plans": {"en": "plans", "th": "แผน"},
    "links": {"en": "links", "th": "ความเชื่อมโยง"},
    "complete": {"en": "projects that reach the top level", "th": "โครงการที่เชื่อมโยงถึงระดับบนสุด"},
    "total_budget": {"en": "total budget", "th": "งบประมาณรวม"},
    "findings_table": {"en": "Findings", "th": "ข้อค้นพบ"},
    "filter": {"en": "Filter", "th": "กรอง"},
    "all": {"en": "all", "th": "ทั้งหมด"},
    "severity": {"en": "severity", "th": "ความรุนแรง"},
    "code": {"en": "code", "th": "รหัสข้อค้นพบ"},
    "subject": {"en": "subject", "th": "รายการ"},
    "related": {"en": "related", "th": "รายการที่เกี่ยวข้อง"},
    "where": {"en": "where", "th": "ตำแหน่ง"},
    "message": {"en": "message", "th": "รายละเอียด"},
    "shown_of": {"en": "{shown} of {total} shown", "th": "แสดง {shown} จาก {total} รายการ"},
    "sort_hint": {"en": "click a column heading to sort", "th": "คลิกหัวคอลัมน์เพื่อเรียงลำดับ"},
    "coverage": {"en": "Coverage of the national strategies", "th": "ความครอบคลุมยุทธศาสตร์ชาติ"},
    "coverage_note": {"en": "Projects beneath each top-level element and their budget (all links; "
                      "primary links only in the darker bar).",
                      "th": "จำนวนโครงการภายใต้แต่ละยุทธศาสตร์ระดับบนสุดและงบประมาณ (ทุกความเชื่อมโยง; "
                      "แถบสีเข้มคือเฉพาะความเชื่อมโยงหลัก)"},
    "budget_all": {"en": "budget (all links)", "th": "งบประมาณ (ทุกความเชื่อมโยง)"},
    "budget_primary": {"en": "budget (primary links)", "th": "งบประมาณ (ความเชื่อมโยงหลัก)"},
    "million": {"en": "M baht", "th": "ล้านบาท"},
    "matrix": {"en": "Traceability matrix", "th": "ตารางความเชื่อมโยงโครงการกับยุทธศาสตร์"},
    "matrix_note": {"en": "● primary: reached through primary links only; ○ secondary: only through some "
                    "secondary link; empty: not reached.",
                    "th": "● หลัก: เชื่อมโยงถึงผ่านความเชื่อมโยงหลักเท่านั้น; ○ รอง: ผ่านความเชื่อมโยงรอง; "
                    "ว่าง: ไม่เชื่อมโยงถึง"},
    "matrix_cut": {"en": "The first {n} of {total} projects are shown; `stratlink matrix` writes all of them.",
                   "th": "แสดง {n} โครงการแรกจาก {total} โครงการ คำสั่ง `stratlink matrix` แสดงทั้งหมด"},
    "table_cut": {"en": "The first {n} of {total} findings are in this page; `stratlink check` lists all of them.",
                  "th": "หน้านี้แสดง {n} ข้อค้นพบแรกจาก {total} รายการ คำสั่ง `stratlink check` แสดงทั้งหมด"},
    "chains": {"en": "Value chains by stage", "th": "ห่วงโซ่คุณค่าแยกตามช่วง"},
    "no_stage": {"en": "no stage", "th": "ไม่ระบุช่วง"},
    "serves": {"en": "serves", "th": "สนับสนุน"},
    "gap": {"en": "no project at this stage", "th": "ขาดช่วง: ไม่มีโครงการในช่วงนี้"},
    "no_chains": {"en": "The workbook has no value chains.", "th": "สมุดงานนี้ไม่มีห่วงโซ่คุณค่า"},
    "the_map": {"en": "Map", "th": "แผนภาพความเชื่อมโยง"},
    "map_purpose": {"en": "The linkage map", "th": "แผนภาพความเชื่อมโยง"},
    "side_panel": {"en": "Side panel", "th": "แผงด้านข้าง"},
    "at_sheet": {"en": "sheet {value}", "th": "แผ่นงาน {value}"},
    "at_row": {"en": "row {value}", "th": "แถว {value}"},
    "at_column": {"en": "column {value}", "th": "คอลัมน์ {value}"},
    "contents": {"en": "Contents", "th": "สารบัญ"},
    "primary": {"en": "primary", "th": "หลัก"},
    "secondary": {"en": "secondary", "th": "รอง"},
}

CATALOGUE.update({f"viz.{k}": v for k, v in VIZ_WORDS.items()})


#: the words of `stratlink import-wide`'s text output (stratlink.viz.wide)
WIDE_WORDS: dict = {
    "en": {
        "sheet": "{sheet}: header row {row}; map: {map}",
        "column": "  column '{title}' -> plan {plan} ({use})",
        "ignored": "ignored columns: {titles}",
        "headers": ("severity", "code", "project", "related", "row", "column", "message"),
        "severity": {"error": "error", "warning": "warning", "info": "info"},
        "use": {"link": "link", "claim": "claim"},
        "none": "No findings.",
        "summary": "{projects} project(s) and {links} link(s) imported, {skipped_rows} row(s) skipped; "
                   "labels matched by code {code}, by name {name}, fuzzy {fuzzy}; unmatched {unmatched}, "
                   "ambiguous {ambiguous}; {errors} error(s), {warnings} warning(s), {info} info",
        "plans": "the plans workbook has {n} load finding(s); `stratlink validate` lists them",
    },
    "th": {
        "sheet": "{sheet}: หัวตารางอยู่แถวที่ {row} การจับคู่คอลัมน์: {map}",
        "column": "  คอลัมน์ '{title}' -> แผน {plan} ({use})",
        "ignored": "คอลัมน์ที่ไม่ได้ใช้: {titles}",
        "headers": ("ความรุนแรง", "รหัสข้อค้นพบ", "โครงการ", "รายการที่เกี่ยวข้อง", "แถว", "คอลัมน์", "รายละเอียด"),
        "severity": {"error": "ข้อผิดพลาด", "warning": "คำเตือน", "info": "ข้อสังเกต"},
        "use": {"link": "เชื่อมโยง", "claim": "อ้างอิง ใช้ตรวจทานเท่านั้น"},
        "none": "ไม่มีข้อค้นพบ",
        "summary": "นำเข้าโครงการ {projects} โครงการ ความเชื่อมโยง {links} รายการ ข้าม {skipped_rows} แถว "
                   "จับคู่ข้อความตามรหัส {code} ตามชื่อ {name} ตามความใกล้เคียง {fuzzy} ไม่พบ {unmatched} "
                   "กำกวม {ambiguous} | ข้อผิดพลาด {errors} คำเตือน {warnings} ข้อสังเกต {info}",
        "plans": "สมุดงานแผนมีข้อค้นพบจากการนำเข้า {n} รายการ ดูได้ด้วย `stratlink validate`",
    },
}


#: the words of the Excel template (`stratlink template`, loaders/template.py), read as
#: 'template.<key>': what each sheet and column means, the guide's steps and headings
TEMPLATE_WORDS: dict[str, dict[str, str]] = {
    "sheet.plans": {
        "en": "One row per plan document.",
        "th": "แผนแต่ละฉบับ หนึ่งแถวต่อหนึ่งแผน",
    },
    "sheet.elements": {
        "en": "Every strategy, issue, goal, target, tactic or programme inside a plan.",
        "th": "ยุทธศาสตร์ ประเด็น เป้าหมาย กลยุทธ์ แผนงาน ฯลฯ ภายในแผน",
    },
    "sheet.projects": {
        "en": "Every project, in the plan whose project list holds it.",
        "th": "โครงการทุกโครงการ ในแผนที่บรรจุโครงการนั้น",
    },
    "sheet.links": {
        "en": "Linkage claims: what serves or aligns with what in a higher plan.",
        "th": "ความเชื่อมโยง: โครงการหรือองค์ประกอบใดสนับสนุน/สอดคล้องกับสิ่งใดในแผนระดับที่สูงกว่า",
    },
    "sheet.value_chains": {
        "en": "Value chains (upstream, midstream, downstream).",
        "th": "ห่วงโซ่คุณค่า (ต้นทาง กลางทาง ปลายทาง หรือ ต้นน้ำ กลางน้ำ ปลายน้ำ)",
    },
    "sheet.areas": {
        "en": "Areas (DOPA codes recommended: province 45, district 4501, sub-district 450101).",
        "th": "พื้นที่ (แนะนำรหัสกรมการปกครอง: จังหวัด 45 อำเภอ 4501 ตำบล 450101)",
    },
    "sheet.organizations": {
        "en": "Organisations and partners (Pracharat).",
        "th": "หน่วยงานและภาคี (ประชารัฐ)",
    },
    "column.plans.id": {
        "en": "an id unique across the whole workbook (case-sensitive)",
        "th": "รหัสที่ไม่ซ้ำกันทั้งสมุดงาน (ตัวพิมพ์เล็กและตัวพิมพ์ใหญ่ถือว่าต่างกัน)",
    },
    "column.plans.level": {
        "en": "the plan's rung on the ladder of plans (pick from the list)",
        "th": "ระดับแผนในลำดับชั้นของแผน (เลือกจากรายการ)",
    },
    "column.plans.name_th": {
        "en": "the Thai name (give a Thai or an English name, at least one)",
        "th": "ชื่อภาษาไทย (ต้องมีชื่อไทยหรืออังกฤษอย่างน้อยหนึ่งชื่อ)",
    },
    "column.plans.name_en": {
        "en": "the English name (give a Thai or an English name, at least one)",
        "th": "ชื่อภาษาอังกฤษ (ต้องมีชื่อไทยหรืออังกฤษอย่างน้อยหนึ่งชื่อ)",
    },
    "column.plans.area_id": {
        "en": "the area the plan covers (an id of the areas sheet); empty = the whole country",
        "th": "พื้นที่ที่แผนครอบคลุม (รหัสในแผ่นงาน areas) เว้นว่าง = ทั้งประเทศ",
    },
    "column.plans.period_start": {
        "en": "first fiscal year, B.E. or C.E. (2400 and above is read as B.E.)",
        "th": "ปีงบประมาณแรกของแผน ปีงบประมาณ พ.ศ. หรือ ค.ศ. (2400 ขึ้นไปอ่านเป็น พ.ศ.)",
    },
    "column.plans.period_end": {
        "en": "last fiscal year, B.E. or C.E. (2400 and above is read as B.E.)",
        "th": "ปีงบประมาณสุดท้ายของแผน ปีงบประมาณ พ.ศ. หรือ ค.ศ. (2400 ขึ้นไปอ่านเป็น พ.ศ.)",
    },
    "column.elements.id": {
        "en": "an id unique across the whole workbook (case-sensitive)",
        "th": "รหัสที่ไม่ซ้ำกันทั้งสมุดงาน (ตัวพิมพ์เล็กและตัวพิมพ์ใหญ่ถือว่าต่างกัน)",
    },
    "column.elements.plan_id": {
        "en": "the plan it belongs to (an id of the plans sheet)",
        "th": "แผนที่องค์ประกอบนี้อยู่ (รหัสในแผ่นงาน plans)",
    },
    "column.elements.kind": {
        "en": "kind, e.g. strategy, issue, goal, tactic, programme, target, indicator",
        "th": "ประเภท เช่น strategy (ยุทธศาสตร์) issue (ประเด็นการพัฒนา) goal (เป้าประสงค์) tactic (กลยุทธ์) "
              "programme (แผนงาน) target (เป้าหมาย) indicator (ตัวชี้วัด)",
    },
    "column.elements.name_th": {
        "en": "the Thai name (give a Thai or an English name, at least one)",
        "th": "ชื่อภาษาไทย (ต้องมีชื่อไทยหรืออังกฤษอย่างน้อยหนึ่งชื่อ)",
    },
    "column.elements.name_en": {
        "en": "the English name (give a Thai or an English name, at least one)",
        "th": "ชื่อภาษาอังกฤษ (ต้องมีชื่อไทยหรืออังกฤษอย่างน้อยหนึ่งชื่อ)",
    },
    "column.elements.parent_id": {
        "en": "the element directly above it in the same plan (not a link to another plan)",
        "th": "องค์ประกอบที่อยู่เหนือขึ้นไปในแผนเดียวกัน (ไม่ใช่ความเชื่อมโยงข้ามแผน)",
    },
    "column.elements.code": {
        "en": "the plan's own numbering, e.g. 3.2.1",
        "th": "เลขลำดับตามแผน เช่น 3.2.1",
    },
    "column.elements.description": {
        "en": "a description",
        "th": "คำอธิบาย",
    },
    "column.projects.id": {
        "en": "an id unique across the whole workbook (case-sensitive)",
        "th": "รหัสที่ไม่ซ้ำกันทั้งสมุดงาน (ตัวพิมพ์เล็กและตัวพิมพ์ใหญ่ถือว่าต่างกัน)",
    },
    "column.projects.plan_id": {
        "en": "the plan whose project list holds it (an id of the plans sheet)",
        "th": "แผนที่บรรจุโครงการนี้ (รหัสในแผ่นงาน plans)",
    },
    "column.projects.name_th": {
        "en": "the Thai name (give a Thai or an English name, at least one)",
        "th": "ชื่อภาษาไทย (ต้องมีชื่อไทยหรืออังกฤษอย่างน้อยหนึ่งชื่อ)",
    },
    "column.projects.name_en": {
        "en": "the English name (give a Thai or an English name, at least one)",
        "th": "ชื่อภาษาอังกฤษ (ต้องมีชื่อไทยหรืออังกฤษอย่างน้อยหนึ่งชื่อ)",
    },
    "column.projects.owner": {
        "en": "the responsible organisation (an id of the organizations sheet, or free text)",
        "th": "หน่วยงานรับผิดชอบ (รหัสในแผ่นงาน organizations หรือพิมพ์ชื่อ)",
    },
    "column.projects.area_id": {
        "en": "where it happens (an id of the areas sheet)",
        "th": "พื้นที่ดำเนินการ (รหัสในแผ่นงาน areas)",
    },
    "column.projects.fiscal_year": {
        "en": "fiscal year, B.E. or C.E. (2400 and above is read as B.E.)",
        "th": "ปีงบประมาณ ปีงบประมาณ พ.ศ. หรือ ค.ศ. (2400 ขึ้นไปอ่านเป็น พ.ศ.)",
    },
    "column.projects.budget": {
        "en": "budget in baht, 0 or more; thousands separators allowed",
        "th": "งบประมาณ (บาท) ไม่ติดลบ ใส่เครื่องหมายจุลภาคคั่นหลักพันได้",
    },
    "column.projects.value_chain_id": {
        "en": "the value chain it belongs to (an id of the value_chains sheet)",
        "th": "ห่วงโซ่คุณค่าที่โครงการนี้อยู่ (รหัสในแผ่นงาน value_chains)",
    },
    "column.projects.stage": {
        "en": "value-chain stage: upstream, midstream or downstream",
        "th": "ช่วงของห่วงโซ่คุณค่า: ต้นทาง กลางทาง ปลายทาง (หรือ ต้นน้ำ กลางน้ำ ปลายน้ำ)",
    },
    "column.projects.local_only": {
        "en": "true = serves a local need only, not expected to reach the national level (then not an orphan)",
        "th": "true = ตอบสนองความต้องการเฉพาะพื้นที่ ไม่ต้องเชื่อมโยงถึงระดับชาติ "
              "(จึงไม่นับเป็นโครงการที่ไม่เชื่อมโยง)",
    },
    "column.projects.status": {
        "en": "status (free text), e.g. proposed, funded, done",
        "th": "สถานะโครงการ (พิมพ์ได้อิสระ) เช่น เสนอขอ ได้รับงบประมาณ ดำเนินการแล้วเสร็จ",
    },
    "column.links.source_id": {
        "en": "what serves: a project or element id",
        "th": "ฝ่ายที่สนับสนุน: รหัสโครงการหรือองค์ประกอบ",
    },
    "column.links.target_id": {
        "en": "what is served: a project or element id in a higher plan",
        "th": "ฝ่ายที่ได้รับการสนับสนุน: รหัสองค์ประกอบ (หรือโครงการ) ในแผนระดับที่สูงกว่า",
    },
    "column.links.relation": {
        "en": "relation: contributes_to (default), aligns_with or conflicts_with",
        "th": "ความสัมพันธ์: สนับสนุน (ค่าเริ่มต้น) สอดคล้อง หรือ ขัดแย้ง",
    },
    "column.links.role": {
        "en": "role: primary (default, eMENSCR's direct) or secondary",
        "th": "บทบาท: หลัก (โดยตรง ค่าเริ่มต้น) หรือ รอง (โดยอ้อม)",
    },
    "column.links.asserted_by": {
        "en": "who claims the link: a plan or organisation id",
        "th": "ผู้ระบุความเชื่อมโยง: รหัสแผนหรือหน่วยงาน",
    },
    "column.links.note": {
        "en": "a note",
        "th": "หมายเหตุ",
    },
    "column.value_chains.id": {
        "en": "an id unique across the whole workbook (case-sensitive)",
        "th": "รหัสที่ไม่ซ้ำกันทั้งสมุดงาน (ตัวพิมพ์เล็กและตัวพิมพ์ใหญ่ถือว่าต่างกัน)",
    },
    "column.value_chains.name_th": {
        "en": "the Thai name (give a Thai or an English name, at least one)",
        "th": "ชื่อภาษาไทย (ต้องมีชื่อไทยหรืออังกฤษอย่างน้อยหนึ่งชื่อ)",
    },
    "column.value_chains.name_en": {
        "en": "the English name (give a Thai or an English name, at least one)",
        "th": "ชื่อภาษาอังกฤษ (ต้องมีชื่อไทยหรืออังกฤษอย่างน้อยหนึ่งชื่อ)",
    },
    "column.value_chains.serves_id": {
        "en": "the element this chain serves (an id of the elements sheet)",
        "th": "องค์ประกอบของแผนที่ห่วงโซ่คุณค่านี้สนับสนุน (รหัสในแผ่นงาน elements)",
    },
    "column.value_chains.area_id": {
        "en": "its area (an id of the areas sheet)",
        "th": "พื้นที่ (รหัสในแผ่นงาน areas)",
    },
    "column.areas.id": {
        "en": "an id unique across the whole workbook (case-sensitive); DOPA codes recommended",
        "th": "รหัสที่ไม่ซ้ำกันทั้งสมุดงาน (ตัวพิมพ์เล็กและตัวพิมพ์ใหญ่ถือว่าต่างกัน) แนะนำรหัสกรมการปกครอง",
    },
    "column.areas.name_th": {
        "en": "the Thai name (give a Thai or an English name, at least one)",
        "th": "ชื่อภาษาไทย (ต้องมีชื่อไทยหรืออังกฤษอย่างน้อยหนึ่งชื่อ)",
    },
    "column.areas.name_en": {
        "en": "the English name (give a Thai or an English name, at least one)",
        "th": "ชื่อภาษาอังกฤษ (ต้องมีชื่อไทยหรืออังกฤษอย่างน้อยหนึ่งชื่อ)",
    },
    "column.areas.kind": {
        "en": "kind: country, region, province, district, subdistrict, village",
        "th": "ประเภทพื้นที่: ประเทศ ภาค จังหวัด อำเภอ ตำบล หมู่บ้าน",
    },
    "column.areas.parent_id": {
        "en": "the enclosing area (an id of the areas sheet)",
        "th": "พื้นที่ที่ครอบคลุมพื้นที่นี้ เช่น อำเภอของตำบล (รหัสในแผ่นงาน areas)",
    },
    "column.organizations.id": {
        "en": "an id unique across the whole workbook (case-sensitive)",
        "th": "รหัสที่ไม่ซ้ำกันทั้งสมุดงาน (ตัวพิมพ์เล็กและตัวพิมพ์ใหญ่ถือว่าต่างกัน)",
    },
    "column.organizations.name_th": {
        "en": "the Thai name (give a Thai or an English name, at least one)",
        "th": "ชื่อภาษาไทย (ต้องมีชื่อไทยหรืออังกฤษอย่างน้อยหนึ่งชื่อ)",
    },
    "column.organizations.name_en": {
        "en": "the English name (give a Thai or an English name, at least one)",
        "th": "ชื่อภาษาอังกฤษ (ต้องมีชื่อไทยหรืออังกฤษอย่างน้อยหนึ่งชื่อ)",
    },
    "column.organizations.sector": {
        "en": "sector: government, local_government, private, civil_society, academic, community",
        "th": "ภาคส่วน: ภาครัฐ อปท. เอกชน ประชาสังคม สถาบันการศึกษา ชุมชน",
    },
    "step.1": {
        "en": "Fill the sheets plans, elements, projects and links (required); the others when you have the data.",
        "th": "กรอกแผ่นงาน plans, elements, projects และ links (จำเป็น) แผ่นงานอื่นกรอกเมื่อมีข้อมูล",
    },
    "step.2": {
        "en": "Row 1 of every sheet holds the column names stratlink reads: do not rename them (hover over a "
              "header for its meaning).",
        "th": "แถวที่ 1 ของทุกแผ่นงานคือชื่อคอลัมน์ที่โปรแกรมอ่าน ห้ามเปลี่ยนชื่อ (วางเมาส์บนหัวคอลัมน์เพื่อดูคำอธิบาย)",
    },
    "step.3": {
        "en": "Cells with an arrow offer a list; Thai words such as ต้นทาง (or ต้นน้ำ), หลัก, สนับสนุน are accepted too.",
        "th": "ช่องที่มีลูกศรให้เลือกจากรายการ ค่าที่เป็นคำไทย เช่น ต้นทาง (หรือ ต้นน้ำ) หลัก สนับสนุน ใช้ได้เช่นกัน",
    },
    "step.4": {
        "en": "Ids must be unique across the whole workbook: a plan, an element and a project may not share one.",
        "th": "รหัส (id) ต้องไม่ซ้ำกันทั้งสมุดงาน: แผน องค์ประกอบ และโครงการ ใช้รหัสเดียวกันไม่ได้",
    },
    "step.5": {
        "en": "Within one plan use parent_id; a link to another plan goes in the links sheet.",
        "th": "ความเชื่อมโยงภายในแผนเดียวกันใช้ parent_id ส่วนความเชื่อมโยงไปยังแผนอื่นใช้แผ่นงาน links",
    },
    "step.6": {
        "en": "This workbook has an areas sheet, so every area_id is checked against it: list the areas you "
              "use there, or leave area_id empty.",
        "th": "สมุดงานนี้มีแผ่นงาน areas จึงตรวจทุก area_id: ใส่พื้นที่ที่ใช้ในแผ่นงาน areas หรือเว้น area_id ว่าง",
    },
    "step.7": {
        "en": "Check it with: stratlink check plan.xlsx",
        "th": "ตรวจสอบด้วยคำสั่ง: stratlink check plan.xlsx",
    },
    "step.8": {
        "en": "stratlink does not read this sheet or the hidden sheet 'lists'.",
        "th": "โปรแกรมไม่อ่านแผ่นงานนี้และแผ่นงาน lists (ซ่อนไว้)",
    },
    # ---- the guide sheet and the headers' comments
    "guide_sheet": {"en": "guide", "th": "คำแนะนำ"},
    "guide_title": {"en": "stratlink plan workbook: guide", "th": "สมุดงานแผน stratlink: คำแนะนำ"},
    "national_note": {
        "en": "The top of the ladder is filled in: the National Strategy's 6 strategies, the 23 master "
              "plans, sub-plans and the 13th-plan milestones (ids NS-S1…, MP01…, N13-M1…); link your "
              "plan to these ids.",
        "th": "ส่วนบนของลำดับชั้นกรอกไว้แล้ว: ยุทธศาสตร์ชาติ 6 ด้าน แผนแม่บท 23 ประเด็น แผนย่อย "
              "และหมุดหมายของแผนพัฒนาฯ ฉบับที่ 13 (รหัส NS-S1…, MP01…, N13-M1…) เชื่อมโยงแผนของท่านไปยังรหัสเหล่านี้",
    },
    "how_to": {"en": "How to fill it in", "th": "วิธีกรอก"},
    "required": {"en": "required", "th": "จำเป็น"},
    "optional": {"en": "optional", "th": "ไม่บังคับ"},
    "yes": {"en": "yes", "th": "ใช่"},
    "eg": {"en": "e.g.", "th": "ตัวอย่าง"},
    "example": {"en": "example", "th": "ตัวอย่าง"},
    "orange": {"en": "orange header = required", "th": "หัวคอลัมน์สีส้ม = จำเป็น"},
    "blue": {"en": "blue header = optional", "th": "หัวคอลัมน์สีฟ้า = ไม่บังคับ"},
    "ladder": {"en": "The ladder of plans (column level)", "th": "ลำดับชั้นของแผน (คอลัมน์ level)"},
    "position": {"en": "position", "th": "ลำดับ"},
    "in_thai": {"en": "Thai", "th": "ภาษาไทย"},
    "in_english": {"en": "English", "th": "ภาษาอังกฤษ"},
    "complete_at": {"en": "A chain is complete when it reaches level {top}.",
                    "th": "ความเชื่อมโยงครบเมื่อไปถึงระดับ {top}"},
    "sheet_heading": {"en": "sheet {sheet}", "th": "แผ่นงาน {sheet} ({req})"},
    "column": {"en": "column", "th": "คอลัมน์"},
    "level": {"en": "level", "th": "ระดับแผน"},
    "meaning": {"en": "meaning", "th": "คำอธิบาย"},
    "pick_list": {"en": "pick a value from the list", "th": "เลือกจากรายการ"},
    "existing_id": {"en": "an id that exists in this workbook", "th": "รหัสที่มีอยู่ในสมุดงาน"},
    "not_in_list": {"en": "This value is not in the list", "th": "ค่านี้ไม่อยู่ในรายการ"},
    # ---- errors of write_template
    "error.lang": {"en": "unknown language '{lang}' (one of {known})",
                   "th": "ไม่รู้จักภาษา '{lang}' (ใช้ได้: {known})"},
    "error.not_xlsx": {"en": "{path}: a template is an .xlsx workbook; name it plan.xlsx or similar",
                       "th": "{path}: แม่แบบเป็นสมุดงาน .xlsx ตั้งชื่อเช่น plan.xlsx"},
    "error.exists": {"en": "{path}: already exists; nothing was written (choose another name, "
                           "or --force to replace it)",
                     "th": "{path}: มีไฟล์นี้อยู่แล้ว จึงไม่บันทึกทับ (ใช้ชื่ออื่น หรือใช้ --force เพื่อบันทึกทับ)"},
    "error.not_a_file": {"en": "{path}: exists and is not a file; nothing was written",
                         "th": "{path}: มีอยู่แล้วและไม่ใช่ไฟล์ จึงไม่ได้บันทึกสิ่งใด"},
}
CATALOGUE.update({f"template.{k}": v for k, v in TEMPLATE_WORDS.items()})


#: the wide-sheet importer's own words (loaders/wide.py, stratlink/wide.py), read as 'wide.<key>'
WIDE_TEXT: dict[str, dict[str, str]] = {
    # the note an imported link carries (how its cell matched)
    "note": {"en": "import-wide: {sheet}, row {row}, column '{column}': '{value}' matched by {how}",
             "th": "นำเข้าจาก {sheet} แถว {row} คอลัมน์ '{column}': '{value}' ตรงตาม{how}"},
    "how.code": {"en": "code", "th": "รหัส"},
    "how.name": {"en": "name", "th": "ชื่อ"},
    "how.fuzzy": {"en": "similarity {score}", "th": "ความใกล้เคียง {score}"},
    # CLAIM_MISMATCH's {traced} when the project reaches nothing in the claimed plan
    "traced_nothing": {"en": "nothing in {plan}", "th": "องค์ประกอบใดของแผน {plan} เลย"},
    "sheet_of": {"en": "{path}, sheet {sheet}", "th": "{path} แผ่นงาน {sheet}"},
    # ---- errors: the sheet cannot be read
    "error.no_file": {"en": "{path}: no such file", "th": "{path}: ไม่พบไฟล์นี้"},
    "error.folder": {"en": "{path}: a folder; a wide sheet is one .csv or .xlsx file",
                     "th": "{path}: เป็นโฟลเดอร์ ตารางแบบหนึ่งแถวต่อโครงการต้องเป็นไฟล์ .csv หรือ .xlsx ไฟล์เดียว"},
    "error.sheet_csv": {"en": "{path}: --sheet applies to .xlsx files only",
                        "th": "{path}: --sheet ใช้ได้กับไฟล์ .xlsx เท่านั้น"},
    "error.not_wide": {"en": "{path}: not a wide sheet (expected a .csv or .xlsx file)",
                       "th": "{path}: ไม่ใช่ตารางโครงการ (ต้องเป็นไฟล์ .csv หรือ .xlsx)"},
    "error.cannot_read": {"en": "{path}: cannot read ({reason})", "th": "{path}: อ่านไม่ได้ ({reason})"},
    "error.bad_csv": {"en": "{path}: not a readable CSV file ({reason})",
                      "th": "{path}: ไม่ใช่ไฟล์ CSV ที่อ่านได้ ({reason})"},
    "error.bad_xlsx": {"en": "{path}: not a readable .xlsx workbook ({reason})",
                       "th": "{path}: ไม่ใช่สมุดงาน .xlsx ที่อ่านได้ ({reason})"},
    "error.no_sheet": {"en": "{path}: no sheet named '{sheet}' (sheets: {sheets})",
                       "th": "{path}: ไม่มีแผ่นงานชื่อ '{sheet}' (แผ่นงานที่มี: {sheets})"},
    "error.no_visible": {"en": "{path}: no visible worksheet", "th": "{path}: ไม่มีแผ่นงานที่มองเห็นได้"},
    # ---- errors: the map does not fit the sheet
    "error.no_header_map": {"en": "{file}: no header row: no row holds two or more of the map's "
                                  "column titles ({titles}, ...)",
                            "th": "{file}: ไม่พบแถวหัวตาราง: ไม่มีแถวใดมีชื่อคอลัมน์ตามไฟล์จับคู่ตั้งแต่สองชื่อขึ้นไป "
                                  "({titles}, ...)"},
    "error.missing_column": {"en": "{file}: the header (row {row}) has no column '{title}', which the map "
                                   "{map} names",
                             "th": "{file}: หัวตาราง (แถว {row}) ไม่มีคอลัมน์ '{title}' ที่ไฟล์จับคู่ {map} ระบุไว้"},
    "error.no_header": {"en": "{file}: no header row: no row holds two or more column titles the built-in "
                              "map knows; give a map with --map",
                        "th": "{file}: ไม่พบแถวหัวตาราง: ไม่มีแถวใดมีชื่อคอลัมน์ที่การจับคู่ในตัวรู้จักตั้งแต่สองชื่อขึ้นไป "
                              "โปรดระบุไฟล์จับคู่ด้วย --map"},
    "error.builtin": {"en": "{file}: the built-in map cannot read this sheet: {problems}. Give a map with "
                            "--map; 'stratlink import-wide SHEET --plans WORKBOOK --print-map' writes one "
                            "to start from",
                      "th": "{file}: การจับคู่ในตัวอ่านตารางนี้ไม่ได้: {problems:th} โปรดระบุไฟล์จับคู่ด้วย --map "
                            "('stratlink import-wide SHEET --plans WORKBOOK --print-map' สร้างไฟล์ตั้งต้นให้)"},
    "problem.candidates": {"en": "column '{title}' could be any of {n} {level} plans ({plans})",
                           "th": "คอลัมน์ '{title}' อาจเป็นแผนระดับ {level} ได้ {n} แผน ({plans})"},
    "problem.no_plan": {"en": "column '{title}' names the {level} level, which has no plan in the plans "
                              "workbook",
                        "th": "คอลัมน์ '{title}' ระบุระดับ {level} ซึ่งไม่มีแผนในสมุดงานแผน"},
    "problem.no_id": {"en": "no column of project ids (e.g. '{example}')",
                      "th": "ไม่มีคอลัมน์รหัสโครงการ (เช่น '{example}')"},
    "problem.no_plan_column": {"en": "no plan column and not exactly one province plan to hold the projects",
                               "th": "ไม่มีคอลัมน์แผน และไม่มีแผนจังหวัดเพียงแผนเดียวที่จะบรรจุโครงการ"},
    "map_head.start": {"en": "map for {file}; check every plan, then: "
                             "stratlink import-wide SHEET --plans WORKBOOK --map THIS.toml -o OUT",
                       "th": "ไฟล์จับคู่สำหรับ {file} ตรวจทุกแผนแล้วรัน: "
                             "stratlink import-wide SHEET --plans WORKBOOK --map THIS.toml -o OUT"},
    "map_head.builtin": {"en": "map for {file} (the built-in map's reading; edit as needed)",
                         "th": "ไฟล์จับคู่สำหรับ {file} (ตามที่การจับคู่ในตัวอ่านได้ แก้ไขได้ตามต้องการ)"},
    "map_head.ignored": {"en": "ignored column: {title}", "th": "คอลัมน์ที่ไม่ได้ใช้: {title}"},
    "error.no_plan_for_column": {"en": "{map}: column '{title}': no plan '{plan}' in the plans workbook ({plans})",
                                 "th": "{map}: คอลัมน์ '{title}': ไม่มีแผน '{plan}' ในสมุดงานแผน ({plans})"},
    "error.no_map_plan": {"en": "{map}: plan: no plan '{plan}' in the plans workbook",
                          "th": "{map}: plan: ไม่มีแผน '{plan}' ในสมุดงานแผน"},
    "error.no_plan_in_workbook": {"en": "{map}: column '{title}': no plan '{plan}' in the workbook",
                                  "th": "{map}: คอลัมน์ '{title}': ไม่มีแผน '{plan}' ในสมุดงาน"},
}
CATALOGUE.update({f"wide.{k}": v for k, v in WIDE_TEXT.items()})


#: the words of `stratlink generate` (stratlink/generate.py), read as 'generate.<key>'
GENERATE_TEXT: dict[str, dict[str, str]] = {
    "error.projects": {"en": "--projects must be at least 1", "th": "จำนวนโครงการ (--projects) ต้องไม่น้อยกว่า 1"},
    "error.provinces": {"en": "--provinces must be between 1 and {n}",
                        "th": "จำนวนจังหวัด (--provinces) ต้องอยู่ระหว่าง 1 ถึง {n}"},
}
CATALOGUE.update({f"generate.{k}": v for k, v in GENERATE_TEXT.items()})


#: errors of reading and writing workbooks, policies and maps (InputError / PolicyError .keyed):
#: one line naming the file (and line, sheet, row, column where known), read as 'error.<key>'
ERROR_TEXT: dict[str, dict[str, str]] = {
    # ---- text encodings of CSV files (loaders/sheets.py)
    "read.utf16": {"en": "{file}: UTF-16 text; save it as UTF-8 (or cp874) CSV",
                   "th": "{file}: เป็นข้อความ UTF-16 ให้บันทึกเป็น CSV แบบ UTF-8 (หรือ cp874)"},
    "read.bom_encoding": {"en": "{file}: starts with a UTF-8 byte-order mark, but --encoding {encoding} was given",
                          "th": "{file}: ขึ้นต้นด้วยเครื่องหมายลำดับไบต์ของ UTF-8 แต่ระบุ --encoding {encoding}"},
    "read.not_encoding": {"en": "{file}: not valid {encoding} at line {line}",
                          "th": "{file}: ไม่ใช่ข้อความ {encoding} ที่ถูกต้อง ที่บรรทัด {line}"},
    "read.bom_not_utf8": {"en": "{file}: starts with a UTF-8 byte-order mark but is not valid UTF-8 at line {line}",
                          "th": "{file}: ขึ้นต้นด้วยเครื่องหมายลำดับไบต์ของ UTF-8 แต่ไม่ใช่ UTF-8 ที่ถูกต้อง ที่บรรทัด {line}"},
    "read.not_utf8_cp874": {"en": "{file}: neither UTF-8 nor Thai Windows (cp874) text (bad byte at line {line}); "
                                  "save it as UTF-8 or give --encoding",
                            "th": "{file}: ไม่ใช่ข้อความ UTF-8 หรือภาษาไทยแบบ Windows (cp874) (ไบต์ผิดที่บรรทัด {line}) "
                                  "ให้บันทึกเป็น UTF-8 หรือระบุ --encoding"},
    "read.unknown_encoding": {"en": "{file}: unknown encoding '{name}'", "th": "{file}: ไม่รู้จักการเข้ารหัส '{name}'"},
    "read.not_text_encoding": {"en": "{file}: '{name}' is not a text encoding",
                               "th": "{file}: '{name}' ไม่ใช่การเข้ารหัสข้อความ"},
    "read.nul_utf16": {"en": "{file}: line {line} holds NUL characters between the letters, as UTF-16 text does; "
                             "save it as UTF-8 (or cp874) CSV",
                       "th": "{file}: บรรทัด {line} มีอักขระ NUL แทรกระหว่างตัวอักษรแบบข้อความ UTF-16 "
                             "ให้บันทึกเป็น CSV แบบ UTF-8 (หรือ cp874)"},
    "read.thai_misread": {"en": "{file}: line {line} reads as '{shown}' in {encoding}, but these bytes are Thai "
                                "{thai} text; give --encoding {codec} (or leave --encoding out)",
                          "th": "{file}: บรรทัด {line} อ่านด้วย {encoding} ได้เป็น '{shown}' แต่ไบต์เหล่านี้คือข้อความไทย "
                                "แบบ {thai} ให้ระบุ --encoding {codec} (หรือไม่ต้องระบุ --encoding)"},
    "read.mojibake": {"en": "{file}: line {line} looks like Thai text that was mis-decoded and saved again "
                            "('{shown}'); fix the file's encoding",
                      "th": "{file}: บรรทัด {line} ดูเหมือนข้อความไทยที่ถอดรหัสผิดแล้วบันทึกซ้ำ ('{shown}') "
                            "ให้แก้การเข้ารหัสของไฟล์"},
    "read.not_thai": {"en": "{file}: line {line} is not UTF-8 and does not read as Thai cp874 text either; "
                            "give the right --encoding",
                      "th": "{file}: บรรทัด {line} ไม่ใช่ UTF-8 และอ่านเป็นข้อความไทย cp874 ไม่ได้ "
                            "ให้ระบุ --encoding ที่ถูกต้อง"},
    # ---- workbooks: folders of CSV files and .xlsx files (loaders/sheets.py)
    "read.no_folder": {"en": "{folder}: no such folder", "th": "{folder}: ไม่พบโฟลเดอร์นี้"},
    "read.two_files": {"en": "{folder}: both {first} and {second} hold sheet '{sheet}'",
                       "th": "{folder}: ทั้ง {first} และ {second} เป็นแผ่นงาน '{sheet}'"},
    "read.no_csv_sheets": {
        "en": "{folder}: not a plan workbook (no plans.csv, elements.csv, projects.csv or links.csv)",
        "th": "{folder}: ไม่ใช่สมุดงานแผน (ไม่มี plans.csv, elements.csv, projects.csv หรือ links.csv)"},
    "read.cannot_read": {"en": "{path}: cannot read ({reason})", "th": "{path}: อ่านไม่ได้ ({reason})"},
    "read.too_many_rows": {"en": "{file}: more than {limit} rows; refused (see docs/limits.md)",
                           "th": "{file}: มีเกิน {limit} แถว จึงไม่อ่าน (ดู docs/limits.md)"},
    "read.too_many_cells": {"en": "{path}: more than {limit} cells; refused (see docs/limits.md)",
                            "th": "{path}: มีเกิน {limit} ช่อง จึงไม่อ่าน (ดู docs/limits.md)"},
    "read.no_file": {"en": "{path}: no such file", "th": "{path}: ไม่พบไฟล์นี้"},
    "read.bad_xlsx": {"en": "{path}: not a readable .xlsx workbook ({reason})",
                      "th": "{path}: ไม่ใช่สมุดงาน .xlsx ที่อ่านได้ ({reason})"},
    "read.two_sheets": {"en": "{path}: both sheets '{first}' and '{second}' hold sheet '{sheet}'",
                        "th": "{path}: ทั้งแผ่นงาน '{first}' และ '{second}' เป็นแผ่นงาน '{sheet}'"},
    "read.no_xlsx_sheets": {"en": "{path}: not a plan workbook (no sheet named plans, elements, projects or links)",
                            "th": "{path}: ไม่ใช่สมุดงานแผน (ไม่มีแผ่นงานชื่อ plans, elements, projects หรือ links)"},
    # ---- limits and headers (loaders/guards.py)
    "read.zip_parts": {"en": "{path}: the .xlsx zip holds {parts} parts, more than the limit of {limit}; refused "
                             "(see docs/limits.md)",
                       "th": "{path}: ไฟล์ zip ของ .xlsx มี {parts} ส่วน เกินขีดจำกัด {limit} จึงไม่อ่าน (ดู docs/limits.md)"},
    "read.zip_ratio": {"en": "{path}: part {part} expands {ratio} times ({packed} bytes to {size}), more than the "
                             "limit of {limit}; refused as a possible zip bomb (see docs/limits.md)",
                       "th": "{path}: ส่วน {part} ขยายได้ {ratio} เท่า ({packed} ไบต์เป็น {size}) เกินขีดจำกัด {limit} "
                             "อาจเป็น zip bomb จึงไม่อ่าน (ดู docs/limits.md)"},
    "read.shared_strings": {"en": "{path}: its shared strings expand to {size} bytes, more than the limit of {limit}; "
                                  "refused (see docs/limits.md)",
                            "th": "{path}: ข้อความที่ใช้ร่วมกันขยายได้ {size} ไบต์ เกินขีดจำกัด {limit} จึงไม่อ่าน "
                                  "(ดู docs/limits.md)"},
    "read.zip_size": {"en": "{path}: expands to {size} bytes, more than the limit of {limit}; refused "
                            "(see docs/limits.md)",
                      "th": "{path}: ขยายได้ {size} ไบต์ เกินขีดจำกัด {limit} จึงไม่อ่าน (ดู docs/limits.md)"},
    "read.bad_csv_line": {"en": "{file}: line {line}: not readable CSV ({reason})",
                          "th": "{file}: บรรทัด {line}: อ่านเป็น CSV ไม่ได้ ({reason})"},
    "read.semicolons": {"en": "{file}: the columns are separated by semicolons (;), not commas; save the sheet as "
                              "comma-separated CSV (UTF-8)",
                        "th": "{file}: คอลัมน์คั่นด้วยอัฒภาค (;) ไม่ใช่จุลภาค ให้บันทึกแผ่นงานเป็น CSV คั่นด้วยจุลภาค (UTF-8)"},
    "read.tabs": {"en": "{file}: the columns are separated by tabs, not commas; save the sheet as comma-separated "
                        "CSV (UTF-8)",
                  "th": "{file}: คอลัมน์คั่นด้วยแท็บ ไม่ใช่จุลภาค ให้บันทึกแผ่นงานเป็น CSV คั่นด้วยจุลภาค (UTF-8)"},
    "read.header_below": {"en": "{file}: row {row} is not the header; the header ({columns}, ...) is on row {header}; "
                                "delete the rows above it",
                          "th": "{file}: แถว {row} ไม่ใช่หัวตาราง หัวตาราง ({columns}, ...) อยู่ที่แถว {header} "
                                "ให้ลบแถวที่อยู่เหนือหัวตาราง"},
    "read.thai_header": {"en": "{file}: the header row (row {row}) has Thai titles ({shown}); sheet '{sheet}' needs "
                               "the English column names: {wanted}",
                         "th": "{file}: หัวตาราง (แถว {row}) เป็นชื่อภาษาไทย ({shown}) แผ่นงาน '{sheet}' ต้องใช้ชื่อคอลัมน์"
                               "ภาษาอังกฤษ: {wanted}"},
    "read.no_key_column": {"en": "{file}: the header row (row {row}) has no column {missing} (found: {shown}); "
                                 "sheet '{sheet}' has the columns {wanted}",
                           "th": "{file}: หัวตาราง (แถว {row}) ไม่มีคอลัมน์ {missing} (พบ: {shown}) "
                                 "แผ่นงาน '{sheet}' มีคอลัมน์ {wanted}"},
    "read.empty_header": {"en": "{file}: the header row (row {row}) has no column {missing} (found: nothing); "
                                "sheet '{sheet}' has the columns {wanted}",
                          "th": "{file}: หัวตาราง (แถว {row}) ไม่มีคอลัมน์ {missing} (ไม่พบคอลัมน์ใดเลย) "
                                "แผ่นงาน '{sheet}' มีคอลัมน์ {wanted}"},
    # ---- policies (graph_model/policy.py)
    "policy.cannot_read": {"en": "{path}: cannot read the policy file ({reason})",
                           "th": "{path}: อ่านไฟล์เกณฑ์การตรวจไม่ได้ ({reason})"},
    "policy.toml": {"en": "{path}: not valid TOML ({reason})", "th": "{path}: ไม่ใช่ TOML ที่ถูกต้อง ({reason})"},
    "policy.levels": {"en": "{origin}: 'levels' must be a non-empty list, top level first",
                      "th": "{origin}: 'levels' ต้องเป็นรายการที่ไม่ว่าง เรียงจากระดับบนสุด"},
    "policy.level_name": {"en": "{origin}: levels[{i}] needs a 'name'", "th": "{origin}: levels[{i}] ต้องมี 'name'"},
    "policy.unique": {"en": "{origin}: level names must be unique", "th": "{origin}: ชื่อระดับต้องไม่ซ้ำกัน"},
    "policy.top_level": {"en": "{origin}: top_level '{top}' is not one of the levels {names}",
                         "th": "{origin}: top_level '{top}' ไม่ใช่ระดับใดใน {names}"},
    "policy.jump": {"en": "{origin}: max_level_jump must be a whole number >= 1",
                    "th": "{origin}: max_level_jump ต้องเป็นจำนวนเต็มตั้งแต่ 1 ขึ้นไป"},
    "policy.coverage_level": {"en": "{origin}: coverage level '{level}' is not one of the levels {names}",
                              "th": "{origin}: ระดับที่ตรวจความครอบคลุม '{level}' ไม่ใช่ระดับใดใน {names}"},
    # ---- wide-sheet maps (loaders/wide_map.py, wide_write.py)
    "map.cannot_read": {"en": "{path}: cannot read the map ({reason})",
                        "th": "{path}: อ่านไฟล์จับคู่ไม่ได้ ({reason})"},
    "map.not_utf8": {"en": "{path}: the map is not UTF-8 text", "th": "{path}: ไฟล์จับคู่ไม่ใช่ข้อความ UTF-8"},
    "map.toml": {"en": "{origin}: not a valid TOML map ({reason})",
                 "th": "{origin}: ไม่ใช่ไฟล์จับคู่ TOML ที่ถูกต้อง ({reason})"},
    "map.twice": {"en": "{origin}: the column title '{title}' is named twice",
                  "th": "{origin}: ชื่อคอลัมน์ '{title}' ถูกระบุสองครั้ง"},
    "map.no_title": {"en": "plan '{plan}': no column title reads back to it; give export-wide a map",
                     "th": "แผน '{plan}': ไม่มีชื่อคอลัมน์ใดที่อ่านกลับเป็นแผนนี้ได้ โปรดระบุไฟล์จับคู่ให้ export-wide"},
    # ---- writing (loaders/workbook.py, formats.py, safety.py, wide_write.py)
    "write.encoding": {"en": "{path}: {encoding} cannot hold '{text}'; nothing was written",
                       "th": "{path}: การเข้ารหัส {encoding} เก็บ '{text}' ไม่ได้ จึงไม่ได้บันทึกสิ่งใด"},
    "write.cell_too_long": {"en": "{path}: {sheet}, row {row}, column {column}: {length} characters, more than an "
                                  "Excel cell holds ({limit}); export to CSV or RDF instead",
                            "th": "{path}: แผ่นงาน {sheet} แถว {row} คอลัมน์ {column}: มี {length} ตัวอักษร เกินกว่าที่ช่อง"
                                  "ของ Excel เก็บได้ ({limit}) ให้ส่งออกเป็น CSV หรือ RDF แทน"},
    "write.wide_cell_too_long": {"en": "{path}: row {row}, column {column}: {length} characters, more than an "
                                       "Excel cell holds ({limit}); write a .csv instead",
                                 "th": "{path}: แถว {row} คอลัมน์ {column}: มี {length} ตัวอักษร เกินกว่าที่ช่อง"
                                       "ของ Excel เก็บได้ ({limit}) ให้บันทึกเป็น .csv แทน"},
    "write.not_a_folder": {"en": "{path}: exists and is not a folder; CSV output goes to a folder",
                           "th": "{path}: มีอยู่แล้วและไม่ใช่โฟลเดอร์ ผลลัพธ์แบบ CSV ต้องบันทึกลงโฟลเดอร์"},
    "write.onto_input": {"en": "{output}: is the input being read ({item}); write the output to another path",
                         "th": "{output}: เป็นข้อมูลนำเข้าที่กำลังอ่าน ({item}) ให้บันทึกผลลัพธ์ไว้ที่อื่น"},
    # ---- several workbooks (loaders/multi.py)
    "multi.no_namespace": {"en": "{source}: has no namespace", "th": "{source}: ไม่มีเนมสเปซ"},
    "multi.same_namespace": {"en": "{first} and {second}: both have the namespace '{namespace}'; give one a 'meta' "
                                   "sheet with the row 'namespace, <another name>'",
                             "th": "{first} และ {second}: มีเนมสเปซ '{namespace}' เหมือนกัน ให้เพิ่มแผ่นงาน 'meta' "
                                   "ในสมุดงานหนึ่งพร้อมแถว 'namespace, <ชื่ออื่น>'"},
}
CATALOGUE.update({f"error.{k}": v for k, v in ERROR_TEXT.items()})

#: more keyed errors (RDF, the wide map's keys, the map and report, the API), read as 'error.<key>'
ERROR_TEXT_MORE: dict[str, dict[str, str]] = {
    # ---- RDF (loaders/rdf.py)
    "rdf.name": {"en": "{path}: not an RDF file name (use {known})",
                 "th": "{path}: ไม่ใช่ชื่อไฟล์ RDF (ใช้ {known})"},
    "rdf.format": {"en": "{format}: not an RDF format (use ttl, jsonld, rdf or nt)",
                   "th": "{format}: ไม่ใช่รูปแบบ RDF (ใช้ ttl, jsonld, rdf หรือ nt)"},
    "write.cannot_write": {"en": "{path}: cannot write ({reason})", "th": "{path}: บันทึกไม่ได้ ({reason})"},
    "rdf.utf8": {"en": "{path}: RDF must be UTF-8 (bad byte at offset {offset})",
                 "th": "{path}: RDF ต้องเป็น UTF-8 (ไบต์ผิดที่ตำแหน่ง {offset})"},
    "rdf.jsonld": {"en": "{origin}: not valid JSON-LD (line {line}: {reason})",
                   "th": "{origin}: ไม่ใช่ JSON-LD ที่ถูกต้อง (บรรทัด {line}: {reason})"},
    "rdf.deep": {"en": "{origin}: JSON-LD nested too deeply to read",
                 "th": "{origin}: JSON-LD ซ้อนกันลึกเกินกว่าจะอ่านได้"},
    "rdf.invalid": {"en": "{origin}: not valid {format} ({reason})",
                    "th": "{origin}: ไม่ใช่ {format} ที่ถูกต้อง ({reason})"},
    "rdf.surrogate": {"en": "{origin}: the literal {literal} is not valid Unicode text (a lone surrogate code point)",
                      "th": "{origin}: ค่า {literal} ไม่ใช่ข้อความ Unicode ที่ถูกต้อง (มีรหัสอักขระ surrogate เดี่ยว)"},
    "rdf.remote_context": {"en": "{origin}: the @context '{context}' is remote; stratlink never fetches contexts, "
                                 "so put the context inline",
                           "th": "{origin}: @context '{context}' อยู่ภายนอก stratlink ไม่ดึงบริบทจากภายนอก "
                                 "ให้เขียนบริบทไว้ในไฟล์"},
    "rdf.remote_import": {"en": "{origin}: @import '{context}' names a remote context; stratlink never fetches "
                                "contexts, so put the context inline",
                          "th": "{origin}: @import '{context}' อ้างถึงบริบทภายนอก stratlink ไม่ดึงบริบทจากภายนอก "
                                "ให้เขียนบริบทไว้ในไฟล์"},
    "rdf.no_data": {"en": "{origin}: no stratlink data (no sl:Plan, sl:PlanElement, sl:Project or sl:Linkage)",
                    "th": "{origin}: ไม่มีข้อมูลของ stratlink (ไม่มี sl:Plan, sl:PlanElement, sl:Project หรือ "
                          "sl:Linkage)"},
    # ---- a wide-sheet map's keys (loaders/wide_map.py): "{origin}: {key}: {what}"
    "map.field": {"en": "{origin}: {entry}: {what}", "th": "{origin}: คีย์ {entry}: {what:th}"},
    # ---- the map and the report (viz/map.py, viz/page.py), the API (stratlink/__init__.py)
    "write.cannot_write_here": {"en": "{path}: cannot write here ({reason})", "th": "{path}: บันทึกที่นี่ไม่ได้ ({reason})"},
    "api.no_workbook": {"en": "no workbook given", "th": "ไม่ได้ระบุสมุดงาน"},
}
CATALOGUE.update({f"error.{k}": v for k, v in ERROR_TEXT_MORE.items()})

#: the Neo4j modules' errors (stratlink/neo4j/), read as 'error.neo4j.<key>'. The server's
#: and driver's own words stay as they come ({reason}); what stratlink was doing when it
#: failed is said in the message's language (``neo4j.doing.*`` through :func:`phrase`).
NEO4J_ERROR_TEXT: dict[str, dict[str, str]] = {
    # ---- connecting (neo4j/connection.py)
    "unreachable": {"en": "cannot connect to Neo4j at {uri}: {reason}",
                    "th": "เชื่อมต่อ Neo4j ที่ {uri} ไม่ได้: {cause:th}"},
    "start_hint": {"en": "to start a local test server: eval \"$(make -s neo4j)\"",
                   "th": "เปิดเซิร์ฟเวอร์ทดสอบในเครื่องด้วย: eval \"$(make -s neo4j)\""},
    "connect_timeout": {"en": "cannot connect to Neo4j at {uri} within {seconds:.0f} s (connect time limit)",
                        "th": "เชื่อมต่อ Neo4j ที่ {uri} ไม่ได้ภายใน {seconds:.0f} วินาที "
                              "(เวลารอเชื่อมต่อสูงสุด)"},
    "handshake": {"en": "Neo4j at {uri} accepted the connection but did not answer the Bolt handshake "
                        "within {seconds:.0f} s (handshake time limit): is this a Neo4j Bolt port?",
                  "th": "Neo4j ที่ {uri} รับการเชื่อมต่อแล้วแต่ไม่ตอบการเริ่มสื่อสารแบบ Bolt ภายใน "
                        "{seconds:.0f} วินาที (เวลารอสูงสุด) พอร์ตนี้เป็นพอร์ต Bolt ของ Neo4j หรือไม่"},
    "credentials": {"en": "Neo4j at {uri} refused the credentials of user '{user}' "
                          "(check NEO4J_USER / NEO4J_PASSWORD)",
                    "th": "Neo4j ที่ {uri} ไม่ยอมรับชื่อผู้ใช้ '{user}' หรือรหัสผ่าน "
                          "(ตรวจสอบ NEO4J_USER และ NEO4J_PASSWORD)"},
    "http_uri": {"en": "'{uri}' is an HTTP address, but stratlink talks to Neo4j over Bolt: use "
                       "bolt://HOST:7687 or neo4j://HOST:7687 (NEO4J_URI or --uri)",
                 "th": "'{uri}' เป็นที่อยู่แบบ HTTP แต่ stratlink ติดต่อ Neo4j ผ่าน Bolt ให้ใช้ "
                       "bolt://HOST:7687 หรือ neo4j://HOST:7687 (NEO4J_URI หรือ --uri)"},
    "bad_scheme": {"en": "bad Neo4j URI '{uri}': the scheme must be one of {schemes} "
                         "(e.g. bolt://localhost:7687)",
                   "th": "ที่อยู่ Neo4j '{uri}' ไม่ถูกต้อง: ต้องขึ้นต้นด้วย {schemes} "
                         "(เช่น bolt://localhost:7687)"},
    "bad_uri": {"en": "bad Neo4j URI '{uri}': {reason}",
                "th": "ที่อยู่ Neo4j '{uri}' ไม่ถูกต้อง: ไดรเวอร์แจ้งว่า {reason}"},
    "seconds_number": {"en": "{name} must be a number of seconds, not '{value}'",
                       "th": "{name} ต้องเป็นจำนวนวินาที ไม่ใช่ '{value}'"},
    "seconds_positive": {"en": "{name} must be more than 0 seconds",
                         "th": "{name} ต้องมากกว่า 0 วินาที"},
    # ---- a query or a transaction (neo4j/connection.py)
    "driver": {"en": "{what}: {reason}", "th": "{what:th} แจ้งข้อผิดพลาด: {reason}"},
    "failed": {"en": "Neo4j failed {what}: {reason}",
               "th": "Neo4j ทำงานไม่สำเร็จขณะ{what:th}: {reason}"},
    "client_limit": {"en": "Neo4j did not answer {what} within {seconds:.0f} s (client time limit; "
                           "the server may be frozen or overloaded)",
                     "th": "Neo4j ไม่ตอบกลับภายใน {seconds:.0f} วินาทีขณะ{what:th} (เวลารอสูงสุดของ "
                           "stratlink เซิร์ฟเวอร์อาจค้างหรือทำงานหนักเกินไป)"},
    "server_limit": {"en": "Neo4j stopped {what} at its transaction time limit of {seconds:.0f} s "
                           "(raise it with STRATLINK_NEO4J_TIMEOUT)",
                     "th": "Neo4j หยุดทำงานขณะ{what:th} เมื่อครบเวลาสูงสุดของทรานแซกชัน "
                           "{seconds:.0f} วินาที (เพิ่มเวลาได้ด้วย STRATLINK_NEO4J_TIMEOUT)"},
    # ---- the load state and its lock (neo4j/state.py)
    "incomplete": {"en": "the last load into this Neo4j database ({source}, {mode}, started {started}) did "
                         "not complete: it is still running, or it was interrupted. Run the same "
                         "'stratlink neo4j load' again (it converges to the workbook), then retry",
                   "th": "การนำเข้าครั้งล่าสุดสู่ฐานข้อมูล Neo4j นี้ ({source} {mode:th} เริ่มเมื่อ "
                         "{started:th}) ยังไม่เสร็จสมบูรณ์ อาจยังทำงานอยู่หรือถูกขัดจังหวะ ให้รัน "
                         "'stratlink neo4j load' แบบเดิมอีกครั้ง (ข้อมูลจะตรงกับสมุดงาน) แล้วลองใหม่"},
    "running": {"en": "another load into this Neo4j database is running ({source}, {mode}, from {host} "
                      "pid {pid}); loads are not run at the same time: wait for it and retry "
                      "(its lease ends {until} unless it is renewed)",
                "th": "มีการนำเข้าอื่นสู่ฐานข้อมูล Neo4j นี้กำลังทำงานอยู่ ({source} {mode:th} จากเครื่อง "
                      "{host} กระบวนการ {pid}) การนำเข้าทำพร้อมกันไม่ได้ ให้รอจนเสร็จแล้วลองใหม่ "
                      "(สิทธิ์การล็อกหมดอายุเมื่อ {until:th} หากไม่ได้ต่ออายุ)"},
    "other_workbook": {"en": "the Neo4j database holds the workbook '{stored}' ({source}); loading "
                             "'{identity}' over it would mix two workbooks: add --replace to replace it, "
                             "or load into another database (--database)",
                       "th": "ฐานข้อมูล Neo4j เก็บสมุดงาน '{stored}' ({source}) อยู่แล้ว การนำเข้า "
                             "'{identity}' ทับลงไปจะทำให้สองสมุดงานปนกัน ให้เพิ่ม --replace เพื่อแทนที่ "
                             "หรือนำเข้าสู่ฐานข้อมูลอื่น (--database)"},
    "lost_lock": {"en": "this load lost its lock on the Neo4j database (its lease ran out and another "
                        "load took over); run it again",
                  "th": "การนำเข้านี้เสียสิทธิ์การล็อกฐานข้อมูล Neo4j (สิทธิ์หมดอายุและการนำเข้าอื่น"
                        "เข้ามาแทน) ให้รันใหม่อีกครั้ง"},
    # ---- the stored workbook (neo4j/store.py, engine.py, bulk.py)
    "no_workbook": {"en": "the Neo4j database holds no stratlink workbook (load one with "
                          "'stratlink neo4j load DATA')",
                    "th": "ฐานข้อมูล Neo4j ยังไม่มีสมุดงานของ stratlink (นำเข้าด้วย "
                          "'stratlink neo4j load DATA')"},
    "no_workbook_yet": {"en": "the database holds no stratlink workbook yet; load the whole workbook "
                              "before replacing one plan",
                        "th": "ฐานข้อมูลยังไม่มีสมุดงานของ stratlink ให้นำเข้าทั้งสมุดงานก่อน "
                              "แล้วจึงแทนที่ทีละแผน"},
    "plan_not_in_workbook": {"en": "plan '{plan}' is not in the workbook; nothing replaced",
                             "th": "ไม่มีแผน '{plan}' ในสมุดงาน จึงไม่ได้แทนที่สิ่งใด"},
    "node_without_id": {"en": "a :{label} node has no text id (row {row}); was it edited by hand? Load the "
                              "workbook again with 'stratlink neo4j load DATA --replace'",
                        "th": "โหนด :{label} ไม่มีรหัสที่เป็นข้อความ (แถว {row}) มีการแก้ไขด้วยมือหรือไม่ "
                              "ให้นำเข้าสมุดงานใหม่ด้วย 'stratlink neo4j load DATA --replace'"},
    "policy_damaged": {"en": "the :Workbook node's policy_json is damaged ({reason}); was it edited by "
                             "hand? Load the workbook again with 'stratlink neo4j load DATA --replace', "
                             "or pass --policy",
                       "th": "ค่า policy_json ของโหนด :Workbook เสียหาย ({reason:th}) มีการแก้ไขด้วยมือหรือไม่ "
                             "ให้นำเข้าสมุดงานใหม่ด้วย 'stratlink neo4j load DATA --replace' หรือระบุ --policy"},
    "finding_damaged": {"en": "a :LoadFinding node (seq {seq}) is damaged: {reason}; was it edited by "
                              "hand? Load the workbook again with 'stratlink neo4j load DATA'",
                        "th": "โหนด :LoadFinding (ลำดับ {seq}) เสียหาย: {reason:th} มีการแก้ไขด้วยมือหรือไม่ "
                              "ให้นำเข้าสมุดงานใหม่ด้วย 'stratlink neo4j load DATA'"},
    "inconsistent": {"en": "the Neo4j database is inconsistent (edited by hand?): {problems}{more}. Load "
                           "the workbook again with 'stratlink neo4j load DATA --replace'",
                     "th": "ข้อมูลในฐานข้อมูล Neo4j ขัดกันเอง (มีการแก้ไขด้วยมือหรือไม่): {problems:th}"
                           "{more:th} ให้นำเข้าสมุดงานใหม่ด้วย 'stratlink neo4j load DATA --replace'"},
    "inconsistent_more": {"en": " and {count} more", "th": " และอีก {count} รายการ"},
    "problem": {"en": "{what} {id}", "th": "{what:th} {id}"},
    "problem_no_id": {"en": "{what} (no id)", "th": "{what:th}"},
    "node_without_text_id": {"en": "the Neo4j database is inconsistent: a node without a text id",
                             "th": "ข้อมูลในฐานข้อมูล Neo4j ขัดกันเอง: มีโหนดที่ไม่มีรหัสที่เป็นข้อความ"},
    "colon_column": {"en": "the column '{column}' has ':' in its name, which the Neo4j importer cannot "
                           "take; load with 'stratlink neo4j load' instead",
                     "th": "ชื่อคอลัมน์ '{column}' มีเครื่องหมาย ':' ซึ่งเครื่องมือนำเข้าของ Neo4j รับไม่ได้ "
                           "ให้นำเข้าด้วย 'stratlink neo4j load' แทน"},
    # ---- neo4j query without --write (neo4j/sandbox.py); why: ``neo4j.refused.*``
    "read_only": {"en": "neo4j query without --write runs only queries that read the graph; refused "
                        "'{what}': {why} (see docs/cypher.md, 'Read-only queries')",
                  "th": "neo4j query ที่ไม่มี --write รันได้เฉพาะคำสั่งที่อ่านกราฟเท่านั้น จึงไม่รัน "
                        "'{what}': {why:th} (ดู docs/cypher.md หัวข้อ 'Read-only queries')"},
    "folder_not_empty": {"en": "{folder}: the folder for the import files must be empty",
                         "th": "{folder}: โฟลเดอร์สำหรับไฟล์นำเข้าต้องว่างเปล่า"},
}
CATALOGUE.update({f"error.neo4j.{k}": v for k, v in NEO4J_ERROR_TEXT.items()})

#: what stratlink was doing in Neo4j (the ``what`` of neo4j/connection.py, said after
#: "ขณะ"), how a load ran (the ``mode`` stored with the load state), why a connection
#: failed, and what the integrity check found: the English is the text the modules pass,
#: matched by :func:`phrase`
NEO4J_PHRASES: dict[str, dict[str, str]] = {
    "refused.load_csv": {"en": "it makes the server read a file or fetch a URL",
                         "th": "คำสั่งนี้ให้เซิร์ฟเวอร์อ่านไฟล์หรือดึงข้อมูลจาก URL"},
    "refused.admin": {"en": "it administers the server or reaches other databases or sessions",
                      "th": "คำสั่งนี้ใช้ดูแลเซิร์ฟเวอร์ หรือเข้าถึงฐานข้อมูลหรือเซสชันอื่น"},
    "refused.writes": {"en": "it writes; add --write to run a writing query",
                       "th": "คำสั่งนี้แก้ไขข้อมูล หากต้องการแก้ไขให้เพิ่ม --write"},
    "refused.procedure": {"en": "only these procedures may be called: {procedures}",
                          "th": "เรียกได้เฉพาะโพรซีเยอร์เหล่านี้: {procedures}"},
    "refused.namespace": {"en": "the {namespace} namespace can reach the server, files or the network",
                          "th": "เนมสเปซ {namespace} เข้าถึงเซิร์ฟเวอร์ ไฟล์ หรือเครือข่ายได้"},
    "refused.quoted": {"en": "a quoted procedure or function name is not allowed",
                       "th": "ไม่อนุญาตให้ใช้ชื่อโพรซีเยอร์หรือฟังก์ชันในเครื่องหมายคำพูด"},
    "doing.a_query": {"en": "a query", "th": "ค้นหา"},
    "doing.the_query": {"en": "the query", "th": "รันคำสั่ง Cypher นี้"},
    "doing.check_query": {"en": "a check query", "th": "ค้นหาเพื่อตรวจ"},
    "doing.read_state": {"en": "reading the load state", "th": "อ่านสถานะการนำเข้า"},
    "doing.take_lock": {"en": "taking the load lock", "th": "ล็อกฐานข้อมูลเพื่อนำเข้า"},
    "doing.complete": {"en": "recording the completed load", "th": "บันทึกว่าการนำเข้าเสร็จสมบูรณ์"},
    "doing.release": {"en": "releasing the load lock", "th": "ปลดล็อกการนำเข้า"},
    "doing.replace_plan": {"en": "the one-transaction plan replacement",
                           "th": "แทนที่แผนในทรานแซกชันเดียว"},
    "doing.write": {"en": "writing {name}", "th": "บันทึก {name}"},
    "doing.delete_rels": {"en": "deleting {type} relationships", "th": "ลบความสัมพันธ์ {type}"},
    "doing.delete_nodes": {"en": "deleting :{label} nodes", "th": "ลบโหนด :{label}"},
    "doing.delete_plan_rels": {"en": "deleting the relationships of plan {plan}",
                               "th": "ลบความสัมพันธ์ของแผน {plan}"},
    "doing.delete_plan_nodes": {"en": "deleting the nodes of plan {plan}", "th": "ลบโหนดของแผน {plan}"},
    "doing.delete_findings": {"en": "deleting old load findings", "th": "ลบข้อค้นพบจากการนำเข้าครั้งก่อน"},
    "mode.load": {"en": "load", "th": "นำเข้า"},
    "mode.replace": {"en": "replace", "th": "นำเข้าแทนที่ทั้งหมด"},
    "mode.replace_plan": {"en": "replace plan {plan}", "th": "แทนที่แผน {plan}"},
    "mode.bulk": {"en": "bulk import", "th": "นำเข้าแบบกลุ่ม"},
    "when.unknown": {"en": "an unknown time", "th": "ไม่ทราบเวลา"},
    "damaged.no_text": {"en": "no text in {fields}", "th": "ไม่มีข้อความใน {fields}"},
    "damaged.not_object": {"en": "not a JSON object", "th": "ไม่ใช่ออบเจกต์ JSON"},
    "damaged.args": {"en": "args is not a JSON object", "th": "args ไม่ใช่ออบเจกต์ JSON"},
    "damaged.related": {"en": "related is not a list of ids", "th": "related ไม่ใช่รายการรหัส"},
    "cause.refused": {"en": "Connection refused",
                      "th": "ไม่มีเซิร์ฟเวอร์รอรับการเชื่อมต่อที่ที่อยู่นี้ (เซิร์ฟเวอร์ยังไม่เปิด "
                            "หรือพอร์ตไม่ถูกต้อง)"},
    "cause.name": {"en": "Name or service not known", "th": "ไม่รู้จักชื่อเครื่องนี้"},
    "cause.route": {"en": "No route to host", "th": "เข้าถึงเครื่องนี้ผ่านเครือข่ายไม่ได้"},
    "cause.other": {"en": "{reason}", "th": "ไดรเวอร์แจ้งว่า {reason}"},
    "problem.no_parent_rel": {"en": "an element whose parent_id has no PARENT relationship:",
                              "th": "องค์ประกอบที่ parent_id ไม่มีความสัมพันธ์ PARENT:"},
    "problem.parent_disagrees": {"en": "a PARENT relationship that disagrees with parent_id:",
                                 "th": "ความสัมพันธ์ PARENT ที่ไม่ตรงกับ parent_id:"},
    "problem.level_vs_plan": {"en": "a level that disagrees with the level of its plan:",
                              "th": "ระดับแผนที่ไม่ตรงกับระดับของแผนที่สังกัด:"},
    "problem.level_vs_label": {"en": "a level that disagrees with its label:",
                               "th": "ระดับแผนที่ไม่ตรงกับป้ายกำกับของโหนด:"},
    "problem.no_text_id": {"en": "a :{label} node without a text id",
                           "th": "โหนด :{label} ที่ไม่มีรหัสที่เป็นข้อความ"},
}
CATALOGUE.update({f"neo4j.{k}": v for k, v in NEO4J_PHRASES.items()})


#: what is wrong with a key of a wide-sheet map (``error.map.field``), read as 'map.field.<key>'
MAP_FIELD_TEXT: dict[str, dict[str, str]] = {
    "unknown_key_known": {"en": "unknown key (known: {known})", "th": "ไม่รู้จักคีย์นี้ (ที่มี: {known})"},
    "unknown_key": {"en": "unknown key", "th": "ไม่รู้จักคีย์นี้"},
    "plan_id": {"en": "must be a plan id (text)", "th": "ต้องเป็นรหัสแผน (ข้อความ)"},
    "row_number": {"en": "must be a row number (1 or more)", "th": "ต้องเป็นเลขแถว (ตั้งแต่ 1 ขึ้นไป)"},
    "fields_table": {"en": "must be a table of column titles", "th": "ต้องเป็นตารางของชื่อคอลัมน์"},
    "not_a_column": {"en": "not a projects column (known: {known})",
                     "th": "ไม่ใช่คอลัมน์ของแผ่นงาน projects (ที่มี: {known})"},
    "column_title": {"en": "must be a column title (text)", "th": "ต้องเป็นชื่อคอลัมน์ (ข้อความ)"},
    "no_id": {"en": "missing: the column holding the project ids is required",
              "th": "ไม่มี: ต้องระบุคอลัมน์ที่เก็บรหัสโครงการ"},
    "no_plan": {"en": "missing: give plan = \"<plan id>\" or fields.plan_id = \"<column title>\"",
                "th": "ไม่มี: ให้ระบุ plan = \"<รหัสแผน>\" หรือ fields.plan_id = \"<ชื่อคอลัมน์>\""},
    "columns_array": {"en": "must be an array of tables ([[columns]])", "th": "ต้องเป็นรายการของตาราง ([[columns]])"},
    "table": {"en": "must be a table", "th": "ต้องเป็นตาราง"},
    "missing_text": {"en": "missing or not text", "th": "ไม่มีหรือไม่ใช่ข้อความ"},
    "one_of": {"en": "must be one of {values}", "th": "ต้องเป็นค่าใดค่าหนึ่งใน {values}"},
    "text": {"en": "must be text", "th": "ต้องเป็นข้อความ"},
    "split": {"en": "must be one or more characters", "th": "ต้องมีอักขระอย่างน้อยหนึ่งตัว"},
}
CATALOGUE.update({f"map.field.{k}": v for k, v in MAP_FIELD_TEXT.items()})


def text(key: str, lang: str = "en", /, **args) -> str:
    """The text of ``key`` in ``lang`` ('en' or 'th'; English when the entry has no
    text in ``lang``), formatted with ``args`` (missing fields are empty).

    Raises ``KeyError`` for a key that is not in the catalogue.

    >>> text("trace.more", "th")
    '(ยังมีเส้นทางอื่นอีก เพิ่ม --max-paths เพื่อดู)'
    >>> text("cli.matrix.wrote", "th", path="m.xlsx", projects=3, tops=6)
    'บันทึก m.xlsx แล้ว: โครงการ 3 x องค์ประกอบระดับบนสุด 6'
    """
    return template(key, lang).format_map(_Blank(args))


class Said:
    """Catalogue text said inside another message, in that message's language: the
    outer template writes ``{what}`` in English and ``{what:th}`` in Thai. Several
    parts (each a key, or a key and its arguments) are joined by ``sep``.

    >>> reason = Said(("reason.too_long", {"length": 9, "limit": 5}))
    >>> "{r} / {r:th}".format(r=reason)
    'holds 9 characters, more than the limit of 5 / มีความยาว 9 ตัวอักษร เกินขีดจำกัด 5'
    """

    def __init__(self, *parts, sep: str = "; ", sep_th: str | None = None) -> None:
        self.parts = [(p, {}) if isinstance(p, str) else p for p in parts]
        self.sep = sep
        self.sep_th = sep if sep_th is None else sep_th

    def __format__(self, spec: str) -> str:
        sep = self.sep_th if spec == "th" else self.sep
        return sep.join(text(key, spec or "en", **args) for key, args in self.parts)

    def __str__(self) -> str:
        return format(self, "")


class Verbatim(str):
    """Text said the same in every language (a server's own words, a timestamp):
    ``{what:th}`` in a Thai template shows it as it is."""

    def __format__(self, spec: str) -> str:
        return str(self)


def phrase(english: str, prefix: str) -> Said | Verbatim:
    """The catalogue entry under ``prefix`` whose English template reads ``english``
    (its fields taken back out of the text), to be said in a message's language;
    ``english`` itself (:class:`Verbatim`) when no entry reads so.

    >>> "{m} / {m:th}".format(m=phrase("replace plan P-1", "neo4j.mode."))
    'replace plan P-1 / แทนที่แผน P-1'
    >>> "{m:th}".format(m=phrase("something else", "neo4j.mode."))
    'something else'
    """
    for key, pattern in _patterns(prefix):
        match = pattern.fullmatch(english)
        if match:
            return Said((key, match.groupdict()))
    return Verbatim(english)


@functools.cache
def _patterns(prefix: str) -> tuple[tuple[str, re.Pattern], ...]:
    out = []
    for key, entry in CATALOGUE.items():
        if key.startswith(prefix):
            regex = "".join(re.escape(lit) + (f"(?P<{field}>.+?)" if field else "")
                            for lit, field, _, _ in string.Formatter().parse(entry["en"]))
            out.append((key, re.compile(regex, re.S)))
    return tuple(out)


def template(key: str, lang: str = "en") -> str:
    """The unformatted template of ``key`` in ``lang`` (English when missing)."""
    entry = CATALOGUE[key]
    return entry.get(lang) or entry["en"]


def location_text(loc, lang: str = "en") -> str:
    """Where a finding comes from (a :class:`~stratlink.graph_model.Location`), said in
    ``lang``: ``elements, row 62, column plan_id`` / ``แผ่นงาน elements แถว 62 คอลัมน์ plan_id``.

    >>> from types import SimpleNamespace as L
    >>> location_text(L(file=None, sheet="projects", row=14, column="budget"), "th")
    'แผ่นงาน projects แถว 14 คอลัมน์ budget'
    """
    out = text("loc.file", lang, file=loc.file) if getattr(loc, "file", None) else ""
    out += text("loc.sheet", lang, sheet=loc.sheet)
    if loc.row is not None:
        out += text("loc.row", lang, row=loc.row)
    if loc.column:
        out += text("loc.column", lang, column=loc.column)
    return out


def word(value: str, lang: str = "en") -> str:
    """The display text of a canonical value (a severity, stage, relation or role);
    any other value is shown as it is."""
    entry = CATALOGUE.get("word." + value)
    if entry is None:
        return value
    return entry.get(lang) or entry["en"]


def has(key: str) -> bool:
    """Whether the catalogue has ``key``."""
    return key in CATALOGUE


def lang_of(lang: str | None) -> str:
    """``lang`` when it is a catalogue language, else English ('th-TH' is Thai)."""
    if lang and lang.lower().startswith("th"):
        return "th"
    return "en"


def default_lang() -> str:
    """'th' when the user's locale is Thai (or ``STRATLINK_LANG`` says so), else 'en'."""
    for var in ("STRATLINK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "th" if value.lower().startswith("th") else "en"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:  # pragma: no cover
        loc = ""
    return "th" if loc.lower().startswith("th") else "en"
