"""Progress of long operations: the library reports it, a front end shows it.

Library code wraps long work in :func:`task` and calls ``advance``; nothing is shown
unless a front end installed a sink with :func:`reporting` (the CLI does, on standard
error, only when that is a terminal). Without a sink every call is a no-op, so
library users and tests see nothing.

A task names what it does with a key of the text catalogue and its arguments, so that
each front end shows it in the user's language.

>>> seen = []
>>> class Sink:
...     def start(self, key, args, total): seen.append(("start", key, args, total))
...     def advance(self, n): seen.append(("advance", n))
...     def finish(self): seen.append(("finish",))
>>> with reporting(Sink()):
...     with task("progress.sheet", 3, sheet="projects") as t:
...         t.advance(2); t.advance()
>>> seen
[('start', 'progress.sheet', {'sheet': 'projects'}, 3), ('advance', 2), ('advance', 1), ('finish',)]
>>> with task("progress.sheet", 10, sheet="links") as t:
...     t.advance(10)
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Protocol


class Sink(Protocol):
    def start(self, key: str, args: dict, total: int | None) -> None: ...
    def advance(self, n: int) -> None: ...
    def finish(self) -> None: ...


_SINK: contextvars.ContextVar[Sink | None] = contextvars.ContextVar("stratlink_progress",
                                                                    default=None)


class Task:
    """One long operation; ``advance(n)`` reports n more units of ``total`` done."""

    def __init__(self, sink: Sink | None) -> None:
        self._sink = sink

    def advance(self, n: int = 1) -> None:
        if self._sink is not None:
            self._sink.advance(n)


@contextlib.contextmanager
def task(key: str, total: int | None = None, **args) -> Iterator[Task]:
    """A long operation of ``total`` units (None when unknown); ``key`` and ``args``
    say what it is (a key of the text catalogue)."""
    sink = _SINK.get()
    if sink is None:
        yield Task(None)
        return
    sink.start(key, args, total)
    try:
        yield Task(sink)
    finally:
        sink.finish()


@contextlib.contextmanager
def reporting(sink: Sink | None) -> Iterator[None]:
    """Show the progress of everything inside the block on ``sink``."""
    token = _SINK.set(sink)
    try:
        yield
    finally:
        _SINK.reset(token)


__all__ = ["Sink", "Task", "reporting", "task"]
