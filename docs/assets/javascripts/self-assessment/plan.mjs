/* The action plan as files: Markdown and CSV. `ui` is {data, base, t, tn}: the page's JSON, the
 * edition's root URL and its words; `p` the partnership; `date` today as YYYY-MM-DD. */
import { gaps, percent, profileOf, ranked } from "./core.mjs";
import { csvText, markdownText as md } from "./text.mjs";

export function nameOf(ui, p) {
  return p.name || ui.t("default_name");
}

// A finding of the study is not its advice: a gap names it as what the study found.
export function lessonLine(t, lesson, title) {
  return lesson.kind === "finding" ? t("finding_label") + " " + title : t("lesson", { title });
}

const ratingLabel = (data, id) => data.scale.find((s) => s.id === id).label;

function gapLines(ui, p, item) {
  const { t, base } = ui, i = item.indicator, e = p.plan[i.id] || {};
  return [
    "### " + md(i.title) + " (" + t("your_answer") + t("answer_" + item.answer) + ")", "",
    "- " + t("looks_like") + md(i.present_looks_like),
    ...["action", "owner", "due"].map((f) => "- " + t("plan_" + f) + ": " + md(e[f])),
    ...i.lessons.map((l) => "- " + lessonLine(t, l, md(l.title)) + " <" + new URL(l.url, base).href + ">"),
    "",
  ];
}

function resemblance(ui, answers) {
  const best = ranked(ui.data, answers)[0];
  if (!best) return [];
  const basis = ui.t(best.kase.assessed_by === "study" ? "basis_study" : "basis_contributors");
  return [ui.tn("most_resembles", best.compared, {
    name: md(best.kase.name), percent: percent(best.similarity), count: best.compared, basis,
  }), ""];
}

// Every text in it, the reader's and the data's, as inert Markdown: it may come from someone else's share link.
export function planMarkdown(ui, p, date) {
  const { data, t } = ui, groups = gaps(data, p.answers), profile = profileOf(data, p.answers);
  const lines = ["# " + t("plan_for", { name: md(nameOf(ui, p)) }), "", t("plan_date", { date }), ""];
  data.criteria.forEach((c) => { lines.push("- " + md(c.title) + ": " + md(ratingLabel(data, profile[c.id]))); });
  lines.push("");
  if (!groups.length) lines.push(t("plan_none"), "");
  groups.forEach((g) => {
    lines.push("## " + md(g.criterion.title), "");
    g.items.forEach((item) => { lines.push(...gapLines(ui, p, item)); });
  });
  lines.push(...resemblance(ui, p.answers), t("rule", { rule: md(data.rule.text) }), "");
  return lines.join("\n");
}

const heading = (text) => text.replace(/[:\s]+$/, "");

export function planCsv(ui, p) {
  const { data, t } = ui;
  const rows = [[t("criterion"), t("plan_gap"), heading(t("your_answer")), t("plan_action"), t("plan_owner"), t("plan_due"), heading(t("looks_like"))]];
  gaps(data, p.answers).forEach((g) => {
    g.items.forEach((item) => {
      const e = p.plan[item.indicator.id] || {};
      rows.push([g.criterion.title, item.indicator.title, t("answer_" + item.answer), e.action, e.owner, e.due, item.indicator.present_looks_like]);
    });
  });
  return csvText(rows);
}
