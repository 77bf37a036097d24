"""The one registry of finding codes (graph_model/codes.py): every engine computes
every code of the engine stages, every code has its message in both languages, and
findings are located by their code's rule."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import stratlink.graph_model.codes as codes
from stratlink import i18n
from stratlink.graph_model import REGISTRY, engine_codes, register
from stratlink.graph_model.codes import CODES, code_rank
from stratlink.loaders import load
from stratlink.queries import ENGINES, check
from stratlink.queries.engine import Engine

ROOT = Path(__file__).resolve().parent.parent


def engine_classes() -> dict[str, type[Engine]]:
    out = {}
    for name, ref in ENGINES.items():
        module, cls = ref.split(":")
        out[name] = getattr(importlib.import_module(module), cls)
    try:
        from stratlink.neo4j.engine import CypherEngine
    except ImportError:  # pragma: no cover - the neo4j extra is part of the test extra
        pytest.fail("the neo4j extra is not installed")
    out["cypher"] = CypherEngine
    return out


@pytest.mark.parametrize("name", sorted(engine_classes()))
def test_every_engine_computes_every_engine_code_once(name):
    cls = engine_classes()[name]
    computed = cls.computed_codes()
    wanted = {c.name for c in engine_codes()}
    assert wanted - set(computed) == set(), f"{name} does not compute these codes"
    assert set(computed) - wanted == set(), f"{name} computes codes that are not registered"
    # one method per code
    per_method = [code for _, m in cls._check_methods() for code in m.computes]
    assert len(per_method) == len(set(per_method))


def test_a_code_no_engine_computes_makes_check_fail(monkeypatch, sample_dir):
    g = load(sample_dir)
    monkeypatch.setattr(codes, "REGISTRY", dict(REGISTRY))
    monkeypatch.setattr(codes, "CODES", dict(CODES))
    monkeypatch.setattr(codes, "_RANK", dict(codes._RANK))
    monkeypatch.setattr(i18n, "CATALOGUE", dict(i18n.CATALOGUE))
    register("NEW_CHECK", "warning", "coverage", "subject", en="{subject} is new", th="{subject} ใหม่")
    assert "NEW_CHECK" in [c.name for c in codes.engine_codes()]
    with pytest.raises(NotImplementedError, match="NEW_CHECK"):
        check(g, engine="networkx")
    # an import-stage code needs no engine
    codes.REGISTRY.pop("NEW_CHECK")
    register("NEW_IMPORT", "info", "import", "cell", en="{subject} imported", th="นำเข้า {subject}")
    g.invalidate()
    assert check(g).summary.projects == len(g.projects)


def test_every_code_has_its_message_in_english_and_thai():
    for code in REGISTRY.values():
        assert i18n.has(code.message), code.name
        assert i18n.CATALOGUE[code.message].get("th"), code.name


def test_registry_order_is_the_sort_order():
    assert [code_rank(c) for c in REGISTRY] == list(range(len(REGISTRY)))
    assert code_rank("NOT_REGISTERED") == len(REGISTRY)
    with pytest.raises(ValueError):
        register("CYCLE", "error", "structure", "subject")
    with pytest.raises(ValueError):
        register("X", "fatal", "structure", "subject")


def _rule_holds(graph, f) -> bool:
    rule, loc = REGISTRY[f.code].location, f.location
    if rule == "subject":
        rec = graph.node(f.subject)
        return loc.sheet == rec.SHEET and loc.row == rec.row and loc.column is None
    if rule == "link":
        return loc.sheet == "links" and loc.column is None and any(
            lk.row == loc.row and lk.source_id == f.subject for lk in graph.links)
    if rule == "value_chain":
        return loc == type(loc)("value_chains", graph.value_chains[f.subject].row)
    if rule == "cell":
        return loc.sheet and loc.row is not None
    if rule == "sheet":
        return loc.sheet == f.subject and loc.row is None
    return loc is None


@pytest.mark.parametrize("data", ["examples/roiet-2561", "tests/data/golden/generated-120"])
def test_findings_are_located_by_their_codes_rule(data):
    g = load(ROOT / data)
    report = check(g)
    assert len({f.code for f in report.findings}) >= 7
    bad = [f for f in report.findings if not _rule_holds(g, f)]
    assert not bad, bad[:3]


@pytest.fixture
def scratch_registry():
    """The registry and the catalogue, changed in place by a test (other modules hold
    them by name) and restored after it."""
    tables = (codes.REGISTRY, codes.CODES, codes._RANK, i18n.CATALOGUE)
    saved = [dict(t) for t in tables]
    yield
    for table, old in zip(tables, saved):
        table.clear()
        table.update(old)


def test_a_code_brings_its_message_in_both_languages(scratch_registry):
    """One register() call declares the code and its text: the catalogue entry, the
    finding's message in both languages; a code without a message is refused."""
    from stratlink.graph_model import Finding, Location

    with pytest.raises(ValueError, match="no message"):
        register("SILENT", "warning", "structure", "subject")
    register("EMPTY_THING", "warning", "structure", "subject",
             en="plan {subject} is empty", th="แผน {subject} ว่างเปล่า")
    f = Finding.make("EMPTY_THING", "P-1", [], Location("plans", 2))
    assert f.severity == "warning" and codes.CODES["EMPTY_THING"] == "warning"
    assert f.message("th") == "แผน P-1 ว่างเปล่า" and f.message("en") == "plan P-1 is empty"
    assert codes.code_rank("EMPTY_THING") == len(codes.REGISTRY) - 1
