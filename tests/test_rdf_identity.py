"""Identities in RDF (namespaced IRIs, authority IRIs, dataset IRI, stable link IRIs)
and honest round trips (foreign triples, labels per language, RDF/XML, decimals)."""

from __future__ import annotations

import dataclasses
import re

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

import stratlink as sl
from stratlink.loaders.rdf import graph_to_rdf, parse_rdf, rdf_to_graph, write_rdf
from stratlink.ontology import SL, VERSION_IRI, node_iri

SAMPLE = "examples/roiet-2561"
KHONKAEN = "tests/data/khonkaen-mini"


def _rdf(source, shared=()) -> Graph:
    return graph_to_rdf(sl.load(source, shared=shared) if shared else sl.load(source))


def test_two_provinces_ids_are_two_nodes_and_shared_areas_one():
    roiet, kk = _rdf(SAMPLE), _rdf([KHONKAEN], shared=[sl.NATIONAL])
    both = roiet + kk
    chains = {s for s in both.subjects(RDF.type, SL.ValueChain)
              if str(both.value(s, DCTERMS.identifier)) == "VC-SILK"}
    assert chains == {node_iri("VC-SILK", "roiet-2561"), node_iri("VC-SILK", "khonkaen")}
    # each chain serves one element: functional sl:serves no longer merges two chains
    assert all(len(list(both.objects(c, SL.serves))) == 1 for c in chains)
    # Maha Sarakham (DOPA 44) is one node in both exports
    area = URIRef("https://w3id.org/stratlink/id/th-dopa/44")
    assert (area, RDF.type, SL.Area) in roiet and (area, RDF.type, SL.Area) in kk
    # the national strategy of the shared workbook has one IRI in every export
    other = _rdf([SAMPLE], shared=[sl.NATIONAL])
    ns_s2 = node_iri("NS-S2", "national")
    assert (ns_s2, RDF.type, SL.PlanElement) in kk and (ns_s2, RDF.type, SL.PlanElement) in other
    assert (node_iri("KK-I1", "khonkaen"), SL.contributesTo, node_iri("MP0301", "national")) in kk


def test_each_export_has_a_dataset_iri_with_version_and_time():
    rdf = _rdf(SAMPLE)
    datasets = list(rdf.subjects(RDF.type, SL.PlanWorkbook))
    assert datasets == [URIRef("https://w3id.org/stratlink/id/roiet-2561/-/dataset")]
    ds = datasets[0]
    assert rdf.value(ds, DCTERMS.conformsTo) == VERSION_IRI
    when = rdf.value(ds, PROV.generatedAtTime)
    assert when.datatype == URIRef("http://www.w3.org/2001/XMLSchema#dateTime")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", str(when))
    assert not any(isinstance(t, type(ds)) and str(t).startswith("_:") for t in rdf.subjects())


def test_skos_types_are_written_into_exports():
    rdf = _rdf(SAMPLE)
    assert (node_iri("NS-S2", "roiet-2561"), RDF.type, SKOS.Concept) in rdf
    assert (node_iri("NS-2561", "roiet-2561"), RDF.type, SKOS.ConceptScheme) in rdf


def test_a_links_iri_survives_editing_its_note_or_role():
    g = sl.load(SAMPLE)
    before = {(str(s)) for s in graph_to_rdf(g).subjects(RDF.type, SL.Linkage)}
    g.links = [dataclasses.replace(link, note="edited", role="secondary") for link in g.links]
    after = {(str(s)) for s in graph_to_rdf(g).subjects(RDF.type, SL.Linkage)}
    assert before == after


def test_triples_outside_the_vocabulary_are_reported_once_and_kept_on_rdf_export(tmp_path):
    rdf = _rdf(SAMPLE)
    prj = node_iri("PRJ-001", "roiet-2561")
    rdf.add((prj, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"), Literal("ตรวจแล้ว", lang="th")))
    rdf.add((prj, URIRef("https://example.org/review#note"), Literal("check budget")))
    path = tmp_path / "in.ttl"
    path.write_text(rdf.serialize(format="turtle"), encoding="utf-8")
    g = sl.load(path)
    found = [f for f in g.load_findings if f.code == "UNKNOWN_TRIPLES"]
    assert len(found) == 1 and found[0].args["count"] == 2 and found[0].severity == "warning"
    assert "review#note" in found[0].message("en") and "ทริปเปิล" in found[0].message("th")
    again = Graph().parse(sl.export(g, tmp_path / "out.nt"), format="nt")
    assert (prj, URIRef("https://example.org/review#note"), Literal("check budget")) in again
    csv_back = sl.load(sl.export(g, tmp_path / "csv"))
    assert csv_back.same_content(g)


def test_rdfs_label_is_read_per_language_when_preflabel_lacks_it():
    ttl = """
    @prefix sl: <https://w3id.org/stratlink/ontology#> .
    @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix dcterms: <http://purl.org/dc/terms/> .
    <https://w3id.org/stratlink/id/kk/NS> a sl:Plan ; dcterms:identifier "NS" ; sl:level sl:NationalLevel ;
        skos:prefLabel "ยุทธศาสตร์ชาติ"@th ; rdfs:label "National Strategy"@en , "ชื่ออื่น"@th .
    """
    g = rdf_to_graph(parse_rdf(ttl, "turtle"))
    plan = g.plans["NS"]
    assert (plan.name_th, plan.name_en) == ("ยุทธศาสตร์ชาติ", "National Strategy")


def test_rdf_xml_is_read_and_written(tmp_path):
    g = sl.load(SAMPLE)
    for name in ("roiet.owl", "roiet.rdf"):
        path = sl.export(g, tmp_path / name)
        assert path.read_text(encoding="utf-8").startswith("<?xml")
        assert sl.load(path).same_content(g)
    # a Protégé-style file without the suffix is sniffed
    plain = tmp_path / "protege-file"
    plain.write_text((tmp_path / "roiet.owl").read_text(encoding="utf-8"), encoding="utf-8")
    assert sl.load(plain).same_content(g)


def test_budgets_have_one_lexical_form_in_every_format_and_integers_are_read():
    g = sl.load(SAMPLE)
    forms = set()
    for fmt in ("turtle", "nt", "json-ld", "rdf-xml"):
        text = write_rdf(g, None, fmt)
        forms |= set(re.findall(r"4500000(?:\.\d+)?", text))
    assert forms == {"4500000.0"}
    ttl = write_rdf(g, None, "turtle").replace("sl:budget 4500000.0", "sl:budget 4500000")
    back = rdf_to_graph(parse_rdf(ttl, "turtle"))
    assert back.projects["PRJ-001"].budget == g.projects["PRJ-001"].budget
    assert not [f for f in back.load_findings if f.code == "INVALID_VALUE" and "budget" in f.related]


def test_years_are_integers_and_periods_dcat_instants():
    rdf = _rdf(SAMPLE)
    xsd = "http://www.w3.org/2001/XMLSchema#"
    years = {o.datatype for o in rdf.objects(None, SL.fiscalYear)}
    assert years == {URIRef(xsd + "integer")}
    plan = node_iri("ROIET-PDP-2566-2570", "roiet-2561")
    period = rdf.value(plan, DCTERMS.temporal)
    assert rdf.value(period, SL.startYear).toPython() == 2023
    assert str(rdf.value(period, URIRef("http://www.w3.org/ns/dcat#startDate"))) == "2022-10-01T00:00:00+07:00"
    assert str(rdf.value(period, URIRef("http://www.w3.org/ns/dcat#endDate"))) == "2027-09-30T23:59:59+07:00"


def test_a_merged_export_reads_back_as_the_same_workbooks(tmp_path):
    g = sl.load([SAMPLE, KHONKAEN], shared=[sl.NATIONAL])
    back = sl.load(sl.export(g, tmp_path / "both.ttl"))
    assert back.merged and sorted(back.workbooks) == ["khonkaen", "national", "roiet-2561"]
    assert back.shared == ("national",)
    assert set(back.projects) == set(g.projects)
    assert sl.trace(back, "khonkaen:PRJ-001").reaches == sl.trace(g, "khonkaen:PRJ-001").reaches
