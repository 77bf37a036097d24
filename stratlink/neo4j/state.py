"""The load state and the load lock of a Neo4j database (one ``:StratlinkLoad`` node).

``write_neo4j`` takes the lock before it changes anything and gives it back when it
ends; readers (``neo4j check``, ``trace``, ``query``, :func:`read_neo4j`) look at the
state before they trust the graph.

Properties of ``(:StratlinkLoad {id: 'load'})``:

* ``state``: ``'started'`` while a load that changes the graph in several
  transactions runs (and forever after, if it was killed), ``'complete'`` when the
  last one finished;
* ``identity`` (which workbook: the file or folder name without extension),
  ``content_hash`` (SHA-256 of the files read, or of the records), ``source``,
  ``started_at``, ``completed_at`` (ms since 1970, server clock), ``mode``
  (``'load'``, ``'replace'`` or ``'replace plan <id>'``);
* the lock: ``holder`` (a random token), ``host``, ``pid`` and ``lease_until``. Every
  write transaction of the holder renews the lease (:data:`LEASE_SECONDS`); another
  load is refused while the lease runs, unless the holder was a process on this
  host that no longer exists (a killed load is retried at once).

A different workbook (another ``identity``) over a stored one needs
``replace='all'`` (``--replace``) or another database.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import socket
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from stratlink.errors import Neo4jError
from stratlink.i18n import phrase
from stratlink.neo4j.connection import transaction

LOAD_ID = "load"
LEASE_SECONDS = 120
STARTED, COMPLETE = "started", "complete"


class LoadRefused(Neo4jError):
    """Another load holds the lock, or a different workbook is stored."""


def workbook_identity(source: str | None) -> str:
    """Which workbook a source is: its file or folder name without the extension.

    >>> workbook_identity("/data/roiet-2561.xlsx"), workbook_identity("examples/roiet-2561/")
    ('roiet-2561', 'roiet-2561')
    """
    if not source:
        return "workbook"
    path = Path(str(source).rstrip("/\\"))
    return path.stem if path.suffix else path.name


def content_hash(graph) -> str:
    """SHA-256 of the source files (a folder: every file, by name), or of the records."""
    h = hashlib.sha256()
    path = Path(graph.source) if graph.source else None
    if path is not None and path.exists():
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            h.update(f.relative_to(path).as_posix().encode() if path.is_dir() else b"")
            with open(f, "rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    h.update(block)
        return h.hexdigest()
    for sheet in sorted(graph.sheets):
        for rec in graph.records(sheet):
            h.update(repr(rec).encode())
    return h.hexdigest()


def when(ms: Any) -> str:
    if not isinstance(ms, int):
        return "an unknown time"
    return datetime.fromtimestamp(ms / 1000, timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


def read_state(driver, database: str | None = None) -> dict[str, Any] | None:
    """The ``:StratlinkLoad`` properties, or None (nothing loaded by this stratlink)."""
    def work(tx):
        rec = tx.run("MATCH (l:StratlinkLoad {id: $id}) RETURN properties(l) AS p", id=LOAD_ID).single()
        return dict(rec["p"]) if rec else None

    return transaction(driver, database, work, what="reading the load state")


def incomplete_error(state: dict[str, Any]) -> Neo4jError:
    """The error of a database whose last load (``state``) did not complete."""
    return Neo4jError.keyed("error.neo4j.incomplete", source=state.get("source") or "?",
                            mode=_mode(state.get("mode")), started=_when(state.get("started_at")))


def incomplete_message(state: dict[str, Any], lang: str = "en") -> str:
    """What :func:`incomplete_error` says, in ``lang``."""
    return incomplete_error(state).message(lang)


def _mode(mode: Any):
    """How a load ran ('load', 'replace plan X', ...), said in the message's language."""
    return phrase(str(mode or "load"), "neo4j.mode.")


def _when(ms: Any):
    return phrase(when(ms), "neo4j.when.")


def require_complete(driver, database: str | None = None) -> dict[str, Any] | None:
    """Refuse (Neo4jError) when the last load did not complete; the state otherwise."""
    state = read_state(driver, database)
    if state is not None and state.get("state") != COMPLETE:
        raise incomplete_error(state)
    return state


def _alive_here(state: dict[str, Any]) -> bool:
    """False only when the holder ran on this host and its process is gone."""
    if state.get("host") != socket.gethostname() or not isinstance(state.get("pid"), int):
        return True
    try:
        os.kill(state["pid"], 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class LoadLock:
    """The lock of one load; :meth:`acquire` then :meth:`renew` in every write
    transaction, then :meth:`complete` (or :meth:`release` on failure)."""

    def __init__(self, driver, database: str | None, graph, mode: str, replace: str | None) -> None:
        self.driver = driver
        self.database = database
        self.token = secrets.token_hex(16)
        self.mode = mode
        self.replace = replace
        self.source = graph.source or ""
        self.identity = workbook_identity(graph.source)
        self.hash = content_hash(graph)
        self.previous: dict[str, Any] | None = None

    def acquire(self, started: bool) -> dict[str, Any] | None:
        """Take the lock (refusing as the module says); with ``started`` the state
        becomes 'started' until :meth:`complete`. Returns the previous state."""
        def work(tx):
            rec = tx.run("""
                MERGE (l:StratlinkLoad {id: $id})
                ON CREATE SET l.created = true
                WITH l, properties(l) AS before
                SET l.touched = timestamp()
                RETURN before AS p, timestamp() AS now,
                       EXISTS { MATCH (:Workbook) } AS has_workbook""", id=LOAD_ID).single()
            before, now = dict(rec["p"]), rec["now"]
            fresh = before.pop("created", None) and len(before) <= 1
            self._decide(before if not fresh else None, now, rec["has_workbook"])
            props = {"holder": self.token, "host": socket.gethostname(), "pid": os.getpid(),
                     "lease_until": now + LEASE_SECONDS * 1000, "lock_mode": self.mode}
            if started or fresh:
                props.update(state=STARTED, started_at=now, completed_at=None, mode=self.mode,
                             source=self.source, identity=self.identity, content_hash=self.hash)
            tx.run("MATCH (l:StratlinkLoad {id: $id}) REMOVE l.created SET l += $props",
                   id=LOAD_ID, props=props)
            return None if fresh else before

        self.previous = transaction(self.driver, self.database, work, write=True,
                                    what="taking the load lock")
        return self.previous

    def _decide(self, before: dict[str, Any] | None, now: int, has_workbook: bool) -> None:
        if before is None:
            return
        holder = before.get("holder")
        if holder and holder != self.token and (before.get("lease_until") or 0) > now \
                and _alive_here(before):
            raise LoadRefused.keyed("error.neo4j.running", source=before.get("source") or "?",
                                    mode=_mode(before.get("lock_mode")), host=before.get("host"),
                                    pid=before.get("pid"), until=_when(before.get("lease_until")))
        stored = before.get("identity")
        if self.replace != "all" and stored and stored != self.identity and (
                has_workbook or before.get("state") != COMPLETE):
            raise LoadRefused.keyed("error.neo4j.other_workbook", stored=stored,
                                    source=before.get("source") or "?", identity=self.identity)

    def renew(self, tx) -> None:
        """Inside a write transaction: keep the lease, or fail if it was taken over."""
        rec = tx.run("""MATCH (l:StratlinkLoad {id: $id}) WHERE l.holder = $token
                        SET l.lease_until = timestamp() + $ms RETURN count(l) AS c""",
                     id=LOAD_ID, token=self.token, ms=LEASE_SECONDS * 1000).single()
        if not rec or rec["c"] != 1:
            raise LoadRefused.keyed("error.neo4j.lost_lock")

    def complete(self, **counts: int) -> None:
        def work(tx):
            self.renew(tx)
            tx.run("""MATCH (l:StratlinkLoad {id: $id})
                      SET l.state = $complete, l.completed_at = timestamp(), l += $counts,
                          l.mode = $mode, l.source = $source, l.identity = $identity,
                          l.content_hash = $hash
                      REMOVE l.holder, l.lease_until, l.host, l.pid, l.lock_mode""",
                   id=LOAD_ID, complete=COMPLETE, counts=counts, mode=self.mode,
                   source=self.source, identity=self.identity, hash=self.hash).consume()

        transaction(self.driver, self.database, work, write=True, what="recording the completed load")

    def release(self) -> None:
        """After a failure: give the lock back (the state stays what it is)."""
        def work(tx):
            tx.run("""MATCH (l:StratlinkLoad {id: $id}) WHERE l.holder = $token
                      REMOVE l.holder, l.lease_until, l.host, l.pid, l.lock_mode""",
                   id=LOAD_ID, token=self.token).consume()

        try:
            transaction(self.driver, self.database, work, write=True, timeout=10,
                        what="releasing the load lock")
        except Neo4jError:
            pass  # the server is gone: the lease runs out, or the pid check frees it


__all__ = ["COMPLETE", "LEASE_SECONDS", "STARTED", "LoadLock", "LoadRefused", "content_hash",
           "incomplete_error", "incomplete_message", "read_state", "require_complete", "workbook_identity"]
