"""``validate``: load a workbook, then check it against the SHACL shapes.

The report holds the load findings (sheet, row, column) and one finding per SHACL
result (code ``SHACL``, stratlink's own code), and maps to the CLI's exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from stratlink import progress
from stratlink.graph_model import Finding, PlanGraph, load_policy
from stratlink.i18n import text
from stratlink.loaders import load
from stratlink.loaders.formats import detect


@dataclass
class ValidationReport:
    graph: PlanGraph
    findings: list[Finding]
    shacl_ran: bool = False
    shacl_conforms: bool | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)

    def summary_line(self, lang: str = "en") -> str:
        c = self.graph.counts()
        status = self.shacl_conforms if self.shacl_ran else None
        shacl = text({True: "validate.shacl.conforms", False: "validate.shacl.fails",
                      None: "validate.shacl.not_run"}[status], lang)
        return text("validate.summary", lang, errors=self.errors, warnings=self.warnings,
                    plans=c["plans"], elements=c["elements"], projects=c["projects"],
                    links=c["links"], shacl=shacl)

    def to_dict(self, lang: str = "en") -> dict:
        c = self.graph.counts()
        return {
            "summary": {"errors": self.errors, "warnings": self.warnings,
                        "projects": c["projects"], "shacl_conforms": self.shacl_conforms},
            "findings": [f.to_dict(lang) for f in self.findings],
        }


def validate(data: str | Path, policy=None, encoding: str | None = None,
             shacl: bool = True, lang: str = "en", format: str | None = None) -> ValidationReport:
    """Load ``data`` (in ``format``, else by its name and content) and, with ``shacl``,
    validate it against the shapes: an RDF input as given, a workbook as stratlink
    would write it in RDF."""
    pol = load_policy(policy) if not hasattr(policy, "levels") else policy
    graph = load(data, pol, encoding, format=format)
    report = ValidationReport(graph, list(graph.load_findings))
    if shacl:
        try:
            import pyshacl  # noqa: F401  (optional: the 'shacl' extra)
        except ImportError:
            report.notes.append("SHACL skipped: pip install 'stratlink[shacl]'")
            return report
        # rdflib and pyshacl are heavy: imported only when SHACL runs
        from stratlink.loaders.rdf import graph_to_rdf, parse_rdf, rdf_format
        from stratlink.loaders.shacl import shacl_findings  # (same)

        path = Path(data)
        fmt = detect(path, format)
        if fmt.kind == "rdf":
            rdf = parse_rdf(path.read_bytes().decode("utf-8-sig"), rdf_format(path, fmt.name), str(path))
        else:
            rdf = graph_to_rdf(graph)
        with progress.task("progress.validate"):
            conforms, extra = shacl_findings(rdf, lang)
        report.shacl_ran = True
        report.shacl_conforms = conforms
        report.findings.extend(extra)
    return report
