"""Every user-facing string of the map and the report, in English and Thai.

(Kept in one dict here until the project-wide catalogue ``stratlink.i18n`` exists;
then these entries move there.)

>>> word("projects", "th"), word("projects", "en")
('โครงการ', 'projects')
>>> word("no such key", "en")
'no such key'
"""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    # ---- map page ---------------------------------------------------------------
    "map_title": {"en": "Strategy linkage map", "th": "แผนที่ความเชื่อมโยงยุทธศาสตร์"},
    "focus_title": {"en": "How {name} reaches the top", "th": "เส้นทางเชื่อมโยงของ {name} สู่ระดับบนสุด"},
    "down_title": {"en": "Everything beneath {name}", "th": "ทุกสิ่งที่อยู่ภายใต้ {name}"},
    "legend": {"en": "Legend", "th": "คำอธิบายสัญลักษณ์"},
    "levels": {"en": "Levels (colour)", "th": "ระดับแผน (สี)"},
    "shapes": {"en": "Shapes", "th": "รูปทรง"},
    "lines": {"en": "Lines", "th": "เส้น"},
    "marks": {"en": "Findings", "th": "ข้อค้นพบ"},
    "element": {"en": "plan element (strategy, goal, tactic...)", "th": "องค์ประกอบของแผน (ยุทธศาสตร์ เป้าหมาย กลยุทธ์ ...)"},
    "project": {"en": "project, no value-chain stage", "th": "โครงการ (ไม่ระบุขั้นห่วงโซ่คุณค่า)"},
    "upstream": {"en": "project, upstream", "th": "โครงการ ต้นทาง"},
    "midstream": {"en": "project, midstream", "th": "โครงการ กลางทาง"},
    "downstream": {"en": "project, downstream", "th": "โครงการ ปลายทาง"},
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
                   "th": "มีข้อผิดพลาด (ไม่เชื่อมโยง สายขาด วงจร เชื่อมโยงลง ขัดแย้ง ...)"},
    "mark_warning": {"en": "has a warning (uncovered goal, level skip, mismatch...)",
                     "th": "มีคำเตือน (เป้าหมายที่ไม่มีโครงการ ข้ามระดับ ไม่สอดคล้องพื้นที่/ปี ...)"},
    "mark_deadend": {"en": "dead end of a broken chain", "th": "จุดสิ้นสุดของสายที่ขาด"},
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
    "level": {"en": "level", "th": "ระดับ"},
    "owner": {"en": "owner", "th": "หน่วยงานรับผิดชอบ"},
    "area": {"en": "area", "th": "พื้นที่"},
    "fiscal_year": {"en": "fiscal year", "th": "ปีงบประมาณ"},
    "budget": {"en": "budget", "th": "งบประมาณ"},
    "baht": {"en": "baht", "th": "บาท"},
    "stage": {"en": "value-chain stage", "th": "ขั้นห่วงโซ่คุณค่า"},
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
    "filter": {"en": "Filter", "th": "ค้นหา"},
    "all": {"en": "all", "th": "ทั้งหมด"},
    "severity": {"en": "severity", "th": "ความรุนแรง"},
    "code": {"en": "code", "th": "รหัสข้อค้นพบ"},
    "subject": {"en": "subject", "th": "เรื่อง"},
    "related": {"en": "related", "th": "ที่เกี่ยวข้อง"},
    "where": {"en": "where", "th": "ตำแหน่ง"},
    "message": {"en": "message", "th": "ข้อความ"},
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
    "matrix": {"en": "Traceability matrix", "th": "ตารางการสืบย้อนความเชื่อมโยง"},
    "matrix_note": {"en": "● primary: reached through primary links only; ○ secondary: only through some "
                    "secondary link; empty: not reached.",
                    "th": "● หลัก: เชื่อมโยงถึงผ่านความเชื่อมโยงหลักเท่านั้น; ○ รอง: ผ่านความเชื่อมโยงรอง; "
                    "ว่าง: ไม่เชื่อมโยงถึง"},
    "matrix_cut": {"en": "The first {n} of {total} projects are shown; `stratlink matrix` writes all of them.",
                   "th": "แสดง {n} โครงการแรกจาก {total} โครงการ ใช้คำสั่ง `stratlink matrix` เพื่อดูทั้งหมด"},
    "table_cut": {"en": "The first {n} of {total} findings are in this page; `stratlink check` lists all of them.",
                  "th": "หน้านี้มี {n} ข้อค้นพบแรกจาก {total} รายการ ใช้คำสั่ง `stratlink check` เพื่อดูทั้งหมด"},
    "chains": {"en": "Value chains by stage", "th": "ห่วงโซ่คุณค่าแยกตามขั้น"},
    "no_stage": {"en": "no stage", "th": "ไม่ระบุขั้น"},
    "serves": {"en": "serves", "th": "สนับสนุน"},
    "gap": {"en": "no project at this stage", "th": "ไม่มีโครงการในขั้นนี้"},
    "no_chains": {"en": "The workbook has no value chains.", "th": "ไม่มีห่วงโซ่คุณค่าในข้อมูล"},
    "the_map": {"en": "Map", "th": "แผนที่ความเชื่อมโยง"},
    "contents": {"en": "Contents", "th": "สารบัญ"},
    "primary": {"en": "primary", "th": "หลัก"},
    "secondary": {"en": "secondary", "th": "รอง"},
}


def word(key: str, lang: str = "en", **values: object) -> str:
    """The text for ``key`` in ``lang`` ('th' or 'en'), with ``{name}`` slots filled.
    An unknown key is returned as it is."""
    entry = WORDS.get(key)
    text = key if entry is None else entry["th" if lang == "th" else "en"]
    return text.format(**values) if values else text
