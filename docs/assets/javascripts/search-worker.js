/* Search behind Material's own search box: this worker answers Material's search-worker messages
 * (0 setup, 1 ready, 2 query, 3 result) from the Pagefind index, which the build writes to
 * pagefind/ beside each edition's pages. Pagefind fetches only the index chunks and fragments a
 * query needs, and only once the reader searches: nothing that grows with the collection loads
 * with a page. Every text goes to Material as HTML, so titles are escaped here; Pagefind's
 * excerpts are escaped text with <mark> around the matches. */
"use strict";

var BASE = new URL("../../pagefind/", self.location.href).href;
var SHOWN = 30; // results whose fragments are fetched; Material shows ten, then more on scroll
var language = "en";
var pagefind = null;
var latest = 0; // answers arrive out of order; only the newest query's is shown
var lastQuery = "";
var filters = {}; // facet -> value, chosen in the filters atop the results (search-filters.js)
var contributors = ""; // the Type value of the pages for contributors (kb-setup from search-filters.js)
var SHORT = 3; // a query word of this many letters or fewer matches whole words only ("AVG" is not "a")

function escapeHTML(text) {
  return String(text).replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
  });
}

function load() {
  if (!pagefind) {
    // Pagefind picks its language index from <html lang>, which a worker has no document for.
    self.document = { querySelector: function () { return { getAttribute: function () { return language; } }; } };
    pagefind = import(BASE + "pagefind.js").then(function (module) {
      return module.options({ basePath: BASE, excerptLength: 24 })
        .then(function () { return module.filters(); }) // loaded now, results carry the filters' counts
        .then(function () { return module; });
    });
  }
  return pagefind;
}

// Material may send lunr's query syntax ("+term*"); Pagefind wants the words.
function words(query) {
  return String(query).split(/\s+/).map(function (token) {
    return token.replace(/^[+-]+|[*~^]+\d*$/g, "");
  }).filter(Boolean);
}

// Whether a marked word is one the reader asked for: it begins as a query word does (four
// letters, or the whole of a shorter one). Pagefind also marks pieces it split a word into
// (Dutch "AVG" marked every "a"); those lose their mark.
function asked(word, terms) {
  var w = fold(word).replace(/[^\p{L}\p{N}]/gu, "");
  return terms.some(function (term) {
    var q = fold(term).replace(/[^\p{L}\p{N}]/gu, ""), n = Math.min(4, q.length);
    return w.length >= n && w.slice(0, n) === q.slice(0, n);
  });
}

function excerpt(text, terms) {
  return String(text).replace(/<mark>([^<]*)<\/mark>/g, function (whole, word) {
    return asked(word, terms) ? whole : word;
  });
}

// The kind of page (its Type filter value: "Case", "Lesson", "For contributors"), shown on the result
// on a line of its own (kb.css), and in its text followed by a colon, so it never runs into the
// title ("Lesson: Put agreements in writing"); not at all where it is the title ("Glossary").
function kind(data) {
  var type = data.filters && data.filters.type && data.filters.type[0];
  var title = String(data.meta.title || "");
  if (!type || fold(type) === fold(title)) return "";
  return '<span class="kb-search-type">' + escapeHTML(type) + '<span class="kb-sr">:</span></span> ';
}

function item(data, words) {
  var terms = {};
  words.forEach(function (w) { terms[w] = true; });
  var page = {
    location: data.url.replace(/^\//, ""), // relative to the edition's root, as Material expects
    title: kind(data) + escapeHTML(data.meta.title || data.url),
    text: excerpt(data.excerpt, words),
    score: 1,
    terms: terms,
  };
  return [page];
}

// Pagefind has no typo tolerance: when a query finds nothing (or only pieces of its words, as
// "an" for "Antwarp"), the build's list of page titles (pagefind/kb-titles.json, loaded only
// then) offers the pages whose names are nearest.
var titles = null;

function fold(text) {
  return String(text).toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

function distance(a, b) {
  var previous = [], current, i, j;
  for (j = 0; j <= b.length; j++) previous.push(j);
  for (i = 1; i <= a.length; i++) {
    current = [i];
    for (j = 1; j <= b.length; j++) {
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    previous = current;
  }
  return previous[b.length];
}

// Each query word must lie within a quarter of its length (at least one edit) of a word of the
// title; the nearest titles first, at most five.
function nearest(terms, pages) {
  var scored = [];
  pages.forEach(function (pair) {
    var names = fold(pair[0]).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    var total = 0;
    for (var k = 0; k < terms.length; k++) {
      var word = fold(terms[k]);
      var best = Infinity;
      names.forEach(function (name) { best = Math.min(best, distance(word, name)); });
      if (best > Math.max(1, Math.floor(word.length / 4))) return;
      total += best;
    }
    scored.push([total, pair[0], pair[1]]);
  });
  scored.sort(function (x, y) { return x[0] - y[0] || x[1].localeCompare(y[1]); });
  return scored.slice(0, 5);
}

// Whether Pagefind's results mark a word that begins as a query word does (four letters, or the
// whole of a shorter one): stemming ("partnerships" -> "partnership") counts, "an" does not.
function matched(pages, terms) {
  var marked = [];
  pages.forEach(function (p) {
    String(p.excerpt).replace(/<mark>([^<]*)<\/mark>/g, function (_, word) { marked.push(fold(word)); return _; });
  });
  return terms.some(function (term) {
    var q = fold(term), n = Math.min(4, q.length);
    return marked.some(function (m) { return m.length >= n && m.slice(0, n) === q.slice(0, n); });
  });
}

function suggestions(terms) {
  if (!titles) {
    titles = fetch(BASE + "kb-titles.json").then(function (r) { return r.ok ? r.json() : { pages: [] }; });
  }
  return titles.then(function (list) {
    return nearest(terms, list.pages || []).map(function (found) {
      return [{ location: found[2], title: escapeHTML(found[1]), text: escapeHTML(list.label || ""), score: 1, terms: {} }];
    });
  }, function () { return []; });
}

function letters(term) {
  return fold(term).replace(/[^\p{L}\p{N}]/gu, "");
}

// Pagefind's results for ``terms`` under ``chosen`` filters, keeping only the pages that hold each
// short word whole: Pagefind matches a word's beginning and splits unknown Dutch words into known
// pieces, but its exact search (the query in quotes) matches whole words only.
function whole(module, terms, chosen) {
  var short = terms.filter(function (t) { var n = letters(t).length; return n > 0 && n <= SHORT; });
  var query = short.length === terms.length && terms.length === 1 ? '"' + terms[0] + '"' : terms.join(" ");
  return module.search(query, { filters: chosen }).then(function (found) {
    if (!short.length || query.charAt(0) === '"') return found;
    return Promise.all(short.map(function (t) { return module.search('"' + t + '"', { filters: chosen }); }))
      .then(function (exact) {
        var keep = exact.map(function (e) { return new Set(e.results.map(function (r) { return r.id; })); });
        found.results = found.results.filter(function (r) { return keep.every(function (k) { return k.has(r.id); }); });
        return found;
      });
  });
}

// A reader's results leave out the pages for contributors (facets.PAGE_TYPES says why), unless
// the reader chose a type, or nothing else matches: a contributor searching "YAML" still finds them.
function find(module, terms) {
  if (!contributors || filters.type) return whole(module, terms, filters);
  var readers = Object.assign({}, filters, { type: { not: contributors } });
  return whole(module, terms, readers).then(function (found) {
    if (found.results.length) {
      var all = found.totalFilters && found.totalFilters.type;
      if (all && all[contributors]) (found.filters.type = found.filters.type || {})[contributors] = all[contributors];
      return found;
    }
    return whole(module, terms, filters);
  });
}

// ``id`` is the query's number: once a newer query has come, this one fetches no fragments.
function answer(query, id) {
  var terms = words(query);
  if (!terms.length) return Promise.resolve({ items: [], suggest: [], filters: null });
  var available = {};
  return load().then(function (module) {
    return id === latest ? find(module, terms) : null;
  }).then(function (found) {
    if (!found || id !== latest) return null;
    // What each filter value would leave, for the filters' labels, and how many results there are.
    available = { filters: found.filters, total: found.results.length, shown: Math.min(SHOWN, found.results.length) };
    return Promise.all(found.results.slice(0, SHOWN).map(function (r) { return r.data(); }));
  }).then(function (pages) {
    if (!pages) return null;
    var items = pages.map(function (p) { return item(p, terms); });
    if (!Object.keys(filters).length && !matched(pages, terms)) {
      return suggestions(terms).then(function (nearest) {
        return { items: nearest.concat(items), suggest: [], filters: available };
      });
    }
    return { items: items, suggest: [], filters: available };
  });
}

self.addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === "kb-setup") {
    contributors = (message.data && message.data.contributors) || "";
  } else if (message.type === 0) {
    var config = (message.data && message.data.config) || {};
    language = (config.lang && config.lang[0]) || "en";
    self.postMessage({ type: 1 });
  } else if (message.type === 2 || message.type === "kb-filter") {
    if (message.type === 2) lastQuery = message.data;
    else filters = message.data || {};
    var id = ++latest;
    var reply = function (result) {
      if (!result || id !== latest) return;
      if (result.filters) self.postMessage({ type: "kb-filters", data: result.filters });
      self.postMessage({ type: 3, data: { items: result.items, suggest: result.suggest } });
    };
    answer(lastQuery, id).then(reply, function () { reply({ items: [], suggest: [], filters: null }); });
  }
});
