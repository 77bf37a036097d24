"""The columnar form of a plan graph: one typed array per column of each sheet.

The columnar loader (``loaders/columnar.py``) builds it straight from the files
without a Python object per row; :func:`from_records` builds it from the typed
records of any other graph (RDF, Neo4j, a graph made with ``PlanGraph.add``). The
array engine (``queries/array_engine.py``) works on it only, and the typed records
of a columnar graph are made from it on first use (:func:`materialise`).

Types, per column type of :attr:`Record.COLUMNS`:

* text-like columns (ids, references, text, levels, enumerations): a
  ``pyarrow.StringArray``, null where the record has no value;
* ``year``: ``numpy.int32`` in C.E., 0 where absent;
* ``bool``: ``numpy.int8``, -1 where absent;
* ``budget``: exact: ``numpy.int64`` satang with ``budget_has`` (bool) and
  ``budget_exp`` (the exponent of the normalised Decimal: 0, -1 or -2) when every
  budget is a whole number of satang below 2**62, else a ``numpy`` object array of
  ``Decimal`` (None where absent).

>>> from stratlink.graph_model import PlanGraph, Plan, Project
>>> from decimal import Decimal
>>> g = PlanGraph(); g.add(Plan("P", "province")); g.add(Project("X", "P", budget=Decimal("12.5")))
>>> c = from_records(g)
>>> c["projects"].n, c["projects"]["budget"].tolist(), c["projects"]["budget_exp"].tolist()
(1, [1250], [-1])
>>> materialise_sheet(c["projects"])[0] == g.projects["X"]
True
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pyarrow as pa

from stratlink.graph_model.model import SHEET_ORDER, SHEETS, Record

NO_ROW = -1
SATANG_LIMIT = 1 << 62


class Sheet:
    """The kept rows of one sheet: ``n`` rows, ``row`` (spreadsheet row or -1),
    ``cols`` (column -> typed array, see the module doc) and ``extra`` (extra
    column -> StringArray), in the order the records had."""

    def __init__(self, name: str, n: int, row: np.ndarray, cols: dict, extra: dict | None = None) -> None:
        self.name = name
        self.n = n
        self.row = row
        self.cols = cols
        self.extra = extra or {}

    def __getitem__(self, col: str):
        return self.cols[col]

    def __contains__(self, col: str) -> bool:
        return col in self.cols

    def strings(self, col: str) -> pa.Array:
        return self.cols[col]

    def __repr__(self) -> str:
        return f"<Sheet {self.name} n={self.n}>"


def ctype_of(sheet: str, col: str) -> str:
    return SHEETS[sheet].COLUMNS[col][0]


def _budget_arrays(values: list) -> dict:
    satang = np.zeros(len(values), dtype=np.int64)
    has = np.zeros(len(values), dtype=bool)
    exp = np.zeros(len(values), dtype=np.int8)
    for i, v in enumerate(values):
        if v is None:
            continue
        s = v * 100
        e = v.as_tuple().exponent
        if s != s.to_integral_value() or abs(s) >= SATANG_LIMIT or not isinstance(e, int) or e < -2:
            obj = np.empty(len(values), dtype=object)
            obj[:] = values
            return {"budget": obj}
        satang[i] = int(s)
        has[i] = True
        exp[i] = min(e, 0)
    return {"budget": satang, "budget_has": has, "budget_exp": exp}


def from_records(graph) -> dict[str, Sheet]:
    """The columnar form of ``graph``'s typed records (every sheet, links included)."""
    out = {}
    for sheet in SHEET_ORDER:
        records = graph.records(sheet)
        rtype = SHEETS[sheet]
        row = np.array([NO_ROW if r.row is None else r.row for r in records], dtype=np.int64)
        cols: dict = {}
        for col, (ctype, _) in rtype.COLUMNS.items():
            values = [getattr(r, col) for r in records]
            if ctype == "year":
                cols[col] = np.array([0 if v is None else v for v in values], dtype=np.int32)
            elif ctype == "bool":
                cols[col] = np.array([-1 if v is None else int(v) for v in values], dtype=np.int8)
            elif ctype == "budget":
                cols.update(_budget_arrays(values))
            else:
                cols[col] = pa.array(values, type=pa.string())
        names: list[str] = []
        for r in records:
            for k in r.extra:
                if k not in names:
                    names.append(k)
        extra = {k: pa.array([r.extra.get(k) for r in records], type=pa.string()) for k in names}
        out[sheet] = Sheet(sheet, len(records), row, cols, extra)
    return out


def budget_decimals(sheet: Sheet) -> list:
    """The budgets as ``Decimal`` (None where absent), normalised as the loader does."""
    b = sheet["budget"]
    if b.dtype == object:
        return list(b)
    out: list = [None] * sheet.n
    has = sheet["budget_has"]
    for i in np.flatnonzero(has).tolist():
        out[i] = satang_decimal(int(b[i]))
    return out


def satang_decimal(satang: int) -> Decimal:
    """Satang -> baht, normalised (12.50 -> 12.5, 100.00 -> 100)."""
    whole, frac = divmod(satang, 100)
    if frac == 0:
        return Decimal(whole)
    return (Decimal(satang) / 100).normalize()


def sheet_values(sheet: Sheet, col: str) -> list:
    """One column as Python values of the record's field type."""
    ctype = ctype_of(sheet.name, col)
    arr = sheet.cols[col]
    if ctype == "year":
        return [None if v == 0 else v for v in arr.tolist()]
    if ctype == "bool":
        return [None if v < 0 else bool(v) for v in arr.tolist()]
    if ctype == "budget":
        return budget_decimals(sheet)
    return arr.to_pylist()


def materialise_sheet(sheet: Sheet) -> list[Record]:
    """The typed records of one sheet, in order."""
    rtype = SHEETS[sheet.name]
    names = list(rtype.COLUMNS)
    columns = [sheet_values(sheet, c) for c in names]
    extras = [(k, v.to_pylist()) for k, v in sheet.extra.items()]
    rows = sheet.row.tolist()
    out = []
    defaults = {"relation": "contributes_to", "role": "primary"} if sheet.name == "links" else {}
    for i in range(sheet.n):
        kwargs = {}
        for c, values in zip(names, columns):
            v = values[i]
            if v is None:
                if c in defaults:
                    continue
            kwargs[c] = v
        extra = {k: vs[i] for k, vs in extras if vs[i] is not None}
        rec = rtype(**kwargs, extra=extra)
        rec.row = None if rows[i] == NO_ROW else rows[i]
        out.append(rec)
    return out
