// Optional: click a column heading to sort its table. The report reads fine without it.
(function () {
  "use strict";
  function key(row, i) {
    var cell = row.cells[i];
    return cell ? (cell.getAttribute("data-key") || cell.textContent || "").trim() : "";
  }
  document.querySelectorAll("table.sortable th[data-sort]").forEach(function (th) {
    th.addEventListener("click", function () {
      var table = th.closest("table"), body = table.tBodies[0], i = th.cellIndex;
      var asc = th.getAttribute("aria-sort") !== "ascending";
      table.querySelectorAll("th[aria-sort]").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      Array.prototype.slice.call(body.rows)
        .sort(function (a, b) {
          var c = key(a, i).localeCompare(key(b, i), "zh");
          return asc ? c : -c;
        })
        .forEach(function (r) { body.appendChild(r); });
    });
  });
})();
