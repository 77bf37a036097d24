"""The columnar loader (the default for CSV and .xlsx) gives exactly the row loader's
graph: the same records (values, types, extra columns, row numbers), the same load
findings (codes, subjects, related, locations, messages in both languages), era and
sheets -- on the sample, generated national workbooks, hypothesis workbooks, and raw
CSV text full of quotes, separators and line breaks. ``check`` on a columnar graph
never builds the typed records.
"""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import plan_graphs

import stratlink as sl
from stratlink.generate import generate
from stratlink.graph_model import SHEET_ORDER
from stratlink.loaders.columnar import _csv_fast, from_raw, load_workbook_columnar
from stratlink.loaders.sheets import _csv_sheet
from stratlink.loaders.workbook import load_workbook, write_csv_folder, write_xlsx


def assert_same_load(path, **kw):
    a = load_workbook(path, **kw)
    b = load_workbook_columnar(path, **kw)
    assert not b.materialised
    fa = [(f.identity(), f.message("en"), f.message("th")) for f in a.load_findings]
    fb = [(f.identity(), f.message("en"), f.message("th")) for f in b.load_findings]
    assert fb == fa
    assert (b.era, b.sheets, b.counts()) == (a.era, a.sheets, a.counts())
    for sheet in SHEET_ORDER:
        ra, rb = a.records(sheet), b.records(sheet)
        assert rb == ra, sheet
        assert [r.row for r in rb] == [r.row for r in ra], sheet
        for x, y in zip(ra, rb):  # same types and written forms, not only equal values
            assert {k: (type(v), str(v)) for k, v in vars(y).items()} == \
                {k: (type(v), str(v)) for k, v in vars(x).items()}
    return b


def test_sample_csv_and_xlsx(sample_dir):
    assert_same_load(sample_dir)
    assert_same_load(sample_dir.parent / "roiet-2561.xlsx")


def test_generated_workbook_with_planted_load_findings(tmp_path):
    generate(tmp_path / "g", 3000, seed=3, provinces=3, progress=False)
    g = assert_same_load(tmp_path / "g")
    codes = {f.code for f in g.load_findings}
    assert codes >= {"DUPLICATE_ID", "UNKNOWN_REFERENCE", "INVALID_VALUE"}


def test_check_builds_no_records(tmp_path):
    generate(tmp_path / "g", 2000, seed=1, provinces=2, progress=False)
    g = sl.load(tmp_path / "g")
    report = sl.check(g)
    sl.trace(g, "PRJ-0000001")
    assert not g.materialised
    assert report.summary.projects == 2000
    # the records, when asked for, give the same answers through the reference engine
    assert sl.check(g, engine="networkx") == report
    assert g.materialised


def test_a_change_to_the_records_reaches_the_engines(sample_dir):
    from stratlink.graph_model import Link

    g = sl.load(sample_dir)
    before = sl.check(g).summary
    g.add(Link("PRJ-043", "NS-S1"))  # an orphan project gets a link
    after = sl.check(g).summary
    assert after.complete == before.complete + 1
    assert sl.check(g) == sl.check(g, engine="networkx")


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(g=plan_graphs(), xlsx=st.booleans())
def test_hypothesis_workbooks(tmp_path_factory, g, xlsx):
    out = tmp_path_factory.mktemp("wb")
    if xlsx:
        path = write_xlsx(g, out / "wb.xlsx")
    else:
        write_csv_folder(g, out / "wb")
        path = out / "wb"
    assert_same_load(path)


CELL = st.text(alphabet='ab ,"\r\n\tก\u00a0', max_size=6)


@settings(max_examples=300, deadline=None)
@given(header=st.lists(st.sampled_from(["id", "ID", "name_th", "", "x", "id "]), min_size=1, max_size=4),
       rows=st.lists(st.lists(CELL, min_size=0, max_size=5), max_size=6), quote=st.booleans())
def test_pyarrow_csv_reads_what_the_row_reader_reads(header, rows, quote):
    """Raw CSV text (quoted or not, ragged rows, blank lines, stray quotes): where the
    pyarrow path takes the file, its columns equal the row reader's."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL if quote else csv.QUOTE_NONE,
                   escapechar="\\" if not quote else None)
    try:
        w.writerow(header)
        w.writerows(rows)
    except csv.Error:
        return
    text = buf.getvalue()
    try:
        slow = from_raw(_csv_sheet("projects", "p.csv", text))
    except sl.InputError:
        return
    fast = _csv_fast("projects", "p.csv", text)
    if fast is None:
        return
    assert fast.headers == slow.headers
    assert fast.row.tolist() == slow.row.tolist()
    for h in slow.headers:
        assert fast.cols[h].to_pylist() == slow.cols[h].to_pylist(), h


@pytest.mark.parametrize("text", [
    'id,name_th\n"a"b,x\n',           # text after a closing quote
    'id,name_th\na"b,"x""y"\n',       # a quote inside an unquoted cell; an escaped quote
    'id,name_th\n\n\na,b\n',          # blank lines keep their row numbers
    'id,name_th\n"a\nb",c\r\nd,e\r\n',  # a line break inside a cell; CRLF
    'id,name_th\n a ,\u00a0b\u00a0\n',  # trimming as str.strip()
    'id,name_th\na,b,c\n',            # a cell beyond the header
])
def test_csv_corner_cases(text):
    slow = from_raw(_csv_sheet("projects", "p.csv", text))
    fast = _csv_fast("projects", "p.csv", text)
    if fast is not None:
        assert (fast.headers, fast.row.tolist()) == (slow.headers, slow.row.tolist())
        for h in slow.headers:
            assert fast.cols[h].to_pylist() == slow.cols[h].to_pylist()


def test_the_trimmed_characters_are_those_of_str_strip():
    from stratlink.loaders.columnar import _SPACE_CHARS

    assert _SPACE_CHARS == "".join(chr(c) for c in range(0x110000) if chr(c).isspace())


def test_the_invisible_characters_are_those_of_the_guards():
    import re

    import pyarrow as pa
    import pyarrow.compute as pc

    from stratlink.graph_model.messages import INVISIBLE_CHARS as _INVISIBLE
    from stratlink.loaders.columnar import _RE_INVISIBLE

    chars = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]
    fast = pc.match_substring_regex(pa.array(chars), _RE_INVISIBLE).to_pylist()
    assert fast == [bool(re.search(_INVISIBLE, c)) for c in chars]


def test_bad_corpus_loads_the_same(tmp_path):
    """Every case of the bad-input corpus: the same graph and findings, or the same refusal."""
    from pathlib import Path

    bad = Path(__file__).parent / "data" / "bad"
    cases = sorted(p for p in bad.iterdir() if p.is_dir() or p.suffix == ".xlsx") if bad.exists() else []
    if not cases:
        pytest.skip("no bad-input corpus")
    for case in cases:
        try:
            load_workbook(case)
        except sl.InputError as exc:
            with pytest.raises(sl.InputError) as other:
                load_workbook_columnar(case)
            assert str(other.value) == str(exc), case
            continue
        assert_same_load(case)
