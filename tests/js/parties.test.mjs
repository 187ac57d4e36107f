// A partnership's parties under node: their answers merged, the two rules that put a question on
// the agenda (two steps apart; public against private), the consensus and its notes, and the
// parties carried by files, share links and this browser's state. The page's own behaviour is
// tested in a browser (tests/test_parties.py).
import test from "node:test";
import assert from "node:assert/strict";
import * as parties from "../../docs/assets/javascripts/self-assessment/parties.mjs";
import * as sa from "../../docs/assets/javascripts/self-assessment/partnership.mjs";
import { fromIncoming, replaceWith } from "../../docs/assets/javascripts/self-assessment/store.mjs";
import { DATA, IDS, every, t } from "./data.mjs";

const party = (id, role, answers) => ({ id, name: id, role, answers });
const ids = (list) => list.map((x) => x.indicator.id);

test("the roles are the study's kinds; public is governmental, private non-governmental, other neither", () => {
  assert.deepEqual(parties.ROLES, ["municipality", "police", "organiser", "private_security", "businesses", "national_government", "other"]);
  assert.deepEqual(parties.ROLES.map(parties.sectorOf), ["public", "public", "private", "private", "private", "public", null]);
  assert.equal(parties.sectorOf("constructor"), null);
});

test("two steps apart puts a question on the agenda; one step does not", () => {
  const ps = [
    party("a", "municipality", { "right-partners": "present", "signed-agreement": "present", "regular-meetings": "unknown" }),
    party("b", "police", { "right-partners": "absent", "signed-agreement": "partial", "regular-meetings": "present" }),
  ];
  const m = parties.merged(DATA, ps);
  assert.deepEqual(ids(m.agenda), ["right-partners"]);
  assert.equal(m.agenda[0].apart, true);
  assert.equal(m.agenda[0].sectors, null);  // both public: no split by sector
  // One step apart, and "Don't know" beside Yes: differences, but not the agenda's.
  assert.deepEqual(ids(m.other), ["signed-agreement", "regular-meetings"]);
  assert.deepEqual(m.agenda[0].answers.map((x) => x.answer), ["present", "absent"]);
});

test("public against private puts a question on the agenda, even one step apart; overlapping sides do not", () => {
  const ps = [
    party("town", "municipality", { "right-partners": "present", "shared-goal": "present", "open-information": "present" }),
    party("police", "police", { "right-partners": "present", "shared-goal": "partial", "open-information": "present" }),
    party("venue", "organiser", { "right-partners": "partial", "shared-goal": "partial", "open-information": "partial" }),
    party("guard", "private_security", { "right-partners": "partial", "shared-goal": "present", "open-information": "present" }),
  ];
  const m = parties.merged(DATA, ps);
  assert.deepEqual(ids(m.agenda), ["right-partners"]);
  assert.equal(m.agenda[0].sectors, "public_higher");
  assert.equal(m.agenda[0].apart, false);
  assert.deepEqual(ids(m.other), ["shared-goal", "open-information"]);
  // The other way round, and "other" is on neither side.
  const flipped = parties.merged(DATA, [
    party("town", "municipality", { "council-reporting": "absent" }), party("shop", "businesses", { "council-reporting": "partial" }),
    party("x", "other", { "council-reporting": "absent" }),
  ]);
  assert.equal(flipped.agenda[0].sectors, "private_higher");
  assert.equal(parties.merged(DATA, [party("x", "other", { "council-reporting": "absent" }), party("shop", "businesses", { "council-reporting": "partial" })]).agenda.length, 0);
});

test("the agenda lists both rules first, then the widest spread, then the checklist's order", () => {
  const ps = [
    party("town", "municipality", { "right-partners": "present", "public-backing": "present", "shared-goal": "present", "council-reporting": "partial" }),
    party("shop", "businesses", { "right-partners": "present", "public-backing": "absent", "shared-goal": "absent", "council-reporting": "present" }),
    party("x", "other", { "right-partners": "absent", "shared-goal": "absent" }),
  ];
  // shared-goal and public-backing: both rules (in checklist order); right-partners: two steps apart
  // only (town and shop both Yes); council-reporting: public against private only, one step.
  const m = parties.merged(DATA, ps);
  assert.deepEqual(ids(m.agenda), ["shared-goal", "public-backing", "right-partners", "council-reporting"]);
});

test("agreement: every party gave the same answer; the consensus takes it over only where it has none", () => {
  const ps = [party("a", "police", every("present")), party("b", "organiser", { ...every("present"), "shared-goal": "absent" })];
  const p = { answers: { "right-partners": "partial" }, parties: ps };
  const filled = parties.takeAgreed(DATA, p);
  assert.deepEqual(filled, IDS.filter((id) => id !== "right-partners" && id !== "shared-goal"));
  assert.equal(p.answers["right-partners"], "partial");  // its own answer is never changed
  assert.ok(!Object.hasOwn(p.answers, "shared-goal"));
  // A party that did not answer: no agreement yet.
  const silent = parties.compared(DATA, [party("a", "police", { "right-partners": "present" }), party("b", "police", {})]);
  assert.equal(silent[0].agreed, null);
  assert.deepEqual(parties.merged(DATA, []), { agenda: [], other: [], agreed: [], open: parties.compared(DATA, []) });
});

test("a party with the same name and role replaces its answers; another is added", () => {
  const p = { answers: {} }, n = { i: 0 }, newId = () => "q" + (n.i += 1);
  assert.equal(parties.addParty(p, { party: { name: "Police", role: "police" }, answers: { "right-partners": "absent" } }, newId).replaced, false);
  const again = parties.addParty(p, { party: { name: " police ", role: "police" }, answers: { "right-partners": "present" } }, newId);
  assert.equal(again.replaced, true);
  parties.addParty(p, { party: { name: "Police", role: "other" }, answers: {} }, newId);
  assert.deepEqual(p.parties.map((x) => [x.id, x.role, x.answers]), [["q1", "police", { "right-partners": "present" }], ["q2", "other", {}]]);
  parties.removeParty(p, "q1");
  assert.deepEqual(p.parties.map((x) => x.id), ["q2"]);
  parties.setNote(p, "right-partners", "Agreed after the meeting");
  parties.setConsensus(p, "right-partners", "partial");
  assert.deepEqual([p.notes, p.answers], [{ "right-partners": "Agreed after the meeting" }, { "right-partners": "partial" }]);
  parties.setConsensus(p, "right-partners", "");
  parties.setNote(p, "right-partners", "");
  assert.deepEqual([p.notes, p.answers], [{}, {}]);
});

test("a party's file and share link carry its mark; the partnership's file its parties and notes; all round-trip", () => {
  const one = { name: "Festival", answers: { "right-partners": "absent" }, plan: {}, snapshots: [], party: { name: "Festival BV", role: "organiser" } };
  const file = sa.readPartnership(DATA, JSON.parse(JSON.stringify(sa.exported(one))), t);
  assert.deepEqual(file.partnership.party, { name: "Festival BV", role: "organiser" });
  const link = sa.decodeShare(DATA, sa.encodeShare(one), t);
  assert.deepEqual([link.partnership.party, link.partnership.answers], [{ name: "Festival BV", role: "organiser" }, { "right-partners": "absent" }]);
  // Without a mark, the file and link read exactly as before.
  assert.ok(!("party" in sa.readPartnership(DATA, sa.exported({ ...one, party: undefined }), t).partnership));
  const whole = {
    id: "p1", name: "District", answers: { "right-partners": "partial" }, plan: {}, snapshots: [], notes: { "right-partners": "Police sees no covenant" },
    parties: [party("m", "municipality", { "right-partners": "present" }), party("f", "organiser", { "right-partners": "absent" })],
  };
  const back = sa.readProfiles(DATA, JSON.parse(JSON.stringify(sa.exportedAll({ current: "p1", profiles: [whole] }))), t);
  assert.deepEqual(back.problems, []);
  assert.deepEqual([back.profiles[0].parties, back.profiles[0].notes], [whole.parties, whole.notes]);
  // Kept by the store's import and restore.
  const kept = fromIncoming("x", back.profiles[0]);
  assert.deepEqual(kept.parties, whole.parties);
  const into = { ...whole, parties: [party("old", "police", {})] };
  replaceWith(into, { ...back.profiles[0], parties: undefined, notes: undefined });
  assert.ok(!("parties" in into) && !("notes" in into));
});

test("bad party marks and parties are refused; a party's answers under a former id are migrated", () => {
  const base = { format: sa.FORMAT, version: sa.VERSION, answers: {} };
  for (const bad of [{ party: { name: "x", role: "mayor" } }, { party: "police" }, { party: { name: 3, role: "police" } },
    { parties: {} }, { parties: [{ id: "a", name: "x", role: "toString", answers: {} }] },
    { parties: Array(parties.PARTIES_MAX + 1).fill({ id: "a", name: "x", role: "police", answers: {} }) }]) {
    assert.equal(sa.readPartnership(DATA, { ...base, ...bad }, t).problem, "party_bad", JSON.stringify(bad).slice(0, 80));
  }
  const badAnswer = sa.readPartnership(DATA, { ...base, parties: [{ id: "a", name: "x", role: "police", answers: { "right-partners": "maybe" } }] }, t);
  assert.match(badAnswer.problem, /^bad_answer/);
  const renamed = JSON.parse(JSON.stringify(DATA));
  renamed.criteria[0].indicators[0].former_ids = ["old-partners"];
  const read = sa.readPartnership(renamed, { ...base, parties: [{ id: "a", name: "x", role: "police", answers: { "old-partners": "absent", gone: "present" } }] }, t);
  assert.deepEqual(read.partnership.parties[0].answers, { "right-partners": "absent" });
  assert.deepEqual(sa.migrationLists(read.said), { renamed: [["old-partners", "right-partners"]], merged: [], dropped: ["gone"] });
});

test("parties added in the same millisecond get ids of their own; removing one removes exactly that one", () => {
  const p = { answers: {} }, sameMs = () => "p1";
  const read = (name, role) => ({ party: { name, role }, answers: { "right-partners": "present" } });
  const a = parties.addParty(p, read("Gemeente", "municipality"), sameMs).party;
  const b = parties.addParty(p, read("Politie", "police"), sameMs).party;
  const c = parties.addParty(p, read("Organisator", "organiser"), sameMs).party;
  assert.equal(new Set([a.id, b.id, c.id]).size, 3);
  assert.equal(parties.removeParty(p, b.id).name, "Politie");
  assert.deepEqual(p.parties.map((x) => x.name), ["Gemeente", "Organisator"]);
  // A saved state from before, with two parties of one id: read back with ids of their own.
  const saved = { format: sa.FORMAT, version: sa.VERSION, answers: {}, parties: [
    { id: "p1", name: "A", role: "police", answers: {} }, { id: "p1", name: "B", role: "organiser", answers: {} }] };
  const back = sa.readPartnership(DATA, saved, t).partnership;
  assert.notEqual(back.parties[0].id, back.parties[1].id);
  parties.removeParty(back, back.parties[1].id);
  assert.deepEqual(back.parties.map((x) => x.name), ["A"]);
});

test("a party's reasons for 'not applicable' and its targets come with it, through its file, its link and the partnership's file", () => {
  const own = { name: "", answers: { "right-partners": "not_applicable", "shared-goal": "partial" }, reasons: { "right-partners": "Geen evenement", "shared-goal": "stale" },
    targets: { "shared-goal": "partial" }, plan: {}, snapshots: [], party: { name: "Politie", role: "police" } };
  const viaFile = sa.readPartnership(DATA, JSON.parse(JSON.stringify(sa.exported(own))), t).partnership;
  const viaLink = sa.decodeShare(DATA, sa.encodeShare(own), t).partnership;
  [viaFile, viaLink].forEach((incoming) => {
    const p = { answers: {} };
    const added = parties.addParty(p, incoming, () => "x").party;
    assert.deepEqual(added.reasons, { "right-partners": "Geen evenement" });
    assert.deepEqual(added.targets, { "shared-goal": "partial" });
    const again = sa.readPartnership(DATA, JSON.parse(JSON.stringify(sa.exported(Object.assign({ name: "", reasons: {}, targets: {}, plan: {}, snapshots: [] }, p)))), t).partnership;
    assert.deepEqual(again.parties[0].reasons, { "right-partners": "Geen evenement" });
    assert.deepEqual(again.parties[0].targets, { "shared-goal": "partial" });
  });
});

test("a coordinator's own answers kept apart: the parties move to a new shared partnership, its own answers join as a party", () => {
  const p = { id: "p", name: "Town", answers: { "right-partners": "present" }, reasons: {}, targets: { "shared-goal": "partial" }, plan: {}, snapshots: [],
    party: { name: "Town council", role: "municipality" }, parties: [party("police", "police", { "right-partners": "absent" })], notes: { "right-partners": "n" } };
  const { shared, own } = parties.sharedFrom(p, "s", "Town (shared)");
  assert.deepEqual(shared.answers, {});
  assert.deepEqual(shared.parties.map((x) => x.name), ["police", "Town council"]);
  assert.deepEqual(own.answers, { "right-partners": "present" });
  assert.deepEqual(own.targets, { "shared-goal": "partial" });
  assert.deepEqual(shared.notes, { "right-partners": "n" });
  assert.equal(p.parties, undefined);
  assert.deepEqual(p.answers, { "right-partners": "present" });  // its own answers stay its own
  // Without a mark, the answers stay where they are and no party is made of them.
  const q = { answers: { "right-partners": "present" }, parties: [party("a", "police", {})] };
  assert.equal(parties.sharedFrom(q, "s2", "x").own, null);
});

test("answers taken over or decided from the parties are not the partnership's own; answers given before its first party are", () => {
  const mark = (name, role, answers) => ({ party: { name, role }, answers, reasons: {}, targets: {} });
  const p = { name: "Town", answers: {}, reasons: {}, targets: {}, plan: {}, snapshots: [] };
  parties.addParty(p, mark("a", "police", every("present")), () => "a");
  parties.addParty(p, mark("b", "organiser", every("present")), () => "b");
  parties.takeAgreed(DATA, p);
  parties.setConsensus(p, "shared-goal", "partial");
  assert.equal(p.agreed_only, true);
  // Kept through this browser's state and the file.
  const again = sa.readPartnership(DATA, JSON.parse(JSON.stringify(sa.exported(p))), t).partnership;
  assert.equal(again.agreed_only, true);
  // A coordinator who answered first: those answers are its own, and stay marked so.
  const q = { name: "Town", answers: { "right-partners": "present" }, reasons: {}, targets: {}, plan: {}, snapshots: [] };
  parties.addParty(q, mark("a", "police", every("present")), () => "a");
  assert.equal(q.agreed_only, undefined);
  assert.equal(sa.readPartnership(DATA, JSON.parse(JSON.stringify(sa.exported(q))), t).partnership.agreed_only, undefined);
  // The new shared partnership holds the parties' answers only.
  assert.equal(parties.sharedFrom(q, "s", "x").shared.agreed_only, true);
});
