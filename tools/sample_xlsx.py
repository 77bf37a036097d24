"""Copy a CSV workbook folder cell by cell into one .xlsx (bad rows included).

``stratlink export`` writes what loaded; this keeps the raw rows, so the .xlsx
copy of the sample shows the same load findings at the same rows as the CSV.
Whole numbers in year and budget columns become number cells, as Excel would
store them; everything else stays text.

    python tools/sample_xlsx.py examples/roiet-2561 examples/roiet-2561.xlsx
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from openpyxl import Workbook

from stratlink.graph_model import SHEET_ORDER

NUMERIC = {"period_start", "period_end", "fiscal_year", "budget"}


def convert(folder: Path, target: Path) -> None:
    wb = Workbook(write_only=True)
    for sheet in SHEET_ORDER:
        path = folder / f"{sheet}.csv"
        if not path.exists():
            continue
        ws = wb.create_sheet(sheet)
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        header = [h.strip() for h in rows[0]]
        ws.append(header)
        for row in rows[1:]:
            ws.append([_cell(header[i] if i < len(header) else "", v) for i, v in enumerate(row)])
    wb.save(target)


def _cell(column: str, value: str):
    if value == "":
        return None
    if column in NUMERIC and value.isascii() and value.isdigit():
        return int(value)
    return value


if __name__ == "__main__":
    convert(Path(sys.argv[1]), Path(sys.argv[2]))
