"""Names beside ids come from the columnar form without building every record
(issue 11's memory target at 1M projects; issue 14's names beside ids)."""

from __future__ import annotations

import json

from click.testing import CliRunner

import stratlink as sl
from stratlink.cli import main
from stratlink.viz.labels import Labels

IDS = ["PRJ-068", "RE-G1", "NS-S2", "ROIET-PDP-2566-2570", "VC-SILK", "ORG-CDD", "PRJ-043",
       "no-such-id"]


def _seen(lab: Labels) -> list:
    return [(i, lab.name(i, "th"), lab.name(i, "en"), lab.level(i, "th"), lab.level(i, "en"))
            for i in IDS]


def test_columnar_labels_equal_the_records_and_build_none(sample_dir):
    lazy = sl.load(sample_dir)
    assert not lazy.materialised
    seen = _seen(Labels.from_graph(lazy))
    assert not lazy.materialised  # nothing was built
    full = sl.load(sample_dir)
    full.projects  # noqa: B018 (builds the records)
    assert full.materialised
    assert seen == _seen(Labels.from_graph(full))
    assert seen[0][1] and seen[0][3]  # a name and a level were found
    assert seen[-1][1:] == ("", "", "", "")


def test_check_json_names_without_materialising(sample_dir, monkeypatch):
    import stratlink.graph_model.graph as graph_mod

    def refuse(self):
        raise AssertionError("check built every typed record")

    r_full = CliRunner().invoke(main, ["check", str(sample_dir), "--format", "json"])
    monkeypatch.setattr(graph_mod.PlanGraph, "_materialise", refuse)
    r = CliRunner().invoke(main, ["check", str(sample_dir), "--format", "json"])
    assert r.exit_code == 1, r.output
    assert json.loads(r.stdout) == json.loads(r_full.stdout)
    assert any("subject_name" in f for f in json.loads(r.stdout)["findings"])
