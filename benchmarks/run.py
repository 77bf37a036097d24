"""The national-scale benchmark: one command, every size, the floors beside them.

    python benchmarks/run.py --sizes 10k,100k,300k,1M        # or: make bench
    python benchmarks/run.py --sizes 10k --traces 200 --no-write   # a quick look

Per size N (workbooks from ``stratlink generate OUT --projects N --seed 1``, made
once into ``out/bench-gen-N``), each measurement in a fresh process, CPU time (user +
system, from ``os.wait4``) beside wall time, and the machine's load average:

* ``check``: the real command ``stratlink check DIR --format json --output /dev/null``,
  end to end (interpreter start, imports, load, check, JSON); its peak RSS;
* phases, through the public API in one process: ``sl.load``, ``sl.check``, then
  ``sl.trace`` of T random projects after that one load (p50 / p95 / max);
* floors, reading the same CSV files: ``pandas.read_csv`` (all columns as text) and
  ``pyarrow.csv.read_csv`` (time of the reads, measured inside the process);
* Neo4j (``--neo4j``): the functions of ``benchmarks/bench_neo4j.py`` (bulk load,
  Cypher load, the LOAD CSV floor, ``neo4j check``) when they exist, else a note.

The results go to ``benchmarks/RESULTS.md`` (between markers) and
``benchmarks/results.png`` (log-log time against size), raw numbers to
``out/bench-results.json``. Speed is measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
PLOT = ROOT / "benchmarks" / "results.png"
BEGIN, END = "<!-- run.py:begin -->", "<!-- run.py:end -->"

PHASES = r"""
import json, random, resource, sys, time
def clock():
    return time.perf_counter(), time.process_time()
w0, c0 = clock()
import stratlink as sl
w1, c1 = clock()
g = sl.load(sys.argv[1])
w2, c2 = clock()
rss_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
report = sl.check(g)
w3, c3 = clock()
ids = g.columns()["projects"]["id"].to_pylist()
rnd = random.Random(int(sys.argv[3]))
sample = [ids[rnd.randrange(len(ids))] for _ in range(int(sys.argv[2]))]
t = time.perf_counter(); sl.trace(g, sample[0]); first = time.perf_counter() - t
times, cpu = [], []
for pid in sample:
    t, c = time.perf_counter(), time.thread_time()
    sl.trace(g, pid)
    times.append(time.perf_counter() - t)
    cpu.append(time.thread_time() - c)
times.sort()
cpu.sort()
q = lambda p, xs=times: xs[min(len(xs) - 1, int(p * len(xs)))]
print(json.dumps({
    "import_s": w1 - w0, "load_s": w2 - w1, "load_cpu_s": c2 - c1, "check_s": w3 - w2, "check_cpu_s": c3 - c2,
    "rss_after_load_mb": rss_load / 1024, "rss_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "first_trace_ms": first * 1000, "trace_p50_ms": q(0.50) * 1000, "trace_p95_ms": q(0.95) * 1000,
    "trace_max_ms": times[-1] * 1000, "traces": len(times),
    "trace_cpu_p50_ms": q(0.50, cpu) * 1000, "trace_cpu_p95_ms": q(0.95, cpu) * 1000, "records_built": g.materialised,
    "summary": report.summary.to_dict(), "findings": len(report.findings), "counts": g.counts()}))
"""

FLOOR = r"""
import json, sys, time
from pathlib import Path
files = sorted(Path(sys.argv[2]).glob("*.csv"))
if sys.argv[1] == "pandas":
    import pandas as pd
    read = lambda f: pd.read_csv(f, dtype=str, keep_default_na=False)
else:
    import pyarrow.csv as pcsv
    read = pcsv.read_csv
w, c = time.perf_counter(), time.process_time()
rows = sum(len(read(f)) for f in files)
print(json.dumps({"read_s": time.perf_counter() - w, "read_cpu_s": time.process_time() - c, "rows": rows}))
"""


def parse_size(text: str) -> int:
    text = text.strip().lower().replace("_", "")
    mult = 1_000_000 if text.endswith("m") else 1000 if text.endswith("k") else 1
    return int(float(text.rstrip("mk")) * mult)


def label(n: int) -> str:
    return f"{n // 1_000_000}M" if n % 1_000_000 == 0 else f"{n // 1000}k" if n % 1000 == 0 else str(n)


def run(cmd: list[str]) -> dict:
    """Run ``cmd``: wall time, CPU time and peak RSS of exactly this child (``os.wait4``),
    the 1-minute load average before and after."""
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    # read the pipes while waiting (large output would block otherwise)
    import threading

    bufs: dict[str, bytes] = {}

    def drain(name, stream):
        bufs[name] = stream.read()

    threads = [threading.Thread(target=drain, args=(k, s)) for k, s in (("out", proc.stdout), ("err", proc.stderr))]
    for t in threads:
        t.start()
    _, status, usage = os.wait4(proc.pid, 0)
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "peak_rss_mb": usage.ru_maxrss / 1024,
            "exit": os.waitstatus_to_exitcode(status), "out": bufs["out"].decode(), "err": bufs["err"].decode(),
            "load_1m": [round(load_before, 2), round(os.getloadavg()[0], 2)]}


def ensure_workbook(n: int, seed: int) -> tuple[Path, dict | None]:
    folder = ROOT / "out" / f"bench-gen-{n}"
    if (folder / "links.csv").exists():
        return folder, None
    r = run([sys.executable, "-m", "stratlink.cli", "generate", str(folder), "--projects", str(n),
             "--seed", str(seed)])
    if r["exit"] != 0:
        raise SystemExit(f"generate failed: {r['err']}")
    return folder, {k: r[k] for k in ("wall_s", "cpu_s", "peak_rss_mb")}


def neo4j_columns(folder: Path) -> dict:
    """The Neo4j measurements of helper ``neo4j``: ``benchmarks/neo4j_targets.py FOLDER``
    (bulk load, Cypher load, the LOAD CSV floor, ``neo4j check``) in its own process,
    when that script exists; else the functions of the same names in bench_neo4j.py."""
    script = ROOT / "benchmarks" / "neo4j_targets.py"
    if script.exists():
        r = run([sys.executable, str(script), str(folder)])
        tail = (r["out"] if r["exit"] == 0 else r["err"]).strip().splitlines()[-12:]
        found = [line[7:] for line in r["out"].splitlines() if line.startswith("RESULT ")]
        out = {"neo4j_targets.py": {"exit": r["exit"], "wall_s": round(r["wall_s"], 1),
                                    "cpu_s": round(r["cpu_s"], 1), "output": tail,
                                    "peak_rss_mb": round(r["peak_rss_mb"]), "load_1m": r["load_1m"]}}
        if found:
            out["result"] = json.loads(found[-1])
        return out
    sys.path.insert(0, str(ROOT))
    try:
        import benchmarks.bench_neo4j as bn
    except Exception as exc:  # any import problem means: skip with a note
        return {"note": f"bench_neo4j not importable ({type(exc).__name__})"}
    out: dict = {}
    for name in ("bulk_load", "cypher_load", "load_csv_floor", "neo4j_check"):
        fn = getattr(bn, name, None)
        if fn is None:
            out[name] = "not available"
            continue
        try:
            out[name] = fn(folder)
        except Exception as exc:  # report, do not stop the run
            out[name] = f"failed: {type(exc).__name__}: {exc}"[:200]
    return out


def bench(n: int, args) -> dict:
    folder, gen = ensure_workbook(n, args.seed)
    size_mb = sum(f.stat().st_size for f in folder.glob("*.csv")) / 1e6
    print(f"[{label(n)}] check ...", file=sys.stderr, flush=True)
    check = run([sys.executable, "-m", "stratlink.cli", "check", str(folder), "--format", "json",
                 "--output", os.devnull, "--fail-on", "never"])
    if check["exit"] != 0:
        raise SystemExit(f"check failed on {folder}: {check['err'].strip()[-2000:]}")
    print(f"[{label(n)}] phases and traces ...", file=sys.stderr, flush=True)
    ph = run([sys.executable, "-c", PHASES, str(folder), str(args.traces), str(args.seed)])
    if ph["exit"] != 0:
        raise SystemExit(f"phases failed: {ph['err'][-2000:]}")
    phases = json.loads(ph["out"])
    floors = {}
    for lib in ("pandas", "pyarrow"):
        print(f"[{label(n)}] {lib} floor ...", file=sys.stderr, flush=True)
        r = run([sys.executable, "-c", FLOOR, lib, str(folder)])
        floors[lib] = json.loads(r["out"]) | {"process_wall_s": r["wall_s"], "process_cpu_s": r["cpu_s"]} \
            if r["exit"] == 0 else {"error": r["err"][-300:]}
    result = {"projects": n, "csv_mb": size_mb, "generate": gen,
              "check": {k: check[k] for k in ("wall_s", "cpu_s", "peak_rss_mb", "load_1m")},
              "phases": phases, "phases_process": {k: ph[k] for k in ("wall_s", "cpu_s", "peak_rss_mb", "load_1m")},
              "floors": floors}
    if args.neo4j:
        print(f"[{label(n)}] neo4j ...", file=sys.stderr, flush=True)
        result["neo4j"] = neo4j_columns(folder)
    return result


def profile(n: int, seed: int) -> str:
    """py-spy (CPU samples) of ``stratlink check`` at size n: where the time goes, by
    phase and by the innermost stratlink function."""
    import shutil
    from collections import Counter

    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    folder, _ = ensure_workbook(n, seed)
    raw = ROOT / "out" / f"py-spy-{n}.txt"
    r = run([spy, "record", "--format", "raw", "--rate", "100", "-o", str(raw), "--",
             sys.executable, "-m", "stratlink.cli", "check", str(folder), "--format", "json",
             "--output", os.devnull, "--fail-on", "never"])
    if r["exit"] != 0 or not raw.exists():
        return f"py-spy could not run: {r['err'].strip()[-300:]}"
    phases: Counter = Counter()
    funcs: Counter = Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        k = int(count)
        total += k
        frames = stack.split(";")
        inner = next((f for f in reversed(frames) if "(stratlink/" in f and "cli.py" not in f), None)
        if inner is None or any("_find_and_load" in f for f in frames):
            phase = "interpreter start, imports (pyarrow, scipy, pandas via pyarrow), click"
        elif "/loaders/" in inner or "graph_model/columns" in inner:
            phase = "load (read + validate)"
        elif "/queries/" in inner:
            phase = "check (array engine)"
        elif "/viz/" in inner or "findings.py" in inner or "messages.py" in inner:
            phase = "render JSON"
        else:
            phase = "other stratlink"
        phases[phase] += k
        leaf = frames[-1].split(" (")[0] if frames else "?"
        funcs[(inner.split(" (")[0] if inner else "-") + " → " + leaf] += k
    lines = [f"py-spy, {total} samples at 100 Hz of `stratlink check` at {n:,} projects "
             f"(wall {r['wall_s']:.1f} s under py-spy, load average {r['load_1m'][0]}):", "",
             "| phase | share |", "|---|---:|"]
    lines += [f"| {p} | {100 * k / total:.0f}% |" for p, k in phases.most_common()]
    lines += ["", "| innermost stratlink function → leaf frame | share |", "|---|---:|"]
    lines += [f"| `{f}` | {100 * k / total:.1f}% |" for f, k in funcs.most_common(12)]
    return "\n".join(lines)


def exponent(results: list[dict], key) -> str:
    by = {r["projects"]: key(r) for r in results}
    if 100_000 in by and 1_000_000 in by and by[100_000] > 0:
        return f"{math.log(by[1_000_000] / by[100_000]) / math.log(10):.2f}"
    return "n/a (needs 100k and 1M)"


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import numpy
    import pyarrow
    import scipy

    return (f"{cpu}, {os.cpu_count()} CPUs, Python {platform.python_version()}, numpy {numpy.__version__}, "
            f"scipy {scipy.__version__}, pyarrow {pyarrow.__version__}")


def table(results: list[dict]) -> str:
    lines = [
        "| projects | CSV MB | `check` wall (s) | `check` CPU (s) | peak RSS (MB) | load / check CPU (s) "
        "| pandas read CPU (s) | pyarrow read CPU (s) | check ÷ pandas (CPU) | check ÷ pandas (wall) "
        "| trace p50 / p95 wall (ms) | trace p50 / p95 CPU (ms) | first trace (ms) | load avg (1 min) |",
        "|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|---|---:|---|",
    ]
    for r in results:
        c, p, f = r["check"], r["phases"], r["floors"]
        pd_cpu = f["pandas"].get("read_cpu_s", float("nan"))
        pd_wall = f["pandas"].get("read_s", float("nan"))
        pa_cpu = f["pyarrow"].get("read_cpu_s", float("nan"))
        lines.append(
            f"| {r['projects']:,} | {r['csv_mb']:.0f} | {c['wall_s']:.1f} | {c['cpu_s']:.1f} | {c['peak_rss_mb']:.0f} "
            f"| {p['load_cpu_s']:.1f} / {p['check_cpu_s']:.1f} | {pd_cpu:.2f} | {pa_cpu:.2f} "
            f"| {c['cpu_s'] / pd_cpu:.1f}× | {c['wall_s'] / pd_wall:.1f}× "
            f"| {p['trace_p50_ms']:.2f} / {p['trace_p95_ms']:.2f} "
            f"| {p['trace_cpu_p50_ms']:.2f} / {p['trace_cpu_p95_ms']:.2f} | {p['first_trace_ms']:.0f} "
            f"| {c['load_1m'][0]} → {c['load_1m'][1]} |")
    return "\n".join(lines)


def neo4j_table(results: list[dict]) -> str:
    rows = [r for r in results if "neo4j" in r]
    if not rows:
        return ("Neo4j columns: not measured in this run (`--neo4j` runs helper neo4j's "
                "`benchmarks/neo4j_targets.py`: bulk load, Cypher load, LOAD CSV floor, `neo4j check`).")
    lines = ["| projects | nodes + relationships | import files written (s) | bulk import | "
             "Cypher load | LOAD CSV floor | Cypher ÷ floor (time) | `neo4j check` after bulk (s) "
             "| `neo4j check` after Cypher load (s) | equals NetworkX | client peak RSS (MB) "
             "| load avg (1 min) |",
             "|---:|---:|---:|---|---|---|---:|---:|---:|---|---:|---|"]
    for r in rows:
        res = r["neo4j"].get("result")
        t = r["neo4j"].get("neo4j_targets.py", {})
        if not res:
            lines.append(f"| {r['projects']:,} | failed (exit {t.get('exit')}): see below |" + " |" * 10)
            continue
        b, cy, fl = res["bulk"], res["cypher"], res["floor"]
        lines.append(
            f"| {r['projects']:,} | {b['nodes'] + b['relationships']:,} | {b['files_s']:.1f} "
            f"| {b['import_s']:.1f} s = {b['per_second']:,.0f}/s"
            + (f" (importer's own {b['importer_s']:.1f} s = "
               f"{(b['nodes'] + b['relationships']) / b['importer_s']:,.0f}/s)" if b.get("importer_s") else "")
            + (f"; with writing the files {b['files_s'] + b['import_s']:.1f} s = "
               f"{(b['nodes'] + b['relationships']) / (b['files_s'] + b['import_s']):,.0f}/s")
            + f" | {cy['seconds']:.1f} s = "
            f"{cy['per_second']:,.0f}/s | {fl['seconds']:.1f} s = {fl['per_second']:,.0f}/s "
            f"| {cy['seconds'] / fl['seconds']:.2f}× | {res['check_bulk']['seconds']:.1f} "
            f"| {res['check']['seconds']:.1f} | {'yes' if res['check_bulk'].get('parity') else 'NO'} "
            f"| {t.get('peak_rss_mb', '-')} | {' → '.join(map(str, t.get('load_1m', [])))} |")
    lines.append("")
    for r in rows:
        n = r["neo4j"]
        if "result" in n:
            continue
        if "neo4j_targets.py" in n:
            t = n["neo4j_targets.py"]
            lines += [f"Neo4j at {r['projects']:,} projects (`benchmarks/neo4j_targets.py`, exit {t['exit']}, "
                      f"wall {t['wall_s']} s, CPU of the client {t['cpu_s']} s):", "", "```",
                      *t["output"], "```", ""]
            continue
        cells = [json.dumps(n.get(k, n.get("note", "-")), ensure_ascii=False)[:120]
                 for k in ("bulk_load", "cypher_load", "load_csv_floor", "neo4j_check")]
        lines.append(f"Neo4j at {r['projects']:,} projects: bulk load {cells[0]}, Cypher load {cells[1]}, "
                     f"LOAD CSV floor {cells[2]}, neo4j check {cells[3]}")
    return "\n".join(lines)


def plot(results: list[dict]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    xs = [r["projects"] for r in results]
    series = {
        "stratlink check, wall": [r["check"]["wall_s"] for r in results],
        "stratlink check, CPU": [r["check"]["cpu_s"] for r in results],
        "sl.load, CPU": [r["phases"]["load_cpu_s"] for r in results],
        "sl.check (after load), CPU": [r["phases"]["check_cpu_s"] for r in results],
        "pandas read (floor), CPU": [r["floors"]["pandas"].get("read_cpu_s") for r in results],
        "pyarrow read (floor), CPU": [r["floors"]["pyarrow"].get("read_cpu_s") for r in results],
    }
    neo = [(r["projects"], r["neo4j"]["result"]) for r in results if r.get("neo4j", {}).get("result")]
    fig, ax = plt.subplots(figsize=(7, 5))
    for name, ys in series.items():
        ax.plot(xs, ys, marker="o", label=name, linestyle="--" if "floor" in name else "-")
    for name, get in (("Neo4j bulk import, wall", lambda x: x["bulk"]["import_s"]),
                      ("Neo4j Cypher load, wall", lambda x: x["cypher"]["seconds"]),
                      ("Neo4j LOAD CSV (floor), wall", lambda x: x["floor"]["seconds"]),
                      ("neo4j check, wall", lambda x: x["check"]["seconds"])):
        if neo:
            ax.plot([n for n, _ in neo], [get(x) for _, x in neo], marker="s", label=name,
                    linestyle=":" if "floor" in name else "-.")
    if xs:
        ax.plot([xs[0], xs[-1]], [20, 20], color="grey", linewidth=0.8)
        ax.text(xs[0], 21, "target at 1M: 20 s", color="grey", fontsize=8)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("projects")
    ax.set_ylabel("seconds")
    ax.set_title("stratlink check and Neo4j against their floors (log-log)")
    ax.grid(True, which="both", linewidth=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(PLOT, dpi=110)


def write_results(results: list[dict], args, started: str, load_run: tuple, prof: str = "") -> None:
    e_cpu = exponent(results, lambda r: r["check"]["cpu_s"])
    e_wall = exponent(results, lambda r: r["check"]["wall_s"])
    body = [
        f"Run: `python benchmarks/run.py --sizes {args.sizes} --traces {args.traces}"
        f"{' --neo4j' if args.neo4j else ''}` started {started} UTC; "
        + (f"Neo4j server heap {os.environ.get('STRATLINK_NEO4J_HEAP', '1g')}, page cache "
           f"{os.environ.get('STRATLINK_NEO4J_PAGECACHE', '256m')}; " if args.neo4j else "") +
        f"nice {os.nice(0)}; "
        f"{machine()}. Load average (1, 5, 15 min) at start {load_run[0]}, at end {load_run[1]}.",
        "",
        table(results),
        "",
        f"Growth exponent of `check` from 100k to 1M: CPU {e_cpu}, wall {e_wall} (1.0 is linear).",
        "",
        neo4j_table(results),
    ]
    if prof:
        body += ["", prof]
    block = "\n".join(body)
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else f"# Results\n\n{BEGIN}\n{END}\n"
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN) + len(BEGIN)] + "\n" + block + "\n" + text[text.index(END):]
    else:
        text += f"\n{BEGIN}\n{block}\n{END}\n"
    RESULTS.write_text(text, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10k,100k,300k,1M")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--traces", type=int, default=1000, help="random projects traced after one load")
    ap.add_argument("--neo4j", action="store_true", help="also the Neo4j columns (bench_neo4j.py functions)")
    ap.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md and the plot")
    ap.add_argument("--profile", metavar="SIZE", help="also a py-spy profile of check at SIZE")
    args = ap.parse_args()
    started = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
    load_start = tuple(round(x, 2) for x in os.getloadavg())
    results = []
    for s in args.sizes.split(","):  # written after each size: a long run keeps what it measured
        results.append(bench(parse_size(s), args))
        if not args.no_write:
            write_results(results, args, started, (load_start, tuple(round(x, 2) for x in os.getloadavg())))
            plot(results)
    load_end = tuple(round(x, 2) for x in os.getloadavg())
    (ROOT / "out").mkdir(exist_ok=True)
    (ROOT / "out" / "bench-results.json").write_text(json.dumps(results, indent=2))
    print(table(results))
    print(f"growth exponent (CPU, 100k -> 1M): {exponent(results, lambda r: r['check']['cpu_s'])}")
    prof = profile(parse_size(args.profile), args.seed) if args.profile else ""
    if prof:
        print(prof)
    if not args.no_write:
        write_results(results, args, started, (load_start, load_end), prof)
        plot(results)
        print(f"wrote {RESULTS} and {PLOT}")


if __name__ == "__main__":
    main()
