"""stratlink generate: a seeded national workbook on real area codes, the full ladder,
every kind of finding planted at a rate that stays constant with N."""

from __future__ import annotations

import csv
from collections import Counter

from click.testing import CliRunner

import stratlink as sl
from stratlink.cli import main
from stratlink.generate import generate, read_areas

ALL_CODES = {"DUPLICATE_ID", "UNKNOWN_REFERENCE", "INVALID_VALUE", "ORPHAN_PROJECT", "BROKEN_CHAIN",
             "ORPHAN_ELEMENT", "CYCLE", "DOWNWARD_LINK", "LEVEL_SKIP", "CONFLICTING_TARGETS",
             "SCOPE_MISMATCH", "PERIOD_MISMATCH", "INCONSISTENT_LINEAGE", "UNCOVERED_ELEMENT",
             "VALUE_CHAIN_GAP", "DUPLICATE_PROJECT"}


def codes(folder) -> Counter:
    return Counter(f.code for f in sl.check(sl.load(folder)).findings)


def test_every_finding_is_planted_and_the_ladder_is_full(tmp_path):
    counts = generate(tmp_path / "w", 20_000, seed=2, progress=False)
    assert counts["projects"] >= 20_000
    found = codes(tmp_path / "w")
    assert set(found) == ALL_CODES
    g = sl.load(tmp_path / "w")
    assert {p.level for p in g.plans.values()} == set(g.policy.level_names)


def test_rates_stay_constant_with_n(tmp_path):
    found = {}
    for n in (10_000, 40_000):
        generate(tmp_path / f"w{n}", n, seed=1, progress=False)
        found[n] = codes(tmp_path / f"w{n}")
    small, big = found[10_000], found[40_000]
    for code in ("ORPHAN_PROJECT", "BROKEN_CHAIN", "PERIOD_MISMATCH", "DUPLICATE_PROJECT", "LEVEL_SKIP",
                 "INVALID_VALUE"):
        ratio = big[code] / small[code]
        assert 3.0 <= ratio <= 5.0, (code, small[code], big[code])


def test_real_area_codes_and_seeded_output(tmp_path):
    generate(tmp_path / "a", 1500, seed=7, provinces=2, progress=False)
    generate(tmp_path / "b", 1500, seed=7, provinces=2, progress=False)
    for sheet in ("projects.csv", "links.csv", "elements.csv"):
        assert (tmp_path / "a" / sheet).read_bytes() == (tmp_path / "b" / sheet).read_bytes()
    real = {a[0]: a for a in read_areas()}
    with (tmp_path / "a" / "areas.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert all(r["id"] in real for r in rows)
    provinces = [r for r in rows if r["kind"] == "province"]
    assert [p["id"] for p in provinces] == ["10", "11"]  # the first two DOPA codes (Bangkok, Samut Prakan)
    g = sl.load(tmp_path / "a")
    assert not [f for f in g.load_findings if f.code == "UNKNOWN_REFERENCE" and "area_id" in str(f.location)]


def test_cli_generate_and_bad_arguments(tmp_path):
    r = CliRunner().invoke(main, ["generate", str(tmp_path / "g"), "--projects", "500", "--provinces", "1"])
    assert r.exit_code == 0, r.output
    assert "500" in r.output or "501" in r.output
    assert "[" not in r.output  # no progress bar when standard error is not a terminal
    r = CliRunner().invoke(main, ["generate", str(tmp_path / "h"), "--projects", "0"])
    assert r.exit_code == 2 and "Traceback" not in r.output
    r = CliRunner().invoke(main, ["generate", str(tmp_path / "h"), "--projects", "10", "--provinces", "78"])
    assert r.exit_code == 2
