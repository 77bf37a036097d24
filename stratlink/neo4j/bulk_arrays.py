"""The importer's files written from the graph's columnar form (no typed records).

:func:`write_columnar` writes exactly the graph :func:`stratlink.neo4j.bulk.write_records`
writes from typed records (the same nodes, labels, properties and relationships), but
column by column with pyarrow: sets of ids are ``pyarrow.compute.is_in`` masks, a
reference's target row is an ``index_in``, and each file is one ``pyarrow.csv``
write. Only what has no vectorised form runs in Python: one SHA-1 per link for its
key (``store.link_keys``), the order of links that share source, target and relation,
and budgets that are not a whole number of satang below 2**53.

Differences in the files only, not in the graph: a relationship file's type is given
on the importer's command line (``--relationships=TYPE=FILE``) instead of a ``:TYPE``
column, and every text value is quoted.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from stratlink.graph_model.columns import satang_decimal
from stratlink.graph_model.model import SHEETS
from stratlink.neo4j.bulk import refuse_colons
from stratlink.neo4j.store import EXTRA_PREFIX, LABEL_PATTERN, REL_TYPES

#: a column of a file: importer type -> array (nulls are absent properties)
Props = dict[str, tuple[str, pa.Array]]

_WRITE = pacsv.WriteOptions(include_header=False, quoting_style="needed")
_ESCAPED = r'["\\\x00-\x1f]'  # what json.dumps escapes with ensure_ascii=False


def _strings(arr) -> pa.Array:
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if arr.type != pa.string():
        arr = arr.cast(pa.string())
    # an empty text is no value (the record writer's csv module wrote it unquoted)
    return pc.if_else(pc.equal(arr, ""), pa.scalar(None, pa.string()), arr)


def _spans_lines(arr) -> bool:
    """Whether a text column holds a line break (``bulk.spans_lines``, vectorised): a
    byte search of the column's character data (a sliced column may also be flagged
    for a line break outside the slice; reading it as multi-line is only slower)."""
    if not pa.types.is_string(arr.type):
        return False
    chunks = arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]
    for chunk in chunks:
        data = chunk.buffers()[2]
        if data is not None and data.size:
            raw = np.frombuffer(data, dtype=np.uint8)
            if (raw == 10).any() or (raw == 13).any():
                return True
    return False


def _present(arr: pa.Array) -> bool:
    return arr.null_count < len(arr)


def _budget(col: np.ndarray, has: np.ndarray | None) -> tuple[pa.Array, pa.Array]:
    """(double, exact text) of the budgets, as ``float(d)`` and ``str(d)`` of the
    Decimal the typed record would hold (``columns.satang_decimal``)."""
    if col.dtype == object:
        values = col.tolist()
        return (pa.array([None if v is None else float(v) for v in values], pa.float64()),
                pa.array([None if v is None else str(v) for v in values], pa.string()))
    satang = col
    missing = ~has
    baht = satang / 100.0  # exact division of an exactly held integer: float(Decimal)
    big = np.flatnonzero(has & (np.abs(satang) >= (1 << 53)))
    if len(big):
        for i in big.tolist():
            baht[i] = float(satang_decimal(int(satang[i])))
    a = np.abs(satang)
    whole = pa.array(a // 100).cast(pa.string())
    frac = a % 100
    tens, ones = frac // 10, frac % 10
    frac_text = pc.if_else(pa.array(ones == 0),
                           pa.array(tens).cast(pa.string()),
                           pc.binary_join_element_wise(pa.array(tens).cast(pa.string()),
                                                       pa.array(ones).cast(pa.string()), ""))
    text = pc.if_else(pa.array(frac == 0), whole,
                      pc.binary_join_element_wise(whole, frac_text, "."))
    text = pc.if_else(pa.array(satang < 0), pc.binary_join_element_wise("-", text, ""), text)
    return (pa.array(baht, mask=missing), pc.if_else(pa.array(missing), pa.scalar(None, pa.string()), text))


def sheet_props(sheet) -> Props:
    """``store.record_props`` of every row of a columnar sheet, as typed columns."""
    rtype = SHEETS[sheet.name]
    out: Props = {}
    for col, (ctype, _) in rtype.COLUMNS.items():
        if ctype == "budget":
            dbl, exact = _budget(sheet["budget"], sheet.cols.get("budget_has"))
            out["budget"], out["budget_exact"] = ("double", dbl), ("string", exact)
        elif ctype == "year":
            arr = sheet[col]
            out[col] = ("long", pa.array(arr.astype(np.int64), mask=arr == 0))
        elif ctype == "bool":
            arr = sheet[col]
            out[col] = ("boolean", pa.array(arr == 1, mask=arr < 0))
        else:
            out[col] = ("string", _strings(sheet[col]))
    for k, arr in sheet.extra.items():
        out[EXTRA_PREFIX + k] = ("string", _strings(arr))
    out["row"] = ("long", pa.array(sheet.row, mask=sheet.row < 0))
    return out


def level_label(level: str | None) -> str:
    return f"\x1fL_{level}" if level and LABEL_PATTERN.fullmatch(level) else ""


class ColumnWriter:
    """Writes the files of one import; ``files`` is the :class:`ImportFiles` to fill."""

    def __init__(self, files, array_delimiter: str, integer_ids: bool = True) -> None:
        self.files = files
        self.folder = files.folder
        self.delim = array_delimiter
        #: the importer's ids are row numbers (``--id-type=integer``) and the text id
        #: an ordinary property; else the text ids themselves (``--id-type=string``)
        self.integer_ids = integer_ids
        self.seq = 0

    def _write(self, name: str, fixed: list[tuple[str, pa.Array]], props: Props) -> Path | None:
        n = len(fixed[0][1]) if fixed else 0
        if n == 0:
            return None
        keep = sorted(k for k, (_, arr) in props.items() if _present(arr))
        refuse_colons(keep)
        header = [h for h, _ in fixed] + [f"{k}:{props[k][0]}" for k in keep]
        arrays = [a for _, a in fixed] + [props[k][1] for k in keep]
        table = pa.Table.from_arrays(arrays, names=[f"c{i}" for i in range(len(arrays))])
        self.seq += 1
        path = self.folder / f"{self.seq:02d}-{name}.csv"
        line = io.StringIO()
        csv.writer(line).writerow(header)
        with open(path, "wb") as fh:
            fh.write(line.getvalue().encode("utf-8"))
            pacsv.write_csv(table, fh, _WRITE)
        if any(_spans_lines(a) for a in arrays):
            self.files.multiline.append(path)
        return path

    def nodes(self, name: str, space: str | None, keys: pa.Array | None, labels: pa.Array,
              props: Props) -> None:
        """``keys``: the importer's ids of the rows (see :meth:`keys`)."""
        if space and self.integer_ids:
            fixed = [(f":ID({space})", keys), (":LABEL", labels)]
        else:
            fixed = ([(f"id:ID({space})", keys)] if space else []) + [(":LABEL", labels)]
            if space:
                props = {k: v for k, v in props.items() if k != "id"}
        path = self._write(name, fixed, props)
        if path:
            self.files.nodes += len(labels)
            self.files.arguments.append(f"--nodes={path}")

    def rels(self, rtype: str, start: str, end: str, src: pa.Array, tgt: pa.Array,
             props: Props | None = None) -> None:
        fixed = [(f":START_ID({start})", src), (f":END_ID({end})", tgt)]
        path = self._write(f"{rtype}-{start}-{end}", fixed, props or {})
        if path:
            self.files.relationships += len(src)
            self.files.arguments.append(f"--relationships={rtype}={path}")

    def keys(self, ids: pa.Array, offset: int = 0) -> pa.Array:
        """The importer's ids of rows with text ids ``ids``, numbered from ``offset``
        in their id space."""
        if self.integer_ids:
            return pa.array(np.arange(offset, offset + len(ids), dtype=np.int64))
        return ids

    def end_keys(self, refs: pa.Array, where: pa.Array) -> pa.Array:
        """The importer's ids of the rows ``refs`` name; ``where`` is their index."""
        return where if self.integer_ids else refs

    def simple_rels(self, rtype: str, start: str, end: str, src: pa.Array, tgt: pa.Array,
                    targets: pa.Array, also: pa.Array | None = None) -> None:
        """Relationships from the rows of keys ``src`` to ``tgt`` where ``tgt`` is one
        of ``targets`` (numbered as the end's id space numbers its rows)."""
        where = pc.index_in(tgt, value_set=targets)
        mask = pc.is_valid(where)
        if also is not None:
            mask = pc.and_(mask, also)
        self.rels(rtype, start, end, src.filter(mask), self.end_keys(tgt, where).filter(mask))


def constant(value: str, n: int) -> pa.Array:
    return pa.array(np.full(n, value, dtype=object), pa.string()) if n else pa.array([], pa.string())


def link_keys(src: pa.Array, tgt: pa.Array, rel: pa.Array, role: pa.Array, asserted: pa.Array,
              note: pa.Array, extra: dict[str, pa.Array]) -> pa.Array:
    """``store.link_keys`` for link columns (relation and role already defaulted)."""
    n = len(src)
    if n == 0:
        return pa.array([], pa.string())
    triple = pc.binary_join_element_wise("[\"", pc.binary_join_element_wise(src, tgt, rel, '", "'),
                                         "\"]", "")
    escaped = np.flatnonzero(np.asarray(pc.or_(pc.or_(
        pc.match_substring_regex(src, _ESCAPED), pc.match_substring_regex(tgt, _ESCAPED)),
        pc.match_substring_regex(rel, _ESCAPED))))
    texts = triple.to_pylist()
    if len(escaped):
        s, t, r = src.to_pylist(), tgt.to_pylist(), rel.to_pylist()
        for i in escaped.tolist():
            texts[i] = json.dumps([s[i], t[i], r[i]], ensure_ascii=False)
    sha1 = hashlib.sha1
    digest = [sha1(x.encode()).hexdigest()[:20] for x in texts]
    codes = pa.array(texts).dictionary_encode().indices.to_numpy()
    counts = np.bincount(codes)
    rank = np.zeros(n, dtype=np.int64)
    shared = np.flatnonzero(counts[codes] > 1)
    if len(shared):
        cols = [a.take(pa.array(shared)).to_pylist() for a in (role, asserted, note)]
        extras = [(k, a.take(pa.array(shared)).to_pylist()) for k, a in extra.items()]
        groups: dict[int, list] = {}
        for j, i in enumerate(shared.tolist()):
            ex = sorted((k, v[j]) for k, v in extras if v[j] is not None)
            key = (cols[0][j] or "", cols[1][j] or "", cols[2][j] or "", ex)
            groups.setdefault(int(codes[i]), []).append((key, i))
        for members in groups.values():
            members.sort(key=lambda m: m[0])  # stable: ties keep the links' order
            for r, (_, i) in enumerate(members):
                rank[i] = r
    return pc.binary_join_element_wise(pa.array(digest, pa.string()),
                                       pa.array(rank).cast(pa.string()), "-")


def write_columnar(graph, w: ColumnWriter) -> None:
    """Every node and relationship file of ``graph`` (records-free), into ``w``."""
    c = graph.columns()
    d = w.delim
    plans, elements, projects = c["plans"], c["elements"], c["projects"]
    areas, orgs, chains, links = c["areas"], c["organizations"], c["value_chains"], c["links"]
    ids = {s: _strings(c[s]["id"]) for s in ("plans", "elements", "projects", "value_chains",
                                            "areas", "organizations")}
    # the :Node id space numbers elements first, then projects
    node_ids = pa.concat_arrays([ids["elements"], ids["projects"]])
    key = {s: w.keys(a) for s, a in ids.items()}
    key["projects"] = w.keys(ids["projects"], len(ids["elements"]))
    node_keys = pa.concat_arrays([key["elements"], key["projects"]])

    plan_levels = _strings(plans["level"])
    suffix = pa.array([level_label(v) for v in plan_levels.to_pylist()], pa.string())

    def join(base: str, suffixes: pa.Array) -> pa.Array:
        return pc.binary_join_element_wise(base, pc.fill_null(suffixes, ""), "")

    w.nodes("areas", "Area", key["areas"], constant("Area", areas.n), sheet_props(areas))
    w.nodes("organizations", "Organization", key["organizations"], constant("Organization", orgs.n),
            sheet_props(orgs))
    w.nodes("plans", "Plan", key["plans"], join("Plan", suffix), sheet_props(plans))
    w.nodes("value_chains", "ValueChain", key["value_chains"], constant("ValueChain", chains.n),
            sheet_props(chains))
    for name, sheet, base in (("elements", elements, "Element"), ("projects", projects, "Project")):
        where = pc.index_in(_strings(sheet["plan_id"]), value_set=ids["plans"])
        props = sheet_props(sheet)
        props["level"] = ("string", plan_levels.take(where))
        w.nodes(name, "Node", key[name], join(f"{base}{d}Node", suffix.take(where)), props)

    # relationships, as write_neo4j derives them
    area_parent = _strings(areas["parent_id"])
    w.simple_rels("PART_OF", "Area", "Area", key["areas"], area_parent, ids["areas"])
    w.simple_rels("IN_AREA", "Plan", "Area", key["plans"], _strings(plans["area_id"]), ids["areas"])
    w.simple_rels("IN_AREA", "ValueChain", "Area", key["value_chains"], _strings(chains["area_id"]),
                  ids["areas"])
    w.simple_rels("SERVES", "ValueChain", "Node", key["value_chains"], _strings(chains["serves_id"]),
                  ids["elements"])
    w.simple_rels("IN_PLAN", "Node", "Plan", node_keys,
                  pa.concat_arrays([_strings(elements["plan_id"]), _strings(projects["plan_id"])]),
                  ids["plans"])
    e_plan = _strings(elements["plan_id"])
    e_parent = _strings(elements["parent_id"])
    parent_plan = e_plan.take(pc.index_in(e_parent, value_set=ids["elements"]))
    same_plan = pc.fill_null(pc.equal(parent_plan, e_plan), False)
    w.simple_rels("PARENT", "Node", "Node", key["elements"], e_parent, ids["elements"], also=same_plan)
    w.simple_rels("IN_AREA", "Node", "Area", key["projects"], _strings(projects["area_id"]), ids["areas"])
    w.simple_rels("IN_CHAIN", "Node", "ValueChain", key["projects"], _strings(projects["value_chain_id"]),
                  ids["value_chains"])
    w.simple_rels("OWNED_BY", "Node", "Organization", key["projects"], _strings(projects["owner"]),
                  ids["organizations"])

    props = sheet_props(links)
    src, tgt = props["source_id"][1], props["target_id"][1]
    rel = pc.fill_null(props["relation"][1], "contributes_to")
    role = pc.fill_null(props["role"][1], "primary")
    props["relation"], props["role"] = ("string", rel), ("string", role)
    extra = {k[len(EXTRA_PREFIX):]: a for k, (_, a) in props.items() if k.startswith(EXTRA_PREFIX)}
    props["key"] = ("string", link_keys(src, tgt, rel, role, props["asserted_by"][1],
                                        props["note"][1], extra))
    s_at, t_at = pc.index_in(src, value_set=node_ids), pc.index_in(tgt, value_set=node_ids)
    typed = pc.and_(pc.is_in(rel, value_set=pa.array(list(REL_TYPES), pa.string())),
                    pc.and_(pc.is_valid(s_at), pc.is_valid(t_at)))
    s_key, t_key = w.end_keys(src, s_at), w.end_keys(tgt, t_at)
    on_rel = {k: v for k, v in props.items() if k not in ("source_id", "target_id", "relation")}
    seen = pc.unique(rel.filter(typed)).to_pylist()  # the links' order, as the record writer
    for relation in seen:
        mask = pc.and_(typed, pc.equal(rel, relation))
        w.rels(REL_TYPES[relation], "Node", "Node", s_key.filter(mask), t_key.filter(mask),
               {k: (t, a.filter(mask)) for k, (t, a) in on_rel.items()})
    loose = pc.invert(typed)
    n_loose = pc.sum(pc.cast(loose, pa.int64())).as_py() or 0
    w.nodes("link_rows", None, None, constant("LinkRow", n_loose),
            {k: (t, a.filter(loose)) for k, (t, a) in props.items()})


__all__ = ["ColumnWriter", "link_keys", "sheet_props", "write_columnar"]
