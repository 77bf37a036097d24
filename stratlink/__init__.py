"""stratlink: a strategy-linkage knowledge graph for Thailand's One Plan.

The package is layered; data flows one way::

    loaders (workbook, RDF, Neo4j) -> graph_model -> queries -> cli / viz
"""

__version__ = "0.1.0"

from stratlink.graph_model import PlanGraph, Policy, TH_ONE_PLAN  # noqa: E402

__all__ = ["PlanGraph", "Policy", "TH_ONE_PLAN", "__version__"]
