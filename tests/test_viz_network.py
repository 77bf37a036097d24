"""The map is a real pyvis Network: its nodes and edges are the layout and the
findings; the page embeds exactly that Network; the page is well-formed HTML."""

from __future__ import annotations

import builtins
import json
import re
from html.parser import HTMLParser

import pytest

import stratlink as sl
from stratlink.viz import map as vmap
from stratlink.viz import network as vnet

pyvis_network = pytest.importorskip("pyvis.network")


@pytest.fixture(scope="module")
def sample():
    return sl.load("examples/roiet-2561")


@pytest.fixture(scope="module")
def report(sample):
    return sl.check(sample)


def test_network_nodes_are_the_layout(sample, report):
    data = vmap.map_data(sample, lang="en", report=report)
    net = sl.map_network(sample, lang="en", report=report)
    assert isinstance(net, pyvis_network.Network) and net.directed
    assert net.get_nodes() == [n["id"] for n in data["nodes"]] + [f"band-{i}" for i in range(len(data["bands"]))]
    # the level names: one per level drawn, left of everything, at the height of the level's first row
    bands = [net.get_node(f"band-{i}") for i in range(len(data["bands"]))]
    present = {sample.level(n["key"]) for n in data["nodes"]}
    assert [b["label"] for b in bands] == [lv.label_en for lv in sample.policy.levels if lv.name in present]
    assert all(b["shape"] == "text" and b["x"] < min(n["x"] for n in data["nodes"]) for b in bands)
    assert [b["y"] for b in bands] == sorted(b["y"] for b in bands)
    for n in data["nodes"]:
        v = net.get_node(n["id"])
        assert (v["x"], v["y"]) == (n["x"], n["y"])
        assert v["physics"] is False and v["shape"] == n["shape"] and v["label"] == n["label"]
        assert "title" not in v  # pyvis's own template would insert it as HTML
    assert net.options["physics"] == {"enabled": False}
    assert net.options["layout"]["hierarchical"] == {"enabled": False}
    # the ladder: the national strategy above the village projects
    ids = {n["key"]: n["id"] for n in data["nodes"]}
    assert net.get_node(ids["NS-S2"])["y"] < net.get_node(ids["PRJ-068"])["y"]


def test_network_carries_the_findings(sample, report):
    data = vmap.map_data(sample, lang="en", report=report)
    net = vnet.to_network(data)
    ids = {n["key"]: n["id"] for n in data["nodes"]}
    for f in report.findings:
        if f.severity == "error" and f.subject in ids:
            v = net.get_node(ids[f.subject])
            assert v["color"]["border"] == vmap.ERROR_COLOUR and v["borderWidth"] >= 4, f.subject
    orphan = report.by_code("ORPHAN_PROJECT")[0].subject
    assert net.get_node(ids[orphan])["shadow"]["color"] == vmap.ERROR_COLOUR
    dead_end = report.by_code("BROKEN_CHAIN")[0].related[0]
    if not any(f.subject == dead_end for f in report.findings):
        assert net.get_node(ids[dead_end])["shapeProperties"] == {"borderDashes": [6, 4]}
    # one pyvis edge per line, in order, with the line's style
    assert [(e["from"], e["to"]) for e in net.edges] == [(e["from"], e["to"]) for e in data["edges"]]
    down = report.by_code("DOWNWARD_LINK")[0]
    edge = next(e for e in net.edges if (e["from"], e["to"]) == (ids[down.subject], ids[down.related[0]]))
    assert edge["color"]["color"] == vmap.EDGE_STYLES["downward"]["color"]
    assert edge["width"] == vmap.EDGE_STYLES["downward"]["width"]
    conflicts = [e for e in net.edges if e["color"]["color"] == vmap.EDGE_STYLES["conflict"]["color"]]
    assert conflicts and all(not e["arrows"]["to"]["enabled"] for e in conflicts)


def test_focus_network_numbers_the_paths(sample, report):
    data = vmap.map_data(sample, focus="PRJ-068", lang="en", report=report)
    net = sl.map_network(sample, focus="PRJ-068", lang="en", report=report)
    drawn = [n for n in net.nodes if n["shape"] != "text"]
    assert len(drawn) == len({k for p in data["pathKeys"] for k in p})
    labelled = [e for e in net.edges if e.get("label")]
    assert labelled and all(re.fullmatch(r"[0-9, …]+", e["label"]) for e in labelled)
    first = data["pathKeys"][0]
    ids = {n["key"]: n["id"] for n in data["nodes"]}
    for a, b in zip(first, first[1:]):
        assert any((e["from"], e["to"]) == (ids[a], ids[b]) and "1" in e["label"].split(", ") for e in net.edges)


def test_the_page_embeds_that_network(sample, report):
    html = sl.map_html(sample, lang="en", report=report)
    block = html.split('id="stratlink-map-data">')[1].split("</script>")[0]
    embedded = json.loads(block)["network"]
    net = sl.map_network(sample, lang="en", report=report)
    assert embedded == json.loads(json.dumps({"nodes": net.nodes, "edges": net.edges, "options": net.options}))
    # nothing of pyvis's own page or its CDN assets
    assert "cdnjs" not in html and "bootstrap" not in html.lower() and "jsdelivr" not in html


class _Structure(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


@pytest.mark.parametrize("kind", ["map", "focus", "report"])
def test_pages_have_one_head_and_one_body(sample, report, kind):
    html = {"map": lambda: sl.map_html(sample, report=report),
            "focus": lambda: sl.map_html(sample, focus="PRJ-068", report=report),
            "report": lambda: sl.report_html(sample, report=report)}[kind]()
    parser = _Structure()
    parser.feed(html)
    assert html.startswith("<!DOCTYPE html>\n<html")
    assert [parser.tags.count(t) for t in ("html", "head", "body")] == [1, 1, 1]
    assert html.split("</head>")[0].count("<title>") == 1  # (SVG <title>s in the body are tooltips)
    assert html.count("</head>") == html.count("</body>") == 1
    assert html.index("</head>") < html.index("<body")


def test_without_pyvis_the_map_names_the_extra(sample, monkeypatch):
    real = builtins.__import__

    def no_pyvis(name, *args, **kwargs):
        if name.startswith("pyvis"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyvis)
    with pytest.raises(sl.MissingDependency, match=r"pip install 'stratlink\[viz\]'"):
        sl.map_html(sample)


class _Text(HTMLParser):
    """The text a reader sees: everything outside <script> and <style>, and attribute
    values that are shown (title, placeholder, aria-label)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip, self.parts = 0, []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        self.parts += [v for k, v in attrs if k in ("title", "placeholder", "aria-label") and v]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.parts.append(data)


def _shown_strings(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    data = json.loads(html.split('id="stratlink-map-data">')[1].split("</script>")[0])
    shown = parser.parts + [data["title"], *data["notes"], *data["text"].values()]
    shown += [item[0] for group in data["legend"].values() for item in group]
    shown += [b["label"] for b in data["bands"]] + [f["message"] for f in data["findings"]]
    shown += [row[0] for n in data["nodes"] for row in n["d"]]  # the labels of the hover details
    return shown


def test_templates_hold_no_words():
    """Every word on a page comes from the catalogue: the templates have only slots."""
    from stratlink.viz import page

    for name in ("map.html", "report.html"):
        parser = _Text()
        parser.feed(page.asset(name))
        assert [p for p in parser.parts if not re.fullmatch(r"(\s*\{\{[A-Z0-9_]+\}\}\s*)+", p)] == [], name


@pytest.mark.parametrize("kind", ["map", "focus", "report"])
def test_thai_pages_have_no_english_outside_data(sample, report, kind):
    from test_cli_thai import ALLOWED, WORD, sample_vocabulary, spec_names

    html = {"map": lambda: sl.map_html(sample, lang="th", report=report),
            "focus": lambda: sl.map_html(sample, focus="PRJ-068", lang="th", report=report),
            "report": lambda: sl.report_html(sample, lang="th", report=report)}[kind]()
    known = ALLOWED | sample_vocabulary() | spec_names() | {f.code for f in report.findings}
    known |= {w for k in (*sample.elements, *sample.projects, *sample.plans, sample.source) for w in WORD.findall(k)}
    english = {w for s in _shown_strings(html) for w in WORD.findall(s)} - known
    assert english <= {"stratlink", "B.E."}, sorted(english)
