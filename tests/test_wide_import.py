"""import-wide (shared/spec/wide-sheet.md): rows, values, the three matching rules,
the four findings with the user's row and column title, claims, the built-in map."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from stratlink.cli import main
from stratlink.errors import InputError
from stratlink.loaders.wide import WideMapError
from stratlink.wide import import_wide

PLANS = dict(
    plans="""
        id,level,name_th,period_start,period_end
        NS,national,ยุทธศาสตร์ชาติ,2561,2580
        MP,master,แผนแม่บทภายใต้ยุทธศาสตร์ชาติ,2561,2580
        N13,master,แผนพัฒนาเศรษฐกิจและสังคมแห่งชาติ ฉบับที่ 13,2566,2570
        PV,province,แผนพัฒนาจังหวัดร้อยเอ็ด,2566,2570
        """,
    elements="""
        id,plan_id,kind,code,name_th,name_en,parent_id
        S2,NS,strategy,2,ยุทธศาสตร์ชาติด้านการสร้างความสามารถในการแข่งขัน,Competitiveness,
        S4,NS,strategy,4,ยุทธศาสตร์ชาติด้านการสร้างโอกาสและความเสมอภาคทางสังคม,Social Cohesion and Equity,
        MP03,MP,master_plan,03,แผนแม่บทประเด็นการเกษตร,Agriculture,
        MP16,MP,master_plan,16,แผนแม่บทประเด็นเศรษฐกิจฐานราก,Grassroots economy,
        M1,N13,milestone,1,ไทยเป็นประเทศชั้นนำด้านสินค้าเกษตรและเกษตรแปรรูปมูลค่าสูง,,
        I1,PV,issue,1,การพัฒนาการเกษตร,,
        G1,PV,goal,1.1,มูลค่าผลผลิตข้าวหอมมะลิเพิ่มขึ้น,,I1
        T1,PV,tactic,1.2,ยกระดับการแปรรูปและการตลาดข้าว,Rice processing and marketing,I1
        T2,PV,tactic,1.3,ส่งเสริมการท่องเที่ยวเชิงวัฒนธรรม,,I1
        T3,PV,tactic,,ส่งเสริมการท่องเที่ยวเชิงวัฒนธรรมและกีฬา,,I1
        """,
    links="""
        source_id,target_id,relation
        MP03,S2
        MP16,S4
        M1,S2
        I1,MP03
        I1,M1,aligns_with
        """,
)

HEADER = "รหัสโครงการ,ชื่อโครงการ,ปีงบประมาณ,งบประมาณ (บาท),ยุทธศาสตร์ชาติ 20 ปี,แผนพัฒนาจังหวัด"


@pytest.fixture
def plans(workbook):
    return workbook(**PLANS)


def sheet_file(tmp_path, *rows: str, name="projects.csv", encoding="utf-8", header=HEADER,
               titles=("บัญชีโครงการจังหวัดร้อยเอ็ด ปี 2567", "")):
    text = "\n".join([*titles, header, *rows]) + "\n"
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def run(sheet, plans, **kw):
    return import_wide(sheet, plans, **kw)


def codes(result):
    return [(f.code, f.subject, f.related, f.location.row, f.location.column) for f in result.findings]


def targets(result, pid):
    return sorted(lk.target_id for lk in result.graph.links if lk.source_id == pid)


# ---- rows and values -------------------------------------------------------------------
def test_title_rows_total_rows_and_values(tmp_path, plans):
    sheet = sheet_file(
        tmp_path,
        'P1,ข้าว,2567.0,"2,500,000.00",ด้าน 2,1.2 ยกระดับการแปรรูปและการตลาดข้าว',
        "P2,ไหม,๒๕๖๗,๑๒๓,,1.3",
        "",
        ',รวม,,"2,500,123",,',
    )
    r = run(sheet, plans)
    s = r.summary()
    assert (s["header_row"], s["projects"], s["links"], s["skipped_rows"]) == (3, 2, 2, 2)
    p1, p2 = r.graph.projects["P1"], r.graph.projects["P2"]
    assert (p1.fiscal_year, str(p1.budget), p1.plan_id) == (2024, "2500000", "PV")
    assert (p2.fiscal_year, str(p2.budget)) == (2024, "123")
    assert r.graph.era == "BE"
    assert codes(r) == []
    assert p1.row == 4 and r.findings == ()


def test_bad_value_is_reported_at_the_sheet_cell_and_the_project_kept(tmp_path, plans):
    sheet = sheet_file(tmp_path, "P1,ข้าว,ปีหน้า,-5,,1.2")
    r = run(sheet, plans)
    assert codes(r) == [("INVALID_VALUE", "P1", ("budget",), 4, "งบประมาณ (บาท)"),
                        ("INVALID_VALUE", "P1", ("fiscal_year",), 4, "ปีงบประมาณ")]
    assert r.graph.projects["P1"].budget is None and targets(r, "P1") == ["T1"]
    assert r.findings[0].location.sheet == "projects.csv"


def test_cp874_and_bom_sheets(tmp_path, plans):
    for i, enc in enumerate(["cp874", "utf-8-sig"]):
        sheet = sheet_file(tmp_path, "P1,ข้าว,2567,100,,1.2", name=f"s{i}.csv", encoding=enc)
        r = run(sheet, plans)
        assert r.graph.projects["P1"].name_th == "ข้าว" and targets(r, "P1") == ["T1"]


def test_row_without_id_but_with_labels_is_an_error(tmp_path, plans):
    r = run(sheet_file(tmp_path, ",ข้าว,2567,100,,1.2"), plans)
    assert codes(r) == [("INVALID_VALUE", "", ("id",), 4, "รหัสโครงการ")]
    assert r.summary()["projects"] == 0 and r.summary()["skipped_rows"] == 0


def test_an_id_already_in_the_workbook_is_a_duplicate(tmp_path, plans):
    r = run(sheet_file(tmp_path, "T1,ข้าว,2567,100,,1.2", "P1,ก,,,,", "P1,ข,,,,"), plans)
    assert [c[:2] for c in codes(r)] == [("DUPLICATE_ID", "P1"), ("DUPLICATE_ID", "T1")]
    assert r.graph.projects["P1"].name_th == "ก"


# ---- the three rules ---------------------------------------------------------------------
@pytest.mark.parametrize("value,element,how", [
    ("1.2", "T1", "code"),
    ("01.02 anything after the code", "T1", "code"),
    ("๑.๒", "T1", "code"),
    ("กลยุทธ์ที่ 1.2", "T1", "code"),
    ("ประเด็นที่ 1", "I1", "code"),
    ("ยกระดับการแปรรูปและการตลาดข้าว", "T1", "name"),
    ("  rice PROCESSING and   marketing ", "T1", "name"),
    ("9.9 ยกระดับการแปรรูปและการตลาดข้าว", "T1", "name"),
    ("ยกระดับการแปรรูปและการตลาดข้าวว", "T1", "fuzzy"),
])
def test_rules(tmp_path, plans, value, element, how):
    r = run(sheet_file(tmp_path, f'P1,ข้าว,,,,"{value}"'), plans)
    assert targets(r, "P1") == [element]
    assert r.matches[how] == 1 and sum(r.matches.values()) == 1
    link = next(lk for lk in r.graph.links if lk.source_id == "P1")
    assert value.strip() in link.note and (link.relation, link.role) == ("contributes_to", "primary")


def test_fuzzy_match_is_info_and_names_the_element(tmp_path, plans):
    r = run(sheet_file(tmp_path, "P1,ข้าว,,,,ยกระดับการแปรรูปและการตลาดข้าวว"), plans)
    assert codes(r) == [("FUZZY_MATCH", "P1", ("T1",), 4, "แผนพัฒนาจังหวัด")]
    assert r.findings[0].severity == "info"
    assert "0.98" in r.findings[0].message("en")


def test_unmatched_label(tmp_path, plans):
    r = run(sheet_file(tmp_path, 'P1,ข้าว,,,,"1.2, 7.7 ไม่มีในแผน"'), plans)
    assert codes(r) == [("UNMATCHED_LABEL", "P1", (), 4, "แผนพัฒนาจังหวัด")]
    assert "7.7 ไม่มีในแผน" in r.findings[0].message("en") and targets(r, "P1") == ["T1"]
    assert r.matches["unmatched"] == 1 and r.findings[0].severity == "error"


def test_fuzzy_close_to_two_elements_is_ambiguous(tmp_path, plans):
    # T2 and T3 differ by a suffix; a value between them is close to both
    r = run(sheet_file(tmp_path, "P1,ข้าว,,,,ส่งเสริมการท่องเที่ยวเชิงวัฒนธรรมและกี"), plans)
    assert codes(r) == [("AMBIGUOUS_LABEL", "P1", ("T2", "T3"), 4, "แผนพัฒนาจังหวัด")]
    assert targets(r, "P1") == [] and r.matches["ambiguous"] == 1


def test_same_code_twice_is_ambiguous(tmp_path, workbook):
    wb = workbook(plans="id,level\nPV,province\n",
                  elements="id,plan_id,kind,code,name_th\nA,PV,goal,1,เอ\nB,PV,goal,01,บี\n")
    r = run(sheet_file(tmp_path, "P1,ข้าว,1 บี", header="รหัสโครงการ,ชื่อโครงการ,แผนพัฒนาจังหวัด"), wb)
    # the code rule matches two elements, so the name after the code is not looked at
    assert codes(r) == [("AMBIGUOUS_LABEL", "P1", ("A", "B"), 4, "แผนพัฒนาจังหวัด")]


def test_same_label_twice_in_a_cell_is_one_link(tmp_path, plans):
    r = run(sheet_file(tmp_path, 'P1,ข้าว,,,,"1.2\n1.2 ยกระดับการแปรรูปและการตลาดข้าว;1.2"'), plans)
    assert targets(r, "P1") == ["T1"] and r.matches["code"] == 2  # "1.2" twice is one value


# ---- claims -------------------------------------------------------------------------------
def test_claim_that_the_links_support_is_silent(tmp_path, plans):
    r = run(sheet_file(tmp_path, "P1,ข้าว,,,ด้าน 2 การสร้างความสามารถในการแข่งขัน,1.2"), plans)
    assert codes(r) == [] and targets(r, "P1") == ["T1"]


def test_claim_mismatch_is_a_warning_and_never_a_link(tmp_path, plans):
    r = run(sheet_file(tmp_path, 'P1,ข้าว,,,"ด้าน 2\nด้าน 4 การสร้างโอกาส",1.2'), plans)
    assert codes(r) == [("CLAIM_MISMATCH", "P1", ("S4",), 4, "ยุทธศาสตร์ชาติ 20 ปี")]
    f = r.findings[0]
    assert f.severity == "warning" and "S2" in f.message("en") and "ด้าน 4" in f.message("th")
    assert targets(r, "P1") == ["T1"]  # the claims added nothing


def test_claim_of_a_project_without_links(tmp_path, plans):
    r = run(sheet_file(tmp_path, "P1,ข้าว,,,ด้าน 2,"), plans)
    assert codes(r) == [("CLAIM_MISMATCH", "P1", ("S2",), 4, "ยุทธศาสตร์ชาติ 20 ปี")]
    assert targets(r, "P1") == []


# ---- the map file -------------------------------------------------------------------------
MAP = """
plan = "PV"
header_row = 3
[fields]
id = "Code"
name_th = "Project"
[[columns]]
title = "Goal"
plan = "PV"
role = "secondary"
asserted_by = "{plan_id}"
split = "|"
[[columns]]
title = "NS"
plan = "NS"
use = "claim"
"""


def test_map_file(tmp_path, plans):
    (tmp_path / "m.toml").write_text(MAP, encoding="utf-8")
    sheet = sheet_file(tmp_path, "P1,ข้าว,1.2|1.3, 2,x", header="Code,Project,Goal,NS,Other",
                       titles=("Title", "Code"))
    r = run(sheet, plans, map=tmp_path / "m.toml")
    assert targets(r, "P1") == ["T1", "T2"]
    link = next(lk for lk in r.graph.links if lk.source_id == "P1")
    assert (link.role, link.asserted_by) == ("secondary", "PV")
    assert r.summary()["ignored_columns"] == ["Other"] and codes(r) == []


@pytest.mark.parametrize("text,what", [
    ("plan = 'PV'\n[fields]\nname_th = 'x'\n", "fields.id"),
    ("[fields]\nid = 'x'\n", "plan"),
    ("plan = 'PV'\n[fields]\nid = 'x'\nbudgett = 'y'\n", "fields.budgett"),
    ("plan = 'PV'\n[fields]\nid = 'x'\n[[columns]]\ntitle = 'g'\nplan = 'PV'\nuse = 'maybe'\n", "use"),
    ("plan = 'PV'\n[fields]\nid = 'x'\n[[columns]]\ntitle = 'g'\nplan = 'PV'\nrole = 'main'\n", "role"),
    ("plan = \n", "TOML"),
])
def test_bad_map_is_a_clean_error(tmp_path, plans, text, what):
    (tmp_path / "m.toml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=what):
        run(sheet_file(tmp_path, "P1,ข้าว,,,,1.2"), plans, map=tmp_path / "m.toml")


def test_map_title_missing_from_the_sheet(tmp_path, plans):
    (tmp_path / "m.toml").write_text(MAP, encoding="utf-8")
    sheet = sheet_file(tmp_path, "P1,ข้าว,1.2", header="Code,Project,NS", titles=("Title", "Code"))
    with pytest.raises(InputError, match="no column 'Goal'"):
        run(sheet, plans, map=tmp_path / "m.toml")


def test_map_plan_not_in_the_workbook(tmp_path, plans):
    (tmp_path / "m.toml").write_text(MAP.replace('plan = "NS"', 'plan = "NS-X"'), encoding="utf-8")
    sheet = sheet_file(tmp_path, "P1,ข้าว,1.2,,", header="Code,Project,Goal,NS", titles=("Title", "Code"))
    with pytest.raises(InputError, match="no plan 'NS-X'"):
        run(sheet, plans, map=tmp_path / "m.toml")


# ---- the built-in map ---------------------------------------------------------------------
def test_builtin_map_resolves_each_column_to_the_one_plan_of_its_level(tmp_path, plans):
    header = ("ลำดับ,รหัสโครงการ,ชื่อโครงการ/กิจกรรม,หน่วยงานรับผิดชอบ,ปีงบประมาณ,งบประมาณ (บาท),"
              "ยุทธศาสตร์ชาติ 20 ปี,แผนแม่บทภายใต้ยุทธศาสตร์ชาติ,หมุดหมายที่เกี่ยวข้อง,"
              "เป้าประสงค์ตามแผนพัฒนาจังหวัด,หมายเหตุ")
    r = run(sheet_file(tmp_path, '1,P1,ข้าว,เกษตรจังหวัด,2567,100,ด้าน 2,ประเด็นที่ 3,หมุดหมายที่ 1,1.2,-',
                       header=header), plans)
    cols = {c["title"]: (c["plan"], c["use"]) for c in r.summary()["columns"]}
    assert cols == {"ยุทธศาสตร์ชาติ 20 ปี": ("NS", "claim"),
                    "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ": ("MP", "claim"),
                    "หมุดหมายที่เกี่ยวข้อง": ("N13", "claim"),
                    "เป้าประสงค์ตามแผนพัฒนาจังหวัด": ("PV", "link")}
    assert r.summary()["ignored_columns"] == ["ลำดับ", "หมายเหตุ"]
    assert r.graph.projects["P1"].owner == "เกษตรจังหวัด" and codes(r) == []


def test_builtin_map_stops_when_a_level_has_several_plans(tmp_path, workbook):
    wb = workbook(plans="id,level\nD1,district\nD2,district\nPV,province\n",
                  elements="id,plan_id,kind,code,name_th\nA,D1,goal,1,เอ\n")
    sheet = sheet_file(tmp_path, "P1,ข้าว,1", header="รหัสโครงการ,ชื่อโครงการ,แผนพัฒนาอำเภอ")
    with pytest.raises(WideMapError, match="D1, D2") as exc:
        run(sheet, wb)
    assert 'title = "แผนพัฒนาอำเภอ"' in exc.value.starting_map
    assert "one of D1, D2" in exc.value.starting_map


def test_builtin_map_title_naming_a_plan(tmp_path, workbook):
    wb = workbook(plans="id,level\nD1,district\nD2,district\nPV,province\n",
                  elements="id,plan_id,kind,code,name_th\nA,D1,goal,1,เอ\nB,D2,goal,1,บี\n")
    sheet = sheet_file(tmp_path, "P1,ข้าว,1", header="รหัสโครงการ,ชื่อโครงการ,แผนพัฒนาอำเภอ (D2)")
    assert targets(run(sheet, wb), "P1") == ["B"]


# ---- the command ---------------------------------------------------------------------------
def test_cli_json_and_exit_codes(tmp_path, plans):
    sheet = sheet_file(tmp_path, "P1,ข้าว,,,,ยกระดับการแปรรูปและการตลาดข้าวว")
    out = tmp_path / "out.xlsx"
    runner = CliRunner()
    res = runner.invoke(main, ["import-wide", str(sheet), "--plans", str(plans), "-o", str(out),
                               "--format", "json", "--fail-on", "warning"])
    assert res.exit_code == 0, res.output  # FUZZY_MATCH is info: never fails --fail-on warning
    data = json.loads(res.stdout)
    assert set(data) == {"summary", "findings", "matches"}
    assert data["matches"] == {"code": 0, "name": 0, "fuzzy": 1, "unmatched": 0, "ambiguous": 0}
    assert data["summary"]["skipped_rows"] == 0
    assert data["findings"][0]["location"] == {"sheet": "projects.csv", "row": 4, "column": "แผนพัฒนาจังหวัด"}
    assert out.exists()
    bad = sheet_file(tmp_path, "P1,ข้าว,,,,9.9", name="bad.csv")
    res = runner.invoke(main, ["import-wide", str(bad), "--plans", str(plans), "-o", str(out)])
    assert res.exit_code == 1 and "UNMATCHED_LABEL" in res.stdout


@pytest.mark.parametrize("args", [
    ["import-wide", "{sheet}", "--plans", "{plans}", "-o", "{sheet}"],
    ["import-wide", "{sheet}", "--plans", "{plans}", "-o", "{plans}"],
    ["import-wide", "{tmp}/nope.csv", "--plans", "{plans}", "-o", "{tmp}/o.xlsx"],
    ["import-wide", "{tmp}/m.toml", "--plans", "{plans}", "-o", "{tmp}/o.xlsx"],
    ["import-wide", "{sheet}", "--plans", "{plans}"],
    ["export-wide", "{plans}", "-o", "{plans}"],
])
def test_cli_refuses_cleanly(tmp_path, plans, args):
    sheet = sheet_file(tmp_path, "P1,ข้าว,,,,1.2")
    (tmp_path / "m.toml").write_text("x", encoding="utf-8")
    before = sheet.read_bytes()
    args = [a.format(sheet=sheet, plans=plans, tmp=tmp_path) for a in args]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output and sheet.read_bytes() == before


def test_cli_print_map_then_import_with_it(tmp_path, workbook):
    wb = workbook(plans="id,level\nD1,district\nD2,district\nPV,province\n",
                  elements="id,plan_id,kind,code,name_th\nA,D1,goal,1,เอ\n")
    sheet = sheet_file(tmp_path, "P1,ข้าว,1", header="รหัสโครงการ,ชื่อโครงการ,แผนพัฒนาอำเภอ")
    runner = CliRunner()
    res = runner.invoke(main, ["import-wide", str(sheet), "--plans", str(wb), "-o", str(tmp_path / "o")])
    assert res.exit_code == 2 and "--print-map" in res.stderr and "[[columns]]" in res.stderr
    res = runner.invoke(main, ["import-wide", str(sheet), "--plans", str(wb), "--print-map"])
    assert res.exit_code == 0 and 'plan = "D1"' in res.stdout
    (tmp_path / "map.toml").write_text(res.stdout, encoding="utf-8")
    res = runner.invoke(main, ["import-wide", str(sheet), "--plans", str(wb), "--map",
                               str(tmp_path / "map.toml"), "-o", str(tmp_path / "o")])
    assert res.exit_code == 0, res.output
    assert "P1,A" in (tmp_path / "o" / "links.csv").read_text(encoding="utf-8-sig")


def test_info_sorts_after_warnings_and_every_code_speaks_thai_and_english():
    from stratlink.graph_model import Finding, Location
    from stratlink.graph_model.findings import WIDE_CODES
    from stratlink.i18n import CATALOGUE
    from stratlink.queries import sort_findings

    fs = [Finding.make(code, "P", ["E"], Location("s", 2, "c"), value="v", plan="PL", name="n",
                       score="0.9", traced="T", traced_th="T") for code in WIDE_CODES]
    assert [f.severity for f in sort_findings(fs)] == ["error", "error", "warning", "info"]
    for code in WIDE_CODES:
        assert set(CATALOGUE["finding." + code]) == {"en", "th"}
        for lang in ("en", "th"):
            text = Finding.make(code, "P", ["E"], value="ค่า", plan="PL", name="n", score="0.9",
                                traced="T", traced_th="T").message(lang)
            assert "ค่า" in text and "{" not in text


def test_cli_export_wide_with_a_map(tmp_path, plans):
    sheet = sheet_file(tmp_path, "P1,ข้าว,2567,100,ด้าน 2,1.2")
    runner = CliRunner()
    out = tmp_path / "imported"
    assert runner.invoke(main, ["import-wide", str(sheet), "--plans", str(plans), "-o", str(out)]).exit_code == 0
    (tmp_path / "m.toml").write_text(MAP, encoding="utf-8")
    res = runner.invoke(main, ["export-wide", str(out), "--map", str(tmp_path / "m.toml"), "-o",
                               str(tmp_path / "w.csv")])
    assert res.exit_code == 0, res.output
    # the map has no primary column for the province plan: the link is not written, and said so
    assert "1 project link(s) fit no column" in res.stderr
    text = (tmp_path / "w.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "Code,Project,Goal,NS"
    assert "2 ยุทธศาสตร์ชาติด้านการสร้างความสามารถในการแข่งขัน" in text


def test_xlsx_first_visible_sheet_or_named_sheet(tmp_path, plans):
    from openpyxl import Workbook

    wb = Workbook()
    hidden = wb.active
    hidden.title = "ซ่อน"
    hidden.append(["รหัสโครงการ", "ชื่อโครงการ", "แผนพัฒนาจังหวัด"])
    hidden.append(["H1", "ซ่อน", "1.2"])
    hidden.sheet_state = "hidden"
    for title, pid in (("ปี 2567", "P1"), ("ปี 2568", "P2")):
        ws = wb.create_sheet(title)
        ws.append(["บัญชีโครงการ"])
        ws.append(["รหัสโครงการ", "ชื่อโครงการ", "ปีงบประมาณ", "แผนพัฒนาจังหวัด"])
        ws.append([pid, "ข้าว", 2567.0, "1.2\n1.3"])
    wb.save(tmp_path / "s.xlsx")
    r = run(tmp_path / "s.xlsx", plans)
    assert list(r.graph.projects) == ["P1"] and targets(r, "P1") == ["T1", "T2"]
    assert r.graph.projects["P1"].fiscal_year == 2024
    r = run(tmp_path / "s.xlsx", plans, sheet_name="ปี 2568")
    assert list(r.graph.projects) == ["P2"] and r.summary()["header_row"] == 2
    with pytest.raises(InputError, match="no sheet named"):
        run(tmp_path / "s.xlsx", plans, sheet_name="ปี 2570")
