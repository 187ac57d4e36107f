/* Your partnership on the comparison page: the consensus answers of the self-assessment kept in
 * this browser, drawn as one more row of both matrices beside the studied cases, marked as yours
 * and as no part of the study, with a way to hide it (remembered here). Nothing leaves the
 * browser: the rows come from localStorage and the site's own data file. An ES module that
 * on-demand.js imports on the comparison page only. */
import { NA } from "./self-assessment/core.mjs";
import { yourRows } from "./self-assessment/row.mjs";
import { browserStorage } from "./self-assessment/store.mjs";
import { profileSvg } from "./self-assessment/view.mjs";
import { words } from "./self-assessment/words.mjs";

const HIDDEN = "ppc-kb-your-row-hidden";

function el(tag, attrs, children) {
  const node = document.createElement(tag);
  Object.keys(attrs || {}).forEach((k) => { if (k === "text") node.textContent = attrs[k]; else node.setAttribute(k, attrs[k]); });
  (children || []).forEach((c) => { if (c) node.append(c); });
  return node;
}

// "Not applicable" is no rating of the scale: a sign of its own, for your row only.
const NA_SYMBOL = "–";

function badge(data, t, rating) {
  const s = data.scale.find((x) => x.id === rating);
  if (!s) return el("span", { "class": "kb-rating kb-rating--" + rating, text: NA_SYMBOL + "\u00a0" + t("answer_" + rating) });
  return el("span", { "class": "kb-rating kb-rating--" + rating, text: s.symbol + "\u00a0" + s.label });
}

/* As the dense matrix's generated badges (tables.compact_badge): the symbol, the label in a part a
 * wide screen hides (shown in a phone's card) and named on hover, so your row fits as theirs do. */
function compactBadge(data, t, rating) {
  const s = data.scale.find((x) => x.id === rating), name = s ? s.label : t("answer_" + rating);
  return el("span", { "class": "kb-rating kb-rating--" + rating, title: name }, [
    s ? s.symbol : NA_SYMBOL, el("span", { "class": "kb-rating__label", text: "\u00a0" + name }),
  ]);
}

// A cell as the generated ones are: its column's name for a phone's stacked card, then the badge.
function cell(label, content, group) {
  return el("td", group ? { "class": "kb-group-start" } : {}, [
    group ? el("span", { "class": "kb-stack-group", text: group }) : null,
    el("span", { "class": "kb-stack-label", text: label }), " ", content,
  ]);
}

function head(ui, row) {
  return el("th", { scope: "row" }, [
    el("strong", { text: row.name || ui.t("default_name") }), el("br"),
    el("span", { "class": "kb-basis", text: ui.t("row_basis") }),
  ]);
}

function criteriaRow(ui, row, countsLabel) {
  const { data, t } = ui;
  // One count a line, as the studied cases' counts beside it.
  const tally = el("span", { "class": "kb-counts" }, data.scale.flatMap((s, n) => [n ? el("br") : null,
    s.symbol + "\u00a0" + row.counts[s.id] + "\u00a0" + s.label.toLowerCase()]));
  // The counts leave "not applicable" out: say how many were answered and how many do not apply.
  const answered = t("row_answered", { answered: row.answered, total: row.total }) + (row.na ? "; " + t("row_not_applicable", { count: row.na }) : "");
  tally.append(el("br"), el("span", { "class": "kb-sa-row-answered", text: answered }));
  return el("tr", { "class": "kb-sa-your-row", "data-yours": row.id }, [
    head(ui, row), ...data.criteria.map((c) => cell(c.title, badge(data, t, row.criteria[c.id]))),
    cell(countsLabel, tally),
  ]);
}

function indicatorRow(ui, row) {
  const { data, t } = ui, cells = [];
  let n = 0;
  data.criteria.forEach((c) => c.indicators.forEach((i, k) => { cells.push(cell(i.title, compactBadge(data, t, row.indicators[n]), k === 0 ? c.title : null)); n += 1; }));
  return el("tr", { "class": "kb-sa-your-row", "data-yours": row.id }, [head(ui, row), ...cells]);
}

// The matrices this row fits: a body row as wide as the data's criteria (+ counts) or indicators.
function tables(data) {
  const found = { criteria: null, indicators: null }, n = data.criteria.reduce((a, c) => a + c.indicators.length, 0);
  document.querySelectorAll(".kb-matrix table").forEach((table) => {
    const first = table.querySelector("tbody tr");
    const width = first ? first.querySelectorAll("td").length : -1;
    if (width === data.criteria.length + 1 && !found.criteria) found.criteria = table;
    else if (width === n && !found.indicators) found.indicators = table;
  });
  return found;
}

function draw(ui, box, rows) {
  document.querySelectorAll(".kb-sa-your-row, .kb-sa-yours").forEach((r) => r.remove());
  const hidden = browserStorage.get(HIDDEN) === "1", chosen = rows.find((r) => r.id === box.getAttribute("data-chosen")) || rows[0];
  box.querySelector("#kb-sa-row-show").checked = !hidden;
  if (hidden) return;
  const found = tables(ui.data);
  // The counts' column named as the page names it.
  const counts = found.criteria && found.criteria.querySelector("thead th:last-child");
  if (found.criteria) found.criteria.querySelector("tbody").append(criteriaRow(ui, chosen, counts ? counts.textContent : ""));
  if (found.indicators) found.indicators.querySelector("tbody").append(indicatorRow(ui, chosen));
  if (found.indicators && chosen.indicators.includes(NA)) key(ui);
  profile(ui, chosen);
}

// The key under the matrices: "not applicable" too, which only your row can show.
function key(ui) {
  const legend = document.querySelector(".kb-matrix ~ .kb-legend");
  const how = legend && legend.querySelector("a:last-child");
  if (!legend || !how) return;
  const item = el("span", { "class": "kb-sa-your-key" }, [
    el("span", { "class": "kb-rating kb-rating--" + NA, text: NA_SYMBOL + "\u00a0" + ui.t("answer_" + NA) }),
    " (" + ui.t("row_basis") + ")",
  ]);
  // After the ratings, before the full stop and the link to the ratings page.
  legend.insertBefore(el("span", { "class": "kb-sa-yours" }, [" · ", item]), how.previousSibling);
}

// Your profile beside the cases' pictures, marked as yours and not part of the study.
function profile(ui, row) {
  const box = document.querySelector(".kb-profiles");
  if (!box) return;
  const name = row.name || ui.t("default_name");
  box.append(el("figure", { "class": "kb-sa-yours kb-sa-your-profile", "data-yours": row.id }, [
    el("figcaption", {}, [el("strong", { text: name }), el("br"), el("span", { "class": "kb-basis", text: ui.t("row_basis") })]),
    profileSvg(ui.data, row.criteria, name + " (" + ui.t("row_basis") + ")"),
  ]));
}

function controls(ui, box, rows) {
  const { t } = ui, show = el("input", { type: "checkbox", id: "kb-sa-row-show" });
  const parts = [el("p", { text: t("row_intro") }), el("p", {}, [el("label", { "for": "kb-sa-row-show" }, [show, " " + t("row_show")])])];
  if (rows.length > 1) {
    const pick = el("select", { id: "kb-sa-row-pick" }, rows.map((r) => el("option", { value: r.id, text: r.name || t("default_name") })));
    parts.push(el("p", {}, [el("label", { "for": "kb-sa-row-pick", text: t("row_pick") + " " }), pick]));
    pick.addEventListener("change", () => { box.setAttribute("data-chosen", pick.value); draw(ui, box, rows); });
  }
  box.replaceChildren(...parts);
  show.addEventListener("change", () => {
    if (show.checked) browserStorage.remove(HIDDEN);
    else browserStorage.set(HIDDEN, "1");
    draw(ui, box, rows);
  });
}

export function start() {
  const box = document.getElementById("kb-sa-row"), source = document.getElementById("kb-sa-row-data");
  if (!box || !source) return;
  const url = source.href;  // the edition's data file, the link MkDocs wrote for this page
  fetch(url, { credentials: "same-origin" }).then((r) => { if (!r.ok) throw new Error(r.status); return r.json(); }).then((data) => {
    const { t, tn } = words(data.labels), ui = { data, t, tn }, rows = yourRows(data, browserStorage, t);
    if (!rows.length) {
      box.replaceChildren(el("p", {}, [t("row_none") + " ", el("a", { href: new URL("../self-assessment/", url).href, text: t("row_none_link") })]));
      box.hidden = false;
      return;
    }
    controls(ui, box, rows);
    box.hidden = false;
    draw(ui, box, rows);
  }).catch((e) => { if (window.console) console.error(e); });
}
