"""`stratlink neo4j ...` against a real server: same output and exit status as the
in-memory commands, read-only queries, and clean one-line connection errors."""

from __future__ import annotations

import json
import socket

import pytest
from click.testing import CliRunner

from stratlink.cli import main

pytestmark = pytest.mark.neo4j


@pytest.fixture
def env(neo4j_server, neo4j_clean):
    return {"NEO4J_URI": neo4j_server.uri, "NEO4J_USER": neo4j_server.user,
            "NEO4J_PASSWORD": neo4j_server.password, "STRATLINK_LANG": "en"}


@pytest.fixture
def loaded(env, sample_dir):
    r = CliRunner().invoke(main, ["neo4j", "load", str(sample_dir), "--replace"], env=env)
    assert r.exit_code == 0, r.output
    return env


def run(args, env, **kw):
    return CliRunner().invoke(main, args, env=env, **kw)


def test_load_reports_counts_and_the_left_out_rows(env, sample_dir):
    r = run(["neo4j", "load", str(sample_dir), "--batch-size", "40"], env)
    assert r.exit_code == 0, r.output
    assert "nodes" in r.stdout and "relationships" in r.stdout
    assert "8 load findings" in r.stderr  # the sample's bad rows, reported as `export` does
    again = run(["neo4j", "load", str(sample_dir)], env)
    assert again.exit_code == 0
    q = run(["neo4j", "query", "MATCH (p:Project) RETURN count(p) AS n", "--format", "json"], env)
    assert json.loads(q.stdout) == [{"n": 78}]


@pytest.mark.parametrize("fmt", ["json", "text", "csv", "markdown"])
def test_check_matches_the_in_memory_check(loaded, sample_dir, fmt):
    a = run(["neo4j", "check", "--format", fmt], loaded)
    b = run(["check", str(sample_dir), "--format", fmt], loaded)
    assert (a.exit_code, a.stdout) == (b.exit_code, b.stdout)
    assert a.exit_code == 1


def test_check_fail_on_and_thai(loaded, sample_dir):
    a = run(["neo4j", "check", "--fail-on", "never", "--lang", "th"], loaded)
    b = run(["check", str(sample_dir), "--fail-on", "never", "--lang", "th"], loaded)
    assert a.exit_code == b.exit_code == 0
    assert a.stdout == b.stdout


@pytest.mark.parametrize("args", [["PRJ-001"], ["PRJ-001", "--max-paths", "1"], ["NS-S2", "--down"],
                                  ["RE-I1", "--down"]])
def test_trace_matches_the_in_memory_trace(loaded, sample_dir, args):
    for fmt in ("json", "text"):
        a = run(["neo4j", "trace", *args, "--format", fmt], loaded)
        b = run(["trace", str(sample_dir), *args, "--format", fmt], loaded)
        assert (a.exit_code, a.stdout) == (b.exit_code, b.stdout)
        assert a.exit_code == 0


def test_trace_of_an_unknown_id(loaded):
    r = run(["neo4j", "trace", "NS-2561"], loaded)
    assert r.exit_code == 2
    assert "is a plan" in r.stderr and "Traceback" not in r.output


def test_query_table_json_and_params(loaded):
    r = run(["neo4j", "query", "MATCH (p:Project {id: $id}) RETURN p.id AS id, p.name_th AS name",
             "--param", "id=PRJ-001"], loaded)
    assert r.exit_code == 0, r.output
    assert "PRJ-001" in r.stdout and "(1 row)" in r.stdout
    r = run(["neo4j", "query", "MATCH (a:Area {id: $id}) RETURN a.name_th AS name, $n + 1 AS n",
             "--param", "id=45", "--param", "n:=41", "--format", "json"], loaded)
    assert json.loads(r.stdout) == [{"name": "ร้อยเอ็ด", "n": 42}]
    r = run(["neo4j", "query", "RETURN 1", "--param", "oops"], loaded)
    assert r.exit_code == 2


def test_query_is_read_only_unless_write(loaded):
    r = run(["neo4j", "query", "CREATE (x:Scratch {id: 'x'}) RETURN x.id AS id"], loaded)
    assert r.exit_code == 2
    assert "Traceback" not in r.output and len(r.stderr.strip().splitlines()) == 1
    assert "read" in r.stderr.lower()
    count = "MATCH (x:Scratch) RETURN count(x) AS n"
    assert json.loads(run(["neo4j", "query", count, "--format", "json"], loaded).stdout) == [{"n": 0}]
    r = run(["neo4j", "query", "CREATE (x:Scratch {id: 'x'}) RETURN x.id AS id", "--write"], loaded)
    assert r.exit_code == 0, r.output
    assert json.loads(run(["neo4j", "query", count, "--format", "json"], loaded).stdout) == [{"n": 1}]
    run(["neo4j", "query", "MATCH (x:Scratch) DELETE x", "--write"], loaded)


def test_bad_cypher_is_one_line(loaded):
    r = run(["neo4j", "query", "MATCH (n RETURN n"], loaded)
    assert r.exit_code == 3
    assert "Traceback" not in r.output and len(r.stderr.strip().splitlines()) == 1


def test_wrong_password(env):
    """(Two attempts only: the server locks the user for a few seconds after three.)"""
    bad = dict(env, NEO4J_PASSWORD="not-the-password-123")
    for args in (["neo4j", "check"], ["neo4j", "query", "RETURN 1"]):
        r = run(args, bad)
        assert r.exit_code == 3, r.output
        assert "refused the credentials" in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.output
        assert "not-the-password-123" not in r.output
    assert run(["neo4j", "query", "RETURN 1"], env).exit_code == 0  # resets the failure count


def test_server_down(env, sample_dir):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    down = dict(env, NEO4J_URI=f"bolt://127.0.0.1:{port}")
    for args in (["neo4j", "check"], ["neo4j", "load", str(sample_dir)]):
        r = run(args, down)
        assert r.exit_code == 3, r.output
        assert "cannot connect to Neo4j" in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.output
        assert env["NEO4J_PASSWORD"] not in r.output


def test_password_prompt_and_no_password_flag(env, neo4j_server):
    no_pw = {k: v for k, v in env.items() if k != "NEO4J_PASSWORD"}
    no_pw["NEO4J_PASSWORD"] = ""
    r = run(["neo4j", "query", "RETURN 1 AS one", "--password-prompt", "--format", "json"], no_pw,
            input=neo4j_server.password + "\n")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == [{"one": 1}]
    assert neo4j_server.password not in r.output
    r = run(["neo4j", "query", "RETURN 1", "--password", neo4j_server.password], no_pw)
    assert r.exit_code == 2  # no such option: a password is never a flag value


def test_check_on_an_empty_database(env):
    r = run(["neo4j", "check"], env)
    assert r.exit_code == 3
    assert "no stratlink workbook" in r.stderr


def test_load_replace_one_plan(loaded, sample_dir):
    r = run(["neo4j", "load", str(sample_dir), "--replace", "ROIET-PDP-2566-2570"], loaded)
    assert r.exit_code == 0, r.output
    r = run(["neo4j", "load", str(sample_dir), "--replace", "NO-SUCH-PLAN"], loaded)
    assert r.exit_code == 2 and "not in the workbook" in r.stderr


def test_bad_input_file(env, tmp_path):
    r = run(["neo4j", "load", str(tmp_path / "missing")], env)
    assert r.exit_code == 2 and "no such file" in r.stderr
