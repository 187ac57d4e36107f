/* The partnerships kept in this browser: loaded once, each checked as an import is; saved after
 * every change; and when the browser refuses a save (its quota full, storage turned off), the
 * change undone, so that what the page shows is what is kept. `storage` is {get, set, remove}:
 * localStorage in the page (browserStorage), a Map in the tests. */
import { FORMAT, VERSION, answersOfVersion1, exported, hasWork, migrationText, readState } from "./partnership.mjs";
import { partyPartsOf } from "./parties.mjs";

export const STORE = "ppc-kb-self-assessment-v2";
export const OLD_STORE = "ppc-kb-self-assessment-v1";  // answers only, before partnerships and plans

// localStorage, where a refusal (storage turned off, quota full) is an answer, never an exception.
export const browserStorage = {
  get(key) { try { return localStorage.getItem(key); } catch (e) { return null; } },
  set(key, text) { try { localStorage.setItem(key, text); return true; } catch (e) { return false; } },
  remove(key) { try { localStorage.removeItem(key); } catch (e) { /* nothing to remove */ } },
};

export function blank(id) {
  return { id, name: "", answers: {}, reasons: {}, targets: {}, plan: {}, snapshots: [] };
}

export function serialized(state) {
  return JSON.stringify({ format: FORMAT, version: VERSION, current: state.current, profiles: state.profiles });
}

/* What storage holds, read: the readable partnerships, or one new partnership with the first
 * version's answers; what could not be read, and the raw text to rescue (null when all was read). */
function loaded(storage, data, t, newId) {
  const raw = storage.get(STORE), read = readState(data, raw, t);
  const rescue = read.problems.length ? raw : null;
  if (read.profiles.length) {
    return { state: { current: read.current, profiles: read.profiles }, problems: read.problems, raw: rescue, migrated: migrationText(read.said, t) };
  }
  const first = blank(newId());
  first.answers = answersOfVersion1(data, storage.get(OLD_STORE), t);
  return { state: { current: first.id, profiles: [first] }, problems: read.problems, raw: rescue, migrated: "" };
}

export function openStore(storage, data, t, newId) {
  const read = loaded(storage, data, t, newId);
  let state = read.state;
  let kept = serialized(state);  // what storage holds (or will, once saved): a refused save returns to it
  let seen = storage.get(STORE);  // storage's text as this page last read or wrote it
  return {
    problems: read.problems,
    raw: read.raw,
    migrated: read.migrated,  // what reading the saved work under this model changed, said once
    get state() { return state; },
    current() { return state.profiles.find((p) => p.id === state.current); },
    /* True when saved. False when refused, with state back as last kept and `unsaved` the export
     * meant; or, with `elsewhere` set, when another tab or window saved since this page read:
     * writing over it would lose that work, so nothing is written and the page reads it anew. */
    save() {
      this.elsewhere = storage.get(STORE) !== seen;
      if (this.elsewhere) return false;
      const text = serialized(state);
      if (storage.set(STORE, text)) { storage.remove(OLD_STORE); kept = text; seen = text; this.unsaved = null; return true; }
      this.unsaved = exported(this.current());
      const back = JSON.parse(kept);
      state = { current: back.current, profiles: back.profiles };
      return false;
    },
    unsaved: null,
    elsewhere: false,
  };
}

// Saved work forgotten, for a fresh start.
export function forget(storage) {
  storage.remove(STORE);
  storage.remove(OLD_STORE);
}

// The changes the page makes to the state (saved by the caller).
export function addProfile(state, profile) {
  state.profiles.push(profile);
  state.current = profile.id;
}

export function deleteCurrent(state) {
  if (state.profiles.length < 2) return false;
  state.profiles = state.profiles.filter((q) => q.id !== state.current);
  state.current = state.profiles[0].id;
  return true;
}

// An import into the current partnership: its name when it has one, its snapshots when it has any.
export function replaceWith(p, incoming) {
  p.name = incoming.name || p.name;
  p.answers = incoming.answers;
  p.reasons = incoming.reasons || {};
  p.targets = incoming.targets || {};
  p.plan = incoming.plan;
  if (incoming.snapshots && incoming.snapshots.length) p.snapshots = incoming.snapshots;
  ["parties", "notes", "party"].forEach((k) => { delete p[k]; });
  Object.assign(p, partyPartsOf(incoming));
}

export function fromIncoming(id, incoming) {
  return {
    id, name: incoming.name, answers: incoming.answers, reasons: incoming.reasons || {}, targets: incoming.targets || {},
    plan: incoming.plan, snapshots: incoming.snapshots || [], ...partyPartsOf(incoming),
  };
}

/* An "export all" file restored: its partnerships added beside those kept here (an untouched
 * blank one replaced), with ids of their own, the file's current one opened. */
export function restoreAll(state, incoming, newId) {
  const fresh = incoming.profiles.map((p, n) => fromIncoming(newId() + "-" + n, p));
  if (state.profiles.length === 1 && !hasWork(state.profiles[0]) && !state.profiles[0].snapshots.length) state.profiles = [];
  const open = incoming.profiles.findIndex((p) => p.id === incoming.current);
  state.profiles.push(...fresh);
  state.current = fresh[Math.max(0, open)].id;
}

// Today's answers as a snapshot, replacing one of the same day; snapshots kept in date order.
export function takeSnapshot(p, date) {
  p.snapshots = p.snapshots.filter((s) => s.date !== date);
  p.snapshots.push({ date, answers: Object.assign({}, p.answers), targets: Object.assign({}, p.targets || {}) });
  p.snapshots.sort((a, b) => (a.date < b.date ? -1 : 1));
}

export function setPlanField(p, id, field, value) {
  p.plan[id] = p.plan[id] || { action: "", owner: "", due: "", phase: "" };
  p.plan[id][field] = value;
}

export function setAnswer(p, id, value) {
  p.answers[id] = value;
}

// A target per question; Yes (the default) is kept as no entry.
export function setTarget(p, id, value) {
  p.targets = p.targets || {};
  if (value === "present") delete p.targets[id];
  else p.targets[id] = value;
}

export function setReason(p, id, text) {
  p.reasons = p.reasons || {};
  if (text) p.reasons[id] = text;
  else delete p.reasons[id];
}
