"""Time and peak memory of every Neo4j fault case of issue 12 (the Neo4j half of
``bench_bad.py``).

    python benchmarks/bench_bad_neo4j.py [--replace-projects 300000]

Starts its own Neo4j Community server (tools/neo4j/server.py, default memory
settings: 1 GB heap, 256 MB page cache), then runs each case as the CLI in a fresh
Python process: exit status, wall time, the client's peak resident memory and the
last line it printed. ``--replace-projects N`` also measures ``neo4j load --replace``
over a database holding a generated workbook of N projects (built with the bulk
importer, so that the case measures the replace and not the first load).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
SAMPLE = ROOT / "examples" / "roiet-2561"

from benchmarks.bench_bad import RUNNER  # noqa: E402


def measure(args: list, env: dict[str, str]) -> dict:
    res = subprocess.run([sys.executable, "-c", RUNNER, *map(str, args)], capture_output=True,
                         text=True, cwd=ROOT, timeout=3600, env={**os.environ, **env})
    lines = res.stdout.strip().splitlines()
    if not lines:  # the runner itself died: show how
        last = (res.stderr.strip().splitlines() or ["(nothing)"])[-1][:110]
        return {"code": f"died ({res.returncode})", "seconds": float("nan"), "peak_mb": float("nan"),
                "last": last}
    return json.loads(lines[-1])


def row(name: str, r: dict, test: str) -> str:
    return f"| {name} | {r['code']} | {r['seconds']:.2f} | {r['peak_mb']:.0f} | {r['last']} | `{test}` |"


def cycle_workbook(folder: Path, n: int = 10_000) -> Path:
    """The 10,000-element cycle of tests/test_neo4j_faults.py as a CSV workbook."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "plans.csv").write_text("id,level\nNS,national\nPV,province\nLC,local\n")
    (folder / "elements.csv").write_text(
        "id,plan_id,kind\nS1,NS,strategy\n" + "".join(f"E{i},PV,issue\n" for i in range(n)))
    (folder / "projects.csv").write_text("id,plan_id\nP1,LC\nP2,LC\n")
    (folder / "links.csv").write_text(
        "source_id,target_id\n" + "".join(f"E{i},E{(i + 1) % n}\n" for i in range(n))
        + "P1,E0\nP2,E5000\nE7,S1\n")
    return folder


def main() -> None:
    import neo4j
    from neo4j_fixture import clean_database, load_server_module

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--replace-projects", type=int, default=0)
    opts = ap.parse_args()
    server = load_server_module()
    tmp = Path(tempfile.mkdtemp(prefix="bench-bad-neo4j-"))
    info = server.start(watch_parent=True)
    env = {"NEO4J_URI": info.uri, "NEO4J_USER": info.user, "NEO4J_PASSWORD": info.password,
           "STRATLINK_LANG": "en"}
    driver = neo4j.GraphDatabase.driver(info.uri, auth=(info.user, info.password))
    print("| case | exit | seconds | client peak MB | last line | test |\n|---|---|---|---|---|---|")
    try:
        def case(name, args, test, extra_env=None):
            print(row(name, measure(args, {**env, **(extra_env or {})}), test), flush=True)

        case("load of the sample (for comparison)", ["neo4j", "load", SAMPLE],
             "test_neo4j_cli.py::test_load_reports_counts_and_the_left_out_rows")
        case("check of the sample (for comparison)", ["neo4j", "check", "--fail-on", "never"],
             "test_neo4j_cli.py::test_check_matches_the_in_memory_check")

        # a load killed mid-way: check refuses (exit 3), a retry converges
        code = "import sys; from stratlink.cli import main; sys.exit(main())"
        proc = subprocess.Popen([sys.executable, "-c", code, "neo4j", "load", str(SAMPLE), "--replace",
                                 "--batch-size", "12"], env={**os.environ, **env},
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while proc.poll() is None and not driver.execute_query(
                "MATCH (l:StratlinkLoad) WHERE l.pid = $pid RETURN l", pid=proc.pid).records:
            time.sleep(0.05)
        time.sleep(0.5)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        case("check after a load was killed (client SIGKILL)", ["neo4j", "check"],
             "test_neo4j_faults.py::test_client_killed_at_a_random_point_then_a_retry_converges")
        case("the retry of that load", ["neo4j", "load", SAMPLE],
             "test_neo4j_faults.py::test_client_killed_at_a_random_point_then_a_retry_converges")

        # two loads at once; a different workbook over the stored one
        other = shutil.copytree(SAMPLE, tmp / "other-workbook")
        proc = subprocess.Popen([sys.executable, "-c", code, "neo4j", "load", str(SAMPLE),
                                 "--batch-size", "12"], env={**os.environ, **env},
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while proc.poll() is None and not driver.execute_query(
                "MATCH (l:StratlinkLoad) WHERE l.pid = $pid RETURN l", pid=proc.pid).records:
            time.sleep(0.05)
        case("a second load while one runs", ["neo4j", "load", other],
             "test_neo4j_faults.py::test_concurrent_loads_and_a_different_workbook")
        proc.wait()
        case("a different workbook without --replace", ["neo4j", "load", other],
             "test_neo4j_faults.py::test_concurrent_loads_and_a_different_workbook")
        case("replace one plan (one transaction)",
             ["neo4j", "load", SAMPLE, "--replace", "ROIET-PDP-2566-2570"],
             "test_neo4j_faults.py::test_replacing_one_plan_is_all_or_nothing")

        # connection faults
        case("NEO4J_URI=http://...", ["neo4j", "check"],
             "test_neo4j_faults.py::test_an_http_uri_is_a_clean_error",
             {"NEO4J_URI": "http://127.0.0.1:7474"})
        silent = socket.socket()
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        threading.Thread(target=lambda: silent.accept(), daemon=True).start()
        case("a port that accepts TCP and says nothing", ["neo4j", "check"],
             "test_neo4j_faults.py::test_a_silent_port_fails_fast_naming_the_handshake",
             {"NEO4J_URI": f"bolt://127.0.0.1:{silent.getsockname()[1]}"})
        silent.close()

        # the read-only sandbox
        hits: list[bytes] = []
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.5)

        def serve():
            try:
                conn, _ = listener.accept()
                hits.append(conn.recv(100))
            except OSError:
                pass

        threading.Thread(target=serve, daemon=True).start()
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/x"
        for extra in ([], ["--write"]):
            case(f"query {' '.join(extra)} LOAD CSV FROM a local http listener",
                 ["neo4j", "query", *extra, f"LOAD CSV FROM '{url}' AS r RETURN r"],
                 "test_neo4j_sandbox.py::test_load_csv_from_a_local_url_reaches_nothing")
        time.sleep(0.6)
        listener.close()
        print(f"<!-- the local listener received {len(hits)} connection(s) -->")
        for extra in ([], ["--write"]):
            case(f"query {' '.join(extra)} LOAD CSV FROM 'file:///etc/passwd'",
                 ["neo4j", "query", *extra, "LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r"],
                 "test_neo4j_sandbox.py::test_file_urls_stay_in_the_import_directory")
        case("query TERMINATE TRANSACTIONS", ["neo4j", "query", "TERMINATE TRANSACTIONS 'neo4j-transaction-1'"],
             "test_neo4j_sandbox.py::test_terminate_and_admin_commands_are_refused")

        # hand-edited metadata
        from tests.test_neo4j_faults import EDITS

        for edit, _ in EDITS:
            measure(["neo4j", "load", SAMPLE, "--replace"], env)
            driver.execute_query(edit)
            case(f"check after `{edit[:60]}`", ["neo4j", "check"],
                 "test_neo4j_faults.py::test_a_hand_edited_database_gives_a_clear_message")

        # the 10,000-node cycle
        cyc = cycle_workbook(tmp / "cycle")
        case("load a 10,000-element cycle", ["neo4j", "load", cyc, "--replace"],
             "test_neo4j_faults.py::test_check_and_trace_on_a_10000_node_cycle")
        case("check it", ["neo4j", "check", "--fail-on", "never"],
             "test_neo4j_faults.py::test_check_and_trace_on_a_10000_node_cycle")
        case("trace P1 on it", ["neo4j", "trace", "P1"],
             "test_neo4j_faults.py::test_check_and_trace_on_a_10000_node_cycle")

        if opts.replace_projects:
            big = tmp / f"gen-{opts.replace_projects}"
            subprocess.run([sys.executable, "-m", "stratlink.cli", "generate", str(big), "--projects",
                            str(opts.replace_projects), "--seed", "1"], check=True, cwd=ROOT,
                           capture_output=True)
            driver.close()
            server.stop(info)
            from stratlink.loaders import load
            from stratlink.neo4j.bulk import write_import_files

            files = write_import_files(load(big), tmp / "import-files")
            home, _ = server.bulk_import(files.arguments)
            info = server.start(home=home, watch_parent=True)
            env.update(NEO4J_URI=info.uri, NEO4J_USER=info.user, NEO4J_PASSWORD=info.password)
            driver = neo4j.GraphDatabase.driver(info.uri, auth=(info.user, info.password))
            case(f"load --replace of the sample over {opts.replace_projects:,} projects "
                 f"({files.nodes + files.relationships:,} nodes+relationships)",
                 ["neo4j", "load", SAMPLE, "--replace"],
                 "test_neo4j_faults.py::test_deletes_are_bounded_and_converge")
        clean_database(driver)
    finally:
        driver.close()
        server.stop(info)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
