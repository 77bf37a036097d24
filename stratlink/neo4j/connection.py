"""Connecting to Neo4j: the driver (imported lazily, with the install hint), sessions,
time limits, and one place that turns the driver's exceptions into
:class:`~stratlink.errors.Neo4jError`.

Time limits (see docs/neo4j-server.md): every connection has a *connect* limit (TCP)
and a *handshake* limit (the Bolt greeting, login included); every transaction has a
*transaction* limit the server enforces, and the client gives up
:data:`CLIENT_GRACE` seconds later (a frozen server enforces nothing), closing the
driver. Each error message names the limit that was hit.
"""

from __future__ import annotations

import contextlib
import functools
import os
import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from stratlink.errors import MissingDependency, Neo4jError
from stratlink.i18n import Said, phrase
from stratlink.neo4j.sandbox import check_read_only

NOTIFICATIONS_OFF = {"notifications_min_severity": "OFF"}
#: URI schemes the Neo4j driver speaks (Bolt, direct or routed, with or without TLS).
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
#: Seconds the client waits beyond a transaction's server-side limit (at most; half
#: the limit when that is shorter, at least 2 s).
CLIENT_GRACE = 15.0


def grace(limit: float) -> float:
    return max(2.0, min(CLIENT_GRACE, limit / 2))


@dataclass(frozen=True)
class TimeLimits:
    """Seconds allowed for the TCP connect, the Bolt handshake (with login) and each
    transaction. ``STRATLINK_NEO4J_TIMEOUT`` sets the transaction limit."""

    connect: float = 10.0
    handshake: float = 15.0
    transaction: float = 600.0

    @classmethod
    def from_env(cls) -> TimeLimits:
        """Defaults, or ``STRATLINK_NEO4J_TIMEOUT`` (transaction) and
        ``STRATLINK_NEO4J_CONNECT_TIMEOUT`` (connect and handshake, each)."""
        base = cls()
        tx = _seconds("STRATLINK_NEO4J_TIMEOUT", base.transaction)
        conn = _seconds("STRATLINK_NEO4J_CONNECT_TIMEOUT", None)
        if conn is None:
            return cls(base.connect, base.handshake, tx)
        return cls(conn, conn, tx)


def _seconds(name: str, default):
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        raise Neo4jError.keyed("error.neo4j.seconds_number", name=name, value=text) from None
    if not value > 0:
        raise Neo4jError.keyed("error.neo4j.seconds_positive", name=name)
    return value


def require_driver():
    """The ``neo4j`` package, or a clean error with the install hint."""
    try:
        import neo4j  # optional (the 'neo4j' extra): imported when a server is used
    except ImportError:  # pragma: no cover - the test extra installs it
        raise MissingDependency("neo4j", "neo4j", "Neo4j support") from None
    return neo4j


def session(driver, database: str | None = None, **config):
    """A driver session with server notifications off (they are noise for stratlink)."""
    try:
        return driver.session(database=database, **NOTIFICATIONS_OFF, **config)
    except TypeError:  # pragma: no cover - a driver without notification filters
        return driver.session(database=database, **config)


def _timed_out(exc: BaseException) -> bool:
    code = getattr(exc, "code", None) or ""
    return "TransactionTimedOut" in code or "Transaction.TransactionTimedOut" in code


@contextlib.contextmanager
def driver_errors(what: str = "Neo4j"):
    """Turn the driver's exceptions (server down, credentials, a failed query) into
    one-line :class:`~stratlink.errors.Neo4jError`; stratlink's own errors pass."""
    neo4j = require_driver()
    try:
        yield
    except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as exc:
        raise Neo4jError.keyed("error.neo4j.driver", what=doing(what), reason=first_line(exc)) from None


def wraps_driver_errors(func):
    """Decorator form of :func:`driver_errors`."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with driver_errors():
            return func(*args, **kwargs)

    return wrapper


class _Watchdog:
    """Closes the driver when ``seconds`` pass: a blocked read then fails at once."""

    def __init__(self, driver, seconds: float) -> None:
        self.fired = False
        self._driver = driver
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def _fire(self) -> None:
        self.fired = True
        with contextlib.suppress(Exception):
            self._driver.close()

    def __enter__(self):
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()


def transaction(driver, database: str | None, work, *args, write: bool = False,
                timeout: float | None = None, what: str = "a query", **kwargs):
    """Run ``work(tx, *args, **kwargs)`` in one managed transaction with a time limit.

    The server aborts the transaction after ``timeout`` seconds (default: the
    transaction limit of :class:`TimeLimits`); the client closes the driver if no answer
    comes :data:`CLIENT_GRACE` seconds after that. Errors are one-line Neo4jError
    naming ``what`` and the limit hit.
    """
    neo4j = require_driver()
    limit = timeout or TimeLimits.from_env().transaction

    @neo4j.unit_of_work(timeout=limit)
    def unit(tx):
        return work(tx, *args, **kwargs)

    mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
    with _limited(driver, limit, what):
        with session(driver, database, default_access_mode=mode) as s:
            return s.execute_write(unit) if write else s.execute_read(unit)


def autocommit(driver, database: str | None, query: str, params: dict[str, Any] | None = None,
               *, write: bool = False, timeout: float | None = None,
               what: str = "a query") -> tuple[list[str], list[dict]]:
    """Run one auto-commit query (what ``CALL { } IN TRANSACTIONS`` needs) with the same
    time limits as :func:`transaction`; (column names, rows as plain data)."""
    neo4j = require_driver()
    limit = timeout or TimeLimits.from_env().transaction
    mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
    with _limited(driver, limit, what):
        with session(driver, database, default_access_mode=mode) as s:
            result = s.run(neo4j.Query(query, timeout=limit), params or {})
            keys = list(result.keys())
            rows = [rec.data() for rec in result]
            result.consume()
    return keys, rows


@contextlib.contextmanager
def _limited(driver, limit: float, what: str):
    neo4j = require_driver()
    dog = _Watchdog(driver, limit + grace(limit))
    try:
        with dog:
            yield
    except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as exc:
        if dog.fired:
            raise Neo4jError.keyed("error.neo4j.client_limit", what=doing(what),
                                   seconds=limit + grace(limit)) from None
        if _timed_out(exc):
            raise Neo4jError.keyed("error.neo4j.server_limit", what=doing(what), seconds=limit) from None
        raise Neo4jError.keyed("error.neo4j.failed", what=doing(what), reason=first_line(exc)) from None


def check_uri(uri: str) -> None:
    """A clean error for an address the driver cannot speak to (``http://``, typos)."""
    scheme = urlsplit(uri).scheme.lower() if "://" in uri else ""
    if scheme in ("http", "https"):
        raise Neo4jError.keyed("error.neo4j.http_uri", uri=uri)
    if scheme not in BOLT_SCHEMES:
        raise Neo4jError.keyed("error.neo4j.bad_scheme", uri=uri, schemes=", ".join(BOLT_SCHEMES))


def connect(uri: str, user: str | None = None, password: str | None = None,
            limits: TimeLimits | None = None):
    """A verified ``neo4j.Driver``; Neo4jError (one line) when it cannot be had,
    naming the time limit (connect or handshake) when one was hit."""
    check_uri(uri)
    neo4j = require_driver()
    from neo4j import exceptions as nx  # optional, as above

    limits = limits or TimeLimits.from_env()
    auth = (user or "neo4j", password) if password is not None else None
    try:
        driver = neo4j.GraphDatabase.driver(
            uri, auth=auth, connection_timeout=limits.connect,
            connection_acquisition_timeout=limits.connect + limits.handshake,
            max_transaction_retry_time=5)
    except (ValueError, nx.ConfigurationError) as exc:
        raise Neo4jError.keyed("error.neo4j.bad_uri", uri=uri, reason=first_line(exc)) from None
    try:
        driver.verify_connectivity()
    except nx.AuthError:
        driver.close()
        raise Neo4jError.keyed("error.neo4j.credentials", uri=uri, user=user or "neo4j") from None
    except (nx.ServiceUnavailable, nx.DriverError, nx.Neo4jError, OSError) as exc:
        driver.close()
        text = first_line(exc)
        if "handshake" in text.lower() or "deadline" in text.lower():
            raise Neo4jError.keyed("error.neo4j.handshake", uri=uri,
                                   seconds=limits.connect + limits.handshake) from None
        if "timed out" in text.lower():
            raise Neo4jError.keyed("error.neo4j.connect_timeout", uri=uri, seconds=limits.connect) from None
        raise Neo4jError.keyed("error.neo4j.unreachable", uri=uri, reason=text, cause=cause(text)) from None
    return driver


#: what the driver's (English) text says of a failed connection -> the cause, said in the
#: message's language (``neo4j.cause.*`` in stratlink.i18n)
CAUSES = (("connection refused", "refused"), ("name or service not known", "name"),
          ("nodename nor servname", "name"), ("name resolution", "name"),
          ("no route to host", "route"), ("network is unreachable", "route"))


def cause(reason: str) -> Said:
    """Why a connection failed, from the driver's text (said in English as it is).

    >>> "{c:th}".format(c=cause("Failed to establish connection (reason [Errno 111] Connection refused)"))
    'ไม่มีเซิร์ฟเวอร์รอรับการเชื่อมต่อที่ที่อยู่นี้ (เซิร์ฟเวอร์ยังไม่เปิด หรือพอร์ตไม่ถูกต้อง)'
    """
    low = reason.lower()
    for needle, key in CAUSES:
        if needle in low:
            return Said(f"neo4j.cause.{key}")
    return Said(("neo4j.cause.other", {"reason": reason}))


def doing(what: str):
    """What stratlink was doing (the ``what`` of :func:`transaction`), said in the
    message's language where the catalogue has it (``neo4j.doing.*``)."""
    return phrase(what, "neo4j.doing.")


def first_line(exc: BaseException) -> str:
    text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return " ".join(str(text).split())[:300]


def run_cypher(driver, query: str, params: dict[str, Any] | None = None,
               write: bool = False, database: str | None = None,
               timeout: float | None = None) -> tuple[list[str], list[dict]]:
    """Run a user's Cypher query and return (column names, rows as plain data).

    Without ``write`` the query must pass :func:`stratlink.neo4j.sandbox.check_read_only`
    (a read of the graph: no LOAD CSV, TERMINATE, USE, admin commands or procedures
    outside a short list) and runs in a READ transaction; with ``write`` it runs as
    given. Both have the transaction time limit.
    """
    if not write:
        check_read_only(query)

    return autocommit(driver, database, query, params, write=write, timeout=timeout,
                      what="the query")


__all__ = ["BOLT_SCHEMES", "autocommit", "CLIENT_GRACE", "TimeLimits", "check_uri", "connect", "driver_errors",
           "first_line", "require_driver", "run_cypher", "session", "transaction",
           "wraps_driver_errors"]
