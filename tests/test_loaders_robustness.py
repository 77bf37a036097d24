"""Nasty inputs and outputs: every one loads, round-trips or fails with one clean
message; none gives a traceback or loses data silently."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from click.testing import CliRunner
from helpers import write_sheets
from openpyxl import Workbook

from stratlink.cli import main
from stratlink.errors import InputError
from stratlink.graph_model import Location
from stratlink.loaders import export, load
from stratlink.loaders.workbook import atomic_write

PLANS = "id,level,name_th,period_start\nNS,national,ยุทธศาสตร์ชาติ,2561\nPV,province,จังหวัด,2566\n"
ELEMENTS = "id,plan_id,kind,name_th\nS1,NS,strategy,ยุทธศาสตร์\nG1,PV,goal,เป้าหมาย\n"
PROJECTS = "id,plan_id,name_th,budget\nP1,PV,โครงการ,100\n"
LINKS = "source_id,target_id\nP1,G1\nG1,S1\n"


def wb(tmp_path, name="wb", **over):
    sheets = dict(plans=PLANS, elements=ELEMENTS, projects=PROJECTS, links=LINKS)
    sheets.update(over)
    return write_sheets(tmp_path / name, **sheets)


def round_trips(graph, tmp_path):
    for target in (tmp_path / "rt-csv", tmp_path / "rt.xlsx", tmp_path / "rt.ttl"):
        back = load(export(graph, target))
        assert back.load_findings == [], (target, back.load_findings)
        assert back.same_content(graph), target
        assert back.era == graph.era


def test_cell_beyond_the_header_after_an_empty_one_is_kept(tmp_path):
    g = load(wb(tmp_path, projects="id,plan_id,name_th\nP1,PV,โครงการ,,x-in-E\n"))
    assert g.projects["P1"].extra == {"column_E": "x-in-E"}
    round_trips(g, tmp_path)


def test_xlsx_rows_are_numbered_as_the_sheet_shows_them(tmp_path):
    book = Workbook()
    ws = book.active
    ws.title = "plans"
    ws["A3"], ws["B3"], ws["C3"] = "id", "level", "name_en"
    ws["A4"], ws["B4"], ws["C4"] = "NS", "bogus", "x"
    book.save(tmp_path / "x.xlsx")
    g = load(tmp_path / "x.xlsx")
    assert g.load_findings[0].location == Location("plans", 4, "level")


def test_years_round_trip_in_both_eras(tmp_path):
    g = load(wb(tmp_path, plans="id,level,name_th,period_start,period_end\nNS,national,x,1857,2570\n"))
    assert g.era == "BE" and g.plans["NS"].period_start == 1857
    round_trips(g, tmp_path)
    g = load(wb(tmp_path, "old", plans="id,level,name_th,period_start\nNS,national,x,1856\n"
                                       "PV,province,y,\n"))
    assert [f.related for f in g.load_findings] == [("period_start",)]


@pytest.mark.parametrize("text", ["=SUM(A1)", "=HYPERLINK(\"http://x\",\"y\")", "a\r\nb", "a\rb",
                                  "x\x01y\x0bz", "_x000D_ literal", "ไทย\tแท็บ", "007", "TRUE"])
def test_text_survives_every_form(tmp_path, text):
    g = load(wb(tmp_path))
    g.projects["P1"].name_en = text
    g.projects["P1"].extra["note"] = text
    round_trips(g, tmp_path)


def test_xlsx_formula_text_is_not_a_formula(tmp_path):
    from openpyxl import load_workbook

    g = load(wb(tmp_path))
    g.projects["P1"].name_en = "=1+1"
    out = export(g, tmp_path / "f.xlsx")
    cell = load_workbook(out)["projects"]["D2"]
    assert cell.value == "=1+1" and cell.data_type == "s"


def test_too_long_for_excel_is_a_clear_error(tmp_path):
    g = load(wb(tmp_path))
    g.projects["P1"].name_en = "ก" * 40000
    with pytest.raises(InputError, match=r"projects, row 2, column name_en: 40,000 characters"):
        export(g, tmp_path / "long.xlsx")
    assert not (tmp_path / "long.xlsx").exists()
    round_trips_csv = load(export(g, tmp_path / "long-csv"))
    assert round_trips_csv.projects["P1"].name_en == "ก" * 40000


def test_tiny_budgets_survive_xlsx(tmp_path):
    g = load(wb(tmp_path, projects="id,plan_id,name_th,budget\nP1,PV,x,0.0000001\n"))
    assert g.projects["P1"].budget == Decimal("0.0000001")
    round_trips(g, tmp_path)


def test_synthetic_and_mixed_case_column_names_are_stable(tmp_path):
    g = load(wb(tmp_path, plans="ID,Level,,name_th,Remark_X\nNS,national,c-val,x,r\nPV,province,,y,\n"))
    assert g.load_findings == []
    assert g.plans["NS"].extra == {"column_C": "c-val", "Remark_X": "r"}
    round_trips(g, tmp_path)


def test_csv_export_refuses_a_folder_in_the_way_before_writing(tmp_path):
    g = load(wb(tmp_path))
    out = tmp_path / "out"
    export(g, out)
    before = (out / "plans.csv").read_bytes()
    g.plans["NS"].name_th = "เปลี่ยน"
    (out / "links.csv").unlink()
    (out / "links.csv").mkdir()
    with pytest.raises(InputError, match="links.csv: exists and is not a file; nothing was written"):
        export(g, out)
    assert (out / "plans.csv").read_bytes() == before


def test_csv_export_removes_stale_sheets(tmp_path):
    out = tmp_path / "out"
    with_areas = load(wb(tmp_path, "a", areas="id,name_th\n45,ร้อยเอ็ด\n"))
    export(with_areas, out)
    assert (out / "areas.csv").exists()
    export(load(wb(tmp_path, "b")), out)
    assert not (out / "areas.csv").exists()
    assert "areas" not in load(out).sheets


def test_atomic_write_gives_an_ordinary_file_mode(tmp_path):
    import os

    target = tmp_path / "new.ttl"
    atomic_write(target, lambda tmp: open(tmp, "w").write("x"))
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_atomic_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "x.ttl"
    target.write_text("old")

    def fail(tmp):
        with open(tmp, "w") as fh:
            fh.write("half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        atomic_write(target, fail)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.ttl"]


def cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_no_traceback_on_hostile_files(tmp_path):
    huge = wb(tmp_path, "huge", plans="id,level,name_th,period_start\nNS,national,x," + "9" * 5000 + "\n")
    res = cli("check", huge, "--format", "json")
    assert res.exit_code == 1 and "INVALID_VALUE" in res.output
    res = cli("info", wb(tmp_path, "b64"), "--encoding", "base64")
    assert res.exit_code == 2 and "not a text encoding" in res.output
    # a damaged sheet inside a valid zip
    good = export(load(wb(tmp_path)), tmp_path / "good.xlsx")
    import zipfile

    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, data[: len(data) // 2] if item.filename.endswith("sheet1.xml") else data)
    res = cli("info", broken)
    assert res.exit_code == 2 and "not a readable .xlsx" in res.output
    deep = tmp_path / "deep.jsonld"
    deep.write_text("[" * 100000 + "]" * 100000)
    res = cli("info", deep)
    assert res.exit_code == 2 and "deep.jsonld" in res.output
    sur = tmp_path / "sur.ttl"
    sur.write_text('<http://x/a> <http://x/b> "\\uD800" .\n')
    res = cli("info", sur)
    assert res.exit_code == 2 and "not valid Unicode" in res.output
    for res in (cli("check", huge), cli("info", broken), cli("info", deep), cli("info", sur)):
        assert res.exception is None or isinstance(res.exception, SystemExit)


def test_a_workbook_openpyxl_cannot_open_is_a_clean_error(tmp_path):
    # openpyxl 3.1 fails on a chart sheet without a drawing: one line, exit 2
    book = Workbook()
    book.active.title = "elements"
    book.active.append(["id", "plan_id", "kind", "name_en"])
    book.create_chartsheet("plans")
    book.save(tmp_path / "c.xlsx")
    res = cli("info", tmp_path / "c.xlsx")
    assert res.exit_code == 2 and "c.xlsx: not a readable .xlsx workbook" in res.output


def test_encoding_traps(tmp_path):
    utf16 = wb(tmp_path, "u16")
    (utf16 / "plans.csv").write_bytes(PLANS.encode("utf-16"))
    with pytest.raises(InputError, match="UTF-16"):
        load(utf16)
    (utf16 / "plans.csv").write_bytes(PLANS.encode("utf-16-le"))
    with pytest.raises(InputError, match="NUL characters"):
        load(utf16)
    bom = wb(tmp_path, "bom")
    (bom / "plans.csv").write_bytes(b"\xef\xbb\xbf" + PLANS.encode("utf-8"))
    with pytest.raises(InputError, match="byte-order mark, but --encoding cp874"):
        load(bom, encoding="cp874")
    assert load(bom, encoding="utf-8").plans["NS"].name_th == "ยุทธศาสตร์ชาติ"


def test_sheet_files_match_without_case_but_never_twice(tmp_path):
    folder = wb(tmp_path)
    (folder / "plans.csv").rename(folder / "PLANS.CSV")
    assert len(load(folder).plans) == 2
    (folder / "Plans.csv").write_text(PLANS)
    with pytest.raises(InputError, match="both PLANS.CSV and Plans.csv hold sheet 'plans'"):
        load(folder)


def test_thai_level_words_and_year_separators(tmp_path):
    g = load(wb(tmp_path, plans="id,level,name_th,period_start\nNS,ยุทธศาสตร์ชาติ,x,\"2,561\"\n"
                                "PV,แผนพัฒนาจังหวัด,p,\nV1,แผนหมู่บ้าน,y,\nV2,แผนชุมชน,z,\n"))
    assert g.load_findings == []
    assert (g.plans["NS"].level, g.plans["NS"].period_start) == ("national", 2018)
    assert g.plans["V1"].level == g.plans["V2"].level == "community"


def test_references_to_the_wrong_kind_of_record(tmp_path):
    g = load(wb(tmp_path,
                elements=ELEMENTS + "G2,PV,goal,x,P1\n".replace(",x,P1", ",x") + "",
                projects="id,plan_id,name_th,value_chain_id,area_id\nP1,PV,x,S1,G1\nP2,S1,y,,\n",
                links=LINKS + "P1,PV\n", areas="id,name_th\n45,ร้อยเอ็ด\n"))
    got = [(f.code, f.subject, f.related, f.location.column, f.args.get("kind_sheet"))
           for f in g.load_findings]
    assert got == [
        ("INVALID_VALUE", "P1", ("area_id",), "area_id", "elements"),
        ("INVALID_VALUE", "P1", ("value_chain_id",), "value_chain_id", "elements"),
        ("INVALID_VALUE", "P2", ("plan_id",), "plan_id", "elements"),
        ("INVALID_VALUE", "P1", ("target_id",), "target_id", "plans"),
    ]
    assert "P2" not in g.projects and g.projects["P1"].area_id is None
    msg = json.dumps([f.message("en") for f in g.load_findings])
    assert "PV is a plan, not an element or a project; the row is left out" in msg
    msg = json.dumps([f.message("th") for f in g.load_findings], ensure_ascii=False)
    assert "PV เป็นแผน ไม่ใช่องค์ประกอบของแผนหรือโครงการ จึงไม่นำแถวนี้มาใช้" in msg


def test_messages_read_well_in_edge_cases():
    from stratlink.graph_model import Finding

    gap = Finding.make("VALUE_CHAIN_GAP", "VC", ["midstream", "downstream"])
    assert gap.message("th") == "ห่วงโซ่คุณค่า VC ขาดช่วงกลางทางและปลายทาง (ไม่มีโครงการในช่วงนี้)"
    assert gap.message("en") == "value chain VC has no project at stage midstream, downstream"
    loop = Finding.make("BROKEN_CHAIN", "P", [], top="National Strategy", top_th="ยุทธศาสตร์ชาติ")
    assert loop.message("en").endswith("its chain ends in a cycle of links")
