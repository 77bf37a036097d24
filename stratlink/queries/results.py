"""Engine-neutral result types of the queries (check, trace, matrix, coverage).

Every engine (NetworkX in memory, Cypher on Neo4j, ...) returns these objects, and
their ``to_dict()`` is the machine-readable contract of ``shared/spec/checks.md``.
Two engines agree when their results compare equal.

>>> from stratlink.graph_model import Finding, Location
>>> r = CheckReport.build([Finding.make("LEVEL_SKIP", "X", ["S"], Location("links", 3)),
...                        Finding.make("ORPHAN_PROJECT", "P", [], Location("projects", 2))],
...                       projects=2, complete=1)
>>> r.summary.to_dict()
{'errors': 1, 'warnings': 1, 'projects': 2, 'complete': 1}
>>> [f.code for f in r.findings]           # errors first
['ORPHAN_PROJECT', 'LEVEL_SKIP']
>>> r.exit_code("error"), r.exit_code("warning"), r.exit_code("never")
(1, 1, 0)
>>> Trace("P", ("S",), True, (("P", "S"),), False).to_dict()
{'subject': 'P', 'reaches': ['S'], 'complete': True, 'paths': [['P', 'S']], 'truncated': False}
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from stratlink.graph_model.findings import CODES, ERROR, SEVERITY_RANK, WARNING, Finding, at_or_above

#: Default cap on the number of paths ``trace`` returns.
DEFAULT_MAX_PATHS = 100

#: Matrix cell values.
PRIMARY = "primary"
SECONDARY = "secondary"

_CODE_RANK = {code: i for i, code in enumerate(CODES)}


def finding_sort_key(f: Finding) -> tuple:
    """The one deterministic order of findings, for every engine.

    Errors before warnings; then by code in the spec's order (load, structure,
    conflict, coverage; codes an engine adds come after, alphabetically); then
    subject, related (as a tuple of strings); then location (sheet, row with a
    missing row first, column with a missing column first).
    """
    loc = f.location
    where = (loc.sheet, -1 if loc.row is None else loc.row, loc.column or "") if loc else ("", -1, "")
    return (-SEVERITY_RANK.get(f.severity, 0), _CODE_RANK.get(f.code, len(_CODE_RANK)), f.code,
            f.subject, tuple(f.related), where)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=finding_sort_key)


@dataclass(frozen=True)
class Summary:
    """``errors``/``warnings``: findings of that severity (load findings included);
    ``projects``: projects loaded; ``complete``: projects whose C(n) holds a top node
    (``local_only`` projects count like any other)."""

    errors: int
    warnings: int
    projects: int
    complete: int

    def to_dict(self) -> dict[str, int]:
        return {"errors": self.errors, "warnings": self.warnings,
                "projects": self.projects, "complete": self.complete}


@dataclass(frozen=True)
class CheckReport:
    """Findings (sorted by :func:`finding_sort_key`) and the summary."""

    findings: tuple[Finding, ...]
    summary: Summary

    @classmethod
    def build(cls, findings: Iterable[Finding], projects: int, complete: int) -> CheckReport:
        ordered = tuple(sort_findings(findings))
        errors = sum(1 for f in ordered if f.severity == ERROR)
        warnings = sum(1 for f in ordered if f.severity == WARNING)
        return cls(ordered, Summary(errors, warnings, projects, complete))

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"summary": self.summary.to_dict(),
                "findings": [_finding_dict(f, lang) for f in self.findings]}

    def identities(self) -> list[tuple]:
        """What two engines must agree on: (code, severity, subject, related, location)."""
        return [f.identity() for f in self.findings]

    def failing(self, fail_on: str = "error") -> list[Finding]:
        return at_or_above(self.findings, fail_on)

    def exit_code(self, fail_on: str = "error") -> int:
        """0 when no finding is at or above ``fail_on`` ('error', 'warning', 'never'), else 1."""
        return 1 if self.failing(fail_on) else 0

    def by_code(self, code: str) -> list[Finding]:
        return [f for f in self.findings if f.code == code]


def _finding_dict(f: Finding, lang: str) -> dict[str, Any]:
    out = f.to_dict(lang)
    out.setdefault("location", None)
    return out


@dataclass(frozen=True)
class Trace:
    """Upward trace of ``subject``.

    ``reaches``: the sorted top nodes in C(subject); ``complete``: reaches is
    non-empty; ``paths``: the first ``max_paths`` maximal simple upward paths in the
    order (length, then the path as a list of ids); ``truncated``: more paths exist
    than were returned.
    """

    subject: str
    reaches: tuple[str, ...]
    complete: bool
    paths: tuple[tuple[str, ...], ...]
    truncated: bool

    def to_dict(self) -> dict[str, Any]:
        return {"subject": self.subject, "reaches": list(self.reaches), "complete": self.complete,
                "paths": [list(p) for p in self.paths], "truncated": self.truncated}


@dataclass(frozen=True)
class DownTrace:
    """``projects``: the sorted ids of the projects p with ``subject`` in C(p)."""

    subject: str
    projects: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"subject": self.subject, "projects": list(self.projects)}


@dataclass(frozen=True)
class Matrix:
    """Projects (sorted) x top-level elements (sorted).

    ``cells[i][j]`` is ``'primary'`` when some upward path from project i to top
    element j uses only parent edges and links whose role is primary,
    ``'secondary'`` when j is in C(project i) otherwise, and ``''`` when j is not in
    C(project i).
    """

    projects: tuple[str, ...]
    tops: tuple[str, ...]
    cells: tuple[tuple[str, ...], ...]

    def cell(self, project: str, top: str) -> str:
        return self.cells[self.projects.index(project)][self.tops.index(top)]

    def to_dict(self) -> dict[str, Any]:
        return {"tops": list(self.tops),
                "rows": [{"project": p, "cells": dict(zip(self.tops, row))}
                         for p, row in zip(self.projects, self.cells)]}


@dataclass(frozen=True)
class CoverageRow:
    """One element: the projects beneath it (p with the element in C(p)), their budget
    (all of them, and only those that reach it by a primary-only path, as in
    :class:`Matrix`), and how many of them are at each value-chain stage (projects
    without a stage are counted in ``projects`` only)."""

    element: str
    level: str
    projects: int
    budget_primary: Decimal
    budget_all: Decimal
    stages: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"element": self.element, "level": self.level, "projects": self.projects,
                "budget_primary": decimal_json(self.budget_primary),
                "budget_all": decimal_json(self.budget_all), "stages": dict(self.stages)}


@dataclass(frozen=True)
class Coverage:
    """One row per top element and per element at a coverage level, ordered by
    ladder position of the level, then id. Budgets are baht; projects without a
    budget add 0."""

    rows: tuple[CoverageRow, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"elements": [r.to_dict() for r in self.rows]}

    def row(self, element: str) -> CoverageRow:
        for r in self.rows:
            if r.element == element:
                return r
        raise KeyError(element)


def decimal_json(value: Decimal) -> int | float:
    """A budget as a JSON number: an int when whole, else a float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
