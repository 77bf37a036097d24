"""Hypothesis strategies for plan workbooks (valid ones: no load findings).

``plan_graphs()`` draws a PlanGraph with plans on random rungs of the
th-one-plan ladder, element hierarchies, projects, links of every relation and
role, value chains, areas, organisations, extra columns and Thai text.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from stratlink.graph_model import (
    TH_ONE_PLAN,
    Area,
    Element,
    Link,
    Organization,
    Plan,
    PlanGraph,
    Project,
    ValueChain,
)

THAI = "กขคงจฉชซญดตถทนบปผพฟมยรลวศสหอฮะาำิีึืุูเแโใไ่้๊๋็์"
#: text as people type it, and as it breaks formats: quotes, '=' (a formula in Excel),
#: CR/LF/tab inside a value, a control character, an OOXML escape look-alike
text = st.text(alphabet=THAI + "abcXYZ 0123456789-.,'\"=\r\n\t\x01_", min_size=1, max_size=12).map(
    str.strip).filter(bool) | st.sampled_from(["=SUM(A1)", "_x000D_", "007", "TRUE", "1.0"])
maybe = lambda s: st.one_of(st.none(), s)  # noqa: E731
ids = st.text(alphabet="ABCPXกข0123456789-_", min_size=1, max_size=6).map(str.strip).filter(bool)


@st.composite
def plan_graphs(draw, max_plans: int = 5, max_nodes: int = 14, areas: bool | None = None):
    g = PlanGraph(TH_ONE_PLAN)
    used: set[str] = set()

    def fresh(prefix: str) -> str:
        while True:
            cand = prefix + draw(ids)
            if cand not in used:
                used.add(cand)
                return cand

    with_areas = draw(st.booleans()) if areas is None else areas
    area_ids: list[str] = []
    if with_areas:
        g.sheets.add("areas")
        for _ in range(draw(st.integers(1, 4))):
            aid = fresh("A")
            parent = draw(st.sampled_from(area_ids)) if area_ids and draw(st.booleans()) else None
            g.add(Area(aid, name_th=draw(text), kind=draw(maybe(st.sampled_from(
                ["country", "province", "district"]))), parent_id=parent))
            area_ids.append(aid)
    area = st.sampled_from(area_ids) if area_ids else st.none()
    years = st.integers(2010, 2040)
    levels = TH_ONE_PLAN.level_names
    plans = []
    # always a top plan so that chains can be complete
    for i in range(draw(st.integers(1, max_plans))):
        level = "national" if i == 0 else draw(st.sampled_from(levels))
        start = draw(maybe(years))
        end = None if start is None else draw(maybe(st.integers(start, start + 20)))
        p = Plan(fresh("PL"), level, name_th=draw(maybe(text)), name_en=draw(text),
                 area_id=draw(maybe(area)), period_start=start, period_end=end)
        g.add(p)
        plans.append(p)
    elements: list[Element] = []
    for _ in range(draw(st.integers(1, max_nodes))):
        plan = draw(st.sampled_from(plans))
        same = [e.id for e in elements if e.plan_id == plan.id]
        parent = draw(st.sampled_from(same)) if same and draw(st.booleans()) else None
        extra = {"remark": draw(text)} if draw(st.integers(0, 5)) == 0 else {}
        el = Element(fresh("E"), plan.id, draw(st.sampled_from(["strategy", "goal", "issue"])),
                     name_th=draw(text), name_en=draw(maybe(text)), parent_id=parent,
                     code=draw(maybe(st.sampled_from(["1", "2.1", "3.2.1"]))),
                     description=draw(maybe(text)), extra=extra)
        g.add(el)
        elements.append(el)
    chains = []
    if draw(st.booleans()):
        g.sheets.add("value_chains")
        for _ in range(draw(st.integers(1, 2))):
            vc = ValueChain(fresh("VC"), name_th=draw(text),
                            serves_id=draw(maybe(st.sampled_from([e.id for e in elements]))),
                            area_id=draw(maybe(area)))
            g.add(vc)
            chains.append(vc.id)
    if draw(st.booleans()):
        g.sheets.add("organizations")
        g.add(Organization(fresh("O"), name_th=draw(text), sector=draw(maybe(st.sampled_from(
            ["government", "private", "civil_society", "community"])))))
    projects = []
    for _ in range(draw(st.integers(0, max_nodes))):
        plan = draw(st.sampled_from(plans))
        pr = Project(fresh("P"), plan.id, name_th=draw(text), area_id=draw(maybe(area)),
                     fiscal_year=draw(maybe(years)),
                     budget=draw(maybe(st.integers(0, 10**9).map(Decimal))),
                     value_chain_id=draw(maybe(st.sampled_from(chains))) if chains else None,
                     stage=draw(maybe(st.sampled_from(["upstream", "midstream", "downstream"]))),
                     local_only=draw(maybe(st.booleans())), status=draw(maybe(text)),
                     extra={"remark": draw(text)} if draw(st.booleans()) else {})
        g.add(pr)
        projects.append(pr.id)
    nodes = [e.id for e in elements] + projects
    for _ in range(draw(st.integers(0, 2 * max_nodes))):
        g.add(Link(draw(st.sampled_from(nodes)), draw(st.sampled_from(nodes)),
                   relation=draw(st.sampled_from(["contributes_to", "contributes_to",
                                                  "aligns_with", "conflicts_with"])),
                   role=draw(st.sampled_from(["primary", "secondary"])),
                   asserted_by=draw(maybe(st.sampled_from([p.id for p in plans] + ["ORG-X"]))),
                   note=draw(maybe(text))))
    g.sheets.update({"plans", "elements", "projects", "links"})
    has_years = any(p.period_start or p.period_end for p in plans) or any(
        g.projects[p].fiscal_year for p in projects)
    if has_years:
        g.era = draw(st.sampled_from(["BE", "CE"]))
    g.invalidate()
    return g
