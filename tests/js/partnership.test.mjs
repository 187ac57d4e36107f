// The checks of imported, shared and saved partnerships under node (node --test tests/js/): the
// look-ups no inherited name passes, the limits at their boundaries, the share link both ways and
// the first version's answers. The page's own behaviour is tested in a browser
// (tests/test_self_assessment.py).
import test from "node:test";
import assert from "node:assert/strict";
import * as core from "../../docs/assets/javascripts/self-assessment/partnership.mjs";
import { DATA, INHERITED, t } from "./data.mjs";

const base = { format: core.FORMAT, version: 2 };
const share = (compact) => Buffer.from(JSON.stringify(compact)).toString("base64url");

test("inherited names are never indicator ids, in answers, plans or snapshots", () => {
  for (const key of INHERITED) {
    // JSON.parse keeps "__proto__" as an own key, as an imported file or saved state does.
    const answers = JSON.parse(`{"${key}": "absent", "right-partners": "absent"}`);
    const plan = JSON.parse(`{"${key}": {"action": "x"}}`);
    const snapshots = [{ date: "2024-01-01", answers }];
    for (const file of [{ ...base, answers }, { ...base, answers: {}, plan }, { ...base, answers: {}, snapshots }]) {
      const read = core.readPartnership(DATA, file, t);
      assert.ok(read.problem && read.problem.startsWith("unknown_indicator"), `${key}: ${JSON.stringify(read)}`);
    }
  }
});

test("inherited names are never answer levels", () => {
  for (const level of INHERITED) {
    const read = core.readPartnership(DATA, { ...base, answers: { "right-partners": level } }, t);
    assert.ok(read.problem && read.problem.startsWith("bad_answer"), level);
  }
});

test("a share link's inherited keys are refused, and nothing's prototype changes", () => {
  for (const key of INHERITED) {
    const link = share({ v: 2, a: JSON.parse(`{"${key}": "y", "right-partners": "n"}`) });
    assert.match(core.decodeShare(DATA, link, t).problem, /^unknown_indicator/, key);
    const plan = share({ v: 2, a: {}, p: JSON.parse(`{"${key}": ["polluted", "", ""]}`) });
    assert.match(core.decodeShare(DATA, plan, t).problem, /^unknown_indicator/, key);
  }
  assert.equal({}.action, undefined);
  const ok = core.decodeShare(DATA, share({ v: 2, n: "A", a: { "right-partners": "n" }, p: { "right-partners": ["Act", "", ""] } }), t);
  assert.deepEqual(ok.partnership.answers, { "right-partners": "absent" });
  assert.equal(Object.getPrototypeOf(ok.partnership.plan), Object.prototype);
  assert.deepEqual(Object.keys(ok.partnership.plan), ["right-partners"]);
});

test("snapshots are capped", () => {
  const snapshot = { date: "2024-01-01", answers: {} };
  const at = (n) => core.readPartnership(DATA, { ...base, answers: {}, snapshots: Array(n).fill(snapshot) }, t);
  assert.ok(at(core.SNAPSHOTS_MAX).partnership);
  assert.match(at(core.SNAPSHOTS_MAX + 1).problem, /^too_many_snapshots/);
});

test("saved state: the readable profiles are kept, each bad one is named, odd ids are kept as text", () => {
  const good = { id: 'x"]\'', name: "Arena", answers: { "right-partners": "present" }, plan: {}, snapshots: [] };
  const state = JSON.stringify({
    current: "gone",
    profiles: [
      good,
      { id: "b", name: "Null answers", answers: null, plan: {}, snapshots: [] },
      { id: "c", answers: {}, plan: {}, snapshots: [{ date: "2024-01-01" }] },
      "not a profile",
      { id: 'x"]\'', answers: {}, plan: {}, snapshots: [] },
    ],
  });
  const read = core.readState(DATA, state, t);
  assert.deepEqual(read.profiles.map((p) => p.name), ["Arena", ""]);
  assert.equal(read.profiles[0].id, 'x"]\'');
  assert.notEqual(read.profiles[1].id, 'x"]\'');  // a repeated id is given anew
  assert.equal(read.current, 'x"]\'');
  assert.deepEqual(read.problems.map((p) => JSON.parse(p.slice(p.indexOf(" ") + 1)).n), [2, 3, 4]);
  assert.match(read.problems[0], /no_answers/);
});

test("saved state that is not JSON or not the tool's shape is reported; nothing saved is no problem", () => {
  assert.deepEqual(core.readState(DATA, null, t), { profiles: [], current: null, problems: [] });
  for (const text of ["{not json", '{"profiles": "x"}', "null", "[]"]) {
    const read = core.readState(DATA, text, t);
    assert.deepEqual([read.profiles, read.problems], [[], ["state_bad"]], text);
  }
});

test("plan entries and snapshot dates at their limits", () => {
  const plan = (entry) => core.readPartnership(DATA, { ...base, answers: {}, plan: { "right-partners": entry } }, t);
  assert.ok(plan({ action: "x".repeat(core.TEXT_MAX) }).partnership);
  assert.match(plan({ action: "x".repeat(core.TEXT_MAX + 1) }).problem, /^bad_plan/);
  assert.match(plan({ owner: 3 }).problem, /^bad_plan/);
  assert.match(plan("text").problem, /^bad_plan/);
  assert.ok(plan({ due: "2026-01-31" }).partnership);
  assert.ok(plan({ due: "" }).partnership);  // a date field left empty
  assert.match(plan({ due: "31-01-2026" }).problem, /^bad_plan/);
  assert.match(core.readPartnership(DATA, { ...base, answers: {}, plan: [] }, t).problem, /^bad_plan {"id":"plan"}/);
  const snapshot = (s) => core.readPartnership(DATA, { ...base, answers: {}, snapshots: [s] }, t);
  assert.ok(snapshot({ date: "2024-02-29", answers: {} }).partnership);
  assert.equal(snapshot({ date: "2024-2-29", answers: {} }).problem, "not_export");
  assert.equal(snapshot({ date: "2024-02-29" }).problem, "not_export");
});

test("the file's head: format, version, answers and name are checked first", () => {
  const read = (x) => core.readPartnership(DATA, x, t).problem;
  assert.equal(read(null), "not_export");
  assert.equal(read([]), "not_export");
  assert.match(read({ format: "other", version: 2, answers: {} }), /^wrong_format/);
  assert.equal(read({ ...base, version: 3, answers: {} }), "wrong_version2");
  assert.equal(read({ ...base, version: 1, answers: {} }), undefined);
  assert.equal(read({ ...base, answers: [] }), "no_answers");
  assert.equal(read({ ...base, answers: {}, name: "x".repeat(core.NAME_MAX) }), undefined);
  assert.equal(read({ ...base, answers: {}, name: "x".repeat(core.NAME_MAX + 1) }), "not_export");
  assert.equal(read({ ...base, answers: {}, name: 7 }), "not_export");
});

test("a partnership read keeps only what passed, on plain objects, with empty plan fields filled in", () => {
  const read = core.readPartnership(DATA, { ...base, name: "Arena", answers: { "right-partners": "absent" },
    plan: { "right-partners": { action: "Act", extra: "dropped" } }, snapshots: [{ date: "2024-01-01", answers: {}, extra: 1 }], extra: 1 }, t);
  assert.deepEqual(read.partnership, {
    name: "Arena", answers: { "right-partners": "absent" },
    plan: { "right-partners": { action: "Act", owner: "", due: "" } }, snapshots: [{ date: "2024-01-01", answers: {} }],
  });
});

test("an export reads back as the same partnership, and only filled plan entries are exported", () => {
  const p = { id: "p1", name: "Arena", answers: { "right-partners": "absent", "shared-goal": "partial" },
    plan: { "right-partners": { action: "Act", owner: "", due: "2026-03-01" }, "shared-goal": { action: "", owner: "", due: "" } },
    snapshots: [{ date: "2024-01-01", answers: { "right-partners": "partial" } }] };
  const file = JSON.parse(JSON.stringify(core.exported(p)));
  assert.deepEqual(Object.keys(file.plan), ["right-partners"]);
  const read = core.readPartnership(DATA, file, t).partnership;
  assert.deepEqual(read, { name: p.name, answers: p.answers, plan: { "right-partners": p.plan["right-partners"] }, snapshots: p.snapshots });
  assert.equal(core.hasWork(p), true);
  assert.equal(core.hasWork({ answers: {}, plan: { "shared-goal": { action: "", owner: "", due: "" } } }), false);
  assert.equal(core.hasWork({ answers: {}, plan: { "shared-goal": { owner: "Me" } } }), true);
});

test("a share link carries name, answers and plan both ways, in any script", () => {
  const p = { name: "Arène — 体育场 🏟", answers: { "right-partners": "absent", "regular-meetings": "unknown", "shared-goal": "present" },
    plan: { "right-partners": { action: "Signer « la » convention", owner: "Ana", due: "2026-01-15" } }, snapshots: [{ date: "2024-01-01", answers: {} }] };
  const link = core.encodeShare(p);
  assert.match(link, /^[A-Za-z0-9_-]+$/);  // base64url: nothing a URL would escape
  const back = core.decodeShare(DATA, link, t).partnership;
  assert.deepEqual(back, { name: p.name, answers: p.answers, plan: p.plan, snapshots: [] });  // snapshots stay home
});

test("a broken share link says so and changes nothing", () => {
  assert.equal(core.decodeShare(DATA, "%%%", t).problem, "not_json");
  assert.equal(core.decodeShare(DATA, Buffer.from("not json").toString("base64url"), t).problem, "not_json");
  assert.equal(core.decodeShare(DATA, Buffer.from([0xff, 0xfe]).toString("base64url"), t).problem, "not_json");  // no UTF-8
  for (const compact of [[], { v: 1, a: {} }, { v: 2 }, { v: 2, a: [] }, { v: 2, a: {}, p: [] }]) {
    assert.equal(core.decodeShare(DATA, share(compact), t).problem, "not_export", JSON.stringify(compact));
  }
  assert.match(core.decodeShare(DATA, share({ v: 2, a: { "right-partners": "maybe" } }), t).problem, /^bad_answer/);
  assert.match(core.decodeShare(DATA, share({ v: 2, a: {}, p: { "right-partners": ["x", "", "soon"] } }), t).problem, /^bad_plan/);
});

test("the first version's answers become the first partnership's; anything else is dropped", () => {
  const v1 = JSON.stringify({ answers: { "right-partners": "present" } });
  assert.deepEqual(core.answersOfVersion1(DATA, v1, t), { "right-partners": "present" });
  for (const text of [null, "", "{not json", "[]", "7", '{"answers": {"gone": "present"}}', '{"answers": {"right-partners": "toString"}}']) {
    assert.deepEqual(core.answersOfVersion1(DATA, text, t), {}, String(text));
  }
});
