"""stratlink template: the Excel workbook people fill in (issue 9)."""

from __future__ import annotations

import json

import openpyxl
import pytest
from click.testing import CliRunner

import stratlink as sl
from stratlink.cli import main
from stratlink.graph_model import SHEET_ORDER, SHEETS, TH_ONE_PLAN
from stratlink.loaders.template import (
    ENUM_COLUMNS,
    GUIDE_SHEET,
    LISTS_SHEET,
    REF_COLUMNS,
    column_help,
    enum_lists,
    national_rows,
)


@pytest.fixture(scope="module")
def national_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("tpl") / "plan.xlsx"
    result = CliRunner().invoke(main, ["template", "-o", str(path), "--with-national", "--lang", "th"])
    assert result.exit_code == 0, result.output
    return path


def _fill(path, sheet, rows):
    """Append rows ({column: value}) to a sheet by its header names, as a user would."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    header = [c.value for c in ws[1]]
    start = ws.max_row + 1
    for r, row in enumerate(rows, start=start):
        for col, value in row.items():
            ws.cell(row=r, column=header.index(col) + 1, value=value)
    wb.save(path)


def test_every_sheet_has_the_spec_columns_as_its_header(national_template):
    wb = openpyxl.load_workbook(national_template)
    assert wb.sheetnames[0] == GUIDE_SHEET["th"]
    for sheet in SHEET_ORDER:
        ws = wb[sheet]
        assert [c.value for c in ws[1]] == list(SHEETS[sheet].COLUMNS)
        assert ws.freeze_panes == "B2"
    assert wb[LISTS_SHEET].sheet_state == "hidden"


def test_every_header_has_a_thai_and_english_comment(national_template):
    wb = openpyxl.load_workbook(national_template)
    for sheet in SHEET_ORDER:
        for cell in wb[sheet][1]:
            th, en, _ = column_help(sheet, cell.value)
            assert cell.comment is not None, (sheet, cell.value)
            assert th in cell.comment.text and en in cell.comment.text
            assert cell.font.name == "Tahoma"


def test_help_text_covers_exactly_the_spec_columns():
    from stratlink import i18n
    from stratlink.data import read_rows

    for sheet in SHEET_ORDER:
        described = {k.split(".")[3] for k in i18n.CATALOGUE if k.startswith(f"template.column.{sheet}.")}
        assert described == set(SHEETS[sheet].COLUMNS)
        assert all(i18n.CATALOGUE[f"template.column.{sheet}.{c}"].get("th") for c in described)
        examples = {r["column"] for r in read_rows("template-examples.csv") if r["sheet"] == sheet}
        assert examples == set(SHEETS[sheet].COLUMNS)


def _validation_for(ws, column_letter):
    found = []
    for dv in ws.data_validations.dataValidation:
        if f"{column_letter}2" in dv.sqref and f"{column_letter}500" in dv.sqref:
            found.append(dv)
    return found


def test_drop_downs_for_every_enumeration_and_reference(national_template):
    wb = openpyxl.load_workbook(national_template)
    for (sheet, col), (name, _strict) in {**ENUM_COLUMNS, **REF_COLUMNS}.items():
        letter = openpyxl.utils.get_column_letter(list(SHEETS[sheet].COLUMNS).index(col) + 1)
        dvs = _validation_for(wb[sheet], letter)
        assert len(dvs) == 1, (sheet, col)
        assert dvs[0].type == "list"
        source = dvs[0].formula1.lstrip("=")
        assert source == (f"list_{name}" if (sheet, col) in ENUM_COLUMNS else name)
        assert source in wb.defined_names, source
    # the named lists hold the words; ids come from the other sheets' id columns
    lists = wb[LISTS_SHEET]
    header = [c.value for c in lists[1]]
    stages = {lists.cell(row=r, column=header.index("stage") + 1).value for r in range(2, 20)}
    assert {"upstream", "midstream", "downstream", "ต้นทาง", "กลางทาง", "ปลายทาง"} <= stages
    levels = {lists.cell(row=r, column=header.index("level") + 1).value for r in range(2, 30)}
    assert set(TH_ONE_PLAN.level_names) <= levels and "แผนพัฒนาจังหวัด" in levels
    assert "plans!$A$2" in wb.defined_names["plan_ids"].attr_text
    assert "elements!$A:$A" in wb.defined_names["node_ids"].attr_text


def test_every_drop_down_word_is_accepted_by_the_loader(tmp_path):
    """The lists and the loader must agree: a word offered in a drop-down never
    becomes an INVALID_VALUE."""
    words = enum_lists("th", TH_ONE_PLAN)
    path = sl.write_template(tmp_path / "words.xlsx")
    _fill(path, "plans", [{"id": f"P{i}", "level": w, "name_en": "p"} for i, w in enumerate(words["level"])])
    _fill(path, "projects", [{"id": f"J{i}", "plan_id": "P0", "name_en": "j", "stage": w}
                             for i, w in enumerate(words["stage"])]
          + [{"id": f"L{i}", "plan_id": "P0", "name_en": "l", "local_only": w}
             for i, w in enumerate(words["local_only"])])
    _fill(path, "links", [{"source_id": "J0", "target_id": "J1", "relation": rel, "role": role}
                          for rel in words["relation"] for role in words["role"]])
    _fill(path, "areas", [{"id": f"A{i}", "name_en": "a", "kind": w} for i, w in enumerate(words["area_kind"])])
    _fill(path, "organizations", [{"id": f"O{i}", "name_en": "o", "sector": w}
                                  for i, w in enumerate(words["sector"])])
    g = sl.load(path)
    assert [f for f in g.load_findings if f.code == "INVALID_VALUE"] == []
    assert len(g.plans) == len(words["level"])
    assert len(g.links) == len(words["relation"]) * len(words["role"])


def test_national_rows_reach_the_top():
    rows = national_rows()
    kinds = [e["kind"] for e in rows["elements"]]
    assert kinds.count("strategy") == 6 and kinds.count("master_plan") == 23
    assert kinds.count("milestone") == 13 and kinds.count("sub_plan") == 12


def test_filled_template_checks_as_expected(national_template, tmp_path):
    path = tmp_path / "filled.xlsx"
    path.write_bytes(national_template.read_bytes())
    _fill(path, "plans", [{"id": "PDP-45", "level": "แผนพัฒนาจังหวัด", "name_th": "แผนพัฒนาจังหวัดร้อยเอ็ด",
                           "area_id": "45", "period_start": 2566, "period_end": 2570}])
    _fill(path, "areas", [{"id": "45", "name_th": "ร้อยเอ็ด", "kind": "จังหวัด"}])
    _fill(path, "elements", [
        {"id": "PDP-I1", "plan_id": "PDP-45", "kind": "issue", "name_th": "เกษตรมูลค่าสูง"},
        {"id": "PDP-T1", "plan_id": "PDP-45", "kind": "tactic", "name_th": "ข้าวหอมมะลิ", "parent_id": "PDP-I1"},
        {"id": "PDP-I2", "plan_id": "PDP-45", "kind": "issue", "name_th": "ท่องเที่ยว"},
    ])
    _fill(path, "value_chains", [{"id": "VC-RICE", "name_th": "ข้าว", "serves_id": "PDP-I1"}])
    _fill(path, "projects", [
        {"id": "P1", "plan_id": "PDP-45", "name_th": "เมล็ดพันธุ์ข้าว", "area_id": "45", "fiscal_year": 2567,
         "budget": "1,000,000", "value_chain_id": "VC-RICE", "stage": "ต้นทาง"},
        {"id": "P2", "plan_id": "PDP-45", "name_th": "ถนนในหมู่บ้าน", "area_id": "45"},
        {"id": "P3", "plan_id": "PDP-45", "name_th": "ลานกีฬาชุมชน", "local_only": "ใช่"},
    ])
    _fill(path, "links", [
        {"source_id": "PDP-I1", "target_id": "MP03", "relation": "สอดคล้อง", "role": "หลัก"},
        {"source_id": "P1", "target_id": "PDP-T1"},
    ])
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    got = {(f["code"], f["subject"], tuple(f["related"])) for f in report["findings"]}
    assert got == {
        ("ORPHAN_PROJECT", "P2", ()),
        ("ORPHAN_ELEMENT", "PDP-I2", ()),
        ("UNCOVERED_ELEMENT", "PDP-I2", ()),
        ("VALUE_CHAIN_GAP", "VC-RICE", ("midstream", "downstream")),
    }
    assert report["summary"]["projects"] == 3 and report["summary"]["complete"] == 1
    assert list(sl.trace(sl.load(path), "P1").reaches) == ["NS-S2"]


def test_english_template(tmp_path):
    path = sl.write_template(tmp_path / "plan-en.xlsx", lang="en")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == GUIDE_SHEET["en"]
    assert wb["plans"]["A1"].comment.text.splitlines()[1].startswith("an id")
    g = sl.load(path)
    assert g.load_findings == [] and len(g.plans) == 0
    assert list(sl.check(g).findings) == []


def test_never_replaces_an_existing_file(tmp_path):
    path = tmp_path / "mine.xlsx"
    path.write_bytes(b"my filled workbook")
    result = CliRunner().invoke(main, ["template", "-o", str(path)])
    assert result.exit_code == 2
    assert "already exists" in result.output and "Traceback" not in result.output
    assert path.read_bytes() == b"my filled workbook"
    assert [p.name for p in tmp_path.iterdir()] == ["mine.xlsx"]  # no temporary file left
    result = CliRunner().invoke(main, ["template", "-o", str(path), "--force"])
    assert result.exit_code == 0
    assert openpyxl.load_workbook(path).sheetnames[1] == "plans"


def test_bad_names_are_clean_errors(tmp_path):
    result = CliRunner().invoke(main, ["template", "-o", str(tmp_path / "plan.csv")])
    assert result.exit_code == 2 and ".xlsx" in result.output
    with pytest.raises(sl.InputError):
        sl.write_template(tmp_path / "x.xlsx", lang="fr")
