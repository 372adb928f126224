// Select-all checkbox for bulk actions (also after htmx swaps).
document.addEventListener("change", function (event) {
  var box = event.target;
  if (box.matches && box.matches("input[data-select-all]")) {
    var table = box.closest("table");
    table.querySelectorAll("td input[name=pk]").forEach(function (cb) { cb.checked = box.checked; });
  }
});

// Behaviour declared with data- attributes instead of inline on*= handlers, which the
// Content-Security-Policy forbids. Delegated from the document, so htmx-swapped content works too.

// <a|button data-confirm="…">, <form data-confirm="…">: ask before following / submitting.
document.addEventListener("click", function (event) {
  var el = event.target.closest && event.target.closest("a[data-confirm], button[data-confirm], input[data-confirm]");
  if (el && !window.confirm(el.dataset.confirm)) { event.preventDefault(); event.stopImmediatePropagation(); }
}, true);
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.matches("form[data-confirm]") && !window.confirm(form.dataset.confirm)) {
    event.preventDefault(); event.stopImmediatePropagation(); return;
  }
  // <form data-current-query>: its hidden `query` field carries the list's current filters.
  if (form.matches("form[data-current-query]") && form.elements.query) {
    form.elements.query.value = window.location.search.slice(1);
  }
}, true);

// <select data-autosubmit>: choosing a value submits its form.
document.addEventListener("change", function (event) {
  if (event.target.matches("[data-autosubmit]") && event.target.form) { event.target.form.submit(); }
});

document.addEventListener("click", function (event) {
  var el = event.target.closest && event.target.closest("[data-keep-query], [data-print], [data-select-on-click], [data-copy-table], [data-check-all], [data-fill-suggested]");
  if (!el) { return; }
  // <a data-keep-query>: the link takes the page's current filters along (e.g. an export of the filtered list).
  if (el.hasAttribute("data-keep-query")) { el.href = el.href.split("?")[0] + window.location.search; }
  if (el.hasAttribute("data-print")) { window.print(); }
  if (el.hasAttribute("data-select-on-click")) { el.select(); }
  // <button data-copy-table="id" data-copied="已复制">: copy a table to paste into Excel.
  if (el.dataset.copyTable) {
    var table = document.getElementById(el.dataset.copyTable), selection = window.getSelection(), range = document.createRange();
    range.selectNode(table);
    selection.removeAllRanges();
    selection.addRange(range);
    document.execCommand("copy");
    el.textContent = el.dataset.copied || "已复制";
  }
  // <button data-check-all="true|false">: tick or clear every checkbox of its fieldset.
  if (el.dataset.checkAll) {
    el.closest("fieldset").querySelectorAll("input[type=checkbox]").forEach(function (c) { c.checked = el.dataset.checkAll === "true"; });
  }
  // <button data-fill-suggested>: put every suggested figure into its field.
  if (el.hasAttribute("data-fill-suggested")) {
    document.querySelectorAll("[data-suggested]").forEach(function (i) { i.value = i.dataset.suggested; });
  }
});
