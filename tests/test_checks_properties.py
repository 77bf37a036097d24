"""Property tests: the bitset engine against the spec's definitions computed naively
(one search per node), and invariants of check and trace."""

from __future__ import annotations

import random
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import plan_graphs

from stratlink.graph_model import UPWARD_RELATIONS, Link, PlanGraph
from stratlink.queries import check, trace
from stratlink.queries.nx_engine import NetworkXEngine

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# ---- the spec, naively ------------------------------------------------------------
def c_of(succ, n):
    """C(n): every node reachable from n by one or more edges."""
    seen, stack = set(), list(succ[n])
    while stack:
        m = stack.pop()
        if m not in seen:
            seen.add(m)
            stack.extend(succ[m])
    return seen


def naive(g: PlanGraph):
    succ = g.successors_map()
    nodes = list(g.nodes())
    C = {n: c_of(succ, n) for n in nodes}
    tops = {n for n in nodes if g.is_top(n)}
    out = Counter()
    for p, pr in g.projects.items():
        if pr.local_only:
            continue
        if not succ[p]:
            out[("ORPHAN_PROJECT", p, ())] += 1
        elif not C[p] & tops:
            sinks = sorted(m for m in C[p] if not succ[m] and m not in tops)
            out[("BROKEN_CHAIN", p, tuple(sinks))] += 1
    for n in nodes:
        for a, b in g.conflict_pairs():
            if a in C[n] and b in C[n] and not any(
                    {a, b} <= ({m} | C[m]) for m in succ[n]):
                out[("CONFLICTING_TARGETS", n, (a, b))] += 1
    for p in g.projects:
        reach: dict[str, set] = {}
        for link in g.links:
            if link.source_id == p and link.relation in UPWARD_RELATIONS and link.asserted_by \
                    and g.node(link.target_id) is not None:
                t = link.target_id
                reach.setdefault(link.asserted_by, set()).update(({t} | C[t]) & tops)
        bad = set()
        for a in reach:
            for b in reach:
                if a < b and reach[a] and reach[b] and not reach[a] & reach[b]:
                    bad |= {a, b}
        if bad:
            out[("INCONSISTENT_LINEAGE", p, tuple(sorted(bad)))] += 1
    covered = set().union(*(C[p] for p in g.projects)) if g.projects else set()
    for e in g.elements:
        if g.level(e) in g.policy.coverage_levels and e not in covered:
            out[("UNCOVERED_ELEMENT", e, ())] += 1
    complete = sum(1 for p in g.projects if C[p] & tops)
    return out, complete, C, tops


CODES = ("ORPHAN_PROJECT", "BROKEN_CHAIN", "CONFLICTING_TARGETS", "INCONSISTENT_LINEAGE",
         "UNCOVERED_ELEMENT")


@SETTINGS
@given(plan_graphs())
def test_engine_equals_the_naive_definitions(g):
    expected, complete, C, tops = naive(g)
    report = check(g)
    got = Counter((f.code, f.subject, f.related) for f in report.findings if f.code in CODES)
    assert got == expected
    assert report.summary.complete == complete
    engine = NetworkXEngine(g)
    for n in g.nodes():  # bitset reach equals per-node search
        assert engine.reach_tops(n) == sorted(C[n] & tops)


@SETTINGS
@given(plan_graphs())
def test_complete_exactly_when_trace_reaches_a_top_node(g):
    report = check(g)
    complete = 0
    for p in g.projects:
        t = trace(g, p, max_paths=1)
        assert t.complete == bool(t.reaches)
        assert all(g.is_top(x) for x in t.reaches)
        complete += t.complete
    assert report.summary.complete == complete


@SETTINGS
@given(plan_graphs())
def test_no_project_is_both_orphan_and_broken(g):
    report = check(g)
    orphans = {f.subject for f in report.by_code("ORPHAN_PROJECT")}
    broken = {f.subject for f in report.by_code("BROKEN_CHAIN")}
    assert not orphans & broken
    assert orphans | broken <= set(g.projects)


@SETTINGS
@given(plan_graphs(), st.data())
def test_adding_an_upward_link_never_removes_reach(g, data):
    nodes = sorted(g.nodes())
    before = NetworkXEngine(g)
    reach = {n: set(before.reach_tops(n)) for n in nodes}
    complete = check(g).summary.complete
    src = data.draw(st.sampled_from(nodes))
    dst = data.draw(st.sampled_from(nodes))
    g.add(Link(src, dst, relation=data.draw(st.sampled_from(UPWARD_RELATIONS))))
    after = NetworkXEngine(g)
    for n in nodes:
        assert reach[n] <= set(after.reach_tops(n))
    assert check(g).summary.complete >= complete


def shuffled(g: PlanGraph, seed: int) -> PlanGraph:
    rng = random.Random(seed)
    h = PlanGraph(g.policy)
    for sheet in ("plans", "areas", "organizations", "value_chains", "elements", "projects", "links"):
        records = g.records(sheet)
        rng.shuffle(records)
        for r in records:
            h.add(r)
    h.sheets = set(g.sheets)
    h.era = g.era
    return h


@SETTINGS
@given(plan_graphs(), st.integers(0, 2**32))
def test_findings_do_not_depend_on_row_order(g, seed):
    a = check(g)
    b = check(shuffled(g, seed))
    assert a.identities() == b.identities()
    assert a.summary == b.summary
    assert [f.message("th") for f in a.findings] == [f.message("th") for f in b.findings]


def all_maximal_paths(succ, start):
    out = []

    def walk(path):
        nxt = [s for s in succ[path[-1]] if s not in path]
        if not nxt:
            out.append(tuple(path))
        for s in nxt:
            walk(path + [s])

    walk([start])
    return sorted(out, key=lambda p: (len(p), p))


@SETTINGS
@given(plan_graphs(), st.integers(0, 6), st.data())
def test_trace_paths_are_the_sorted_maximal_paths_cut_at_max_paths(g, k, data):
    node = data.draw(st.sampled_from(sorted(g.nodes())))
    every = all_maximal_paths(g.successors_map(), node)
    t = trace(g, node, max_paths=k)
    assert list(t.paths) == every[:k]
    assert t.truncated == (len(every) > k)
    full = trace(g, node, max_paths=10_000)
    assert list(full.paths) == every and not full.truncated
