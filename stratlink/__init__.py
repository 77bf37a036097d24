"""stratlink: a strategy-linkage knowledge graph for Thailand's One Plan.

The public API, the one a notebook or another program uses::

    >>> import stratlink as sl
    >>> g = sl.load("examples/roiet-2561")
    >>> g
    <PlanGraph plans=15 elements=94 projects=78 links=144 value_chains=3 areas=34 organizations=23>
    >>> report = sl.check(g)
    >>> report
    <CheckReport: 18 errors, 15 warnings; 71 of 78 projects reach the top>
    >>> report.summary
    Summary(errors=18, warnings=15, projects=78, complete=71)
    >>> sl.trace(g, "PRJ-001").complete
    True
    >>> sl.matrix(g), sl.coverage(g), sl.trace_down(g, "NS-S2")
    (<Matrix: 78 projects x 6 top elements>, <Coverage: 31 elements>, <DownTrace NS-S2: 52 projects beneath>)

Results have ``to_dict()`` (the spec's JSON) and ``to_frame()`` (a pandas
DataFrame; ``pip install 'stratlink[frames]'``)::

    >>> report.to_frame()[["code", "severity", "subject"]].head(2)
               code severity  subject
    0  DUPLICATE_ID    error  ORG-CDD
    1  DUPLICATE_ID    error  PRJ-031

Data flows one way: sources -> loaders -> graph_model -> queries -> cli / viz.
Every error raised on purpose is a :class:`StratlinkError` (see
:mod:`stratlink.errors`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from stratlink import loaders as _loaders
from stratlink import queries as _queries
from stratlink.errors import (
    InputError,
    MissingDependency,
    Neo4jError,
    PolicyError,
    QueryError,
    StratlinkError,
    UnknownNodeError,
    WorkbookError,
)
from stratlink.graph_model import TH_ONE_PLAN, Finding, Location, PlanGraph, Policy, load_policy
from stratlink.loaders.formats import FORMAT_NAMES
from stratlink.loaders.national import NATIONAL
from stratlink.loaders.template import write_template as _write_template
from stratlink.queries import (
    DEFAULT_MAX_PATHS,
    CheckReport,
    Coverage,
    CoverageRow,
    DownTrace,
    Matrix,
    Summary,
    Trace,
)
from stratlink.version import __version__  # noqa: E402


def load(source: str | Path | Sequence[str | Path], *, shared: Sequence[str | Path] = (),
         format: str | None = None, policy: str | Path | Policy | None = None,
         encoding: str | None = None) -> PlanGraph:
    """Load one plan workbook, or several into one graph, in any form stratlink reads.

    Parameters
    ----------
    source:
        A folder of CSV files, an ``.xlsx`` workbook, or RDF (``.ttl``, ``.jsonld``,
        ``.nt``, ``.owl``/``.rdf``); or a list of them.
    shared:
        Workbooks whose records any workbook may refer to (typically the national
        strategy and master plans: ``stratlink.NATIONAL``). A reference resolves
        first inside its own workbook, then in these, in order.
    format:
        One of :data:`stratlink.loaders.formats.FORMAT_NAMES`; overrides the suffix.
    policy:
        The ladder of levels: a built-in name (``"th-one-plan"``, the default), a
        TOML policy file, or a :class:`Policy`.
    encoding:
        The encoding of CSV files (default: detect UTF-8 or cp874).

    Returns
    -------
    PlanGraph
        The graph; rows that could not be used are its ``load_findings``. With
        more than one workbook (``shared`` included) every id is
        ``namespace:id``, the namespace being the workbook's file or folder name
        unless its ``meta`` sheet names another.

    Raises
    ------
    InputError
        A source cannot be read at all (no such file, not a workbook), or two
        workbooks have the same namespace.
    PolicyError
        The policy cannot be used.

    Examples
    --------
    >>> g = load("examples/roiet-2561", policy="th-one-plan")
    >>> len(g.projects), g.era, g.namespace
    (78, 'BE', 'roiet-2561')
    >>> load("examples/roiet-2561.xlsx").same_content(g)
    True
    >>> both = load(["examples/roiet-2561"], shared=[NATIONAL])
    >>> "roiet-2561:PRJ-001" in both.projects, "national:NS-S2" in both.elements
    (True, True)
    >>> load("no/such/folder")
    Traceback (most recent call last):
    ...
    stratlink.errors.InputError: no/such/folder: no such file or folder
    """
    pol = load_policy(policy)
    sources = [source] if isinstance(source, (str, Path)) else list(source)
    if not sources:
        raise InputError.keyed("error.api.no_workbook")
    if len(sources) == 1 and not shared:
        return _loaders.load(sources[0], pol, encoding, format=format)
    return _loaders.load_many(sources, list(shared), pol, encoding, format=format)


def export(graph: PlanGraph, target: str | Path, *, format: str | None = None,
           era: str | None = None) -> Path:
    """Write ``graph`` to ``target``, losslessly.

    Parameters
    ----------
    graph:
        A loaded :class:`PlanGraph`.
    target:
        A folder (CSV files), an ``.xlsx`` file, or an RDF file (``.ttl``,
        ``.jsonld``, ``.nt``).
    format:
        One of :data:`~stratlink.loaders.formats.FORMAT_NAMES`; overrides the suffix.
    era:
        ``"BE"`` or ``"CE"`` for the years of workbook output (default: the era the
        input used).

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    InputError
        The target cannot be written.

    Examples
    --------
    >>> import tempfile, os
    >>> g = load("examples/roiet-2561")
    >>> out = export(g, os.path.join(tempfile.mkdtemp(), "roiet.ttl"))
    >>> load(out).same_content(g)
    True
    """
    return _loaders.export(graph, target, era, format=format)


def check(graph: PlanGraph, *, policy: str | Path | Policy | None = None,
          engine: str = "array") -> CheckReport:
    """Every finding of ``shared/spec/checks.md`` (load findings included), sorted.

    Parameters
    ----------
    graph:
        A loaded :class:`PlanGraph`.
    policy:
        A policy name, file or :class:`Policy` (default: the graph's own).
    engine:
        An in-memory engine name: ``"array"`` (the default: numpy/scipy arrays,
        fast at national scale) or ``"networkx"`` (the readable reference). The
        Cypher engine works on a Neo4j database: :class:`stratlink.neo4j.CypherEngine`.

    Returns
    -------
    CheckReport
        ``findings`` and ``summary``; ``to_dict()`` is the spec's JSON,
        ``to_frame()`` a pandas DataFrame.

    Raises
    ------
    QueryError
        Unknown engine.

    Examples
    --------
    >>> r = check(load("examples/roiet-2561"))
    >>> r.summary.errors, r.summary.warnings
    (18, 15)
    >>> r.by_code("ORPHAN_PROJECT")[0].subject
    'PRJ-043'
    >>> r.to_frame().groupby("severity").size().to_dict()
    {'error': 18, 'warning': 15}
    """
    return _queries.check(graph, _policy(policy), engine)


def trace(graph: PlanGraph, node_id: str, *, max_paths: int = DEFAULT_MAX_PATHS,
          policy: str | Path | Policy | None = None, engine: str = "array") -> Trace:
    """The upward trace of a project or element to the top of the ladder.

    Parameters
    ----------
    graph:
        A loaded :class:`PlanGraph`.
    node_id:
        A project or element id.
    max_paths:
        Return at most this many paths (shortest first); ``truncated`` says when
        more exist.
    policy, engine:
        As for :func:`check`.

    Returns
    -------
    Trace
        ``reaches`` (top nodes), ``complete``, ``paths``, ``truncated``.

    Raises
    ------
    UnknownNodeError
        ``node_id`` is not a project or element.

    Examples
    --------
    >>> t = trace(load("examples/roiet-2561"), "PRJ-001", max_paths=1)
    >>> t.paths[0][0], t.complete
    ('PRJ-001', True)
    >>> t.to_frame().columns.tolist()
    ['path', 'length', 'end']
    """
    return _queries.trace(graph, node_id, max_paths, _policy(policy), engine)


def trace_down(graph: PlanGraph, node_id: str, *, policy: str | Path | Policy | None = None,
               engine: str = "array") -> DownTrace:
    """The projects beneath a project or element (every p with ``node_id`` in C(p)).

    Parameters
    ----------
    graph:
        A loaded :class:`PlanGraph`.
    node_id:
        A project or element id.
    policy, engine:
        As for :func:`check`.

    Returns
    -------
    DownTrace
        ``projects``: their sorted ids.

    Raises
    ------
    UnknownNodeError
        ``node_id`` is not a project or element.

    Examples
    --------
    >>> d = trace_down(load("examples/roiet-2561"), "NS-S2")
    >>> "PRJ-001" in d.projects
    True
    >>> len(d.to_frame()) == len(d.projects)
    True
    """
    return _queries.trace_down(graph, node_id, _policy(policy), engine)


def matrix(graph: PlanGraph, *, policy: str | Path | Policy | None = None,
           engine: str = "array") -> Matrix:
    """The traceability matrix: projects x top-level elements.

    Parameters
    ----------
    graph:
        A loaded :class:`PlanGraph`.
    policy, engine:
        As for :func:`check`.

    Returns
    -------
    Matrix
        Each cell ``"primary"``, ``"secondary"`` or ``""``; ``to_frame()`` gives a
        DataFrame indexed by project.

    Raises
    ------
    QueryError
        Unknown engine.

    Examples
    --------
    >>> m = matrix(load("examples/roiet-2561"))
    >>> len(m.tops), m.cell("PRJ-001", "NS-S2")
    (6, 'primary')
    >>> m.to_frame().loc["PRJ-001", "NS-S2"]
    'primary'
    """
    return _queries.matrix(graph, _policy(policy), engine)


def coverage(graph: PlanGraph, *, policy: str | Path | Policy | None = None,
             engine: str = "array") -> Coverage:
    """Projects, budget and value-chain stages beneath each top element and each
    element at a coverage level.

    Parameters
    ----------
    graph:
        A loaded :class:`PlanGraph`.
    policy, engine:
        As for :func:`check`.

    Returns
    -------
    Coverage
        One row per element; ``to_frame()`` gives a DataFrame.

    Raises
    ------
    QueryError
        Unknown engine.

    Examples
    --------
    >>> c = coverage(load("examples/roiet-2561"))
    >>> c.row("NS-S2").projects > 0
    True
    >>> f = c.to_frame()
    >>> int(f.loc["NS-S2", "projects"]) == c.row("NS-S2").projects, f.loc["NS-S2", "budget_all"]
    (True, Decimal('79205000'))
    """
    return _queries.coverage(graph, _policy(policy), engine)


def write_template(path: str | Path, *, lang: str = "th", with_national: bool = False,
                   policy: str | Path | Policy | None = None, force: bool = False) -> Path:
    """Write an empty plan workbook (``.xlsx``) to fill in Excel.

    Parameters
    ----------
    path:
        The ``.xlsx`` file to write; an existing file is never replaced unless
        ``force``. Written atomically.
    lang:
        ``"th"`` or ``"en"``: the language that comes first in the guide sheet,
        the header comments and the drop-down lists (both are always there).
    with_national:
        Pre-fill the National Strategy's 6 strategies, the 23 master plans, sub-plans
        and the 13th-plan milestones (ids ``NS-S1``, ``MP01``, ``N13-M1`` ...).
    policy:
        The ladder whose levels the ``level`` drop-down offers (default ``th-one-plan``).

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    InputError
        The file exists, or is not named ``.xlsx``.

    Examples
    --------
    >>> import tempfile, os
    >>> p = write_template(os.path.join(tempfile.mkdtemp(), "plan.xlsx"), with_national=True)
    >>> check(load(p)).summary
    Summary(errors=0, warnings=0, projects=0, complete=0)
    >>> write_template(p)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    stratlink.errors.InputError: ...plan.xlsx: already exists; nothing was written ...
    """
    return _write_template(path, lang=lang, with_national=with_national,
                  policy=load_policy(policy), force=force)


def map_html(graph: PlanGraph, *, focus: str | None = None, down: bool = False,
             levels: list[str] | None = None, plans: list[str] | None = None, lang: str = "th",
             report: CheckReport | None = None) -> str:
    """The linkage map as one self-contained, offline HTML page (vis-network inline).

    Levels of the ladder are drawn as bands, the National Strategy at the top and
    village projects at the bottom; colours by level, shapes by node type and
    value-chain stage, findings drawn in; a click lists a node's findings. Above a
    size limit projects collapse into counted groups (see :mod:`stratlink.viz.map`).

    Parameters
    ----------
    graph:
        A loaded :class:`PlanGraph`.
    focus:
        A project or element id: only its upward paths, numbered (its :func:`trace`).
    down:
        With ``focus``: everything beneath it instead (its :func:`trace_down`).
    levels, plans:
        Show only nodes at these levels / of these plan ids.
    lang:
        ``"th"`` or ``"en"``.
    report:
        The :class:`CheckReport` to draw (default: ``check(graph)``).

    Returns
    -------
    str
        The HTML page.

    Raises
    ------
    UnknownNodeError
        ``focus`` is not a project or element.
    QueryError
        An unknown level or plan, or ``down`` without ``focus``.

    Examples
    --------
    >>> page = map_html(load("examples/roiet-2561"), focus="PRJ-068", lang="en")
    >>> page.startswith("<!DOCTYPE html>") and "PRJ-068" in page
    True
    >>> map_html(load("examples/roiet-2561"), focus="NO-SUCH-ID")
    Traceback (most recent call last):
    ...
    stratlink.errors.UnknownNodeError: no project or element has the id 'NO-SUCH-ID'
    """
    from stratlink.viz.map import map_html as run  # lazy: pages and their assets only when asked for

    return run(graph, focus=focus, down=down, levels=levels, plans=plans, lang=lang, report=report)


def write_map(graph: PlanGraph, path: str | Path, **options) -> Path:
    """Write :func:`map_html` (same keyword options) to ``path``.

    Parameters
    ----------
    graph:
        A loaded :class:`PlanGraph`.
    path:
        The ``.html`` file to write (folders are created).
    **options:
        ``focus``, ``down``, ``levels``, ``plans``, ``lang``, ``report`` as for
        :func:`map_html`.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    UnknownNodeError, QueryError
        As for :func:`map_html`.

    Examples
    --------
    >>> import tempfile, os
    >>> out = write_map(load("examples/roiet-2561"), os.path.join(tempfile.mkdtemp(), "map.html"))
    >>> out.suffix, out.stat().st_size > 100_000
    ('.html', True)
    """
    from stratlink.viz.map import write_map as run  # lazy: pages and their assets only when asked for

    return run(graph, path, **options)


def map_network(graph: PlanGraph, *, focus: str | None = None, down: bool = False,
                levels: list[str] | None = None, plans: list[str] | None = None, lang: str = "th",
                report: CheckReport | None = None):
    """The linkage map as a pyvis ``Network``, to use pyvis yourself (in a notebook).

    It is the Network that :func:`map_html` draws: one vis-network node per drawn
    node at the layout's ``x``/``y`` with physics off, its colour, shape, border (the
    findings) and label; one edge per line; the vis-network options in
    ``net.options``. Needs pyvis: ``pip install 'stratlink[viz]'``. pyvis's own
    ``net.show()`` page loads its assets from CDNs; :func:`write_map` writes the
    offline page.

    Parameters
    ----------
    graph:
        A loaded :class:`PlanGraph`.
    focus, down, levels, plans, lang, report:
        As for :func:`map_html`.

    Returns
    -------
    pyvis.network.Network
        ``nodes``, ``edges`` (lists of vis-network dicts) and ``options`` (a dict).

    Raises
    ------
    MissingDependency
        pyvis is not installed.
    UnknownNodeError, QueryError
        As for :func:`map_html`.

    Examples
    --------
    >>> net = map_network(load("examples/roiet-2561"), focus="PRJ-068", lang="en")
    >>> node = net.get_node(net.get_nodes()[0])
    >>> node["physics"], {"x", "y", "label", "shape", "color"} <= set(node)
    (False, True)
    """
    from stratlink.viz.map import map_network as run  # lazy: pyvis only when asked for

    return run(graph, focus=focus, down=down, levels=levels, plans=plans, lang=lang, report=report)


def report_html(graph: PlanGraph, *, lang: str = "th", large: bool = False,
                report: CheckReport | None = None) -> str:
    """The linkage report as one self-contained, offline HTML page: summary, a
    filterable and sortable findings table, coverage of the top-level strategies
    (inline SVG chart), the traceability matrix, value-chain stages and the map.

    Parameters
    ----------
    graph:
        A loaded :class:`PlanGraph`.
    lang:
        ``"th"`` or ``"en"``.
    large:
        Start in large type (for a projector).
    report:
        The :class:`CheckReport` to show (default: ``check(graph)``).

    Returns
    -------
    str
        The HTML page.

    Raises
    ------
    QueryError
        As for :func:`check`.

    Examples
    --------
    >>> page = report_html(load("examples/roiet-2561"), lang="en")
    >>> "Traceability matrix" in page and "<svg" in page
    True
    """
    from stratlink.viz.report import report_html as run  # lazy: pages and their assets only when asked for

    return run(graph, lang=lang, large=large, report=report)


def write_report(graph: PlanGraph, path: str | Path, **options) -> Path:
    """Write :func:`report_html` (same keyword options) to ``path``.

    Parameters
    ----------
    graph:
        A loaded :class:`PlanGraph`.
    path:
        The ``.html`` file to write (folders are created).
    **options:
        ``lang``, ``large``, ``report`` as for :func:`report_html`.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    QueryError
        As for :func:`check`.

    Examples
    --------
    >>> import tempfile, os
    >>> out = write_report(load("examples/roiet-2561"), os.path.join(tempfile.mkdtemp(), "r.html"), lang="th")
    >>> "รายงาน" in out.read_text(encoding="utf-8")
    True
    """
    from stratlink.viz.report import write_report as run  # lazy: pages and their assets only when asked for

    return run(graph, path, **options)


def _policy(policy: str | Path | Policy | None) -> Policy | None:
    return None if policy is None else load_policy(policy)


__all__ = [
    "DEFAULT_MAX_PATHS", "FORMAT_NAMES", "TH_ONE_PLAN", "CheckReport", "Coverage", "CoverageRow",
    "DownTrace", "Finding", "InputError", "Location", "NATIONAL", "Matrix", "MissingDependency", "Neo4jError",
    "PlanGraph", "Policy", "PolicyError", "QueryError", "StratlinkError", "Summary", "Trace",
    "UnknownNodeError", "WorkbookError", "__version__", "check", "coverage", "export", "load",
    "load_policy", "map_html", "map_network", "matrix", "report_html", "trace", "trace_down", "write_map",
    "write_report", "write_template",
]
