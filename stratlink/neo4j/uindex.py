"""Reachability over U for the Cypher engine, computed once per check.

Cypher without GDS has no multi-source reachability: asking "does this project
reach the top?" with a variable-length expand per project costs a breadth-first
search per project (246 s at a million projects), and collecting every node's reach
to find cycles holds N x N rows on a 10,000-node cycle (the server runs out of
memory). So the server sends U once, as two lists of internal node ids (one entry
per edge), and the sets the checks start from; the client then computes, in time
linear in the size of U:

* the nodes that reach a top-level node (one backward search from all top nodes),
* the strongly connected components (cycles) and the sinks each node reaches, with
  the same condensation the NetworkX engine uses,
* the elements that some project reaches (coverage).

Only the nodes a finding is about are then named (id, row, labels) by the server.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from stratlink.queries.nx_engine import Condensed


class UIndex:
    """U over internal node ids: ``succ`` and ``pred`` adjacency (edges deduplicated)."""

    def __init__(self, sources: list[int], targets: list[int]) -> None:
        succ: dict[int, set[int]] = {}
        pred: dict[int, set[int]] = {}
        for a, b in zip(sources, targets):
            succ.setdefault(a, set()).add(b)
            pred.setdefault(b, set()).add(a)
        self.succ = succ
        self.pred = pred

    def backward(self, seeds: Iterable[int]) -> set[int]:
        """Nodes with a path of one edge or more to a seed."""
        return _search(seeds, self.pred)

    def forward(self, seeds: Iterable[int]) -> set[int]:
        """Nodes with a path of one edge or more from a seed."""
        return _search(seeds, self.succ)

    def condensed(self, nodes: Iterable[int] | None = None) -> Condensed:
        """The SCCs and their DAG (of the sub-graph on ``nodes``, by default all of U)."""
        if nodes is None:
            nodes = set(self.succ) | set(self.pred)
            succ = self.succ
        else:
            nodes = set(nodes)
            succ = {n: [t for t in self.succ.get(n, ()) if t in nodes] for n in nodes}
        return Condensed(nodes, succ)

    def sinks_from(self, starts: Iterable[int]) -> dict[int, frozenset[int]]:
        """For each start: the nodes without successors it reaches (one edge or more)."""
        starts = list(starts)
        region = self.forward(starts) | set(starts)
        cond = self.condensed(region)
        below: list[frozenset[int]] = [frozenset()] * len(cond.members)
        for c in cond.order:  # sinks first
            acc: frozenset[int] | set[int] = frozenset()
            for d in cond.dag[c]:
                part = below[d] | _own_sinks(cond.members[d], self.succ)
                acc = part if not acc else acc | part
            if cond.cyclic[c]:  # a node of a cycle reaches its own component
                acc = acc | _own_sinks(cond.members[c], self.succ)
            below[c] = frozenset(acc)
        return {s: below[cond.comp[s]] for s in starts}

    def tops_reached(self, starts: Iterable[int], tops: Iterable[int]) -> dict[int, frozenset[int]]:
        """For each start: the ``tops`` it is or reaches (zero edges or more), computed
        once per strongly connected component, in one pass over the condensation."""
        starts = list(starts)
        tops = set(tops)
        cond = self.condensed(self.forward(starts) | set(starts))
        above: list[frozenset[int]] = [frozenset()] * len(cond.members)
        for c in cond.order:  # sinks first
            acc = set(n for n in cond.members[c] if n in tops)
            for d in cond.dag[c]:
                acc |= above[d]
            above[c] = frozenset(acc)
        return {s: above[cond.comp[s]] for s in starts}


def _own_sinks(members, succ) -> frozenset[int]:
    return frozenset(n for n in members if not succ.get(n))


def _search(seeds: Iterable[int], adj: dict[int, set[int]]) -> set[int]:
    seen: set[int] = set()
    queue = deque()
    for s in seeds:
        queue.extend(adj.get(s, ()))
    while queue:
        n = queue.popleft()
        if n not in seen:
            seen.add(n)
            queue.extend(adj.get(n, ()))
    return seen


__all__ = ["UIndex"]
