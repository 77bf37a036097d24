"""The array engine: every check, trace, matrix and coverage answer on numpy arrays.

It reads the graph's columnar form (:meth:`PlanGraph.columns`, see
``graph_model/columns.py``), never its typed records, so ``check`` after a columnar
load builds no Python object per row. Ids are dictionary-encoded to integers (the
node index: elements, then projects); the upward graph U is a CSR matrix; its
strongly connected components and condensation come from
``scipy.sparse.csgraph``; reachability is a bitset (``uint64`` words) per component,
filled level by level of the condensation DAG from the sinks up, one vectorised
OR-reduction per level. Python objects are made only for findings, for the few
nodes where a finding needs a closer look, and for the answer of a trace.

The NetworkX engine (``nx_engine.py``) is the readable reference; the parity tests
hold the two (and the Cypher engine) to the same answers.

>>> from stratlink.graph_model import PlanGraph, Plan, Element, Project, Link
>>> g = PlanGraph()
>>> for r in (Plan("NS", "national"), Element("S1", "NS", "strategy"),
...           Plan("PV", "province"), Element("I1", "PV", "issue"),
...           Project("X", "PV", name_en="Road"), Project("Y", "PV", name_en="Dam"),
...           Link("X", "I1"), Link("I1", "S1")):
...     g.add(r)
>>> e = ArrayEngine(g)
>>> [(f.code, f.subject) for f in e.check().findings]
[('ORPHAN_PROJECT', 'Y'), ('LEVEL_SKIP', 'I1')]
>>> e.trace("X").paths
(('X', 'I1', 'S1'),)
>>> e.trace_down("S1").projects
('X',)
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

from stratlink.errors import UnknownNodeError
from stratlink.graph_model import STAGES, Finding, Location, PlanGraph, Policy
from stratlink.queries.engine import Engine, computes, normalise_name
from stratlink.queries.nx_engine import bits, maximal_paths
from stratlink.queries.results import (
    DEFAULT_MAX_PATHS,
    PRIMARY,
    SECONDARY,
    Coverage,
    CoverageRow,
    DownTrace,
    Matrix,
    Trace,
)

_KINDS = {"plans": "plan", "value_chains": "value chain", "areas": "area",
          "organizations": "organization"}
#: bits per pass when a bitset over many elements is needed (coverage)
CHUNK_BITS = 512


def index_in(values: pa.Array, keys: pa.Array) -> np.ndarray:
    """For each value, the index of its first occurrence in ``keys``, or -1."""
    if len(values) == 0:
        return np.zeros(0, dtype=np.int64)
    if len(keys) == 0:
        return np.full(len(values), -1, dtype=np.int64)
    return pc.fill_null(pc.index_in(values, value_set=keys), -1).to_numpy().astype(np.int64)


def gather(indptr: np.ndarray, indices: np.ndarray, nodes: np.ndarray) -> np.ndarray:
    """The concatenated CSR rows of ``nodes``."""
    starts = indptr[nodes]
    lens = indptr[nodes + 1] - starts
    total = int(lens.sum())
    if total == 0:
        return np.zeros(0, dtype=indices.dtype)
    offsets = np.repeat(starts - np.concatenate(([0], np.cumsum(lens)[:-1])), lens)
    return indices[offsets + np.arange(total)]


def to_int(words: np.ndarray) -> int:
    """A row of uint64 words as one Python int (bit i of word k is bit 64k+i)."""
    return int.from_bytes(words.astype("<u8").tobytes(), "little")


def unique(a: np.ndarray) -> np.ndarray:
    """The sorted distinct values of an integer array (sort-based: faster than
    ``np.unique``'s hashing for the large arrays here)."""
    if a.size < 2:
        return a.copy()
    a = np.sort(a)
    keep = np.empty(a.size, dtype=bool)
    keep[0] = True
    np.not_equal(a[1:], a[:-1], out=keep[1:])
    return a[keep]


def reached(indptr: np.ndarray, indices: np.ndarray, seeds: np.ndarray, n: int) -> np.ndarray:
    """A mask of the ``n`` nodes reached in one or more steps from ``seeds`` along the CSR
    edges (a seed is in it only if a path leads back to it)."""
    seen = np.zeros(n, dtype=bool)
    frontier = unique(gather(indptr, indices, seeds)) if seeds.size else seeds
    seen[frontier] = True
    while frontier.size:
        nxt = gather(indptr, indices, frontier)
        nxt = unique(nxt[~seen[nxt]])
        seen[nxt] = True
        frontier = nxt
    return seen


def _csr(src: np.ndarray, dst: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct edges as CSR (rows sorted by source, then target index)."""
    if src.size:
        key = unique(src.astype(np.int64) * max(n, 1) + dst)
        src, dst = key // max(n, 1), key % max(n, 1)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(src, minlength=n), out=indptr[1:])
    return indptr, dst.astype(np.int64)


class Condensation:
    """The SCCs of a CSR graph, its condensation DAG and the levels of that DAG
    (a component's level is the length of its longest path to a sink)."""

    def __init__(self, n: int, indptr: np.ndarray, indices: np.ndarray) -> None:
        src = np.repeat(np.arange(n, dtype=np.int64), np.diff(indptr))
        if n:
            m = csr_matrix((np.ones(indices.size, dtype=np.int8), indices, indptr), shape=(n, n))
            k, lab = connected_components(m, directed=True, connection="strong")
        else:
            k, lab = 0, np.zeros(0, dtype=np.int32)
        lab = lab.astype(np.int64)
        self.k = k
        self.lab = lab
        size = np.bincount(lab, minlength=k)
        cyclic = size > 1
        loops = src[src == indices]
        cyclic[lab[loops]] = True
        self.cyclic = cyclic
        cs, ct = lab[src], lab[indices]
        keep = cs != ct
        self.indptr, self.indices = _csr(cs[keep], ct[keep], k)
        dsrc = np.repeat(np.arange(k, dtype=np.int64), np.diff(self.indptr))
        # levels from the sinks up (Kahn's algorithm, one frontier at a time)
        order = np.argsort(self.indices, kind="stable")
        rindptr = np.zeros(k + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.indices, minlength=k), out=rindptr[1:])
        rsrc = dsrc[order]
        self.rindptr, self.rindices = rindptr, rsrc
        remaining = np.diff(self.indptr).copy()
        level = np.zeros(k, dtype=np.int64)
        frontier = np.flatnonzero(remaining == 0)
        lvl = 0
        while frontier.size:
            level[frontier] = lvl
            preds = gather(rindptr, rsrc, frontier)
            if not preds.size:
                break
            np.subtract.at(remaining, preds, 1)
            frontier = unique(preds[remaining[preds] == 0])
            lvl += 1
        self.level = level
        # DAG edges grouped by the level of their source, for the closures
        eorder = np.lexsort((dsrc, level[dsrc]))
        esrc, edst = dsrc[eorder], self.indices[eorder]
        elev = level[esrc]
        self.steps = []
        if esrc.size:
            bounds = np.flatnonzero(np.diff(elev)) + 1
            for a, b in zip(np.concatenate(([0], bounds)), np.concatenate((bounds, [esrc.size]))):
                s = esrc[a:b]
                starts = np.concatenate(([0], np.flatnonzero(np.diff(s)) + 1))
                self.steps.append((s[starts], starts, edst[a:b]))

    def closure(self, seed: np.ndarray) -> np.ndarray:
        """Per component c (rows): the OR of ``seed`` over c and every component
        reachable from c."""
        out = seed.copy()
        for srcs, starts, dsts in self.steps:
            out[srcs] |= np.bitwise_or.reduceat(out[dsts], starts, axis=0)
        return out

    def reachable(self, start: np.ndarray) -> np.ndarray:
        """Mask of the components reachable from ``start`` (start included)."""
        seen = np.zeros(self.k, dtype=bool)
        frontier = unique(start)
        seen[frontier] = True
        while frontier.size:
            nxt = gather(self.indptr, self.indices, frontier)
            nxt = unique(nxt[~seen[nxt]])
            seen[nxt] = True
            frontier = nxt
        return seen


class ArrayEngine(Engine):
    """All queries of ``shared/spec/checks.md`` over one graph's columns."""

    name = "array"

    def __init__(self, graph: PlanGraph, policy: Policy | None = None) -> None:
        self.graph = graph
        self.policy = policy or graph.policy
        self._memo: dict = {}
        c = graph.columns()
        self.c = c
        el, pr, pl, lk = c["elements"], c["projects"], c["plans"], c["links"]
        self.E, self.P = el.n, pr.n
        N = self.N = self.E + self.P
        self.ids = pa.concat_arrays([el["id"], pr["id"]]) if N else pa.array([], pa.string())
        names = self.policy.level_names
        levels = pl["level"].to_pylist()
        self.plan_pos = np.array([self.policy.position(v) if v in names else -1 for v in levels]
                                 + [-1], dtype=np.int64)
        self.plan_level = levels + [None]
        plan_top = np.array([v == self.policy.top_level for v in levels] + [False])
        node_plan = index_in(pa.concat_arrays([el["plan_id"], pr["plan_id"]]), pl["id"]) \
            if N else np.zeros(0, np.int64)
        self.node_plan = node_plan  # -1 -> the sentinel last entry
        self.pos = self.plan_pos[node_plan]
        self.top = plan_top[node_plan]
        self.rows = np.concatenate([el.row, pr.row])
        # parent edges: to an element of the same plan (plan ids compared as text)
        par = index_in(el["parent_id"], el["id"])
        codes = el["plan_id"].dictionary_encode().indices.to_numpy(zero_copy_only=False) \
            if self.E else np.zeros(0, np.int64)
        ok = par >= 0
        ok[ok] = codes[par[ok]] == codes[np.flatnonzero(ok)]
        psrc, pdst = np.flatnonzero(ok), par[ok]
        # link edges
        rel = lk["relation"]
        s = index_in(lk["source_id"], self.ids)
        t = index_in(lk["target_id"], self.ids)
        ends = (s >= 0) & (t >= 0)
        up = pc.fill_null(pc.is_in(rel, value_set=pa.array(["contributes_to", "aligns_with"])),
                          False).to_numpy(zero_copy_only=False) & ends
        self.lrow = np.flatnonzero(up)  # link table positions of the edges of U
        self.ls, self.lt = s[up], t[up]
        secondary = pc.fill_null(pc.equal(lk["role"], "secondary"), False).to_numpy(zero_copy_only=False)
        self.lsecondary = secondary[up]
        conf = pc.fill_null(pc.equal(rel, "conflicts_with"), False).to_numpy(zero_copy_only=False) \
            & ends & (s != t)
        self.conflicts = (s[conf], t[conf])
        src = np.concatenate([psrc, self.ls])
        dst = np.concatenate([pdst, self.lt])
        self.indptr, self.indices = _csr(src, dst, N)
        self.deg = np.diff(self.indptr)
        primary = np.concatenate([np.ones(psrc.size, bool), ~self.lsecondary])
        self._primary_edges = (src[primary], dst[primary])

    # ---- building blocks ------------------------------------------------------
    def id(self, i: int) -> str:
        return self.ids[int(i)].as_py()

    def id_list(self) -> list[str]:
        if "idlist" not in self._memo:
            self._memo["idlist"] = self.ids.to_pylist()
        return self._memo["idlist"]

    def _loc(self, i: int) -> Location:
        row = int(self.rows[i])
        return Location("elements" if i < self.E else "projects", None if row < 0 else row)

    def _link_loc(self, k: int) -> Location:
        row = int(self.c["links"].row[self.lrow[k]])
        return Location("links", None if row < 0 else row)

    def cond(self, primary: bool = False) -> Condensation:
        key = ("cond", primary)
        if key not in self._memo:
            if primary:
                indptr, indices = self.csr(True)
            else:
                indptr, indices = self.indptr, self.indices
            self._memo[key] = Condensation(self.N, indptr, indices)
        return self._memo[key]

    def csr(self, primary: bool = False) -> tuple[np.ndarray, np.ndarray]:
        if not primary:
            return self.indptr, self.indices
        if "pcsr" not in self._memo:
            self._memo["pcsr"] = _csr(*self._primary_edges, self.N)
        return self._memo["pcsr"]

    def seed(self, nodes: np.ndarray, primary: bool = False) -> np.ndarray:
        """Component seeds with bit i set for ``nodes[i]``."""
        cond = self.cond(primary)
        w = max(1, (len(nodes) + 63) // 64)
        out = np.zeros((cond.k, w), dtype=np.uint64)
        i = np.arange(len(nodes))
        np.bitwise_or.at(out, (cond.lab[nodes], i // 64),
                         np.left_shift(np.uint64(1), (i % 64).astype(np.uint64)))
        return out

    def reach(self, clos: np.ndarray, nodes: np.ndarray, primary: bool = False) -> np.ndarray:
        """Per node of ``nodes``: the OR of ``clos`` over its successors' components."""
        indptr, indices = self.csr(primary)
        lab = self.cond(primary).lab
        out = np.zeros((len(nodes), clos.shape[1]), dtype=np.uint64)
        deg = indptr[nodes + 1] - indptr[nodes]
        nz = np.flatnonzero(deg > 0)
        if nz.size:
            succ = gather(indptr, indices, nodes[nz])
            starts = np.concatenate(([0], np.cumsum(deg[nz])[:-1]))
            out[nz] = np.bitwise_or.reduceat(clos[lab[succ]], starts, axis=0)
        return out

    def top_nodes(self) -> np.ndarray:
        """Top nodes (elements and projects), in id order."""
        if "tops" not in self._memo:
            tops = np.flatnonzero(self.top)
            order = pc.sort_indices(self.ids.take(pa.array(tops))).to_numpy() if tops.size else tops
            self._memo["tops"] = tops[order]
        return self._memo["tops"]

    def top_closure(self) -> np.ndarray:
        if "tclos" not in self._memo:
            cond = self.cond()
            self._memo["tclos"] = cond.closure(self.seed(self.top_nodes()))
        return self._memo["tclos"]

    def sorted_ids(self, nodes) -> list[str]:
        ids = self.id_list()
        return sorted(ids[i] for i in nodes)

    # ---- check (Engine.check runs every @computes method) ------------------------
    @computes("ORPHAN_PROJECT", "BROKEN_CHAIN")
    def _check_projects(self, findings: list[Finding]) -> dict[str, int]:
        projects = np.arange(self.E, self.N)
        r = self.reach(self.top_closure(), projects)
        reached = r.any(axis=1)
        local = self.c["projects"]["local_only"] == 1
        deg = self.deg[projects]
        for i in np.flatnonzero((deg == 0) & ~local):
            n = self.E + int(i)
            findings.append(Finding.make("ORPHAN_PROJECT", self.id(n), [], self._loc(n)))
        broken = projects[(deg > 0) & ~reached & ~local]
        if broken.size:
            self._broken_chains(broken, findings)
        return {"projects": self.P, "complete": int(reached.sum())}

    def _broken_chains(self, broken: np.ndarray, findings: list[Finding]) -> None:
        cond = self.cond()
        lab = cond.lab
        relevant = cond.reachable(lab[gather(self.indptr, self.indices, broken)])
        sinks = np.flatnonzero((self.deg == 0) & ~self.top & relevant[lab])
        ids = self.id_list()
        sinks = sorted(sinks.tolist(), key=ids.__getitem__)
        base = {int(lab[n]): 1 << i for i, n in enumerate(sinks)}
        comps = np.flatnonzero(relevant)
        comps = comps[np.argsort(cond.level[comps], kind="stable")]
        clos: dict[int, int] = {}
        indptr, indices = cond.indptr, cond.indices
        for c in comps.tolist():
            b = base.get(c, 0)
            for d in indices[indptr[c]:indptr[c + 1]].tolist():
                b |= clos[d]
            clos[c] = b
        level = self.policy.level(self.policy.top_level)
        for n in broken.tolist():
            x = 0
            for m in self.indices[self.indptr[n]:self.indptr[n + 1]].tolist():
                x |= clos[int(lab[m])]
            findings.append(Finding.make(
                "BROKEN_CHAIN", ids[n], [ids[sinks[i]] for i in bits(x)], self._loc(n),
                top=level.label_en or level.name, top_th=level.label_th or level.name))

    @computes("ORPHAN_ELEMENT")
    def _check_elements(self, findings: list[Finding]) -> None:
        for n in np.flatnonzero((self.deg[:self.E] == 0) & ~self.top[:self.E]).tolist():
            findings.append(Finding.make("ORPHAN_ELEMENT", self.id(n), [], self._loc(n)))

    @computes("CYCLE")
    def _check_cycles(self, findings: list[Finding]) -> None:
        cond = self.cond()
        members = np.flatnonzero(cond.cyclic[cond.lab])
        groups: dict[int, list[int]] = {}
        for n in members.tolist():
            groups.setdefault(int(cond.lab[n]), []).append(n)
        ids = self.id_list()
        for nodes in groups.values():
            names = sorted(ids[n] for n in nodes)
            cycle = " ↔ ".join(names) if len(names) > 1 else f"{names[0]} → {names[0]}"
            first = min(nodes, key=ids.__getitem__)
            findings.append(Finding.make("CYCLE", names[0], names[1:], self._loc(first), cycle=cycle))

    @computes("DOWNWARD_LINK", "LEVEL_SKIP", "SCOPE_MISMATCH", "PERIOD_MISMATCH")
    def _check_links(self, findings: list[Finding]) -> None:
        g = self.graph
        ls, lt = self.ls, self.lt
        if not ls.size:
            return
        jump = self.policy.max_level_jump
        ps, pt = self.pos[ls], self.pos[lt]
        known = (ps >= 0) & (pt >= 0)
        down = known & (pt > ps)
        skip = known & ~down & (ps - pt > jump)
        flagged = [(k, "DOWNWARD_LINK", {}) for k in np.flatnonzero(down).tolist()]
        flagged += [(k, "LEVEL_SKIP", {"jump": jump}) for k in np.flatnonzero(skip).tolist()]
        if "areas" in g.sheets:
            flagged += self._scope_mismatches()
        flagged += self._period_mismatches()
        for k, code, args in flagged:
            findings.append(Finding.make(code, self.id(ls[k]), [self.id(lt[k])], self._link_loc(k), **args))

    def _scope_mismatches(self) -> list:
        c = self.c
        areas = c["areas"]
        if not areas.n:
            return []
        parent = np.append(index_in(areas["parent_id"], areas["id"]), -1)
        plan_area = np.append(index_in(c["plans"]["area_id"], areas["id"]), -1)
        node_area = np.concatenate([plan_area[self.node_plan[:self.E]],
                                    index_in(c["projects"]["area_id"], areas["id"])])
        sa, ta = node_area[self.ls], node_area[self.lt]
        cand = np.flatnonzero((sa >= 0) & (ta >= 0) & (sa != ta))
        cur, target = sa[cand].copy(), ta[cand]
        within = np.zeros(cand.size, dtype=bool)
        active = np.arange(cand.size)
        for _ in range(areas.n + 1):
            if not active.size:
                break
            hit = cur[active] == target[active]
            within[active[hit]] = True
            nxt = parent[cur[active]]
            keep = ~hit & (nxt >= 0)
            active = active[keep]
            cur[active] = nxt[keep]
        out = []
        for k in cand[~within].tolist():
            out.append((k, "SCOPE_MISMATCH", {"source_area": areas["id"][int(sa[k])].as_py(),
                                              "target_area": areas["id"][int(ta[k])].as_py()}))
        return out

    def _period_mismatches(self) -> list:
        c = self.c
        shift = 543 if self.graph.era == "BE" else 0
        fy = c["projects"]["fiscal_year"]
        src_project = self.ls >= self.E
        year = np.zeros(self.ls.size, dtype=np.int64)
        year[src_project] = fy[self.ls[src_project] - self.E]
        tplan = self.node_plan[self.lt]
        start = np.append(c["plans"]["period_start"], 0).astype(np.int64)[tplan]
        end = np.append(c["plans"]["period_end"], 0).astype(np.int64)[tplan]
        bad = (year != 0) & (tplan >= 0) & (((start != 0) & (year < start)) | ((end != 0) & (year > end)))
        out = []
        for k in np.flatnonzero(bad).tolist():
            out.append((k, "PERIOD_MISMATCH", {
                "year": int(year[k]) + shift, "start": "" if start[k] == 0 else int(start[k]) + shift,
                "end": "" if end[k] == 0 else int(end[k]) + shift}))
        return out

    @computes("CONFLICTING_TARGETS")
    def _check_conflicts(self, findings: list[Finding]) -> None:
        a, b = self.conflicts
        if not a.size:
            return
        ids = self.id_list()
        pairs = sorted({tuple(sorted((ids[x], ids[y]))) for x, y in zip(a.tolist(), b.tolist())})
        ends = sorted({x for p in pairs for x in p})
        index = {e: i for i, e in enumerate(ends)}
        partners: dict[int, list[int]] = {}
        for x, y in pairs:
            partners.setdefault(index[x], []).append(index[y])
        node_of = {ids[n]: n for n in np.concatenate([a, b]).tolist()}
        cond = self.cond()
        eclos = cond.closure(self.seed(np.array([node_of[e] for e in ends], dtype=np.int64)))
        lab = cond.lab
        cand = np.flatnonzero((self.deg >= 2) & ~cond.cyclic[lab])
        if not cand.size:
            return
        deg = self.deg[cand]
        succ = gather(self.indptr, self.indices, cand)
        starts = np.concatenate(([0], np.cumsum(deg)[:-1]))
        sub = eclos[lab[succ]]
        union = np.bitwise_or.reduceat(sub, starts, axis=0)
        owner = np.repeat(np.arange(cand.size), deg)
        same = (sub == union[owner]).all(axis=1)
        held = np.zeros(cand.size, dtype=bool)
        held[owner[same]] = True
        count = np.zeros(cand.size, dtype=np.int64)
        for w in range(union.shape[1]):
            count += np.bitwise_count(union[:, w]).astype(np.int64)
        for j in np.flatnonzero((count >= 2) & ~held).tolist():
            n = int(cand[j])
            subs = [to_int(x) for x in sub[starts[j]:starts[j] + deg[j]]]
            u = to_int(union[j])
            for i in bits(u):
                for k in partners.get(i, ()):
                    if not (u >> k) & 1:
                        continue
                    mask = (1 << i) | (1 << k)
                    if not any(x & mask == mask for x in subs):
                        findings.append(Finding.make(
                            "CONFLICTING_TARGETS", ids[n], [ends[i], ends[k]], self._loc(n)))

    @computes("INCONSISTENT_LINEAGE")
    def _check_lineage(self, findings: list[Finding]) -> None:
        lk = self.c["links"]
        if not self.ls.size:
            return
        by = lk["asserted_by"].take(pa.array(self.lrow))
        has = pc.fill_null(pc.not_equal(by, ""), False).to_numpy(zero_copy_only=False) & (self.ls >= self.E)
        if not has.any():
            return
        k = np.flatnonzero(has)
        enc = by.take(pa.array(k)).dictionary_encode()
        code = enc.indices.to_numpy(zero_copy_only=False).astype(np.int64)
        words = enc.dictionary.to_pylist()
        src = self.ls[k]
        # projects with two or more different asserters
        order = np.lexsort((code, src))
        src, code, tgt = src[order], code[order], self.lt[k][order]
        first = np.concatenate(([True], (src[1:] != src[:-1]) | (code[1:] != code[:-1])))
        distinct = np.bincount(src[first], minlength=self.N)
        many = distinct >= 2
        sel = many[src]
        if not sel.any():
            return
        src, code, tgt, first = src[sel], code[sel], tgt[sel], first[sel]
        tclos = self.top_closure()
        r = tclos[self.cond().lab[tgt]]
        starts = np.flatnonzero(first)
        red = np.bitwise_or.reduceat(r, starts, axis=0)
        gsrc, gcode = src[starts].tolist(), code[starts].tolist()
        sets = red[:, 0].tolist() if red.shape[1] == 1 else [to_int(x) for x in red]
        reach: dict[int, dict[str, int]] = {}
        for n, c, x in zip(gsrc, gcode, sets):
            reach.setdefault(n, {})[words[c]] = x
        ids = self.id_list()
        for n, rs in reach.items():
            asserters = sorted(rs)
            found: set[str] = set()
            for i, x in enumerate(asserters):
                for y in asserters[i + 1:]:
                    if rs[x] and rs[y] and not rs[x] & rs[y]:
                        found.update((x, y))
            if found:
                findings.append(Finding.make("INCONSISTENT_LINEAGE", ids[n], sorted(found), self._loc(n)))

    @computes("UNCOVERED_ELEMENT")
    def _check_uncovered(self, findings: list[Finding]) -> None:
        levels = set(self.policy.coverage_levels)
        if not levels or not self.E:
            return
        plan_in = np.array([v in levels for v in self.plan_level])
        watched = plan_in[self.node_plan[:self.E]]
        if not watched.any():
            return
        covered = np.zeros(self.N, dtype=bool)
        frontier = unique(gather(self.indptr, self.indices, np.arange(self.E, self.N)))
        covered[frontier] = True
        while frontier.size:
            nxt = gather(self.indptr, self.indices, frontier)
            nxt = unique(nxt[~covered[nxt]])
            covered[nxt] = True
            frontier = nxt
        for n in np.flatnonzero(watched & ~covered[:self.E]).tolist():
            findings.append(Finding.make("UNCOVERED_ELEMENT", self.id(n), [], self._loc(n)))

    @computes("VALUE_CHAIN_GAP")
    def _check_value_chains(self, findings: list[Finding]) -> None:
        vc, pr = self.c["value_chains"], self.c["projects"]
        if not vc.n:
            return
        v = index_in(pr["value_chain_id"], vc["id"])
        stage = index_in(pr["stage"], pa.array(list(STAGES)))
        ok = (v >= 0) & (stage >= 0)
        present = np.zeros((vc.n, len(STAGES)), dtype=bool)
        present[v[ok], stage[ok]] = True
        vids = vc["id"].to_pylist()
        for i in np.flatnonzero(~present.all(axis=1)).tolist():
            missing = [s for j, s in enumerate(STAGES) if not present[i, j]]
            row = int(vc.row[i])
            findings.append(Finding.make("VALUE_CHAIN_GAP", vids[i], missing,
                                         Location("value_chains", None if row < 0 else row)))

    @computes("DUPLICATE_PROJECT")
    def _check_duplicates(self, findings: list[Finding]) -> None:
        pr = self.c["projects"]
        if pr.n < 2:
            return
        key = name_keys(pr["name_th"], pr["name_en"])
        named = np.flatnonzero(pc.is_valid(key).to_numpy(zero_copy_only=False))
        if named.size < 2:
            return
        take = pa.array(named)
        name = key.take(take).dictionary_encode().indices.to_numpy(zero_copy_only=False)
        area = pc.fill_null(pr["area_id"].take(take), "").dictionary_encode().indices \
            .to_numpy(zero_copy_only=False)
        year = pr["fiscal_year"][named]
        order = np.lexsort((year, area, name))
        n2, a2, y2 = name[order], area[order], year[order]
        same = (n2[1:] == n2[:-1]) & (a2[1:] == a2[:-1]) & (y2[1:] == y2[:-1])
        if not same.any():
            return
        starts = np.flatnonzero(np.concatenate(([True], ~same)))
        sizes = np.diff(np.append(starts, order.size))
        ids = self.id_list()
        for s, size in zip(starts.tolist(), sizes.tolist()):
            if size > 1:
                nodes = sorted((self.E + int(named[order[j]]) for j in range(s, s + size)), key=ids.__getitem__)
                findings.append(Finding.make("DUPLICATE_PROJECT", ids[nodes[0]],
                                             [ids[n] for n in nodes[1:]], self._loc(nodes[0])))

    # ---- trace ----------------------------------------------------------------
    def node_index(self, node_id: str) -> int:
        if "index" not in self._memo:
            ids = self.id_list()
            index = {n: i for i, n in enumerate(reversed(ids))}  # the first occurrence wins
            last = len(ids) - 1
            self._memo["index"] = {n: last - i for n, i in index.items()}
        i = self._memo["index"].get(node_id)
        if i is None:
            kind = None
            for sheet in ("plans", "value_chains", "areas", "organizations"):
                key = ("idset", sheet)
                if key not in self._memo:
                    self._memo[key] = set(self.c[sheet]["id"].to_pylist())
                if node_id in self._memo[key]:
                    kind = _KINDS[sheet]
                    break
            raise UnknownNodeError(node_id, kind)
        return i

    def _local_succ(self, i: int) -> dict[str, tuple[str, ...]]:
        """Sorted successors (ids) of i and of every node in C(i)."""
        ids = self.id_list()
        indptr, indices = self.indptr, self.indices
        out: dict[str, tuple[str, ...]] = {}
        stack, seen = [i], {i}
        while stack:
            n = stack.pop()
            succ = indices[indptr[n]:indptr[n + 1]].tolist()
            out[ids[n]] = tuple(sorted(ids[m] for m in succ))
            for m in succ:
                if m not in seen:
                    seen.add(m)
                    stack.append(m)
        return out

    # the engine interface (queries.engine.Engine): this engine's own check, trace and
    # trace_down above and below are vectorised; these answer from them
    def load_findings(self) -> list[Finding]:
        return list(self.graph.load_findings)

    def node_kind(self, node_id: str) -> str | None:
        if self.graph.node(node_id) is not None:
            return "node"
        other = self.graph.get(node_id)
        return other.SHEET if other is not None else None

    def top_reach(self, node_id: str):
        return self.trace(node_id, 0).reaches

    def paths(self, node_id: str, max_paths: int):
        t = self.trace(node_id, max_paths)
        return t.paths, t.truncated

    def projects_beneath(self, node_id: str):
        return self.trace_down(node_id).projects

    def trace(self, node_id: str, max_paths: int = DEFAULT_MAX_PATHS) -> Trace:
        i = self.node_index(node_id)
        if max_paths < 0:
            raise ValueError("max_paths must be >= 0")
        succ = self._local_succ(i)
        ids = self.id_list()
        index = self._memo["index"]
        seen: set[str] = set()
        stack = list(succ[node_id])
        while stack:
            n = stack.pop()
            if n not in seen:
                seen.add(n)
                stack.extend(succ[n])
        reaches = tuple(sorted(n for n in seen if self.top[index[n]]))
        del ids
        paths, truncated = maximal_paths(succ, node_id, max_paths)
        return Trace(node_id, reaches, bool(reaches), paths, truncated)

    def _reverse(self) -> tuple[np.ndarray, np.ndarray]:
        if "rev" not in self._memo:
            src = np.repeat(np.arange(self.N, dtype=np.int64), self.deg)
            self._memo["rev"] = _csr(self.indices, src, self.N)
        return self._memo["rev"]

    def trace_down(self, node_id: str) -> DownTrace:
        i = self.node_index(node_id)
        indptr, indices = self._reverse()
        seen = reached(indptr, indices, np.array([i], dtype=np.int64), self.N)
        found = np.flatnonzero(seen[self.E:]) + self.E
        if not found.size:
            return DownTrace(node_id, ())
        chosen = self.ids.take(pa.array(found))
        return DownTrace(node_id, tuple(chosen.take(pc.sort_indices(chosen)).to_pylist()))

    # ---- matrix and coverage --------------------------------------------------
    def _project_reach(self, nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per project: bitsets over ``nodes`` of C(p) (all links) and of primary-only reach."""
        projects = np.arange(self.E, self.N)
        out = []
        for primary in (False, True):
            clos = self.cond(primary).closure(self.seed(nodes, primary))
            out.append(self.reach(clos, projects, primary))
        return out[0], out[1]

    def _sorted_elements(self, mask: np.ndarray) -> np.ndarray:
        nodes = np.flatnonzero(mask)
        if not nodes.size:
            return nodes
        return nodes[pc.sort_indices(self.ids.take(pa.array(nodes))).to_numpy()]

    def matrix(self) -> Matrix:
        tops = self._sorted_elements(self.top[:self.E])
        ids = self.id_list()
        top_ids = tuple(ids[n] for n in tops)
        porder = pc.sort_indices(self.c["projects"]["id"]).to_numpy().astype(np.int64) + self.E
        proj_ids = tuple(ids[n] for n in porder)
        if not self.P:
            return Matrix((), top_ids, ())
        r_all, r_pri = self._project_reach(tops)
        both = np.concatenate([r_all, r_pri], axis=1)[porder - self.E]
        uniq, inv = group_rows(both)
        w = r_all.shape[1]
        rows = []
        for u in uniq:
            a, p = to_int(u[:w]), to_int(u[w:])
            rows.append(tuple(PRIMARY if (p >> i) & 1 else SECONDARY if (a >> i) & 1 else ""
                              for i in range(len(tops))))
        return Matrix(proj_ids, top_ids, tuple(rows[j] for j in inv.ravel().tolist()))

    def coverage(self) -> Coverage:
        levels = set(self.policy.coverage_levels) | {self.policy.top_level}
        plan_in = np.array([v in levels for v in self.plan_level])
        elements = self._sorted_elements(plan_in[self.node_plan[:self.E]])
        pos = self.pos[elements]
        elements = elements[np.argsort(np.where(pos >= 0, pos, 1 << 30), kind="stable")]
        ids = self.id_list()
        pr = self.c["projects"]
        stage = index_in(pr["stage"], pa.array(list(STAGES)))
        rows = []
        for a in range(0, len(elements), CHUNK_BITS):
            chunk = elements[a:a + CHUNK_BITS]
            r_all, r_pri = self._project_reach(chunk)
            count, b_all, stages = _sum_by_bits(r_all, len(chunk), pr, stage)
            _, b_pri, _ = _sum_by_bits(r_pri, len(chunk), pr, None)
            for j, n in enumerate(chunk.tolist()):
                level = self.plan_level[self.node_plan[n]] or ""
                rows.append(CoverageRow(ids[n], level, int(count[j]), b_pri[j], b_all[j],
                                        {s: int(stages[j][k]) for k, s in enumerate(STAGES)}))
        return Coverage(tuple(rows))


def group_rows(r: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of a 2-D array and, per row, the index of its distinct row."""
    if not len(r):
        return r[:0], np.zeros(0, dtype=np.int64)
    order = np.lexsort(r.T[::-1])
    s = r[order]
    new = np.empty(len(s), dtype=bool)
    new[0] = True
    new[1:] = (s[1:] != s[:-1]).any(axis=1)
    group = np.cumsum(new) - 1
    inv = np.empty(len(r), dtype=np.int64)
    inv[order] = group
    return s[new], inv


def _sum_by_bits(r: np.ndarray, nbits: int, pr, stage: np.ndarray | None):
    """Per bit: how many projects have it, their budget (exact) and stage counts."""
    uniq, inv = group_rows(r)
    g = len(uniq)
    flags = np.unpackbits(uniq.astype("<u8").view(np.uint8), axis=1, bitorder="little")[:, :nbits]
    flags = flags.astype(np.int64)
    count = flags.T @ np.bincount(inv, minlength=g)
    budget = pr["budget"]
    if budget.dtype == object:
        sums = [Decimal(0)] * g
        for j, b in zip(inv.tolist(), budget.tolist()):
            if b is not None:
                sums[j] += b
        totals = []
        for i in range(nbits):
            t = Decimal(0)
            for j in np.flatnonzero(flags[:, i]).tolist():
                t += sums[j]
            totals.append(t)
    else:
        has = pr["budget_has"]
        gsum = np.zeros(g, dtype=np.int64)
        np.add.at(gsum, inv[has], budget[has])
        exps = {}
        for e in (-1, -2):
            m = has & (pr["budget_exp"] == e)
            exps[e] = (flags.T @ np.bincount(inv[m], minlength=g)) > 0
        raw = flags.T @ gsum
        totals = []
        for i in range(nbits):
            total = int(raw[i])
            e = -2 if exps[-2][i] else -1 if exps[-1][i] else 0
            totals.append(Decimal(total // 10 ** (2 + e)).scaleb(e))
    stages = None
    if stage is not None:
        per = np.zeros((g, len(STAGES)), dtype=np.int64)
        ok = stage >= 0
        np.add.at(per, (inv[ok], stage[ok]), 1)
        stages = flags.T @ per
    return count, totals, stages


_SIMPLE_NAME = r"^[\x20-\x7e\x{0e00}-\x{0e4f}\x{0e5a}-\x{0e7f}]*$"


def name_keys(name_th: pa.Array, name_en: pa.Array) -> pa.Array:
    """DUPLICATE_PROJECT's normalised name of each project (null: no name).

    Names of printable ASCII and Thai letters are normalised with pyarrow (NFC;
    runs of spaces to one; trimmed; lower case, which is case folding for ASCII);
    any other name with :func:`~stratlink.queries.engine.normalise_name` itself.
    """
    def blank_to_null(a):
        return pc.if_else(pc.equal(a, ""), pa.scalar(None, pa.string()), a)

    name = pc.coalesce(blank_to_null(name_th), blank_to_null(name_en))
    simple = pc.fill_null(pc.match_substring_regex(name, _SIMPLE_NAME), True)
    key = pc.utf8_normalize(name, "NFC")
    key = pc.replace_substring_regex(key, " +", " ")
    key = pc.ascii_lower(pc.utf8_trim(key, " "))
    hard = np.flatnonzero(~simple.to_numpy(zero_copy_only=False))
    if hard.size:
        values = key.to_pylist()
        raw = name.to_pylist()
        for i in hard.tolist():
            values[i] = normalise_name(raw[i])
        key = pa.array(values, type=pa.string())
    return key
