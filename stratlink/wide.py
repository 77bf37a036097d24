"""Wide project sheets in and out: ``stratlink import-wide`` and ``export-wide``
as library calls (``shared/spec/wide-sheet.md``).

This module sits above the loaders and the queries: the loaders read the sheet
and build the workbook (:mod:`stratlink.loaders.wide`); claims are checked here
against C(project) on the imported workbook, through the public query API
(``trace_down``), and never turned into links.

>>> import tempfile, os
>>> r = import_wide("examples/roiet-2561-wide.xlsx", "examples/roiet-2561-plans",
...                 map="examples/roiet-2561-wide.toml")
>>> r.summary()["projects"], r.matches["unmatched"] > 0
(78, True)
>>> out = r.write(os.path.join(tempfile.mkdtemp(), "roiet.xlsx"))
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stratlink.errors import InputError
from stratlink.graph_model import Finding, PlanGraph, Policy, at_or_above, load_policy
from stratlink.i18n import text
from stratlink.loaders import export as _export
from stratlink.loaders import load as _load
from stratlink.loaders.safety import refuse_overwrite
from stratlink.loaders.wide import SheetImport, import_sheet, read_sheet
from stratlink.loaders.wide import print_map as _print_map
from stratlink.loaders.wide_map import WideMap, read_map
from stratlink.loaders.wide_write import builtin_export_map, write_wide
from stratlink.queries import sort_findings, trace_down

__all__ = ["WideImport", "closure", "export_wide", "import_wide", "plans_only", "print_map"]


def plans_only(graph: PlanGraph) -> PlanGraph:
    """``graph`` without its projects and without any link from or to a project:
    the plans workbook a wide sheet of those projects is imported against.

    >>> import stratlink as sl
    >>> plans_only(sl.load("examples/roiet-2561")).counts()["projects"]
    0
    """
    g = PlanGraph(graph.policy)
    for sheet in ("plans", "elements", "value_chains", "areas", "organizations"):
        for rec in graph.records(sheet):
            g.add(rec)
    for link in graph.links:
        if link.source_id not in graph.projects and link.target_id not in graph.projects:
            g.add(link)
    g.sheets = set(graph.sheets) | {"plans", "elements", "projects", "links"}
    g.era = graph.era
    g.source = graph.source
    g.invalidate()
    return g


def closure(graph: PlanGraph, plans: set[str], policy: Policy | None = None) -> dict[str, set[str]]:
    """project -> the elements of ``plans`` in C(project) (checks.md), from the
    query layer's ``trace_down`` of each such element."""
    out: dict[str, set[str]] = defaultdict(set)
    for el in graph.elements.values():
        if el.plan_id in plans:
            for p in trace_down(graph, el.id, policy).projects:
                out[p].add(el.id)
    return out


@dataclass
class WideImport:
    """The result of :func:`import_wide`: the workbook ``graph`` (plans plus the
    sheet's projects and links), the sheet's ``findings`` (claims checked), the
    ``matches`` counts and what the map made of the sheet."""

    graph: PlanGraph
    sheet: SheetImport
    findings: tuple[Finding, ...]
    sources: tuple[Path, ...]

    @property
    def matches(self) -> dict[str, int]:
        return self.sheet.matches

    def summary(self) -> dict[str, Any]:
        fs = self.findings
        layout = self.sheet.layout
        return {
            "errors": sum(f.severity == "error" for f in fs),
            "warnings": sum(f.severity == "warning" for f in fs),
            "info": sum(f.severity == "info" for f in fs),
            "projects": len(self.sheet.projects),
            "links": self.sheet.links,
            "skipped_rows": self.sheet.skipped_rows,
            "header_row": layout.header_row,
            "map": layout.map.source,
            "columns": [{"title": c.title, "plan": c.plan, "use": c.use} for c in layout.map.columns],
            "ignored_columns": list(layout.ignored),
            "plans_load_findings": len(self.graph.load_findings),
        }

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The JSON of ``import-wide --format json``: ``{summary, findings, matches}``."""
        findings = []
        for f in self.findings:
            d = f.to_dict(lang)
            d.setdefault("location", None)
            findings.append(d)
        return {"summary": self.summary(), "findings": findings, "matches": dict(self.matches)}

    def exit_code(self, fail_on: str = "error") -> int:
        return 1 if at_or_above(self.findings, fail_on) else 0

    def write(self, out: str | Path, *, format: str | None = None, era: str | None = None) -> Path:
        """Write the workbook to ``out`` in any form ``stratlink export`` writes;
        refuses to write onto the sheet or the plans workbook it read."""
        refuse_overwrite(self.sources, out)
        return _export(self.graph, out, era, format=format)


def import_wide(sheet: str | Path, plans: str | Path | PlanGraph, *, map: str | Path | WideMap | None = None,
                sheet_name: str | None = None, encoding: str | None = None,
                policy: str | Path | Policy | None = None, lang: str = "en") -> WideImport:
    """Read a wide sheet against a plans workbook.

    ``plans`` is a workbook in any form stratlink reads (or a loaded graph, which is
    changed in place); ``map`` a TOML map file (default: the built-in map).
    InputError when an input cannot be read or the map does not fit the sheet.
    """
    sources = [Path(sheet)]
    if isinstance(plans, PlanGraph):
        graph = plans
    else:
        graph = _load(plans, load_policy(policy), encoding)
        sources.append(Path(plans))
    wide_map = read_map(map) if isinstance(map, (str, Path)) else map
    ws = read_sheet(sheet, sheet_name, encoding)
    result = import_sheet(ws, graph, wide_map, lang)
    findings = list(result.findings) + _check_claims(result, graph)
    return WideImport(graph, result, tuple(sort_findings(findings)), tuple(sources))


def _check_claims(result: SheetImport, graph: PlanGraph) -> list[Finding]:
    if not result.claims:
        return []
    plans = {graph.elements[c.element].plan_id for c in result.claims}
    reach = closure(graph, plans)
    out = []
    for c in result.claims:
        if c.element in reach.get(c.project, set()):
            continue
        plan = graph.elements[c.element].plan_id
        traced = sorted(e for e in reach.get(c.project, set()) if graph.elements[e].plan_id == plan)
        out.append(Finding.make(
            "CLAIM_MISMATCH", c.project, [c.element], c.location, value=c.value,
            traced=", ".join(traced) or text("wide.traced_nothing", "en", plan=plan),
            traced_th=", ".join(traced) or text("wide.traced_nothing", "th", plan=plan)))
    return out


def print_map(sheet: str | Path, plans: str | Path | PlanGraph, *, sheet_name: str | None = None,
              encoding: str | None = None, policy: str | Path | Policy | None = None) -> str:
    """A map file (TOML text) for ``sheet`` to start from."""
    graph = plans if isinstance(plans, PlanGraph) else _load(plans, load_policy(policy), encoding)
    return _print_map(read_sheet(sheet, sheet_name, encoding), graph)


def export_wide(graph: PlanGraph, target: str | Path, *, map: str | Path | WideMap | None = None,
                era: str | None = None) -> tuple[Path, int]:
    """Write ``graph`` as a wide sheet (.xlsx, else CSV) in the map's columns (the
    built-in titles without a map). Returns the path and the number of project
    links no column of the map could hold."""
    wide_map = read_map(map) if isinstance(map, (str, Path)) else map
    if wide_map is None:
        wide_map = builtin_export_map(graph)
    for col in wide_map.columns:
        if col.plan not in graph.plans:
            raise InputError.keyed("wide.error.no_plan_in_workbook", map=wide_map.source, title=col.title,
                                   plan=col.plan)
    claim_plans = {c.plan for c in wide_map.columns if c.use == "claim"}
    return write_wide(graph, wide_map, target, closure(graph, claim_plans), era)
