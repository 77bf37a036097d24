"""Property-based fuzzing (hypothesis) of every reader: CSV folders, .xlsx, Turtle,
JSON-LD, N-Triples and policy TOML. Whatever the bytes, no exception escapes except
the documented ones (InputError for data, PolicyError for policies); a bad row added to
a good workbook is reported and the good rows all survive, with nothing invented.
(tools/fuzz/atheris_readers.py drives the same readers with atheris, outside CI.)"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import plan_graphs

from stratlink.errors import InputError, PolicyError
from stratlink.graph_model import load_policy
from stratlink.loaders import export, load

#: few examples per run (CI runs on two shared cores); each run draws new ones, and
#: tools/fuzz/atheris_readers.py is for long runs
FUZZ = settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
SHEETS = ("plans", "elements", "projects", "links")


def folder_of(tmp: Path, graph) -> Path:
    out = tmp / "wb"
    export(graph, out)
    return out


def loads_or_refuses(path: Path, **kw):
    """Load ``path``; only InputError may escape (anything else fails the test)."""
    try:
        return load(path, **kw)
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc), repr(exc)
        return None


# bad rows that can never become a record: every reader must report them and go on
_INVISIBLE = st.sampled_from(["\u200b", "\u200f", "\u202e", "\x00", "\ufeff", "\u2060"])
bad_ids = st.one_of(
    st.builds(lambda a, z, b: a + z + b, st.text("PXE0129", min_size=1, max_size=4), _INVISIBLE,
              st.text("PXE0129", max_size=3)),
    st.sampled_from(["#REF!", "#N/A", "#VALUE!", "#DIV/0!", "#NAME?"]))


def _csv_row(cells: list[str]) -> str:
    return ",".join('"' + c.replace('"', '""') + '"' for c in cells) + "\r\n"


@st.composite
def bad_rows(draw, sheet: str):
    bad = draw(bad_ids)
    filler = draw(st.lists(st.text("abcกข =+-@\"';,", max_size=6), min_size=3, max_size=6))
    if sheet == "links":
        return _csv_row([bad, bad] + filler[:2])
    return _csv_row([bad] + filler)


@pytest.fixture(scope="module")
def tmp_root(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


_counter = iter(range(10**9))


def fresh(root: Path) -> Path:
    out = root / f"case{next(_counter)}"
    out.mkdir()
    return out


# ---- CSV --------------------------------------------------------------------------------
@FUZZ
@given(graph=plan_graphs(), data=st.data())
def test_csv_bad_rows_are_reported_and_good_rows_survive(tmp_root, graph, data):
    wb = folder_of(fresh(tmp_root), graph)
    sheet = data.draw(st.sampled_from(SHEETS))
    path = wb / f"{sheet}.csv"
    lines = path.read_bytes().decode("utf-8-sig").split("\r\n")
    # only at a record boundary: a quoted value may span lines
    records = [i for i in range(1, len(lines)) if lines[:i] and "".join(lines[:i]).count('"') % 2 == 0]
    at = data.draw(st.sampled_from(records))
    bad = data.draw(bad_rows(sheet)).rstrip("\r\n")
    lines.insert(at, bad)
    if data.draw(st.booleans()):  # and an unclosed quote on the last line
        lines.insert(len(lines) - 1 if lines[-1] == "" else len(lines), 'ZZ,"never closed,x')
    path.write_bytes("\r\n".join(lines).encode("utf-8"))
    got = load(wb)
    assert got.same_content(graph), "good rows lost or rows invented"
    assert got.load_findings, "a bad row went unreported"


@FUZZ
@given(graph=plan_graphs(max_nodes=6), junk=st.binary(max_size=300), sheet=st.sampled_from(SHEETS),
       encoding=st.sampled_from([None, "utf-8", "cp874", "latin-1"]))
def test_csv_random_bytes_never_escape(tmp_root, graph, junk, sheet, encoding):
    wb = folder_of(fresh(tmp_root), graph)
    path = wb / f"{sheet}.csv"
    data = path.read_bytes()
    cut = len(junk) % (len(data) + 1)
    path.write_bytes(data[:cut] + junk + data[cut:])
    loads_or_refuses(wb, encoding=encoding)


@FUZZ
@given(text=st.text(max_size=400))
def test_csv_random_text_never_escapes(tmp_root, text):
    wb = fresh(tmp_root)
    for sheet in SHEETS:
        (wb / f"{sheet}.csv").write_text(text if sheet == "plans" else "id\r\n", encoding="utf-8")
    loads_or_refuses(wb)


# ---- XLSX -------------------------------------------------------------------------------
@FUZZ
@given(graph=plan_graphs(), sheet=st.sampled_from(SHEETS), bad=bad_ids)
def test_xlsx_bad_rows_are_reported_and_good_rows_survive(tmp_root, graph, sheet, bad):
    from openpyxl import load_workbook

    path = export(graph, fresh(tmp_root) / "wb.xlsx")
    from stratlink.loaders.sheets import ooxml_escape

    book = load_workbook(path)
    book[sheet].append([ooxml_escape(bad), ooxml_escape(bad), "x", "y"])
    book.save(path)
    got = load(path)
    assert got.same_content(graph) and got.load_findings


@FUZZ
@given(graph=plan_graphs(max_nodes=6), data=st.data())
def test_xlsx_damaged_bytes_never_escape(tmp_root, graph, data):
    path = export(graph, fresh(tmp_root) / "wb.xlsx")
    raw = bytearray(path.read_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    path.write_bytes(bytes(raw))
    loads_or_refuses(path)


@FUZZ
@given(graph=plan_graphs(max_nodes=6), member=st.sampled_from(["xl/worksheets/sheet1.xml", "xl/workbook.xml",
                                                               "[Content_Types].xml", "xl/sharedStrings.xml"]),
       junk=st.binary(max_size=200), keep=st.floats(0, 1))
def test_xlsx_damaged_parts_never_escape(tmp_root, graph, member, junk, keep):
    path = export(graph, fresh(tmp_root) / "wb.xlsx")
    buf = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            part = src.read(info)
            if info.filename == member:
                part = part[: int(len(part) * keep)] + junk
            dst.writestr(info, part)
    path.write_bytes(buf.getvalue())
    loads_or_refuses(path)


def test_xlsx_entity_expansion_is_refused(tmp_path):
    """A 'billion laughs' DOCTYPE in a worksheet: refused quickly, never expanded."""
    from openpyxl import Workbook

    path = tmp_path / "lol.xlsx"
    wb = Workbook()
    wb.active.title = "plans"
    wb.active.append(["id", "level", "name_en"])
    wb.save(path)
    lol = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">' + b"".join(
        b'<!ENTITY %c "%s">' % (98 + i, (b"&%c;" % (97 + i)) * 10) for i in range(9)) + b"]>"
    buf = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = part.split(b"?>", 1)[1] if part.startswith(b"<?xml") else part
                part = lol + body.replace(b"<t>id</t>", b"<t>&j;</t>", 1)
            dst.writestr(info, part)
    path.write_bytes(buf.getvalue())
    with pytest.raises(InputError, match="not a readable .xlsx workbook"):
        load(path)


# ---- RDF --------------------------------------------------------------------------------
RDF = [("x.ttl", "turtle"), ("x.jsonld", "json-ld"), ("x.nt", "nt")]


@FUZZ
@given(graph=plan_graphs(max_nodes=6), form=st.sampled_from(RDF), data=st.data())
def test_rdf_damaged_text_never_escapes(tmp_root, graph, form, data):
    path = export(graph, fresh(tmp_root) / form[0])
    text = path.read_text("utf-8")
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 40))
        text = text[:at] + data.draw(st.text(max_size=20)) + text[at + cut:]
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    got = loads_or_refuses(path)
    if got is not None:  # nothing invented: every loaded id occurs in the text
        for table in ("plans", "elements", "projects"):
            for rid in getattr(got, table):
                assert rid in text or any(ch in rid for ch in "%\\") or rid.replace(" ", "%20") in text


@FUZZ
@given(graph=plan_graphs(), form=st.sampled_from(RDF))
def test_rdf_round_trip_keeps_everything(tmp_root, graph, form):
    path = export(graph, fresh(tmp_root) / form[0])
    assert load(path).same_content(graph)


@FUZZ
@given(text=st.text(max_size=300), form=st.sampled_from(RDF))
def test_rdf_random_text_never_escapes(tmp_root, text, form):
    path = fresh(tmp_root) / form[0]
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    loads_or_refuses(path, format=form[1])


# ---- policy TOML ------------------------------------------------------------------------
toml_values = st.recursive(
    st.one_of(st.text(max_size=12), st.integers(-5, 20), st.booleans(), st.floats(allow_nan=False)),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["name", "label_th", "x"]), inner,
                                                               max_size=3), max_leaves=10)


def _toml(value) -> str:
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, str):
        return json.dumps(value)
    return repr(value)


@FUZZ
@given(doc=st.dictionaries(st.sampled_from(["name", "top_level", "max_level_jump", "coverage_levels", "levels",
                                            "other"]), toml_values, max_size=6))
def test_policy_files_give_a_policy_or_a_policy_error(tmp_root, doc):
    path = fresh(tmp_root) / "p.toml"
    path.write_text("\n".join(f"{k} = {_toml(v)}" for k, v in doc.items()), encoding="utf-8")
    try:
        policy = load_policy(path)
    except PolicyError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert policy.level_names


@FUZZ
@given(raw=st.binary(max_size=200) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_policy_random_bytes_give_a_policy_error(tmp_root, raw):
    path = fresh(tmp_root) / "p.toml"
    path.write_bytes(raw)
    try:
        load_policy(path)
    except PolicyError:
        pass


# ---- the wide sheet (import-wide) ---------------------------------------------------------
WIDE_HEADER = "รหัสโครงการ,ชื่อโครงการ,ปีงบประมาณ,งบประมาณ (บาท),ยุทธศาสตร์ชาติ 20 ปี,แผนพัฒนาจังหวัด"
WIDE_ROWS = ["W1,โครงการหนึ่ง,2567,100,S1,G1", "W2,โครงการสอง,2567,200,S1,G1", "W3,โครงการสาม,2568,300,,G1"]


@pytest.fixture(scope="module")
def wide_plans(tmp_path_factory):
    import importlib.util

    root = tmp_path_factory.mktemp("wideplans")
    spec = importlib.util.spec_from_file_location("make_bad", Path(__file__).parent / "data" / "bad" / "make_bad.py")
    mb = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mb)
    return mb.folder(root, "plans", projects="id,plan_id,name_th\r\n", links="source_id,target_id\r\nG1,S1\r\n")


def _import_wide_or_refuse(sheet: Path, plans: Path):
    from stratlink.wide import import_wide

    try:
        return import_wide(sheet, plans)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc), repr(exc)
        return None


@FUZZ
@given(junk=st.binary(max_size=300), at=st.integers(0, 400))
def test_wide_sheet_random_bytes_never_escape(tmp_root, wide_plans, junk, at):
    path = fresh(tmp_root) / "wide.csv"
    data = "\n".join([WIDE_HEADER, *WIDE_ROWS]).encode("utf-8")
    at = min(at, len(data))
    path.write_bytes(data[:at] + junk + data[at:])
    _import_wide_or_refuse(path, wide_plans)


@FUZZ
@given(row=st.lists(st.text(max_size=12), min_size=1, max_size=8), at=st.integers(1, 3))
def test_wide_sheet_odd_rows_keep_the_good_projects(tmp_root, wide_plans, row, at):
    path = fresh(tmp_root) / "wide.csv"
    rows = list(WIDE_ROWS)
    # a row of random text whose id cell cannot collide with the good ids
    rows.insert(at, _csv_row(["X" + row[0]] + row[1:]).rstrip("\r\n"))
    path.write_text("\n".join([WIDE_HEADER, *rows]) + "\n", encoding="utf-8")
    result = _import_wide_or_refuse(path, wide_plans)
    if result is not None:
        assert {"W1", "W2", "W3"} <= set(result.graph.projects), "a good row was lost"
        invented = set(result.graph.projects) - {"W1", "W2", "W3"}
        assert all(pid.startswith("X") or pid == ("X" + row[0]).strip() for pid in invented), invented
