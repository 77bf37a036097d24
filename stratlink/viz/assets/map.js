/* stratlink map: draws the data that stratlink/viz/map.py embeds, with vis-network.
 * All user text goes into the page through textContent (or the canvas), never as HTML. */
(function () {
  "use strict";

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function byId(id) { return document.getElementById(id); }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function readJson(id) { return JSON.parse(byId(id).textContent); }

  var SVGNS = "http://www.w3.org/2000/svg";

  function shapeSwatch(shape) {
    var svg = document.createElementNS(SVGNS, "svg");
    svg.setAttribute("width", "26");
    svg.setAttribute("height", "18");
    svg.setAttribute("viewBox", "0 0 26 18");
    var s;
    if (shape === "box" || shape === "database") {
      s = document.createElementNS(SVGNS, "rect");
      s.setAttribute("x", "2"); s.setAttribute("y", "3"); s.setAttribute("width", "22");
      s.setAttribute("height", "12"); s.setAttribute("rx", shape === "database" ? "6" : "2");
    } else if (shape === "dot") {
      s = document.createElementNS(SVGNS, "circle");
      s.setAttribute("cx", "13"); s.setAttribute("cy", "9"); s.setAttribute("r", "7");
    } else {
      s = document.createElementNS(SVGNS, "polygon");
      var pts = {triangle: "13,1 22,16 4,16", triangleDown: "4,2 22,2 13,17", diamond: "13,1 22,9 13,17 4,9"};
      s.setAttribute("points", pts[shape] || pts.triangle);
    }
    s.setAttribute("fill", "#b0bec5");
    s.setAttribute("stroke", "#455a64");
    s.setAttribute("stroke-width", "1.5");
    svg.appendChild(s);
    svg.setAttribute("class", "sw");
    return svg;
  }

  function legend(box, data) {
    var t = data.text, lg = data.legend, styles = data.edgeStyles;
    clear(box);
    box.appendChild(el("h2", t.legend));
    function list(title, items, swatch) {
      box.appendChild(el("h3", title));
      var ul = el("ul");
      items.forEach(function (it) {
        var li = el("li");
        li.appendChild(swatch(it));
        li.appendChild(el("span", it[0]));
        ul.appendChild(li);
      });
      box.appendChild(ul);
    }
    list(t.levels, lg.levels, function (it) {
      var s = el("span", null, "sw"); s.style.background = it[1]; return s;
    });
    list(t.shapes, lg.shapes, function (it) { return shapeSwatch(it[1]); });
    list(t.lines, lg.edges, function (it) {
      var st = styles[it[1]], s = el("span", null, "sw sw-line");
      s.style.borderTopColor = st.color;
      s.style.borderTopStyle = st.dashes ? (st.dashes[0] < 4 ? "dotted" : "dashed") : "solid";
      return s;
    });
    list(t.marks, lg.marks, function (it) {
      var s = el("span", null, "sw sw-mark"); s.style.borderColor = it[1]; s.style.borderStyle = it[2];
      return s;
    });
    box.appendChild(el("p", t.click_hint, "hint"));
  }

  function detailsList(rows) {
    var dl = el("dl");
    rows.forEach(function (r) { dl.appendChild(el("dt", r[0])); dl.appendChild(el("dd", r[1])); });
    return dl;
  }

  /* The pyvis Network's nodes, edges and options (serialised by stratlink/viz/network.py),
   * with the type scaled by `scale` (large type). */
  function scaled(items, scale, tall) {
    return items.map(function (it) {
      var c = Object.assign({}, it);
      if (it.font) { c.font = Object.assign({}, it.font, {size: Math.round(it.font.size * scale)}); }
      // larger type needs wider boxes and more room across (never more height: a chain is tall)
      if (it.widthConstraint) { c.widthConstraint = {maximum: Math.round(it.widthConstraint.maximum * scale)}; }
      var spread = (tall && scale !== 1) ? scale * 1.15 : scale;
      if (typeof it.x === "number") { c.x = Math.round(it.x * spread); }
      // the whole map (not a focus chain) also spreads down: its staggered lanes of boxes
      // would overlap once the boxes grow taller
      if (tall && typeof it.y === "number") { c.y = Math.round(it.y * spread); }
      return c;
    });
  }

  /* Thai has no spaces between words: break box labels at word boundaries
   * (Intl.Segmenter's Thai dictionary), measured in the node's own font, so that
   * vis-network's width limit does not cut a word in two. */
  var segmenter = (window.Intl && Intl.Segmenter) ? new Intl.Segmenter("th", {granularity: "word"}) : null;
  var measure = document.createElement("canvas").getContext("2d");

  function wrapped(items, face) {
    if (!segmenter) { return items; }
    return items.map(function (n) {
      if (!n.widthConstraint || !n.label || !n.font) { return n; }
      var max = n.widthConstraint.maximum - 2 * (n.margin || 5) - 6;
      measure.font = n.font.size + "px " + (n.font.face || face);
      var out = [];
      String(n.label).split("\n").forEach(function (line) {
        if (measure.measureText(line).width <= max) { out.push(line); return; }
        var words = [];
        Array.from(segmenter.segment(line)).forEach(function (s) {
          var next = words.join("") + s.segment;
          if (words.length && measure.measureText(next).width > max) {
            // an ellipsis never starts a line: the word before it goes along
            var carry = (s.segment === "\u2026" && words.length > 1) ? [words.pop()] : [];
            out.push(words.join("").trim());
            words = carry.concat([s.segment.replace(/^\s+/, "")]);
          } else { words.push(s.segment); }
        });
        if (words.join("").trim()) { out.push(words.join("").trim()); }
      });
      return Object.assign({}, n, {label: out.join("\n")});
    });
  }

  /* Draw data into container; returns the vis Network. */
  function drawMap(container, data, scale) {
    scale = scale || 1;
    var nodesById = {};
    data.nodes.forEach(function (n) { nodesById[n.id] = n; });
    var net = data.network;
    var tall = !data.focus;
    var nodes = new vis.DataSet(wrapped(scaled(net.nodes, scale, tall), data.font));
    var edges = new vis.DataSet(scaled(net.edges, scale, tall));
    var network = new vis.Network(container, {nodes: nodes, edges: edges}, net.options);
    network.stratlink = {nodes: nodes, edges: edges, byId: nodesById, data: data};
    return network;
  }

  /* Fit the whole map into view, leaving a margin so that labels under shapes show. */
  function fitAll(network) {
    network.fit({animation: false});
    var s = network.getScale();
    network.moveTo({scale: s * 0.94, animation: false});
  }

  function edgeIdsOfPath(data, path) {
    var want = {}, ids = [];
    for (var i = 0; i + 1 < path.length; i++) { want[path[i] + ">" + path[i + 1]] = true; }
    data.edges.forEach(function (e, i) { if (want[e.from + ">" + e.to]) { ids.push(i); } });
    return ids;
  }

  /* The whole map page (also used by the report for its map section). */
  function mapPage(dataId, opts) {
    opts = opts || {};
    var data = readJson(dataId);
    var t = data.text;
    var large = document.body.classList.contains("large");
    var mapBox = byId("map");
    if (byId("title") && !opts.keepTitle) { byId("title").textContent = data.title; }
    var notes = byId("notes");
    if (notes) { clear(notes); data.notes.forEach(function (s) { notes.appendChild(el("li", s)); }); }
    legend(byId("legend"), data);
    var network = drawMap(mapBox, data, large ? 1.4 : 1);
    window.stratlinkNetwork = network;
    window.stratlinkMapData = data;
    var started = performance.now();
    // labels are measured during the first drawing: fit again after it, so nothing is cut off
    network.once("afterDrawing", function () {
      window.stratlinkFirstDraw = performance.now();
      window.stratlinkDrawMs = performance.now() - started;
      fitAll(network);
      network.redraw();
      document.documentElement.setAttribute("data-drawn", "1");
    });
    fitAll(network);
    var resizing = null;
    window.addEventListener("resize", function () {
      clearTimeout(resizing);
      resizing = setTimeout(function () { fitAll(network); }, 150);
    });

    var tip = byId("tip");
    network.on("hoverNode", function (p) {
      var n = network.stratlink.byId[p.node];
      if (!n) { return; }  // a level's name
      clear(tip);
      tip.appendChild(el("strong", n.title || n.label.replace("\n", " ")));
      tip.appendChild(detailsList(n.d));
      tip.hidden = false;
      var box = mapBox.getBoundingClientRect();
      var x = box.left + p.pointer.DOM.x + 16, y = box.top + p.pointer.DOM.y + 16;
      var w = tip.offsetWidth, h = tip.offsetHeight;
      if (x + w > window.innerWidth - 8) { x = Math.max(8, x - w - 32); }
      if (y + h > window.innerHeight - 8) { y = Math.max(8, window.innerHeight - h - 8); }
      tip.style.left = x + "px";
      tip.style.top = y + "px";
    });
    network.on("blurNode", function () { tip.hidden = true; });
    network.on("dragStart", function () { tip.hidden = true; });
    network.on("zoom", function () { tip.hidden = true; });

    var panel = byId("panel");
    function showPanel(id) {
      var n = network.stratlink.byId[id];
      if (!n) { return; }
      byId("panel-title").textContent = n.title || n.label.replace("\n", " ");
      var dl = byId("panel-details");
      clear(dl);
      n.d.forEach(function (r) { dl.appendChild(el("dt", r[0])); dl.appendChild(el("dd", r[1])); });
      byId("panel-findings-title").textContent = t.findings + " (" + n.f.length + ")";
      var ul = byId("panel-findings");
      clear(ul);
      if (!n.f.length) { ul.appendChild(el("li", t.no_findings)); }
      n.f.forEach(function (i) {
        var f = data.findings[i];
        var li = el("li", null, "finding-" + f.severity);
        li.appendChild(el("strong", (f.severity === "error" ? t.error : t.warning) + " " + f.code));
        li.appendChild(el("span", " — " + f.message));
        ul.appendChild(li);
      });
      panel.hidden = false;
    }
    window.stratlinkShowPanel = showPanel;
    network.on("click", function (p) { if (p.nodes.length) { showPanel(p.nodes[0]); } });
    byId("panel-close").textContent = t.close;
    byId("panel-close").addEventListener("click", function () { panel.hidden = true; });

    if (data.paths.length) {
      var box = byId("paths"), ol = byId("paths-list");
      byId("paths-title").textContent = t.paths + " (" + data.paths.length + ")";
      clear(ol);
      var all = byId("paths-all");
      all.textContent = t.all_paths;
      all.addEventListener("click", function () { network.unselectAll(); fitAll(network); });
      data.paths.forEach(function (p, k) {
        var li = el("li", data.pathKeys[k].join(" → "));
        li.addEventListener("click", function () {
          network.setSelection({nodes: p, edges: edgeIdsOfPath(data, p)}, {highlightEdges: false});
        });
        ol.appendChild(li);
      });
      box.hidden = false;
    }
    if (data.focus !== null && data.focus !== undefined) { showPanel(data.focus); }

    var side = byId("btn-side");
    if (side) {
      side.textContent = t.side_panel;
      side.setAttribute("aria-pressed", "true");
      side.addEventListener("click", function () {
        var off = document.body.classList.toggle("no-side");
        side.setAttribute("aria-pressed", off ? "false" : "true");
        network.setSize("100%", "100%");
        network.redraw();
        fitAll(network);
      });
    }
    var fit = byId("btn-fit");
    if (fit) { fit.textContent = t.fit; fit.addEventListener("click", function () { fitAll(network); }); }
    var big = byId("btn-large");
    if (big) {
      big.textContent = t.large_type;
      big.addEventListener("click", function () {
        var on = document.body.classList.toggle("large");
        var s = on ? 1.4 : 1;
        var tall = !data.focus;
        network.stratlink.nodes.update(wrapped(scaled(data.network.nodes, s, tall), data.font).map(function (n) {
          return {id: n.id, font: n.font, label: n.label, x: n.x, y: n.y, widthConstraint: n.widthConstraint};
        }));
        network.stratlink.edges.update(scaled(data.network.edges.filter(function (e) { return e.font; }), s, tall)
          .map(function (e) { return {id: e.id, font: e.font}; }));
        network.redraw();
        fitAll(network);
      });
    }
    return network;
  }

  window.stratlinkDrawMap = drawMap;
  window.stratlinkMapPage = mapPage;
  window.stratlinkEl = el;
}());
