// The KEP index, filtered and sorted in the browser. Without this script the page is a
// plain table of every KEP; with it, a reader narrows the table by SIG, stage, status and
// release cycle, sorts it by any column, and can share the view: the filters live in the
// address (`/keps/?sig=sig-node&stage=beta`).
(function () {
  "use strict";
  var table = document.querySelector("table[data-filterable]");
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  // Each filter reads one data attribute of a row; `cycles` holds several, space-separated.
  var filters = [
    { key: "sig", label: "SIG", many: false },
    { key: "stage", label: "Stage", many: false },
    { key: "status", label: "Status", many: false },
    { key: "cycle", label: "Release", many: true, attr: "cycles" }
  ];

  function values(row, f) {
    var v = row.getAttribute("data-" + (f.attr || f.key)) || "";
    return f.many ? v.split(" ").filter(Boolean) : v ? [v] : [];
  }

  // Release numbers sort as numbers (1.9 before 1.10); everything else as text.
  function compareVersions(a, b) {
    var x = a.split("."), y = b.split(".");
    for (var i = 0; i < Math.max(x.length, y.length); i++) {
      var d = (parseInt(x[i], 10) || 0) - (parseInt(y[i], 10) || 0);
      if (d) return d;
    }
    return 0;
  }

  var form = document.createElement("form");
  form.className = "table-filters";
  form.setAttribute("role", "search");
  form.setAttribute("aria-label", "Filter KEPs");
  var params = new URLSearchParams(location.search);
  filters.forEach(function (f) {
    var seen = {};
    rows.forEach(function (row) {
      values(row, f).forEach(function (v) { seen[v] = row.getAttribute("data-" + f.key + "-name") || v; });
    });
    var options = Object.keys(seen).sort(f.many ? function (a, b) { return compareVersions(b, a); } : undefined);
    var label = document.createElement("label");
    label.textContent = f.label + " ";
    var select = document.createElement("select");
    select.name = f.key;
    select.add(new Option("any", ""));
    options.forEach(function (v) { select.add(new Option(f.many ? v : seen[v], v)); });
    select.value = params.get(f.key) || "";
    f.select = select;
    label.appendChild(select);
    form.appendChild(label);
  });
  var text = document.createElement("input");
  text.type = "search";
  text.name = "q";
  text.placeholder = "Number or words of the title";
  text.setAttribute("aria-label", "KEP number or title words");
  text.value = params.get("q") || "";
  form.appendChild(text);
  var count = document.createElement("p");
  count.className = "table-count";
  count.setAttribute("role", "status");
  table.parentNode.insertBefore(form, table);
  table.parentNode.insertBefore(count, table);

  function apply() {
    var words = text.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    var query = new URLSearchParams();
    filters.forEach(function (f) { if (f.select.value) query.set(f.key, f.select.value); });
    if (text.value) query.set("q", text.value);
    rows.forEach(function (row) {
      var ok = filters.every(function (f) {
        return !f.select.value || values(row, f).indexOf(f.select.value) >= 0;
      });
      var haystack = row.textContent.toLowerCase();
      ok = ok && words.every(function (w) { return haystack.indexOf(w) >= 0; });
      row.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown === rows.length ? rows.length + " KEPs" : shown + " of " + rows.length + " KEPs";
    var search = query.toString();
    history.replaceState(null, "", search ? "?" + search : location.pathname);
  }
  form.addEventListener("input", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });

  // Sorting: each header becomes a button; a second press reverses the order.
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  headers.forEach(function (th, column) {
    var kind = th.getAttribute("data-sort");
    if (!kind) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var key = function (row) {
        var cell = row.cells[column];
        return cell.getAttribute("data-value") || cell.textContent.trim();
      };
      var order = function (a, b) {
        var x = key(a), y = key(b);
        var d = kind === "number" ? parseFloat(x || "0") - parseFloat(y || "0") : x.localeCompare(y);
        return ascending ? d : -d;
      };
      rows.slice().sort(order).forEach(function (row) { body.appendChild(row); });
    });
  });
  apply();
})();
