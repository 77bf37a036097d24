"""The plan workbook (CSV folder or .xlsx) -> PlanGraph, with the spec's load findings.

Bad rows never sink the rest: each problem becomes a finding with sheet, row and
column, the row (or just the bad value) is left out exactly as
``shared/spec/checks.md`` says, and every good row is loaded.
"""

from __future__ import annotations

import csv
import io
import math
import os
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from stratlink import progress
from stratlink.errors import InputError
from stratlink.graph_model import (
    REQUIRED_SHEETS,
    SHEET_ORDER,
    SHEETS,
    TH_ONE_PLAN,
    Finding,
    Location,
    PlanGraph,
    Policy,
    Record,
)
from stratlink.loaders import values as V
from stratlink.loaders.guards import cell_problem, visible
from stratlink.loaders.safety import is_formula_like
from stratlink.loaders.sheets import (
    META_COLUMNS,
    META_SHEET,
    RawSheet,
    ooxml_escape,
    read_csv_folder,
    read_xlsx,
)

#: rows between two progress reports
PROGRESS_EVERY = 5000

ID_SHEETS = ("plans", "elements", "projects", "value_chains", "areas", "organizations")


def load_workbook(path: str | Path, policy: Policy | None = None,
                  encoding: str | None = None, external: dict[str, str] | None = None) -> PlanGraph:
    """Load a CSV folder or an .xlsx workbook.

    ``external`` (id -> sheet) names the records of shared workbooks that a
    reference may resolve to when the workbook itself has no such id.
    Raises ``InputError`` only when the input cannot be read at all.
    """
    path = Path(path)
    if path.is_dir():
        raw = read_csv_folder(path, encoding)
    else:
        raw = read_xlsx(path)
    graph = build_graph(raw, policy or TH_ONE_PLAN, external)
    graph.source = str(path)
    return graph


def build_graph(raw: dict[str, RawSheet], policy: Policy,
                external: dict[str, str] | None = None) -> PlanGraph:
    return _Builder(raw, policy, external).run()


class _Builder:
    def __init__(self, raw: dict[str, RawSheet], policy: Policy,
                 external: dict[str, str] | None = None) -> None:
        meta = raw.get(META_SHEET)
        raw = {k: v for k, v in raw.items() if k != META_SHEET}
        self.raw = raw
        self.meta_sheet = meta
        self.external = external or {}
        self.policy = policy
        self.graph = PlanGraph(policy)
        self.graph.sheets = set(raw)
        self.findings: list[Finding] = []
        self.eras: list[str] = []

    # ---- findings -------------------------------------------------------------
    def invalid(self, sheet, rownum, subject, column, reason, value=None, dropped=None, **args):
        self.findings.append(Finding.make(
            "INVALID_VALUE", subject or "", [column], Location(sheet, rownum, column),
            column=column, reason=reason, value=value, dropped=dropped, **args))

    def unknown(self, sheet, rownum, subject, column, missing, dropped=None):
        self.findings.append(Finding.make(
            "UNKNOWN_REFERENCE", subject or "", [missing], Location(sheet, rownum, column),
            column=column, dropped=dropped))

    # ---- the passes -----------------------------------------------------------
    def run(self) -> PlanGraph:
        for sheet in REQUIRED_SHEETS:
            if sheet not in self.raw:
                self.findings.append(Finding.make("MISSING_SHEET", sheet, [], Location(sheet)))
        for sheet, raw in self.raw.items():  # below the level of cells: e.g. an unclosed quote
            self.report_problems(sheet, getattr(raw, "problems", ()))
        records = self.parse_rows()
        self.add_valid(records)
        g = self.graph
        g.meta = self.parse_meta()
        g.era = "BE" if "BE" in self.eras else "CE"
        g.load_findings = self.findings
        g.invalidate()
        return g

    def report_problems(self, sheet: str, problems) -> None:
        """Findings for a sheet's problems below the level of cells (RawSheet.problems)."""
        for rownum, column, reason, args in problems:
            args = dict(args)
            subject = args.pop("subject", "")
            key = "source_id" if sheet == "links" else "id"
            self.invalid(sheet, rownum, subject, column or key, reason, dropped="row", **args)

    def parse_meta(self) -> dict[str, str]:
        """The optional ``meta`` sheet: one ``key``, ``value`` pair per row
        (``namespace`` names the workbook's namespace)."""
        out: dict[str, str] = {}
        sheet = self.meta_sheet
        if sheet is None:
            return out
        for rownum, row in sheet.rows:
            key, value = row.get("key"), row.get("value")
            if key is None:
                continue
            key = key.strip().lower()
            if key == "namespace" and value is not None and not V.valid_namespace(value):
                self.invalid(META_SHEET, rownum, key, "value", "bad_namespace", value=value,
                             dropped="value")
                continue
            if key in out:
                self.invalid(META_SHEET, rownum, key, "key", "several_values", value=value,
                             dropped="value")
                continue
            if value is not None:
                out[key] = value
        self.findings.sort(key=_finding_order)
        return out

    def parse_rows(self) -> dict[str, list[Record]]:
        """Typed records per sheet; first occurrence of an id wins."""
        seen: dict[str, tuple[str, int]] = {}
        reported: set[str] = set()
        out: dict[str, list[Record]] = {}
        for sheet in ID_SHEETS + ("links",):
            raw = self.raw.get(sheet)
            out[sheet] = []
            if raw is None:
                continue
            with progress.task("progress.sheet", len(raw.rows), sheet=sheet) as bar:
                self.parse_sheet(sheet, raw, out[sheet], seen, reported, bar)
        return out

    def parse_sheet(self, sheet, raw, out, seen, reported, bar) -> None:
        for i, (rownum, row) in enumerate(raw.rows, 1):
            if i % PROGRESS_EVERY == 0:
                bar.advance(PROGRESS_EVERY)
            rid = row.get("id") if sheet != "links" else None
            if rid is not None:
                if rid in seen:
                    if rid not in reported:
                        reported.add(rid)
                        first_sheet, first_row = seen[rid]
                        self.findings.append(Finding.make(
                            "DUPLICATE_ID", rid, [], Location(sheet, rownum, "id"),
                            first_sheet=first_sheet, first_row=first_row))
                    continue
                seen[rid] = (sheet, rownum)
            rec = self.parse_row(sheet, rownum, row)
            if rec is not None:
                out.append(rec)

    def parse_row(self, sheet: str, rownum: int, row: dict) -> Record | None:
        rtype = SHEETS[sheet]
        cols = rtype.COLUMNS
        key_col = "source_id" if sheet == "links" else "id"
        subject = row.get(key_col)
        kwargs: dict[str, object] = {}
        bad_cells = {}
        for col, text in row.items():  # the per-cell rules of every reader (guards.cell_problem)
            if text is not None:
                problem = cell_problem(cols.get(col, ("text",))[0], text)
                if problem is not None:
                    bad_cells[col] = problem
        if key_col in bad_cells:
            subject = visible(str(row.get(key_col)))[:80]
        for col, (reason, args) in bad_cells.items():
            ctype, required = cols.get(col, ("text", False))
            drop_row = required and ctype in ("id", "ref", "level")
            self.invalid(sheet, rownum, subject, col, reason, dropped="row" if drop_row else "value", **args)
            if drop_row:
                return None
        if bad_cells:
            row = {k: (None if k in bad_cells else v) for k, v in row.items()}
        for col, (ctype, required) in cols.items():
            text = row.get(col)
            if text is None:
                if required and col not in bad_cells:
                    dropped = "row" if ctype in ("id", "ref", "level") else None
                    if ctype == "ref" and sheet != "links":
                        dropped = "row"  # a missing plan_id is an unknown plan
                    self.invalid(sheet, rownum, subject, col, "missing", dropped=dropped)
                    if dropped:
                        return None
                continue
            try:
                kwargs[col] = self.parse_value(ctype, text)
            except V.ValueProblem as p:
                drop_row = ctype == "level" or (sheet == "links" and col == "relation")
                dropped = "row" if drop_row else ("as_primary" if col == "role" else "value")
                self.invalid(sheet, rownum, subject, col, p.reason, value=text,
                             dropped=dropped, **p.args_)
                if drop_row:
                    return None
        if "name_th" in cols and "name_th" not in kwargs and "name_en" not in kwargs \
                and not bad_cells.keys() & {"name_th", "name_en"}:  # a bad name has its own finding
            self.invalid(sheet, rownum, subject, "name_th", "no_name")
        extra = {k: v for k, v in row.items() if k not in cols and v is not None}
        rec = rtype(**kwargs, extra=extra)
        rec.row = rownum
        return rec

    def parse_value(self, ctype: str, text: str):
        if ctype in ("id", "ref", "text", "area"):
            return text
        if ctype == "level":
            level = self.policy.level_for(text)
            if level is None:
                words = [w for lv in self.policy.levels for w in (lv.name, lv.label_th, lv.label_en) if w]
                raise V.ValueProblem("unknown_level", allowed=", ".join(self.policy.level_names),
                                     allowed_th=" ".join(f"{lv.label_th}/{lv.name}" if lv.label_th
                                                          else lv.name for lv in self.policy.levels),
                                     suggestion=V.closest(text, words))
            return level
        if ctype == "year":
            year, era = V.parse_year(text)
            self.eras.append(era)
            return year
        if ctype == "budget":
            return V.parse_budget(text)
        if ctype == "bool":
            return V.parse_bool(text)
        return V.parse_enum(ctype, text)

    def add_valid(self, recs: dict[str, list[Record]]) -> None:
        g = self.graph
        #: every id that a parsed row holds, and its sheet (for wrong-kind references)
        self.kind_of = {r.id: sheet for sheet in ID_SHEETS for r in recs[sheet]}
        for plan in recs["plans"]:
            if plan.period_start is not None and plan.period_end is not None \
                    and plan.period_end < plan.period_start:
                self.invalid("plans", plan.row, plan.id, "period_end", "period_order",
                             value=V.format_year(plan.period_end, self.eras[0] if self.eras else "CE"),
                             dropped="value")
                plan.period_end = None
            g.add(plan)
        for sheet in ("areas", "organizations"):
            for rec in recs[sheet]:
                g.add(rec)
        # elements and projects need a known plan
        for sheet in ("elements", "projects"):
            for rec in recs[sheet]:
                if self.reference(sheet, rec, "plan_id", ("plans",), "row"):
                    g.add(rec)
        for vc in recs["value_chains"]:
            g.add(vc)
        # references whose failure drops only the value
        value_refs = [("elements", "parent_id", ("elements",)),
                      ("projects", "value_chain_id", ("value_chains",)),
                      ("value_chains", "serves_id", ("elements",))]
        if "areas" in self.raw:  # area references are checked only with an areas sheet
            value_refs += [(sheet, col, ("areas",)) for sheet, col in (
                ("plans", "area_id"), ("projects", "area_id"), ("value_chains", "area_id"),
                ("areas", "parent_id"))]
        for sheet, column, expected in value_refs:
            for rec in g.table(sheet).values():
                ref = getattr(rec, column)
                if ref is not None and not self.reference(sheet, rec, column, expected, "value"):
                    setattr(rec, column, None)
        for el in g.elements.values():
            if el.parent_id is not None and el.parent_id in g.elements \
                    and g.elements[el.parent_id].plan_id != el.plan_id:
                self.invalid("elements", el.row, el.id, "parent_id", "parent_other_plan",
                             value=el.parent_id, dropped="value")
                el.parent_id = None
        for link in recs["links"]:
            ends_ok = [self.reference("links", link, column, ("elements", "projects"), "row")
                       for column in ("source_id", "target_id")]
            if all(ends_ok):
                g.add(link)
        self.findings.sort(key=_finding_order)

    def reference(self, sheet: str, rec: Record, column: str, expected: tuple[str, ...],
                  dropped: str) -> bool:
        """Whether ``rec.column`` names a loaded record of an expected sheet; if not,
        report UNKNOWN_REFERENCE (no such id) or INVALID_VALUE (an id of another kind)."""
        ref = getattr(rec, column)
        if any(ref in self.graph.table(t) for t in expected):
            return True
        # a shared workbook's record; a parent must be in the element's own plan
        if column != "parent_id" and self.external.get(ref) in expected \
                and ref not in self.kind_of:
            return True
        other = self.kind_of.get(ref) or (self.external.get(ref) if column != "parent_id" else None)
        if other is not None and other not in expected:
            self.invalid(sheet, rec.row, rec.key, column, "wrong_kind", value=ref,
                         kind_sheet=other, expected_sheets=tuple(expected),
                         dropped=dropped)
        else:
            self.unknown(sheet, rec.row, rec.key, column, ref, dropped=dropped)
        return False



_SHEET_RANK = {s: i for i, s in enumerate((META_SHEET,) + ID_SHEETS + ("links",))}


def _finding_order(f: Finding):
    loc = f.location
    return (_SHEET_RANK.get(loc.sheet, -1) if loc else 99, (loc.row or 0) if loc else 0,
            f.code, f.related)


# ---- writing --------------------------------------------------------------------
def sheet_rows(graph: PlanGraph, sheet: str, era: str | None = None) -> tuple[list[str], list[list[str | None]]]:
    """Header and rows of one sheet as text cells, years in ``era`` (default: the input's)."""
    if sheet == META_SHEET:
        return list(META_COLUMNS), [[k, v] for k, v in graph.meta.items()]
    era = era or graph.era
    rtype = SHEETS[sheet]
    records = graph.records(sheet)
    extras: list[str] = []
    for rec in records:
        for k in rec.extra:
            if k not in extras and k not in rtype.COLUMNS:
                extras.append(k)
    header = list(rtype.COLUMNS) + sorted(extras)
    fmt: dict[str, Callable] = {}
    for col, (ctype, _) in rtype.COLUMNS.items():
        if ctype == "year":
            fmt[col] = lambda v, e=era: V.format_year(v, e)
        elif ctype == "budget":
            fmt[col] = V.format_budget
        elif ctype == "bool":
            fmt[col] = V.format_bool
        else:
            fmt[col] = lambda v: v
    rows = []
    for rec in records:
        row = [fmt[c](getattr(rec, c)) for c in rtype.COLUMNS]
        row += [rec.extra.get(k) for k in sorted(extras)]
        rows.append(row)
    return header, rows


def sheets_to_write(graph: PlanGraph) -> list[str]:
    out = [s for s in SHEET_ORDER if s in REQUIRED_SHEETS or s in graph.sheets or graph.records(s)]
    return out + [META_SHEET] if graph.meta else out


def write_csv_folder(graph: PlanGraph, folder: str | Path, era: str | None = None,
                     encoding: str = "utf-8-sig") -> list[Path]:
    """Write one ``<sheet>.csv`` per sheet; UTF-8 with a BOM by default so that
    Excel opens the Thai text correctly.

    Every file is written to a staging folder first; only when all are written
    (and every target name is free to take a file) are they moved into place, and
    sheet files of an earlier export that this workbook does not have are removed
    (a stale ``areas.csv`` would switch the area checks on).
    """

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    sheets = sheets_to_write(graph)
    for sheet in (*SHEET_ORDER, META_SHEET):
        target = folder / f"{sheet}.csv"
        if target.exists() and not target.is_file():
            raise InputError.keyed("template.error.not_a_file", path=target)
    staged = []
    with tempfile.TemporaryDirectory(dir=folder, prefix=".stratlink-") as tmp:
        for sheet in sheets:
            header, rows = sheet_rows(graph, sheet, era)
            buf = io.StringIO(newline="")
            # CRLF rows (RFC 4180): a bare CR inside a value is then quoted too
            w = csv.writer(buf, lineterminator="\r\n")
            w.writerow(header)
            w.writerows([["" if v is None else v for v in row] for row in rows])
            tmp_path = Path(tmp) / f"{sheet}.csv"
            try:
                tmp_path.write_bytes(buf.getvalue().encode(encoding))
            except UnicodeEncodeError as exc:
                raise InputError.keyed("error.write.encoding", path=folder / tmp_path.name, encoding=encoding,
                                       text=exc.object[exc.start:exc.end]) from None
            staged.append((tmp_path, folder / f"{sheet}.csv"))
        for src, dst in staged:
            src.replace(dst)
    for sheet in (*SHEET_ORDER, META_SHEET):
        if sheet not in sheets:
            (folder / f"{sheet}.csv").unlink(missing_ok=True)
    return [dst for _, dst in staged]


#: Excel's limit on the text of one cell.
XLSX_MAX_TEXT = 32767


def write_xlsx(graph: PlanGraph, path: str | Path, era: str | None = None) -> Path:
    """Write an .xlsx workbook, one worksheet per sheet: ids and text as text cells
    (never formulas: text starting with '=' stays text, and formula-like text gets
    Excel's quote prefix so that editing the cell keeps it text), years and budgets
    as numbers where that loses nothing; CR and control characters OOXML-escaped.
    The text read back is exactly the text written."""
    from openpyxl import Workbook  # heavy: imported only for .xlsx
    from openpyxl.cell import WriteOnlyCell  # (same)


    path = Path(path)
    tables = [(sheet, *sheet_rows(graph, sheet, era)) for sheet in sheets_to_write(graph)]
    for sheet, header, rows in tables:  # check everything before writing anything
        for rownum, row in enumerate(rows, start=2):
            for col, v in zip(header, row):
                if v is not None and len(v) > XLSX_MAX_TEXT:
                    raise InputError.keyed("error.write.cell_too_long", path=path, sheet=sheet, row=rownum,
                                           column=col, length=f"{len(v):,}", limit=f"{XLSX_MAX_TEXT:,}")
    wb = Workbook(write_only=True)
    for sheet, header, rows in tables:
        ws = wb.create_sheet(sheet)
        types = SHEETS[sheet].COLUMNS if sheet in SHEETS else {}

        def cell(value, ctype, ws=ws):
            value = _xlsx_value(value, ctype)
            if not isinstance(value, str):
                return value
            c = WriteOnlyCell(ws, value=ooxml_escape(value))
            c.data_type = "s"
            if is_formula_like(value):  # Excel's leading apostrophe: shown and edited as text
                c.quotePrefix = True
            return c

        ws.append([cell(h, "text") for h in header])
        for row in rows:
            ws.append([cell(v, types.get(col, ("text",))[0]) for col, v in zip(header, row)])
    atomic_write(path, wb.save)
    return path


def atomic_write(path: Path, save) -> None:
    """Call ``save(tmp_path)`` and move the result onto ``path``; on failure the old
    file stays as it was and no temporary file is left."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".stratlink-", suffix=path.suffix)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    try:
        save(tmp)
        os.chmod(tmp, 0o666 & ~umask)  # the mode a plain open() would give, not mkstemp's 0600
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _xlsx_value(value: str | None, ctype: str):
    if value is None:
        return None
    if ctype == "year":
        return int(value)
    if ctype == "budget":
        number = float(value)
        if math.isfinite(number) and V.normalise_decimal(Decimal(repr(number))) == Decimal(value):
            return int(number) if number.is_integer() else number
    return value
