"""The bundled ``national`` workbook: the top of Thailand's plan ladder, shared by
every provincial workbook (``stratlink check PROVINCE --shared national``).

It is built in memory from the one copy of the public national-plans data that
stratlink ships (``stratlink/data/th-national-plans.csv`` and
``th-master-plan-links.csv``), through the same rows ``stratlink template
--with-national`` writes (:func:`stratlink.loaders.template.national_rows`):
the National Strategy (``NS-2561``, strategies ``NS-S1`` .. ``NS-S6``), the master
plans (``MP-2561``: ``MP01`` .. ``MP23`` and the listed sub-plans, e.g. ``MP0301``)
and the 13th NESDP (``NESDP13``: milestones ``N13-M1`` .. ``N13-M13``), with the links
from master plans and milestones to the strategies they serve. Its namespace is
``national``; the ids are those of the bundled Roi Et sample.

>>> g = national_graph()
>>> g.namespace, len(g.plans), len(g.elements), g.load_findings
('national', 3, 54, [])
"""

from __future__ import annotations

from stratlink.graph_model import TH_ONE_PLAN, PlanGraph, Policy
from stratlink.loaders.sheets import RawSheet
from stratlink.loaders.template import national_rows as template_rows
from stratlink.loaders.workbook import build_graph

#: what ``--shared`` and ``stratlink.load(..., shared=[...])`` take for the bundled workbook
NATIONAL = "national"
NAMESPACE = "national"
_SOURCE = "stratlink/data/th-national-plans.csv"


def national_rows() -> dict[str, list[dict[str, str]]]:
    """Rows (column -> text) of the plans, elements, projects, links and meta sheets:
    the rows ``stratlink template --with-national`` writes, and the namespace."""
    rows = {sheet: [{k: str(v) for k, v in row.items() if v is not None} for row in sheet_rows]
            for sheet, sheet_rows in template_rows().items()}
    rows.setdefault("projects", [])
    rows["meta"] = [{"key": "namespace", "value": NAMESPACE}]
    return rows


def national_graph(policy: Policy | None = None) -> PlanGraph:
    """The bundled national workbook as a graph (namespace ``national``)."""
    raw = {}
    for sheet, rows in national_rows().items():
        headers: list[str] = []
        for row in rows:
            headers += [k for k in row if k not in headers]
        raw[sheet] = RawSheet(sheet, _SOURCE, headers,
                              [(n, {h: row.get(h) for h in headers}) for n, row in enumerate(rows, 2)])
    graph = build_graph(raw, policy or TH_ONE_PLAN)
    graph.namespace = graph.meta.get("namespace", NAMESPACE)
    graph.source = NATIONAL
    return graph
