"""The NetworkX engine: every check, trace, matrix and coverage answer in memory.

Reachability is computed once for the whole graph: the strongly connected
components of U are found with NetworkX, and one pass over the condensation DAG in
reverse topological order gives every component the set of interesting nodes
(top nodes, conflict ends, ...) in ``{m} ∪ C(m)`` for its members m, as a Python
``int`` bitset. For a node n, ``C(n)`` restricted to those nodes is then the union
of the sets of its successors' components. Components with a single successor
share their successor's int, so memory stays proportional to the graph.

>>> from stratlink.graph_model import PlanGraph, Plan, Element, Project, Link
>>> g = PlanGraph()
>>> for r in (Plan("NS", "national"), Element("S1", "NS", "strategy"),
...           Plan("PV", "province"), Element("I1", "PV", "issue"),
...           Project("X", "PV", name_en="Road"), Project("Y", "PV", name_en="Dam"),
...           Link("X", "I1"), Link("I1", "S1")):
...     g.add(r)
>>> e = NetworkXEngine(g)
>>> [(f.code, f.subject) for f in e.check().findings]
[('ORPHAN_PROJECT', 'Y'), ('LEVEL_SKIP', 'I1')]
>>> e.trace("X").paths
(('X', 'I1', 'S1'),)
>>> e.trace_down("S1").projects
('X',)
"""

from __future__ import annotations

import heapq
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal

import networkx as nx

from stratlink.graph_model import STAGES, Finding, Location, PlanGraph, Policy
from stratlink.queries.engine import (
    PATH_WORK_LIMIT,
    Engine,
    area_within,
    build_coverage,
    build_matrix,
    computes,
    normalise_name,
)
from stratlink.queries.results import Coverage, CoverageRow, Matrix


def bits(x: int) -> Iterator[int]:
    """Indices of the set bits of ``x``, lowest first.

    >>> list(bits(0b10110))
    [1, 2, 4]
    """
    while x:
        low = x & -x
        yield low.bit_length() - 1
        x ^= low


def _acyclic_part(nodes: list[str], succ: Mapping[str, Iterable[str]]) -> list[str]:
    """Nodes on no cycle found cheaply: peel off nodes without predecessors, then
    (among the rest) nodes without successors, until none is left to peel."""
    indeg = dict.fromkeys(nodes, 0)
    for n in nodes:
        for t in succ.get(n, ()):
            indeg[t] += 1
    out = []
    stack = [n for n in nodes if indeg[n] == 0]
    while stack:
        n = stack.pop()
        out.append(n)
        for t in succ.get(n, ()):
            indeg[t] -= 1
            if indeg[t] == 0:
                stack.append(t)
    if len(out) == len(nodes):
        return out
    gone = set(out)
    rest = [n for n in nodes if n not in gone]
    preds: dict[str, list[str]] = {n: [] for n in rest}
    outdeg = dict.fromkeys(rest, 0)
    for n in rest:
        for t in succ.get(n, ()):
            if t not in gone:
                outdeg[n] += 1
                preds[t].append(n)
    stack = [n for n in rest if outdeg[n] == 0]
    while stack:
        n = stack.pop()
        out.append(n)
        for p in preds[n]:
            outdeg[p] -= 1
            if outdeg[p] == 0:
                stack.append(p)
    return out


class Condensed:
    """The strongly connected components of a graph and their DAG.

    ``comp[n]`` is the component index of node n; ``order`` lists the components
    with every component after all the components it has an edge to (sinks first).
    """

    def __init__(self, nodes: Iterable[str], succ: Mapping[str, Iterable[str]]) -> None:
        nodes = list(nodes)
        comps: list[set[str] | tuple[str]] = [(n,) for n in _acyclic_part(nodes, succ)]
        core = set(nodes).difference(n for (n,) in comps)
        if core:  # only nodes that both come from and lead to a cycle can be on one
            g = nx.DiGraph()
            g.add_nodes_from(core)
            g.add_edges_from((s, t) for s in core for t in succ.get(s, ()) if t in core)
            comps.extend(nx.strongly_connected_components(g))
            del g
        comp: dict[str, int] = {}
        for i, members in enumerate(comps):
            for n in members:
                comp[n] = i
        k = len(comps)
        dag: list[tuple[int, ...]] = [()] * k
        cyclic = [False] * k
        for i, members in enumerate(comps):
            if len(members) == 1:
                n = next(iter(members))
                ts = succ.get(n, ())
                if n in ts:
                    cyclic[i] = True
                out = {comp[t] for t in ts if t != n}
            else:
                cyclic[i] = True
                out = {comp[t] for n in members for t in succ.get(n, ())}
                out.discard(i)
            if out:
                dag[i] = tuple(out)
        # reverse topological order (Kahn's algorithm from the sinks)
        preds: list[list[int]] = [[] for _ in range(k)]
        remaining = [len(d) for d in dag]
        for i, d in enumerate(dag):
            for j in d:
                preds[j].append(i)
        order = [i for i in range(k) if remaining[i] == 0]
        head = 0
        while head < len(order):
            j = order[head]
            head += 1
            for i in preds[j]:
                remaining[i] -= 1
                if remaining[i] == 0:
                    order.append(i)
        self.comp = comp
        self.members = comps
        self.dag = dag
        self.cyclic = cyclic
        self.order = order

    def closure(self, seeds: Mapping[str, int], only: list[bool] | None = None) -> list[int]:
        """Per component c: the OR of the seed bits of the nodes in c and in every
        component reachable from c. With ``only``, components where it is false are
        skipped (left 0)."""
        k = len(self.members)
        base = [0] * k
        for node, bit in seeds.items():
            i = self.comp.get(node)
            if i is not None:
                base[i] |= bit
        out = [0] * k
        dag = self.dag
        for c in self.order:
            if only is not None and not only[c]:
                continue
            b = base[c]
            for d in dag[c]:
                x = out[d]
                if x and x is not b:
                    b = x if not b else (b | x)
            out[c] = b
        return out


class NetworkXEngine(Engine):
    """All queries of ``shared/spec/checks.md`` over one in-memory PlanGraph."""

    name = "networkx"

    def __init__(self, graph: PlanGraph, policy: Policy | None = None) -> None:
        self.graph = graph
        self.policy = policy or graph.policy
        self.era = graph.era
        names = self.policy.level_names
        self._plan_pos = {pid: (self.policy.position(p.level) if p.level in names else None)
                          for pid, p in graph.plans.items()}
        self._top_plans = {pid for pid, p in graph.plans.items() if p.level == self.policy.top_level}
        #: node id -> its plan id (elements and projects)
        self._plan_of = {k: r.plan_id for k, r in graph.projects.items()}
        self._plan_of.update((k, r.plan_id) for k, r in graph.elements.items())
        self._memo: dict = {}
        self._succ: dict[str, tuple[str, ...]] | None = None

    # ---- basics ---------------------------------------------------------------
    @property
    def succ(self) -> dict[str, tuple[str, ...]]:
        if self._succ is None:
            self._succ = self.graph.successors_map()
        return self._succ

    def pos(self, node_id: str) -> int | None:
        return self._plan_pos.get(self._plan_of.get(node_id))

    def is_top(self, node_id: str) -> bool:
        return self._plan_of.get(node_id) in self._top_plans

    def tops(self) -> list[str]:
        """All top nodes, sorted."""
        return sorted(n for n in self.graph.nodes() if self.is_top(n))

    def _condensed(self, primary: bool = False) -> Condensed:
        key = ("cond", primary)
        if key not in self._memo:
            succ = self._primary_succ() if primary else self.succ
            self._memo[key] = Condensed(self.graph.nodes(), succ)
        return self._memo[key]

    def _primary_succ(self) -> dict[str, tuple[str, ...]]:
        """Successors through parent edges and primary links only."""
        acc: dict[str, set[str]] = {n: set() for n in self.graph.nodes()}
        for s, t, link in self.graph.upward_edges():
            if link is None or link.role != "secondary":
                acc[s].add(t)
        return {n: tuple(sorted(v)) for n, v in acc.items()}

    def _top_closure(self) -> tuple[list[str], list[int]]:
        if "tops" not in self._memo:
            tops = self.tops()
            cond = self._condensed()
            self._memo["tops"] = (tops, cond.closure({t: 1 << i for i, t in enumerate(tops)}))
        return self._memo["tops"]

    def _reach(self, node_id: str, closure: list[int], cond: Condensed,
               succ: Mapping[str, tuple[str, ...]] | None = None) -> int:
        """Bits of C(node) given a component closure."""
        r = 0
        comp = cond.comp
        for m in (succ or self.succ)[node_id]:
            x = closure[comp[m]]
            if x:
                r = x if not r else (r | x)
        return r

    def reach_tops(self, node_id: str) -> list[str]:
        """The sorted top nodes in C(node_id) (from the bitsets)."""
        tops, closure = self._top_closure()
        return [tops[i] for i in bits(self._reach(node_id, closure, self._condensed()))]

    def _loc(self, node_id: str) -> Location:
        rec = self.graph.node(node_id)
        return Location(rec.SHEET, rec.row) if rec is not None else Location("")

    # ---- check ----------------------------------------------------------------
    def load_findings(self) -> list[Finding]:
        return list(self.graph.load_findings)

    @computes("ORPHAN_PROJECT", "BROKEN_CHAIN")
    def _check_projects(self, findings: list[Finding]) -> dict[str, int]:
        g, succ = self.graph, self.succ
        cond = self._condensed()
        _, tclos = self._top_closure()
        complete = 0
        broken = []
        for pid, project in g.projects.items():
            r = self._reach(pid, tclos, cond)
            if r:
                complete += 1
            if project.local_only:
                continue
            if not succ[pid]:
                findings.append(Finding.make("ORPHAN_PROJECT", pid, [], self._loc(pid)))
            elif not r:
                broken.append(pid)
        if broken:
            # sinks that are not top nodes and that some node has an edge to
            targets = {t for ts in succ.values() for t in ts}
            sinks = sorted(n for n in targets if not succ[n] and not self.is_top(n))
            only = [x == 0 for x in tclos]
            sclos = cond.closure({s: 1 << i for i, s in enumerate(sinks)}, only)
            for pid in broken:
                related = [sinks[i] for i in bits(self._reach(pid, sclos, cond))]
                findings.append(self.broken_chain(pid, related, self._loc(pid)))
        return {"projects": len(g.projects), "complete": complete}

    @computes("ORPHAN_ELEMENT")
    def _check_elements(self, findings: list[Finding]) -> None:
        succ = self.succ
        for eid in self.graph.elements:
            if not succ[eid] and not self.is_top(eid):
                findings.append(Finding.make("ORPHAN_ELEMENT", eid, [], self._loc(eid)))

    @computes("CYCLE")
    def _check_cycles(self, findings: list[Finding]) -> None:
        cond = self._condensed()
        for i, members in enumerate(cond.members):
            if cond.cyclic[i]:
                findings.append(self.cycle(members, self._loc(min(members))))

    @computes("DOWNWARD_LINK", "LEVEL_SKIP", "SCOPE_MISMATCH", "PERIOD_MISMATCH")
    def _check_links(self, findings: list[Finding]) -> None:
        g = self.graph
        jump = self.policy.max_level_jump
        plan_of, plan_pos, plans, projects = self._plan_of, self._plan_pos, g.plans, g.projects
        area_of = None
        if "areas" in g.sheets:  # the area of each node, when the areas sheet knows it
            area_of = {k: p.area_id for k, p in projects.items() if p.area_id in g.areas}
            plan_area = {k: p.area_id for k, p in plans.items() if p.area_id in g.areas}
            area_of.update((k, plan_area[e.plan_id]) for k, e in g.elements.items()
                           if e.plan_id in plan_area)
        for link in self.graph.upward_links():
            s, t = link.source_id, link.target_id
            loc = Location("links", link.row)
            ps, pt = plan_pos.get(plan_of[s]), plan_pos.get(plan_of[t])
            if ps is not None and pt is not None:
                if pt > ps:
                    findings.append(Finding.make("DOWNWARD_LINK", s, [t], loc))
                elif ps - pt > jump:
                    findings.append(self.level_skip(s, t, loc))
            if area_of is not None:
                sa, ta = area_of.get(s), area_of.get(t)
                if sa is not None and ta is not None and sa != ta and not area_within(g, sa, ta):
                    findings.append(self.scope_mismatch(s, t, loc, sa, ta))
            project = projects.get(s)
            if project is not None and project.fiscal_year is not None:
                plan = plans.get(plan_of[t])
                if plan is None:
                    continue
                y, start, end = project.fiscal_year, plan.period_start, plan.period_end
                if (start is not None and y < start) or (end is not None and y > end):
                    findings.append(self.period_mismatch(s, t, loc, y, start, end))

    @computes("CONFLICTING_TARGETS")
    def _check_conflicts(self, findings: list[Finding]) -> None:
        pairs = self.graph.conflict_pairs()
        if not pairs:
            return
        ends = sorted({x for pair in pairs for x in pair})
        index = {e: i for i, e in enumerate(ends)}
        partners: dict[int, list[int]] = defaultdict(list)
        for a, b in pairs:  # a < b, so index[a] < index[b]
            partners[index[a]].append(index[b])
        cond = self._condensed()
        eclos = cond.closure({e: 1 << i for i, e in enumerate(ends)})
        comp = cond.comp
        for n, ss in self.succ.items():
            if len(ss) < 2 or cond.cyclic[comp[n]]:
                continue  # C(n) is {m} ∪ C(m) of one successor m: nothing meets at n
            sub = [eclos[comp[m]] for m in ss]
            union = 0
            for x in sub:
                union |= x
            if union & (union - 1) == 0 or union in sub:
                continue  # fewer than two ends, or one successor already holds them all
            for i in bits(union):
                for j in partners.get(i, ()):
                    if not (union >> j) & 1:
                        continue
                    mask = (1 << i) | (1 << j)
                    if not any(x & mask == mask for x in sub):
                        findings.append(Finding.make(
                            "CONFLICTING_TARGETS", n, [ends[i], ends[j]], self._loc(n)))

    @computes("INCONSISTENT_LINEAGE")
    def _check_lineage(self, findings: list[Finding]) -> None:
        g = self.graph
        cond = self._condensed()
        _, tclos = self._top_closure()
        by_project: dict[str, dict[str, int]] = {}
        for link in self.graph.upward_links():
            if link.source_id in g.projects and link.asserted_by:
                r = by_project.setdefault(link.source_id, {})
                r[link.asserted_by] = r.get(link.asserted_by, 0) | tclos[cond.comp[link.target_id]]
        for pid, reach in by_project.items():
            if len(reach) < 2:
                continue
            asserters = sorted(reach)
            found: set[str] = set()
            for i, a in enumerate(asserters):
                for b in asserters[i + 1:]:
                    ra, rb = reach[a], reach[b]
                    if ra and rb and not ra & rb:
                        found.update((a, b))
            if found:
                findings.append(Finding.make("INCONSISTENT_LINEAGE", pid, sorted(found),
                                             self._loc(pid)))

    @computes("UNCOVERED_ELEMENT")
    def _check_uncovered(self, findings: list[Finding]) -> None:
        g, succ = self.graph, self.succ
        levels = set(self.policy.coverage_levels)
        if not levels:
            return
        watched = [e for e in g.elements if g.level(e) in levels]
        if not watched:
            return
        covered: set[str] = set()
        stack = [m for p in g.projects for m in succ[p]]
        while stack:
            n = stack.pop()
            if n not in covered:
                covered.add(n)
                stack.extend(succ[n])
        for e in watched:
            if e not in covered:
                findings.append(Finding.make("UNCOVERED_ELEMENT", e, [], self._loc(e)))

    @computes("VALUE_CHAIN_GAP")
    def _check_value_chains(self, findings: list[Finding]) -> None:
        g = self.graph
        present: dict[str, set[str]] = defaultdict(set)
        for p in g.projects.values():
            if p.value_chain_id is not None and p.stage:
                present[p.value_chain_id].add(p.stage)
        for vid, vc in g.value_chains.items():
            missing = [s for s in STAGES if s not in present.get(vid, ())]
            if missing:
                findings.append(Finding.make("VALUE_CHAIN_GAP", vid, missing,
                                             Location("value_chains", vc.row)))

    @computes("DUPLICATE_PROJECT")
    def _check_duplicates(self, findings: list[Finding]) -> None:
        groups: dict[tuple, list[tuple[str, int | None]]] = defaultdict(list)
        for pid, p in self.graph.projects.items():
            name = p.name_th or p.name_en
            if name is None:
                continue
            groups[(normalise_name(name), p.area_id or "", p.fiscal_year)].append((pid, p.row))
        for members in groups.values():
            if len(members) > 1:
                findings.append(self.duplicate_projects(members))

    # ---- trace ----------------------------------------------------------------
    def node_kind(self, node_id: str) -> str | None:
        if node_id in self._plan_of:
            return "node"
        other = self.graph.get(node_id)
        return other.SHEET if other is not None else None

    def top_reach(self, node_id: str) -> list[str]:
        return [n for n in self.descendants(node_id) if self.is_top(n)]

    def descendants(self, node_id: str) -> set[str]:
        """C(node_id) by a plain search (node_id is in it only when on a cycle)."""
        return descendants(self.succ, node_id)

    def paths(self, node_id: str, max_paths: int) -> tuple[tuple[tuple[str, ...], ...], bool]:
        """See :func:`maximal_paths`."""
        return maximal_paths(self.succ, node_id, max_paths)

    def _distance_to_ends(self, node_id: str) -> dict[str, int]:
        """See :func:`_distance_to_ends` (kept as a method: the Cypher engine's trace uses it)."""
        return _distance_to_ends(self.succ, node_id)

    def _preds(self) -> dict[str, list[str]]:
        if "preds" not in self._memo:
            preds: dict[str, list[str]] = defaultdict(list)
            for s, ts in self.succ.items():
                for t in ts:
                    preds[t].append(s)
            self._memo["preds"] = preds
        return self._memo["preds"]

    def projects_beneath(self, node_id: str) -> list[str]:
        preds = self._preds()
        seen: set[str] = set()
        queue = deque(preds.get(node_id, ()))
        while queue:
            n = queue.popleft()
            if n not in seen:
                seen.add(n)
                queue.extend(preds.get(n, ()))
        return [n for n in seen if n in self.graph.projects]

    # ---- matrix and coverage --------------------------------------------------
    def _reach_bits(self, ids: list[str]) -> tuple[dict[str, int], dict[str, int]]:
        """Per project: bits over ``ids`` of C(p) (all links) and of primary-only reach."""
        seeds = {x: 1 << i for i, x in enumerate(ids)}
        out = []
        for primary in (False, True):
            cond = self._condensed(primary)
            succ = self._primary_succ() if primary else self.succ
            clos = cond.closure(seeds)
            out.append({p: self._reach(p, clos, cond, succ) for p in self.graph.projects})
        return out[0], out[1]

    def matrix(self) -> Matrix:
        g = self.graph
        tops = sorted(e for e in g.elements if self.is_top(e))
        reach_all, reach_primary = self._reach_bits(tops)
        below: list[tuple[list[str], list[str]]] = [([], []) for _ in tops]
        for p in g.projects:
            for i in bits(reach_all[p]):
                below[i][0].append(p)
            for i in bits(reach_primary[p]):
                below[i][1].append(p)
        index = {t: i for i, t in enumerate(tops)}
        return build_matrix(g.projects, tops, lambda t: below[index[t]])

    def coverage(self) -> Coverage:
        g = self.graph
        levels = set(self.coverage_levels())
        ids = [e for e in g.elements if g.level(e) in levels]
        reach_all, reach_primary = self._reach_bits(ids)
        count = [0] * len(ids)
        budget_all = [Decimal(0)] * len(ids)
        budget_primary = [Decimal(0)] * len(ids)
        stages = [dict.fromkeys(STAGES, 0) for _ in ids]
        for pid, p in g.projects.items():
            budget = p.budget or Decimal(0)
            for i in bits(reach_all[pid]):
                count[i] += 1
                budget_all[i] += budget
                if p.stage in STAGES:
                    stages[i][p.stage] += 1
            for i in bits(reach_primary[pid]):
                budget_primary[i] += budget
        return build_coverage(self, (
            CoverageRow(e, g.level(e) or "", count[i], budget_primary[i], budget_all[i], stages[i])
            for i, e in enumerate(ids)))


# ---- upward paths (shared with the array engine) -----------------------------------
def descendants(succ: Mapping[str, Sequence[str]], node_id: str) -> set[str]:
    """C(node_id) by a plain search over ``succ`` (node_id is in it only when on a cycle)."""
    seen: set[str] = set()
    stack = list(succ[node_id])
    while stack:
        n = stack.pop()
        if n not in seen:
            seen.add(n)
            stack.extend(succ[n])
    return seen


def maximal_paths(succ: Mapping[str, Sequence[str]], node_id: str,
                  max_paths: int) -> tuple[tuple[tuple[str, ...], ...], bool]:
    """The first ``max_paths`` maximal simple paths from ``node_id`` in (length, ids)
    order, and whether more exist. ``succ`` maps every node of ``{node_id} ∪
    C(node_id)`` to its sorted successors.

    A* search over partial paths keyed by (len(path) + h(last), path), where h(v)
    is the distance from v to the nearest node where a maximal path can end (a
    sink, or a node on a cycle: a path that stops at a node with successors has
    already visited one of them, so that node is on a cycle). The key never
    exceeds the key of any completion, so maximal paths come off the heap in
    exactly the required order, and without detours in acyclic parts; any
    partial path left on the heap extends to at least one more maximal path.
    """
    h = _distance_to_ends(succ, node_id)
    out: list[tuple[str, ...]] = []
    heap: list[tuple[int, tuple[str, ...]]] = [(1 + h[node_id], (node_id,))]
    work = 0
    while heap and len(out) < max_paths:
        _, path = heapq.heappop(heap)
        on_path = set(path)
        nxt = [s for s in succ[path[-1]] if s not in on_path]
        if not nxt:
            out.append(path)
            continue
        work += len(nxt)
        if work > PATH_WORK_LIMIT:
            return tuple(out), True
        length = len(path) + 1
        for s in nxt:
            heapq.heappush(heap, (length + h[s], path + (s,)))
    return tuple(out), bool(heap)


def _distance_to_ends(succ: Mapping[str, Sequence[str]], node_id: str) -> dict[str, int]:
    """For node_id and every node of C(node_id): the fewest edges to a sink or to
    a node on a cycle."""
    sub = descendants(succ, node_id) | {node_id}
    g = nx.DiGraph()
    g.add_nodes_from(sub)
    g.add_edges_from((s, t) for s in sub for t in succ[s])
    ends = [n for n in sub if not succ[n]]
    for comp in nx.strongly_connected_components(g):
        if len(comp) > 1 or any(n in succ[n] for n in comp):
            ends.extend(comp)
    dist = dict.fromkeys(ends, 0)
    queue = deque(ends)
    while queue:
        n = queue.popleft()
        for p in g.predecessors(n):
            if p not in dist:
                dist[p] = dist[n] + 1
                queue.append(p)
    return dist
