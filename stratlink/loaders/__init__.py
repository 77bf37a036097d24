"""Loaders and writers: every physical form in, every form out.

Which reader or writer is used comes from the one table of formats
(:mod:`stratlink.loaders.formats`): ``format=`` names it, else the path's suffix,
else (for reading) the file's first bytes.
"""

from __future__ import annotations

from pathlib import Path

from stratlink import progress
from stratlink.errors import InputError, MissingDependency
from stratlink.graph_model import PlanGraph, Policy
from stratlink.loaders.formats import FORMAT_NAMES, FORMATS, Format, detect, format_for
from stratlink.loaders.multi import load_many as _load_many
from stratlink.loaders.national import NATIONAL, national_graph
from stratlink.loaders.safety import refuse_overwrite
from stratlink.loaders.values import namespace_from_name

__all__ = ["FORMATS", "FORMAT_NAMES", "Format", "InputError", "MissingDependency", "export", "load", "load_many"]


def load(path: str | Path, policy: Policy | None = None, encoding: str | None = None,
         format: str | None = None, external: dict[str, str] | None = None) -> PlanGraph:
    """Load a workbook in any form; raises InputError when it cannot be read at all.

    The graph's namespace is its ``meta`` sheet's ``namespace``, else the file or
    folder name. ``external`` (id -> sheet) names the records of shared workbooks
    a reference may resolve to (see :mod:`stratlink.loaders.multi`).
    """
    path = Path(path)
    if not path.exists():
        if str(path) == NATIONAL:
            return national_graph(policy)
        raise InputError.keyed("error.no_such_file", path=str(path))
    fmt = detect(path, format)
    with progress.task("progress.load", None, source=str(path)):
        graph = fmt.read(path, policy, encoding, external)
    if not graph.namespace:
        graph.namespace = graph.meta.get("namespace") or namespace_from_name(path.resolve().name)
    return graph


def load_many(sources, shared=(), policy: Policy | None = None, encoding: str | None = None,
              format: str | None = None) -> PlanGraph:
    """Several workbooks in one graph (ids ``namespace:id``); see :mod:`stratlink.loaders.multi`."""
    return _load_many(sources, shared, policy, encoding, format)


def export(graph: PlanGraph, path: str | Path, era: str | None = None,
           format: str | None = None) -> Path:
    """Write ``graph`` to ``path`` in the form ``format`` or its suffix names; returns the path.

    Refuses (InputError) to write onto the source the graph was loaded from."""
    path = Path(path)
    refuse_overwrite([graph.source, *graph.workbooks.values()], path)
    fmt = format_for(path, format)
    with progress.task("progress.export", None, target=str(path)):
        return fmt.write(graph, path, era)
