"""`export --format` writes the form it names whatever the extension of --to (issue 7:
the one table of formats gives the CLI its choices, and --format overrides the suffix)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import SAMPLE

from stratlink.cli import main
from stratlink.loaders import load
from stratlink.loaders.formats import FORMAT_NAMES, detect


@pytest.mark.parametrize("fmt", ["turtle", "nt", "json-ld", "xlsx"])
def test_format_wins_over_the_suffix(tmp_path, fmt):
    out = tmp_path / "plans.data"
    r = CliRunner().invoke(main, ["export", str(SAMPLE), "--to", str(out), "--format", fmt, "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert detect(out).name == fmt
    assert load(out, format=fmt).counts() == load(SAMPLE).counts()


def test_the_choices_are_the_table_of_formats():
    export = main.commands["export"]
    option = next(p for p in export.params if p.name == "out_format")
    assert tuple(option.type.choices) == FORMAT_NAMES
