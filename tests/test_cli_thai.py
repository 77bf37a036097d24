"""The command line a Thai analyst reads at a glance (issue 14's done-when):

* every command's text output, rendered at 80 and 120 columns, fits and keeps its
  columns aligned with Thai text;
* every command run with ``--lang th`` (and every ``--help``) shows no English word
  outside ids, codes, user data, file names and an allow-list of technical terms.
"""

from __future__ import annotations

import csv
import re

import click
import pytest
from click.testing import CliRunner
from conftest import SAMPLE

from stratlink.cli import main
from stratlink.viz.table import display_width

#: technical words a Thai text may keep in Latin letters: format and file names,
#: standards, products, option values users type, metavariables in usage lines
ALLOWED = {
    "DATA", "ID", "FILE", "NAME", "PLAN", "CYPHER", "WORKBOOK", "SHEET", "OUT", "MAP", "DIR", "PATH",
    "OPTIONS", "COMMAND", "ARGS", "TEXT", "INTEGER", "LEVEL", "K", "V", "JSON", "CSV", "XLSX",
    "SHACL", "RDF", "TOML", "UTF", "BOM", "Neo4j", "Cypher", "Excel", "Turtle", "JSON-LD",
    "N-Triples", "stratlink", "th", "en", "BE", "CE", "cp874", "text", "json", "csv", "markdown",
    "xlsx", "html", "ttl", "jsonld", "nt", "error", "warning", "never", "primary", "secondary",
    "pip", "install", "make", "eval", "neo4j", "python", "bolt", "localhost", "env", "NEO4J",
    "URI", "USER", "PASSWORD", "DATABASE", "MATCH", "RETURN", "LIMIT", "count", "id", "budget",
    "name", "examples", "roiet", "plans", "PRJ", "NS", "th-one-plan", "ROIET-PDP", "truncated",
    "x", "L_province", "Project", "p", "n", "W", "import", "toml", "cat", "database", "full", "be", "ce", "pyshacl", "shacl", "table",
    "turtle", "rdf", "rdf-xml", "json-ld",  # the names of formats (export --format)
}
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_\-.']*[A-Za-z0-9]|[A-Za-z]")


def sample_vocabulary() -> set[str]:
    """Every Latin word that occurs in the sample's cells and column names (user data)."""
    words = set()
    for f in SAMPLE.glob("*.csv"):
        with open(f, encoding="utf-8-sig", newline="") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    words.update(WORD.findall(cell))
    return words


def spec_names() -> set[str]:
    """The spec's sheet and column names (what users write in their header rows), the
    command names (what they type) and click's program name in tests."""
    from stratlink.graph_model import RECORD_TYPES

    names = {"main", "links"}
    for rtype in RECORD_TYPES:
        names.add(rtype.SHEET)
        names.update(rtype.COLUMNS)
    for path, _ in commands(main):
        names.update(path)
    return names


def english_words(text: str, allowed: set[str]) -> set[str]:
    allowed = allowed | spec_names()
    out = set()
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(("stratlink ", "eval ", "export ", "pip ", "neo4j-admin ", "--map ")):
            continue  # a command to type
        line = re.sub(r"--?[a-z][a-z0-9-]*", " ", line)          # options
        line = re.sub(r"\S*[/\\]\S*|\S+\.(csv|xlsx|ttl|json|html|md|toml)\b", " ", line)  # paths
        line = re.sub(r"(?<![\w-])[A-Z][A-Z0-9_]{2,}(?![\w-])", " ", line)  # codes, env variables
        line = re.sub(r"\S+…", " ", line)                       # clipped to fit
        line = re.sub(r"\$\w+|'[^']*'|\"[^\"]*\"", " ", line)     # parameters and quoted values
        for w in WORD.findall(line):
            if w not in allowed and w.lower() not in allowed and not re.search(r"\d", w):
                out.add(w)
    return out


def commands(cmd: click.Command, path=()):
    yield path, cmd
    for name, sub in getattr(cmd, "commands", {}).items():
        yield from commands(sub, (*path, name))


SAMPLE_RUNS = [
    ["info", SAMPLE],
    ["validate", SAMPLE, "--no-shacl"],
    ["check", SAMPLE],
    ["trace", SAMPLE, "PRJ-001"],
    ["trace", SAMPLE, "PRJ-061"],
    ["trace", SAMPLE, "NS-S2", "--down"],
    ["matrix", SAMPLE, "--format", "text"],
    ["coverage", SAMPLE],
]


def run(args, columns: int, lang: str | None = None):
    extra = ["--lang", lang] if lang else []
    env = {"COLUMNS": str(columns)}
    return CliRunner().invoke(main, [str(a) for a in args] + extra, env=env)


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("args", SAMPLE_RUNS, ids=lambda a: " ".join(map(str, a[:1] + a[2:])))
def test_text_output_fits_and_aligns(args, columns, lang):
    result = run(args, columns, lang)
    assert result.exit_code in (0, 1), result.output
    lines = result.output.splitlines()
    assert lines
    too_wide = [line for line in lines if display_width(line) > columns]
    assert not too_wide, too_wide[:3]


@pytest.mark.parametrize("args", SAMPLE_RUNS, ids=lambda a: " ".join(map(str, a[:1] + a[2:])))
def test_thai_output_has_no_english_words(args):
    result = run(args, 120, "th")
    assert result.exit_code in (0, 1), result.output
    left = english_words(result.output, ALLOWED | sample_vocabulary())
    assert not left, sorted(left)


@pytest.mark.parametrize("path", [p for p, _ in commands(main)], ids=lambda p: " ".join(p) or "main")
def test_thai_help_has_no_english_words(path):
    result = CliRunner().invoke(main, [*path, "--help"], env={"STRATLINK_LANG": "th",
                                                              "COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    left = english_words(result.output, ALLOWED)
    assert not left, sorted(left)


def test_thai_errors_are_thai(tmp_path):
    missing = run(["check", tmp_path / "nothing"], 100, "th")
    assert missing.exit_code == 2
    assert not english_words(missing.output, ALLOWED), missing.output
    unknown = run(["trace", SAMPLE, "NOPE"], 100, "th")
    assert unknown.exit_code == 2
    assert not english_words(unknown.output, ALLOWED), unknown.output
