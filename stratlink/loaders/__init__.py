"""Loaders and writers: every physical form in, every form out.

Which reader or writer is used comes from the one table of formats
(:mod:`stratlink.loaders.formats`): ``format=`` names it, else the path's suffix,
else (for reading) the file's first bytes.
"""

from __future__ import annotations

from pathlib import Path

from stratlink.errors import InputError, MissingDependency
from stratlink.graph_model import PlanGraph, Policy
from stratlink.loaders.formats import FORMAT_NAMES, FORMATS, Format, detect, format_for

__all__ = ["FORMATS", "FORMAT_NAMES", "Format", "InputError", "MissingDependency", "export", "load"]


def load(path: str | Path, policy: Policy | None = None, encoding: str | None = None,
         format: str | None = None) -> PlanGraph:
    """Load a workbook in any form; raises InputError when it cannot be read at all."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    return detect(path, format).read(path, policy, encoding)


def export(graph: PlanGraph, path: str | Path, era: str | None = None,
           format: str | None = None) -> Path:
    """Write ``graph`` to ``path`` in the form ``format`` or its suffix names; returns the path.

    Refuses (InputError) to write onto the source the graph was loaded from."""
    from stratlink.loaders.safety import refuse_overwrite

    path = Path(path)
    refuse_overwrite([graph.source], path)
    return format_for(path, format).write(graph, path, era)
