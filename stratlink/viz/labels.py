"""Names and levels beside ids: what people read next to ``PRJ-043``.

A :class:`Labels` answers, for an id a result mentions, its name in a language and
the label of its ladder level. :meth:`Labels.from_graph` reads them lazily from a
loaded graph (nothing is copied, so a million-project graph costs nothing extra);
:meth:`Labels.from_rows` takes rows fetched elsewhere (e.g. from Neo4j).

>>> from stratlink.graph_model import PlanGraph, Plan, Project
>>> g = PlanGraph(); g.add(Plan("PV", "province", name_th="แผนพัฒนาจังหวัด"))
>>> g.add(Project("P1", "PV", name_th="ถนนสายหลัก", name_en="Main road"))
>>> lab = Labels.from_graph(g)
>>> lab.name("P1", "th"), lab.name("P1", "en"), lab.name("nope", "en")
('ถนนสายหลัก', 'Main road', '')
>>> lab.level("P1", "th"), lab.level("P1", "en")
('แผนพัฒนาจังหวัด', 'Provincial development plan')
"""

from __future__ import annotations

from collections.abc import Iterable

from stratlink.graph_model import PlanGraph, Policy


def pick(name_th: str | None, name_en: str | None, lang: str) -> str:
    """The name in ``lang``, else the other one, else ''."""
    first, second = (name_th, name_en) if lang == "th" else (name_en, name_th)
    return first or second or ""


class Labels:
    """Names and level labels of ids, in Thai or English."""

    def __init__(self, lookup, level_of, policy: Policy | None) -> None:
        self._lookup = lookup      # id -> (name_th, name_en) or None
        self._level_of = level_of  # id -> level name or None
        self.policy = policy

    @classmethod
    def from_graph(cls, graph: PlanGraph) -> Labels:
        def lookup(i):
            rec = graph.get(i)
            return (getattr(rec, "name_th", None), getattr(rec, "name_en", None)) if rec else None

        return cls(lookup, graph.level, graph.policy)

    @classmethod
    def from_rows(cls, rows: Iterable[dict], policy: Policy | None = None) -> Labels:
        """From dicts with ``id``, ``name_th``, ``name_en`` and (for nodes) ``level``."""
        names, levels = {}, {}
        for r in rows:
            names[r["id"]] = (r.get("name_th"), r.get("name_en"))
            if r.get("level"):
                levels[r["id"]] = r["level"]
        return cls(names.get, levels.get, policy)

    def name(self, node_id: str, lang: str = "en") -> str:
        found = self._lookup(node_id)
        return pick(*found, lang) if found else ""

    def level(self, node_id: str, lang: str = "en") -> str:
        """The label of the node's ladder level in ``lang`` (the level name without one)."""
        name = self._level_of(node_id)
        if not name:
            return ""
        if self.policy is not None and name in self.policy.level_names:
            lvl = self.policy.level(name)
            return pick(lvl.label_th, lvl.label_en, lang) or name
        return name

    def titled(self, node_id: str, lang: str = "en") -> str:
        """``id name`` (just the id when it has no name)."""
        name = self.name(node_id, lang)
        return f"{node_id} {name}" if name else node_id


__all__ = ["Labels", "pick"]
