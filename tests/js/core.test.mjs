// The self-assessment's reckoning under node (node --test tests/js/): ratings by the export's rule,
// similarity at its boundaries, gaps in their order, and what changed between two snapshots. The
// browser tests (tests/test_self_assessment.py) check the same on the built page.
import test from "node:test";
import assert from "node:assert/strict";
import * as core from "../../docs/assets/javascripts/self-assessment/core.mjs";
import { DATA, INHERITED, every } from "./data.mjs";

const LEVELS = ["present", "partial", "absent", "unknown"];

// The rule, written out: the mean of the known scores, present from 1.5, absent up to 0.5.
function expected(ratings) {
  const scores = ratings.map((r) => ({ present: 2, partial: 1, absent: 0 })[r]).filter((s) => s !== undefined);
  if (!scores.length) return "unknown";
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  return mean >= 1.5 ? "present" : mean <= 0.5 ? "absent" : "partial";
}

function mixes(n) {
  if (!n) return [[]];
  return mixes(n - 1).flatMap((m) => LEVELS.map((l) => [...m, l]));
}

test("derive follows the export's rule on every mix of up to four answers", () => {
  const all = [1, 2, 3, 4].flatMap(mixes);
  assert.equal(all.length, 4 + 16 + 64 + 256);
  for (const mix of all) assert.equal(core.derive(DATA, mix), expected(mix), mix.join(","));
});

test("derive at the thresholds: a mean of exactly 1.5 is present, of exactly 0.5 absent", () => {
  assert.equal(core.derive(DATA, ["present", "partial"]), "present");
  assert.equal(core.derive(DATA, ["partial", "absent"]), "absent");
  assert.equal(core.derive(DATA, ["present", "absent"]), "partial");
  assert.equal(core.derive(DATA, ["unknown", "unknown"]), "unknown");
  assert.equal(core.derive(DATA, []), "unknown");
  // The thresholds come from the data file, never from the script.
  const strict = { ...DATA, rule: { ...DATA.rule, present_at: 2 } };
  assert.equal(core.derive(strict, ["present", "partial"]), "partial");
});

test("derive ignores what is no level of the scale, inherited names included", () => {
  for (const name of INHERITED) {
    assert.equal(core.derive(DATA, [name]), "unknown", name);
    assert.equal(core.derive(DATA, ["present", name]), "present", name);
  }
});

test("a profile rates each criterion from its own indicators; unanswered counts as not known", () => {
  assert.deepEqual(core.profileOf(DATA, {}), { network: "unknown", trust: "unknown" });
  assert.deepEqual(core.profileOf(DATA, { "right-partners": "present", "mutual-confidence": "absent" }), { network: "present", trust: "absent" });
});

const arena = DATA.cases[0], festival = DATA.cases[1];

test("similarity at its boundaries: the same 100%, the opposite 0%, one step apart 50%", () => {
  assert.equal(core.similarity(DATA, every("present"), arena).similarity, 1);
  assert.equal(core.similarity(DATA, every("absent"), arena).similarity, 0);
  assert.equal(core.similarity(DATA, every("partial"), arena).similarity, 0.5);
});

test("partly present on every criterion, made of Yes and No, is never more than 50% like a present case", () => {
  const mixed = { "right-partners": "absent", "regular-meetings": "present", "mutual-confidence": "absent", "shared-goal": "present", "council-reporting": "present" };
  const result = core.similarity(DATA, mixed, arena);
  assert.deepEqual(result.criteria.map((r) => r.mine), ["partial", "partial"]);
  assert.equal(result.similarity, 0.5);  // the indicators alone would say 0.5 and 0.67
});

test("similarity leaves out Don't know and what the case does not know, each with its reason", () => {
  const answers = { ...every("present"), "mutual-confidence": "unknown" };
  const result = core.similarity(DATA, answers, festival);
  assert.deepEqual(result.leftOut.map((x) => [x.indicator.id, x.reason]), [["mutual-confidence", "dont_know"], ["council-reporting", "case_unknown"]]);
  assert.equal(result.compared, 3);
  assert.deepEqual(result.criteria.map((r) => r.compared), [2, 1]);
  // network: indicators 1 and 0, capped by present against partly present (0.5); trust: 1.
  assert.equal(result.similarity, 0.75);
});

test("without answers nothing is compared, and no case ranks", () => {
  const result = core.similarity(DATA, {}, arena);
  assert.equal(result.similarity, null);
  assert.deepEqual(result.criteria.map((r) => r.similarity), [null, null]);
  assert.deepEqual(core.ranked(DATA, {}), []);
  assert.deepEqual(core.ranked(DATA, { "council-reporting": "unknown" }), []);
});

test("cases rank most similar first; a tie keeps the data's order", () => {
  assert.deepEqual(core.ranked(DATA, every("present")).map((s) => [s.kase.id, s.similarity]), [["arena", 1], ["festival", 0.75]]);
  const tie = { "mutual-confidence": "present" };
  assert.deepEqual(core.ranked(DATA, tie).map((s) => s.kase.id), ["arena", "festival"]);
  const reversed = { ...DATA, cases: [festival, arena] };
  assert.deepEqual(core.ranked(reversed, tie).map((s) => s.kase.id), ["festival", "arena"]);
});

test("gaps: No before Partly, grouped by criterion, most gaps first, then most No, then the criteria's order", () => {
  const answers = { "right-partners": "partial", "regular-meetings": "absent", "mutual-confidence": "absent", "shared-goal": "absent", "council-reporting": "present" };
  const groups = core.gaps(DATA, answers);
  assert.deepEqual(groups.map((g) => [g.criterion.id, g.items.map((i) => [i.indicator.id, i.answer])]), [
    ["trust", [["mutual-confidence", "absent"], ["shared-goal", "absent"]]],
    ["network", [["regular-meetings", "absent"], ["right-partners", "partial"]]],
  ]);
  assert.equal(core.gapCount(groups), 4);
  const even = core.gaps(DATA, { "right-partners": "absent", "mutual-confidence": "absent" });
  assert.deepEqual(even.map((g) => g.criterion.id), ["network", "trust"]);
});

test("Yes, Don't know and no answer never make a gap; all Yes is said only when every answer is Yes", () => {
  assert.deepEqual(core.gaps(DATA, every("present")), []);
  assert.deepEqual(core.gaps(DATA, every("unknown")), []);
  assert.deepEqual(core.gaps(DATA, {}), []);
  assert.equal(core.allYes(DATA, every("present")), true);
  assert.equal(core.allYes(DATA, { ...every("present"), "shared-goal": "unknown" }), false);
  assert.equal(core.allYes(DATA, {}), false);
});

test("changes: a higher score improved, a lower one slipped, Don't know on either side is no change", () => {
  const before = { "right-partners": "absent", "regular-meetings": "present", "mutual-confidence": "unknown", "shared-goal": "partial" };
  const after = { "right-partners": "partial", "regular-meetings": "absent", "mutual-confidence": "present", "shared-goal": "partial" };
  const diff = core.changes(DATA, before, after);
  assert.deepEqual(diff.improved.map((d) => [d.indicator.id, d.from, d.to]), [["right-partners", "absent", "partial"]]);
  assert.deepEqual(diff.slipped.map((d) => [d.indicator.id, d.from, d.to]), [["regular-meetings", "present", "absent"]]);
  assert.deepEqual(core.changes(DATA, {}, every("present")), { improved: [], slipped: [] });
});

test("a similarity prints as a whole percent", () => {
  assert.deepEqual([0, 0.5, 2 / 3, 0.005, 1].map(core.percent), [0, 50, 67, 1, 100]);
});
