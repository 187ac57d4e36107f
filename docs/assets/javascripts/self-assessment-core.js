/* Self-assessment, the reckoning without the page: ratings from answers (by the rule in the data
 * file, never a threshold of its own), the gaps, the similarity to the assessed cases, snapshots
 * compared, the checks of an imported, shared or saved partnership, the share link's encoding and
 * the plan's Markdown escaping. self-assessment.js draws it; a browser test calls it directly at
 * the measure's boundaries, and tests/js/ runs it under node. */
(function () {
  "use strict";
  var FORMAT = "ppc-kb-self-assessment";
  // A whole share link at most this long: mail and chat tools cut longer links.
  var SHARE_MAX = 8000;
  var TEXT_MAX = 2000;  // characters of one plan field
  var CODES = { present: "y", partial: "p", absent: "n", unknown: "u" };
  var DATE = /^\d{4}-\d{2}-\d{2}$/;
  // An imported file at most this many bytes, with at most this many snapshots (one a week for
  // almost ten years): far more than any real export, and it fits in a browser's storage.
  var IMPORT_MAX = 1000000;
  var SNAPSHOTS_MAX = 500;
  var PROFILE_ID_MAX = 100;

  /* Look-ups of allowed keys (indicator ids, answer levels) go through a Map: a plain object would
   * also "know" constructor, toString, __proto__ and every other name it inherits. */
  function keySet(keys) {
    var set = new Map();
    keys.forEach(function (k) { set.set(k, true); });
    return set;
  }

  function scoreOf(data) {
    var score = {};
    data.scale.forEach(function (s) { score[s.id] = s.score; });
    return score;
  }
  function known(x) { return x !== null && x !== undefined; }

  // The rule of the export (data.rule), the one place the thresholds come from.
  function derive(data, ratings) {
    var score = scoreOf(data), total = 0, n = 0;
    ratings.forEach(function (r) { if (known(score[r])) { total += score[r]; n += 1; } });
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

  // Two scores on the 0..2 scale: the same 1, one step apart ½, opposite 0.
  function agreement(a, b) { return 1 - Math.abs(a - b) / 2; }

  /* Per criterion: the mean agreement of your answers with the case's ratings on the indicators
   * both know, capped by the agreement of the two criterion ratings, so a partnership partly
   * present on a criterion is never more than 50% like one where it is present; overall: the mean
   * of the criteria compared. Answered indicators left out say why. */
  function similarity(data, answers, kase) {
    var score = scoreOf(data), profile = profileOf(data, answers);
    var criteria = [], leftOut = [], sum = 0, counted = 0, compared = 0;
    data.criteria.forEach(function (c) {
      var total = 0, n = 0;
      c.indicators.forEach(function (i) {
        var mine = answers[i.id], theirs = kase.indicators[i.id];
        if (!mine) return;
        if (!known(score[mine])) leftOut.push({ indicator: i, reason: "dont_know" });
        else if (!known(score[theirs])) leftOut.push({ indicator: i, reason: "case_unknown" });
        else { total += agreement(score[mine], score[theirs]); n += 1; }
      });
      var row = { criterion: c, mine: profile[c.id], theirs: kase.criteria[c.id], compared: n, similarity: null };
      if (n) {
        row.similarity = Math.min(total / n, agreement(score[row.mine], score[row.theirs]));
        sum += row.similarity; counted += 1; compared += n;
      }
      criteria.push(row);
    });
    return { kase: kase, criteria: criteria, leftOut: leftOut, compared: compared,
             similarity: counted ? sum / counted : null };
  }

  // Every assessed case with a similarity, the most similar first (ties keep the data's order).
  function ranked(data, answers) {
    return data.cases.map(function (k) { return similarity(data, answers, k); })
      .filter(function (s) { return s.similarity !== null; })
      .map(function (s, i) { s.order = i; return s; })
      .sort(function (a, b) { return b.similarity - a.similarity || a.order - b.order; });
  }

  /* Your gaps: indicators answered No, then Partly, grouped by criterion, the criterion with most
   * gaps first (then most No, then the criteria's order). Yes never makes a gap. */
  function gaps(data, answers) {
    var groups = [];
    data.criteria.forEach(function (c, order) {
      var no = c.indicators.filter(function (i) { return answers[i.id] === "absent"; });
      var partly = c.indicators.filter(function (i) { return answers[i.id] === "partial"; });
      var items = no.map(function (i) { return { indicator: i, answer: "absent" }; })
        .concat(partly.map(function (i) { return { indicator: i, answer: "partial" }; }));
      if (items.length) groups.push({ criterion: c, items: items, absent: no.length, order: order });
    });
    return groups.sort(function (a, b) {
      return b.items.length - a.items.length || b.absent - a.absent || a.order - b.order;
    });
  }

  function allIndicators(data) {
    var all = [];
    data.criteria.forEach(function (c) { c.indicators.forEach(function (i) { all.push(i); }); });
    return all;
  }

  function allYes(data, answers) {
    return allIndicators(data).every(function (i) { return answers[i.id] === "present"; });
  }

  // What changed between two sets of answers: a higher score improved, a lower one slipped.
  function changes(data, before, after) {
    var score = scoreOf(data), out = { improved: [], slipped: [] };
    allIndicators(data).forEach(function (i) {
      var a = score[before[i.id]], b = score[after[i.id]];
      if (!known(a) || !known(b) || a === b) return;
      out[b > a ? "improved" : "slipped"].push({ indicator: i, from: before[i.id], to: after[i.id] });
    });
    return out;
  }

  function isObject(x) { return !!x && typeof x === "object" && !Array.isArray(x); }

  /* An imported or shared partnership, checked before anything is changed: the problem in the
   * reader's words (via t), or the partnership as the page keeps it. */
  function readPartnership(data, parsed, t) {
    if (!isObject(parsed)) return { problem: t("not_export") };
    if (parsed.format !== FORMAT) return { problem: t("wrong_format", { format: FORMAT }) };
    if (parsed.version !== 1 && parsed.version !== 2) return { problem: t("wrong_version2") };
    if (!isObject(parsed.answers)) return { problem: t("no_answers") };
    var ids = keySet(allIndicators(data).map(function (i) { return i.id; }));
    var levels = keySet(data.scale.map(function (s) { return s.id; }));
    function badAnswers(answers) {
      for (var id in answers) {
        if (!Object.hasOwn(answers, id)) continue;
        if (!ids.has(id)) return t("unknown_indicator", { id: id });
        if (!levels.has(answers[id])) return t("bad_answer", { id: id, levels: Array.from(levels.keys()).join(", ") });
      }
      return null;
    }
    var problem = badAnswers(parsed.answers);
    if (problem) return { problem: problem };
    var plan = parsed.plan === undefined ? {} : parsed.plan;
    if (!isObject(plan)) return { problem: t("bad_plan", { id: "plan" }) };
    for (var id in plan) {
      if (!Object.hasOwn(plan, id)) continue;
      var e = plan[id];
      if (!ids.has(id)) return { problem: t("unknown_indicator", { id: id }) };
      if (!isObject(e) || ["action", "owner", "due"].some(function (k) {
        return e[k] !== undefined && (typeof e[k] !== "string" || e[k].length > TEXT_MAX);
      }) || (e.due && !DATE.test(e.due))) return { problem: t("bad_plan", { id: id }) };
    }
    var snapshots = parsed.snapshots === undefined ? [] : parsed.snapshots;
    if (!Array.isArray(snapshots)) return { problem: t("not_export") };
    if (snapshots.length > SNAPSHOTS_MAX) return { problem: t("too_many_snapshots", { count: snapshots.length, max: SNAPSHOTS_MAX }) };
    for (var k = 0; k < snapshots.length; k++) {
      var s = snapshots[k];
      if (!isObject(s) || typeof s.date !== "string" || !DATE.test(s.date) || !isObject(s.answers)) return { problem: t("not_export") };
      problem = badAnswers(s.answers);
      if (problem) return { problem: problem };
    }
    if (parsed.name !== undefined && (typeof parsed.name !== "string" || parsed.name.length > 200)) return { problem: t("not_export") };
    var clean = {};
    Object.keys(plan).forEach(function (id) {
      clean[id] = { action: plan[id].action || "", owner: plan[id].owner || "", due: plan[id].due || "" };
    });
    return { partnership: {
      name: parsed.name || "", answers: Object.assign({}, parsed.answers), plan: clean,
      snapshots: snapshots.map(function (s) { return { date: s.date, answers: Object.assign({}, s.answers) }; }),
    } };
  }

  /* The partnerships saved in this browser (localStorage's text, null when nothing is saved), each
   * checked with the import's rules, so that a partial write, another version or another page of
   * the same origin never stops the tool: the profiles that can be read, the current one, and
   * what was wrong with the others, in the reader's words. */
  function readState(data, text, t) {
    var out = { profiles: [], current: null, problems: [] };
    if (text === null || text === undefined) return out;
    var parsed;
    try { parsed = JSON.parse(text); } catch (e) { out.problems.push(t("state_bad")); return out; }
    if (!isObject(parsed) || !Array.isArray(parsed.profiles)) { out.problems.push(t("state_bad")); return out; }
    var seen = new Map();
    parsed.profiles.forEach(function (p, n) {
      var read = isObject(p) ? readPartnership(data, { format: FORMAT, version: 2, name: p.name, answers: p.answers,
        plan: p.plan, snapshots: p.snapshots }, t) : { problem: t("not_export") };
      if (read.problem) { out.problems.push(t("state_profile", { n: n + 1, problem: read.problem })); return; }
      var id = p.id;
      // An odd id is harmless (the page finds elements by id, never by a selector built from it), a missing or repeated one is given anew.
      if (typeof id !== "string" || !id || id.length > PROFILE_ID_MAX || seen.has(id)) id = "p" + n + "-" + seen.size;
      while (seen.has(id)) id += "x";
      seen.set(id, true);
      read.partnership.id = id;
      out.profiles.push(read.partnership);
    });
    out.current = seen.has(parsed.current) ? parsed.current : (out.profiles[0] ? out.profiles[0].id : null);
    return out;
  }

  function exported(p) {
    return { format: FORMAT, version: 2, name: p.name, answers: p.answers, plan: filledPlan(p.plan), snapshots: p.snapshots };
  }

  function filledPlan(plan) {
    var out = {};
    Object.keys(plan || {}).forEach(function (id) {
      var e = plan[id];
      if (e && (e.action || e.owner || e.due)) out[id] = { action: e.action || "", owner: e.owner || "", due: e.due || "" };
    });
    return out;
  }

  // The share link's fragment: the partnership as compact JSON, UTF-8, base64url.
  function encodeShare(p) {
    var answers = {}, plan = {};
    Object.keys(p.answers).forEach(function (id) { answers[id] = CODES[p.answers[id]]; });
    var filled = filledPlan(p.plan);
    Object.keys(filled).forEach(function (id) { plan[id] = [filled[id].action, filled[id].owner, filled[id].due]; });
    var bytes = new TextEncoder().encode(JSON.stringify({ v: 2, n: p.name, a: answers, p: plan }));
    var binary = "";
    bytes.forEach(function (b) { binary += String.fromCharCode(b); });
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function decodeShare(data, text, t) {
    var compact;
    try {
      var binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
      var bytes = new Uint8Array(binary.length);
      for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      compact = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    } catch (e) { return { problem: t("not_json") }; }
    if (!isObject(compact) || compact.v !== 2 || !isObject(compact.a) || (compact.p !== undefined && !isObject(compact.p))) return { problem: t("not_export") };
    // Null-prototype objects: a key __proto__ is kept as a key, so the checks below refuse it.
    var levels = new Map(), answers = Object.create(null), plan = Object.create(null);
    Object.keys(CODES).forEach(function (id) { levels.set(CODES[id], id); });
    for (var id in compact.a) {
      if (!Object.hasOwn(compact.a, id)) continue;
      answers[id] = levels.has(compact.a[id]) ? levels.get(compact.a[id]) : compact.a[id];
    }
    for (var pid in compact.p || {}) {
      if (!Object.hasOwn(compact.p, pid)) continue;
      var e = compact.p[pid];
      plan[pid] = Array.isArray(e) ? { action: e[0], owner: e[1], due: e[2] } : e;
    }
    return readPartnership(data, { format: FORMAT, version: 2, name: compact.n, answers: answers, plan: plan }, t);
  }

  // A cell of the plan's CSV: quoted where needed, and never read as a formula by a spreadsheet.
  function csvCell(value) {
    var v = String(value === null || value === undefined ? "" : value);
    if (/^[=+\-@\t\r]/.test(v)) v = "'" + v;
    return /[",\n\r;]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }

  /* One line of inert Markdown, for the plan's export, whose names and plan text may come from
   * someone else's share link: whitespace folded, Markdown's specials escaped, and & < > as
   * entities, so no HTML, link, image or heading survives (the generator's text.inline does the same). */
  var MD_ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
  function markdownText(value) {
    var text = String(value === null || value === undefined ? "" : value).split(/\s+/).filter(Boolean).join(" ");
    text = text.replace(/[\\`*_{}\[\]#!|~^&<>]/g, function (c) { return MD_ESCAPES[c] || "\\" + c; });
    // What means something only at a line's start: a list item, a heading's underline.
    return text.replace(/^(\d+)([.)])/, "$1\\$2").replace(/^([-+=])/, "\\$1");
  }

  window.kbSelfAssessment = {
    FORMAT: FORMAT, SHARE_MAX: SHARE_MAX, TEXT_MAX: TEXT_MAX, IMPORT_MAX: IMPORT_MAX, SNAPSHOTS_MAX: SNAPSHOTS_MAX,
    readState: readState, markdownText: markdownText,
    derive: derive, profileOf: profileOf, similarity: similarity, ranked: ranked, gaps: gaps,
    allYes: allYes, changes: changes, readPartnership: readPartnership, exported: exported,
    filledPlan: filledPlan, encodeShare: encodeShare, decodeShare: decodeShare, csvCell: csvCell,
  };
})();
