"""Reading the physical forms of a workbook into raw sheets of text cells.

A raw sheet is the header and the rows as ``{column: text}`` with the row number
a spreadsheet shows (the header is row 1). Nothing here knows what the columns
mean; ``workbook.py`` does.
"""

from __future__ import annotations

import codecs
import datetime as _dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from stratlink.errors import InputError as InputError
from stratlink.errors import MissingDependency
from stratlink.graph_model.model import SHEET_ORDER, SHEETS
from stratlink.loaders.guards import CellProblem, check_header, check_xlsx_zip, formula_cells, split_csv
from stratlink.loaders.safety import MAX_CELLS, MAX_CSV_ROWS, MAX_ROWS

BOM = b"\xef\xbb\xbf"
#: the optional sheet about the workbook itself (``key``, ``value`` rows; see docs)
META_SHEET = "meta"
META_COLUMNS = ("key", "value")
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
    #: problems found below the level of cells: (row, column or None, reason, message args)
    problems: list[tuple[int, str | None, str, dict]] = field(default_factory=list)


# ---- text encodings -------------------------------------------------------------
def decode_text(data: bytes, file: str, encoding: str | None = None) -> str:
    """Decode a CSV file: UTF-8 (with or without BOM) or cp874 / TIS-620.

    With ``encoding`` given, decode strictly with it. Otherwise UTF-8 is tried
    first, then cp874; text that decodes but is mojibake raises InputError.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError.keyed("error.read.utf16", file=file)
    if encoding:
        codec = _codec(encoding, file)
        if data.startswith(BOM) and codec != "utf-8":
            raise InputError.keyed("error.read.bom_encoding", file=file, encoding=encoding)
        try:
            text = data.decode("utf-8-sig" if codec == "utf-8" else codec, errors="strict")
        except UnicodeDecodeError as exc:
            raise InputError.keyed("error.read.not_encoding", file=file, encoding=encoding,
                                   line=_line_at(data, exc.start)) from None
        if codec not in ("utf-8", "cp874"):
            _refuse_thai_misread(data, text, file, encoding)
        _check_nul(text, file)
        return text.lstrip("\ufeff")
    if data.startswith(BOM):
        try:
            return _checked(data[3:].decode("utf-8"), file, "UTF-8")
        except UnicodeDecodeError as exc:
            raise InputError.keyed("error.read.bom_not_utf8", file=file, line=_line_at(data, exc.start)) from None
    try:
        return _checked(data.decode("utf-8"), file, "UTF-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp874")
    except UnicodeDecodeError as exc:
        raise InputError.keyed("error.read.not_utf8_cp874", file=file, line=_line_at(data, exc.start)) from None
    return _checked(text, file, "cp874")


def _codec(name: str, file: str) -> str:
    alias = {"tis-620": "cp874", "tis620": "cp874", "windows-874": "cp874"}.get(name.lower(), name)
    try:
        info = codecs.lookup(alias)
    except LookupError:
        raise InputError.keyed("error.read.unknown_encoding", file=file, name=name) from None
    if not getattr(info, "_is_text_encoding", True):
        raise InputError.keyed("error.read.not_text_encoding", file=file, name=name)
    return info.name


def _check_nul(text: str, file: str) -> None:
    """Text with many NUL characters is UTF-16 without its byte-order mark: refused.
    A stray NUL or two is left in its cell, which then gets a finding naming its row."""
    nuls = text.count("\x00")
    if nuls and nuls * 8 >= len(text):
        nul = text.find("\x00")
        raise InputError.keyed("error.read.nul_utf16", file=file, line=text.count(chr(10), 0, nul) + 1)


def _refuse_thai_misread(data: bytes, text: str, file: str, encoding: str) -> None:
    """``--encoding latin-1`` (or another codec of Latin letters) on Thai bytes decodes
    without an error into mojibake; refuse it when the same bytes are Thai text."""
    pos = next((i for i, ch in enumerate(text) if "\u0080" <= ch <= "\u024f"), -1)
    if pos < 0:
        return
    for codec in ("utf-8", "cp874"):
        try:
            thai = _checked(data.decode(codec).lstrip("\ufeff"), file, codec)
        except (UnicodeDecodeError, InputError):
            continue
        if any("\u0e00" <= ch <= "\u0e7f" for ch in thai):
            line = text.count("\n", 0, pos) + 1
            raise InputError.keyed("error.read.thai_misread", file=file, line=line, shown=text[pos:pos + 8],
                                   encoding=encoding, thai="UTF-8" if codec == "utf-8" else "cp874",
                                   codec="utf-8" if codec == "utf-8" else "cp874")


def _checked(text: str, file: str, codec: str) -> str:
    _check_nul(text, file)
    for mark in _MOJIBAKE_MARKS:
        pos = text.find(mark)
        if pos >= 0:
            raise InputError.keyed("error.read.mojibake", file=file, line=text.count(chr(10), 0, pos) + 1,
                                   shown=text[pos:pos + 6])
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
    return InputError.keyed("error.read.not_thai", file=file, line=line)


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


# ---- CSV folder -----------------------------------------------------------------
def csv_files(folder: Path) -> dict[str, Path]:
    """The CSV file of each sheet of a CSV folder, in sheet order."""
    if not folder.is_dir():
        raise InputError.keyed("error.read.no_folder", folder=folder)
    files: dict[str, Path] = {}
    for p in sorted(folder.iterdir()):
        if p.suffix.lower() != ".csv" or not p.is_file():
            continue
        key = p.stem.strip().lower()
        if key in files:
            raise InputError.keyed("error.read.two_files", folder=folder, first=files[key].name, second=p.name,
                                   sheet=key)
        files[key] = p
    out = {name: files[name] for name in SHEET_ORDER if name in files}
    if not out:
        raise InputError.keyed("error.read.no_csv_sheets", folder=folder)
    return out


def read_csv_folder(folder: Path, encoding: str | None = None) -> dict[str, RawSheet]:
    sheets = {}
    files = csv_files(folder)
    meta = {p.stem.strip().lower(): p for p in folder.iterdir() if p.suffix.lower() == ".csv"}.get(META_SHEET)
    if meta is not None and meta.is_file():
        files = {**files, META_SHEET: meta}
    for name, path in files.items():
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError.keyed("error.read.cannot_read", path=path, reason=exc.strerror) from None
        text = decode_text(data, str(path), encoding)
        sheets[name] = _csv_sheet(name, str(path), text)
    if not sheets:
        raise InputError.keyed("error.read.no_csv_sheets", folder=folder)
    return sheets


def _csv_sheet(name: str, file: str, text: str) -> RawSheet:
    records, unclosed = split_csv(text, file)
    sheet = _raw_sheet(name, file, records, MAX_CSV_ROWS)
    key = "source_id" if name == "links" else "id"
    for rownum, line, cells in unclosed:
        subject = cells[sheet.headers.index(key)].strip() if key in sheet.headers[:len(cells)] else ""
        sheet.problems.append((rownum, None, "unclosed_quote", {"line": line, "subject": subject}))
    return sheet


#: rows after the header that are looked at to tell a title row from a bad header
_HEADER_LOOKAHEAD = 20


def _raw_sheet(sheet_name: str, file: str, records, max_rows: int | None = None) -> RawSheet:
    """``records`` are (row number, cells). The first non-empty record is the header;
    rows are numbered as a spreadsheet shows them. The spec's columns are matched
    without regard to case; other columns keep their names as written. A sheet whose
    header lacks its key columns is refused in one line (guards.check_header). More
    than ``max_rows`` rows (default MAX_ROWS) is a refusal."""
    max_rows = MAX_ROWS if max_rows is None else max_rows
    columns = SHEETS[sheet_name].COLUMNS if sheet_name in SHEETS else META_COLUMNS
    canon = {c.lower(): c for c in columns}
    sheet = RawSheet(sheet_name, file, [])
    headers = sheet.headers
    header_row, raw_header = 0, []
    for rownum, record in records:
        cells = [_cell(c) for c in record]
        if not any(cells):
            continue
        if not headers and not sheet.rows:
            header_row, raw_header = rownum, [c or "" for c in cells]
            for i, c in enumerate(cells):
                headers.append(_unique(canon.get(c.lower(), c) if c else _synthetic(i), headers))
            continue
        if rownum > max_rows:
            raise InputError.keyed("error.read.too_many_rows", file=file, limit=f"{max_rows:,}")
        while len(headers) < len(cells) and any(cells[len(headers):]):
            headers.append(_unique(_synthetic(len(headers)), headers))
        row = {h: (cells[i] if i < len(cells) else None) for i, h in enumerate(headers)}
        sheet.rows.append((rownum, row))
        if len(sheet.rows) == _HEADER_LOOKAHEAD:
            _check_header(sheet, header_row, raw_header)
    if sheet.rows and len(sheet.rows) < _HEADER_LOOKAHEAD:
        _check_header(sheet, header_row, raw_header)
    return sheet


def _check_header(sheet: RawSheet, header_row: int, raw_header: list[str]) -> None:
    if sheet.name == META_SHEET:
        keys, known = META_COLUMNS, META_COLUMNS
    else:
        keys = ("source_id", "target_id") if sheet.name == "links" else ("id",)
        known = tuple(SHEETS[sheet.name].COLUMNS)
    later = [(n, [v or "" for v in row.values()]) for n, row in sheet.rows[:_HEADER_LOOKAHEAD]]
    check_header(sheet.name, sheet.file, header_row, raw_header, keys, known, later)


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
    if isinstance(value, CellProblem):
        return value
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


def _xlsx_rows(ws, path: Path, budget: list[int]):
    """(row number, values) of a read-only worksheet; formula cells without a saved
    value become CellProblem; ``budget`` counts the workbook's cells down (limits)."""
    formulas = formula_cells(path, ws._worksheet_path) if hasattr(ws, "_worksheet_path") else {}
    for rownum, row in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1):
        budget[0] -= len(row)
        if budget[0] < 0:
            raise InputError.keyed("error.read.too_many_cells", path=path, limit=f"{MAX_CELLS:,}")
        values = [ooxml_unescape(v) if isinstance(v, str) and "_x" in v else v for v in row]
        if formulas:
            for col in range(len(values)):
                formula = formulas.get((rownum, col + 1))
                if formula is not None and values[col] is None:
                    values[col] = CellProblem(formula, "formula_no_value")
        yield rownum, values


def read_xlsx(path: Path) -> dict[str, RawSheet]:
    try:
        import openpyxl  # heavy: imported only for .xlsx
    except ImportError:  # pragma: no cover - a core dependency
        raise MissingDependency("openpyxl", "xlsx", "Reading .xlsx") from None
    if not path.is_file():
        raise InputError.keyed("error.read.no_file", path=path)
    check_xlsx_zip(path)  # limits, before any XML is parsed
    # an open file, not the name: openpyxl refuses a name whose suffix is not .xlsx/.xlsm,
    # and the format may have been chosen by name (load(..., format="xlsx"))
    fh = open(path, "rb")  # noqa: SIM115 - closed with the workbook below
    try:
        wb = openpyxl.load_workbook(fh, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a bad file
        fh.close()
        raise InputError.keyed("error.read.bad_xlsx", path=path, reason=type(exc).__name__) from None
    try:
        names: dict[str, str] = {}
        for n in wb.sheetnames:
            key = n.strip().lower()
            if key in names:
                raise InputError.keyed("error.read.two_sheets", path=path, first=names[key], second=n, sheet=key)
            names[key] = n
        sheets = {}
        budget = [MAX_CELLS]
        for name in (*SHEET_ORDER, META_SHEET):
            ws = wb[names[name]] if name in names else None
            if ws is None or not hasattr(ws, "iter_rows"):  # absent, or a chart sheet
                continue
            # read-only rows are numbered from 1 (empty leading rows come as empty tuples)
            sheets[name] = _raw_sheet(name, f"{path}, sheet {names[name]}", _xlsx_rows(ws, path, budget))
    except InputError:
        raise
    except Exception as exc:  # a damaged sheet is read lazily, row by row
        raise InputError.keyed("error.read.bad_xlsx", path=path, reason=type(exc).__name__) from None
    finally:
        wb.close()
        fh.close()
    if not sheets:
        raise InputError.keyed("error.read.no_xlsx_sheets", path=path)
    return sheets
