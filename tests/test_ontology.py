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
    for term in sorted(t for t in _terms(onto) if str(t).startswith(str(SL))):
        for pred in (RDFS.label, SKOS.definition):
            langs = _langs(onto, term, pred)
            if not {"th", "en"} <= langs:
                missing.append((onto.qname(term), onto.qname(pred), sorted(langs)))
    assert not missing, missing


def test_other_vocabularies_terms_are_declared_not_redefined(onto):
    """skos:broader, dcterms:PeriodOfTime, prov:wasAttributedTo ... keep their owners'
    meaning: the ontology only declares them (OWL 2 DL needs the declaration)."""
    foreign = [t for t in _terms(onto) if not str(t).startswith(str(SL))]
    assert {SKOS.broader, SKOS.definition, URIRef("http://purl.org/dc/terms/PeriodOfTime"),
            URIRef("http://www.w3.org/ns/prov#wasAttributedTo")} <= set(foreign)
    redefined = sorted(onto.qname(t) for t in foreign
                       if set(onto.predicate_objects(t)) - {(RDF.type, o) for o in TERM_TYPES})
    assert redefined == []


def test_ontology_has_a_version_iri_and_declares_its_annotation_properties(onto):
    from stratlink.ontology import VERSION_IRI

    assert (ONTOLOGY_IRI, OWL.versionIRI, VERSION_IRI) in onto
    used = {p for _, p, _ in onto} - {RDF.type, RDFS.label, RDFS.comment, RDFS.seeAlso, OWL.versionInfo}
    annotations = {p for p in used if (p, RDF.type, OWL.AnnotationProperty) in onto}
    assert {SKOS.definition, SKOS.prefLabel, URIRef("http://purl.org/dc/terms/license")} <= annotations
    undeclared = [p for p in used if not any((p, RDF.type, t) in onto for t in TERM_TYPES)
                  and not str(p).startswith((str(RDF), str(RDFS), str(OWL)))]
    assert undeclared == []


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
    for table in (*ENUM_IRIS.values(), TH_LEVELS):
        schemes = set()
        for word, iri in table.items():
            assert str(onto.value(iri, SKOS.notation)) == word
            assert {"th", "en"} <= _langs(onto, iri, RDFS.label)
            assert {"th", "en"} <= _langs(onto, iri, SKOS.prefLabel)
            assert (iri, RDF.type, SKOS.Concept) in onto
            schemes |= set(onto.objects(iri, SKOS.inScheme))
        assert len(schemes) == 1  # one SKOS concept scheme per enumeration
        scheme = schemes.pop()
        assert (scheme, RDF.type, SKOS.ConceptScheme) in onto
        assert {"th", "en"} <= _langs(onto, scheme, SKOS.prefLabel)


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
    p = URIRef("https://w3id.org/stratlink/id/kk/P1")
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
@prefix slid: <https://w3id.org/stratlink/id/kk/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

slid:-dataset a sl:PlanWorkbook ; sl:era "AD" ; sl:policyName "th-one-plan" ;
    sl:sheet "plans", "elements", "projects", "links", "areas", "notes" .
slid:NS a sl:Plan ; dcterms:identifier "NS" ; skos:prefLabel "ยุทธศาสตร์ชาติ"@th ; sl:level sl:NationalLevel .
slid:P2 a sl:Plan ; dcterms:identifier "P2" ; skos:prefLabel "Plan 2"@en ; sl:level sl:ProvinceLevel ;
    dcterms:temporal [ a sl:Period ; sl:startYear 2020 ; sl:endYear 2018 ] .
slid:P3 a sl:Plan ; dcterms:identifier "P3" ; skos:prefLabel "Plan 3"@en ;
    sl:level <https://w3id.org/stratlink/id/-/policy/sdg/level/sdg> ;
    dcterms:temporal [ a sl:Period ; sl:startYear 1700 ; dcat:startDate "2019"^^xsd:gYear ] .
slid:NOLEVEL a sl:Plan ; dcterms:identifier "NOLEVEL" ; skos:prefLabel "no level"@en .
slid:S1 a sl:PlanElement ; dcterms:identifier "S1" ; sl:inPlan slid:NS ; sl:elementKind "strategy" ;
    skos:prefLabel "S1"@en .
slid:E2 a sl:PlanElement ; dcterms:identifier "E2" ; sl:inPlan slid:P2 ; skos:prefLabel "E2"@en ;
    skos:broader slid:S1 .
slid:E3 a sl:PlanElement ; dcterms:identifier "E3" ; sl:elementKind "goal" .
slid:X1 a sl:Project ; dcterms:identifier "X1" ; sl:inPlan slid:P2 ; skos:prefLabel "โครงการ"@th ;
    sl:budget "-5"^^xsd:decimal ; sl:fiscalYear "20x8" ; sl:stage sl:Sideways ; sl:area slid:NOWHERE ;
    sl:contributesTo slid:S1 .
slid:X2 a sl:Project ; dcterms:identifier "X2" ; sl:inPlan slid:P2 ; skos:prefLabel "X2"@en ;
    sl:budget "many" ; sl:fiscalYear 2400 .
slid:L1 a sl:Linkage ; sl:linkSource slid:X1 ; sl:linkTarget slid:GHOST ; sl:relation sl:ContributesTo .
slid:L2 a sl:Linkage ; sl:linkSource slid:X1 ; sl:linkTarget slid:S1 ; sl:relation sl:Undermines ;
    sl:role sl:TertiaryRole .
slid:VC a sl:ValueChain ; dcterms:identifier "VC" ; skos:prefLabel "VC"@en ; sl:serves slid:X1 .
slid:A1 a sl:Area ; dcterms:identifier "A1" ; skos:prefLabel "A1"@en ; sl:areaKind sl:Planet .
slid:O1 a org:Organization ; dcterms:identifier "O1" ; skos:prefLabel "O1"@en ; sl:sector sl:Royalty ;
    sl:extra [ sl:columnName "remark" ] .
"""

EXPECTED_BAD = {  # (focus id, message) in English, then the Thai message for the same result
    ("NOLEVEL", "level: a required value is missing"): "level: ไม่มีค่าที่จำเป็น",
    ("P3", "level: https://w3id.org/stratlink/id/-/policy/sdg/level/sdg is not a level of the policy "
           "this export names"):
        "level: https://w3id.org/stratlink/id/-/policy/sdg/level/sdg ไม่ใช่ระดับแผนตามเกณฑ์การตรวจที่ข้อมูลชุดนี้ระบุ",
    ("P3", "period_start / period_end: not a period of fiscal years"):
        "period_start / period_end: ไม่ใช่ช่วงปีงบประมาณที่ถูกต้อง",
    ("E2", "kind: a required value is missing"): "kind: ไม่มีค่าที่จำเป็น",
    ("E2", "parent_id: the parent https://w3id.org/stratlink/id/kk/S1 belongs to another plan"):
        "parent_id: องค์ประกอบที่อยู่เหนือขึ้นไป https://w3id.org/stratlink/id/kk/S1 อยู่ในแผนอื่น",
    ("E3", "plan_id: a required value is missing"): "plan_id: ไม่มีค่าที่จำเป็น",
    ("E3", "name_th: name_th or name_en is required (skos:prefLabel @th or @en)"):
        "name_th: ต้องมี name_th หรือ name_en (skos:prefLabel @th หรือ @en)",
    ("X1", "budget: must not be negative"): "budget: ต้องไม่ติดลบ",
    ("X1", "fiscal_year: not a year (an xsd:integer, C.E.)"):
        "fiscal_year: ไม่ใช่ปี (ต้องเป็น xsd:integer คริสต์ศักราช)",
    ("X2", "budget: not a number"): "budget: ไม่ใช่ตัวเลข",
    ("X2", "fiscal_year: outside the years stratlink reads (C.E. 1857 to 2300)"):
        "fiscal_year: อยู่นอกช่วงปีที่ stratlink อ่านได้ (ค.ศ. 1857 ถึง 2300)",
    ("X1", "stage: not one of upstream, midstream, downstream"):
        "stage: ไม่ใช่ค่าใดใน ต้นทาง กลางทาง ปลายทาง",
    ("X1", "area_id: https://w3id.org/stratlink/id/kk/NOWHERE names no area"):
        "area_id: https://w3id.org/stratlink/id/kk/NOWHERE อ้างถึงพื้นที่ที่ไม่มีอยู่",
    ("X1", "target_id: names no project or element"):
        "target_id: อ้างถึงโครงการหรือองค์ประกอบที่ไม่มีอยู่",
    ("X1", "relation: not one of contributes_to, aligns_with, conflicts_with"):
        "relation: ไม่ใช่ค่าใดใน สนับสนุน สอดคล้อง ขัดแย้ง",
    ("X1", "role: not one of primary, secondary"): "role: ไม่ใช่ค่าใดใน หลัก รอง",
    ("X1", "links: the shortcut to https://w3id.org/stratlink/id/kk/S1 disagrees with the relation of "
           "its linkage node"):
        "links: ทางลัดไปยัง https://w3id.org/stratlink/id/kk/S1 ไม่ตรงกับชนิดความสัมพันธ์ของโหนดการเชื่อมโยง",
    ("P2", "period_end: ends before the period starts"): "period_end: สิ้นสุดก่อนปีเริ่มต้น",
    ("VC", "serves_id: names no element"): "serves_id: อ้างถึงองค์ประกอบที่ไม่มีอยู่",
    ("A1", "kind: not one of country, region, province, district, subdistrict, village"):
        "kind: ไม่ใช่ค่าใดใน ประเทศ ภาค จังหวัด อำเภอ ตำบล หมู่บ้าน",
    ("O1", "sector: not one of government, local_government, private, civil_society, academic, community"):
        "sector: ไม่ใช่ค่าใดใน ภาครัฐ อปท. เอกชน ประชาสังคม สถาบันการศึกษา ชุมชน",
    ("O1", "extra column: needs exactly one value"): "คอลัมน์เพิ่มเติม: ต้องมีค่าหนึ่งค่า",
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


def _plain_pyshacl(data: Graph):
    """pySHACL as any user runs it: SHACL Core and SHACL-SPARQL, no SHACL-AF (-a)."""
    import pyshacl

    conforms, report, _ = pyshacl.validate(ontology_graph() + data, shacl_graph=shapes_graph(),
                                           advanced=False, inference="none", allow_warnings=True)
    return conforms, report


def _top_shapes(shapes: Graph) -> set:
    return {s for s in shapes.subjects(RDF.type, URIRef("http://www.w3.org/ns/shacl#NodeShape"))
            if isinstance(s, URIRef) and any(
                str(p).startswith("http://www.w3.org/ns/shacl#target") for p in shapes.predicates(s))}


def test_every_shape_fires_under_plain_shacl_and_passes_on_the_sample(sample_rdf):
    pytest.importorskip("pyshacl")
    sh = URIRef("http://www.w3.org/ns/shacl#")
    shapes = shapes_graph()
    top = _top_shapes(shapes)
    assert len(top) >= 12
    conforms, report = _plain_pyshacl(parse_rdf(BAD_TTL, "turtle"))
    assert not conforms
    fired = set()
    for res in report.subjects(RDF.type, URIRef(f"{sh}ValidationResult")):
        source = report.value(res, URIRef(f"{sh}sourceShape"))
        owners = {source} | set(shapes.subjects(URIRef(f"{sh}property"), source)) \
            | set(shapes.subjects(URIRef(f"{sh}sparql"), source))
        fired |= owners & top
    assert fired == top, sorted(str(s) for s in top - fired)
    conforms, report = _plain_pyshacl(sample_rdf)
    assert conforms


def test_budget_given_as_any_decimal_derived_number_is_valid():
    pytest.importorskip("pyshacl")
    for lexical, dtype in (("4500000", "integer"), ("4500000.0", "decimal"), ("45", "unsignedInt"),
                           ("7", "long"), ("1", "positiveInteger")):
        g = parse_rdf(f"""
            @prefix sl: <https://w3id.org/stratlink/ontology#> .
            @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
            <https://w3id.org/stratlink/id/kk/X> sl:budget "{lexical}"^^xsd:{dtype} .
            <https://w3id.org/stratlink/id/kk/X> a sl:Project .""", "turtle")
        _, results = validate(g, "en")
        assert not [m for _, _, m in results if m.startswith("budget")], (dtype, results)


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
    assert any(msg.startswith("id: X occurs more than once") for _, _, msg in results)


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
    dataset = next(rdf.subjects(RDF.type, SL.PlanWorkbook))
    assert isinstance(dataset, URIRef) and not isinstance(dataset, BNode)
