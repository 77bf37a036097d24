"""CLI: check / trace / matrix / coverage exit codes, JSON shape, clean errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from helpers import write_sheets

from stratlink.cli import main

PLANS = "id,level,name_th\nNS,national,ยุทธศาสตร์ชาติ\nPV,province,แผนพัฒนาจังหวัด\n"
ELEMENTS = "id,plan_id,kind,name_th,parent_id\nS1,NS,strategy,ความมั่นคง,\nI1,PV,issue,ข้าวหอมมะลิ,\nG1,PV,goal,เป้าหมาย,I1\n"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def workbook(tmp_path, projects="id,plan_id,name_th\nP1,PV,โครงการ\n", links="source_id,target_id\nP1,G1\nI1,S1\n"):
    return write_sheets(tmp_path / "wb", plans=PLANS, elements=ELEMENTS, projects=projects, links=links)


def test_check_exit_codes(tmp_path):
    clean = workbook(tmp_path / "a")  # one warning: LEVEL_SKIP I1 -> S1 (province to national)
    assert run("check", clean).exit_code == 0
    assert run("check", clean, "--fail-on", "warning").exit_code == 1
    broken = workbook(tmp_path / "b", projects="id,plan_id,name_th\nP1,PV,โครงการ\nP2,PV,ลอย\n")
    assert run("check", broken).exit_code == 1
    assert run("check", broken, "--fail-on", "never").exit_code == 0
    assert run("check", tmp_path / "missing").exit_code == 2
    assert run("check", clean, "--format", "yaml").exit_code == 2


def test_check_json_shape(tmp_path):
    wb = workbook(tmp_path, projects="id,plan_id,name_th\nP1,PV,โครงการ\nP2,PV,ลอย\n")
    result = run("check", wb, "--format", "json", "--lang", "th")
    data = json.loads(result.output)
    assert set(data) == {"summary", "findings"}
    assert data["summary"] == {"errors": 1, "warnings": 1, "projects": 2, "complete": 1}
    assert data["findings"][0] == {
        "code": "ORPHAN_PROJECT", "severity": "error", "subject": "P2", "related": [],
        "message": "โครงการ P2 ไม่เชื่อมโยงกับแผนใดเลย",
        "location": {"sheet": "projects", "row": 3, "column": None},
        # names beside ids: added fields, the spec's fields above stay as they are
        "subject_name": "ลอย", "related_names": []}
    assert data["findings"][1]["code"] == "LEVEL_SKIP"
    assert data["findings"][1]["related_names"] == ["ความมั่นคง"]  # the name of S1
    assert data["findings"][1]["location"] == {"sheet": "links", "row": 3, "column": None}


@pytest.mark.parametrize("fmt", ["text", "csv", "markdown"])
def test_check_formats_and_output_file(tmp_path, fmt):
    wb = workbook(tmp_path)
    out = tmp_path / f"report.{fmt}"
    result = run("check", wb, "--format", fmt, "--output", out, "--lang", "en")
    assert result.exit_code == 0
    assert "LEVEL_SKIP" in out.read_text(encoding="utf-8")
    assert "0 error(s), 1 warning(s); 1 of 1 project(s) reach the top level" in result.output


def test_bad_input_is_one_clean_line(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("hello")
    result = CliRunner().invoke(main, ["check", str(bad)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_trace_command(tmp_path):
    wb = workbook(tmp_path)
    data = json.loads(run("trace", wb, "P1", "--format", "json").output)
    names = data.pop("names")  # added beside the spec's fields
    assert data == {"subject": "P1", "reaches": ["S1"], "complete": True,
                    "paths": [["P1", "G1", "I1", "S1"]], "truncated": False}
    assert names == {"G1": "เป้าหมาย", "I1": "ข้าวหอมมะลิ", "P1": "โครงการ", "S1": "ความมั่นคง"}
    down = json.loads(run("trace", wb, "S1", "--down", "--format", "json").output)
    assert down.pop("names") == {"P1": "โครงการ", "S1": "ความมั่นคง"}
    assert down == {"subject": "S1", "projects": ["P1"]}
    text = run("trace", wb, "P1", "--max-paths", "0").output
    assert "more paths exist" in text
    unknown = CliRunner().invoke(main, ["trace", str(wb), "NOPE"])
    assert unknown.exit_code == 2 and "no project or element has the id 'NOPE'" in unknown.output
    assert "Traceback" not in unknown.output


def test_matrix_and_coverage_commands(tmp_path):
    wb = workbook(tmp_path)
    assert run("matrix", wb).output.splitlines() == ["project,name,S1", "P1,โครงการ,primary"]
    assert CliRunner().invoke(main, ["matrix", str(wb), "--format", "xlsx"]).exit_code == 2
    xlsx = tmp_path / "m.xlsx"
    assert run("matrix", wb, "--format", "xlsx", "--output", xlsx).exit_code == 0 and xlsx.exists()
    cov = json.loads(run("coverage", wb, "--format", "json").output)
    assert [e["element"] for e in cov["elements"]] == ["S1", "G1", "I1"]
    assert cov["elements"][0]["projects"] == 1


def test_help_has_examples():
    for cmd in ("check", "trace", "matrix", "coverage"):
        out = run(cmd, "--help").output
        assert "Example:" in out and f"stratlink {cmd} " in out
