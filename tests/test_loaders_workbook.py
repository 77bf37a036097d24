"""The workbook loader: encodings, load findings with locations, typed values,
and lossless CSV <-> XLSX round trips."""

from __future__ import annotations

from decimal import Decimal

import pytest
from helpers import write_sheets
from hypothesis import HealthCheck, given, settings
from strategies import plan_graphs

from stratlink.errors import InputError
from stratlink.graph_model import Location
from stratlink.loaders import export, load

PLANS = """\
id,level,name_th,name_en,period_start,period_end
NS,national,ยุทธศาสตร์ชาติ,National Strategy,2561,2580
PV,province,แผนพัฒนาจังหวัดร้อยเอ็ด,,2566,2570
"""
ELEMENTS = """\
id,plan_id,kind,name_th,parent_id
S2,NS,strategy,ด้านการแข่งขัน,
I1,PV,issue,ข้าวหอมมะลิ,
G1,PV,goal,เพิ่มมูลค่า,I1
"""
PROJECTS = """\
id,plan_id,name_th,budget,fiscal_year,stage,local_only,remark
P1,PV,โครงการพัฒนาเมล็ดพันธุ์,"1,250,000",๒๕๖๖,ต้นทาง,ใช่,ทดลอง
P2,PV,โครงการโรงสี,๓๕๐๐๐๐,2023,midstream,false,
"""
LINKS = """\
source_id,target_id,relation,role,asserted_by
P1,G1,,,PV
I1,S2,aligns_with,secondary,
"""


def good(workbook):
    return workbook(plans=PLANS, elements=ELEMENTS, projects=PROJECTS, links=LINKS)


def codes(graph):
    return [(f.code, f.subject, f.related, f.location) for f in graph.load_findings]


def test_typed_values(workbook):
    g = load(good(workbook))
    assert g.load_findings == []
    assert g.era == "BE"
    p1, p2 = g.projects["P1"], g.projects["P2"]
    assert (p1.budget, p1.fiscal_year, p1.stage, p1.local_only) == (Decimal(1250000), 2023, "upstream", True)
    assert (p2.budget, p2.fiscal_year, p2.local_only) == (Decimal(350000), 2023, False)
    assert p1.extra == {"remark": "ทดลอง"} and p2.extra == {}
    assert g.plans["NS"].period_start == 2018 and g.plans["NS"].period_end == 2037
    assert g.links[0].relation == "contributes_to" and g.links[0].role == "primary"
    assert g.successors("G1") == ("I1",) and g.successors("I1") == ("S2",)


def test_encodings_load_identically(tmp_path):
    sheets = dict(plans=PLANS, elements=ELEMENTS, projects=PROJECTS, links=LINKS)
    utf8 = load(write_sheets(tmp_path / "utf8", **sheets))
    bom = load(write_sheets(tmp_path / "bom", encoding="utf-8-sig", **sheets))
    cp874 = load(write_sheets(tmp_path / "cp874", encoding="cp874", **sheets))
    given_enc = load(write_sheets(tmp_path / "tis", encoding="cp874", **sheets), encoding="tis-620")
    for other in (bom, cp874, given_enc):
        assert other.same_content(utf8) and other.era == utf8.era
    assert cp874.projects["P1"].name_th == "โครงการพัฒนาเมล็ดพันธุ์"


def test_xlsx_loads_like_csv(workbook, tmp_path):
    g = load(good(workbook))
    xlsx = export(g, tmp_path / "wb.xlsx")
    g2 = load(xlsx)
    assert g2.same_content(g) and g2.era == "BE" and g2.load_findings == []
    assert g2.projects["P1"].row == 2


def test_mojibake_is_an_error_not_data(tmp_path):
    folder = write_sheets(tmp_path / "moji", plans=PLANS.encode("utf-8").decode("cp1252", "replace"))
    with pytest.raises(InputError, match=r"plans\.csv.*mis-decoded"):
        load(folder)


def test_latin1_text_is_not_taken_for_thai(tmp_path):
    folder = write_sheets(tmp_path / "latin", plans="id,level,name_en\nNS,national,Café société\n",
                          encoding="latin-1")
    with pytest.raises(InputError, match=r"plans\.csv: line 2 .*--encoding"):
        load(folder)


def test_wrong_explicit_encoding_names_file_and_line(tmp_path):
    folder = write_sheets(tmp_path / "enc", plans=PLANS, encoding="cp874")
    with pytest.raises(InputError, match=r"plans\.csv: not valid utf-8 at line 2"):
        load(folder, encoding="utf-8")


def test_not_a_workbook(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="not a plan workbook"):
        load(tmp_path / "empty")
    (tmp_path / "x.xlsx").write_text("not a zip")
    with pytest.raises(InputError, match="not a readable .xlsx"):
        load(tmp_path / "x.xlsx")


def test_duplicate_ids_first_wins_across_sheets(workbook):
    g = load(workbook(
        plans=PLANS + "PV,district,ซ้ำ\n",
        elements=ELEMENTS + "NS,PV,goal,ซ้ำกับแผน,\nG1,PV,goal,ซ้ำอีก,\nG1,PV,goal,ซ้ำอีกครั้ง,\n",
        projects=PROJECTS, links=LINKS))
    assert codes(g) == [
        ("DUPLICATE_ID", "PV", (), Location("plans", 4, "id")),
        ("DUPLICATE_ID", "NS", (), Location("elements", 5, "id")),
        ("DUPLICATE_ID", "G1", (), Location("elements", 6, "id")),
    ]
    assert g.plans["PV"].level == "province" and g.elements["G1"].name_th == "เพิ่มมูลค่า"
    assert "NS" not in g.elements


def test_unknown_references_and_what_is_dropped(workbook):
    g = load(workbook(
        plans=PLANS,
        elements=ELEMENTS + "G2,PV,goal,ลอย,NOPE\nG3,XX,goal,ไม่มีแผน,\n",
        projects=PROJECTS.replace("P2,PV", "P2,QQ") + "P3,PV,ห่วงโซ่,,,,,\n",
        links=LINKS + "P1,G3,,,\nP3,G2,,,\n",
        value_chains="id,name_th,serves_id\nVC,ข้าว,ZZ\n",
    ))
    assert codes(g) == [
        ("UNKNOWN_REFERENCE", "G2", ("NOPE",), Location("elements", 5, "parent_id")),
        ("UNKNOWN_REFERENCE", "G3", ("XX",), Location("elements", 6, "plan_id")),
        ("UNKNOWN_REFERENCE", "P2", ("QQ",), Location("projects", 3, "plan_id")),
        ("UNKNOWN_REFERENCE", "VC", ("ZZ",), Location("value_chains", 2, "serves_id")),
        ("UNKNOWN_REFERENCE", "P1", ("G3",), Location("links", 4, "target_id")),
    ]
    assert "G2" in g.elements and g.elements["G2"].parent_id is None  # the element stays
    assert "G3" not in g.elements and "P2" not in g.projects
    assert g.value_chains["VC"].serves_id is None
    assert [(lk.source_id, lk.target_id) for lk in g.links] == [("P1", "G1"), ("I1", "S2"), ("P3", "G2")]


def test_area_references_only_with_an_areas_sheet(workbook, tmp_path):
    projects = PROJECTS.replace("id,plan_id,", "id,area_id,plan_id,").replace("P1,PV", "P1,4501,PV").replace("P2,PV", "P2,45,PV")
    without = load(workbook(plans=PLANS, elements=ELEMENTS, projects=projects, links=LINKS))
    assert without.load_findings == [] and without.projects["P1"].area_id == "4501"
    areas = "id,name_th,kind,parent_id\n45,ร้อยเอ็ด,province,TH\n"
    g = load(write_sheets(tmp_path / "areas", plans=PLANS, elements=ELEMENTS, projects=projects,
                          links=LINKS, areas=areas))
    assert codes(g) == [
        ("UNKNOWN_REFERENCE", "P1", ("4501",), Location("projects", 2, "area_id")),
        ("UNKNOWN_REFERENCE", "45", ("TH",), Location("areas", 2, "parent_id")),
    ]
    assert g.projects["P1"].area_id is None and g.projects["P2"].area_id == "45"


def test_invalid_values(workbook):
    g = load(workbook(
        plans=PLANS + "BAD,galactic,แผนผิดระดับ,,,\nYR,district,แผนอำเภอ,,25x1,\n,national,ไม่มีรหัส,,,\n",
        elements=ELEMENTS + "G9,PV,,เป้าหมาย,S2\n",
        projects=PROJECTS + "P3,PV,งบติดลบ,-5,2566,sideways,maybe,\nP4,PV,,abc,,,,\n",
        links=LINKS + "P1,G1,opposes,,\nP2,G1,,tertiary,\n",
    ))
    assert [(c, s, r, loc) for c, s, r, loc in codes(g)] == [
        ("INVALID_VALUE", "BAD", ("level",), Location("plans", 4, "level")),
        ("INVALID_VALUE", "YR", ("period_start",), Location("plans", 5, "period_start")),
        ("INVALID_VALUE", "", ("id",), Location("plans", 6, "id")),
        ("INVALID_VALUE", "G9", ("kind",), Location("elements", 5, "kind")),
        ("INVALID_VALUE", "G9", ("parent_id",), Location("elements", 5, "parent_id")),
        ("INVALID_VALUE", "P3", ("budget",), Location("projects", 4, "budget")),
        ("INVALID_VALUE", "P3", ("local_only",), Location("projects", 4, "local_only")),
        ("INVALID_VALUE", "P3", ("stage",), Location("projects", 4, "stage")),
        ("INVALID_VALUE", "P4", ("budget",), Location("projects", 5, "budget")),
        ("INVALID_VALUE", "P4", ("name_th",), Location("projects", 5, "name_th")),
        ("INVALID_VALUE", "P1", ("relation",), Location("links", 4, "relation")),
        ("INVALID_VALUE", "P2", ("role",), Location("links", 5, "role")),
    ]
    assert "BAD" not in g.plans and g.plans["YR"].period_start is None
    assert g.elements["G9"].kind is None and g.elements["G9"].parent_id is None
    p3 = g.projects["P3"]
    assert (p3.budget, p3.stage, p3.local_only, p3.fiscal_year) == (None, None, None, 2023)
    assert "P4" in g.projects
    assert [(lk.source_id, lk.role) for lk in g.links][-1] == ("P2", "primary")
    assert len(g.links) == 3
    msg = {f.subject + f.related[0]: f.message() for f in g.load_findings}
    assert msg["P3budget"] == "budget: must not be negative ('-5'); the value is left out"
    assert "the link counts as primary" in msg["P2role"]


def test_messages_in_thai(workbook):
    g = load(workbook(plans=PLANS, elements=ELEMENTS + "G2,ZZ,goal,x,\n", projects=PROJECTS, links=LINKS))
    (f,) = g.load_findings
    assert f.message("th") == "plan_id อ้างถึง ZZ ซึ่งไม่มีอยู่ จึงไม่นำแถวนี้มาใช้"


def test_missing_required_sheet_is_a_finding(tmp_path):
    folder = write_sheets(tmp_path / "nolinks", plans=PLANS, elements=ELEMENTS, projects=PROJECTS, links=None)
    g = load(folder)
    assert codes(g) == [("MISSING_SHEET", "links", (), Location("links"))]
    assert len(g.projects) == 2


def test_years_and_era(workbook, tmp_path):
    g = load(workbook(plans="id,level,name_en,period_start,period_end\nNS,national,N,2018,2037\n"))
    assert g.era == "CE" and g.plans["NS"].period_start == 2018
    out = export(g, tmp_path / "be", era="BE")
    assert "2561" in (out / "plans.csv").read_text(encoding="utf-8-sig")
    assert load(out).same_content(g)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(plan_graphs())
def test_workbook_round_trip_is_lossless(tmp_path_factory, graph):
    tmp = tmp_path_factory.mktemp("rt")
    for target in (tmp / "csv", tmp / "wb.xlsx"):
        back = load(export(graph, target))
        assert back.load_findings == []
        assert back.same_content(graph)
        assert back.era == graph.era


def test_repeated_column_keeps_the_first(workbook):
    g = load(workbook(plans="id,level,name_en,id\nNS,national,N,XX\n"))
    assert list(g.plans) == ["NS"] and g.plans["NS"].extra == {"id.2": "XX"}


def test_near_miss_words_get_a_suggestion(workbook):
    """'upsteam' is probably 'upstream'; Thai stage words in both wordings are accepted."""
    g = load(workbook(
        plans="id,level,name_th\nPV,province,แผน\nNS,national,ชาติ",
        elements="id,plan_id,kind,name_th\nG1,PV,goal,เป้า",
        projects="id,plan_id,name_th,stage\nP1,PV,ก,upsteam\nP2,PV,ข,ปลายน้ำ\nP3,PV,ค,กลางทาง\nP4,PV,ง,zzz",
        links="source_id,target_id\nP1,G1"))
    assert g.projects["P2"].stage == "downstream" and g.projects["P3"].stage == "midstream"
    by_subject = {f.subject: f for f in g.load_findings}
    assert by_subject["P1"].args["suggestion"] == "upstream"
    assert "did you mean 'upstream'" in by_subject["P1"].message("en")
    assert "(หมายถึง 'upstream' หรือไม่)" in by_subject["P1"].message("th")
    assert not by_subject["P4"].args.get("suggestion")
    assert "did you mean" not in by_subject["P4"].message("en")
