"""The one result type for findings, shared by the loaders and every query engine.

>>> f = Finding("ORPHAN_PROJECT", "error", "P-017", (), Location("projects", 18))
>>> f.to_dict("en")["location"]
{'sheet': 'projects', 'row': 18, 'column': None}
>>> print(f.message("th"))
โครงการ P-017 ไม่เชื่อมโยงกับสิ่งใดเลย
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ERROR = "error"
WARNING = "warning"
#: below warnings: a note that never fails ``--fail-on warning`` (e.g. FUZZY_MATCH)
INFO = "info"
SEVERITY_RANK = {INFO: 0, WARNING: 1, ERROR: 2}

#: code -> severity, for every code the spec defines (plus stratlink's own MISSING_SHEET
#: and UNKNOWN_TRIPLES: RDF outside stratlink's vocabulary, kept on RDF export).
CODES = {
    "DUPLICATE_ID": ERROR,
    "UNKNOWN_REFERENCE": ERROR,
    "INVALID_VALUE": ERROR,
    "MISSING_SHEET": ERROR,
    "UNKNOWN_TRIPLES": WARNING,
    "ORPHAN_PROJECT": ERROR,
    "BROKEN_CHAIN": ERROR,
    "ORPHAN_ELEMENT": WARNING,
    "CYCLE": ERROR,
    "DOWNWARD_LINK": ERROR,
    "LEVEL_SKIP": WARNING,
    "CONFLICTING_TARGETS": ERROR,
    "SCOPE_MISMATCH": WARNING,
    "PERIOD_MISMATCH": WARNING,
    "INCONSISTENT_LINEAGE": WARNING,
    "UNCOVERED_ELEMENT": WARNING,
    "VALUE_CHAIN_GAP": WARNING,
    "DUPLICATE_PROJECT": WARNING,
    # import-wide (shared/spec/wide-sheet.md)
    "UNMATCHED_LABEL": ERROR,
    "AMBIGUOUS_LABEL": ERROR,
    "CLAIM_MISMATCH": WARNING,
    "FUZZY_MATCH": INFO,
}
#: the codes only ``stratlink import-wide`` reports
WIDE_CODES = ("UNMATCHED_LABEL", "AMBIGUOUS_LABEL", "CLAIM_MISMATCH", "FUZZY_MATCH")
LOAD_CODES = ("DUPLICATE_ID", "UNKNOWN_REFERENCE", "INVALID_VALUE", "MISSING_SHEET", "UNKNOWN_TRIPLES")


@dataclass(frozen=True, order=True)
class Location:
    sheet: str
    row: int | None = None
    column: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column}

    def __str__(self) -> str:
        text = self.sheet
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
        return cls(code, CODES[code], subject, tuple(related), location, args)

    def identity(self) -> tuple:
        """What two engines must agree on exactly."""
        return (self.code, self.severity, self.subject, self.related, self.location)

    def message(self, lang: str = "en") -> str:
        from stratlink.graph_model.messages import render

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
    """The findings at or above ``fail_on`` ('error', 'warning' or 'never'); an
    ``info`` finding is never at or above either.

    >>> fs = [Finding.make("FUZZY_MATCH", "P", ["E"]), Finding.make("CLAIM_MISMATCH", "P", ["E"])]
    >>> [f.code for f in at_or_above(fs, "warning")], at_or_above(fs, "error")
    (['CLAIM_MISMATCH'], [])
    """
    if fail_on == "never":
        return []
    rank = SEVERITY_RANK[fail_on]
    return [f for f in findings if SEVERITY_RANK[f.severity] >= rank]
