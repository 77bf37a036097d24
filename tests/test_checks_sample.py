"""The Roi Et sample against its hand-derived expected findings."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from stratlink.loaders import load
from stratlink.queries import check

EXPECTED = Path(__file__).parent / "data" / "roiet_expected_findings.json"


def test_sample_findings_match_the_hand_derived_list(sample_dir):
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    report = check(load(sample_dir))
    key = lambda f: (f["code"], f["severity"], f["subject"], tuple(f["related"]))  # noqa: E731
    got = Counter(key(f) for f in report.to_dict()["findings"])
    want = Counter(key(f) for f in expected["findings"])
    assert got - want == Counter(), "findings the hand-derived list does not have"
    assert want - got == Counter(), "hand-derived findings the engine does not report"
    totals = expected["totals"]
    assert report.summary.to_dict() == {k: totals[k] for k in ("errors", "warnings", "projects", "complete")}


def test_sample_json_is_the_spec_shape(sample_dir):
    data = report = check(load(sample_dir)).to_dict("th")
    assert list(data) == ["summary", "findings"]
    for f in report["findings"]:
        assert list(f) == ["code", "severity", "subject", "related", "message", "location"]
        assert set(f["location"]) == {"sheet", "row", "column"}
        assert f["related"] == sorted(f["related"]) or f["code"] == "VALUE_CHAIN_GAP"
