"""PlanGraph -> RDF (Turtle, JSON-LD, N-Triples) -> PlanGraph loses nothing, reads
no network, and bad RDF gives clean errors or the workbook's load findings."""

from __future__ import annotations

import json
import logging
import socket
import urllib.request
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stratlink.errors import InputError
from stratlink.graph_model import (
    Area,
    Element,
    Level,
    Link,
    Organization,
    Plan,
    PlanGraph,
    Policy,
    Project,
    ValueChain,
)
from stratlink.loaders import load
from stratlink.loaders.rdf import graph_to_rdf, parse_rdf, rdf_to_graph, read_rdf, write_rdf
from stratlink.ontology import CONTEXT_IRI, SL, id_from_iri, node_iri, scope_from_iri

FORMATS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt"}
logging.getLogger("rdflib").setLevel(logging.ERROR)


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args[:2]}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)


def roundtrip(graph: PlanGraph, fmt: str, policy=None) -> PlanGraph:
    text = write_rdf(graph, None, fmt)
    return rdf_to_graph(parse_rdf(text, FORMATS[fmt]), policy or graph.policy)


def assert_same(back: PlanGraph, graph: PlanGraph) -> None:
    assert back.content() == graph.content()
    assert back.era == graph.era
    assert back.sheets == graph.sheets
    assert back.load_findings == []


def hand_built() -> PlanGraph:
    g = PlanGraph()
    g.add(Plan("NS-2561", "national", name_th="ยุทธศาสตร์ชาติ", name_en="National Strategy",
               period_start=2018, period_end=2037))
    g.add(Plan("แผน จังหวัด/ร้อยเอ็ด #1", "province", name_th='แผน "ร้อยเอ็ด"\nฉบับทบทวน',
               area_id="45", period_start=2023, period_end=2027, extra={"หมายเหตุ": "ทบทวน 2566"}))
    g.add(Area("45", name_th="ร้อยเอ็ด", kind="province", parent_id="TH"))
    g.add(Area("TH", name_en="Thailand", kind="country"))
    g.add(Organization("อบต. หนองแวง", name_th="อบต.หนองแวง", sector="local_government"))
    g.add(Element("S 1", "NS-2561", "strategy", name_en="Security", code="1",
                  description="line one\nline two \"quoted\" and 'single' \\ backslash"))
    g.add(Element("S1.1", "NS-2561", "goal", name_en="Safe", parent_id="S 1"))
    g.add(Element("ประเด็น 1", "แผน จังหวัด/ร้อยเอ็ด #1", "issue", name_th="ข้าวหอมมะลิ",
                  extra={"owner note": "  spaced  ", "100%": "%E0%B8"}))
    g.add(ValueChain("VC ข้าว", name_th="ห่วงโซ่ข้าว", serves_id="ประเด็น 1", area_id="45"))
    g.add(Project("โครงการ 1", "แผน จังหวัด/ร้อยเอ็ด #1", name_th="ส่งเสริมการปลูกข้าว",
                  owner="อบต. หนองแวง", area_id="45", fiscal_year=2023, budget=Decimal("1250000.5"),
                  value_chain_id="VC ข้าว", stage="upstream", local_only=False, status="funded",
                  extra={"งบ (ล้านบาท)": "1.25"}))
    g.add(Project("P2", "แผน จังหวัด/ร้อยเอ็ด #1", name_en="Free-text owner", owner="กรมการข้าว",
                  budget=Decimal("0"), local_only=True))
    g.add(Link("โครงการ 1", "ประเด็น 1", asserted_by="แผน จังหวัด/ร้อยเอ็ด #1", note="ตามแผน"))
    g.add(Link("โครงการ 1", "ประเด็น 1", asserted_by="แผน จังหวัด/ร้อยเอ็ด #1", note="ตามแผน"))
    g.add(Link("ประเด็น 1", "S1.1", relation="aligns_with", role="secondary",
               asserted_by="อบต. หนองแวง"))
    g.add(Link("P2", "โครงการ 1", relation="conflicts_with", asserted_by="someone, not an id",
               extra={"source": "workshop"}))
    g.sheets.add("organizations")
    g.era = "BE"
    return g


# ---- lossless round trips ----------------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
def test_sample_roundtrip(sample_dir, fmt):
    graph = load(sample_dir)
    assert_same(roundtrip(graph, fmt), graph)


@pytest.mark.parametrize("fmt", FORMATS)
def test_hand_built_roundtrip_thai_ids_spaces_quotes_newlines(fmt):
    graph = hand_built()
    back = roundtrip(graph, fmt)
    assert_same(back, graph)
    assert [ln for ln in back.links if ln.source_id == "โครงการ 1"] == graph.links[:2]


@pytest.mark.parametrize("fmt", FORMATS)
def test_files_and_the_dispatcher(tmp_path, sample_dir, fmt):
    graph = load(sample_dir)
    path = tmp_path / f"roiet.{fmt}"
    assert write_rdf(graph, path) is None
    for back in (read_rdf(path), load(path)):
        assert_same(back, graph)
        assert back.source == str(path)


def test_output_is_deterministic_and_keeps_thai_readable():
    graph = hand_built()
    assert write_rdf(graph, None, "nt") == write_rdf(hand_built(), None, "nt")
    assert write_rdf(graph, None, "ttl") == write_rdf(hand_built(), None, "ttl")
    text = write_rdf(graph, None, "jsonld")
    assert "ยุทธศาสตร์ชาติ" in text
    assert isinstance(json.loads(text)["@context"], dict)  # inline, never a remote IRI


def test_duplicate_link_rows_are_two_linkages():
    graph = hand_built()
    rdf = graph_to_rdf(graph)
    assert len(set(rdf.subjects(predicate=None, object=SL.Linkage))) == len(graph.links)
    linkages = sorted(rdf.subjects(predicate=None, object=SL.Linkage))
    assert len(set(linkages)) == len(linkages) == len(graph.links)


def test_an_empty_graph_roundtrips():
    graph = PlanGraph()
    graph.sheets.update({"plans", "elements", "projects", "links"})
    assert_same(roundtrip(graph, "ttl"), graph)


def test_custom_policy_roundtrip():
    pol = Policy("sdg", (Level("sdg", "เป้าหมายการพัฒนาที่ยั่งยืน", "SDGs"), Level("ministry")), "sdg")
    graph = PlanGraph(pol)
    graph.add(Plan("SDG", "sdg", name_en="SDGs"))
    graph.add(Plan("MIN", "ministry", name_en="Ministry plan"))
    graph.add(Element("G1", "SDG", "goal", name_en="No poverty"))
    graph.add(Element("M1", "MIN", "strategy", name_en="M1"))
    graph.add(Link("M1", "G1"))
    graph.sheets.update({"projects", "links"})
    for fmt in FORMATS:
        assert_same(roundtrip(graph, fmt, pol), graph)


@given(st.text(min_size=1, alphabet=st.characters(blacklist_categories=("Cs",))),
       st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True))
def test_node_iris_are_reversible(record_id, namespace):
    assert id_from_iri(node_iri(record_id, namespace)) == record_id
    assert scope_from_iri(node_iri(record_id, namespace)) == (namespace, record_id)


def _rows(path):
    """A CSV sheet as its header and its rows, order aside."""
    import csv

    header, *rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    return header, sorted(rows)


def test_property_plan_graphs_roundtrip_through_every_form(tmp_path_factory):
    """workbook -> RDF -> workbook, on the shared hypothesis strategy of valid workbooks."""
    strategies = pytest.importorskip("strategies")
    from stratlink.loaders import export

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(strategies.plan_graphs())
    def check(graph):
        for fmt in FORMATS:
            assert_same(roundtrip(graph, fmt), graph)
        folder = tmp_path_factory.mktemp("wb")
        export(graph, folder)
        loaded = load(folder)
        back = roundtrip(loaded, "ttl")
        assert_same(back, loaded)
        out = tmp_path_factory.mktemp("wb2")
        export(back, out)
        for sheet in sorted(folder.glob("*.csv")):
            assert _rows(out / sheet.name) == _rows(sheet), sheet.name

    check()


# ---- no network ------------------------------------------------------------------------
def test_remote_jsonld_context_is_refused_not_fetched(tmp_path):
    doc = {"@context": "https://schema.org/", "@id": "https://w3id.org/stratlink/id/NS",
           "@type": "https://w3id.org/stratlink/ontology#Plan"}
    path = tmp_path / "remote.jsonld"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(InputError, match="remote; stratlink never fetches"):
        read_rdf(path)


@pytest.mark.parametrize("ctx", [
    ["https://example.org/ctx.jsonld", {"sl": "https://w3id.org/stratlink/ontology#"}],
    {"@import": "https://example.org/ctx.jsonld"},
    {"p": {"@id": "https://example.org/p", "@context": "https://example.org/scoped.jsonld"}},
])
def test_every_kind_of_remote_context_is_refused(ctx):
    doc = json.dumps({"@context": ctx, "@id": "https://example.org/x"})
    with pytest.raises(InputError, match="remote|@import"):
        parse_rdf(doc, "json-ld")


def test_stratlink_context_iri_is_replaced_by_the_embedded_context():
    text = write_rdf(hand_built(), None, "jsonld")
    doc = json.loads(text)
    doc["@context"] = CONTEXT_IRI
    back = rdf_to_graph(parse_rdf(json.dumps(doc, ensure_ascii=False), "json-ld"))
    assert back.same_content(hand_built())


# ---- bad input -----------------------------------------------------------------------
@pytest.mark.parametrize("name,text", [
    ("bad.ttl", "@prefix sl: <https://w3id.org/stratlink/ontology#> .\nsl:x sl:y ."),
    ("bad.nt", "<a> <b> c .\n"),
    ("bad.jsonld", "{not json"),
    ("empty.ttl", "<https://example.org/a> <https://example.org/b> \"c\" .\n"),
])
def test_unreadable_rdf_is_a_clean_error(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load(path)
    message = str(info.value)
    assert message.startswith(str(path)) and "\n" not in message and "Traceback" not in message


def test_missing_file_and_unknown_suffix(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_rdf(tmp_path / "nothing.ttl")
    with pytest.raises(InputError, match="not an RDF file name"):
        write_rdf(hand_built(), tmp_path / "x.rdfxml")


def test_cli_reports_bad_rdf_without_a_traceback(tmp_path):
    from click.testing import CliRunner

    from stratlink.cli import main

    path = tmp_path / "bad.ttl"
    path.write_text("this is not turtle", encoding="utf-8")
    result = CliRunner().invoke(main, ["info", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "not valid Turtle" in result.output


# ---- load findings as for a workbook -------------------------------------------------------
BAD_ROWS = {
    "plans": "id,level,name_en,period_start,period_end\nNS,national,NS,,\nP2,province,P2,2563,2561\n"
             "BAD,galactic,Bad,,\n",
    "elements": "id,plan_id,kind,name_en,parent_id\nS1,NS,strategy,S1,\nE2,P2,,E2,S1\n"
                "E3,,goal,E3,\nE4,GHOST,goal,E4,\nE5,P2,goal,,\n",
    "projects": "id,plan_id,name_en,budget,fiscal_year,stage,local_only\n"
                "X1,P2,X1,-5,20x8,sideways,maybe\nX2,P2,X2,lots,,,\n",
    "links": "source_id,target_id,relation,role\nX1,GHOST,,\nX1,S1,undermines,\nX2,S1,,tertiary\n"
             "X2,NS,,\n",
}

BAD_RDF = """
@prefix sl: <https://w3id.org/stratlink/ontology#> .
@prefix slid: <https://w3id.org/stratlink/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

[] a sl:PlanWorkbook ; sl:era "BE" ; sl:sheet "plans", "elements", "projects", "links" .
slid:NS a sl:Plan ; skos:prefLabel "NS"@en ; sl:level sl:NationalLevel .
slid:P2 a sl:Plan ; skos:prefLabel "P2"@en ; sl:level sl:ProvinceLevel ;
    dcterms:temporal [ dcat:startDate "2020"^^xsd:gYear ; dcat:endDate "2018"^^xsd:gYear ] .
slid:BAD a sl:Plan ; skos:prefLabel "Bad"@en ; sl:level "galactic" .
slid:S1 a sl:PlanElement ; sl:inPlan slid:NS ; sl:elementKind "strategy" ; skos:prefLabel "S1"@en .
slid:E2 a sl:PlanElement ; sl:inPlan slid:P2 ; skos:prefLabel "E2"@en ; skos:broader slid:S1 .
slid:E3 a sl:PlanElement ; sl:elementKind "goal" ; skos:prefLabel "E3"@en .
slid:E4 a sl:PlanElement ; sl:inPlan slid:GHOST ; sl:elementKind "goal" ; skos:prefLabel "E4"@en .
slid:E5 a sl:PlanElement ; sl:inPlan slid:P2 ; sl:elementKind "goal" .
slid:X1 a sl:Project ; sl:inPlan slid:P2 ; skos:prefLabel "X1"@en ; sl:budget "-5"^^xsd:decimal ;
    sl:fiscalYear "20x8" ; sl:stage "sideways" ; sl:localOnly "maybe" .
slid:X2 a sl:Project ; sl:inPlan slid:P2 ; skos:prefLabel "X2"@en ; sl:budget "lots"^^xsd:decimal .
[] a sl:Linkage ; sl:linkSource slid:X1 ; sl:linkTarget slid:GHOST .
[] a sl:Linkage ; sl:linkSource slid:X1 ; sl:linkTarget slid:S1 ; sl:relation "undermines" .
[] a sl:Linkage ; sl:linkSource slid:X2 ; sl:linkTarget slid:S1 ; sl:role "tertiary" .
slid:X2 sl:contributesTo slid:NS .
"""


def _identity(graph: PlanGraph) -> list[tuple]:
    return sorted((f.code, f.subject, f.related, f.location.sheet if f.location else None,
                   f.location.column if f.location else None) for f in graph.load_findings)


def test_bad_rdf_records_give_the_workbook_load_findings(workbook):
    from_csv = load(workbook(**BAD_ROWS))
    from_rdf = rdf_to_graph(parse_rdf(BAD_RDF, "turtle"))
    assert _identity(from_rdf) == _identity(from_csv)
    assert from_rdf.content() == from_csv.content()
    assert from_rdf.era == from_csv.era == "BE"
    assert all(f.location.row is None for f in from_rdf.load_findings)


def test_shortcut_triples_alone_are_links():
    text = """
    @prefix sl: <https://w3id.org/stratlink/ontology#> .
    @prefix slid: <https://w3id.org/stratlink/id/> .
    slid:NS a sl:Plan ; sl:level sl:NationalLevel .
    slid:P a sl:Plan ; sl:level sl:ProvinceLevel .
    slid:S1 a sl:PlanElement ; sl:inPlan slid:NS ; sl:elementKind "strategy" .
    slid:S2 a sl:PlanElement ; sl:inPlan slid:NS ; sl:elementKind "strategy" .
    slid:X a sl:Project ; sl:inPlan slid:P ;
        sl:contributesTo slid:S1 ; sl:alignsWith slid:S2 ; sl:conflictsWith slid:S1 .
    slid:S1 sl:conflictsWith slid:X .
    [] a sl:Linkage ; sl:linkSource slid:X ; sl:linkTarget slid:S1 ; sl:role sl:SecondaryRole .
    """
    g = rdf_to_graph(parse_rdf(text, "turtle"))
    assert sorted((ln.source_id, ln.target_id, ln.relation, ln.role) for ln in g.links) == [
        ("S1", "X", "conflicts_with", "primary"),  # once, though stated both ways
        ("X", "S1", "contributes_to", "secondary"),  # the linkage node, not the shortcut
        ("X", "S2", "aligns_with", "primary"),
    ]


def test_several_values_for_one_column_is_a_finding():
    text = """
    @prefix sl: <https://w3id.org/stratlink/ontology#> .
    @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    <https://w3id.org/stratlink/id/NS> a sl:Plan ; skos:prefLabel "A"@en , "B"@en ;
        sl:level sl:NationalLevel .
    """
    g = rdf_to_graph(parse_rdf(text, "turtle"))
    assert [(f.code, f.subject, f.related) for f in g.load_findings] == [
        ("INVALID_VALUE", "NS", ("name_en",)), ("INVALID_VALUE", "NS", ("name_th",))]
    assert "NS" in g.plans
