"""Benchmark ``stratlink check`` on generated workbooks of 10,000 and 100,000 projects.

For each size: the workbook is generated (seeded) once into ``out/bench-<N>``, then

* the real command ``stratlink check DIR --format json`` runs in a fresh process,
  ``--repeat`` times; wall time, CPU time and the peak resident memory of that
  process (``os.wait4`` rusage) are recorded, the best run is reported;
* one more process reports the phases (load, check, render) and the peak memory
  after loading and after checking.

    python benchmarks/bench_check.py                 # 10k and 100k
    python benchmarks/bench_check.py --sizes 1000 --repeat 1

Speed goals are checked here, never by timing assertions in the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PHASES = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from stratlink.loaders import load
from stratlink.queries import check
from stratlink.viz.output import render_check
g = load(sys.argv[1])
t1 = time.perf_counter()
rss_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
report = check(g)
t2 = time.perf_counter()
text = render_check(report, "json", "en")
t3 = time.perf_counter()
print(json.dumps({"load_s": t1 - t0, "check_s": t2 - t1, "render_s": t3 - t2,
                  "rss_after_load_mb": rss_load / 1024,
                  "rss_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "summary": report.summary.to_dict(), "findings": len(report.findings),
                  "nodes": len(g.elements) + len(g.projects), "links": len(g.links)}))
"""


def run_measured(cmd: list[str]) -> dict:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    out = proc.stdout.read().decode()
    err = proc.stderr.read().decode()
    proc.stdout.close()
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime,
            "peak_rss_mb": usage.ru_maxrss / 1024, "exit": proc.returncode, "out": out, "err": err}


def bench(size: int, repeat: int, seed: int) -> dict:
    from benchmarks.generate import generate

    folder = ROOT / "out" / f"bench-{size}"
    if not (folder / "links.csv").exists():
        generate(folder, size, seed)
    cli = [sys.executable, "-m", "stratlink.cli", "check", str(folder), "--format", "json",
           "--output", os.devnull, "--fail-on", "never"]
    runs = [run_measured(cli) for _ in range(repeat)]
    for r in runs:
        if r["exit"] != 0:
            raise SystemExit(f"check failed on {folder}: {r['err'].strip()}")
    best = min(runs, key=lambda r: r["wall_s"])
    phases = run_measured([sys.executable, "-c", PHASES, str(folder)])
    return {"projects": size, "wall_s": best["wall_s"], "cpu_s": best["cpu_s"],
            "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
            "phases": json.loads(phases["out"])}


def main() -> None:
    ap = argparse.ArgumentParser(description="benchmark stratlink check")
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true", help="print the raw results as JSON")
    args = ap.parse_args()
    results = [bench(n, args.repeat, args.seed) for n in args.sizes]
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print("| projects | nodes | links | findings | wall (s) | CPU (s) | load / check / render (s) "
          "| peak RSS (MB) | RSS after load (MB) |")
    print("|---:|---:|---:|---:|---:|---:|---|---:|---:|")
    for r in results:
        p = r["phases"]
        print(f"| {r['projects']:,} | {p['nodes']:,} | {p['links']:,} | {p['findings']:,} | "
              f"{r['wall_s']:.1f} | {r['cpu_s']:.1f} | "
              f"{p['load_s']:.1f} / {p['check_s']:.1f} / {p['render_s']:.2f} | "
              f"{r['peak_rss_mb']:.0f} | {p['rss_after_load_mb']:.0f} |")


if __name__ == "__main__":
    main()
