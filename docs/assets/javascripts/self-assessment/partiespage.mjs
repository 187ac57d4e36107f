/* The parties' part of the page wired: what each of its controls does (PARTY_EVENTS, added to
 * self-assessment.js's event table), the merged view redrawn, a party's link or files merged.
 * `page.api` holds what self-assessment.js lends it: persist, show, say, downloadJson, readFile,
 * newId, today. Nothing is sent anywhere: files are read by the browser, links by their fragment. */
import { IMPORT_MAX, SHARE_MAX, decodeShare, encodeShare, migrationText } from "./partnership.mjs";
import { ROLES, addParty, merged, removeParty, setConsensus, setNote, sharedFrom, takeAgreed } from "./parties.mjs";
import { nameOf } from "./plan.mjs";
import { addProfile } from "./store.mjs";
import { renderAgendaPrint, renderParties, renderPartyEnd, renderPartyLink } from "./partiesview.mjs";
import { setQuestion } from "./view.mjs";

export const SHARE = "#sa=";

const origin = (page) => ({ site: page.ui.data.site || "", url: location.origin + location.pathname });

/* The parties' part and the party's send box after the questions, redrawn. Never twice at once:
 * taking a focused field out of the page can fire its change event, whose redraw would replace a
 * node this one is still replacing ("Failed to execute 'replaceWith'"). */
export function showParties(page) {
  if (page.drawingParties) return;
  page.drawingParties = true;
  try {
    const p = page.store.current(), node = renderParties(page.ui, p, merged(page.ui.data, p.parties || [])), end = renderPartyEnd(page.ui, p);
    page.nodes.parties.replaceWith(node);
    page.nodes.parties = node;
    page.nodes.partyEnd.replaceWith(end);
    page.nodes.partyEnd = end;
  } finally {
    page.drawingParties = false;
  }
}

// A redraw that keeps the focus where it was (by id: a redraw replaces the control).
function redrawn(page) {
  const id = document.activeElement && document.activeElement.id;
  page.api.show(page);
  const again = id && document.getElementById(id);
  if (again) again.focus();
}

/* One party's answers read from a file or a link ({partnership} or {problem}) added to the open
 * partnership: a line saying what happened, or the problem. */
function merge(page, read, from) {
  const { t } = page.ui;
  if (read.problem) return t("party_failed", { from, problem: read.problem });
  if (!read.partnership.party) return t("party_unmarked", { from });
  const added = addParty(page.store.current(), read.partnership, page.api.newId);
  if (!added.party) return t("party_full", { from });
  const name = { name: added.party.name || t("party_unnamed") };
  const line = added.replaced ? t("party_replaced", name) : t("party_added", name);
  return [line, migrationText(read.said, t)].filter(Boolean).join(" ");
}

function merged_(page, lines) {
  if (page.api.persist(page)) { redrawn(page); page.api.say(page, lines.join(" ")); }
  else page.api.say(page, page.ui.t("import_not_saved"));
}

function filesChosen(page, event) {
  const input = event.target, files = Array.from(input.files || []), { t } = page.ui;
  const each = files.map((file) => (file.size > IMPORT_MAX
    ? Promise.resolve({ problem: t("too_large", { max: IMPORT_MAX / 1000000 }) })
    : file.text().then((text) => page.api.readFile(page, text))).then((read) => [file.name, read]));
  Promise.all(each).then((reads) => merged_(page, reads.map(([name, read]) => merge(page, read.all ? { problem: t("party_unmarked", { from: name }) } : read, name))))
    .finally(() => { input.value = ""; });
}

// A party's share link pasted: read from its fragment, here, never opened.
function linkAdded(page) {
  const input = document.getElementById("kb-sa-party-link-in"), text = input.value.trim(), { t } = page.ui;
  const at = text.indexOf(SHARE);
  if (at < 0 || text.length > SHARE_MAX) { page.api.say(page, t("party_failed", { from: t("party_the_link"), problem: t("party_not_link") })); return; }
  const line = merge(page, decodeShare(page.ui.data, text.slice(at + SHARE.length), t), t("party_the_link"));
  input.value = "";
  merged_(page, [line]);
}

/* A party's link opened on this page: merged into the open partnership, unless this partnership
 * answers as that very party (then it is its own link, restored as any other). True when merged. */
export function partyLinkOpened(page, read) {
  const mark = read.partnership && read.partnership.party, own = page.store.current().party;
  if (!mark || (own && own.role === mark.role && own.name === mark.name)) return false;
  merged_(page, [merge(page, read, page.ui.t("party_the_link"))]);
  return true;
}

/* This device answers as one party: its name and role kept as the partnership's mark. Only the
 * role redraws (it shows or folds the send boxes); the name, saved as it is typed, only renames. */
function ownChanged(page, event) {
  const p = page.store.current(), name = document.getElementById("kb-sa-party-name").value;
  const role = document.getElementById("kb-sa-party-role").value;
  if (ROLES.includes(role)) p.party = { name, role };
  else delete p.party;
  if (!page.api.persist(page)) return;
  if (event.target.id === "kb-sa-party-role") redrawn(page);
  else document.querySelectorAll("[data-party-send]").forEach((n) => { n.textContent = page.ui.t("party_send", { name: name || page.ui.t("party_unnamed") }); });
}

function ownLink(page, event) {
  const send = event.target.closest(".kb-sa-party-send-box"), suffix = send.getAttribute("data-suffix"), box = send.querySelector(".kb-sa-share");
  const link = location.origin + location.pathname + SHARE + encodeShare(page.store.current()), { t } = page.ui;
  if (link.length > SHARE_MAX) { box.textContent = t("share_too_long", { length: link.length, max: SHARE_MAX }); return; }
  box.replaceChildren(...renderPartyLink(page.ui, link, suffix));
  box.querySelector("input").focus();
}

// The link copied; where the browser allows no clipboard, selected in its field to copy by hand.
function linkCopied(page, event) {
  const field = event.target.closest(".kb-sa-share").querySelector("input"), { t } = page.ui;
  const byHand = () => { field.focus(); field.select(); page.api.say(page, t("copy_select")); };
  if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(field.value).then(() => page.api.say(page, t("copied")), byHand);
  else byHand();
}

// The party of the button's own list item (ids are unique, but the item is what the reader sees).
function removed(page, event) {
  const p = page.store.current(), id = event.target.getAttribute("data-party-remove"), party = (p.parties || []).find((x) => x.id === id);
  const name = { name: party ? party.name || page.ui.t("party_unnamed") : "" };
  if (!party || !window.confirm(page.ui.t("party_remove_confirm", name))) return;
  removeParty(p, id);
  if (page.api.persist(page)) { redrawn(page); page.api.say(page, page.ui.t("party_removed", name)); }
}

function consensusChosen(page, event) {
  const p = page.store.current();
  setConsensus(p, event.target.getAttribute("data-consensus"), event.target.value);
  if (page.api.persist(page)) { setQuestion(page.nodes.form, p); redrawn(page); }
}

// A note only saves: a redraw would take the focus.
function noted(page, event) {
  setNote(page.store.current(), event.target.getAttribute("data-note"), event.target.value);
  page.api.persist(page);
}

function agreedTaken(page) {
  const p = page.store.current(), filled = takeAgreed(page.ui.data, p);
  if (!page.api.persist(page)) return;
  setQuestion(page.nodes.form, p);
  redrawn(page);
  page.api.say(page, page.ui.tn("party_taken", filled.length, { count: filled.length }));
}

/* The parties moved to a new shared partnership, opened: the answers given here stay this
 * partnership's own (and join the shared one as a party when it answers as one). */
function sharedMade(page) {
  const { t } = page.ui, p = page.store.current(), old = nameOf(page.ui, p);
  const { shared, own } = sharedFrom(p, page.api.newId(), t("party_shared_name", { name: old }));
  addProfile(page.store.state, shared);
  if (!page.api.persist(page)) return;
  page.api.showPartnership(page);
  const said = own ? t("party_shared_own", { party: own.name || t("party_unnamed") }) : t("party_shared_send", { name: old, shared: shared.name });
  page.api.say(page, t("party_shared_done", { name: shared.name }) + " " + said);
}

/* The agenda takes the plan's place on paper for this print only: once printed, the plan is back,
 * so the browser's own print (Ctrl+P) prints the plan again. */
export function printAgenda(page) {
  const p = page.store.current(), node = renderAgendaPrint(page.ui, p, merged(page.ui.data, p.parties || []), { date: page.api.today(), origin: origin(page) });
  page.nodes.print.replaceWith(node);
  page.nodes.print = node;
  window.addEventListener("afterprint", () => { if (page.nodes.print === node) page.api.showPrint(page); }, { once: true });
  window.print();
}

export const PARTY_EVENTS = [
  ["change", "[data-party-own]", ownChanged],
  ["input", "#kb-sa-party-name", ownChanged],
  ["click", "[data-party-export]", (page) => page.api.downloadJson(page, page.store.current())],
  ["click", "[data-party-link]", ownLink],
  ["click", "[data-party-copy]", linkCopied],
  ["change", "#kb-sa-party-files", filesChosen],
  ["click", "#kb-sa-party-link-add", linkAdded],
  ["click", "[data-party-remove]", removed],
  ["change", "[data-consensus]", consensusChosen],
  ["input", "[data-note]", noted],
  ["click", "#kb-sa-party-take", agreedTaken],
  ["click", "#kb-sa-party-shared", sharedMade],
  ["click", "#kb-sa-agenda-print", printAgenda],
];
