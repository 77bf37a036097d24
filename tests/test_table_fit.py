"""Tables that fit the terminal: the coverage table keeps its names readable at 80,
100 and 120 columns in both languages (its stage columns become one when they would
leave the names no room)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import SAMPLE

from stratlink.cli import main
from stratlink.viz.table import display_width, render_table


def test_a_wrapped_header_counts_its_widest_line():
    out = render_table(["a", "budget\n(primary)"], [["x", "1"]])
    assert out.splitlines()[0].rstrip() == "a  budget"
    assert out.splitlines()[2] == "-  ---------"


@pytest.mark.parametrize("lang", ["en", "th"])
@pytest.mark.parametrize("columns", [80, 100, 120])
def test_coverage_fits_with_readable_names(lang, columns):
    r = CliRunner().invoke(main, ["coverage", str(SAMPLE), "--lang", lang], env={"COLUMNS": str(columns)})
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert max(map(display_width, lines)) <= columns
    rule = next(line for line in lines if line.startswith("---"))
    name_width = len(rule.split()[0])
    assert name_width >= 12 and ("NS-S1 Sec" in r.output or "NS-S1 ยุทธ" in r.output), rule
    stage_columns = 3 if len(rule.split()) == 8 else 1
    assert stage_columns == 3 or ("0/0/0" in r.output and columns < 120)
