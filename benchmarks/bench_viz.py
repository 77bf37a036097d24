"""Time to write the map and the report, time to first draw in headless Chromium, and
file sizes: for the bundled sample and generated workbooks (default 100,000 projects).

    python benchmarks/bench_viz.py                      # sample + 100k (generated if absent)
    python benchmarks/bench_viz.py --sizes 10000 --json

"write" is the library call on a loaded graph, given the check report (load and check
are shown apart), wall and CPU seconds (CPU time is the honest number on a shared
machine; the load average is recorded). "first draw" is measured in the page: from navigation start to the end
of vis-network's first drawing of the canvas (``window.stratlinkFirstDraw``), Chromium
headless with the same flags as the tests; "draw" is only the canvas part (from
creating the network to its first ``afterDrawing``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1600,1000"]


def browser():
    os.environ.setdefault("SE_OFFLINE", "true")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in FLAGS + [f"--user-data-dir={tempfile.mkdtemp(prefix='bench-chromium-')}"]:
        opts.add_argument(flag)
    return webdriver.Chrome(service=Service(executable_path=shutil.which("chromedriver") or
                                            "/usr/bin/chromedriver"), options=opts)


def first_draw(driver, path: Path) -> tuple[float, float]:
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(path.resolve().as_uri())
    WebDriverWait(driver, 300).until(
        lambda d: d.execute_script("return document.documentElement.getAttribute('data-drawn')") == "1")
    return tuple(driver.execute_script("return [window.stratlinkFirstDraw, window.stratlinkDrawMs];"))


def measure(name: str, source: Path, out: Path, driver) -> dict:
    import stratlink as sl

    t, c = time.perf_counter(), time.process_time()
    g = sl.load(source)
    row = {"workbook": name, "projects": len(g.projects), "elements": len(g.elements),
           "load_s": round(time.perf_counter() - t, 2), "load_cpu_s": round(time.process_time() - c, 2),
           "loadavg": round(os.getloadavg()[0], 1), "cpus": os.cpu_count()}
    t, c = time.perf_counter(), time.process_time()
    report = sl.check(g)
    row["check_s"] = round(time.perf_counter() - t, 2)
    row["check_cpu_s"] = round(time.process_time() - c, 2)
    pages = {"map": lambda p: sl.write_map(g, p, report=report),
             "report": lambda p: sl.write_report(g, p, report=report)}
    if name == "sample":
        pages["focus"] = lambda p: sl.write_map(g, p, focus="PRJ-068", report=report)
    for kind, write in pages.items():
        path = out / f"{name}-{kind}.html"
        t, c = time.perf_counter(), time.process_time()
        write(path)
        row[f"{kind}_write_s"] = round(time.perf_counter() - t, 2)
        row[f"{kind}_write_cpu_s"] = round(time.process_time() - c, 2)
        row[f"{kind}_bytes"] = path.stat().st_size
        nav, draw = first_draw(driver, path)
        row[f"{kind}_first_draw_ms"] = round(nav)
        row[f"{kind}_canvas_ms"] = round(draw)
        row[f"{kind}_loadavg"] = round(os.getloadavg()[0], 1)  # 1-minute load average after it
    return row


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[100_000])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "bench-viz")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    driver = browser()
    rows = []
    try:
        rows.append(measure("sample", ROOT / "examples" / "roiet-2561", args.out, driver))
        for n in args.sizes:
            folder = ROOT / "out" / f"bench-{n}"
            if not (folder / "projects.csv").exists():
                subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(folder),
                                "--projects", str(n), "--seed", "1"], check=True)
            rows.append(measure(f"{n:,}", folder, args.out, driver))
    finally:
        driver.quit()
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        for r in rows:
            print(" ".join(f"{k}={v}" for k, v in r.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
