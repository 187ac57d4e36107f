/* The self-assessment's parts as DOM nodes: each render function takes `ui` ({data, base, t, tn}:
 * the page's JSON, the edition's root URL and its words) and what it shows, and returns a node.
 * Every text, the data's and the reader's, is set with textContent or as an input's value, never
 * as HTML. */
import { withChosen } from "./chosen.mjs";
import { MOST_NO, NA, TARGETS, allYes, atTarget, gapCount, percent, profileOf, ranked, resembling, targetOf } from "./core.mjs";
import { PHASES, TEXT_MAX, NAME_MAX } from "./partnership.mjs";
import { dateText, nameOf, notApplicable, partiesLine, phaseText } from "./plan.mjs";
import { profileLayout } from "./profile.mjs";

const SVG = "http://www.w3.org/2000/svg";

export function el(tag, attrs, children) {
  const node = document.createElement(tag);
  Object.keys(attrs || {}).forEach((k) => {
    if (k === "text") node.textContent = attrs[k];
    else if (k === "value") node.value = attrs[k];
    else if (attrs[k] !== null) node.setAttribute(k, attrs[k]);
  });
  (children || []).forEach((c) => {
    if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  });
  return node;
}

function svgNode(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  Object.keys(attrs).forEach((k) => { node.setAttribute(k, attrs[k]); });
  if (text !== undefined) node.textContent = text;
  return node;
}

const button = (id, text, primary) => el("button", { type: "button", "class": primary ? "md-button md-button--primary" : "md-button", id, text });
export const scaleOf = (data, id) => data.scale.find((s) => s.id === id);

export function badge(data, rating) {
  const s = scaleOf(data, rating);
  return el("span", { "class": "kb-rating kb-rating--" + rating, text: s.symbol + "\u00a0" + s.label });
}

// A wide table scrolls sideways on a phone; focusable, so a keyboard can scroll it too.
function scroller(table, label) {
  return el("div", { "class": "kb-sa-scroll", tabindex: "0", role: "region", "aria-label": label }, [table]);
}

const header = (texts) => el("tr", {}, texts.map((text) => el("th", { scope: "col", text })));

let drawn = 0;  // each picture's title and description need ids of their own on the page

// The reader's profile, drawn as the cases' pictures are (profile.mjs), named by `title`.
export function profileSvg(data, profile, title) {
  const { width, height, shapes, desc } = profileLayout(data, profile), id = "kb-sa-svg-" + (drawn += 1);
  const svg = svgNode("svg", { viewBox: "0 0 " + width + " " + height, width, height, role: "img", "aria-labelledby": id + "-t " + id + "-d",
    "font-family": data.profile.font_family, "font-size": data.profile.font_size });
  svg.appendChild(svgNode("title", { id: id + "-t" }, title));
  svg.appendChild(svgNode("desc", { id: id + "-d" }, desc));
  shapes.forEach((s) => { svg.appendChild(svgNode(s.tag, s.attrs, s.text)); });
  return svg;
}

/* Saved work that cannot be read or shown: what happened, the saved text to download as it was,
 * and a fresh start (on.download, on.afresh); never a dead tool. */
export function renderRescue(ui, id, text, on) {
  const keep = button(id + "-download", ui.t("state_download"));
  const restart = button(id + "-afresh", ui.t("start_afresh"));
  keep.addEventListener("click", on.download);
  restart.addEventListener("click", () => { if (window.confirm(ui.t("afresh_confirm"))) on.afresh(); });
  return el("div", { id, "class": "admonition warning kb-sa-rescue", role: "alert" }, [el("p", { text }), el("p", {}, [keep, " ", restart])]);
}

// The partnership being assessed, and the others kept here.
export function renderBar(ui) {
  const { t } = ui;
  return el("div", { "class": "kb-sa-bar" }, [
    el("label", { "for": "kb-sa-partnership", text: t("switch") }), el("select", { id: "kb-sa-partnership" }),
    button("kb-sa-new", t("new_profile")), button("kb-sa-delete", t("delete_profile")),
    el("label", { "for": "kb-sa-name", text: t("name") }),
    el("input", { type: "text", id: "kb-sa-name", maxlength: String(NAME_MAX), autocomplete: "organization", placeholder: t("default_name") }),
  ]);
}

export function renderPartnerships(ui, state) {
  return state.profiles.map((q) => {
    const o = el("option", { value: q.id, text: nameOf(ui, q) });
    o.selected = q.id === state.current;
    return o;
  });
}

function question(ui, i) {
  const { data, t } = ui;
  const group = el("div", { "class": "kb-sa-question", role: "radiogroup", "aria-labelledby": "kb-q-" + i.id,
    "aria-describedby": "kb-looks-" + i.id, "data-indicator": i.id }, [
    el("p", { id: "kb-q-" + i.id, "class": "kb-sa-q", text: i.question }),
    el("p", { id: "kb-looks-" + i.id, "class": "kb-sa-looks" }, [el("strong", { text: t("looks_like") }), i.present_looks_like]),
  ]);
  data.scale.concat([{ id: NA, symbol: "–" }]).forEach((s) => {
    const input = el("input", { type: "radio", name: i.id, value: s.id, id: "kb-" + i.id + "-" + s.id });
    group.appendChild(el("label", { "for": input.id, "class": "kb-sa-option" }, [input, " " + s.symbol + " " + t("answer_" + s.id)]));
  });
  group.appendChild(questionExtras(ui, i));
  return group;
}

// Beside each question: where the partnership wants to be, and why it does not apply (shown when it does not).
function questionExtras(ui, i) {
  const { t } = ui, target = "kb-target-" + i.id, reason = "kb-reason-" + i.id;
  const select = el("select", { id: target, "data-target": i.id }, TARGETS.map((id) => el("option", { value: id, text: t("answer_" + id) })));
  return el("div", { "class": "kb-sa-extras" }, [
    el("span", { "class": "kb-sa-target" }, [el("label", { "for": target, text: t("target") + " " }), select]),
    el("span", { "class": "kb-sa-reason", hidden: "" }, [
      el("label", { "for": reason, text: t("na_reason") + " " }),
      el("input", { type: "text", id: reason, "data-reason": i.id, maxlength: String(TEXT_MAX) }),
    ]),
  ]);
}

// The question's controls as the partnership has them: its answer, target and reason.
export function setQuestion(form, p) {
  form.querySelectorAll(".kb-sa-question").forEach((q) => {
    const id = q.getAttribute("data-indicator"), answer = Object.hasOwn(p.answers, id) ? p.answers[id] : null;
    q.querySelectorAll("input[type=radio]").forEach((r) => { r.checked = r.value === answer; });
    q.querySelector("[data-target]").value = targetOf(p.targets, id);
    q.querySelector("[data-reason]").value = (p.reasons && Object.hasOwn(p.reasons, id) && p.reasons[id]) || "";
    q.querySelector(".kb-sa-reason").hidden = answer !== NA;
    q.querySelector(".kb-sa-target").hidden = answer === NA;  // no target for a question that does not apply
  });
}

// The questions and their 'Yes' are this knowledge base's yardsticks, not the study's: said once, above them.
export function renderForm(ui) {
  return el("form", { "class": "kb-sa-form", "aria-label": ui.t("form") }, [
    el("p", { id: "kb-sa-own", "class": "kb-sa-own", text: ui.t("own_yardsticks") }),
    ...ui.data.criteria.map((c) => el("fieldset", { "class": "kb-sa-criterion" }, [
      el("legend", {}, [el("a", { href: ui.base + c.url, text: c.title })]),
      ...c.indicators.map((i) => question(ui, i)),
    ])),
  ]);
}

// Export and print follow the results: they act on what the results show.
export function renderTools(ui) {
  const { t } = ui;
  return el("section", { "class": "kb-sa-tools-section", "aria-labelledby": "kb-sa-tools-h" }, [
    el("h2", { id: "kb-sa-tools-h", text: t("tools") }),
    el("div", { "class": "kb-sa-tools" }, [
      button("kb-sa-print-plan", t("print"), true), button("kb-sa-export-md", t("export_plan_md")),
      button("kb-sa-export-csv", t("export_csv")), button("kb-sa-export-json", t("export_all")), button("kb-sa-export-everything", t("export_everything")),
      el("label", { "for": "kb-sa-import", "class": "md-button", text: t("import_all") }),
      el("input", { type: "file", accept: "application/json,.json", id: "kb-sa-import", "class": "kb-sa-file" }),
      button("kb-sa-share-make", t("share")), button("kb-sa-reset", t("reset")),
    ]),
    el("div", { id: "kb-sa-share", "class": "kb-sa-share" }),
  ]);
}

// A refused save says so until a later one succeeds, with the partnership to export as it was meant to be.
export function renderNotSaved(ui) {
  return el("div", { id: "kb-sa-not-saved", "class": "admonition warning", role: "alert", hidden: "" }, [
    el("p", { text: ui.t("not_saved") }), button("kb-sa-not-saved-export", ui.t("not_saved_export")),
  ]);
}

const indicatorCount = (data) => data.criteria.reduce((n, c) => n + c.indicators.length, 0);

// How many questions are answered, and how many gaps there are.
export function progressText(ui, answers, groups) {
  const total = indicatorCount(ui.data), gapsFound = gapCount(groups);
  const na = Object.keys(answers).filter((id) => answers[id] === NA).length;
  const left = na ? " " + ui.tn("na_count", na, { count: na }) : "";
  const answered = Object.keys(answers).length, open = answered < total ? ui.t("progress_open") : "";
  return ui.tn("progress", total, { answered, total }) + open + "." + left + " " + ui.tn("gap_count", gapsFound, { count: gapsFound }) + ".";
}

export function renderRatings(ui, profile) {
  const { data, base, t } = ui;
  const table = el("table", { "class": "kb-sa-table" }, [header([t("criterion"), t("your_rating")])]);
  data.criteria.forEach((c) => {
    table.appendChild(el("tr", { "data-criterion": c.id }, [
      el("td", {}, [el("a", { href: base + c.url, text: c.title })]), el("td", {}, [badge(data, profile[c.id])]),
    ]));
  });
  return scroller(table, t("your_rating"));
}

function noGaps(ui, p) {
  const { data, base, t } = ui;
  // Nothing answered yet is not "every answer meets its target".
  if (!Object.keys(p.answers).length) return [el("p", { id: "kb-sa-no-answers", text: t("no_answers_yet") })];
  if (!allYes(data, p.answers)) return [el("p", { id: "kb-sa-no-gaps", text: t("no_gaps_yet") })];
  return [el("p", { id: "kb-sa-all-yes", text: t("all_yes") }), el("p", { id: "kb-sa-keep" }, [t("keep_it"),
    el("a", { href: base + data.links.conditions, text: t("conditions_link") }), t("and"),
    el("a", { href: base + data.links.variants, text: t("variants_link") }), "."])];
}

export function renderGaps(ui, p, groups, start, unknowns) {
  const { base, t, tn } = ui;
  const box = el("section", { id: "kb-sa-gaps", "aria-labelledby": "kb-sa-gaps-h" }, [el("h3", { id: "kb-sa-gaps-h", text: t("gaps") })]);
  if (!groups.length) noGaps(ui, p).forEach((n) => box.appendChild(n));
  else box.appendChild(renderStart(ui, start));
  box.appendChild(renderFindOut(ui, unknowns));
  if (!groups.length) return box;
  box.appendChild(el("h4", { id: "kb-sa-each-h", text: t("each_gap") }));
  box.appendChild(el("p", { text: t("gaps_intro") }));
  // Which lessons fit which gap is this knowledge base's reading, not the study's: said once here.
  box.appendChild(el("p", { id: "kb-sa-mapping", text: t("mapping_note") }));
  // Each gap shows what 'Yes' looks like: a yardstick of this knowledge base's, not the study's.
  box.appendChild(el("p", { id: "kb-sa-own-gaps", text: t("own_yardsticks") }));
  groups.forEach((g) => {
    box.appendChild(el("div", { "class": "kb-sa-gap-group", "data-criterion": g.criterion.id }, [
      el("h4", {}, [
        el("a", { href: base + g.criterion.url, text: g.criterion.title }),
        " (" + tn("gap_count", g.items.length, { count: g.items.length }) + ")",
      ]),
      ...g.items.map((item) => renderGap(ui, p, item)),
    ]));
  });
  return box;
}

/* Where to start: every gap in one numbered list, in the start order (core.startOrder), saying
 * which order it is and why. */
export function renderStart(ui, start) {
  const { t } = ui;
  return el("div", { id: "kb-sa-start", "data-mode": start.mode }, [
    el("h4", { id: "kb-sa-start-h", text: t("where_to_start") }),
    el("p", { id: "kb-sa-start-why", text: t("start_" + start.mode, { share: Math.round(MOST_NO * 100) }) }),
    el("ol", { "class": "kb-sa-start-list" }, start.items.map((x) => el("li", { "data-indicator": x.indicator.id }, [
      el("a", { href: "#kb-gap-" + x.indicator.id, text: x.indicator.title }),
      " (" + t("answer_" + x.answer) + " → " + t("answer_" + x.target) + (x.step ? "; " + t("step", { title: x.step.title }) : "") + ")",
    ]))),
  ]);
}

// The questions answered "Don't know": what the partnership has to find out first.
export function renderFindOut(ui, unknowns) {
  const { base, t } = ui;
  if (!unknowns.length) return el("div", { id: "kb-sa-find-out", hidden: "" });
  return el("div", { id: "kb-sa-find-out" }, [
    el("h4", { id: "kb-sa-find-out-h", text: t("find_out") }), el("p", { text: t("find_out_intro") }),
    el("ul", {}, unknowns.map((x) => el("li", { "data-indicator": x.indicator.id }, [
      el("a", { href: base + x.indicator.url, text: x.indicator.title }), " (" + x.criterion.title + "): " + x.indicator.question,
    ]))),
  ]);
}

function lessons(ui, i) {
  if (!i.lessons.length) return el("p", { "class": "kb-sa-no-lessons", text: ui.t("no_lessons") });
  return el("ul", { "class": "kb-sa-lessons" }, i.lessons.map((l) => el("li", { "data-kind": l.kind }, [
    l.kind === "finding" ? ui.t("finding_label") + " " : "", el("a", { href: ui.base + l.url, "data-lesson": l.id, text: l.title }),
  ])));
}

function examples(ui, i) {
  const { data, base, t } = ui;
  if (!i.where_present.length) return el("p", { text: t("nowhere_present") });
  return el("ul", { "class": "kb-sa-examples" }, i.where_present.map((w) => {
    const kase = data.cases.find((k) => k.id === w.case);
    return el("li", { "data-case": w.case }, [
      el("a", { href: base + w.url, text: kase.name }), kase.assessed_by === "study" ? "" : t("by_contributors"), ": " + w.finding,
      /* The words it rests on set off under the finding, as on a case page: run on after its full
         stop, a short quote read as a fragment of the sentence (read 8). */
      ...w.quotes.map((q) => el("span", { "class": "kb-sa-example-quote" }, quoted(data, q))),
    ]);
  }));
}

/* A case's quote as the site's pages show one (notes.quote_html): in another language than the
 * edition's, with a rendering in it, the rendering first, marked as this knowledge base's
 * translation, and the verbatim words one tap away behind it. */
function quoted(data, w) {
  const foreign = w.quote_lang && w.quote_lang !== data.language;
  if (!foreign || !w.translation) return [el("q", foreign ? { lang: w.quote_lang, text: w.quote } : { text: w.quote })];
  if (w.translation.split(/\s+/).join(" ") === w.quote.split(/\s+/).join(" ")) return [el("q", { lang: data.language, text: w.translation })];
  const marks = data.quote_marks;
  const title = marks.title[w.quote_lang];
  const summary = el("summary", { title }, [
    el("span", { "aria-hidden": "true", text: marks.translation }), el("span", { "class": "kb-sr", text: title }),
  ]);
  const original = el("span", { "class": "kb-original__words" }, [
    marks.original[w.quote_lang] + ": ", el("q", { lang: w.quote_lang, text: w.quote }),
  ]);
  return [
    el("q", { lang: data.language, "class": "kb-rendering", text: w.translation }), " ",
    el("details", { "class": "kb-original" }, [summary, " ", original]),
  ];
}

function phaseField(ui, i, entry) {
  const id = "kb-plan-" + i.id + "-phase";
  const select = el("select", { id, "data-plan": i.id, "data-field": "phase" }, ["", ...PHASES].map((ph) => {
    const o = el("option", { value: ph, text: ui.t(ph ? "phase_" + ph : "phase_none") });
    o.selected = ph === (entry.phase || "");
    return o;
  }));
  return el("div", { "class": "kb-sa-field kb-sa-field--phase" }, [el("label", { "for": id, text: ui.t("plan_phase") }), select]);
}

function planFields(ui, i, entry) {
  return el("div", { "class": "kb-sa-plan-fields" }, [["action", "textarea"], ["owner", "input"], ["due", "input"]].map(([field, tag]) => {
    const id = "kb-plan-" + i.id + "-" + field;
    const attrs = { id, "data-plan": i.id, "data-field": field, value: entry[field] || "", maxlength: String(TEXT_MAX) };
    if (tag === "input") attrs.type = field === "due" ? "date" : "text";
    else attrs.rows = "2";
    return el("div", { "class": "kb-sa-field kb-sa-field--" + field }, [el("label", { "for": id, text: ui.t("plan_" + field) }), el(tag, attrs)]);
  }).concat([phaseField(ui, i, entry)]));
}

export function renderGap(ui, p, item) {
  const { base, t } = ui, i = item.indicator;
  return el("div", { "class": "kb-sa-gap", id: "kb-gap-" + i.id, "data-indicator": i.id, "data-answer": item.answer, "data-target": item.target }, [
    el("h5", {}, [el("a", { href: base + i.url, text: i.title })]),
    el("p", { text: t("your_answer") + t("answer_" + item.answer) + " · " + t("target_is", { target: t("answer_" + item.target) }) }),
    el("p", { "class": "kb-sa-looks" }, [el("strong", { text: t("looks_like") }), i.present_looks_like]),
    el("p", { "class": "kb-sa-sub", text: t("lessons_for") }), lessons(ui, i),
    el("p", { "class": "kb-sa-sub", text: t("where_present") }), examples(ui, i),
    planFields(ui, i, p.plan[i.id] || {}),
  ]);
}

function similarityTable(ui, best) {
  const { data, t } = ui;
  const table = el("table", { "class": "kb-sa-table", id: "kb-sa-similarity" }, [
    header([t("criterion"), t("your_rating"), t("their_rating", { name: best.kase.name }), t("similarity_col")]),
  ]);
  best.criteria.forEach((row) => {
    table.appendChild(el("tr", { "data-criterion": row.criterion.id }, [
      el("td", { text: row.criterion.title }), el("td", {}, [badge(data, row.mine)]), el("td", {}, [badge(data, row.theirs)]),
      el("td", { "class": "kb-sa-percent", text: row.similarity === null ? "–" : percent(row.similarity) + "%" }),
    ]));
  });
  // On a phone the case's column and the similarity lie beyond the edge: say the table scrolls.
  return el("div", {}, [el("p", { "class": "kb-sa-swipe", text: t("swipe_hint") }), scroller(table, t("similarity"))]);
}

// Why answered indicators were left out, and how many are unanswered; null when nothing was.
function leftOut(ui, best, answers) {
  const { data, t, tn } = ui, k = best.kase;
  const reasons = best.leftOut.map((x) => t("reason_" + x.reason, { indicator: x.indicator.title, name: k.name }));
  const unanswered = indicatorCount(data) - Object.keys(answers).length;
  if (unanswered) reasons.push(tn("reason_unanswered", unanswered, { count: unanswered }));
  return reasons.length ? el("p", { id: "kb-sa-left-out", text: t("left_out", { name: k.name }) + reasons.join("; ") + "." }) : null;
}

function others(ui, rest) {
  if (!rest.length) return null;
  const line = el("p", { id: "kb-sa-others" }, [ui.t("others")]);
  rest.forEach((s, n) => {
    if (n) line.appendChild(document.createTextNode(", "));
    line.appendChild(el("a", { href: ui.base + s.kase.url, text: s.kase.name }));
    line.appendChild(document.createTextNode(" " + percent(s.similarity) + "%"));
  });
  line.appendChild(document.createTextNode("."));
  return line;
}

export function renderSimilarity(ui, answers) {
  const { base, t, tn } = ui, chosen = ui.compare ? ui.data.cases.find((c) => c.id === ui.compare) : null;
  // A chosen case shows at any similarity; otherwise no case is "most similar" at 0%.
  const all = withChosen(chosen ? ranked(ui.data, answers) : resembling(ui.data, answers), ui.compare);
  const box = el("section", { id: "kb-sa-nearest", "aria-labelledby": "kb-sa-nearest-h" }, [
    el("h3", { id: "kb-sa-nearest-h", text: t("similarity") }), el("p", { id: "kb-sa-similarity-rule", text: t("similarity_explained") }),
  ]);
  if (!all.length) {
    if (chosen) box.appendChild(el("p", { id: "kb-sa-chosen", text: t("shows_chosen_later", { name: chosen.name }) }));
    box.appendChild(el("p", { id: "kb-sa-none", text: ranked(ui.data, answers).length ? t("resembles_none") : t("answer_more") }));
    return box;
  }
  const best = all[0], k = best.kase;
  [el("p", {}, [
    chosen && k.id === chosen.id ? t("shows_chosen") : t("resembles"), el("a", { href: base + k.url, text: k.name, id: "kb-sa-nearest-name" }),
    el("span", { id: "kb-sa-nearest-percent", text: tn("similar", best.compared, { percent: percent(best.similarity), count: best.compared }) }),
    el("span", { id: "kb-sa-nearest-basis", text: t(k.assessed_by === "study" ? "study_note" : "contributors_note") }),
  ]), similarityTable(ui, best), leftOut(ui, best, answers), others(ui, all.slice(1))].forEach((n) => { if (n) box.appendChild(n); });
  return box;
}

// Your profile picture beside the assessed cases'.
export function renderProfiles(ui, p, profile) {
  const { data, base, t } = ui;
  // A case's picture has the reader's rows (one per criterion), so the reader's size: the page keeps its place while they load.
  const { width, height } = profileLayout(data, profile);
  return el("div", { "class": "kb-profiles" }, [
    el("figure", { id: "kb-sa-profile" }, [profileSvg(data, profile, nameOf(ui, p)), el("figcaption", { text: nameOf(ui, p) })]),
    ...data.cases.map((k) => el("figure", {}, [
      el("img", { src: base + k.profile, alt: t("profile_of", { name: k.name }), "class": "kb-profile", width, height }),
      el("figcaption", {}, [el("a", { href: base + k.url, text: k.name })]),
    ])),
  ]);
}

function comparisonTable(ui, chosen, profiles) {
  const { data, t } = ui;
  const table = el("table", { "class": "kb-sa-table", id: "kb-sa-compare-table" }, [header([t("criterion"), ...chosen.map((q) => nameOf(ui, q))])]);
  data.criteria.forEach((c) => {
    table.appendChild(el("tr", {}, [el("td", { text: c.title }), ...profiles.map((pr) => el("td", {}, [badge(data, pr[c.id])]))]));
  });
  return scroller(table, t("compare"));
}

// Several partnerships side by side, with their profile pictures; `comparing` is {id: shown}.
export function renderCompare(ui, profiles, comparing) {
  const { data, t } = ui;
  const box = el("section", { id: "kb-sa-compare", "aria-labelledby": "kb-sa-compare-h" }, [el("h2", { id: "kb-sa-compare-h", text: t("compare") })]);
  if (profiles.length < 2) { box.appendChild(el("p", { text: t("compare_one") })); return box; }
  box.appendChild(el("p", { text: t("compare_intro") }));
  box.appendChild(el("fieldset", { "class": "kb-sa-picks" }, [el("legend", { text: t("compare") }), ...profiles.map((q) => {
    const pick = el("input", { type: "checkbox", id: "kb-sa-cmp-" + q.id, "data-compare": q.id });
    pick.checked = comparing.get(q.id);
    return el("label", { "for": pick.id, "class": "kb-sa-option" }, [pick, " " + nameOf(ui, q)]);
  })]));
  const chosen = profiles.filter((q) => comparing.get(q.id));
  if (chosen.length < 2) return box;
  const ratings = chosen.map((q) => profileOf(data, q.answers));
  box.appendChild(comparisonTable(ui, chosen, ratings));
  box.appendChild(el("div", { "class": "kb-profiles" }, chosen.map((q, n) => el("figure", { "data-profile": q.id }, [
    profileSvg(data, ratings[n], nameOf(ui, q)), el("figcaption", { text: nameOf(ui, q) }),
  ]))));
  return box;
}

function picker(ui, key, options, chosen) {
  const select = el("select", { id: "kb-sa-" + key, "data-span": key }, options.map(([value, text]) => {
    const option = el("option", { value, text });
    option.selected = value === chosen;
    return option;
  }));
  return el("span", { "class": "kb-sa-span" }, [el("label", { "for": select.id, text: ui.t(key) + " " }), select]);
}

function changeList(ui, kind, found) {
  if (!found.length) return el("p", { id: "kb-sa-" + kind, text: ui.t("none") });
  return el("ul", { id: "kb-sa-" + kind }, found.map((d) => el("li", {
    text: d.indicator.title + ": " + ui.t("answer_" + d.from) + " → " + ui.t("answer_" + d.to),
  })));
}

/* Dated snapshots of this partnership, any two compared: what improved, what slipped. `span` is
 * {from, to}: snapshot indexes as text, to "now" for today's answers; `diff` core.changes of them
 * (null without snapshots). */
export function renderOverTime(ui, p, span, diff) {
  const { t } = ui;
  const box = el("section", { id: "kb-sa-time", "aria-labelledby": "kb-sa-time-h" }, [
    el("h2", { id: "kb-sa-time-h", text: t("over_time") }), button("kb-sa-snapshot", t("snapshot_save")),
  ]);
  if (!p.snapshots.length) { box.appendChild(el("p", { text: t("snapshot_none") })); return box; }
  const choices = p.snapshots.map((s, n) => [String(n), t("snapshot_label", { date: dateText(ui, s.date) })]);
  box.appendChild(el("p", {}, [picker(ui, "from", choices, span.from), " ", picker(ui, "to", choices.concat([["now", t("now")]]), span.to)]));
  box.appendChild(el("p", { id: "kb-sa-to-target", text: ui.tn("to_target", diff.progress.from.total, {
    from_met: diff.progress.from.met, from_total: diff.progress.from.total, to_met: diff.progress.to.met, to_total: diff.progress.to.total,
  }) }));
  ["improved", "slipped"].forEach((kind) => {
    box.appendChild(el("p", { "class": "kb-sa-sub", text: t(kind) }));
    box.appendChild(changeList(ui, kind, diff[kind]));
  });
  return box;
}

/* The print's lessons for a gap (joined by " · ": a title may hold a semicolon), and apart from them what the study found (a finding is not advice:
 * the screen and the Markdown name it so too, plan.lessonLine). */
function printLessons(t, lessons) {
  const lessonsOnly = lessons.filter((x) => x.kind !== "finding"), found = lessons.filter((x) => x.kind === "finding");
  return [
    lessonsOnly.length ? el("span", { "class": "kb-sa-print-lesson", text: t("print_lesson", { titles: lessonsOnly.map((x) => x.title).join(" · ") }) }) : null,
    ...found.map((x) => el("span", { "class": "kb-sa-print-lesson kb-sa-print-finding", text: t("finding_label") + " " + x.title })),
  ];
}

function planRow(ui, p, item) {
  const { t } = ui, e = p.plan[item.indicator.id] || {}, l = item.indicator.lessons;
  const due = dateText(ui, e.due), phase = phaseText(t, e);
  // In the narrow column an ISO date stays whole (it broke at its hyphen); a written-out one keeps
  // its day with its month and may break before the year (kept whole, it ran off the sheet).
  const date = due && (/\s/.test(due)
    ? document.createTextNode(due.replace(/^(\S+) (\S+)/, "$1\u00a0$2"))
    : el("span", { "class": "kb-sa-date", text: due }));
  const when = [phase && due ? phase + ", " : phase, date || null];
  return el("tr", { "data-indicator": item.indicator.id }, [
    el("td", {}, [
      el("strong", { text: item.indicator.title }), el("br"),
      // "Nee → Ja" kept on one line: the narrower column broke it before "Ja" (read 12).
      item.criterion.title + " · " + t("answer_" + item.answer) + "\u00a0→\u00a0" + t("answer_" + item.target),
      ...printLessons(t, l),
    ]),
    el("td", { "class": "kb-sa-print-action", text: e.action || "" }), el("td", { "class": "kb-sa-print-owner", text: e.owner || "" }),
    el("td", { "class": "kb-sa-print-when" }, when),
  ]);
}

function printList(id, title, rows) {
  if (!rows.length) return null;
  return el("section", { id }, [el("h2", { text: title }), el("ul", {}, rows.map((r) => el("li", { text: r })))]);
}

// What to find out, as the plan's table: who finds it out is written in, or left to write on paper.
function findOutTable(ui, unknowns) {
  const { t } = ui;
  if (!unknowns.length) return null;
  return el("section", { id: "kb-sa-print-find-out" }, [el("h2", { text: t("find_out") }), el("table", { "class": "kb-sa-plan-table kb-sa-find-out-table" }, [
    el("thead", {}, [header([t("plan_gap"), t("find_out_question"), t("plan_owner")])]),
    el("tbody", {}, unknowns.map((x) => el("tr", { "data-indicator": x.indicator.id }, [
      el("td", {}, [el("strong", { text: x.indicator.title }), el("br"), x.criterion.title]),
      el("td", { text: x.indicator.question }), el("td", { "class": "kb-sa-find-out-owner", text: "" }),
    ]))),
  ])]);
}

/* The plan as it prints, shown only on paper (kb.css): the ratings, each gap in the start order
 * with the lessons for it, an action, owner and when; what to find out; what does not apply and
 * why; and where it was printed from (origin: {site, url}). */
export function renderPrint(ui, p, plan) {
  const { data, t } = ui, { start, profile, date, unknowns, origin } = plan;
  const box = el("section", { "class": "kb-sa-print", id: "kb-sa-print", "aria-hidden": "true" }, [
    el("h1", { text: t("plan_for", { name: nameOf(ui, p) }) }), el("p", { text: t("plan_date", { date: dateText(ui, date) }) }),
    p.parties && p.parties.length ? el("p", { id: "kb-sa-print-parties", text: partiesLine(ui, p, (role) => t("party_role_" + role)) }) : null,
    el("p", { "class": "kb-sa-print-ratings" }, data.criteria.map((c, n) => el("span", {}, [(n ? "; " : "") + c.title + ": ", badge(data, profile[c.id])]))),
  ]);
  if (!start.items.length) box.appendChild(el("p", { text: t("plan_none") }));
  else {
    box.appendChild(el("p", { text: t("start_" + start.mode, { share: Math.round(MOST_NO * 100) }) }));
    box.appendChild(el("table", { "class": "kb-sa-plan-table" }, [
      el("thead", {}, [header([t("plan_gap"), t("plan_action"), t("plan_owner"), t("plan_when")])]),
      el("tbody", {}, start.items.map((item) => planRow(ui, p, item))),
    ]));
  }
  [findOutTable(ui, unknowns),
    printList("kb-sa-print-na", t("na_list"), notApplicable(ui, p).map((x) => x.title + ": " + (x.reason || t("na_no_reason")))),
  ].forEach((n) => { if (n) box.appendChild(n); });
  box.appendChild(el("p", { "class": "kb-sa-print-origin", id: "kb-sa-print-origin", text: t("print_origin", { site: origin.site, url: origin.url, date: dateText(ui, date) }) }));
  return box;
}

/* Within reach once there are answers: the gaps, where to start and print, in a bar that stays in
 * view (kb.css: sticky at the foot of the window). */
export function renderSummary(ui, answered, gapsFound) {
  const { t, tn } = ui;
  return el("nav", { id: "kb-sa-summary", "class": "kb-sa-summary", "aria-label": t("summary"), hidden: answered ? null : "" }, [
    el("a", { href: "#kb-sa-gaps-h", text: tn("gap_count", gapsFound, { count: gapsFound }) }), " · ",
    el("a", { href: "#kb-sa-start-h", text: t("where_to_start") }), " · ",
    el("a", { href: "#kb-sa-tools-h", text: t("tools") }), " ",
    button("kb-sa-summary-print", t("print"), true),
  ]);
}

// The sections drawn here, as entries of the page's contents (Material's table of contents, built
// before the script ran): [id of the heading, its text].
export function addToContents(entries) {
  document.querySelectorAll("nav.md-nav--secondary > ul.md-nav__list").forEach((list) => {
    list.querySelectorAll("[data-kb-sa-toc]").forEach((n) => n.remove());
    entries.forEach(([id, text]) => {
      list.appendChild(el("li", { "class": "md-nav__item", "data-kb-sa-toc": "" }, [
        el("a", { "class": "md-nav__link", href: "#" + id }, [el("span", { "class": "md-ellipsis", text })]),
      ]));
    });
  });
}

export function renderShare(ui, link) {
  return [
    el("p", {}, [ui.t("share_label"), el("br"), el("a", { href: link, id: "kb-sa-share-link", text: link })]),
    button("kb-sa-copy", ui.t("copy")),
  ];
}

export function renderShareTooLong(ui, length, max) {
  return el("p", { id: "kb-sa-share-error", "class": "kb-sa-message", text: ui.t("share_too_long", { length, max }) });
}
