"""Golden output: the CLI's and the library's output on the sample and on a generated
workbook is byte-identical to what the code before issue 7's refactor (commit acbb793)
wrote, with the same exit status. See tests/golden.py for the cases and how the stored
outputs were made."""

from __future__ import annotations

import difflib
import hashlib
import json
from pathlib import Path

import pytest
from golden import run_all

GOLDEN = Path(__file__).parent / "data" / "golden"


@pytest.fixture(scope="module")
def outputs():
    return run_all()


def test_every_golden_case_is_run(outputs):
    manifest = json.loads((GOLDEN / "manifest.json").read_text())
    assert sorted(outputs) == sorted(manifest)


def test_outputs_and_exit_codes_unchanged(outputs):
    manifest = json.loads((GOLDEN / "manifest.json").read_text())
    problems = []
    for case, want in sorted(manifest.items()):
        code, data = outputs[case]
        if code != want["exit"]:
            problems.append(f"{case}: exit {code}, was {want['exit']}")
        if hashlib.sha256(data).hexdigest() == want["sha256"]:
            continue
        stored = GOLDEN / "out" / (case + ".txt")
        if stored.exists():
            diff = difflib.unified_diff(stored.read_text().splitlines(), data.decode().splitlines(),
                                        "golden", "now", n=1, lineterm="")
            problems.append(f"{case}: output changed\n" + "\n".join(list(diff)[:20]))
        else:
            problems.append(f"{case}: output changed ({len(data)} bytes, was {want['bytes']})")
    assert not problems, "\n".join(problems)
