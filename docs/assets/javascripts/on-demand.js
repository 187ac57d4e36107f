/* The self-assessment's scripts (about 46 KB) load only on a page that has the self-assessment,
 * also when Material's instant navigation brings one: every other page skips their download and
 * their parse. Once loaded, self-assessment.js mounts through document$ as before. */
(function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src;
  if (!here) return;
  var base = here.replace(/[^/]*$/, "");
  var loading = null;

  function script(name) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement("script");
      element.src = base + name;
      element.onload = resolve;
      element.onerror = reject;
      document.head.appendChild(element);
    });
  }

  function check() {
    if (loading || !document.getElementById("kb-sa")) return;
    loading = script("self-assessment-core.js").then(function () { return script("self-assessment.js"); });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(check);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", check);
  else check();
})();
