/* The self-assessment's scripts load only on a page that has the self-assessment, also when
 * Material's instant navigation brings one: every other page skips their download and their
 * parse. self-assessment.js is an ES module (it imports self-assessment/*.mjs); import() loads it
 * once, and its start() draws the tool on each page that has one. */
(function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src;
  if (!here) return;
  var module = new URL("self-assessment.js", here).href;

  var yourRow = new URL("your-row.js", here).href;  // your partnership's row on the comparison page

  function check() {
    if (document.getElementById("kb-sa-row")) {
      import(yourRow).then(function (row) { row.start(); }, function (e) { if (window.console) console.error(e); });
    }
    if (!document.getElementById("kb-sa")) return;
    import(module).then(function (sa) { sa.start(); }, function (e) { if (window.console) console.error(e); });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(check);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", check);
  else check();
})();
