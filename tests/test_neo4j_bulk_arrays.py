"""The importer's files written from the columnar form hold the same graph as the ones
written from typed records (``bulk.write_records``, the reference): every node with its
labels and typed properties, every relationship with its type, ends and properties.

The files are read back as the importer reads them (header types, array delimiter,
an empty field is no property), so a difference in a value, a type, a label, a missing
or extra row or column fails here."""

from __future__ import annotations

import csv
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from stratlink.generate import generate
from stratlink.graph_model import Area, Element, Link, Organization, Plan, PlanGraph, Project, ValueChain
from stratlink.loaders import load
from stratlink.neo4j.bulk import ARRAY_DELIMITER, ImportFiles, _Writer, write_import_files, write_records
from stratlink.neo4j.store import count_relationships

_CONVERT = {"long": int, "double": float, "boolean": lambda v: v == "true",
            "string[]": lambda v: tuple(v.split(ARRAY_DELIMITER)), "string": str}


def _read(folder: Path) -> tuple[Counter, Counter]:
    """(nodes, relationships) as the importer would build them, as multisets; the
    ends of a relationship are given by the ``id`` property of the nodes they name
    (text or integer importer ids alike)."""
    nodes: Counter = Counter()
    rels = []
    node_id: dict = {}  # (id space, importer id) -> the node's id property
    args = (folder / "arguments.txt").read_text(encoding="utf-8").split()
    for arg in args:
        kind, _, rest = arg.partition("=")
        if kind not in ("--nodes", "--relationships"):
            continue
        rtype, path = rest.split("=", 1) if "=" in rest and not Path(rest).exists() else (None, rest)
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        header = rows[0]
        for row in rows[1:]:
            props, labels, ends, ident = {}, (), [], None
            for h, v in zip(header, row, strict=True):
                name, _, htype = h.partition(":")
                if htype == "LABEL":
                    labels = tuple(sorted(v.split(ARRAY_DELIMITER)))
                elif htype == "TYPE":
                    rtype = v
                elif htype.startswith(("START_ID", "END_ID")):
                    ends.append((htype.split("(")[1][:-1], v))
                elif htype.startswith("ID("):
                    ident = (htype[3:-1], v)
                    if name:
                        props[name] = v
                elif v != "":
                    props[name] = _CONVERT[htype](v)
            props.pop("started_at", None), props.pop("completed_at", None)
            if ident is not None:
                assert ident not in node_id, f"importer id {ident} twice"
                node_id[ident] = props["id"]
            frozen = tuple(sorted(props.items()))
            if kind == "--nodes":
                nodes[(labels, ident[0] if ident else None, frozen)] += 1
            else:
                rels.append((rtype, ends, frozen))
    resolved = Counter((rtype, *[(sp, node_id[(sp, v)]) for sp, v in ends], frozen)
                       for rtype, ends, frozen in rels)
    return nodes, resolved


def _reference(g: PlanGraph, folder: Path) -> ImportFiles:
    folder.mkdir()
    files = ImportFiles(folder)
    w = _Writer(files)
    write_records(g, w)
    (folder / "arguments.txt").write_text("\n".join(files.arguments) + "\n", encoding="utf-8")
    return files


def _same(g_columnar: PlanGraph, g_records: PlanGraph, tmp_path: Path, integer_ids=True) -> ImportFiles:
    files = write_import_files(g_columnar, tmp_path / "columnar", integer_ids=integer_ids)
    assert ("--id-type=integer" in files.arguments) is integer_ids
    ref = _reference(g_records, tmp_path / "records")
    got_nodes, got_rels = _read(tmp_path / "columnar")
    want_nodes, want_rels = _read(tmp_path / "records")
    # the columnar files also hold the :Workbook, :LoadFinding and :StratlinkLoad nodes
    extra = Counter({k: v for k, v in got_nodes.items()
                     if {"Workbook", "LoadFinding", "StratlinkLoad"} & set(k[0])})
    assert got_nodes - extra == want_nodes
    assert got_rels == want_rels
    assert files.relationships == ref.relationships == count_relationships(g_records)
    assert files.nodes == ref.nodes + sum(extra.values()) - 1
    return files


@pytest.mark.parametrize("integer_ids", [True, False])
def test_sample_columnar_files_equal_the_record_files(sample_dir, tmp_path, integer_ids):
    g = load(sample_dir)
    assert not g.materialised  # the columnar loader's graph: no records made
    _same(g, load(sample_dir), tmp_path, integer_ids)
    assert not g.materialised  # and writing the files did not make them


def test_xlsx_sample(sample_dir, tmp_path):
    xlsx = sample_dir.parent / "roiet-2561.xlsx"
    _same(load(xlsx), load(xlsx), tmp_path)


def test_generated_workbook_with_its_findings(tmp_path):
    generate(tmp_path / "wb", 3000, seed=5)
    g = load(tmp_path / "wb")
    files = _same(g, load(tmp_path / "wb"), tmp_path)
    assert files.relationships > 3000


def _odd_graph() -> PlanGraph:
    g = PlanGraph()
    g.add(Area("10", name_th="กรุงเทพ", kind="province"))
    g.add(Area("1001", parent_id="10", extra={"note": 'a "quoted", note'}))
    g.add(Area("2001", parent_id="99"))  # a parent that is not an area
    g.add(Organization("O1", name_en="Org, one", sector="government"))
    g.add(ValueChain("VC", name_th="ห่วงโซ่", serves_id="S1", area_id="10"))
    g.add(ValueChain("VC2", serves_id="PRJ-1", area_id="nope"))  # serves a project: no SERVES
    g.add(Plan("NS", "national", name_en="National\nStrategy", period_start=2018, period_end=2037))
    g.add(Plan("TH", "จังหวัด", area_id="10"))  # a level with no label
    g.add(Element("S1", "NS", "strategy", name_th="ยุทธ\\ศาสตร์"))
    g.add(Element("S1.1", "NS", "strategy", parent_id="S1"))
    g.add(Element("X1", "TH", "goal", parent_id="S1"))  # a parent in another plan: no PARENT
    g.add(Element("Y1", "nowhere", "goal"))  # its plan is missing
    for i, b in enumerate(["12.5", "100", "-0.05", "0", "123456789012345678.91", "0.1", None, "7.25"]):
        g.add(Project(f"PRJ-{i}", "TH", owner="O1" if i % 2 else "O9", area_id="1001" if i % 3 else None,
                      budget=None if b is None else Decimal(b), fiscal_year=2024 if i % 2 else None,
                      local_only=[None, True, False][i % 3], value_chain_id="VC" if i < 4 else "VCX",
                      extra={"ref": f"r{i}"} if i % 4 == 0 else {}))
    g.add(Project('P"Q', "TH", name_th='มี "คำพูด"'))
    for note in ("b", "a", None, "a"):  # the same link four times: ranked by their content
        g.add(Link("PRJ-1", "S1", note=note))
    g.add(Link("PRJ-2", "S1.1", relation="aligns_with", role="secondary", asserted_by="TH"))
    g.add(Link('P"Q', "S1", asserted_by="x"))
    g.add(Link("PRJ-3", "PRJ-4", relation="conflicts_with"))
    g.add(Link("PRJ-3", "GONE"))  # an unknown target: a :LinkRow node
    g.add(Link("PRJ-5", "S1", relation="weird", extra={"k": "v"}))
    g.add(Link("PRJ-6", "S1", extra={"k": "v2"}))
    g.add(Link("PRJ-6", "S1", extra={"k": "v1"}))
    for i, rec in enumerate(g.records("projects")):
        rec.row = i + 2
    return g


@pytest.mark.parametrize("integer_ids", [True, False])
def test_odd_values_quotes_budgets_levels_and_duplicate_links(tmp_path, integer_ids):
    g = _odd_graph()
    assert g.materialised  # records first: the columnar form is made from them
    _same(g, _odd_graph(), tmp_path, integer_ids)


@pytest.mark.parametrize("extra", ["a:b"])
def test_a_colon_in_an_extra_column_is_refused(tmp_path, extra):
    from stratlink.errors import InputError

    g = _odd_graph()
    g.add(Area("A9", extra={extra: "x"}))
    with pytest.raises(InputError, match="':' in its name"):
        write_import_files(g, tmp_path / "imp")
