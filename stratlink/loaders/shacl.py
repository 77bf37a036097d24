"""SHACL validation results as findings (code ``SHACL``, stratlink's own code)."""

from __future__ import annotations

from stratlink.graph_model import Finding
from stratlink.ontology import validate


def shacl_findings(rdf, lang: str = "en") -> tuple[bool, list[Finding]]:
    """Validate an rdflib graph against stratlink's shapes.

    Returns ``(conforms, findings)``; each SHACL result is an error finding whose
    subject is the record's id and whose related list names the property.
    """
    conforms, results = validate(rdf, lang)
    findings = []
    for focus, path, message in results:
        prop = _local_name(path) if path else ""
        findings.append(Finding.make("SHACL", focus, (prop,) if prop else (), None,
                                     text=message, property=prop))
    return conforms, findings


def _local_name(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            iri = iri.rsplit(sep, 1)[1]
    return iri
