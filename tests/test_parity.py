"""Parity: the three engines -- array (numpy/scipy, the default), NetworkX (the
readable reference) and Cypher (on a real Neo4j server) -- give exactly the same
answers: the same CheckReport (findings, locations, summary, and the same JSON incl.
messages in both languages), the same upward trace and downward trace of every node,
the same matrix and coverage.

Every test runs twice: ``memory`` compares array with NetworkX (no server needed),
``neo4j`` compares all three.

Workbooks: the bundled sample, every minimal per-code workbook of
tests/test_checks_*.py (their tests are re-run here with ``check``/``trace`` swapped
for a wrapper that also asks Neo4j and compares), and hypothesis workbooks.
"""

from __future__ import annotations

import importlib
import inspect

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import plan_graphs

from stratlink.loaders import load
from stratlink.neo4j.engine import CypherEngine
from stratlink.queries.array_engine import ArrayEngine
from stratlink.queries.nx_engine import NetworkXEngine

BACKENDS = [pytest.param("memory", id="memory"),
            pytest.param("neo4j", id="neo4j", marks=pytest.mark.neo4j)]


@pytest.fixture(params=BACKENDS)
def driver(request):
    """None (array vs NetworkX only) or a Neo4j driver (all three engines)."""
    return request.getfixturevalue("neo4j_driver") if request.param == "neo4j" else None

PER_CODE_MODULES = ("test_checks_structure", "test_checks_conflicts", "test_checks_coverage_findings")


def assert_parity(graph, driver, policy=None, max_paths=(100,)) -> tuple[NetworkXEngine, object]:
    """Compare every engine with NetworkX; returns the reference and the last engine."""
    nx_engine = NetworkXEngine(graph, policy)
    others = [ArrayEngine(graph, policy)]
    if driver is not None:
        others.append(CypherEngine.from_graph(graph, driver, policy=policy))
    a = nx_engine.check()
    nodes = list(graph.nodes())
    for other in others:
        b = other.check()
        assert b.identities() == a.identities(), other.name
        assert b == a
        for lang in ("en", "th"):
            assert b.to_dict(lang) == a.to_dict(lang)
        for node in nodes:
            for k in max_paths:
                assert other.trace(node, k) == nx_engine.trace(node, k), (other.name, node, k)
            assert other.trace_down(node) == nx_engine.trace_down(node), (other.name, node)
        assert other.matrix() == nx_engine.matrix(), other.name
        ca, cb = nx_engine.coverage(), other.coverage()
        assert cb == ca, other.name
        # budgets also written the same way (CSV output shows str(Decimal))
        assert [(str(r.budget_all), str(r.budget_primary)) for r in cb.rows] == \
            [(str(r.budget_all), str(r.budget_primary)) for r in ca.rows]
    return nx_engine, others[-1]


def test_sample_parity(driver, sample_dir):
    g = load(sample_dir)
    _, cy = assert_parity(g, driver, max_paths=(100, 1, 2))
    report = cy.check()
    assert {f.code for f in report.findings} >= {"ORPHAN_PROJECT", "CYCLE", "DUPLICATE_PROJECT"}


def test_unknown_ids_raise_the_same_error(driver, sample_dir):
    from stratlink.queries import UnknownNodeError

    g = load(sample_dir)
    nx_engine = NetworkXEngine(g)
    other = CypherEngine.from_graph(g, driver) if driver is not None else ArrayEngine(g)
    for bad in ("NS-2561", "45", "VC-HOMMALI", "ORG-PO", "no-such-id", "a'b`c"):
        with pytest.raises(UnknownNodeError) as e1:
            nx_engine.trace(bad)
        with pytest.raises(UnknownNodeError) as e2:
            other.trace_down(bad)
        assert str(e1.value) == str(e2.value)


# ---- the per-code workbooks of the checks' own tests ---------------------------------
def _per_code_tests():
    out = []
    for name in PER_CODE_MODULES:
        try:
            mod = importlib.import_module(name)
        except ImportError:  # pragma: no cover - the other test files are not there yet
            continue
        for fname, fn in sorted(vars(mod).items()):
            if fname.startswith("test_") and inspect.isfunction(fn) \
                    and not inspect.signature(fn).parameters:
                out.append(pytest.param(name, fname, id=f"{name}::{fname}"))
    return out


PER_CODE = _per_code_tests()


@pytest.mark.parametrize("module, name", PER_CODE)
def test_per_code_workbook_parity(driver, monkeypatch, module, name):
    mod = importlib.import_module(module)
    import stratlink.queries as q

    seen = []

    def check(graph, policy=None, engine="array"):
        seen.append(graph)
        nx_engine, cy = assert_parity(graph, driver, policy, max_paths=(100, 1))
        return nx_engine.check()

    def trace(graph, node_id, max_paths=100, policy=None, engine="array"):
        seen.append(graph)
        nx_engine, cy = assert_parity(graph, driver, policy, max_paths=(max_paths,))
        result = nx_engine.trace(node_id, max_paths)
        assert cy.trace(node_id, max_paths) == result
        return result

    if not hasattr(mod, "check") and not hasattr(mod, "trace"):
        pytest.skip("no check/trace in that module")
    monkeypatch.setattr(mod, "check", check, raising=False)
    monkeypatch.setattr(mod, "trace", trace, raising=False)
    monkeypatch.setattr(q, "check", check)
    getattr(mod, name)()
    if not seen:
        pytest.skip("that test runs no check")


def test_every_engine_code_is_covered_by_the_per_code_workbooks(monkeypatch):
    """Every code the engines compute (the registry's structure, conflict and coverage
    codes) is found in at least one per-code workbook that test_per_code_workbook_parity
    runs through both engines; a newly registered code fails here until it has one."""
    import stratlink.queries as q
    from stratlink.graph_model import engine_codes

    if not PER_CODE:
        pytest.fail("no per-code test modules")
    found: set[str] = set()
    real_check, real_trace = q.check, q.trace

    def check(graph, policy=None, engine="networkx"):
        report = real_check(graph, policy)
        found.update(f.code for f in report.findings)
        return report

    def trace(graph, node_id, max_paths=100, policy=None, engine="networkx"):
        found.update(f.code for f in real_check(graph, policy).findings)
        return real_trace(graph, node_id, max_paths, policy)

    for param in PER_CODE:
        module, name = param.values
        mod = importlib.import_module(module)
        with monkeypatch.context() as m:
            m.setattr(mod, "check", check, raising=False)
            m.setattr(mod, "trace", trace, raising=False)
            m.setattr(q, "check", check)
            getattr(mod, name)()
    missing = [c.name for c in engine_codes() if c.name not in found]
    assert not missing, f"no per-code parity workbook finds {missing}"


# ---- hypothesis ---------------------------------------------------------------------
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(g=plan_graphs(), k=st.integers(0, 3))
def test_hypothesis_parity(driver, g, k):
    assert_parity(g, driver, max_paths=(100, k))


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(g=plan_graphs(max_plans=3, max_nodes=8), data=st.data())
def test_hypothesis_parity_dense_links(driver, g, data):
    """Many extra upward links: cycles, diamonds, parallel edges, self-loops."""
    from stratlink.graph_model import Link

    nodes = list(g.nodes())
    for _ in range(data.draw(st.integers(0, 20))):
        g.add(Link(data.draw(st.sampled_from(nodes)), data.draw(st.sampled_from(nodes)),
                   relation=data.draw(st.sampled_from(["contributes_to", "aligns_with",
                                                       "conflicts_with"])),
                   role=data.draw(st.sampled_from(["primary", "secondary"]))))
    assert_parity(g, driver, max_paths=(100, 2))


def _plan_operators(plan) -> list[tuple[str, str]]:
    out = [(plan["operatorType"].split("@")[0], plan.get("args", {}).get("Details", ""))]
    for child in plan.get("children", []):
        out += _plan_operators(child)
    return out


@pytest.mark.neo4j
def test_reachability_uses_the_pruning_breadth_first_expand(neo4j_driver, sample_dir):
    """Every variable-length step over U is planned as Neo4j's pruning BFS (each node
    visited once per start), never as path enumeration, which explodes on cycles and
    parallel links. (Area parents are a chain; trace steps are single hops.)"""
    import stratlink.neo4j.engine as ce

    CypherEngine.from_graph(load(sample_dir), neo4j_driver)
    params = {"id": "x", "top": "national", "pos": {}, "jump": 3, "areas": True, "levels": [],
              "stages": [], "fold": {}, "astral": [], "astral_re": "", "kinds": [], "frontier": [],
              "label": "Project", "label_re": "x", "ids": [], "pairs": [], "no_year": 0}
    checked = 0
    for name in dir(ce):
        if not name.startswith("Q_"):
            continue
        queries = getattr(ce, name)  # a query, or a dict of them
        for query in queries.values() if isinstance(queries, dict) else [queries]:
            plan = neo4j_driver.execute_query("EXPLAIN " + query, params).summary.plan
            for op, details in _plan_operators(plan):
                if "VarLengthExpand" in op and ce.U in details:
                    checked += 1
                    assert "Pruning" in op, (name, op, details)
    assert checked >= 6  # reachability over all of U is computed once per check (uindex.py)


def test_generated_national_workbook_parity(tmp_path):
    """A generated national workbook: every planted finding, > 512 coverage elements (the
    array engine's bitsets then take several passes), budgets with satang."""
    from stratlink.generate import generate

    generate(tmp_path / "g", 3000, seed=5, progress=False)
    g = load(tmp_path / "g")
    assert len(ArrayEngine(g).coverage().rows) > 512
    nx_engine = NetworkXEngine(g)
    array = ArrayEngine(g)
    assert array.check() == nx_engine.check()
    assert array.coverage() == nx_engine.coverage()
    assert [str(r.budget_all) for r in array.coverage().rows] == [str(r.budget_all) for r in nx_engine.coverage().rows]
    assert array.matrix() == nx_engine.matrix()
    for node in list(g.projects)[::50] + list(g.elements)[::50]:
        assert array.trace(node) == nx_engine.trace(node)
        assert array.trace_down(node) == nx_engine.trace_down(node)


def test_many_workbooks_parity_and_namespace_property(neo4j_driver, sample_dir):
    import stratlink as sl
    from stratlink.neo4j import run_cypher

    g = sl.load([sample_dir, "tests/data/khonkaen-mini"], shared=[sl.NATIONAL])
    assert_parity(g, neo4j_driver)
    _, rows = run_cypher(neo4j_driver, "MATCH (n:Project {namespace: 'khonkaen'}) "
                         "RETURN n.id AS id ORDER BY id LIMIT 1", {}, False, None)
    assert rows == [{"id": "khonkaen:PRJ-001"}]
