"""The map and the report in a real headless Chromium with the network off.

Needs Debian's ``chromium`` and ``chromium-driver`` and a Thai font (``make test``
installs them: the ``browser-deps`` step) and selenium (the ``test`` extra), pointed
at /usr/bin/chromedriver so that nothing is downloaded. Without them the tests skip,
unless STRATLINK_REQUIRE_BROWSER is set (``make test`` sets it), when they fail.

One browser for the whole module; each page is loaded from file:// and checked for:
the canvas draws (pixels, and a decoded screenshot that is not blank), nodes are where
the Python layout put them, no console error, no request other than the file itself,
a hostile name runs nothing, Thai text is rendered with a Thai font.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import zlib
from pathlib import Path

import pytest

import stratlink as sl
from stratlink.loaders.testing import graph_from_csv

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1600,1000",
         # the network is off: every name resolves to nothing, any proxy is a dead port
         "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9",
         "--proxy-bypass-list=<-loopback>"]
THAI_FONTS = ("loma", "garuda", "norasi", "kinnari", "laksaman", "waree", "umpush", "sawasdee", "purisa",
              "tlwg", "noto sans thai", "noto serif thai", "sarabun", "tahoma", "leelawadee")
HOSTILE_ID = "<img src=x onerror=window.__pwned=3>"
HOSTILE = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'


def _need_browser():
    missing = [p for p in (CHROMIUM, DRIVER) if not os.path.exists(p)]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium (pip)")
    if missing:
        message = f"browser tests need {', '.join(missing)} (`make browser-deps`)"
        if os.environ.get("STRATLINK_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    _need_browser()
    os.environ.setdefault("SE_OFFLINE", "true")  # selenium manager: never download anything
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in FLAGS + [f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"]:
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=opts)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    out = tmp_path_factory.mktemp("pages")
    g = sl.load("examples/roiet-2561")
    report = sl.check(g)
    hostile = graph_from_csv(
        plans="id,level,name_th\nNS,national,ยุทธศาสตร์ชาติ\nPV,province,แผนจังหวัด",
        elements='id,plan_id,kind,name_th\nS1,NS,strategy,"' + HOSTILE.replace('"', '""') + '"',
        projects='id,plan_id,name_th,owner\nX,PV,"' + HOSTILE.replace('"', '""') + '","' + HOSTILE.replace('"', '""')
        + '"\nY,PV,โครงการที่ไม่เชื่อมโยง,',
        links='source_id,target_id\nX,S1\nX,"' + HOSTILE_ID + '"')
    return {
        "map": sl.write_map(g, out / "map.html", report=report),
        "focus": sl.write_map(g, out / "focus.html", focus="PRJ-068", report=report),
        "down": sl.write_map(g, out / "down.html", focus="NS-S2", down=True, lang="en", report=report),
        "report": sl.write_report(g, out / "report.html", report=report),
        "hostile_map": sl.write_map(hostile, out / "hostile-map.html"),
        "hostile_focus": sl.write_map(hostile, out / "hostile-focus.html", focus="X"),
        "hostile_report": sl.write_report(hostile, out / "hostile-report.html", lang="en"),
    }


def open_page(driver, path: Path) -> dict:
    """Load path, wait for the first draw; return console errors and requested URLs."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get_log("browser")
    driver.get_log("performance")
    driver.get(path.resolve().as_uri())
    WebDriverWait(driver, 60).until(
        lambda d: d.execute_script("return document.documentElement.getAttribute('data-drawn')") == "1")
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    urls = []
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg["method"] == "Network.requestWillBeSent":
            urls.append(msg["params"]["request"]["url"])
    return {"errors": errors, "urls": urls}


def assert_clean(result: dict, path: Path):
    assert result["errors"] == []
    outside = [u for u in result["urls"] if not u.startswith(("file:", "data:", "blob:", "about:"))]
    assert outside == [], outside
    assert path.resolve().as_uri() in result["urls"]


def embedded(path: Path) -> dict:
    html = path.read_text(encoding="utf-8")
    return json.loads(re.search(r'id="stratlink-map-data">(.*?)</script>', html, re.S).group(1))


def drawn_pixels(driver) -> int:
    return driver.execute_script("""
        var c = document.querySelector('#map canvas');
        var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, n = 0;
        for (var i = 3; i < d.length; i += 4) { if (d[i] > 0) { n++; } }
        return n;""")


def edge_pixels(driver, band: int = 3) -> int:
    """Drawn (not transparent) pixels within ``band`` pixels of the map canvas's edges."""
    return driver.execute_script("""
        var c = document.querySelector('#map canvas'), w = c.width, h = c.height, b = arguments[0];
        var d = c.getContext('2d').getImageData(0, 0, w, h).data, n = 0;
        for (var y = 0; y < h; y++) {
          for (var x = 0; x < w; x++) {
            if ((x < b || y < b || x >= w - b || y >= h - b) && d[(y * w + x) * 4 + 3] > 0) { n++; }
          }
        }
        return n;""", band)


def png_colours(png: bytes) -> int:
    """Distinct colours of an 8-bit RGB(A) PNG (a small decoder: no imaging library)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        body = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and ctype in (2, 6)
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride = zlib.decompress(idat), width * bpp
    prev, colours, i = bytearray(stride), set(), 0
    for _ in range(height):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        colours.update(bytes(line[x:x + 3]) for x in range(0, stride, bpp * 7))
        prev = line
    return len(colours)


@pytest.mark.parametrize("name", ["map", "focus", "down"])
def test_map_draws_offline_where_the_layout_put_it(browser, pages, name):
    path = pages[name]
    assert_clean(open_page(browser, path), path)
    assert drawn_pixels(browser) > 2000
    data = embedded(path)
    positions = browser.execute_script("return window.stratlinkNetwork.getPositions();")
    assert len(positions) == len(data["nodes"]) + len(data["bands"])  # and the names of the levels
    for n in data["nodes"]:
        got = positions[str(n["id"])]
        assert (got["x"], got["y"]) == (n["x"], n["y"]), n["key"]
    for i, band in enumerate(data["bands"]):
        assert (positions[f"band-{i}"]["x"], positions[f"band-{i}"]["y"]) == (band["x"], band["y"])
    # after the first draw the whole map is in view, labels included: nothing is drawn on
    # the canvas's outermost pixels (the lowest label used to be cut off there)
    assert edge_pixels(browser) == 0
    # and the map itself is inside the window: the page does not scroll (the notes above
    # a focus map used to push its bottom below the fold)
    bottom, height, scroll = browser.execute_script(
        "return [document.getElementById('map').getBoundingClientRect().bottom, window.innerHeight,"
        " document.documentElement.scrollHeight];")
    assert bottom <= height and scroll <= height
    # on screen too: the top of the ladder above the bottom
    top = min(data["nodes"], key=lambda n: n["y"])
    bottom = max(data["nodes"], key=lambda n: n["y"])
    dom = browser.execute_script(
        "var n = window.stratlinkNetwork; return [n.canvasToDOM(arguments[0]), n.canvasToDOM(arguments[1])];",
        {"x": top["x"], "y": top["y"]}, {"x": bottom["x"], "y": bottom["y"]})
    assert dom[0]["y"] < dom[1]["y"]
    assert 0 <= dom[0]["y"] and dom[1]["y"] <= 1000  # fitted into the window
    shot = browser.find_element("id", "map").screenshot_as_png
    assert png_colours(shot) > 20  # not a blank canvas


def test_focus_page_lists_numbered_paths(browser, pages):
    open_page(browser, pages["focus"])
    data = embedded(pages["focus"])
    items = browser.execute_script(
        "return Array.from(document.querySelectorAll('#paths-list li')).map(li => li.textContent);")
    assert items == [" → ".join(p) for p in data["pathKeys"]]
    # the panel shows the focused project; a click on a path selects exactly its nodes
    assert "PRJ-068" in browser.find_element("id", "panel-title").text
    browser.find_elements("css selector", "#paths-list li")[0].click()
    selected = browser.execute_script("return window.stratlinkNetwork.getSelectedNodes();")
    assert sorted(selected) == sorted(data["paths"][0])
    # large type for a projector: page and canvas text grow
    size = "return window.stratlinkNetwork.body.nodes[arguments[0]].options.font.size;"
    before = browser.execute_script(size, data["focus"])
    browser.find_element("id", "btn-large").click()
    assert "large" in browser.find_element("tag name", "body").get_attribute("class")
    assert browser.execute_script(size, data["focus"]) > before
    # and the boxes still do not overlap (wider, further apart across; the chain keeps its height)
    assert overlapping_boxes(browser, data) == []


def overlapping_boxes(browser, data) -> list[tuple[str, str]]:
    """Pairs of nodes whose drawn boxes (shape and label) overlap on the canvas."""
    boxes = browser.execute_script("""
        var net = window.stratlinkNetwork;
        return arguments[0].map(function (id) { var b = net.getBoundingBox(id); return [b.left, b.top, b.right, b.bottom]; });""",
        [n["id"] for n in data["nodes"]])
    keys = [n["key"] for n in data["nodes"]]
    return [(keys[i], keys[j]) for i, a in enumerate(boxes) for j, b in enumerate(boxes) if j > i
            and a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]


def test_no_two_boxes_overlap_on_the_whole_map(browser, pages):
    """Long rows are staggered over lanes; a lane lower than the tallest box (an id and a
    Thai name broken over two lines) put 39 boxes of the sample on top of each other."""
    open_page(browser, pages["map"])
    data = embedded(pages["map"])
    assert overlapping_boxes(browser, data) == []
    browser.find_element("id", "btn-large").click()  # large type: taller boxes, spread apart
    assert "large" in browser.find_element("tag name", "body").get_attribute("class")
    assert overlapping_boxes(browser, data) == []


def test_click_lists_findings(browser, pages):
    open_page(browser, pages["map"])
    data = embedded(pages["map"])
    orphan = next(n for n in data["nodes"] if n["key"] == "PRJ-043")
    xy = browser.execute_script("return window.stratlinkNetwork.canvasToDOM(arguments[0]);",
                                {"x": orphan["x"], "y": orphan["y"]})
    from selenium.webdriver.common.action_chains import ActionChains

    canvas = browser.find_element("css selector", "#map canvas")
    rect = canvas.rect
    ActionChains(browser).move_to_element_with_offset(
        canvas, int(xy["x"] - rect["width"] / 2), int(xy["y"] - rect["height"] / 2)).click().perform()
    panel = browser.find_element("id", "panel")
    assert panel.is_displayed()
    assert "PRJ-043" in browser.find_element("id", "panel-title").text
    assert "ORPHAN_PROJECT" in browser.find_element("id", "panel-findings").text
    # hover shows the details
    assert browser.find_element("id", "tip").is_displayed()
    assert "PRJ-043" in browser.find_element("id", "tip").text


def test_hostile_names_run_nothing(browser, pages):
    for name in ("hostile_map", "hostile_focus", "hostile_report"):
        path = pages[name]
        assert_clean(open_page(browser, path), path)
        data = embedded(path)
        shown = []
        for n in data["nodes"]:
            browser.execute_script("window.stratlinkShowPanel(arguments[0]);", n["id"])
            shown.append(browser.execute_script("return document.getElementById('panel').textContent;"))
        assert browser.execute_script("return typeof window.__pwned;") == "undefined"
        assert browser.execute_script("return document.querySelectorAll('img').length;") == 0
        assert any(HOSTILE in text for text in shown), (name, shown)  # the name is shown, as text
    cells = browser.execute_script(
        "return Array.from(document.querySelectorAll('#findings-table td')).map(td => td.textContent);")
    assert HOSTILE_ID in cells  # an id in the findings table: shown as text


def test_thai_text_uses_a_thai_font(browser, pages):
    open_page(browser, pages["map"])
    doc = browser.execute_cdp_cmd("DOM.getDocument", {"depth": -1})
    node = browser.execute_cdp_cmd("DOM.querySelector", {"nodeId": doc["root"]["nodeId"], "selector": "#title"})
    browser.execute_cdp_cmd("CSS.enable", {})
    fonts = browser.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    main_font = max(fonts, key=lambda f: f["glyphCount"])["familyName"]
    assert any(t in main_font.lower() for t in THAI_FONTS), fonts
    # the canvas uses the same stack: Thai labels measure as real glyphs, not empty boxes
    widths = browser.execute_script("""
        var c = document.createElement('canvas').getContext('2d');
        c.font = '20px ' + window.stratlinkMapData.font;
        var thai = c.measureText('ยุทธศาสตร์ชาติ').width;
        c.font = '20px monospace';
        return [thai, c.measureText('ยุทธศาสตร์ชาติ').width];""")
    assert widths[0] > 40


def test_report_filters_and_sorts(browser, pages):
    path = pages["report"]
    assert_clean(open_page(browser, path), path)
    rows = browser.find_elements("css selector", "#findings-table tbody tr")
    total = len(rows)
    assert total == len(sl.check(sl.load("examples/roiet-2561")).findings)
    box = browser.find_element("id", "f-text")
    box.send_keys("ORPHAN_PROJECT")
    visible = browser.execute_script(
        "return Array.from(document.querySelectorAll('#findings-table tbody tr')).filter(r => !r.hidden).length;")
    assert 0 < visible < total
    box.clear()
    browser.execute_script("document.getElementById('f-text').dispatchEvent(new Event('input'));")
    browser.find_element("css selector", '#findings-table th[data-col="2"]').click()
    subjects = browser.execute_script(
        "return Array.from(document.querySelectorAll('#findings-table tbody tr')).map(r => r.cells[2].textContent);")
    collated = browser.execute_script(
        "var c = new Intl.Collator('th', {numeric: true}); return arguments[0].slice().sort(c.compare);", subjects)
    assert subjects == collated
    assert drawn_pixels(browser) > 2000
    assert browser.execute_script("return document.querySelectorAll('#coverage svg rect').length;") > 0
    # print: no buttons or filters, tables not cut to a scroll box
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not browser.find_element("id", "btn-print").is_displayed()
        assert not browser.find_element("id", "f-text").is_displayed()
        assert browser.execute_script(
            "return getComputedStyle(document.querySelector('.table-wrap')).maxHeight;") == "none"
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
