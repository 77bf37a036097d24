"""`neo4j query` without --write reads the graph and nothing else; the test server
confines LOAD CSV (file URLs inside its import directory, no remote address)."""

from __future__ import annotations

import http.server
import json
import threading

import pytest
from click.testing import CliRunner

from stratlink.cli import main
from stratlink.neo4j.sandbox import ForbiddenQuery, check_read_only

READS = [
    "MATCH (p:Project {id: $id}) RETURN p.name_th, p.budget",
    "MATCH (n:L_province) RETURN count(n)",
    "CALL db.labels() YIELD label RETURN label",
    "MATCH (n) WHERE n.set = 1 RETURN {use: 1, show: n.show} AS m",
    "CALL { MATCH (n) RETURN n } RETURN count(n)",
    "RETURN 'LOAD CSV FROM x' AS text // TERMINATE TRANSACTIONS",
    "MATCH (n:`SET`)-[:`DELETE`]->(m) RETURN n /* CREATE */",
    "EXPLAIN MATCH (p:Project)-[:CONTRIBUTES_TO*1..3]->(e) RETURN DISTINCT e.id",
    "MATCH (p:Project) RETURN db.nameFromElementId(elementId(p)) AS db LIMIT 1",
]
REFUSED = [
    ("LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l", "LOAD CSV"),
    ("load /* hidden */ csv from 'http://127.0.0.1:1/x' as l return l", "LOAD CSV"),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "TERMINATE"),
    ("SHOW TRANSACTIONS", "SHOW"),
    ("USE system SHOW USERS", "USE"),
    ("CALL dbms.listConfig()", "dbms.listConfig"),
    ("CALL db.createLabel('x')", "db.createLabel"),
    ("CALL `dbms`.`killQuery`('x')", "dbms.killQuery"),
    ("CALL apoc.load.json('http://127.0.0.1:1/')", "apoc.load.json"),
    ("MATCH (n) RETURN apoc.text.join([], '')", "apoc.text.join"),
    ("MATCH (n) SET n.x = 1", "SET"),
    ("MATCH (n) DETACH DELETE n", "DETACH"),
    ("CREATE (:X)", "CREATE"),
    ("GRANT ROLE admin TO neo4j", "GRANT"),
]


@pytest.mark.parametrize("query", READS)
def test_reads_pass(query):
    check_read_only(query)


@pytest.mark.parametrize(("query", "word"), REFUSED)
def test_everything_else_is_refused(query, word):
    with pytest.raises(ForbiddenQuery, match="refused") as exc:
        check_read_only(query)
    assert word in str(exc.value)


class Listener:
    """A local HTTP server that records every request it gets."""

    def __init__(self) -> None:
        hits = self.hits = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the stdlib's name
                hits.append(self.path)
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"a,b\n1,2\n")

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/x.csv"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def env(neo4j_server, neo4j_clean, sample_dir):
    env = {"NEO4J_URI": neo4j_server.uri, "NEO4J_USER": neo4j_server.user,
           "NEO4J_PASSWORD": neo4j_server.password, "STRATLINK_LANG": "en"}
    r = CliRunner().invoke(main, ["neo4j", "load", str(sample_dir)], env=env)
    assert r.exit_code == 0, r.output
    return env


def query(env, text, *extra):
    return CliRunner().invoke(main, ["neo4j", "query", text, "--format", "json", *extra], env=env)


def test_load_csv_from_a_local_url_reaches_nothing(env):
    listener = Listener()
    try:
        q = f"LOAD CSV FROM '{listener.url}' AS line RETURN line"
        r = query(env, q)
        assert r.exit_code == 2 and "LOAD CSV" in r.stderr and "Traceback" not in r.output
        r = query(env, q, "--write")  # the server's own wall: remote addresses are blocked
        assert r.exit_code == 3, r.output
        assert listener.hits == []
    finally:
        listener.close()


def test_file_urls_stay_in_the_import_directory(env):
    q = "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line"
    r = query(env, q)
    assert r.exit_code == 2 and "LOAD CSV" in r.stderr
    r = query(env, q, "--write")
    assert r.exit_code == 3 and "root:" not in r.output
    r = query(env, "LOAD CSV FROM 'file:///../../../../../../etc/passwd' AS line RETURN line",
              "--write")
    assert r.exit_code == 3 and "root:" not in r.output


def test_terminate_and_admin_commands_are_refused(env):
    for q in ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "SHOW TRANSACTIONS",
              "CALL dbms.listConfig() YIELD name RETURN name"):
        r = query(env, q)
        assert r.exit_code == 2, r.output
        assert len(r.stderr.strip().splitlines()) == 1 and "refused" in r.stderr


def test_allowed_procedure_runs(env):
    r = query(env, "CALL db.labels() YIELD label RETURN label ORDER BY label")
    assert r.exit_code == 0, r.output
    assert {"label": "Project"} in json.loads(r.stdout)
