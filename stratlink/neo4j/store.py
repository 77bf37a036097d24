"""Neo4j storage: write a PlanGraph to a Neo4j database and read it back, losslessly.

``write_neo4j(graph, driver)`` stores one workbook per database (the graph schema is
in ``docs/cypher.md``); ``read_neo4j(driver)`` gives back a PlanGraph with the same
content (``same_content``), era, sheets, policy and load findings.

Schema in short:

* a node per record, labelled by type -- ``:Plan``, ``:Element``, ``:Project``,
  ``:ValueChain``, ``:Area``, ``:Organization`` -- with every spec column as a
  property of the same name (years as C.E. integers, ``budget`` as a float for
  arithmetic plus ``budget_exact``, the exact decimal text), each extra column as a
  property ``x_<column>`` (any Unicode name, Thai included), and ``row``, the source
  spreadsheet row;
* elements and projects also carry ``:Node`` (a node of the upward graph U), a
  derived ``level`` property (their plan's level), and, like plans, a per-level
  label ``:L_<level>`` (e.g. ``:L_province``) when the level name matches
  ``[A-Za-z][A-Za-z0-9_]*``;
* links are relationships ``CONTRIBUTES_TO``, ``ALIGNS_WITH`` and ``CONFLICTS_WITH``
  (source -> target as written) with ``key`` (a stable link key), ``role``,
  ``asserted_by``, ``note``, ``row`` and ``x_*``; a link whose ends are not both
  elements or projects (only a hand-built graph has one) is kept as a ``:LinkRow``
  node so that nothing is lost;
* derived relationships: ``(Element)-[:PARENT]->(Element)`` (same plan only, as in
  U), ``(Element|Project)-[:IN_PLAN]->(Plan)``, ``(Project)-[:IN_CHAIN]->(ValueChain)``,
  ``(ValueChain)-[:SERVES]->(Element)``, ``(Plan|Project|ValueChain)-[:IN_AREA]->(Area)``,
  ``(Area)-[:PART_OF]->(Area)``, ``(Project)-[:OWNED_BY]->(Organization)``;
* one ``:Workbook`` node (era, sheets, source, policy name and the policy itself as
  JSON) and one ``:LoadFinding`` node per load finding.

Batching: every write is ``UNWIND $rows AS r MERGE ...`` (``CREATE`` when nothing of
the workbook is stored yet) in transactions of ``batch_size`` rows, two in flight at
once. The default (:data:`DEFAULT_BATCH_SIZE`) was measured on a generated
100,000-project workbook, see ``benchmarks/README-neo4j.md``. Every load holds the
database's load lock and records its state (:mod:`stratlink.neo4j.state`); deletes
are bounded (relationships first, :data:`DELETE_BATCH` per transaction). For an empty
database, :mod:`stratlink.neo4j.bulk` writes files for Neo4j's bulk importer.

Every query is parameterised; the only text put into Cypher is level labels made
from the policy's level names after checking them against :data:`LABEL_PATTERN`.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from stratlink.errors import InputError, Neo4jError, PolicyError
from stratlink.graph_model import (
    RELATIONS,
    TH_ONE_PLAN,
    Area,
    Element,
    Finding,
    Link,
    Location,
    Organization,
    Plan,
    PlanGraph,
    Policy,
    Project,
    Record,
    ValueChain,
)
from stratlink.graph_model.policy import BUILTIN_POLICIES, policy_from_dict
from stratlink.i18n import phrase
from stratlink.neo4j.connection import first_line, session, transaction, wraps_driver_errors
from stratlink.neo4j.state import LoadLock, require_complete

#: Rows per transaction; measured on a 100,000-project workbook (benchmarks/README-neo4j.md).
DEFAULT_BATCH_SIZE = 2000
#: What a level name must look like to become a label ``L_<name>``.
LABEL_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,60}")
#: Property-name prefix of extra (unknown) columns.
EXTRA_PREFIX = "x_"
SCHEMA_VERSION = 1
WORKBOOK_ID = "workbook"

#: relation -> relationship type
REL_TYPES = {"contributes_to": "CONTRIBUTES_TO", "aligns_with": "ALIGNS_WITH",
             "conflicts_with": "CONFLICTS_WITH"}
RELATIONS_OF = {v: k for k, v in REL_TYPES.items()}
#: record type -> node label
LABELS = {Plan: "Plan", Element: "Element", Project: "Project", ValueChain: "ValueChain",
          Area: "Area", Organization: "Organization"}
#: every label stratlink writes (what replace='all' deletes)
ALL_LABELS = ("Workbook", "LoadFinding", "LinkRow", "Plan", "Element", "Project", "ValueChain",
              "Area", "Organization")

SCHEMA = [
    *(f"CREATE CONSTRAINT stratlink_{lbl.lower()}_id IF NOT EXISTS "
      f"FOR (n:{lbl}) REQUIRE n.id IS UNIQUE"
      for lbl in ("Plan", "Element", "Project", "ValueChain", "Area", "Organization", "Node",
                  "Workbook", "StratlinkLoad")),
    *(f"CREATE CONSTRAINT stratlink_{t.lower()}_key IF NOT EXISTS "
      f"FOR ()-[r:{t}]-() REQUIRE r.key IS UNIQUE" for t in REL_TYPES.values()),
    "CREATE CONSTRAINT stratlink_linkrow_key IF NOT EXISTS FOR (n:LinkRow) REQUIRE n.key IS UNIQUE",
    "CREATE INDEX stratlink_node_level IF NOT EXISTS FOR (n:Node) ON (n.level)",
    "CREATE INDEX stratlink_node_plan IF NOT EXISTS FOR (n:Node) ON (n.plan_id)",
    "CREATE INDEX stratlink_loadfinding_seq IF NOT EXISTS FOR (n:LoadFinding) ON (n.seq)",
]

# ---- properties -------------------------------------------------------------------
def label_for_level(level: str | None) -> str | None:
    """``L_<level>`` when the level name is a safe identifier, else None.

    >>> label_for_level("province"), label_for_level("จังหวัด"), label_for_level("a`b")
    ('L_province', None, None)
    """
    if level and LABEL_PATTERN.fullmatch(level):
        return "L_" + level
    return None


def record_props(rec: Record) -> dict[str, Any]:
    """A record as Neo4j properties: columns, ``x_`` extras, ``row``."""
    props: dict[str, Any] = {}
    for col, (ctype, _) in rec.COLUMNS.items():
        value = getattr(rec, col)
        if value is None:
            continue
        if ctype == "budget":
            props["budget"] = float(value)
            props["budget_exact"] = str(value)
        elif ctype == "year":
            props[col] = int(value)
        elif ctype == "bool":
            props[col] = bool(value)
        else:
            props[col] = str(value)
    for k, v in rec.extra.items():
        props[EXTRA_PREFIX + k] = v
    if rec.row is not None:
        props["row"] = rec.row
    if rec.namespace:  # several workbooks in one graph: the id is namespace:id
        props["namespace"] = rec.namespace
    return props


def record_from_props(rtype: type[Record], props: dict[str, Any]) -> Record:
    if "id" in rtype.COLUMNS and not isinstance(props.get("id"), str):
        raise Neo4jError.keyed("error.neo4j.node_without_id", label=LABELS.get(rtype, rtype.__name__),
                               row=props.get("row", "?"))
    kwargs: dict[str, Any] = {}
    for col, (ctype, _) in rtype.COLUMNS.items():
        if ctype == "budget":
            if props.get("budget_exact") is not None:
                kwargs[col] = Decimal(props["budget_exact"])
            continue
        value = props.get(col)
        if value is None:
            continue
        if ctype == "year":
            kwargs[col] = int(value)
        elif ctype == "bool":
            kwargs[col] = bool(value)
        else:
            kwargs[col] = str(value)
    extra = {k[len(EXTRA_PREFIX):]: v for k, v in props.items() if k.startswith(EXTRA_PREFIX)}
    rec = rtype(**kwargs, extra=extra)
    rec.row = props.get("row")
    rec.namespace = props.get("namespace")
    return rec


def link_keys(links: Iterable[Link]) -> dict[int, str]:
    """A stable key per link (by ``id()``): a hash of (source, target, relation) and the
    link's rank among the links with the same three values, ordered by their content.

    Reloading the same workbook, in any row order, gives every link the same key.
    """
    groups: dict[tuple, list[Link]] = defaultdict(list)
    for link in links:
        groups[(link.source_id, link.target_id, link.relation)].append(link)
    out: dict[int, str] = {}
    for triple, members in groups.items():
        digest = hashlib.sha1(json.dumps(list(triple), ensure_ascii=False).encode()).hexdigest()[:20]
        members.sort(key=lambda lk: (lk.role or "", lk.asserted_by or "", lk.note or "",
                                     sorted(lk.extra.items())))
        for i, link in enumerate(members):
            out[id(link)] = f"{digest}-{i}"
    return out


def policy_json(policy: Policy) -> str:
    return json.dumps({
        "name": policy.name,
        "levels": [{"name": lv.name, "label_th": lv.label_th, "label_en": lv.label_en}
                   for lv in policy.levels],
        "top_level": policy.top_level,
        "max_level_jump": policy.max_level_jump,
        "coverage_levels": list(policy.coverage_levels),
    }, ensure_ascii=False)


def policy_from_json(text: Any) -> Policy:
    """The policy stored on the ``:Workbook`` node; Neo4jError when it was damaged."""
    try:
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        policy = policy_from_dict(data, origin=str(data.get("name", "policy")))
    except (TypeError, ValueError, PolicyError) as exc:
        raise Neo4jError.keyed("error.neo4j.policy_damaged", reason=_why(exc)) from None
    builtin = BUILTIN_POLICIES.get(policy.name)
    return builtin if builtin == policy else policy


# ---- writing ----------------------------------------------------------------------
@dataclass
class WriteStats:
    """What a write did: rows sent per pass, nodes and relationships written, seconds."""

    nodes: int = 0
    relationships: int = 0
    rows: int = 0
    seconds: float = 0.0
    batches: int = 0
    passes: dict[str, int] = field(default_factory=dict)

    def per_second(self) -> float:
        return (self.nodes + self.relationships) / self.seconds if self.seconds else 0.0


class _Rows:
    """The rows of a job, made batch by batch from ``items`` by ``make`` (a row dict
    per item) so that only the batches in flight exist at once, not every row of the
    graph (which took GBs of the client's memory at 1M projects)."""

    def __init__(self, items: Iterable, make: Callable[[Any], dict]) -> None:
        self.items = items if isinstance(items, list) else list(items)
        self.make = make

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __getitem__(self, part: slice) -> list[dict]:
        return [self.make(x) for x in self.items[part]]


class _Writer:
    def __init__(self, graph: PlanGraph, driver, database, batch_size, progress) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be >= 1")
        self.g = graph
        self.driver = driver
        self.database = database
        self.batch_size = batch_size
        self.progress = progress
        self.level_labels = [lbl for lbl in map(label_for_level, graph.policy.level_names) if lbl]
        self.jobs: list[tuple[str, str, list[dict], int, int]] = []  # (name, query, rows, nodes, rels)
        self.stats = WriteStats()
        self.fresh = False  # True: nothing of the workbook is stored, CREATE instead of MERGE
        self.parallel = 2
        self.pre_queries: list[tuple[str, dict]] = []

    # queries ------------------------------------------------------------------
    def _label_clause(self, level: str | None, extra: str = "") -> str:
        own = label_for_level(level)
        others = [lbl for lbl in self.level_labels if lbl != own]
        text = f"SET n{extra}" + (f":{own}" if own else "") if (extra or own) else ""
        if others:
            text += " REMOVE n:" + ":".join(others)
        return text

    def add(self, name: str, query: str, rows: list[dict] | _Rows, nodes_per_row=0, rels_per_row=0) -> None:
        if rows:
            self.jobs.append((name, query, rows, nodes_per_row, rels_per_row))

    def plan_rows(self, plans: Iterable[Plan]) -> None:
        by_level: dict[str | None, list[Plan]] = defaultdict(list)
        for p in plans:
            by_level[p.level].append(p)
        for level, recs in by_level.items():
            rows = _Rows(recs, lambda p: {"id": p.id, "props": record_props(p), "area": p.area_id})
            self.add("plans", f"""
                UNWIND $rows AS r
                MERGE (n:Plan {{id: r.id}})
                SET n = r.props
                {self._label_clause(level)}
                WITH n, r
                OPTIONAL MATCH (n)-[old:IN_AREA]->()
                DELETE old
                WITH DISTINCT n, r
                MATCH (a:Area {{id: r.area}})
                MERGE (n)-[:IN_AREA]->(a)""", rows, 1)

    def node_rows(self, records: Iterable[Element | Project], label: str) -> None:
        by_level: dict[str | None, list] = defaultdict(list)
        plans = self.g.plans
        for rec in records:
            plan = plans.get(rec.plan_id)
            by_level[plan.level if plan is not None else None].append(rec)

        def row(rec, level):
            props = record_props(rec)
            if level is not None:
                props["level"] = level
            out = {"id": rec.id, "props": props, "plan": rec.plan_id}
            if isinstance(rec, Project):
                out.update(area=rec.area_id, chain=rec.value_chain_id, owner=rec.owner)
            return out

        for level, recs in by_level.items():
            rows = _Rows(recs, lambda rec, level=level: row(rec, level))
            if label == "Element":
                tail = """
                WITH n, r
                OPTIONAL MATCH (n)-[old:IN_PLAN]->()
                DELETE old
                WITH DISTINCT n, r
                MATCH (pl:Plan {id: r.plan})
                MERGE (n)-[:IN_PLAN]->(pl)"""
            else:
                tail = """
                WITH n, r
                OPTIONAL MATCH (n)-[old:IN_PLAN|IN_AREA|IN_CHAIN|OWNED_BY]->()
                DELETE old
                WITH DISTINCT n, r
                OPTIONAL MATCH (pl:Plan {id: r.plan})
                OPTIONAL MATCH (a:Area {id: r.area})
                OPTIONAL MATCH (vc:ValueChain {id: r.chain})
                OPTIONAL MATCH (o:Organization {id: r.owner})
                FOREACH (_ IN CASE WHEN pl IS NULL THEN [] ELSE [1] END | MERGE (n)-[:IN_PLAN]->(pl))
                FOREACH (_ IN CASE WHEN a IS NULL THEN [] ELSE [1] END | MERGE (n)-[:IN_AREA]->(a))
                FOREACH (_ IN CASE WHEN vc IS NULL THEN [] ELSE [1] END | MERGE (n)-[:IN_CHAIN]->(vc))
                FOREACH (_ IN CASE WHEN o IS NULL THEN [] ELSE [1] END | MERGE (n)-[:OWNED_BY]->(o))"""
            self.add(label.lower() + "s", f"""
                UNWIND $rows AS r
                MERGE (n:{label} {{id: r.id}})
                SET n = r.props
                {self._label_clause(level, ':Node')}
                {tail}""", rows, 1, 1)

    def parent_rows(self, elements: Iterable[Element]) -> None:
        self.add("parents", """
            UNWIND $rows AS r
            MATCH (n:Element {id: r.id})
            OPTIONAL MATCH (n)-[old:PARENT]->()
            DELETE old
            WITH DISTINCT n, r
            MATCH (p:Element {id: r.parent})
            WHERE p.plan_id = n.plan_id
            MERGE (n)-[:PARENT]->(p)""",
                 _Rows(elements, lambda e: {"id": e.id, "parent": e.parent_id}), 0, 0)

    def simple_rows(self, records: Iterable[Record], label: str) -> None:
        self.add(label, f"""
            UNWIND $rows AS r
            MERGE (n:{label} {{id: r.id}})
            SET n = r.props""", _Rows(records, lambda r: {"id": r.id, "props": record_props(r)}), 1)

    def ref_rows(self, records: Iterable[Record], label: str, ref: str, rel: str,
                 target: str) -> None:
        """(n)-[:rel]->(target named by field ``ref``), replacing any older one."""
        self.add(rel, f"""
            UNWIND $rows AS r
            MATCH (n:{label} {{id: r.id}})
            OPTIONAL MATCH (n)-[old:{rel}]->()
            DELETE old
            WITH DISTINCT n, r
            MATCH (t:{target} {{id: r.ref}})
            MERGE (n)-[:{rel}]->(t)""", _Rows(records, lambda r: {"id": r.id, "ref": getattr(r, ref)}))

    def value_chain_rows(self, chains: Iterable[ValueChain]) -> None:
        rows = _Rows(chains, lambda v: {"id": v.id, "props": record_props(v), "serves": v.serves_id,
                                        "area": v.area_id})
        self.add("value_chains", """
            UNWIND $rows AS r
            MERGE (n:ValueChain {id: r.id})
            SET n = r.props
            WITH n, r
            OPTIONAL MATCH (n)-[old:SERVES|IN_AREA]->()
            DELETE old
            WITH DISTINCT n, r
            OPTIONAL MATCH (e:Element {id: r.serves})
            OPTIONAL MATCH (a:Area {id: r.area})
            FOREACH (_ IN CASE WHEN e IS NULL THEN [] ELSE [1] END | MERGE (n)-[:SERVES]->(e))
            FOREACH (_ IN CASE WHEN a IS NULL THEN [] ELSE [1] END | MERGE (n)-[:IN_AREA]->(a))""",
                 rows, 1)

    def link_rows(self, links: Iterable[Link], keys: dict[int, str]) -> None:
        by_type: dict[str, list[Link]] = defaultdict(list)
        loose: list[Link] = []
        g = self.g
        for link in links:
            rtype = REL_TYPES.get(link.relation)
            if rtype and g.node(link.source_id) is not None and g.node(link.target_id) is not None:
                by_type[rtype].append(link)
            else:
                loose.append(link)

        def rel_row(link):
            props = record_props(link)
            props["key"] = keys[id(link)]
            for k in ("source_id", "target_id", "relation"):
                props.pop(k)
            return {"s": link.source_id, "t": link.target_id, "key": props["key"], "props": props}

        def loose_row(link):
            props = record_props(link)
            props["key"] = keys[id(link)]
            return {"key": props["key"], "props": props}

        for rtype, links_of in by_type.items():
            rows = _Rows(links_of, rel_row)
            self.add("links", f"""
                UNWIND $rows AS r
                MATCH (s:Node {{id: r.s}})
                MATCH (t:Node {{id: r.t}})
                MERGE (s)-[l:{rtype} {{key: r.key}}]->(t)
                SET l = r.props""", rows, 0, 1)
        self.add("links", """
            UNWIND $rows AS r
            MERGE (n:LinkRow {key: r.key})
            SET n = r.props""", _Rows(loose, loose_row), 1)

    # running ------------------------------------------------------------------
    def run_schema(self) -> None:
        names = {q.split()[2] for q in SCHEMA}
        with session(self.driver, self.database) as s:
            have = {r["name"] for r in s.run("SHOW CONSTRAINTS YIELD name RETURN name")} | \
                   {r["name"] for r in s.run("SHOW INDEXES YIELD name RETURN name")}
            if names <= have:
                return
            for q in SCHEMA:
                s.run(q).consume()
            s.run("CALL db.awaitIndexes(300)").consume()

    def query_for(self, query: str) -> str:
        """In ``fresh`` mode (nothing of the workbook is stored yet) nodes and
        relationships are created, not merged, and there is nothing old to delete."""
        if not self.fresh:
            return query
        query = _OLD_RELS.sub("", query)
        query = _MERGE_NODE.sub(r"CREATE (\1)", query)
        return query.replace("MERGE (n)-[", "CREATE (n)-[").replace("MERGE (s)-[", "CREATE (s)-[")

    def run_jobs(self, lock=None, single_tx: bool = False) -> WriteStats:
        """Send the jobs in batches: each batch a transaction (renewing the load lock),
        two batches of a pass in flight at once (one encoded while the server runs the
        other); passes run in order. ``single_tx``: everything in one transaction."""
        total = sum(len(rows) for _, _, rows, _, _ in self.jobs)
        done = 0
        t0 = time.perf_counter()
        jobs = [(name, self.query_for(q), rows, n, r) for name, q, rows, n, r in self.jobs]

        def batch(tx, query, chunk):
            if lock is not None:
                lock.renew(tx)
            tx.run(query, rows=chunk).consume()

        if single_tx:
            def everything(tx):
                if lock is not None:
                    lock.renew(tx)
                for pre in self.pre_queries:
                    tx.run(pre[0], **pre[1]).consume()
                for _, query, rows, _, _ in jobs:
                    tx.run(query, rows=rows[:]).consume()
            transaction(self.driver, self.database, everything, write=True,
                        what="the one-transaction plan replacement")
            done = total
            self.stats.batches += 1
        else:
            with ThreadPoolExecutor(max_workers=self.parallel) as pool:
                for name, query, rows, _, _ in jobs:
                    futures = []
                    for i in range(0, len(rows), self.batch_size):
                        chunk = rows[i:i + self.batch_size]  # made now: two in flight at most
                        futures.append((len(chunk), pool.submit(
                            transaction, self.driver, self.database, batch, query, chunk,
                            write=True, what=f"writing {name}")))
                        while len(futures) >= self.parallel:
                            done = self._wait(futures.pop(0), done, total)
                    while futures:
                        done = self._wait(futures.pop(0), done, total)
        for name, _, rows, n_nodes, _ in jobs:
            self.stats.passes[name] = self.stats.passes.get(name, 0) + len(rows)
            self.stats.nodes += n_nodes * len(rows)
            self.stats.rows += len(rows)
        self.stats.seconds += time.perf_counter() - t0
        return self.stats

    def _wait(self, item, done: int, total: int) -> int:
        n, future = item
        future.result()
        done += n
        self.stats.batches += 1
        if self.progress is not None:
            self.progress(done, total)
        return done


_OLD_RELS = re.compile(r"OPTIONAL MATCH \(n\)-\[old:[A-Z_|]+\]->\(\)\s*DELETE old\s*WITH DISTINCT n, r")
_MERGE_NODE = re.compile(r"MERGE \((n:\w+ \{(?:id|key): r\.(?:id|key)\})\)")

#: Relationship types stratlink writes (deleted type by type, in bounded batches).
ALL_REL_TYPES = ("CONTRIBUTES_TO", "ALIGNS_WITH", "CONFLICTS_WITH", "PARENT", "IN_PLAN", "IN_AREA",
                 "IN_CHAIN", "SERVES", "PART_OF", "OWNED_BY")
#: Relationships (then nodes) deleted per transaction: bounded whatever the graph's size.
DELETE_BATCH = 10_000


def _delete_loop(driver, database, query: str, lock, what: str, **params) -> int:
    """Run ``query`` (deleting at most $limit things, returning ``c``) until it deletes none."""
    def work(tx):
        if lock is not None:
            lock.renew(tx)
        return tx.run(query, limit=DELETE_BATCH, **params).single()["c"]

    total = 0
    while True:
        n = transaction(driver, database, work, write=True, what=what)
        total += n
        if n == 0:
            return total


def delete_all(driver, database=None, lock=None) -> int:
    """Delete every stratlink node: relationships first, type by type, then nodes,
    label by label, each in transactions of at most :data:`DELETE_BATCH`."""
    n = 0
    present = _present(driver, database)
    for rtype in ALL_REL_TYPES:
        if not present.get(rtype):
            continue
        n += _delete_loop(driver, database, f"MATCH ()-[r:{rtype}]->() WITH r LIMIT $limit "
                          "DELETE r RETURN count(*) AS c", lock, f"deleting {rtype} relationships")
    for label in ALL_LABELS:
        if not present.get(label):
            continue
        n += _delete_loop(driver, database, f"MATCH (n:{label}) WITH n LIMIT $limit "
                          "DETACH DELETE n RETURN count(*) AS c", lock, f"deleting :{label} nodes")
    return n


def _present(driver, database) -> dict[str, int]:
    """How many relationships of each type and nodes of each label there are (count store)."""
    items = [f"{t}: COUNT {{ ()-[:{t}]->() }}" for t in ALL_REL_TYPES] + \
            [f"{lb}: COUNT {{ (:{lb}) }}" for lb in ALL_LABELS]
    with session(driver, database, default_access_mode="READ") as s:
        return dict(s.run("RETURN {" + ", ".join(items) + "} AS c").single()["c"])


def delete_plan_nodes(driver, database, plan: str, lock=None) -> int:
    """Delete a plan's elements and projects: their relationships first, then them."""
    n = _delete_loop(driver, database, """
        MATCH (n:Node)-[r]-() WHERE n.plan_id = $plan
        WITH DISTINCT r LIMIT $limit DELETE r RETURN count(*) AS c""", lock,
                     f"deleting the relationships of plan {plan}", plan=plan)
    return n + _delete_loop(driver, database, """
        MATCH (n:Node) WHERE n.plan_id = $plan
        WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS c""", lock,
                            f"deleting the nodes of plan {plan}", plan=plan)


#: A plan replaced with at most this many rows is replaced in one transaction
#: (readers see the old plan or the new one); a larger one in batches, with the load
#: state 'started' meanwhile (readers are refused until it completes).
PLAN_TX_ROWS = 50_000


@wraps_driver_errors
def write_neo4j(graph: PlanGraph, driver, database: str | None = None,
                replace: str | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
                progress: Callable[[int, int], Any] | None = None,
                parallel: int = 2) -> WriteStats:
    """Write ``graph`` to Neo4j (one workbook per database).

    ``replace``: ``None`` merges into what is there (loading the same graph twice
    changes nothing; a different workbook is refused); ``'all'`` deletes every
    stratlink node first; a plan id replaces only that plan: its elements and
    projects and every link touching them are deleted, then that plan, its elements,
    projects and their links are written from ``graph`` (the workbook node and load
    findings are left as they are).

    The load takes the database's load lock and records its state (see
    :mod:`stratlink.neo4j.state`): concurrent loads are refused, and readers refuse a
    database whose last load did not complete. ``progress(done, total)`` is called
    after every batch (rows, not records); ``parallel`` batches are in flight at once.
    Returns a :class:`WriteStats`.
    """
    w = _Writer(graph, driver, database, batch_size, progress)
    w.parallel = max(1, parallel)
    w.run_schema()
    g = graph
    keys = link_keys(g.links)
    plan_mode = replace is not None and replace != "all"
    if plan_mode:
        plan = g.plans.get(replace)
        if plan is None:
            raise InputError.keyed("error.neo4j.plan_not_in_workbook", plan=replace)
        if read_workbook_node(driver, database) is None:
            raise InputError.keyed("error.neo4j.no_workbook_yet")
        elements = [e for e in g.elements.values() if e.plan_id == replace]
        projects = [p for p in g.projects.values() if p.plan_id == replace]
        ids = {r.id for r in elements} | {r.id for r in projects}
        w.plan_rows([plan])
        w.node_rows(elements, "Element")
        w.node_rows(projects, "Project")
        w.parent_rows(elements)
        w.value_chain_rows([v for v in g.value_chains.values() if v.serves_id in ids])
        w.link_rows([lk for lk in g.links if lk.source_id in ids or lk.target_id in ids], keys)
        rows = sum(len(j[2]) for j in w.jobs)
        one_tx = rows <= PLAN_TX_ROWS
        lock = LoadLock(driver, database, g, f"replace plan {replace}", replace)
        lock.acquire(started=not one_tx)
        try:
            if one_tx:
                w.pre_queries = [("MATCH (n:Node) WHERE n.plan_id = $plan DETACH DELETE n",
                                  {"plan": replace})]
                stats = w.run_jobs(lock, single_tx=True)
            else:
                delete_plan_nodes(driver, database, replace, lock)
                stats = w.run_jobs(lock)
            stats.relationships = count_relationships(g, replace)
            lock.complete(nodes=stats.nodes, relationships=stats.relationships)
        except BaseException:
            lock.release()
            raise
        return stats

    lock = LoadLock(driver, database, g, "replace" if replace == "all" else "load", replace)
    previous = lock.acquire(started=True)
    try:
        if replace == "all":
            delete_all(driver, database, lock)
        w.fresh = replace == "all" or (previous is None and not _has_stratlink_nodes(driver, database))
        w.add("workbook", "UNWIND $rows AS r MERGE (n:Workbook {id: r.id}) SET n = r.props",
              [{"id": WORKBOOK_ID, "props": workbook_props(g)}], 1)
        w.simple_rows(g.areas.values(), "Area")
        w.ref_rows(g.areas.values(), "Area", "parent_id", "PART_OF", "Area")
        w.simple_rows(g.organizations.values(), "Organization")
        w.plan_rows(g.plans.values())
        w.node_rows(g.elements.values(), "Element")
        w.parent_rows(g.elements.values())
        w.value_chain_rows(g.value_chains.values())
        w.node_rows(g.projects.values(), "Project")
        w.link_rows(g.links, keys)
        if not w.fresh:
            _delete_loop(driver, database, "MATCH (n:LoadFinding) WITH n LIMIT $limit "
                         "DETACH DELETE n RETURN count(*) AS c", lock, "deleting old load findings")
        w.add("load_findings", "UNWIND $rows AS r CREATE (n:LoadFinding) SET n = r",
              [finding_props(i, f) for i, f in enumerate(g.load_findings)], 1)
        stats = w.run_jobs(lock)
        stats.relationships = count_relationships(g, replace)
        lock.complete(nodes=stats.nodes, relationships=stats.relationships)
    except BaseException:
        lock.release()
        raise
    return stats


def _has_stratlink_nodes(driver, database) -> bool:
    with session(driver, database, default_access_mode="READ") as s:
        return s.run("MATCH (n) WHERE n:Workbook OR n:Node OR n:Plan OR n:Area OR n:Organization "
                     "OR n:ValueChain OR n:LinkRow OR n:LoadFinding RETURN n LIMIT 1").single() \
            is not None


def count_relationships(g: PlanGraph, replace: str | None = None) -> int:
    """Relationships the graph gives in Neo4j (whole workbook; for a plan, its part)."""
    def in_scope(rec) -> bool:
        return replace in (None, "all") or getattr(rec, "plan_id", None) == replace

    n = 0
    for e in g.elements.values():
        if not in_scope(e):
            continue
        n += e.plan_id in g.plans
        parent = g.elements.get(e.parent_id) if e.parent_id else None
        n += parent is not None and parent.plan_id == e.plan_id
    for p in g.projects.values():
        if not in_scope(p):
            continue
        n += (p.plan_id in g.plans) + (p.area_id in g.areas) + (p.value_chain_id in g.value_chains) \
            + (p.owner in g.organizations)
    if replace in (None, "all"):
        n += sum(p.area_id in g.areas for p in g.plans.values())
        n += sum(a.parent_id in g.areas for a in g.areas.values())
        n += sum((v.serves_id in g.elements) + (v.area_id in g.areas) for v in g.value_chains.values())
        n += sum(1 for lk in g.links if lk.relation in REL_TYPES and g.node(lk.source_id)
                 and g.node(lk.target_id))
    else:
        ids = {i for i, r in list(g.elements.items()) + list(g.projects.items()) if r.plan_id == replace}
        n += sum(1 for lk in g.links if lk.relation in REL_TYPES and g.node(lk.source_id)
                 and g.node(lk.target_id) and (lk.source_id in ids or lk.target_id in ids))
    return n


def workbook_props(g: PlanGraph) -> dict[str, Any]:
    return {"id": WORKBOOK_ID, "era": g.era, "sheets": sorted(g.sheets), "source": g.source,
            "policy": g.policy.name, "policy_json": policy_json(g.policy),
            "schema_version": SCHEMA_VERSION, "namespace": g.namespace,
            # several workbooks in one graph: their namespaces (node ids are namespace:id)
            "workbooks": list(g.workbooks), "workbook_sources": list(g.workbooks.values()),
            "shared": list(g.shared)}


def finding_props(seq: int, f: Finding) -> dict[str, Any]:
    props: dict[str, Any] = {"seq": seq, "code": f.code, "severity": f.severity,
                             "subject": f.subject, "related": list(f.related),
                             "args": json.dumps(f.args, ensure_ascii=False, default=str)}
    if f.location is not None:
        props["sheet"] = f.location.sheet
        if f.location.row is not None:
            props["row"] = f.location.row
        if f.location.column is not None:
            props["column"] = f.location.column
        if f.location.file is not None:
            props["file"] = f.location.file
    return props


def finding_from_props(props: dict[str, Any]) -> Finding:
    """A stored load finding; Neo4jError naming the property when it was damaged."""
    missing = [k for k in ("code", "severity", "subject") if not isinstance(props.get(k), str)]
    try:
        if missing:
            raise ValueError(f"no text in {', '.join(missing)}")
        args = json.loads(props.get("args") or "{}")
        if not isinstance(args, dict):
            raise ValueError("args is not a JSON object")
        related = props.get("related") or ()
        if isinstance(related, str) or not all(isinstance(x, str) for x in related):
            raise ValueError("related is not a list of ids")
        file = props.get("file")
        loc = Location(str(props["sheet"]), props.get("row"), props.get("column"),
                       file=file if isinstance(file, str) else None) \
            if props.get("sheet") is not None else None
        return Finding(props["code"], props["severity"], props["subject"], tuple(related), loc, args)
    except (TypeError, ValueError) as exc:
        raise Neo4jError.keyed("error.neo4j.finding_damaged", seq=props.get("seq", "?"),
                               reason=_why(exc)) from None


def _why(exc: Exception):
    """What is damaged, said in the message's language: a policy error's own text, one
    of the reasons above (``neo4j.damaged.*``), or the parser's words as they are."""
    return exc if isinstance(exc, PolicyError) else phrase(first_line(exc), "neo4j.damaged.")


# ---- reading ----------------------------------------------------------------------
@wraps_driver_errors
def read_workbook_node(driver, database: str | None = None) -> dict[str, Any] | None:
    with session(driver, database, default_access_mode="READ") as s:
        rec = s.run("MATCH (w:Workbook {id: $id}) RETURN properties(w) AS p", id=WORKBOOK_ID).single()
    return dict(rec["p"]) if rec else None


def stored_policy(meta: dict[str, Any] | None) -> Policy:
    if meta and meta.get("policy_json"):
        return policy_from_json(meta["policy_json"])
    return TH_ONE_PLAN


@wraps_driver_errors
def read_neo4j(driver, database: str | None = None, policy: Policy | None = None) -> PlanGraph:
    """The graph stored by :func:`write_neo4j` (policy: the stored one unless given).

    Raises InputError when the database holds no stratlink workbook.
    """
    require_complete(driver, database)
    meta = read_workbook_node(driver, database)
    if meta is None:
        raise InputError.keyed("error.neo4j.no_workbook")
    g = PlanGraph(policy or stored_policy(meta))
    with session(driver, database, default_access_mode="READ") as s:
        for rtype, label in LABELS.items():
            rows = s.run(f"MATCH (n:{label}) RETURN properties(n) AS p ORDER BY n.row, n.id")
            for rec in rows:
                g.add(record_from_props(rtype, dict(rec["p"])))
        links = s.run("""
            MATCH (s:Node)-[l:CONTRIBUTES_TO|ALIGNS_WITH|CONFLICTS_WITH]->(t:Node)
            RETURN s.id AS s, t.id AS t, type(l) AS type, properties(l) AS p
            ORDER BY l.row, l.key""")
        for rec in links:
            props = dict(rec["p"])
            props.update(source_id=rec["s"], target_id=rec["t"], relation=RELATIONS_OF[rec["type"]])
            props.pop("key", None)
            g.add(record_from_props(Link, props))
        for rec in s.run("MATCH (n:LinkRow) RETURN properties(n) AS p ORDER BY n.row, n.key"):
            props = dict(rec["p"])
            props.pop("key", None)
            g.add(record_from_props(Link, props))
        g.load_findings = [finding_from_props(dict(rec["p"])) for rec in s.run(
            "MATCH (f:LoadFinding) RETURN properties(f) AS p ORDER BY f.seq")]
    g.era = meta.get("era") or "CE"
    g.sheets = set(meta.get("sheets") or ())
    g.source = meta.get("source") or ""
    g.namespace = meta.get("namespace") or ""
    g.workbooks = dict(zip(meta.get("workbooks") or (), meta.get("workbook_sources") or ()))
    g.shared = tuple(meta.get("shared") or ())
    g.invalidate()
    return g


@wraps_driver_errors
def stored_counts(driver, database: str | None = None) -> dict[str, int]:
    """Nodes per stratlink label and relationships per type (for tests and the CLI)."""
    out: dict[str, int] = {}
    with session(driver, database, default_access_mode="READ") as s:
        for label in ALL_LABELS + ("Node",):
            out[label] = s.run(f"MATCH (n:{label}) RETURN count(n) AS c").single()["c"]
        for rec in s.run("MATCH ()-[r]->() RETURN type(r) AS t, count(r) AS c"):
            out[rec["t"]] = rec["c"]
    return out


__all__ = ["DEFAULT_BATCH_SIZE", "LABEL_PATTERN", "REL_TYPES", "RELATIONS", "WriteStats",
           "label_for_level", "link_keys", "read_neo4j", "stored_counts", "write_neo4j"]
