"""Value-chain stage words (shared/spec/workbook.md): both Thai wordings in common use,
ต้นทาง/กลางทาง/ปลายทาง and ต้นน้ำ/กลางน้ำ/ปลายน้ำ, are read by the loader (CSV and
.xlsx), offered by `stratlink template` (drop-down, header comment, guide), and named
in the message for a stage it cannot read; a near miss of either gets a "did you mean"."""

from __future__ import annotations

import openpyxl
import pytest
from helpers import write_sheets

import stratlink as sl

WORDINGS = {
    "upstream": ("upstream", "ต้นทาง", "ต้นน้ำ", " ต้นน้ำ ", "Upstream"),
    "midstream": ("midstream", "กลางทาง", "กลางน้ำ"),
    "downstream": ("downstream", "ปลายทาง", "ปลายน้ำ"),
}
CASES = [(word, stage) for stage, words in WORDINGS.items() for word in words]
PLANS = "id,level,name_th\nPV,province,แผนพัฒนาจังหวัด\n"
CHAIN = "id,name_th\nVC,ห่วงโซ่ข้าว\n"


def projects_csv(stages) -> str:
    rows = "".join(f'P{i},PV,โครงการ {i},VC,"{s}"\n' for i, s in enumerate(stages))
    return "id,plan_id,name_th,value_chain_id,stage\n" + rows


@pytest.mark.parametrize(("word", "stage"), CASES)
def test_csv_reads_both_thai_wordings(tmp_path, word, stage):
    g = sl.load(write_sheets(tmp_path / "wb", plans=PLANS, value_chains=CHAIN, projects=projects_csv([word])))
    assert g.projects["P0"].stage == stage
    assert not g.load_findings


def test_xlsx_reads_both_thai_wordings(tmp_path):
    words = [w for w, _ in CASES]
    wb = openpyxl.Workbook()
    wb.active.title = "plans"
    wb["plans"].append(["id", "level", "name_th"])
    wb["plans"].append(["PV", "แผนพัฒนาจังหวัด", "แผนพัฒนาจังหวัด"])
    for name, head in (("elements", ["id", "plan_id", "kind", "name_th"]), ("links", ["source_id", "target_id"])):
        wb.create_sheet(name).append(head)
    wb.create_sheet("value_chains").append(["id", "name_th"])
    wb["value_chains"].append(["VC", "ห่วงโซ่ข้าว"])
    ws = wb.create_sheet("projects")
    ws.append(["id", "plan_id", "name_th", "value_chain_id", "stage"])
    for i, w in enumerate(words):
        ws.append([f"P{i}", "PV", f"โครงการ {i}", "VC", w])
    wb.save(tmp_path / "wb.xlsx")
    g = sl.load(tmp_path / "wb.xlsx")
    assert [g.projects[f"P{i}"].stage for i in range(len(words))] == [s for _, s in CASES]
    assert not g.load_findings


def test_a_chain_staffed_in_the_water_wording_has_no_gap(tmp_path):
    g = sl.load(write_sheets(tmp_path / "wb", plans=PLANS, value_chains=CHAIN,
                             projects=projects_csv(["ต้นน้ำ", "กลางน้ำ", "ปลายทาง"])))
    assert not sl.check(g).by_code("VALUE_CHAIN_GAP")
    g = sl.load(write_sheets(tmp_path / "wb2", plans=PLANS, value_chains=CHAIN,
                             projects=projects_csv(["ต้นน้ำ"])))
    gap = sl.check(g).by_code("VALUE_CHAIN_GAP")
    assert [f.related for f in gap] == [("midstream", "downstream")]
    assert gap[0].message("th") == "ห่วงโซ่คุณค่า VC ขาดช่วงกลางทางและปลายทาง (ไม่มีโครงการในช่วงนี้)"


@pytest.mark.parametrize(("typed", "meant"), [("ปลายทา", "ปลายทาง"), ("กลางน้", "กลางน้ำ"),
                                             ("ต้นนำ้", "ต้นน้ำ"), ("upsteam", "upstream")])
def test_a_near_miss_of_either_wording_gets_a_suggestion(tmp_path, typed, meant):
    g = sl.load(write_sheets(tmp_path / "wb", plans=PLANS, value_chains=CHAIN, projects=projects_csv([typed])))
    (f,) = [f for f in g.load_findings if f.code == "INVALID_VALUE"]
    assert f.related == ("stage",) and g.projects["P0"].stage is None
    assert f"did you mean '{meant}'?" in f.message("en")
    assert f"(หมายถึง '{meant}' หรือไม่)" in f.message("th")


def test_the_message_for_an_unreadable_stage_names_both_wordings(tmp_path):
    g = sl.load(write_sheets(tmp_path / "wb", plans=PLANS, value_chains=CHAIN, projects=projects_csv(["แปรรูป"])))
    (f,) = g.load_findings
    th = f.message("th")
    for words in WORDINGS.values():
        assert "/".join(words[:3][1:] + words[:1]) in th, th  # e.g. ต้นทาง/ต้นน้ำ/upstream
    assert th.startswith("stage (ค่า 'แปรรูป'): ไม่ใช่ค่าที่ใช้ได้")


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_template_offers_both_wordings(tmp_path, lang):
    path = sl.write_template(tmp_path / f"t-{lang}.xlsx", lang=lang)
    wb = openpyxl.load_workbook(path)
    # the drop-down of projects.stage points at a named list holding every wording
    ws = wb["projects"]
    col = [c.value for c in ws[1]].index("stage") + 1
    letter = openpyxl.utils.get_column_letter(col)
    (dv,) = [dv for dv in ws.data_validations.dataValidation if f"{letter}2" in str(dv.sqref).split(":")[0]]
    name = dv.formula1.lstrip("=")
    sheet, ref = wb.defined_names[name].attr_text.split("!")
    lists = wb[sheet]
    offered = {c.value for row in lists[ref.replace("$", "")] for c in row}
    assert {w.strip() for words in WORDINGS.values() for w in words[:3]} <= offered
    # the header comment and the guide say both
    comment = ws.cell(row=1, column=col).comment.text
    assert "ต้นทาง" in comment and "ต้นน้ำ" in comment
    guide = wb.worksheets[0]
    guide_text = " ".join(str(c.value) for row in guide.iter_rows() for c in row if c.value)
    assert "ต้นน้ำ" in guide_text
    # and a filled template with the water wording loads clean
    ws.cell(row=2, column=1, value="P1")
    ws.cell(row=2, column=col, value="กลางน้ำ")
    for head, value in (("plan_id", "PV"), ("name_th", "โครงการ")):
        ws.cell(row=2, column=[c.value for c in ws[1]].index(head) + 1, value=value)
    plans = wb["plans"]
    for head, value in (("id", "PV"), ("level", "แผนพัฒนาจังหวัด"), ("name_th", "แผน")):
        plans.cell(row=2, column=[c.value for c in plans[1]].index(head) + 1, value=value)
    wb.save(path)
    g = sl.load(path)
    assert g.projects["P1"].stage == "midstream"
    assert not [f for f in g.load_findings if f.code == "INVALID_VALUE"]
