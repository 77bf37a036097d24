"""Every Cypher block of docs/cypher.md runs against the sample in a real server
(read-only) and returns rows; the schema it documents is the one written."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from stratlink.loaders import load
from stratlink.neo4j import REL_TYPES, run_cypher, stored_counts, write_neo4j

pytestmark = pytest.mark.neo4j

DOC = Path(__file__).resolve().parent.parent / "docs" / "cypher.md"
BLOCKS = re.findall(r"```cypher\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def params_of(block: str) -> dict:
    m = re.search(r"^// params: (.*)$", block, re.M)
    return json.loads(m.group(1)) if m else {}


@pytest.fixture(scope="module")
def sample_db(neo4j_driver):
    from neo4j_fixture import clean_database

    clean_database(neo4j_driver)
    write_neo4j(load(Path(__file__).resolve().parent.parent / "examples" / "roiet-2561"),
                neo4j_driver)
    return neo4j_driver


def test_the_doc_has_the_cookbook():
    assert len(BLOCKS) >= 10
    text = " ".join(BLOCKS)
    for needle in ("L_national", "ValueChain", "budget", "CONFLICTS_WITH", "LoadFinding"):
        assert needle in text


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{i + 1}" for i in range(len(BLOCKS))])
def test_every_block_runs_read_only_and_returns_rows(sample_db, block):
    keys, rows = run_cypher(sample_db, block, params_of(block))
    assert keys and rows, block


def test_documented_labels_and_types_exist(sample_db):
    counts = stored_counts(sample_db)
    doc = DOC.read_text(encoding="utf-8")
    for label in ("Plan", "Element", "Project", "ValueChain", "Area", "Organization", "Workbook",
                  "LoadFinding", "Node"):
        assert f"`:{label}" in doc or f":{label}`" in doc
        assert counts[label] > 0, label
    for rel in list(REL_TYPES.values()) + ["PARENT", "IN_PLAN", "IN_AREA", "PART_OF", "IN_CHAIN",
                                           "SERVES", "OWNED_BY"]:
        assert f"`{rel}`" in doc
        assert counts.get(rel, 0) > 0, rel


def test_paths_recipe_agrees_with_trace(sample_db):
    from stratlink.neo4j.engine import CypherEngine

    block = next(b for b in BLOCKS if "paths to the" in b or "path = (p:Project" in b)
    _, rows = run_cypher(sample_db, block, {"project": "PRJ-001"})
    trace = CypherEngine(sample_db).trace("PRJ-001")
    assert {tuple(r["ids"]) for r in rows} == set(trace.paths)
