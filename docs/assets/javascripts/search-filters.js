/* Filters atop the search results: type, country, status and a rating per criterion (Pagefind
 * filters; the build writes the empty selects into the search panel). This script loads before
 * Material's bundle so it can keep a handle on the search worker the bundle starts. After each
 * search the worker reports the values the index holds, each with the number of results it would
 * leave; a changed filter goes to the worker, which answers Material with the narrowed results.
 * Values are set as text, never as HTML. */
(function () {
  "use strict";
  var Native = window.Worker;
  if (!Native) return;
  var worker = null;

  function Patched(url, options) {
    var created = new Native(url, options);
    if (!worker && /search-worker\.js/.test(String(url))) {
      worker = created;
      // Before any query: the Type value of the pages for contributors, which reader searches leave out.
      var root = group();
      if (root) created.postMessage({ type: "kb-setup", data: { contributors: root.getAttribute("data-kb-contributors") || "" } });
      created.addEventListener("message", function (event) {
        if (event.data && event.data.type === "kb-filters") show(event.data.data);
      });
    }
    return created;
  }
  Patched.prototype = Native.prototype;
  window.Worker = Patched;

  function group() {
    return document.querySelector(".kb-search-filters");
  }

  function selects(root) {
    return Array.prototype.slice.call(root.querySelectorAll("select[data-kb-facet]"));
  }

  function chosen(root) {
    var filters = {};
    selects(root).forEach(function (select) {
      if (!select.value) return;
      var facet = select.getAttribute("data-kb-facet");
      var pair = facet === "*" ? JSON.parse(select.value) : [facet, select.value];
      filters[pair[0]] = pair[1];
    });
    return filters;
  }

  // Facets are keyed by ids (a ':' in a key would split it for Pagefind); the build names them.
  function facetOrder(root) {
    try {
      var order = JSON.parse(root.getAttribute("data-kb-facet-order") || "[]");
      return Array.isArray(order) ? order : [];
    } catch (error) {
      return [];
    }
  }

  function facetNames(root) {
    try {
      var names = JSON.parse(root.getAttribute("data-kb-facet-names") || "{}");
      return names && typeof names === "object" ? names : {};
    } catch (error) {
      return {};
    }
  }

  // "Case (2 results)": the value with the results it leaves, in the edition's words.
  function option(value, text, count) {
    var element = document.createElement("option");
    var root = group();
    var form = root && root.getAttribute(count === 1 ? "data-kb-option-one" : "data-kb-option-other");
    element.value = value;
    element.textContent = count === undefined ? text
      : form ? form.replace(/\{(value|count)\}/g, function (_, key) { return key === "value" ? text : count; })
      : text + " (" + count + ")";
    return element;
  }

  function sorted(object) {
    return Object.keys(object || {}).sort(function (a, b) { return a.localeCompare(b); });
  }

  // Material counts the results it is given; when there are more, say how many.
  var counted = { total: 0, shown: 0 };
  function recount() {
    var root = group();
    var meta = document.querySelector(".md-search-result__meta");
    if (!root || !meta || counted.total <= counted.shown) return;
    var text = root.getAttribute("data-kb-count").replace("{total}", counted.total).replace("{shown}", counted.shown);
    if (meta.textContent !== text) meta.textContent = text;
  }
  var meta = document.querySelector(".md-search-result__meta"); // the header, and so this, outlives instant navigation
  if (meta) new MutationObserver(recount).observe(meta, { childList: true, subtree: true, characterData: true });

  // report: {filters: facet -> value -> how many results choosing it would leave, total, shown}
  function show(report) {
    var root = group();
    if (!root) return;
    counted = { total: report.total, shown: report.shown };
    var available = report.filters;
    var named = {};
    selects(root).forEach(function (select) { named[select.getAttribute("data-kb-facet")] = true; });
    selects(root).forEach(function (select) {
      var facet = select.getAttribute("data-kb-facet");
      var keep = select.value;
      var children = [select.options[0]]; // "All"
      if (facet === "*") {
        var names = facetNames(root), order = facetOrder(root);
        // The criteria in the study's order (data-kb-facet-order), not by their English ids.
        var rank = function (name) { var at = order.indexOf(name); return at < 0 ? order.length : at; };
        sorted(available).filter(function (name) { return !named[name]; }).sort(function (a, b) { return rank(a) - rank(b); }).forEach(function (name) {
          var optgroup = document.createElement("optgroup");
          optgroup.label = Object.prototype.hasOwnProperty.call(names, name) ? names[name] : name;
          sorted(available[name]).forEach(function (value) {
            optgroup.appendChild(option(JSON.stringify([name, value]), value, available[name][value]));
          });
          children.push(optgroup);
        });
      } else {
        sorted(available[facet]).forEach(function (value) {
          children.push(option(value, value, available[facet][value]));
        });
      }
      select.replaceChildren.apply(select, children);
      select.value = keep;
      if (select.value !== keep) select.value = "";
    });
    root.hidden = false;
  }

  document.addEventListener("change", function (event) {
    var root = group();
    if (worker && root && root.contains(event.target)) {
      worker.postMessage({ type: "kb-filter", data: chosen(root) });
    }
  });

  // Material's search keys (Tab closes the search, other keys return to the query box) would take
  // the keyboard from the filters; inside them the keys do what they do in any form. Escape still
  // closes the search, and the arrow keys still move from the summary through the results.
  document.addEventListener("keydown", function (event) {
    var root = group();
    if (!root || !root.contains(event.target) || event.key === "Escape") return;
    var summary = event.target.tagName === "SUMMARY";
    if (summary && (event.key === "ArrowUp" || event.key === "ArrowDown")) return;
    event.stopPropagation();
  });
})();
