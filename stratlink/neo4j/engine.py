"""The Cypher engine: every check and trace of ``shared/spec/checks.md`` computed by
Cypher queries on a Neo4j server holding a workbook written by
:func:`stratlink.neo4j.store.write_neo4j`.

Results are the engine-neutral types of ``results.py`` and equal the NetworkX
engine's. No APOC or GDS is needed. What Python does on top of the queries is only
what the contract defines in Python terms: ordering by code point (the spec's
*sorted* is Python's ``sorted()``, while Cypher compares strings by UTF-16 unit),
picking the smallest id, and adding exact ``Decimal`` budgets (Neo4j has no
decimal type; the exact text is stored in ``budget_exact``).

How the queries stay fast and terminate on cyclic graphs:

* U is ``(:Node)-[:PARENT|CONTRIBUTES_TO|ALIGNS_WITH]->(:Node)``. The checks that
  need reachability over all of U (complete projects, broken chains and their sinks,
  cycles, uncovered elements) get U once as two lists of internal ids and compute
  it in linear time (:mod:`stratlink.neo4j.uindex`); only the nodes a finding names
  come back with their ids and rows. Per-node reachability (a trace, conflicts,
  lineage) is asked as ``(a)-[:U*1..]->(b)`` with ``DISTINCT``/``EXISTS``/``COLLECT``
  so that the planner uses its pruning breadth-first var-length expand.
* Set operations (intersections, differences) are done by grouping tagged rows,
  not by ``x IN list`` tests, so they stay linear.
* A trace asks for the part of U the node reaches in one query and runs the NetworkX
  engine's path search on it (same order, same truncation): one round trip, however
  long the paths (a 10,000-node cycle took minutes with one query per path length).
* Before a check, :meth:`CypherEngine.integrity` refuses a graph whose stored facts
  disagree with what the queries rely on (edited by hand).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import numpy as np

from stratlink.errors import Neo4jError, UnknownNodeError
from stratlink.graph_model import STAGES, Finding, Location, Policy
from stratlink.neo4j.connection import transaction
from stratlink.neo4j.state import require_complete
from stratlink.neo4j.store import (
    LABEL_PATTERN,
    finding_from_props,
    read_workbook_node,
    stored_policy,
    write_neo4j,
)
from stratlink.neo4j.uindex import UIndex
from stratlink.queries.engine import Engine, computes
from stratlink.queries.nx_engine import NetworkXEngine
from stratlink.queries.results import (
    DEFAULT_MAX_PATHS,
    PRIMARY,
    SECONDARY,
    CheckReport,
    Coverage,
    CoverageRow,
    DownTrace,
    Matrix,
    Trace,
)

U = "PARENT|CONTRIBUTES_TO|ALIGNS_WITH"
LINKS = "CONTRIBUTES_TO|ALIGNS_WITH"
_SHEETS = {"Element": "elements", "Project": "projects"}
_KINDS = {"Plan": "plan", "ValueChain": "value chain", "Area": "area",
          "Organization": "organization"}


def _fold_tables() -> tuple[dict[str, str], list[list[str]]]:
    """Per-character map for DUPLICATE_PROJECT names (see ``normalise_name``): Thai
    digits to ASCII, zero-width characters to nothing, white space to one space,
    everything else to its case fold (only characters that change are listed).
    Characters outside the BMP are returned separately as replacement pairs, since
    Cypher's ``split(s, '')`` cuts them into UTF-16 halves."""
    bmp: dict[str, str] = {}
    astral: list[list[str]] = []
    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        if 0x0E50 <= cp <= 0x0E59:
            out = str(cp - 0x0E50)
        elif cp in (0x200B, 0x200C, 0x200D, 0xFEFF):
            out = ""
        elif c.isspace():
            out = " "
        else:
            out = c.casefold()
        if out != c:
            if cp > 0xFFFF:
                astral.append([c, out])
            else:
                bmp[c] = out
    return bmp, astral


_FOLD: tuple[dict[str, str], list[list[str]]] | None = None


def fold_tables() -> tuple[dict[str, str], list[list[str]]]:
    global _FOLD
    if _FOLD is None:
        _FOLD = _fold_tables()
    return _FOLD


# ---- the queries (all parameterised) ------------------------------------------------

# U as integer pairs (internal node ids), collected on the server into lists, plus the
# sets the checks start from; reachability over U is then linear (see UIndex)
Q_U_EDGES = f"""
MATCH (a:Node)-[:{U}]->(b:Node)
RETURN collect(id(a)) AS a, collect(id(b)) AS b
"""

Q_U_SETS = """
CALL { MATCH (n:Node) WHERE n.level = $top RETURN collect(id(n)) AS tops }
CALL { MATCH (p:Project) RETURN collect(id(p)) AS projects }
CALL { MATCH (p:Project) WHERE p.local_only = true RETURN collect(id(p)) AS local }
CALL { MATCH (e:Element) WHERE e.level IN $levels RETURN collect(id(e)) AS covered_levels }
RETURN tops, projects, local, covered_levels
"""

Q_U_NAMES = """
UNWIND $ids AS i
MATCH (n) WHERE id(n) = i
RETURN i, n.id AS id, n.row AS row, labels(n) AS labels
"""

# the part of U a trace needs: the start node, everything it reaches, their edges
Q_TRACE_SUB = f"""
MATCH (n:Node {{id: $id}})
WITH n, COLLECT {{ MATCH (n)-[:{U}*1..]->(m:Node) RETURN DISTINCT m }} AS reach
UNWIND CASE WHEN n IN reach THEN reach ELSE [n] + reach END AS x
RETURN x.id AS id, x.level AS level, x <> n OR n IN reach AS reached,
       COLLECT {{ MATCH (x)-[:{U}]->(y:Node) RETURN DISTINCT y.id }} AS succ
"""

Q_ORPHAN_ELEMENTS = f"""
MATCH (e:Element)
WHERE coalesce(e.level, '') <> $top AND NOT EXISTS {{ (e)-[:{U}]->(:Node) }}
RETURN e.id AS id, e.row AS row
"""


# per link O(1) work: the target's area, plan and position are looked up once per target
# (targets are shared by many links), the source's area only along the one path that
# applies to its kind (a project's own area, an element's plan's area); a missing area
# or plan is one null row, as OPTIONAL MATCH gives
Q_LINKS = f"""
MATCH (t:Node) WHERE EXISTS {{ (:Node)-[:{LINKS}]->(t) }}
WITH t, CASE WHEN t:Project THEN [(t)-[:IN_AREA]->(a:Area) | a]
             ELSE [(t)-[:IN_PLAN]->(:Plan)-[:IN_AREA]->(a:Area) | a] END AS tas,
     [(t)-[:IN_PLAN]->(p:Plan) | p] AS tps
UNWIND CASE WHEN size(tas) = 0 THEN [null] ELSE tas END AS ta
UNWIND CASE WHEN size(tps) = 0 THEN [null] ELSE tps END AS tp
WITH t, ta, tp, $pos[t.level] AS pt
MATCH (s:Node)-[l:{LINKS}]->(t)
WITH s, l, t, ta, tp, pt, $pos[s.level] AS ps,
     CASE WHEN s:Project THEN [(s)-[:IN_AREA]->(a:Area) | a]
          ELSE [(s)-[:IN_PLAN]->(:Plan)-[:IN_AREA]->(a:Area) | a] END AS sas
UNWIND CASE WHEN size(sas) = 0 THEN [null] ELSE sas END AS sa
WITH s, l, t, sa, ta, tp,
     ps IS NOT NULL AND pt IS NOT NULL AND pt > ps AS downward,
     ps IS NOT NULL AND pt IS NOT NULL AND pt <= ps AND ps - pt > $jump AS skip,
     $areas AND sa IS NOT NULL AND ta IS NOT NULL AND sa <> ta
       AND NOT EXISTS {{ (sa)-[:PART_OF*1..]->(ta) }} AS scope,
     s:Project AND s.fiscal_year IS NOT NULL AND tp IS NOT NULL
       AND ((tp.period_start IS NOT NULL AND s.fiscal_year < tp.period_start)
         OR (tp.period_end IS NOT NULL AND s.fiscal_year > tp.period_end)) AS period
WHERE downward OR skip OR scope OR period
RETURN s.id AS s, t.id AS t, l.row AS row, downward, skip, scope, period,
       sa.id AS sa, ta.id AS ta, s.fiscal_year AS year,
       tp.period_start AS start, tp.period_end AS end
"""

Q_CONFLICTS = f"""
MATCH (a:Node)-[:CONFLICTS_WITH]-(b:Node)
WHERE a.id < b.id
WITH DISTINCT a, b
WITH a, b,
     COLLECT {{ MATCH (x:Node)-[:{U}*1..]->(a) RETURN DISTINCT x }} AS anc_a,
     COLLECT {{ MATCH (x:Node)-[:{U}*1..]->(b) RETURN DISTINCT x }} AS anc_b
WHERE size(anc_a) > 0 AND size(anc_b) > 0
CALL {{
  WITH a, b, anc_a, anc_b
  UNWIND [x IN anc_a | [x, 1]] + [[a, 2]] + [x IN anc_b | [x, 3]] + [[b, 4]] AS tagged
  WITH tagged[0] AS x, collect(tagged[1]) AS tags
  RETURN collect(CASE WHEN 1 IN tags AND 3 IN tags THEN x END) AS meet,
         collect(CASE WHEN (1 IN tags OR 2 IN tags) AND (3 IN tags OR 4 IN tags) THEN x END) AS both
}}
WITH a, b, meet, both WHERE size(meet) > 0
CALL {{
  WITH both
  UNWIND both AS m
  MATCH (n:Node)-[:{U}]->(m)
  RETURN collect(DISTINCT n) AS blocked
}}
CALL {{
  WITH meet, blocked
  UNWIND [x IN meet | [x, 1]] + [x IN blocked | [x, 2]] AS tagged
  WITH tagged[0] AS n, collect(tagged[1]) AS tags
  WHERE NOT 2 IN tags AND 1 IN tags
  RETURN collect(n) AS found
}}
UNWIND found AS n
RETURN n.id AS n, n.row AS row, labels(n) AS labels, a.id AS a, b.id AS b
"""

# the asserted upward links of projects as integer triples (project, asserter, target);
# the tops each target reaches come from UIndex, once per component
Q_LINEAGE = f"""
MATCH (p:Project)-[l:{LINKS}]->(t:Node)
WHERE l.asserted_by IS NOT NULL AND l.asserted_by <> ''
RETURN collect(id(p)) AS p, collect(l.asserted_by) AS who, collect(id(t)) AS t
"""


Q_VALUE_CHAINS = """
MATCH (v:ValueChain)
WITH v, COLLECT { MATCH (p:Project)-[:IN_CHAIN]->(v) WHERE p.stage IS NOT NULL
                  RETURN DISTINCT p.stage } AS present
WITH v, [s IN $stages WHERE NOT s IN present] AS missing
WHERE size(missing) > 0
RETURN v.id AS id, v.row AS row, missing
"""

Q_DUPLICATES = """
MATCH (p:Project)
WITH p, coalesce(p.name_th, p.name_en) AS name
WHERE name IS NOT NULL
WITH p, normalize(name, NFC) AS s
WITH p, CASE WHEN s =~ $astral_re THEN reduce(x = s, kv IN $astral | replace(x, kv[0], kv[1]))
             ELSE s END AS s
WITH p, reduce(x = '', c IN split(s, '') | x + coalesce($fold[c], c)) AS s
WITH p, [w IN split(s, ' ') WHERE w <> ''] AS words
WITH p, reduce(x = '', w IN words | x + CASE WHEN x = '' THEN '' ELSE ' ' END + w) AS key
WITH key, coalesce(p.area_id, '') AS area, p.fiscal_year AS year, collect(p) AS ps
WHERE size(ps) > 1
RETURN [p IN ps | [p.id, p.row]] AS members
"""

# what the queries rely on: nodes without a text id (one label at a time), then the rest
Q_NO_ID = """
MATCH (n:$($label)) WHERE n.id IS NULL OR NOT valueType(n.id) STARTS WITH 'STRING'
RETURN 'a :' + $label + ' node without a text id' AS what, null AS id LIMIT 6
"""

# at most 6 rows of each kind
Q_INTEGRITY = """
CALL {
  MATCH (e:Element) WHERE e.parent_id IS NOT NULL
    AND NOT EXISTS { (e)-[:PARENT]->(:Element {id: e.parent_id}) }
    AND EXISTS { MATCH (p:Element {id: e.parent_id}) WHERE p.plan_id = e.plan_id }
  RETURN 'an element whose parent_id has no PARENT relationship:' AS what, e.id AS id LIMIT 6
  UNION ALL
  MATCH (e:Element)-[:PARENT]->(p:Element) WHERE e.parent_id IS NULL OR e.parent_id <> p.id
  RETURN 'a PARENT relationship that disagrees with parent_id:' AS what, e.id AS id LIMIT 6
  UNION ALL
  MATCH (n:Node)-[:IN_PLAN]->(p:Plan) WHERE coalesce(n.level, '') <> coalesce(p.level, '')
  RETURN 'a level that disagrees with the level of its plan:' AS what, n.id AS id LIMIT 6
  UNION ALL
  MATCH (n) WHERE n:Node OR n:Plan
  WITH n, CASE WHEN n.level =~ $label_re THEN 'L_' + n.level END AS own
  WHERE any(l IN labels(n) WHERE l STARTS WITH 'L_' AND l <> coalesce(own, ''))
     OR (own IS NOT NULL AND NOT own IN labels(n))
  RETURN 'a level that disagrees with its label:' AS what, n.id AS id LIMIT 6
}
RETURN what, id
"""

Q_LOAD_FINDINGS = "MATCH (f:LoadFinding) RETURN properties(f) AS p ORDER BY f.seq"

Q_WHAT = """
OPTIONAL MATCH (n:Node {id: $id})
OPTIONAL MATCH (o) WHERE n IS NULL AND (o:Plan OR o:ValueChain OR o:Area OR o:Organization)
                     AND o.id = $id
RETURN n IS NOT NULL AS node, [l IN labels(o) WHERE l IN $kinds] AS kinds LIMIT 1
"""


Q_DOWN = f"""
MATCH (n:Node {{id: $id}})
WITH COLLECT {{ MATCH (n)<-[:{U}*1..]-(p:Node) RETURN DISTINCT p }} AS below
UNWIND below AS p
WITH p WHERE p:Project
RETURN p.id AS id
"""



Q_BENEATH = f"""
MATCH (e:Element)
WHERE e.level IN $levels
WITH e, COLLECT {{ MATCH (e)<-[:{U}*1..]-(p:Node) RETURN DISTINCT p }} AS below,
     COLLECT {{ MATCH (e)<-[rs:{U}*1..]-(p:Node)
                WHERE all(r IN rs WHERE coalesce(r.role, 'primary') <> 'secondary')
                RETURN DISTINCT p }} AS below_primary
RETURN e.id AS id, e.level AS level,
       [p IN below WHERE p:Project | [p.id, p.budget_exact, p.stage]] AS all,
       [p IN below_primary WHERE p:Project | p.id] AS primary
"""


class _SubU:
    """The part of U a trace needs, searched with the NetworkX engine's path search."""

    def __init__(self, succ: dict[str, tuple[str, ...]]) -> None:
        self.succ = succ

    def descendants(self, node_id: str) -> set[str]:
        seen: set[str] = set()
        stack = list(self.succ.get(node_id, ()))
        while stack:
            n = stack.pop()
            if n not in seen:
                seen.add(n)
                stack.extend(self.succ.get(n, ()))
        return seen

    paths = NetworkXEngine.paths
    _distance_to_ends = NetworkXEngine._distance_to_ends


class CypherEngine(Engine):
    """All queries of ``shared/spec/checks.md`` in Cypher on a Neo4j database.

    ``CypherEngine(driver, database=None, policy=None)``: ``driver`` is a
    ``neo4j.Driver`` whose database holds a workbook written by ``write_neo4j``;
    ``policy`` defaults to the policy stored with it; ``timeout`` (seconds) makes the
    server abort any one query that runs longer. Use :meth:`from_graph` to load a
    PlanGraph first. Every query runs in a read transaction.
    """

    name = "cypher"

    def __init__(self, driver, database: str | None = None, policy: Policy | None = None,
                 timeout: float | None = None) -> None:
        self.driver = driver
        self.database = database
        self.timeout = timeout
        self.load_state = require_complete(driver, database)
        meta = read_workbook_node(driver, database)
        if meta is None:
            raise Neo4jError("the Neo4j database holds no stratlink workbook "
                             "(load one with 'stratlink neo4j load DATA')")
        self.meta = meta
        self.policy = policy or stored_policy(meta)
        self.era = meta.get("era") or "CE"
        self.sheets = set(meta.get("sheets") or ())
        self._pos = {lv: i for i, lv in enumerate(self.policy.level_names)}

    @classmethod
    def from_graph(cls, graph, driver, database: str | None = None, policy: Policy | None = None,
                   **write_options) -> CypherEngine:
        """Write ``graph`` (replacing what the database holds) and return an engine on it."""

        write_options.setdefault("replace", "all")
        write_neo4j(graph, driver, database, **write_options)
        return cls(driver, database, policy or graph.policy)

    # ---- plumbing -------------------------------------------------------------
    def run(self, query: str, **params) -> list[dict[str, Any]]:
        """Run one read query (with the transaction time limit); rows as dicts."""
        def work(tx):
            return [r.data() for r in tx.run(query, **params)]

        return transaction(self.driver, self.database, work, timeout=self.timeout,
                           what="a check query")

    def integrity(self) -> None:
        """Refuse (Neo4jError) a graph whose stored facts disagree with what the
        queries rely on: nodes without an id, an element whose ``parent_id`` names an
        element of its plan without the ``PARENT`` relationship (or a ``PARENT`` that
        disagrees with it), a ``level`` that disagrees with its plan or its label."""
        rows = [r for label in ("Element", "Project", "Plan", "ValueChain", "Area", "Organization")
                for r in self.run(Q_NO_ID, label=label)]
        rows += self.run(Q_INTEGRITY, label_re=LABEL_PATTERN.pattern)
        problems = [f"{r['what']} {r['id'] if r['id'] is not None else '(no id)'}" for r in rows]
        if problems:
            more = f" and {len(problems) - 5} more" if len(problems) > 5 else ""
            raise Neo4jError(
                "the Neo4j database is inconsistent (edited by hand?): " + "; ".join(problems[:5])
                + more + ". Load the workbook again with 'stratlink neo4j load DATA --replace'")

    def describe(self, ids) -> list[dict[str, Any]]:
        """``id``, ``name_th``, ``name_en`` and ``level`` of each stored record with one of
        ``ids`` (for showing names beside ids)."""
        return self.run("MATCH (n) WHERE n.id IN $ids AND NOT n:LoadFinding "
                        "RETURN n.id AS id, n.name_th AS name_th, n.name_en AS name_en, "
                        "n.level AS level", ids=sorted(set(ids)))

    @property
    def top(self) -> str:
        return self.policy.top_level

    @staticmethod
    def _loc(labels_or_sheet, row) -> Location:
        if isinstance(labels_or_sheet, str):
            return Location(labels_or_sheet, row)
        for label, sheet in _SHEETS.items():
            if label in labels_or_sheet:
                return Location(sheet, row)
        return Location("")

    # ---- check ----------------------------------------------------------------
    def check(self) -> CheckReport:
        """:meth:`Engine.check` on the stored workbook: the integrity check first, then
        every ``@computes`` method; the reachability index and node sets of U are read
        once and shared by the methods."""
        self.integrity()
        self._index, self._sets = self._u_index()
        try:
            return super().check()
        finally:
            self._index = self._sets = None

    @computes("ORPHAN_ELEMENT")
    def _check_elements(self, findings: list[Finding]) -> None:
        for r in self.run(Q_ORPHAN_ELEMENTS, top=self.top):
            findings.append(Finding.make("ORPHAN_ELEMENT", r["id"], [], Location("elements", r["row"])))

    @computes("VALUE_CHAIN_GAP")
    def _check_value_chains(self, findings: list[Finding]) -> None:
        for r in self.run(Q_VALUE_CHAINS, stages=list(STAGES)):
            findings.append(Finding.make("VALUE_CHAIN_GAP", r["id"], r["missing"],
                                         Location("value_chains", r["row"])))

    def _u_index(self) -> tuple[UIndex, dict[str, list[int]]]:
        rows = self.run(Q_U_EDGES)
        index = UIndex(rows[0]["a"], rows[0]["b"])
        sets = self.run(Q_U_SETS, top=self.top, levels=list(self.policy.coverage_levels))[0]
        return index, sets

    def _names(self, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        ids = sorted(set(ids))
        out: dict[int, dict[str, Any]] = {}
        for i in range(0, len(ids), 50_000):
            for r in self.run(Q_U_NAMES, ids=ids[i:i + 50_000]):
                out[r["i"]] = r
        self._ids(r["id"] for r in out.values())
        return out

    @computes("ORPHAN_PROJECT", "BROKEN_CHAIN")
    def _check_projects(self, findings: list[Finding]) -> dict[str, int]:
        """ORPHAN_PROJECT and BROKEN_CHAIN; the numbers of projects and complete projects."""
        index, sets = self._index, self._sets
        projects = np.asarray(sets["projects"], dtype=np.int64)
        complete = index.contains(index.backward(sets["tops"]), projects)
        local = np.isin(projects, np.asarray(sets["local"], dtype=np.int64))
        failing = projects[~complete & ~local]
        broken = failing[index.has_successors(failing)].tolist()
        sinks = index.sinks_from(broken)
        failing = failing.tolist()
        names = self._names(failing + [m for p in broken for m in sinks[p]])
        level = self.policy.level(self.top)
        for p in failing:
            r = names[p]
            loc = Location("projects", r["row"])
            if p not in sinks:
                findings.append(Finding.make("ORPHAN_PROJECT", r["id"], [], loc))
            else:
                findings.append(Finding.make(
                    "BROKEN_CHAIN", r["id"], sorted(names[m]["id"] for m in sinks[p]), loc,
                    top=level.label_en or level.name, top_th=level.label_th or level.name))
        return {"projects": len(projects), "complete": int(complete.sum())}

    @computes("INCONSISTENT_LINEAGE")
    def _check_lineage(self, findings: list[Finding]) -> None:
        """INCONSISTENT_LINEAGE: per project, the tops each asserter's links reach; an
        asserter is named when another asserter's non-empty reach is disjoint from its own."""
        index, sets = self._index, self._sets
        row = self.run(Q_LINEAGE)[0]
        reach = index.tops_reached(row["t"], sets["tops"])
        by_project: dict[int, dict[str, int]] = {}
        for p, who, t in zip(row["p"], row["who"], row["t"]):
            r = by_project.setdefault(p, {})
            r[who] = r.get(who, 0) | reach[t]
        failing: dict[int, set[str]] = {}
        for p, rs in by_project.items():
            if len(rs) < 2:
                continue
            asserters = sorted(rs)
            for i, a in enumerate(asserters):
                for b in asserters[i + 1:]:
                    if rs[a] and rs[b] and not rs[a] & rs[b]:
                        failing.setdefault(p, set()).update((a, b))
        names = self._names(failing)
        for p, found in failing.items():
            findings.append(Finding.make("INCONSISTENT_LINEAGE", names[p]["id"], sorted(found),
                                         Location("projects", names[p]["row"])))

    @computes("CYCLE")
    def _check_cycles(self, findings: list[Finding]) -> None:
        cycles = self._index.cycles()
        names = self._names(n for members in cycles for n in members)
        for members in cycles:
            first = min(members, key=lambda n: names[n]["id"])
            ids = sorted(names[n]["id"] for n in members)
            cycle = " ↔ ".join(ids) if len(ids) > 1 else f"{ids[0]} → {ids[0]}"
            findings.append(Finding.make("CYCLE", ids[0], ids[1:],
                                         self._loc(names[first]["labels"], names[first]["row"]),
                                         cycle=cycle))

    @computes("UNCOVERED_ELEMENT")
    def _check_uncovered(self, findings: list[Finding]) -> None:
        if not self.policy.coverage_levels:
            return
        index, sets = self._index, self._sets
        watched = np.asarray(sets["covered_levels"], dtype=np.int64)
        bare = watched[~index.contains(index.forward(sets["projects"]), watched)].tolist()
        names = self._names(bare)
        for e in bare:
            findings.append(Finding.make("UNCOVERED_ELEMENT", names[e]["id"], [],
                                         Location("elements", names[e]["row"])))

    @computes("DOWNWARD_LINK", "LEVEL_SKIP", "SCOPE_MISMATCH", "PERIOD_MISMATCH")
    def _check_links(self, findings: list[Finding]) -> None:
        shift = 543 if self.era == "BE" else 0
        jump = self.policy.max_level_jump
        rows = self.run(Q_LINKS, pos=self._pos, jump=jump, areas="areas" in self.sheets)
        for r in rows:
            s, t, loc = r["s"], r["t"], Location("links", r["row"])
            if r["downward"]:
                findings.append(Finding.make("DOWNWARD_LINK", s, [t], loc))
            if r["skip"]:
                findings.append(Finding.make("LEVEL_SKIP", s, [t], loc, jump=jump))
            if r["scope"]:
                findings.append(Finding.make("SCOPE_MISMATCH", s, [t], loc,
                                             source_area=r["sa"], target_area=r["ta"]))
            if r["period"]:
                start, end = r["start"], r["end"]
                findings.append(Finding.make(
                    "PERIOD_MISMATCH", s, [t], loc, year=r["year"] + shift,
                    start="" if start is None else start + shift,
                    end="" if end is None else end + shift))

    @computes("CONFLICTING_TARGETS")
    def _check_conflicts(self, findings: list[Finding]) -> None:
        for r in self.run(Q_CONFLICTS):
            findings.append(Finding.make("CONFLICTING_TARGETS", r["n"], sorted((r["a"], r["b"])),
                                         self._loc(r["labels"], r["row"])))

    @computes("DUPLICATE_PROJECT")
    def _check_duplicates(self, findings: list[Finding]) -> None:
        bmp, astral = fold_tables()
        astral_re = "(?s).*[\\x{10000}-\\x{10FFFF}].*"
        for r in self.run(Q_DUPLICATES, fold=bmp, astral=astral, astral_re=astral_re):
            members = sorted(r["members"], key=lambda m: m[0])
            ids = [m[0] for m in members]
            findings.append(Finding.make("DUPLICATE_PROJECT", ids[0], ids[1:],
                                         Location("projects", members[0][1])))

    # ---- trace ----------------------------------------------------------------
    def _require_node(self, node_id: str) -> None:
        rows = self.run(Q_WHAT, id=node_id, kinds=list(_KINDS))
        if not rows or not rows[0]["node"]:
            kinds = (rows[0]["kinds"] if rows else None) or []
            raise UnknownNodeError(node_id, _KINDS[kinds[0]] if kinds else None)

    # the engine interface (queries.engine.Engine); check, trace and trace_down above are
    # this engine's own aggregated versions, so these answer from them
    def load_findings(self) -> list[Finding]:
        return [finding_from_props(r["p"]) for r in self.run(Q_LOAD_FINDINGS)]

    def node_kind(self, node_id: str) -> str | None:
        rows = self.run(Q_WHAT, id=node_id, kinds=list(_KINDS))
        if rows and rows[0]["node"]:
            return "node"
        kinds = (rows[0]["kinds"] if rows else None) or []
        return {"Plan": "plans", "ValueChain": "value_chains", "Area": "areas",
                "Organization": "organizations"}.get(kinds[0]) if kinds else None

    def top_reach(self, node_id: str) -> Iterable[str]:
        return self.trace(node_id, 0).reaches

    def projects_beneath(self, node_id: str) -> Iterable[str]:
        return self.trace_down(node_id).projects

    def trace(self, node_id: str, max_paths: int = DEFAULT_MAX_PATHS) -> Trace:
        self._require_node(node_id)
        if max_paths < 0:
            raise ValueError("max_paths must be >= 0")
        rows = self.run(Q_TRACE_SUB, id=node_id)
        self._ids(x for r in rows for x in [r["id"], *r["succ"]])
        reaches = tuple(sorted(r["id"] for r in rows if r["reached"] and r["level"] == self.top))
        paths, truncated = self.paths(node_id, max_paths, rows)
        return Trace(node_id, reaches, bool(reaches), paths, truncated)

    def paths(self, node_id: str, max_paths: int, rows=None) -> tuple[tuple[tuple[str, ...], ...], bool]:
        """The first ``max_paths`` maximal simple paths in (length, ids) order, and
        whether more exist: the part of U the node reaches comes from the server in
        one query, and the NetworkX engine's search runs on it (same order, same
        truncation), so a trace costs one round trip however long its paths are."""
        if rows is None:
            rows = self.run(Q_TRACE_SUB, id=node_id)
        return _SubU({r["id"]: tuple(r["succ"]) for r in rows}).paths(node_id, max_paths)

    def trace_down(self, node_id: str) -> DownTrace:
        self._require_node(node_id)
        return DownTrace(node_id, self._ids(r["id"] for r in self.run(Q_DOWN, id=node_id)))

    def _ids(self, ids) -> tuple[str, ...]:
        """Sorted ids; a node without a text id means a damaged graph (integrity says where)."""
        ids = list(ids)
        if not all(isinstance(i, str) for i in ids):
            self.integrity()
            raise Neo4jError("the Neo4j database is inconsistent: a node without a text id")
        return tuple(sorted(ids))

    # ---- matrix and coverage --------------------------------------------------
    def _beneath(self, levels: list[str]) -> list[dict[str, Any]]:
        return self.run(Q_BENEATH, levels=levels)

    def matrix(self) -> Matrix:
        rows = self._beneath([self.top])
        tops = sorted(r["id"] for r in rows)
        projects = sorted(r["id"] for r in self.run("MATCH (p:Project) RETURN p.id AS id"))
        index = {p: i for i, p in enumerate(projects)}
        col = {t: j for j, t in enumerate(tops)}
        cells = [[""] * len(tops) for _ in projects]
        for r in rows:
            j = col[r["id"]]
            for pid, _, _ in r["all"]:
                cells[index[pid]][j] = SECONDARY
            for pid in r["primary"]:
                cells[index[pid]][j] = PRIMARY
        return Matrix(tuple(projects), tuple(tops), tuple(tuple(c) for c in cells))

    def coverage(self) -> Coverage:
        levels = list(dict.fromkeys([self.top, *self.policy.coverage_levels]))
        out = []
        for r in self._beneath(levels):
            budgets = {pid: Decimal(b) if b is not None else Decimal(0) for pid, b, _ in r["all"]}
            stages = dict.fromkeys(STAGES, 0)
            for _, _, stage in r["all"]:
                if stage in stages:
                    stages[stage] += 1
            out.append(CoverageRow(
                r["id"], r["level"] or "", len(r["all"]),
                sum((budgets[p] for p in r["primary"]), Decimal(0)),
                sum(budgets.values(), Decimal(0)), stages))
        out.sort(key=lambda row: (self._pos.get(row.level, 1 << 30), row.element))
        return Coverage(tuple(out))
