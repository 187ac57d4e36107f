/* The page for a missing address. GitHub Pages serves the site root's 404.html for every missing
   path, so a missed Dutch address would get the English page: this one replaces itself with the
   404 page of the edition whose address the missing path lies under. It runs in <head>, before
   the theme's scripts, and turns the rest of this page into inert hidden text (<plaintext>), so
   the theme starts once, on the page that stays. (window.stop() would do that too, but a stopped
   page can no longer be rewritten.) Without scripts the page stays as it is: English. */
(function () {
  "use strict";
  var script = document.currentScript;
  var editions = JSON.parse(script.getAttribute("data-editions") || "[]");

  /* The edition with the longest address the path lies under: /nl/ before the root. */
  function editionOf(path) {
    var best = null;
    editions.forEach(function (edition) {
      var base = new URL(edition.site_url, location.href).pathname;
      if (path.indexOf(base) === 0 && (!best || base.length > best.base.length)) {
        best = { lang: edition.lang, base: base };
      }
    });
    return best;
  }

  var edition = editionOf(location.pathname);
  if (!edition || edition.lang === document.documentElement.lang) return;
  var page = edition.base + "404.html";
  document.write("<plaintext hidden>");
  fetch(page, { credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) throw new Error(page + ": " + response.status);
      return response.text();
    })
    .then(function (html) {
      document.open();
      document.write(html);
      document.close();
    })
    .catch(function () {
      location.replace(page); // the edition's 404 at its own address rather than a blank page
    });
})();
