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
* The link checks and DUPLICATE_PROJECT read what they need as integer (and name)
  lists, one query per kind of fact, and join them on the client with numpy and
  pyarrow (the array engine's helpers); only failing links and duplicate projects
  are named by the server. Long lists skip ``Record.data()`` (``run(raw=True)``).
  Measurements and decisions: benchmarks/README-neo4j.md.
* Set operations (intersections, differences) are done by grouping tagged rows,
  not by ``x IN list`` tests, so they stay linear.
* A trace asks for the part of U the node reaches in one query and runs the NetworkX
  engine's path search on it (same order, same truncation): one round trip, however
  long the paths (a 10,000-node cycle took minutes with one query per path length).
* Before a check, :meth:`CypherEngine.integrity` refuses a graph whose stored facts
  disagree with what the queries rely on (edited by hand).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from stratlink.errors import Neo4jError, UnknownNodeError
from stratlink.graph_model import STAGES, Finding, Location, Policy
from stratlink.i18n import Said, phrase
from stratlink.neo4j.connection import transaction
from stratlink.neo4j.state import require_complete
from stratlink.neo4j.store import (
    LABEL_PATTERN,
    finding_from_props,
    read_workbook_node,
    stored_policy,
    write_neo4j,
)
from stratlink.neo4j.uindex import UIndex, lookup, part_of, unique_pairs
from stratlink.queries.array_engine import name_keys, unique
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


# ---- the queries (all parameterised) ------------------------------------------------

# U as integer pairs (internal node ids), collected on the server into lists, plus the
# sets the checks start from; reachability over U is then linear (see UIndex)
Q_U_EDGES = """
MATCH (a:Node)-[:PARENT]->(b:Node)
RETURN collect(id(a)) AS a, collect(id(b)) AS b
"""

# the links of U (one entry per relationship), read once for U and for the link checks
Q_LINK_EDGES = f"""
MATCH (a:Node)-[:{LINKS}]->(b:Node)
RETURN collect(id(a)) AS a, collect(id(b)) AS b
"""

# what the link checks need of each node, as integer lists: its level's position, a
# project's fiscal year, the IN_PLAN and IN_AREA relationships, the plans' periods,
# PART_OF (one query each: in one query of CALL subqueries the server took 3 times as
# long); the client joins them to the links (numpy) and names only failing links
Q_LINK_FACTS = {
    "levels": "MATCH (n:Node) RETURN collect(id(n)) AS nodes, collect(coalesce($pos[n.level], -1)) AS pos",
    "years": "MATCH (p:Project) WHERE p.fiscal_year IS NOT NULL "
             "RETURN collect(id(p)) AS fy_nodes, collect(p.fiscal_year) AS fy",
    "plans": "MATCH (n:Node)-[:IN_PLAN]->(p:Plan) RETURN collect(id(n)) AS in_plan, collect(id(p)) AS plan",
    "areas": "MATCH (x)-[:IN_AREA]->(a:Area) WHERE x:Project OR x:Plan "
             "RETURN collect(id(x)) AS in_area, collect(id(a)) AS area",
    "periods": "MATCH (p:Plan) RETURN collect([id(p), p.period_start, p.period_end]) AS periods",
    "part_of": "MATCH (a:Area)-[:PART_OF]->(b) RETURN collect(id(a)) AS part, collect(id(b)) AS whole",
}

# the failing links, named: every relationship between each (source, target) pair
Q_LINK_NAMES = f"""
UNWIND $pairs AS pr
MATCH (s:Node)-[l:{LINKS}]->(t:Node) WHERE id(s) = pr[0] AND id(t) = pr[1]
RETURN pr[0] AS si, pr[1] AS ti, s.id AS s, t.id AS t, l.row AS row
"""

Q_IDS = "UNWIND $ids AS i MATCH (n) WHERE id(n) = i RETURN i, n.id AS id"

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


# the old all-in-Cypher link checks: used when a node has more than one area or plan
# (a hand-edited graph; write_neo4j writes at most one), where they give one row per
# combination. Per link O(1) work: the target's area, plan and position are looked up once per target
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

# the named projects as lists (internal id, name, area, year); the names are folded and
# grouped on the client (pyarrow, numpy): folding character by character in Cypher
# took most of this check's time. collect() drops nulls, so a missing year is sent as
# the smallest 64-bit integer (no fiscal year is that)
Q_DUPLICATES = """
MATCH (p:Project)
WITH p, CASE WHEN p.name_th IS NULL OR p.name_th = '' THEN p.name_en ELSE p.name_th END AS name
WHERE name IS NOT NULL
RETURN collect(id(p)) AS p, collect(name) AS name, collect(coalesce(p.area_id, '')) AS area,
       collect(coalesce(p.fiscal_year, $no_year)) AS year
"""

# what the queries rely on: every node has a text id. Counted first (the label's count
# from the count store against the ids the unique index holds as strings: no node or
# property store read when the constraint exists; the label is written into the query,
# since with a dynamic label the planner scans: 0.05 s against 1.3 s at 300,000
# projects); only a label whose counts differ is scanned to name its nodes (Q_NO_ID)
ID_LABELS = ("Element", "Project", "Plan", "ValueChain", "Area", "Organization")
Q_ID_COUNT = {label: f"""
CALL {{ MATCH (n:{label}) RETURN count(n) AS all }}
CALL {{ MATCH (n:{label}) WHERE n.id >= '' RETURN count(n) AS text }}
RETURN all, text
""" for label in ID_LABELS}

# nodes without a text id (one label at a time), then the rest
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
}
RETURN what, id
"""

# the level labels (L_<level>), scanned only when the counts of _labels_agree differ
Q_LABELS = """
CALL {
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


def _codes(values: pa.Array) -> np.ndarray:
    """Equal values to equal integers (null to -1)."""
    indices = values.dictionary_encode().indices
    return pc.fill_null(indices, -1).to_numpy(zero_copy_only=False).astype(np.int64)


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
            raise Neo4jError.keyed("error.neo4j.no_workbook")
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
    def run(self, query: str, raw: bool = False, **params) -> list[dict[str, Any]]:
        """Run one read query (with the transaction time limit); rows as dicts. With
        ``raw``, values as the driver decodes them (no ``Record.data()`` copy: for
        rows of long integer lists)."""
        def work(tx):
            if raw:
                return [dict(r.items()) for r in tx.run(query, **params)]
            return [r.data() for r in tx.run(query, **params)]

        return transaction(self.driver, self.database, work, timeout=self.timeout,
                           what="a check query")

    def integrity(self) -> None:
        """Refuse (Neo4jError) a graph whose stored facts disagree with what the
        queries rely on: nodes without an id, an element whose ``parent_id`` names an
        element of its plan without the ``PARENT`` relationship (or a ``PARENT`` that
        disagrees with it), a ``level`` that disagrees with its plan or its label."""
        rows = []
        for label in ID_LABELS:
            count = self.run(Q_ID_COUNT[label])[0]
            if count["all"] != count["text"]:
                rows += self.run(Q_NO_ID, label=label)
        rows += self.run(Q_INTEGRITY)
        if not self._labels_agree():
            rows += self.run(Q_LABELS, label_re=LABEL_PATTERN.pattern)
        problems = [("error.neo4j.problem", {"what": phrase(r["what"], "neo4j.problem."), "id": r["id"]})
                    if r["id"] is not None else
                    ("error.neo4j.problem_no_id", {"what": phrase(r["what"], "neo4j.problem.")})
                    for r in rows]
        if problems:
            more = [("error.neo4j.inconsistent_more", {"count": len(problems) - 5})] if len(problems) > 5 else []
            raise Neo4jError.keyed("error.neo4j.inconsistent", problems=Said(*problems[:5], sep_th=" "),
                                   more=Said(*more))

    def _labels_agree(self) -> bool:
        """True when counts prove that every :Node and :Plan carries exactly the label
        ``L_<level>`` of a valid level and no node carries another ``L_`` label (False
        means: not proved, scan with ``Q_LABELS``). Nodes are counted per policy level
        through the level index (no property store read): 0.18 s against 1.35 s for the
        scan at 300,000 projects."""
        levels = list(self.policy.level_names)
        if not all(LABEL_PATTERN.fullmatch(x) for x in levels):
            return False
        if self.run("MATCH (n:Node:Plan) RETURN count(n) AS c")[0]["c"]:
            return False
        own = seen = 0
        for x in levels:
            r = self.run(f"CALL {{ MATCH (n:Node) WHERE n.level = $x RETURN count(n) AS c }} "
                         f"CALL {{ MATCH (n:Node:L_{x}) USING INDEX n:Node(level) WHERE n.level = $x "
                         f"RETURN count(n) AS b }} RETURN c, b", x=x)[0]
            if r["c"] != r["b"]:
                return False
            own, seen = own + r["b"], seen + r["c"]
        if seen != self.run("MATCH (n:Node) WHERE n.level IS NOT NULL RETURN count(n) AS c")[0]["c"]:
            return False
        plans = self.run("MATCH (p:Plan) WHERE p.level =~ $re RETURN count(p) AS c, "
                         "count(CASE WHEN 'L_' + p.level IN labels(p) THEN 1 END) AS b",
                         re=LABEL_PATTERN.pattern)[0]
        if plans["c"] != plans["b"]:
            return False
        labels = [r["label"] for r in self.run("CALL db.labels() YIELD label RETURN label")
                  if r["label"].startswith("L_")]
        instances = sum(self.run(f"MATCH (n:`{lb.replace('`', '``')}`) RETURN count(n) AS c")[0]["c"]
                        for lb in labels)
        return instances == own + plans["b"]

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
            self._index = self._sets = self._links = None

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
        parent = self.run(Q_U_EDGES, raw=True)[0]
        self._links = self.run(Q_LINK_EDGES, raw=True)[0]
        index = UIndex(parent["a"] + self._links["a"], parent["b"] + self._links["b"])
        sets = self.run(Q_U_SETS, raw=True, top=self.top, levels=list(self.policy.coverage_levels))[0]
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
        row = self.run(Q_LINEAGE, raw=True)[0]
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
        areas = "areas" in self.sheets
        flagged = self._link_flags(jump, areas)
        rows = self.run(Q_LINKS, pos=self._pos, jump=jump, areas=areas) if flagged is None else flagged
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

    def _link_flags(self, jump: int, areas: bool) -> list[dict[str, Any]] | None:
        """The rows of ``Q_LINKS`` computed on the client from integer lists (one
        server pass per kind of fact, each area's ancestry once per pair of areas);
        None when a node has more than one area or plan (then ``Q_LINKS`` runs)."""
        links = self._links
        if not links["a"]:
            return []
        f: dict[str, Any] = {}
        for q in Q_LINK_FACTS.values():
            f.update(self.run(q, raw=True, pos=self._pos)[0])
        i64 = np.int64
        in_area, in_plan = np.asarray(f["in_area"], dtype=i64), np.asarray(f["in_plan"], dtype=i64)
        if unique(in_area).size != in_area.size or unique(in_plan).size != in_plan.size:
            return None
        # unique (source, target) pairs; every relationship of a failing pair is named
        pair = unique_pairs(np.asarray(links["a"], dtype=i64), np.asarray(links["b"], dtype=i64))
        ls, lt = pair
        nodes = np.asarray(f["nodes"], dtype=i64)
        pos = lookup(nodes, np.asarray(f["pos"], dtype=i64), -1)
        ps, pt = pos(ls), pos(lt)
        known = (ps >= 0) & (pt >= 0)
        down = known & (pt > ps)
        skip = known & ~down & (ps - pt > jump)
        plan_of = lookup(in_plan, np.asarray(f["plan"], dtype=i64), -1)
        area_of = lookup(in_area, np.asarray(f["area"], dtype=i64), -1)
        projects = np.asarray(self._sets["projects"], dtype=i64)
        s_project, t_project = np.isin(ls, projects), np.isin(lt, projects)
        tp = plan_of(lt)

        def node_area(n, is_project):
            return np.where(is_project, area_of(n), area_of(plan_of(n)))

        scope = np.zeros(ls.size, dtype=bool)
        sa = ta = None
        if areas:
            sa, ta = node_area(ls, s_project), node_area(lt, t_project)
            cand = np.flatnonzero((sa >= 0) & (ta >= 0) & (sa != ta))
            if cand.size:
                within = part_of(np.asarray(f["part"], dtype=i64), np.asarray(f["whole"], dtype=i64))
                pairs = unique_pairs(sa[cand], ta[cand])
                inside = {(a, b) for a, b in zip(*(x.tolist() for x in pairs)) if within(a, b)}
                scope[cand] = [(a, b) not in inside for a, b in zip(sa[cand].tolist(), ta[cand].tolist())]
        periods = {p: (start, end) for p, start, end in f["periods"]}
        fy = lookup(np.asarray(f["fy_nodes"], dtype=i64), np.asarray(f["fy"], dtype=i64), None)
        year, has_year = fy(ls)
        period = np.zeros(ls.size, dtype=bool)
        cand = np.flatnonzero(s_project & has_year & (tp >= 0))
        for k, y, p in zip(cand.tolist(), year[cand].tolist(), tp[cand].tolist()):
            start, end = periods.get(p, (None, None))
            period[k] = (start is not None and y < start) or (end is not None and y > end)
        bad = np.flatnonzero(down | skip | scope | period)
        if not bad.size:
            return []
        area_ids: dict[int, str] = {}
        if sa is not None:
            scoped = bad[scope[bad]]
            wanted = sorted(set(sa[scoped].tolist()) | set(ta[scoped].tolist()))
            for i in range(0, len(wanted), 50_000):
                area_ids.update((r["i"], r["id"]) for r in self.run(Q_IDS, ids=wanted[i:i + 50_000]))
        flags = {(int(ls[k]), int(lt[k])): k for k in bad.tolist()}
        keys = list(flags)
        out = []
        for i in range(0, len(keys), 50_000):
            for r in self.run(Q_LINK_NAMES, pairs=[list(x) for x in keys[i:i + 50_000]]):
                k = flags[(r["si"], r["ti"])]
                start, end = periods.get(int(tp[k]), (None, None)) if tp[k] >= 0 else (None, None)
                out.append({"s": r["s"], "t": r["t"], "row": r["row"], "downward": bool(down[k]),
                            "skip": bool(skip[k]), "scope": bool(scope[k]), "period": bool(period[k]),
                            "sa": area_ids.get(int(sa[k])) if scope[k] else None,
                            "ta": area_ids.get(int(ta[k])) if scope[k] else None,
                            "year": int(year[k]) if has_year[k] else None, "start": start, "end": end})
        return out

    @computes("CONFLICTING_TARGETS")
    def _check_conflicts(self, findings: list[Finding]) -> None:
        for r in self.run(Q_CONFLICTS):
            findings.append(Finding.make("CONFLICTING_TARGETS", r["n"], sorted((r["a"], r["b"])),
                                         self._loc(r["labels"], r["row"])))

    @computes("DUPLICATE_PROJECT")
    def _check_duplicates(self, findings: list[Finding]) -> None:
        r = self.run(Q_DUPLICATES, raw=True, no_year=-(1 << 63))[0]
        if len(r["p"]) < 2:
            return
        names = pa.array(r["name"], type=pa.string())
        key = pc.if_else(pc.equal(names, ""), "", name_keys(names, pa.nulls(len(names), pa.string())))
        codes = [_codes(key), _codes(pa.array(r["area"], type=pa.string())),
                 _codes(pa.array(r["year"], type=pa.int64()))]
        order = np.lexsort(codes[::-1])
        k, a, y = (c[order] for c in codes)
        same = (k[1:] == k[:-1]) & (a[1:] == a[:-1]) & (y[1:] == y[:-1])
        if not same.any():
            return
        starts = np.flatnonzero(np.concatenate(([True], ~same)))
        sizes = np.diff(np.append(starts, order.size))
        p = np.asarray(r["p"], dtype=np.int64)
        groups = [p[order[s:s + n]].tolist() for s, n in zip(starts.tolist(), sizes.tolist()) if n > 1]
        named = self._names(m for g in groups for m in g)
        for g in groups:
            members = sorted((named[m]["id"], named[m]["row"]) for m in g)
            findings.append(Finding.make("DUPLICATE_PROJECT", members[0][0], [m[0] for m in members[1:]],
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
            raise Neo4jError.keyed("error.neo4j.node_without_text_id")
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
