"""The linkage map: a layered picture of the upward graph, one self-contained HTML file.

The layout is computed here, from the policy's ladder, not by a physics simulation:
each level of the ladder is a band, its plan elements on one row and the projects of
its plans on the row below, the top level (the National Strategy) at the top and
village projects at the bottom. Inside a row, nodes are ordered by the mean x of what
they link up to (one top-down barycentre pass), so lines mostly run straight down;
a long row is staggered over three lanes and wrapped every :data:`ROW_WRAP` nodes.

Size limits (the page says when one applies):

* more than :data:`MAX_PROJECTS` projects in view: projects are drawn as counted
  groups, one per element they link to (their first primary link or parent edge;
  a project that reaches no element in view joins the "unlinked" group of its level);
* more than :data:`MAX_ELEMENTS` plan elements in view: whole levels are shown from
  the top while they fit, then the root elements (no parent) of the next level; what
  is below is folded into the groups of the element it leads up to.

The drawing is a pyvis :class:`~pyvis.network.Network` (:func:`map_network`, built by
:mod:`stratlink.viz.network`) whose nodes, edges and options are serialised into
stratlink's own one-file page with the vendored vis-network (see ``assets/VENDOR.md``);
pyvis's page template is not used (it pulls assets from CDNs).

>>> import stratlink as sl
>>> g = sl.load("examples/roiet-2561")
>>> data = map_data(g, lang="en")
>>> len(data["nodes"]) == len(g.elements) + len(g.projects)
True
>>> top = next(n for n in data["nodes"] if n["key"] == "NS-S1")
>>> village = next(n for n in data["nodes"] if n["key"] == "PRJ-068")
>>> top["y"] < village["y"]
True
>>> "<script" in map_html(g, focus="PRJ-068").split("application/json")[1].split("</script>")[0]
False
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from stratlink import progress
from stratlink.errors import QueryError
from stratlink.graph_model import PlanGraph
from stratlink.queries import CheckReport, check, trace, trace_down
from stratlink.viz import page
from stratlink.viz.network import to_network
from stratlink.viz.words import word

#: Above this many projects in view, projects are drawn as counted groups per element.
MAX_PROJECTS = 400
#: Above this many plan elements in view, lower levels are folded into the groups.
MAX_ELEMENTS = 600
#: At most this many upward paths in a focus view.
MAX_FOCUS_PATHS = 50
#: A row longer than this is wrapped onto further lines.
ROW_WRAP = 60

LEVEL_COLOURS = ("#1a3f8f", "#6a3d9a", "#1b7837", "#00838f", "#d2691e", "#8d5524", "#ad1457",
                 "#455a64", "#2e7d32", "#5d4037")
ERROR_COLOUR = "#d50000"
WARNING_COLOUR = "#f9a825"
PATH_COLOUR = "#1565c0"
STAGE_SHAPES = {"upstream": "triangle", "midstream": "diamond", "downstream": "triangleDown"}
EDGE_STYLES = {
    "parent": {"color": "#9e9e9e", "width": 1.5, "dashes": False, "arrows": "to"},
    "primary": {"color": "#37474f", "width": 2, "dashes": False, "arrows": "to"},
    "secondary": {"color": "#78909c", "width": 1.5, "dashes": [8, 5], "arrows": "to"},
    "aligns": {"color": "#0277bd", "width": 1.5, "dashes": [2, 5], "arrows": "to"},
    "conflict": {"color": "#ef6c00", "width": 3, "dashes": [12, 6], "arrows": ""},
    "downward": {"color": ERROR_COLOUR, "width": 4, "dashes": False, "arrows": "to"},
    "cycle": {"color": "#8e24aa", "width": 4, "dashes": False, "arrows": "to"},
    "group": {"color": "#90a4ae", "width": 2, "dashes": False, "arrows": "to"},
    "path": {"color": PATH_COLOUR, "width": 3, "dashes": False, "arrows": "to"},
}
#: Findings that also mark their related nodes (members, dead ends, the conflicting pair).
MARKS_RELATED = ("CYCLE", "BROKEN_CHAIN", "CONFLICTING_TARGETS", "DUPLICATE_PROJECT")

_X_GAP = 235       # one lane: room for a 190 px box
_LANE_GAP = 75     # x step between neighbours when staggered over 3 lanes
_LANE_DY = 62      # y step between lanes of projects (a shape, its label below)
_BOX_LANE_DY = 100  # y step between lanes of plan elements: a box of three lines is ~80 px
_ROW_DY = 140      # base distance between rows
_LABEL_CHARS = 30
_FOCUS_ROW_DY = 135  # row pitch of a focus view (type 1.8 times larger)
_FOCUS_BAND_GAP = 30
_FOCUS_BOX_WIDTH = 520


def map_data(graph: PlanGraph, *, focus: str | None = None, down: bool = False,
             levels: Iterable[str] | None = None, plans: Iterable[str] | None = None,
             lang: str = "th", report: CheckReport | None = None) -> dict:
    """The map as plain data (nodes with positions, edges, findings, legend, notes):
    what :func:`map_html` embeds in the page. Arguments as for :func:`map_html`."""
    return _MapBuilder(graph, lang, report).build(focus, down, levels, plans)


def map_html(graph: PlanGraph, *, focus: str | None = None, down: bool = False,
             levels: Iterable[str] | None = None, plans: Iterable[str] | None = None,
             lang: str = "th", report: CheckReport | None = None) -> str:
    """The linkage map as one self-contained HTML page (works offline; no remote URL).

    Parameters
    ----------
    graph:
        A loaded :class:`~stratlink.graph_model.PlanGraph`.
    focus:
        A project or element id: show only its upward paths, numbered (the trace).
    down:
        With ``focus``: show everything beneath it instead (``trace --down``).
    levels:
        Show only nodes at these levels (names or Thai/English labels of the policy).
    plans:
        Show only nodes of these plans (plan ids).
    lang:
        ``"th"`` or ``"en"``: the language of labels, legend and notes.
    report:
        A :class:`~stratlink.queries.CheckReport` of ``graph`` to draw (default:
        ``stratlink.check(graph)``).

    Returns
    -------
    str
        The HTML page.

    Raises
    ------
    UnknownNodeError
        ``focus`` is not a project or element.
    QueryError
        An unknown level or plan, or ``down`` without ``focus``.

    Examples
    --------
    >>> import stratlink as sl
    >>> page = map_html(sl.load("examples/roiet-2561"), focus="PRJ-068", lang="en")
    >>> page.startswith("<!DOCTYPE html>"), "<script src" in page, "PRJ-068" in page
    (True, False, True)
    """
    data = map_data(graph, focus=focus, down=down, levels=levels, plans=plans, lang=lang,
                    report=report)
    return page.render("map.html", LANG=page.esc(data["lang"]), TITLE=page.esc(data["title"]),
                       DATA=page.embed_json(page_data(data)), **page.vendor_parts())


def map_network(graph: PlanGraph, *, focus: str | None = None, down: bool = False,
                levels: Iterable[str] | None = None, plans: Iterable[str] | None = None,
                lang: str = "th", report: CheckReport | None = None):
    """The linkage map as a pyvis :class:`~pyvis.network.Network` (arguments as for
    :func:`map_html`): the nodes at the layout's positions with physics off, the lines,
    and the vis-network options; what :func:`map_html` draws. Needs pyvis
    (``pip install 'stratlink[viz]'``); see :mod:`stratlink.viz.network`.

    >>> import stratlink as sl
    >>> net = map_network(sl.load("examples/roiet-2561"), focus="PRJ-068")
    >>> len(net.nodes), net.options["physics"]["enabled"]  # 14 nodes and the names of 7 levels
    (21, False)
    """
    return to_network(map_data(graph, focus=focus, down=down, levels=levels, plans=plans, lang=lang,
                               report=report))


#: What the page keeps of each node besides the Network: its id, position, and the text of
#: its hover details and side panel (how it is drawn is in the Network alone).
_PAGE_NODE_KEYS = ("id", "key", "x", "y", "type", "level", "label", "title", "count", "f", "d")


def page_data(data: dict) -> dict:
    """What a page embeds: ``data`` and, under ``"network"``, the pyvis Network's
    ``nodes``, ``edges`` and ``options`` (the page draws those)."""
    net = to_network(data)
    nodes = [{k: n[k] for k in _PAGE_NODE_KEYS if k in n} for n in data["nodes"]]
    return dict(data, nodes=nodes, network={"nodes": net.nodes, "edges": net.edges, "options": net.options})


def write_map(graph: PlanGraph, path: str | Path, **options) -> Path:
    """Write :func:`map_html` (same keyword options) to ``path``; return the path.

    Examples
    --------
    >>> import stratlink as sl, tempfile, os
    >>> out = write_map(sl.load("examples/roiet-2561"), os.path.join(tempfile.mkdtemp(), "m.html"))
    >>> out.stat().st_size > 100_000
    True
    """
    with progress.task("progress.map", None, path=str(path)):
        return page.write_text(path, map_html(graph, **options))


# ---------------------------------------------------------------------------------------
class _MapBuilder:
    def __init__(self, graph: PlanGraph, lang: str, report: CheckReport | None) -> None:
        self.g = graph
        self.lang = "th" if lang == "th" else "en"
        self.report = report if report is not None else check(graph)
        self.policy = graph.policy
        self.succ = graph.successors_map()
        self.index: dict[str, int] = {}        # node key -> vis id
        self.notes: list[str] = []
        self.severities = Counter((f.subject, f.severity) for f in self.report.findings)
        plan_level = {pid: plan.level for pid, plan in graph.plans.items()}
        #: node -> level of its plan (one pass; PlanGraph.level per node is slow at 100k)
        self.level_of = {n: plan_level.get(rec.plan_id) for table in (graph.elements, graph.projects)
                         for n, rec in table.items()}
        self.edges = list(graph.upward_edges())

    # ---- public entry ------------------------------------------------------------------
    def build(self, focus, down, levels, plans) -> dict:
        g, w = self.g, self.lang
        self.focus_key = focus
        view, paths, title = self._view(focus, down)
        view = self._filter(view, levels, plans)
        groups, shown = self._collapse(view, focused=bool(focus) and not down)
        # few nodes (a focus view): bigger type and room, so a projector shows it well
        self.k = 1.8 if len(shown) + len(groups) <= 40 else 1.0
        findings, marks = self._findings()
        rows = self._rows(shown, groups)
        positions = self._layout(rows, shown, groups)
        nodes = [self._node(k, positions[k], findings, marks) for row in rows for k in row
                 if k not in groups]
        nodes += [self._group_node(k, positions[k], groups[k], findings) for k in groups]
        edges = self._edges(shown, groups, paths)
        # embed only the findings of drawn nodes (a grouped national map draws few of them)
        used = sorted({i for n in nodes for i in n["f"]})
        renumber = {old: new for new, old in enumerate(used)}
        for n in nodes:
            n["f"] = [renumber[i] for i in n["f"]]
        findings = [findings[i] for i in used]
        if not nodes:
            self.notes.append(word("note_empty", w))
        return {
            "lang": w,
            "title": title,
            "subtitle": g.source or "",
            "notes": self.notes,
            "nodes": nodes,
            "edges": edges,
            "findings": [{"code": f.code, "severity": f.severity, "subject": f.subject,
                          "message": f.message(w)} for f in findings],
            "paths": [[self.index[k] for k in p] for p in paths],
            "pathKeys": [list(p) for p in paths],
            "focus": self.index.get(focus) if focus else None,
            "legend": self._legend(bool(groups), bool(paths)),
            "bands": self._bands(rows, positions),
            "edgeStyles": EDGE_STYLES,
            "boxWidth": self._box_width(),
            "font": page.FONT_STACK,
            "text": {k: word(k, w) for k in ("legend", "levels", "shapes", "lines", "marks",
                                             "findings", "no_findings", "click_hint", "paths",
                                             "all_paths", "fit", "close", "error", "warning",
                                             "large_type", "side_panel")},
        }

    # ---- which nodes -------------------------------------------------------------------
    def _view(self, focus, down) -> tuple[set[str], list[tuple[str, ...]], str]:
        g, w = self.g, self.lang
        if not focus:
            if down:
                raise QueryError.keyed("error.viz.down_needs_focus")
            return set(g.nodes()), [], word("map_title", w)
        name = self._name(focus)
        if down:
            result = trace_down(g, focus)  # raises UnknownNodeError for a bad id
            beneath = self._beneath(focus)
            self.notes.append(word("note_beneath", w, n=len(result.projects), name=focus))
            return beneath, [], word("down_title", w, name=f"{focus} {name}".strip())
        t = trace(g, focus, max_paths=MAX_FOCUS_PATHS)
        view = {n for p in t.paths for n in p} | {focus}
        if self.level_of.get(focus) == self.policy.top_level:
            self.notes.append(word("note_is_top", w, name=focus, top=self._level_label(self.policy.top_level)))
        elif t.complete:
            self.notes.append(word("note_reaches", w, name=focus, tops=", ".join(t.reaches),
                                   n=len(t.paths)))
        else:
            self.notes.append(word("note_incomplete", w, name=focus, top=self._level_label(
                self.policy.top_level)))
        if t.truncated:
            self.notes.append(word("note_truncated", w, n=len(t.paths)))
        return view, list(t.paths), word("focus_title", w, name=f"{focus} {name}".strip())

    def _beneath(self, goal: str) -> set[str]:
        preds: dict[str, list[str]] = defaultdict(list)
        for s, targets in self.succ.items():
            for t in targets:
                preds[t].append(s)
        seen, stack = {goal}, [goal]
        while stack:
            for p in preds.get(stack.pop(), ()):
                if p not in seen:
                    seen.add(p)
                    stack.append(p)
        return seen

    def _filter(self, view: set[str], levels, plans) -> set[str]:
        g, w = self.g, self.lang
        what = []
        if levels:
            wanted = set()
            for raw in levels:
                name = raw if raw in self.policy.level_names else self.policy.level_for(raw)
                if name is None:
                    raise QueryError.keyed("error.viz.unknown_level", level=raw,
                                           known=", ".join(self.policy.level_names))
                wanted.add(name)
            view = {n for n in view if self.level_of.get(n) in wanted}
            what += [self._level_label(lv) for lv in self.policy.level_names if lv in wanted]
        if plans:
            wanted = set(plans)
            unknown = sorted(wanted - set(g.plans))
            if unknown:
                raise QueryError.keyed("error.viz.unknown_plan", plan=unknown[0])
            view = {n for n in view if g.node(n).plan_id in wanted}
            what += sorted(wanted)
        if what:
            self.notes.append(word("note_filter", w, what=", ".join(what)))
        return view

    # ---- collapsing ----------------------------------------------------------------------
    def _collapse(self, view: set[str], focused: bool):
        """(groups, shown): groups maps a group key to its members; shown is the set of
        individual nodes drawn."""
        g, w = self.g, self.lang
        projects = [n for n in view if n in g.projects]
        elements = [n for n in view if n in g.elements]
        shown_el = set(elements)
        if len(elements) > MAX_ELEMENTS and not focused:
            shown_el = self._cut_elements(elements)
        if (len(projects) <= MAX_PROJECTS or focused) and len(shown_el) == len(elements):
            return {}, view
        shown = set(shown_el)
        rep = self._representatives(view, shown)
        groups: dict[str, dict] = {}
        for n in sorted(view - shown):
            r = rep.get(n)
            key = ("group", r) if r is not None else ("unlinked", self.level_of.get(n) or "")
            grp = groups.setdefault(key, {"rep": r, "level": key[1] if r is None else None,
                                          "projects": [], "elements": 0})
            if n in g.projects:
                grp["projects"].append(n)
            else:
                grp["elements"] += 1
        groups = {k: v for k, v in groups.items() if v["projects"]}
        self.notes.append(word("note_grouped", w, projects=f"{len(projects):,}", limit=f"{MAX_PROJECTS:,}"))
        return groups, shown

    def _cut_elements(self, elements: list[str]) -> set[str]:
        g, w = self.g, self.lang
        by_level: dict[str, list[str]] = defaultdict(list)
        for n in elements:
            by_level[self.level_of.get(n)].append(n)
        shown: set[str] = set()
        for lv in self.policy.level_names:
            members = by_level.get(lv, [])
            if len(shown) + len(members) <= MAX_ELEMENTS:
                shown.update(members)
                continue
            roots = [n for n in members if not _has_parent(g, n)]
            key = "note_cut_level"
            if len(shown) + len(roots) <= MAX_ELEMENTS:
                shown.update(roots)
                key = "note_cut"
            self.notes.append(word(key, w, elements=f"{len(elements):,}", limit=f"{MAX_ELEMENTS:,}",
                                   level=self._level_label(lv)))
            break
        return shown

    def _representatives(self, view: set[str], shown: set[str]) -> dict[str, str]:
        """Each node of the view -> the shown element it leads up to first (parent edge
        or primary link before others, then by id), following hidden elements."""
        firsts = self._first_successors(view)
        rep: dict[str, str | None] = {n: n for n in shown}
        for start in view:
            if start in rep:
                continue
            trail, n = [], start
            seen = set()
            while n is not None and n not in rep and n not in seen:
                seen.add(n)
                trail.append(n)
                n = firsts.get(n)
            r = rep.get(n) if n is not None else None
            for t in trail:
                rep[t] = r
        return {k: v for k, v in rep.items() if v is not None}

    def _first_successors(self, view: set[str]) -> dict[str, str]:
        ranked: dict[str, tuple] = {}
        for s, t, link in self.edges:
            if s not in view or t not in view:
                continue
            rank = (0 if link is None or link.role == "primary" else 1, t)
            if s not in ranked or rank < ranked[s]:
                ranked[s] = rank
        return {s: r[1] for s, r in ranked.items()}

    # ---- findings ----------------------------------------------------------------------
    def _findings(self):
        """(the findings about nodes, node -> [(finding index, 'subject' | 'related')])."""
        g = self.g
        kept, marks = [], defaultdict(list)
        for f in self.report.findings:
            if g.node(f.subject) is None and not (f.code in MARKS_RELATED and any(
                    g.node(r) is not None for r in f.related)):
                continue
            i = len(kept)
            kept.append(f)
            if g.node(f.subject) is not None:
                marks[f.subject].append((i, "subject"))
            if f.code in MARKS_RELATED:
                for r in f.related:
                    if g.node(r) is not None and r != f.subject:
                        marks[r].append((i, "related"))
        return kept, marks

    # ---- layout ------------------------------------------------------------------------
    def _rows(self, shown: set[str], groups: dict) -> list[list[str]]:
        """Rows top-down: per level, its elements (an element that links up to another
        element of the same level on the row below it), then its projects and groups.
        ``self.row_levels`` gets the level of each row."""
        g = self.g
        names = self.policy.level_names
        pos_of = {lv: i for i, lv in enumerate(names)}
        n_levels = len(pos_of)
        depth = self._depths(shown)
        buckets: dict[tuple[int, int, int], list] = defaultdict(list)
        for n in shown:
            p = pos_of.get(self.level_of.get(n), n_levels)
            buckets[(p, 0, depth[n]) if n in g.elements else (p, 1, 0)].append(n)
        for key, grp in groups.items():
            if grp["rep"] is not None:
                p = pos_of.get(self.level_of.get(grp["rep"]), n_levels)
            else:
                p = n_levels
            buckets[(p, 1, 0)].append(key)
        order = sorted(buckets)
        self.row_levels = [names[k[0]] if k[0] < n_levels else None for k in order]
        return [buckets[k] for k in order]

    def _depths(self, shown: set[str]) -> dict[str, int]:
        """For each shown element, the longest chain of upward edges to shown elements of
        its own level (0: it links up to none); cycles are cut."""
        g = self.g
        depth: dict[str, int] = {}
        for start in shown:
            if start not in g.elements or start in depth:
                continue
            level = self.level_of.get(start)
            stack, on_path = [(start, iter(self.succ.get(start, ())))], {start}
            best = {start: 0}
            while stack:
                node, it = stack[-1]
                for t in it:
                    if t in shown and t in g.elements and self.level_of.get(t) == level and t not in on_path:
                        if t in depth:
                            best[node] = max(best[node], depth[t] + 1)
                            continue
                        on_path.add(t)
                        best[t] = 0
                        stack.append((t, iter(self.succ.get(t, ()))))
                        break
                else:
                    stack.pop()
                    on_path.discard(node)
                    depth[node] = min(best[node], 6)
                    if stack:
                        parent = stack[-1][0]
                        best[parent] = max(best[parent], depth[node] + 1)
        return {n: depth.get(n, 0) for n in shown}

    def _layout(self, rows: list[list], shown: set[str], groups: dict) -> dict:
        x_of: dict = {}
        positions: dict = {}
        y = 0.0
        levels = getattr(self, "row_levels", [None] * len(rows))
        for r, row in enumerate(rows):
            def bary(k):
                ups = [groups[k]["rep"]] if k in groups else self.succ.get(k, ())
                xs = [x_of[u] for u in ups if u in x_of]
                return (0, sum(xs) / len(xs)) if xs else (1, 0.0)

            ordered = sorted(row, key=lambda k: (*bary(k), _sort_key(k)))
            n = len(ordered)
            lanes = 1 if n <= 12 else 3
            kf = self.k
            step = (_X_GAP if lanes == 1 else _LANE_GAP) * kf
            if kf > 1:
                step = self._box_width() + 70  # wide boxes: a name on one line
            # staggered boxes overlap their neighbours across, so a lane must be lower than
            # the tallest box (an id and a name broken over two lines)
            lane_dy = _BOX_LANE_DY if any(k in self.g.elements for k in ordered) else _LANE_DY
            if lanes > 1 and any(k in groups for k in ordered):
                # group labels carry big counts in big type: room so that neighbours in a
                # lane and the lanes above and below do not overlap
                step *= 2.2
                lane_dy *= 1.8
            per_line = min(n, ROW_WRAP)
            lines = math.ceil(n / per_line) if n else 0
            line_dy = lanes * lane_dy + 70
            for i, k in enumerate(ordered):
                line, col = divmod(i, per_line)
                width = (min(per_line, n - line * per_line) - 1) * step
                x = col * step - width / 2
                ky = y + line * line_dy + (col % lanes) * lane_dy
                positions[k] = (round(x), round(ky))
                x_of[k] = x
            if kf > 1:
                # a focus view is a tall chain on a wide screen: rows close together (the
                # path numbers fit between), a little more room where the level changes
                next_level = levels[r + 1] if r + 1 < len(levels) else None
                y += _FOCUS_ROW_DY + (_FOCUS_BAND_GAP if next_level != levels[r] else 0)
            else:
                y += max(lines, 1) * line_dy + (_ROW_DY - 70)
        return positions

    def _box_width(self) -> int:
        """The widest a box may be: in a focus view wide enough for a whole (cut) name
        on one line, so each box is two lines high and a tall chain fits a wide screen."""
        return _FOCUS_BOX_WIDTH if self.k > 1 else round(190 * self.k)

    # ---- nodes and edges ---------------------------------------------------------------
    def _vis_id(self, key) -> int:
        if key not in self.index:
            self.index[key] = len(self.index)
        return self.index[key]

    def _node(self, key: str, xy, findings, marks) -> dict:
        g = self.g
        level = self.level_of.get(key)
        colour = self._colour(level)
        own = marks.get(key, [])
        sev = {findings[i].severity for i, role in own if role == "subject"}
        related_only = bool(own) and not sev
        node = {"id": self._vis_id(key), "key": key, "x": xy[0], "y": xy[1], "level": level,
                "f": [i for i, _ in own]}
        is_top = level == self.policy.top_level
        if key in g.elements:
            node.update(type="element", shape="box", label=_label(key, self._name(key)),
                        size=(20 if is_top else 16) * self.k, bg=_tint(colour), border=colour)
        else:
            pr = g.projects[key]
            node.update(type="project", shape=STAGE_SHAPES.get(pr.stage or "", "dot"),
                        label=_label(key, self._name(key)), size=14 * self.k, bg=colour, border=colour)
        node["bw"] = 2
        if key == self.focus_key:
            node["size"] = round(node["size"] * 1.4)
        if "error" in sev:
            node.update(border=ERROR_COLOUR, bw=5, glow=ERROR_COLOUR)
        elif "warning" in sev:
            node.update(border=WARNING_COLOUR, bw=4)
        elif related_only:
            node.update(border=ERROR_COLOUR, bw=3, dashes=True)
        node["d"] = self._details(key, [findings[i] for i, _ in own])
        return node

    def _group_node(self, key, xy, grp: dict, findings) -> dict:
        g, w = self.g, self.lang
        members = grp["projects"]
        member_set = set(members)
        budget = sum((g.projects[p].budget or Decimal(0) for p in members), Decimal(0))
        errs = sum(self.severities[(p, "error")] for p in member_set)
        warns = sum(self.severities[(p, "warning")] for p in member_set)
        levels = Counter(self.level_of.get(p) for p in members)
        if grp["rep"] is not None:
            title = word("group_of", w, name=f"{grp['rep']} {self._name(grp['rep'])}")
        else:
            title = word("unlinked_of", w, level=self._level_label(grp["level"]))
        details = [[word("projects", w), f"{len(members):,}"],
                   [word("budget", w), _baht(budget, w)]]
        details += [[self._level_label(lv), f"{c:,}"] for lv, c in sorted(
            levels.items(), key=lambda kv: self.policy.level_names.index(kv[0])
            if kv[0] in self.policy.level_names else 99)]
        if grp["elements"]:
            details.append([word("hidden_elements", w), f"{grp['elements']:,}"])
        if errs or warns:
            details.append([word("findings", w), f"{errs:,} {word('errors', w)}, {warns:,} {word('warnings', w)}"])
        details.append([word("examples", w), "; ".join(f"{p} {self._name(p)}" for p in members[:5])])
        colour = self._colour(grp["level"] if grp["rep"] is None else self.level_of.get(members[0]))
        node = {"id": self._vis_id(key), "key": f"{key[0]}:{key[1]}", "x": xy[0], "y": xy[1],
                "type": "group", "shape": "database", "count": len(members),
                "label": word("group_label", w, n=f"{len(members):,}"), "title": title,
                # bigger groups get bigger type, so the counts read on a zoomed-out overview
                "size": round(16 + 8 * math.log10(len(members))), "bg": _tint(colour), "border": colour,
                "bw": 2, "f": [], "d": details}
        if errs:
            node.update(border=ERROR_COLOUR, bw=4)
        return node

    def _edges(self, shown: set[str], groups: dict, paths) -> list[dict]:
        g = self.g
        cycle_sets = [set((f.subject, *f.related)) for f in self.report.by_code("CYCLE")]
        downward = {(f.subject, r) for f in self.report.by_code("DOWNWARD_LINK") for r in f.related}
        path_no: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, p in enumerate(paths, 1):
            for a, b in zip(p, p[1:]):
                path_no[(a, b)].append(i)
        edges: dict[tuple[str, str], dict] = {}
        for s, t, link in self.edges:
            if s not in shown or t not in shown:
                continue
            if paths and (s, t) not in path_no:
                continue
            if (s, t) in downward and link is not None:
                style = "downward"
            elif any(s in c and t in c for c in cycle_sets):
                style = "cycle"
            elif paths:
                style = "path"
            elif link is None:
                style = "parent"
            elif link.relation == "aligns_with":
                style = "aligns"
            else:
                style = "primary" if link.role == "primary" else "secondary"
            if (s, t) in edges and _STYLE_RANK[edges[(s, t)]["style"]] >= _STYLE_RANK[style]:
                continue
            edge = {"from": self.index[s], "to": self.index[t], "style": style}
            if (s, t) in path_no:
                edge["paths"] = path_no[(s, t)]
                edge["label"] = _numbers(path_no[(s, t)])
            edges[(s, t)] = edge
        out = list(edges.values())
        for a, b in g.conflict_pairs():
            if a in shown and b in shown:
                out.append({"from": self.index[a], "to": self.index[b], "style": "conflict"})
        for key, grp in groups.items():
            if grp["rep"] is not None:
                out.append({"from": self.index[key], "to": self.index[grp["rep"]], "style": "group",
                            "width": round(1 + 2 * math.log10(len(grp["projects"])), 1)})
        return out

    def _details(self, key: str, findings) -> list[list[str]]:
        g, w = self.g, self.lang
        rec = g.node(key)
        plan = g.plans.get(rec.plan_id)
        other = rec.name_en if w == "th" else rec.name_th
        rows = [[word("id", w), key], [word("name", w), self._name(key)]]
        if other and other != self._name(key):
            rows.append([word("name_other", w), other])
        if key in g.elements and rec.kind:
            rows.append([word("kind", w), rec.kind])
        if plan is not None:
            rows.append([word("plan", w), f"{plan.id} {_pick(plan, w)}".strip()])
            rows.append([word("level", w), self._level_label(plan.level)])
        if key in g.projects:
            if rec.owner:
                org = g.organizations.get(rec.owner)
                rows.append([word("owner", w), _pick(org, w) if org else rec.owner])
            area_id = rec.area_id
            if rec.fiscal_year:
                rows.append([word("fiscal_year", w), f"{rec.fiscal_year + 543}"
                             if w == "th" else f"{rec.fiscal_year + 543} B.E. ({rec.fiscal_year})"])
            if rec.budget is not None:
                rows.append([word("budget", w), _baht(rec.budget, w)])
            if rec.value_chain_id:
                vc = g.value_chains.get(rec.value_chain_id)
                rows.append([word("value_chain", w), _pick(vc, w) if vc else rec.value_chain_id])
            if rec.stage:
                rows.append([word("stage", w), word("stage_" + rec.stage, w)])
        else:
            area_id = plan.area_id if plan else None
        if area_id:
            area = g.areas.get(area_id)
            rows.append([word("area", w), _pick(area, w) if area else area_id])
        if findings:
            rows.append([word("findings", w), "\n".join(f"• {f.message(w)}" for f in findings[:4])
                         + ("\n…" if len(findings) > 4 else "")])
        return rows

    def _bands(self, rows: list[list], positions: dict) -> list[dict]:
        """The name of each level of the ladder, left of its first row: which band is
        which reads from the back of a room without the legend."""
        if not positions:
            return []
        xs = [x for x, _ in positions.values()]
        left = min(xs) - 95 * self.k - 40 * self.k
        # big enough to read when the whole map is fitted into a screen
        size = round(min(120, max(24 * self.k, (max(xs) - min(xs)) / 60)))
        bands, seen = [], set()
        for row, level in zip(rows, self.row_levels):
            if level is None or level in seen or not row:
                continue
            seen.add(level)
            label = self._level_label(level)
            width = 0.55 * size * len(label)  # about; Thai letters are narrower than this
            bands.append({"label": label, "colour": self._colour(level), "size": size,
                          "x": round(left - width / 2), "y": min(positions[k][1] for k in row)})
        return bands

    def _legend(self, grouped: bool, pathed: bool) -> dict:
        w = self.lang
        present = set(self.level_of.values())
        levels = [[self._level_label(lv), self._colour(lv)] for lv in self.policy.level_names
                  if lv in present]
        shapes = [[word(k, w), s] for k, s in (("element", "box"), ("project", "dot"),
                                               ("upstream", "triangle"), ("midstream", "diamond"),
                                               ("downstream", "triangleDown"))]
        if grouped:
            shapes.append([word("group", w), "database"])
        edge_keys = ["path"] if pathed else ["parent", "primary", "secondary", "aligns", "conflict"]
        edge_keys += ["downward", "cycle"] + (["group"] if grouped else [])
        return {"levels": levels, "shapes": shapes,
                "edges": [[word("edge_" + k, w), k] for k in edge_keys],
                "marks": [[word("mark_error", w), ERROR_COLOUR, "solid"],
                          [word("mark_warning", w), WARNING_COLOUR, "solid"],
                          [word("mark_deadend", w), ERROR_COLOUR, "dashed"]]}

    # ---- small helpers -----------------------------------------------------------------
    def _name(self, key: str) -> str:
        rec = self.g.node(key)
        if rec is None:
            return ""
        return (rec.name_th or rec.name_en or "") if self.lang == "th" else (rec.name_en or rec.name_th or "")

    def _level_label(self, level: str | None) -> str:
        if level not in self.policy.level_names:
            return level or "?"
        lvl = self.policy.level(level)
        return (lvl.label_th if self.lang == "th" else lvl.label_en) or lvl.name

    def _colour(self, level: str | None) -> str:
        names = self.policy.level_names
        return LEVEL_COLOURS[names.index(level) % len(LEVEL_COLOURS)] if level in names else "#616161"


_STYLE_RANK = {"parent": 0, "group": 0, "aligns": 1, "secondary": 2, "primary": 3, "path": 4,
               "cycle": 5, "downward": 6, "conflict": 0}


def _has_parent(g: PlanGraph, n: str) -> bool:
    el = g.elements[n]
    parent = g.elements.get(el.parent_id) if el.parent_id else None
    return parent is not None and parent.plan_id == el.plan_id


def _sort_key(key) -> tuple:
    return (0, key) if isinstance(key, str) else (1, str(key[1]))


def _label(first: str, name: str) -> str:
    name = " ".join(name.split())
    if len(name) > _LABEL_CHARS:
        name = name[:_LABEL_CHARS - 1].rstrip() + "…"
    return f"{first}\n{name}" if name and name != first else first


def _tint(colour: str) -> str:
    """The colour mixed 80% with white: a light fill that dark text reads on."""
    r, g_, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * 0.8):02x}" for c in (r, g_, b))


def _numbers(nums: list[int]) -> str:
    return ", ".join(map(str, nums[:6])) + (" …" if len(nums) > 6 else "")


def _pick(rec, lang: str) -> str:
    if rec is None:
        return ""
    if lang == "th":
        return rec.name_th or rec.name_en or rec.id
    return rec.name_en or rec.name_th or rec.id


def _baht(value: Decimal, lang: str) -> str:
    return f"{value:,.0f} {word('baht', lang)}"
