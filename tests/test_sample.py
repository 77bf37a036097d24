"""The bundled Roi Et sample: its three physical forms load to the same graph."""

from __future__ import annotations

import shutil

import pytest
from conftest import SAMPLE

from stratlink.loaders import export, load

XLSX = SAMPLE.parent / "roiet-2561.xlsx"


@pytest.fixture(scope="module")
def sample():
    return load(SAMPLE)


def test_sample_size_and_real_codes(sample):
    c = sample.counts()
    assert 60 <= c["projects"] <= 100
    national = [e for e in sample.elements.values() if sample.level(e.id) == "national"]
    assert len(national) == 6
    masters = [e for e in sample.elements.values() if e.kind == "master_plan"]
    assert len(masters) == 23
    # Roi Et is DOPA 45, its districts 4501-4520
    assert sample.areas["45"].name_th == "ร้อยเอ็ด"
    districts = [a for a in sample.areas if len(a) == 4 and a.startswith("45")]
    assert districts and all(4501 <= int(a) <= 4520 for a in districts)
    assert any(p.extra for p in sample.projects.values()), "an extra column is kept"


def test_cp874_copy_loads_identically(sample, tmp_path):
    copy = tmp_path / "cp874"
    copy.mkdir()
    for f in SAMPLE.glob("*.csv"):
        (copy / f.name).write_bytes(f.read_text(encoding="utf-8-sig").encode("cp874"))
    g = load(copy)
    assert g.same_content(sample) and g.era == sample.era
    assert [f.identity() for f in g.load_findings] == [f.identity() for f in sample.load_findings]


def test_bundled_xlsx_is_the_same_workbook(sample):
    assert XLSX.exists(), "run `make sample-xlsx` to regenerate examples/roiet-2561.xlsx"
    g = load(XLSX)
    assert g.same_content(sample), "examples/roiet-2561.xlsx is stale: run `make sample-xlsx`"
    # the copy keeps the deliberately bad rows: the same findings at the same places
    assert [f.identity() for f in g.load_findings] == [f.identity() for f in sample.load_findings]


def test_xlsx_keeps_the_bad_rows_findings_when_written_from_raw_rows(sample, tmp_path):
    # export writes what loaded: reloading it gives no load findings and the same content
    out = export(sample, tmp_path / "again.xlsx")
    again = load(out)
    assert again.load_findings == [] and again.same_content(sample)


def test_csv_round_trip_of_the_sample(sample, tmp_path):
    out = export(sample, tmp_path / "csv")
    assert load(out).same_content(sample)
    shutil.rmtree(out)
