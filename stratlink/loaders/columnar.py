"""The columnar loader: a plan workbook (CSV folder or .xlsx) -> PlanGraph without a
Python object per row.

One path for both forms: the sheets are read into columns of text
(:class:`TextSheet`: a ``pyarrow.StringArray`` per column, trimmed, empty cells
null, with the row number a spreadsheet shows); every rule of the row loader
(``workbook.py``) is then applied to whole columns with ``pyarrow.compute`` and
numpy, and a Python object is made only for a row that breaks a rule.

* CSV files are decoded and checked by ``sheets.decode_text`` (BOM, cp874,
  mojibake, NUL, ...: the one implementation of those rules) and parsed by
  ``pyarrow.csv`` when the file is regular (every record as wide as the header);
  any other file, and every .xlsx sheet, is read by ``sheets.py`` itself and its
  rows turned into columns, so the header, blank-row and extra-cell rules have one
  implementation too.
* A cell in the plain form of its column (a canonical level or enumeration word,
  a four-digit year, a budget of digits with at most two decimals, ...) is
  converted by vectorised compute; a row with any other cell, or a required value
  missing, goes through the row loader's own ``parse_row``, which makes the same
  findings and values as ever.
* Duplicate ids, references (unknown, wrong kind, parent in another plan) and
  the period order are checked on whole columns; findings are made for the bad
  rows only, with the row loader's messages.

The result is a :class:`PlanGraph` with its columnar form set
(:meth:`PlanGraph.set_columns`): the array engine uses it directly and the typed
records are made only when something asks for them. ``tests/test_columnar.py``
holds the two loaders to identical graphs and findings.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from stratlink.errors import InputError
from stratlink.graph_model import REQUIRED_SHEETS, SHEET_ORDER, SHEETS, TH_ONE_PLAN, Finding, Location, PlanGraph
from stratlink.graph_model.columns import NO_ROW, SATANG_LIMIT, Sheet, satang_decimal
from stratlink.graph_model.messages import INVISIBLE_CHARS as _INVISIBLE
from stratlink.graph_model.model import THAI_WORDS
from stratlink.graph_model.policy import Policy
from stratlink.loaders import safety as S
from stratlink.loaders import values as V
from stratlink.loaders.guards import CellProblem
from stratlink.loaders.sheets import RawSheet, _csv_sheet, _raw_sheet, csv_files, decode_text, read_xlsx
from stratlink.loaders.workbook import ID_SHEETS, _Builder, _finding_order

#: characters ``str.strip()`` removes: every c with ``c.isspace()`` (tests/test_columnar.py checks)
_SPACE_CHARS = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
                "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_STRING = pa.string()
#: guards._INVISIBLE in RE2 syntax (the characters of ids that no one can see)
_RE_INVISIBLE = "[" + "".join(c if c == "-" else f"\\x{{{ord(c):04x}}}" for c in _INVISIBLE.pattern[1:-1]) + "]"


@dataclass
class TextSheet:
    """One sheet as text columns: ``headers`` (as ``sheets._raw_sheet`` names them),
    ``cols`` (header -> StringArray, null for an empty cell), ``row`` (row numbers)."""

    name: str
    file: str
    headers: list[str]
    row: np.ndarray
    cols: dict[str, pa.Array] = field(default_factory=dict)
    #: problems below the level of cells (``RawSheet.problems``)
    problems: list = field(default_factory=list)
    #: (row index, column) -> the CellProblem a reader put in that cell
    special: dict = field(default_factory=dict)
    #: False when the text is known to hold no NUL character
    maybe_nul: bool = True

    @property
    def n(self) -> int:
        return len(self.row)

    def get(self, col: str) -> pa.Array:
        arr = self.cols.get(col)
        return arr if arr is not None else pa.nulls(self.n, _STRING)

    def row_dict(self, i: int) -> dict[str, str | None]:
        return {h: self.special.get((i, h), self.cols[h][i].as_py()) for h in self.headers}


# ---- reading ------------------------------------------------------------------------
def from_raw(raw: RawSheet) -> TextSheet:
    """Columns of a sheet read row by row by ``sheets.py``."""
    headers = list(raw.headers)
    cols = {h: pa.array([r.get(h) for _, r in raw.rows], type=_STRING) for h in headers}
    special = {(i, h): v for i, (_, r) in enumerate(raw.rows) for h, v in r.items() if isinstance(v, CellProblem)}
    return TextSheet(raw.name, raw.file, headers, np.array([n for n, _ in raw.rows], dtype=np.int64), cols,
                     list(raw.problems), special)


def _clean(arr: pa.Array) -> pa.Array:
    """Trim like ``str.strip()``; an empty cell is null."""
    arr = arr.cast(_STRING) if arr.type != _STRING else arr
    arr = pc.utf8_trim(arr, _SPACE_CHARS)
    return pc.if_else(pc.equal(arr, ""), pa.scalar(None, _STRING), arr)


def _csv_fast(name: str, file: str, text: str) -> TextSheet | None:
    """A regular CSV file through pyarrow (None: not regular, use the row reader)."""
    if '"' in text:  # quoting (and an unclosed quote) is left to guards.split_csv
        return None
    first = next(csv.reader(io.StringIO(text[:1 << 16], newline="")), None)
    if not first or not any(c.strip() for c in first) or len(first) > 16384:
        return None
    k = len(first)
    irregular = []

    def on_invalid(row):
        irregular.append(row)
        return "skip"

    names = [f"c{i}" for i in range(k)]
    try:
        table = pcsv.read_csv(
            io.BytesIO(text.encode("utf-8")),
            read_options=pcsv.ReadOptions(column_names=names, block_size=1 << 24),
            parse_options=pcsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False,
                                            invalid_row_handler=on_invalid),
            convert_options=pcsv.ConvertOptions(column_types={c: _STRING for c in names},
                                                strings_can_be_null=False,
                                                quoted_strings_can_be_null=False))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if irregular or table.num_rows == 0:
        return None
    cols = [_clean(table.column(i).combine_chunks()) for i in range(k)]
    del table
    header_cells = [c[0].as_py() or "" for c in cols]
    n_all = len(cols[0]) - 1
    # the header rules and the row limit of sheets._raw_sheet, on the header, the first
    # rows and the last row
    sample = [(1, header_cells)] + [(i + 2, [c[i + 1].as_py() or "" for c in cols])
                                    for i in sorted({*range(min(n_all, 20)), max(n_all - 1, 0)}) if i < n_all]
    head = _raw_sheet(name, file, sample, S.MAX_CSV_ROWS)
    headers = head.headers
    if len(headers) != k:
        return None
    data = [c.slice(1) for c in cols]
    n = len(data[0]) if data else 0
    row = np.arange(2, n + 2, dtype=np.int64)
    empty = np.ones(n, dtype=bool)
    for c in data:
        empty &= pc.is_null(c).to_numpy(zero_copy_only=False)
    if empty.any():  # blank records are skipped but keep their place in the numbering
        keep = pa.array(np.flatnonzero(~empty))
        data = [c.take(keep) for c in data]
        row = row[~empty]
    return TextSheet(name, file, headers, row, dict(zip(headers, data)), maybe_nul="\x00" in text)


def read_csv_columns(folder: Path, encoding: str | None = None) -> dict[str, TextSheet]:
    sheets = {}
    for name, path in csv_files(folder).items():
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError.keyed("error.read.cannot_read", path=path, reason=exc.strerror) from None
        text = decode_text(data, str(path), encoding)
        del data
        fast = _csv_fast(name, str(path), text)
        sheets[name] = fast if fast is not None else from_raw(_csv_sheet(name, str(path), text))
    return sheets


def read_columns(path: Path, encoding: str | None = None) -> dict[str, TextSheet]:
    if path.is_dir():
        return read_csv_columns(path, encoding)
    return {name: from_raw(raw) for name, raw in read_xlsx(path).items()}


# ---- plain forms, converted on whole columns -----------------------------------------
def _mask(arr) -> np.ndarray:
    return pc.fill_null(arr, False).to_numpy(zero_copy_only=False)


def _plain(ctype: str, arr: pa.Array, policy: Policy):
    """(mask of the non-null cells in plain form, their converted values)."""
    if ctype in ("id", "ref", "text", "area"):
        return pc.is_valid(arr).to_numpy(zero_copy_only=False), arr
    if ctype == "level":
        words = {w: w for w in policy.level_names}
    elif ctype in V.ENUMS:
        words = {w: w for w in V.ENUMS[ctype]}
        words.update(THAI_WORDS.get(V._THAI_KEY[ctype], {}))
    elif ctype == "bool":
        words = {w: "1" for w in V.TRUE_WORDS} | {w: "0" for w in V.FALSE_WORDS}
    elif ctype == "year":
        ok = _mask(pc.match_substring_regex(arr, r"^[0-9]{4}$"))
        y = np.zeros(len(arr), dtype=np.int64)
        if ok.any():
            y[ok] = pc.cast(arr.filter(pa.array(ok)), pa.int64()).to_numpy()
        be = y >= V.BE_THRESHOLD
        ce = np.where(be, y - V.BE_OFFSET, y)
        ok &= (ce >= V.YEAR_MIN) & (ce <= V.YEAR_MAX)
        return ok, (np.where(ok, ce, 0).astype(np.int32), ok & be)
    elif ctype == "budget":
        m = pc.extract_regex(arr, r"^(?P<i>[0-9]{1,15})(?:\.(?P<f>[0-9]{0,2}))?$")
        ok = _mask(pc.is_valid(m))
        satang = np.zeros(len(arr), dtype=np.int64)
        if ok.any():
            sel = m.filter(pa.array(ok))
            whole = pc.cast(sel.field("i"), pa.int64()).to_numpy()
            frac = pc.utf8_rpad(sel.field("f"), 2, "0")
            satang[ok] = whole * 100 + pc.cast(frac, pa.int64()).to_numpy()
        ok &= satang < SATANG_LIMIT
        return ok, satang
    else:  # pragma: no cover - every column type is above
        raise ValueError(ctype)
    keys = pa.array(list(words), type=_STRING)
    idx = pc.index_in(arr, value_set=keys)
    ok = pc.is_valid(idx).to_numpy(zero_copy_only=False)
    mapped = pa.array(list(words.values()), type=_STRING).take(idx)
    return ok, mapped


# ---- the loader -------------------------------------------------------------------------
class _Columns:
    """Typed columns of one sheet being built: the parsed rows (``keep``)."""

    def __init__(self, name: str, n: int) -> None:
        self.name = name
        self.n = n
        self.keep = np.zeros(n, dtype=bool)
        self.vals: dict = {}

    def strings(self, col: str) -> pa.Array:
        return self.vals[col]


def load_workbook_columnar(path: str | Path, policy: Policy | None = None,
                           encoding: str | None = None) -> PlanGraph:
    """Load a CSV folder or an .xlsx workbook into a columnar PlanGraph."""
    path = Path(path)
    text = read_columns(path, encoding)
    graph = _ColumnarBuilder(text, policy or TH_ONE_PLAN).run()
    graph.source = str(path)
    return graph


class _ColumnarBuilder:
    def __init__(self, text: dict[str, TextSheet], policy: Policy) -> None:
        self.text = text
        self.policy = policy
        # the row loader's builder: its parse_row, invalid() and unknown() for bad rows
        self.rows = _Builder({}, policy)
        self.findings = self.rows.findings
        self.be = False
        self.first_era: str | None = None

    def run(self) -> PlanGraph:
        for sheet in REQUIRED_SHEETS:
            if sheet not in self.text:
                self.findings.append(Finding.make("MISSING_SHEET", sheet, [], Location(sheet)))
        for sheet, t in self.text.items():  # below the level of cells: e.g. an unclosed quote
            self.rows.report_problems(sheet, t.problems)
        dup = self.duplicates()
        built = {s: self.parse(s, dup.get(s)) for s in SHEET_ORDER}
        out = self.add_valid(built)
        g = PlanGraph(self.policy)
        g.sheets = set(self.text)
        g.set_columns(out)
        g.era = "BE" if self.be else "CE"
        self.findings.sort(key=_finding_order)
        g.load_findings = self.findings
        return g

    # ---- duplicate ids ------------------------------------------------------------
    def duplicates(self) -> dict[str, np.ndarray]:
        """Per sheet: mask of rows whose id occurred before (they are left out)."""
        parts, where = [], []
        for s in ID_SHEETS:
            t = self.text.get(s)
            if t is not None and t.n:
                parts.append(t.get("id"))
                where.append(s)
        if not parts:
            return {}
        ids = pa.concat_arrays(parts)
        sizes = [len(p) for p in parts]
        enc = ids.dictionary_encode()
        codes = pc.fill_null(enc.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64)
        valid = codes >= 0
        first = np.full(len(enc.dictionary), -1, dtype=np.int64)
        pos = np.flatnonzero(valid)
        # first occurrence of each id: reverse assignment keeps the smallest position
        first[codes[pos[::-1]]] = pos[::-1]
        later = valid & (first[np.where(valid, codes, 0)] != np.arange(len(codes)))
        out, start = {}, 0
        bounds = []
        for s, size in zip(where, sizes):
            out[s] = later[start:start + size]
            bounds.append((s, start, start + size))
            start += size
        if later.any():
            reported = set()
            for p in np.flatnonzero(later).tolist():
                c = int(codes[p])
                if c in reported:
                    continue
                reported.add(c)
                f = int(first[c])
                s_here, i_here = _locate(bounds, p)
                s_first, i_first = _locate(bounds, f)
                rid = enc.dictionary[c].as_py()
                first_row = int(self.text[s_first].row[i_first])
                self.findings.append(Finding.make(
                    "DUPLICATE_ID", rid, [], Location(s_here, int(self.text[s_here].row[i_here]), "id"),
                    first_sheet=s_first, first_row=first_row if first_row != NO_ROW else None))
        return out

    # ---- parsing rows -------------------------------------------------------------
    def parse(self, sheet: str, dup: np.ndarray | None) -> _Columns:
        t = self.text.get(sheet)
        n = t.n if t is not None else 0
        out = _Columns(sheet, n)
        rtype = SHEETS[sheet]
        if t is None:
            t = TextSheet(sheet, "", [], np.zeros(0, dtype=np.int64))
        out.row = t.row
        fast = np.ones(n, dtype=bool) if dup is None else ~dup
        candidates = fast.copy()
        typed = {}
        year_be = np.zeros(n, dtype=bool)
        year_cols = []  # (column, C.E. years, mask of B.E. input)
        for col, (ctype, required) in rtype.COLUMNS.items():
            arr = t.get(col)
            ok, val = _plain(ctype, arr, self.policy)
            present = pc.is_valid(arr).to_numpy(zero_copy_only=False)
            fast &= ok | (~present & (not required))
            if ctype == "year":
                val, be = val
                year_be |= be
                year_cols.append((col, val, be))
            typed[col] = val
        fast &= ~self.cell_risks(t, rtype)
        if "name_th" in rtype.COLUMNS:
            named = pc.is_valid(t.get("name_th")).to_numpy(zero_copy_only=False) | \
                pc.is_valid(t.get("name_en")).to_numpy(zero_copy_only=False)
            fast &= named
        slow = np.flatnonzero(candidates & ~fast)
        records = {}
        slow_eras: dict[int, list[str]] = {}
        for i in slow.tolist():
            before = len(self.rows.eras)
            rec = self.rows.parse_row(sheet, int(t.row[i]), t.row_dict(i))
            slow_eras[i] = self.rows.eras[before:]
            if rec is not None:
                records[i] = rec
        keep = fast.copy()
        keep[list(records)] = True
        out.keep = keep
        # eras: B.E. anywhere; the first era parsed (plans first) for messages
        if (year_be & fast).any() or any("BE" in e for e in slow_eras.values()):
            self.be = True
        if self.first_era is None:
            for i in np.flatnonzero(keep).tolist():
                if i in slow_eras:
                    if slow_eras[i]:
                        self.first_era = slow_eras[i][0]
                        break
                    continue
                eras = ["BE" if be[i] else "CE" for _, v, be in year_cols if v[i]]
                if eras:
                    self.first_era = eras[0]
                    break
        # the typed values: plain rows converted, the other rows from their records
        slow_kept = np.array(sorted(records), dtype=np.int64)
        mask = np.zeros(n, dtype=bool)
        mask[slow_kept] = True
        pa_mask = pa.array(mask)
        vals = {}
        for col, (ctype, _) in rtype.COLUMNS.items():
            v = typed[col]
            recv = [getattr(records[i], col) for i in slow_kept.tolist()]
            if ctype == "year":
                v = v.copy()
                v[slow_kept] = [0 if x is None else x for x in recv]
            elif ctype == "bool":
                b = np.full(n, -1, dtype=np.int8)
                ok = pc.is_valid(v).to_numpy(zero_copy_only=False)
                b[ok] = (pc.equal(v.filter(pa.array(ok)), "1").to_numpy(zero_copy_only=False)).astype(np.int8)
                b[slow_kept] = [-1 if x is None else int(x) for x in recv]
                v = b
            elif ctype == "budget":
                v = _budgets(v, t.get(col), slow_kept, recv)
            else:
                if slow_kept.size:
                    v = pc.replace_with_mask(v, pa_mask, pa.array(recv, type=_STRING))
            # plain rows with a null in this column: keep null; dropped rows: filtered below
            vals[col] = v
        out.vals = vals
        out.extra = {h: t.cols[h] for h in t.headers if h not in rtype.COLUMNS}
        return out

    @staticmethod
    def cell_risks(t: TextSheet, rtype) -> np.ndarray:
        """Rows with a cell that guards.cell_problem may refuse (too long, an Excel error
        value, an invisible character in an id, a NUL, a reader's CellProblem): they
        go through parse_row, which applies the rule itself."""
        risky = np.zeros(t.n, dtype=bool)
        for h in t.headers:
            arr = t.cols[h]
            ctype = rtype.COLUMNS.get(h, ("text",))[0]
            # bytes >= characters: a cell within the limit in bytes is within it in characters
            r = pc.greater(pc.binary_length(arr), S.MAX_CELL_CHARS)
            r = pc.or_(r, pc.starts_with(arr, "#"))
            if ctype in ("id", "ref"):
                # printable ASCII holds no invisible character: the pattern runs on the rest
                rest = ~_mask(pc.and_(pc.string_is_ascii(arr), pc.ascii_is_printable(arr))) \
                    & pc.is_valid(arr).to_numpy(zero_copy_only=False)
                if rest.any():
                    idx = np.flatnonzero(rest)
                    hit = _mask(pc.match_substring_regex(arr.take(pa.array(idx)), _RE_INVISIBLE))
                    risky[idx[hit]] = True
            elif t.maybe_nul:
                r = pc.or_(r, pc.match_substring(arr, "\x00"))
            risky |= _mask(r)
        for i, _ in t.special:
            risky[i] = True
        return risky

    # ---- references and the final columns --------------------------------------
    def add_valid(self, b: dict[str, _Columns]) -> dict[str, Sheet]:
        rows_loader = self.rows
        kept_ids = {s: b[s].vals["id"].filter(pa.array(b[s].keep)) for s in ID_SHEETS}
        self._kinds = kept_ids
        # plans: the period must not end before it starts
        pl = b["plans"]
        start, end = pl.vals["period_start"], pl.vals["period_end"].copy()
        bad = pl.keep & (start > 0) & (end > 0) & (end < start)
        for i in np.flatnonzero(bad).tolist():
            rows_loader.invalid("plans", int(pl.row[i]), pl.vals["id"][i].as_py(), "period_end", "period_order",
                                value=V.format_year(int(end[i]), self.first_era or "CE"), dropped="value")
        end[bad] = 0
        pl.vals["period_end"] = end
        plan_ids = kept_ids["plans"]
        for sheet in ("elements", "projects"):
            c = b[sheet]
            ok = self.reference(c, "plan_id", [plan_ids], ("plans",), "row")
            c.keep &= ok
        loaded = {s: b[s].vals["id"].filter(pa.array(b[s].keep)) for s in ID_SHEETS}
        value_refs = [("elements", "parent_id", ("elements",)),
                      ("projects", "value_chain_id", ("value_chains",)),
                      ("value_chains", "serves_id", ("elements",))]
        if "areas" in self.text:
            value_refs += [(sheet, col, ("areas",)) for sheet, col in (
                ("plans", "area_id"), ("projects", "area_id"), ("value_chains", "area_id"),
                ("areas", "parent_id"))]
        for sheet, column, expected in value_refs:
            c = b[sheet]
            ok = self.reference(c, column, [loaded[s] for s in expected], expected, "value")
            has = pc.is_valid(c.vals[column]).to_numpy(zero_copy_only=False)
            drop = c.keep & has & ~ok
            if drop.any():
                c.vals[column] = pc.if_else(pa.array(drop), pa.scalar(None, _STRING), c.vals[column])
        # a parent in another plan
        el = b["elements"]
        par = el.vals["parent_id"]
        has = el.keep & pc.is_valid(par).to_numpy(zero_copy_only=False)
        if has.any():
            pos = pc.fill_null(pc.index_in(par, value_set=el.vals["id"]), -1).to_numpy(zero_copy_only=False)
            plan_codes = el.vals["plan_id"].dictionary_encode().indices.to_numpy(zero_copy_only=False)
            other = np.zeros(el.n, dtype=bool)
            idx = np.flatnonzero(has & (pos >= 0))
            other[idx] = plan_codes[pos[idx]] != plan_codes[idx]
            for i in np.flatnonzero(other).tolist():
                rows_loader.invalid("elements", int(el.row[i]), el.vals["id"][i].as_py(), "parent_id",
                                    "parent_other_plan", value=par[i].as_py(), dropped="value")
            if other.any():
                el.vals["parent_id"] = pc.if_else(pa.array(other), pa.scalar(None, _STRING), par)
        # links: both ends must be loaded elements or projects
        lk = b["links"]
        nodes = [loaded["elements"], loaded["projects"]]
        ok_s = self.reference(lk, "source_id", nodes, ("elements", "projects"), "row")
        ok_t = self.reference(lk, "target_id", nodes, ("elements", "projects"), "row")
        lk.keep &= ok_s & ok_t
        if lk.n:
            lk.vals["relation"] = pc.fill_null(lk.vals["relation"], "contributes_to")
            lk.vals["role"] = pc.fill_null(lk.vals["role"], "primary")
        return {s: _final(b[s]) for s in SHEET_ORDER}

    def reference(self, c: _Columns, column: str, targets: list[pa.Array], expected: tuple[str, ...],
                  dropped: str) -> np.ndarray:
        """Mask of rows whose ``column`` names a loaded record of an expected sheet (a
        null counts as fine); for the kept rows that do not, report the finding."""
        values = c.vals[column] if column in c.vals else pa.nulls(c.n, _STRING)
        ok = ~pc.is_valid(values).to_numpy(zero_copy_only=False)
        for keys in targets:
            if len(keys):
                ok |= _mask(pc.is_in(values, value_set=keys))
        key_col = "source_id" if c.name == "links" else "id"
        bad = np.flatnonzero(c.keep & ~ok)
        if not bad.size:
            return ok
        refs = values.take(pa.array(bad))
        kinds = self.kinds_of(refs)
        for i, ref, other in zip(bad.tolist(), refs.to_pylist(), kinds):
            subject = c.vals[key_col][i].as_py()
            if other is not None and other not in expected:
                self.rows.invalid(
                    c.name, int(c.row[i]), subject, column, "wrong_kind", value=ref,
                    kind_sheet=other, expected_sheets=tuple(expected), dropped=dropped)
            else:
                self.rows.unknown(c.name, int(c.row[i]), subject, column, ref, dropped=dropped)
        return ok

    def kinds_of(self, refs: pa.Array) -> list[str | None]:
        """The sheet of the parsed row with each id (the last such sheet, as the row loader)."""
        found: list[str | None] = [None] * len(refs)
        for s in ID_SHEETS:
            ids = self._kinds[s]
            if len(ids):
                hit = _mask(pc.is_in(refs, value_set=ids))
                for i in np.flatnonzero(hit).tolist():
                    found[i] = s
        return found


def _locate(bounds, p: int) -> tuple[str, int]:
    for s, a, b in bounds:
        if a <= p < b:
            return s, p - a
    raise IndexError(p)  # pragma: no cover


def _budgets(satang: np.ndarray, text: pa.Array, slow: np.ndarray, recv: list) -> dict:
    """Budget columns: exact satang (with presence and exponent), or Decimals when some
    budget is not a whole number of satang."""
    has = pc.is_valid(text).to_numpy(zero_copy_only=False).copy()
    satang = satang.copy()
    exp = np.where(satang % 100 == 0, 0, np.where(satang % 10 == 0, -1, -2)).astype(np.int8)
    exact = True
    for i, d in zip(slow.tolist(), recv):
        if d is None:
            has[i] = False
            satang[i] = 0
            continue
        s = d * 100
        if s != s.to_integral_value() or abs(s) >= SATANG_LIMIT:
            exact = False
            break
        satang[i] = int(s)
        has[i] = True
        exp[i] = max(-2, min(0, d.as_tuple().exponent))
    if exact:
        return {"budget": np.where(has, satang, 0), "budget_has": has, "budget_exp": np.where(has, exp, 0)}

    obj = np.empty(len(satang), dtype=object)
    for i in np.flatnonzero(has).tolist():
        obj[i] = satang_decimal(int(satang[i]))
    for i, d in zip(slow.tolist(), recv):
        obj[i] = d
    return {"budget": obj}


def _final(c: _Columns) -> Sheet:
    keep = pa.array(np.flatnonzero(c.keep))
    cols: dict = {}
    for col, v in c.vals.items():
        if isinstance(v, dict):  # budgets
            for k, arr in v.items():
                cols[k] = arr[c.keep]
        elif isinstance(v, np.ndarray):
            cols[col] = v[c.keep]
        else:
            cols[col] = v.take(keep)
    extra = {h: v.take(keep) for h, v in getattr(c, "extra", {}).items()}
    return Sheet(c.name, int(c.keep.sum()), np.asarray(c.row, dtype=np.int64)[c.keep], cols, extra)
