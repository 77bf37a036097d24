"""Neo4j: the connection, the writer and reader of a workbook, and the Cypher engine.

The ``neo4j`` driver is imported lazily; without it, :func:`connect` raises
:class:`~stratlink.errors.MissingDependency` with the install hint. The driver's own
exceptions never escape: they become :class:`~stratlink.errors.Neo4jError`.
"""

from stratlink.neo4j.connection import connect, driver_errors, first_line, run_cypher, session
from stratlink.neo4j.engine import CypherEngine
from stratlink.neo4j.store import (
    DEFAULT_BATCH_SIZE,
    REL_TYPES,
    WriteStats,
    read_neo4j,
    stored_counts,
    write_neo4j,
)

__all__ = ["DEFAULT_BATCH_SIZE", "REL_TYPES", "CypherEngine", "WriteStats", "connect",
           "driver_errors", "first_line", "read_neo4j", "run_cypher", "session", "stored_counts",
           "write_neo4j"]
