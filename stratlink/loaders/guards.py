"""Rules on raw input that hold for every parser of a workbook (csv module, openpyxl,
a columnar reader): they look at the bytes, the decoded text, the zip directory or
one cell's text, never at how a parser stores rows.

- :func:`check_xlsx_zip` reads an .xlsx's zip directory and refuses a zip bomb
  before any XML is parsed;
- :func:`formula_cells` finds formula cells without a saved value;
- :func:`split_csv` parses CSV text into records with their row and line numbers,
  recovering from an unclosed quote (one finding, the rest still read);
- :func:`check_header` turns a sheet whose header cannot be right (Thai titles, a
  title row above the header, semicolon or tab separators) into one clear line;
- :func:`cell_problem` is the per-cell rule every reader's cells go through
  (too long, an Excel error value, a NUL, invisible characters in an id).

>>> cell_problem("id", "P-1\\u200b")
('invisible_char', {'value': 'P-1<U+200B>', 'chars': 'U+200B ZERO WIDTH SPACE'})
>>> cell_problem("text", "#REF!")
('excel_error', {'value': '#REF!'})
>>> cell_problem("text", "ถนน\\u200bสาย") is None   # Thai word breaks are text, not ids
True
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from pathlib import Path
from xml.etree.ElementTree import iterparse

from stratlink.errors import InputError
from stratlink.graph_model.messages import INVISIBLE_CHARS, visible
from stratlink.loaders import safety as S


class CellProblem(str):
    """A cell whose value cannot be used (e.g. a formula without a saved value); the
    string is what the cell shows, ``reason`` says why it cannot be used."""

    reason: str = ""

    def __new__(cls, text: str, reason: str):
        obj = super().__new__(cls, text)
        obj.reason = reason
        return obj


# ---- XLSX: the zip directory ----------------------------------------------------------
def check_xlsx_zip(path: Path) -> None:
    """Refuse an .xlsx whose zip directory promises more than the limits allow
    (docs/limits.md), before openpyxl parses anything."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError.keyed("error.read.bad_xlsx", path=path, reason=type(exc).__name__) from None
    if len(infos) > S.MAX_XLSX_MEMBERS:
        raise InputError.keyed("error.read.zip_parts", path=path, parts=f"{len(infos):,}",
                               limit=f"{S.MAX_XLSX_MEMBERS:,}")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size >= S.MIN_RATIO_CHECKED:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > S.MAX_XLSX_RATIO:
                raise InputError.keyed("error.read.zip_ratio", path=path, part=info.filename,
                                       ratio=f"{ratio:,.0f}", packed=f"{info.compress_size:,}",
                                       size=f"{info.file_size:,}", limit=S.MAX_XLSX_RATIO)
        if info.filename.lower().endswith("sharedstrings.xml") and info.file_size > S.MAX_XLSX_SHARED_STRINGS:
            raise InputError.keyed("error.read.shared_strings", path=path, size=f"{info.file_size:,}",
                                   limit=f"{S.MAX_XLSX_SHARED_STRINGS:,}")
    if total > S.MAX_XLSX_UNCOMPRESSED:
        raise InputError.keyed("error.read.zip_size", path=path, size=f"{total:,}",
                               limit=f"{S.MAX_XLSX_UNCOMPRESSED:,}")


_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


def formula_cells(path: Path, member: str) -> dict[tuple[int, int], str]:
    """{(row, column): formula} of the formula cells in one worksheet part that have
    no saved value (Excel saves one; some generators do not). Streams the part."""
    found: dict[tuple[int, int], str] = {}
    try:
        with zipfile.ZipFile(path) as zf:
            with zf.open(member) as fh:  # fast pre-scan: most sheets hold no formula
                tail, any_formula = b"", False
                while chunk := fh.read(1 << 20):
                    if _FORMULA_TAG.search(tail + chunk):
                        any_formula = True
                        break
                    tail = chunk[-16:]
            if not any_formula:
                return found
            with zf.open(member) as fh:
                row_no = 0
                for _, el in iterparse(fh, events=("end",)):
                    tag = el.tag.rsplit("}", 1)[-1]
                    if tag == "c":
                        f = v = None
                        for child in el:
                            name = child.tag.rsplit("}", 1)[-1]
                            if name == "f":
                                f = child
                            elif name in ("v", "is"):
                                v = child
                        empty = v is None or (name_text(v) in (None, ""))
                        if f is not None and empty and el.get("r"):
                            row, col = _coordinate(el.get("r"), row_no)
                            found[(row, col)] = "=" + (f.text or "")
                        el.clear()
                    elif tag == "row":
                        row_no = int(el.get("r") or row_no + 1)
                        el.clear()
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, SyntaxError):
        return found  # openpyxl reports an unreadable part itself
    return found


def name_text(el) -> str | None:
    return "".join(el.itertext()) if len(el) else el.text


_COORD = re.compile(r"([A-Za-z]{1,3})(\d+)")


def _coordinate(ref: str, row_no: int) -> tuple[int, int]:
    m = _COORD.fullmatch(ref)
    if not m:
        return row_no, 0
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


# ---- CSV: records with row and line numbers --------------------------------------------
def _quote_trouble(text: str) -> bool:
    """Whether one record's raw text shows a quote that opened a value and never closed
    where a value ends, by the csv module's own (non-strict) rules: the text ends inside
    quotes (the quote ran to the end of the file), or a quoted value that spans lines
    "closes" in the middle of a value (it met the opening quote of a later value, as
    when an unclosed quote swallows the rows in between). Excel and stratlink never
    write either."""
    state, newline_inside = 0, False  # 0 start of field, 1 in field, 2 in quotes, 3 quote in quotes
    for ch in text:
        if state == 2:
            if ch == '"':
                state = 3
            elif ch in "\n\r":
                newline_inside = True
        elif state == 3:
            if ch == '"':
                state = 2
            elif ch in ",\n\r":
                state, newline_inside = 0, False
            elif newline_inside:
                return True
            else:
                state = 1
        elif ch in ",\n\r":
            state = 0
        elif state == 0 and ch == '"':
            state, newline_inside = 2, False
        else:
            state = 1
    return state == 2


def split_csv(text: str, file: str) -> tuple[list[tuple[int, list[str]]], list[tuple[int, int, list[str]]]]:
    """Parse CSV text into ``[(row number, cells)]`` and ``[(row number, line, cells)]``
    of lines that open a quote which never closes.

    A row number is what a spreadsheet shows (one per record, the first is 1); a line
    number counts physical lines. Fields of any length are read (the cell limit is a
    finding, see :func:`cell_problem`). An unclosed quote would swallow later rows into
    one value (to the end of the file, or to the next quote): its line is reported and
    left out, and reading goes on at the next line, so later rows keep their own numbers.

    >>> split_csv('id,name\\nA,"bad\\nB,ok\\n', "x.csv")
    ([(1, ['id', 'name']), (3, ['B', 'ok'])], [(2, 2, ['A', 'bad'])])
    >>> split_csv('id,name\\nA,"bad\\nB,ok\\nC,"x, y"\\n', "x.csv")[1]
    [(2, 2, ['A', 'bad'])]
    >>> split_csv('id,name\\nA,"two\\nlines"\\nB,"x, y"\\n', "x.csv")
    ([(1, ['id', 'name']), (2, ['A', 'two\\nlines']), (3, ['B', 'x, y'])], [])
    """
    if len(text) + 1 > csv.field_size_limit():
        csv.field_size_limit(len(text) + 1)  # process-wide; only ever raised
    lines = io.StringIO(text, newline="").readlines()  # breaks where csv sees them: \\n, \\r, \\r\\n
    records: list[tuple[int, list[str]]] = []
    unclosed: list[tuple[int, int, list[str]]] = []
    start, rownum = 0, 0
    while start < len(lines):
        reader = csv.reader(lines[start:])
        read, trouble = 0, None
        try:
            for record in reader:
                rownum += 1
                first, read = start + read, reader.line_num
                last = start + read
                # only a record that spans lines, or ends the file, can hide an unclosed quote
                if (last - first > 1 or last >= len(lines)) and _quote_trouble("".join(lines[first:last])):
                    trouble = first
                    break
                records.append((rownum, record))
        except csv.Error as exc:  # pragma: no cover - the non-strict reader hardly raises
            raise InputError.keyed("error.read.bad_csv_line", file=file, line=start + reader.line_num,
                                   reason=exc) from None
        if trouble is None:
            break
        bad = next(csv.reader([lines[trouble].rstrip("\r\n")]), [])
        unclosed.append((rownum, trouble + 1, bad))
        start = trouble + 1  # read on at the next line
    return records, unclosed


# ---- headers that cannot be right ------------------------------------------------------
_THAI = re.compile("[\u0e00-\u0e7f]")


def check_header(sheet: str, file: str, header_row: int, headers: list[str], key_columns: tuple[str, ...],
                 known: tuple[str, ...], later: list[tuple[int, list[str]]]) -> None:
    """Raise one clear InputError when a sheet with rows has none of its key columns
    (``id``; ``source_id``/``target_id`` for links) in its header; ``later`` holds the
    first rows after the header, to spot the real header below a title row."""
    lower = [h.strip().lower() for h in headers]
    if all(k in lower for k in key_columns):
        return
    wanted = ", ".join(known)
    for sep, name in ((";", "semicolons"), ("\t", "tabs")):
        if any(sep in h for h in headers) and any(k in h.lower() for h in headers for k in key_columns):
            raise InputError.keyed(f"error.read.{name}", file=file)
    for rownum, cells in later:
        if all(k in [c.strip().lower() for c in cells if c] for k in key_columns):
            raise InputError.keyed("error.read.header_below", file=file, row=header_row,
                                   columns=", ".join(key_columns), header=rownum)
    shown = ", ".join(h for h in headers if h and not h.startswith("column_"))[:120]
    if _THAI.search(" ".join(headers)):
        raise InputError.keyed("error.read.thai_header", file=file, row=header_row, shown=shown, sheet=sheet,
                               wanted=wanted)
    missing = ", ".join(k for k in key_columns if k not in lower)
    if shown:
        raise InputError.keyed("error.read.no_key_column", file=file, row=header_row, missing=missing,
                               shown=shown, sheet=sheet, wanted=wanted)
    raise InputError.keyed("error.read.empty_header", file=file, row=header_row, missing=missing, sheet=sheet,
                           wanted=wanted)


# ---- one cell -------------------------------------------------------------------------
#: Excel's error values; a cell that holds one is a broken formula, not data.
EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
                          "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!",
                          "#EXTERNAL!", "#PYTHON!"})


def cell_problem(ctype: str, text: str) -> tuple[str, dict] | None:
    """Why one cell's text cannot be used, as (reason, message args), or None.

    ``ctype`` is the column's type from the sheet definition ('id' and 'ref' for
    identifiers; anything else is a value)."""
    if isinstance(text, CellProblem):
        return text.reason, {"value": str(text)}
    if len(text) > S.MAX_CELL_CHARS:
        return "too_long", {"length": f"{len(text):,}", "limit": f"{S.MAX_CELL_CHARS:,}"}
    if text[:1] == "#" and text.upper() in EXCEL_ERRORS:
        return "excel_error", {"value": text}
    if ctype in ("id", "ref"):
        if INVISIBLE_CHARS.search(text):
            bad = sorted(set(INVISIBLE_CHARS.findall(text)))
            chars = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'CONTROL')}" for c in bad)
            return "invisible_char", {"value": visible(text), "chars": chars}
    elif "\x00" in text:
        return "nul_char", {}
    return None


__all__ = ["EXCEL_ERRORS", "CellProblem", "cell_problem", "check_header", "check_xlsx_zip", "formula_cells",
           "split_csv", "visible"]
