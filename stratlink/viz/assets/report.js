/* stratlink report: filter and sort the findings table (rows are already escaped HTML
 * written by stratlink/viz/report.py; this script only hides and reorders them). */
(function () {
  "use strict";

  function cellKey(row, col) {
    var c = row.cells[col];
    return c.hasAttribute("data-sort") ? c.getAttribute("data-sort") : c.textContent;
  }

  function setupTable() {
    var table = document.getElementById("findings-table");
    if (!table) { return; }
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var text = document.getElementById("f-text");
    var sev = document.getElementById("f-sev");
    var code = document.getElementById("f-code");
    var count = document.getElementById("f-count");
    var haystack = rows.map(function (r) { return r.textContent.toLowerCase(); });

    function filter() {
      var q = text.value.trim().toLowerCase(), s = sev.value, c = code.value, shown = 0;
      rows.forEach(function (r, i) {
        var ok = (!q || haystack[i].indexOf(q) >= 0) && (!s || r.getAttribute("data-sev") === s) &&
                 (!c || r.getAttribute("data-code") === c);
        r.hidden = !ok;
        if (ok) { shown++; }
      });
      count.textContent = count.getAttribute("data-template")
        .replace("{shown}", shown.toLocaleString()).replace("{total}", rows.length.toLocaleString());
    }
    [text, sev, code].forEach(function (e) { e.addEventListener("input", filter); });
    filter();

    var collator = new Intl.Collator(document.documentElement.lang || "th", {numeric: true});
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.tabIndex = 0;
      function sort() {
        var col = Number(th.getAttribute("data-col"));
        var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (o) { o.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
        var order = rows.map(function (r, i) { return i; });
        order.sort(function (a, b) {
          return dir * collator.compare(cellKey(rows[a], col), cellKey(rows[b], col)) || a - b;
        });
        var frag = document.createDocumentFragment();
        order.forEach(function (i) { frag.appendChild(rows[i]); });
        body.appendChild(frag);
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
  }

  window.stratlinkReport = function () {
    setupTable();
    var p = document.getElementById("btn-print");
    if (p) { p.addEventListener("click", function () { window.print(); }); }
  };
}());
