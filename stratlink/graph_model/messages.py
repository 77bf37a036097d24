"""Finding messages in English and Thai.

Messages are free text in the spec; codes, subjects and related ids are the
contract. A template sees the finding's ``subject``, ``related`` (joined with
", "), ``first`` (the first related id) and its ``args``.
"""

from __future__ import annotations

import locale
import os
import re

from stratlink.graph_model.model import THAI_LABELS

TEMPLATES: dict[str, dict[str, str]] = {
    "DUPLICATE_ID": {
        "en": "id {subject} occurs more than once; the first occurrence wins{where}",
        "th": "รหัส {subject} ซ้ำกันมากกว่าหนึ่งแห่ง ใช้รายการแรก{where}",
    },
    "UNKNOWN_REFERENCE": {
        "en": "{column} names {first}, which does not exist{dropped}",
        "th": "{column} อ้างถึง {first} ซึ่งไม่มีอยู่{dropped}",
    },
    "INVALID_VALUE": {
        "en": "{column}: {reason}{shown}{dropped}",
        "th": "{column}: {reason}{shown}{dropped}",
    },
    "MISSING_SHEET": {
        "en": "required sheet '{subject}' is missing",
        "th": "ไม่พบชีตที่จำเป็น '{subject}'",
    },
    "UNKNOWN_TRIPLES": {
        "en": "{count} triples are outside stratlink's vocabulary: not read into the workbook, "
              "kept when written to RDF again (e.g. {examples})",
        "th": "มี {count} ทริปเปิลที่อยู่นอกคำศัพท์ของ stratlink ไม่ได้อ่านเข้าสมุดงาน "
              "แต่จะคงไว้เมื่อเขียนออกเป็น RDF อีกครั้ง (เช่น {examples})",
    },
    "SHACL": {
        "en": "{subject}: {text}",
        "th": "{subject}: {text}",
    },
    "ORPHAN_PROJECT": {
        "en": "project {subject} links to nothing",
        "th": "โครงการ {subject} ไม่เชื่อมโยงกับสิ่งใดเลย",
    },
    "BROKEN_CHAIN": {
        "en": "project {subject} does not reach the {top} level; its chain ends at {related}",
        "th": "โครงการ {subject} เชื่อมโยงไม่ถึงระดับ{top_th} สายความเชื่อมโยงสิ้นสุดที่ {related}",
    },
    # BROKEN_CHAIN whose chain ends in a cycle only (no sink: related is empty)
    "BROKEN_CHAIN/cycle": {
        "en": "project {subject} does not reach the {top} level; its chain ends in a cycle of links",
        "th": "โครงการ {subject} เชื่อมโยงไม่ถึงระดับ{top_th} สายความเชื่อมโยงวนเป็นวงจร",
    },
    "ORPHAN_ELEMENT": {
        "en": "element {subject} is not at the top level and links to nothing above it",
        "th": "องค์ประกอบ {subject} ไม่ได้อยู่ระดับบนสุดและไม่เชื่อมโยงกับระดับที่สูงกว่า",
    },
    "CYCLE": {
        "en": "{subject} is in a cycle of links ({cycle})",
        "th": "{subject} อยู่ในวงจรการเชื่อมโยง ({cycle})",
    },
    "DOWNWARD_LINK": {
        "en": "{subject} links down to {first}, a lower level",
        "th": "{subject} เชื่อมโยงลงไปยัง {first} ซึ่งอยู่ระดับต่ำกว่า",
    },
    "LEVEL_SKIP": {
        "en": "{subject} links to {first}, skipping more than {jump} levels",
        "th": "{subject} เชื่อมโยงไปยัง {first} ข้ามเกิน {jump} ระดับ",
    },
    "CONFLICTING_TARGETS": {
        "en": "{subject} serves both {related}, which conflict with each other",
        "th": "{subject} สนับสนุนทั้ง {related} ซึ่งขัดแย้งกัน",
    },
    "SCOPE_MISMATCH": {
        "en": "{subject} (area {source_area}) links to {first} (area {target_area}) outside its area",
        "th": "{subject} (พื้นที่ {source_area}) เชื่อมโยงไปยัง {first} (พื้นที่ {target_area}) นอกพื้นที่ของตน",
    },
    "PERIOD_MISMATCH": {
        "en": "project {subject} (fiscal year {year}) links to {first}, whose plan covers {start}-{end}",
        "th": "โครงการ {subject} (ปีงบประมาณ {year}) เชื่อมโยงไปยัง {first} ซึ่งแผนครอบคลุมปี {start}-{end}",
    },
    "INCONSISTENT_LINEAGE": {
        "en": "the links of project {subject} asserted by {related} lead to disjoint top-level nodes",
        "th": "ความเชื่อมโยงของโครงการ {subject} ที่ระบุโดย {related} นำไปสู่ยุทธศาสตร์ระดับบนสุดที่ไม่ซ้อนทับกัน",
    },
    "UNCOVERED_ELEMENT": {
        "en": "no project contributes to element {subject}",
        "th": "ไม่มีโครงการใดสนับสนุนองค์ประกอบ {subject}",
    },
    "VALUE_CHAIN_GAP": {
        "en": "value chain {subject} has no project at stage {related}",
        "th": "ห่วงโซ่คุณค่า {subject} ไม่มีโครงการในขั้น {stages_th}",
    },
    "DUPLICATE_PROJECT": {
        "en": "project {subject} looks like a duplicate of {related} (same name, area and year)",
        "th": "โครงการ {subject} อาจซ้ำกับ {related} (ชื่อ พื้นที่ และปีเดียวกัน)",
    },
    # import-wide: the value as written is {value}, the column's plan {plan}
    "UNMATCHED_LABEL": {
        "en": "project {subject}: '{value}' matches no element of {plan}; nothing was linked",
        "th": "โครงการ {subject}: '{value}' ไม่ตรงกับองค์ประกอบใดของแผน {plan} จึงไม่ได้เชื่อมโยง",
    },
    "AMBIGUOUS_LABEL": {
        "en": "project {subject}: '{value}' matches several elements of {plan} ({related}); "
              "write the element's code to choose one",
        "th": "โครงการ {subject}: '{value}' ตรงกับหลายองค์ประกอบของแผน {plan} ({related}) "
              "โปรดระบุรหัสขององค์ประกอบที่ต้องการ",
    },
    "FUZZY_MATCH": {
        "en": "project {subject}: '{value}' was read as {first} '{name}' (similarity {score})",
        "th": "โครงการ {subject}: ถือว่า '{value}' คือ {first} '{name}' (ความคล้าย {score})",
    },
    "CLAIM_MISMATCH": {
        "en": "project {subject}: the sheet says '{value}' ({first}), but the project's links "
              "trace to {traced}",
        "th": "โครงการ {subject}: ในตารางระบุ '{value}' ({first}) แต่ความเชื่อมโยงของโครงการ"
              "นำไปสู่ {traced_th}",
    },
}

REASONS: dict[str, dict[str, str]] = {
    "missing": {"en": "a required value is missing", "th": "ไม่มีค่าที่จำเป็น"},
    "no_name": {"en": "name_th or name_en is required", "th": "ต้องมี name_th หรือ name_en"},
    "unknown_level": {"en": "not a level of the policy ({allowed})", "th": "ไม่ใช่ระดับของนโยบาย ({allowed})"},
    "unknown_word": {"en": "not one of {allowed}", "th": "ไม่ใช่ค่าใดใน {allowed}"},
    "not_number": {"en": "not a number", "th": "ไม่ใช่ตัวเลข"},
    "negative": {"en": "must not be negative", "th": "ต้องไม่ติดลบ"},
    "not_year": {"en": "not a year", "th": "ไม่ใช่ปี"},
    "not_bool": {"en": "not true or false", "th": "ไม่ใช่ true หรือ false"},
    "wrong_kind": {
        "en": "{value} is {kind}, not {expected}",
        "th": "{value} เป็น{kind_th} ไม่ใช่{expected_th}",
    },
    "several_values": {"en": "has several values ({value})", "th": "มีหลายค่า ({value})"},
    "period_order": {"en": "ends before the period starts", "th": "สิ้นสุดก่อนปีเริ่มต้น"},
    "bad_namespace": {
        "en": "not a namespace (letters, digits, '-', '_' or '.'; no ':', '/' or spaces)",
        "th": "ไม่ใช่เนมสเปซที่ใช้ได้ (ใช้ตัวอักษร ตัวเลข '-' '_' หรือ '.' ห้ามมี ':' '/' หรือช่องว่าง)",
    },
    "parent_other_plan": {
        "en": "the parent {value} belongs to another plan",
        "th": "องค์ประกอบแม่ {value} อยู่ในแผนอื่น",
    },
    # robustness (docs/limits.md): cells no sheet should hold
    "too_many_digits": {"en": "has more than {limit} digits", "th": "มีตัวเลขเกิน {limit} หลัก"},
    "too_long": {"en": "holds {length} characters, more than the limit of {limit}",
                 "th": "มีความยาว {length} ตัวอักษร เกินขีดจำกัด {limit}"},
    "excel_error": {"en": "is the spreadsheet error {value}, not data",
                    "th": "เป็นค่าความผิดพลาดของสเปรดชีต {value} ไม่ใช่ข้อมูล"},
    "formula_no_value": {
        "en": "is a formula ({value}) without a saved value; open the file in Excel and save it again",
        "th": "เป็นสูตร ({value}) ที่ไม่มีค่าที่บันทึกไว้ ให้เปิดไฟล์ใน Excel แล้วบันทึกอีกครั้ง"},
    "invisible_char": {
        "en": "{value} holds an invisible or control character ({chars}); ids must be plain text",
        "th": "{value} มีอักขระที่มองไม่เห็นหรืออักขระควบคุม ({chars}) รหัสต้องเป็นข้อความธรรมดา"},
    "nul_char": {"en": "holds a NUL character", "th": "มีอักขระ NUL"},
    "unclosed_quote": {
        "en": "line {line} opens a quote (\") that never closes; reading goes on at the next line",
        "th": "บรรทัด {line} มีเครื่องหมายอัญประกาศ (\") ที่ไม่มีตัวปิด อ่านต่อที่บรรทัดถัดไป"},
}

DROPPED = {"en": "; the row is left out", "th": " จึงไม่นำแถวนี้มาใช้"}
DROPPED_VALUE = {"en": "; the value is left out", "th": " จึงไม่ใช้ค่านี้"}
AS_PRIMARY = {"en": "; the link counts as primary", "th": " จึงถือเป็นความเชื่อมโยงหลัก"}


#: Longest bad value a message repeats (a 400-digit budget is shown by its start).
MAX_SHOWN = 60
#: Characters no one can see on screen (controls, zero-width characters, direction
#: marks); in a message they are written as <U+XXXX>, so that a bad value can neither
#: hide nor move the cursor of a terminal.
INVISIBLE_CHARS = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e"
                        "\u2060-\u2064\u2066-\u206f\u3164\ufeff\ufff9-\ufffb]")


def visible(text: str) -> str:
    """``text`` with every invisible character written as ``<U+XXXX>``.

    >>> visible("A\\u200fB\\nC\\x1b[2J")
    'A<U+200F>B<U+000A>C<U+001B>[2J'
    """
    return INVISIBLE_CHARS.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)



class _Blank(dict):
    def __missing__(self, key):
        return ""


def render(finding, lang: str = "en") -> str:
    lang = "th" if lang == "th" else "en"
    args = _Blank(finding.args)
    args["subject"] = finding.subject
    args["related"] = ", ".join(finding.related)
    args["first"] = finding.related[0] if finding.related else ""
    if "reason" in finding.args:
        reason = REASONS.get(finding.args["reason"], {}).get(lang, finding.args["reason"])
        args["reason"] = reason.format_map(args)
    if finding.args.get("value") not in (None, "") and finding.code == "INVALID_VALUE":
        value = visible(str(finding.args["value"]))
        value = value if len(value) <= MAX_SHOWN else value[:MAX_SHOWN] + f"... ({len(value):,} characters)"
        args["shown"] = f" ('{value}')" if "{value}" not in REASONS.get(
            finding.args.get("reason", ""), {}).get(lang, "") else ""
    drop = finding.args.get("dropped")
    if drop == "row":
        args["dropped"] = DROPPED[lang]
    elif drop == "value":
        args["dropped"] = DROPPED_VALUE[lang]
    elif drop == "as_primary":
        args["dropped"] = AS_PRIMARY[lang]
    else:
        args["dropped"] = ""
    if finding.code == "VALUE_CHAIN_GAP":
        args["stages_th"] = ", ".join(THAI_LABELS.get(r, r) for r in finding.related)
    code = finding.code
    if code == "BROKEN_CHAIN" and not finding.related:
        code = "BROKEN_CHAIN/cycle"
    template = TEMPLATES.get(code, {}).get(lang) or TEMPLATES.get(code, {}).get("en")
    if template is None:
        return f"{finding.code}: {finding.subject} {args['related']}".strip()
    return template.format_map(args)


def default_lang() -> str:
    """'th' when the user's locale is Thai, else 'en'."""
    for var in ("STRATLINK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "th" if value.lower().startswith("th") else "en"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:  # pragma: no cover
        loc = ""
    return "th" if loc.lower().startswith("th") else "en"
