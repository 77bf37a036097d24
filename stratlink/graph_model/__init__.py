"""Typed nodes, links and policy, and the one in-memory graph (imports nothing else
from stratlink)."""

from stratlink.graph_model.codes import ENGINE_STAGES, INFO, REGISTRY, Code, engine_codes, register
from stratlink.graph_model.findings import (
    CODES,
    ERROR,
    LOAD_CODES,
    WARNING,
    Finding,
    Location,
    at_or_above,
)
from stratlink.graph_model.graph import UPWARD_RELATIONS, PlanGraph, summarize
from stratlink.graph_model.model import (
    AREA_KINDS,
    RECORD_TYPES,
    RELATIONS,
    REQUIRED_SHEETS,
    ROLES,
    SECTORS,
    SHEET_ORDER,
    SHEETS,
    STAGES,
    Area,
    Element,
    Link,
    Organization,
    Plan,
    Project,
    Record,
    ValueChain,
)
from stratlink.graph_model.policy import TH_ONE_PLAN, Level, Policy, PolicyError, load_policy

__all__ = [
    "AREA_KINDS", "CODES", "ENGINE_STAGES", "ERROR", "INFO", "LOAD_CODES", "REGISTRY", "Code",
    "engine_codes", "register", "RECORD_TYPES", "RELATIONS", "REQUIRED_SHEETS",
    "ROLES", "SECTORS", "SHEETS", "SHEET_ORDER", "STAGES", "TH_ONE_PLAN", "UPWARD_RELATIONS",
    "WARNING", "Area", "Element", "Finding", "Level", "Link", "Location", "Organization", "Plan",
    "PlanGraph", "Policy", "PolicyError", "Project", "Record", "ValueChain", "at_or_above",
    "load_policy", "summarize",
]
