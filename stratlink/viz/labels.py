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
        if not graph.materialised:  # a columnar load: read the few names asked for
            return cls._from_columns(graph)

        def lookup(i):
            rec = graph.get(i)
            return (getattr(rec, "name_th", None), getattr(rec, "name_en", None)) if rec else None

        return cls(lookup, graph.level, graph.policy)

    @classmethod
    def _from_columns(cls, graph: PlanGraph) -> Labels:
        """Names and levels straight from the columnar form, so that showing the names
        of a few hundred findings does not build a typed record for every row of a
        million-project graph (which took 13 s and 2 GB at 1M). The id -> row maps are
        made on the first lookup, one sheet at a time, in the order ``graph.get`` uses."""
        cols = graph.columns()
        order = ("plans", "elements", "projects", "value_chains", "areas", "organizations")
        index: dict[str, dict[str, int]] = {}

        def rows_of(sheet: str) -> dict[str, int]:
            if sheet not in index:
                rows: dict[str, int] = {}
                for k, v in enumerate(cols[sheet]["id"].to_pylist()):
                    rows.setdefault(v, k)  # the first record of an id, as the loader keeps
                index[sheet] = rows
            return index[sheet]

        def value(sheet: str, col: str, k: int):
            arr = cols[sheet].cols.get(col)
            return None if arr is None else arr[k].as_py()

        def find(i: str) -> tuple[str, int] | None:
            for sheet in order:
                if sheet in cols and i in rows_of(sheet):
                    return sheet, rows_of(sheet)[i]
            return None

        def lookup(i):
            hit = find(i)
            return (value(hit[0], "name_th", hit[1]), value(hit[0], "name_en", hit[1])) if hit else None

        def level_of(i):
            for sheet in ("elements", "projects"):
                if sheet in cols and i in rows_of(sheet):
                    plan = value(sheet, "plan_id", rows_of(sheet)[i])
                    k = rows_of("plans").get(plan) if plan is not None else None
                    return value("plans", "level", k) if k is not None else None
            return None

        return cls(lookup, level_of, graph.policy)

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
