"""Benchmark the Neo4j writer and the Cypher engine on a generated workbook.

For a workbook of N projects (``benchmarks/generate.py``, seeded; default 100,000):

* load throughput of ``write_neo4j`` into an empty database for each batch size
  (nodes + relationships written per second, wall time of the write itself;
  reading the CSV folder is timed apart);
* the time of ``CypherEngine.check()`` (every finding, in Cypher on the server),
  and that its report equals the NetworkX engine's (parity at scale);
* the time of upward and downward traces of a sample of projects.

The results go to ``benchmarks/README-neo4j.md`` (the table between the markers)
and to ``out/bench-neo4j.json``.

    python benchmarks/bench_neo4j.py                          # 100k, batch sizes 500..20000
    python benchmarks/bench_neo4j.py --projects 10000 --batch-sizes 1000,5000

Server: NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD, else a throw-away server is
started with tools/neo4j/server.py (heap and page cache from STRATLINK_NEO4J_HEAP /
STRATLINK_NEO4J_PAGECACHE). The database is wiped before every load.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

README = ROOT / "benchmarks" / "README-neo4j.md"
BEGIN, END = "<!-- bench_neo4j:begin -->", "<!-- bench_neo4j:end -->"


def server():
    """(uri, user, password, stop) -- from the environment or a throw-away server."""
    if os.environ.get("NEO4J_URI"):
        return (os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER", "neo4j"),
                os.environ.get("NEO4J_PASSWORD", ""), lambda: None)
    from neo4j_fixture import load_server_module

    mod = load_server_module()
    info = mod.start(watch_parent=True)
    return info.uri, info.user, info.password, lambda: mod.stop(info)


def server_version(driver) -> str:
    rec = driver.execute_query("CALL dbms.components() YIELD versions, edition "
                               "RETURN versions[0] AS v, edition AS e")[0][0]
    return f"Neo4j {rec['v']} {rec['e']}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--projects", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch-sizes", default="500,1000,2000,5000,10000,20000")
    ap.add_argument("--traces", type=int, default=200, help="projects traced up and down")
    ap.add_argument("--folder", type=Path, help="workbook folder (default out/bench-N)")
    ap.add_argument("--no-readme", action="store_true", help="do not rewrite README-neo4j.md")
    args = ap.parse_args()

    import neo4j
    from neo4j_fixture import clean_database

    from benchmarks.generate import generate
    from stratlink.loaders import load
    from stratlink.neo4j.engine import CypherEngine
    from stratlink.neo4j.store import stored_counts, write_neo4j
    from stratlink.queries.nx_engine import NetworkXEngine

    folder = args.folder or ROOT / "out" / f"bench-{args.projects}"
    if not (folder / "projects.csv").exists():
        generate(folder, args.projects, args.seed)
    t = time.perf_counter()
    graph = load(folder)
    read_s = time.perf_counter() - t
    print(f"read {folder}: {graph.counts()} in {read_s:.1f} s", flush=True)

    uri, user, password, stop = server()
    driver = neo4j.GraphDatabase.driver(uri, auth=(user, password))
    results: dict = {"projects": args.projects, "counts": graph.counts(), "read_s": read_s,
                     "loads": [], "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
                     f"Python {platform.python_version()}"}
    try:
        results["server"] = server_version(driver)
        for size in [int(s) for s in args.batch_sizes.split(",")]:
            clean_database(driver)
            stats = write_neo4j(graph, driver, batch_size=size)
            row = {"batch_size": size, "seconds": stats.seconds, "nodes": stats.nodes,
                   "relationships": stats.relationships, "per_second": stats.per_second(),
                   "batches": stats.batches}
            results["loads"].append(row)
            print(f"batch {size:>6}: {stats.nodes} nodes + {stats.relationships} rels in "
                  f"{stats.seconds:.1f} s = {stats.per_second():,.0f}/s", flush=True)
        counts = stored_counts(driver)
        t = time.perf_counter()
        write_neo4j(graph, driver)  # a second load of the same workbook: changes nothing
        results["reload_s"] = time.perf_counter() - t
        assert stored_counts(driver) == counts, "reloading changed the counts"

        engine = CypherEngine(driver)
        engine.check()  # warm the query caches once
        t = time.perf_counter()
        report = engine.check()
        results["check_s"] = time.perf_counter() - t
        t = time.perf_counter()
        expected = NetworkXEngine(graph).check()
        results["nx_check_s"] = time.perf_counter() - t
        results["parity"] = report == expected and report.to_dict() == expected.to_dict()
        results["summary"] = report.summary.to_dict()
        results["findings"] = len(report.findings)
        print(f"cypher check {results['check_s']:.1f} s ({len(report.findings)} findings; "
              f"networkx {results['nx_check_s']:.1f} s; equal: {results['parity']})", flush=True)

        ids = random.Random(args.seed).sample(sorted(graph.projects), min(args.traces, len(graph.projects)))
        t = time.perf_counter()
        for pid in ids:
            engine.trace(pid)
        results["trace_ms"] = (time.perf_counter() - t) / len(ids) * 1000
        tops = sorted(e for e in graph.elements if graph.level(e) == graph.policy.top_level)
        t = time.perf_counter()
        for e in tops:
            engine.trace_down(e)
        results["trace_down_top_ms"] = (time.perf_counter() - t) / max(len(tops), 1) * 1000
        print(f"trace {results['trace_ms']:.1f} ms/project, trace --down of a top element "
              f"{results['trace_down_top_ms']:.0f} ms", flush=True)
    finally:
        driver.close()
        stop()
    out = ROOT / "out" / "bench-neo4j.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    if not args.no_readme:
        write_readme(results)


def write_readme(r: dict) -> None:
    c = r["counts"]
    lines = [
        f"Workbook: `benchmarks/generate.py --projects {r['projects']}` -- {c['projects']:,} projects, "
        f"{c['elements']:,} elements, {c['plans']:,} plans, {c['links']:,} links "
        f"(read from CSV in {r['read_s']:.1f} s, not included below).",
        f"Server: {r['server']}; client: {r['machine']}.",
        "",
        "| batch size | load time | nodes | relationships | nodes + relationships per second |",
        "|---:|---:|---:|---:|---:|",
    ]
    for row in r["loads"]:
        lines.append(f"| {row['batch_size']:,} | {row['seconds']:.1f} s | {row['nodes']:,} | "
                     f"{row['relationships']:,} | {row['per_second']:,.0f} |")
    lines += [
        "",
        f"- Reloading the same workbook (MERGE, nothing changes): {r['reload_s']:.1f} s.",
        f"- `CypherEngine.check()` (every finding, in Cypher): **{r['check_s']:.1f} s** "
        f"({r['findings']:,} findings); the NetworkX engine on the same graph: {r['nx_check_s']:.1f} s; "
        f"reports equal: {'yes' if r['parity'] else '**NO**'}.",
        f"- `trace` of a project: {r['trace_ms']:.1f} ms on average; `trace --down` of a top "
        f"element: {r['trace_down_top_ms']:.0f} ms on average.",
    ]
    text = README.read_text(encoding="utf-8") if README.exists() else f"{BEGIN}\n{END}\n"
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    README.write_text(head + BEGIN + "\n" + "\n".join(lines) + "\n" + END + tail, encoding="utf-8")
    print(f"wrote {README}")


if __name__ == "__main__":
    main()
