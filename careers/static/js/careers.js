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

// A listbox driven from a text box (the type-ahead below and the sidebar's menu search): the option at
// `index` is highlighted, announced through aria-activedescendant and scrolled into view.
function highlightOption(input, items, index) {
  items.forEach(function (item, n) {
    item.classList.toggle("active", n === index);
    item.setAttribute("aria-selected", n === index ? "true" : "false");
  });
  if (items[index]) {
    input.setAttribute("aria-activedescendant", items[index].id);
    items[index].scrollIntoView({ block: "nearest" });
  } else {
    input.removeAttribute("aria-activedescendant");
  }
}
// ArrowDown/ArrowUp from `current` (-1: none yet) in a list of `length`, wrapping round.
function stepOption(current, length, key) {
  if (current < 0) { return key === "ArrowDown" ? 0 : length - 1; }
  return (current + (key === "ArrowDown" ? 1 : length - 1)) % length;
}

// Type-ahead for large dropdowns (core.typeahead): <div data-typeahead="url?t=…"> holds the real
// <select> (hidden; only the selected option(s)), for a multiple choice the chosen items as removable
// chips, and a search box; matching options come from the url.
(function () {
  var timers = new WeakMap();

  function parts(box) {
    return { select: box.querySelector("select"), input: box.querySelector("[data-typeahead-input]"),
             menu: box.querySelector(".typeahead-menu"), chips: box.querySelector(".typeahead-chosen"),
             multiple: box.hasAttribute("data-typeahead-multiple") };
  }
  function selectedLabel(p) {
    var option = p.select.selectedOptions[0];
    return option && option.value !== "" ? option.textContent : "";
  }
  function hide(p) {
    p.menu.classList.remove("show");
    p.input.setAttribute("aria-expanded", "false");
    p.input.removeAttribute("aria-activedescendant");
  }
  function note(p, text) {
    var item = document.createElement("span");
    item.className = "dropdown-item-text small text-muted";
    item.textContent = text;
    p.menu.appendChild(item);
  }
  function activate(p, items, index) { highlightOption(p.input, items, index); }
  function show(box, data) {
    var p = parts(box), items = [];
    p.menu.textContent = "";
    (data.results || []).forEach(function (row, i) {
      var item = document.createElement("button");
      item.type = "button";
      item.tabIndex = -1;
      item.id = p.menu.id + "-" + i;
      item.className = "dropdown-item";
      item.setAttribute("role", "option");
      item.dataset.value = row.id;
      item.textContent = row.text;
      if (row.drill) {  // a region with others below it: choosing it lists them (省 → 市 → 区/县)
        item.dataset.drill = "1";
        item.classList.add("typeahead-drill");
        item.setAttribute("aria-label", row.text + "，展开下级");
      }
      p.menu.appendChild(item);
      items.push(item);
    });
    if (!data.results || !data.results.length) { note(p, data.error || "没有匹配的选项"); }
    if (data.more) { note(p, "仅显示前 " + data.results.length + " 项，请输入更完整的名称"); }
    activate(p, items, 0);
    p.menu.classList.add("show");
    p.input.setAttribute("aria-expanded", "true");
  }
  function lookup(box) {
    var p = parts(box), text = p.input.value.trim();
    if (!p.multiple && text === selectedLabel(p)) { text = ""; }  // focus on a chosen value: browse from the top
    var below = text === "" && box.dataset.parent ? "&p=" + encodeURIComponent(box.dataset.parent) : "";
    fetch(box.dataset.typeahead + "&q=" + encodeURIComponent(text) + below, { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) { if (document.activeElement === p.input) { show(box, data); } })
      .catch(function () { show(box, { results: [], error: "查找失败，请稍后重试" }); });
  }
  function schedule(box) {
    clearTimeout(timers.get(box));
    timers.set(box, setTimeout(function () { lookup(box); }, 200));
  }
  function changed(p) { p.select.dispatchEvent(new Event("change", { bubbles: true })); }
  // The chips repeat the select's chosen options, each with a remove button (server-rendered the same way).
  function drawChips(p) {
    if (!p.chips) { return; }
    p.chips.textContent = "";
    Array.prototype.forEach.call(p.select.selectedOptions, function (o) {
      if (o.value === "") { return; }
      var li = document.createElement("li"), label = document.createElement("span"),
          remove = document.createElement("button");
      li.className = "typeahead-chip badge text-bg-light border";
      label.textContent = o.textContent;
      remove.type = "button";
      remove.className = "btn-close btn-close-sm ms-1";
      remove.dataset.typeaheadRemove = o.value;
      remove.setAttribute("aria-label", "移除“" + o.textContent + "”");
      li.appendChild(label);
      li.appendChild(remove);
      p.chips.appendChild(li);
    });
    p.input.required = p.input.hasAttribute("data-required") && !p.select.selectedOptions.length;
  }
  function choose(box, item) {
    var p = parts(box), value = item.dataset.value, option = null;
    if (item.dataset.drill) {  // list the regions below it instead of choosing it
      box.dataset.parent = value;
      p.input.value = "";
      lookup(box);
      return;
    }
    delete box.dataset.parent;
    Array.prototype.forEach.call(p.select.options, function (o) { if (o.value === value) { option = o; } });
    if (!p.multiple) {
      // keep 全部 ("") and （空） ("null"): the choices that are not rows
      Array.prototype.slice.call(p.select.options).forEach(function (o) {
        if (o !== option && o.value !== "" && o.value !== "null") { o.remove(); }
      });
    }
    if (!option) { option = new Option(item.textContent, value); p.select.add(option); }
    option.selected = true;
    p.input.value = p.multiple ? "" : item.textContent;
    hide(p);
    drawChips(p);
    changed(p);
  }
  function unchoose(box, value) {
    var p = parts(box);
    Array.prototype.slice.call(p.select.options).forEach(function (o) { if (o.value === value) { o.remove(); } });
    drawChips(p);
    p.input.focus();
    changed(p);
  }
  function clear(box) {
    var p = parts(box);
    if (p.multiple || p.select.value === "") { return; }
    p.select.value = "";
    changed(p);
  }

  // A page script sets a type-ahead's value: box.dispatchEvent(new CustomEvent("typeahead:set",
  // { bubbles: true, detail: { value: …, label: … } })) (e.g. a picked 主管单位 fills its region).
  document.addEventListener("typeahead:set", function (event) {
    var box = event.target.closest && event.target.closest("[data-typeahead]");
    if (box) { choose(box, { dataset: { value: String(event.detail.value) }, textContent: event.detail.label }); }
  });
  document.addEventListener("input", function (event) {
    var box = event.target.closest && event.target.closest("[data-typeahead]");
    if (box && event.target.matches("[data-typeahead-input]")) { delete box.dataset.parent; schedule(box); }
  });
  document.addEventListener("focusin", function (event) {
    var box = event.target.closest && event.target.closest("[data-typeahead]");
    if (box && event.target.matches("[data-typeahead-input]")) { schedule(box); }
  });
  document.addEventListener("focusout", function (event) {
    var box = event.target.closest && event.target.closest("[data-typeahead]");
    if (!box || !event.target.matches("[data-typeahead-input]")) { return; }
    var p = parts(box), browsing = Boolean(box.dataset.parent);
    clearTimeout(timers.get(box));
    delete box.dataset.parent;
    hide(p);
    if (!p.multiple) {  // an emptied box clears the choice; leaving the cascade half way keeps it
      if (p.input.value.trim() === "" && !browsing) { clear(box); } else { p.input.value = selectedLabel(p); }
    }
  });
  // mousedown, not click: it comes before the search box loses focus (which hides the menu).
  document.addEventListener("mousedown", function (event) {
    var item = event.target.closest && event.target.closest("[data-typeahead] .typeahead-menu [data-value]");
    if (item) { event.preventDefault(); choose(item.closest("[data-typeahead]"), item); }
  });
  // click: a chip's remove button, by mouse or by keyboard (Enter / Space on the focused button).
  document.addEventListener("click", function (event) {
    var remove = event.target.closest && event.target.closest("[data-typeahead] [data-typeahead-remove]");
    if (remove) { event.preventDefault(); unchoose(remove.closest("[data-typeahead]"), remove.dataset.typeaheadRemove); }
  });
  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("[data-typeahead-input]")) { return; }
    var box = input.closest("[data-typeahead]"), p = parts(box);
    var items = Array.prototype.slice.call(p.menu.querySelectorAll("[data-value]"));
    var current = items.findIndex(function (i) { return i.classList.contains("active"); });
    var open = p.menu.classList.contains("show");
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) { schedule(box); return; }
      if (!items.length) { return; }
      activate(p, items, stepOption(current, items.length, event.key));
    } else if (event.key === "Enter") {
      // The search text is no value: Enter picks the highlighted option (or clears an emptied box).
      if (open && current >= 0) { event.preventDefault(); choose(box, items[current]); }
      else if (!p.multiple && input.value.trim() === "") { clear(box); }
      else if (open) { event.preventDefault(); }
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      hide(p);
      if (!p.multiple) { input.value = selectedLabel(p); }
    } else if (event.key === "Backspace" && p.multiple && input.value === "" && p.select.selectedOptions.length) {
      var options = p.select.selectedOptions;  // an empty box: Backspace removes the last chosen item
      unchoose(box, options[options.length - 1].value);
    }
  });
})();

// The back-office sidebar (backoffice.html): collapsible menu groups whose open/closed state is
// remembered in localStorage (the group holding the current page always opens), and a menu search:
// 2+ characters list the matching pages; ArrowUp/Down pick one, Enter opens it (or the first),
// Escape clears. The same markup serves the desktop column and the phone offcanvas.
(function () {
  var nav = document.querySelector("[data-sidebar]");
  if (!nav) { return; }
  var KEY = "careers.sidebar.groups";

  function load() {
    try { return JSON.parse(window.localStorage.getItem(KEY)) || {}; } catch (e) { return {}; }
  }
  function save(state) {
    try { window.localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* private mode: no memory */ }
  }
  function setOpen(group, open) {
    var body = group.querySelector(".collapse"), button = group.querySelector("[data-bs-toggle=collapse]");
    body.classList.toggle("show", open);
    button.classList.toggle("collapsed", !open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }

  var state = load();
  nav.querySelectorAll("[data-menu-group]").forEach(function (group) {
    var key = group.dataset.menuGroup;
    if (!group.querySelector("[data-menu-current]") && key in state) { setOpen(group, state[key]); }
  });
  nav.addEventListener("shown.bs.collapse", function (event) { remember(event.target, true); });
  nav.addEventListener("hidden.bs.collapse", function (event) { remember(event.target, false); });
  function remember(body, open) {
    var group = body.closest("[data-menu-group]");
    if (!group) { return; }
    var current = load();
    current[group.dataset.menuGroup] = open;
    save(current);
  }

  // On a phone the menu opens as an offcanvas: show the current page's entry, not the top of the list.
  var aside = nav.closest(".offcanvas-lg");
  if (aside) {
    aside.addEventListener("shown.bs.offcanvas", function () {
      var active = nav.querySelector(".nav-link.active");
      if (active) { active.scrollIntoView({ block: "nearest" }); }
    });
  }

  // -- search --------------------------------------------------------------------------------------
  var input = nav.querySelector("[data-menu-search]");
  if (!input) { return; }
  var results = document.getElementById(input.getAttribute("aria-controls"));
  var empty = nav.querySelector("[data-menu-search-empty]");
  var groups = nav.querySelector("[data-menu-groups]");

  function entries() {
    return Array.prototype.map.call(nav.querySelectorAll("[data-menu-groups] a[data-menu]"), function (link) {
      var group = link.closest("[data-menu-group]").querySelector("[data-menu-group-label]").textContent.trim();
      return { link: link, label: link.textContent.trim(), group: group };
    });
  }
  function options() { return Array.prototype.slice.call(results.querySelectorAll("[role=option]")); }
  function select(index) { highlightOption(input, options(), index); }
  function close() {
    results.replaceChildren();
    results.classList.add("d-none");
    empty.classList.add("d-none");
    groups.classList.remove("d-none");
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }
  function search() {
    var query = input.value.trim().toLowerCase();
    if (query.length < 2) { close(); return; }
    // Pages whose own name matches first, then those of a group whose name matches (招聘 → 宣讲会...).
    var all = entries();
    var hits = all.filter(function (e) { return e.label.toLowerCase().indexOf(query) >= 0; });
    all.forEach(function (e) {
      if (hits.indexOf(e) < 0 && e.group.toLowerCase().indexOf(query) >= 0) { hits.push(e); }
    });
    results.replaceChildren();
    hits.forEach(function (hit, i) {
      var option = document.createElement("a");
      option.href = hit.link.href;
      option.id = "menu-hit-" + i;
      option.className = "list-group-item list-group-item-action py-1 px-2 small";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.tabIndex = -1;
      option.dataset.menuHit = hit.link.dataset.menu;
      var label = document.createElement("span");
      label.textContent = hit.label;
      var group = document.createElement("span");
      group.className = "text-muted ms-1";
      group.textContent = "· " + hit.group;
      option.append(label, group);
      results.appendChild(option);
    });
    results.classList.toggle("d-none", !hits.length);
    empty.classList.toggle("d-none", hits.length > 0);
    groups.classList.add("d-none");
    input.setAttribute("aria-expanded", hits.length ? "true" : "false");
    select(hits.length ? 0 : -1);
  }

  input.addEventListener("input", search);
  input.addEventListener("keydown", function (event) {
    var all = options(), current = all.findIndex(function (o) { return o.classList.contains("active"); });
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!all.length) { return; }
      event.preventDefault();
      select(stepOption(current, all.length, event.key));
    } else if (event.key === "Enter") {
      event.preventDefault();
      var target = all[current >= 0 ? current : 0];
      if (target) { window.location.assign(target.href); }
    } else if (event.key === "Escape" && input.value) {
      event.preventDefault();
      event.stopPropagation();  // clear the search, do not close the phone's offcanvas
      input.value = "";
      close();
    }
  });
})();
// Our date input (core.widgets.DateInput): a 年-月-日 text box; the 日历 button opens the browser's calendar
// through a hidden <input type="date"> whose choice is copied back. Typed 2024/9/1 or 20240901 become 2024-09-01.
(function () {
  function pad(n) { return (n.length < 2 ? "0" : "") + n; }
  function normalise(text) {
    var m = text.trim().match(/^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/);
    return m ? m[1] + "-" + pad(m[2]) + "-" + pad(m[3]) : text;
  }
  function normaliseDateTime(text) {
    var m = text.trim().match(/^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?[ T]+(\d{1,2})[:：时](\d{2})分?$/);
    return m ? m[1] + "-" + pad(m[2]) + "-" + pad(m[3]) + " " + pad(m[4]) + ":" + m[5] : text;
  }
  function normaliseMonth(text) {
    var m = text.trim().match(/^(\d{4})[-/.年]?(\d{1,2})月?$/);
    return m ? m[1] + "-" + pad(m[2]) : text;
  }
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("[data-date-text]")) { el.value = normalise(el.value); }
    if (el.matches && el.matches("[data-month-text]")) { el.value = normaliseMonth(el.value); }
    if (el.matches && el.matches("[data-datetime-text]")) { el.value = normaliseDateTime(el.value); }
    if (el.matches && el.matches("[data-date-input] .date-native")) {
      var text = el.closest("[data-date-input]").querySelector("[data-date-text], [data-datetime-text]");
      text.value = el.value.replace("T", " ");
      text.dispatchEvent(new Event("input", { bubbles: true }));
      text.dispatchEvent(new Event("change", { bubbles: true }));
      text.focus();
    }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-date-pick]");
    if (!button) { return; }
    var box = button.closest("[data-date-input]"), text = box.querySelector("[data-date-text], [data-datetime-text]");
    var native = box.querySelector(".date-native");
    if (text.matches("[data-datetime-text]")) {
      var when = normaliseDateTime(text.value);
      native.value = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(when) ? when.replace(" ", "T") : "";
    } else {
      var value = normalise(text.value);
      native.value = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : "";
    }
    try { native.showPicker(); } catch (e) { native.focus(); native.click(); }
  });
})();

// Our file input (core.widgets.FileInput): the chosen file's name (or 未选择文件) next to the 选择文件 button.
document.addEventListener("change", function (event) {
  var input = event.target;
  if (!input.matches || !input.matches("[data-file-input] input[type=file]")) { return; }
  var names = Array.prototype.map.call(input.files || [], function (f) { return f.name; });
  input.closest("[data-file-input]").querySelector("[data-file-name]").textContent = names.length ? names.join("、") : "未选择文件";
});

// <form data-form-progress> with <fieldset data-form-section id=…> parts and a <nav data-form-steps>: the
// share of filled fields in the progress bar, and each section's step ticked once its required fields are filled.
(function () {
  function fields(scope) {
    return Array.prototype.filter.call(scope.querySelectorAll("input, select, textarea"), function (el) {
      // named fields only: a type-ahead counts by its (hidden) <select>, not by its search box;
      // [data-form-optional]: a row offered for a new entry (filled or not, the form is complete)
      return el.name && !el.disabled && !el.closest("[data-form-optional]") && ["hidden", "submit", "button", "checkbox", "radio", "file"].indexOf(el.type) < 0;
    });
  }
  function filled(el) { return (el.value || "").trim() !== ""; }
  function update(form) {
    var all = fields(form), done = all.filter(filled).length;
    var share = all.length ? Math.round(100 * done / all.length) : 100;
    var bar = form.querySelector("[data-form-progress-bar]");
    if (bar) {
      bar.style.width = share + "%";
      bar.parentNode.setAttribute("aria-valuenow", share);
      form.querySelector("[data-form-progress-text]").textContent = "已填写 " + done + " / " + all.length + " 项";
    }
    form.querySelectorAll("[data-form-section]").forEach(function (section) {
      var step = form.querySelector("[data-form-steps] a[href='#" + section.id + "']");
      if (!step) { return; }
      var own = fields(section), required = own.filter(function (el) { return el.required; });
      var complete = (required.length ? required : own).every(filled) && own.length > 0;
      step.classList.toggle("done", complete);
    });
  }
  function wire(root) { (root || document).querySelectorAll("form[data-form-progress]").forEach(update); }
  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("form[data-form-progress]");
    if (form) { update(form); }
  });
  document.addEventListener("change", function (event) {
    var form = event.target.closest && event.target.closest("form[data-form-progress]");
    if (form) { update(form); }
  });
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", function () { wire(); }); }
  else { wire(); }
})();

// <table data-sticky-columns="N"> (core.tables.BaseTable.sticky_columns): its first N columns stay in view while
// the table scrolls sideways inside .table-responsive; each pinned cell's left offset is the width before it.
(function () {
  function pin(table) {
    var n = parseInt(table.dataset.stickyColumns, 10), head = table.tHead && table.tHead.rows[0];
    if (!n || !head) { return; }
    var lefts = [], left = 0;
    for (var i = 0; i < n && i < head.cells.length; i++) { lefts.push(left); left += head.cells[i].getBoundingClientRect().width; }
    Array.prototype.forEach.call(table.rows, function (row) {
      if (row.cells.length < n) { return; }  // an empty-list row spanning every column
      for (var i = 0; i < lefts.length; i++) {
        row.cells[i].classList.add("sticky-col");
        row.cells[i].classList.toggle("sticky-col-last", i === lefts.length - 1);
        row.cells[i].style.left = lefts[i] + "px";  // CSSOM, allowed by the CSP (no style attribute in HTML)
      }
    });
  }
  function pinAll() { document.querySelectorAll("table[data-sticky-columns]").forEach(pin); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", pinAll); } else { pinAll(); }
  window.addEventListener("resize", pinAll);
  document.addEventListener("htmx:afterSettle", pinAll);
})();

// Result toasts (core/includes/messages.html) are rendered shown; hide them after a few seconds. Bootstrap
// keeps one open while the pointer or the keyboard focus is on it.
(function () {
  function start() {
    document.querySelectorAll("[data-result-toast]").forEach(function (el) {
      if (window.bootstrap) { window.bootstrap.Toast.getOrCreateInstance(el, { delay: 6000 }).show(); }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
