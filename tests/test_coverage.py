"""Coverage: projects, budget (primary-only and all) and stages beneath top and
coverage-level elements."""

from __future__ import annotations

import json
from decimal import Decimal

from stratlink.loaders.testing import graph_from_csv
from stratlink.queries import coverage
from stratlink.viz.output import render_coverage


def graph():
    return graph_from_csv(
        plans="id,level,name_en\nNS,national,NS\nPV,province,PV\nLC,local,LC",
        elements="""
            id,plan_id,kind,name_en,parent_id
            S1,NS,strategy,S1,
            S2,NS,strategy,S2,
            I1,PV,issue,I1,
            G1,PV,goal,G1,I1
            L1,LC,goal,L1,
        """,
        value_chains="id,name_en\nVC,Rice",
        projects="""
            id,plan_id,name_en,budget,value_chain_id,stage
            P1,LC,P1,"1,000,000",VC,upstream
            P2,LC,P2,250000.50,VC,downstream
            P3,LC,P3,,VC,upstream
            P4,LC,P4,70,,
        """,
        links="""
            source_id,target_id,relation,role
            P1,G1,,
            P2,G1,,secondary
            P3,L1,,
            L1,I1,,
            I1,S1,,
            P4,S1,,secondary
        """)


def test_coverage_rows():
    cov = coverage(graph())
    assert [r.element for r in cov.rows] == ["S1", "S2", "G1", "I1"]
    s1 = cov.row("S1")
    assert (s1.projects, s1.budget_all, s1.budget_primary) == (
        4, Decimal("1250070.50"), Decimal("1000000"))
    assert s1.stages == {"upstream": 2, "midstream": 0, "downstream": 1}
    g1 = cov.row("G1")
    assert (g1.projects, g1.budget_all, g1.budget_primary) == (2, Decimal("1250000.50"), Decimal("1000000"))
    i1 = cov.row("I1")
    assert (i1.projects, i1.budget_primary) == (3, Decimal("1000000"))
    assert cov.row("S2").projects == 0


def test_coverage_forms():
    cov = coverage(graph())
    data = json.loads(render_coverage(cov, "json"))
    assert data["elements"][0] == {"element": "S1", "level": "national", "projects": 4,
                                   "budget_primary": 1000000, "budget_all": 1250070.5,
                                   "stages": {"upstream": 2, "midstream": 0, "downstream": 1}}
    csv_lines = render_coverage(cov, "csv").splitlines()
    assert csv_lines[0] == "element,level,projects,budget_primary,budget_all,upstream,midstream,downstream"
    assert csv_lines[1] == "S1,national,4,1000000,1250070.5,2,0,1"
    text = render_coverage(cov, "text", "th").splitlines()
    assert "ต้นทาง" in text[0] and "1,250,070.50" in text[2]
