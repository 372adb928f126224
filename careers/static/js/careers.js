// Select-all checkbox for bulk actions (also after htmx swaps).
document.addEventListener("change", function (event) {
  var box = event.target;
  if (box.matches && box.matches("input[data-select-all]")) {
    var table = box.closest("table");
    table.querySelectorAll("td input[name=pk]").forEach(function (cb) { cb.checked = box.checked; });
  }
});
