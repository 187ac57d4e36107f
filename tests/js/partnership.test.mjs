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

test("inherited names are never indicator ids, in answers, plans or snapshots: dropped and said", () => {
  for (const key of INHERITED) {
    // JSON.parse keeps "__proto__" as an own key, as an imported file or saved state does.
    const answers = JSON.parse(`{"${key}": "absent", "right-partners": "absent"}`);
    const plan = JSON.parse(`{"${key}": {"action": "x"}}`);
    const snapshots = [{ date: "2024-01-01", answers }];
    for (const file of [{ ...base, answers }, { ...base, answers: {}, plan }, { ...base, answers: {}, snapshots }]) {
      const read = core.readPartnership(DATA, file, t);
      assert.ok(read.partnership, `${key}: ${JSON.stringify(read)}`);
      assert.deepEqual(core.migrationLists(read.said).dropped, [key]);
      assert.match(core.migrationText(read.said, t), new RegExp("migrated_dropped.*" + key));
      const kept = [read.partnership.answers, read.partnership.plan, ...read.partnership.snapshots.map((s) => s.answers)];
      kept.forEach((o) => assert.ok(!Object.keys(o).includes(key) && Object.getPrototypeOf(o) === Object.prototype, key));
    }
  }
  assert.equal({}.action, undefined);
});

test("inherited names are never answer levels", () => {
  for (const level of INHERITED) {
    const read = core.readPartnership(DATA, { ...base, answers: { "right-partners": level } }, t);
    assert.ok(read.problem && read.problem.startsWith("bad_answer"), level);
  }
});

test("a share link's inherited keys are refused, and nothing's prototype changes", () => {
  for (const key of INHERITED) {
    const link = core.decodeShare(DATA, share({ v: 2, a: JSON.parse(`{"${key}": "y", "right-partners": "n"}`) }), t);
    assert.deepEqual([link.partnership.answers, core.migrationLists(link.said).dropped], [{ "right-partners": "absent" }, [key]], key);
    const plan = core.decodeShare(DATA, share({ v: 2, a: {}, p: JSON.parse(`{"${key}": ["polluted", "", ""]}`) }), t);
    assert.deepEqual([plan.partnership.plan, core.migrationLists(plan.said).dropped], [{}, [key]], key);
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
  assert.deepEqual({ ...core.readState(DATA, null, t), said: null }, { profiles: [], current: null, problems: [], said: null });
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
  assert.ok(plan({ phase: "next" }).partnership);
  assert.match(plan({ phase: "someday" }).problem, /^bad_plan/);
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
  assert.equal(read({ ...base, version: 4, answers: {} }), "wrong_version3");
  assert.equal(read({ ...base, version: 3, answers: {} }), undefined);
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
    name: "Arena", answers: { "right-partners": "absent" }, reasons: {}, targets: {},
    plan: { "right-partners": { action: "Act", owner: "", due: "", phase: "" } }, snapshots: [{ date: "2024-01-01", answers: {} }],
  });
});

test("an export reads back as the same partnership, and only filled plan entries are exported", () => {
  const p = { id: "p1", name: "Arena", answers: { "right-partners": "absent", "shared-goal": "partial", "public-backing": "not_applicable" },
    reasons: { "public-backing": "A private site", "shared-goal": "not N/A any more" }, targets: { "shared-goal": "partial" },
    plan: { "right-partners": { action: "Act", owner: "", due: "2026-03-01", phase: "now" }, "shared-goal": { action: "", owner: "", due: "", phase: "" } },
    snapshots: [{ date: "2024-01-01", answers: { "right-partners": "partial" }, targets: { "right-partners": "partial" } }] };
  const file = JSON.parse(JSON.stringify(core.exported(p)));
  assert.deepEqual(Object.keys(file.plan), ["right-partners"]);
  assert.deepEqual(file.reasons, { "public-backing": "A private site" });  // a reason only for a "not applicable" answer
  const read = core.readPartnership(DATA, file, t).partnership;
  assert.deepEqual(read, { name: p.name, answers: p.answers, reasons: file.reasons, targets: p.targets,
    plan: { "right-partners": p.plan["right-partners"] }, snapshots: p.snapshots });
  assert.equal(core.hasWork(p), true);
  assert.equal(core.hasWork({ answers: {}, plan: { "shared-goal": { action: "", owner: "", due: "" } } }), false);
  assert.equal(core.hasWork({ answers: {}, plan: { "shared-goal": { owner: "Me" } } }), true);
});

test("a share link carries name, answers and plan both ways, in any script", () => {
  const p = { name: "Arène — 体育场 🏟", answers: { "right-partners": "absent", "regular-meetings": "unknown", "shared-goal": "present", "public-backing": "not_applicable" },
    reasons: { "public-backing": "Geen gemeente" }, targets: { "right-partners": "partial" },
    plan: { "right-partners": { action: "Signer « la » convention", owner: "Ana", due: "2026-01-15", phase: "later" } }, snapshots: [{ date: "2024-01-01", answers: {} }] };
  const link = core.encodeShare(p);
  assert.match(link, /^[A-Za-z0-9_-]+$/);  // base64url: nothing a URL would escape
  const back = core.decodeShare(DATA, link, t).partnership;
  // snapshots stay home
  assert.deepEqual(back, { name: p.name, answers: p.answers, reasons: p.reasons, targets: p.targets, plan: p.plan, snapshots: [] });
  // A link of version 2 (before targets and phases) still reads.
  const old = core.decodeShare(DATA, share({ v: 2, n: "Old", a: { "right-partners": "n" }, p: { "right-partners": ["Act", "Me", ""] } }), t).partnership;
  assert.deepEqual(old.plan, { "right-partners": { action: "Act", owner: "Me", due: "", phase: "" } });
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

test("not applicable is an answer; a target is Yes, Partly or No; a reason is text", () => {
  const read = (x) => core.readPartnership(DATA, { ...base, version: 3, answers: {}, ...x }, t);
  assert.ok(read({ answers: { "right-partners": "not_applicable" }, reasons: { "right-partners": "No venue" } }).partnership);
  assert.ok(read({ targets: { "right-partners": "partial" } }).partnership);
  assert.equal(read({ targets: { "right-partners": "unknown" } }).problem, "bad_target");
  assert.equal(read({ targets: { "right-partners": "toString" } }).problem, "bad_target");
  assert.equal(read({ reasons: { "right-partners": 7 } }).problem, "not_export");
  assert.equal(read({ reasons: { "right-partners": "x".repeat(core.TEXT_MAX + 1) } }).problem, "not_export");
});

// The fixture's model with indicators renamed and merged: what a later version of the model may do.
function renamedModel() {
  const data = JSON.parse(JSON.stringify(DATA));
  const network = data.criteria.find((c) => c.id === "network-and-agreements");
  const partners = network.indicators.find((i) => i.id === "right-partners");
  partners.id = "the-right-partners";
  partners.former_ids = ["right-partners", "partners-known"];
  // "regular-meetings" is merged into "signed-agreement" and no longer asked on its own.
  network.indicators = network.indicators.filter((i) => i.id !== "regular-meetings");
  network.indicators.find((i) => i.id === "signed-agreement").former_ids = ["regular-meetings"];
  return data;
}

test("a file from an older model is read under this one: renamed, merged and dropped said, nothing else lost", () => {
  const data = renamedModel();
  const file = { ...base, name: "Old", answers: { "right-partners": "absent", "signed-agreement": "partial", "regular-meetings": "absent", "gone-indicator": "present", "shared-goal": "present" },
    plan: { "right-partners": { action: "Find partners" }, "gone-indicator": { action: "lost" } },
    snapshots: [{ date: "2024-01-01", answers: { "right-partners": "unknown", "regular-meetings": "present" } }] };
  const read = core.readPartnership(data, file, t);
  assert.deepEqual(read.partnership.answers, { "the-right-partners": "absent", "signed-agreement": "partial", "shared-goal": "present" });
  assert.deepEqual(read.partnership.plan, { "the-right-partners": { action: "Find partners", owner: "", due: "", phase: "" } });
  assert.deepEqual(read.partnership.snapshots[0].answers, { "the-right-partners": "unknown", "signed-agreement": "present" });
  assert.deepEqual(core.migrationLists(read.said), {
    renamed: [["right-partners", "the-right-partners"]],
    merged: [[["signed-agreement", "regular-meetings"], "signed-agreement"]],
    dropped: ["gone-indicator"],
  });
  const line = core.migrationText(read.said, t);
  for (const word of ["migrated_renamed", "right-partners → the-right-partners", "migrated_merged", "signed-agreement + regular-meetings → signed-agreement", "migrated_dropped", "gone-indicator"]) {
    assert.ok(line.includes(word), word + " in " + line);
  }
  // A file of this model changes nothing and says nothing.
  const now = core.readPartnership(DATA, { ...base, answers: { "right-partners": "absent" } }, t);
  assert.equal(core.migrationText(now.said, t), "");
});

test("saved state and share links from an older model are migrated too", () => {
  const data = renamedModel();
  const state = core.readState(data, JSON.stringify({ profiles: [{ id: "a", name: "A", answers: { "right-partners": "present" }, plan: {}, snapshots: [] }] }), t);
  assert.deepEqual(state.profiles[0].answers, { "the-right-partners": "present" });
  assert.match(core.migrationText(state.said, t), /right-partners → the-right-partners/);
  const link = core.decodeShare(data, share({ v: 2, a: { "right-partners": "n" } }), t);
  assert.deepEqual(link.partnership.answers, { "the-right-partners": "absent" });
});

test("export all: every partnership with its snapshots in one file, read back whole", () => {
  const state = { current: "b", profiles: [
    { id: "a", name: "A", answers: { "right-partners": "absent" }, reasons: {}, targets: {}, plan: { "right-partners": { action: "x", owner: "", due: "", phase: "now" } },
      snapshots: [{ date: "2024-01-01", answers: { "right-partners": "absent" }, targets: {} }] },
    { id: "b", name: "B", answers: { "shared-goal": "not_applicable" }, reasons: { "shared-goal": "why" }, targets: { "right-partners": "partial" }, plan: {}, snapshots: [] },
  ] };
  const file = JSON.parse(JSON.stringify(core.exportedAll(state)));
  assert.equal(core.isAll(file), true);
  assert.equal(core.isAll(core.exported(state.profiles[0])), false);
  const read = core.readProfiles(DATA, file, t);
  assert.deepEqual(read.problems, []);
  assert.equal(read.current, "b");
  assert.deepEqual(read.profiles, state.profiles);
});
