"""Wide project sheets (one row per project, linkage kept as labels) -> a plan
workbook, as ``shared/spec/wide-sheet.md`` defines it.

:func:`read_sheet` reads the sheet (CSV in UTF-8, UTF-8 with BOM or cp874; or an
.xlsx, its first visible sheet unless one is named) into numbered rows;
:func:`import_sheet` finds the header row, applies the map (a file or the built-in
one, :mod:`stratlink.loaders.wide_map`), reads each project row by workbook.md's
value rules, matches every label (:mod:`stratlink.loaders.wide_match`) and adds the
projects and their links to the plans workbook. Claims are returned, not checked:
checking them needs C(project), which is the query layer's job
(:mod:`stratlink.wide`).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from stratlink import i18n
from stratlink.errors import InputError, MissingDependency
from stratlink.graph_model import Finding, Link, Location, PlanGraph, Project
from stratlink.graph_model.names import normalise_name
from stratlink.loaders import values as V
from stratlink.loaders.guards import check_xlsx_zip
from stratlink.loaders.safety import MAX_CELLS
from stratlink.loaders.sheets import _cell, _xlsx_rows, decode_text
from stratlink.loaders.wide_map import (
    OWN_PLAN,
    WIDE_ID_TITLE,
    BuiltinResult,
    WideColumn,
    WideMap,
    builtin_map,
    field_for,
    fold_title,
    resolve_title,
    starting_map,
)
from stratlink.loaders.wide_match import AREA_PREFIXES, OUTCOMES, Match, PlanIndex


@dataclass
class WideSheet:
    """A sheet's rows as text cells, numbered as a spreadsheet shows them."""

    name: str
    file: str
    rows: list[tuple[int, list[str | None]]] = field(default_factory=list)


class WideMapError(InputError):
    """The built-in map cannot read this sheet; ``starting_map`` is a map to start from."""

    def __init__(self, message: str, starting_map: str) -> None:
        super().__init__(message)
        self.starting_map = starting_map

    @classmethod
    def keyed(cls, key: str, starting_map: str = "", /, **params) -> WideMapError:
        err = cls(i18n.text(key, "en", **params), starting_map)
        err.key, err.params = key, params
        return err


# ---- reading the sheet -----------------------------------------------------------------
def read_sheet(path: str | Path, sheet: str | None = None, encoding: str | None = None) -> WideSheet:
    """Read a wide sheet from a .csv or an .xlsx file; InputError when it cannot be read."""
    path = Path(path)
    if not path.exists():
        raise InputError.keyed("wide.error.no_file", path=path)
    if path.is_dir():
        raise InputError.keyed("wide.error.folder", path=path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        if sheet:
            raise InputError.keyed("wide.error.sheet_csv", path=path)
        return _read_csv(path, encoding)
    if suffix in (".xlsx", ".xlsm") or _is_zip(path):
        return _read_xlsx(path, sheet)
    raise InputError.keyed("wide.error.not_wide", path=path)


def _is_zip(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def _read_csv(path: Path, encoding: str | None) -> WideSheet:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError.keyed("wide.error.cannot_read", path=path, reason=exc.strerror) from None
    text = decode_text(data, str(path), encoding)
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise InputError.keyed("wide.error.bad_csv", path=path, reason=exc) from None
    out = WideSheet(path.name, str(path))
    for index, record in enumerate(records, start=1):
        out.rows.append((index, [_cell(c) for c in record]))
    return out


def _read_xlsx(path: Path, sheet: str | None) -> WideSheet:
    try:
        import openpyxl  # heavy: only for .xlsx sheets
    except ImportError:  # pragma: no cover - a core dependency
        raise MissingDependency("openpyxl", "xlsx", "Reading .xlsx") from None
    check_xlsx_zip(path)  # the limits of docs/limits.md, before any XML is parsed
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a bad file
        raise InputError.keyed("wide.error.bad_xlsx", path=path, reason=type(exc).__name__) from None
    try:
        sheets = [ws for ws in wb.worksheets if hasattr(ws, "iter_rows")]
        if sheet is not None:
            chosen = [ws for ws in sheets if ws.title == sheet] or \
                [ws for ws in sheets if ws.title.strip().casefold() == sheet.strip().casefold()]
            if not chosen:
                raise InputError.keyed("wide.error.no_sheet", path=path, sheet=sheet,
                                       sheets=", ".join(ws.title for ws in sheets))
        else:
            chosen = [ws for ws in sheets if getattr(ws, "sheet_state", "visible") == "visible"]
            if not chosen:
                raise InputError.keyed("wide.error.no_visible", path=path)
        ws = chosen[0]
        out = WideSheet(ws.title, i18n.text("wide.sheet_of", "en", path=path, sheet=ws.title))
        for index, row in _xlsx_rows(ws, path, [MAX_CELLS]):
            out.rows.append((index, [_cell(v) for v in row]))
    except InputError:
        raise
    except Exception as exc:  # a damaged sheet is read lazily, row by row
        raise InputError.keyed("wide.error.bad_xlsx", path=path, reason=type(exc).__name__) from None
    finally:
        wb.close()
    return out


# ---- the header and the map --------------------------------------------------------------
@dataclass
class Layout:
    """Where the map's titles are: the header row and each title's column index."""

    header_row: int
    map: WideMap
    index: dict[str, int]
    ignored: list[str]
    #: linkage title -> how the built-in map resolved it (for the text output)
    notes: dict[str, str] = field(default_factory=dict)


def _first_index(header: list[str | None]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i, title in enumerate(header):
        if title:
            out.setdefault(fold_title(title), i)
    return out


def _is_title(title: str | None, graph: PlanGraph) -> bool:
    return bool(title) and (field_for(title) is not None or resolve_title(title, graph) is not None)


def locate(sheet: WideSheet, plans: PlanGraph, wide_map: WideMap | None) -> Layout:
    """Find the header row and check the map against it (InputError when it does not fit)."""
    rows = dict(sheet.rows)
    if wide_map is not None:
        wanted = {fold_title(t) for t in wide_map.titles()}
        if wide_map.header_row is not None:
            header_row = wide_map.header_row
        else:
            header_row = next((n for n, cells in sheet.rows
                               if sum(1 for c in cells if c and fold_title(c) in wanted) >= 2), None)
        if header_row is None or header_row not in rows:
            raise InputError.keyed("wide.error.no_header_map", file=sheet.file,
                                   titles=", ".join(wide_map.titles()[:4]))
        header = rows[header_row]
        index = _first_index(header)
        missing = [t for t in wide_map.titles() if fold_title(t) not in index]
        if missing:
            raise InputError.keyed("wide.error.missing_column", file=sheet.file, row=header_row,
                                   title=missing[0], map=wide_map.source)
        ignored = [c for c in header if c and fold_title(c) not in wanted]
        return Layout(header_row, wide_map, {t: index[fold_title(t)] for t in wide_map.titles()},
                      ignored)
    header_row = next((n for n, cells in sheet.rows
                       if sum(1 for c in cells if _is_title(c, plans)) >= 2), None)
    if header_row is None:
        raise WideMapError.keyed("wide.error.no_header", file=sheet.file)
    header = rows[header_row]
    result = builtin_map(header, plans, header_row)
    _check_builtin(sheet, plans, result)
    index = _first_index(header)
    return Layout(header_row, result.map, {t: index[fold_title(t)] for t in result.map.titles()},
                  result.unknown, result.notes)


def _check_builtin(sheet: WideSheet, plans: PlanGraph, result: BuiltinResult) -> None:
    problems: list[tuple[str, dict]] = []
    for res in result.unresolved:
        if res.candidates:
            problems.append(("wide.problem.candidates", {"title": res.title, "n": len(res.candidates),
                                                         "level": res.level or "",
                                                         "plans": ", ".join(res.candidates)}))
        else:
            problems.append(("wide.problem.no_plan", {"title": res.title, "level": res.level}))
    if "id" not in result.map.fields:
        problems.append(("wide.problem.no_id", {"example": WIDE_ID_TITLE}))
    if result.map.plan is None and "plan_id" not in result.map.fields:
        problems.append(("wide.problem.no_plan_column", {}))
    if problems:
        m, notes = starting_map(result, plans, sheet.name)
        toml = m.to_toml(notes, [i18n.text("wide.map_head.start", "en", file=sheet.file)])
        raise WideMapError.keyed("wide.error.builtin", toml, file=sheet.file,
                                 problems=i18n.Said(*problems))


def print_map(sheet: WideSheet, plans: PlanGraph) -> str:
    """A map file for ``sheet`` to start from: the built-in map's reading of its
    header, with every unresolved column given a candidate plan and a comment."""
    try:
        layout = locate(sheet, plans, None)
    except WideMapError as exc:
        if exc.starting_map:
            return exc.starting_map
        raise
    notes = dict(layout.notes)
    head = [i18n.text("wide.map_head.builtin", "en", file=sheet.file)]
    head += [i18n.text("wide.map_head.ignored", "en", title=t) for t in layout.ignored]
    return layout.map.to_toml(notes, head)


# ---- importing ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Claim:
    """A claim value that matched ``element``; checked against C(project) later."""

    project: str
    element: str
    value: str
    location: Location


@dataclass
class SheetImport:
    """What :func:`import_sheet` built: ``graph`` is the plans workbook plus the
    sheet's projects and links; ``findings`` the sheet's findings (claims not yet
    checked)."""

    graph: PlanGraph
    layout: Layout
    findings: list[Finding]
    claims: list[Claim]
    matches: dict[str, int]
    skipped_rows: int
    projects: list[str]
    links: int
    #: the sheet as messages name it (file, and sheet for an .xlsx)
    sheet_file: str = ""


def import_sheet(sheet: WideSheet, plans: PlanGraph, wide_map: WideMap | None = None,
                 lang: str = "en") -> SheetImport:
    """Add the sheet's projects and links to ``plans`` (changed in place and returned
    as ``graph``). Raises InputError when the map does not fit the sheet."""
    layout = locate(sheet, plans, wide_map)
    m = layout.map
    for col in m.columns:
        if col.plan not in plans.plans:
            raise InputError.keyed("wide.error.no_plan_for_column", map=m.source, title=col.title,
                                   plan=col.plan, plans=plans.source or "plans")
    if m.plan is not None and m.plan not in plans.plans:
        raise InputError.keyed("wide.error.no_map_plan", map=m.source, plan=m.plan)
    return _Importer(sheet, plans, layout, "th" if lang == "th" else "en").run()


class _Importer:
    def __init__(self, sheet: WideSheet, graph: PlanGraph, layout: Layout, lang: str) -> None:
        self.sheet, self.graph, self.layout, self.lang = sheet, graph, layout, lang
        self.findings: list[Finding] = []
        self.claims: list[Claim] = []
        self.matches: Counter[str] = Counter({k: 0 for k in OUTCOMES})
        self.indexes: dict[str, PlanIndex] = {}
        self.eras: list[str] = []
        self.taken = {i for sheet in ("plans", "elements", "projects", "value_chains", "areas",
                                      "organizations") for i in graph.table(sheet)}
        self.link_keys: set[tuple] = set()
        self.new_links = 0

    # ---- helpers
    def loc(self, rownum: int, title: str | None) -> Location:
        return Location(self.sheet.name, rownum, title)

    def cell(self, cells: list[str | None], title: str) -> str | None:
        i = self.layout.index[title]
        return V.clean(cells[i]) if i < len(cells) else None

    def index(self, plan: str) -> PlanIndex:
        if plan not in self.indexes:
            self.indexes[plan] = PlanIndex(e for e in self.graph.elements.values() if e.plan_id == plan)
        return self.indexes[plan]

    def invalid(self, rownum, subject, name, title, reason, value=None, dropped=None, **args):
        self.findings.append(Finding.make(
            "INVALID_VALUE", subject or "", [name], self.loc(rownum, title), column=title,
            reason=reason, value=value, dropped=dropped, **args))

    def unknown(self, rownum, subject, title, missing, dropped):
        self.findings.append(Finding.make(
            "UNKNOWN_REFERENCE", subject, [missing], self.loc(rownum, title), column=title,
            dropped=dropped))

    # ---- the rows
    def run(self) -> SheetImport:
        m = self.layout.map
        skipped = 0
        projects: list[str] = []
        # empty rows after the last row with any text are not rows of the sheet
        last = max((n for n, cells in self.sheet.rows if any(cells)), default=0)
        for rownum, cells in self.sheet.rows:
            if rownum <= self.layout.header_row or rownum > last:
                continue
            pid = self.cell(cells, m.fields["id"])
            labels = [(col, self.cell(cells, col.title)) for col in m.columns]
            if pid is None and all(v is None for _, v in labels):
                skipped += 1
                continue
            project = self.project(rownum, cells, pid)
            if project is None:
                continue
            self.graph.add(project)
            self.taken.add(project.id)
            projects.append(project.id)
            for col, text in labels:
                if text is not None:
                    self.labels(rownum, project, col, text)
        g = self.graph
        g.sheets.update({"projects", "links"})
        if "BE" in self.eras:
            g.era = "BE"
        g.invalidate()
        return SheetImport(g, self.layout, self.findings, self.claims, dict(self.matches), skipped,
                           projects, self.new_links, self.sheet.file)

    def project(self, rownum: int, cells, pid: str | None) -> Project | None:
        f = self.layout.map.fields
        if pid is None:
            self.invalid(rownum, "", "id", f["id"], "missing", dropped="row")
            return None
        if pid in self.taken:
            self.findings.append(Finding.make("DUPLICATE_ID", pid, [], self.loc(rownum, f["id"]),
                                              where=""))
            return None
        plan = self.plan_of(rownum, cells, pid)
        if plan is None:
            return None
        kwargs: dict[str, object] = {}
        for name in ("name_th", "name_en", "owner", "status"):
            if name in f:
                kwargs[name] = self.cell(cells, f[name])
        parsers = {"fiscal_year": self.year, "budget": V.parse_budget,
                   "stage": lambda t: V.parse_enum("stage", t), "local_only": V.parse_bool}
        for name, parse in parsers.items():
            text = self.cell(cells, f[name]) if name in f else None
            if text is None:
                continue
            try:
                kwargs[name] = parse(text)
            except V.ValueProblem as p:
                self.invalid(rownum, pid, name, f[name], p.reason, value=text, dropped="value",
                             **p.args_)
        if "area_id" in f:
            kwargs["area_id"] = self.area(rownum, pid, self.cell(cells, f["area_id"]))
        if "value_chain_id" in f:
            kwargs["value_chain_id"] = self.value_chain(rownum, pid, self.cell(cells, f["value_chain_id"]))
        if not kwargs.get("name_th") and not kwargs.get("name_en"):
            title = f.get("name_th") or f.get("name_en")
            self.invalid(rownum, pid, "name_th", title, "no_name")
        project = Project(pid, plan, **kwargs)
        project.row = rownum
        return project

    def year(self, text: str) -> int:
        year, era = V.parse_year(text)
        self.eras.append(era)
        return year

    def plan_of(self, rownum: int, cells, pid: str) -> str | None:
        m = self.layout.map
        if "plan_id" not in m.fields:
            return m.plan
        title = m.fields["plan_id"]
        text = self.cell(cells, title)
        if text is None:
            if m.plan is not None:
                return m.plan
            self.invalid(rownum, pid, "plan_id", title, "missing", dropped="row")
            return None
        found = self._by_id_or_name(text, self.graph.plans)
        if found is None:
            self.unknown(rownum, pid, title, text, "row")
        return found

    @staticmethod
    def _by_id_or_name(text: str, table: dict, prefixes: tuple[str, ...] = ()) -> str | None:
        if text in table:
            return text
        keys = {normalise_name(text)}
        for p in prefixes:
            if text.startswith(p):
                keys.add(normalise_name(text[len(p):]))
        hits = {rid for rid, rec in table.items()
                for name in (getattr(rec, "name_th", None), getattr(rec, "name_en", None))
                if name and normalise_name(name) in keys}
        return hits.pop() if len(hits) == 1 else None

    def area(self, rownum: int, pid: str, text: str | None) -> str | None:
        if text is None or "areas" not in self.graph.sheets:
            return text
        found = self._by_id_or_name(text, self.graph.areas, AREA_PREFIXES)
        if found is None:
            self.unknown(rownum, pid, self.layout.map.fields["area_id"], text, "value")
        return found

    def value_chain(self, rownum: int, pid: str, text: str | None) -> str | None:
        if text is None:
            return None
        found = self._by_id_or_name(text, self.graph.value_chains)
        if found is None:
            self.unknown(rownum, pid, self.layout.map.fields["value_chain_id"], text, "value")
        return found

    # ---- the labels
    def labels(self, rownum: int, project: Project, col: WideColumn, text: str) -> None:
        seen: list[str] = []
        for value in _split(text, col.split):
            if value not in seen:
                seen.append(value)
        index = self.index(col.plan)
        loc = self.loc(rownum, col.title)
        for value in seen:
            match = index.match(value)
            self.matches[match.outcome] += 1
            self.report(project.id, col, value, match, loc)
            if match.outcome not in ("code", "name", "fuzzy"):
                continue
            element = match.elements[0]
            if col.use == "claim":
                self.claims.append(Claim(project.id, element, value, loc))
                continue
            asserted = project.plan_id if col.asserted_by == OWN_PLAN else col.asserted_by
            key = (project.id, element, col.relation, col.role, asserted)
            if key in self.link_keys:
                continue
            self.link_keys.add(key)
            how = i18n.text(f"wide.how.{match.outcome}", self.lang,
                            score=f"{match.score:.2f}" if match.score else "")
            note = i18n.text("wide.note", self.lang, sheet=self.sheet.name, row=rownum, column=col.title,
                             value=value, how=how)
            link = Link(project.id, element, relation=col.relation, role=col.role,
                        asserted_by=asserted, note=note)
            link.row = rownum
            self.graph.add(link)
            self.new_links += 1

    def report(self, pid: str, col: WideColumn, value: str, match: Match, loc: Location) -> None:
        if match.outcome == "unmatched":
            self.findings.append(Finding.make("UNMATCHED_LABEL", pid, [], loc, value=value,
                                              plan=col.plan))
        elif match.outcome == "ambiguous":
            self.findings.append(Finding.make("AMBIGUOUS_LABEL", pid, match.elements, loc,
                                              value=value, plan=col.plan))
        elif match.outcome == "fuzzy":
            el = self.graph.elements[match.elements[0]]
            self.findings.append(Finding.make("FUZZY_MATCH", pid, match.elements, loc, value=value,
                                              name=el.name, score=f"{match.score:.2f}"))


def _split(text: str, separators: str) -> list[str]:
    """A cell's values: split on any of ``separators``, trimmed, empty ones dropped.

    >>> _split("ประเด็นที่ 3 การเกษตร, ประเด็นที่ 16\\n\\n", "\\n;,")
    ['ประเด็นที่ 3 การเกษตร', 'ประเด็นที่ 16']
    """
    parts = [text.replace("\r\n", "\n")]
    for sep in separators:
        parts = [piece for part in parts for piece in part.split(sep)]
    return [p.strip() for p in parts if p.strip()]
