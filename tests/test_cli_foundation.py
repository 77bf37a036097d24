"""The foundation commands: validate, export, info, --version, and clean errors."""

from __future__ import annotations

import json

from click.testing import CliRunner
from helpers import write_sheets

from stratlink import __version__
from stratlink.cli import main
from stratlink.loaders import load

PLANS = "id,level,name_th,period_start\nNS,national,ยุทธศาสตร์ชาติ,2561\nPV,province,แผนจังหวัด,2566\n"
ELEMENTS = "id,plan_id,kind,name_th\nS1,NS,strategy,ความมั่นคง\nG1,PV,goal,เป้าหมาย\n"
PROJECTS = "id,plan_id,name_th,budget\nP1,PV,โครงการ,\"1,000\"\n"
LINKS = "source_id,target_id\nP1,G1\nG1,S1\n"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def folder(tmp_path, **over):
    sheets = dict(plans=PLANS, elements=ELEMENTS, projects=PROJECTS, links=LINKS)
    sheets.update(over)
    return write_sheets(tmp_path / "wb", **sheets)


def test_version_and_help_examples():
    assert run("--version").output.strip() == f"stratlink, version {__version__}"
    for cmd in ("validate", "export", "info"):
        out = run(cmd, "--help").output
        assert "Example:" in out and f"stratlink {cmd} " in out


def test_validate_exit_codes(tmp_path):
    ok = run("validate", folder(tmp_path), "--no-shacl")
    assert ok.exit_code == 0, ok.output
    assert ok.output.strip().endswith("SHACL: not run")
    bad = folder(tmp_path, projects=PROJECTS + "P2,PV,งบผิด,abc\n")
    res = run("validate", bad, "--no-shacl")
    assert res.exit_code == 1
    assert "INVALID_VALUE" in res.output and "projects, row 3, column budget" in res.output
    assert run("validate", bad, "--no-shacl", "--fail-on", "never").exit_code == 0


def test_validate_json_shape(tmp_path):
    bad = folder(tmp_path, links=LINKS + "P1,NOPE\n")
    res = run("validate", bad, "--no-shacl", "--format", "json", "--lang", "th")
    assert res.exit_code == 1
    data = json.loads(res.output)
    assert data["summary"]["errors"] == 1 and data["summary"]["projects"] == 1
    (f,) = data["findings"]
    assert f == {"code": "UNKNOWN_REFERENCE", "severity": "error", "subject": "P1",
                 "related": ["NOPE"], "message": f["message"],
                 "location": {"sheet": "links", "row": 4, "column": "target_id"}}
    assert "ไม่มีอยู่" in f["message"]


def test_unreadable_input_exit_2_without_traceback(tmp_path):
    for target in (tmp_path / "nothing", tmp_path / "file.txt"):
        if target.suffix:
            target.write_text("hello")
        res = CliRunner().invoke(main, ["validate", str(target)])
        assert res.exit_code == 2
        assert "Traceback" not in res.output and str(target) in res.output
    bad = tmp_path / "bad"
    write_sheets(bad, plans="id,level,name_en\nNS,national,Caf\xe9\n", encoding="latin-1")
    res = CliRunner().invoke(main, ["info", str(bad)])
    assert res.exit_code == 2 and "plans.csv" in res.output and "--encoding" in res.output
    res = CliRunner().invoke(main, ["check-nothing"])
    assert res.exit_code == 2


def test_export_forms_and_era(tmp_path):
    src = folder(tmp_path)
    res = run("export", src, "--to", tmp_path / "out.xlsx")
    assert res.exit_code == 0 and "wrote" in res.output
    res = run("export", tmp_path / "out.xlsx", "--to", tmp_path / "csv", "--era", "CE")
    assert res.exit_code == 0
    assert "2018" in (tmp_path / "csv" / "plans.csv").read_text(encoding="utf-8-sig")
    assert load(tmp_path / "csv").same_content(load(src))


def test_info_counts_thai_aligned(tmp_path):
    res = run("info", folder(tmp_path))
    assert res.exit_code == 0
    assert "2 plans, 2 elements, 1 projects, 2 links" in res.output
    lines = res.output.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("level"))
    assert lines[header + 2].split()[:4] == ["national", "1", "1", "0"]
    data = json.loads(run("info", folder(tmp_path), "--format", "json").output)
    assert data["era"] == "BE" and data["budget"] == 1000


def test_validate_reports_shacl_violations_of_rdf_input(tmp_path):
    from stratlink.loaders.rdf import graph_to_rdf
    from stratlink.ontology import SL, node_iri

    g = load(folder(tmp_path))
    rdf = graph_to_rdf(g)
    rdf.remove((node_iri("P1", g.namespace), SL.inPlan, None))
    ttl = tmp_path / "broken.ttl"
    ttl.write_text(rdf.serialize(format="turtle"), encoding="utf-8")
    res = run("validate", ttl, "--format", "json")
    assert res.exit_code == 1
    data = json.loads(res.output)
    shacl = [f for f in data["findings"] if f["code"] == "SHACL"]
    assert data["summary"]["shacl_conforms"] is False
    assert shacl and shacl[0]["subject"] == "P1" and shacl[0]["related"] == ["inPlan"]
    # without SHACL: the load findings (the project is left out, so is its link)
    res = run("validate", ttl, "--no-shacl", "--format", "json")
    assert [f["code"] for f in json.loads(res.output)["findings"]] == ["INVALID_VALUE", "UNKNOWN_REFERENCE"]
    clean = run("validate", folder(tmp_path))
    assert clean.exit_code == 0 and "SHACL: conforms" in clean.output
