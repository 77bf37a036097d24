"""Generate the sample wide sheet and its plans workbook from the bundled sample.

    python tools/wide_sample.py              # writes the three files below
    python tools/wide_sample.py --clean OUT.xlsx   # the clean variant only

* ``examples/roiet-2561-plans/``: the sample's plans, elements, links between
  elements, value chains, areas and organisations (what loads; no projects and no
  link from or to a project). This is the WORKBOOK import-wide reads the sheet against.
* ``examples/roiet-2561-wide.xlsx``: the sample's 78 projects as a province keeps
  them: two title rows and a blank row above the header, a total row below, a
  running-number and a remarks column the map ignores, budgets as text with commas,
  some fiscal years as "2567.0" or in Thai digits, several labels per cell separated
  by newlines or commas, and the planted imperfections listed in ``PLANTED``.
* its map ``examples/roiet-2561-wide.toml`` is written by hand (not by this script).

The labels come from the sample's own links (``export-wide``'s cell format, via
:func:`stratlink.loaders.wide_write.wide_rows`); the raw project cells (including
the sample's three bad project values) come from ``projects.csv``.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

import stratlink as sl
from stratlink.loaders.wide_map import read_map
from stratlink.loaders.wide_write import wide_rows
from stratlink.wide import closure, plans_only

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "roiet-2561"
MAP = ROOT / "examples" / "roiet-2561-wide.toml"
SHEET = ROOT / "examples" / "roiet-2561-wide.xlsx"
PLANS = ROOT / "examples" / "roiet-2561-plans"

NS_TITLE = "ยุทธศาสตร์ชาติ 20 ปี"
PROVINCE_TITLE = "กลยุทธ์ตามแผนพัฒนาจังหวัด"
MP_TITLE = "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ"

#: the planted imperfections: (project, column title, how the cell is changed, why)
PLANTED = [
    ("PRJ-038", PROVINCE_TITLE, ("replace", "บริหารจัดการน้ำเพื่อการเกษตรและอุปโภคบริโภค"),
     "FUZZY_MATCH: no code and a word missing; still linked to RE-T4.1"),
    ("PRJ-035", PROVINCE_TITLE, ("replace", "พัฒนาการศึกษาและทักษะอาชีพ"),
     "name rule: the tactic's name without its code"),
    ("PRJ-007", PROVINCE_TITLE, ("add", "1.2.1 ส่งเสริมเกษตรแม่นยำ (แผนฯ ฉบับเดิม)"),
     "UNMATCHED_LABEL: a tactic of the previous provincial plan, as in the CSV sample"),
    ("PRJ-040", MP_TITLE, ("add", "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ ประเด็น"),
     "AMBIGUOUS_LABEL: the master plans' common title with the issue left out"),
    ("PRJ-001", NS_TITLE, ("replace", "ด้าน 4 การสร้างโอกาสและความเสมอภาคทางสังคม"),
     "CLAIM_MISMATCH: the sheet says ด้าน 4, the project's links trace to ด้าน 2"),
]
#: the sample's bad project values, kept in the sheet (blank in the clean variant)
BAD_VALUES = {("PRJ-013", "budget"), ("PRJ-021", "stage"), ("PRJ-019", "value_chain_id")}


def raw_projects() -> dict[str, dict[str, str]]:
    rows: dict[str, dict[str, str]] = {}
    with open(SAMPLE / "projects.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            rows.setdefault(row["id"], row)  # the first of a duplicated id wins
    return rows


def sheet_table(clean: bool):
    sample = sl.load(SAMPLE)
    m = read_map(MAP)
    claims = closure(sample, {c.plan for c in m.columns if c.use == "claim"})
    # the master-plan claim lists the master plans only, as provinces write it
    for pid, elements in claims.items():
        claims[pid] = {e for e in elements if sample.elements[e].plan_id != "MP-2561"
                       or sample.elements[e].kind == "master_plan"}
    header, rows, lost = wide_rows(sample, m, claims)
    if lost:
        raise SystemExit(f"{lost} project links fit no column of {MAP}")
    raw = raw_projects()
    col = {title: i for i, title in enumerate(header)}
    fields = {name: title for name, title in m.fields.items()}
    out = []
    for n, row in enumerate(rows, start=1):
        pid = row[col[fields["id"]]]
        src = raw[pid]
        cells = dict(zip(header, row))
        plan = sample.plans[src["plan_id"]]
        cells[fields["plan_id"]] = plan.name_th
        area = src["area_id"]
        if area and len(area) == 4 and area in sample.areas:  # districts by name, as offices write them
            area = "อำเภอ" + sample.areas[area].name_th
        cells[fields["area_id"]] = area or None
        year = src["fiscal_year"]
        cells[fields["fiscal_year"]] = (f"{year}.0" if n % 7 == 3 else year if not year.isdigit()
                                        else int(year))
        budget = src["budget"]
        cells[fields["budget"]] = (budget + ".00" if n % 5 == 2 and budget and "," in budget
                                   else budget or None)
        vc = src["value_chain_id"]
        cells[fields["value_chain_id"]] = (sample.value_chains[vc].name_th if vc in sample.value_chains
                                           else vc or None)
        cells[fields["stage"]] = src["stage"] or None
        cells[fields["local_only"]] = "ใช่" if src["local_only"] == "true" else None
        for name in ("name_th", "name_en", "owner", "status"):
            cells[fields[name]] = src[name] or None
        if clean:
            for bad_pid, name in BAD_VALUES:
                if pid == bad_pid:
                    cells[fields[name]] = None
        # several values in one cell: newlines (export-wide's form), commas in a few rows
        for title in (NS_TITLE, PROVINCE_TITLE):
            if cells.get(title) and n % 4 == 0:
                cells[title] = cells[title].replace("\n", ", ")
        if not clean:
            for ppid, title, (how, text), _ in PLANTED:
                if ppid == pid:
                    cells[title] = text if how == "replace" else "\n".join(filter(None, [cells[title], text]))
        out.append([n, *[cells[h] for h in header], src.get("remark") or None])
    total = sum(p.budget for p in sample.projects.values() if p.budget is not None)
    return ["ลำดับ", *header, "หมายเหตุ"], out, total


def write_sheet(target: Path, clean: bool = False) -> Path:
    header, rows, total = sheet_table(clean)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("โครงการปี 2566-2570")

    def text(value, bold=False):
        if value is None or isinstance(value, int):
            return value
        c = WriteOnlyCell(ws, value=str(value))
        c.data_type = "s"
        if bold:
            c.font = Font(bold=True)
        return c

    ws.append([text("บัญชีรายการโครงการตามแผนพัฒนาจังหวัดร้อยเอ็ด พ.ศ. 2566-2570 "
                    "(รวมโครงการของกลุ่มจังหวัด อำเภอ อปท. และแผนชุมชน)", bold=True)])
    ws.append([text("ข้อมูลตัวอย่างสำหรับ stratlink import-wide (ไม่ใช่ข้อมูลทางราชการ)")])
    ws.append([])
    ws.append([text(h, bold=True) for h in header])
    for row in rows:
        ws.append([text(v) for v in row])
    total_row: list = [None] * len(header)
    total_row[header.index("ชื่อโครงการ")] = text("รวม", bold=True)
    total_row[header.index("งบประมาณ (บาท)")] = text(f"{total:,}")
    ws.append(total_row)
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)
    return target


def main(argv: list[str]) -> None:
    if argv[:1] == ["--clean"]:
        print(write_sheet(Path(argv[1]), clean=True))
        return
    sample = sl.load(SAMPLE)
    sl.export(plans_only(sample), PLANS)
    print(PLANS)
    print(write_sheet(SHEET))


if __name__ == "__main__":
    main(sys.argv[1:])
