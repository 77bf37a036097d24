"""export-wide then import-wide gives back the same projects and links
(shared/spec/wide-sheet.md, "Writing the sheet back"), for generated workbooks.

The map has one link column per (plan, relation, role, asserted_by) that the
workbook's project links use and one claim column per plan, so every project link
has a column. Links to a project cannot be written in a wide sheet, so the generated
workbooks have none. Elements must be identifiable by their labels: an element whose code
is not unique in its plan, or which has no code and a name that another rule could
confuse, is given a fresh code first (the property is about projects and links).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import plan_graphs

from stratlink.graph_model import PlanGraph
from stratlink.graph_model.names import normalise_name
from stratlink.loaders.wide_map import DEFAULT_SPLIT, WideColumn, WideMap
from stratlink.loaders.wide_match import code_key, split_label
from stratlink.loaders.wide_write import FIELD_TITLES
from stratlink.wide import export_wide, import_wide, plans_only


def prepare(g: PlanGraph) -> PlanGraph:
    """Keep only the links a wide sheet can hold or the plans workbook keeps (a link
    to a project has no column), and make every element identifiable by its label."""
    g.links = [lk for lk in g.links if lk.target_id not in g.projects]
    by_plan: dict[str, list] = {}
    for el in g.elements.values():
        by_plan.setdefault(el.plan_id, []).append(el)
    for els in by_plan.values():
        names = [normalise_name(n) for e in els for n in (e.name_th, e.name_en) if n]
        codes = [code_key(e.code) for e in els if code_key(e.code) is not None]
        fresh = iter(range(1000, 100000))
        for e in els:
            key = code_key(e.code)
            if key is not None and codes.count(key) == 1:
                continue
            name = e.name_th or e.name_en or ""
            safe = (key is None and not any(c in name for c in DEFAULT_SPLIT)
                    and split_label(name) == (None, name.strip())
                    and names.count(normalise_name(name)) == 1)
            if not safe:
                e.code = str(next(fresh))
    g.invalidate()
    return g


def wide_map(g: PlanGraph) -> WideMap:
    m = WideMap(fields=dict(FIELD_TITLES), source="generated")
    seen = []
    for link in g.links:
        target = g.elements.get(link.target_id)
        if link.source_id in g.projects and target is not None:
            key = (target.plan_id, link.relation, link.role, link.asserted_by)
            if key not in seen:
                seen.append(key)
    for i, (plan, relation, role, asserted) in enumerate(seen):
        m.columns.append(WideColumn(f"link {i}", plan, "link", relation, role, asserted))
    for i, plan in enumerate(sorted(g.plans)):
        m.columns.append(WideColumn(f"claim {i}", plan, "claim"))
    return m


def project_links(g: PlanGraph) -> set[tuple]:
    return {(lk.source_id, lk.target_id, lk.relation, lk.role, lk.asserted_by) for lk in g.links
            if lk.source_id in g.projects and lk.target_id in g.elements}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan_graphs(), st.sampled_from([".xlsx", ".csv"]))
def test_export_then_import_gives_back_projects_and_links(g, suffix):
    g = prepare(g)
    m = wide_map(g)
    with tempfile.TemporaryDirectory() as tmp:
        sheet = Path(tmp) / f"sheet{suffix}"
        _, lost = export_wide(g, sheet, map=m)
        assert lost == 0
        result = import_wide(sheet, plans_only(g), map=m)
    assert [f.code for f in result.findings] == []
    back = result.graph
    assert set(back.projects) == set(g.projects)
    for pid, p in g.projects.items():
        assert back.projects[pid].values() == p.values(), pid
    assert project_links(back) == project_links(g)
    # the plans' own links are untouched
    assert {(lk.source_id, lk.target_id) for lk in back.links if lk.source_id not in back.projects} == \
        {(lk.source_id, lk.target_id) for lk in g.links
         if lk.source_id not in g.projects and lk.target_id not in g.projects}
