"""to_frame() on the results (pandas, optional) and their short repr."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import stratlink as sl

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "roiet-2561"


@pytest.fixture(scope="module")
def graph():
    return sl.load(SAMPLE)


def test_check_frame_matches_the_report(graph):
    report = sl.check(graph)
    frame = report.to_frame("th")
    assert len(frame) == len(report.findings)
    first = report.findings[0]
    row = frame.iloc[0]
    assert (row["code"], row["subject"], row["related"], row["message"]) == \
        (first.code, first.subject, list(first.related), first.message("th"))
    assert row["sheet"] == first.location.sheet and row["row"] == first.location.row


def test_matrix_and_coverage_frames_match_to_dict(graph):
    m = sl.matrix(graph)
    frame = m.to_frame()
    assert frame.shape == (len(m.projects), len(m.tops))
    for r in m.to_dict()["rows"][:10]:
        assert frame.loc[r["project"]].to_dict() == r["cells"]
    c = sl.coverage(graph)
    cf = c.to_frame()
    for r in c.rows:
        assert cf.loc[r.element, "budget_primary"] == r.budget_primary
        assert cf.loc[r.element, "upstream"] == r.stages["upstream"]


def test_trace_frames(graph):
    t = sl.trace(graph, "PRJ-001")
    frame = t.to_frame()
    assert [list(p) for p in t.paths] == frame["path"].tolist()
    assert set(frame["end"]) <= set(p[-1] for p in t.paths)
    d = sl.trace_down(graph, "NS-S2")
    assert d.to_frame()["project"].tolist() == list(d.projects)


def test_without_pandas_a_clear_hint(graph, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    with pytest.raises(sl.MissingDependency, match=r"pip install 'stratlink\[frames\]'"):
        sl.matrix(graph).to_frame()


def test_short_reprs(graph):
    texts = [repr(x) for x in (sl.check(graph), sl.trace(graph, "PRJ-001"),
                               sl.trace_down(graph, "NS-S2"), sl.matrix(graph), sl.coverage(graph))]
    assert all(t.startswith("<") and len(t) < 100 for t in texts), texts
