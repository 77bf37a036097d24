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

from stratlink.errors import MissingDependency
from stratlink.graph_model.codes import code_rank
from stratlink.graph_model.findings import ERROR, SEVERITY_RANK, WARNING, Finding, at_or_above
from stratlink.graph_model.model import decimal_json  # noqa: F401 (part of this module's API)

#: Default cap on the number of paths ``trace`` returns.
DEFAULT_MAX_PATHS = 100

#: Matrix cell values.
PRIMARY = "primary"
SECONDARY = "secondary"


def _pandas():
    """pandas, imported when a DataFrame is asked for (an optional dependency)."""
    try:
        import pandas  # optional (extra 'frames'): imported only for to_frame()
    except ImportError:
        raise MissingDependency("pandas", "frames", "to_frame()") from None
    return pandas


def finding_sort_key(f: Finding) -> tuple:
    """The one deterministic order of findings, for every engine.

    Errors before warnings before infos; then by code in the order of the registry
    (``graph_model/codes.py``: load, structure, conflict, coverage, then codes added
    later; unregistered codes after all, alphabetically); then
    subject, related (as a tuple of strings); then location (sheet, row with a
    missing row first, column with a missing column first).
    """
    loc = f.location
    where = (loc.sheet, -1 if loc.row is None else loc.row, loc.column or "") if loc else ("", -1, "")
    return (-SEVERITY_RANK.get(f.severity, 0), code_rank(f.code), f.code,
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

    def __repr__(self) -> str:
        s = self.summary
        return (f"<CheckReport: {s.errors} errors, {s.warnings} warnings; "
                f"{s.complete} of {s.projects} projects reach the top>")

    def to_frame(self, lang: str = "en"):
        """One row per finding: code, severity, subject, related (list), message (in
        ``lang``), sheet, row, column, file. Needs pandas (``stratlink[frames]``)."""
        pd = _pandas()
        rows = []
        for f in self.findings:
            loc = f.location
            rows.append({"code": f.code, "severity": f.severity, "subject": f.subject,
                         "related": list(f.related), "message": f.message(lang),
                         "sheet": loc.sheet if loc else None, "row": loc.row if loc else None,
                         "column": loc.column if loc else None, "file": loc.file if loc else None})
        columns = ["code", "severity", "subject", "related", "message", "sheet", "row", "column",
                   "file"]
        frame = pd.DataFrame(rows, columns=columns)
        frame["row"] = frame["row"].astype("Int64")
        return frame


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

    def __repr__(self) -> str:
        state = "complete" if self.complete else "incomplete"
        more = ", truncated" if self.truncated else ""
        return f"<Trace {self.subject}: {state}, reaches {len(self.reaches)}, {len(self.paths)} paths{more}>"

    def to_frame(self):
        """One row per path: ``path`` (list of ids, from the subject up), ``length``
        (number of nodes) and ``end`` (its last node). Needs pandas."""
        pd = _pandas()
        return pd.DataFrame({"path": [list(p) for p in self.paths],
                             "length": [len(p) for p in self.paths],
                             "end": [p[-1] for p in self.paths]}, columns=["path", "length", "end"])


@dataclass(frozen=True)
class DownTrace:
    """``projects``: the sorted ids of the projects p with ``subject`` in C(p)."""

    subject: str
    projects: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"subject": self.subject, "projects": list(self.projects)}

    def __repr__(self) -> str:
        return f"<DownTrace {self.subject}: {len(self.projects)} projects beneath>"

    def to_frame(self):
        """One row per project beneath the subject (column ``project``). Needs pandas."""
        return _pandas().DataFrame({"project": list(self.projects)}, columns=["project"])


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

    def __repr__(self) -> str:
        return f"<Matrix: {len(self.projects)} projects x {len(self.tops)} top elements>"

    def to_frame(self):
        """Projects (index ``project``) x top elements (columns), each cell
        'primary', 'secondary' or ''. Needs pandas."""
        pd = _pandas()
        frame = pd.DataFrame([list(r) for r in self.cells], columns=list(self.tops),
                             index=pd.Index(list(self.projects), name="project"), dtype=object)
        frame.columns.name = "top"
        return frame


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

    def __repr__(self) -> str:
        return f"<CoverageRow {self.element} ({self.level}): {self.projects} projects>"


@dataclass(frozen=True)
class Coverage:
    """One row per top element and per element at a coverage level, ordered by
    ladder position of the level, then id. Budgets are baht; projects without a
    budget add 0."""

    rows: tuple[CoverageRow, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"elements": [r.to_dict() for r in self.rows]}

    def __repr__(self) -> str:
        return f"<Coverage: {len(self.rows)} elements>"

    def to_frame(self):
        """One row per element (index ``element``): level, projects, budget_primary,
        budget_all (exact ``Decimal`` baht) and one column per value-chain stage.
        Needs pandas."""
        pd = _pandas()
        stages = list(dict.fromkeys(s for r in self.rows for s in r.stages))
        columns = ["level", "projects", "budget_primary", "budget_all", *stages]
        data = [[r.level, r.projects, r.budget_primary, r.budget_all,
                 *[r.stages.get(s, 0) for s in stages]] for r in self.rows]
        return pd.DataFrame(data, columns=columns,
                            index=pd.Index([r.element for r in self.rows], name="element"))

    def row(self, element: str) -> CoverageRow:
        for r in self.rows:
            if r.element == element:
                return r
        raise KeyError(element)
