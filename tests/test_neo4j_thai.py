"""The Neo4j commands' error and warning lines in Thai (issue 14, "every error line"):
with ``--lang th`` they hold no English word outside the allow-list of
tests/test_cli_thai.py, and in English they read exactly as before. The server is the
real one of the fixture; the refused connection is a port nothing listens on."""

from __future__ import annotations

import re
import shutil
import socket

import pytest
from click.testing import CliRunner
from test_cli_thai import ALLOWED, english_words

from stratlink.cli import main
from stratlink.loaders import load
from stratlink.neo4j.state import LoadLock
from stratlink.neo4j.store import write_neo4j

THAI = re.compile(r"[\u0E00-\u0E7F]")
START_HINT = {"en": 'to start a local test server: eval "$(make -s neo4j)"',
              "th": 'เปิดเซิร์ฟเวอร์ทดสอบในเครื่องด้วย: eval "$(make -s neo4j)"'}
#: the host name and the sample's folder name appear in the load-state messages (data)
HOST_WORDS = set(re.findall(r"[A-Za-z][A-Za-z0-9]*", socket.gethostname())) | {"roiet", "other", "workbook"}


def run(args, env, lang):
    return CliRunner().invoke(main, [*map(str, args), "--lang", lang], env=env)


def free_port() -> int:
    """A port nothing listens on (bound then closed; nothing binds it meanwhile)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


NEO4J_RUNS = [["neo4j", "check"], ["neo4j", "trace", "PRJ-001"], ["neo4j", "query", "RETURN 1"],
              ["neo4j", "load", "SAMPLE"]]


@pytest.mark.parametrize("args", NEO4J_RUNS, ids=lambda a: " ".join(a[:2]))
@pytest.mark.parametrize("lang", ["th", "en"])
def test_connection_refused_is_said_in_the_language_with_the_start_hint(args, lang, sample_dir):
    uri = f"bolt://127.0.0.1:{free_port()}"
    args = [sample_dir if a == "SAMPLE" else a for a in args]
    r = run([*args, "--uri", uri], {"NEO4J_PASSWORD": "x", "STRATLINK_LANG": "en"}, lang)
    assert r.exit_code == 3, r.output
    err = r.stderr.strip()
    assert "Traceback" not in r.output and START_HINT[lang] in err
    if lang == "th":
        assert err.startswith(f"ข้อผิดพลาด: เชื่อมต่อ Neo4j ที่ {uri} ไม่ได้: ไม่มีเซิร์ฟเวอร์รอรับการเชื่อมต่อ")
        assert not english_words(err, ALLOWED), err
    else:
        assert err.startswith(f"Error: cannot connect to Neo4j at {uri}: ") and "Connection refused" in err
        assert not THAI.search(err)


@pytest.mark.neo4j
def test_wrong_password_is_thai(neo4j_server):
    env = {"NEO4J_URI": neo4j_server.uri, "NEO4J_USER": neo4j_server.user,
           "NEO4J_PASSWORD": "not-the-password-456", "STRATLINK_LANG": "en"}
    r = run(["neo4j", "check"], env, "th")
    assert r.exit_code == 3, r.output
    err = r.stderr.strip()
    assert err == (f"ข้อผิดพลาด: Neo4j ที่ {neo4j_server.uri} ไม่ยอมรับชื่อผู้ใช้ '{neo4j_server.user}' "
                   "หรือรหัสผ่าน (ตรวจสอบ NEO4J_USER และ NEO4J_PASSWORD)")
    assert not english_words(err, ALLOWED) and "not-the-password-456" not in r.output
    good = dict(env, NEO4J_PASSWORD=neo4j_server.password)
    assert run(["neo4j", "query", "RETURN 1"], good, "th").exit_code == 0  # resets the failure count


@pytest.fixture
def held_load(neo4j_server, neo4j_clean, sample_dir):
    """The sample stored, then a load of it started and not completed: this process
    holds the lock (alive, on this host) and the state says 'started'."""
    graph = load(sample_dir)
    write_neo4j(graph, neo4j_clean)
    lock = LoadLock(neo4j_clean, None, graph, "replace", "all")
    lock.acquire(started=True)
    env = {"NEO4J_URI": neo4j_server.uri, "NEO4J_USER": neo4j_server.user,
           "NEO4J_PASSWORD": neo4j_server.password, "STRATLINK_LANG": "en"}
    yield env
    lock.release()


@pytest.mark.neo4j
def test_an_incomplete_load_is_refused_in_thai(held_load):
    for args in (["neo4j", "check"], ["neo4j", "trace", "PRJ-001"]):
        th, en = run(args, held_load, "th"), run(args, held_load, "en")
        assert th.exit_code == en.exit_code == 3, th.output
        assert th.stderr.startswith("ข้อผิดพลาด: การนำเข้าครั้งล่าสุดสู่ฐานข้อมูล Neo4j นี้")
        assert "นำเข้าแทนที่ทั้งหมด" in th.stderr and "ยังไม่เสร็จสมบูรณ์" in th.stderr
        assert not english_words(th.stderr, ALLOWED | HOST_WORDS), th.stderr
        assert en.stderr.startswith("Error: the last load into this Neo4j database (")
        assert ", replace, started " in en.stderr and "did not complete" in en.stderr


@pytest.mark.neo4j
def test_the_partial_graph_warning_of_query_is_thai(held_load):
    th = run(["neo4j", "query", "RETURN 1 AS one", "--format", "json"], held_load, "th")
    assert th.exit_code == 0, th.output
    assert th.stderr.startswith("คำเตือน: การนำเข้าครั้งล่าสุดสู่ฐานข้อมูล Neo4j นี้")
    assert th.stderr.rstrip().endswith("แถวเหล่านี้มาจากกราฟที่นำเข้าไม่ครบ")
    assert not english_words(th.stderr, ALLOWED | HOST_WORDS), th.stderr
    en = run(["neo4j", "query", "RETURN 1 AS one", "--format", "json"], held_load, "en")
    assert en.stderr.startswith("WARNING: the last load into this Neo4j database")
    assert en.stderr.rstrip().endswith("; these rows come from a partial graph")


@pytest.mark.neo4j
def test_a_refused_load_is_thai(held_load, sample_dir, tmp_path):
    r = run(["neo4j", "load", sample_dir], held_load, "th")
    assert r.exit_code == 3, r.output
    assert "มีการนำเข้าอื่นสู่ฐานข้อมูล Neo4j นี้กำลังทำงานอยู่" in r.stderr
    assert not english_words(r.stderr, ALLOWED | HOST_WORDS), r.stderr
    en = run(["neo4j", "load", sample_dir], held_load, "en")
    assert "another load into this Neo4j database is running" in en.stderr


@pytest.mark.neo4j
def test_another_workbook_is_refused_in_thai(neo4j_server, neo4j_clean, sample_dir, tmp_path):
    env = {"NEO4J_URI": neo4j_server.uri, "NEO4J_USER": neo4j_server.user,
           "NEO4J_PASSWORD": neo4j_server.password, "STRATLINK_LANG": "en"}
    write_neo4j(load(sample_dir), neo4j_clean)
    other = shutil.copytree(sample_dir, tmp_path / "other-workbook")
    r = run(["neo4j", "load", other], env, "th")
    assert r.exit_code == 3, r.output
    assert "ฐานข้อมูล Neo4j เก็บสมุดงาน 'roiet-2561'" in r.stderr and "--replace" in r.stderr
    assert not english_words(r.stderr, ALLOWED | HOST_WORDS), r.stderr
    en = run(["neo4j", "load", other], env, "en")
    assert "holds the workbook 'roiet-2561'" in en.stderr and not THAI.search(en.stderr)


@pytest.mark.parametrize("query", ["LOAD CSV FROM 'file:///x' AS r RETURN r", "CREATE (n)", "CALL apoc.help('x')",
                                   "SHOW USERS", "CALL db.createLabel('X')"])
def test_a_refused_query_says_why_in_thai(query):
    from stratlink.neo4j.sandbox import READ_PROCEDURES, ForbiddenQuery, check_read_only

    with pytest.raises(ForbiddenQuery) as err:
        check_read_only(query)
    en, th = str(err.value), err.value.message("th")
    assert en.startswith("neo4j query without --write runs only queries that read the graph; refused ")
    assert not THAI.search(en)
    assert th.startswith("neo4j query ที่ไม่มี --write รันได้เฉพาะคำสั่งที่อ่านกราฟเท่านั้น")
    assert not english_words(th, ALLOWED | READ_PROCEDURES), th  # procedure names: typed, not said


@pytest.mark.parametrize(("call", "said"), [
    (lambda: __import__("stratlink.neo4j.store").neo4j.store.policy_from_json("[1]"), "ไม่ใช่ออบเจกต์ JSON"),
    (lambda: __import__("stratlink.neo4j.store").neo4j.store.policy_from_json('{"name": "x", "levels": []}'),
     "'levels' ต้องเป็นรายการที่ไม่ว่าง"),
    (lambda: __import__("stratlink.neo4j.store").neo4j.store.finding_from_props({"code": 1, "seq": 3}),
     "ไม่มีข้อความใน code, severity, subject"),
    (lambda: __import__("stratlink.neo4j.store").neo4j.store.finding_from_props(
        {"code": "A", "severity": "error", "subject": "S", "related": "x"}), "related ไม่ใช่รายการรหัส"),
])
def test_a_damaged_store_says_what_is_damaged_in_thai(call, said):
    """The reason inside the message (a policy error of its own, or what the reader
    found) is said in the message's language too."""
    from stratlink.errors import Neo4jError

    with pytest.raises(Neo4jError) as err:
        call()
    assert said in err.value.message("th") and not THAI.search(str(err.value))
    assert not english_words(err.value.message("th"), ALLOWED | {"policy_json", "code", "severity", "subject",
                                                                   "related", "levels", "x", "Workbook", "LoadFinding"})
