"""What ``stratlink neo4j query`` (without ``--write``) lets through: reads of the graph.

The rule (docs/cypher.md, "Read-only queries") is applied to the query's words after
comments and string literals are taken out, so it is conservative: a query is
refused when, outside strings and comments, it contains

* ``LOAD CSV`` (the server would fetch a URL or read a file);
* one of the words ``TERMINATE``, ``USE``, ``SHOW``, ``GRANT``, ``DENY``, ``REVOKE``,
  ``ALTER``, ``START``, ``STOP``, ``ENABLE``, ``DISABLE`` (administration, other
  databases, other sessions' transactions);
* a writing clause: ``CREATE``, ``MERGE``, ``DELETE``, ``DETACH``, ``SET``, ``REMOVE``,
  ``DROP``, ``FOREACH``, ``INSERT``, ``FINISH`` is allowed (it writes nothing);
* ``CALL`` of a procedure not in :data:`READ_PROCEDURES` (``CALL { ... }`` subqueries
  are fine), or any function of the ``apoc``, ``gds`` or ``dbms`` namespaces.

A word counts only where it could be a keyword: not after ``.`` (a property key), not
after ``:`` (a label or type), not before ``:`` (a map key) and not in backticks. A
variable that happens to be called ``set`` or ``use`` is refused too; rename it.
The server's READ transaction is the second wall: it refuses writes whatever this
check missed.
"""

from __future__ import annotations

import re

from stratlink.errors import QueryError
from stratlink.i18n import Said

#: Procedures a read-only query may call (lower case): schema introspection only.
READ_PROCEDURES = frozenset({
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
    "db.schema.nodetypeproperties", "db.schema.reltypeproperties",
})
ADMIN_WORDS = frozenset({"TERMINATE", "USE", "SHOW", "GRANT", "DENY", "REVOKE", "ALTER", "START",
                         "STOP", "ENABLE", "DISABLE"})
WRITE_WORDS = frozenset({"CREATE", "MERGE", "DELETE", "DETACH", "SET", "REMOVE", "DROP",
                         "FOREACH", "INSERT"})
BAD_NAMESPACES = ("apoc", "gds", "dbms")

_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<line>//[^\n]*)
  | (?P<block>/\*.*?(?:\*/|\Z))
  | (?P<string>'(?:[^'\\]|\\.)*(?:'|\Z)|"(?:[^"\\]|\\.)*(?:"|\Z))
  | (?P<quoted>`(?:[^`]|``)*(?:`|\Z))
  | (?P<word>[^\W\d]\w*)
  | (?P<other>.)
""", re.X | re.S)


class ForbiddenQuery(QueryError):
    """A query that ``neo4j query`` without ``--write`` refuses to run."""


def tokens(query: str) -> list[tuple[str, str]]:
    """(kind, text) of the query outside comments: words, quoted names, strings, signs."""
    out = []
    for m in _TOKEN.finditer(query):
        kind = m.lastgroup
        if kind in ("space", "line", "block"):
            continue
        text = m.group()
        if kind == "quoted":
            text = text[1:-1].replace("``", "`") if text.endswith("`") and len(text) > 1 else text[1:]
        out.append((kind, text))
    return out


def _name_at(toks: list[tuple[str, str]], i: int) -> tuple[str, int]:
    """The dotted name starting at ``i`` (words or quoted parts) and the index after it."""
    parts = []
    while i < len(toks) and toks[i][0] in ("word", "quoted"):
        parts.append(toks[i][1])
        if i + 1 < len(toks) and toks[i + 1] == ("other", "."):
            i += 2
        else:
            i += 1
            break
    return ".".join(parts), i


def check_read_only(query: str) -> None:
    """Raise :class:`ForbiddenQuery` unless ``query`` only reads the graph (see the module)."""
    toks = tokens(query)
    for i, (kind, text) in enumerate(toks):
        if kind != "word":
            continue
        prev = toks[i - 1] if i else ("", "")
        nxt = toks[i + 1] if i + 1 < len(toks) else ("", "")
        if prev in (("other", "."), ("other", ":"), ("other", "$")) or nxt == ("other", ":"):
            continue
        word = text.upper()
        if word == "LOAD" and nxt[0] == "word" and nxt[1].upper() == "CSV":
            _refuse("LOAD CSV", "load_csv")
        if word in ADMIN_WORDS:
            _refuse(word, "admin")
        if word in WRITE_WORDS:
            _refuse(word, "writes")
        if word == "CALL" and nxt[0] in ("word", "quoted"):
            name, _ = _name_at(toks, i + 1)
            if name.lower() not in READ_PROCEDURES:
                _refuse(f"CALL {name}", "procedure", procedures=", ".join(sorted(READ_PROCEDURES)))
        if nxt == ("other", ".") and text.lower() in BAD_NAMESPACES:
            name, after = _name_at(toks, i)
            _refuse(name, "namespace", namespace=text.lower())
    for kind, text in toks:
        if kind == "quoted" and text.lower().split(".")[0] in BAD_NAMESPACES + ("db",) and "." in text:
            _refuse(text, "quoted")


def _refuse(what: str, why: str, **args) -> None:
    """Refuse ``what``; ``why`` names the reason in the catalogue (``neo4j.refused.*``)."""
    raise ForbiddenQuery.keyed("error.neo4j.read_only", what=what, why=Said((f"neo4j.refused.{why}", args)))


__all__ = ["READ_PROCEDURES", "ForbiddenQuery", "check_read_only", "tokens"]
