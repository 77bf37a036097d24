"""PlanGraph <-> RDF in the stratlink ontology (Turtle, JSON-LD, N-Triples), losslessly.

Every field of every record is written, unknown extra columns as ``sl:extra``
nodes (``sl:columnName`` + ``rdf:value``), years as ``xsd:gYear`` in C.E., budgets
as ``xsd:decimal``, and the input's era and sheets on one ``sl:PlanWorkbook``
node, so ``rdf_to_graph(graph_to_rdf(g))`` has the same ``content()``, ``era``
and ``sheets`` as ``g``. Each link row is its own ``sl:Linkage`` node (identical
rows stay two) plus a shortcut triple (``sl:contributesTo`` ...).

Reading turns the RDF back into sheet rows and hands them to the workbook
loader's row checks, so RDF gets exactly the workbook's load findings. Nothing
is ever fetched from the network: a JSON-LD ``@context`` must be inline (or name
``stratlink.ontology.CONTEXT_IRI``, which is replaced by the embedded context).

>>> from stratlink.graph_model import PlanGraph, Plan, Element
>>> g = PlanGraph()
>>> g.add(Plan("NS", "national", name_th="ยุทธศาสตร์ชาติ", period_start=2018))
>>> g.add(Element("S1", "NS", "strategy", name_en="Security", extra={"owner note": "x"}))
>>> back = rdf_to_graph(graph_to_rdf(g))
>>> back.same_content(g), back.era, sorted(back.sheets)
(True, 'CE', ['elements', 'plans'])
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import warnings
from datetime import datetime, timezone
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from stratlink.errors import InputError
from stratlink.graph_model import (
    REQUIRED_SHEETS,
    SHEET_ORDER,
    SHEETS,
    TH_ONE_PLAN,
    Area,
    Finding,
    Location,
    PlanGraph,
    Policy,
)
from stratlink.loaders.formats import format_for, named, suffixes
from stratlink.loaders.sheets import RawSheet
from stratlink.loaders.workbook import build_graph
from stratlink.ontology import (
    CLASSES,
    CONTEXT_IRI,
    DCAT,
    DEFAULT_NAMESPACE,
    ENUM_IRIS,
    JSONLD_CONTEXT,
    SHORTCUTS,
    SKOS_TYPES,
    SL,
    VERSION_IRI,
    WORD_OF,
    XSD,
    area_iri,
    bind_prefixes,
    dataset_iri,
    id_from_iri,
    level_from_iri,
    level_iri,
    link_iri,
    node_iri,
    policy_iri,
    scope_from_iri,
)

#: format name (as in the table of formats) -> rdflib format name
_RDFLIB = {"turtle": "turtle", "json-ld": "json-ld", "nt": "nt", "rdf-xml": "xml"}
_FORMAT_NAMES = {"turtle": "Turtle", "json-ld": "JSON-LD", "nt": "N-Triples", "xml": "RDF/XML"}

#: sheet -> column -> how it is written: (predicate, kind); kinds:
#: id, th, en, text, ref, year, period_start, period_end, budget, bool, level,
#: stage/relation/role/area_kind/sector (enumerations), owner, asserted_by
COLUMN_MAP: dict[str, dict[str, tuple]] = {
    "plans": {"id": (DCTERMS.identifier, "id"), "level": (SL.level, "level"),
              "name_th": (SKOS.prefLabel, "th"), "name_en": (SKOS.prefLabel, "en"),
              "area_id": (SL.area, "ref"), "period_start": (DCAT.startDate, "period"),
              "period_end": (DCAT.endDate, "period")},
    "elements": {"id": (DCTERMS.identifier, "id"), "plan_id": (SL.inPlan, "ref"),
                 "kind": (SL.elementKind, "text"), "name_th": (SKOS.prefLabel, "th"),
                 "name_en": (SKOS.prefLabel, "en"), "parent_id": (SKOS.broader, "ref"),
                 "code": (SKOS.notation, "text"), "description": (DCTERMS.description, "text")},
    "projects": {"id": (DCTERMS.identifier, "id"), "plan_id": (SL.inPlan, "ref"),
                 "name_th": (SKOS.prefLabel, "th"), "name_en": (SKOS.prefLabel, "en"),
                 "owner": (SL.owner, "owner"), "area_id": (SL.area, "ref"),
                 "fiscal_year": (SL.fiscalYear, "year"), "budget": (SL.budget, "budget"),
                 "value_chain_id": (SL.valueChain, "ref"), "stage": (SL.stage, "stage"),
                 "local_only": (SL.localOnly, "bool"), "status": (SL.status, "text")},
    "value_chains": {"id": (DCTERMS.identifier, "id"), "name_th": (SKOS.prefLabel, "th"),
                     "name_en": (SKOS.prefLabel, "en"), "serves_id": (SL.serves, "ref"),
                     "area_id": (SL.area, "ref")},
    "areas": {"id": (DCTERMS.identifier, "id"), "name_th": (SKOS.prefLabel, "th"),
              "name_en": (SKOS.prefLabel, "en"), "kind": (SL.areaKind, "area_kind"),
              "parent_id": (SL.parentArea, "ref")},
    "organizations": {"id": (DCTERMS.identifier, "id"), "name_th": (SKOS.prefLabel, "th"),
                      "name_en": (SKOS.prefLabel, "en"), "sector": (SL.sector, "sector")},
    "links": {"source_id": (SL.linkSource, "ref"), "target_id": (SL.linkTarget, "ref"),
              "relation": (SL.relation, "relation"), "role": (SL.role, "role"),
              "asserted_by": (PROV.wasAttributedTo, "asserted_by"), "note": (SL.note, "text")},
}
_ENUM_KINDS = ("stage", "relation", "role", "area_kind", "sector")


# ==== writing ======================================================================
def _bnode(*parts: str) -> BNode:
    """A blank node with a stable label, so output is the same run after run."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]
    return BNode("b" + digest)


def _year(year: int) -> Literal:
    """A fiscal year (C.E.) as xsd:integer: in the OWL 2 datatype map, unlike xsd:gYear."""
    return Literal(int(year), datatype=XSD.integer)


def _instant(year: int, end: bool) -> Literal:
    """The first (or last) instant of Thai fiscal year ``year``: 1 October of the year
    before, or 30 September (xsd:dateTime, in the OWL 2 datatype map; Thai time)."""
    text = f"{year:04d}-09-30T23:59:59+07:00" if end else f"{year - 1:04d}-10-01T00:00:00+07:00"
    return Literal(text, datatype=XSD.dateTime, normalize=False)


def _decimal(value) -> Literal:
    """A budget as xsd:decimal with one lexical form in every RDF format: always with a
    decimal point (Turtle's shorthand needs one, so N-Triples and JSON-LD get it too)."""
    text = format(value, "f")
    if "." not in text:
        text += ".0"
    return Literal(text, datatype=XSD.decimal, normalize=False)


def generated_at() -> Literal:
    """When an export was generated (``SOURCE_DATE_EPOCH`` wins, for reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch and epoch.isdigit() \
        else datetime.now(timezone.utc)
    return Literal(when.strftime("%Y-%m-%dT%H:%M:%SZ"), datatype=XSD.dateTime, normalize=False)


class _Iris:
    """The IRI of every record of a graph, by its id in the graph."""

    def __init__(self, graph: PlanGraph) -> None:
        self.graph = graph
        self.dopa = graph.policy.name == TH_ONE_PLAN.name

    def of(self, any_id: str, default_ns: str | None = None, area: bool = False) -> URIRef:
        """``default_ns``: the namespace of a reference that names no record."""
        g = self.graph
        record = g.get(any_id)
        ns, local = g.scope(any_id, record)
        if record is None and default_ns and not g.merged:
            ns = default_ns
        ns = ns or DEFAULT_NAMESPACE
        if self.dopa and (isinstance(record, Area) or (record is None and area)):
            return area_iri(local, record.kind if record is not None else None, ns)
        return node_iri(local, ns)

    def local(self, record) -> str:
        return self.graph.scope(record.id, record)[1]


def graph_to_rdf(graph: PlanGraph) -> Graph:
    """The RDF of a PlanGraph (instances only; the ontology is ``ontology_graph()``)."""
    out = bind_prefixes(Graph())
    add = out.add
    policy = graph.policy
    iris = _Iris(graph)
    namespaces = list(graph.workbooks) or [graph.namespace or DEFAULT_NAMESPACE]
    ds = dataset_iri(namespaces)
    add((ds, RDF.type, SL.PlanWorkbook))
    add((ds, DCTERMS.conformsTo, VERSION_IRI))
    add((ds, PROV.generatedAtTime, generated_at()))
    add((ds, SL.era, Literal(graph.era)))
    add((ds, SL.policyName, Literal(policy.name)))
    for ns in namespaces:
        add((ds, SL.sharedNamespace if ns in graph.shared else SL.namespace, Literal(ns)))
    for sheet in sorted(graph.sheets):
        add((ds, SL.sheet, Literal(sheet)))
    for key, value in graph.meta.items():
        add((ds, SL.metaValue, Literal(f"{key}={value}")))
    if policy.name != TH_ONE_PLAN.name:
        _write_policy(out, policy)
    agents = set(graph.plans) | set(graph.organizations)

    for sheet in SHEET_ORDER:
        if sheet == "links":
            continue
        for rec in graph.table(sheet).values():
            subj = iris.of(rec.id)
            own_ns = graph.scope(rec.id, rec)[0]
            add((subj, RDF.type, CLASSES[sheet]))
            if sheet in SKOS_TYPES:
                add((subj, RDF.type, SKOS_TYPES[sheet]))
            for column, (pred, kind) in COLUMN_MAP[sheet].items():
                value = getattr(rec, column)
                if value is None:
                    continue
                if kind == "id":
                    add((subj, pred, Literal(iris.local(rec))))
                elif kind == "period":
                    period = _bnode("period", str(subj))
                    end = column == "period_end"
                    add((subj, DCTERMS.temporal, period))
                    add((period, RDF.type, SL.Period))
                    add((period, SL.endYear if end else SL.startYear, _year(value)))
                    add((period, pred, _instant(value, end)))
                elif kind == "owner":
                    if value in graph.organizations:
                        add((subj, SL.owner, iris.of(value)))
                    else:
                        add((subj, SL.ownerName, Literal(graph.scope(value)[1] if graph.merged
                                                         and value.startswith(f"{own_ns}:") else value)))
                elif kind == "ref":
                    area = column == "area_id" or sheet == "areas"
                    add((subj, pred, iris.of(value, own_ns, area)))
                else:
                    add((subj, pred, _term(kind, value, policy)))
            if sheet == "elements":
                plan = iris.of(rec.plan_id)
                add((subj, SKOS.inScheme, plan))
                if rec.parent_id is None:
                    add((subj, SKOS.topConceptOf, plan))
            _write_extra(out, subj, rec.extra, str(subj))

    seen: dict[tuple, int] = {}
    for link in graph.links:
        ns = link.namespace or graph.namespace or DEFAULT_NAMESPACE
        source, target = iris.of(link.source_id, ns), iris.of(link.target_id, ns)
        key = (ns, source, target, link.relation)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        subj = link_iri(source, target, link.relation, occurrence, ns)
        add((subj, RDF.type, SL.Linkage))
        for column, (pred, kind) in COLUMN_MAP["links"].items():
            value = getattr(link, column)
            if value is None:
                continue
            if kind == "asserted_by":
                if value in agents:
                    add((subj, PROV.wasAttributedTo, iris.of(value)))
                else:
                    add((subj, SL.assertedByName, Literal(value)))
            elif kind == "ref":
                add((subj, pred, source if column == "source_id" else target))
            else:
                add((subj, pred, _term(kind, value, policy)))
        if link.relation in SHORTCUTS:
            add((source, SHORTCUTS[link.relation], target))
        _write_extra(out, subj, link.extra, str(subj))
    for line in graph.foreign_rdf:
        for triple in Graph().parse(data=line, format="nt"):
            add(triple)
    return out


def _term(kind: str, value, policy: Policy):
    if kind in ("id", "text"):
        return Literal(str(value))
    if kind in ("th", "en"):
        return Literal(str(value), lang=kind)
    if kind == "year":
        return _year(value)
    if kind == "budget":
        return _decimal(value)
    if kind == "bool":
        return Literal(bool(value))
    if kind == "level":
        return level_iri(value, policy.name)
    if kind in _ENUM_KINDS:
        iri = ENUM_IRIS[kind].get(value)
        return iri if iri is not None else Literal(str(value))
    raise AssertionError(kind)  # pragma: no cover


def _write_extra(out: Graph, subj, extra: dict, owner_key: str) -> None:
    for column, value in sorted(extra.items()):
        node = _bnode("extra", owner_key, column)
        out.add((subj, SL.extra, node))
        out.add((node, RDF.type, SL.ExtraValue))
        out.add((node, SL.columnName, Literal(column)))
        out.add((node, SL.value, Literal(str(value))))


def _write_policy(out: Graph, policy: Policy) -> None:
    pol = policy_iri(policy.name)
    out.add((pol, RDF.type, SL.Policy))
    out.add((pol, SL.policyName, Literal(policy.name)))
    for pos, level in enumerate(policy.levels):
        iri = level_iri(level.name, policy.name)
        out.add((iri, RDF.type, SL.Level))
        out.add((iri, SL.inPolicy, pol))
        out.add((iri, SKOS.notation, Literal(level.name)))
        out.add((iri, SL.position, Literal(pos)))
        if level.label_th:
            out.add((iri, RDFS.label, Literal(level.label_th, lang="th")))
        if level.label_en:
            out.add((iri, RDFS.label, Literal(level.label_en, lang="en")))


def rdf_format(path: str | Path | None, format: str | None = None) -> str:
    """The rdflib format for a file name or a format name (Turtle by default), from
    the one table of formats."""
    if format is None and path is None:
        return "turtle"
    if format is None and Path(path).suffix.lower() not in suffixes("rdf"):
        raise InputError.keyed("error.rdf.name", path=path, known=", ".join(suffixes("rdf")))
    fmt = named(format) if format else format_for(path)
    if fmt.name not in _RDFLIB:
        raise InputError.keyed("error.rdf.format", format=format)
    return _RDFLIB[fmt.name]


def write_rdf(graph: PlanGraph, path: str | Path | None = None,
              format: str | None = None) -> str | None:
    """Write ``graph`` as Turtle, JSON-LD, RDF/XML or N-Triples (by ``format`` or extension).

    With ``path`` None the text is returned; otherwise it is written as UTF-8.
    JSON-LD carries its context inline.
    """
    fmt = rdf_format(path, format)
    rdf = graph_to_rdf(graph)
    if fmt == "json-ld":
        text = rdf.serialize(format="json-ld", context=JSONLD_CONTEXT, auto_compact=True,
                             ensure_ascii=False)
    elif fmt == "xml":
        text = rdf.serialize(format="pretty-xml")
    else:
        text = rdf.serialize(format=fmt)
    if path is None:
        return text
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError.keyed("error.write.cannot_write", path=path, reason=exc.strerror) from None
    return None


# ==== reading ======================================================================
def read_rdf(path: str | Path, policy: Policy | None = None,
             format: str | None = None, external: dict[str, str] | None = None) -> PlanGraph:
    """Load a ``.ttl``, ``.jsonld`` or ``.nt`` file in the stratlink ontology.

    Raises ``InputError`` when the file cannot be read or parsed; problems
    with single records are load findings, as for a workbook.
    """
    path = Path(path)
    fmt = rdf_format(path, format)
    if not path.is_file():
        raise InputError.keyed("error.read.no_file", path=path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise InputError.keyed("error.read.cannot_read", path=path, reason=exc.strerror) from None
    except UnicodeDecodeError as exc:
        raise InputError.keyed("error.rdf.utf8", path=path, offset=exc.start) from None
    rdf = parse_rdf(text, fmt, str(path))
    graph = rdf_to_graph(rdf, policy, origin=str(path), external=external)
    graph.source = str(path)
    return graph


def parse_rdf(text: str, fmt: str, origin: str = "RDF") -> Graph:
    """Parse RDF text without touching the network; InputError if it is not valid."""
    if fmt == "json-ld":
        try:
            doc = json.loads(text)
            text = json.dumps(local_jsonld(doc, origin), ensure_ascii=False)
        except json.JSONDecodeError as exc:
            raise InputError.keyed("error.rdf.jsonld", origin=origin, line=exc.lineno, reason=exc.msg) from None
        except RecursionError:
            raise InputError.keyed("error.rdf.deep", origin=origin) from None
    try:
        with warnings.catch_warnings():  # rdflib's JSON-LD parser warns about its own internals
            warnings.simplefilter("ignore", DeprecationWarning)
            rdf = bind_prefixes(Graph()).parse(data=text, format=fmt)
    except Exception as exc:  # rdflib parsers raise many kinds
        detail = " ".join(str(exc).split())
        if len(detail) > 300:
            detail = detail[:300] + "..."
        raise InputError.keyed("error.rdf.invalid", origin=origin, format=_FORMAT_NAMES[fmt], reason=detail) from None
    for term in rdf.all_nodes():
        if isinstance(term, Literal) and _SURROGATE.search(str(term)):
            raise InputError.keyed("error.rdf.surrogate", origin=origin, literal=repr(str(term)[:40]))
    return rdf


_SURROGATE = re.compile("[\ud800-\udfff]")


def _fiscal_year(lit, end: bool) -> str:
    """The fiscal year a period bound names, as text: an integer (sl:startYear), a
    gYear, or an xsd:dateTime / xsd:date instant (1 October starts the next fiscal year)."""
    text = str(lit).strip()
    m = re.match(r"^(-?\d{4,})-(\d{2})-\d{2}", text)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        return str(year + 1 if month >= 10 else year)
    return text


#: predicates whose triples stratlink reads (or writes) as rows, names or metadata
_KNOWN_PREDICATES = {pred for cols in COLUMN_MAP.values() for pred, _ in cols.values()} | {
    SKOS.inScheme, SKOS.topConceptOf, SL.extra, SL.columnName, SL.value, RDF.value, SL.owner,
    SL.ownerName, SL.assertedByName, DCTERMS.temporal, SL.startYear, SL.endYear, SL.era, SL.sheet,
    SL.policyName, SL.namespace, SL.sharedNamespace, SL.metaValue, DCTERMS.conformsTo,
    PROV.generatedAtTime, SL.inPolicy, SKOS.notation, SL.position, RDFS.label, SKOS.prefLabel,
    *SHORTCUTS.values()}
#: classes stratlink writes
_KNOWN_CLASSES = {*CLASSES.values(), *SKOS_TYPES.values(), SL.PlanWorkbook, SL.Period,
                  DCTERMS.PeriodOfTime, SL.ExtraValue, SL.Level, SL.Policy}


def _known(triple) -> bool:
    _, p, o = triple
    if p == RDF.type:
        return o in _KNOWN_CLASSES
    return p in _KNOWN_PREDICATES


def local_jsonld(doc, origin: str = "JSON-LD"):
    """``doc`` with every ``@context`` inline; a remote context is an error, not a fetch.

    >>> try:
    ...     local_jsonld({"@context": "https://example.org/ctx.jsonld", "@id": "x"})
    ... except InputError as exc:
    ...     print(exc)  # doctest: +ELLIPSIS
    JSON-LD: the @context 'https://example.org/ctx.jsonld' is remote; stratlink never fetches contexts...
    """
    if isinstance(doc, list):
        return [local_jsonld(item, origin) for item in doc]
    if not isinstance(doc, dict):
        return doc
    out = {}
    for key, value in doc.items():
        if key == "@context":
            out[key] = _local_context(value, origin)
        else:
            out[key] = local_jsonld(value, origin)
    return out


def _local_context(ctx, origin: str):
    if ctx is None:
        return None
    if isinstance(ctx, str):
        if ctx.rstrip("#/") == CONTEXT_IRI:
            return dict(JSONLD_CONTEXT)
        raise InputError.keyed("error.rdf.remote_context", origin=origin, context=ctx)
    if isinstance(ctx, list):
        return [_local_context(c, origin) for c in ctx]
    if isinstance(ctx, dict):
        if "@import" in ctx:
            raise InputError.keyed("error.rdf.remote_import", origin=origin, context=ctx["@import"])
        return {k: local_jsonld(v, origin) if isinstance(v, (dict, list)) else v
                for k, v in ctx.items()}
    return ctx


def rdf_to_graph(rdf: Graph, policy: Policy | None = None, origin: str = "RDF",
                 external: dict[str, str] | None = None) -> PlanGraph:
    """A PlanGraph from RDF in the stratlink ontology, with the workbook's load findings."""
    reader = _Reader(rdf)
    meta_sheets, era = reader.metadata()
    rows = reader.rows()
    present = {s for s, r in rows.items() if r}
    if meta_sheets is None and not present:
        raise InputError.keyed("error.rdf.no_data", origin=origin)
    sheets = (meta_sheets if meta_sheets is not None else set(REQUIRED_SHEETS)) | present
    raw = {}
    for sheet in SHEET_ORDER:
        if sheet not in sheets:
            continue
        headers: list[str] = []
        for row in rows.get(sheet, []):
            headers += [k for k in row if k not in headers]
        raw[sheet] = RawSheet(sheet, origin, headers, [(None, row) for row in rows.get(sheet, [])])
    graph = build_graph(raw, policy or TH_ONE_PLAN, external)
    graph.load_findings = reader.findings + graph.load_findings
    if era is not None:
        graph.era = era
    graph.meta = reader.meta
    graph.foreign_rdf = reader.foreign()
    if graph.foreign_rdf:
        graph.load_findings.append(Finding.make(
            "UNKNOWN_TRIPLES", origin, [], None, count=len(graph.foreign_rdf),
            examples="; ".join(graph.foreign_rdf[:3])))
    if reader.multi:  # several workbooks: ids are namespace:id
        graph.workbooks = {ns: origin for ns in reader.namespaces}
        graph.shared = tuple(reader.shared)
        for sheet in SHEET_ORDER:
            for rec in graph.records(sheet):
                key = rec.key
                if ":" in key:
                    rec.namespace = key.split(":", 1)[0]
    elif reader.namespaces:
        graph.namespace = reader.namespaces[0]
    return graph


class _Reader:
    """Turns RDF into workbook rows ({column: text}), noting what cannot be a cell."""

    def __init__(self, rdf: Graph) -> None:
        self.rdf = rdf
        self.findings: list[Finding] = []
        self.namespaces: list[str] = []
        self.shared: list[str] = []
        self.meta: dict[str, str] = {}
        self.multi = False
        #: the triples that became rows (everything else is outside the vocabulary)
        self.used: set = set()

    def metadata(self) -> tuple[set[str] | None, str | None]:
        nodes = sorted(set(self.rdf.subjects(RDF.type, SL.PlanWorkbook)), key=str)
        if not nodes:
            return None, None
        rdf = self.rdf
        self.shared = sorted({str(v) for n in nodes for v in rdf.objects(n, SL.sharedNamespace)})
        own = sorted({str(v) for n in nodes for v in rdf.objects(n, SL.namespace)} - set(self.shared))
        self.namespaces = self.shared + own
        self.multi = len(self.namespaces) > 1
        for n in nodes:
            for v in sorted(rdf.objects(n, SL.metaValue), key=str):
                key, _, value = str(v).partition("=")
                self.meta.setdefault(key, value)
        sheets = {str(s) for n in nodes for s in self.rdf.objects(n, SL.sheet)} & set(SHEETS)
        eras = {str(e) for n in nodes for e in self.rdf.objects(n, SL.era)} & {"BE", "CE"}
        return sheets, ("BE" if "BE" in eras else "CE" if eras else None)

    def rows(self) -> dict[str, list[dict]]:
        out: dict[str, list[dict]] = {}
        for sheet in SHEET_ORDER:
            subjects = set(self.rdf.subjects(RDF.type, CLASSES[sheet]))
            rows = [self.row(sheet, s) for s in subjects]
            key = "source_id" if sheet == "links" else "id"
            rows.sort(key=lambda r: (r.get(key) is None, r.get(key) or "",
                                     json.dumps(sorted(r.items()), ensure_ascii=False)))
            out[sheet] = rows
        out["links"] += self.shortcut_rows(out["links"])
        return out

    def row(self, sheet: str, subj) -> dict:
        rdf = self.rdf
        row: dict[str, str | None] = {}
        for column, (pred, kind) in COLUMN_MAP[sheet].items():
            if kind == "id":
                values = [self.qualify(subj, str(v)) for v in rdf.objects(subj, pred)]
                if not values and id_from_iri(subj) is not None:
                    values = [self.qualify(subj, id_from_iri(subj))]
            elif kind in ("th", "en"):
                values = self.names(subj, kind)
            elif kind == "period":
                values = [_fiscal_year(v, column == "period_end")
                          for t in rdf.objects(subj, DCTERMS.temporal)
                          for v in rdf.objects(t, SL.endYear if column == "period_end" else SL.startYear)]
                if not values:  # DCAT only (other tools, or stratlink before 0.2)
                    values = [_fiscal_year(v, column == "period_end")
                              for t in rdf.objects(subj, DCTERMS.temporal) for v in rdf.objects(t, pred)]
            elif kind == "owner":
                values = [self.ref(v) for v in rdf.objects(subj, SL.owner)]
                values += [str(v) for v in rdf.objects(subj, SL.ownerName)]
            elif kind == "asserted_by":
                values = [self.ref(v) for v in rdf.objects(subj, PROV.wasAttributedTo)]
                values += [str(v) for v in rdf.objects(subj, SL.assertedByName)]
            elif kind == "ref":
                objs = list(rdf.objects(subj, pred))
                if column == "plan_id" and not objs:
                    objs = list(rdf.objects(subj, SKOS.inScheme))
                values = [self.ref(v) for v in objs]
            elif kind == "level":
                values = [self.level(v) for v in rdf.objects(subj, pred)]
            elif kind in _ENUM_KINDS:
                values = [self.word(v) for v in rdf.objects(subj, pred)]
            else:  # text, year, budget, bool: the literal's lexical form
                values = [str(v) for v in rdf.objects(subj, pred)]
            row[column] = self.one(sheet, row, column, values)
        extras: dict[str, list[str]] = {}
        for node in rdf.objects(subj, SL.extra):
            name = rdf.value(node, SL.columnName)
            value = rdf.value(node, SL.value)
            if value is None:
                value = rdf.value(node, RDF.value)  # stratlink before 0.2
            if name is not None and value is not None and str(name) not in COLUMN_MAP[sheet]:
                extras.setdefault(str(name), []).append(str(value))
        for name in sorted(extras):
            row[name] = self.one(sheet, row, name, extras[name])
        return row

    def one(self, sheet: str, row: dict, column: str, values: list) -> str | None:
        distinct = sorted({v for v in values if v is not None})
        if len(distinct) <= 1:
            return distinct[0] if distinct else None
        subject = row.get("source_id" if sheet == "links" else "id") or ""
        self.findings.append(Finding.make(
            "INVALID_VALUE", subject, [column], Location(sheet, None, column), column=column,
            reason="several_values", value=", ".join(distinct), dropped="value"))
        return None

    def names(self, subj, lang: str) -> list[str]:
        """The names in ``lang``: skos:prefLabel, else (for that language) rdfs:label."""
        out = self._in_lang(self.rdf.objects(subj, SKOS.prefLabel), lang)
        return out or self._in_lang(self.rdf.objects(subj, RDFS.label), lang)

    @staticmethod
    def _in_lang(labels, lang: str) -> list[str]:
        out = []
        for lit in labels:
            tag = (getattr(lit, "language", None) or "").lower()
            if not tag:
                tag = "th" if any("\u0e00" <= ch <= "\u0e7f" for ch in str(lit)) else "en"
            if tag.split("-")[0] == lang:
                out.append(str(lit))
        return out

    def qualify(self, node, local: str) -> str:
        """An id as the graph holds it: ``namespace:id`` when the RDF holds several
        workbooks (the namespace from the record's IRI)."""
        if not self.multi:
            return local
        scope = scope_from_iri(node)
        ns = scope[0] if scope and scope[0] else self.namespaces[0]
        return f"{ns}:{local}"

    def foreign(self) -> list[str]:
        """The triples outside stratlink's vocabulary, as sorted N-Triples lines."""
        out = []
        for triple in self.rdf:
            if _known(triple):
                continue
            out.append(" ".join(t.n3() for t in triple) + " .")
        return sorted(out)

    def ref(self, node) -> str | None:
        """The id a reference names: its dcterms:identifier, else what its IRI encodes."""
        if isinstance(node, Literal):
            return str(node)
        ids = sorted({str(v) for v in self.rdf.objects(node, DCTERMS.identifier)})
        if len(ids) == 1:
            return self.qualify(node, ids[0])
        if isinstance(node, URIRef):
            local = id_from_iri(node)
            return self.qualify(node, local) if local is not None else str(node)
        return None

    def level(self, node) -> str:
        if isinstance(node, Literal):
            return str(node)
        name = level_from_iri(node)
        if name is None:
            notation = self.rdf.value(node, SKOS.notation)
            name = str(notation) if notation is not None else str(node)
        return name

    def word(self, node) -> str:
        if isinstance(node, Literal):
            return str(node)
        if node in WORD_OF:
            return WORD_OF[node]
        notation = self.rdf.value(node, SKOS.notation)
        return str(notation) if notation is not None else str(node)

    def shortcut_rows(self, link_rows: list[dict]) -> list[dict]:
        """Links given only as shortcut triples (``P sl:contributesTo S``), not as nodes."""
        covered = set()
        for row in link_rows:
            relation = row.get("relation") or "contributes_to"
            covered.add((row.get("source_id"), row.get("target_id"), relation))
            if relation == "conflicts_with":
                covered.add((row.get("target_id"), row.get("source_id"), relation))
        extra = []
        for relation, prop in SHORTCUTS.items():
            for s, o in sorted(self.rdf.subject_objects(prop), key=lambda so: (str(so[0]), str(so[1]))):
                key = (self.ref(s), self.ref(o), relation)
                if key in covered:
                    continue
                covered.add(key)
                if relation == "conflicts_with":
                    covered.add((key[1], key[0], relation))
                extra.append({"source_id": key[0], "target_id": key[1], "relation": relation})
        return extra
