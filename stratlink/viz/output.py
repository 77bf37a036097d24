"""Rendering query results: text tables (Thai aligned by display width), JSON, CSV,
Markdown, and the matrix as .xlsx.

Display widths come from ``wcwidth``: Thai vowels above/below and tone marks take
no column, so a Thai cell is padded by what the terminal shows, not by ``len()``.

>>> from stratlink.viz.table import display_width, pad
>>> display_width("ยุทธศาสตร์ชาติ"), len("ยุทธศาสตร์ชาติ")
(11, 14)
>>> pad("ชาติ", 5) + "|"
'ชาติ  |'
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from stratlink.graph_model import STAGES, PlanGraph
from stratlink.graph_model.model import THAI_LABELS
from stratlink.queries.results import (
    CheckReport,
    Coverage,
    DownTrace,
    Matrix,
    Trace,
    decimal_json,
)
from stratlink.viz.excel import csv_text, xlsx_text_cell
from stratlink.viz.table import clip, render_table

CHECK_FORMATS = ("text", "json", "csv", "markdown")
TRACE_FORMATS = ("text", "json")
MATRIX_FORMATS = ("csv", "xlsx", "markdown")
COVERAGE_FORMATS = ("text", "json", "csv")

#: Widest a subject or related cell is shown in a text table (the message has it all).
MAX_CELL = 40

WORDS = {
    "en": {
        "error": "error", "warning": "warning",
        "headers": ("severity", "code", "subject", "related", "where", "message"),
        "none": "No findings.",
        "summary": "{errors} error(s), {warnings} warning(s); {complete} of {projects} "
                   "project(s) reach the top level",
        "reaches": "reaches", "complete": "complete", "incomplete": "does not reach the top level",
        "paths": "paths", "more": "(more paths exist; raise --max-paths to see them)",
        "beneath": "projects beneath", "nothing": "(none)",
        "cov_headers": ("element", "level", "projects", "budget (primary)", "budget (all)"),
    },
    "th": {
        "error": "ข้อผิดพลาด", "warning": "คำเตือน",
        "headers": ("ระดับ", "รหัส", "เรื่อง", "ที่เกี่ยวข้อง", "ตำแหน่ง", "ข้อความ"),
        "none": "ไม่พบปัญหา",
        "summary": "ข้อผิดพลาด {errors} รายการ คำเตือน {warnings} รายการ; โครงการที่เชื่อมโยง"
                   "ถึงระดับบนสุด {complete} จาก {projects} โครงการ",
        "reaches": "เชื่อมโยงถึง", "complete": "ครบถ้วน", "incomplete": "เชื่อมโยงไม่ถึงระดับบนสุด",
        "paths": "เส้นทาง", "more": "(ยังมีเส้นทางอื่นอีก เพิ่ม --max-paths เพื่อดู)",
        "beneath": "โครงการภายใต้", "nothing": "(ไม่มี)",
        "cov_headers": ("องค์ประกอบ", "ระดับ", "จำนวนโครงการ", "งบประมาณ (หลัก)", "งบประมาณ (ทั้งหมด)"),
    },
}


def _words(lang: str) -> dict:
    return WORDS["th" if lang == "th" else "en"]


# ---- check -----------------------------------------------------------------------
def summary_line(report: CheckReport, lang: str = "en") -> str:
    return _words(lang)["summary"].format(**report.summary.to_dict())


def _where(f) -> str:
    loc = f.location
    if loc is None:
        return ""
    text = loc.sheet
    if loc.row is not None:
        text += f":{loc.row}"
    if loc.column:
        text += f":{loc.column}"
    return text


def render_check(report: CheckReport, fmt: str = "text", lang: str = "en") -> str:
    """The report as text, json, csv or markdown (json is the spec's exact shape)."""
    words = _words(lang)
    if fmt == "json":
        return json.dumps(report.to_dict(lang), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":  # for people: formula-like cells neutralised (viz.excel)
        rows = []
        for f in report.findings:
            loc = f.location
            rows.append([f.code, f.severity, f.subject, ";".join(f.related), f.message(lang),
                         loc.sheet if loc else "", "" if loc is None or loc.row is None else loc.row,
                         (loc.column or "") if loc else ""])
        return csv_text(["code", "severity", "subject", "related", "message", "sheet", "row", "column"],
                        rows, safe_columns=[6])
    if fmt == "markdown":
        lines = [summary_line(report, lang), ""]
        if report.findings:
            lines.append("| " + " | ".join(words["headers"]) + " |")
            lines.append("|" + "---|" * len(words["headers"]))
            for f in report.findings:
                cells = [words.get(f.severity, f.severity), f"`{f.code}`", f.subject,
                         ", ".join(f.related), _where(f), f.message(lang)]
                lines.append("| " + " | ".join(_md(c) for c in cells) + " |")
        else:
            lines.append(words["none"])
        return "\n".join(lines) + "\n"
    if fmt != "text":
        raise ValueError(f"unknown format '{fmt}' (choose from {', '.join(CHECK_FORMATS)})")
    if not report.findings:
        return words["none"] + "\n" + summary_line(report, lang) + "\n"
    rows = [[words.get(f.severity, f.severity), f.code, clip(f.subject, MAX_CELL),
             clip(", ".join(f.related), MAX_CELL), _where(f), f.message(lang)]
            for f in report.findings]
    return render_table(words["headers"], rows) + "\n\n" + summary_line(report, lang) + "\n"


_MD_ESCAPES = str.maketrans({"\\": "\\\\", "|": "\\|", "\n": " ", "\r": " ", "<": "&lt;", ">": "&gt;",
                             "[": "\\[", "]": "\\]",
                             # control characters (a terminal escape) shown, never sent
                             **{chr(c): f"<U+{c:04X}>" for c in [*range(0x20), *range(0x7f, 0xa0)]
                                if chr(c) not in "\n\r"}})


def _md(text: str) -> str:
    """One Markdown table cell: user text never becomes a column break, HTML (a
    ``<script>`` or ``<img onerror>``), a link, or a control character."""
    return str(text).translate(_MD_ESCAPES)


# ---- trace -----------------------------------------------------------------------
def render_trace(result: Trace | DownTrace, fmt: str = "text", lang: str = "en") -> str:
    if fmt == "json":
        return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt != "text":
        raise ValueError(f"unknown format '{fmt}' (choose from {', '.join(TRACE_FORMATS)})")
    words = _words(lang)
    if isinstance(result, DownTrace):
        lines = [f"{words['beneath']} {result.subject} ({len(result.projects)}):"]
        lines += [f"  {p}" for p in result.projects] or [f"  {words['nothing']}"]
        return "\n".join(lines) + "\n"
    status = words["complete"] if result.complete else words["incomplete"]
    reaches = ", ".join(result.reaches) or words["nothing"]
    lines = [f"{result.subject}: {status}", f"{words['reaches']}: {reaches}",
             f"{words['paths']} ({len(result.paths)}):"]
    lines += ["  " + " -> ".join(p) for p in result.paths]
    if result.truncated:
        lines.append("  " + words["more"])
    return "\n".join(lines) + "\n"


# ---- matrix ----------------------------------------------------------------------
def render_matrix(matrix: Matrix, fmt: str = "csv", graph: PlanGraph | None = None,
                  lang: str = "en") -> str:
    """csv or markdown; with ``graph``, a column of project names is added."""
    header = ["project"] + (["name"] if graph is not None else []) + list(matrix.tops)
    rows = []
    for p, cells in zip(matrix.projects, matrix.cells):
        name = [graph.projects[p].name] if graph is not None and p in graph.projects else \
            ([""] if graph is not None else [])
        shown = [_cell_word(c, lang) for c in cells]
        rows.append([p, *name, *shown])
    if fmt == "csv":
        return csv_text(header, rows)
    if fmt == "markdown":
        lines = ["| " + " | ".join(_md(h) for h in header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
        return "\n".join(lines) + "\n"
    raise ValueError(f"unknown format '{fmt}' (csv and markdown are text; xlsx needs a file)")


def _cell_word(cell: str, lang: str) -> str:
    return THAI_LABELS.get(cell, cell) if lang == "th" else cell


def write_matrix_xlsx(matrix: Matrix, path: str | Path, graph: PlanGraph | None = None,
                      lang: str = "en") -> Path:
    """Write the matrix to one worksheet named ``matrix``, atomically. Ids and names
    are text cells, never formulas (formula-like text gets Excel's quote prefix)."""
    from openpyxl import Workbook

    from stratlink.loaders.workbook import atomic_write

    path = Path(path)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("matrix")
    ws.append([xlsx_text_cell(ws, h) for h in
               ["project"] + (["name"] if graph is not None else []) + list(matrix.tops)])
    for p, cells in zip(matrix.projects, matrix.cells):
        name = [graph.projects[p].name if p in graph.projects else ""] if graph is not None else []
        ws.append([xlsx_text_cell(ws, v) for v in [p, *name, *[_cell_word(c, lang) or None for c in cells]]])
    atomic_write(path, wb.save)
    return path


# ---- coverage --------------------------------------------------------------------
def _baht(value: Decimal) -> str:
    n = decimal_json(value)
    return f"{n:,}" if isinstance(n, int) else f"{n:,.2f}"


def render_coverage(cov: Coverage, fmt: str = "text", lang: str = "en") -> str:
    if fmt == "json":
        return json.dumps(cov.to_dict(), ensure_ascii=False, indent=2) + "\n"
    stage_names = [THAI_LABELS[s] if lang == "th" else s for s in STAGES]
    if fmt == "csv":
        rows = [[r.element, r.level, r.projects, str(r.budget_primary), str(r.budget_all),
                 *[r.stages.get(s, 0) for s in STAGES]] for r in cov.rows]
        return csv_text(["element", "level", "projects", "budget_primary", "budget_all", *STAGES], rows,
                        safe_columns=range(2, 5 + len(STAGES)))
    if fmt != "text":
        raise ValueError(f"unknown format '{fmt}' (choose from {', '.join(COVERAGE_FORMATS)})")
    headers = list(_words(lang)["cov_headers"]) + stage_names
    rows = [[r.element, r.level, str(r.projects), _baht(r.budget_primary), _baht(r.budget_all),
             *[str(r.stages.get(s, 0)) for s in STAGES]] for r in cov.rows]
    return render_table(headers, rows) + "\n"
