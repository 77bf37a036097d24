"""The ontology checked by independent tools: ROBOT's OWL 2 DL profile check and the
HermiT reasoner, on the ontology alone and merged with the exports of the sample, of
a second generated province and of a hand-made province sharing the national workbook.

ROBOT comes from Maven Central (tools/robot/robot.py); skipped only when Java is
absent (``make test`` installs a JDK and Maven).
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import stratlink as sl
from stratlink.ontology import ontology_graph

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "stratlink" / "ontology" / "stratlink.ttl"

pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="ROBOT needs Java")


def _robot():
    spec = importlib.util.spec_from_file_location("stratlink_robot", ROOT / "tools" / "robot" / "robot.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def robot():
    module = _robot()
    try:
        module.fetch()
    except module.RobotError as exc:  # no Maven or no network is a failure, not a skip
        pytest.fail(str(exc))
    return module


@pytest.fixture(scope="module")
def merged(tmp_path_factory) -> Path:
    """The ontology and three exports in one Turtle document (so every term's declaration
    is in the same document as its use, as a triple store holding them all would have)."""
    tmp = tmp_path_factory.mktemp("robot")
    generated = tmp / "generated"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(generated),
                    "--projects", "40", "--seed", "3"], check=True, capture_output=True)
    exports = [
        sl.export(sl.load(ROOT / "examples" / "roiet-2561"), tmp / "roiet.ttl"),
        sl.export(sl.load(generated), tmp / "generated.ttl"),
        sl.export(sl.load([ROOT / "tests" / "data" / "khonkaen-mini"], shared=[sl.NATIONAL]),
                  tmp / "khonkaen.ttl"),
    ]
    graph = ontology_graph()
    for path in exports:
        graph.parse(path, format="turtle")
    out = tmp / "merged.ttl"
    graph.serialize(out, format="turtle")
    return out


def _report(robot, args: list[str], report: Path) -> tuple[int, str]:
    proc = robot.run(args)
    text = report.read_text(encoding="utf-8") if report.exists() else ""
    return proc.returncode, text + proc.stdout + proc.stderr


def test_the_ontology_is_owl2_dl(robot, tmp_path):
    report = tmp_path / "dl.txt"
    code, text = _report(robot, ["validate-profile", "--profile", "DL", "--input", str(ONTOLOGY),
                                 "--output", str(report)], report)
    print(text)
    assert code == 0, text
    assert "[Ontology and imports closure in profile]" in text


def test_the_merged_exports_are_owl2_dl_and_consistent_under_hermit(robot, merged, tmp_path):
    report = tmp_path / "dl.txt"
    reasoned = tmp_path / "reasoned.ttl"
    code, text = _report(robot, ["validate-profile", "--profile", "DL", "--input", str(merged),
                                 "--output", str(report),
                                 "reason", "--reasoner", "HermiT", "--output", str(reasoned)], report)
    print(text)
    assert code == 0, text
    assert "[Ontology and imports closure in profile]" in text
    assert "inconsistent" not in text.lower()
    assert reasoned.stat().st_size > 0


def test_hermit_does_report_an_inconsistent_merge(robot, tmp_path):
    """The consistency check is not vacuous: one project at two stages is refuted."""
    bad = ontology_graph()
    bad.parse(data="""
        @prefix sl: <https://w3id.org/stratlink/ontology#> .
        <https://w3id.org/stratlink/id/kk/P1> a sl:Project ; sl:stage sl:Upstream , sl:Downstream .
    """, format="turtle")
    path = tmp_path / "bad.ttl"
    bad.serialize(path, format="turtle")
    proc = robot.run(["reason", "--reasoner", "HermiT", "--input", str(path),
                      "--output", str(tmp_path / "out.ttl")])
    assert proc.returncode != 0
    assert "inconsistent" in (proc.stdout + proc.stderr).lower()
