"""Time and peak memory of every case of the bad-input corpus (issue 12).

    python benchmarks/bench_bad.py [--bomb-mb 1024]

Each case runs the CLI in a fresh Python process; the table shows the exit status,
wall time and the process's peak resident memory (ru_maxrss). The large cases (a
1 GB zip bomb, cells over Python's csv limit) are generated into a temporary folder
by tests/data/bad/make_bad.py.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "data" / "bad"
SAMPLE = ROOT / "examples" / "roiet-2561"

RUNNER = """
import json, resource, sys, time, io, contextlib
from stratlink.cli import main
t = time.perf_counter()
code = 0
out = io.StringIO()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
    try:
        main(sys.argv[1:], standalone_mode=True)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
print(json.dumps({"code": code, "seconds": time.perf_counter() - t,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "last": out.getvalue().strip().splitlines()[-1][:110] if out.getvalue().strip() else ""}))
"""


def measure(args: list[str]) -> dict:
    res = subprocess.run([sys.executable, "-c", RUNNER, *map(str, args)], capture_output=True, text=True,
                         cwd=ROOT, timeout=1800)
    return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bomb-mb", type=int, default=1024)
    opts = ap.parse_args()
    spec = importlib.util.spec_from_file_location("make_bad", BAD / "make_bad.py")
    mb = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mb)
    tmp = Path(tempfile.mkdtemp(prefix="bench-bad-"))
    bomb = mb.zip_bomb(tmp / "zip-bomb.xlsx", opts.bomb_mb)
    mb.long_cell(tmp, 200_000)
    mb.long_cell(tmp, 1_100_000, "over-cell-limit")
    xlsx = tmp / "a.xlsx"
    subprocess.run([sys.executable, "-m", "stratlink.cli", "export", str(SAMPLE), "--to", str(xlsx)],
                   check=True, capture_output=True, cwd=ROOT)
    cases = [
        ("matrix xlsx, formula ids", ["matrix", BAD / "formula-injection", "--format", "xlsx", "-o", tmp / "m.xlsx"]),
        ("check csv, formula ids", ["check", BAD / "formula-injection", "--format", "csv", "-o", tmp / "c.csv"]),
        ("export a.xlsx --to a.xlsx", ["export", xlsx, "--to", xlsx]),
        (f"zip bomb ({bomb.stat().st_size / 1e6:.1f} MB -> {opts.bomb_mb} MB)", ["info", bomb]),
        ("cell of 200,000 chars", ["validate", "--no-shacl", tmp / "long-cell"]),
        ("cell of 1,100,000 chars", ["validate", "--no-shacl", tmp / "over-cell-limit"]),
        ("unclosed quote", ["validate", "--no-shacl", BAD / "unclosed-quote"]),
        ("formula without value (xlsx)", ["validate", "--no-shacl", BAD / "formula-no-value.xlsx"]),
        ("Excel error values (xlsx)", ["validate", "--no-shacl", BAD / "error-values.xlsx"]),
        ("Thai header", ["info", BAD / "thai-header"]),
        ("title row above header", ["info", BAD / "title-row"]),
        ("semicolons", ["info", BAD / "semicolon"]),
        ("tabs", ["info", BAD / "tab-separated"]),
        ("--encoding latin-1 on cp874", ["info", BAD / "cp874", "--encoding", "latin-1"]),
        ("stray NUL", ["validate", "--no-shacl", BAD / "nul-byte"]),
        ("400-digit budget, export xlsx", ["export", BAD / "budget-400-digits", "--to", tmp / "b.xlsx"]),
        ("invisible characters in ids", ["validate", "--no-shacl", BAD / "invisible-ids"]),
        ("sample, for comparison", ["check", SAMPLE]),
    ]
    print("| case | exit | seconds | peak MB | last line |\n|---|---|---|---|---|")
    for name, args in cases:
        r = measure(args)
        print(f"| {name} | {r['code']} | {r['seconds']:.2f} | {r['peak_mb']:.0f} | {r['last']} |", flush=True)


if __name__ == "__main__":
    main()
