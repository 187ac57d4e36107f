/* Self-assessment: answers stay in this browser (localStorage); no network request but the
 * site's own data file. Every text from the data is inserted with textContent, never as HTML. */
(function () {
  "use strict";
  var STORE = "ppc-kb-self-assessment-v1";
  var FORMAT = "ppc-kb-self-assessment";
  var SVG = "http://www.w3.org/2000/svg";
  var COLOURS = { present: "#1b7a3a", partial: "#b7791f", absent: "#b42318", unknown: "#6b7280" };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  // The words of the interface come with the data, in the edition's language.
  var labels = {};
  function t(key, params) {
    var text = labels[key] || key;
    Object.keys(params || {}).forEach(function (k) { text = text.split("{" + k + "}").join(params[k]); });
    return text;
  }

  function load() {
    try {
      var saved = JSON.parse(localStorage.getItem(STORE) || "{}");
      return saved && typeof saved.answers === "object" && saved.answers ? saved.answers : {};
    } catch (e) { return {}; }
  }
  function save(answers) {
    localStorage.setItem(STORE, JSON.stringify({ format: FORMAT, version: 1, answers: answers }));
  }

  function derive(data, ratings) {
    var score = {}, total = 0, n = 0;
    data.scale.forEach(function (s) { score[s.id] = s.score; });
    ratings.forEach(function (r) {
      if (score[r] !== null && score[r] !== undefined) { total += score[r]; n += 1; }
    });
    if (!n) return "unknown";
    var mean = total / n;
    if (mean >= data.rule.present_at) return "present";
    if (mean <= data.rule.absent_at) return "absent";
    return "partial";
  }

  function profileOf(data, answers) {
    var out = {};
    data.criteria.forEach(function (c) {
      out[c.id] = derive(data, c.indicators.map(function (i) { return answers[i.id] || "unknown"; }));
    });
    return out;
  }

  function nearest(data, answers) {
    var score = {};
    data.scale.forEach(function (s) { score[s.id] = s.score; });
    var best = null;
    data.cases.forEach(function (c) {
      var diff = 0, n = 0;
      Object.keys(c.indicators).forEach(function (id) {
        var a = score[answers[id] || "unknown"], b = score[c.indicators[id]];
        if (a !== null && a !== undefined && b !== null && b !== undefined) { diff += Math.abs(a - b); n += 1; }
      });
      if (!n) return;
      var similarity = 1 - diff / (2 * n);
      if (!best || similarity > best.similarity) best = { kase: c, similarity: similarity, compared: n };
    });
    return best;
  }

  function badge(data, rating) {
    var s = data.scale.filter(function (x) { return x.id === rating; })[0];
    return el("span", { "class": "kb-rating kb-rating--" + rating, text: s.symbol + "\u00a0" + s.label });
  }

  function profileSvg(data, profile, title) {
    var rowH = 30, labelW = 300, barW = 150, width = labelW + barW + 150;
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + width + " " + (rowH * data.criteria.length + 6));
    svg.setAttribute("width", width);
    svg.setAttribute("height", rowH * data.criteria.length + 6);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", title + ": " + data.criteria.map(function (c) {
      return c.title + " " + data.scale.filter(function (s) { return s.id === profile[c.id]; })[0].label.toLowerCase();
    }).join("; "));
    data.criteria.forEach(function (c, i) {
      var y = 3 + i * rowH, r = profile[c.id];
      var s = data.scale.filter(function (x) { return x.id === r; })[0];
      var t = document.createElementNS(SVG, "text");
      t.setAttribute("x", 0); t.setAttribute("y", y + 19); t.setAttribute("font-size", 13); t.textContent = c.title;
      svg.appendChild(t);
      var bg = document.createElementNS(SVG, "rect");
      bg.setAttribute("x", labelW); bg.setAttribute("y", y + 4); bg.setAttribute("width", barW); bg.setAttribute("height", 20);
      bg.setAttribute("fill", "#f3f4f6"); bg.setAttribute("stroke", s.score === null ? COLOURS[r] : "#d1d5db");
      if (s.score === null) bg.setAttribute("stroke-dasharray", "4 3");
      svg.appendChild(bg);
      if (s.score !== null) {
        var bar = document.createElementNS(SVG, "rect");
        bar.setAttribute("x", labelW); bar.setAttribute("y", y + 4); bar.setAttribute("height", 20);
        bar.setAttribute("width", Math.max(6, barW * s.score / 2)); bar.setAttribute("fill", COLOURS[r]);
        svg.appendChild(bar);
      }
      var l = document.createElementNS(SVG, "text");
      l.setAttribute("x", labelW + barW + 8); l.setAttribute("y", y + 19); l.setAttribute("font-size", 13);
      l.setAttribute("fill", COLOURS[r]); l.setAttribute("font-weight", "600"); l.textContent = s.symbol + " " + s.label;
      svg.appendChild(l);
    });
    return svg;
  }

  function markdownReport(data, answers) {
    var profile = profileOf(data, answers), label = {};
    data.scale.forEach(function (s) { label[s.id] = s.symbol + " " + s.label; });
    var lines = ["# " + t("report_title"), ""];
    data.criteria.forEach(function (c) {
      lines.push("## " + c.title + ": " + label[profile[c.id]], "");
      c.indicators.forEach(function (i) {
        lines.push("- " + i.question + " **" + label[answers[i.id] || "unknown"] + "**");
      });
      lines.push("");
    });
    var near = nearest(data, answers);
    if (near) lines.push(t("most_resembles", { name: near.kase.name, percent: Math.round(near.similarity * 100), count: near.compared, basis: t(near.kase.assessed_by === "study" ? "basis_study" : "basis_contributors") }), "");
    lines.push(t("rule", { rule: data.rule.text }), "");
    return lines.join("\n");
  }

  function download(name, type, text) {
    var a = el("a", { href: URL.createObjectURL(new Blob([text], { type: type })), download: name });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }

  function checkImport(data, parsed) {
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return t("not_export");
    if (parsed.format !== FORMAT) return t("wrong_format", { format: FORMAT });
    if (parsed.version !== 1) return t("wrong_version");
    if (!parsed.answers || typeof parsed.answers !== "object" || Array.isArray(parsed.answers)) return t("no_answers");
    var known = {}, levels = {};
    data.criteria.forEach(function (c) { c.indicators.forEach(function (i) { known[i.id] = true; }); });
    data.scale.forEach(function (s) { levels[s.id] = true; });
    for (var id in parsed.answers) {
      if (!Object.prototype.hasOwnProperty.call(parsed.answers, id)) continue;
      if (!known[id]) return t("unknown_indicator", { id: id });
      if (!levels[parsed.answers[id]]) return t("bad_answer", { id: id, levels: Object.keys(levels).join(", ") });
    }
    return null;
  }

  function mount(root, data, base) {
    var answers = load();
    var fallback = document.querySelector(".kb-sa-fallback");
    if (fallback) fallback.hidden = true;
    root.textContent = "";
    var form = el("form", { "class": "kb-sa-form", "aria-label": t("form") });
    data.criteria.forEach(function (c) {
      var fs = el("fieldset", { "class": "kb-sa-criterion" }, [el("legend", {}, [el("a", { href: base + c.url, text: c.title })])]);
      c.indicators.forEach(function (i) {
        var group = el("div", { "class": "kb-sa-question", role: "radiogroup", "aria-labelledby": "kb-q-" + i.id });
        group.appendChild(el("p", { id: "kb-q-" + i.id, text: i.question }));
        // Answers a practitioner gives about their own partnership (yes, partly, no, don't know),
        // scored as the scale's levels; the results show the levels themselves.
        data.scale.forEach(function (s) {
          var input = el("input", { type: "radio", name: i.id, value: s.id, id: "kb-" + i.id + "-" + s.id });
          if ((answers[i.id] || "") === s.id) input.checked = true;
          group.appendChild(el("label", { "for": input.id, "class": "kb-sa-option" }, [input, document.createTextNode(" " + s.symbol + " " + (labels["answer_" + s.id] || s.label))]));
        });
        fs.appendChild(group);
      });
      form.appendChild(fs);
    });
    var results = el("section", { "class": "kb-sa-results", "aria-live": "polite", id: "kb-sa-results" });
    var message = el("p", { "class": "kb-sa-message", role: "alert", id: "kb-sa-message" });
    var fileInput = el("input", { type: "file", accept: "application/json,.json", id: "kb-sa-import", "class": "kb-sa-file" });
    var tools = el("div", { "class": "kb-sa-tools" }, [
      el("button", { type: "button", "class": "md-button", id: "kb-sa-export-json", text: t("export_json") }),
      el("button", { type: "button", "class": "md-button", id: "kb-sa-export-md", text: t("export_md") }),
      el("label", { "for": "kb-sa-import", "class": "md-button", text: t("import") }),
      fileInput,
      el("button", { type: "button", "class": "md-button", id: "kb-sa-reset", text: t("reset") }),
    ]);
    root.appendChild(tools);
    root.appendChild(message);
    root.appendChild(form);
    root.appendChild(results);

    function show() {
      var profile = profileOf(data, answers);
      results.textContent = "";
      var answered = Object.keys(answers).length, total = 0;
      data.criteria.forEach(function (c) { total += c.indicators.length; });
      results.appendChild(el("h2", { text: t("results") }));
      results.appendChild(el("p", { id: "kb-sa-progress", text: t("progress", { answered: answered, total: total }) }));
      var table = el("table", { "class": "kb-sa-table" });
      table.appendChild(el("tr", {}, [el("th", { text: t("criterion") }), el("th", { text: t("your_rating") })]));
      data.criteria.forEach(function (c) {
        table.appendChild(el("tr", { "data-criterion": c.id }, [el("td", {}, [el("a", { href: base + c.url, text: c.title })]), el("td", {}, [badge(data, profile[c.id])])]));
      });
      results.appendChild(table);
      results.appendChild(el("h3", { text: t("profile_beside") }));
      var pics = el("div", { "class": "kb-profiles" });
      pics.appendChild(el("figure", { id: "kb-sa-profile" }, [profileSvg(data, profile, t("your_partnership")), el("figcaption", { text: t("your_partnership") })]));
      data.cases.forEach(function (k) {
        pics.appendChild(el("figure", {}, [
          el("img", { src: base + k.profile, alt: t("profile_of", { name: k.name }), "class": "kb-profile" }),
          el("figcaption", {}, [el("a", { href: base + k.url, text: k.name })]),
        ]));
      });
      results.appendChild(pics);
      var near = nearest(data, answers);
      var nearBox = el("div", { id: "kb-sa-nearest" });
      if (!near) {
        nearBox.appendChild(el("p", { text: t("answer_more") }));
      } else {
        nearBox.appendChild(el("p", {}, [
          document.createTextNode(t("resembles")),
          el("a", { href: base + near.kase.url, text: near.kase.name, id: "kb-sa-nearest-name" }),
          document.createTextNode(t("similar", { percent: Math.round(near.similarity * 100), count: near.compared })),
          el("span", { id: "kb-sa-nearest-basis", text: t(near.kase.assessed_by === "study" ? "study_note" : "contributors_note") }),
        ]));
        var diffs = el("ul", {});
        data.criteria.forEach(function (c) {
          if (near.kase.criteria[c.id] !== profile[c.id]) {
            diffs.appendChild(el("li", {}, [
              document.createTextNode(t("yours_is", { criterion: c.title })), badge(data, profile[c.id]),
              document.createTextNode(t("theirs_is", { name: near.kase.name })), badge(data, near.kase.criteria[c.id]),
            ]));
          }
        });
        nearBox.appendChild(diffs.childNodes.length ? diffs : el("p", { text: t("equal", { name: near.kase.name }) }));
      }
      results.appendChild(nearBox);
      var weak = data.criteria.filter(function (c) { return profile[c.id] === "absent" || profile[c.id] === "partial"; });
      if (weak.length) {
        results.appendChild(el("h3", { text: t("weak") }));
        weak.forEach(function (c) {
          var list = el("ul", {});
          c.lessons.forEach(function (l) { list.appendChild(el("li", {}, [el("a", { href: base + l.url, text: t("lesson", { title: l.title }) })])); });
          data.cases.forEach(function (k) {
            if (k.criteria[c.id] === "present") list.appendChild(el("li", {}, [el("a", { href: base + k.url + "#" + c.id, text: t("case", { name: k.name }) })]));
          });
          results.appendChild(el("div", { "class": "kb-sa-weak", "data-criterion": c.id }, [el("h4", { text: c.title }), list]));
        });
      }
    }

    form.addEventListener("change", function (event) {
      var t = event.target;
      if (t && t.type === "radio") { answers[t.name] = t.value; save(answers); message.textContent = ""; show(); }
    });
    tools.querySelector("#kb-sa-export-json").addEventListener("click", function () {
      download("self-assessment.json", "application/json", JSON.stringify({ format: FORMAT, version: 1, answers: answers }, null, 2));
    });
    tools.querySelector("#kb-sa-export-md").addEventListener("click", function () {
      download("self-assessment.md", "text/markdown", markdownReport(data, answers));
    });
    tools.querySelector("#kb-sa-reset").addEventListener("click", function () {
      answers = {}; localStorage.removeItem(STORE); message.textContent = t("cleared");
      form.querySelectorAll("input[type=radio]").forEach(function (i) { i.checked = false; });
      show();
    });
    fileInput.addEventListener("change", function () {
      var file = fileInput.files && fileInput.files[0];
      if (!file) return;
      file.text().then(function (text) {
        var parsed, problem;
        try { parsed = JSON.parse(text); } catch (e) { problem = t("not_json"); }
        problem = problem || checkImport(data, parsed);
        if (problem) { message.textContent = t("import_failed", { problem: problem }); return; }
        answers = {};
        Object.keys(parsed.answers).forEach(function (k) { answers[k] = parsed.answers[k]; });
        save(answers);
        form.querySelectorAll("input[type=radio]").forEach(function (i) { i.checked = answers[i.name] === i.value; });
        message.textContent = t("imported", { count: Object.keys(answers).length });
        show();
      }).finally(function () { fileInput.value = ""; });
    });
    show();
  }

  function start() {
    var root = document.getElementById("kb-sa");
    var source = document.getElementById("kb-sa-data");
    if (!root || !source) return;
    var dataUrl = source.href;
    fetch(dataUrl, { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) { labels = data.labels || {}; mount(root, data, new URL("../", dataUrl).href); })
      .catch(function () { root.textContent = root.getAttribute("data-load-failed"); });
  }

  // Material's instant navigation swaps pages without a reload: document$ fires for each page.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
