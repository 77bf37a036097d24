"""The ``stratlink`` command line: one library call per command.

Library errors become one-line messages; exit status 2 means the input could not
be read at all (or bad usage), 1 that findings at or above ``--fail-on`` exist, 3 a
database or connection problem (Neo4j unreachable, refusing, timed out, or holding an
incomplete or damaged load).
"""

from __future__ import annotations

import functools
import json
import sys

import click

from stratlink import __version__
from stratlink.errors import (
    InputError,
    MissingDependency,
    Neo4jError,
    PolicyError,
    QueryError,
    StratlinkError,
)

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
    """Turn the library's errors into clean one-line messages with the status of
    :data:`EXIT_CODES`; a file the system cannot open is input that cannot be read."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except StratlinkError as exc:
            raise CleanExit(str(exc), exit_code_for(exc)) from None
        except BrokenPipeError:
            raise  # the reader of standard output went away: StratlinkGroup ends quietly
        except OSError as exc:
            name = getattr(exc, "filename", None) or ""
            raise CleanExit(f"{name}: {exc.strerror or exc}".lstrip(": "), 2) from None

    return wrapper


def load_data(data, policy: str | None = None, encoding: str | None = None, shared=()):
    """One workbook, or several in one graph (``DATA...`` and ``--shared``)."""
    import stratlink

    sources = [data] if isinstance(data, str) else list(data)
    return stratlink.load(sources, shared=list(shared), policy=policy, encoding=encoding)


def emit(text: str, output: str | None = None, csv_file: bool = False) -> None:
    """Write text to a file (whole, UTF-8, atomically; a CSV file with a byte-order
    mark so that Excel reads the Thai) or to standard output."""
    if output:
        from stratlink.viz.excel import write_report

        write_report(text if text.endswith("\n") else text + "\n", output, csv_file)
    else:
        click.echo(text)


def refuse_overwrite(data, output: str | None) -> None:
    """--output must not name an input being read (checked before loading)."""
    if output:
        from stratlink.loaders.safety import refuse_overwrite as refuse

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
    import codecs

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
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # a test runner's stream has no file
        pass


class StratlinkGroup(click.Group):
    """The command group: a safe console, and a closed pipe ends quietly with status 0
    (for every command)."""

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

    def main(self, *args, **kwargs):
        safe_console()
        try:
            return super().main(*args, **kwargs)
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
encoding_option = click.option(
    "--encoding", metavar="NAME", help="encoding of CSV files (default: detect UTF-8 or cp874)")


@click.group(cls=StratlinkGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="stratlink")
def main() -> None:
    """stratlink: trace Thailand's plans and projects up to the National Strategy.

    \b
    Example:
      stratlink info examples/roiet-2561
      stratlink check examples/roiet-2561 --format json
    """


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
    from stratlink.graph_model import at_or_above
    from stratlink.graph_model.messages import default_lang
    from stratlink.loaders.validate import validate as run_validate

    lang = lang or default_lang()
    report = run_validate(data, policy=policy, encoding=encoding, shacl=shacl, lang=lang)
    findings = report.findings
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(lang), ensure_ascii=False, indent=2))
    else:
        for f in findings:
            where = f" [{f.location}]" if f.location else ""
            click.echo(f"{f.severity:7} {f.code:18} {f.subject}{where}: {f.message(lang)}")
        click.echo(report.summary_line(lang))
    sys.exit(1 if at_or_above(findings, fail_on) else 0)


@main.command()
@data_arguments
@shared_option
@click.option("--to", "target", required=True, metavar="PATH",
              help="output: .ttl, .jsonld, .nt, .xlsx, or a folder for CSV")
@click.option("--era", type=click.Choice(["BE", "CE"], case_sensitive=False), default=None,
              help="year era of workbook output (default: the era the input used)")
@policy_option
@encoding_option
@library_errors
def export(data, shared, target, era, policy, encoding):
    """Convert DATA to another form, chosen by the extension of --to.

    Rows that the loader reported and left out are not written; standard error
    says how many findings there were (`stratlink validate` lists them).

    \b
    Example:
      stratlink export examples/roiet-2561 --to roiet.ttl
      stratlink export examples/roiet-2561 --to roiet.xlsx
      stratlink export roiet.ttl --to roiet-csv/ --era BE
    """
    from stratlink.loaders import export as run_export

    graph = load_data(data, policy, encoding, shared)
    path = run_export(graph, target, era.upper() if era else None)
    if graph.load_findings:
        click.echo(f"{len(graph.load_findings)} load findings: rows or values were left out; "
                   f"`stratlink validate {' '.join(data)}` lists them", err=True)
    click.echo(f"wrote {path}: " + ", ".join(f"{v} {k}" for k, v in graph.counts().items() if v))


@main.command()
@click.argument("data", metavar="DATA")
@policy_option
@encoding_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@library_errors
def info(data, policy, encoding, fmt):
    """Counts of DATA by level, kind and value chain.

    \b
    Example:
      stratlink info examples/roiet-2561
      stratlink info roiet.ttl --format json
    """
    from stratlink.graph_model import summarize
    from stratlink.viz.table import render_table

    summary = summarize(load_data(data, policy, encoding))
    if fmt == "json":
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
        return
    c = summary["counts"]
    click.echo(f"{summary['source']}  (policy {summary['policy']}, years in {summary['era']})")
    click.echo(", ".join(f"{v} {k}" for k, v in c.items()) +
               f"; {summary['load_findings']} load findings; budget {summary['budget']} baht")
    click.echo()
    rows = [[r["level"], r["plans"], r["elements"], r["projects"],
             ", ".join(f"{k} {v}" for k, v in r["kinds"].items())] for r in summary["levels"]]
    click.echo(render_table(["level", "plans", "elements", "projects", "element kinds"], rows,
                            ["<", ">", ">", ">", "<"]))
    if summary["value_chains"]:
        click.echo()
        rows = [[v["id"], v["name"], v["upstream"], v["midstream"], v["downstream"], v["none"]]
                for v in summary["value_chains"]]
        click.echo(render_table(["value chain", "name", "upstream", "midstream", "downstream",
                                 "no stage"], rows, ["<", "<", ">", ">", ">", ">"]))


# ---- check, trace, matrix, coverage (stratlink.queries) -------------------------------
lang_option = click.option("--lang", type=click.Choice(["en", "th"]), default=None,
                           help="language of messages (default: from the locale)")
output_option = click.option("--output", "-o", metavar="FILE",
                             help="write to FILE instead of standard output")


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
    from stratlink.graph_model import load_policy
    from stratlink.graph_model.messages import default_lang
    from stratlink.loaders.template import write_template

    path = write_template(output, lang=lang or default_lang(), with_national=with_national,
                          policy=load_policy(policy), force=force)
    click.echo(f"wrote {path}: fill it in, then run `stratlink check {path}`")


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


def finish_check(report, fmt: str, lang: str | None, output: str | None, fail_on: str):
    """Print or write a check report, then exit with the spec's status."""
    from stratlink.graph_model.messages import default_lang
    from stratlink.viz.output import render_check, summary_line

    lang = lang or default_lang()
    emit(render_check(report, fmt, lang).rstrip("\n"), output, csv_file=fmt == "csv")
    if output:
        click.echo(summary_line(report, lang))
    sys.exit(report.exit_code(fail_on))


def print_trace(result, fmt: str, lang: str | None) -> None:
    from stratlink.graph_model.messages import default_lang
    from stratlink.viz.output import render_trace

    click.echo(render_trace(result, fmt, lang or default_lang()).rstrip("\n"))


@main.command()
@data_arguments
@shared_option
@policy_option
@encoding_option
@check_output_options
@library_errors
def check(data, shared, policy, encoding, fmt, fail_on, output, lang):
    """Check the linkage of DATA: load, structure, conflict and coverage findings.

    Exit status: 0 no finding at or above --fail-on, 1 such findings, 2 DATA
    could not be read (or bad usage).

    \b
    Example:
      stratlink check examples/roiet-2561
      stratlink check plans.xlsx --format json --fail-on warning --output findings.json
      stratlink check examples/roiet-2561 --lang th --format markdown
    """
    from stratlink.queries import check as run_check

    refuse_overwrite(data, output)
    finish_check(run_check(load_data(data, policy, encoding, shared)), fmt, lang, output, fail_on)


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
    from stratlink.queries import trace as run_trace
    from stratlink.queries import trace_down

    graph = load_data(data, policy, encoding, shared)
    print_trace(trace_down(graph, node_id) if down else run_trace(graph, node_id, max_paths),
                fmt, lang)


@main.command()
@data_arguments
@shared_option
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "markdown"]), default="csv",
              show_default=True)
@output_option
@policy_option
@encoding_option
@library_errors
def matrix(data, shared, fmt, output, policy, encoding):
    """The linkage matrix: projects x top-level elements, each cell 'primary'
    (reached through primary links and parent edges only), 'secondary' (reached
    only through some secondary link) or empty.

    \b
    Example:
      stratlink matrix examples/roiet-2561
      stratlink matrix examples/roiet-2561 --format xlsx --output matrix.xlsx
    """
    from stratlink.queries import matrix as run_matrix
    from stratlink.viz.output import render_matrix, write_matrix_xlsx

    if fmt == "xlsx" and not output:
        raise click.UsageError("--format xlsx needs --output FILE.xlsx")
    refuse_overwrite(data, output)
    graph = load_data(data, policy, encoding, shared)
    result = run_matrix(graph)
    if fmt == "xlsx":
        write_matrix_xlsx(result, output, graph)
        click.echo(f"wrote {output}: {len(result.projects)} projects x {len(result.tops)} top elements")
    else:
        emit(render_matrix(result, fmt, graph).rstrip("\n"), output, csv_file=fmt == "csv")


@main.command()
@data_arguments
@shared_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text",
              show_default=True)
@output_option
@policy_option
@encoding_option
@lang_option
@library_errors
def coverage(data, shared, fmt, output, policy, encoding, lang):
    """Projects, budget (baht; primary links only, and all links) and value-chain
    stages beneath each top-level element and each element at a coverage level.

    \b
    Example:
      stratlink coverage examples/roiet-2561
      stratlink coverage examples/roiet-2561 --format csv --output coverage.csv
    """
    from stratlink.graph_model.messages import default_lang
    from stratlink.queries import coverage as run_coverage
    from stratlink.viz.output import render_coverage

    refuse_overwrite(data, output)
    result = run_coverage(load_data(data, policy, encoding, shared))
    emit(render_coverage(result, fmt, lang or default_lang()).rstrip("\n"), output, csv_file=fmt == "csv")


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
    from stratlink.viz.map import write_map

    refuse_overwrite(data, output)
    path = write_map(load_data(data, policy, encoding, shared), output, focus=focus, down=down,
                     levels=list(levels), plans=list(plans), lang=lang)
    click.echo(f"wrote {path}")


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
    from stratlink.viz.report import write_report

    refuse_overwrite(data, output)
    path = write_report(load_data(data, policy, encoding, shared), output, lang=lang, large=large)
    click.echo(f"wrote {path}")


@main.command()
@click.argument("out", metavar="OUT")
@click.option("--projects", "n", type=click.IntRange(min=1), required=True, metavar="N",
              help="number of projects")
@click.option("--seed", type=int, default=1, show_default=True, help="random seed")
@click.option("--provinces", type=click.IntRange(1, 77), default=None, metavar="K",
              help="use the first K provinces by DOPA code (default: all 77)")
@library_errors
def generate(out, n, seed, provinces):
    """Write a realistic national workbook of N projects to the folder OUT (CSV),
    with every kind of finding planted at a fixed rate per project.
    เขียนสมุดงานตัวอย่างระดับประเทศ N โครงการลงโฟลเดอร์ OUT

    \b
    Example:
      stratlink generate out/bench-100k --projects 100000 --seed 1
      stratlink generate out/roiet --projects 2000 --provinces 5
    """
    from stratlink.generate import generate as run_generate

    counts = run_generate(out, n, seed, provinces)
    click.echo(f"wrote {out}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))


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


def neo4j_connect(uri, user, password_prompt):
    import os

    from stratlink.neo4j import connect

    password = click.prompt("Neo4j password", hide_input=True, err=True) if password_prompt \
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
@library_errors
def neo4j_load(data, shared, replace, batch_size, policy, encoding, uri, user, database, password_prompt):
    """Load DATA (CSV folder, .xlsx or RDF) into Neo4j. Loading the same DATA twice
    changes nothing; rows the loader left out are reported on standard error.

    \b
    Example:
      stratlink neo4j load examples/roiet-2561 --replace
      stratlink neo4j load plans.xlsx --replace ROIET-PDP-2566-2570
    """
    from stratlink.neo4j.store import DEFAULT_BATCH_SIZE, write_neo4j

    graph = load_data(data, policy, encoding, shared)
    driver = neo4j_connect(uri, user, password_prompt)
    bar = None

    def progress(done, total):
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, label="writing", file=sys.stderr)
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
        click.echo(f"{len(graph.load_findings)} load findings: rows or values were left out; "
                   f"`stratlink validate {' '.join(data)}` lists them", err=True)
    click.echo(f"loaded {graph.source or ' '.join(data)} into {uri}: {stats.nodes} nodes, "
               f"{stats.relationships} relationships in {stats.seconds:.1f} s")


@neo4j_group.command("import-files")
@click.argument("data", metavar="DATA")
@click.argument("folder", metavar="FOLDER")
@policy_option
@encoding_option
@library_errors
def neo4j_import_files(data, folder, policy, encoding):
    """Write DATA as CSV files for Neo4j's bulk importer (an empty, stopped database),
    and print the command to run; much faster than 'neo4j load' for a big workbook.

    \b
    Example:
      stratlink neo4j import-files examples/roiet-2561 out/import
      neo4j-admin database import full neo4j $(cat out/import/arguments.txt)
    """
    from stratlink.neo4j.bulk import write_import_files

    graph = load_data(data, policy, encoding)
    files = write_import_files(graph, folder)
    if graph.load_findings:
        click.echo(f"{len(graph.load_findings)} load findings: rows or values were left out; "
                   f"`stratlink validate {data}` lists them", err=True)
    click.echo(f"wrote {files.nodes} nodes and {files.relationships} relationships to {folder}; "
               "with the database stopped, run:")
    click.echo(f"  neo4j-admin database import full neo4j $(cat {folder}/arguments.txt)")


@neo4j_group.command("check")
@check_output_options
@policy_option
@neo4j_options
@library_errors
def neo4j_check(fmt, fail_on, output, lang, policy, uri, user, database, password_prompt):
    """Every finding of 'stratlink check', computed in Cypher on the stored workbook
    (same output and exit status).

    \b
    Example:
      stratlink neo4j check
      stratlink neo4j check --format json --fail-on warning
    """
    from stratlink.graph_model import load_policy
    from stratlink.neo4j.engine import CypherEngine

    driver = neo4j_connect(uri, user, password_prompt)
    try:
        report = CypherEngine(driver, database, load_policy(policy) if policy else None).check()
    finally:
        driver.close()
    finish_check(report, fmt, lang, output, fail_on)


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
    from stratlink.graph_model import load_policy
    from stratlink.neo4j.engine import CypherEngine

    driver = neo4j_connect(uri, user, password_prompt)
    try:
        engine = CypherEngine(driver, database, load_policy(policy) if policy else None)
        result = engine.trace_down(node_id) if down else engine.trace(node_id, max_paths)
    finally:
        driver.close()
    print_trace(result, fmt, lang)


@neo4j_group.command("query")
@click.argument("cypher", metavar="CYPHER")
@click.option("--param", "params", multiple=True, metavar="K=V",
              help="a query parameter $K: K=V passes the text V, K:=V parses V as JSON")
@click.option("--write", is_flag=True,
              help="allow the query to write (default: a read-only session; the server refuses writes)")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@neo4j_options
@library_errors
def neo4j_query(cypher, params, write, fmt, uri, user, database, password_prompt):
    """Run a Cypher query (read-only unless --write) and print the rows.

    \b
    Example:
      stratlink neo4j query 'MATCH (p:Project {id: $id}) RETURN p.name_th, p.budget' --param id=PRJ-001
      stratlink neo4j query 'MATCH (n:L_province) RETURN count(n)' --format json
    """
    from stratlink.neo4j import run_cypher
    from stratlink.viz.table import render_table as table

    values = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key.rstrip(":"):
            raise click.UsageError(f"--param needs K=V or K:=JSON, not '{item}'")
        if key.endswith(":"):
            try:
                values[key[:-1]] = json.loads(value)
            except ValueError as exc:
                raise click.UsageError(f"--param {key[:-1]}: not JSON ({exc})") from None
        else:
            values[key] = value
    from stratlink.neo4j.state import COMPLETE, incomplete_message, read_state

    driver = neo4j_connect(uri, user, password_prompt)
    try:
        state = read_state(driver, database)
        if state is not None and state.get("state") != COMPLETE:
            click.echo(f"WARNING: {incomplete_message(state)}; these rows come from a partial "
                       "graph", err=True)
        keys, rows = run_cypher(driver, cypher, values, write, database)
    finally:
        driver.close()
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return

    def cell(v):
        return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, default=str)

    click.echo(table(keys, [[cell(r.get(k)) for k in keys] for r in rows]))
    click.echo(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


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
@encoding_option
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
    from pathlib import Path

    from stratlink.graph_model.messages import default_lang
    from stratlink.loaders.safety import refuse_overwrite as refuse
    from stratlink.loaders.wide import WideMapError
    from stratlink.viz.wide import render_import, summary_line
    from stratlink.wide import import_wide as run_import
    from stratlink.wide import print_map as run_print_map

    lang = lang or default_lang()
    if print_map:
        text = run_print_map(sheet, plans, sheet_name=sheet_name, encoding=encoding, policy=policy)
        if out:
            refuse([sheet, plans], out)
            Path(out).write_text(text, encoding="utf-8")
            click.echo(f"wrote {out}", err=True)
        else:
            click.echo(text, nl=False)
        return
    if not out:
        raise click.UsageError("give -o OUT (the workbook to write), or --print-map")
    refuse([sheet, plans], out)
    try:
        result = run_import(sheet, plans, map=map_file, sheet_name=sheet_name, encoding=encoding,
                            policy=policy, lang=lang)
    except WideMapError as exc:
        if exc.starting_map:
            click.echo(exc.starting_map, err=True, nl=False)
        raise
    path = result.write(out)
    click.echo(render_import(result, fmt, lang).rstrip("\n"))
    click.echo(f"wrote {path}: " + summary_line(result, lang).split(";")[0], err=True)
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
@library_errors
def export_wide(data, map_file, out, era, policy, encoding):
    """Write WORKBOOK as a wide sheet: one row per project, a column per plan
    listing the project's targets (link columns) or the elements its links trace
    to (claim columns), each as "code name", one per line. Importing the sheet
    with the same map and plans gives the same projects and links.

    \b
    Example:
      stratlink export-wide examples/roiet-2561 -o roiet-wide.xlsx
      stratlink export-wide roiet.xlsx --map examples/roiet-2561-wide.toml -o roiet-wide.csv
    """
    from stratlink.wide import export_wide as run_export

    refuse_overwrite(data, out)
    graph = load_data(data, policy, encoding)
    path, lost = run_export(graph, out, map=map_file, era=era.upper() if era else None)
    if lost:
        click.echo(f"{lost} project link(s) fit no column of the map and were not written", err=True)
    click.echo(f"wrote {path}: {len(graph.projects)} projects")


if __name__ == "__main__":  # pragma: no cover
    main()
