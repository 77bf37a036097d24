"""The golden-output cases: the CLI's and the library's output on the bundled sample
and on a seeded generated workbook, byte for byte, with the exit status.

The stored outputs in ``tests/data/golden/`` were written by the code of commit
``acbb793`` (before the refactor of issue 7)::

    git worktree add /tmp/golden acbb793
    PYTHONPATH=/tmp/golden .venv/bin/python tests/golden.py tests/data/golden

``tests/test_golden.py`` runs the same cases with the current code and compares.

Changes made on purpose since then were re-recorded with the code that made them (run
the same command with the current code): issue 14 shows names beside ids in every
output, groups check findings by code, draws trace paths as a tree and gives
``info --format json`` its budget as a number; the word-by-word review of the Thai
(docs/thai-glossary.md) changed the ``-th`` cases only, as did the last English-only
pieces of text given Thai (a shown value reads ``(ค่า '...')``); ``coverage`` in English
at the default 100 columns shows its stages in one column (up/mid/down) so that names
keep room. The JSON the spec defines is still
compared with acbb793's: :func:`spec_only` drops the fields issue 14 added (names)
before the comparison, so ``subject``, ``related``, ``paths``... must not change.
This module only uses calls that exist in both versions (the CLI and
``stratlink.loaders.load`` / ``stratlink.queries``).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = {
    "sample": ROOT / "examples" / "roiet-2561",
    # benchmarks/generate.py --projects 120 --seed 7 (stored, so that changes to the
    # generator do not change the input)
    "generated": ROOT / "tests" / "data" / "golden" / "generated-120",
}
TRACE_IDS = {
    "sample": ["PRJ-001", "PRJ-004", "PRJ-078", "RE-T1.1", "MP03", "NS-S2", "NO-SUCH-ID"],
    "generated": ["PRJ-0000000", "PRJ-0000001", "PRJ-0000119", "NS-S1", "NS-S3.2", "NOPE"],
}
#: outputs larger than this are stored as a hash only
MAX_STORED = 200_000


def cases(name: str) -> list[tuple[str, list[str]]]:
    """(case name, CLI arguments) for data set ``name`` (the data is at ./``name``)."""
    d = name
    out: list[tuple[str, list[str]]] = []
    for lang in ("en", "th"):
        for fmt in ("json", "text", "csv", "markdown"):
            out.append((f"check-{fmt}-{lang}", ["check", d, "--format", fmt, "--lang", lang]))
        out.append((f"check-warning-{lang}", ["check", d, "--fail-on", "warning", "--lang", lang]))
        out.append((f"validate-text-{lang}", ["validate", d, "--no-shacl", "--lang", lang]))
        out.append((f"validate-json-{lang}", ["validate", d, "--no-shacl", "--format", "json",
                                              "--lang", lang]))
        out.append((f"coverage-text-{lang}", ["coverage", d, "--lang", lang]))
        for node in TRACE_IDS[name][:2]:
            out.append((f"trace-text-{node}-{lang}", ["trace", d, node, "--lang", lang]))
            out.append((f"trace-down-text-{node}-{lang}", ["trace", d, node, "--down", "--lang", lang]))
    for node in TRACE_IDS[name]:
        out.append((f"trace-json-{node}", ["trace", d, node, "--format", "json"]))
        out.append((f"trace-down-json-{node}", ["trace", d, node, "--down", "--format", "json"]))
    out.append(("trace-json-max2", ["trace", d, TRACE_IDS[name][0], "--format", "json",
                                    "--max-paths", "1"]))
    out += [
        ("check-never", ["check", d, "--fail-on", "never", "--format", "json"]),
        ("matrix-csv", ["matrix", d]),
        ("matrix-markdown", ["matrix", d, "--format", "markdown"]),
        ("coverage-json", ["coverage", d, "--format", "json"]),
        ("coverage-csv", ["coverage", d, "--format", "csv"]),
        ("info-text", ["info", d]),
        ("info-json", ["info", d, "--format", "json"]),
        ("export-ttl", ["export", d, "--to", "out.ttl"]),
        ("export-csv", ["export", d, "--to", "out-csv"]),
        ("export-csv-be", ["export", d, "--to", "out-csv-be", "--era", "BE"]),
        ("export-xlsx", ["export", d, "--to", "out.xlsx"]),
    ]
    return out


def _library(name: str) -> dict[str, bytes]:
    """JSON of the library's results (matrix has no JSON in the CLI)."""
    from stratlink import queries
    from stratlink.loaders import load

    g = load(name)
    dump = lambda obj: (json.dumps(obj, ensure_ascii=False, indent=1) + "\n").encode()  # noqa: E731
    return {
        "lib-matrix-json": dump(queries.matrix(g).to_dict()),
        "lib-check-json-th": dump(queries.check(g).to_dict("th")),
        "lib-coverage-json": dump(queries.coverage(g).to_dict()),
        "lib-trace-json": dump([queries.trace(g, i).to_dict() for i in TRACE_IDS[name][:-1]]),
        "lib-trace-down-json": dump([queries.trace_down(g, i).to_dict() for i in TRACE_IDS[name][:-1]]),
    }


def _files(folder: Path) -> bytes:
    """Every file written under ``folder`` (or the one file), as one text blob."""
    if folder.is_file():
        paths = [folder]
    else:
        paths = sorted(p for p in folder.rglob("*") if p.is_file())
    out = b""
    for p in paths:
        data = p.read_bytes()
        if p.suffix == ".xlsx":  # zip timestamps differ: compare the cell values
            from openpyxl import load_workbook

            wb = load_workbook(p, read_only=True)
            data = json.dumps({ws.title: [list(map(str, r)) for r in ws.iter_rows(values_only=True)]
                               for ws in wb.worksheets}, ensure_ascii=False).encode()
        if p.suffix in (".ttl", ".nt", ".jsonld"):  # when it was written changes every run
            data = b"\n".join(line for line in data.split(b"\n") if b"generatedAtTime" not in line)
        out += f"== {p.name}\n".encode() + data + b"\n"
    return out


#: fields added beside the spec's JSON fields (issue 14: names beside ids)
ADDED_FIELDS = ("subject_name", "related_names", "names", "name")


def spec_only(data: bytes) -> bytes:
    """A JSON output of the CLI with the added name fields dropped (other output as is)."""
    body, sep, rest = data.partition(b"\n== stderr\n")
    try:
        obj = json.loads(body)
    except ValueError:
        return data

    def strip(o):
        if isinstance(o, dict):
            return {k: strip(v) for k, v in o.items() if k not in ADDED_FIELDS}
        if isinstance(o, list):
            return [strip(v) for v in o]
        return o

    text = json.dumps(strip(obj), ensure_ascii=False, indent=2) + "\n"
    return text.encode() + sep + rest


def run_all() -> dict[str, tuple[int | None, bytes]]:
    """Every case of both data sets: name -> (exit status or None, output bytes)."""
    from click.testing import CliRunner

    from stratlink.cli import main

    results: dict[str, tuple[int | None, bytes]] = {}
    old = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        try:
            for name, src in DATA.items():
                shutil.copytree(src, name)
                runner = CliRunner(env={"STRATLINK_LANG": "en", "LANG": "C.UTF-8"})
                for case, args in cases(name):
                    result = runner.invoke(main, args)
                    if result.exception and not isinstance(result.exception, SystemExit):
                        raise result.exception
                    out = spec_only(result.stdout_bytes + b"\n== stderr\n" + result.stderr_bytes)
                    target = args[args.index("--to") + 1] if "--to" in args else None
                    if target and Path(target).exists():
                        out += _files(Path(target))
                        if Path(target).is_dir():
                            shutil.rmtree(target)
                        else:
                            Path(target).unlink()
                    results[f"{name}/{case}"] = (result.exit_code, out)
                for case, data in _library(name).items():
                    results[f"{name}/{case}"] = (None, data)
        finally:
            os.chdir(old)
    return results


def write(folder: Path) -> None:
    """Store every case's output (hash-only above MAX_STORED bytes) and a manifest."""
    manifest = {}
    for case, (code, data) in sorted(run_all().items()):
        digest = hashlib.sha256(data).hexdigest()
        stored = len(data) <= MAX_STORED
        if stored:
            path = folder / "out" / (case + ".txt")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        manifest[case] = {"exit": code, "sha256": digest, "bytes": len(data), "stored": stored}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    write(Path(sys.argv[1]).resolve())
