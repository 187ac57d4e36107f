/* The action plan as files: Markdown and CSV. `ui` is {data, base, t, tn}: the page's JSON, the
 * edition's root URL and its words; `p` the partnership; `date` today as YYYY-MM-DD (written out
 * for the reader by dateText). Gaps come in
 * the start order (core.startOrder), measured against the partnership's targets; "Don't know"
 * answers make the "To find out" list, "not applicable" ones are listed with their reasons. */
import { MOST_NO, NA, percent, profileOf, ranked, resembling, startOrder, toFindOut } from "./core.mjs";
import { csvText, markdownText as md, readableDate } from "./text.mjs";

// A date as the edition's reader reads it ("30 november 2026" in Dutch), never ISO in what a person reads.
export const dateText = (ui, iso) => readableDate(iso, ui.data.language);

export function nameOf(ui, p) {
  return p.name || ui.t("default_name");
}

// A finding of the study is not its advice: a gap names it as what the study found.
export function lessonLine(t, lesson, title) {
  return lesson.kind === "finding" ? t("finding_label") + " " + title : t("lesson", { title });
}

const ratingLabel = (data, id) => data.scale.find((s) => s.id === id).label;

const own = (o, id) => (o && Object.hasOwn(o, id) && o[id]) || "";

/* The questions answered "not applicable", with the reasons given, in checklist order: an agreed
 * "not applicable" without a reason of its own has the parties' note on it as its reason. */
export function notApplicable(ui, p) {
  return ui.data.criteria.flatMap((c) => c.indicators.map((i) => ({ i, c })))
    .filter(({ i }) => Object.hasOwn(p.answers, i.id) && p.answers[i.id] === NA)
    .map(({ i, c }) => ({ id: i.id, title: i.title, criterion: c.title, reason: own(p.reasons, i.id) || own(p.notes, i.id) || partyReasons(p, i.id) }));
}

// Failing the partnership's own reason and note: what its parties gave ("Police: no event this year").
function partyReasons(p, id) {
  return (p.parties || []).filter((x) => own(x.reasons, id)).map((x) => (x.name ? x.name + ": " : "") + x.reasons[id]).join("; ");
}

// "From the answers of 3 parties: A (municipality); B (police)": where the agreed answers came from, or "".
export function partiesLine(ui, p, roleName) {
  const list = p.parties || [];
  if (!list.length) return "";
  const names = list.map((x) => (x.name || ui.t("party_unnamed")) + " (" + roleName(x.role) + ")").join("; ");
  return ui.tn("plan_from_parties", list.length, { count: list.length, list: names });
}

export const startText = (ui, start) => ui.t("start_" + start.mode, { share: Math.round(MOST_NO * 100) });

// A label inside brackets, after a semicolon: "(…; uw antwoord: Nee; doel: Ja)".
const lower = (text) => text.charAt(0).toLowerCase() + text.slice(1);

function gapLines(ui, p, item) {
  const { t, base } = ui, i = item.indicator, e = p.plan[i.id] || {};
  return [
    "### " + md(i.title) + " (" + md(item.criterion.title) + "; " + lower(t("your_answer")) + t("answer_" + item.answer) + "; "
      + lower(t("target_is", { target: t("answer_" + item.target) })) + ")", "",
    "- " + t("looks_like") + md(i.present_looks_like),
    ...["action", "owner"].map((f) => "- " + t("plan_" + f) + ": " + md(e[f])),
    "- " + t("plan_due") + ": " + md(dateText(ui, e.due)),
    "- " + t("plan_phase") + ": " + phaseText(t, e),
    ...i.lessons.map((l) => "- " + lessonLine(t, l, md(l.title)) + " <" + new URL(l.url, base).href + ">"),
    "",
  ];
}

function resemblance(ui, answers) {
  const best = resembling(ui.data, answers)[0];
  if (!best) return ranked(ui.data, answers).length ? [ui.t("resembles_none"), ""] : [];
  const basis = ui.t(best.kase.assessed_by === "study" ? "basis_study" : "basis_contributors");
  return [ui.tn("most_resembles", best.compared, {
    name: md(best.kase.name), percent: percent(best.similarity), count: best.compared, basis,
  }), ""];
}

function otherLists(ui, p) {
  const { data, t } = ui, lines = [], unknowns = toFindOut(data, p.answers), na = notApplicable(ui, p);
  if (unknowns.length) {
    lines.push("## " + t("find_out"), "", ...unknowns.map((x) => "- " + md(x.indicator.title) + " (" + md(x.criterion.title) + "): " + md(x.indicator.question)), "");
  }
  if (na.length) lines.push("## " + t("na_list"), "", t("na_explained"), "", ...na.map((x) => "- " + md(x.title) + ": " + md(x.reason || t("na_no_reason"))), "");
  return lines;
}

// Every text in it, the reader's and the data's, as inert Markdown: it may come from someone else's share link.
/* A gap's phase in a copy of the plan: empty until one is chosen, like its other fields. The
 * screen's "No phase chosen" is the list's empty choice; printed or exported it read as a remark
 * on a gap whose date already planned it (read 9, F9). */
export const phaseText = (t, entry) => (entry.phase ? t("phase_" + entry.phase) : "");

export function planMarkdown(ui, p, date) {
  const { data, t } = ui, start = startOrder(data, p.answers, p.targets), profile = profileOf(data, p.answers);
  const lines = ["# " + t("plan_for", { name: md(nameOf(ui, p)) }), "", t("plan_date", { date: dateText(ui, date) }), ""];
  const from = partiesLine(ui, p, (role) => t("party_role_" + role));
  if (from) lines.push(md(from), "");
  data.criteria.forEach((c) => { lines.push("- " + md(c.title) + ": " + md(ratingLabel(data, profile[c.id]))); });
  lines.push("");
  // The gaps under a level-2 heading of their own, as what to find out and what does not apply are.
  if (!start.items.length) lines.push(t("plan_none"), "");
  else lines.push("## " + t("gaps"), "", startText(ui, start), "", t("own_yardsticks"), "");
  start.items.forEach((item) => { lines.push(...gapLines(ui, p, item)); });
  lines.push(...otherLists(ui, p), ...resemblance(ui, p.answers), t("rule", { rule: md(data.rule.text) }), "");
  return lines.join("\n");
}

const heading = (text) => text.replace(/[:\s]+$/, "");

/* One row per gap in the start order, then one per "Don't know" and per "not applicable" answer
 * (with its reason), so a spreadsheet holds the whole plan. */
export function planCsv(ui, p) {
  const { data, t } = ui;
  const rows = [[t("criterion"), t("plan_gap"), heading(t("your_answer")), heading(t("target")), t("plan_action"), t("plan_owner"), t("plan_due"),
    t("plan_phase"), t("own_looks_like_col"), t("na_reason_col")]];
  startOrder(data, p.answers, p.targets).items.forEach((item) => {
    const e = p.plan[item.indicator.id] || {};
    rows.push([item.criterion.title, item.indicator.title, t("answer_" + item.answer), t("answer_" + item.target), e.action, e.owner, dateText(ui, e.due),
      phaseText(t, e), item.indicator.present_looks_like, ""]);
  });
  toFindOut(data, p.answers).forEach((x) => {
    rows.push([x.criterion.title, x.indicator.title, t("answer_unknown"), "", t("find_out"), "", "", "", x.indicator.present_looks_like, ""]);
  });
  notApplicable(ui, p).forEach((x) => { rows.push([x.criterion, x.title, t("answer_" + NA), "", "", "", "", "", "", x.reason]); });
  const separator = t("csv_separator");
  return csvText(rows, [",", ";"].includes(separator) ? separator : ",");
}
