"""The sample wide sheet (examples/roiet-2561-wide.xlsx) against its plans workbook
reproduces the bundled sample's projects and project links exactly.

Both the committed sheet (with its planted imperfections) and the clean variant
reproduce them: the planted fuzzy label still matches the right element, the
unmatched and ambiguous values are extra values that add nothing, and claims never
add links.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from click.testing import CliRunner

import stratlink as sl
from stratlink.cli import main
from stratlink.loaders.wide import read_sheet
from stratlink.wide import export_wide, import_wide, plans_only

ROOT = Path(__file__).resolve().parent.parent
EX = ROOT / "examples"
SHEET, PLANS, MAP = EX / "roiet-2561-wide.xlsx", EX / "roiet-2561-plans", EX / "roiet-2561-wide.toml"


def tool():
    spec = importlib.util.spec_from_file_location("wide_sample", ROOT / "tools" / "wide_sample.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def sample():
    return sl.load(EX / "roiet-2561")


def link_keys(g, with_asserter=True):
    return sorted((lk.source_id, lk.target_id, lk.relation, lk.role,
                   lk.asserted_by if with_asserter else None)
                  for lk in g.links if lk.source_id in g.projects)


def same_projects(a, b):
    assert set(a.projects) == set(b.projects)
    for pid, p in a.projects.items():
        assert b.projects[pid].values() == p.values(), pid


def test_committed_sheet_reproduces_the_sample(sample):
    r = import_wide(SHEET, PLANS, map=MAP)
    assert link_keys(r.graph) == link_keys(sample)
    same_projects(sample, r.graph)
    sheet = "โครงการปี 2566-2570"
    assert [(f.code, f.subject, f.related, f.location) for f in r.findings] == [
        ("UNKNOWN_REFERENCE", "PRJ-019", ("VC-HOMALI",), sl.Location(sheet, 23, "ห่วงโซ่คุณค่า")),
        ("INVALID_VALUE", "PRJ-013", ("budget",), sl.Location(sheet, 17, "งบประมาณ (บาท)")),
        ("INVALID_VALUE", "PRJ-021", ("stage",), sl.Location(sheet, 25, "ขั้นของห่วงโซ่")),
        ("UNMATCHED_LABEL", "PRJ-007", (), sl.Location(sheet, 11, "กลยุทธ์ตามแผนพัฒนาจังหวัด")),
        ("AMBIGUOUS_LABEL", "PRJ-040", ("MP01", "MP03", "MP15"),
         sl.Location(sheet, 44, "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ")),
        ("CLAIM_MISMATCH", "PRJ-001", ("NS-S4",), sl.Location(sheet, 5, "ยุทธศาสตร์ชาติ 20 ปี")),
        ("FUZZY_MATCH", "PRJ-038", ("RE-T4.1",), sl.Location(sheet, 42, "กลยุทธ์ตามแผนพัฒนาจังหวัด")),
    ]
    s = r.summary()
    assert (s["projects"], s["links"], s["skipped_rows"], s["header_row"]) == (78, 78, 1, 4)
    assert s["ignored_columns"] == ["ลำดับ", "หมายเหตุ"]
    assert r.matches["name"] == 1 and r.matches["fuzzy"] == 1
    assert r.matches["unmatched"] == 1 and r.matches["ambiguous"] == 1


def test_clean_variant_reproduces_the_sample_without_findings(sample, tmp_path):
    clean = tool().write_sheet(tmp_path / "clean.xlsx", clean=True)
    r = import_wide(clean, PLANS, map=MAP)
    assert r.findings == ()
    assert link_keys(r.graph) == link_keys(sample)
    same_projects(sample, r.graph)
    assert r.matches["unmatched"] == r.matches["ambiguous"] == r.matches["fuzzy"] == 0


def test_committed_files_are_what_the_tool_writes(sample, tmp_path):
    assert sl.load(PLANS).same_content(plans_only(sample))
    fresh = tool().write_sheet(tmp_path / "fresh.xlsx")
    assert read_sheet(fresh).rows == read_sheet(SHEET).rows


def test_written_workbook_loads_and_checks(tmp_path):
    r = import_wide(SHEET, PLANS, map=MAP)
    out = r.write(tmp_path / "roiet.xlsx")
    g = sl.load(out)
    assert len(g.projects) == 78 and g.load_findings == []
    assert sl.check(g).summary.projects == 78


def test_builtin_export_then_import_keeps_projects_and_links(sample, tmp_path):
    """Without a map, export-wide writes titles the built-in map reads back (one
    column per district and local plan); only asserted_by is not carried."""
    path, lost = export_wide(sample, tmp_path / "wide.csv")
    assert lost == 0
    r = import_wide(path, plans_only(sample))
    assert r.findings == ()
    same_projects(sample, r.graph)
    assert link_keys(r.graph, False) == link_keys(sample, False)


def test_cli_on_the_sample(tmp_path):
    res = CliRunner().invoke(main, ["import-wide", str(SHEET), "--plans", str(PLANS), "--map", str(MAP),
                                    "-o", str(tmp_path / "out"), "--lang", "th"])
    assert res.exit_code == 1
    assert "ไม่ตรงกับองค์ประกอบใดของแผน" in res.stdout and "คอลัมน์ที่ไม่ได้ใช้" in res.stdout
    res = CliRunner().invoke(main, ["import-wide", str(SHEET), "--plans", str(PLANS), "-o",
                                    str(tmp_path / "o2")])
    assert res.exit_code == 2 and "could be any of 4 district plans" in res.stderr
