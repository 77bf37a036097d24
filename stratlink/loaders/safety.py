"""Guards every reader and writer shares: the input limits, and never writing onto an input.

The limits are documented in ``docs/limits.md``; each one, when exceeded, gives a
finding (a cell) or a clear refusal (a file), never a hang or unbounded memory.

>>> from pathlib import Path
>>> refuse_overwrite(["examples/roiet-2561.xlsx"], "out/roiet.xlsx") is None
True
>>> refuse_overwrite(["examples/roiet-2561.xlsx"], "examples/../examples/roiet-2561.xlsx")
Traceback (most recent call last):
...
stratlink.errors.InputError: examples/../examples/roiet-2561.xlsx: is the input being read ...
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from stratlink.errors import InputError
from stratlink.loaders.values import MAX_BUDGET_DIGITS

# ---- limits (docs/limits.md) ------------------------------------------------------
#: Longest text one cell may hold (characters); a longer cell is an INVALID_VALUE
#: finding and its value is left out. CSV fields up to this length are parsed (Python's
#: own csv limit, 131,072, is raised to it).
MAX_CELL_CHARS = 1_048_576
#: Most digits a budget may have (integer and fraction together), MAX_BUDGET_DIGITS
#: (defined beside parse_budget): 10^18 baht is far beyond any budget; a longer number
#: is INVALID_VALUE ("too many digits").
#: .xlsx: the most bytes all members of the zip may expand to, read from the zip's
#: directory before any XML is parsed.
MAX_XLSX_UNCOMPRESSED = 1 << 30  # 1 GiB
#: .xlsx: the most one member may expand relative to its compressed size (members
#: under MIN_RATIO_CHECKED bytes uncompressed are not held to it).
MAX_XLSX_RATIO = 100
MIN_RATIO_CHECKED = 1 << 20  # 1 MiB
#: .xlsx: the shared-strings part is held in memory whole, so it has its own bound.
MAX_XLSX_SHARED_STRINGS = 256 << 20  # 256 MiB
#: .xlsx: the most members a workbook zip may have.
MAX_XLSX_MEMBERS = 10_000
#: rows per sheet (Excel's own limit) and non-empty cells per workbook
MAX_ROWS = 1_048_576
#: rows per CSV sheet: a national workbook's links sheet holds more than Excel's limit
#: (1,000,000 projects have about 1.5 million links; docs/scale.md)
MAX_CSV_ROWS = 20_000_000
MAX_CELLS = 10_000_000

LIMITS = {
    "cell_chars": MAX_CELL_CHARS,
    "budget_digits": MAX_BUDGET_DIGITS,
    "xlsx_uncompressed_bytes": MAX_XLSX_UNCOMPRESSED,
    "xlsx_compression_ratio": MAX_XLSX_RATIO,
    "xlsx_shared_strings_bytes": MAX_XLSX_SHARED_STRINGS,
    "xlsx_members": MAX_XLSX_MEMBERS,
    "rows_per_sheet": MAX_ROWS,
    "csv_rows_per_sheet": MAX_CSV_ROWS,
    "cells_per_workbook": MAX_CELLS,
}


#: What makes a spreadsheet evaluate a cell when it starts with it (OWASP's CSV
#: injection list, and the full-width look-alikes some input methods turn into them).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def is_formula_like(text) -> bool:
    """Whether a spreadsheet would take ``text`` for a formula.

    >>> is_formula_like("@SUM(1)"), is_formula_like("\\tx"), is_formula_like("ok"), is_formula_like(5)
    (True, True, False, False)
    """
    return isinstance(text, str) and text.startswith(FORMULA_START)


def _same(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)  # hard links and symbolic links too
    except OSError:  # pragma: no cover - a race with a deleted file
        pass
    return a.resolve() == b.resolve()


def refuse_overwrite(inputs: Iterable[str | Path | None], output: str | Path) -> None:
    """Raise InputError when ``output`` is one of ``inputs`` (the same path, or the
    same file through a link).

    Every writer calls this before writing: ``export``, the report writers of the
    CLI (``--output``), ``import-wide`` and ``template``. A CSV workbook's input is its
    folder, so exporting CSV into the folder being read is refused too.
    """
    out = Path(output)
    for item in inputs:
        if not item:
            continue
        src = Path(item)
        if _same(src, out):
            raise InputError.keyed("error.write.onto_input", output=output, item=item)


__all__ = ["LIMITS", "MAX_BUDGET_DIGITS", "MAX_CELLS", "MAX_CELL_CHARS", "MAX_CSV_ROWS", "MAX_ROWS",
           "MAX_XLSX_RATIO", "MAX_XLSX_UNCOMPRESSED", "refuse_overwrite"]
