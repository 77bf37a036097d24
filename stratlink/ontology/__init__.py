"""The stratlink ontology and SHACL shapes, and the one place where IRIs are minted.

Ontology terms live in ``https://w3id.org/stratlink/ontology#`` (prefix ``sl:``),
instances in ``https://w3id.org/stratlink/id/`` (prefix ``slid:``):

- a record (plan, element, project, value chain, area, organisation) with id X is
  ``slid:`` + X percent-encoded (every character but ``A-Z a-z 0-9 - . _ ~``, as
  UTF-8), so Thai ids, spaces and slashes are safe and the IRI decodes back to X.
  Ids are unique across a workbook, so one namespace serves every sheet. The
  literal ``dcterms:identifier`` stays the source of truth;
- a link row is ``slid:link/<hash of its content>-<occurrence>``, so two identical
  rows are two linkages;
- a level of a policy other than th-one-plan is
  ``slid:policy/<policy>/level/<level>``; th-one-plan's levels are ontology
  individuals (``sl:NationalLevel`` ... ``sl:CommunityLevel``).

>>> str(node_iri("NS-2561"))
'https://w3id.org/stratlink/id/NS-2561'
>>> str(node_iri("แผน 1/2"))
'https://w3id.org/stratlink/id/%E0%B9%81%E0%B8%9C%E0%B8%99%201%2F2'
>>> id_from_iri(node_iri("แผน 1/2"))
'แผน 1/2'
>>> level_iri("province") == SL.ProvinceLevel
True
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import resources
from urllib.parse import quote, unquote

from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

SL = Namespace("https://w3id.org/stratlink/ontology#")
SLID = Namespace("https://w3id.org/stratlink/id/")
ORG = Namespace("http://www.w3.org/ns/org#")
SH = Namespace("http://www.w3.org/ns/shacl#")
# open namespaces (rdflib's closed DCAT and XSD warn when doctest collection probes them)
DCAT = Namespace("http://www.w3.org/ns/dcat#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
ONTOLOGY_IRI = URIRef("https://w3id.org/stratlink/ontology")
#: The IRI a JSON-LD document may name as its "@context"; it is replaced by the
#: embedded ``JSONLD_CONTEXT``, never fetched.
CONTEXT_IRI = "https://w3id.org/stratlink/context.jsonld"

PREFIXES = {
    "sl": SL, "slid": SLID, "skos": SKOS, "dcterms": DCTERMS, "dcat": DCAT, "prov": PROV,
    "org": ORG, "owl": OWL, "rdf": RDF, "rdfs": RDFS, "xsd": XSD,
}
#: The JSON-LD context written inline into every JSON-LD export.
JSONLD_CONTEXT = {k: str(v) for k, v in PREFIXES.items()}

#: record sheet -> its class
CLASSES = {
    "plans": SL.Plan,
    "elements": SL.PlanElement,
    "projects": SL.Project,
    "value_chains": SL.ValueChain,
    "areas": SL.Area,
    "organizations": ORG.Organization,
    "links": SL.Linkage,
}

#: the th-one-plan levels as ontology individuals
TH_LEVELS = {
    "national": SL.NationalLevel, "master": SL.MasterLevel, "regional": SL.RegionalLevel,
    "cluster": SL.ClusterLevel, "province": SL.ProvinceLevel, "district": SL.DistrictLevel,
    "local": SL.LocalLevel, "community": SL.CommunityLevel,
}
#: enumerated column type -> canonical word -> individual
ENUM_IRIS = {
    "stage": {"upstream": SL.Upstream, "midstream": SL.Midstream, "downstream": SL.Downstream},
    "relation": {"contributes_to": SL.ContributesTo, "aligns_with": SL.AlignsWith,
                 "conflicts_with": SL.ConflictsWith},
    "role": {"primary": SL.PrimaryRole, "secondary": SL.SecondaryRole},
    "area_kind": {"country": SL.CountryArea, "region": SL.RegionArea, "province": SL.ProvinceArea,
                  "district": SL.DistrictArea, "subdistrict": SL.SubdistrictArea,
                  "village": SL.VillageArea},
    "sector": {"government": SL.GovernmentSector, "local_government": SL.LocalGovernmentSector,
               "private": SL.PrivateSector, "civil_society": SL.CivilSocietySector,
               "academic": SL.AcademicSector, "community": SL.CommunitySector},
}
#: individual -> canonical word, over every enumeration and the th-one-plan levels
WORD_OF = {iri: word for table in (*ENUM_IRIS.values(), TH_LEVELS) for word, iri in table.items()}
#: relation word -> its shortcut property
SHORTCUTS = {"contributes_to": SL.contributesTo, "aligns_with": SL.alignsWith,
             "conflicts_with": SL.conflictsWith}

_LINK_PREFIX = str(SLID) + "link/"
_POLICY_PREFIX = str(SLID) + "policy/"


def _enc(text: str) -> str:
    return quote(text, safe="")


def node_iri(record_id: str) -> URIRef:
    """The IRI of the record with this id (any sheet but links)."""
    if not record_id:
        raise ValueError("an id must not be empty")
    return SLID[_enc(record_id)]


def id_from_iri(iri) -> str | None:
    """The id a record IRI encodes, or None when it is not a stratlink record IRI.

    >>> id_from_iri(URIRef("https://w3id.org/stratlink/id/P%201")), id_from_iri(SL.Plan)
    ('P 1', None)
    """
    text = str(iri)
    base = str(SLID)
    if not isinstance(iri, URIRef) or not text.startswith(base) or len(text) == len(base):
        return None
    rest = text[len(base):]
    if "/" in rest:  # links and policy levels are not records
        return None
    try:
        return unquote(rest, errors="strict")
    except UnicodeDecodeError:
        return None


def link_key(link) -> str:
    """A stable digest of everything a link row says (its row number aside)."""
    data = [link.source_id, link.target_id, link.relation, link.role, link.asserted_by,
            link.note, sorted(link.extra.items())]
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def link_iri(link, occurrence: int = 0) -> URIRef:
    """The IRI of a link row: its content digest and which identical row it is.

    >>> from stratlink.graph_model import Link
    >>> a = link_iri(Link("P1", "S1"), 0)
    >>> a == link_iri(Link("P1", "S1"), 0), a == link_iri(Link("P1", "S1"), 1)
    (True, False)
    """
    return URIRef(f"{_LINK_PREFIX}{link_key(link)}-{occurrence}")


def level_iri(level: str, policy_name: str = "th-one-plan") -> URIRef:
    """The IRI of a level: an ontology individual for th-one-plan, else minted."""
    if policy_name == "th-one-plan" and level in TH_LEVELS:
        return TH_LEVELS[level]
    return URIRef(f"{_POLICY_PREFIX}{_enc(policy_name)}/level/{_enc(level)}")


def policy_iri(policy_name: str) -> URIRef:
    if policy_name == "th-one-plan":
        return SL.ThOnePlan
    return URIRef(f"{_POLICY_PREFIX}{_enc(policy_name)}")


def level_from_iri(iri) -> str | None:
    """The level name a level IRI encodes (th-one-plan individual or minted)."""
    if iri in TH_LEVELS.values():
        return WORD_OF[iri]
    text = str(iri)
    if text.startswith(_POLICY_PREFIX) and "/level/" in text:
        return unquote(text.rsplit("/level/", 1)[1])
    return None


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


def _package_ttl(name: str) -> Graph:
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    return bind_prefixes(Graph()).parse(data=text, format="turtle")


@cache
def _cached(name: str) -> Graph:
    return _package_ttl(name)


def ontology_graph() -> Graph:
    """A fresh copy of the OWL ontology (``stratlink.ttl``)."""
    return _copy(_cached("stratlink.ttl"))


def shapes_graph() -> Graph:
    """A fresh copy of the SHACL shapes (``shapes.ttl``)."""
    return _copy(_cached("shapes.ttl"))


def _copy(graph: Graph) -> Graph:
    out = bind_prefixes(Graph())
    for triple in graph:
        out.add(triple)
    return out


def validate(data: Graph, lang: str | None = None):
    """SHACL-validate RDF data against the shapes, with the ontology merged in.

    Returns ``(conforms, results)`` with results as (focus id, path, message)
    tuples, message in ``lang`` ('th' or 'en') when given. Needs pyshacl.
    """
    import pyshacl

    merged = ontology_graph()  # the levels and enumerated values the shapes refer to
    for triple in data:
        merged.add(triple)
    conforms, report, _ = pyshacl.validate(
        merged, shacl_graph=shapes_graph(), inference="none", advanced=True,
        allow_warnings=True)
    results = []
    for res in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(res, SH.focusNode)
        path = report.value(res, SH.resultPath)
        msgs = list(report.objects(res, SH.resultMessage))
        chosen = [m for m in msgs if lang and getattr(m, "language", None) == lang] or msgs
        focus_id = _record_id(merged, focus)
        results.append((str(focus_id), str(path) if path is not None else None,
                        str(chosen[0]) if chosen else ""))
    return bool(conforms), sorted(results, key=lambda r: (r[0], r[1] or "", r[2]))


def _record_id(graph: Graph, node) -> str:
    """The id of a record node; for a blank node (a period, an extra value), its owner's."""
    for _ in range(3):
        ident = graph.value(node, DCTERMS.identifier)
        if ident is not None:
            return str(ident)
        source = graph.value(node, SL.linkSource)
        if source is not None:  # a linkage is reported under its source, as a links row
            return _record_id(graph, source)
        if not isinstance(node, BNode):
            break
        owner = next(graph.subjects(None, node), None)
        if owner is None:
            break
        node = owner
    return id_from_iri(node) or str(node)
