"""Coverage findings (UNCOVERED_ELEMENT, VALUE_CHAIN_GAP, DUPLICATE_PROJECT) and load
findings in the check report."""

from __future__ import annotations

from stratlink.graph_model import Location, Plan, PlanGraph, Project
from stratlink.graph_model.policy import policy_from_dict
from stratlink.loaders.testing import graph_from_csv
from stratlink.queries import check, normalise_name

PLANS = """
    id,level,name_en
    NS,national,National Strategy
    PV,province,Province plan
    LC,local,Local plan
"""


def run(policy=None, **sheets):
    sheets.setdefault("plans", PLANS)
    return check(graph_from_csv(policy=policy, **sheets))


def found(report, code):
    return [(f.subject, list(f.related), f.severity, f.location) for f in report.by_code(code)]


ELEMENTS = """
    id,plan_id,kind,name_en,parent_id
    S1,NS,strategy,Security,
    I1,PV,issue,Covered directly,
    I2,PV,goal,Covered through its child,
    I3,PV,goal,Child,I2
    I4,PV,goal,Only an element beneath,
    I5,PV,goal,Nothing beneath,
    L1,LC,goal,Local goal,
"""


def test_uncovered_element_at_coverage_levels():
    sheets = dict(elements=ELEMENTS,
                  projects="id,plan_id,name_en\nX,LC,Road\nY,LC,Dam",
                  links="source_id,target_id\nX,I1\nY,I3\nL1,I4\nI1,S1\nI2,S1\nI4,S1\nI5,S1")
    r = run(**sheets)
    assert found(r, "UNCOVERED_ELEMENT") == [
        ("I4", [], "warning", Location("elements", 6)),
        ("I5", [], "warning", Location("elements", 7)),
    ]
    local = policy_from_dict({"levels": ["national", "province", "local"], "coverage_levels": ["local"]})
    assert found(run(policy=local, **sheets), "UNCOVERED_ELEMENT") == [
        ("L1", [], "warning", Location("elements", 8))]


def test_value_chain_gap_in_stage_order():
    r = run(elements="id,plan_id,kind,name_en\nS1,NS,strategy,Security",
            value_chains="""
                id,name_en
                VC-RICE,Rice
                VC-SILK,Silk
                VC-FULL,Full
            """,
            projects="""
                id,plan_id,name_en,value_chain_id,stage
                P1,LC,Seed,VC-RICE,upstream
                P2,LC,Market,VC-RICE,ปลายทาง
                P3,LC,Mill,VC-RICE,
                F1,LC,F1,VC-FULL,upstream
                F2,LC,F2,VC-FULL,midstream
                F3,LC,F3,VC-FULL,downstream
                N1,LC,No chain,,midstream
            """)
    assert found(r, "VALUE_CHAIN_GAP") == [
        ("VC-RICE", ["midstream"], "warning", Location("value_chains", 2)),
        ("VC-SILK", ["upstream", "midstream", "downstream"], "warning", Location("value_chains", 3)),
    ]


def test_duplicate_project_normalisation():
    r = run(elements="id,plan_id,kind,name_en\nS1,NS,strategy,Security",
            projects="""
                id,plan_id,name_th,name_en,area_id,fiscal_year
                P9,LC,ถนนสาย ๑๒,,45,2566
                P2,LC,ถนนสาย 12,,45,2566
                P5,LC,ถนน\u200bสาย  12,,45,2566
                P7,LC,ถนนสาย 12,,46,2566
                P8,LC,ถนนสาย 12,,45,2567
                E1,LC,,Water  Tank,,
                E2,LC,,water tank,,
                E3,LC,,WATER TANK,,2566
                C1,LC,Cafe\u0301,,,
                C2,LC,Café,,,
            """)
    assert found(r, "DUPLICATE_PROJECT") == [
        ("C1", ["C2"], "warning", Location("projects", 10)),
        ("E1", ["E2"], "warning", Location("projects", 7)),
        ("P2", ["P5", "P9"], "warning", Location("projects", 3)),
    ]


def test_normalise_name_rules():
    assert normalise_name("\ufeffโครงการ\u200c ๒๕๖๖\u200d") == "โครงการ 2566"
    assert normalise_name("  A\u00a0\u3000b\t\nC  ") == "a b c"
    assert normalise_name("STRASSE") == normalise_name("straße")
    assert normalise_name("Cafe\u0301") == normalise_name("Caf\u00e9")


def test_duplicate_project_skips_nameless_projects():
    g = PlanGraph()
    g.add(Plan("LC", "local"))
    g.add(Project("A", "LC"))
    g.add(Project("B", "LC"))
    assert check(g).by_code("DUPLICATE_PROJECT") == []


def test_load_findings_are_reported_by_check():
    r = run(elements="id,plan_id,kind,name_en\nS1,NS,strategy,Security",
            projects="""
                id,plan_id,name_en,budget
                X,LC,Road,-5
                X,LC,Again,
                Y,NOPLAN,Lost,
            """,
            links="source_id,target_id\nX,S1\nX,GONE")
    codes = [(f.code, f.subject, list(f.related), f.location) for f in r.findings
             if f.code in ("DUPLICATE_ID", "UNKNOWN_REFERENCE", "INVALID_VALUE")]
    assert codes == [
        ("DUPLICATE_ID", "X", [], Location("projects", 3, "id")),
        ("UNKNOWN_REFERENCE", "X", ["GONE"], Location("links", 3, "target_id")),
        ("UNKNOWN_REFERENCE", "Y", ["NOPLAN"], Location("projects", 4, "plan_id")),
        ("INVALID_VALUE", "X", ["budget"], Location("projects", 2, "budget")),
    ]
    assert r.summary.errors == 4 and r.summary.projects == 1 and r.summary.complete == 1
