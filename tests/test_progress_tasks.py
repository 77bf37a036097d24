"""Progress of the long operations issue 14 names: writing the map and the report
report a task (the CLI shows it on a terminal's standard error), in the command's
--lang."""

from __future__ import annotations

import click
import pytest
from conftest import SAMPLE

import stratlink as sl
from stratlink import progress
from stratlink.cli import TerminalProgress
from stratlink.viz.map import write_map
from stratlink.viz.report import write_report


class Sink:
    def __init__(self) -> None:
        self.seen: list[tuple[str, dict]] = []

    def start(self, key, args, total):
        self.seen.append((key, args))

    def advance(self, n):
        pass

    def finish(self):
        pass


@pytest.mark.parametrize(("write", "key"), [(write_map, "progress.map"), (write_report, "progress.report")])
def test_writing_a_page_reports_a_task(tmp_path, write, key):
    sink = Sink()
    graph = sl.load(SAMPLE)
    with progress.reporting(sink):
        out = write(graph, tmp_path / "page.html")
    assert (key, {"path": str(out)}) in sink.seen


@pytest.mark.parametrize(("lang", "said"), [("th", "กำลังบันทึกรายงาน r.html ..."),
                                            ("en", "writing the report r.html ...")])
def test_the_terminal_shows_a_task_in_the_commands_language(capsys, lang, said):
    shown = TerminalProgress("en" if lang == "th" else "th")  # the locale's language loses to --lang
    with click.Context(click.Command("report"), info_name="report") as ctx:
        ctx.params["lang"] = lang
        shown.start("progress.report", {"path": "r.html"}, None)
        shown.finish()
    assert capsys.readouterr().err.strip() == said
