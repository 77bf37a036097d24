"""Files for ``neo4j-admin database import full``: the bulk path into an empty database.

``write_import_files(graph, folder)`` writes one CSV file per node label and per
relationship type (and ends), in the importer's header format, holding exactly the
graph :func:`stratlink.neo4j.store.write_neo4j` would write (the same labels,
properties and relationships, the ``:Workbook``, ``:LoadFinding`` and a ``complete``
``:StratlinkLoad`` node), and returns the importer's arguments. The importer builds
the store files directly (no transactions), which is what makes it fast; it needs
the database to be empty and stopped. Afterwards the first ``stratlink neo4j load``
of the same workbook creates the constraints and indexes (and changes nothing else).

    stratlink neo4j import-files examples/roiet-2561 out/import
    neo4j-admin database import full neo4j $(cat out/import/arguments.txt)
"""

from __future__ import annotations

import csv
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stratlink.errors import InputError
from stratlink.graph_model import PlanGraph, Project
from stratlink.neo4j.state import COMPLETE, LOAD_ID, content_hash, workbook_identity
from stratlink.neo4j.store import (
    REL_TYPES,
    count_relationships,
    finding_props,
    label_for_level,
    link_keys,
    record_props,
    workbook_props,
)

#: separates labels and the items of array properties (sheets, related ids): a control
#: character no workbook text contains (the loaders reject control characters in cells)
ARRAY_DELIMITER = "\x1f"


@dataclass
class ImportFiles:
    """What was written: importer arguments, node and relationship counts."""

    folder: Path
    nodes: int = 0
    relationships: int = 0
    arguments: list[str] = field(default_factory=list)
    #: files with a value that spans lines (a newline in a name or a note): only they
    #: are given to the importer's multi-line parser (``multiline_arguments``)
    multiline: list[Path] = field(default_factory=list)

    def multiline_arguments(self) -> list[str]:
        """The importer's options for the files in :attr:`multiline`, none when no value
        spans lines (its manual warns that the multi-line parser can slow an import; on
        2 cores no difference was measured, see benchmarks/README-neo4j.md)."""
        if not self.multiline:
            return []
        return ["--multiline-fields-format=v2",
                "--multiline-fields=" + ",".join(str(p) for p in self.multiline)]


def spans_lines(value: Any) -> bool:
    """Whether a cell's text holds a line break (the importer must read its file
    as multi-line)."""
    if isinstance(value, (list, tuple)):
        return any(spans_lines(v) for v in value)
    return isinstance(value, str) and ("\n" in value or "\r" in value)


def _type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, (list, tuple)):
        return "string[]"
    return "string"


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ARRAY_DELIMITER.join(str(v) for v in value)
    return value


def refuse_colons(names: Iterable[str]) -> None:
    """InputError for a property name the importer's header cannot hold."""
    for k in names:
        if ":" in k:
            raise InputError.keyed("error.neo4j.colon_column", column=k)


class _Writer:
    def __init__(self, files: ImportFiles, seq: int = 0) -> None:
        self.folder = files.folder
        self.files = files
        self.seq = seq

    def _write(self, name: str, fixed: list[str], rows: list[tuple[list[Any], dict[str, Any]]]) -> None:
        if not rows:
            return
        types: dict[str, str] = {}
        for _, props in rows:
            for k, v in props.items():
                if v is not None:
                    types.setdefault(k, _type(v))
        refuse_colons(types)
        keys = sorted(types)
        self.seq += 1
        path = self.folder / f"{self.seq:02d}-{name}.csv"
        multiline = False
        with open(path, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(fixed + [f"{k}:{types[k]}" for k in keys])
            for head, props in rows:
                cells = head + [_cell(props.get(k)) for k in keys]
                multiline = multiline or any(spans_lines(c) for c in cells)
                w.writerow(cells)
        if multiline:
            self.files.multiline.append(path)
        return path

    def nodes(self, name: str, space: str | None, rows: list[tuple[str | None, str, dict]]) -> None:
        """rows: (id, labels joined by ARRAY_DELIMITER, props)."""
        fixed = ([f"id:ID({space})"] if space else []) + [":LABEL"]
        body = [(([rid] if space else []) + [labels], {k: v for k, v in props.items()
                                                       if not (space and k == "id")})
                for rid, labels, props in rows]
        path = self._write(name, fixed, body)
        if path:
            self.files.nodes += len(rows)
            self.files.arguments.append(f"--nodes={path}")

    def rels(self, rtype: str, start: str, end: str, rows: list[tuple[str, str, dict]]) -> None:
        fixed = [f":START_ID({start})", f":END_ID({end})", ":TYPE"]
        path = self._write(f"{rtype}-{start}-{end}", fixed,
                           [([s, t, rtype], props) for s, t, props in rows])
        if path:
            self.files.relationships += len(rows)
            self.files.arguments.append(f"--relationships={path}")


def write_import_files(graph: PlanGraph, folder: str | Path, *, integer_ids: bool = True) -> ImportFiles:
    """Write the importer's CSV files for ``graph`` into ``folder`` (created; must be
    empty) and an ``arguments.txt`` with the importer's options; see the module.

    The files are written from the graph's columnar form (``bulk_arrays``, no typed
    records); a graph merged from several workbooks (its records carry their
    namespace, which the columnar form does not) is written from its records.
    ``integer_ids``: the importer's ids are row numbers (``--id-type=integer``; the
    text id is an ordinary ``id`` property, as always), which spares the importer the
    mapping of text ids; else the text ids (the records path always uses them)."""
    g = graph
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise InputError.keyed("error.neo4j.folder_not_empty", folder=folder)
    files = ImportFiles(folder)
    if g.merged:
        w = _Writer(files)
        write_records(g, w)
    else:
        from stratlink.neo4j.bulk_arrays import ColumnWriter, write_columnar  # heavy: pyarrow

        cw = ColumnWriter(files, ARRAY_DELIMITER, integer_ids)
        write_columnar(g, cw)
        w = _Writer(files, cw.seq)
        if integer_ids:
            files.arguments.append("--id-type=integer")
    w.nodes("workbook", None, [(None, "Workbook", workbook_props(g))])
    w.nodes("load_findings", None, [(None, "LoadFinding", finding_props(i, f))
                                    for i, f in enumerate(g.load_findings)])
    now = int(time.time() * 1000)
    w.nodes("load_state", None, [(None, "StratlinkLoad", {
        "id": LOAD_ID, "state": COMPLETE, "mode": "bulk import", "source": g.source or "",
        "identity": workbook_identity(g.source), "content_hash": content_hash(g),
        "started_at": now, "completed_at": now, "nodes": files.nodes,
        "relationships": files.relationships})])
    files.nodes -= 1  # the load state is not part of the workbook's graph
    files.arguments += [*files.multiline_arguments(), f"--array-delimiter={ARRAY_DELIMITER}"]
    (folder / "arguments.txt").write_text("\n".join(files.arguments) + "\n", encoding="utf-8")
    return files


def write_records(g: PlanGraph, w: _Writer) -> None:
    """The record nodes and every relationship of ``g``, from its typed records (the
    reference the columnar writer is tested against; used for merged graphs)."""
    level_of_plan = {pid: p.level for pid, p in g.plans.items()}

    def labels(base: str, level: str | None) -> str:
        own = label_for_level(level)
        return base + (f"{ARRAY_DELIMITER}{own}" if own else "")

    w.nodes("areas", "Area", [(a.id, "Area", record_props(a)) for a in g.areas.values()])
    w.nodes("organizations", "Organization",
            [(o.id, "Organization", record_props(o)) for o in g.organizations.values()])
    w.nodes("plans", "Plan", [(p.id, labels("Plan", p.level), record_props(p))
                              for p in g.plans.values()])
    w.nodes("value_chains", "ValueChain",
            [(v.id, "ValueChain", record_props(v)) for v in g.value_chains.values()])

    def node_row(rec, base):
        props = record_props(rec)
        level = level_of_plan.get(rec.plan_id)
        if level is not None:
            props["level"] = level
        return rec.id, labels(f"{base}{ARRAY_DELIMITER}Node", level), props

    w.nodes("elements", "Node", [node_row(e, "Element") for e in g.elements.values()])
    w.nodes("projects", "Node", [node_row(p, "Project") for p in g.projects.values()])
    # relationships, as write_neo4j derives them
    w.rels("PART_OF", "Area", "Area", [(a.id, a.parent_id, {}) for a in g.areas.values()
                                       if a.parent_id in g.areas])
    w.rels("IN_AREA", "Plan", "Area", [(p.id, p.area_id, {}) for p in g.plans.values()
                                       if p.area_id in g.areas])
    w.rels("IN_AREA", "ValueChain", "Area", [(v.id, v.area_id, {}) for v in g.value_chains.values()
                                             if v.area_id in g.areas])
    w.rels("SERVES", "ValueChain", "Node", [(v.id, v.serves_id, {}) for v in g.value_chains.values()
                                            if v.serves_id in g.elements])
    nodes: list = [*g.elements.values(), *g.projects.values()]
    w.rels("IN_PLAN", "Node", "Plan", [(n.id, n.plan_id, {}) for n in nodes if n.plan_id in g.plans])
    w.rels("PARENT", "Node", "Node", [
        (e.id, e.parent_id, {}) for e in g.elements.values()
        if e.parent_id in g.elements and g.elements[e.parent_id].plan_id == e.plan_id])
    projects: Iterable[Project] = g.projects.values()
    w.rels("IN_AREA", "Node", "Area", [(p.id, p.area_id, {}) for p in projects if p.area_id in g.areas])
    w.rels("IN_CHAIN", "Node", "ValueChain", [(p.id, p.value_chain_id, {}) for p in g.projects.values()
                                              if p.value_chain_id in g.value_chains])
    w.rels("OWNED_BY", "Node", "Organization", [(p.id, p.owner, {}) for p in g.projects.values()
                                                if p.owner in g.organizations])
    keys = link_keys(g.links)
    by_type: dict[str, list] = defaultdict(list)
    loose = []
    for link in g.links:
        props = record_props(link)
        props["key"] = keys[id(link)]
        rtype = REL_TYPES.get(link.relation)
        if rtype and g.node(link.source_id) is not None and g.node(link.target_id) is not None:
            for k in ("source_id", "target_id", "relation"):
                props.pop(k)
            by_type[rtype].append((link.source_id, link.target_id, props))
        else:
            loose.append((None, "LinkRow", props))
    for rtype, rows in by_type.items():
        w.rels(rtype, "Node", "Node", rows)
    w.nodes("link_rows", None, loose)
    expected = count_relationships(g)
    if w.files.relationships != expected:  # pragma: no cover - a derivation drifted
        raise AssertionError(f"import files hold {w.files.relationships} relationships, "
                             f"write_neo4j writes {expected}")


__all__ = ["ARRAY_DELIMITER", "ImportFiles", "write_import_files", "write_records"]
