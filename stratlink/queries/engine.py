"""The query-engine interface every backend implements, and the decisions the spec
(``shared/spec/checks.md``) leaves open, fixed here so that engines agree exactly.

The finding codes and what each engine computes: ``graph_model/codes.py`` (the one
registry) and the ``@computes(...)`` methods of each engine (see ``docs/codes.md``).
What the engines share -- running the checks, message arguments (chain ends, cycle
arrows, the Buddhist-Era offset), the trace work limit, trace/matrix/coverage
assembly and their orders -- is written once in :class:`Engine` and the builders
below; the engines differ only in how they compute the sets.

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
from collections.abc import Callable, Iterable
from decimal import Decimal

from stratlink.errors import UnknownNodeError
from stratlink.graph_model import STAGES, Finding, Location, PlanGraph, Policy
from stratlink.graph_model.codes import engine_codes
from stratlink.graph_model.names import normalise_name as _normalise_name
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

#: Work limit of the trace path search (partial paths an engine may open before it
#: stops with a correct prefix and ``truncated`` true); a pathological graph only.
PATH_WORK_LIMIT = 200_000

#: What an id that is not a project or element is, by sheet (for UnknownNodeError).
NOT_A_NODE = {"plans": "plan", "value_chains": "value chain", "areas": "area",
              "organizations": "organization"}

#: Years are stored in Common Era; messages show them in the era the input used.
BE_OFFSET = 543


def computes(*codes: str) -> Callable:
    """Mark an engine method as the one that computes these finding codes.

    The method is called by :meth:`Engine.check` with the list of findings to append
    to; it may return a dict with the summary's ``projects`` and ``complete``.
    Every engine must cover every code of the structure, conflict and coverage
    stages of the registry (``graph_model/codes.py``); a test checks it.
    """

    def mark(method):
        method.computes = codes
        return method

    return mark


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


def cycle_text(members: Iterable[str]) -> str:
    """The ``{cycle}`` of a CYCLE message: members joined by arrows (sorted ids).

    >>> cycle_text(["B", "A"]), cycle_text(["A"])
    ('A ↔ B', 'A → A')
    """
    ids = sorted(members)
    return " ↔ ".join(ids) if len(ids) > 1 else f"{ids[0]} → {ids[0]}"


def path_order(path: tuple[str, ...]) -> tuple:
    """The order of trace paths: shortest first, then by the ids in code-point order."""
    return (len(path), path)


class Engine(abc.ABC):
    """A query engine over one plan graph and one policy.

    Constructed as ``EngineClass(graph, policy=None)``; ``policy`` defaults to
    ``graph.policy``. An engine computes sets (reachability, findings' subjects);
    everything else -- running the checks, the findings' message arguments, trace,
    matrix and coverage assembly, ordering -- is done here, once.

    Subclasses implement :meth:`load_findings`, one ``@computes(...)`` method per
    group of finding codes, :meth:`node_kind`, :meth:`top_reach`, :meth:`paths`,
    :meth:`projects_beneath`, :meth:`matrix` and :meth:`coverage` (with the
    builders :func:`build_matrix` and :func:`build_coverage`).
    """

    #: a short name, e.g. 'networkx' or 'cypher'
    name: str = ""
    policy: Policy
    #: 'CE' or 'BE': the era years are shown in
    era: str = "CE"

    # ---- check ----------------------------------------------------------------
    @classmethod
    def computed_codes(cls) -> dict[str, str]:
        """code -> the name of the method that computes it."""
        out: dict[str, str] = {}
        for name, method in cls._check_methods():
            for code in method.computes:
                out[code] = f"{cls.__name__}.{name}"
        return out

    @classmethod
    def _check_methods(cls) -> list[tuple[str, Callable]]:
        found: dict[str, Callable] = {}
        for klass in reversed(cls.__mro__):
            for name, member in vars(klass).items():
                if callable(member) and hasattr(member, "computes"):
                    found[name] = member
        return list(found.items())

    def check(self) -> CheckReport:
        """Every load, structure, conflict and coverage finding, with the summary."""
        missing = [c.name for c in engine_codes() if c.name not in self.computed_codes()]
        if missing:
            raise NotImplementedError(f"the {self.name} engine does not compute {', '.join(missing)}")
        findings: list[Finding] = list(self.load_findings())
        counts: dict[str, int] = {}
        for _, method in self._check_methods():
            got = method(self, findings)
            if got:
                counts.update(got)
        return CheckReport.build(findings, counts["projects"], counts["complete"])

    @abc.abstractmethod
    def load_findings(self) -> list[Finding]:
        """The findings of loading the graph."""

    # ---- finding builders (the message arguments, written once) ------------------
    def shown_year(self, year: int | None):
        """A year as messages show it: in the input's era; '' when unknown."""
        if year is None:
            return ""
        return year + (BE_OFFSET if self.era == "BE" else 0)

    def broken_chain(self, project: str, sinks: Iterable[str], location: Location) -> Finding:
        level = self.policy.level(self.policy.top_level)
        return Finding.make("BROKEN_CHAIN", project, sorted(sinks), location,
                            top=level.label_en or level.name, top_th=level.label_th or level.name)

    def cycle(self, members: Iterable[str], location: Location) -> Finding:
        ids = sorted(members)
        return Finding.make("CYCLE", ids[0], ids[1:], location, cycle=cycle_text(ids))

    def level_skip(self, source: str, target: str, location: Location) -> Finding:
        return Finding.make("LEVEL_SKIP", source, [target], location, jump=self.policy.max_level_jump)

    def scope_mismatch(self, source: str, target: str, location: Location, source_area: str,
                       target_area: str) -> Finding:
        return Finding.make("SCOPE_MISMATCH", source, [target], location,
                            source_area=source_area, target_area=target_area)

    def period_mismatch(self, project: str, target: str, location: Location, year: int,
                        start: int | None, end: int | None) -> Finding:
        return Finding.make("PERIOD_MISMATCH", project, [target], location, year=self.shown_year(year),
                            start=self.shown_year(start), end=self.shown_year(end))

    def duplicate_projects(self, members: Iterable[tuple[str, int | None]]) -> Finding:
        """One DUPLICATE_PROJECT for (id, row) pairs: the smallest id is the subject."""
        ordered = sorted(members, key=lambda m: m[0])
        return Finding.make("DUPLICATE_PROJECT", ordered[0][0], [m[0] for m in ordered[1:]],
                            Location("projects", ordered[0][1]))

    # ---- trace ----------------------------------------------------------------
    @abc.abstractmethod
    def node_kind(self, node_id: str) -> str | None:
        """'node' for a project or element; the sheet of any other record with that
        id; None when there is none."""

    def require_node(self, node_id: str) -> None:
        kind = self.node_kind(node_id)
        if kind != "node":
            raise UnknownNodeError(node_id, NOT_A_NODE.get(kind) if kind else None)

    @abc.abstractmethod
    def top_reach(self, node_id: str) -> Iterable[str]:
        """The top nodes in C(node_id), in any order."""

    @abc.abstractmethod
    def paths(self, node_id: str, max_paths: int) -> tuple[tuple[tuple[str, ...], ...], bool]:
        """The first ``max_paths`` maximal simple upward paths in :func:`path_order`,
        and whether more exist (see the module's decisions)."""

    @abc.abstractmethod
    def projects_beneath(self, node_id: str) -> Iterable[str]:
        """The projects p with ``node_id`` in C(p), in any order."""

    def trace(self, node_id: str, max_paths: int = DEFAULT_MAX_PATHS) -> Trace:
        """Upward trace; raises UnknownNodeError for an id that is not a node."""
        self.require_node(node_id)
        if max_paths < 0:
            raise ValueError("max_paths must be >= 0")
        reaches = tuple(sorted(self.top_reach(node_id)))
        paths, truncated = self.paths(node_id, max_paths)
        return Trace(node_id, reaches, bool(reaches), paths, truncated)

    def trace_down(self, node_id: str) -> DownTrace:
        """The projects beneath ``node_id``; raises UnknownNodeError for an id that is not a node."""
        self.require_node(node_id)
        return DownTrace(node_id, tuple(sorted(self.projects_beneath(node_id))))

    # ---- matrix and coverage --------------------------------------------------
    @abc.abstractmethod
    def matrix(self) -> Matrix:
        """Projects x top-level elements, each cell 'primary', 'secondary' or ''."""

    @abc.abstractmethod
    def coverage(self) -> Coverage:
        """Projects and budget beneath each top element and each coverage-level element."""

    def coverage_levels(self) -> list[str]:
        """The levels coverage reports: the top level, then the policy's coverage levels."""
        return list(dict.fromkeys([self.policy.top_level, *self.policy.coverage_levels]))

    def level_order(self, level: str | None) -> int:
        """Sort position of a level (its ladder position; unknown levels last)."""
        return self.policy.position(level) if level in self.policy.level_names else 1 << 30


def build_matrix(projects: Iterable[str], tops: Iterable[str],
                 beneath: Callable[[str], tuple[Iterable[str], Iterable[str]]]) -> Matrix:
    """The matrix from, per top element, the projects beneath it (all links) and
    those beneath it by a primary-only path."""
    projects, tops = sorted(projects), sorted(tops)
    index = {p: i for i, p in enumerate(projects)}
    cells = [[""] * len(tops) for _ in projects]
    for j, t in enumerate(tops):
        below, primary = beneath(t)
        for p in below:
            cells[index[p]][j] = SECONDARY
        for p in primary:
            cells[index[p]][j] = PRIMARY
    return Matrix(tuple(projects), tuple(tops), tuple(tuple(c) for c in cells))


def coverage_row(element: str, level: str | None, below: Iterable[tuple[str, Decimal | None, str | None]],
                 primary: Iterable[str]) -> CoverageRow:
    """One coverage row from the projects beneath ``element`` as (id, budget, stage)
    and the ids of those beneath it by a primary-only path."""
    budgets: dict[str, Decimal] = {}
    stages = dict.fromkeys(STAGES, 0)
    for pid, budget, stage in below:
        budgets[pid] = budget if budget is not None else Decimal(0)
        if stage in stages:
            stages[stage] += 1
    return CoverageRow(element, level or "", len(budgets),
                       sum((budgets[p] for p in primary), Decimal(0)),
                       sum(budgets.values(), Decimal(0)), stages)


def build_coverage(engine: Engine, rows: Iterable[CoverageRow]) -> Coverage:
    """Coverage rows in the contract's order: ladder position of the level, then id."""
    return Coverage(tuple(sorted(rows, key=lambda r: (engine.level_order(r.level), r.element))))
