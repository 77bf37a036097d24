"""The bulk path's files (no server needed: the importer run itself is measured in
benchmarks/bench_neo4j.py, which also checks that the imported graph gives the same
report as the in-memory engine)."""

from __future__ import annotations

import csv

import pytest

from stratlink.errors import InputError
from stratlink.loaders import load
from stratlink.neo4j.bulk import ARRAY_DELIMITER, write_import_files
from stratlink.neo4j.store import count_relationships


def test_files_hold_the_graph_write_neo4j_writes(sample_dir, tmp_path):
    g = load(sample_dir)
    files = write_import_files(g, tmp_path / "imp")
    records = (len(g.plans) + len(g.elements) + len(g.projects) + len(g.value_chains) + len(g.areas)
               + len(g.organizations) + 1 + len(g.load_findings))
    assert files.nodes == records
    assert files.relationships == count_relationships(g)
    args = (tmp_path / "imp" / "arguments.txt").read_text(encoding="utf-8").split("\n")
    assert f"--array-delimiter={ARRAY_DELIMITER}" in args
    assert not any(a.startswith("--multiline-fields") for a in args)  # no value spans lines
    projects = next(p for p in (tmp_path / "imp").glob("*-projects.csv"))
    with open(projects, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    assert header[:2] == [":ID(Node)", ":LABEL"] and "budget:double" in header and "id:string" in header
    assert "budget_exact:string" in header and "fiscal_year:long" in header
    by_id = {r[header.index("id:string")]: dict(zip(header, r)) for r in rows[1:]}
    prj = by_id["PRJ-001"]
    assert prj[":LABEL"].split(ARRAY_DELIMITER) == ["Project", "Node", "L_local"] or \
        prj[":LABEL"].split(ARRAY_DELIMITER)[:2] == ["Project", "Node"]
    assert prj["budget_exact:string"] == str(g.projects["PRJ-001"].budget)
    assert len(by_id) == len(g.projects)


def test_the_folder_must_be_empty(sample_dir, tmp_path):
    (tmp_path / "x.csv").write_text("old")
    with pytest.raises(InputError, match="must be empty"):
        write_import_files(load(sample_dir), tmp_path)
