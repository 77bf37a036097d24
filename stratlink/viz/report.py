"""The one-file HTML report: summary, findings table (filter, sort), coverage of the
top-level strategies with an inline SVG chart, the traceability matrix, value-chain
stages, and the map. Works offline; large type for a projector; print CSS.

Every value from the workbook is escaped here (:func:`stratlink.viz.page.esc`) or
embedded as escaped JSON; the page's script only sorts, filters and draws.

Long tables are cut so that a national workbook still gives a page a browser opens
quickly (the page says so and names the command that lists everything):
:data:`MAX_FINDINGS` findings, :data:`MAX_MATRIX_ROWS` matrix rows.

>>> import stratlink as sl
>>> html = report_html(sl.load("examples/roiet-2561"), lang="en")
>>> all(s in html for s in ('id="summary"', 'id="findings"', 'id="coverage"', 'id="matrix"',
...                         'id="chains"', 'id="map-section"', "<svg"))
True
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from stratlink import progress
from stratlink.graph_model import STAGES, PlanGraph
from stratlink.queries import CheckReport, CoverageRow, Matrix, check, matrix
from stratlink.queries.results import PRIMARY
from stratlink.version import __version__
from stratlink.viz import page
from stratlink.viz.map import map_data, page_data
from stratlink.viz.page import esc
from stratlink.viz.words import word

#: At most this many findings in the page's table.
MAX_FINDINGS = 5000
#: At most this many projects (rows) in the page's matrix.
MAX_MATRIX_ROWS = 1000


def report_html(graph: PlanGraph, *, lang: str = "th", large: bool = False,
                report: CheckReport | None = None) -> str:
    """The linkage report as one self-contained HTML page (works offline).

    Parameters
    ----------
    graph:
        A loaded :class:`~stratlink.graph_model.PlanGraph`.
    lang:
        ``"th"`` or ``"en"``.
    large:
        Start in large type (for a projector); the page has a button for it too.
    report:
        A :class:`~stratlink.queries.CheckReport` of ``graph`` (default:
        ``stratlink.check(graph)``).

    Returns
    -------
    str
        The HTML page.

    Raises
    ------
    QueryError
        The graph's policy cannot be queried (see :func:`stratlink.check`).

    Examples
    --------
    >>> import stratlink as sl
    >>> html = report_html(sl.load("examples/roiet-2561"), lang="th", large=True)
    >>> '<body class="report-page large">' in html and "ยุทธศาสตร์ชาติ" in html
    True
    """
    w = "th" if lang == "th" else "en"
    report = report if report is not None else check(graph)
    m = matrix(graph)
    parts = [
        _summary(graph, report, w),
        _findings(report, w),
        _coverage(graph, top_coverage(graph, m), w),
        _matrix(graph, m, w),
        _chains(graph, w),
        _map_section(w),
    ]
    title = word("report_title", w)
    data = map_data(graph, lang=w, report=report)
    return page.render(
        "report.html", LANG=esc(w), TITLE=esc(title), BODY_CLASS="report-page" + (" large" if large else ""),
        H1=esc(title), SUBTITLE=esc(word("generated", w, version=__version__, source=graph.source or "-")),
        NAV=_nav(w), CONTENT="\n".join(parts), DATA=page.embed_json(page_data(data)),
        BTN_LARGE=esc(word("large_type", w)), BTN_PRINT=esc(word("print", w)),
        REPORT_JS=page.script_text(page.asset("report.js")), **page.vendor_parts())


def write_report(graph: PlanGraph, path: str | Path, **options) -> Path:
    """Write :func:`report_html` (same keyword options) to ``path``; return the path.

    Examples
    --------
    >>> import stratlink as sl, tempfile, os
    >>> out = write_report(sl.load("examples/roiet-2561"), os.path.join(tempfile.mkdtemp(), "r.html"))
    >>> out.read_text(encoding="utf-8").count("<table") >= 3
    True
    """
    with progress.task("progress.report", None, path=str(path)):
        return page.write_text(path, report_html(graph, **options))


# ---- sections ------------------------------------------------------------------------
SECTIONS = (("summary", "summary"), ("findings", "findings_table"), ("coverage", "coverage"),
            ("matrix", "matrix"), ("chains", "chains"), ("map-section", "the_map"))


def _nav(w: str) -> str:
    items = "".join(f'<li><a href="#{sid}">{esc(word(key, w))}</a></li>' for sid, key in SECTIONS)
    return f'<nav aria-label="{esc(word("contents", w))}"><ul>{items}</ul></nav>'


def _summary(g: PlanGraph, report: CheckReport, w: str) -> str:
    s = report.summary
    budget = sum((p.budget for p in g.projects.values() if p.budget is not None), Decimal(0))
    cards = [
        ("", word("plans", w), f"{len(g.plans):,}"),
        ("", word("elements", w), f"{len(g.elements):,}"),
        ("", word("projects", w), f"{len(g.projects):,}"),
        ("", word("links", w), f"{len(g.links):,}"),
        ("err", word("errors", w), f"{s.errors:,}"),
        ("warn", word("warnings", w), f"{s.warnings:,}"),
        ("", word("complete", w), f"{s.complete:,} / {s.projects:,}"),
        ("", word("total_budget", w), f"{budget:,.0f} {word('baht', w)}"),
    ]
    body = "".join(f'<div class="card {cls}"><b>{esc(v)}</b>{esc(label)}</div>' for cls, label, v in cards)
    return f'<section id="summary"><h2>{esc(word("summary", w))}</h2><div class="cards">{body}</div></section>'


def _findings(report: CheckReport, w: str) -> str:
    findings = report.findings
    shown = findings[:MAX_FINDINGS]
    heads = [("severity", ""), ("code", ""), ("subject", ""), ("related", ""), ("where", ""),
             ("message", "")]
    th = "".join(f'<th class="sortable" scope="col" data-col="{i}">{esc(word(k, w))}</th>'
                 for i, (k, _) in enumerate(heads))
    rows = []
    for f in shown:
        loc = f.location
        where = "" if loc is None else " ".join(
            word(key, w, value=value) for key, value in (("at_sheet", loc.sheet), ("at_row", loc.row),
                                                         ("at_column", loc.column)) if value not in (None, ""))
        rank = "0" if f.severity == "error" else "1"
        rows.append(
            f'<tr data-sev="{esc(f.severity)}" data-code="{esc(f.code)}">'
            f'<td class="sev-{esc(f.severity)}" data-sort="{rank}">{esc(word(f.severity, w))}</td>'
            f"<td>{esc(f.code)}</td><td>{esc(f.subject)}</td><td>{esc(', '.join(f.related))}</td>"
            f'<td data-sort="{esc(_where_key(loc))}">{esc(where)}</td><td>{esc(f.message(w))}</td></tr>')
    codes = sorted({f.code for f in findings})
    options = "".join(f'<option value="{esc(c)}">{esc(c)}</option>' for c in codes)
    all_ = esc(word("all", w))
    note = ""
    if len(findings) > len(shown):
        note = f'<p class="muted">{esc(word("table_cut", w, n=f"{len(shown):,}", total=f"{len(findings):,}"))}</p>'
    return (
        f'<section id="findings"><h2>{esc(word("findings_table", w))}</h2>{note}'
        f'<div class="filters"><label>{esc(word("filter", w))} <input type="search" id="f-text"></label>'
        f'<label>{esc(word("severity", w))} <select id="f-sev"><option value="">{all_}</option>'
        f'<option value="error">{esc(word("error", w))}</option>'
        f'<option value="warning">{esc(word("warning", w))}</option></select></label>'
        f'<label>{esc(word("code", w))} <select id="f-code"><option value="">{all_}</option>{options}</select></label>'
        f'<span id="f-count" class="muted" data-template="{esc(word("shown_of", w))}"></span>'
        f'<span class="muted">{esc(word("sort_hint", w))}</span></div>'
        f'<div class="table-wrap"><table id="findings-table"><thead><tr>{th}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></div></section>')


def _where_key(loc) -> str:
    if loc is None:
        return ""
    return f"{loc.sheet} {loc.row if loc.row is not None else 0:09d} {loc.column or ''}"


def top_coverage(g: PlanGraph, m: Matrix) -> list[CoverageRow]:
    """The rows of :func:`stratlink.coverage` for the top-level elements, derived from
    the matrix (a project is beneath a top element exactly when its cell is not empty,
    and reaches it by a primary-only path when the cell is 'primary'); this skips the
    coverage-level elements, the costly part at national scale."""
    top = g.policy.top_level
    acc = {t: [0, Decimal(0), Decimal(0), dict.fromkeys(STAGES, 0)] for t in m.tops}
    for p, row in zip(m.projects, m.cells):
        rec = g.projects[p]
        budget = rec.budget or Decimal(0)
        for t, cell in zip(m.tops, row):
            if cell:
                a = acc[t]
                a[0] += 1
                a[2] += budget
                if cell == PRIMARY:
                    a[1] += budget
                if rec.stage in a[3]:
                    a[3][rec.stage] += 1
    return [CoverageRow(t, top, a[0], a[1], a[2], a[3]) for t, a in acc.items()]


def _coverage(g: PlanGraph, rows: list[CoverageRow], w: str) -> str:
    names = {r.element: _name(g, r.element, w) for r in rows}
    svg = _coverage_svg(rows, names, w)
    body = "".join(
        f'<tr><td>{esc(r.element)}</td><td>{esc(names[r.element])}</td><td class="num">{r.projects:,}</td>'
        f'<td class="num">{r.budget_primary:,.0f}</td><td class="num">{r.budget_all:,.0f}</td>'
        + "".join(f'<td class="num">{r.stages.get(s, 0):,}</td>' for s in STAGES) + "</tr>"
        for r in rows)
    head = "".join(f"<th>{esc(h)}</th>" for h in (
        word("id", w), word("name", w), word("projects", w), word("budget_primary", w) + f" ({word('baht', w)})",
        word("budget_all", w) + f" ({word('baht', w)})",
        *(word("stage_" + s, w) for s in STAGES)))
    return (f'<section id="coverage"><h2>{esc(word("coverage", w))}</h2>'
            f'<p class="muted">{esc(word("coverage_note", w))}</p>{svg}'
            f'<div class="table-wrap"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'
            f"</section>")


def _coverage_svg(rows, names: dict, w: str) -> str:
    """A horizontal bar chart: per top element, budget (all links, and primary only)
    and number of projects. Plain SVG, text escaped."""
    if not rows:
        return ""
    label_w, bar_w, row_h = 430, 330, 64
    width = label_w + 2 * (bar_w + 150)
    height = 40 + row_h * len(rows)
    max_budget = max((r.budget_all for r in rows), default=Decimal(0)) or Decimal(1)
    max_projects = max((r.projects for r in rows), default=0) or 1
    x_budget, x_projects = label_w, label_w + bar_w + 150
    out = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
           f'xmlns="http://www.w3.org/2000/svg" aria-label="{esc(word("coverage", w))}">',
           f'<text x="{x_budget}" y="22" font-size="18" font-weight="bold">{esc(word("budget", w))} '
           f'({esc(word("million", w))})</text>',
           f'<text x="{x_projects}" y="22" font-size="18" font-weight="bold">{esc(word("projects", w))}</text>']
    for i, r in enumerate(rows):
        y = 40 + i * row_h
        name = names[r.element]
        short = name if len(name) <= 34 else name[:33] + "…"
        b_all = float(r.budget_all / max_budget) * bar_w
        b_pri = float(r.budget_primary / max_budget) * bar_w
        p_w = r.projects / max_projects * bar_w
        out += [
            f'<text x="0" y="{y + 22}" font-size="18" font-weight="bold">{esc(r.element)}</text>',
            f'<text x="0" y="{y + 46}" font-size="16"><title>{esc(name)}</title>{esc(short)}</text>',
            f'<rect x="{x_budget}" y="{y + 8}" width="{b_all:.1f}" height="36" fill="#90caf9"/>',
            f'<rect x="{x_budget}" y="{y + 8}" width="{b_pri:.1f}" height="36" fill="#1565c0"/>',
            f'<text x="{x_budget + b_all + 8:.1f}" y="{y + 32}" font-size="16">'
            f'{float(r.budget_all) / 1e6:,.1f}</text>',
            f'<rect x="{x_projects}" y="{y + 8}" width="{p_w:.1f}" height="36" fill="#2e7d32"/>',
            f'<text x="{x_projects + p_w + 8:.1f}" y="{y + 32}" font-size="16">{r.projects:,}</text>',
        ]
    out.append("</svg>")
    return "".join(out)


def _matrix(g: PlanGraph, m, w: str) -> str:
    rows = m.projects[:MAX_MATRIX_ROWS]
    sym = {"primary": "●", "secondary": "○", "": ""}
    head = "".join(f'<th title="{esc(_name(g, t, w))}">{esc(t)}</th>' for t in m.tops)
    body = []
    for i, p in enumerate(rows):
        cells = "".join(
            f'<td title="{esc(word(c, w)) if c else ""}">{sym.get(c, "")}</td>' for c in m.cells[i])
        body.append(f'<tr><td class="name">{esc(p)}</td><td class="name">{esc(_name(g, p, w))}</td>{cells}</tr>')
    note = ""
    if len(m.projects) > len(rows):
        note = f'<p class="muted">{esc(word("matrix_cut", w, n=f"{len(rows):,}", total=f"{len(m.projects):,}"))}</p>'
    return (f'<section id="matrix"><h2>{esc(word("matrix", w))}</h2>'
            f'<p class="muted">{esc(word("matrix_note", w))}</p>{note}'
            f'<div class="table-wrap"><table class="matrix"><thead><tr><th class="name">{esc(word("id", w))}</th>'
            f'<th class="name">{esc(word("name", w))}</th>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div></section>')


def _chains(g: PlanGraph, w: str) -> str:
    if not g.value_chains:
        return f'<section id="chains"><h2>{esc(word("chains", w))}</h2><p>{esc(word("no_chains", w))}</p></section>'
    members: dict[str, dict[str, list[str]]] = {vc: {s: [] for s in (*STAGES, "")} for vc in g.value_chains}
    for p in g.projects.values():
        if p.value_chain_id in members:
            members[p.value_chain_id][p.stage or ""].append(p.id)
    head = "".join(f"<th>{esc(h)}</th>" for h in (
        word("value_chain", w), word("serves", w), *(word("stage_" + s, w) for s in STAGES), word("no_stage", w)))
    body = []
    for vc_id, vc in g.value_chains.items():
        cells = []
        for s in (*STAGES, ""):
            ids = members[vc_id][s]
            if not ids and s:
                cells.append(f'<td class="gap">0 — {esc(word("gap", w))}</td>')
                continue
            items = "".join(f"<li>{esc(p)} {esc(_name(g, p, w))}</li>" for p in ids[:30])
            more = f"<li>… (+{len(ids) - 30:,})</li>" if len(ids) > 30 else ""
            cells.append(f'<td><b>{len(ids):,}</b><ul>{items}{more}</ul></td>')
        serves = f"{vc.serves_id} {_name(g, vc.serves_id, w)}".strip() if vc.serves_id else ""
        body.append(f"<tr><td><b>{esc(vc_id)}</b><br>{esc(_pick(vc, w))}</td><td>{esc(serves)}</td>"
                    f"{''.join(cells)}</tr>")
    return (f'<section id="chains"><h2>{esc(word("chains", w))}</h2><div class="table-wrap"><table>'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div></section>')


def _map_section(w: str) -> str:
    return (f'<section id="map-section"><h2>{esc(word("the_map", w))}</h2>'
            '<div class="tools"><button type="button" id="btn-fit"></button></div>'
            '<ul id="notes" class="notes"></ul>'
            '<div class="map-main"><div id="map" class="map" role="img"></div><aside class="side">'
            '<section id="panel" class="panel" hidden><button type="button" id="panel-close" class="close">'
            '</button><h2 id="panel-title"></h2><dl id="panel-details"></dl><h3 id="panel-findings-title"></h3>'
            '<ul id="panel-findings"></ul></section>'
            '<section id="paths" class="paths" hidden><h2 id="paths-title"></h2>'
            '<button type="button" id="paths-all"></button><ol id="paths-list"></ol></section>'
            '<section id="legend" class="legend"></section></aside></div></section>')


def _name(g: PlanGraph, key: str | None, w: str) -> str:
    rec = g.node(key) if key else None
    return _pick(rec, w) if rec is not None else ""


def _pick(rec, w: str) -> str:
    if w == "th":
        return rec.name_th or rec.name_en or ""
    return rec.name_en or rec.name_th or ""
