"""PlanGraph: the one in-memory model of a plan workbook that every part uses.

>>> from stratlink.graph_model import PlanGraph, Plan, Element, Project, Link
>>> g = PlanGraph()
>>> g.add(Plan("NS", "national", name_en="National Strategy"))
>>> g.add(Element("S1", "NS", "strategy", name_en="Security"))
>>> g.add(Plan("P", "province"))
>>> g.add(Project("X", "P", name_th="โครงการ"))
>>> g.add(Link("X", "S1"))
>>> g.successors("X"), g.pos("X"), g.is_top("S1")
(('S1',), 4, True)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import Decimal

from stratlink.graph_model.findings import Finding
from stratlink.graph_model.model import (
    Area,
    Element,
    Link,
    Organization,
    Plan,
    Project,
    Record,
    ValueChain,
    decimal_json,
)
from stratlink.graph_model.policy import TH_ONE_PLAN, Policy

UPWARD_RELATIONS = ("contributes_to", "aligns_with")
_TABLE_SHEETS = ("plans", "elements", "projects", "value_chains", "areas", "organizations")


def _table(sheet: str) -> property:
    def get(self) -> dict:
        if self._lazy:
            self._materialise()
        return self._tables[sheet]

    def put(self, value: dict) -> None:
        if self._lazy:
            self._materialise()
        self._tables[sheet] = value
        self._columns = None

    return property(get, put, doc=f"id -> record of the {sheet} sheet")


class PlanGraph:
    """Plans, elements, projects, links, value chains, areas and organisations.

    ``load_findings`` holds what the loader reported; ``era`` is the year era the
    input used ('BE' or 'CE'), which writers use by default; ``sheets`` is the set
    of sheets the input had (the ``areas`` sheet switches on area checks).
    """

    def __init__(self, policy: Policy = TH_ONE_PLAN) -> None:
        self.policy = policy
        #: sheet -> id -> record (made on first use when the loader gave columns)
        self._tables: dict[str, dict] = {sheet: {} for sheet in _TABLE_SHEETS}
        self._links: list[Link] = []
        #: the columnar form (see columns.py): given by the columnar loader, else
        #: made from the records on first use; dropped when the records change
        self._columns: dict | None = None
        #: True while the records are still to be made from ``_columns``
        self._lazy = False
        self.load_findings: list[Finding] = []
        self.era: str = "CE"
        self.sheets: set[str] = set()
        self.source: str = ""
        #: the workbook's namespace (its file or folder name, or its ``meta`` sheet's)
        self.namespace: str = ""
        #: key -> value of the optional ``meta`` sheet
        self.meta: dict[str, str] = {}
        #: for a graph merged from several workbooks: namespace -> source, in load
        #: order; ids are then ``namespace:id`` (empty for one workbook)
        self.workbooks: dict[str, str] = {}
        #: the namespaces of the shared workbooks (``--shared``), in order
        self.shared: tuple[str, ...] = ()
        #: RDF triples of the input outside stratlink's vocabulary (N-Triples lines),
        #: kept so that an RDF-to-RDF conversion writes them again
        self.foreign_rdf: list[str] = []
        self._cache: dict = {}

    # ---- typed records, made lazily from the columns -------------------------
    plans: dict[str, Plan] = _table("plans")  # type: ignore[assignment]
    elements: dict[str, Element] = _table("elements")  # type: ignore[assignment]
    projects: dict[str, Project] = _table("projects")  # type: ignore[assignment]
    value_chains: dict[str, ValueChain] = _table("value_chains")  # type: ignore[assignment]
    areas: dict[str, Area] = _table("areas")  # type: ignore[assignment]
    organizations: dict[str, Organization] = _table("organizations")  # type: ignore[assignment]

    @property
    def links(self) -> list[Link]:
        if self._lazy:
            self._materialise()
        return self._links

    @links.setter
    def links(self, value: list[Link]) -> None:
        if self._lazy:
            self._materialise()
        self._links = value
        self._columns = None

    def set_columns(self, columns: dict) -> None:
        """Give the graph its columnar form (from the columnar loader); the typed
        records are then made from it on first access."""
        self._tables = {sheet: {} for sheet in _TABLE_SHEETS}
        self._links = []
        self._columns = columns
        self._lazy = True

    def columns(self) -> dict:
        """The columnar form of the graph (see ``columns.py``), kept until a change."""
        if self._columns is None:
            from stratlink.graph_model.columns import from_records  # heavy: pyarrow

            self._columns = from_records(self)
        return self._columns

    @property
    def materialised(self) -> bool:
        """Whether the typed records exist (a columnar load makes them on first use)."""
        return not self._lazy

    def _materialise(self) -> None:
        from stratlink.graph_model.columns import materialise_sheet  # heavy: pyarrow

        self._lazy = False
        cols = self._columns
        for sheet in _TABLE_SHEETS:
            self._tables[sheet] = {r.id: r for r in materialise_sheet(cols[sheet])}
        self._links = materialise_sheet(cols["links"])

    # ---- building -------------------------------------------------------------
    def table(self, sheet: str) -> dict[str, Record]:
        if self._lazy:
            self._materialise()
        return self._tables[sheet]

    def add(self, record: Record) -> None:
        """Add a record (ids are assumed checked by the loader)."""
        self._cache.clear()
        self.sheets.add(record.SHEET)
        if isinstance(record, Link):
            self.links.append(record)
        else:
            self.table(record.SHEET)[record.id] = record
        self._columns = None

    def records(self, sheet: str) -> list[Record]:
        if sheet == "links":
            return list(self.links)
        return list(self.table(sheet).values())

    def invalidate(self) -> None:
        """Forget derived indexes after changing records in place."""
        self._cache.clear()
        if not self._lazy:
            self._columns = None

    # ---- namespaces -----------------------------------------------------------
    @property
    def merged(self) -> bool:
        """Whether ids are ``namespace:id`` (several workbooks in one graph)."""
        return bool(self.workbooks)

    def scope(self, any_id: str, record: Record | None = None) -> tuple[str, str]:
        """(namespace, id inside that workbook) of a record id of this graph.

        >>> g = PlanGraph(); g.namespace = "roiet"; g.scope("P1")
        ('roiet', 'P1')
        """
        rec = record if record is not None else self.get(any_id)
        ns = rec.namespace if rec is not None else None
        if self.merged and ns and any_id.startswith(ns + ":"):
            return ns, any_id[len(ns) + 1:]
        if self.merged and ":" in any_id and any_id.split(":", 1)[0] in self.workbooks:
            ns, local = any_id.split(":", 1)
            return ns, local
        return (ns or self.namespace), any_id

    # ---- lookups --------------------------------------------------------------
    def node(self, node_id: str) -> Element | Project | None:
        return self.elements.get(node_id) or self.projects.get(node_id)

    def get(self, any_id: str) -> Record | None:
        for table in (self.plans, self.elements, self.projects, self.value_chains,
                      self.areas, self.organizations):
            if any_id in table:
                return table[any_id]
        return None

    def plan_of(self, node_id: str) -> Plan | None:
        node = self.node(node_id)
        return self.plans.get(node.plan_id) if node is not None else None

    def level(self, node_id: str) -> str | None:
        plan = self.plan_of(node_id)
        return plan.level if plan is not None else None

    def pos(self, node_id: str) -> int | None:
        level = self.level(node_id)
        return self.policy.position(level) if level in self.policy.level_names else None

    def is_top(self, node_id: str) -> bool:
        return self.level(node_id) == self.policy.top_level

    def area_of(self, node_id: str) -> str | None:
        """A project's ``area_id``; for an element, its plan's ``area_id``."""
        if node_id in self.projects:
            return self.projects[node_id].area_id
        plan = self.plan_of(node_id)
        return plan.area_id if plan is not None else None

    def nodes(self) -> Iterator[str]:
        """All node ids of the upward graph: elements, then projects."""
        yield from self.elements
        yield from self.projects

    # ---- the upward graph U ---------------------------------------------------
    def upward_edges(self) -> Iterator[tuple[str, str, Link | None]]:
        """Edges of U: (source, target, link) with link None for a parent edge.

        A parent edge exists for each element whose ``parent_id`` names an element
        of the same plan; a link edge for each ``contributes_to`` or
        ``aligns_with`` link whose two ends are nodes.
        """
        for el in self.elements.values():
            parent = self.elements.get(el.parent_id) if el.parent_id else None
            if parent is not None and parent.plan_id == el.plan_id:
                yield el.id, parent.id, None
        for link in self.upward_links():
            yield link.source_id, link.target_id, link

    def upward_links(self) -> Iterator[Link]:
        """The links that are edges of U: ``contributes_to`` or ``aligns_with``
        with both ends a project or element."""
        for link in self.links:
            if link.relation in UPWARD_RELATIONS and self.node(link.source_id) is not None \
                    and self.node(link.target_id) is not None:
                yield link

    def successors_map(self) -> dict[str, tuple[str, ...]]:
        """node -> its sorted, distinct successors in U (every node is a key)."""
        cached = self._cache.get("succ")
        if cached is None:
            acc: dict[str, set[str]] = {n: set() for n in self.nodes()}
            for s, t, _ in self.upward_edges():
                acc[s].add(t)
            cached = {n: tuple(sorted(v)) for n, v in acc.items()}
            self._cache["succ"] = cached
        return cached

    def successors(self, node_id: str) -> tuple[str, ...]:
        return self.successors_map().get(node_id, ())

    def to_networkx(self):
        """U as a ``networkx.DiGraph`` for your own algorithms: one node per element
        and project (attributes ``sheet``, ``plan_id``, ``level``), one edge per
        distinct edge of U (attribute ``parent`` for a parent edge, else the
        ``relation`` and ``role`` of the first link).

        >>> from stratlink.graph_model import Plan, Element
        >>> g = PlanGraph(); g.add(Plan("NS", "national"))
        >>> g.add(Element("S1", "NS", "strategy")); g.add(Element("S1.1", "NS", "strategy", parent_id="S1"))
        >>> list(g.to_networkx().edges(data=True))
        [('S1.1', 'S1', {'parent': True})]
        """
        import networkx as nx  # heavy: only for this view

        out = nx.DiGraph()
        for n in self.nodes():
            rec = self.node(n)
            plan = self.plans.get(rec.plan_id)
            out.add_node(n, sheet=rec.SHEET, plan_id=rec.plan_id, level=plan.level if plan else None)
        for s, t, link in self.upward_edges():
            if not out.has_edge(s, t):
                attrs = {"parent": True} if link is None else {"relation": link.relation, "role": link.role}
                out.add_edge(s, t, **attrs)
        return out

    def conflict_pairs(self) -> list[tuple[str, str]]:
        """Distinct unordered conflict pairs (a, b) with a < b, sorted; both ends must exist.

        A ``conflicts_with`` link from a node to itself is ignored.
        """
        pairs = set()
        for link in self.links:
            if link.relation == "conflicts_with" and self.node(link.source_id) is not None \
                    and self.node(link.target_id) is not None and link.source_id != link.target_id:
                a, b = sorted((link.source_id, link.target_id))
                pairs.add((a, b))
        return sorted(pairs)

    # ---- comparison -----------------------------------------------------------
    def content(self) -> dict[str, object]:
        """Everything that a lossless conversion must keep (rows and order aside)."""
        out: dict[str, object] = {}
        for sheet in ("plans", "elements", "projects", "value_chains", "areas", "organizations"):
            out[sheet] = {k: _record_content(r) for k, r in self.table(sheet).items()}
        out["links"] = Counter(_record_content(link) for link in self.links)
        return out

    def same_content(self, other: PlanGraph) -> bool:
        return self.content() == other.content()

    def counts(self) -> dict[str, int]:
        if self._lazy:
            return {s: self._columns[s].n for s in ("plans", "elements", "projects", "links",
                                                    "value_chains", "areas", "organizations")}
        return {
            "plans": len(self.plans),
            "elements": len(self.elements),
            "projects": len(self.projects),
            "links": len(self.links),
            "value_chains": len(self.value_chains),
            "areas": len(self.areas),
            "organizations": len(self.organizations),
        }

    def __repr__(self) -> str:
        c = self.counts()
        return "<PlanGraph " + " ".join(f"{k}={v}" for k, v in c.items() if v) + ">"


def _record_content(record: Record) -> tuple:
    vals = tuple(sorted((k, str(v)) for k, v in record.values().items()))
    return (type(record).__name__, vals, tuple(sorted(record.extra.items())))


def summarize(graph: PlanGraph) -> dict:
    """Counts by level, kind and value chain (what ``stratlink info`` shows).

    >>> from stratlink.graph_model import Plan, Element
    >>> g = PlanGraph(); g.add(Plan("NS", "national")); g.add(Element("S1", "NS", "strategy"))
    >>> summarize(g)["levels"][0]
    {'level': 'national', 'plans': 1, 'elements': 1, 'projects': 0, 'kinds': {'strategy': 1}}
    """
    levels = {name: {"level": name, "plans": 0, "elements": 0, "projects": 0, "kinds": {}}
              for name in graph.policy.level_names}
    for plan in graph.plans.values():
        levels[plan.level]["plans"] += 1
    for el in graph.elements.values():
        row = levels[graph.plans[el.plan_id].level]
        row["elements"] += 1
        kind = el.kind or "-"
        row["kinds"][kind] = row["kinds"].get(kind, 0) + 1
    for pr in graph.projects.values():
        levels[graph.plans[pr.plan_id].level]["projects"] += 1
    for row in levels.values():
        row["kinds"] = dict(sorted(row["kinds"].items()))
    by_chain: dict[str, dict[str, int]] = {
        vc: {"upstream": 0, "midstream": 0, "downstream": 0, "none": 0} for vc in graph.value_chains}
    for pr in graph.projects.values():
        if pr.value_chain_id in by_chain:
            by_chain[pr.value_chain_id][pr.stage or "none"] += 1
    chains = []
    for vc in graph.value_chains.values():
        stages = by_chain[vc.id]
        chains.append({"id": vc.id, "name": vc.name, "serves": vc.serves_id, **stages})
    budget = sum((p.budget for p in graph.projects.values() if p.budget is not None), Decimal(0))
    return {
        "source": graph.source,
        "policy": graph.policy.name,
        "era": graph.era,
        "counts": graph.counts(),
        "load_findings": len(graph.load_findings),
        "levels": [r for r in levels.values() if r["plans"] or r["elements"] or r["projects"]],
        "value_chains": chains,
        "budget": decimal_json(budget),
    }
