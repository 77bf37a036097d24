"""The one exception tree of stratlink.

Every error the library raises on purpose is a :class:`StratlinkError`; the CLI
maps each branch to an exit status in one place (``stratlink.cli.EXIT_CODES``) and
prints the message as one line. Row-level problems are never exceptions: they are
findings on the loaded graph.

::

    StratlinkError
    ├── InputError          the input cannot be read at all (no such file, not a workbook)
    │   └── WorkbookError   (the historical name, kept as an alias of InputError)
    ├── PolicyError         a policy name or file that cannot be used
    ├── QueryError          a query that cannot be answered
    │   └── UnknownNodeError  the id is not a project or element
    ├── MissingDependency   an optional package is needed (with the install hint)
    └── Neo4jError          the Neo4j server cannot be reached, refuses, or fails a query

>>> issubclass(UnknownNodeError, StratlinkError), WorkbookError is InputError
(True, True)
>>> str(MissingDependency("pandas", "frames", "DataFrames"))
"DataFrames needs the 'pandas' package: pip install 'stratlink[frames]'"
"""

from __future__ import annotations

from stratlink.i18n import has, text


class StratlinkError(Exception):
    """The root of every error stratlink raises on purpose; the message is one clean line.

    An error made with :meth:`keyed` names its text in the catalogue
    (:mod:`stratlink.i18n`), so that :meth:`message` can say it in Thai too:

    >>> e = InputError.keyed("error.no_such_file", path="x")
    >>> str(e), e.message("th")
    ('x: no such file or folder', 'x: ไม่พบไฟล์หรือโฟลเดอร์นี้')
    """

    key: str | None = None
    params: dict = {}

    @classmethod
    def keyed(cls, key: str, /, **params) -> StratlinkError:
        err = cls(text(key, "en", **params))
        err.key, err.params = key, params
        return err

    def message(self, lang: str = "en") -> str:
        """The message in ``lang`` ('en' or 'th'); English where it has no key."""
        if self.key is None or lang != "th":
            return str(self)
        return text(self.key, lang, **self.params)

    def __str__(self) -> str:  # KeyError-style quoting would be noise
        return str(self.args[0]) if self.args else type(self).__name__

    def __format__(self, spec: str) -> str:
        """``{err:th}`` in a catalogue template says the error in Thai (its reason inside
        another message); ``{err}`` in English."""
        return self.message(spec) if spec else str(self)


class InputError(StratlinkError):
    """The input could not be read at all: no such file, not a workbook, bad encoding.

    The message names the file (and sheet, row, column where known) and says what
    to do.
    """


#: The historical name of :class:`InputError`.
WorkbookError = InputError


class PolicyError(StratlinkError, ValueError):
    """A policy that cannot be used; the message names the file and the key."""


class QueryError(StratlinkError, LookupError):
    """A query that cannot be answered (e.g. an unknown id)."""


class UnknownNodeError(QueryError):
    """A trace was asked about an id that is not a project or element of the graph."""

    def __init__(self, node_id: str, what: str | None = None) -> None:
        self.node_id = node_id
        if what:
            self.key = "error.not_a_node"
            self.params = {"node": node_id, "what": what,
                           "what_th": text("kind." + what, "th") if has("kind." + what) else what}
        else:
            self.key, self.params = "error.unknown_node", {"node": node_id}
        super().__init__(text(self.key, "en", **self.params))


class MissingDependency(StratlinkError, ImportError):
    """An optional dependency is needed for this input, output or engine."""

    def __init__(self, package: str, extra: str, purpose: str, purpose_th: str = "") -> None:
        self.package = package
        self.key = "error.missing_dependency"
        self.params = {"package": package, "extra": extra, "purpose": purpose,
                       "purpose_th": purpose_th or purpose + " "}
        super().__init__(text(self.key, "en", **self.params))


class Neo4jError(StratlinkError):
    """The Neo4j server cannot be reached, refuses the credentials, or fails a query;
    the message is one line and never contains the password."""


__all__ = ["InputError", "MissingDependency", "Neo4jError", "PolicyError", "QueryError",
           "StratlinkError", "UnknownNodeError", "WorkbookError"]
