"""The import graph of the package, parsed with ``ast``: data flows one way
(sources -> loaders -> graph_model -> queries -> cli/viz). ``queries`` never imports
``loaders`` or ``neo4j``; ``graph_model`` imports only ``errors`` and ``i18n``; no
package imports one above it. Imports inside functions are only for optional heavy
dependencies (and are marked with a comment saying so)."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "stratlink"

#: what each part of the package may import (besides itself)
ALLOWED = {
    "version": set(),
    "progress": set(),
    "i18n": set(),
    "errors": {"i18n"},
    "graph_model": {"errors", "i18n"},
    "ontology": {"errors", "i18n", "graph_model"},
    "data": {"errors"},
    "loaders": {"progress", "version", "errors", "i18n", "graph_model", "ontology", "data"},
    "queries": {"progress", "version", "errors", "i18n", "graph_model"},
    "neo4j": {"progress", "version", "errors", "i18n", "graph_model", "queries"},
    "viz": {"progress", "version", "errors", "i18n", "graph_model", "queries", "loaders"},
}
#: the top: may import any part (never each other's internals by name checks here)
TOP = {"cli", "__init__", "conftest", "wide"}


#: modules whose function-local imports are not checked (none: every one says why)
NOT_YET_CHECKED: set[str] = set()


#: a function-local import's comment names one of these reasons (or "same" as the one above)
REASONS = ("heavy", "optional", "extra", "cycle", "lazy", "only", "needs", "same")


def part_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("").as_posix().replace("/", ".")
    return rel.removesuffix(".__init__")


def _is_submodule(name: str) -> bool:
    return (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").exists()


def import_edges() -> dict[str, set[tuple[str, str, int]]]:
    """part -> {(imported part, file, line)} for every ``stratlink`` import."""
    edges: dict[str, set[tuple[str, str, int]]] = defaultdict(set)
    for path in sorted(PACKAGE.rglob("*.py")):
        src = part_of(module_name(path))
        rel = path.relative_to(PACKAGE.parent).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module == "stratlink":
                    targets = [f"stratlink.{a.name}" if _is_submodule(a.name) else "stratlink"
                               for a in node.names]
                elif node.module.startswith("stratlink."):
                    targets = [node.module]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names if a.name.startswith("stratlink.")]
            for t in targets:
                dst = part_of(t)
                if dst != src:
                    edges[src].add((dst, rel, node.lineno))
    return edges


def _leaves(edges) -> set[str]:
    """Parts not in ALLOWED (added later) that import nothing but errors and i18n."""
    parts = {part_of(module_name(p)) for p in PACKAGE.rglob("*.py")}
    return {p for p in parts - set(ALLOWED) - TOP
            if {d for d, _, _ in edges.get(p, ())} <= {"errors", "i18n"}}


def test_no_import_goes_against_the_flow():
    edges = import_edges()
    leaves = _leaves(edges)
    bad = []
    for src, allowed in ALLOWED.items():
        for dst, rel, line in sorted(edges.get(src, ())):
            if dst not in allowed and dst not in leaves:
                bad.append(f"{rel}:{line}: {src} imports {dst}")
    assert not bad, "\n".join(bad)


def test_queries_never_imports_loaders_or_neo4j_and_graph_model_is_a_base():
    edges = import_edges()
    assert not {d for d, _, _ in edges["queries"]} & {"loaders", "neo4j", "viz", "cli"}
    assert {d for d, _, _ in edges["graph_model"]} <= {"errors", "i18n"}
    assert {d for d, _, _ in edges["i18n"]} <= {"errors"}


def test_imports_inside_functions_are_optional_dependencies_only():
    """A function-local import must say why (a comment on its line or the line above:
    an optional or heavy dependency, or an import cycle); stratlink's own modules are
    imported at module level."""
    bad = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).as_posix()
        if rel in NOT_YET_CHECKED:
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for fn in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(fn):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    here, above = lines[node.lineno - 1], lines[node.lineno - 2]
                    why = here.split("#", 1)[1] if "#" in here else \
                        above.strip()[1:] if above.strip().startswith("#") else ""
                    if not any(w in why.lower() for w in REASONS):
                        bad.append(f"{rel}:{node.lineno}: {here.strip()}")
    assert not bad, "\n".join(bad)
