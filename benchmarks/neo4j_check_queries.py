"""Where ``neo4j check`` spends its time: each query of ``CypherEngine.check()``.

``python benchmarks/neo4j_check_queries.py FOLDER [--readme]`` bulk-imports the workbook
at FOLDER (:func:`benchmarks.neo4j_targets.bulk_load`), runs ``check()`` twice (cold,
right after the import, then warm) and prints the seconds of each query and of the
Python around them; with ``--readme`` the table replaces the one between the
``neo4j_check_queries`` markers of README-neo4j.md.
"""

from __future__ import annotations

import argparse
import collections
import os
import time
from pathlib import Path

from neo4j_targets import ROOT, _server, bulk_load  # also puts ROOT and tests/ on sys.path

BEGIN, END = "<!-- neo4j_check_queries:begin -->", "<!-- neo4j_check_queries:end -->"


def profile(driver, runs: int = 2) -> list[tuple[float, collections.Counter, int]]:
    """``runs`` checks: (total seconds, seconds per query name, findings) each."""
    from stratlink.neo4j import engine

    names = {v: k for k, v in vars(engine).items() if k.startswith("Q_") and isinstance(v, str)}
    names.update((v, f"{k}[{part}]") for k, d in vars(engine).items() if k.startswith("Q_")
                 and isinstance(d, dict) for part, v in d.items())
    times: collections.Counter = collections.Counter()
    original = engine.CypherEngine.run

    def timed(self, query, **params):
        t = time.perf_counter()
        try:
            return original(self, query, **params)
        finally:
            times[names.get(query, "other")] += time.perf_counter() - t

    engine.CypherEngine.run = timed
    out = []
    try:
        for _ in range(runs):
            times.clear()
            t = time.perf_counter()
            report = engine.CypherEngine(driver).check()
            out.append((time.perf_counter() - t, collections.Counter(times), len(report.findings)))
    finally:
        engine.CypherEngine.run = original
    return out


def table(folder: Path, projects: int, runs) -> str:
    keys = sorted({k for _, t, _ in runs for k in t}, key=lambda k: -runs[0][1][k])
    head = " | ".join(["cold", "warm"][:len(runs)])
    lines = [f"`{folder.name}` ({projects:,} projects, {runs[0][2]:,} findings; "
             f"load average {os.getloadavg()[0]:.1f}):", "",
             f"| query | {head} |", "|---|" + "---:|" * len(runs)]
    for k in keys:
        lines.append(f"| `{k}` | " + " | ".join(f"{t[k]:.2f} s" for _, t, _ in runs) + " |")
    lines.append("| Python outside the queries | "
                 + " | ".join(f"{s - sum(t.values()):.2f} s" for s, t, _ in runs) + " |")
    lines.append("| **total** | " + " | ".join(f"**{s:.1f} s**" for s, _, _ in runs) + " |")
    return "\n".join(lines)


def main() -> None:
    import neo4j

    from stratlink.loaders import load

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--readme", action="store_true", help="write the table to README-neo4j.md")
    args = ap.parse_args()
    g = load(args.folder)
    bulk = bulk_load(g, keep_server=True)
    info = bulk.pop("server")
    driver = neo4j.GraphDatabase.driver(info.uri, auth=(info.user, info.password))
    try:
        runs = profile(driver)
    finally:
        driver.close()
        _server().stop(info)
    text = table(args.folder, len(g.projects), runs)
    print(text)
    if args.readme:
        readme = ROOT / "benchmarks" / "README-neo4j.md"
        old = readme.read_text(encoding="utf-8")
        head, _, rest = old.partition(BEGIN)
        _, _, tail = rest.partition(END)
        readme.write_text(head + BEGIN + "\n" + text + "\n" + END + tail, encoding="utf-8")


if __name__ == "__main__":
    main()
