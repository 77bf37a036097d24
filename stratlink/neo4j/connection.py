"""Connecting to Neo4j: the driver (imported lazily, with the install hint), sessions,
and one place that turns the driver's exceptions into :class:`~stratlink.errors.Neo4jError`.
"""

from __future__ import annotations

import contextlib
import functools
from typing import Any

from stratlink.errors import MissingDependency, Neo4jError

NOTIFICATIONS_OFF = {"notifications_min_severity": "OFF"}


def require_driver():
    """The ``neo4j`` package, or a clean error with the install hint."""
    try:
        import neo4j
    except ImportError:  # pragma: no cover - the test extra installs it
        raise MissingDependency("neo4j", "neo4j", "Neo4j support") from None
    return neo4j


def session(driver, database: str | None = None, **config):
    """A driver session with server notifications off (they are noise for stratlink)."""
    try:
        return driver.session(database=database, **NOTIFICATIONS_OFF, **config)
    except TypeError:  # pragma: no cover - a driver without notification filters
        return driver.session(database=database, **config)



@contextlib.contextmanager
def driver_errors(what: str = "Neo4j"):
    """Turn the driver's exceptions (server down, credentials, a failed query) into
    one-line :class:`~stratlink.errors.Neo4jError`; stratlink's own errors pass."""
    neo4j = require_driver()
    try:
        yield
    except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as exc:
        raise Neo4jError(f"{what}: {first_line(exc)}") from None


def wraps_driver_errors(func):
    """Decorator form of :func:`driver_errors`."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with driver_errors():
            return func(*args, **kwargs)

    return wrapper


def connect(uri: str, user: str | None = None, password: str | None = None):
    """A verified ``neo4j.Driver``; Neo4jError (one line) when it cannot be had."""
    neo4j = require_driver()
    from neo4j import exceptions as nx

    auth = (user or "neo4j", password) if password is not None else None
    try:
        driver = neo4j.GraphDatabase.driver(uri, auth=auth, connection_timeout=10,
                                            max_transaction_retry_time=5)
    except (ValueError, nx.ConfigurationError) as exc:
        raise Neo4jError(f"bad Neo4j URI '{uri}': {first_line(exc)}") from None
    try:
        driver.verify_connectivity()
    except nx.AuthError:
        driver.close()
        raise Neo4jError(
            f"Neo4j at {uri} refused the credentials of user '{user or 'neo4j'}' "
            "(check NEO4J_USER / NEO4J_PASSWORD)") from None
    except (nx.ServiceUnavailable, nx.DriverError, nx.Neo4jError, OSError) as exc:
        driver.close()
        raise Neo4jError(f"cannot connect to Neo4j at {uri}: {first_line(exc)}") from None
    return driver


def first_line(exc: BaseException) -> str:
    text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return " ".join(str(text).split())[:300]


@wraps_driver_errors
def run_cypher(driver, query: str, params: dict[str, Any] | None = None,
               write: bool = False, database: str | None = None) -> tuple[list[str], list[dict]]:
    """Run a user's Cypher query; read-only (a READ session: the server refuses
    writes) unless ``write``. Returns (column names, rows as plain data)."""
    neo4j = require_driver()
    mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
    with session(driver, database, default_access_mode=mode) as s:
        result = s.run(query, params or {})
        keys = list(result.keys())
        rows = [rec.data() for rec in result]
        result.consume()
    return keys, rows




__all__ = ["connect", "driver_errors", "first_line", "require_driver", "run_cypher", "session",
           "wraps_driver_errors"]
