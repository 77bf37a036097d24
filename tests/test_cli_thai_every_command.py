"""Issue 14's done-when, for every command (tests/test_cli_thai.py covers the reading
commands on the sample; this file adds the writing ones, the locale and alignment):

* every command's text output, at 80 and 120 columns, fits and its table columns line
  up with Thai text (combining marks take no column: a row whose widths were counted
  in characters would start a column inside a word);
* every command with ``--lang th``, and with ``LANG=th_TH.UTF-8`` and no ``--lang``,
  shows no English word outside ids, codes, user data and an allow-list;
* the Neo4j commands' connection error is Thai and says how to start the test server.
"""

from __future__ import annotations

import re
import shutil

import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLE
from test_cli_thai import ALLOWED, english_words, sample_vocabulary

from stratlink.cli import main
from stratlink.viz.table import display_width

THAI = re.compile(r"[\u0E00-\u0E7F]")
EXAMPLES = ROOT / "examples"

#: every command, run in a folder holding a copy of the sample ("roiet") and of the wide
#: sheet's inputs, so that paths in messages stay short
RUNS = {
    "info": ["info", "roiet"],
    "validate": ["validate", "roiet", "--no-shacl"],
    "check": ["check", "roiet"],
    "trace": ["trace", "roiet", "PRJ-068"],
    "trace-broken": ["trace", "roiet", "PRJ-061"],
    "trace-down": ["trace", "roiet", "NS-S2", "--down"],
    "matrix": ["matrix", "roiet", "--format", "text"],
    "coverage": ["coverage", "roiet"],
    "export": ["export", "roiet", "--to", "out.ttl"],
    "template": ["template", "-o", "t.xlsx"],
    "map": ["map", "roiet", "-o", "m.html"],
    "report": ["report", "roiet", "-o", "r.html"],
    "export-wide": ["export-wide", "roiet", "-o", "w.xlsx"],
    "import-wide": ["import-wide", "wide.xlsx", "--plans", "plans", "--map", "wide.toml", "-o", "i.xlsx"],
    "generate": ["generate", "gen", "--projects", "20", "--provinces", "1"],
    "neo4j import-files": ["neo4j", "import-files", "roiet", "imp"],
}
#: a table with a message column: its wrapped lines continue under that column
GROUPED = {"check", "validate"}


@pytest.fixture
def here(tmp_path, monkeypatch):
    shutil.copytree(SAMPLE, tmp_path / "roiet")
    shutil.copytree(EXAMPLES / "roiet-2561-plans", tmp_path / "plans")
    shutil.copy(EXAMPLES / "roiet-2561-wide.xlsx", tmp_path / "wide.xlsx")
    shutil.copy(EXAMPLES / "roiet-2561-wide.toml", tmp_path / "wide.toml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(args, columns: int, lang: str | None, locale: str | None = None):
    env = {"COLUMNS": str(columns), "STRATLINK_LANG": None, "LC_ALL": None, "LC_MESSAGES": None,
           "LANG": locale or "C.UTF-8"}
    if lang:
        env["STRATLINK_LANG"] = "en"  # --lang must win over the environment
        args = [*args, "--lang", lang]
    result = CliRunner().invoke(main, args, env=env)
    # exit 1 means findings, never a traceback
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


# ---- alignment -------------------------------------------------------------------
def cells(line: str) -> list[tuple[int, int]]:
    """(first, end) display columns of each cell of a rendered row: runs of text
    separated by two or more spaces."""
    return [(display_width(line[:m.start()]), display_width(line[:m.end()]))
            for m in re.finditer(r"[^ ]+(?: [^ ]+)*", line)]


def misaligned(output: str, grouped: bool = False) -> list[str]:
    """Cells that neither start where their column starts nor end where it ends (a
    right-aligned number), in display columns: the last cell of every row and every
    cell right of the first column (the first column holds names, user data that may
    itself hold double spaces). With ``grouped``, wrapped message lines that do not
    continue under a cell of their row's first line."""
    lines = output.splitlines()
    problems = []
    for n, line in enumerate(lines):
        if not re.fullmatch(r"-+( +-+)*", line):
            continue
        runs = [(m.start(), m.end()) for m in re.finditer(r"-+", line)]
        starts, ends = {s for s, _ in runs}, {e for _, e in runs}
        first_end = runs[0][1]
        for row in lines[n + 1:]:
            if not row.strip():
                break
            row_cells = cells(row)
            checked = [c for c in row_cells[:-1] if c[0] >= first_end] + row_cells[-1:]
            problems += [f"{row!r}: a cell at {a}-{b}" for a, b in checked
                         if a not in starts and b not in ends]
    if grouped:
        first = None
        for line in lines:
            indent = len(line) - len(line.lstrip(" "))
            if not line.strip():
                first = None
            elif indent <= 2:
                first = line
            elif first is not None and indent not in {a for a, _ in cells(first)}:
                problems.append(f"{line!r} continues at column {indent}, not under a cell of {first!r}")
    return problems


def test_misaligned_finds_rows_counted_in_characters():
    """The check can fail: a table padded by len() (a Thai mark counted as a column)."""
    rows = [("ยุทธศาสตร์ชาติ", "x"), ("P1", "y")]
    w = max(len(a) for a, _ in rows)
    bad = "\n".join(["name" + " " * (w - 2) + "v", "-" * 10 + "  -",
                     *(a + " " * (w - len(a) + 2) + b for a, b in rows)])
    assert misaligned(bad)
    from stratlink.viz.table import render_table

    assert not misaligned(render_table(["name", "v"], [list(r) for r in rows]))


@pytest.mark.parametrize(("lang", "columns"), [("th", 80), ("th", 120), ("en", 80), ("en", 120)])
@pytest.mark.parametrize("name", list(RUNS))
def test_every_command_fits_and_aligns(here, name, lang, columns):
    result = invoke(RUNS[name], columns, lang)
    assert result.exit_code in (0, 1), result.output
    lines = result.output.splitlines()
    assert lines
    too_wide = [line for line in lines if display_width(line) > columns]
    assert not too_wide, too_wide[:3]
    assert not misaligned(result.output, name in GROUPED), misaligned(result.output)[:3]


# ---- Thai throughout ----------------------------------------------------------------
def user_words() -> set[str]:
    """Latin words of the sample, its wide sheet's map and the output file names."""
    words = sample_vocabulary() | {"roiet", "plans", "wide", "gen", "imp", "out", "t", "m", "r", "w", "i",
                                   "nothing"}
    toml = (EXAMPLES / "roiet-2561-wide.toml").read_text(encoding="utf-8")
    words.update(re.findall(r"[A-Za-z][A-Za-z0-9_\-.]*", toml))
    return words


@pytest.mark.parametrize("how", ["--lang th", "LANG=th_TH.UTF-8"])
@pytest.mark.parametrize("name", list(RUNS))
def test_every_command_speaks_thai(here, name, how):
    if how == "--lang th":
        result = invoke(RUNS[name], 120, "th")
    else:
        result = invoke(RUNS[name], 120, None, locale="th_TH.UTF-8")
    assert result.exit_code in (0, 1), result.output
    assert THAI.search(result.output), result.output
    left = english_words(result.output, ALLOWED | user_words())
    assert not left, sorted(left)


@pytest.mark.parametrize("args", [["check", "nothing"], ["trace", "roiet", "NOPE"],
                                  ["check", "roiet", "--format", "yaml"], ["generate", "gen"],
                                  ["trace", "roiet"]])
def test_errors_speak_thai_from_the_locale(here, args):
    result = invoke(args, 100, None, locale="th_TH.UTF-8")
    assert result.exit_code == 2, result.output
    assert result.output.startswith(("ข้อผิดพลาด:", "วิธีใช้:")), result.output
    assert not english_words(result.output, ALLOWED | user_words()), result.output


@pytest.mark.parametrize("args", [["neo4j", "check"], ["neo4j", "trace", "PRJ-001"]])
def test_neo4j_connection_error_is_thai_with_the_start_hint(args):
    result = CliRunner().invoke(main, [*args, "--uri", "bolt://127.0.0.1:1", "--lang", "th"],
                                env={"NEO4J_PASSWORD": "x"})
    assert result.exit_code == 3, result.output
    assert result.output.startswith("ข้อผิดพลาด: เชื่อมต่อ Neo4j ที่ bolt://127.0.0.1:1 ไม่ได้")
    assert 'เปิดเซิร์ฟเวอร์ทดสอบในเครื่องด้วย: eval "$(make -s neo4j)"' in result.output


@pytest.mark.parametrize("path", [[], ["check"], ["neo4j", "load"], ["import-wide"], ["generate"]])
def test_help_is_thai_from_the_locale(path):
    result = CliRunner().invoke(main, [*path, "--help"], env={
        "STRATLINK_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "th_TH.UTF-8",
        "COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    assert result.output.startswith("วิธีใช้:")
    assert not english_words(result.output, ALLOWED)
