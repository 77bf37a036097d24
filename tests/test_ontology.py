"""The stratlink ontology and SHACL shapes: documented, consistent under OWL-RL,
and the shapes accept the sample export and catch a deliberately bad graph."""

from __future__ import annotations

import logging

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from stratlink.graph_model import TH_ONE_PLAN
from stratlink.loaders import load
from stratlink.loaders.rdf import graph_to_rdf, parse_rdf
from stratlink.ontology import (
    ENUM_IRIS,
    ONTOLOGY_IRI,
    SL,
    TH_LEVELS,
    ontology_graph,
    shapes_graph,
    validate,
)

TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return ontology_graph()


@pytest.fixture(scope="module")
def sample_rdf() -> Graph:
    from conftest import SAMPLE

    return graph_to_rdf(load(SAMPLE))


def _langs(graph: Graph, subject, predicate) -> set[str]:
    return {o.language for o in graph.objects(subject, predicate) if isinstance(o, Literal)}


def _terms(onto: Graph) -> set[URIRef]:
    return {s for t in TERM_TYPES for s in onto.subjects(RDF.type, t) if isinstance(s, URIRef)}


def test_ontology_parses_and_names_itself(onto):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    assert len(_terms(onto)) > 40


def test_every_class_and_property_has_thai_and_english_label_and_definition(onto):
    missing = []
    for term in sorted(_terms(onto)):
        for pred in (RDFS.label, SKOS.definition):
            langs = _langs(onto, term, pred)
            if not {"th", "en"} <= langs:
                missing.append((onto.qname(term), onto.qname(pred), sorted(langs)))
    assert not missing, missing


def test_every_sl_iri_is_declared_and_labelled(onto):
    """No sl: term is used (in the ontology or the shapes) without being defined."""
    shapes = shapes_graph()
    used = {n for g in (onto, shapes) for t in g for n in t
            if isinstance(n, URIRef) and str(n).startswith(str(SL))}
    undeclared = sorted(onto.qname(u) for u in used if not _langs(onto, u, RDFS.label) >= {"th", "en"})
    assert not undeclared, undeclared


def test_every_term_the_writer_emits_is_in_the_ontology(onto, sample_rdf):
    predicates = {p for _, p, _ in sample_rdf} - {RDF.type}
    classes = set(sample_rdf.objects(None, RDF.type))
    declared = _terms(onto)
    assert predicates - declared == set()
    assert classes - declared == set()


def test_individuals_are_labelled_and_th_one_plan_ladder_matches_the_policy(onto):
    for name, iri in TH_LEVELS.items():
        assert (iri, RDF.type, SL.Level) in onto
        assert {"th", "en"} <= _langs(onto, iri, RDFS.label)
        assert str(onto.value(iri, SKOS.notation)) == name
        assert onto.value(iri, SL.position).toPython() == TH_ONE_PLAN.position(name)
        level = TH_ONE_PLAN.level(name)
        assert str(next(o for o in onto.objects(iri, RDFS.label) if o.language == "th")) == level.label_th
    for table in ENUM_IRIS.values():
        for word, iri in table.items():
            assert str(onto.value(iri, SKOS.notation)) == word
            assert {"th", "en"} <= _langs(onto, iri, RDFS.label)


def test_ontology_and_shapes_are_fresh_copies():
    a = ontology_graph()
    a.remove((None, None, None))
    assert len(ontology_graph()) > 0
    assert len(shapes_graph()) > 0


# ---- OWL-RL ------------------------------------------------------------------------
def _closure(graph: Graph) -> Graph:
    from owlrl import DeductiveClosure, OWLRL_Semantics

    closed = Graph()
    for triple in graph:
        closed.add(triple)
    DeductiveClosure(OWLRL_Semantics).expand(closed)
    return closed


def _contradictions(closed: Graph) -> list:
    from owlrl.Namespaces import ERRNS

    found = [str(closed.value(e, ERRNS.error)) for e in closed.subjects(RDF.type, ERRNS.ErrorMessage)]
    found += [f"{s} is owl:Nothing" for s in closed.subjects(RDF.type, OWL.Nothing)]
    found += [f"{a} sameAs and differentFrom {b}" for a, b in closed.subject_objects(OWL.sameAs)
              if a != b and ((a, OWL.differentFrom, b) in closed or (b, OWL.differentFrom, a) in closed)]
    # owlrl 7.6's eq-diff2/3 skip the last member of an owl:AllDifferent list; check them all here
    for node in closed.subjects(RDF.type, OWL.AllDifferent):
        for prop in (OWL.members, OWL.distinctMembers):
            for head in closed.objects(node, prop):
                members = list(Collection(closed, head))
                found += [f"{a} sameAs {b}, declared different" for i, a in enumerate(members)
                          for b in members[i + 1:] if (a, OWL.sameAs, b) in closed]
    return found


@pytest.fixture(scope="module")
def closed_sample(onto, sample_rdf) -> Graph:
    pytest.importorskip("owlrl")
    return _closure(onto + sample_rdf)


def test_owl_rl_closure_of_ontology_and_sample_has_no_contradiction(closed_sample):
    assert _contradictions(closed_sample) == []


def test_owl_rl_closure_infers_what_the_axioms_say(closed_sample, sample_rdf):
    # every element and project gets its plan's level through the property chain
    node = next(sample_rdf.subjects(RDF.type, SL.Project))
    plan = sample_rdf.value(node, SL.inPlan)
    assert (node, SL.atLevel, sample_rdf.value(plan, SL.level)) in closed_sample
    assert (node, RDF.type, SL.LinkableNode) in closed_sample
    # conflicts are symmetric
    for a, b in sample_rdf.subject_objects(SL.conflictsWith):
        assert (b, SL.conflictsWith, a) in closed_sample


def test_owl_rl_check_does_catch_a_contradiction(onto):
    """The no-contradiction test is not vacuous: two stages on one project clash."""
    pytest.importorskip("owlrl")
    bad = Graph()
    p = URIRef("https://w3id.org/stratlink/id/P1")
    bad.add((p, RDF.type, SL.Project))
    bad.add((p, SL.stage, SL.Upstream))
    bad.add((p, SL.stage, SL.Downstream))
    assert _contradictions(_closure(onto + bad))


# ---- SHACL -------------------------------------------------------------------------
def test_sample_export_conforms_to_the_shapes(sample_rdf):
    pytest.importorskip("pyshacl")
    conforms, results = validate(sample_rdf)
    assert conforms, results[:10]


BAD_TTL = """
@prefix sl: <https://w3id.org/stratlink/ontology#> .
@prefix slid: <https://w3id.org/stratlink/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

[] a sl:PlanWorkbook ; sl:era "CE" ; sl:sheet "plans", "elements", "projects", "links", "areas" .
slid:NS a sl:Plan ; dcterms:identifier "NS" ; skos:prefLabel "ยุทธศาสตร์ชาติ"@th ; sl:level sl:NationalLevel .
slid:P2 a sl:Plan ; dcterms:identifier "P2" ; skos:prefLabel "Plan 2"@en ; sl:level sl:ProvinceLevel ;
    dcterms:temporal [ dcat:startDate "2020"^^xsd:gYear ; dcat:endDate "2018"^^xsd:gYear ] .
slid:NOLEVEL a sl:Plan ; dcterms:identifier "NOLEVEL" ; skos:prefLabel "no level"@en .
slid:S1 a sl:PlanElement ; dcterms:identifier "S1" ; sl:inPlan slid:NS ; sl:elementKind "strategy" ;
    skos:prefLabel "S1"@en .
slid:E2 a sl:PlanElement ; dcterms:identifier "E2" ; sl:inPlan slid:P2 ; skos:prefLabel "E2"@en ;
    skos:broader slid:S1 .
slid:E3 a sl:PlanElement ; dcterms:identifier "E3" ; sl:elementKind "goal" .
slid:X1 a sl:Project ; dcterms:identifier "X1" ; sl:inPlan slid:P2 ; skos:prefLabel "โครงการ"@th ;
    sl:budget "-5"^^xsd:decimal ; sl:fiscalYear "20x8" ; sl:stage sl:Sideways ; sl:area slid:NOWHERE .
slid:L1 a sl:Linkage ; sl:linkSource slid:X1 ; sl:linkTarget slid:GHOST ; sl:relation sl:ContributesTo .
slid:L2 a sl:Linkage ; sl:linkSource slid:X1 ; sl:linkTarget slid:S1 ; sl:relation sl:Undermines ;
    sl:role sl:TertiaryRole .
"""

EXPECTED_BAD = {  # (focus id, message) in English, then the Thai message for the same result
    ("NOLEVEL", "level: missing or not a level of the policy"): "level: ไม่มีค่าหรือไม่ใช่ระดับของนโยบาย",
    ("E2", "kind: a required value is missing"): "kind: ไม่มีค่าที่จำเป็น",
    ("E2", "parent_id: the parent belongs to another plan"): "parent_id: องค์ประกอบแม่อยู่ในแผนอื่น",
    ("E3", "plan_id: missing, or names no plan"): "plan_id: ไม่มีค่า หรืออ้างถึงแผนที่ไม่มีอยู่",
    ("E3", "name_th: name_th or name_en is required (skos:prefLabel @th or @en, one per language)"):
        "name_th: ต้องมี name_th หรือ name_en (skos:prefLabel @th หรือ @en ภาษาละหนึ่งค่า)",
    ("X1", "budget: must not be negative"): "budget: ต้องไม่ติดลบ",
    ("X1", "fiscal_year: not a year"): "fiscal_year: ไม่ใช่ปี",
    ("X1", "stage: not one of upstream, midstream, downstream"):
        "stage: ไม่ใช่ค่าใดใน ต้นทาง กลางทาง ปลายทาง",
    ("X1", "area_id: names no area"): "area_id: อ้างถึงพื้นที่ที่ไม่มีอยู่",
    ("X1", "target_id: missing, or names no project or element"):
        "target_id: ไม่มีค่า หรืออ้างถึงโครงการหรือองค์ประกอบที่ไม่มีอยู่",
    ("X1", "relation: not one of contributes_to, aligns_with, conflicts_with"):
        "relation: ไม่ใช่ค่าใดใน สนับสนุน สอดคล้อง ขัดแย้ง",
    ("X1", "role: not one of primary, secondary"): "role: ไม่ใช่ค่าใดใน หลัก รอง",
    ("P2", "period_end: ends before the period starts"): "period_end: สิ้นสุดก่อนปีเริ่มต้น",
}


def test_bad_graph_does_not_conform_and_says_why_in_both_languages():
    pytest.importorskip("pyshacl")
    logging.getLogger("rdflib").setLevel(logging.ERROR)
    bad = parse_rdf(BAD_TTL, "turtle")
    conforms, results_en = validate(bad, "en")
    assert not conforms
    got_en = {(focus, msg) for focus, _, msg in results_en}
    assert set(EXPECTED_BAD) <= got_en, set(EXPECTED_BAD) - got_en
    _, results_th = validate(bad, "th")
    got_th = {(focus, msg) for focus, _, msg in results_th}
    assert {(f, th) for (f, _), th in EXPECTED_BAD.items()} <= got_th


def test_duplicate_identifier_is_caught_by_a_core_shape():
    pytest.importorskip("pyshacl")
    g = parse_rdf("""
        @prefix sl: <https://w3id.org/stratlink/ontology#> .
        @prefix dcterms: <http://purl.org/dc/terms/> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <https://example.org/a> a sl:Plan ; dcterms:identifier "X" ; skos:prefLabel "a"@en ;
            sl:level sl:NationalLevel .
        <https://example.org/b> a sl:Plan ; dcterms:identifier "X" ; skos:prefLabel "b"@en ;
            sl:level sl:NationalLevel .
    """, "turtle")
    conforms, results = validate(g, "en")
    assert not conforms
    assert any(msg.startswith("id: occurs more than once") for _, _, msg in results)


def test_custom_policy_levels_are_written_as_levels(sample_rdf):
    """A plan at a level of a user's policy validates: the export declares its levels."""
    pytest.importorskip("pyshacl")
    from stratlink.graph_model import Level, Plan, PlanGraph, Policy

    pol = Policy("sdg", (Level("sdg", "เป้าหมายการพัฒนาที่ยั่งยืน", "SDGs"), Level("ministry")), "sdg")
    g = PlanGraph(pol)
    g.add(Plan("SDG", "sdg", name_en="SDGs"))
    rdf = graph_to_rdf(g)
    conforms, results = validate(rdf)
    assert conforms, results
    assert isinstance(next(rdf.subjects(RDF.type, SL.PlanWorkbook)), BNode)
