"""The map and the report as data and HTML (no browser; tests/test_viz_browser.py
opens them in a real headless Chromium)."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

import stratlink as sl
from stratlink.cli import main
from stratlink.loaders.testing import graph_from_csv
from stratlink.viz import map as vmap
from stratlink.viz.page import embed_json

HOSTILE = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'


@pytest.fixture(scope="module")
def sample():
    return sl.load("examples/roiet-2561")


def embedded(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="stratlink-map-data">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


def by_key(data):
    return {n["key"]: n for n in data["nodes"]}


def test_layout_follows_the_ladder(sample):
    data = vmap.map_data(sample, lang="en")
    nodes = by_key(data)
    assert set(nodes) == set(sample.elements) | set(sample.projects)
    pos = {k: sample.pos(k) for k in nodes}
    # a node at a higher level of the ladder is always drawn above one at a lower level
    for a in nodes:
        for b in nodes:
            if pos[a] < pos[b]:
                assert nodes[a]["y"] < nodes[b]["y"], (a, b)
    # a project is drawn below the elements of its own level
    for p in sample.projects:
        same = [e for e in sample.elements if pos[e] == pos[p]]
        assert all(nodes[e]["y"] < nodes[p]["y"] for e in same)
    # nobody sits on top of anybody else
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == len(data["nodes"])


def test_colours_shapes_and_findings(sample):
    data = vmap.map_data(sample, lang="en")
    nodes = by_key(data)
    report = sl.check(sample)
    # value-chain stage drives the project shape
    for p, rec in sample.projects.items():
        assert nodes[p]["shape"] == vmap.STAGE_SHAPES.get(rec.stage or "", "dot")
    assert {nodes[e]["shape"] for e in sample.elements} == {"box"}
    # colour by level: same level, same colour; different levels differ
    colour = {}
    for e in sample.elements:
        colour.setdefault(sample.level(e), set()).add(nodes[e]["border"] if not nodes[e]["f"] else None)
    assert len({c for cs in colour.values() for c in cs if c}) >= 5
    # every finding about a node is listed on it, and errors are drawn red
    for f in report.findings:
        if f.subject in nodes:
            listed = [data["findings"][i] for i in nodes[f.subject]["f"]]
            assert any(x["code"] == f.code and x["subject"] == f.subject for x in listed)
            if f.severity == "error":
                assert nodes[f.subject]["border"] == vmap.ERROR_COLOUR
    orphan = report.by_code("ORPHAN_PROJECT")[0].subject
    assert nodes[orphan]["bw"] >= 4
    # a dead end of a broken chain is marked although it has no finding of its own
    broken = report.by_code("BROKEN_CHAIN")[0]
    assert any(data["findings"][i]["code"] == "BROKEN_CHAIN" for i in nodes[broken.related[0]]["f"])
    # downward links and cycles get their own line style
    styles = {e["style"] for e in data["edges"]}
    assert {"downward", "cycle", "parent", "primary"} <= styles
    down = report.by_code("DOWNWARD_LINK")[0]
    ids = {n["key"]: n["id"] for n in data["nodes"]}
    assert any(e["from"] == ids[down.subject] and e["to"] == ids[down.related[0]] and e["style"] == "downward"
               for e in data["edges"])


def test_hover_details(sample):
    nodes = by_key(vmap.map_data(sample, lang="th"))
    details = dict(nodes["PRJ-001"]["d"])
    rec = sample.projects["PRJ-001"]
    assert details["ปีงบประมาณ"] == str(rec.fiscal_year + 543)
    assert details["งบประมาณ"] == f"{rec.budget:,.0f} บาท"
    assert details["หน่วยงานรับผิดชอบ"] == sample.organizations[rec.owner].name_th
    assert details["พื้นที่"] == sample.areas[rec.area_id].name_th
    assert details["แผน"].startswith(rec.plan_id)
    en = dict(by_key(vmap.map_data(sample, lang="en"))["PRJ-001"]["d"])
    assert en["fiscal year"] == f"{rec.fiscal_year + 543} B.E. ({rec.fiscal_year})"


def test_focus_shows_the_numbered_trace(sample):
    t = sl.trace(sample, "PRJ-068", max_paths=vmap.MAX_FOCUS_PATHS)
    data = vmap.map_data(sample, focus="PRJ-068", lang="en")
    keys = {n["key"] for n in data["nodes"]}
    assert keys == {n for p in t.paths for n in p}
    assert data["pathKeys"] == [list(p) for p in t.paths]
    ids = {n["id"]: n["key"] for n in data["nodes"]}
    numbered = {(ids[e["from"]], ids[e["to"]]): e["paths"] for e in data["edges"] if "paths" in e}
    for i, p in enumerate(t.paths, 1):
        for a, b in zip(p, p[1:]):
            assert i in numbered[(a, b)]
    assert data["focus"] == next(n["id"] for n in data["nodes"] if n["key"] == "PRJ-068")
    assert data["notes"] == [f"PRJ-068 reaches {', '.join(t.reaches)} by {len(t.paths)} path(s)."]
    # a broken chain says so; a top node is not "incomplete"
    assert "does not reach the top level" in vmap.map_data(sample, focus="PRJ-061", lang="en")["notes"][0]
    assert "is at the top level" in vmap.map_data(sample, focus="NS-S1", lang="en")["notes"][0]


def test_down_focus_shows_everything_beneath(sample):
    d = sl.trace_down(sample, "NS-S2")
    data = vmap.map_data(sample, focus="NS-S2", down=True, lang="en")
    keys = {n["key"] for n in data["nodes"]}
    assert set(d.projects) == keys & set(sample.projects)
    succ = sample.successors_map()
    # every node shown leads up to NS-S2
    for k in keys - {"NS-S2"}:
        assert "NS-S2" in _reach(succ, k)


def _reach(succ, start):
    seen, stack = set(), [start]
    while stack:
        for t in succ.get(stack.pop(), ()):
            if t not in seen:
                seen.add(t)
                stack.append(t)
    return seen


def test_filters_and_bad_arguments(sample):
    data = vmap.map_data(sample, levels=["province", "แผนพัฒนาอำเภอ"], lang="en")
    assert {sample.level(n["key"]) for n in data["nodes"]} == {"province", "district"}
    data = vmap.map_data(sample, plans=["ROIET-PDP-2566-2570"], lang="en")
    assert {sample.node(n["key"]).plan_id for n in data["nodes"]} == {"ROIET-PDP-2566-2570"}
    with pytest.raises(sl.QueryError, match="unknown level 'nope'"):
        vmap.map_data(sample, levels=["nope"])
    with pytest.raises(sl.QueryError, match="unknown plan"):
        vmap.map_data(sample, plans=["NOPE"])
    with pytest.raises(sl.UnknownNodeError):
        vmap.map_data(sample, focus="NOPE")
    with pytest.raises(sl.QueryError, match="--down needs --focus"):
        vmap.map_data(sample, down=True)


def big_graph(n_projects: int, n_elements: int = 3):
    plans = "id,level,name_en\nNS,national,NS\nPV,province,PV\nCP,community,Village"
    elements = "id,plan_id,kind,name_en,parent_id\nS1,NS,strategy,S1,\n" + "".join(
        f"G{i},PV,goal,Goal {i},\n" for i in range(n_elements))
    projects = "id,plan_id,name_en,budget\n" + "".join(f"P{i:04d},CP,Project {i},{i}\n" for i in range(n_projects))
    links = "source_id,target_id\n" + "".join(f"G{i},S1\n" for i in range(n_elements)) + "".join(
        f"P{i:04d},G{i % n_elements}\n" for i in range(n_projects - 1))  # the last one is an orphan
    return graph_from_csv(plans=plans, elements=elements, projects=projects, links=links)


def test_many_projects_collapse_into_counted_groups(monkeypatch):
    monkeypatch.setattr(vmap, "MAX_PROJECTS", 50)
    g = big_graph(200)
    data = vmap.map_data(g, lang="en")
    groups = [n for n in data["nodes"] if n["type"] == "group"]
    assert sum(n["count"] for n in groups) == 200
    assert not [n for n in data["nodes"] if n["type"] == "project"]
    ids = {n["id"]: n["key"] for n in data["nodes"]}
    per_goal = {ids[e["to"]]: next(n["count"] for n in groups if n["id"] == e["from"])
                for e in data["edges"] if e["style"] == "group"}
    assert per_goal == {"G0": 67, "G1": 66, "G2": 66}
    assert [n["count"] for n in groups if n["key"].startswith("unlinked")] == [1]  # the orphan
    assert any("200 projects are more than 50," in s for s in data["notes"])
    budget = dict(next(n for n in groups if n["key"] == "group:G1")["d"])["budget"]
    assert budget == f"{sum(i for i in range(199) if i % 3 == 1):,} baht"
    # under the limit: every project is drawn
    assert len(vmap.map_data(big_graph(40), lang="en")["nodes"]) == 40 + 4


def test_many_elements_fold_lower_levels(monkeypatch):
    monkeypatch.setattr(vmap, "MAX_PROJECTS", 50)
    monkeypatch.setattr(vmap, "MAX_ELEMENTS", 10)
    g = big_graph(100, n_elements=20)
    data = vmap.map_data(g, lang="en")
    kinds = {n["key"] for n in data["nodes"] if n["type"] == "element"}
    assert kinds == {"S1"}  # the 20 province goals do not fit: folded into one group under S1
    groups = [n for n in data["nodes"] if n["type"] == "group"]
    assert sum(n["count"] for n in groups) == 100
    assert any("from the Provincial development plan level down are folded" in s for s in data["notes"])


def test_user_text_is_escaped_everywhere(tmp_path):
    g = graph_from_csv(
        plans=f'id,level,name_th,name_en\nNS,national,"{HOSTILE.replace(chr(34), chr(34) * 2)}",x\nPV,province,p,p',
        elements='id,plan_id,kind,name_th\nS1,NS,strategy,"' + HOSTILE.replace('"', '""') + '"',
        projects='id,plan_id,name_th,owner\nX,PV,"' + HOSTILE.replace('"', '""') + '","' + HOSTILE.replace('"', '""') + '"',
        links="source_id,target_id\nX,S1\nX,NOPE")
    for html in (sl.map_html(g), sl.map_html(g, focus="X"), sl.report_html(g), sl.report_html(g, lang="en")):
        assert HOSTILE not in html
        assert "<img src=x" not in html and "<script>window" not in html
        block = html.split('id="stratlink-map-data">')[1].split("</script>")[0]
        assert "<" not in block and ">" not in block and "&" not in block
        assert json.loads(block)  # and it is still JSON
    assert embed_json("a\u2028b\u2029c") == '"a\\u2028b\\u2029c"'


def test_pages_are_offline(sample):
    for html in (sl.map_html(sample), sl.report_html(sample)):
        assert not re.search(r"""(src|href|action)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", html, re.I)
        assert "@import" not in html and "@font-face" not in html
        assert "sourceMappingURL" not in html
        assert "default-src 'none'" in html  # the page may not fetch anything either


def test_report_sections(sample):
    html = sl.report_html(sample, lang="en")
    report, cov, m = sl.check(sample), sl.coverage(sample), sl.matrix(sample)
    table = html.split('id="findings-table"')[1].split("</table>")[0]
    assert table.count("<tr data-sev=") == len(report.findings)
    assert html.count("<rect ") == 3 * len([r for r in cov.rows if r.level == "national"])
    matrix = html.split('class="matrix"')[1].split("</table>")[0]
    assert matrix.count("<tr>") == len(m.projects) + 1
    primary = sum(row.count("primary") for row in m.cells)
    assert matrix.count("●") == primary
    for vc in sample.value_chains:
        assert vc in html.split('id="chains"')[1]
    th = sl.report_html(sample, lang="th", large=True)
    assert 'class="report-page large"' in th and "ตารางความเชื่อมโยงโครงการกับยุทธศาสตร์" in th


def test_report_coverage_is_the_coverage_of_the_top_elements(sample):
    from stratlink.viz.report import top_coverage

    g = big_graph(30)
    for graph in (sample, g):
        expected = [r for r in sl.coverage(graph).rows if r.level == graph.policy.top_level]
        assert top_coverage(graph, sl.matrix(graph)) == expected


def test_cli_map_and_report(tmp_path):
    runner = CliRunner()
    for cmd in ("map", "report"):
        out = runner.invoke(main, [cmd, "--help"]).output
        assert "Example:" in out and f"stratlink {cmd} " in out
    r = runner.invoke(main, ["map", "examples/roiet-2561", "-o", str(tmp_path / "m.html"), "--focus", "PRJ-068",
                             "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert embedded((tmp_path / "m.html").read_text(encoding="utf-8"))["lang"] == "en"
    r = runner.invoke(main, ["map", "examples/roiet-2561", "-o", str(tmp_path / "m.html"), "--focus", "NOPE"])
    assert r.exit_code == 2 and "NOPE" in r.output and "Traceback" not in r.output
    r = runner.invoke(main, ["map", "examples/roiet-2561", "-o", str(tmp_path / "m.html"), "--level", "x", "--lang", "en"])
    assert r.exit_code == 2 and "unknown level 'x'" in r.output
    r = runner.invoke(main, ["map", "examples/roiet-2561", "-o", str(tmp_path / "m.html"), "--level", "x", "--lang", "th"])
    assert r.exit_code == 2 and "ไม่รู้จักระดับ 'x'" in r.output
    r = runner.invoke(main, ["map", "examples/roiet-2561", "-o", str(tmp_path / "m.html"), "--down", "--lang", "th"])
    assert r.exit_code == 2 and "--down ต้องใช้คู่กับ --focus" in r.output
    r = runner.invoke(main, ["report", "examples/roiet-2561", "-o", str(tmp_path / "sub" / "r.html")])
    assert r.exit_code == 0 and (tmp_path / "sub" / "r.html").exists()
    r = runner.invoke(main, ["report", str(tmp_path / "missing"), "-o", str(tmp_path / "r.html")])
    assert r.exit_code == 2
    (tmp_path / "file").write_text("x")
    r = runner.invoke(main, ["map", "examples/roiet-2561", "-o", str(tmp_path / "file" / "m.html"), "--lang", "en"])
    assert r.exit_code == 2 and "file/m.html: cannot write here" in r.output and "Traceback" not in r.output
