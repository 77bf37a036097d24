"""The query-engine interface every backend implements, and the decisions the spec
(``shared/spec/checks.md``) leaves open, fixed here so that engines agree exactly.

Decisions (binding for every engine):

* ``check`` reports the graph's load findings followed by the structure, conflict
  and coverage findings, sorted by :func:`~stratlink.queries.results.finding_sort_key`.
* Locations: a finding about a node (ORPHAN_PROJECT, BROKEN_CHAIN, ORPHAN_ELEMENT,
  CYCLE, CONFLICTING_TARGETS, INCONSISTENT_LINEAGE, UNCOVERED_ELEMENT,
  DUPLICATE_PROJECT) is located at its subject's row in the subject's sheet; a
  VALUE_CHAIN_GAP at the chain's row in ``value_chains``; a finding about a link
  (DOWNWARD_LINK, LEVEL_SKIP, SCOPE_MISMATCH, PERIOD_MISMATCH) at the link's row in
  ``links``. The column is always null; the row is null when the record has none
  (RDF, Neo4j).
* The link checks (DOWNWARD_LINK, LEVEL_SKIP, SCOPE_MISMATCH, PERIOD_MISMATCH) and
  INCONSISTENT_LINEAGE look at the links that are edges of U: ``contributes_to`` and
  ``aligns_with`` links whose two ends are projects or elements. ``conflicts_with``
  links make no claim of climbing or serving, so they are never checked as links.
  Each link row is checked on its own: two equal rows give two findings.
* PERIOD_MISMATCH: the target's plan is the plan of the target element or project;
  each bound is checked on its own (a plan with only ``period_start`` is checked
  against its start only).
* SCOPE_MISMATCH: areas are followed up ``areas.parent_id`` (a loop in the area
  tree stops the walk).
* DUPLICATE_PROJECT: a project with neither ``name_th`` nor ``name_en`` is never a
  duplicate; the key is (normalised name, area_id or '', fiscal_year or none).
* A top node is any node (element or project) whose plan is at ``top_level``.
* Summary: ``errors``/``warnings`` count every reported finding including load
  findings; ``projects`` = projects loaded; ``complete`` = projects whose C(n)
  holds a top node (``local_only`` ones included).
* trace: ``paths`` are the maximal simple upward paths in the order
  (len(path), path) -- shortest first, then by the list of ids in code-point order;
  the first ``max_paths`` of that order are returned, and ``truncated`` is true
  exactly when more than ``max_paths`` maximal paths exist. (An engine may also cut
  the search after a large amount of work on a pathological graph; it then returns
  a correct prefix of that order and ``truncated`` true. The engines measure
  that work differently, so on such a graph their prefixes may differ; below the
  limit -- every graph the parity tests draw -- they are equal.) A trace of an id that is
  not a project or element raises :class:`~stratlink.queries.results.UnknownNodeError`.
* Matrix and coverage: see :class:`~stratlink.queries.results.Matrix` and
  :class:`~stratlink.queries.results.Coverage`.
"""

from __future__ import annotations

import abc

from stratlink.graph_model import PlanGraph
from stratlink.graph_model.names import normalise_name as _normalise_name
from stratlink.queries.results import (
    DEFAULT_MAX_PATHS,
    CheckReport,
    Coverage,
    DownTrace,
    Matrix,
    Trace,
)


class Engine(abc.ABC):
    """A query engine over one plan graph and one policy.

    Constructed as ``EngineClass(graph, policy=None)``; ``policy`` defaults to
    ``graph.policy``.
    """

    #: a short name, e.g. 'networkx' or 'cypher'
    name: str = ""

    @abc.abstractmethod
    def check(self) -> CheckReport:
        """Every load, structure, conflict and coverage finding, with the summary."""

    @abc.abstractmethod
    def trace(self, node_id: str, max_paths: int = DEFAULT_MAX_PATHS) -> Trace:
        """Upward trace; raises UnknownNodeError for an id that is not a node."""

    @abc.abstractmethod
    def trace_down(self, node_id: str) -> DownTrace:
        """The projects beneath ``node_id``; raises UnknownNodeError for an id that is not a node."""

    @abc.abstractmethod
    def matrix(self) -> Matrix:
        """Projects x top-level elements, each cell 'primary', 'secondary' or ''."""

    @abc.abstractmethod
    def coverage(self) -> Coverage:
        """Projects and budget beneath each top element and each coverage-level element."""


def normalise_name(name: str) -> str:
    """A project name as DUPLICATE_PROJECT compares it: NFC, Thai digits to ASCII,
    zero-width characters removed, white space collapsed, trimmed, casefolded
    (the one definition is :func:`stratlink.graph_model.names.normalise_name`).

    >>> normalise_name(" Road\u200b  ๑๒ \\tMoo 3 ") == normalise_name("road 12 MOO 3")
    True
    """
    return _normalise_name(name)


def area_within(graph: PlanGraph, inner: str, outer: str) -> bool:
    """Whether area ``inner`` is ``outer`` or inside it, following ``areas.parent_id``.

    >>> from stratlink.graph_model import Area
    >>> g = PlanGraph(); g.add(Area("45", name_en="Roi Et")); g.add(Area("4501", parent_id="45"))
    >>> area_within(g, "4501", "45"), area_within(g, "45", "4501")
    (True, False)
    """
    seen = set()
    current: str | None = inner
    while current is not None and current not in seen:
        if current == outer:
            return True
        seen.add(current)
        area = graph.areas.get(current)
        current = area.parent_id if area is not None else None
    return False
