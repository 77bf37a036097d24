"""Many workbooks in one graph: namespaces, shared workbooks, findings as a union."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

import stratlink as sl
from stratlink.cli import main

SAMPLE = "examples/roiet-2561"
KHONKAEN = "tests/data/khonkaen-mini"


def _identities(report) -> set[tuple]:
    return {f.identity() for f in report.findings}


def _namespaced(report, ns: str, graph) -> set[tuple]:
    """The findings of a one-workbook check with every id of ``graph`` as ``ns:id``."""
    ids = {i for sheet in ("plans", "elements", "projects", "value_chains", "areas", "organizations")
           for i in graph.table(sheet)}
    out = set()
    for f in report.findings:
        subject = f.subject if f.code == "MISSING_SHEET" or not f.subject else f"{ns}:{f.subject}"
        related = tuple(f"{ns}:{r}" if r in ids else r for r in f.related)
        out.add((f.code, f.severity, subject, related))
    return out


def test_two_provinces_and_national_equal_the_union_of_separate_checks():
    together = sl.check(sl.load([SAMPLE, KHONKAEN], shared=[sl.NATIONAL]))
    separate = [sl.check(sl.load([p], shared=[sl.NATIONAL])) for p in (SAMPLE, KHONKAEN)]
    union = set().union(*(_identities(r) for r in separate))
    assert _identities(together) == union
    assert len(together.findings) == len(union)  # no finding twice
    namespaces = {f.subject.split(":")[0] for f in together.findings}
    assert namespaces == {"roiet-2561", "khonkaen"}


def test_a_self_contained_workbook_gives_its_own_findings_namespaced():
    alone = sl.load(SAMPLE)
    together = sl.check(sl.load([SAMPLE, KHONKAEN], shared=[sl.NATIONAL]))
    mine = {(f.code, f.severity, f.subject, f.related) for f in together.findings
            if f.subject.startswith("roiet-2561:")}
    assert mine == _namespaced(sl.check(alone), "roiet-2561", alone)


def test_references_resolve_in_own_workbook_then_in_shared():
    g = sl.load([SAMPLE, KHONKAEN], shared=[sl.NATIONAL])
    # the sample defines its own MP03; Khon Kaen's links reach the national one
    targets = {link.target_id for link in g.links if link.source_id == "khonkaen:KK-I1"}
    assert targets == {"national:MP0301", "national:N13-M1"}
    assert g.value_chains["khonkaen:VC-SILK"].serves_id == "khonkaen:KK-I1"
    assert g.value_chains["roiet-2561:VC-SILK"].serves_id == "roiet-2561:RE-T1.4"
    assert g.areas["khonkaen:44"].name_en == "Maha Sarakham"
    t = sl.trace(g, "khonkaen:PRJ-001")
    assert t.complete and "national:NS-S2" in t.reaches
    assert "national:MP0301" in t.paths[0] or any("national:MP0301" in p for p in t.paths)
    # the sample's own NS-S2 wins inside the sample: the shared one has only Khon Kaen's
    down = sl.trace_down(g, "national:NS-S2").projects
    assert "khonkaen:PRJ-001" in down and not any(p.startswith("roiet-2561:") for p in down)
    assert "roiet-2561:PRJ-001" in sl.trace_down(g, "roiet-2561:NS-S2").projects


def test_unresolved_reference_keeps_its_workbook_location():
    g = sl.load([KHONKAEN], shared=[sl.NATIONAL])
    unknown = [f for f in g.load_findings if f.code == "UNKNOWN_REFERENCE"]
    assert [(f.subject, f.related, f.location.sheet, f.location.row, f.location.column)
            for f in unknown] == [("khonkaen:LDP-4001-S1", ("MP99",), "links", 13, "target_id")]
    if hasattr(unknown[0].location, "file"):
        assert KHONKAEN in unknown[0].location.file


def test_without_the_shared_workbook_national_ids_are_unknown():
    g = sl.load(KHONKAEN)
    missing = sorted(f.related[0] for f in g.load_findings if f.code == "UNKNOWN_REFERENCE")
    assert missing == ["MP01", "MP0301", "MP05", "MP06", "MP99", "N13-M1"]
    assert g.namespace == "khonkaen"  # from its meta sheet
    assert all(":" not in i for i in g.projects)  # one workbook: plain ids


def test_namespace_is_the_folder_name_without_meta(tmp_path):
    copy = tmp_path / "Roi Et copy"
    shutil.copytree(SAMPLE, copy)
    g = sl.load([SAMPLE, copy])
    assert sorted(g.workbooks) == ["Roi-Et-copy", "roiet-2561"]
    assert "Roi-Et-copy:PRJ-001" in g.projects


def test_two_workbooks_with_one_namespace_are_an_input_error(tmp_path):
    copy = tmp_path / "roiet-2561"
    shutil.copytree(SAMPLE, copy)
    with pytest.raises(sl.InputError, match="namespace 'roiet-2561'"):
        sl.load([SAMPLE, copy])


def test_bad_meta_namespace_is_reported_and_the_folder_name_used(tmp_path):
    copy = tmp_path / "kk"
    shutil.copytree(KHONKAEN, copy)
    (copy / "meta.csv").write_text("key,value\nnamespace,khon kaen:x\n", encoding="utf-8")
    g = sl.load(copy)
    bad = [f for f in g.load_findings if f.location and f.location.sheet == "meta"]
    assert [(f.code, f.location.row, f.location.column) for f in bad] == [("INVALID_VALUE", 2, "value")]
    assert g.namespace == "kk"


def test_meta_sheet_round_trips_through_csv_and_xlsx(tmp_path):
    g = sl.load(KHONKAEN)
    for target in (tmp_path / "csv", tmp_path / "kk.xlsx"):
        back = sl.load(sl.export(g, target))
        assert back.meta == g.meta and back.namespace == "khonkaen"
        assert back.same_content(g)


def test_cli_check_and_trace_take_many_workbooks_and_shared():
    runner = CliRunner()
    res = runner.invoke(main, ["check", SAMPLE, KHONKAEN, "--shared", "national", "--format", "json",
                               "--fail-on", "never"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    expected = sl.check(sl.load([SAMPLE, KHONKAEN], shared=[sl.NATIONAL])).to_dict()
    assert data["summary"] == expected["summary"]
    assert [f["subject"] for f in data["findings"]] == [f["subject"] for f in expected["findings"]]
    res = runner.invoke(main, ["trace", KHONKAEN, "khonkaen:PRJ-004", "--shared", "national",
                               "--format", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["reaches"] == ["national:NS-S2", "national:NS-S5"]
    res = runner.invoke(main, ["check", SAMPLE, "--shared", "no/such/workbook"])
    assert res.exit_code == 2 and "no/such/workbook" in res.output


def test_cli_matrix_coverage_export_take_many_workbooks(tmp_path):
    runner = CliRunner()
    res = runner.invoke(main, ["matrix", KHONKAEN, "--shared", "national"])
    assert res.exit_code == 0, res.output
    assert "khonkaen:PRJ-001" in res.output and "national:NS-S2" in res.output
    res = runner.invoke(main, ["coverage", KHONKAEN, "--shared", "national", "--format", "json"])
    assert res.exit_code == 0 and "national:NS-S2" in res.output
    out = tmp_path / "both.ttl"
    res = runner.invoke(main, ["export", SAMPLE, KHONKAEN, "--shared", "national", "--to", str(out)])
    assert res.exit_code == 0, res.output
    assert out.stat().st_size > 0


def test_cli_map_and_report_take_many_workbooks(tmp_path):
    runner = CliRunner()
    out = tmp_path / "map.html"
    res = runner.invoke(main, ["map", SAMPLE, KHONKAEN, "--shared", "national", "-o", str(out),
                               "--focus", "khonkaen:PRJ-001"])
    assert res.exit_code == 0, res.output
    assert "national:NS-S2" in out.read_text(encoding="utf-8")
    out = tmp_path / "report.html"
    res = runner.invoke(main, ["report", KHONKAEN, "--shared", "national", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "khonkaen:PRJ-001" in out.read_text(encoding="utf-8")
