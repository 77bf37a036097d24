"""The stratlink ontology and SHACL shapes, and the one place where IRIs are minted.

Ontology terms live in ``https://w3id.org/stratlink/ontology#`` (prefix ``sl:``),
instances in ``https://w3id.org/stratlink/id/`` (prefix ``slid:``):

- a record (plan, element, project, value chain, area, organisation) with id X in
  the workbook with namespace N is ``slid:N/X``, N and X percent-encoded (every
  character but ``A-Z a-z 0-9 - . _ ~``, as UTF-8), so Thai ids, spaces and slashes
  are safe and the IRI decodes back to (N, X). Ids are local to their workbook, so
  two provinces' ``VC-SILK`` are two nodes, while a shared workbook (the bundled
  ``national``) gives the same IRI in every export;
- a Thai administrative area whose id is a DOPA code (province ``45``, district
  ``4501``, sub-district ``450101``, village ``45010101``) is the authority IRI
  ``slid:th-dopa/45``, the same node in every export;
- a link row is ``slid:N/-/link/<hash of its two ends and relation>-<occurrence>``:
  editing its note or role keeps its IRI, and two identical rows are two linkages;
- an export is the dataset ``slid:N/-/dataset`` (several workbooks:
  ``slid:-/dataset/N1+N2...``);
- a level of a policy other than th-one-plan is ``slid:-/policy/<policy>/level/<level>``;
  th-one-plan's levels are ontology individuals (``sl:NationalLevel`` ...).

The literal ``dcterms:identifier`` is the id inside its workbook.

>>> str(node_iri("NS-2561", "roiet"))
'https://w3id.org/stratlink/id/roiet/NS-2561'
>>> str(node_iri("แผน 1/2", "roiet"))
'https://w3id.org/stratlink/id/roiet/%E0%B9%81%E0%B8%9C%E0%B8%99%201%2F2'
>>> scope_from_iri(node_iri("แผน 1/2", "roiet"))
('roiet', 'แผน 1/2')
>>> str(area_iri("45", "province", "roiet"))
'https://w3id.org/stratlink/id/th-dopa/45'
>>> level_iri("province") == SL.ProvinceLevel
True
"""

from __future__ import annotations

import hashlib
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
#: the ontology's version; exports say they conform to its version IRI
ONTOLOGY_VERSION = "0.2.0"
VERSION_IRI = URIRef(f"{ONTOLOGY_IRI}/{ONTOLOGY_VERSION}")
#: the namespace of Thai administrative areas identified by their DOPA code
DOPA_NAMESPACE = "th-dopa"
#: the namespace a graph built in code (with none of its own) is written under
DEFAULT_NAMESPACE = "workbook"
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

#: record sheet -> the SKOS class its records also have
SKOS_TYPES = {"plans": SKOS.ConceptScheme, "elements": SKOS.Concept}

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

_RESERVED = str(SLID) + "-/"
_POLICY_PREFIX = _RESERVED + "policy/"
#: DOPA code length -> the area kind it names
_DOPA_KINDS = {2: "province", 4: "district", 6: "subdistrict", 8: "village"}


def _enc(text: str) -> str:
    return quote(text, safe="")


def node_iri(record_id: str, namespace: str | None = None) -> URIRef:
    """The IRI of the record with this id in the workbook with this namespace."""
    if not record_id:
        raise ValueError("an id must not be empty")
    return SLID[f"{_enc(namespace or DEFAULT_NAMESPACE)}/{_enc(record_id)}"]


def is_dopa_code(area_id: str, kind: str | None = None) -> bool:
    """Whether an area id is a Thai DOPA code (2, 4, 6 or 8 digits, province 10-96)
    of the rank ``kind`` says (when given).

    >>> is_dopa_code("4501"), is_dopa_code("4501", "province"), is_dopa_code("TH")
    (True, False, False)
    """
    if not (area_id.isascii() and area_id.isdigit() and len(area_id) in _DOPA_KINDS):
        return False
    if not 10 <= int(area_id[:2]) <= 96:
        return False
    return kind is None or _DOPA_KINDS[len(area_id)] == kind


def area_iri(area_id: str, kind: str | None, namespace: str | None) -> URIRef:
    """An area's IRI: the DOPA authority IRI for a DOPA code, else a record IRI."""
    if is_dopa_code(area_id, kind):
        return node_iri(area_id, DOPA_NAMESPACE)
    return node_iri(area_id, namespace)


def scope_from_iri(iri) -> tuple[str | None, str] | None:
    """(namespace, id) a record IRI encodes (namespace None for the IRIs of
    stratlink before namespaces); None when it is not a record IRI.

    >>> scope_from_iri(URIRef("https://w3id.org/stratlink/id/kk/P%201")), scope_from_iri(SL.Plan)
    (('kk', 'P 1'), None)
    """
    text = str(iri)
    base = str(SLID)
    if not isinstance(iri, URIRef) or not text.startswith(base) or len(text) == len(base):
        return None
    parts = text[len(base):].split("/")
    if len(parts) > 2 or parts[0] in ("-", "link", "policy") or not all(parts):
        return None  # links, datasets, policies are not records
    try:
        decoded = [unquote(p, errors="strict") for p in parts]
    except UnicodeDecodeError:
        return None
    return (decoded[0], decoded[1]) if len(decoded) == 2 else (None, decoded[0])


def id_from_iri(iri) -> str | None:
    """The id (inside its workbook) a record IRI encodes, or None.

    >>> id_from_iri(URIRef("https://w3id.org/stratlink/id/kk/P%201")), id_from_iri(SL.Plan)
    ('P 1', None)
    """
    scope = scope_from_iri(iri)
    return scope[1] if scope else None


def link_iri(source: URIRef, target: URIRef, relation: str, occurrence: int = 0,
             namespace: str | None = None) -> URIRef:
    """The IRI of a link row: a digest of its ends and relation, and which of the
    rows with those is it. Its note, role, asserter and extra columns are not part
    of it, so editing them keeps the IRI.

    >>> a, b = node_iri("P1", "kk"), node_iri("S1", "national")
    >>> link_iri(a, b, "contributes_to") == link_iri(a, b, "contributes_to")
    True
    >>> link_iri(a, b, "contributes_to", 1) == link_iri(a, b, "contributes_to", 0)
    False
    """
    text = "\x1f".join((str(source), str(target), relation))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]
    return SLID[f"{_enc(namespace or DEFAULT_NAMESPACE)}/-/link/{digest}-{occurrence}"]


def dataset_iri(namespaces) -> URIRef:
    """The IRI of one export: of its one workbook, or of its several workbooks together.

    >>> str(dataset_iri(["roiet"])), str(dataset_iri(["national", "kk"]))
    ('https://w3id.org/stratlink/id/roiet/-/dataset', 'https://w3id.org/stratlink/id/-/dataset/kk+national')
    """
    names = sorted(namespaces) or [DEFAULT_NAMESPACE]
    if len(names) == 1:
        return SLID[f"{_enc(names[0])}/-/dataset"]
    return URIRef(_RESERVED + "dataset/" + "+".join(_enc(n) for n in names))


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
    for prefix in (_POLICY_PREFIX, str(SLID) + "policy/"):  # the latter: before namespaces
        if text.startswith(prefix) and "/level/" in text:
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
    import pyshacl  # optional (the 'shacl' extra) and heavy: imported when validating

    merged = ontology_graph()  # the levels and enumerated values the shapes refer to
    for triple in data:
        merged.add(triple)
    conforms, report, _ = pyshacl.validate(
        merged, shacl_graph=shapes_graph(), inference="none", advanced=False,
        allow_warnings=True)
    results = []
    for res in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(res, SH.focusNode)
        path = report.value(res, SH.resultPath)
        msgs = list(report.objects(res, SH.resultMessage))
        chosen = [m for m in msgs if lang and _message_lang(m) == lang] or sorted(msgs)
        focus_id = _record_id(merged, focus)
        results.append((str(focus_id), str(path) if path is not None else None,
                        str(chosen[0]) if chosen else ""))
    return bool(conforms), sorted(results, key=lambda r: (r[0], r[1] or "", r[2]))


def _message_lang(message) -> str:
    """A result message's language: its tag, else (pySHACL drops the tag when it fills
    in a SPARQL constraint's {?value}) Thai when it has Thai letters."""
    tag = getattr(message, "language", None)
    if tag:
        return tag.split("-")[0].lower()
    return "th" if any("\u0e01" <= ch <= "\u0e5b" for ch in str(message)) else "en"


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
