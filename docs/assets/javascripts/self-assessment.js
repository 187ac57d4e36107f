/* Self-assessment: questions, your gaps with what to do about each, an action plan to print,
 * export and share, several partnerships and snapshots over time. Everything stays in this
 * browser (localStorage, or the share link's fragment, which browsers never send to a server);
 * the only request is the site's own data file.
 *
 * An ES module, which on-demand.js imports on the self-assessment's page only and calls start()
 * on each page Material's instant navigation brings. It only wires the page to the modules in
 * self-assessment/: the reckoning (core), the checks of what is read (partnership), the saved
 * state (store), the files (plan, text), the words (words) and the nodes drawn (view). */
import { chosenCase } from "./self-assessment/chosen.mjs";
import { atTarget, changes, gapCount, gaps, profileOf, startOrder, toFindOut } from "./self-assessment/core.mjs";
import {
  IMPORT_MAX, SHARE_MAX, decodeShare, encodeShare, exported, exportedAll, filledPlan, hasWork, isAll, migrationText, readPartnership, readProfiles,
} from "./self-assessment/partnership.mjs";
import { PARTY_EVENTS, partyLinkOpened, showParties } from "./self-assessment/partiespage.mjs";
import { dateText, nameOf, planCsv, planMarkdown } from "./self-assessment/plan.mjs";
import {
  STORE, addProfile, blank, browserStorage, deleteCurrent, forget, fromIncoming, openStore, replaceWith, restoreAll, setAnswer, setPlanField,
  setReason, setTarget, takeSnapshot,
} from "./self-assessment/store.mjs";
import { fileName, isoDate } from "./self-assessment/text.mjs";
import * as view from "./self-assessment/view.mjs";
import { words } from "./self-assessment/words.mjs";

const SHARE = "#sa=";
const today = () => isoDate(new Date());
let made = 0;  // ids made in the same millisecond (several files read at once) still differ
const newId = () => "p" + Date.now().toString(36) + (made += 1).toString(36);
const mounted = new WeakMap();  // root -> the AbortController of its listeners, so a redraw never doubles them

// A file saved, said in the page's message (`page` absent where no page is drawn yet).
function download(name, type, text, page) {
  const a = view.el("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  if (page) say(page, page.ui.t("file_saved", { name }));
}

// The edition's words for a file's name: "zelfscan-…" in the Dutch edition.
const named = (page, name, ext, more) => fileName(name, today(), ext, page.ui.t("file_stem"), more);

// A party's file bears its name too, so that the files of several parties never collide.
const downloadJson = (page, p) => download(named(page, p.name, "json", p.party ? [p.party.name] : []), "application/json", JSON.stringify(exported(p), null, 2), page);
const downloadAll = (page) => download(named(page, page.ui.t("file_all"), "json"), "application/json", JSON.stringify(exportedAll(page.store.state), null, 2), page);

/* ---- Drawing: each part redrawn from the store, by the view's render functions. ---- */

function replace(page, key, node) {
  page.nodes[key].replaceWith(node);
  page.nodes[key] = node;
}

function say(page, text) { page.nodes.message.textContent = text; }

function showPartnership(page) {
  const p = page.store.current(), { bar, form, tools } = page.nodes;
  bar.querySelector("#kb-sa-partnership").replaceChildren(...view.renderPartnerships(page.ui, page.store.state));
  bar.querySelector("#kb-sa-name").value = p.name;
  bar.querySelector("#kb-sa-delete").disabled = page.store.state.profiles.length < 2;
  view.setQuestion(form, p);
  tools.querySelector("#kb-sa-share").textContent = "";
  show(page);
}

// The results, and everything drawn from the answers.
function show(page) {
  const { ui } = page, p = page.store.current(), groups = gaps(ui.data, p.answers, p.targets), profile = profileOf(ui.data, p.answers);
  page.nodes.progress.textContent = view.progressText(ui, p.answers, groups);
  page.nodes.results.replaceChildren(
    view.el("h2", { id: "kb-sa-results-h", text: ui.t("results") }), page.nodes.progress, view.renderRatings(ui, profile),
    view.renderGaps(ui, p, groups, startOrder(ui.data, p.answers, p.targets), toFindOut(ui.data, p.answers)), view.renderSimilarity(ui, p.answers),
    view.el("h3", { text: ui.t("profile_beside") }), view.renderProfiles(ui, p, profile),
  );
  replace(page, "summary", view.renderSummary(ui, Object.keys(p.answers).length > 0, gapCount(groups)));
  showParties(page);
  showCompare(page);
  showOverTime(page);
  showPrint(page);
}

function showCompare(page) {
  const profiles = page.store.state.profiles;
  profiles.forEach((q) => { if (!page.comparing.has(q.id)) page.comparing.set(q.id, true); });
  replace(page, "compare", view.renderCompare(page.ui, profiles, page.comparing));
}

function showOverTime(page) {
  const p = page.store.current(), span = page.span;
  let diff = null;
  if (p.snapshots.length) {
    if (span.from === null || !p.snapshots[+span.from]) span.from = "0";
    if (span.to !== "now" && !p.snapshots[+span.to]) span.to = "now";
    const from = p.snapshots[+span.from], to = span.to === "now" ? p : p.snapshots[+span.to];
    diff = changes(page.ui.data, from.answers, to.answers);
    // Each side measured against the targets it was taken with (a snapshot before targets: today's).
    const against = (side) => atTarget(page.ui.data, side.answers, side.targets || p.targets);
    diff.progress = { from: against(from), to: against(to) };
  }
  replace(page, "overTime", view.renderOverTime(page.ui, p, span, diff));
}

// The plan as it prints, rebuilt whenever it changes.
function showPrint(page) {
  const { data } = page.ui, p = page.store.current();
  replace(page, "print", view.renderPrint(page.ui, p, {
    start: startOrder(data, p.answers, p.targets), profile: profileOf(data, p.answers), date: today(),
    unknowns: toFindOut(data, p.answers), origin: { site: data.site, url: location.origin + location.pathname },
  }));
}

// Saves the state; when the browser refuses, the store undoes the change, and the page shows what is kept.
function persist(page) {
  const saved = page.store.save();
  if (page.store.elsewhere) { reread(page.root, page.ui, "changed_elsewhere_not_saved"); return false; }
  page.nodes.notSaved.hidden = saved;
  if (!saved) showPartnership(page);
  return saved;
}

/* ---- Events: what each control does. Answers redraw the results; plan fields only save (a
 * redraw would take the focus). ---- */

function answered(page, event) {
  setAnswer(page.store.current(), event.target.name, event.target.value);
  if (persist(page)) { say(page, ""); view.setQuestion(page.nodes.form, page.store.current()); show(page); }
}

function targeted(page, event) {
  setTarget(page.store.current(), event.target.getAttribute("data-target"), event.target.value);
  if (persist(page)) show(page);
}

// A reason only saves (and reprints): a redraw would take the focus.
function reasoned(page, event) {
  setReason(page.store.current(), event.target.getAttribute("data-reason"), event.target.value);
  if (persist(page)) showPrint(page);
}

function planWritten(page, event) {
  const target = event.target;
  setPlanField(page.store.current(), target.getAttribute("data-plan"), target.getAttribute("data-field"), target.value);
  if (persist(page)) showPrint(page);
}

function renamed(page, event) {
  page.store.current().name = event.target.value;
  if (!persist(page)) return;
  const select = page.nodes.bar.querySelector("#kb-sa-partnership");
  select.options[select.selectedIndex].textContent = nameOf(page.ui, page.store.current());
  showCompare(page);
  showPrint(page);
}

function switched(page, event) {
  page.store.state.current = event.target.value;
  if (persist(page)) { say(page, ""); showPartnership(page); }
}

function newPartnership(page) {
  const q = blank(newId());
  q.name = page.ui.t("new_name", { n: page.store.state.profiles.length + 1 });
  addProfile(page.store.state, q);
  if (!persist(page)) return;
  showPartnership(page);
  const name = page.nodes.bar.querySelector("#kb-sa-name");
  name.focus();
  name.select();
}

function deletePartnership(page) {
  const state = page.store.state;
  if (state.profiles.length < 2 || !window.confirm(page.ui.t("confirm_delete", { name: nameOf(page.ui, page.store.current()) }))) return;
  deleteCurrent(state);
  if (persist(page)) showPartnership(page);
}

// By id, never a selector built from one: a saved profile's id may hold any character.
function compareToggled(page, event) {
  const id = event.target.getAttribute("data-compare");
  page.comparing.set(id, event.target.checked);
  showCompare(page);
  document.getElementById("kb-sa-cmp-" + id).focus();
}

function spanChosen(page, event) {
  const key = event.target.getAttribute("data-span");
  page.span[key] = event.target.value;
  showOverTime(page);
  document.getElementById("kb-sa-" + key).focus();
}

function snapshotTaken(page) {
  const date = today();
  takeSnapshot(page.store.current(), date);
  if (!persist(page)) return;
  say(page, page.ui.t("snapshot_saved", { date: dateText(page.ui, date) }));
  showOverTime(page);
  document.getElementById("kb-sa-snapshot").focus();
}

function printPlan(page) {
  showPrint(page);
  window.print();
}

function exportMarkdown(page) {
  const p = page.store.current();
  download(named(page, p.name, "md"), "text/markdown", planMarkdown(page.ui, p, today()), page);
}

function exportCsv(page) {
  const p = page.store.current();
  download(named(page, p.name, "csv"), "text/csv", planCsv(page.ui, p), page);
}

function reset(page) {
  const { t } = page.ui, p = page.store.current();
  if (!window.confirm(t("reset_confirm", { name: nameOf(page.ui, p) }))) { say(page, t("reset_kept")); return; }
  p.answers = {};
  p.plan = {};
  if (persist(page)) { showPartnership(page); say(page, t("cleared")); }
}

function share(page) {
  const box = page.nodes.tools.querySelector("#kb-sa-share");
  const link = location.origin + location.pathname + SHARE + encodeShare(page.store.current());
  page.link = link;
  if (link.length > SHARE_MAX) { box.replaceChildren(view.renderShareTooLong(page.ui, link.length, SHARE_MAX)); return; }
  box.replaceChildren(...view.renderShare(page.ui, link));
  box.querySelector("#kb-sa-share-link").focus();
}

function copy(page) {
  const done = () => say(page, page.ui.t("copied")), failed = () => say(page, page.ui.t("copy_failed"));
  if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(page.link).then(done, failed);
  else failed();
}

// "12 answers and 1 plan entry": each count with its noun in the form that fits it.
function counted(ui, p) {
  const answers = Object.keys(p.answers).length, entries = Object.keys(filledPlan(p.plan)).length;
  return { answers: ui.tn("n_answers", answers, { count: answers }), entries: ui.tn("n_plan_entries", entries, { count: entries }) };
}

// A file's text read: one partnership ({partnership, said}), every one ({all}), or {problem}.
function readFile(page, text) {
  const { ui } = page;
  let parsed;
  try { parsed = JSON.parse(text); } catch (e) { return { problem: ui.t("not_json") }; }
  if (!isAll(parsed)) return readPartnership(ui.data, parsed, ui.t);
  const all = readProfiles(ui.data, parsed, ui.t);
  if (all.problems.length) return { problem: all.problems.join(" ") };
  return all.profiles.length ? { all, said: all.said } : { problem: ui.t("not_export") };
}

// What the import did, and what reading it under this model changed.
const sayWith = (page, text, said) => say(page, [text, migrationText(said, page.ui.t)].filter(Boolean).join(" "));

function importedAll(page, all) {
  const { t } = page.ui;
  restoreAll(page.store.state, all, newId);
  if (!persist(page)) { say(page, t("import_not_saved")); return; }
  showPartnership(page);
  sayWith(page, page.ui.tn("imported_all", all.profiles.length, { count: all.profiles.length }), all.said);
}

function imported(page, text) {
  const { t } = page.ui, p = page.store.current(), read = readFile(page, text);
  if (read.problem) { say(page, t("import_failed", { problem: read.problem })); return; }
  if (read.all) { importedAll(page, read.all); return; }
  if (hasWork(p) && !window.confirm(t("import_confirm", { name: nameOf(page.ui, p) }))) { say(page, t("import_declined")); return; }
  replaceWith(p, read.partnership);
  if (!persist(page)) { say(page, t("import_not_saved")); return; }
  showPartnership(page);
  sayWith(page, t("imported_plan", counted(page.ui, read.partnership)), read.said);
}

function importFile(page, event) {
  const input = event.target, file = input.files && input.files[0];
  if (!file) return;
  if (file.size > IMPORT_MAX) {
    say(page, page.ui.t("import_failed", { problem: page.ui.t("too_large", { max: IMPORT_MAX / 1000000 }) }));
    input.value = "";
    return;
  }
  file.text().then((text) => imported(page, text)).finally(() => { input.value = ""; });
}

function exportUnsaved(page) {
  if (page.store.unsaved) downloadJson(page, page.store.unsaved);
}

const EVENTS = [
  ["change", ".kb-sa-form input[type=radio]", answered],
  ["input", "[data-plan]", planWritten],
  ["input", "#kb-sa-name", renamed],
  ["change", "#kb-sa-partnership", switched],
  ["click", "#kb-sa-new", newPartnership],
  ["click", "#kb-sa-delete", deletePartnership],
  ["change", "[data-compare]", compareToggled],
  ["change", "[data-span]", spanChosen],
  ["click", "#kb-sa-snapshot", snapshotTaken],
  ["click", "#kb-sa-print-plan", printPlan],
  ["click", "#kb-sa-summary-print", printPlan],
  ["click", "#kb-sa-export-md", exportMarkdown],
  ["click", "#kb-sa-export-csv", exportCsv],
  ["click", "#kb-sa-export-json", (page) => downloadJson(page, page.store.current())],
  ["click", "#kb-sa-export-everything", downloadAll],
  ["change", "[data-target]", targeted],
  ["input", "[data-reason]", reasoned],
  ["click", "#kb-sa-reset", reset],
  ["click", "#kb-sa-share-make", share],
  ["click", "#kb-sa-copy", copy],
  ["change", "#kb-sa-import", importFile],
  ["click", "#kb-sa-not-saved-export", exportUnsaved],
  ...PARTY_EVENTS,
];

// One listener per kind of event on the root, dispatched by the table.
function listen(root, page) {
  if (mounted.has(root)) mounted.get(root).abort();
  const controller = new AbortController();
  mounted.set(root, controller);
  new Set(EVENTS.map(([type]) => type)).forEach((type) => {
    root.addEventListener(type, (event) => {
      EVENTS.forEach(([on, selector, run]) => { if (on === type && event.target.matches(selector)) run(page, event); });
    }, { signal: controller.signal });
  });
}

/* ---- Mounting. ---- */

// A share link opened: its fragment restores, never overwriting saved work without asking.
function openShareLink(page) {
  if (location.hash.indexOf(SHARE) !== 0) return;
  const { t } = page.ui, payload = location.hash.slice(SHARE.length);
  history.replaceState(null, "", location.pathname + location.search);
  if (location.href.length + payload.length > SHARE_MAX) { say(page, t("link_too_long", { max: SHARE_MAX })); return; }
  const read = decodeShare(page.ui.data, payload, t);
  if (read.problem) { say(page, t("link_bad", { problem: read.problem })); return; }
  if (partyLinkOpened(page, read)) return;  // one party's answers, merged into the open partnership
  const incoming = read.partnership, name = incoming.name || t("default_name");
  if (!hasWork(page.store.current())) replaceWith(page.store.current(), incoming);
  else if (window.confirm(t("link_confirm", { name }))) addProfile(page.store.state, fromIncoming(newId(), incoming));
  else { say(page, t("link_declined")); return; }
  if (persist(page)) sayWith(page, t("link_restored", Object.assign({ name }, counted(page.ui, incoming))), read.said);
  else say(page, t("link_not_saved"));
}

function rescueSaved(ui, root, id, text, raw) {
  return view.renderRescue(ui, id, text, {
    download: () => download(fileName("", today(), "json", ui.t("file_saved_data")), "application/json", raw || ""),
    afresh: () => { forget(browserStorage); afresh(root, ui); },
  });
}

function nodesOf(ui, root, store) {
  const unreadable = store.problems.length
    ? rescueSaved(ui, root, "kb-sa-unreadable", ui.t("state_unreadable", { problems: store.problems.join(" ") }), store.raw) : null;
  const el = view.el;
  return {
    unreadable, notSaved: view.renderNotSaved(ui), bar: view.renderBar(ui),
    message: el("p", { "class": "kb-sa-message", role: "status", id: "kb-sa-message" }), form: view.renderForm(ui),
    results: el("section", { "class": "kb-sa-results", id: "kb-sa-results", "aria-labelledby": "kb-sa-results-h" }),
    progress: el("p", { id: "kb-sa-progress", "aria-live": "polite" }), tools: view.renderTools(ui),
    compare: el("section"), overTime: el("section"), print: el("section"), summary: el("nav"), parties: el("section"), partyEnd: el("section"),
  };
}

function mount(root, ui) {
  const store = openStore(browserStorage, ui.data, ui.t, newId);
  const page = { ui, root, store, nodes: nodesOf(ui, root, store), comparing: new Map(), span: { from: null, to: "now" }, link: "" };
  page.api = { persist, show, showPartnership, showPrint, say, downloadJson, readFile, newId, today };  // lent to the parties' part (partiespage.mjs)
  const fallback = document.querySelector(".kb-sa-fallback");
  if (fallback) fallback.hidden = true;
  const n = page.nodes;
  // The answers' box about your partnership stands above, in the page itself (also without JavaScript).
  root.replaceChildren(...[n.unreadable, n.notSaved, n.bar, n.message, n.parties, n.form, n.partyEnd, n.results, n.tools, n.compare, n.overTime, n.print, n.summary]
    .filter(Boolean));
  listen(root, page);
  view.addToContents([["kb-sa-results-h", ui.t("results")], ["kb-sa-gaps-h", ui.t("gaps")], ["kb-sa-tools-h", ui.t("tools")], ["kb-sa-compare-h", ui.t("compare")],
    ["kb-sa-time-h", ui.t("over_time")]]);
  if (store.migrated) say(page, store.migrated);
  openShareLink(page);
  showPartnership(page);
}

// Whatever saved state fails to draw, the reader learns what happened and keeps a way out.
function shown(root, ui) {
  try {
    mount(root, ui);
  } catch (e) {
    if (window.console) console.error(e);
    if (mounted.has(root)) mounted.get(root).abort();
    const problem = String((e && e.message) || e);
    root.replaceChildren(rescueSaved(ui, root, "kb-sa-broken", ui.t("mount_failed", { problem }), browserStorage.get(STORE)));
  }
}

// The tool drawn anew from what is saved, saying why (``said``: a message key).
function reread(root, ui, said) {
  shown(root, ui);
  const message = document.getElementById("kb-sa-message");
  if (message) message.textContent = ui.t(said);
}

// The tool drawn anew once the saved work is forgotten, saying so.
function afresh(root, ui) {
  reread(root, ui, "afresh_done");
}

// Another tab or window of this site saved (or forgot) the self-assessment: show what it saved,
// so that this page's next change is made to it rather than over it.
let watching = null;
function followOtherTabs(root, ui) {
  if (watching) watching.abort();
  watching = new AbortController();
  window.addEventListener("storage", (event) => {
    if (!root.isConnected) { watching.abort(); return; }  // Material's instant navigation left the page
    if (event.key === STORE || event.key === null) reread(root, ui, "changed_elsewhere");
  }, { signal: watching.signal });
}

// The page's self-assessment, drawn from the data file it links to (a no-op on any other page).
export function start() {
  const root = document.getElementById("kb-sa"), source = document.getElementById("kb-sa-data");
  if (!root || !source) return;
  const dataUrl = source.href;
  fetch(dataUrl, { credentials: "same-origin" })
    .then((r) => { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then((data) => {
      const { t, tn } = words(data.labels), ui = { data, base: new URL("../", dataUrl).href, t, tn };
      ui.compare = chosenCase(data, location.search);  // a case page's "Compare ... with this case"
      shown(root, ui);
      followOtherTabs(root, ui);
    })
    .catch((e) => { root.textContent = root.getAttribute("data-load-failed"); if (window.console) console.error(e); });
}
