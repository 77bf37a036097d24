"""The ``stratlink`` command line: one library call per command.

Library errors become one-line messages; exit status 2 means the input could not
be read at all (or bad usage), 1 that findings at or above ``--fail-on`` exist, 3 a
database or connection problem (Neo4j unreachable, refusing, timed out, or holding an
incomplete or damaged load).
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import importlib
import json
import os
import sys
from pathlib import Path

import click

from stratlink import __version__, progress
from stratlink import load as _stratlink_load
from stratlink.errors import (
    InputError,
    MissingDependency,
    Neo4jError,
    PolicyError,
    QueryError,
    StratlinkError,
)
from stratlink.graph_model import at_or_above, load_policy, summarize
from stratlink.i18n import CLICK_TH, HELP_TH, default_lang, has, lang_of, text, word
from stratlink.loaders import export as run_export
from stratlink.loaders.formats import FORMAT_NAMES
from stratlink.loaders.safety import refuse_overwrite as refuse
from stratlink.loaders.template import write_template
from stratlink.loaders.validate import validate as run_validate
from stratlink.loaders.wide import WideMapError
from stratlink.neo4j import connect, run_cypher
from stratlink.neo4j.bulk import write_import_files
from stratlink.neo4j.engine import CypherEngine
from stratlink.neo4j.state import COMPLETE, incomplete_error, read_state
from stratlink.neo4j.store import DEFAULT_BATCH_SIZE, write_neo4j
from stratlink.queries import check as run_check
from stratlink.queries import coverage as run_coverage
from stratlink.queries import matrix as run_matrix
from stratlink.queries import sort_findings, trace_down
from stratlink.queries import trace as run_trace
from stratlink.viz.excel import write_report
from stratlink.viz.labels import Labels
from stratlink.viz.map import write_map
from stratlink.viz.output import (
    findings_text,
    render_check,
    render_coverage,
    render_matrix,
    render_trace,
    summary_line,
    write_matrix_xlsx,
)
from stratlink.viz.report import write_report as write_report_html
from stratlink.viz.table import clip, display_width, render_table, terminal_width, wrap
from stratlink.viz.wide import render_import
from stratlink.wide import export_wide as run_export_wide
from stratlink.wide import import_wide as run_import
from stratlink.wide import print_map as run_print_map

#: The one map from the library's exception tree to exit statuses (most specific first).
#: 1 is reserved for "findings at or above --fail-on".
EXIT_CODES: tuple[tuple[type[StratlinkError], int], ...] = (
    (InputError, 2),
    (PolicyError, 2),
    (QueryError, 2),
    (MissingDependency, 2),
    (Neo4jError, 3),
    (StratlinkError, 2),
)


#: the Neo4j errors that end with how to start the local test server (nothing answered)
NEEDS_START_HINT = ("error.neo4j.unreachable", "error.neo4j.connect_timeout")


class CleanExit(click.ClickException):
    """A library error as one line on standard error, with its exit status."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.exit_code = code


def exit_code_for(exc: StratlinkError) -> int:
    for cls, code in EXIT_CODES:
        if isinstance(exc, cls):
            return code
    return 2  # pragma: no cover - StratlinkError is the last entry


def library_errors(func):
    """Turn the library's errors into clean one-line messages, in the invocation's
    language, with the status of :data:`EXIT_CODES`; a file the system cannot open is
    input that cannot be read."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        lang = kwargs.get("lang") or default_lang()
        try:
            return func(*args, **kwargs)
        except Neo4jError as exc:
            hint = text("error.neo4j.start_hint", lang) if exc.key in NEEDS_START_HINT else ""
            raise CleanExit(exc.message(lang) + (f"; {hint}" if hint else ""),
                            exit_code_for(exc)) from None
        except StratlinkError as exc:
            raise CleanExit(exc.message(lang), exit_code_for(exc)) from None
        except BrokenPipeError:
            raise  # the reader of standard output went away: StratlinkGroup ends quietly
        except OSError as exc:
            name = getattr(exc, "filename", None) or ""
            raise CleanExit(text("error.os", lang, path=name, reason=exc.strerror or exc).lstrip(": "),
                            2) from None

    return wrapper


def load_data(data, policy: str | None = None, encoding: str | None = None, shared=()):
    """One workbook, or several in one graph (``DATA...`` and ``--shared``)."""
    sources = [data] if isinstance(data, str) else list(data)
    return _stratlink_load(sources, shared=list(shared), policy=policy, encoding=encoding,
                           format=input_format())


def emit(text: str, output: str | None = None, csv_file: bool = False) -> None:
    """Write text to a file (whole, UTF-8, atomically; a CSV file with a byte-order
    mark so that Excel reads the Thai) or to standard output."""
    if output:
        write_report(text if text.endswith("\n") else text + "\n", output, csv_file)
    else:
        click.echo(text)


def refuse_overwrite(data, output: str | None) -> None:
    """--output must not name an input being read (checked before loading)."""
    if output:
        refuse([data] if isinstance(data, str) else list(data), output)


# ---- the console: an encoding that cannot show a character, a closed pipe ------------
_ASCII_FALLBACK = {"→": "->", "←": "<-", "↔": "<->", "…": "...", "–": "-", "—": "-", "‘": "'",
                   "’": "'", "“": '"', "”": '"', "×": "x", "≥": ">=", "≤": "<="}


def _console_fallback(exc: UnicodeError):
    """Codec error handler: ASCII stand-ins for arrows and dashes, '?' for the rest."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    text = exc.object[exc.start:exc.end]
    return "".join(_ASCII_FALLBACK.get(ch, "?") for ch in text), exc.end


def safe_console() -> None:
    """On a console whose encoding is not UTF-8 (``PYTHONIOENCODING=cp874``, a Thai
    Windows code page), characters it cannot show become ASCII stand-ins instead of
    a UnicodeEncodeError; Thai itself is in cp874 and stays."""
    try:
        codecs.lookup_error("stratlink-console")
    except LookupError:
        codecs.register_error("stratlink-console", _console_fallback)
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if encoding and not encoding.startswith("utf") and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="stratlink-console")
            except (ValueError, OSError):  # pragma: no cover - a stream that cannot change
                pass


def _pipe_closed() -> None:
    """Standard output's reader went away (``| head``): send the rest nowhere, so that
    neither stratlink nor Python's exit-time flush reports an error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # a test runner's stream has no file
        pass


class TerminalProgress:
    """Shows the library's progress tasks on standard error (see stratlink.progress):
    a bar when the size is known, else a line saying what is being done."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.bars: list = []

    def start(self, key: str, args: dict, total: int | None) -> None:
        ctx = click.get_current_context(silent=True)  # the command's --lang, once it is parsed
        label = text(key, lang_of((ctx.params.get("lang") if ctx else None) or self.lang), **args)
        if total:
            bar = click.progressbar(length=total, label=label, file=sys.stderr, show_eta=True)
            bar.__enter__()
        else:
            click.echo(f"{label} ...", err=True)
            bar = None
        self.bars.append(bar)

    def advance(self, n: int) -> None:
        if self.bars and self.bars[-1] is not None:
            self.bars[-1].update(n)

    def finish(self) -> None:
        bar = self.bars.pop() if self.bars else None
        if bar is not None:
            bar.update(bar.length - bar.pos)
            bar.__exit__(None, None, None)


CLICK_MODULES = ("core", "exceptions", "parser", "types", "formatting", "decorators", "termui")


def say(message: str, err: bool = False) -> None:
    """One message of a command, wrapped at the terminal's width (at spaces; a long
    path or id is never cut) when it goes to a terminal or ``COLUMNS`` is set; one
    line for a script that reads it."""
    stream = sys.stderr if err else sys.stdout
    width = terminal_width() if os.environ.get("COLUMNS") or stream.isatty() else None
    if width and display_width(message) > width:
        message = "\n".join(wrap(message, width))
    click.echo(message, err=err)


def message_lang(lang: str | None) -> str:
    """The language of a command's own message: ``--lang`` when given on the command
    line, else the locale's (``map``, ``report`` and ``template`` default their
    *document's* language to Thai, which is not a choice of the message's)."""
    ctx = click.get_current_context(silent=True)
    source = ctx.get_parameter_source("lang") if ctx is not None else None
    if lang and source is not None and source.name in ("COMMANDLINE", "ENVIRONMENT"):
        return lang
    return default_lang()


def argv_lang(args) -> str:
    """The language an invocation asks for: ``--lang X`` among its arguments, else the
    locale's (STRATLINK_LANG, LC_ALL, LANG)."""

    args = list(args)
    for i, a in enumerate(args):
        if a == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if a.startswith("--lang="):
            return a.split("=", 1)[1]
    return default_lang()


@contextlib.contextmanager
def localized(root: click.Command, lang: str):
    """Help texts of every command and option, and click's own words (usage, headings,
    usage errors), in ``lang`` for the duration of one invocation; restored after."""
    if lang != "th":
        yield
        return


    saved = []

    def walk(cmd, path):
        yield path, cmd
        for name, sub in getattr(cmd, "commands", {}).items():
            yield from walk(sub, [*path, name])


    for path, cmd in walk(root, []):
        if hasattr(cmd, "_help_option"):  # click caches its --help option (and its English help)
            saved.append((cmd, "_help_option", cmd._help_option))
            cmd._help_option = None
        text = HELP_TH.get("help." + (" ".join(path) or "main"))
        if text:
            saved += [(cmd, "help", cmd.help), (cmd, "short_help", cmd.short_help)]
            cmd.help = text
            cmd.short_help = clip(" ".join(text.split("\n\n")[0].split()), 60)
        for param in cmd.params:
            text = HELP_TH.get(f"option.{' '.join(path)}.{param.name}") or \
                HELP_TH.get(f"option.{param.name}")
            if text and isinstance(param, click.Option):
                saved.append((param, "help", param.help))
                param.help = text
    formatting = importlib.import_module("click.formatting")
    saved.append((formatting, "wrap_text", formatting.wrap_text))
    formatting.wrap_text = wrap_help
    for name in CLICK_MODULES:
        mod = importlib.import_module(f"click.{name}")
        if hasattr(mod, "_"):
            saved.append((mod, "_", mod._))
            mod._ = lambda msg: CLICK_TH.get(msg, msg)
        if hasattr(mod, "ngettext"):
            saved.append((mod, "ngettext", mod.ngettext))
            mod.ngettext = lambda one, many, n: CLICK_TH.get(one if n == 1 else many,
                                                             one if n == 1 else many)
    try:
        yield
    finally:
        for obj, attr, value in reversed(saved):
            setattr(obj, attr, value)


def wrap_help(text: str, width: int = 78, initial_indent: str = "", subsequent_indent: str = "",
              preserve_paragraphs: bool = False) -> str:
    """click's ``wrap_text`` measured in terminal columns and never cutting a Thai letter
    from its vowel or tone marks (click measures by ``len`` and breaks long words
    anywhere, and Thai is written without spaces between words)."""

    def fill(par: str, extra: str = "") -> str:
        first, rest = extra + initial_indent, extra + subsequent_indent
        room = max(width - max(display_width(first), display_width(rest)), 10)
        lines = wrap(" ".join(par.split()), room)
        return "\n".join((first if i == 0 else rest) + line for i, line in enumerate(lines))

    text = text.expandtabs()
    if not preserve_paragraphs:
        return fill(text)
    out, buf, indent = [], [], 0
    for line in [*text.splitlines(), ""]:
        if line:
            if not buf:
                indent = len(line) - len(line.lstrip())
            buf.append(line.strip() if not buf or buf[0] != "\b" else line[indent:])
            continue
        if buf and buf[0] == "\b":
            pad = " " * indent
            out.append("\n".join((pad + initial_indent if i == 0 else pad + subsequent_indent) + b
                                 for i, b in enumerate(buf[1:])))
        elif buf:
            out.append(fill(" ".join(buf), " " * indent))
        buf = []
    return "\n\n".join(out)


class StratlinkGroup(click.Group):
    """The command group: a safe console, the language each invocation asks for (help
    and click's own words), and a closed pipe ends quietly with status 0 (for every
    command)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            _pipe_closed()
            ctx.exit(0)

    def make_context(self, *args, **kwargs):  # `stratlink --help | head` prints here
        try:
            return super().make_context(*args, **kwargs)
        except BrokenPipeError:
            _pipe_closed()
            raise SystemExit(0) from None

    def main(self, args=None, *a, **kwargs):
        safe_console()
        args = sys.argv[1:] if args is None else list(args)
        try:
            with localized(self, argv_lang(args)):  # each invocation in the language it asks for
                return super().main(args, *a, **kwargs)
        except SystemExit:
            try:
                sys.stdout.flush()
            except BrokenPipeError:
                _pipe_closed()
                raise SystemExit(0) from None
            except (OSError, ValueError):  # pragma: no cover - stdout already closed
                pass
            raise


policy_option = click.option(
    "--policy", metavar="FILE", help="a policy TOML file, or the name of a built-in policy "
    "(default: th-one-plan)")
shared_option = click.option(
    "--shared", "shared", multiple=True, metavar="W",
    help="a workbook every DATA may refer to (repeatable; 'national' is the bundled National "
    "Strategy and master plans); with more than one workbook, ids are NAMESPACE:ID")
data_arguments = click.argument("data", metavar="DATA...", nargs=-1, required=True)
csv_encoding_option = click.option(
    "--encoding", metavar="NAME", help="encoding of CSV files (default: detect UTF-8 or cp874)")


def _remember_format(ctx: click.Context, param, value):
    if value:
        ctx.meta["stratlink.from"] = value
    return value


_from = click.option(
    "--from", "from_format", type=click.Choice(FORMAT_NAMES), expose_value=False,
    callback=_remember_format,
    help="read DATA in this format whatever its name (default: from its name, then its content)")


def encoding_option(func):
    """How DATA is read: ``--encoding`` and ``--from`` (every command that reads DATA)."""
    return _from(csv_encoding_option(func))


def input_format() -> str | None:
    """The command's ``--from``, if given."""
    ctx = click.get_current_context(silent=True)
    return ctx.meta.get("stratlink.from") if ctx else None
lang_option = click.option("--lang", type=click.Choice(["en", "th"]), default=None,
                           help="language of messages (default: from the locale)")
output_option = click.option("--output", "-o", metavar="FILE",
                             help="write to FILE instead of standard output")
wide_option = click.option("--wide", is_flag=True,
                           help="one line per row, names in full (default: fit the terminal)")


def text_width(wide: bool, output: str | None = None) -> int | None:
    """The width text tables fit: the terminal's, or none with --wide or into a file."""

    return None if wide or output else terminal_width()


def tree_charset() -> str:
    """Box-drawing characters when standard output can show them, else ASCII."""
    try:
        "├─│└".encode(getattr(sys.stdout, "encoding", None) or "ascii")
    except (UnicodeEncodeError, LookupError):
        return "ascii"
    return "unicode"


@click.group(cls=StratlinkGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="stratlink")
@click.pass_context
def main(ctx: click.Context) -> None:
    """stratlink: trace Thailand's plans and projects up to the National Strategy.

    \b
    Example:
      stratlink info examples/roiet-2561
      stratlink check examples/roiet-2561 --format json
    """
    if sys.stderr.isatty():
        ctx.with_resource(progress.reporting(TerminalProgress(default_lang())))


@main.command()
@click.argument("data", metavar="DATA")
@policy_option
@encoding_option
@click.option("--shacl/--no-shacl", default=True, show_default=True,
              help="also validate against the SHACL shapes (needs pyshacl)")
@click.option("--fail-on", type=click.Choice(["error", "warning", "never"]), default="error",
              show_default=True, help="exit 1 when findings at or above this severity exist")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--lang", type=click.Choice(["en", "th"]), default=None,
              help="language of messages (default: from the locale)")
@library_errors
def validate(data, policy, encoding, shacl, fail_on, fmt, lang):
    """Load DATA and report its load findings and SHACL violations.

    DATA is a CSV folder, an .xlsx workbook or an RDF file (.ttl, .jsonld,
    .nt). Exit status: 0 no finding at or above --fail-on, 1 such findings,
    2 DATA could not be read.

    \b
    Example:
      stratlink validate examples/roiet-2561
      stratlink validate plans.xlsx --format json --fail-on warning
    """

    lang = lang or default_lang()
    report = run_validate(data, policy=policy, encoding=encoding, shacl=shacl, lang=lang,
                          format=input_format())
    findings = report.findings
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(lang), ensure_ascii=False, indent=2))
    else:

        if findings:
            click.echo(findings_text(sort_findings(findings), lang, Labels.from_graph(report.graph),
                                     text_width(False)) + "\n")
        click.echo("\n".join(wrap(report.summary_line(lang), text_width(False) or 10**6)))
    sys.exit(1 if at_or_above(findings, fail_on) else 0)


@main.command()
@data_arguments
@shared_option
@click.option("--to", "target", required=True, metavar="PATH",
              help="output: .ttl, .jsonld, .nt, .xlsx, or a folder for CSV")
@click.option("--era", type=click.Choice(["BE", "CE"], case_sensitive=False), default=None,
              help="year era of workbook output (default: the era the input used)")
@click.option("--format", "out_format", type=click.Choice(FORMAT_NAMES, case_sensitive=False), default=None,
              help="the form to write, whatever the extension of --to (default: the one it names)")
@policy_option
@encoding_option
@lang_option
@library_errors
def export(data, shared, target, era, out_format, policy, encoding, lang):
    """Convert DATA to another form, chosen by the extension of --to (or --format).

    Rows that the loader reported and left out are not written; standard error
    says how many findings there were (`stratlink validate` lists them).

    \b
    Example:
      stratlink export examples/roiet-2561 --to roiet.ttl
      stratlink export examples/roiet-2561 --to roiet.xlsx
      stratlink export roiet.ttl --to roiet-csv/ --era BE
    """

    graph = load_data(data, policy, encoding, shared)
    path = run_export(graph, target, era.upper() if era else None, format=out_format)
    lang = lang or default_lang()
    if graph.load_findings:
        say(text("cli.load_findings", lang, count=len(graph.load_findings), data=' '.join(data)), err=True)
    say(text("cli.export.wrote", lang, path=path, counts=_counts(graph.counts(), lang)))


def _counts(counts: dict, lang: str, all_: bool = False) -> str:
    return text("part.list", lang).join(
        text("count." + k, lang, count=v) if has("count." + k) else text("cli.count", lang, count=v, what=k)
        for k, v in counts.items() if v or all_)


@main.command()
@click.argument("data", metavar="DATA")
@policy_option
@encoding_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@lang_option
@library_errors
def info(data, policy, encoding, fmt, lang):
    """Counts of DATA by level, kind and value chain.

    \b
    Example:
      stratlink info examples/roiet-2561
      stratlink info roiet.ttl --format json
    """

    graph = load_data(data, policy, encoding)
    summary = summarize(graph)
    if fmt == "json":
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
        return
    lang = lang or default_lang()
    c = summary["counts"]
    width = text_width(False)
    source = text("cli.info.source", lang, source=summary["source"], policy=summary["policy"],
                  era=summary["era"], era_th=text("era." + summary["era"], "th"))
    click.echo("\n".join(wrap(source, width)))  # a long path: the policy and era on the next line
    counts = text("cli.info.counts", lang, counts=_counts(c, lang, all_=True),
                  load_findings=summary["load_findings"], budget=f"{summary['budget']:,}")
    click.echo("\n".join(wrap(counts, width)))
    click.echo()
    def level(name: str) -> str:
        lvl = graph.policy.level(name)
        return (lvl.label_th or name) if lang == "th" else name

    rows = [[level(r["level"]), r["plans"], r["elements"], r["projects"],
             ", ".join(f"{word(k, lang)} {v}" for k, v in r["kinds"].items())]
            for r in summary["levels"]]
    heads = [text("cli.info.header." + h, lang)
             for h in ("level", "plans", "elements", "projects", "kinds")]
    click.echo(render_table(heads, rows, ["<", ">", ">", ">", "<"], width=width,
                            fit=["clip", "", "", "", "wrap"]))
    if summary["value_chains"]:
        click.echo()
        rows = [[v["id"], v["name"], v["upstream"], v["midstream"], v["downstream"], v["none"]]
                for v in summary["value_chains"]]
        heads = [text("cli.info.header." + h, lang) for h in
                 ("value_chain", "name", "upstream", "midstream", "downstream", "no_stage")]
        click.echo(render_table(heads, rows, ["<", "<", ">", ">", ">", ">"], width=width,
                                fit=["clip", "clip", "", "", "", ""]))


# ---- check, trace, matrix, coverage (stratlink.queries) -------------------------------
@main.command()
@click.option("-o", "--output", "output", required=True, metavar="FILE.xlsx",
              help="the workbook to write (never replaces an existing file without --force)")
@click.option("--lang", type=click.Choice(["th", "en"]), default=None,
              help="language that comes first in the guide, comments and lists (default: from the locale)")
@click.option("--with-national", is_flag=True,
              help="pre-fill the National Strategy, the 23 master plans and the 13th-plan milestones")
@click.option("--force", is_flag=True, help="replace FILE if it exists")
@policy_option
@library_errors
def template(output, lang, with_national, force, policy):
    """Write an empty plan workbook (.xlsx) to fill in Excel.

    One sheet per workbook sheet with the column names stratlink reads, a guide
    sheet, Thai/English comments on every header, drop-down lists for levels,
    stages, relations, roles, kinds, sectors and ids, and frozen headers.

    \b
    Example:
      stratlink template -o plan.xlsx --with-national
      stratlink template -o plan-en.xlsx --lang en
    """

    path = write_template(output, lang=lang or default_lang(), with_national=with_national,
                          policy=load_policy(policy), force=force)
    say(text("cli.template.wrote", message_lang(lang), path=path))


@main.command()
@click.argument("out", metavar="OUT")
@click.option("--projects", "n", type=click.IntRange(min=1), required=True, metavar="N",
              help="number of projects")
@click.option("--seed", type=int, default=1, show_default=True, help="random seed")
@click.option("--provinces", type=click.IntRange(1, 77), default=None, metavar="K",
              help="use the first K provinces by DOPA code (default: all 77)")
@lang_option
@library_errors
def generate(out, n, seed, provinces, lang):
    """Write a realistic national workbook of N projects to the folder OUT (CSV),
    with every kind of finding planted at a fixed rate per project.

    \b
    Example:
      stratlink generate out/bench-100k --projects 100000 --seed 1
      stratlink generate out/roiet --projects 2000 --provinces 5
    """
    from stratlink.generate import generate as run_generate  # heavy: numpy, only for this command

    counts = run_generate(out, n, seed, provinces)
    lang = lang or default_lang()
    say(text("cli.export.wrote", lang, path=out, counts=_counts(counts, lang)))


def check_output_options(func):
    """--format, --fail-on, --output, --lang: what `check` and `neo4j check` share."""
    for option in reversed([
        click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "markdown"]),
                     default="text", show_default=True),
        click.option("--fail-on", type=click.Choice(["error", "warning", "never"]),
                     default="error", show_default=True,
                     help="exit 1 when findings at or above this severity exist"),
        output_option,
        lang_option,
        wide_option,
    ]):
        func = option(func)
    return func


def trace_options(func):
    """--down, --format, --max-paths, --lang: what `trace` and `neo4j trace` share."""
    for option in reversed([
        click.option("--down", is_flag=True, help="list the projects beneath ID instead"),
        click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                     show_default=True),
        click.option("--max-paths", type=click.IntRange(min=0), default=100, show_default=True,
                     help="return at most this many paths (shortest first); 'truncated' says "
                     "when more exist"),
        lang_option,
    ]):
        func = option(func)
    return func


def finish_check(report, fmt: str, lang: str | None, output: str | None, fail_on: str,
                 labels=None, wide: bool = False):
    """Print or write a check report, then exit with the spec's status."""

    lang = lang or default_lang()
    emit(render_check(report, fmt, lang, labels, text_width(wide, output)).rstrip("\n"), output,
         csv_file=fmt == "csv")
    if output:
        click.echo(summary_line(report, lang))
    sys.exit(report.exit_code(fail_on))


def print_trace(result, fmt: str, lang: str | None, labels=None) -> None:

    click.echo(render_trace(result, fmt, lang or default_lang(), labels,
                            tree_charset(), text_width(False)).rstrip("\n"))


@main.command()
@data_arguments
@shared_option
@policy_option
@encoding_option
@check_output_options
@library_errors
def check(data, shared, policy, encoding, fmt, fail_on, output, lang, wide):
    """Check the linkage of DATA: load, structure, conflict and coverage findings.

    Exit status: 0 no finding at or above --fail-on, 1 such findings, 2 DATA
    could not be read (or bad usage).

    \b
    Example:
      stratlink check examples/roiet-2561
      stratlink check plans.xlsx --format json --fail-on warning --output findings.json
      stratlink check examples/roiet-2561 --lang th --format markdown
    """
    refuse_overwrite(data, output)

    graph = load_data(data, policy, encoding, shared)
    finish_check(run_check(graph), fmt, lang, output, fail_on, Labels.from_graph(graph), wide)


@main.command()
@data_arguments
@shared_option
@click.argument("node_id", metavar="ID")
@trace_options
@policy_option
@encoding_option
@library_errors
def trace(data, shared, node_id, down, fmt, max_paths, policy, encoding, lang):
    """Trace project or element ID up to the top level (or, with --down, the
    projects beneath it).

    \b
    Example:
      stratlink trace examples/roiet-2561 PRJ-001
      stratlink trace examples/roiet-2561 PRJ-001 --format json --max-paths 10
      stratlink trace examples/roiet-2561 NS-S2 --down
    """

    graph = load_data(data, policy, encoding, shared)
    print_trace(trace_down(graph, node_id) if down else run_trace(graph, node_id, max_paths),
                fmt, lang, Labels.from_graph(graph))


@main.command()
@data_arguments
@shared_option
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "markdown", "text"]),
              default="csv", show_default=True)
@output_option
@policy_option
@encoding_option
@lang_option
@wide_option
@library_errors
def matrix(data, shared, fmt, output, policy, encoding, lang, wide):
    """The linkage matrix: projects x top-level elements, each cell 'primary'
    (reached through primary links and parent edges only), 'secondary' (reached
    only through some secondary link) or empty.

    \b
    Example:
      stratlink matrix examples/roiet-2561
      stratlink matrix examples/roiet-2561 --format text --lang th
      stratlink matrix examples/roiet-2561 --format xlsx --output matrix.xlsx
    """
    refuse_overwrite(data, output)

    if fmt == "xlsx" and not output:
        raise click.UsageError(text("cli.matrix.needs_output", lang or default_lang()))
    lang = lang or default_lang()
    graph = load_data(data, policy, encoding, shared)
    result = run_matrix(graph)
    if fmt == "xlsx":
        write_matrix_xlsx(result, output, graph, lang)
        say(text("cli.matrix.wrote", lang, path=output, projects=len(result.projects),
                        tops=len(result.tops)))
    else:
        emit(render_matrix(result, fmt, graph, lang, text_width(wide, output)).rstrip("\n"), output,
             csv_file=fmt == "csv")


@main.command()
@data_arguments
@shared_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text",
              show_default=True)
@output_option
@policy_option
@encoding_option
@lang_option
@wide_option
@library_errors
def coverage(data, shared, fmt, output, policy, encoding, lang, wide):
    """Projects, budget (baht; primary links only, and all links) and value-chain
    stages beneath each top-level element and each element at a coverage level.

    \b
    Example:
      stratlink coverage examples/roiet-2561
      stratlink coverage examples/roiet-2561 --format csv --output coverage.csv
    """
    refuse_overwrite(data, output)

    graph = load_data(data, policy, encoding, shared)
    result = run_coverage(graph)
    emit(render_coverage(result, fmt, lang or default_lang(), Labels.from_graph(graph),
                         text_width(wide, output)).rstrip("\n"), output, csv_file=fmt == "csv")


# ---- map and report: one-file offline HTML (stratlink.viz.map, stratlink.viz.report) -----
html_lang_option = click.option("--lang", type=click.Choice(["th", "en"]), default="th",
                                show_default=True, help="language of the page")


@main.command("map")
@data_arguments
@shared_option
@click.option("--output", "-o", required=True, metavar="FILE", help="the .html file to write")
@click.option("--focus", metavar="ID", help="show only the upward paths of project or element ID, numbered")
@click.option("--down", is_flag=True, help="with --focus: show everything beneath ID instead")
@click.option("--level", "levels", multiple=True, metavar="LEVEL",
              help="show only nodes at LEVEL (repeatable; a level name or its Thai/English label)")
@click.option("--plan", "plans", multiple=True, metavar="ID", help="show only nodes of plan ID (repeatable)")
@html_lang_option
@policy_option
@encoding_option
@library_errors
def map_command(data, shared, output, focus, down, levels, plans, lang, policy, encoding):
    """Draw the linkage map of DATA as one HTML file that works offline: the
    National Strategy at the top, village projects at the bottom, findings in red
    and amber; hover for details, click for a node's findings.

    \b
    Example:
      stratlink map examples/roiet-2561 -o map.html
      stratlink map examples/roiet-2561 -o focus.html --focus PRJ-068
      stratlink map examples/roiet-2561 -o beneath.html --focus NS-S2 --down --lang en
      stratlink map plans.xlsx -o province.html --level province --level district
    """

    refuse_overwrite(data, output)
    path = write_map(load_data(data, policy, encoding, shared), output, focus=focus, down=down,
                     levels=list(levels), plans=list(plans), lang=lang)
    say(text("cli.wrote", message_lang(lang), path=path))


@main.command("report")
@data_arguments
@shared_option
@click.option("--output", "-o", required=True, metavar="FILE", help="the .html file to write")
@click.option("--large", is_flag=True, help="start in large type (for a projector)")
@html_lang_option
@policy_option
@encoding_option
@library_errors
def report_command(data, shared, output, large, lang, policy, encoding):
    """Write the linkage report of DATA as one HTML file that works offline:
    summary, findings (filter, sort), coverage chart, traceability matrix,
    value-chain stages and the map; printable.

    \b
    Example:
      stratlink report examples/roiet-2561 -o report.html
      stratlink report plans.xlsx -o report-en.html --lang en --large
    """

    refuse_overwrite(data, output)
    path = write_report_html(load_data(data, policy, encoding, shared), output, lang=lang, large=large)
    say(text("cli.wrote", message_lang(lang), path=path))


# ---- neo4j: load a workbook into Neo4j and query it there (stratlink.neo4j.store) ----
def neo4j_options(func):
    """--uri/--user/--database/--password-prompt; the password itself comes only from
    NEO4J_PASSWORD or the hidden prompt, never from a flag value."""
    func = click.option("--password-prompt", is_flag=True,
                        help="ask for the password (hidden) instead of reading NEO4J_PASSWORD")(func)
    func = click.option("--database", envvar="NEO4J_DATABASE", metavar="NAME",
                        help="database name (env NEO4J_DATABASE; default: the server's default)")(func)
    func = click.option("--user", envvar="NEO4J_USER", default="neo4j", show_default=True,
                        help="user name (env NEO4J_USER)")(func)
    func = click.option("--uri", envvar="NEO4J_URI", default="bolt://localhost:7687",
                        show_default=True, help="server address (env NEO4J_URI)")(func)
    return func


def neo4j_connect(uri, user, password_prompt, lang=None):
    password = click.prompt(text("cli.neo4j.password", lang or default_lang()), hide_input=True, err=True) \
        if password_prompt \
        else os.environ.get("NEO4J_PASSWORD")
    return connect(uri, user, password)


@main.group("neo4j")
def neo4j_group() -> None:
    """Load a workbook into Neo4j and check, trace and query it there.

    Connection: --uri/--user or NEO4J_URI/NEO4J_USER, --database or NEO4J_DATABASE;
    the password from NEO4J_PASSWORD or --password-prompt. Needs the driver:
    pip install 'stratlink[neo4j]'.

    \b
    Example:
      export NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=...
      stratlink neo4j load examples/roiet-2561 --replace
      stratlink neo4j check --format json
      stratlink neo4j trace PRJ-001
      stratlink neo4j query 'MATCH (p:Project) RETURN p.id, p.budget LIMIT 5'
    """


@neo4j_group.command("load")
@data_arguments
@shared_option
@click.option("--replace", is_flag=False, flag_value="all", default=None, metavar="[PLAN]",
              help="delete the stored workbook first; with a plan id, replace only that plan's "
              "elements, projects and their links")
@click.option("--batch-size", type=click.IntRange(min=1), default=None,
              help="rows per transaction (default: measured, see docs/cypher.md)")
@policy_option
@encoding_option
@neo4j_options
@lang_option
@library_errors
def neo4j_load(data, shared, replace, batch_size, policy, encoding, uri, user, database, password_prompt,
               lang):
    """Load DATA (CSV folder, .xlsx or RDF) into Neo4j. Loading the same DATA twice
    changes nothing; rows the loader left out are reported on standard error.

    \b
    Example:
      stratlink neo4j load examples/roiet-2561 --replace
      stratlink neo4j load plans.xlsx --replace ROIET-PDP-2566-2570
    """

    lang = lang or default_lang()
    graph = load_data(data, policy, encoding, shared)
    driver = neo4j_connect(uri, user, password_prompt, lang)
    bar = None

    def progress(done, total):
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, label=text("cli.neo4j.writing", lang), file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)

    try:
        stats = write_neo4j(graph, driver, database, replace=replace,
                            batch_size=batch_size or DEFAULT_BATCH_SIZE, progress=progress)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
        driver.close()
    if graph.load_findings:
        say(text("cli.load_findings", lang, count=len(graph.load_findings), data=' '.join(data)), err=True)
    say(text("cli.neo4j.loaded", lang, source=graph.source or " ".join(data), uri=uri, nodes=stats.nodes,
                    relationships=stats.relationships, seconds=stats.seconds))


@neo4j_group.command("import-files")
@click.argument("data", metavar="DATA")
@click.argument("folder", metavar="FOLDER")
@policy_option
@encoding_option
@lang_option
@library_errors
def neo4j_import_files(data, folder, policy, encoding, lang):
    """Write DATA as CSV files for Neo4j's bulk importer (an empty, stopped database),
    and print the command to run; much faster than 'neo4j load' for a big workbook.

    \b
    Example:
      stratlink neo4j import-files examples/roiet-2561 out/import
      neo4j-admin database import full neo4j $(cat out/import/arguments.txt)
    """

    lang = lang or default_lang()
    graph = load_data(data, policy, encoding)
    files = write_import_files(graph, folder)
    if graph.load_findings:
        say(text("cli.load_findings", lang, count=len(graph.load_findings), data=data), err=True)
    say(text("cli.neo4j.import_files", lang, nodes=files.nodes, relationships=files.relationships,
                    folder=folder))
    click.echo(f"  neo4j-admin database import full neo4j $(cat {folder}/arguments.txt)")


@neo4j_group.command("check")
@check_output_options
@policy_option
@neo4j_options
@library_errors
def neo4j_check(fmt, fail_on, output, lang, wide, policy, uri, user, database, password_prompt):
    """Every finding of 'stratlink check', computed in Cypher on the stored workbook
    (same output and exit status).

    \b
    Example:
      stratlink neo4j check
      stratlink neo4j check --format json --fail-on warning
    """

    driver = neo4j_connect(uri, user, password_prompt, lang)
    try:
        engine = CypherEngine(driver, database, load_policy(policy) if policy else None)
        with progress.task("progress.neo4j_check"):
            report = engine.check()
        ids = {i for f in report.findings for i in (f.subject, *f.related)}
        labels = Labels.from_rows(engine.describe(ids), engine.policy)
    finally:
        driver.close()
    finish_check(report, fmt, lang, output, fail_on, labels, wide)


@neo4j_group.command("trace")
@click.argument("node_id", metavar="ID")
@trace_options
@policy_option
@neo4j_options
@library_errors
def neo4j_trace(node_id, down, fmt, max_paths, lang, policy, uri, user, database, password_prompt):
    """Trace ID up to the top level in Cypher (or, with --down, the projects beneath it).

    \b
    Example:
      stratlink neo4j trace PRJ-001
      stratlink neo4j trace NS-S2 --down --format json
    """

    driver = neo4j_connect(uri, user, password_prompt, lang)
    try:
        engine = CypherEngine(driver, database, load_policy(policy) if policy else None)
        result = engine.trace_down(node_id) if down else engine.trace(node_id, max_paths)
        ids = {result.subject, *getattr(result, "projects", ()), *getattr(result, "reaches", ()),
               *(i for p in getattr(result, "paths", ()) for i in p)}
        labels = Labels.from_rows(engine.describe(ids), engine.policy)
    finally:
        driver.close()
    print_trace(result, fmt, lang, labels)


@neo4j_group.command("query")
@click.argument("cypher", metavar="CYPHER")
@click.option("--param", "params", multiple=True, metavar="K=V",
              help="a query parameter $K: K=V passes the text V, K:=V parses V as JSON")
@click.option("--write", is_flag=True,
              help="allow the query to write (default: a read-only session; the server refuses writes)")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@neo4j_options
@lang_option
@library_errors
def neo4j_query(cypher, params, write, fmt, uri, user, database, password_prompt, lang):
    """Run a Cypher query (read-only unless --write) and print the rows.

    \b
    Example:
      stratlink neo4j query 'MATCH (p:Project {id: $id}) RETURN p.name_th, p.budget' --param id=PRJ-001
      stratlink neo4j query 'MATCH (n:L_province) RETURN count(n)' --format json
    """

    lang = lang or default_lang()
    values = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key.rstrip(":"):
            raise click.UsageError(text("cli.query.param_syntax", lang, item=item))
        if key.endswith(":"):
            try:
                values[key[:-1]] = json.loads(value)
            except ValueError as exc:
                raise click.UsageError(text("cli.query.param_json", lang, key=key[:-1],
                                            error=exc)) from None
        else:
            values[key] = value

    driver = neo4j_connect(uri, user, password_prompt, lang)
    try:
        state = read_state(driver, database)
        if state is not None and state.get("state") != COMPLETE:
            say(text("cli.neo4j.partial", lang, message=incomplete_error(state).message(lang)), err=True)
        keys, rows = run_cypher(driver, cypher, values, write, database)
    finally:
        driver.close()
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return

    def cell(v):
        return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, default=str)

    click.echo(render_table(keys, [[cell(r.get(k)) for k in keys] for r in rows]))
    click.echo(text("cli.query.one_row" if len(rows) == 1 else "cli.query.rows", lang, count=len(rows)))


# ---- wide sheets: one row per project, linkage as labels (stratlink.wide) ----------------
@main.command("import-wide")
@click.argument("sheet", metavar="SHEET")
@click.option("--plans", "plans", required=True, metavar="WORKBOOK",
              help="the plan workbook (any form stratlink reads) holding the plans and elements "
              "the labels name; its own projects, if any, are kept")
@click.option("--map", "map_file", metavar="MAP.toml",
              help="which column is which (default: the built-in map of common Thai titles)")
@click.option("--sheet", "sheet_name", metavar="NAME", help="the worksheet of an .xlsx (default: the "
              "first visible one)")
@click.option("--output", "-o", "out", metavar="OUT",
              help="the resulting workbook: a folder (CSV), .xlsx, .ttl, .jsonld or .nt")
@click.option("--print-map", is_flag=True,
              help="write a map file for SHEET to start from (to standard output, or to -o) and stop")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(["error", "warning", "never"]), default="error",
              show_default=True, help="exit 1 when findings at or above this severity exist "
              "(info findings such as FUZZY_MATCH never count)")
@lang_option
@policy_option
@csv_encoding_option
@library_errors
def import_wide(sheet, plans, map_file, sheet_name, out, print_map, fmt, fail_on, lang, policy, encoding):
    """Read a wide project sheet (one row per project, linkage columns holding
    plan labels as text) against the plans in WORKBOOK and write the workbook
    with its projects and links to OUT.

    SHEET is a .csv (UTF-8, UTF-8 with BOM, or cp874) or an .xlsx. Title rows
    above the header and total rows are skipped. Each label is matched to an
    element of its column's plan by code, then normalised name, then fuzzy
    similarity; 'claim' columns are checked against what the links trace to and
    never become links. Exit status: 0 no finding at or above --fail-on, 1 such
    findings, 2 an input could not be read or the map does not fit the sheet.

    \b
    Example:
      stratlink import-wide examples/roiet-2561-wide.xlsx --plans examples/roiet-2561-plans \\
          --map examples/roiet-2561-wide.toml -o roiet.xlsx
      stratlink import-wide projects.csv --plans plans.xlsx --print-map > map.toml
      stratlink import-wide projects.xlsx --plans plans.xlsx --map map.toml -o out/ --format json
    """


    lang = lang or default_lang()
    if print_map:
        map_text = run_print_map(sheet, plans, sheet_name=sheet_name, encoding=encoding, policy=policy)
        if out:
            refuse([sheet, plans], out)
            Path(out).write_text(map_text, encoding="utf-8")
            say(text("cli.wrote", lang, path=out), err=True)
        else:
            click.echo(map_text, nl=False)
        return
    if not out:
        raise click.UsageError(text("cli.import_wide.needs_output", lang))
    refuse([sheet, plans], out)
    try:
        result = run_import(sheet, plans, map=map_file, sheet_name=sheet_name, encoding=encoding,
                            policy=policy, lang=lang)
    except WideMapError as exc:
        if exc.starting_map:
            click.echo(exc.starting_map, err=True, nl=False)
        raise
    path = result.write(out)
    click.echo(render_import(result, fmt, lang, width=text_width(False)).rstrip("\n"))
    counts = result.summary()
    say(text("cli.import_wide.wrote", lang, path=path, projects=counts["projects"], links=counts["links"]),
        err=True)
    sys.exit(result.exit_code(fail_on))


@main.command("export-wide")
@click.argument("data", metavar="WORKBOOK")
@click.option("--map", "map_file", metavar="MAP.toml",
              help="the columns to write (default: the built-in titles, one column per plan)")
@click.option("--output", "-o", "out", required=True, metavar="SHEET",
              help="the sheet to write: .xlsx, else CSV (UTF-8 with BOM)")
@click.option("--era", type=click.Choice(["BE", "CE"], case_sensitive=False), default=None,
              help="year era (default: the era the input used)")
@policy_option
@encoding_option
@lang_option
@library_errors
def export_wide(data, map_file, out, era, policy, encoding, lang):
    """Write WORKBOOK as a wide sheet: one row per project, a column per plan
    listing the project's targets (link columns) or the elements its links trace
    to (claim columns), each as "code name", one per line. Importing the sheet
    with the same map and plans gives the same projects and links.

    \b
    Example:
      stratlink export-wide examples/roiet-2561 -o roiet-wide.xlsx
      stratlink export-wide roiet.xlsx --map examples/roiet-2561-wide.toml -o roiet-wide.csv
    """

    refuse_overwrite(data, out)
    graph = load_data(data, policy, encoding)
    path, lost = run_export_wide(graph, out, map=map_file, era=era.upper() if era else None)
    lang = lang or default_lang()
    if lost:
        say(text("cli.export_wide.lost", lang, lost=lost), err=True)
    say(text("cli.export_wide.wrote", lang, path=path, projects=len(graph.projects)))


if __name__ == "__main__":  # pragma: no cover
    main()
