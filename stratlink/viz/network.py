"""The linkage map as a pyvis :class:`~pyvis.network.Network`.

:func:`stratlink.viz.map.map_data` computes the picture (positions from the ladder,
colours, shapes, findings); :func:`to_network` turns it into a pyvis Network: one
vis-network node per drawn node with the layout's ``x``/``y`` and physics off, one
edge per line, and the vis-network options. The map page (:func:`stratlink.viz.map.map_html`)
serialises exactly this Network's ``nodes``, ``edges`` and ``options`` into stratlink's
own offline template with the vendored vis-network; pyvis's own template and its CDN
assets are never used (pyvis issues #228, #229; see ``docs/maps.md``).

A notebook user can take the Network and use pyvis directly (``net.show(...)``,
``net.toggle_physics(...)``); the nodes carry no ``title`` on purpose: pyvis's template
inserts a title as HTML, and stratlink's hover details (plan, owner, budget,
findings) are drawn by its own page from text only.

pyvis is optional (``pip install 'stratlink[viz]'``), imported only here and only when
a map is built.

>>> import stratlink as sl
>>> from stratlink.viz.map import map_data
>>> g = sl.load("examples/roiet-2561")
>>> data = map_data(g, focus="PRJ-068", lang="en")
>>> net = to_network(data)
>>> type(net).__module__, len(net.edges) == len(data["edges"])
('pyvis.network', True)
>>> len(net.nodes) == len(data["nodes"]) + len(data["bands"]), net.nodes[-1]["shape"]
(True, 'text')
>>> mine = next(n for n in data["nodes"] if n["key"] == "PRJ-068")
>>> n = net.get_node(mine["id"])
>>> (n["x"], n["y"], n["physics"]) == (mine["x"], mine["y"], False)
True
"""

from __future__ import annotations

import math

from stratlink.errors import MissingDependency
from stratlink.viz.words import word

INK = "#1c2833"
SELECTED = "#0d47a1"
#: Above this many nodes and lines, lines are hidden while the map is dragged or zoomed.
BIG_MAP = 3000


def network_class():
    """pyvis's ``Network`` class; :class:`MissingDependency` with the install hint
    when pyvis is not installed."""
    try:
        from pyvis.network import Network  # optional dependency: the viz extra
    except ImportError:
        raise MissingDependency("pyvis", "viz", word("map_purpose", "en"), word("map_purpose", "th") + " ") from None
    return Network


def to_network(data: dict):
    """The pyvis Network of ``data`` (what :func:`~stratlink.viz.map.map_data` returns):
    nodes keep their vis id, position, label, shape, colours, border (the findings)
    and font, followed by one text node per level band (id ``band-N``, its name);
    edges their style, width and path numbers; physics is off everywhere."""
    net = network_class()(directed=True, height="100%", width="100%", bgcolor="#ffffff")
    font, box_width = data["font"], data["boxWidth"]  # one font stack for every label
    for n in data["nodes"]:
        net.add_node(n["id"], **vis_node(n, box_width))
    for i, band in enumerate(data.get("bands", ())):
        net.add_node(f"band-{i}", **band_node(band))
    for i, e in enumerate(data["edges"]):
        net.add_edge(e["from"], e["to"], **vis_edge(e, i, data))
    net.options = vis_options(len(data["nodes"]) + len(data["edges"]) > BIG_MAP, font)
    return net


def vis_node(n: dict, box_width: int) -> dict:
    """The vis-network options of one map node (without its id)."""
    inside = n["shape"] in ("box", "database")
    selected = {"background": n["bg"], "border": SELECTED}
    v = {
        "label": n["label"], "shape": n["shape"], "x": n["x"], "y": n["y"], "physics": False,
        "color": {"background": n["bg"], "border": n["border"], "highlight": selected, "hover": selected},
        "borderWidth": n["bw"], "borderWidthSelected": n["bw"] + 2,
        "font": {"size": round(n["size"]), "color": INK,
                 "strokeWidth": 0 if inside else 4, "strokeColor": "#ffffff"},
    }
    if n.get("dashes"):
        v["shapeProperties"] = {"borderDashes": [6, 4]}
    if n.get("glow"):
        v["shadow"] = {"enabled": True, "color": n["glow"], "size": 16, "x": 0, "y": 0}
    if inside:
        v["widthConstraint"] = {"maximum": box_width}
        v["margin"] = round(n["size"] / 2)
    else:
        v["size"] = round(n["size"] * 0.9)
    return v


def band_node(band: dict) -> dict:
    """A level's name at the left of its band: text only, not selectable."""
    return {"label": band["label"], "shape": "text", "x": band["x"], "y": band["y"], "physics": False,
            "chosen": False, "color": band["colour"],
            "font": {"size": band["size"], "color": band["colour"],
                     "strokeWidth": 0, "bold": False}}


def vis_edge(e: dict, i: int, data: dict) -> dict:
    """The vis-network options of one map line (``id`` is its index in ``data["edges"]``)."""
    st = data["edgeStyles"][e["style"]]
    v = {
        "id": i, "width": e.get("width", st["width"]), "dashes": st["dashes"], "smooth": False,
        "color": {"color": st["color"], "highlight": SELECTED, "hover": SELECTED, "inherit": False},
        "arrows": {"to": {"enabled": bool(st["arrows"]), "scaleFactor": 0.6}},
    }
    if e.get("label"):
        v["label"] = e["label"]
        v["font"] = {"size": edge_font_size(data), "color": SELECTED,
                     "strokeWidth": 6, "strokeColor": "#ffffff", "align": "horizontal",
                     "background": "#ffffff"}
    return v


def edge_font_size(data: dict) -> int:
    """The size of the path numbers on focus-view lines."""
    return math.floor(16 * min(data["boxWidth"], 342) / 190)


def vis_options(big: bool, font: str) -> dict:
    """The vis-network options: positions are the layout's (no physics, no
    hierarchical layout); stratlink's page draws its own tooltips; every label in the
    Thai-capable font stack ``font`` (once here, not on every node)."""
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "hierarchical": {"enabled": False}},
        "interaction": {"hover": True, "tooltipDelay": 3600000, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "keyboard": {"enabled": True, "bindToWindow": False},
                        "multiselect": False},
        "nodes": {"fixed": {"x": False, "y": False}, "font": {"face": font}},
        "edges": {"smooth": False, "selectionWidth": 2, "font": {"face": font}},
    }
