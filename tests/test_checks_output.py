"""Rendering a check report: Thai text aligned by display width, csv, markdown, summary."""

from __future__ import annotations

import csv
import io

from wcwidth import wcswidth

from stratlink.loaders.testing import graph_from_csv
from stratlink.queries import check
from stratlink.viz.output import render_check, summary_line
from stratlink.viz.table import clip, display_width
from stratlink.viz.table import render_table as table


def report():
    return check(graph_from_csv(
        plans="id,level,name_th\nNS,national,ยุทธศาสตร์ชาติ\nPV,province,แผนพัฒนาจังหวัด",
        elements="id,plan_id,kind,name_th\nS1,NS,strategy,ความมั่นคง\nโครงการย่อย,PV,goal,เป้าหมาย",
        projects="id,plan_id,name_th\nP|1,PV,ถนน\nป-๒,PV,ถนน",
        links="source_id,target_id\nP|1,S1"))


def starts_of(line: str) -> list[int]:
    """Display columns where the cells of a table line start (cells are 2+ spaces apart)."""
    cols, width, spaces = [], 0, 2
    for ch in line:
        if ch != " " and spaces >= 2:
            cols.append(width)
        spaces = spaces + 1 if ch == " " else 0
        width += max(wcswidth(ch), 0)
    return cols


def test_thai_findings_grouped_by_code_and_aligned():
    text = render_check(report(), "text", "th")
    blocks = text.rstrip("\n").split("\n\n")
    assert blocks[-1] == summary_line(report(), "th")  # no width: one line
    heads = [b.splitlines()[0] for b in blocks[:-1]]
    assert heads[0] == "ข้อผิดพลาด  ORPHAN_PROJECT  (1)"
    assert sum(int(h.rsplit("(", 1)[1].rstrip(")")) for h in heads) == 5
    assert all(h.startswith(("ข้อผิดพลาด", "คำเตือน")) for h in heads)
    for block in blocks[:-1]:
        rows = block.splitlines()[1:]
        assert rows and all(r.startswith("  ") for r in rows)
        assert len({tuple(starts_of(r)[:2]) for r in rows}) == 1, rows


def test_text_fits_a_narrow_terminal_with_thai_names():
    from stratlink.viz.labels import Labels

    r = report()
    g = graph_from_csv(
        plans="id,level,name_th\nNS,national,ยุทธศาสตร์ชาติ\nPV,province,แผนพัฒนาจังหวัด",
        elements="id,plan_id,kind,name_th\nS1,NS,strategy,ความมั่นคง\nโครงการย่อย,PV,goal,เป้าหมาย",
        projects="id,plan_id,name_th\nP|1,PV,ถนน\nป-๒,PV,ถนนลาดยางสายบ้านหนองแคนถึงบ้านโนนสวรรค์ตำบลเกาะแก้ว")
    for width in (60, 80, 120):
        text = render_check(r, "text", "th", Labels.from_graph(g), width)
        assert max(display_width(line) for line in text.splitlines()) <= width
        assert "ป-๒ ถนนลาดยาง" in text  # the name beside the id, clipped if it must be


def test_summary_line_words():
    r = report()
    assert summary_line(r, "en") == "1 error(s), 4 warning(s); 1 of 2 project(s) reach the top level"
    assert summary_line(r, "th").startswith("ข้อผิดพลาด 1 รายการ คำเตือน 4 รายการ")


def test_csv_and_markdown():
    r = report()
    rows = list(csv.reader(io.StringIO(render_check(r, "csv", "en"))))
    assert rows[0] == ["code", "severity", "subject", "related", "message", "sheet", "row", "column"]
    assert rows[1][:4] == ["ORPHAN_PROJECT", "error", "ป-๒", ""] and rows[1][5:] == ["projects", "3", ""]
    md = render_check(r, "markdown", "en").splitlines()
    assert md[0] == summary_line(r, "en")
    assert md[2].startswith("| severity | code |")
    assert any("P\\|1" in line for line in md)  # a | in an id is escaped


def test_width_helpers():
    assert display_width("ที่เกี่ยวข้อง") == 8  # 8 base letters, 5 marks of width 0
    assert display_width(clip("ยุทธศาสตร์ชาติ" * 5, 10)) <= 10
    assert table(["a", "ข"], [["ชาติ", "x"]]).splitlines()[2] == "ชาติ  x"
