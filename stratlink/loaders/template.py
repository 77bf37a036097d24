"""An empty plan workbook (.xlsx) ready to fill in Excel: ``stratlink template``.

One worksheet per spec sheet, with the spec's column names as row 1 (the names the
loader reads), a cell comment on each header saying what the column means in Thai
and English, drop-down lists for every enumerated value and for references to ids
on other sheets, frozen header rows and a Thai-capable font. A guide sheet comes
first; it and the hidden ``lists`` sheet are not spec sheets, so the loader ignores
them. ``with_national=True`` fills in the top of the ladder (the National
Strategy, the 23 master plans, sub-plans and the 13th NESDP milestones).

The example row of each sheet is on the guide sheet, not on the data sheets: every
row of a data sheet is data the loader reads.

>>> import tempfile, os
>>> path = write_template(os.path.join(tempfile.mkdtemp(), "plan.xlsx"), with_national=True)
>>> import stratlink as sl
>>> g = sl.load(path)
>>> len(g.plans), len(g.elements), g.load_findings
(3, 54, [])
"""

from __future__ import annotations

import math
from pathlib import Path

from stratlink.data import read_rows
from stratlink.errors import InputError
from stratlink.graph_model import REQUIRED_SHEETS, SHEET_ORDER, SHEETS, TH_ONE_PLAN, Policy
from stratlink.graph_model.model import AREA_KINDS, RELATIONS, ROLES, SECTORS, STAGES, THAI_WORDS
from stratlink.i18n import text
from stratlink.loaders.values import FALSE_WORDS, THAI_BOOLS, TRUE_WORDS
from stratlink.loaders.workbook import atomic_write

LANGS = ("th", "en")
GUIDE_SHEET = {lang: text("template.guide_sheet", lang) for lang in LANGS}
LISTS_SHEET = "lists"
FONT = "Tahoma"  # ships with Windows and macOS and has Thai glyphs
#: rows of a data sheet that carry drop-down validation
MAX_ROWS = 10000
#: rows of the helper list of every element and project id (link ends)
NODE_ROWS = 5000

#: the guide's numbered steps (``template.step.1`` ...)
GUIDE_STEP_COUNT = 8

ELEMENT_KINDS = ("strategy", "master_plan", "sub_plan", "milestone", "issue", "goal", "target",
                 "tactic", "programme", "indicator")

#: (sheet, column) -> (list name, strict); strict lists warn on other values,
#: the others only inform (free text is fine there)
ENUM_COLUMNS = {
    ("plans", "level"): ("level", True),
    ("elements", "kind"): ("kind", False),
    ("projects", "stage"): ("stage", True),
    ("projects", "local_only"): ("local_only", True),
    ("links", "relation"): ("relation", True),
    ("links", "role"): ("role", True),
    ("areas", "kind"): ("area_kind", True),
    ("organizations", "sector"): ("sector", True),
}
#: (sheet, column) -> (defined name of the id range, strict)
REF_COLUMNS = {
    ("plans", "area_id"): ("area_ids", True),
    ("elements", "plan_id"): ("plan_ids", True),
    ("elements", "parent_id"): ("element_ids", True),
    ("projects", "plan_id"): ("plan_ids", True),
    ("projects", "owner"): ("organization_ids", False),
    ("projects", "area_id"): ("area_ids", True),
    ("projects", "value_chain_id"): ("value_chain_ids", True),
    ("links", "source_id"): ("node_ids", True),
    ("links", "target_id"): ("node_ids", True),
    ("value_chains", "serves_id"): ("element_ids", True),
    ("value_chains", "area_id"): ("area_ids", True),
    ("areas", "parent_id"): ("area_ids", True),
}
#: defined name -> the sheet whose id column it lists
ID_RANGES = {"plan_ids": "plans", "element_ids": "elements", "project_ids": "projects",
             "value_chain_ids": "value_chains", "area_ids": "areas", "organization_ids": "organizations"}

_WIDTHS = {"id": 24, "ref": 24, "area": 12, "level": 18, "year": 13, "budget": 15, "bool": 11,
           "stage": 14, "relation": 17, "role": 12, "area_kind": 14, "sector": 17}
_WIDE_TEXT = {"name_th": 48, "name_en": 42, "description": 48, "note": 40}

_FILL_REQUIRED = "FCE4D6"
_FILL_OPTIONAL = "DDEBF7"


def write_template(path: str | Path, *, lang: str = "th", with_national: bool = False,
                   policy: Policy | None = None, force: bool = False) -> Path:
    """Write an empty plan workbook to ``path`` (an ``.xlsx`` file).

    ``lang`` puts Thai (``"th"``) or English (``"en"``) first in the guide, the
    comments and the drop-down lists; both languages are always there.
    ``with_national`` pre-fills the National Strategy, the master plans and the
    13th-plan milestones. An existing file is never replaced unless ``force``.
    The file is written atomically. Returns the path.
    """
    path = Path(path)
    if lang not in LANGS:
        raise InputError.keyed("template.error.lang", lang=lang, known=", ".join(LANGS))
    if path.suffix.lower() != ".xlsx":
        raise InputError.keyed("template.error.not_xlsx", path=path)
    if path.exists() and not force:
        raise InputError.keyed("template.error.exists", path=path)
    if path.exists() and not path.is_file():
        raise InputError.keyed("template.error.not_a_file", path=path)
    wb = build_template(lang=lang, with_national=with_national, policy=policy or TH_ONE_PLAN)
    atomic_write(path, wb.save)
    return path


def build_template(*, lang: str = "th", with_national: bool = False, policy: Policy = TH_ONE_PLAN):
    """The template as an ``openpyxl.Workbook`` (see :func:`write_template`)."""
    from openpyxl import Workbook  # heavy (openpyxl): only when a template is written
    from openpyxl.workbook.properties import CalcProperties  # heavy (openpyxl): only when a template is written

    wb = Workbook()
    guide = wb.active
    guide.title = GUIDE_SHEET[lang]
    rows = national_rows() if with_national else {}
    for sheet in SHEET_ORDER:
        _data_sheet(wb.create_sheet(sheet), sheet, lang, rows.get(sheet, []))
    lists = wb.create_sheet(LISTS_SHEET)
    _lists_sheet(wb, lists, lang, policy)
    for sheet in SHEET_ORDER:
        _validations(wb[sheet], sheet, lang)
    _guide_sheet(guide, lang, policy, with_national)
    wb.calculation = CalcProperties(fullCalcOnLoad=True)  # the helper formulas in 'lists'
    return wb


# ---- data sheets ----------------------------------------------------------------
def _font(**kw):
    from openpyxl.styles import Font  # heavy (openpyxl): only when a template is written

    return Font(name=FONT, size=kw.pop("size", 10), **kw)


def _pair(th: str, en: str, lang: str, sep: str = "\n") -> str:
    return f"{th}{sep}{en}" if lang == "th" else f"{en}{sep}{th}"


def _both(key: str, lang: str, sep: str = " / ", **args) -> str:
    """A catalogue entry in both languages, ``lang`` first."""
    return _pair(text(f"template.{key}", "th", **args), text(f"template.{key}", "en", **args), lang, sep)


def column_help(sheet: str, column: str) -> tuple[str, str, str]:
    """(Thai, English, example value) of a spec column: the meaning from the catalogue
    (``template.column.<sheet>.<column>``), the example from the bundled
    ``template-examples.csv``.

    >>> column_help("projects", "budget")[1:]
    ('budget in baht, 0 or more; thousands separators allowed', '4,500,000')
    """
    key = f"template.column.{sheet}.{column}"
    return text(key, "th"), text(key, "en"), _examples().get((sheet, column), "")


_EXAMPLES: dict[tuple[str, str], str] = {}


def _examples() -> dict[tuple[str, str], str]:
    if not _EXAMPLES:
        _EXAMPLES.update({(r["sheet"], r["column"]): r["example"] for r in read_rows("template-examples.csv")})
    return _EXAMPLES


def _data_sheet(ws, sheet: str, lang: str, rows: list[dict]) -> None:
    from openpyxl.comments import Comment  # heavy (openpyxl): only when a template is written
    from openpyxl.styles import Alignment, PatternFill  # heavy (openpyxl): only when a template is written
    from openpyxl.utils import get_column_letter  # heavy (openpyxl): only when a template is written

    columns = SHEETS[sheet].COLUMNS
    for i, (col, (ctype, required)) in enumerate(columns.items(), start=1):
        cell = ws.cell(row=1, column=i, value=col)
        cell.font = _font(bold=True)
        cell.fill = PatternFill("solid", fgColor=_FILL_REQUIRED if required else _FILL_OPTIONAL)
        cell.alignment = Alignment(vertical="center")
        th, en, example = column_help(sheet, col)
        req = _both("required" if required else "optional", lang)
        note = f"{col} ({req})\n{_pair(th, en, lang)}"
        if example:
            note += f"\n{_both('eg', lang)}: {example}"
        comment = Comment(note, "stratlink")
        comment.width, comment.height = 320, 170
        cell.comment = comment
        width = _WIDE_TEXT.get(col) or _WIDTHS.get(ctype, 18)
        ws.column_dimensions[get_column_letter(i)].width = width
    for r, row in enumerate(rows, start=2):
        for i, col in enumerate(columns, start=1):
            value = row.get(col)
            if value is not None:
                ws.cell(row=r, column=i, value=value).font = _font()
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}1"
    ws.sheet_properties.tabColor = "C55A11" if sheet in REQUIRED_SHEETS else "2F75B5"
    _print_setup(ws)


def _column_letter(sheet: str, column: str) -> str:
    from openpyxl.utils import get_column_letter  # heavy (openpyxl): only when a template is written

    return get_column_letter(list(SHEETS[sheet].COLUMNS).index(column) + 1)


# ---- the hidden lists -----------------------------------------------------------
def enum_lists(lang: str, policy: Policy) -> dict[str, list[str]]:
    """The values each drop-down offers: English words and the Thai words the
    loader accepts, the language of ``lang`` first.

    >>> enum_lists("th", TH_ONE_PLAN)["stage"]
    ['ต้นทาง', 'กลางทาง', 'ปลายทาง', 'ต้นน้ำ', 'กลางน้ำ', 'ปลายน้ำ', 'upstream', 'midstream', 'downstream']
    """
    def words(english, thai_key):
        thai = list(THAI_WORDS.get(thai_key, {}))
        return thai + list(english) if lang == "th" else list(english) + thai

    level_th = []
    for lvl in policy.levels:
        for part in [lvl.label_th, *lvl.label_th.split("/")] if "/" in lvl.label_th else [lvl.label_th]:
            if part.strip() and part.strip() not in level_th:
                level_th.append(part.strip())
    names = list(policy.level_names)
    bools = ["true", "false"]
    bools_th = [w for w in THAI_BOOLS if w in TRUE_WORDS | FALSE_WORDS]
    return {
        "level": level_th + names if lang == "th" else names + level_th,
        "kind": list(ELEMENT_KINDS),
        "stage": words(STAGES, "stage"),
        "relation": words(RELATIONS, "relation"),
        "role": words(ROLES, "role"),
        "area_kind": words(AREA_KINDS, "kind"),
        "sector": words(SECTORS, "sector"),
        "local_only": bools_th + bools if lang == "th" else bools + bools_th,
    }


def _lists_sheet(wb, ws, lang: str, policy: Policy) -> None:
    from openpyxl.utils import get_column_letter  # heavy (openpyxl): only when a template is written

    lists = enum_lists(lang, policy)
    for i, (name, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(i)
        ws.cell(row=1, column=i, value=name).font = _font(bold=True)
        for r, v in enumerate(values, start=2):
            ws.cell(row=r, column=i, value=v).font = _font()
        _define(wb, f"list_{name}", f"{LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}")
    for name, sheet in ID_RANGES.items():
        _define(wb, name, _dynamic_range(sheet))
    # link ends are elements or projects: one column lists both, elements first
    col = len(lists) + 1
    letter = get_column_letter(col)
    ws.cell(row=1, column=col, value="node_ids").font = _font(bold=True)
    ne, np_ = "COUNTA(elements!$A:$A)", "COUNTA(projects!$A:$A)"
    for r in range(2, NODE_ROWS + 2):
        ws.cell(row=r, column=col, value=(
            f'=IF(ROW()-1<={ne}-1,INDEX(elements!$A:$A,ROW()),'
            f'IF(ROW()-{ne}<={np_}-1,INDEX(projects!$A:$A,ROW()-{ne}+1),""))'))
    _define(wb, "node_ids", f"OFFSET({LISTS_SHEET}!${letter}$2,0,0,MAX(1,{ne}+{np_}-2),1)")
    ws.sheet_state = "hidden"


def _dynamic_range(sheet: str) -> str:
    """The filled part of a sheet's id column (column A: ``id`` comes first)."""
    return f"OFFSET({sheet}!$A$2,0,0,MAX(1,COUNTA({sheet}!$A:$A)-1),1)"


def _define(wb, name: str, formula: str) -> None:
    from openpyxl.workbook.defined_name import DefinedName  # heavy (openpyxl): only when a template is written

    wb.defined_names[name] = DefinedName(name, attr_text=formula)


def _validations(ws, sheet: str, lang: str) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation  # heavy (openpyxl): only when a template is written

    for col in SHEETS[sheet].COLUMNS:
        if (sheet, col) in ENUM_COLUMNS:
            name, strict = ENUM_COLUMNS[(sheet, col)]
            source = f"=list_{name}"
            what = _both("pick_list", lang)
        elif (sheet, col) in REF_COLUMNS:
            name, strict = REF_COLUMNS[(sheet, col)]
            source = f"={name}"
            what = _both("existing_id", lang)
        else:
            continue
        dv = DataValidation(type="list", formula1=source, allow_blank=True,
                            errorStyle="warning" if strict else "information",
                            showErrorMessage=True, showInputMessage=False)
        dv.errorTitle = "stratlink"
        dv.error = _both("not_in_list", lang) + f" ({what})"
        letter = _column_letter(sheet, col)
        dv.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
        ws.add_data_validation(dv)


# ---- the guide ------------------------------------------------------------------
_GUIDE_WIDTHS = (24, 14, 60, 60, 36)


def _guide_sheet(ws, lang: str, policy: Policy, with_national: bool) -> None:
    """Headings sit alone in column A (unwrapped, so they run over the empty cells
    to their right); tables wrap, with row heights set from the text's length
    (neither Excel nor LibreOffice grows a row for a merged or long cell on its own)."""
    from openpyxl.styles import Alignment, PatternFill  # heavy (openpyxl): only when a template is written

    for letter, width in zip("ABCDE", _GUIDE_WIDTHS):
        ws.column_dimensions[letter].width = width
    r = 1

    def put(values, bold=False, fill=None, size=10, wrap=True):
        nonlocal r
        lines = 1
        for i, v in enumerate(values, start=1):
            cell = ws.cell(row=r, column=i, value=v)
            cell.font = _font(bold=bold, size=size)
            cell.alignment = Alignment(wrap_text=wrap, vertical="top", horizontal="left")
            if fill:
                cell.fill = PatternFill("solid", fgColor=fill)
            if wrap and isinstance(v, str):
                lines = max(lines, _lines(v, _GUIDE_WIDTHS[i - 1]))
        ws.row_dimensions[r].height = max(size * 1.9, lines * 15)
        r += 1

    def heading(words, size=12):
        put([words], bold=True, size=size, wrap=False)

    def note(words):
        """A paragraph across the whole width."""
        put([words])
        ws.merge_cells(start_row=r - 1, start_column=1, end_row=r - 1, end_column=5)
        ws.row_dimensions[r - 1].height = _lines(words, sum(_GUIDE_WIDTHS)) * 15

    heading(_both("guide_title", lang), size=14)
    if with_national:
        note(_both("national_note", lang, "\n"))
    r += 1
    heading(_both("how_to", lang))
    for n in range(1, GUIDE_STEP_COUNT + 1):
        th, en = text(f"template.step.{n}", "th"), text(f"template.step.{n}", "en")
        put([f"{n}.", None, *((th, en) if lang == "th" else (en, th))])
    put([None, None, _both("orange", lang), _both("blue", lang)])
    ws.cell(row=r - 1, column=3).fill = PatternFill("solid", fgColor=_FILL_REQUIRED)
    ws.cell(row=r - 1, column=4).fill = PatternFill("solid", fgColor=_FILL_OPTIONAL)
    r += 1
    heading(_both("ladder", lang))
    put([text("template.level", "en"), _both("position", lang), text("template.in_thai", "th"),
         text("template.in_english", "en"), None], bold=True, fill=_FILL_OPTIONAL)
    for pos, lvl in enumerate(policy.levels):
        put([lvl.name, pos, lvl.label_th, lvl.label_en])
    put([None, None, text("template.complete_at", "th", top=policy.top_level),
         text("template.complete_at", "en", top=policy.top_level)])
    for sheet in SHEET_ORDER:
        r += 1
        required = sheet in REQUIRED_SHEETS
        req = _both("required" if required else "optional", lang, ", ")
        heading(_both("sheet_heading", lang, sheet=sheet, req=req))
        put([None, None, text(f"template.sheet.{sheet}", "th"), text(f"template.sheet.{sheet}", "en")])
        put([text("template.column", "en"), _both("required", lang), text("template.meaning", "th"),
             text("template.meaning", "en"), _both("example", lang)],
            bold=True, fill=_FILL_REQUIRED if required else _FILL_OPTIONAL)
        for col, (_ctype, col_required) in SHEETS[sheet].COLUMNS.items():
            cth, cen, example = column_help(sheet, col)
            put([col, _both("yes", lang, "/") if col_required else "", cth, cen, example or None])
    ws.freeze_panes = "A2"
    ws.sheet_properties.tabColor = "548235"
    _print_setup(ws)


def _lines(text: str, width: float) -> int:
    """Lines a wrapped cell needs: about 1.1 characters per unit of column width,
    not counting Thai vowel and tone marks (they sit above or below a letter)."""
    per_line = max(1.0, width * 1.1)
    total = 0
    for part in text.split("\n"):
        visible = sum(1 for ch in part if not ("\u0e31" <= ch <= "\u0e3a" or "\u0e47" <= ch <= "\u0e4e"))
        total += max(1, math.ceil(visible / per_line))
    return total


def _print_setup(ws) -> None:
    """Landscape A4, as wide as one page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


# ---- the top of the ladder ------------------------------------------------------
def national_rows() -> dict[str, list[dict]]:
    """Rows for the plans, elements and links sheets: the National Strategy (NS-2561,
    strategies NS-S1..NS-S6), the master plans (MP-2561: MP01..MP23 and their listed
    sub-plans) and the 13th NESDP (NESDP13: milestones N13-M1..N13-M13), with the
    links from master plans and milestones to the strategies they serve. Ids are
    those of the bundled Roi Et sample.

    >>> rows = national_rows()
    >>> [len(rows[s]) for s in ("plans", "elements", "links")]
    [3, 54, 38]
    """
    plans = [{**row, "period_start": int(row["period_start"]), "period_end": int(row["period_end"])}
             for row in read_rows("th-national-plan-documents.csv")]
    ids = {}
    elements = []
    for row in read_rows("th-national-plans.csv"):
        kind, code = row["kind"], row["code"]
        if kind == "national_strategy":
            el = {"id": f"NS-S{code}", "plan_id": "NS-2561", "kind": "strategy"}
        elif kind == "master_plan":
            el = {"id": f"MP{code}", "plan_id": "MP-2561", "kind": "master_plan"}
        elif kind == "sub_plan":
            parent = code.split(".")[0]
            el = {"id": f"MP{parent}{int(code.split('.')[1]):02d}", "plan_id": "MP-2561",
                  "kind": "sub_plan", "parent_id": f"MP{parent}"}
        elif kind == "nesdp13_milestone":
            el = {"id": f"N13-M{code}", "plan_id": "NESDP13", "kind": "milestone"}
        else:
            continue
        el.update(code=code, name_th=row["name_th"], name_en=row["name_en"], description=row["note"])
        ids[(kind, code)] = el["id"]
        elements.append(el)
    links = []
    for row in read_rows("th-master-plan-links.csv"):
        source = ids[(row["kind"], row["code"])]
        links.append({"source_id": source, "target_id": ids[("national_strategy", row["strategy"])],
                      "relation": "contributes_to", "role": row["role"],
                      "asserted_by": "MP-2561" if row["kind"] == "master_plan" else "NESDP13",
                      "note": row["note"]})
    return {"plans": plans, "elements": elements, "links": links}
