"""Every command shown in the READMEs runs on the bundled sample (no traceback,
exit 0, or 1 where findings are reported), and every command has a --help example."""

from __future__ import annotations

import re
import shlex

import click
import pytest
from click.testing import CliRunner
from conftest import ROOT

from stratlink.cli import main

FENCE = re.compile(r"```sh\n(.*?)```", re.S)


def readme_commands(name: str) -> list[str]:
    text = (ROOT / name).read_text(encoding="utf-8")
    lines = []
    for block in FENCE.findall(text):
        for line in block.splitlines():
            line = line.split("  #", 1)[0].strip()
            if line.startswith("stratlink ") and not line.startswith("stratlink neo4j"):
                lines.append(line)
    return lines


COMMANDS = sorted(set(readme_commands("README.md") + readme_commands("README.th.md")))


def test_the_readmes_show_commands():
    assert len(COMMANDS) >= 8


@pytest.mark.parametrize("line", COMMANDS)
def test_readme_command_runs(line, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    args = shlex.split(line)[1:]
    # outputs (the value after --to or -o, and any .html) go to a temporary folder
    args = [str(tmp_path / a) if (i and args[i - 1] in ("--to", "-o")) or a.endswith(".html") else a
            for i, a in enumerate(args)]
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    if args[0] in ("check", "validate", "import-wide"):
        assert result.exit_code == 1  # the samples hold deliberate errors
    else:
        assert result.exit_code == 0, result.output


def _commands(group: click.Group, prefix=()):
    for name, cmd in sorted(group.commands.items()):
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, prefix + (name,))
        else:
            yield prefix + (name,)


@pytest.mark.parametrize("path", list(_commands(main)), ids=" ".join)
def test_every_command_help_has_an_example(path):
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and "stratlink " + " ".join(path) in result.output
