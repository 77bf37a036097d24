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

import itertools
import json
from decimal import Decimal
from pathlib import Path

from stratlink.graph_model import STAGES, PlanGraph
from stratlink.i18n import location_text, text, word
from stratlink.loaders.workbook import atomic_write
from stratlink.queries.results import (
    CheckReport,
    Coverage,
    DownTrace,
    Matrix,
    Trace,
    decimal_json,
)
from stratlink.viz.excel import csv_text, xlsx_text_cell
from stratlink.viz.labels import Labels
from stratlink.viz.table import clip, display_width, render_table, wrap

CHECK_FORMATS = ("text", "json", "csv", "markdown")
TRACE_FORMATS = ("text", "json")
MATRIX_FORMATS = ("csv", "xlsx", "markdown", "text")
COVERAGE_FORMATS = ("text", "json", "csv")

#: Widest a subject or related cell is shown in a text table (the message has it all).
MAX_CELL = 40

CHECK_HEADERS = ("severity", "code", "subject", "related", "where", "message")
COVERAGE_HEADERS = ("element", "level", "projects", "budget_primary", "budget_all")


def _headers(prefix: str, keys, lang: str) -> list[str]:
    return [text(f"{prefix}.header.{k}", lang) for k in keys]


# ---- check -----------------------------------------------------------------------
def summary_line(report: CheckReport, lang: str = "en") -> str:
    return text("check.summary", lang, **report.summary.to_dict())


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


def _check_json(report: CheckReport, lang: str, labels: Labels | None) -> dict:
    out = report.to_dict(lang)
    if labels is not None:
        for f, d in zip(report.findings, out["findings"]):
            d["subject_name"] = labels.name(f.subject, lang)
            d["related_names"] = [labels.name(r, lang) for r in f.related]
    return out


def render_check(report: CheckReport, fmt: str = "text", lang: str = "en",
                 labels: Labels | None = None, width: int | None = None) -> str:
    """The report as text, json, csv or markdown.

    json is the spec's exact shape, plus ``subject_name`` and ``related_names`` in
    each finding when ``labels`` are given; text shows names beside ids and, given a
    ``width``, fits it (names clipped, messages wrapped).
    """
    headers = _headers("check", CHECK_HEADERS, lang)
    if fmt == "json":
        return json.dumps(_check_json(report, lang, labels), ensure_ascii=False, indent=2) + "\n"

    def titled(i: str) -> str:
        return labels.titled(i, lang) if labels is not None else i

    if fmt == "csv":  # for people: formula-like cells neutralised (viz.excel)
        head = ["code", "severity", "subject", "related", "message", "sheet", "row", "column"]
        rows = []
        for f in report.findings:
            loc = f.location
            rows.append([f.code, f.severity, f.subject, ";".join(f.related), f.message(lang),
                         loc.sheet if loc else "", "" if loc is None or loc.row is None else loc.row,
                         (loc.column or "") if loc else ""]
                        + ([labels.name(f.subject, lang)] if labels is not None else []))
        return csv_text(head + (["subject_name"] if labels is not None else []), rows,
                        safe_columns=[6])
    if fmt == "markdown":
        lines = [summary_line(report, lang), ""]
        if report.findings:
            lines.append("| " + " | ".join(headers) + " |")
            lines.append("|" + "---|" * len(headers))
            for f in report.findings:
                cells = [word(f.severity, lang), f"`{f.code}`", titled(f.subject),
                         ", ".join(f.related), _where(f), f.message(lang)]
                lines.append("| " + " | ".join(_md(c) for c in cells) + " |")
        else:
            lines.append(text("check.none", lang))
        return "\n".join(lines) + "\n"
    if fmt != "text":
        raise ValueError(f"unknown format '{fmt}' (choose from {', '.join(CHECK_FORMATS)})")
    if not report.findings:
        return text("check.none", lang) + "\n" + summary_line(report, lang) + "\n"
    summary = summary_line(report, lang)
    if width is not None:
        summary = "\n".join(wrap(summary, width))
    return findings_text(report.findings, lang, labels, width) + "\n\n" + summary + "\n"


def findings_text(findings, lang: str = "en", labels: Labels | None = None,
                  width: int | None = None) -> str:
    """Findings grouped by severity and code, one line (or wrapped lines) each: the
    subject with its name, where it comes from, the message; fitted to ``width``."""

    def titled(i: str) -> str:
        return labels.titled(i, lang) if labels is not None else i

    blocks = []
    inner = None if width is None else max(width - 2, 20)
    for (severity, code), group in itertools.groupby(findings, lambda f: (f.severity, f.code)):
        group = list(group)
        rows = [[titled(f.subject), location_text(f.location, lang) if f.location else "",
                 f.message(lang)] for f in group]
        table = render_table(None, rows, width=inner, fit=["clip", "clip", "wrap"])
        head = f"{word(severity, lang)}  {code}  ({len(group)})"
        blocks.append(head + "\n" + "\n".join("  " + line for line in table.splitlines()))
    return "\n\n".join(blocks)


def _cap(text: str, cap: int | None) -> str:
    return clip(text, cap) if cap else text


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
TREE = {"unicode": ("├─ ", "└─ ", "│  ", "   "), "ascii": ("+- ", "`- ", "|  ", "   ")}


def render_trace(result: Trace | DownTrace, fmt: str = "text", lang: str = "en",
                 labels: Labels | None = None, charset: str = "unicode",
                 width: int | None = None) -> str:
    """A trace as JSON (the spec's fields, plus ``names`` of every id shown when
    ``labels`` are given) or as text: the paths drawn as a tree from the project up,
    one node a line with its name and level (``charset`` 'ascii' for consoles
    without box-drawing characters); names are clipped so that lines fit ``width``."""
    if fmt == "json":
        out = result.to_dict()
        if labels is not None:
            ids = {result.subject, *(getattr(result, "reaches", ())),
                   *(i for p in getattr(result, "paths", ()) for i in p),
                   *(getattr(result, "projects", ()))}
            out["names"] = {i: labels.name(i, lang) for i in sorted(ids)}
        return json.dumps(out, ensure_ascii=False, indent=2) + "\n"
    if fmt != "text":
        raise ValueError(f"unknown format '{fmt}' (choose from {', '.join(TRACE_FORMATS)})")
    def node(i: str, indent: int = 0) -> str:
        if labels is None:
            return i
        level = labels.level(i, lang)
        tail = f"  [{level}]" if level else ""
        name = labels.name(i, lang)
        if name and width is not None:
            room = width - indent - display_width(i) - 1 - display_width(tail)
            name = clip(name, room) if room >= 4 else ""
        return (f"{i} {name}" if name else i) + tail

    if isinstance(result, DownTrace):
        head = text("trace.beneath", lang)
        count = f" ({len(result.projects)}):"
        lines = [f"{head} {node(result.subject, display_width(head) + 1 + len(count))}{count}"]
        lines += [f"  {node(p, 2)}" for p in result.projects] or [f"  {text('trace.nothing', lang)}"]
        return "\n".join(lines) + "\n"
    status = text("trace.complete", lang) if result.complete else text("trace.incomplete", lang)
    reaches = ", ".join(labels.titled(r, lang) if labels else r for r in result.reaches) \
        or text("trace.nothing", lang)
    lines = [f"{node(result.subject, display_width(status) + 2)}: {status}",
             f"{text('trace.reaches', lang)}: {reaches}",
             f"{text('trace.paths', lang)} ({len(result.paths)}):"]
    lines += ["  " + line for line in path_tree(result.paths, node, TREE[charset], indent=2)]
    if result.truncated:
        lines.append("  " + text("trace.more", lang))
    return "\n".join(lines) + "\n"


#: levels of a trace tree drawn with growing indentation; deeper steps keep the last one
TREE_DEPTH = 12


def path_tree(paths, show, marks=TREE["unicode"], indent: int = 0) -> list[str]:
    r"""Paths that share their start drawn as one tree, shared steps once.

    ``show(id, columns_before_it)`` draws one node.

    >>> print("\n".join(path_tree([("P", "G", "S1"), ("P", "G", "S2"), ("P", "T")],
    ...                            lambda i, at: i)))
    P
    ├─ G
    │  ├─ S1
    │  └─ S2
    └─ T
    """
    if not paths:
        return []
    tree: dict = {}
    for p in paths:
        level = tree
        for i in p[1:]:
            level = level.setdefault(i, {})
    branch, last, down, blank = marks
    lines = [show(paths[0][0], indent)]
    # depth first without recursion (a path may be thousands of steps long); below
    # TREE_DEPTH levels the indentation stops growing, so deep paths stay on screen
    stack: list[tuple[list, int, str]] = [(list(tree.items()), 0, "")]
    while stack:
        items, k, prefix = stack[-1]
        if k == len(items):
            stack.pop()
            continue
        stack[-1] = (items, k + 1, prefix)
        i, sub = items[k]
        end = k == len(items) - 1
        lead = prefix + (last if end else branch)
        lines.append(lead + show(i, indent + display_width(lead)))
        if sub:
            deeper = prefix + (blank if end else down) if len(stack) < TREE_DEPTH else prefix
            stack.append((list(sub.items()), 0, deeper))
    return lines


# ---- matrix ----------------------------------------------------------------------
def render_matrix(matrix: Matrix, fmt: str = "csv", graph: PlanGraph | None = None,
                  lang: str = "en", width: int | None = None) -> str:
    """csv, markdown or text; with ``graph``, a column of project names is added (and,
    in markdown and text, a legend naming the top-level elements)."""
    if fmt == "text":
        return _matrix_text(matrix, graph, lang, width)
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
        if graph is not None:
            labels = Labels.from_graph(graph)
            lines += [""] + [f"- `{t}` {_md(labels.name(t, lang))}" for t in matrix.tops]
        return "\n".join(lines) + "\n"
    raise ValueError(f"unknown format '{fmt}' (csv, markdown and text; xlsx needs a file)")


def _matrix_text(matrix: Matrix, graph: PlanGraph | None, lang: str, width: int | None) -> str:
    labels = Labels.from_graph(graph) if graph is not None else None
    rows = [[labels.titled(p, lang) if labels else p, *[_cell_word(c, lang) for c in cells]]
            for p, cells in zip(matrix.projects, matrix.cells)]
    table = render_table([text("matrix.header.project", lang), *matrix.tops], rows, width=width,
                         fit=["clip"] + [""] * len(matrix.tops))
    legend = [f"{t}  {labels.name(t, lang)}" if labels else t for t in matrix.tops]
    if width is not None:
        legend = [clip(line, width) for line in legend]
    return table + "\n\n" + "\n".join(legend) + "\n"


def _cell_word(cell: str, lang: str) -> str:
    return word(cell, lang) if cell else cell


def write_matrix_xlsx(matrix: Matrix, path: str | Path, graph: PlanGraph | None = None,
                      lang: str = "en") -> Path:
    """Write the matrix to one worksheet named ``matrix``, atomically. Ids and names
    are text cells, never formulas (formula-like text gets Excel's quote prefix)."""
    from openpyxl import Workbook  # heavy: imported only for .xlsx output

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


def render_coverage(cov: Coverage, fmt: str = "text", lang: str = "en",
                    labels: Labels | None = None, width: int | None = None) -> str:
    """text, json or csv; with ``labels``, element names (and, in text, the level's
    Thai or English label) beside the ids."""
    if fmt == "json":
        out = cov.to_dict()
        if labels is not None:
            for row, d in zip(cov.rows, out["elements"]):
                d["name"] = labels.name(row.element, lang)
        return json.dumps(out, ensure_ascii=False, indent=2) + "\n"
    stage_names = [word(s, lang) for s in STAGES]
    if fmt == "csv":
        rows = [[r.element, r.level, r.projects, str(r.budget_primary), str(r.budget_all),
                 *[r.stages.get(s, 0) for s in STAGES]]
                + ([labels.name(r.element, lang)] if labels is not None else []) for r in cov.rows]
        return csv_text(["element", "level", "projects", "budget_primary", "budget_all", *STAGES]
                        + (["name"] if labels is not None else []), rows,
                        safe_columns=range(2, 5 + len(STAGES)))
    if fmt != "text":
        raise ValueError(f"unknown format '{fmt}' (choose from {', '.join(COVERAGE_FORMATS)})")
    headers = _headers("coverage", COVERAGE_HEADERS, lang)
    rows = [[labels.titled(r.element, lang) if labels else r.element,
             (labels.level(r.element, lang) if labels else "") or r.level,
             str(r.projects), _baht(r.budget_primary), _baht(r.budget_all)] for r in cov.rows]
    stages = [[str(r.stages.get(s, 0)) for s in STAGES] for r in cov.rows]
    wide_rows = [a + b for a, b in zip(rows, stages)]
    if width is None or _room_for_names(headers + stage_names, wide_rows, width) >= 2 * NAME_ROOM:
        return _coverage_table(headers + stage_names, _share(wide_rows, headers + stage_names, width),
                               width) + "\n"
    # too narrow for a column per stage (their headers are single words) and names that
    # can be read: one column "stages up/mid/down" holding 18/8/14, and the numbers'
    # headers broken at their spaces, so that the names keep the room that is left
    rows = [a + ["/".join(b)] for a, b in zip(rows, stages)]
    heads = headers + [text("coverage.header.stages", lang)]
    heads[2:] = ["\n".join(wrap(h, max([display_width(r[i]) for r in rows]
                                        + [display_width(w) for w in h.split()])))
                 for i, h in enumerate(heads[2:], 2)]
    return _coverage_table(heads, _share(rows, heads, width), width) + "\n"


#: the columns a clipped name (an id and the start of its name) should keep at least
NAME_ROOM = 16


def _room_for_names(headers: list[str], rows: list[list[str]], width: int, gap: int = 2) -> int:
    """What the two name columns (element, level) have left of ``width`` beside the
    numbers, whose headers break at their spaces when needed."""
    numbers = sum(max([display_width(r[i]) for r in rows] + [display_width(w) for w in h.split()])
                  for i, h in enumerate(headers[2:], 2))
    return width - numbers - gap * (len(headers) - 1)


def _share(rows: list[list[str]], headers: list[str], width: int | None) -> list[list[str]]:
    """The level labels clipped to half the room the two name columns have (when they
    must be clipped at all), so that the element's name keeps the other half."""
    if width is None:
        return rows
    room = _room_for_names(headers, rows, width)
    level = max([display_width(r[1]) for r in rows] + [display_width(headers[1])])
    element = max([display_width(r[0]) for r in rows] + [display_width(headers[0])])
    if element + level + 2 <= room or level <= room // 2:
        return rows
    return [[r[0], clip(r[1], max(room // 2 - 1, display_width(headers[1]))), *r[2:]] for r in rows]


def _coverage_table(headers: list[str], rows: list[list[str]], width: int | None) -> str:
    numbers = len(headers) - 2
    return render_table(headers, rows, ["<", "<"] + [">"] * numbers, width=width,
                        fit=["clip", "clip"] + [""] * numbers)
