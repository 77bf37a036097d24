"""Conflict findings: CONFLICTING_TARGETS, SCOPE_MISMATCH, PERIOD_MISMATCH, INCONSISTENT_LINEAGE."""

from __future__ import annotations

from stratlink.graph_model import Location
from stratlink.loaders.testing import graph_from_csv
from stratlink.queries import check

PLANS = """
    id,level,name_en,area_id,period_start,period_end
    NS,national,National Strategy,,2561,2580
    MP,master,Master plan,,2561,2580
    PV,province,Province plan,45,2566,2570
    DI,district,District plan,4501,,
    OPEN,province,Open-ended plan,,2566,
"""

AREAS = """
    id,name_en,kind,parent_id
    45,Roi Et,province,
    4501,Mueang Roi Et,district,45
    450101,Nai Mueang,subdistrict,4501
    40,Khon Kaen,province,
"""


def run(**sheets):
    sheets.setdefault("plans", PLANS)
    return check(graph_from_csv(**sheets))


def found(report, code):
    return [(f.subject, list(f.related), f.severity, f.location) for f in report.by_code(code)]


def test_conflicting_targets_at_the_node_where_lineages_meet():
    r = run(elements="""
                id,plan_id,kind,name_en
                S1,NS,strategy,Security
                A,PV,goal,A
                B,PV,goal,B
                I1,PV,issue,I1
                I2,PV,issue,I2
            """,
            projects="""
                id,plan_id,name_en
                P,DI,Road
                Q,DI,Dam
            """,
            links="""
                source_id,target_id,relation
                A,B,conflicts_with
                A,S1,
                B,S1,
                P,I1,
                P,I2,
                I1,A,
                I2,B,
                Q,P,
            """)
    # P meets A (via I1) and B (via I2); Q reaches both through its one successor P
    assert found(r, "CONFLICTING_TARGETS") == [("P", ["A", "B"], "error", Location("projects", 2))]


def test_conflicting_targets_diamond_reports_only_the_meet():
    r = run(elements="""
                id,plan_id,kind,name_en
                A,MP,target,A
                B,MP,target,B
                J,PV,issue,J
                I1,DI,goal,I1
                I2,DI,goal,I2
                K,DI,goal,K
                C,MP,target,C
                D,MP,target,D
            """,
            projects="id,plan_id,name_en\nP,DI,Road",
            links="""
                source_id,target_id,relation
                B,A,conflicts_with
                C,D,conflicts_with
                K,J,
                K,C,
                P,I1,
                P,I2,
                I1,J,
                I2,J,
                J,A,
                J,B,
            """)
    # K reaches A, B (through J) and C: J alone already holds both A and B
    assert found(r, "CONFLICTING_TARGETS") == [("J", ["A", "B"], "error", Location("elements", 4))]


def test_conflicting_targets_one_finding_per_pair():
    r = run(elements="""
                id,plan_id,kind,name_en
                A,MP,target,A
                B,MP,target,B
                C,MP,target,C
                J,PV,issue,J
            """,
            links="""
                source_id,target_id,relation
                A,B,conflicts_with
                B,A,conflicts_with
                C,A,conflicts_with
                B,C,conflicts_with
                J,A,
                J,B,
                J,C,
                A,A,conflicts_with
            """)
    assert [f.related for f in r.by_code("CONFLICTING_TARGETS")] == [
        ("A", "B"), ("A", "C"), ("B", "C")]
    assert {f.subject for f in r.by_code("CONFLICTING_TARGETS")} == {"J"}


def test_scope_mismatch_follows_area_parents():
    sheets = dict(
        elements="""
            id,plan_id,kind,name_en
            S1,NS,strategy,Security
            G1,PV,goal,Province goal
            D1,DI,goal,District goal
        """,
        projects="""
            id,plan_id,name_en,area_id
            IN,DI,Inside,450101
            OUT,DI,Outside,40
            UP,PV,Wider,45
            NOAREA,DI,Nowhere,
        """,
        links="""
            source_id,target_id
            IN,D1
            OUT,G1
            UP,D1
            NOAREA,D1
            D1,G1
            G1,S1
        """)
    r = run(areas=AREAS, **sheets)
    assert found(r, "SCOPE_MISMATCH") == [
        ("OUT", ["G1"], "warning", Location("links", 3)),
        ("UP", ["D1"], "warning", Location("links", 4)),
    ]
    f = r.by_code("SCOPE_MISMATCH")[0]
    assert f.message("en") == "OUT (area 40) links to G1 (area 45) outside its area"
    # without an areas sheet the check is skipped
    assert run(**sheets).by_code("SCOPE_MISMATCH") == []


def test_period_mismatch_boundaries_in_buddhist_era():
    r = run(elements="""
                id,plan_id,kind,name_en
                S1,NS,strategy,Security
                G1,PV,goal,Province goal
                O1,OPEN,goal,Open goal
                D1,DI,goal,District goal
            """,
            projects="""
                id,plan_id,name_en,fiscal_year
                Y2565,DI,Before,2565
                Y2566,DI,First,2566
                Y2570,DI,Last,2570
                Y2571,DI,After,2571
                NOYEAR,DI,Unknown,
            """,
            links="""
                source_id,target_id
                Y2565,G1
                Y2566,G1
                Y2570,G1
                Y2571,G1
                NOYEAR,G1
                Y2565,D1
                Y2571,O1
                Y2565,O1
                G1,S1
            """)
    assert found(r, "PERIOD_MISMATCH") == [
        ("Y2565", ["G1"], "warning", Location("links", 2)),
        ("Y2565", ["O1"], "warning", Location("links", 9)),
        ("Y2571", ["G1"], "warning", Location("links", 5)),
    ]
    msg = r.by_code("PERIOD_MISMATCH")[0].message("en")
    assert msg == "project Y2565 (fiscal year 2565) links to G1, whose plan covers 2566-2570"


def test_inconsistent_lineage_with_three_asserters():
    r = run(elements="""
                id,plan_id,kind,name_en
                S1,NS,strategy,Security
                S2,NS,strategy,Growth
                M1,MP,target,M1
                M2,MP,target,M2
                M12,MP,target,M12
                DEAD,MP,target,No way up
            """,
            projects="""
                id,plan_id,name_en
                P,PV,Three
                Q,PV,Empty reach
                R,PV,One asserter
            """,
            links="""
                source_id,target_id,relation,asserted_by
                M1,S1,,
                M2,S2,,
                M12,S1,,
                M12,S2,,
                P,M1,,ORG-A
                P,M2,,ORG-B
                P,M12,,ORG-C
                P,S2,conflicts_with,ORG-D
                Q,M1,,ORG-A
                Q,DEAD,,ORG-B
                R,M1,,ORG-A
                R,M2,,
            """)
    # A {S1} and B {S2} are disjoint; C {S1, S2} overlaps both; D's link is a conflict.
    # Q: B reaches no top node; R: only one non-empty asserter.
    assert found(r, "INCONSISTENT_LINEAGE") == [
        ("P", ["ORG-A", "ORG-B"], "warning", Location("projects", 2))]


def test_inconsistent_lineage_counts_a_top_target_itself():
    r = run(elements="""
                id,plan_id,kind,name_en
                S1,NS,strategy,Security
                S2,NS,strategy,Growth
            """,
            projects="id,plan_id,name_en\nP,MP,Direct",
            links="source_id,target_id,asserted_by\nP,S1,X\nP,S2,Y\nP,S1,Z")
    assert found(r, "INCONSISTENT_LINEAGE") == [
        ("P", ["X", "Y", "Z"], "warning", Location("projects", 2))]
