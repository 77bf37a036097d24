"""Where the Neo4j server spends its CPU: the Cypher load against the LOAD CSV floor.

Each load runs on a new server (``tools/neo4j/server.py``) with Java Flight Recorder
on (``jcmd PID JFR.start settings=profile``), from just before the load until just
after it; the execution samples of the recording (``jfr print --json``) are then
sorted into a few kinds of work by the frames nearest the top of each stack.

    python benchmarks/neo4j_server_profile.py out/bench-gen-100000 [--loads cypher,floor]

Prints, per load: its time, the server's sample count (the profile samples running
Java threads every 10-20 ms, so fewer samples is less server CPU), the share of each
kind of work, and the top frames. Needs ``jcmd`` and ``jfr`` (the JDK the server runs on).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

#: (kind of work, substrings of a frame's class.method); the first that matches one of
#: the top frames of a sample names its kind
KINDS = [
    ("Bolt: decoding the parameters", ("packstream", "org.neo4j.bolt")),
    ("LOAD CSV: reading the file", ("org.neo4j.csv", "LoadCsv", "CSVResources", "CharReadable")),
    ("index updates and uniqueness checks", ("index", "Index", "gbptree", "GBPTree")),
    ("commit and transaction log", ("TransactionCommit", "LogAppend", "transaction.log", "TxLog",
                                    "Commit", "commit")),
    ("store records", ("RecordStore", "recordstorage", "PropertyStore", "store.record")),
    ("locks", ("lock", "Lock")),
    ("Cypher runtime and planning", ("cypher.internal", "runtime")),
]
TOP_FRAMES = 12


def classify(jfr_file: Path, top: int = 10) -> dict:
    """The execution samples of a recording: count, share per kind, top leaf frames."""
    out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample",
                          "--stack-depth", "40", str(jfr_file)],
                         capture_output=True, text=True, check=True).stdout
    kinds: Counter = Counter()
    leaves: Counter = Counter()
    for event in json.loads(out)["recording"]["events"]:
        trace = event["values"].get("stackTrace") or {}
        names = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]
                 for f in trace.get("frames", [])]
        kind = next((k for k, keys in KINDS
                     if any(key in n for n in names[:TOP_FRAMES] for key in keys)), "other")
        kinds[kind] += 1
        if names:
            leaves[names[0]] += 1
    n = sum(kinds.values()) or 1
    return {"samples": sum(kinds.values()),
            "kinds": {k: round(100 * c / n, 1) for k, c in kinds.most_common()},
            "top": [(f, round(100 * c / n, 1)) for f, c in leaves.most_common(top)]}


def profile(graph, what: str, workdir: Path) -> dict:
    import neo4j
    from neo4j_fixture import load_server_module
    from neo4j_targets import cypher_load, load_csv_floor

    server = load_server_module()
    info = server.start(watch_parent=True)
    driver = neo4j.GraphDatabase.driver(info.uri, auth=(info.user, info.password))
    recording = workdir / f"{what}.jfr"
    try:
        subprocess.run(["jcmd", str(info.pid), "JFR.start", "name=stratlink", "settings=profile",
                        f"filename={recording}"], capture_output=True, check=True)
        t = time.perf_counter()
        if what == "floor":
            result = load_csv_floor(graph, driver, info.import_dir)
        else:
            result = cypher_load(graph, driver)
        wall = time.perf_counter() - t
        subprocess.run(["jcmd", str(info.pid), "JFR.stop", "name=stratlink"], capture_output=True,
                       check=True)
    finally:
        driver.close()
        server.stop(info)
    return {"load": what, "seconds": result["seconds"], "wall_with_setup": wall,
            **classify(recording)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--loads", default="cypher,floor")
    args = ap.parse_args()
    for tool in ("jcmd", "jfr"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} not found: install a JDK (Debian: openjdk-17-jdk-headless)")
    from stratlink.loaders import load

    graph = load(args.folder)
    workdir = Path(tempfile.mkdtemp(prefix="stratlink-jfr-"))
    try:
        for what in args.loads.split(","):
            r = profile(graph, what, workdir)
            print(f"{what}: {r['seconds']:.1f} s, {r['samples']:,} server samples")
            for kind, share in r["kinds"].items():
                print(f"  {share:5.1f}%  {kind}")
            for frame, share in r["top"]:
                print(f"        {share:5.1f}%  {frame}")
            print("RESULT " + json.dumps(r), flush=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
