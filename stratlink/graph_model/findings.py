"""The one result type for findings, shared by the loaders and every query engine.

>>> f = Finding("ORPHAN_PROJECT", "error", "P-017", (), Location("projects", 18))
>>> f.to_dict("en")["location"]
{'sheet': 'projects', 'row': 18, 'column': None}
>>> print(f.message("th"))
โครงการ P-017 ไม่เชื่อมโยงกับแผนใดเลย
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from stratlink.graph_model.codes import (
    CODES,
    ERROR,
    INFO,
    REGISTRY,
    SEVERITY_RANK,
    WARNING,
    codes_of,
)
from stratlink.graph_model.messages import render

__all__ = ["CODES", "ERROR", "INFO", "LOAD_CODES", "REGISTRY", "SEVERITY_RANK", "WARNING", "Finding",
           "Location", "at_or_above"]

#: code -> severity, LOAD_CODES and the severities: derived from the one registry (codes.py)
LOAD_CODES = codes_of("load")
#: the codes only ``stratlink import-wide`` reports
WIDE_CODES = codes_of("import")


@dataclass(frozen=True, order=True)
class Location:
    """Where a finding is: a sheet of the workbook model (``projects``, ``links``, ...),
    the spreadsheet row and column, and optionally the user's own file (for example
    the wide sheet a row was imported from), which JSON shows only when it is set.

    >>> Location("projects", 18, "budget", file="plan.xlsx").to_dict()
    {'sheet': 'projects', 'row': 18, 'column': 'budget', 'file': 'plan.xlsx'}
    >>> str(Location("projects", 18, file="plan.xlsx"))
    'plan.xlsx: projects, row 18'
    """

    sheet: str
    row: int | None = None
    column: str | None = None
    file: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"sheet": self.sheet, "row": self.row, "column": self.column}
        if self.file is not None:
            out["file"] = self.file
        return out

    def __str__(self) -> str:
        text = f"{self.file}: {self.sheet}" if self.file else self.sheet
        if self.row is not None:
            text += f", row {self.row}"
        if self.column:
            text += f", column {self.column}"
        return text


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    subject: str
    related: tuple[str, ...] = ()
    location: Location | None = None
    #: values the message templates use (e.g. the bad value, the reason)
    args: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def make(cls, code: str, subject: str, related=(), location=None, **args) -> Finding:
        return cls(code, REGISTRY[code].severity, subject, tuple(related), location, args)

    def __repr__(self) -> str:
        """Short: code, severity, subject and where (``to_dict()`` has everything).

        >>> Finding.make("CYCLE", "A", ["B"], Location("elements", 4))
        <Finding CYCLE error A (elements, row 4)>
        """
        where = f" ({self.location})" if self.location is not None else ""
        return f"<Finding {self.code} {self.severity} {self.subject}{where}>"

    def identity(self) -> tuple:
        """What two engines must agree on exactly."""
        return (self.code, self.severity, self.subject, self.related, self.location)

    def message(self, lang: str = "en") -> str:
        return render(self, lang)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity,
            "subject": self.subject,
            "related": list(self.related),
            "message": self.message(lang),
        }
        if self.location is not None:
            out["location"] = self.location.to_dict()
        return out


def at_or_above(findings, fail_on: str) -> list[Finding]:
    """The findings at or above ``fail_on`` ('error', 'warning' or 'never')."""
    if fail_on == "never":
        return []
    rank = SEVERITY_RANK[fail_on]
    return [f for f in findings if SEVERITY_RANK[f.severity] >= rank]
