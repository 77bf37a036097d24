"""`export --format` writes the form it names whatever the extension of --to (issue 7:
the one table of formats gives the CLI its choices, and --format overrides the suffix)."""

from __future__ import annotations

import json

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


def test_from_wins_over_the_suffix_when_reading(tmp_path):
    """Turtle saved under a .json name: by its name it is JSON-LD (and fails to parse);
    `--from turtle` reads it, in every command that reads DATA (here info, check, validate)."""
    ttl = tmp_path / "plans.json"
    r = CliRunner().invoke(main, ["export", str(SAMPLE), "--to", str(ttl), "--format", "turtle"])
    assert r.exit_code == 0, r.output
    by_name = CliRunner().invoke(main, ["info", str(ttl), "--lang", "en"])
    assert by_name.exit_code == 2 and "JSON-LD" in by_name.output
    for args in (["info", str(ttl)], ["check", str(ttl), "--fail-on", "never", "--format", "json"],
                 ["validate", str(ttl), "--fail-on", "never"]):
        r = CliRunner().invoke(main, [*args, "--from", "turtle", "--lang", "en"])
        assert r.exit_code == 0, (args, r.output)
    want = load(SAMPLE).counts()
    r = CliRunner().invoke(main, ["info", str(ttl), "--from", "turtle", "--format", "json"])
    assert {k: v for k, v in json.loads(r.output)["counts"].items() if k in want} == want


def test_every_command_that_reads_data_takes_from():
    readers = {name for name, cmd in main.commands.items()
               if any(p.name == "data" for p in getattr(cmd, "params", ()))}
    readers |= {f"neo4j {name}" for name, cmd in main.commands["neo4j"].commands.items()
                if any(p.name == "data" for p in cmd.params)}
    for path in sorted(readers):
        cmd = main
        for part in path.split():
            cmd = cmd.commands[part]
        names = [opt for p in cmd.params for opt in getattr(p, "opts", ())]
        assert "--from" in names, path
        choices = next(p.type.choices for p in cmd.params if "--from" in getattr(p, "opts", ()))
        assert tuple(choices) == FORMAT_NAMES
