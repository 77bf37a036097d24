"""The bundled ``national`` workbook: the top of Thailand's plan ladder, shared by
every provincial workbook (``stratlink check PROVINCE --shared national``).

It is built in memory from the one copy of the public national-plans data that
stratlink ships (``stratlink/data/th-national-plans.csv`` and
``th-master-plan-links.csv``, also used by ``stratlink template --with-national``):
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

#: what ``--shared`` and ``stratlink.load(..., shared=[...])`` take for the bundled workbook
NATIONAL = "national"
NAMESPACE = "national"
_SOURCE = "stratlink/data/th-national-plans.csv"


def national_rows() -> dict[str, list[dict[str, str]]]:
    """Rows (column -> text) of the plans, elements and links sheets."""
    from stratlink.data import read_rows

    plans = [
        {"id": "NS-2561", "level": "national", "name_th": "ยุทธศาสตร์ชาติ พ.ศ. 2561-2580",
         "name_en": "National Strategy 2018-2037", "period_start": "2561", "period_end": "2580"},
        {"id": "MP-2561", "level": "master", "name_th": "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ (23 ประเด็น)",
         "name_en": "Master Plans under the National Strategy (23 issues)",
         "period_start": "2561", "period_end": "2580"},
        {"id": "NESDP13", "level": "master",
         "name_th": "แผนพัฒนาเศรษฐกิจและสังคมแห่งชาติ ฉบับที่ 13 (พ.ศ. 2566-2570)",
         "name_en": "13th National Economic and Social Development Plan (2023-2027)",
         "period_start": "2566", "period_end": "2570"},
    ]
    ids: dict[tuple[str, str], str] = {}
    elements = []
    for row in read_rows("th-national-plans.csv"):
        kind, code = row["kind"], row["code"]
        if kind == "national_strategy":
            el = {"id": f"NS-S{code}", "plan_id": "NS-2561", "kind": "strategy"}
        elif kind == "master_plan":
            el = {"id": f"MP{code}", "plan_id": "MP-2561", "kind": "master_plan"}
        elif kind == "sub_plan":
            parent, number = code.split(".")
            el = {"id": f"MP{parent}{int(number):02d}", "plan_id": "MP-2561", "kind": "sub_plan",
                  "parent_id": f"MP{parent}"}
        elif kind == "nesdp13_milestone":
            el = {"id": f"N13-M{code}", "plan_id": "NESDP13", "kind": "milestone"}
        else:  # cluster members are areas of a cluster plan, not national elements
            continue
        el.update(code=code, name_th=row["name_th"], name_en=row["name_en"], description=row["note"])
        ids[(kind, code)] = el["id"]
        elements.append(el)
    links = [{"source_id": ids[(row["kind"], row["code"])],
              "target_id": ids[("national_strategy", row["strategy"])],
              "relation": "contributes_to", "role": row["role"],
              "asserted_by": "MP-2561" if row["kind"] == "master_plan" else "NESDP13",
              "note": row["note"]}
             for row in read_rows("th-master-plan-links.csv")]
    return {"plans": plans, "elements": elements, "projects": [], "links": links,
            "meta": [{"key": "namespace", "value": NAMESPACE}]}


def national_graph(policy: Policy | None = None) -> PlanGraph:
    """The bundled national workbook as a graph (namespace ``national``)."""
    from stratlink.loaders.sheets import RawSheet
    from stratlink.loaders.workbook import build_graph

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
