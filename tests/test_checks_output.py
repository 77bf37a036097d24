"""Rendering a check report: Thai text aligned by display width, csv, markdown, summary."""

from __future__ import annotations

import csv
import io

from wcwidth import wcswidth

from stratlink.queries import check
from stratlink.queries.testing import graph_from_csv
from stratlink.viz.output import render_check, summary_line
from stratlink.viz.table import clip, display_width
from stratlink.viz.table import render_table as table


def report():
    return check(graph_from_csv(
        plans="id,level,name_th\nNS,national,ยุทธศาสตร์ชาติ\nPV,province,แผนพัฒนาจังหวัด",
        elements="id,plan_id,kind,name_th\nS1,NS,strategy,ความมั่นคง\nโครงการย่อย,PV,goal,เป้าหมาย",
        projects="id,plan_id,name_th\nP|1,PV,ถนน\nป-๒,PV,ถนน",
        links="source_id,target_id\nP|1,S1"))


def test_thai_table_columns_line_up():
    text = render_check(report(), "text", "th")
    lines = text.splitlines()
    header, rule, rows = lines[0], lines[1], lines[2:-2]
    assert len(rows) == 5 and lines[-2] == ""
    starts = [i for i, ch in enumerate(rule) if ch == "-" and (i == 0 or rule[i - 1] == " ")]
    for line in [header, *rows]:
        # the display column where each cell starts is the same as in the rule line
        cols, width, prev_space = [], 0, True
        for ch in line:
            if ch != " " and prev_space:
                cols.append(width)
            prev_space = ch == " "
            width += max(wcswidth(ch), 0)
        assert cols[:3] == starts[:3], line
    assert "ข้อผิดพลาด" in text and "คำเตือน" in text
    assert lines[-1] == summary_line(report(), "th")


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
