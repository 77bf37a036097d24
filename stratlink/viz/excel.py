"""Excel-safe output for people: no cell that a spreadsheet would evaluate.

OWASP's CSV-injection guidance: a cell that starts with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return is read by Excel, LibreOffice and Google Sheets as a
formula (``=HYPERLINK(...)``, a DDE ``cmd`` call). In reports and matrices written
for people such a cell gets a leading apostrophe (``'=SUM(A1)``), which every
spreadsheet shows as text; in an .xlsx report the cell is a text cell with Excel's
"quote prefix" style (the apostrophe in the formula bar), so the shown text is
exact and editing it does not turn it into a formula. The full-width look-alikes
(``＝＋－＠``) are treated the same, since some input methods let Excel take them
for formulas.

Every CSV file written for people starts with a UTF-8 byte-order mark, so that
Excel on Thai Windows reads the Thai text as UTF-8, not cp874.

>>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("PRJ-001"), neutralise("-5")
('\\'=HYPERLINK("http://x")', 'PRJ-001', "'-5")
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from stratlink.loaders.safety import FORMULA_START, is_formula_like
from stratlink.loaders.sheets import ooxml_escape
from stratlink.loaders.workbook import atomic_write

BOM = "\ufeff"


def neutralise(text):
    """``text`` as a spreadsheet shows it literally: a leading apostrophe when it
    would otherwise be evaluated. Anything that is not text is returned as it is."""
    return "'" + text if is_formula_like(text) else text


def csv_text(header: list[str], rows: Iterable[Iterable[object]], safe_columns: Iterable[int] = ()) -> str:
    """CSV text (no byte-order mark; :func:`write_text` adds it for files) with every
    text cell neutralised, except the columns in ``safe_columns`` (numbers)."""
    safe = set(safe_columns)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([neutralise(h) for h in header])
    for row in rows:
        w.writerow([v if i in safe else neutralise("" if v is None else str(v)) for i, v in enumerate(row)])
    return buf.getvalue()


def write_report(text: str, path: str | Path, csv_file: bool = False) -> Path:
    """Write a report atomically (a reader never sees half a file); a CSV file for
    people gets the UTF-8 byte-order mark."""
    path = Path(path)
    data = ((BOM if csv_file and not text.startswith(BOM) else "") + text).encode("utf-8")
    atomic_write(path, lambda tmp: Path(tmp).write_bytes(data))
    return path


def xlsx_text_cell(ws, value):
    """A write-only .xlsx cell: text always as a text cell (never a formula), and a
    formula-like text with Excel's quote-prefix style."""
    from openpyxl.cell import WriteOnlyCell  # heavy: imported only for .xlsx output

    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(ws, value=ooxml_escape(value))
    cell.data_type = "s"
    if is_formula_like(value):
        cell.quotePrefix = True
    return cell


__all__ = ["BOM", "FORMULA_START", "csv_text", "is_formula_like", "neutralise", "write_report",
           "xlsx_text_cell"]
