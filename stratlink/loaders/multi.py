"""Many workbooks, one graph.

Each workbook is loaded as on its own, then all are merged into one
:class:`PlanGraph` whose ids are ``namespace:id``. A workbook's namespace is its
file or folder name, unless its ``meta`` sheet names one.

An id is local to the workbook that defines it. A reference resolves first inside
its own workbook, then in the *shared* workbooks (``--shared``: typically the
national strategy and master plans), in the order given; a shared workbook may
refer to the shared workbooks before it. What resolves nowhere is
``UNKNOWN_REFERENCE``, reported with the workbook's own file, sheet, row and column.

Checks then run on the merged graph unchanged: a provincial project traces
through the shared national nodes.

>>> from stratlink.graph_model import PlanGraph, Plan, Element, Project, Link
>>> nat = PlanGraph(); nat.namespace = "national"
>>> nat.add(Plan("NS", "national")); nat.add(Element("S1", "NS", "strategy"))
>>> prov = PlanGraph(); prov.namespace = "roiet"
>>> prov.add(Plan("P", "province")); prov.add(Project("X", "P")); prov.add(Link("X", "S1"))
>>> g = merge([prov], [nat])
>>> sorted(g.projects), g.links[0].target_id, g.scope("national:S1")
(['roiet:X'], 'national:S1', ('national', 'S1'))
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from stratlink.errors import InputError
from stratlink.graph_model import SHEET_ORDER, Finding, Location, PlanGraph, Policy

#: the sheets a reference column may name, per sheet and column
REFERENCES: dict[str, dict[str, tuple[str, ...]]] = {
    "plans": {"area_id": ("areas",)},
    "elements": {"plan_id": ("plans",), "parent_id": ("elements",)},
    "projects": {"plan_id": ("plans",), "area_id": ("areas",), "value_chain_id": ("value_chains",),
                 "owner": ("organizations",)},
    "value_chains": {"serves_id": ("elements",), "area_id": ("areas",)},
    "areas": {"parent_id": ("areas",)},
    "organizations": {},
    "links": {"source_id": ("elements", "projects"), "target_id": ("elements", "projects"),
              "asserted_by": ("plans", "organizations")},
}
#: free-text columns that name a record only when such a record exists
_TEXT_REFS = {"owner", "asserted_by"}
_ID_SHEETS = ("plans", "elements", "projects", "value_chains", "areas", "organizations")


def external_ids(shared: Sequence[PlanGraph]) -> dict[str, str]:
    """id -> sheet over the shared workbooks; the first workbook holding an id wins."""
    out: dict[str, str] = {}
    for g in shared:
        for sheet in _ID_SHEETS:
            for rid in g.table(sheet):
                out.setdefault(rid, sheet)
    return out


def load_many(sources: Sequence[str | Path], shared: Sequence[str | Path] = (),
              policy: Policy | None = None, encoding: str | None = None,
              format: str | None = None) -> PlanGraph:
    """Load every workbook in ``sources`` and ``shared`` and merge them into one graph.

    Raises InputError when a workbook cannot be read or two have the same namespace.
    """
    from stratlink.loaders import load  # import cycle: stratlink.loaders imports this module

    shared_graphs: list[PlanGraph] = []
    for path in shared:
        shared_graphs.append(load(path, policy, encoding, format=format,
                                  external=external_ids(shared_graphs)))
    ext = external_ids(shared_graphs)
    graphs = [load(path, policy, encoding, format=format, external=ext) for path in sources]
    return merge(graphs, shared_graphs)


def merge(graphs: Sequence[PlanGraph], shared: Sequence[PlanGraph] = ()) -> PlanGraph:
    """One graph from workbooks loaded on their own (ids become ``namespace:id``).

    A reference of each workbook is resolved in itself, then in ``shared`` in
    order; the shared workbooks come first in the result.
    """
    parts = [*shared, *graphs]
    seen: dict[str, str] = {}
    for g in parts:
        if not g.namespace:
            raise InputError.keyed("error.multi.no_namespace", source=g.source or "a workbook")
        if g.namespace in seen:
            raise InputError.keyed("error.multi.same_namespace", first=seen[g.namespace], second=g.source,
                                   namespace=g.namespace)
        seen[g.namespace] = g.source
    first = parts[0]
    out = PlanGraph(first.policy)
    out.workbooks = {g.namespace: g.source for g in parts}
    out.shared = tuple(g.namespace for g in shared)
    out.source = ", ".join(g.source for g in parts)
    out.era = "BE" if any(g.era == "BE" for g in parts) else "CE"
    for index, g in enumerate(parts):
        # a shared workbook sees the shared ones before it; the others see all shared
        lookups = [g, *(shared[:index] if index < len(shared) else shared)]
        _merge_one(out, g, lookups)
    out.sheets = set().union(*(g.sheets for g in parts))
    out.invalidate()
    return out


def _merge_one(out: PlanGraph, g: PlanGraph, lookups: list[PlanGraph]) -> None:
    ns = g.namespace

    def resolve(value: str, sheets: tuple[str, ...], column: str) -> str:
        for candidate in lookups:
            if any(value in candidate.table(s) for s in sheets):
                return f"{candidate.namespace}:{value}"
        # unresolved: free text stays text; an unchecked id stays in its own workbook
        return value if column in _TEXT_REFS else f"{ns}:{value}"

    for sheet in SHEET_ORDER:
        refs = REFERENCES[sheet]
        for rec in g.records(sheet):
            changes: dict[str, object] = {c: resolve(getattr(rec, c), kinds, c)
                                          for c, kinds in refs.items() if getattr(rec, c) is not None}
            if sheet != "links":
                changes["id"] = f"{ns}:{rec.id}"
            copy = dataclasses.replace(rec, **changes, extra=dict(rec.extra), namespace=ns)
            out.add(copy)
    for f in g.load_findings:
        out.load_findings.append(_scoped_finding(f, g))
    out.foreign_rdf.extend(g.foreign_rdf)


def _scoped_finding(f: Finding, g: PlanGraph) -> Finding:
    """A load finding of workbook ``g`` in the merged graph: its subject (the row's
    own id) namespaced, its location naming the workbook's file."""
    plain = f.code in ("MISSING_SHEET", "UNKNOWN_TRIPLES") or not f.subject
    subject = f.subject if plain else f"{g.namespace}:{f.subject}"
    return dataclasses.replace(f, subject=subject, location=with_file(f.location, g.source))


def with_file(location: Location | None, file: str) -> Location | None:
    """``location`` naming ``file`` (when Location carries a file)."""
    if location is None:
        return None
    if "file" in {f.name for f in dataclasses.fields(Location)}:
        if getattr(location, "file", None):
            return location
        return dataclasses.replace(location, file=file)
    return location


__all__ = ["REFERENCES", "external_ids", "load_many", "merge", "with_file"]
