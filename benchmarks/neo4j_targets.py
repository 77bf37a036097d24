"""Issue 11's Neo4j targets, as functions the scale harness can call.

* :func:`bulk_load` -- stratlink writes the importer's files, ``neo4j-admin database
  import full`` (from the Community jars, run by tools/neo4j/server.py) builds a new
  database, a server starts on it; nodes + relationships per second of the importer.
* :func:`cypher_load` -- ``write_neo4j`` into an empty database (batches, two in
  flight, CREATE where nothing is stored yet).
* :func:`load_csv_floor` -- the same graph with ``LOAD CSV ... CALL { } IN
  TRANSACTIONS`` on the same server (the floor the Cypher load must match).
* :func:`neo4j_check` -- ``CypherEngine.check()`` and whether it equals the
  NetworkX engine's report.

Each returns a dict of numbers. ``python benchmarks/neo4j_targets.py FOLDER`` runs
all four on a generated workbook and appends the table to README-neo4j.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

BEGIN, END = "<!-- neo4j_targets:begin -->", "<!-- neo4j_targets:end -->"


def _server():
    from neo4j_fixture import load_server_module

    return load_server_module()


def _graph(path):
    from stratlink.loaders import load

    return path if not isinstance(path, (str, Path)) else load(path)


def bulk_load(path, keep_server: bool = False) -> dict:
    """Bulk import of the workbook at ``path`` into a new database; with
    ``keep_server`` the started server's info is in ``result['server']``."""
    from stratlink.neo4j.bulk import write_import_files

    g = _graph(path)
    files_dir = Path(tempfile.mkdtemp(prefix="stratlink-import-files-"))
    t = time.perf_counter()
    files = write_import_files(g, files_dir / "files")
    files_s = time.perf_counter() - t
    server = _server()
    home, import_s = server.bulk_import(files.arguments)
    shutil.rmtree(files_dir, ignore_errors=True)
    n = files.nodes + files.relationships
    # three rates: the importer's wall time (JVM start included) is ``per_second``; the
    # importer's own "IMPORT DONE" time is ``importer_s``; the whole bulk path (stratlink
    # writing the files + the importer) is ``total_per_second``
    out = {"nodes": files.nodes, "relationships": files.relationships, "files_s": files_s,
           "import_s": import_s, "per_second": n / import_s,
           "total_s": files_s + import_s, "total_per_second": n / (files_s + import_s)}
    out.update(_importer_report(Path(home) / "import.log"))
    info = server.start(home=home, watch_parent=True)
    out["schema_s"] = _schema(info)  # constraints and indexes, as the first load creates them
    if keep_server:
        out["server"] = info
    else:
        server.stop(info)
    return out


def _importer_report(log: Path) -> dict:
    """What the importer says of itself: its own run time (without the JVM start and
    the jar loading) and the start of each stage, from ``import.log``."""
    import re

    try:
        text = log.read_text(errors="replace")
    except OSError:
        return {}
    out: dict = {}
    m = re.search(r"IMPORT DONE in (?:(\d+)m )?(\d+)s (\d+)ms", text)
    if m:
        out["importer_s"] = int(m.group(1) or 0) * 60 + int(m.group(2)) + int(m.group(3)) / 1000
    for stage, mins, secs, ms in re.findall(r"^(.+) COMPLETED in (?:(\d+)m )?(?:(\d+)s ?)?(?:(\d+)ms)?",
                                            text, re.M):
        out[f"stage {stage.strip()} s"] = int(mins or 0) * 60 + int(secs or 0) + int(ms or 0) / 1000
    m = re.search(r"Peak memory usage: ([\d.]+)(\w+)", text)
    if m:
        out["importer_peak_memory"] = m.group(1) + " " + m.group(2)
    return out


def _schema(info) -> float:
    import neo4j

    from stratlink.neo4j.store import SCHEMA

    driver = neo4j.GraphDatabase.driver(info.uri, auth=(info.user, info.password))
    t = time.perf_counter()
    try:
        with driver.session() as s:
            for q in SCHEMA:
                s.run(q).consume()
            s.run("CALL db.awaitIndexes(3600)").consume()
    finally:
        driver.close()
    return time.perf_counter() - t


def cypher_load(path, driver, batch_size: int | None = None, parallel: int = 2) -> dict:
    """``write_neo4j`` into the (emptied) database of ``driver``."""
    from neo4j_fixture import clean_database

    from stratlink.neo4j.store import DEFAULT_BATCH_SIZE, write_neo4j

    g = _graph(path)
    clean_database(driver)
    stats = write_neo4j(g, driver, batch_size=batch_size or DEFAULT_BATCH_SIZE, parallel=parallel)
    stored = _stored(driver)
    if stored != (stats.nodes + 1, stats.relationships):  # + 1: the load-state node
        raise SystemExit(f"the Cypher load stored {stored[0]:,} nodes and {stored[1]:,} relationships, "
                         f"it wrote {stats.nodes + 1:,} and {stats.relationships:,}")
    return {"nodes": stats.nodes, "relationships": stats.relationships, "seconds": stats.seconds,
            "per_second": stats.per_second()}


_CONVERT = {"long": "toInteger", "double": "toFloat", "boolean": "toBoolean"}


def _load_csv_query(path: Path, url: str, rtype: str | None = None) -> str:
    import csv

    with open(path, encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    sets = []
    for col in header:
        name, _, typ = col.partition(":")
        if not name or col.startswith(("id:ID", ":")):
            continue
        value = f"row.`{col}`"
        if typ in _CONVERT:
            value = f"{_CONVERT[typ]}({value})"
        elif typ == "string[]":
            value = f"split({value}, '\\u001f')"
        sets.append(f"x.`{name}` = {value}")
    set_clause = ("SET " + ", ".join(sets)) if sets else ""
    if header[0].startswith(":START_ID"):
        start, end = header[0][10:-1], header[1][8:-1]
        start_label = "Node" if start == "Node" else start
        end_label = "Node" if end == "Node" else end
        return (f"LOAD CSV WITH HEADERS FROM '{url}' AS row CALL (row) {{ "
                f"MATCH (a:{start_label} {{id: row.`{header[0]}`}}) "
                f"MATCH (b:{end_label} {{id: row.`{header[1]}`}}) "
                f"CREATE (a)-[x:{rtype or '$(row.`:TYPE`)'}]->(b) {set_clause} }} "
                "IN TRANSACTIONS OF 2000 ROWS")
    ident = f"SET x.id = row.`{header[0]}` " if header[0].startswith("id:ID") else ""
    return (f"LOAD CSV WITH HEADERS FROM '{url}' AS row CALL (row) {{ "
            f"CREATE (x:$(split(row.`:LABEL`, '\\u001f'))) {ident}{set_clause} }} "
            "IN TRANSACTIONS OF 2000 ROWS")


def load_csv_floor(path, driver, import_dir: str | Path) -> dict:
    """The same graph through LOAD CSV (files in the server's import directory)."""
    from neo4j_fixture import clean_database

    from stratlink.neo4j.bulk import write_import_files
    from stratlink.neo4j.store import SCHEMA

    g = _graph(path)
    clean_database(driver)
    with driver.session() as s:
        for q in SCHEMA:
            s.run(q).consume()
        s.run("CALL db.awaitIndexes(300)").consume()
    folder = Path(import_dir) / "floor"
    shutil.rmtree(folder, ignore_errors=True)
    # text ids: the relationship rows name their ends by stratlink id, which is what the
    # MATCHes below look up (with the importer's integer ids they would match nothing)
    files = write_import_files(g, folder, integer_ids=False)
    paths = []  # (file, relationship type given on the importer's command line or None)
    for a in files.arguments:
        if a.startswith(("--nodes=", "--relationships=")):
            value = a.split("=", 1)[1]
            rtype, _, file = value.partition("=") if not Path(value).exists() else ("", "", value)
            paths.append((Path(file), rtype or None))
    t = time.perf_counter()
    with driver.session() as s:
        for p, rtype in paths:
            if p.name.endswith("load_state.csv"):
                continue
            s.run(_load_csv_query(p, f"file:///floor/{p.name}", rtype)).consume()
    secs = time.perf_counter() - t
    shutil.rmtree(folder, ignore_errors=True)
    stored = _stored(driver)
    if stored != (files.nodes, files.relationships):  # the load state file is not loaded
        raise SystemExit(f"the LOAD CSV floor stored {stored[0]:,} nodes and {stored[1]:,} "
                         f"relationships, the files hold {files.nodes:,} and "
                         f"{files.relationships:,}: the floor did not load the same graph")
    return {"nodes": files.nodes, "relationships": files.relationships, "seconds": secs,
            "per_second": (files.nodes + files.relationships) / secs}


def _stored(driver) -> tuple[int, int]:
    with driver.session() as s:
        return (s.run("MATCH (n) RETURN count(n) AS c").single()["c"],
                s.run("MATCH ()-[r]->() RETURN count(r) AS c").single()["c"])


def neo4j_check(driver, graph=None) -> dict:
    """``CypherEngine.check()`` time; with ``graph``, whether it equals the NetworkX report."""
    from stratlink.neo4j.engine import CypherEngine

    t = time.perf_counter()
    report = CypherEngine(driver).check()
    out = {"seconds": time.perf_counter() - t, "findings": len(report.findings)}
    if graph is not None:
        from stratlink.queries.nx_engine import NetworkXEngine

        out["parity"] = report == NetworkXEngine(graph).check()
    return out


def main() -> None:
    import neo4j

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--readme", action="store_true", help="append the row to README-neo4j.md")
    args = ap.parse_args()
    from stratlink.loaders import load

    t = time.perf_counter()
    g = load(args.folder)
    read_s = time.perf_counter() - t
    print(f"read {args.folder} in {read_s:.1f} s: {g.counts()}", flush=True)
    bulk = bulk_load(g, keep_server=True)
    info = bulk.pop("server")
    print(f"bulk: {bulk}", flush=True)
    server = _server()
    driver = neo4j.GraphDatabase.driver(info.uri, auth=(info.user, info.password))
    try:
        check_bulk = neo4j_check(driver, g)
        print(f"check on the bulk-imported graph: {check_bulk}", flush=True)
        floor = load_csv_floor(g, driver, info.import_dir)
        print(f"LOAD CSV floor: {floor}", flush=True)
        cy = cypher_load(g, driver)
        print(f"cypher load: {cy}", flush=True)
        check = neo4j_check(driver)
        print(f"check: {check}", flush=True)
    finally:
        driver.close()
        server.stop(info)
    row = (f"| {len(g.projects):,} | {bulk['nodes'] + bulk['relationships']:,} | "
           f"{bulk['import_s']:.1f} s = **{bulk['per_second']:,.0f}/s** | "
           f"{cy['seconds']:.1f} s = **{cy['per_second']:,.0f}/s** | "
           f"{floor['seconds']:.1f} s = {floor['per_second']:,.0f}/s | "
           f"**{check['seconds']:.1f} s** ({'equal' if check_bulk.get('parity') else 'NOT equal'}) |")
    print(row)
    print("RESULT " + json.dumps({"projects": len(g.projects), "read_s": read_s, "bulk": bulk,
                                  "check_bulk": check_bulk, "floor": floor, "cypher": cy,
                                  "check": check}, default=str), flush=True)
    if args.readme:
        readme = ROOT / "benchmarks" / "README-neo4j.md"
        text = readme.read_text(encoding="utf-8")
        head, _, rest = text.partition(BEGIN)
        body, _, tail = rest.partition(END)
        body = body.rstrip("\n") + "\n" + row + "\n"
        readme.write_text(head + BEGIN + body + END + tail, encoding="utf-8")


if __name__ == "__main__":
    main()
