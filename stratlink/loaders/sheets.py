"""Reading the physical forms of a workbook into raw sheets of text cells.

A raw sheet is the header and the rows as ``{column: text}`` with the row number
a spreadsheet shows (the header is row 1). Nothing here knows what the columns
mean; ``workbook.py`` does.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from stratlink.errors import InputError as InputError
from stratlink.errors import MissingDependency
from stratlink.graph_model.model import SHEET_ORDER, SHEETS

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
    first, then cp874; text that decodes but is mojibake raises InputError.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{file}: UTF-16 text; save it as UTF-8 (or cp874) CSV")
    if encoding:
        codec = _codec(encoding, file)
        if data.startswith(BOM) and codec != "utf-8":
            raise InputError(
                f"{file}: starts with a UTF-8 byte-order mark, but --encoding {encoding} was given")
        try:
            text = data.decode("utf-8-sig" if codec == "utf-8" else codec, errors="strict")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{file}: not valid {encoding} at line {_line_at(data, exc.start)}"
            ) from None
        return text.lstrip("\ufeff")
    if data.startswith(BOM):
        try:
            return _checked(data[3:].decode("utf-8"), file, "UTF-8")
        except UnicodeDecodeError as exc:
            raise InputError(
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
        raise InputError(
            f"{file}: neither UTF-8 nor Thai Windows (cp874) text (bad byte at line "
            f"{_line_at(data, exc.start)}); save it as UTF-8 or give --encoding"
        ) from None
    return _checked(text, file, "cp874")


def _codec(name: str, file: str) -> str:
    import codecs

    alias = {"tis-620": "cp874", "tis620": "cp874", "windows-874": "cp874"}.get(name.lower(), name)
    try:
        info = codecs.lookup(alias)
    except LookupError:
        raise InputError(f"{file}: unknown encoding '{name}'") from None
    if not getattr(info, "_is_text_encoding", True):
        raise InputError(f"{file}: '{name}' is not a text encoding")
    return info.name


def _checked(text: str, file: str, codec: str) -> str:
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(
            f"{file}: line {text.count(chr(10), 0, nul) + 1} holds NUL characters; is it UTF-16? "
            f"Save it as UTF-8 (or cp874) CSV")
    for mark in _MOJIBAKE_MARKS:
        pos = text.find(mark)
        if pos >= 0:
            raise InputError(
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


def _not_thai(text: str, pos: int, file: str) -> InputError:
    line = text.count("\n", 0, pos) + 1
    return InputError(
        f"{file}: line {line} is not UTF-8 and does not read as Thai cp874 text either; "
        f"give the right --encoding"
    )


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


# ---- CSV folder -----------------------------------------------------------------
def read_csv_folder(folder: Path, encoding: str | None = None) -> dict[str, RawSheet]:
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder")
    files: dict[str, Path] = {}
    for p in sorted(folder.iterdir()):
        if p.suffix.lower() != ".csv" or not p.is_file():
            continue
        key = p.stem.strip().lower()
        if key in files:
            raise InputError(f"{folder}: both {files[key].name} and {p.name} hold sheet '{key}'")
        files[key] = p
    sheets = {}
    for name in SHEET_ORDER:
        path = files.get(name)
        if path is None:
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror})") from None
        text = decode_text(data, str(path), encoding)
        sheets[name] = _csv_sheet(name, str(path), text)
    if not sheets:
        raise InputError(
            f"{folder}: not a plan workbook (no plans.csv, elements.csv, projects.csv or links.csv)"
        )
    return sheets


def _csv_sheet(name: str, file: str, text: str) -> RawSheet:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        records = list(reader)
    except csv.Error as exc:
        raise InputError(f"{file}: not a readable CSV file ({exc})") from None
    return _raw_sheet(name, file, records)


def _raw_sheet(sheet_name: str, file: str, records) -> RawSheet:
    """The first non-empty record is the header; rows are numbered as a spreadsheet
    shows them. The spec's columns are matched without regard to case; other
    columns keep their names as written."""
    canon = {c.lower(): c for c in SHEETS[sheet_name].COLUMNS}
    sheet = RawSheet(sheet_name, file, [])
    headers = sheet.headers
    for index, record in enumerate(records):
        cells = [_cell(c) for c in record]
        if not any(cells):
            continue
        if not headers and not sheet.rows:
            for i, c in enumerate(cells):
                headers.append(_unique(canon.get(c.lower(), c) if c else _synthetic(i), headers))
            continue
        while len(headers) < len(cells) and any(cells[len(headers):]):
            headers.append(_unique(_synthetic(len(headers)), headers))
        row = {h: (cells[i] if i < len(cells) else None) for i, h in enumerate(headers)}
        sheet.rows.append((index + 1, row))
    return sheet


def _synthetic(index: int) -> str:
    return f"column_{_column_letter(index)}"


def _unique(name: str, taken: list[str]) -> str:
    """A repeated column is kept, renamed ``name.2``, ``name.3``, as an extra column."""
    out, n = name, 2
    while out in taken:
        out, n = f"{name}.{n}", n + 1
    return out


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
        # no exponent: 1e-07 is the budget 0.0000001
        text = str(int(value)) if value.is_integer() else format(Decimal(repr(value)), "f")
    elif isinstance(value, (_dt.datetime, _dt.date)):
        text = value.isoformat()
    else:
        text = str(value)
    text = text.strip()
    return text or None


# ---- XLSX -----------------------------------------------------------------------
_OOXML_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_OOXML_LITERAL = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_OOXML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\r\x0e-\x1f\ufffe\uffff]")


def ooxml_escape(text: str) -> str:
    """Escape what an .xlsx cannot hold as text, the way Excel does: ``\\r`` and
    control characters as ``_x000D_``, a literal ``_x000D_`` as ``_x005F_x000D_``.

    >>> ooxml_escape("a\\rb _x0041_")
    'a_x000D_b _x005F_x0041_'
    >>> ooxml_unescape(ooxml_escape("a\\rb _x0041_ \\x01"))
    'a\\rb _x0041_ \\x01'
    """
    text = _OOXML_LITERAL.sub("_x005F_", text)
    return _OOXML_UNSAFE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def ooxml_unescape(text: str) -> str:
    return _OOXML_ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def _xlsx_rows(ws):
    for row in ws.iter_rows(min_row=1, values_only=True):
        yield [ooxml_unescape(v) if isinstance(v, str) and "_x" in v else v for v in row]


def read_xlsx(path: Path) -> dict[str, RawSheet]:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - a core dependency
        raise MissingDependency("openpyxl", "xlsx", "Reading .xlsx") from None
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a bad file
        raise InputError(f"{path}: not a readable .xlsx workbook ({type(exc).__name__})") from None
    try:
        names: dict[str, str] = {}
        for n in wb.sheetnames:
            key = n.strip().lower()
            if key in names:
                raise InputError(f"{path}: both sheets '{names[key]}' and '{n}' hold sheet '{key}'")
            names[key] = n
        sheets = {}
        for name in SHEET_ORDER:
            ws = wb[names[name]] if name in names else None
            if ws is None or not hasattr(ws, "iter_rows"):  # absent, or a chart sheet
                continue
            # read-only rows are numbered from 1 (empty leading rows come as empty tuples)
            sheets[name] = _raw_sheet(name, f"{path}, sheet {names[name]}", _xlsx_rows(ws))
    except InputError:
        raise
    except Exception as exc:  # a damaged sheet is read lazily, row by row
        raise InputError(f"{path}: not a readable .xlsx workbook ({type(exc).__name__})") from None
    finally:
        wb.close()
    if not sheets:
        raise InputError(f"{path}: not a plan workbook (no sheet named plans, elements, projects or links)")
    return sheets
