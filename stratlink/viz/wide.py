"""Rendering the result of ``stratlink import-wide`` (text or the spec's JSON)."""

from __future__ import annotations

import json

from stratlink.viz.table import clip, render_table

WORDS = {
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
        "sheet": "{sheet}: แถวหัวตารางที่ {row}; การจับคู่คอลัมน์: {map}",
        "column": "  คอลัมน์ '{title}' -> แผน {plan} ({use})",
        "ignored": "คอลัมน์ที่ไม่ได้ใช้: {titles}",
        "headers": ("ระดับ", "รหัส", "โครงการ", "ที่เกี่ยวข้อง", "แถว", "คอลัมน์", "ข้อความ"),
        "severity": {"error": "ข้อผิดพลาด", "warning": "คำเตือน", "info": "ข้อสังเกต"},
        "use": {"link": "เชื่อมโยง", "claim": "อ้างอิง ตรวจสอบเท่านั้น"},
        "none": "ไม่พบปัญหา",
        "summary": "นำเข้าโครงการ {projects} โครงการ ความเชื่อมโยง {links} รายการ ข้าม {skipped_rows} แถว; "
                   "จับคู่ตามรหัส {code} ตามชื่อ {name} ตามความคล้าย {fuzzy}; ไม่พบ {unmatched} "
                   "กำกวม {ambiguous}; ข้อผิดพลาด {errors} คำเตือน {warnings} ข้อสังเกต {info}",
        "plans": "ไฟล์แผนมีข้อสังเกตจากการโหลด {n} รายการ ดูได้ด้วย `stratlink validate`",
    },
}


def _words(lang: str) -> dict:
    return WORDS["th" if lang == "th" else "en"]


def summary_line(result, lang: str = "en") -> str:
    return _words(lang)["summary"].format(**result.summary(), **result.matches)


def render_import(result, fmt: str = "text", lang: str = "en") -> str:
    """The import's findings: ``json`` is ``{summary, findings, matches}``."""
    if fmt == "json":
        return json.dumps(result.to_dict(lang), ensure_ascii=False, indent=2) + "\n"
    if fmt != "text":
        raise ValueError(f"unknown format '{fmt}' (choose from text, json)")
    w = _words(lang)
    s = result.summary()
    lines = [w["sheet"].format(sheet=result.sheet.sheet_file, row=s["header_row"], map=s["map"])]
    lines += [w["column"].format(title=c["title"], plan=c["plan"], use=w["use"][c["use"]])
              for c in s["columns"]]
    if s["ignored_columns"]:
        lines.append(w["ignored"].format(titles=", ".join(f"'{t}'" for t in s["ignored_columns"])))
    lines.append("")
    if result.findings:
        rows = [[w["severity"].get(f.severity, f.severity), f.code, clip(f.subject, 24),
                 clip(", ".join(f.related), 30), "" if f.location is None else str(f.location.row or ""),
                 clip((f.location.column or "") if f.location else "", 30), f.message(lang)]
                for f in result.findings]
        lines.append(render_table(w["headers"], rows))
    else:
        lines.append(w["none"])
    lines += ["", summary_line(result, lang)]
    if s["plans_load_findings"]:
        lines.append(w["plans"].format(n=s["plans_load_findings"]))
    return "\n".join(lines) + "\n"

