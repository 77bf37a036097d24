"""The one table of formats: every physical form stratlink reads and writes.

Each :class:`Format` has a name (what ``--format`` takes), the suffixes that name
it, a content sniffer for files whose suffix says nothing, and its reader and
writer. :func:`load`, :func:`export`, the CLI's ``--format`` choices and the docs
all come from :data:`FORMATS`.

>>> [f.name for f in FORMATS]
['csv', 'xlsx', 'turtle', 'json-ld', 'rdf-xml', 'nt']
>>> format_for("plans.TTL").name, format_for("x.turtle").name, format_for("out").name
('turtle', 'turtle', 'csv')
>>> format_for("x.ttl", "jsonld").name
'json-ld'
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from stratlink.errors import InputError
from stratlink.graph_model import PlanGraph, Policy
from stratlink.loaders.workbook import atomic_write, load_workbook, write_csv_folder, write_xlsx


def _read_workbook(path: Path, policy: Policy | None, encoding: str | None,
                   external: dict[str, str] | None = None) -> PlanGraph:
    """The columnar loader, except for a workbook among several (``external``: the ids
    of shared workbooks) or one with a ``meta`` sheet: the row loader resolves those."""
    if external is not None or _has_meta(path):
        return load_workbook(path, policy, encoding, external)
    from stratlink.loaders.columnar import load_workbook_columnar  # heavy: pyarrow

    return load_workbook_columnar(path, policy, encoding)


def _has_meta(path: Path) -> bool:
    if path.is_dir():
        return any(p.stem.strip().lower() == "meta" and p.suffix.lower() == ".csv" for p in path.iterdir())
    try:  # the sheet names are in xl/workbook.xml; the row loader reads a bad file's error

        with zipfile.ZipFile(path) as z:
            text = z.read("xl/workbook.xml")[:200_000].decode("utf-8", "replace")
        return re.search(r'<(?:\w+:)?sheet [^>]*name="\s*meta\s*"', text, re.I) is not None
    except Exception:
        return False


def _rdf_reader(fmt: str):
    def read(path: Path, policy: Policy | None, encoding: str | None,
             external: dict[str, str] | None = None) -> PlanGraph:
        from stratlink.loaders.rdf import read_rdf  # heavy: rdflib

        return read_rdf(path, policy, format=fmt, external=external)

    return read


def _rdf_writer(fmt: str):
    def write(graph: PlanGraph, path: Path, era: str | None) -> Path:
        from stratlink.loaders.rdf import write_rdf  # rdflib is heavy: imported for RDF only

        atomic_write(path, lambda tmp: write_rdf(graph, tmp, format=fmt))
        return path

    return write


def _write_xlsx(graph: PlanGraph, path: Path, era: str | None) -> Path:
    return write_xlsx(graph, path, era)


def _write_csv(graph: PlanGraph, path: Path, era: str | None) -> Path:
    if path.exists() and not path.is_dir():
        raise InputError.keyed("error.write.not_a_folder", path=path)
    write_csv_folder(graph, path, era)
    return path


def _head(path: Path, size: int = 512) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(size)
    except OSError:
        return b""


def _text_head(path: Path) -> str:
    return _head(path).decode("utf-8-sig", "replace").lstrip()


@dataclass(frozen=True)
class Format:
    """One physical form of a plan workbook."""

    name: str
    label: str
    suffixes: tuple[str, ...]
    #: 'workbook' (sheets of rows) or 'rdf' (the stratlink ontology)
    kind: str
    sniff: Callable[[Path], bool]
    #: (path, policy, encoding, external ids of shared workbooks) -> graph
    read: Callable[..., PlanGraph]
    write: Callable[[PlanGraph, Path, str | None], Path]
    #: other names ``--format`` accepts
    aliases: tuple[str, ...] = ()


FORMATS: tuple[Format, ...] = (
    Format("csv", "folder of CSV files", (), "workbook", lambda p: p.is_dir(),
           _read_workbook, _write_csv, ("folder",)),
    Format("xlsx", "Excel workbook", (".xlsx", ".xlsm"), "workbook",
           lambda p: _head(p, 4) == b"PK\x03\x04", _read_workbook, _write_xlsx, ("excel",)),
    Format("turtle", "RDF Turtle", (".ttl", ".turtle"), "rdf",
           lambda p: _text_head(p).startswith(("@prefix", "@base", "PREFIX", "prefix", "BASE")),
           _rdf_reader("turtle"), _rdf_writer("turtle"), ("ttl",)),
    Format("json-ld", "RDF JSON-LD", (".jsonld", ".json"), "rdf",
           lambda p: _text_head(p).startswith(("{", "[")),
           _rdf_reader("json-ld"), _rdf_writer("json-ld"), ("jsonld", "json")),
    Format("rdf-xml", "RDF/XML (Protégé's default)", (".rdf", ".owl"), "rdf",
           lambda p: _text_head(p).startswith(("<?xml", "<rdf:RDF")),
           _rdf_reader("rdf-xml"), _rdf_writer("rdf-xml"), ("rdfxml", "xml", "owl")),
    Format("nt", "RDF N-Triples", (".nt",), "rdf",
           lambda p: _text_head(p).startswith(("<", "_:")),
           _rdf_reader("nt"), _rdf_writer("nt"), ("ntriples", "n-triples")),
)

_BY_NAME = {name: f for f in FORMATS for name in (f.name, *f.aliases)}
_BY_SUFFIX = {s: f for f in FORMATS for s in f.suffixes}

#: every name ``--format`` accepts for load and export, in table order
FORMAT_NAMES: tuple[str, ...] = tuple(f.name for f in FORMATS)


def named(name: str) -> Format:
    """The format called ``name`` (or one of its aliases); InputError otherwise."""
    try:
        return _BY_NAME[name.lower()]
    except KeyError:
        raise InputError.keyed("error.unknown_format", name=name,
                               known=", ".join(FORMAT_NAMES)) from None


def suffixes(kind: str | None = None) -> tuple[str, ...]:
    """Every suffix in the table (of one kind: 'workbook' or 'rdf')."""
    return tuple(s for f in FORMATS if kind in (None, f.kind) for s in f.suffixes)


def format_for(path: str | Path, format: str | None = None) -> Format:
    """The format to write ``path`` in: ``format`` if given, else by suffix; a path
    without a known suffix is a CSV folder."""
    if format:
        return named(format)
    return _BY_SUFFIX.get(Path(path).suffix.lower(), _BY_NAME["csv"])


def detect(path: str | Path, format: str | None = None) -> Format:
    """The format to read ``path`` in: ``format`` if given, else a folder is CSV, else
    by suffix, else by sniffing the first bytes. InputError when nothing fits."""
    path = Path(path)
    if format:
        return named(format)
    if path.is_dir():
        return _BY_NAME["csv"]
    suffix = path.suffix.lower()
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    if suffix == ".csv":
        raise InputError.keyed("error.csv_file", path=str(path), folder=str(path.parent))
    for fmt in FORMATS:
        if fmt.sniff(path):
            return fmt
    known = ", ".join(["a CSV folder", *suffixes()])
    raise InputError.keyed("error.not_workbook", path=str(path), known=known)


__all__ = ["FORMATS", "FORMAT_NAMES", "Format", "detect", "format_for", "named", "suffixes"]
