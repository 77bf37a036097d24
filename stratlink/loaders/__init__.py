"""Loaders and writers: every physical form in, every form out.

``load(path)`` picks the reader from the path: a folder is a CSV workbook, ``.xlsx``
an Excel workbook, ``.ttl`` / ``.jsonld`` / ``.nt`` RDF. ``export(graph, path)``
picks the writer the same way (a path without one of those suffixes is a folder
of CSV files).
"""

from __future__ import annotations

from pathlib import Path

from stratlink.graph_model import PlanGraph, Policy
from stratlink.loaders.errors import MissingDependency, WorkbookError

RDF_SUFFIXES = {".ttl": "turtle", ".jsonld": "json-ld", ".json": "json-ld", ".nt": "nt"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}

__all__ = ["load", "export", "WorkbookError", "MissingDependency", "RDF_SUFFIXES"]


def load(path: str | Path, policy: Policy | None = None, encoding: str | None = None) -> PlanGraph:
    """Load a workbook in any form; raises WorkbookError when it cannot be read at all."""
    path = Path(path)
    if not path.exists():
        raise WorkbookError(f"{path}: no such file or folder")
    suffix = path.suffix.lower()
    if path.is_dir() or suffix in XLSX_SUFFIXES:
        from stratlink.loaders.workbook import load_workbook

        return load_workbook(path, policy, encoding)
    if suffix in RDF_SUFFIXES:
        from stratlink.loaders.rdf import read_rdf

        return read_rdf(path, policy)
    if suffix == ".csv":
        raise WorkbookError(f"{path}: a workbook is a folder of CSV files; give the folder {path.parent}")
    raise WorkbookError(
        f"{path}: not a plan workbook (expected a CSV folder, .xlsx, .ttl, .jsonld or .nt)"
    )


def export(graph: PlanGraph, path: str | Path, era: str | None = None) -> Path:
    """Write ``graph`` to ``path`` in the form its suffix names; returns the path."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in RDF_SUFFIXES:
        from stratlink.loaders.rdf import write_rdf
        from stratlink.loaders.workbook import atomic_write

        atomic_write(path, lambda tmp: write_rdf(graph, tmp, format=RDF_SUFFIXES[suffix]))
        return path
    if suffix in XLSX_SUFFIXES:
        from stratlink.loaders.workbook import write_xlsx

        return write_xlsx(graph, path, era)
    if path.exists() and not path.is_dir():
        raise WorkbookError(f"{path}: exists and is not a folder; CSV output goes to a folder")
    from stratlink.loaders.workbook import write_csv_folder

    write_csv_folder(graph, path, era)
    return path
