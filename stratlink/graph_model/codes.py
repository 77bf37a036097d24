"""The one registry of finding codes.

Each code is declared once, here, with its severity, its stage, its location rule
and its message (a key of :mod:`stratlink.i18n`). Everything else derives from it:
``CODES`` (code -> severity), ``Finding.make``, the order findings are sorted in
(the order of declaration within a severity), the message a finding renders, and
the test that every query engine and the parity suite cover every code an engine
must compute.

Stages:

* ``load`` -- found while reading a workbook (the loaders);
* ``import`` -- found while importing a sheet of another shape (e.g. a wide sheet);
* ``validate`` -- found by ``stratlink validate`` (SHACL);
* ``structure``, ``conflict``, ``coverage`` -- computed by every query engine
  (:data:`ENGINE_STAGES`); an engine declares which method computes which code
  with :func:`stratlink.queries.engine.computes`.

Location rules (what ``Finding.location`` holds):

* ``cell`` -- the sheet, row and column of the offending cell (``row``: the whole row);
* ``sheet`` -- the sheet only (a missing sheet);
* ``subject`` -- the subject's row in the subject's sheet, column null;
* ``link`` -- the link's row in ``links``, column null;
* ``value_chain`` -- the chain's row in ``value_chains``, column null;
* ``none`` -- no location (e.g. a SHACL result about an RDF node).

Adding a code is one :func:`register` call -- its severity, stage, location rule and
its message in English and Thai (``en=``, ``th=``; they become the catalogue entry
``finding.<CODE>`` of :mod:`stratlink.i18n`, which the CLI, the outputs and the
report read) -- plus one ``@computes("<CODE>")`` method in each query engine
(networkx, array, cypher). Nothing else lists the codes: the engines run every
``@computes`` method, and the parity suite and the registry tests enumerate the
registry. (The codes of the spec keep their messages in ``i18n.py`` itself, next to
the rest of the text.)

>>> CODES["ORPHAN_PROJECT"], REGISTRY["ORPHAN_PROJECT"].stage
('error', 'structure')
>>> [c.name for c in engine_codes()][:3]
['ORPHAN_PROJECT', 'BROKEN_CHAIN', 'ORPHAN_ELEMENT']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from stratlink import i18n
from stratlink.i18n import text, word

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)
SEVERITY_RANK = {INFO: 0, WARNING: 1, ERROR: 2}

FINDING_STAGES = ("load", "import", "validate", "structure", "conflict", "coverage")
#: the stages whose codes every query engine computes
ENGINE_STAGES = ("structure", "conflict", "coverage")
LOCATION_RULES = ("cell", "sheet", "subject", "link", "value_chain", "none")


@dataclass(frozen=True)
class Code:
    """One finding code. ``variant`` picks another message key for some findings;
    ``message_args`` adds arguments the templates need (given the finding and the
    language)."""

    name: str
    severity: str
    stage: str
    location: str
    message: str
    variant: Callable[[Any], str | None] | None = None
    message_args: Callable[[Any, str], dict[str, Any]] | None = None

    def message_key(self, finding) -> str:
        if self.variant is not None:
            return self.variant(finding) or self.message
        return self.message

    @property
    def computed_by_engines(self) -> bool:
        return self.stage in ENGINE_STAGES


#: code name -> Code, in declaration order (the order of the spec; later codes after)
REGISTRY: dict[str, Code] = {}
#: code name -> severity (derived from REGISTRY)
CODES: dict[str, str] = {}
_RANK: dict[str, int] = {}


def register(name: str, severity: str, stage: str, location: str, message: str | None = None,
             variant=None, message_args=None, *, en: str | None = None, th: str | None = None) -> Code:
    """Declare a finding code (once).

    ``message`` is the catalogue key of its text (default ``finding.<name>``);
    ``en`` and ``th`` give that text here, with the code (both are required when the
    catalogue does not have the key yet). Templates see ``subject``, ``related``,
    ``first`` and the finding's own arguments.

    >>> import stratlink.graph_model.codes as c
    >>> saved = dict(c.REGISTRY), dict(c.CODES), dict(c._RANK)
    >>> code = register("EXAMPLE_CODE", "warning", "structure", "subject",
    ...                 en="plan {subject} is an example", th="แผน {subject} เป็นตัวอย่าง")
    >>> i18n.text(code.message, "th", subject="P-1")
    'แผน P-1 เป็นตัวอย่าง'
    >>> register("OTHER_CODE", "warning", "structure", "subject")
    Traceback (most recent call last):
    ...
    ValueError: finding code OTHER_CODE: no message: give en= and th= (or a finding.OTHER_CODE entry in i18n)
    >>> _ = i18n.CATALOGUE.pop(code.message)
    >>> for table, old in zip((c.REGISTRY, c.CODES, c._RANK), saved): table.clear(); table.update(old)
    """
    if name in REGISTRY:
        raise ValueError(f"finding code {name} is already registered")
    if severity not in SEVERITIES or stage not in FINDING_STAGES or location not in LOCATION_RULES:
        raise ValueError(f"finding code {name}: bad severity, stage or location rule")
    key = message or f"finding.{name}"
    if en is not None and th is not None:
        i18n.CATALOGUE.setdefault(key, {"en": en, "th": th})
    elif not i18n.has(key):
        raise ValueError(f"finding code {name}: no message: give en= and th= (or a {key} entry in i18n)")
    code = Code(name, severity, stage, location, key, variant, message_args)
    REGISTRY[name] = code
    CODES[name] = severity
    _RANK[name] = len(_RANK)
    return code


def engine_codes() -> list[Code]:
    """The codes every query engine must compute, in declaration order."""
    return [c for c in REGISTRY.values() if c.computed_by_engines]


def codes_of(stage: str) -> tuple[str, ...]:
    return tuple(c.name for c in REGISTRY.values() if c.stage == stage)


def code_rank(name: str) -> int:
    """Position of a code in the registry (unregistered codes after all)."""
    return _RANK.get(name, len(REGISTRY))


def _cycle_only(finding) -> str | None:
    return None if finding.related else "finding.BROKEN_CHAIN/cycle"


def _stages_th(finding, lang: str) -> dict[str, Any]:
    """The missing stages as a Thai list: "กลางทางและปลายทาง", "ต้นทาง กลางทาง และปลายทาง"."""
    words = [word(r, "th") for r in finding.related]
    if len(words) < 2:
        return {"stages_th": "".join(words)}
    joined = " ".join(words[:-1]) + (" " if len(words) > 2 else "") + text("part.and", "th") + words[-1]
    return {"stages_th": joined}


# ---- the codes, in the spec's order (load, structure, conflict, coverage) ------------
register("DUPLICATE_ID", ERROR, "load", "cell")
register("UNKNOWN_REFERENCE", ERROR, "load", "cell")
register("INVALID_VALUE", ERROR, "load", "cell")
register("MISSING_SHEET", ERROR, "load", "sheet")
# RDF input: triples outside stratlink's vocabulary (kept on RDF export)
register("UNKNOWN_TRIPLES", WARNING, "load", "none")
register("ORPHAN_PROJECT", ERROR, "structure", "subject")
register("BROKEN_CHAIN", ERROR, "structure", "subject", variant=_cycle_only)
register("ORPHAN_ELEMENT", WARNING, "structure", "subject")
register("CYCLE", ERROR, "structure", "subject")
register("DOWNWARD_LINK", ERROR, "structure", "link")
register("LEVEL_SKIP", WARNING, "structure", "link")
register("CONFLICTING_TARGETS", ERROR, "conflict", "subject")
register("SCOPE_MISMATCH", WARNING, "conflict", "link")
register("PERIOD_MISMATCH", WARNING, "conflict", "link")
register("INCONSISTENT_LINEAGE", WARNING, "conflict", "subject")
register("UNCOVERED_ELEMENT", WARNING, "coverage", "subject")
register("VALUE_CHAIN_GAP", WARNING, "coverage", "value_chain", message_args=_stages_th)
register("DUPLICATE_PROJECT", WARNING, "coverage", "subject")
# import-wide (shared/spec/wide-sheet.md): located at the user's sheet, row and column title
register("UNMATCHED_LABEL", ERROR, "import", "cell")
register("AMBIGUOUS_LABEL", ERROR, "import", "cell")
register("CLAIM_MISMATCH", WARNING, "import", "cell")
register("FUZZY_MATCH", INFO, "import", "cell")
# stratlink's own: SHACL results of `stratlink validate`
register("SHACL", ERROR, "validate", "none")
