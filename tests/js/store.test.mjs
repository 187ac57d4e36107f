// The saved state under node, with a storage that can refuse like a full browser's: what is loaded,
// what a refused save undoes, and the first version's answers taken over.
import test from "node:test";
import assert from "node:assert/strict";
import * as store from "../../docs/assets/javascripts/self-assessment/store.mjs";
import { FORMAT } from "../../docs/assets/javascripts/self-assessment/partnership.mjs";
import { DATA, t } from "./data.mjs";

function storage(initial = {}) {
  const kept = new Map(Object.entries(initial));
  return {
    kept, full: false,
    get(key) { return kept.has(key) ? kept.get(key) : null; },
    set(key, text) { if (this.full) return false; kept.set(key, text); return true; },
    remove(key) { kept.delete(key); },
  };
}
let n = 0;
const newId = () => "new" + (n += 1);

test("nothing saved: one empty partnership, no problem", () => {
  const s = store.openStore(storage(), DATA, t, newId);
  assert.equal(s.state.profiles.length, 1);
  assert.deepEqual(s.current(), { id: s.state.current, name: "", answers: {}, reasons: {}, targets: {}, plan: {}, snapshots: [] });
  assert.deepEqual([s.problems, s.raw], [[], null]);
});

test("the first version's answers are taken over, and its key goes once the new state is saved", () => {
  const kept = storage({ [store.OLD_STORE]: JSON.stringify({ answers: { "right-partners": "absent" } }) });
  const s = store.openStore(kept, DATA, t, newId);
  assert.deepEqual(s.current().answers, { "right-partners": "absent" });
  assert.equal(s.save(), true);
  assert.equal(kept.get(store.OLD_STORE), null);
  assert.equal(JSON.parse(kept.get(store.STORE)).format, FORMAT);
});

test("saved state is read back as it was saved", () => {
  const kept = storage();
  const s = store.openStore(kept, DATA, t, newId);
  s.current().answers["shared-goal"] = "partial";
  store.addProfile(s.state, store.blank("second"));
  store.setPlanField(s.current(), "right-partners", "owner", "Ana");
  store.takeSnapshot(s.current(), "2024-05-01");
  assert.ok(s.save());
  const again = store.openStore(kept, DATA, t, newId);
  assert.deepEqual(again.state, JSON.parse(JSON.stringify(s.state)));
  assert.equal(again.current().id, "second");
});

test("a refused save undoes the change and keeps what was meant for export", () => {
  const kept = storage();
  const s = store.openStore(kept, DATA, t, newId);
  s.current().name = "Arena";
  assert.ok(s.save());
  kept.full = true;
  s.current().answers["right-partners"] = "present";
  assert.equal(s.save(), false);
  assert.deepEqual(s.current().answers, {});  // what is shown is what is kept
  assert.deepEqual(s.unsaved.answers, { "right-partners": "present" });
  assert.equal(s.unsaved.name, "Arena");
  kept.full = false;
  assert.ok(s.save());
  assert.equal(s.unsaved, null);
});

test("unreadable saved state is reported with its raw text, and forgetting it removes both keys", () => {
  const kept = storage({ [store.STORE]: "{not json", [store.OLD_STORE]: "{}" });
  const s = store.openStore(kept, DATA, t, newId);
  assert.deepEqual([s.problems, s.raw], [["state_bad"], "{not json"]);
  assert.equal(s.state.profiles.length, 1);  // a fresh partnership to go on with
  store.forget(kept);
  assert.equal(kept.kept.size, 0);
});

test("partnerships: one is never deleted alone; an import keeps the name and snapshots it lacks", () => {
  const state = { current: "a", profiles: [store.blank("a")] };
  assert.equal(store.deleteCurrent(state), false);
  store.addProfile(state, store.fromIncoming("b", { name: "B", answers: { "shared-goal": "absent" }, plan: {} }));
  assert.deepEqual(state.profiles[1].snapshots, []);
  assert.equal(store.deleteCurrent(state), true);
  assert.deepEqual([state.current, state.profiles.length], ["a", 1]);
  const p = { ...store.blank("a"), name: "Kept", snapshots: [{ date: "2024-01-01", answers: {} }] };
  store.replaceWith(p, { name: "", answers: { "shared-goal": "present" }, plan: {}, snapshots: [] });
  assert.deepEqual([p.name, p.answers, p.snapshots.length], ["Kept", { "shared-goal": "present" }, 1]);
});

test("a snapshot a day, kept in date order", () => {
  const p = { ...store.blank("a"), answers: { "shared-goal": "absent" }, snapshots: [{ date: "2024-06-01", answers: {} }] };
  store.takeSnapshot(p, "2024-01-01");
  p.answers["shared-goal"] = "present";
  store.takeSnapshot(p, "2024-01-01");
  // Each snapshot keeps the targets it was taken with: progress is measured against them.
  assert.deepEqual(p.snapshots, [{ date: "2024-01-01", answers: { "shared-goal": "present" }, targets: {} }, { date: "2024-06-01", answers: {} }]);
  p.answers["shared-goal"] = "partial";
  assert.equal(p.snapshots[0].answers["shared-goal"], "present");  // a copy, not today's answers
});

test("a save never writes over what another tab saved since this page read", () => {
  const kept = storage();
  const here = store.openStore(kept, DATA, t, newId);
  const there = store.openStore(kept, DATA, t, newId);
  there.current().answers["right-partners"] = "absent";
  assert.equal(there.save(), true);
  here.current().answers["shared-goal"] = "partial";
  assert.equal(here.save(), false);
  assert.equal(here.elsewhere, true);
  assert.equal(here.unsaved, null);  // not a full storage: nothing for the reader to export
  assert.deepEqual(JSON.parse(kept.get(store.STORE)).profiles[0].answers, { "right-partners": "absent" });
  const reread = store.openStore(kept, DATA, t, newId);  // what the page does next
  reread.current().answers["shared-goal"] = "partial";
  assert.equal(reread.save(), true);
  assert.equal(reread.elsewhere, false);
});

test("export all restores beside what is kept, an untouched blank partnership replaced, the file's current one open", () => {
  let n = 0;
  const ids = () => "n" + (n += 1);
  const state = { current: "a", profiles: [store.blank("a")] };
  const incoming = { current: "y", profiles: [{ ...store.blank("x"), name: "X" }, { ...store.blank("y"), name: "Y", answers: { "shared-goal": "absent" } }] };
  store.restoreAll(state, incoming, ids);
  assert.deepEqual(state.profiles.map((p) => p.name), ["X", "Y"]);
  assert.equal(state.profiles.find((p) => p.id === state.current).name, "Y");
  const kept = { current: "k", profiles: [{ ...store.blank("k"), answers: { "shared-goal": "present" } }] };
  store.restoreAll(kept, incoming, ids);
  assert.deepEqual(kept.profiles.map((p) => p.name), ["", "X", "Y"]);
  assert.equal(new Set(kept.profiles.map((p) => p.id)).size, 3);
});

test("a target of Yes is no entry; a reason is kept while given", () => {
  const p = store.blank("a");
  store.setTarget(p, "shared-goal", "partial");
  store.setTarget(p, "right-partners", "present");
  assert.deepEqual(p.targets, { "shared-goal": "partial" });
  store.setReason(p, "shared-goal", "why");
  store.setReason(p, "right-partners", "");
  assert.deepEqual(p.reasons, { "shared-goal": "why" });
});
