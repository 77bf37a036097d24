"""Structure findings, one minimal workbook each: exact subject, related, severity, location."""

from __future__ import annotations

from stratlink.graph_model import Location
from stratlink.graph_model.policy import policy_from_dict
from stratlink.loaders.testing import graph_from_csv
from stratlink.queries import check, trace

# one plan per rung we need; rows 2..7
PLANS = """
    id,level,name_en
    NS,national,National Strategy
    MP,master,Master plan
    CL,cluster,Cluster plan
    PV,province,Province plan
    DI,district,District plan
    LC,local,Local plan
    CM,community,Village plan
"""


def run(policy=None, **sheets):
    return check(graph_from_csv(policy=policy, plans=PLANS, **sheets))


def found(report, code):
    return [(f.subject, list(f.related), f.severity, f.location) for f in report.by_code(code)]


def test_orphan_project_and_local_only():
    r = run(elements="""
                id,plan_id,kind,name_en
                S1,NS,strategy,Security
            """,
            projects="""
                id,plan_id,name_en,local_only
                X,PV,Road,
                Y,PV,Well,true
                Z,PV,Dam,false
            """)
    assert found(r, "ORPHAN_PROJECT") == [
        ("X", [], "error", Location("projects", 2)),
        ("Z", [], "error", Location("projects", 4)),
    ]
    assert found(r, "BROKEN_CHAIN") == []
    assert r.summary.to_dict() == {"errors": 2, "warnings": 0, "projects": 3, "complete": 0}


def test_broken_chain_names_the_non_top_sinks():
    r = run(elements="""
                id,plan_id,kind,name_en,parent_id
                S1,NS,strategy,Security,
                I0,PV,issue,Issue 0,
                I1,PV,goal,Goal 1,I0
                I2,PV,goal,Goal 2,
            """,
            projects="""
                id,plan_id,name_en,local_only
                X,PV,Road,
                W,PV,Well,true
                Z,PV,Dam,
            """,
            links="""
                source_id,target_id,relation,role
                X,I2,,
                X,I1,aligns_with,secondary
                W,I2,,
                Z,I1,,
                Z,S1,,
            """)
    # X: C(X) = {I0, I1, I2}; sinks I0 and I2; W is local_only; Z reaches S1 directly
    assert found(r, "BROKEN_CHAIN") == [("X", ["I0", "I2"], "error", Location("projects", 2))]
    assert found(r, "ORPHAN_PROJECT") == []
    assert r.summary.complete == 1


def test_broken_chain_into_a_cycle_has_no_sinks():
    r = run(elements="""
                id,plan_id,kind,name_en
                S1,NS,strategy,Security
                A,PV,issue,A
                B,PV,issue,B
            """,
            projects="id,plan_id,name_en\nX,LC,Road",
            links="source_id,target_id\nX,A\nA,B\nB,A")
    assert found(r, "BROKEN_CHAIN") == [("X", [], "error", Location("projects", 2))]
    assert found(r, "CYCLE") == [("A", ["B"], "error", Location("elements", 3))]


def test_orphan_element():
    r = run(elements="""
                id,plan_id,kind,name_en,parent_id
                S1,NS,strategy,Security,
                S2,NS,strategy,Growth,S1
                I1,PV,issue,Issue,
                G1,PV,goal,Goal,I1
                T1,PV,target,Target,
            """,
            links="source_id,target_id,relation\nT1,I1,conflicts_with")
    # tops never orphans; G1 has a parent edge; T1's only link is a conflict (not an edge)
    assert found(r, "ORPHAN_ELEMENT") == [
        ("I1", [], "warning", Location("elements", 4)),
        ("T1", [], "warning", Location("elements", 6)),
    ]


def test_cycle_self_loop_and_members():
    r = run(elements="""
                id,plan_id,kind,name_en
                S1,NS,strategy,Security
                L,PV,issue,Loop
                C,PV,issue,C
                A,PV,issue,A
                B,PV,issue,B
                D,PV,issue,D
                E,PV,issue,E
                F,PV,issue,F
            """,
            links="""
                source_id,target_id
                L,L
                L,S1
                C,A
                A,B
                B,C
                D,A
                E,F
                F,E
                F,S1
            """)
    assert found(r, "CYCLE") == [
        ("A", ["B", "C"], "error", Location("elements", 5)),
        ("E", ["F"], "error", Location("elements", 8)),
        ("L", [], "error", Location("elements", 3)),
    ]


def test_downward_link_stays_in_u():
    r = run(elements="""
                id,plan_id,kind,name_en,parent_id
                S1,NS,strategy,Security,
                I1,PV,issue,Issue,
                I2,PV,goal,Goal,I1
                L1,LC,goal,Local goal,
            """,
            links="""
                source_id,target_id,relation
                I1,S1,
                I1,L1,contributes_to
                I2,L1,conflicts_with
                L1,I1,aligns_with
            """)
    assert found(r, "DOWNWARD_LINK") == [("I1", ["L1"], "error", Location("links", 3))]
    t = trace(graph_from_csv(plans=PLANS, elements="""
                id,plan_id,kind,name_en
                S1,NS,strategy,Security
                I1,PV,issue,Issue
                L1,LC,goal,Local goal
            """, links="source_id,target_id\nI1,L1\nL1,S1"), "I1")
    assert t.paths == (("I1", "L1", "S1"),) and t.reaches == ("S1",)


def test_level_skip_boundaries_and_not_for_downward():
    r = run(elements="""
                id,plan_id,kind,name_en
                S1,NS,strategy,Security
                M1,MP,target,Master target
                C1,CL,issue,Cluster issue
                P1,PV,issue,Province issue
                D1,DI,goal,District goal
                L1,LC,goal,Local goal
                V1,CM,goal,Village goal
            """,
            links="""
                source_id,target_id,relation
                M1,S1,
                P1,M1,
                D1,M1,
                L1,S1,aligns_with
                V1,P1,
                C1,V1,
                V1,M1,conflicts_with
            """)
    # province->master climbs 3 (allowed); district->master 4; local->national 6;
    # village->province 3 (allowed); cluster->village is downward; conflicts never count
    assert found(r, "LEVEL_SKIP") == [
        ("D1", ["M1"], "warning", Location("links", 4)),
        ("L1", ["S1"], "warning", Location("links", 5)),
    ]
    assert found(r, "DOWNWARD_LINK") == [("C1", ["V1"], "error", Location("links", 7))]


def test_level_skip_follows_the_policy():
    strict = policy_from_dict({"levels": ["national", "master", "cluster", "province", "district",
                                          "local", "community"], "max_level_jump": 1})
    r = run(policy=strict,
            elements="""
                id,plan_id,kind,name_en
                S1,NS,strategy,Security
                M1,MP,target,Master target
                P1,PV,issue,Province issue
            """,
            links="source_id,target_id\nM1,S1\nP1,M1")
    # in this ladder master is position 1, province 3: a jump of 2 > 1
    assert found(r, "LEVEL_SKIP") == [("P1", ["M1"], "warning", Location("links", 3))]
    assert r.by_code("LEVEL_SKIP")[0].message("en") == "P1 links to M1, skipping more than 1 levels"
