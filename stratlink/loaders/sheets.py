"""Reading the physical forms of a workbook into raw sheets of text cells.

A raw sheet is the header and the rows as ``{column: text}`` with the row number
a spreadsheet shows (the header is row 1). Nothing here knows what the columns
mean; ``workbook.py`` does.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from stratlink.graph_model.model import SHEET_ORDER
from stratlink.loaders.errors import MissingDependency, WorkbookError

BOM = b"\xef\xbb\xbf"
#: Thai characters that combine with the character before them (vowels above and
#: below, tone marks); after a non-Thai character they betray mis-decoded text.
_THAI_COMBINING = {chr(c) for c in [0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)]}
_CP874_PUNCT = set("€…‘’“”•–—\u00a0")
#: UTF-8 Thai read as Latin-1/cp1252 and saved again as UTF-8 starts like this.
_MOJIBAKE_MARKS = ("à¸", "à¹", "Ã ¸", "Ã ¹")


@dataclass
class RawSheet:
    name: str
    file: str
    headers: list[str]
    rows: list[tuple[int, dict[str, str | None]]] = field(default_factory=list)


# ---- text encodings -------------------------------------------------------------
def decode_text(data: bytes, file: str, encoding: str | None = None) -> str:
    """Decode a CSV file: UTF-8 (with or without BOM) or cp874 / TIS-620.

    With ``encoding`` given, decode strictly with it. Otherwise UTF-8 is tried
    first, then cp874; text that decodes but is mojibake raises WorkbookError.
    """
    if encoding:
        try:
            text = data.decode(_codec(encoding, file), errors="strict")
        except UnicodeDecodeError as exc:
            raise WorkbookError(
                f"{file}: not valid {encoding} at line {_line_at(data, exc.start)}"
            ) from None
        return text.lstrip("\ufeff")
    if data.startswith(BOM):
        try:
            return _checked(data[3:].decode("utf-8"), file, "UTF-8")
        except UnicodeDecodeError as exc:
            raise WorkbookError(
                f"{file}: starts with a UTF-8 byte-order mark but is not valid UTF-8 "
                f"at line {_line_at(data, exc.start)}"
            ) from None
    try:
        return _checked(data.decode("utf-8"), file, "UTF-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp874")
    except UnicodeDecodeError as exc:
        raise WorkbookError(
            f"{file}: neither UTF-8 nor Thai Windows (cp874) text (bad byte at line "
            f"{_line_at(data, exc.start)}); save it as UTF-8 or give --encoding"
        ) from None
    return _checked(text, file, "cp874")


def _codec(name: str, file: str) -> str:
    import codecs

    alias = {"tis-620": "cp874", "tis620": "cp874", "windows-874": "cp874"}.get(name.lower(), name)
    try:
        return codecs.lookup(alias).name
    except LookupError:
        raise WorkbookError(f"{file}: unknown encoding '{name}'") from None


def _checked(text: str, file: str, codec: str) -> str:
    for mark in _MOJIBAKE_MARKS:
        pos = text.find(mark)
        if pos >= 0:
            raise WorkbookError(
                f"{file}: line {text.count(chr(10), 0, pos) + 1} looks like Thai text that was "
                f"mis-decoded and saved again ('{text[pos:pos + 6]}'); fix the file's encoding"
            )
    if codec == "cp874":
        prev = "\n"
        for pos, ch in enumerate(text):
            if ch > "\x7f":
                thai = "\u0e00" <= ch <= "\u0e7f"
                if not thai and ch not in _CP874_PUNCT:
                    raise _not_thai(text, pos, file)
                if ch in _THAI_COMBINING and not ("\u0e01" <= prev <= "\u0e4f"):
                    raise _not_thai(text, pos, file)
            prev = ch
    return text


def _not_thai(text: str, pos: int, file: str) -> WorkbookError:
    line = text.count("\n", 0, pos) + 1
    return WorkbookError(
        f"{file}: line {line} is not UTF-8 and does not read as Thai cp874 text either; "
        f"give the right --encoding"
    )


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


# ---- CSV folder -----------------------------------------------------------------
def read_csv_folder(folder: Path, encoding: str | None = None) -> dict[str, RawSheet]:
    if not folder.is_dir():
        raise WorkbookError(f"{folder}: no such folder")
    files = {p.stem.strip().lower(): p for p in folder.glob("*.csv") if p.is_file()}
    sheets = {}
    for name in SHEET_ORDER:
        path = files.get(name)
        if path is None:
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise WorkbookError(f"{path}: cannot read ({exc.strerror})") from None
        text = decode_text(data, str(path), encoding)
        sheets[name] = _csv_sheet(name, str(path), text)
    if not sheets:
        raise WorkbookError(
            f"{folder}: not a plan workbook (no plans.csv, elements.csv, projects.csv or links.csv)"
        )
    return sheets


def _csv_sheet(name: str, file: str, text: str) -> RawSheet:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        records = list(reader)
    except csv.Error as exc:
        raise WorkbookError(f"{file}: not a readable CSV file ({exc})") from None
    return _raw_sheet(name, file, records)


def _raw_sheet(name: str, file: str, records: list[list]) -> RawSheet:
    # the first non-empty record is the header; rows are numbered as a spreadsheet shows them
    header_at = next((i for i, r in enumerate(records) if any(_cell(c) for c in r)), None)
    if header_at is None:
        return RawSheet(name, file, [])
    headers: list[str] = []
    for i, c in enumerate(records[header_at]):
        name = _header(c, i)
        n = 2
        while name in headers:  # a repeated column is kept, renamed, as an extra column
            name, n = f"{_header(c, i)}.{n}", n + 1
        headers.append(name)
    sheet = RawSheet(name, file, headers)
    width = len(headers)
    for index in range(header_at + 1, len(records)):
        cells = [_cell(c) for c in records[index]]
        if not any(cells):
            continue
        if len(cells) > width:
            for extra in range(width, len(cells)):
                if cells[extra] is not None and len(headers) <= extra:
                    headers.append(_header(None, extra))
        row = {h: (cells[i] if i < len(cells) else None) for i, h in enumerate(headers)}
        sheet.rows.append((index + 1, row))
    return sheet


def _header(cell, index: int) -> str:
    text = _cell(cell)
    if text is None:
        return f"column_{_column_letter(index)}"
    text = unicodedata.normalize("NFC", text)
    return text.lower() if text.isascii() else text


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _cell(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() else repr(value)
    elif isinstance(value, (_dt.datetime, _dt.date)):
        text = value.isoformat()
    else:
        text = str(value)
    text = text.strip()
    return text or None


# ---- XLSX -----------------------------------------------------------------------
def read_xlsx(path: Path) -> dict[str, RawSheet]:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - a core dependency
        raise MissingDependency("openpyxl", "xlsx", "Reading .xlsx") from None
    if not path.is_file():
        raise WorkbookError(f"{path}: no such file")
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a bad file
        raise WorkbookError(f"{path}: not a readable .xlsx workbook ({type(exc).__name__})") from None
    try:
        names = {n.strip().lower(): n for n in wb.sheetnames}
        sheets = {}
        for name in SHEET_ORDER:
            if name not in names:
                continue
            ws = wb[names[name]]
            first = ws.min_row or 1
            records = [[None]] * (first - 1) + [list(r) for r in ws.iter_rows(values_only=True)]
            sheets[name] = _raw_sheet(name, f"{path}", records)
    finally:
        wb.close()
    if not sheets:
        raise WorkbookError(f"{path}: not a plan workbook (no sheet named plans, elements, projects or links)")
    return sheets
