// The public portal (site.html): works without this file; it only closes an open drop-down (<details>) of the
// navigation when another opens, on a click elsewhere and on Escape.
(function () {
  "use strict";
  var subs = function () { return document.querySelectorAll("[data-site-sub][open]"); };
  document.addEventListener("toggle", function (event) {
    var opened = event.target;
    if (!opened.matches || !opened.matches("[data-site-sub]") || !opened.open) { return; }
    subs().forEach(function (d) { if (d !== opened) { d.open = false; } });
  }, true);
  document.addEventListener("click", function (event) {
    subs().forEach(function (d) { if (!d.contains(event.target)) { d.open = false; } });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    subs().forEach(function (d) { d.open = false; var s = d.querySelector("summary"); if (s) { s.focus(); } });
  });
})();
