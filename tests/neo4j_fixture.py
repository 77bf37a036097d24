"""Pytest plugin: a real Neo4j server for tests (see docs/neo4j-server.md).

Register from tests/conftest.py with ``pytest_plugins = ["tests.neo4j_fixture"]``
(or ``["neo4j_fixture"]`` when tests/ itself is on sys.path).

Fixtures
--------
``neo4j_server`` (session)
    Object with ``.uri .user .password``.  Uses ``NEO4J_URI`` / ``NEO4J_USER``
    (default ``neo4j``) / ``NEO4J_PASSWORD`` when ``NEO4J_URI`` is set;
    otherwise starts a throw-away server with tools/neo4j/server.py and stops
    it at the end of the session.
``neo4j_driver`` (session)
    A ``neo4j.Driver`` connected to that server.
``neo4j_clean`` (function)
    The driver, after deleting all nodes, constraints and (non-lookup) indexes.

Every test that uses one of them gets the ``neo4j`` marker, so
``pytest -m "not neo4j"`` deselects them.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import os
import sys
from pathlib import Path

import pytest

_REPO_ROOT = Path(__file__).resolve().parent.parent
_SERVER_PY = _REPO_ROOT / "tools" / "neo4j" / "server.py"
_FIXTURES = ("neo4j_server", "neo4j_driver", "neo4j_clean")


@dataclasses.dataclass(frozen=True)
class Neo4jConnection:
    uri: str
    user: str
    password: str
    started_here: bool = False


def load_server_module():
    """Import tools/neo4j/server.py by path (it is not part of a package)."""
    name = "stratlink_tools_neo4j_server"
    mod = sys.modules.get(name)
    if mod is None:
        spec = importlib.util.spec_from_file_location(name, _SERVER_PY)
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod  # before exec: dataclasses look the module up
        spec.loader.exec_module(mod)
    return mod


def pytest_configure(config):
    config.addinivalue_line("markers", "neo4j: needs a real Neo4j server (started by the session fixture)")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if any(name in getattr(item, "fixturenames", ()) for name in _FIXTURES):
            item.add_marker(pytest.mark.neo4j)


@pytest.fixture(scope="session")
def neo4j_server():
    uri = os.environ.get("NEO4J_URI")
    if uri:
        yield Neo4jConnection(
            uri=uri,
            user=os.environ.get("NEO4J_USER", "neo4j"),
            password=os.environ.get("NEO4J_PASSWORD", ""),
        )
        return
    server = load_server_module()
    try:
        info = server.start(watch_parent=True)
    except server.Neo4jServerError as exc:
        pytest.fail(f"could not start Neo4j for the tests: {exc}", pytrace=False)
    try:
        yield Neo4jConnection(info.uri, info.user, info.password, started_here=True)
    finally:
        server.stop(info)


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_server):
    import neo4j  # the `neo4j` driver package (pip install neo4j / the test extra)

    driver = neo4j.GraphDatabase.driver(
        neo4j_server.uri, auth=(neo4j_server.user, neo4j_server.password)
    )
    try:
        driver.verify_connectivity()
        yield driver
    finally:
        driver.close()


def _quote(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def clean_database(driver) -> None:
    """Delete all nodes/relationships, constraints and non-LOOKUP indexes."""
    with driver.session() as session:  # CALL ... IN TRANSACTIONS needs an auto-commit tx
        # relationships first: DETACH DELETE of a plan or an area node with 100,000
        # relationships in one transaction exceeds the server's memory pool at 1M projects
        session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS").consume()
        session.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
    records, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN name")
    for rec in records:
        driver.execute_query(f"DROP CONSTRAINT {_quote(rec['name'])} IF EXISTS")
    records, _, _ = driver.execute_query(
        "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name"
    )
    for rec in records:
        driver.execute_query(f"DROP INDEX {_quote(rec['name'])} IF EXISTS")


@pytest.fixture
def neo4j_clean(neo4j_driver):
    clean_database(neo4j_driver)
    yield neo4j_driver
