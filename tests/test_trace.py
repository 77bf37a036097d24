"""trace and trace --down: reaches, path order, the --max-paths cut, unknown ids."""

from __future__ import annotations

import time

import pytest

from stratlink.graph_model import Element, Link, Plan, PlanGraph, Project
from stratlink.loaders.testing import graph_from_csv
from stratlink.queries import UnknownNodeError, trace, trace_down

PLANS = "id,level,name_en\nNS,national,NS\nMP,master,MP\nPV,province,PV\nLC,local,LC"


def ladder():
    return graph_from_csv(
        plans=PLANS,
        elements="""
            id,plan_id,kind,name_en,parent_id
            S1,NS,strategy,S1,
            S2,NS,strategy,S2,
            M1,MP,target,M1,
            M2,MP,target,M2,
            I1,PV,issue,I1,
            G1,PV,goal,G1,I1
            DEAD,PV,goal,Dead end,
        """,
        projects="""
            id,plan_id,name_en
            X,LC,X
            Y,LC,Y
            Z,LC,Z
        """,
        links="""
            source_id,target_id,relation,role
            X,G1,,
            X,M2,aligns_with,secondary
            G1,M1,,
            I1,M2,,
            M1,S1,,
            M2,S2,,
            M2,S1,,
            Y,DEAD,,
            Z,X,,
            X,S2,conflicts_with,
        """)


def test_trace_reaches_and_paths_shortest_first_then_sorted():
    t = trace(ladder(), "X")
    assert t.reaches == ("S1", "S2") and t.complete
    assert t.paths == (
        ("X", "M2", "S1"),
        ("X", "M2", "S2"),
        ("X", "G1", "M1", "S1"),
        ("X", "G1", "I1", "M2", "S1"),
        ("X", "G1", "I1", "M2", "S2"),
    )
    assert not t.truncated
    assert t.to_dict() == {"subject": "X", "reaches": ["S1", "S2"], "complete": True,
                           "paths": [list(p) for p in t.paths], "truncated": False}


def test_trace_of_an_incomplete_project_and_of_a_top_node():
    g = ladder()
    t = trace(g, "Y")
    assert (t.reaches, t.complete, t.paths) == ((), False, (("Y", "DEAD"),))
    top = trace(g, "S1")
    assert (top.reaches, top.complete, top.paths) == ((), False, (("S1",),))


def test_max_paths_cuts_and_says_so():
    g = ladder()
    assert trace(g, "X", max_paths=5).truncated is False
    cut = trace(g, "X", max_paths=2)
    assert cut.paths == (("X", "M2", "S1"), ("X", "M2", "S2")) and cut.truncated
    none = trace(g, "X", max_paths=0)
    assert none.paths == () and none.truncated and none.reaches == ("S1", "S2")
    with pytest.raises(ValueError):
        trace(g, "X", max_paths=-1)


def test_paths_in_a_cycle_stop_before_repeating():
    g = graph_from_csv(plans=PLANS,
                       elements="id,plan_id,kind,name_en\nA,PV,issue,A\nB,PV,issue,B\nS,NS,strategy,S",
                       links="source_id,target_id\nA,B\nB,A\nA,S\nA,A")
    # from B, the only step is back to A: the path ends there
    assert trace(g, "A").paths == (("A", "B"), ("A", "S"))
    assert trace(g, "B").paths == (("B", "A", "S"),)
    assert trace(g, "A").reaches == ("S",)


def test_trace_down_lists_projects_beneath():
    g = ladder()
    assert trace_down(g, "S1").projects == ("X", "Z")
    assert trace_down(g, "X").projects == ("Z",)
    assert trace_down(g, "DEAD").projects == ("Y",)
    assert trace_down(g, "Z").projects == ()
    assert trace_down(g, "S1").to_dict() == {"subject": "S1", "projects": ["X", "Z"]}


def test_unknown_ids_are_clear_errors():
    g = ladder()
    with pytest.raises(UnknownNodeError, match="no project or element has the id 'NOPE'"):
        trace(g, "NOPE")
    with pytest.raises(UnknownNodeError, match="'PV' is a plan, not a project or element"):
        trace_down(g, "PV")


def test_path_enumeration_never_explodes():
    # 40 diamonds in a row: 2**40 maximal paths
    g = PlanGraph()
    g.add(Plan("NS", "national"))
    g.add(Plan("PV", "province"))
    g.add(Project("P", "PV", name_en="P"))
    prev = "P"
    for i in range(40):
        for side in ("a", "b"):
            g.add(Element(f"E{i:02d}{side}", "PV", "goal"))
            g.add(Link(prev, f"E{i:02d}{side}"))
        g.add(Element(f"J{i:02d}", "PV", "goal"))
        g.add(Link(f"E{i:02d}a", f"J{i:02d}"))
        g.add(Link(f"E{i:02d}b", f"J{i:02d}"))
        prev = f"J{i:02d}"
    g.add(Element("S", "NS", "strategy"))
    g.add(Link(prev, "S"))
    started = time.process_time()
    t = trace(g, "P", max_paths=3)
    assert time.process_time() - started < 60  # a guard against hanging, not a speed goal
    assert t.truncated and len(t.paths) == 3
    assert t.paths[0] == ("P",) + tuple(x for i in range(40) for x in (f"E{i:02d}a", f"J{i:02d}")) + ("S",)
    assert t.paths[1] == t.paths[0][:-3] + ("E39b", "J39", "S")


def test_a_path_thousands_of_steps_long_is_drawn_without_recursion(tmp_path):
    """Was: `stratlink trace` on a 10,000-element chain ended in a RecursionError."""
    from click.testing import CliRunner

    from stratlink.cli import main
    from stratlink.viz.output import TREE_DEPTH

    n = 3_000
    (tmp_path / "plans.csv").write_text("id,level\nNS,national\nPV,province\nLC,local\n")
    (tmp_path / "elements.csv").write_text(
        "id,plan_id,kind\nS1,NS,strategy\n" + "".join(f"E{i},PV,issue\n" for i in range(n)))
    (tmp_path / "projects.csv").write_text("id,plan_id\nP1,LC\n")
    (tmp_path / "links.csv").write_text(
        "source_id,target_id\nP1,E0\n" + "".join(f"E{i},E{i + 1}\n" for i in range(n - 1))
        + f"E{n - 1},S1\n")
    r = CliRunner().invoke(main, ["trace", str(tmp_path), "P1", "--lang", "en"],
                           env={"COLUMNS": "80"})
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    steps = [line for line in lines if "└─" in line or "├─" in line]
    assert len(steps) == n + 1  # E0 .. E2999 and S1
    assert steps[-1].lstrip().startswith("└─ S1")
    deepest = max(len(line) - len(line.lstrip()) for line in steps)
    assert deepest == len(steps[TREE_DEPTH]) - len(steps[TREE_DEPTH].lstrip())  # stops growing
    assert deepest <= 2 + 3 * TREE_DEPTH
