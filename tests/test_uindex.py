"""The Cypher engine's client-side index (stratlink/neo4j/uindex.py) against plain
Python searches on random graphs: reachability, cycles, sinks, tops reached, and the
helpers of the link checks."""

import random

import numpy as np
import pytest

from stratlink.neo4j.uindex import UIndex, lookup, part_of, unique_pairs


def _reach(succ, start):
    seen, stack = set(), list(succ.get(start, ()))
    while stack:
        n = stack.pop()
        if n not in seen:
            seen.add(n)
            stack.extend(succ.get(n, ()))
    return seen


@pytest.mark.parametrize("seed", range(12))
def test_index_matches_plain_searches(seed):
    rnd = random.Random(seed)
    nodes = rnd.sample(range(10, 10_000), 40)  # sparse internal ids, as Neo4j gives
    edges = [(rnd.choice(nodes), rnd.choice(nodes)) for _ in range(rnd.randint(0, 70))]
    succ, pred = {}, {}
    for a, b in edges:
        succ.setdefault(a, set()).add(b)
        pred.setdefault(b, set()).add(a)
    index = UIndex([a for a, _ in edges], [b for _, b in edges])
    tops = rnd.sample(nodes, 5)
    on_u = set(succ) | set(pred)
    back = {n for t in tops for n in _reach(pred, t)}
    assert set(index.contains(index.backward(tops), nodes).nonzero()[0].tolist()) == \
        {i for i, n in enumerate(nodes) if n in back}
    fwd = {n for s in tops for n in _reach(succ, s)}
    assert {n for n, ok in zip(nodes, index.contains(index.forward(tops), nodes)) if ok} == fwd
    cyclic = {frozenset(c) for c in index.cycles()}
    expected = set()
    for n in on_u:
        if n in _reach(succ, n):
            expected.add(frozenset({n} | {m for m in _reach(succ, n) if n in _reach(succ, m)}))
    assert cyclic == expected
    starts = [n for n in nodes if succ.get(n)]
    sinks = index.sinks_from(starts)
    for s in starts:
        assert set(sinks[s]) == {m for m in _reach(succ, s) if not succ.get(m)}
    reached = index.tops_reached(starts, tops)
    order = [t for t in tops if t in on_u]
    order = list(dict.fromkeys(order))
    for s in starts:
        want = {t for t in order if t == s or t in _reach(succ, s)}
        got = {t for i, t in enumerate(order) if reached[s] >> i & 1}
        assert got == want


def test_empty_index():
    index = UIndex([], [])
    assert index.cycles() == []
    assert not index.contains(index.backward([1, 2]), [1, 2]).any()
    assert index.sinks_from([]) == {}


def test_helpers():
    a, b = unique_pairs(np.array([3, 1, 3, 1]), np.array([4, 2, 4, 5]))
    assert list(zip(a.tolist(), b.tolist())) == [(1, 2), (1, 5), (3, 4)]
    get = lookup(np.array([30, 10, 20]), np.array([3, 1, 2]), -1)
    assert get(np.array([10, 15, 30, -1])).tolist() == [1, -1, 3, -1]
    values, found = lookup(np.array([], dtype=np.int64), np.array([], dtype=np.int64), None)(np.array([1]))
    assert not found.any()
    within = part_of([1, 2, 3, 4], [2, 3, 1, 4])  # 1 -> 2 -> 3 -> 1 (a cycle), 4 -> 4
    assert within(1, 3) and within(1, 1) and within(4, 4) and not within(1, 4) and not within(5, 1)
