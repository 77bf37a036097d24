"""Writing a plan workbook back as a wide sheet (``stratlink export-wide``).

One row per project in the map's columns: the project fields, then each ``link``
column listing the project's link targets in that plan, each ``claim`` column the
elements of that plan in C(project) (given by the caller, who owns the queries),
every value written as "code name" and joined by newlines.

Decisions (also in ``docs/wide-sheets.md``):

* A link goes to the first link column of its target's plan with the same
  ``relation`` and ``role`` whose ``asserted_by`` equals the link's (or is
  ``{plan_id}`` and the link is asserted by the project's plan); failing that, to the
  first such column without ``asserted_by``. A link no column takes is not written
  (:func:`wide_rows` returns how many).
* A label is "code name" when the element's code is numbers joined by dots, else
  the name alone; in a label with a code, the column's separator characters in the
  name are written as spaces (the code alone identifies the element, so the label
  still reads back to it).
* Without a map, :func:`builtin_export_map` writes the built-in titles; a level
  with several plans gets one column per plan, titled with the plan id in
  brackets, which the built-in map reads back to that plan.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from stratlink.errors import InputError
from stratlink.graph_model import RELATIONS, ROLES, Element, Link, PlanGraph
from stratlink.i18n import word
from stratlink.loaders import values as V
from stratlink.loaders.sheets import ooxml_escape
from stratlink.loaders.wide_map import (
    CLAIM_LEVELS,
    FIELDS,
    LEVEL_RULES,
    MODIFIER_TITLES,
    OWN_PLAN,
    WideColumn,
    WideMap,
    resolve_title,
)
from stratlink.loaders.wide_match import code_key
from stratlink.loaders.workbook import XLSX_MAX_TEXT, _xlsx_value, atomic_write

#: the titles export-wide writes without a map (the built-in map reads them back)
FIELD_TITLES = {
    "id": "รหัสโครงการ", "plan_id": "แผนที่บรรจุโครงการ", "name_th": "ชื่อโครงการ",
    "name_en": "ชื่อโครงการ (ภาษาอังกฤษ)", "owner": "หน่วยงานรับผิดชอบ", "area_id": "พื้นที่ดำเนินการ",
    "fiscal_year": "ปีงบประมาณ", "budget": "งบประมาณ (บาท)", "value_chain_id": "ห่วงโซ่คุณค่า",
    "stage": "ช่วงของห่วงโซ่คุณค่า", "local_only": "เฉพาะพื้นที่", "status": "สถานะ",
}


def label(element: Element, split: str) -> str:
    """How a cell names an element: "code name", or the name when the code is not numbers.

    >>> label(Element("E", "P", "goal", code="1.2", name_th="ข้าว, ไหม"), "\\n;,")
    '1.2 ข้าว  ไหม'
    >>> label(Element("E", "P", "goal", code="A", name_en="Rice"), "\\n;,")
    'Rice'
    """
    name = element.name_th or element.name_en or ""
    if code_key(element.code) is None:
        return name
    for sep in split:
        name = name.replace(sep, " ")
    return f"{element.code.strip()} {name}".strip()


def _element_order(graph: PlanGraph):
    def key(eid: str):
        k = code_key(graph.elements[eid].code)
        return (k is None, k or (), eid)
    return key


def _column_for(link: Link, project_plan: str, columns: list[WideColumn], plan: str) -> WideColumn | None:
    fitting = [c for c in columns if c.use == "link" and c.plan == plan and c.relation == link.relation
               and c.role == link.role]
    for c in fitting:
        if c.asserted_by is not None and (c.asserted_by == link.asserted_by or (
                c.asserted_by == OWN_PLAN and link.asserted_by == project_plan)):
            return c
    return next((c for c in fitting if c.asserted_by is None), None)


def wide_rows(graph: PlanGraph, m: WideMap, closure: dict[str, set[str]], era: str | None = None
              ) -> tuple[list[str], list[list[object]], int]:
    """Header, one row per project (cells as text; years and budgets typed), and the
    number of project links no column could hold."""
    era = era or graph.era
    fields = [(name, m.fields[name]) for name in FIELDS if name in m.fields]
    header = [title for _, title in fields] + [c.title for c in m.columns]
    order = _element_order(graph)
    targets: dict[tuple[str, str], list[str]] = {}
    lost = 0
    for link in graph.links:
        project = graph.projects.get(link.source_id)
        target = graph.elements.get(link.target_id)
        if project is None:
            continue
        col = _column_for(link, project.plan_id, m.columns, target.plan_id) if target else None
        if col is None:
            lost += 1
            continue
        cell = targets.setdefault((project.id, col.title), [])
        if target.id not in cell:
            cell.append(target.id)
    rows = []
    for p in graph.projects.values():
        row: list[object] = []
        for name, _ in fields:
            row.append(_field(p, name, m, era))
        for col in m.columns:
            if col.use == "link":
                ids = targets.get((p.id, col.title), [])
            else:
                ids = [e for e in closure.get(p.id, ()) if graph.elements[e].plan_id == col.plan]
            labels = [label(graph.elements[e], col.split) for e in sorted(ids, key=order)]
            row.append("\n".join(labels) or None)
        rows.append(row)
    return header, rows, lost


def _field(p, name: str, m: WideMap, era: str):
    value = getattr(p, name)
    if value is None:
        return None
    if name == "fiscal_year":
        return int(V.format_year(value, era))
    if name == "budget":
        return value
    if name == "stage":
        return word(value, "th")
    if name == "local_only":
        return "ใช่" if value else "ไม่ใช่"
    return value


def builtin_export_map(graph: PlanGraph) -> WideMap:
    """The built-in titles for ``graph``: every project field, a claim column for each
    plan at a claim level, and a link column for each (plan, relation, role) that
    some project link uses."""
    m = WideMap(fields=dict(FIELD_TITLES))
    groups: list[tuple[str, str, str]] = []
    for link in graph.links:
        target = graph.elements.get(link.target_id)
        if link.source_id in graph.projects and target is not None:
            key = (target.plan_id, link.relation, link.role)
            if key not in groups:
                groups.append(key)
    groups.sort(key=lambda g: (RELATIONS.index(g[1]), ROLES.index(g[2])))
    claim_levels = set(CLAIM_LEVELS) | {graph.policy.top_level}
    planned = sorted(graph.plans.values(), key=lambda p: (graph.policy.position(p.level)
                                                          if p.level in graph.policy.level_names else 99, p.id))
    for plan in planned:
        if plan.level in claim_levels and any(e.plan_id == plan.id for e in graph.elements.values()):
            m.columns.append(_export_column(graph, plan.id, "claim", "contributes_to", "primary"))
        for plan_id, relation, role in groups:
            if plan_id == plan.id:
                m.columns.append(_export_column(graph, plan.id, "link", relation, role))
    return m


def _export_column(graph: PlanGraph, plan_id: str, use: str, relation: str, role: str) -> WideColumn:
    plan = graph.plans[plan_id]
    rules = [r for r in LEVEL_RULES if r.level == plan.level]
    base = rules[0].title if rules else ""
    if len(rules) > 1:
        text = " ".join(t.casefold() for t in (plan.id, plan.name_th or "", plan.name_en or ""))
        base = next((r.title for r in rules if any(h in text for h in r.hints)), rules[-1].title)
    if not base:
        level = graph.policy.level(plan.level)
        base = level.label_th or level.label_en or plan.level
    mods = []
    default_use = "claim" if plan.level in CLAIM_LEVELS or plan.level == graph.policy.top_level else "link"
    if use != default_use:
        mods.append(MODIFIER_TITLES[("use", use)])
    if role != "primary":
        mods.append(MODIFIER_TITLES[("role", role)])
    if relation != "contributes_to":
        mods.append(MODIFIER_TITLES[("relation", relation)])
    want = WideColumn("", plan_id, use, relation, role)
    for title in (" ".join([base, *mods]), " ".join([base, f"({plan_id})", *mods])):
        res = resolve_title(title, graph)
        col = res.column if res else None
        if col is not None and (col.plan, col.use, col.relation, col.role) == \
                (want.plan, want.use, want.relation, want.role):
            return col
    raise InputError.keyed("error.map.no_title", plan=plan_id)


def write_wide(graph: PlanGraph, m: WideMap, path: str | Path, closure: dict[str, set[str]],
               era: str | None = None) -> tuple[Path, int]:
    """Write the wide sheet to ``path`` (.xlsx, else CSV); returns the path and the
    number of project links no column could hold."""
    path = Path(path)
    header, rows, lost = wide_rows(graph, m, closure, era)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        _write_xlsx(path, header, rows)
    else:
        _write_csv(path, header, rows)
    return path, lost


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return V.format_budget(value)
    return str(value)


def _write_csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    w.writerows([["" if v is None else _text(v) for v in row] for row in rows])
    data = buf.getvalue().encode("utf-8-sig")
    atomic_write(path, lambda tmp: Path(tmp).write_bytes(data))


def _write_xlsx(path: Path, header: list[str], rows: list[list[object]]) -> None:
    from openpyxl import Workbook  # heavy: only for .xlsx output
    from openpyxl.cell import WriteOnlyCell  # heavy: only for an .xlsx sheet

    for rownum, row in enumerate(rows, start=2):
        for title, v in zip(header, row):
            if isinstance(v, str) and len(v) > XLSX_MAX_TEXT:
                raise InputError.keyed("error.write.wide_cell_too_long", path=path, row=rownum, column=title,
                                       length=f"{len(v):,}", limit=f"{XLSX_MAX_TEXT:,}")
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("projects")

    def cell(value):
        if isinstance(value, Decimal):
            value = _xlsx_value(V.format_budget(value), "budget")
        if not isinstance(value, str):
            return value
        c = WriteOnlyCell(ws, value=ooxml_escape(value))
        c.data_type = "s"
        return c

    ws.append([cell(h) for h in header])
    for row in rows:
        ws.append([cell(v) for v in row])
    atomic_write(path, wb.save)
