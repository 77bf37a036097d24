"""Writing to Neo4j and reading back: lossless, idempotent, replace modes, schema, safety.

All against a real server (the ``neo4j_*`` fixtures of tests/neo4j_fixture.py).
"""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import plan_graphs

from stratlink.errors import InputError
from stratlink.graph_model import (
    Area,
    Element,
    Link,
    Plan,
    PlanGraph,
    Project,
)
from stratlink.graph_model.policy import policy_from_dict
from stratlink.loaders import load
from stratlink.neo4j.store import (
    label_for_level,
    link_keys,
    read_neo4j,
    stored_counts,
    write_neo4j,
)

pytestmark = pytest.mark.neo4j


def dump(driver) -> tuple[list, list]:
    """Every node (labels, properties) and relationship (type, ends, properties), sorted."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) WHERE NOT n:StratlinkLoad RETURN labels(n) AS l, properties(n) AS p")
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS t, coalesce(a.id, a.key) AS a, "
        "coalesce(b.id, b.key) AS b, properties(r) AS p")
    norm = lambda d: sorted(d.items(), key=lambda kv: kv[0])  # noqa: E731
    return (sorted((sorted(r["l"]), repr(norm(r["p"]))) for r in nodes),
            sorted((r["t"], r["a"], r["b"], repr(norm(r["p"]))) for r in rels))


def same_graph(a: PlanGraph, b: PlanGraph) -> None:
    assert a.content() == b.content()
    assert a.same_content(b)
    assert (a.era, a.sheets, a.policy) == (b.era, b.sheets, b.policy)
    assert [f.identity() for f in a.load_findings] == [f.identity() for f in b.load_findings]
    assert [f.args for f in a.load_findings] == [f.args for f in b.load_findings]


def test_sample_round_trip(neo4j_clean, sample_dir):
    g = load(sample_dir)
    assert g.load_findings, "the sample has bad rows on purpose"
    stats = write_neo4j(g, neo4j_clean)
    back = read_neo4j(neo4j_clean)
    same_graph(g, back)
    # rows are kept too
    assert {p: r.row for p, r in back.projects.items()} == {p: r.row for p, r in g.projects.items()}
    counts = stored_counts(neo4j_clean)
    assert counts["Project"] == len(g.projects) and counts["Element"] == len(g.elements)
    assert counts["Node"] == len(g.projects) + len(g.elements)
    assert counts["LoadFinding"] == len(g.load_findings)
    assert counts["CONTRIBUTES_TO"] + counts["ALIGNS_WITH"] + counts["CONFLICTS_WITH"] == len(g.links)
    assert stats.nodes == sum(counts[k] for k in ("Workbook", "LoadFinding", "LinkRow", "Plan",
                                                   "Element", "Project", "ValueChain", "Area",
                                                   "Organization"))
    assert stats.relationships == sum(v for k, v in counts.items() if k.isupper())


def test_loading_twice_changes_nothing(neo4j_clean, sample_dir):
    g = load(sample_dir)
    write_neo4j(g, neo4j_clean)
    first = dump(neo4j_clean)
    counts = stored_counts(neo4j_clean)
    write_neo4j(g, neo4j_clean)
    assert stored_counts(neo4j_clean) == counts
    assert dump(neo4j_clean) == first
    # links in another row order get the same keys: still nothing changes
    shuffled = copy.deepcopy(g)
    shuffled.links.reverse()
    write_neo4j(shuffled, neo4j_clean, batch_size=7)
    assert dump(neo4j_clean) == first


def test_level_labels_and_schema(neo4j_clean, sample_dir):
    g = load(sample_dir)
    write_neo4j(g, neo4j_clean)
    for level in g.policy.level_names:
        n_plans = sum(1 for p in g.plans.values() if p.level == level)
        n_nodes = sum(1 for n in g.nodes() if g.level(n) == level)
        recs, _, _ = neo4j_clean.execute_query(
            f"MATCH (n:L_{level}) RETURN sum(CASE WHEN n:Plan THEN 1 ELSE 0 END) AS plans, "
            "sum(CASE WHEN n:Node THEN 1 ELSE 0 END) AS nodes")
        assert (recs[0]["plans"], recs[0]["nodes"]) == (n_plans, n_nodes), level
    names, _, _ = neo4j_clean.execute_query("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS n")
    assert {"stratlink_project_id", "stratlink_node_id", "stratlink_contributes_to_key"} \
        <= set(names[0]["n"])
    # PARENT only inside a plan, as in U
    recs, _, _ = neo4j_clean.execute_query(
        "MATCH (a:Element)-[:PARENT]->(b:Element) WHERE a.plan_id <> b.plan_id RETURN count(*) AS c")
    assert recs[0]["c"] == 0
    parents = sum(1 for e in g.elements.values() if e.parent_id in g.elements)
    recs, _, _ = neo4j_clean.execute_query("MATCH ()-[r:PARENT]->() RETURN count(r) AS c")
    assert recs[0]["c"] == parents


def small_graph() -> PlanGraph:
    g = PlanGraph()
    g.sheets.update({"plans", "elements", "projects", "links", "areas"})
    for rec in (
        Area("45", name_th="ร้อยเอ็ด"), Area("4501", name_th="เมืองร้อยเอ็ด", parent_id="45"),
        Plan("NS", "national", name_th="ยุทธศาสตร์ชาติ"),
        Plan("PV", "province", name_en="Province", area_id="45", period_start=2023, period_end=2027),
        Element("S1", "NS", "strategy", name_th="ความมั่นคง", extra={"หมายเหตุ": "ทดสอบ", "x_y": "z"}),
        Element("I1", "PV", "issue", name_en="Issue", parent_id=None),
        Element("G1", "PV", "goal", name_en="Goal", parent_id="I1", code="1.1"),
        Project("X", "PV", name_th="ถนน", budget=Decimal("1250000.50"), fiscal_year=2024,
                area_id="4501", local_only=False, extra={"remark": "หมู่ ๓"}),
        Project("Y", "PV", name_th="บ่อน้ำ", budget=Decimal("1000"), local_only=True),
        Link("X", "G1", asserted_by="PV", note="ทดสอบ"), Link("X", "G1", asserted_by="PV", note="ทดสอบ"),
        Link("G1", "S1", relation="aligns_with", role="secondary"), Link("I1", "S1"),
        Link("X", "Y", relation="conflicts_with"),
    ):
        g.add(rec)
    return g


def test_thai_extras_decimals_duplicate_links(neo4j_clean):
    g = small_graph()
    write_neo4j(g, neo4j_clean)
    back = read_neo4j(neo4j_clean)
    same_graph(g, back)
    assert back.elements["S1"].extra == {"หมายเหตุ": "ทดสอบ", "x_y": "z"}
    assert str(back.projects["X"].budget) == "1250000.50"
    recs, _, _ = neo4j_clean.execute_query(
        "MATCH (p:Project {id: 'X'}) RETURN p.budget AS b, p.`x_remark` AS r, p.fiscal_year AS y")
    assert (recs[0]["b"], recs[0]["r"], recs[0]["y"]) == (1250000.5, "หมู่ ๓", 2024)
    recs, _, _ = neo4j_clean.execute_query(
        "MATCH (:Project {id: 'X'})-[l:CONTRIBUTES_TO]->(:Element {id: 'G1'}) RETURN l.key AS k")
    assert len({r["k"] for r in recs}) == 2  # two equal rows are two links with distinct keys


def test_link_keys_are_stable_and_unique():
    g = small_graph()
    keys = link_keys(g.links)
    assert len(set(keys.values())) == len(g.links)
    again = link_keys(list(reversed(copy.deepcopy(g.links))))
    assert sorted(keys.values()) == sorted(again.values())


def test_replace_all_removes_the_old_workbook(neo4j_clean, sample_dir):
    write_neo4j(load(sample_dir), neo4j_clean)
    g = small_graph()
    write_neo4j(g, neo4j_clean, replace="all")
    same_graph(g, read_neo4j(neo4j_clean))
    assert stored_counts(neo4j_clean)["Organization"] == 0


def test_replace_one_plan(neo4j_clean):
    g = small_graph()
    write_neo4j(g, neo4j_clean)
    before_ns, _, _ = neo4j_clean.execute_query(
        "MATCH (n:Element {plan_id: 'NS'}) RETURN elementId(n) AS e ORDER BY e")
    new = copy.deepcopy(g)
    del new.projects["Y"]
    new.links = [lk for lk in new.links if "Y" not in (lk.source_id, lk.target_id)]
    new.projects["X"].name_th = "ถนนลาดยาง"
    new.add(Project("Z", "PV", name_en="New"))
    new.add(Link("Z", "S1", role="secondary"))
    new.elements["G1"].parent_id = None
    new.invalidate()
    stats = write_neo4j(new, neo4j_clean, replace="PV")
    same_graph(new, read_neo4j(neo4j_clean))
    assert stats.passes["projects"] == 2
    after_ns, _, _ = neo4j_clean.execute_query(
        "MATCH (n:Element {plan_id: 'NS'}) RETURN elementId(n) AS e ORDER BY e")
    assert before_ns == after_ns  # the other plan was not touched
    with pytest.raises(InputError, match="not in the workbook"):
        write_neo4j(new, neo4j_clean, replace="NOPE")


def test_custom_policy_with_non_identifier_levels_and_hostile_ids(neo4j_clean):
    policy = policy_from_dict({"name": "ไทย", "levels": ["ชาติ", "x`) DETACH DELETE n //", "local"],
                               "coverage_levels": ["local"]})
    assert label_for_level("x`) DETACH DELETE n //") is None
    g = PlanGraph(policy)
    g.sheets.update({"plans", "elements", "projects", "links"})
    hostile = "a'b\"c`) MATCH (n) DETACH DELETE n //"
    for rec in (Plan("T", "ชาติ"), Plan("M", "x`) DETACH DELETE n //"), Plan("L", "local"),
                Element(hostile, "T", "goal", name_en="$x {y}"), Element("E2", "M", "goal"),
                Project("P", "L", name_en="p", extra={"a`b": "c"}),
                Link("P", "E2"), Link("E2", hostile)):
        g.add(rec)
    write_neo4j(g, neo4j_clean)
    back = read_neo4j(neo4j_clean)
    same_graph(g, back)
    assert back.policy == policy
    recs, _, _ = neo4j_clean.execute_query("MATCH (n:L_local) RETURN count(n) AS c")
    assert recs[0]["c"] == 2


def test_dangling_links_are_kept_as_link_rows(neo4j_clean):
    g = small_graph()
    g.add(Link("X", "PV"))  # a plan is not a node of U: only a hand-built graph has this
    write_neo4j(g, neo4j_clean)
    assert stored_counts(neo4j_clean)["LinkRow"] == 1
    same_graph(g, read_neo4j(neo4j_clean))


def test_progress_and_batches(neo4j_clean, sample_dir):
    calls = []
    g = load(sample_dir)
    stats = write_neo4j(g, neo4j_clean, batch_size=50, progress=lambda d, t: calls.append((d, t)))
    assert calls and calls[-1][0] == calls[-1][1] == stats.rows
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert stats.batches == len(calls) and stats.batches > stats.rows // 50
    with pytest.raises(ValueError):
        write_neo4j(g, neo4j_clean, batch_size=0)


def test_read_without_a_workbook(neo4j_clean):
    with pytest.raises(InputError, match="no stratlink workbook"):
        read_neo4j(neo4j_clean)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(g=plan_graphs())
def test_hypothesis_round_trip(neo4j_driver, g):
    write_neo4j(g, neo4j_driver, replace="all")
    same_graph(g, read_neo4j(neo4j_driver))
