"""Reachability over U for the Cypher engine, computed once per check.

Cypher without GDS has no multi-source reachability: asking "does this project
reach the top?" with a variable-length expand per project costs a breadth-first
search per project (246 s at a million projects), and collecting every node's reach
to find cycles holds N x N rows on a 10,000-node cycle (the server runs out of
memory). So the server sends U once, as two lists of internal node ids (one entry
per edge), and the sets the checks start from; the client then computes, in time
linear in the size of U, with numpy arrays (CSR) and ``scipy.sparse.csgraph`` (the
same :class:`~stratlink.queries.array_engine.Condensation` the array engine uses):

* the nodes that reach a top-level node (one backward search from all top nodes),
* the strongly connected components (cycles) and the sinks each node reaches,
* the elements that some project reaches (coverage),
* the tops each node reaches (a bitset per component, for lineage).

Only the nodes a finding is about are then named (id, row, labels) by the server.
The pure-Python version of this index (dicts of sets, a Python SCC search) took a
quarter of the client's time at a million projects (py-spy); see
benchmarks/README-neo4j.md.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from stratlink.queries.array_engine import Condensation, _csr, bits, gather, reached, to_int, unique


class UIndex:
    """U over internal node ids. ``ids`` holds the distinct internal ids of the nodes
    on an edge of U (sorted); everything else works on positions in ``ids``
    ("dense" indices) with the edges as CSR arrays (deduplicated)."""

    def __init__(self, sources: Iterable[int], targets: Iterable[int]) -> None:
        a = np.asarray(sources, dtype=np.int64)
        b = np.asarray(targets, dtype=np.int64)
        self.ids = unique(np.concatenate([a, b]))
        n = self.n = int(self.ids.size)
        s, t = np.searchsorted(self.ids, a), np.searchsorted(self.ids, b)
        self.indptr, self.indices = _csr(s, t, n)
        self.rindptr, self.rindices = _csr(t, s, n)
        self.outdeg = np.diff(self.indptr)
        self._cond: Condensation | None = None

    def dense(self, ids: Iterable[int]) -> np.ndarray:
        """The dense index of each internal id (-1 for a node on no edge of U)."""
        ids = np.asarray(list(ids) if not isinstance(ids, np.ndarray) else ids, dtype=np.int64)
        if not self.n or not ids.size:
            return np.full(ids.size, -1, dtype=np.int64)
        pos = np.minimum(np.searchsorted(self.ids, ids), self.n - 1)
        return np.where(self.ids[pos] == ids, pos, -1)

    def has_successors(self, ids: Iterable[int]) -> np.ndarray:
        d = self.dense(ids)
        out = np.zeros(d.size, dtype=bool)
        ok = d >= 0
        out[ok] = self.outdeg[d[ok]] > 0
        return out

    def backward(self, seeds: Iterable[int]) -> np.ndarray:
        """Mask over dense indices: nodes with a path of one edge or more to a seed."""
        return reached(self.rindptr, self.rindices, self._present(seeds), self.n)

    def forward(self, seeds: Iterable[int]) -> np.ndarray:
        """Mask over dense indices: nodes with a path of one edge or more from a seed."""
        return reached(self.indptr, self.indices, self._present(seeds), self.n)

    def contains(self, mask: np.ndarray, ids: Iterable[int]) -> np.ndarray:
        """For each internal id: whether it is on U and set in ``mask``."""
        d = self.dense(ids)
        out = np.zeros(d.size, dtype=bool)
        ok = d >= 0
        out[ok] = mask[d[ok]]
        return out

    def _present(self, ids: Iterable[int]) -> np.ndarray:
        d = self.dense(ids)
        return d[d >= 0]

    def condensed(self) -> Condensation:
        """The SCCs of U and their DAG (``lab``: component of each dense index)."""
        if self._cond is None:
            self._cond = Condensation(self.n, self.indptr, self.indices)
        return self._cond

    def cycles(self) -> list[list[int]]:
        """The internal ids of each cyclic strongly connected component."""
        cond = self.condensed()
        members = np.flatnonzero(cond.cyclic[cond.lab])
        if not members.size:
            return []
        labs = cond.lab[members]
        order = np.argsort(labs, kind="stable")
        members, labs = members[order], labs[order]
        starts = np.flatnonzero(np.concatenate(([True], labs[1:] != labs[:-1])))
        return [self.ids[g].tolist() for g in np.split(members, starts[1:])]

    def sinks_from(self, starts: Iterable[int]) -> dict[int, list[int]]:
        """For each start (internal id on U): the internal ids of the nodes without
        successors it reaches (one edge or more). One pass over the components the
        starts reach, sinks first, with a Python int bitset per component."""
        starts = [int(s) for s in starts]
        d = self.dense(starts)
        cond = self.condensed()
        lab = cond.lab
        succ = gather(self.indptr, self.indices, d[d >= 0])
        relevant = cond.reachable(lab[succ]) if succ.size else np.zeros(cond.k, dtype=bool)
        sinks = np.flatnonzero((self.outdeg == 0) & relevant[lab])
        base = {int(lab[n]): 1 << i for i, n in enumerate(sinks.tolist())}
        comps = np.flatnonzero(relevant)
        comps = comps[np.argsort(cond.level[comps], kind="stable")]
        clos: dict[int, int] = {}
        for c in comps.tolist():
            b = base.get(c, 0)
            for x in cond.indices[cond.indptr[c]:cond.indptr[c + 1]].tolist():
                b |= clos[x]
            clos[c] = b
        sink_ids = self.ids[sinks].tolist()
        out: dict[int, list[int]] = {}
        for s, n in zip(starts, d.tolist()):
            x = 0
            if n >= 0:
                for m in self.indices[self.indptr[n]:self.indptr[n + 1]].tolist():
                    x |= clos[int(lab[m])]
            out[s] = [sink_ids[i] for i in bits(x)]
        return out

    def tops_reached(self, starts: Iterable[int], tops: Iterable[int]) -> dict[int, int]:
        """For each start: the ``tops`` it is or reaches (zero edges or more), as a
        bitset (bit i: the i-th of ``tops`` that is on U), from one closure over the
        condensation (bitsets per component, level by level)."""
        starts = list(dict.fromkeys(int(s) for s in starts))
        td = self._present(tops)
        cond = self.condensed()
        w = max(1, (td.size + 63) // 64)
        seed = np.zeros((cond.k, w), dtype=np.uint64)
        i = np.arange(td.size)
        np.bitwise_or.at(seed, (cond.lab[td], i // 64),
                         np.left_shift(np.uint64(1), (i % 64).astype(np.uint64)))
        clos = cond.closure(seed)
        d = self.dense(starts)
        out: dict[int, int] = {}
        rows = clos[cond.lab[np.maximum(d, 0)]]
        values = rows[:, 0].tolist() if w == 1 else [to_int(r) for r in rows]
        for s, n, v in zip(starts, d.tolist(), values):
            out[s] = v if n >= 0 else 0
        return out


def unique_pairs(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct pairs (a[i], b[i]), sorted."""
    if not a.size:
        return a, b
    order = np.lexsort((b, a))
    a, b = a[order], b[order]
    keep = np.concatenate(([True], (a[1:] != a[:-1]) | (b[1:] != b[:-1])))
    return a[keep], b[keep]


def lookup(keys: np.ndarray, values: np.ndarray, default: int | None):
    """A vectorised map from distinct ``keys`` to ``values``: ``get(ids)`` gives the
    value of each id (``default`` where absent); with ``default=None`` it gives
    ``(values, found)``."""
    order = np.argsort(keys, kind="stable")
    keys, values = keys[order], values[order]

    def get(ids: np.ndarray):
        if not keys.size:
            pos = np.zeros(ids.size, dtype=np.int64)
            found = np.zeros(ids.size, dtype=bool)
        else:
            pos = np.minimum(np.searchsorted(keys, ids), keys.size - 1)
            found = (keys[pos] == ids) & (ids >= 0)
        got = values[pos] if keys.size else np.zeros(ids.size, dtype=values.dtype)
        if default is None:
            return np.where(found, got, 0), found
        return np.where(found, got, default)

    return get


def part_of(parts: Iterable[int], wholes: Iterable[int]):
    """``within(a, b)``: whether ``b`` is reachable from ``a`` by one ``PART_OF``
    relationship or more; each area's ancestry is searched once."""
    up: dict[int, list[int]] = {}
    for a, b in zip(parts, wholes):
        up.setdefault(int(a), []).append(int(b))
    memo: dict[int, set[int]] = {}

    def within(a: int, b: int) -> bool:
        if a not in memo:
            seen: set[int] = set()
            stack = list(up.get(a, ()))
            while stack:
                n = stack.pop()
                if n not in seen:
                    seen.add(n)
                    stack.extend(up.get(n, ()))
            memo[a] = seen
        return b in memo[a]

    return within


__all__ = ["UIndex", "lookup", "part_of", "unique_pairs"]
