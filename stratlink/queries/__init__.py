"""Queries over a plan graph: linkage checks, traces, the linkage matrix, coverage.

One call per question; each takes a loaded :class:`~stratlink.graph_model.PlanGraph`
and returns an engine-neutral result (see ``results.py``) whose ``to_dict()`` is
the JSON of ``shared/spec/checks.md``. The engine interface and the decisions the
spec leaves open are in ``engine.py``.

>>> from stratlink.loaders.testing import graph_from_csv
>>> g = graph_from_csv(plans="id,level,name_en\\nNS,national,NS\\nPV,province,PV",
...                    elements="id,plan_id,kind,name_en\\nS1,NS,strategy,S1",
...                    projects="id,plan_id,name_en\\nX,PV,Road",
...                    links="source_id,target_id\\nX,S1")
>>> check(g).summary.to_dict()
{'errors': 0, 'warnings': 1, 'projects': 1, 'complete': 1}
>>> trace(g, "X").to_dict()["paths"]
[['X', 'S1']]
"""

from __future__ import annotations

import importlib

from stratlink.errors import QueryError, UnknownNodeError
from stratlink.graph_model import PlanGraph, Policy
from stratlink.queries.engine import Engine, normalise_name
from stratlink.queries.results import (
    DEFAULT_MAX_PATHS,
    CheckReport,
    Coverage,
    CoverageRow,
    DownTrace,
    Matrix,
    Summary,
    Trace,
    finding_sort_key,
    sort_findings,
)

#: in-memory engines by name ("module:class"); the Cypher engine lives in stratlink.neo4j
ENGINES = {"array": "stratlink.queries.array_engine:ArrayEngine",
           "networkx": "stratlink.queries.nx_engine:NetworkXEngine"}
#: the engine used when none is named: arrays (numpy/scipy) over the graph's columns
DEFAULT_ENGINE = "array"

__all__ = [
    "DEFAULT_ENGINE", "DEFAULT_MAX_PATHS", "ENGINES", "CheckReport", "Coverage", "CoverageRow", "DownTrace", "Engine",
    "Matrix", "QueryError", "Summary", "Trace", "UnknownNodeError", "check", "coverage",
    "engine_for", "finding_sort_key", "matrix", "normalise_name", "sort_findings", "trace",
    "trace_down",
]


def engine_for(graph: PlanGraph, policy: Policy | None = None, engine: str = DEFAULT_ENGINE) -> Engine:
    """The engine ``engine`` over ``graph`` (``policy`` defaults to the graph's).

    Engines are cached on the graph per (engine, policy): a second query after one
    load reuses the first one's indexes. Changing the graph (``graph.add``,
    ``graph.invalidate()``) drops the cache.
    """
    try:
        module, cls = ENGINES[engine].split(":")
    except KeyError:
        raise QueryError.keyed("error.unknown_engine", engine=engine,
                               known=", ".join(ENGINES)) from None
    key = ("engine", engine, policy)
    cached = graph._cache.get(key)
    if cached is None:
        cached = getattr(importlib.import_module(module), cls)(graph, policy)
        graph._cache[key] = cached
    return cached


def check(graph: PlanGraph, policy: Policy | None = None, engine: str = DEFAULT_ENGINE) -> CheckReport:
    """Every finding of the spec (load findings included), sorted, with the summary."""
    return engine_for(graph, policy, engine).check()


def trace(graph: PlanGraph, node_id: str, max_paths: int = DEFAULT_MAX_PATHS,
          policy: Policy | None = None, engine: str = DEFAULT_ENGINE) -> Trace:
    """Upward trace of a project or element; UnknownNodeError for any other id."""
    return engine_for(graph, policy, engine).trace(node_id, max_paths)


def trace_down(graph: PlanGraph, node_id: str, policy: Policy | None = None,
               engine: str = DEFAULT_ENGINE) -> DownTrace:
    """The projects beneath a project or element; UnknownNodeError for any other id."""
    return engine_for(graph, policy, engine).trace_down(node_id)


def matrix(graph: PlanGraph, policy: Policy | None = None, engine: str = DEFAULT_ENGINE) -> Matrix:
    """Projects x top-level elements: 'primary', 'secondary' or ''."""
    return engine_for(graph, policy, engine).matrix()


def coverage(graph: PlanGraph, policy: Policy | None = None, engine: str = DEFAULT_ENGINE) -> Coverage:
    """Projects, budget and stages beneath each top and coverage-level element."""
    return engine_for(graph, policy, engine).coverage()
