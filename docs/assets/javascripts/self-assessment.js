/* Self-assessment: questions, your gaps with what to do about each, an action plan to print,
 * export and share, several partnerships and snapshots over time. Everything stays in this
 * browser (localStorage, or the share link's fragment, which browsers never send to a server);
 * the only request is the site's own data file. Every text, the data's and the reader's, is set
 * with textContent or as an input's value, never as HTML. The reckoning is in self-assessment-core.js. */
(function () {
  "use strict";
  var STORE = "ppc-kb-self-assessment-v2";
  var OLD_STORE = "ppc-kb-self-assessment-v1";  // answers only, before partnerships and plans
  var SHARE = "#sa=";
  var SVG = "http://www.w3.org/2000/svg";
  var COLOURS = { present: "#1b7a3a", partial: "#b7791f", absent: "#b42318", unknown: "#6b7280" };
  var core = window.kbSelfAssessment;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "value") node.value = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  // The words of the interface come with the data, in the edition's language.
  var labels = {};
  function fill(text, params) {
    Object.keys(params || {}).forEach(function (k) { text = text.split("{" + k + "}").join(params[k]); });
    return text;
  }
  function t(key, params) { return fill(labels[key] || key, params); }
  // A message with plural forms comes as the list of them, [one, other] in English and Dutch (the
  // rule of the catalogs' Plural-Forms header; tests/test_words.py holds it so): the form for n.
  function tn(key, n, params) {
    var forms = labels[key];
    return fill(Array.isArray(forms) ? forms[n === 1 ? 0 : 1] : key, params);
  }

  function today() {
    var d = new Date();
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function blank() { return { id: "p" + Date.now().toString(36), name: "", answers: {}, plan: {}, snapshots: [] }; }
  function hasWork(p) { return Object.keys(p.answers).length > 0 || Object.keys(core.filledPlan(p.plan)).length > 0; }

  function stored(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }  // storage refused: nothing saved
  }

  /* The partnerships kept in this browser, each checked as an import is (core.readState); the
   * answers of the first version become the first one. What cannot be read is reported with the
   * raw text, which stays in storage until the next save, so the reader can download it first. */
  function loadState(data) {
    var raw = stored(STORE), read = core.readState(data, raw, t);
    var state = { current: read.current, profiles: read.profiles };
    if (!state.profiles.length) {
      var first = blank();
      try {
        var old = core.readPartnership(data, Object.assign({}, JSON.parse(stored(OLD_STORE) || "{}"), { format: core.FORMAT, version: 1 }), t);
        if (old.partnership) first.answers = old.partnership.answers;
      } catch (e) { /* an unreadable old store starts empty */ }
      state = { current: first.id, profiles: [first] };
    }
    return { state: state, problems: read.problems, raw: read.problems.length ? raw : null };
  }
  function serialized(state) {
    return JSON.stringify({ format: core.FORMAT, version: 2, current: state.current, profiles: state.profiles });
  }
  // False when the browser refuses: its quota full (QuotaExceededError), storage turned off.
  function saveState(text) {
    try {
      localStorage.setItem(STORE, text);
      localStorage.removeItem(OLD_STORE);
      return true;
    } catch (e) {
      return false;
    }
  }
  function forget() {
    try { localStorage.removeItem(STORE); localStorage.removeItem(OLD_STORE); } catch (e) { /* nothing to remove */ }
  }

  /* Saved work that cannot be read or shown: what happened, the saved text to download as it
   * was, and a fresh start; never a dead tool. */
  function rescue(id, text, raw, afresh) {
    var box = el("div", { id: id, "class": "admonition warning kb-sa-rescue", role: "alert" }, [el("p", { text: text })]);
    var keep = el("button", { type: "button", "class": "md-button", id: id + "-download", text: t("state_download") });
    var restart = el("button", { type: "button", "class": "md-button", id: id + "-afresh", text: t("start_afresh") });
    keep.addEventListener("click", function () { download("self-assessment-saved-" + today() + ".json", "application/json", raw || ""); });
    restart.addEventListener("click", function () {
      if (!window.confirm(t("afresh_confirm"))) return;
      forget();
      afresh();
    });
    box.appendChild(el("p", {}, [keep, " ", restart]));
    return box;
  }

  function scaleOf(data, id) { return data.scale.filter(function (s) { return s.id === id; })[0]; }
  function badge(data, rating) {
    var s = scaleOf(data, rating);
    return el("span", { "class": "kb-rating kb-rating--" + rating, text: s.symbol + "\u00a0" + s.label });
  }
  function answerText(data, id) { return scaleOf(data, id).symbol + " " + t("answer_" + id); }

  function profileSvg(data, profile, title) {
    var rowH = 30, labelW = 330, barW = 150, width = labelW + barW + 150;
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + width + " " + (rowH * data.criteria.length + 6));
    svg.setAttribute("width", width);
    svg.setAttribute("height", rowH * data.criteria.length + 6);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", title + ": " + data.criteria.map(function (c) {
      return c.title + " " + scaleOf(data, profile[c.id]).label.toLowerCase();
    }).join("; "));
    function text(x, y, content, colour) {
      var node = document.createElementNS(SVG, "text");
      node.setAttribute("x", x); node.setAttribute("y", y); node.setAttribute("font-size", 13);
      if (colour) { node.setAttribute("fill", colour); node.setAttribute("font-weight", "600"); }
      node.textContent = content;
      svg.appendChild(node);
    }
    function rect(attrs) {
      var node = document.createElementNS(SVG, "rect");
      Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
      svg.appendChild(node);
    }
    data.criteria.forEach(function (c, i) {
      var y = 3 + i * rowH, r = profile[c.id], s = scaleOf(data, r);
      text(0, y + 19, c.title);
      rect({ x: labelW, y: y + 4, width: barW, height: 20, fill: "#f3f4f6", stroke: s.score === null ? COLOURS[r] : "#d1d5db",
             "stroke-dasharray": s.score === null ? "4 3" : "none" });
      if (s.score !== null) rect({ x: labelW, y: y + 4, height: 20, width: Math.max(6, barW * s.score / 2), fill: COLOURS[r] });
      text(labelW + barW + 8, y + 19, s.symbol + " " + s.label, COLOURS[r]);
    });
    return svg;
  }

  // A wide table scrolls sideways on a phone; focusable, so a keyboard can scroll it too.
  function scroller(table, label) {
    return el("div", { "class": "kb-sa-scroll", tabindex: "0", role: "region", "aria-label": label }, [table]);
  }

  function download(name, type, text) {
    var a = el("a", { href: URL.createObjectURL(new Blob([text], { type: type })), download: name });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }

  function fileName(p, ext) {
    var stem = (p.name || "self-assessment").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    return (stem || "self-assessment") + "-" + today() + "." + ext;
  }

  function mount(root, data, base) {
    var loaded = loadState(data), state = loaded.state;
    var kept = serialized(state);  // the state storage holds (or will, once saved): a refused save returns to it
    var current = function () { return state.profiles.filter(function (p) { return p.id === state.current; })[0]; };
    var nameOf = function (p) { return p.name || t("default_name"); };
    var total = 0;
    data.criteria.forEach(function (c) { total += c.indicators.length; });
    var fallback = document.querySelector(".kb-sa-fallback");
    if (fallback) fallback.hidden = true;
    root.textContent = "";

    // The partnership being assessed, and the others kept here.
    var select = el("select", { id: "kb-sa-partnership" });
    var nameInput = el("input", { type: "text", id: "kb-sa-name", maxlength: "200", autocomplete: "organization" });
    var bar = el("div", { "class": "kb-sa-bar" }, [
      el("label", { "for": "kb-sa-partnership", text: t("switch") }), select,
      el("button", { type: "button", "class": "md-button", id: "kb-sa-new", text: t("new_profile") }),
      el("button", { type: "button", "class": "md-button", id: "kb-sa-delete", text: t("delete_profile") }),
      el("label", { "for": "kb-sa-name", text: t("name") }), nameInput,
    ]);
    var message = el("p", { "class": "kb-sa-message", role: "status", id: "kb-sa-message" });

    var form = el("form", { "class": "kb-sa-form", "aria-label": t("form") });
    data.criteria.forEach(function (c) {
      var fs = el("fieldset", { "class": "kb-sa-criterion" }, [el("legend", {}, [el("a", { href: base + c.url, text: c.title })])]);
      c.indicators.forEach(function (i) {
        var group = el("div", { "class": "kb-sa-question", role: "radiogroup", "aria-labelledby": "kb-q-" + i.id,
                                "aria-describedby": "kb-looks-" + i.id, "data-indicator": i.id });
        group.appendChild(el("p", { id: "kb-q-" + i.id, "class": "kb-sa-q", text: i.question }));
        group.appendChild(el("p", { id: "kb-looks-" + i.id, "class": "kb-sa-looks" }, [el("strong", { text: t("looks_like") }), i.present_looks_like]));
        data.scale.forEach(function (s) {
          var input = el("input", { type: "radio", name: i.id, value: s.id, id: "kb-" + i.id + "-" + s.id });
          group.appendChild(el("label", { "for": input.id, "class": "kb-sa-option" }, [input, " " + answerText(data, s.id)]));
        });
        fs.appendChild(group);
      });
      form.appendChild(fs);
    });

    var results = el("section", { "class": "kb-sa-results", id: "kb-sa-results", "aria-labelledby": "kb-sa-results-h" });
    var progress = el("p", { id: "kb-sa-progress", "aria-live": "polite" });

    // Export and print follow the results: they act on what the results show.
    var fileInput = el("input", { type: "file", accept: "application/json,.json", id: "kb-sa-import", "class": "kb-sa-file" });
    var shareBox = el("div", { id: "kb-sa-share", "class": "kb-sa-share" });
    var tools = el("section", { "class": "kb-sa-tools-section", "aria-labelledby": "kb-sa-tools-h" }, [
      el("h2", { id: "kb-sa-tools-h", text: t("tools") }),
      el("div", { "class": "kb-sa-tools" }, [
        el("button", { type: "button", "class": "md-button md-button--primary", id: "kb-sa-print-plan", text: t("print") }),
        el("button", { type: "button", "class": "md-button", id: "kb-sa-export-md", text: t("export_plan_md") }),
        el("button", { type: "button", "class": "md-button", id: "kb-sa-export-csv", text: t("export_csv") }),
        el("button", { type: "button", "class": "md-button", id: "kb-sa-export-json", text: t("export_all") }),
        el("label", { "for": "kb-sa-import", "class": "md-button", text: t("import_all") }),
        fileInput,
        el("button", { type: "button", "class": "md-button", id: "kb-sa-share-make", text: t("share") }),
        el("button", { type: "button", "class": "md-button", id: "kb-sa-reset", text: t("reset") }),
      ]),
      shareBox,
    ]);
    var compare = el("section", { id: "kb-sa-compare", "aria-labelledby": "kb-sa-compare-h" });
    var overTime = el("section", { id: "kb-sa-time", "aria-labelledby": "kb-sa-time-h" });
    var printed = el("section", { "class": "kb-sa-print", id: "kb-sa-print", "aria-hidden": "true" });

    // A refused save says so until a later one succeeds, with the partnership to export as it was meant to be.
    var unsaved = null;
    var notSaved = el("div", { id: "kb-sa-not-saved", "class": "admonition warning", role: "alert", hidden: "" }, [
      el("p", { text: t("not_saved") }),
      el("button", { type: "button", "class": "md-button", id: "kb-sa-not-saved-export", text: t("not_saved_export") }),
    ]);
    var unreadable = loaded.problems.length ? rescue("kb-sa-unreadable", t("state_unreadable", { problems: loaded.problems.join("; ") + "." }),
      loaded.raw, function () { afresh(root, data, base); }) : null;

    // The answers' box about your partnership stands above, in the page itself (also without JavaScript).
    [unreadable, notSaved, bar, message, form, results, tools, compare, overTime, printed].forEach(function (n) { if (n) root.appendChild(n); });

    function say(text) { message.textContent = text; }
    // Saves the state; when the browser refuses, the change is undone, so what is shown is what is kept.
    function persist() {
      var text = serialized(state);
      if (saveState(text)) { kept = text; notSaved.hidden = true; return true; }
      unsaved = core.exported(current());
      var back = JSON.parse(kept);
      state = { current: back.current, profiles: back.profiles };
      notSaved.hidden = false;
      showPartnership();
      return false;
    }
    notSaved.querySelector("button").addEventListener("click", function () {
      if (unsaved) download(fileName(unsaved, "json"), "application/json", JSON.stringify(unsaved, null, 2));
    });

    function showPartnership() {
      var p = current();
      select.textContent = "";
      state.profiles.forEach(function (q) {
        var o = el("option", { value: q.id, text: nameOf(q) });
        if (q.id === p.id) o.selected = true;
        select.appendChild(o);
      });
      nameInput.value = p.name;
      nameInput.placeholder = t("default_name");
      bar.querySelector("#kb-sa-delete").disabled = state.profiles.length < 2;
      form.querySelectorAll("input[type=radio]").forEach(function (i) { i.checked = p.answers[i.name] === i.value; });
      shareBox.textContent = "";
      show();
    }

    function show() {
      var p = current(), answers = p.answers, profile = core.profileOf(data, answers);
      var groups = core.gaps(data, answers), gapCount = 0;
      groups.forEach(function (g) { gapCount += g.items.length; });
      results.textContent = "";
      results.appendChild(el("h2", { id: "kb-sa-results-h", text: t("results") }));
      progress.textContent = tn("progress", total, { answered: Object.keys(answers).length, total: total }) + " " +
        tn("gap_count", gapCount, { count: gapCount }) + ".";
      results.appendChild(progress);
      var table = el("table", { "class": "kb-sa-table" });
      table.appendChild(el("tr", {}, [el("th", { scope: "col", text: t("criterion") }), el("th", { scope: "col", text: t("your_rating") })]));
      data.criteria.forEach(function (c) {
        table.appendChild(el("tr", { "data-criterion": c.id }, [el("td", {}, [el("a", { href: base + c.url, text: c.title })]), el("td", {}, [badge(data, profile[c.id])])]));
      });
      results.appendChild(scroller(table, t("your_rating")));
      results.appendChild(gapsSection(p, groups));
      results.appendChild(similaritySection(answers));
      results.appendChild(el("h3", { text: t("profile_beside") }));
      var pics = el("div", { "class": "kb-profiles" });
      pics.appendChild(el("figure", { id: "kb-sa-profile" }, [profileSvg(data, profile, nameOf(p)), el("figcaption", { text: nameOf(p) })]));
      data.cases.forEach(function (k) {
        pics.appendChild(el("figure", {}, [
          el("img", { src: base + k.profile, alt: t("profile_of", { name: k.name }), "class": "kb-profile" }),
          el("figcaption", {}, [el("a", { href: base + k.url, text: k.name })]),
        ]));
      });
      results.appendChild(pics);
      showCompare();
      showOverTime();
      showPrint();
    }

    function gapsSection(p, groups) {
      var box = el("section", { id: "kb-sa-gaps", "aria-labelledby": "kb-sa-gaps-h" }, [el("h3", { id: "kb-sa-gaps-h", text: t("gaps") })]);
      if (!groups.length) {
        if (core.allYes(data, p.answers)) {
          box.appendChild(el("p", { id: "kb-sa-all-yes", text: t("all_yes") }));
          box.appendChild(el("p", { id: "kb-sa-keep" }, [t("keep_it"),
            el("a", { href: base + data.links.conditions, text: t("conditions_link") }), t("and"),
            el("a", { href: base + data.links.variants, text: t("variants_link") }), "."]));
        } else {
          box.appendChild(el("p", { id: "kb-sa-no-gaps", text: t("no_gaps_yet") }));
        }
        return box;
      }
      box.appendChild(el("p", { text: t("gaps_intro") }));
      groups.forEach(function (g) {
        var group = el("div", { "class": "kb-sa-gap-group", "data-criterion": g.criterion.id }, [
          el("h4", {}, [el("a", { href: base + g.criterion.url, text: g.criterion.title }),
            " (" + tn("gap_count", g.items.length, { count: g.items.length }) + ")"]),
        ]);
        g.items.forEach(function (item) { group.appendChild(gapItem(p, item)); });
        box.appendChild(group);
      });
      return box;
    }

    function gapItem(p, item) {
      var i = item.indicator, entry = p.plan[i.id] || {};
      var gap = el("div", { "class": "kb-sa-gap", "data-indicator": i.id, "data-answer": item.answer }, [
        el("h5", {}, [el("a", { href: base + i.url, text: i.title })]),
        el("p", {}, [t("your_answer") + t("answer_" + item.answer) + " ", badge(data, item.answer)]),
        el("p", { "class": "kb-sa-looks" }, [el("strong", { text: t("looks_like") }), i.present_looks_like]),
        el("p", { "class": "kb-sa-sub", text: t("lessons_for") }),
      ]);
      if (i.lessons.length) {
        gap.appendChild(el("ul", { "class": "kb-sa-lessons" }, i.lessons.map(function (l) {
          return el("li", {}, [el("a", { href: base + l.url, "data-lesson": l.id, text: l.title })]);
        })));
      } else {
        gap.appendChild(el("p", { "class": "kb-sa-no-lessons", text: t("no_lessons") }));
      }
      gap.appendChild(el("p", { "class": "kb-sa-sub", text: t("where_present") }));
      if (i.where_present.length) {
        gap.appendChild(el("ul", { "class": "kb-sa-examples" }, i.where_present.map(function (w) {
          var kase = data.cases.filter(function (k) { return k.id === w.case; })[0];
          return el("li", { "data-case": w.case }, [
            el("a", { href: base + w.url, text: kase.name }),
            kase.assessed_by === "study" ? "" : t("by_contributors"),
            ": " + w.finding + " ",
            w.quote ? el("q", w.quote_lang && w.quote_lang !== data.language ? { lang: w.quote_lang, text: w.quote } : { text: w.quote }) : null,
          ]);
        })));
      } else {
        gap.appendChild(el("p", { text: t("nowhere_present") }));
      }
      var fields = el("div", { "class": "kb-sa-plan-fields" });
      [["action", "textarea"], ["owner", "input"], ["due", "input"]].forEach(function (f) {
        var id = "kb-plan-" + i.id + "-" + f[0];
        var attrs = { id: id, "data-plan": i.id, "data-field": f[0], value: entry[f[0]] || "", maxlength: String(core.TEXT_MAX) };
        if (f[1] === "input") attrs.type = f[0] === "due" ? "date" : "text";
        else attrs.rows = "2";
        fields.appendChild(el("div", { "class": "kb-sa-field kb-sa-field--" + f[0] }, [el("label", { "for": id, text: t("plan_" + f[0]) }), el(f[1], attrs)]));
      });
      gap.appendChild(fields);
      return gap;
    }

    function similaritySection(answers) {
      var box = el("section", { id: "kb-sa-nearest", "aria-labelledby": "kb-sa-nearest-h" }, [
        el("h3", { id: "kb-sa-nearest-h", text: t("similarity") }),
        el("p", { id: "kb-sa-similarity-rule", text: t("similarity_explained") }),
      ]);
      var ranked = core.ranked(data, answers);
      if (!ranked.length) { box.appendChild(el("p", { text: t("answer_more") })); return box; }
      var best = ranked[0], k = best.kase;
      box.appendChild(el("p", {}, [
        t("resembles"), el("a", { href: base + k.url, text: k.name, id: "kb-sa-nearest-name" }),
        el("span", { id: "kb-sa-nearest-percent", text: tn("similar", best.compared, { percent: Math.round(best.similarity * 100), count: best.compared }) }),
        el("span", { id: "kb-sa-nearest-basis", text: t(k.assessed_by === "study" ? "study_note" : "contributors_note") }),
      ]));
      var table = el("table", { "class": "kb-sa-table", id: "kb-sa-similarity" }, [el("tr", {}, [
        el("th", { scope: "col", text: t("criterion") }), el("th", { scope: "col", text: t("your_rating") }),
        el("th", { scope: "col", text: t("their_rating", { name: k.name }) }), el("th", { scope: "col", text: t("similarity_col") }),
      ])]);
      best.criteria.forEach(function (row) {
        table.appendChild(el("tr", { "data-criterion": row.criterion.id }, [
          el("td", { text: row.criterion.title }), el("td", {}, [badge(data, row.mine)]), el("td", {}, [badge(data, row.theirs)]),
          el("td", { "class": "kb-sa-percent", text: row.similarity === null ? "–" : Math.round(row.similarity * 100) + "%" }),
        ]));
      });
      box.appendChild(scroller(table, t("similarity")));
      var reasons = best.leftOut.map(function (x) {
        return t(x.reason === "dont_know" ? "reason_dont_know" : "reason_case_unknown", { indicator: x.indicator.title, name: k.name });
      });
      var unanswered = total - Object.keys(answers).length;
      if (unanswered) reasons.push(tn("reason_unanswered", unanswered, { count: unanswered }));
      if (reasons.length) box.appendChild(el("p", { id: "kb-sa-left-out", text: t("left_out", { name: k.name }) + reasons.join("; ") + "." }));
      if (ranked.length > 1) {
        var others = el("p", { id: "kb-sa-others" }, [t("others")]);
        ranked.slice(1).forEach(function (s, n) {
          if (n) others.appendChild(document.createTextNode(", "));
          others.appendChild(el("a", { href: base + s.kase.url, text: s.kase.name }));
          others.appendChild(document.createTextNode(" " + Math.round(s.similarity * 100) + "%"));
        });
        others.appendChild(document.createTextNode("."));
        box.appendChild(others);
      }
      return box;
    }

    // Several partnerships side by side, with their profile pictures.
    var comparing = new Map();
    function showCompare() {
      compare.textContent = "";
      compare.appendChild(el("h2", { id: "kb-sa-compare-h", text: t("compare") }));
      if (state.profiles.length < 2) { compare.appendChild(el("p", { text: t("compare_one") })); return; }
      compare.appendChild(el("p", { text: t("compare_intro") }));
      var picks = el("fieldset", { "class": "kb-sa-picks" }, [el("legend", { text: t("compare") })]);
      state.profiles.forEach(function (q) {
        if (!comparing.has(q.id)) comparing.set(q.id, true);
        var box = el("input", { type: "checkbox", id: "kb-sa-cmp-" + q.id, "data-compare": q.id });
        box.checked = comparing.get(q.id);
        picks.appendChild(el("label", { "for": box.id, "class": "kb-sa-option" }, [box, " " + nameOf(q)]));
      });
      compare.appendChild(picks);
      var chosen = state.profiles.filter(function (q) { return comparing.get(q.id); });
      if (chosen.length < 2) return;
      var table = el("table", { "class": "kb-sa-table", id: "kb-sa-compare-table" });
      table.appendChild(el("tr", {}, [el("th", { scope: "col", text: t("criterion") })].concat(chosen.map(function (q) { return el("th", { scope: "col", text: nameOf(q) }); }))));
      var profiles = chosen.map(function (q) { return core.profileOf(data, q.answers); });
      data.criteria.forEach(function (c) {
        table.appendChild(el("tr", {}, [el("td", { text: c.title })].concat(profiles.map(function (pr) { return el("td", {}, [badge(data, pr[c.id])]); }))));
      });
      compare.appendChild(scroller(table, t("compare")));
      compare.appendChild(el("div", { "class": "kb-profiles" }, chosen.map(function (q, n) {
        return el("figure", { "data-profile": q.id }, [profileSvg(data, profiles[n], nameOf(q)), el("figcaption", { text: nameOf(q) })]);
      })));
    }

    // Dated snapshots of this partnership, any two compared: what improved, what slipped.
    var span = { from: null, to: "now" };
    function showOverTime() {
      var p = current();
      overTime.textContent = "";
      overTime.appendChild(el("h2", { id: "kb-sa-time-h", text: t("over_time") }));
      overTime.appendChild(el("button", { type: "button", "class": "md-button", id: "kb-sa-snapshot", text: t("snapshot_save") }));
      if (!p.snapshots.length) { overTime.appendChild(el("p", { text: t("snapshot_none") })); return; }
      var choices = p.snapshots.map(function (s, n) { return [String(n), t("snapshot_label", { date: s.date })]; });
      if (span.from === null || !p.snapshots[+span.from]) span.from = "0";
      if (span.to !== "now" && !p.snapshots[+span.to]) span.to = "now";
      function picker(key, options) {
        var s = el("select", { id: "kb-sa-" + key, "data-span": key });
        options.forEach(function (o) { var opt = el("option", { value: o[0], text: o[1] }); if (o[0] === span[key]) opt.selected = true; s.appendChild(opt); });
        return el("span", { "class": "kb-sa-span" }, [el("label", { "for": s.id, text: t(key) + " " }), s]);
      }
      overTime.appendChild(el("p", {}, [picker("from", choices), " ", picker("to", choices.concat([["now", t("now")]]))]));
      var before = p.snapshots[+span.from].answers, after = span.to === "now" ? p.answers : p.snapshots[+span.to].answers;
      var diff = core.changes(data, before, after);
      ["improved", "slipped"].forEach(function (kind) {
        overTime.appendChild(el("p", { "class": "kb-sa-sub", text: t(kind) }));
        var list = el("ul", { id: "kb-sa-" + kind });
        diff[kind].forEach(function (d) {
          list.appendChild(el("li", { text: d.indicator.title + ": " + t("answer_" + d.from) + " → " + t("answer_" + d.to) }));
        });
        overTime.appendChild(list.childNodes.length ? list : el("p", { id: "kb-sa-" + kind, text: t("none") }));
      });
    }

    // The plan as it prints: shown only on paper (kb.css), rebuilt whenever it changes.
    function showPrint() {
      var p = current(), groups = core.gaps(data, p.answers), profile = core.profileOf(data, p.answers);
      printed.textContent = "";
      printed.appendChild(el("h1", { text: t("plan_for", { name: nameOf(p) }) }));
      printed.appendChild(el("p", { text: t("plan_date", { date: today() }) }));
      printed.appendChild(el("p", { "class": "kb-sa-print-ratings" }, data.criteria.map(function (c, n) {
        return el("span", {}, [(n ? "; " : "") + c.title + ": ", badge(data, profile[c.id])]);
      })));
      if (!groups.length) { printed.appendChild(el("p", { text: t("plan_none") })); return; }
      var table = el("table", { "class": "kb-sa-plan-table" }, [el("thead", {}, [el("tr", {}, ["plan_gap", "plan_action", "plan_owner", "plan_due"].map(function (k) {
        return el("th", { scope: "col", text: t(k) });
      }))])]);
      var body = el("tbody");
      groups.forEach(function (g) {
        g.items.forEach(function (item) {
          var e = p.plan[item.indicator.id] || {};
          body.appendChild(el("tr", {}, [
            el("td", {}, [el("strong", { text: item.indicator.title }), el("br"), g.criterion.title + " · " + t("answer_" + item.answer)]),
            el("td", { "class": "kb-sa-print-action", text: e.action || "" }), el("td", { text: e.owner || "" }), el("td", { text: e.due || "" }),
          ]));
        });
      });
      table.appendChild(body);
      printed.appendChild(table);
    }

    // Every text in it, the reader's and the data's, as inert Markdown: it may come from someone else's share link.
    function planMarkdown(p) {
      var md = core.markdownText, groups = core.gaps(data, p.answers), profile = core.profileOf(data, p.answers);
      var lines = ["# " + t("plan_for", { name: md(nameOf(p)) }), "", t("plan_date", { date: today() }), ""];
      data.criteria.forEach(function (c) { lines.push("- " + md(c.title) + ": " + md(scaleOf(data, profile[c.id]).label)); });
      lines.push("");
      if (!groups.length) lines.push(t("plan_none"), "");
      groups.forEach(function (g) {
        lines.push("## " + md(g.criterion.title), "");
        g.items.forEach(function (item) {
          var i = item.indicator, e = p.plan[i.id] || {};
          lines.push("### " + md(i.title) + " (" + t("your_answer") + t("answer_" + item.answer) + ")", "");
          lines.push("- " + t("looks_like") + md(i.present_looks_like));
          ["action", "owner", "due"].forEach(function (f) { lines.push("- " + t("plan_" + f) + ": " + md(e[f])); });
          i.lessons.forEach(function (l) { lines.push("- " + t("lesson", { title: md(l.title) }) + " <" + new URL(l.url, base).href + ">"); });
          lines.push("");
        });
      });
      var best = core.ranked(data, p.answers)[0];
      if (best) lines.push(tn("most_resembles", best.compared, { name: md(best.kase.name), percent: Math.round(best.similarity * 100), count: best.compared,
        basis: t(best.kase.assessed_by === "study" ? "basis_study" : "basis_contributors") }), "");
      lines.push(t("rule", { rule: md(data.rule.text) }), "");
      return lines.join("\n");
    }

    function planCsv(p) {
      var rows = [[t("criterion"), t("plan_gap"), t("your_answer").replace(/[:\s]+$/, ""), t("plan_action"), t("plan_owner"), t("plan_due"), t("looks_like").replace(/[:\s]+$/, "")]];
      core.gaps(data, p.answers).forEach(function (g) {
        g.items.forEach(function (item) {
          var e = p.plan[item.indicator.id] || {};
          rows.push([g.criterion.title, item.indicator.title, t("answer_" + item.answer), e.action, e.owner, e.due, item.indicator.present_looks_like]);
        });
      });
      return "\ufeff" + rows.map(function (r) { return r.map(core.csvCell).join(","); }).join("\r\n") + "\r\n";
    }

    function countActions(p) { return Object.keys(core.filledPlan(p.plan)).length; }
    // "12 answers and 1 plan entry": each count with its noun in the form that fits it.
    function counted(p) {
      var answers = Object.keys(p.answers).length, entries = countActions(p);
      return { answers: tn("n_answers", answers, { count: answers }), entries: tn("n_plan_entries", entries, { count: entries }) };
    }

    function replaceCurrent(incoming) {
      var p = current();
      p.name = incoming.name || p.name;
      p.answers = incoming.answers; p.plan = incoming.plan;
      if (incoming.snapshots && incoming.snapshots.length) p.snapshots = incoming.snapshots;
    }
    function addProfile(incoming) {
      var q = blank();
      q.name = incoming.name; q.answers = incoming.answers; q.plan = incoming.plan; q.snapshots = incoming.snapshots || [];
      state.profiles.push(q); state.current = q.id;
    }

    // Events: answers re-draw the results; plan fields only save (a re-draw would take the focus).
    form.addEventListener("change", function (event) {
      var target = event.target;
      if (target && target.type === "radio") { current().answers[target.name] = target.value; if (persist()) { say(""); show(); } }
    });
    results.addEventListener("input", function (event) {
      var target = event.target, id = target.getAttribute("data-plan");
      if (!id) return;
      var p = current();
      p.plan[id] = p.plan[id] || { action: "", owner: "", due: "" };
      p.plan[id][target.getAttribute("data-field")] = target.value;
      if (persist()) showPrint();
    });
    nameInput.addEventListener("input", function () {
      current().name = nameInput.value;
      if (!persist()) return;
      select.options[select.selectedIndex].textContent = nameOf(current());
      showCompare(); showPrint();
    });
    select.addEventListener("change", function () { state.current = select.value; if (persist()) { say(""); showPartnership(); } });
    bar.querySelector("#kb-sa-new").addEventListener("click", function () {
      var q = blank();
      q.name = t("new_name", { n: state.profiles.length + 1 });
      state.profiles.push(q); state.current = q.id;
      if (persist()) { showPartnership(); nameInput.focus(); nameInput.select(); }
    });
    bar.querySelector("#kb-sa-delete").addEventListener("click", function () {
      if (state.profiles.length < 2 || !window.confirm(t("confirm_delete", { name: nameOf(current()) }))) return;
      state.profiles = state.profiles.filter(function (q) { return q.id !== state.current; });
      state.current = state.profiles[0].id;
      if (persist()) showPartnership();
    });
    compare.addEventListener("change", function (event) {
      var id = event.target.getAttribute("data-compare");
      // By id, never a selector built from one: a saved profile's id may hold any character.
      if (id) { comparing.set(id, event.target.checked); showCompare(); document.getElementById("kb-sa-cmp-" + id).focus(); }
    });
    overTime.addEventListener("change", function (event) {
      var key = event.target.getAttribute("data-span");
      if (key) { span[key] = event.target.value; showOverTime(); document.getElementById("kb-sa-" + key).focus(); }
    });
    overTime.addEventListener("click", function (event) {
      if (event.target.id !== "kb-sa-snapshot") return;
      var p = current(), date = today();
      p.snapshots = p.snapshots.filter(function (s) { return s.date !== date; });
      p.snapshots.push({ date: date, answers: Object.assign({}, p.answers) });
      p.snapshots.sort(function (a, b) { return a.date < b.date ? -1 : 1; });
      if (!persist()) return;
      say(t("snapshot_saved", { date: date })); showOverTime(); overTime.querySelector("#kb-sa-snapshot").focus();
    });
    tools.querySelector("#kb-sa-print-plan").addEventListener("click", function () { showPrint(); window.print(); });
    tools.querySelector("#kb-sa-export-md").addEventListener("click", function () {
      download(fileName(current(), "md"), "text/markdown", planMarkdown(current()));
    });
    tools.querySelector("#kb-sa-export-csv").addEventListener("click", function () {
      download(fileName(current(), "csv"), "text/csv", planCsv(current()));
    });
    tools.querySelector("#kb-sa-export-json").addEventListener("click", function () {
      download(fileName(current(), "json"), "application/json", JSON.stringify(core.exported(current()), null, 2));
    });
    tools.querySelector("#kb-sa-reset").addEventListener("click", function () {
      var p = current();
      if (!window.confirm(t("reset_confirm", { name: nameOf(p) }))) { say(t("reset_kept")); return; }
      p.answers = {}; p.plan = {};
      if (persist()) { showPartnership(); say(t("cleared")); }
    });
    tools.querySelector("#kb-sa-share-make").addEventListener("click", function () {
      shareBox.textContent = "";
      var link = location.origin + location.pathname + SHARE + core.encodeShare(current());
      if (link.length > core.SHARE_MAX) {
        shareBox.appendChild(el("p", { id: "kb-sa-share-error", "class": "kb-sa-message", text: t("share_too_long", { length: link.length, max: core.SHARE_MAX }) }));
        return;
      }
      var copy = el("button", { type: "button", "class": "md-button", id: "kb-sa-copy", text: t("copy") });
      var anchor = el("a", { href: link, id: "kb-sa-share-link", text: link });
      shareBox.appendChild(el("p", {}, [t("share_label"), el("br"), anchor]));
      shareBox.appendChild(copy);
      copy.addEventListener("click", function () {
        var done = function () { say(t("copied")); }, failed = function () { say(t("copy_failed")); };
        if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(link).then(done, failed);
        else failed();
      });
      anchor.focus();
    });
    fileInput.addEventListener("change", function () {
      var file = fileInput.files && fileInput.files[0];
      if (!file) return;
      if (file.size > core.IMPORT_MAX) {
        say(t("import_failed", { problem: t("too_large", { max: core.IMPORT_MAX }) }));
        fileInput.value = "";
        return;
      }
      file.text().then(function (text) {
        var parsed, read;
        try { parsed = JSON.parse(text); } catch (e) { read = { problem: t("not_json") }; }
        read = read || core.readPartnership(data, parsed, t);
        if (read.problem) { say(t("import_failed", { problem: read.problem })); return; }
        if (hasWork(current()) && !window.confirm(t("import_confirm", { name: nameOf(current()) }))) { say(t("import_declined")); return; }
        replaceCurrent(read.partnership);
        if (!persist()) { say(t("import_not_saved")); return; }
        showPartnership();
        say(t("imported_plan", counted(read.partnership)));
      }).finally(function () { fileInput.value = ""; });
    });

    // A share link opened: its fragment restores, never overwriting saved work without asking.
    if (location.hash.indexOf(SHARE) === 0) {
      var payload = location.hash.slice(SHARE.length);
      history.replaceState(null, "", location.pathname + location.search);
      var read = location.href.length + payload.length > core.SHARE_MAX ? { problem: null, tooLong: true } : core.decodeShare(data, payload, t);
      if (read.tooLong) say(t("link_too_long", { max: core.SHARE_MAX }));
      else if (read.problem) say(t("link_bad", { problem: read.problem }));
      else {
        var incoming = read.partnership, name = incoming.name || t("default_name");
        if (!hasWork(current())) replaceCurrent(incoming);
        else if (window.confirm(t("link_confirm", { name: name }))) addProfile(incoming);
        else { incoming = null; say(t("link_declined")); }
        if (incoming && !persist()) say(t("link_not_saved"));
        else if (incoming) say(t("link_restored", Object.assign({ name: name }, counted(incoming))));
      }
    }
    showPartnership();
  }

  function start() {
    var root = document.getElementById("kb-sa");
    var source = document.getElementById("kb-sa-data");
    if (!root || !source || !core) return;
    var dataUrl = source.href;
    fetch(dataUrl, { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) { labels = data.labels || {}; shown(root, data, new URL("../", dataUrl).href); })
      .catch(function (e) { root.textContent = root.getAttribute("data-load-failed"); if (window.console) console.error(e); });
  }

  // Whatever saved state fails to draw, the reader learns what happened and keeps a way out.
  function shown(root, data, base) {
    try {
      mount(root, data, base);
    } catch (e) {
      if (window.console) console.error(e);
      root.textContent = "";
      root.appendChild(rescue("kb-sa-broken", t("mount_failed", { problem: String(e && e.message || e) }), stored(STORE), function () {
        afresh(root, data, base);
      }));
    }
  }
  // The tool drawn anew once the saved work is forgotten, saying so.
  function afresh(root, data, base) {
    shown(root, data, base);
    var message = document.getElementById("kb-sa-message");
    if (message) message.textContent = t("afresh_done");
  }

  // Material's instant navigation swaps pages without a reload: document$ fires for each page.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
