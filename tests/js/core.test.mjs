// The self-assessment's reckoning under node (node --test tests/js/): ratings by the export's rule,
// similarity at its boundaries, gaps in their order, and what changed between two snapshots. The
// browser tests (tests/test_self_assessment.py) check the same on the built page.
import test from "node:test";
import assert from "node:assert/strict";
import * as core from "../../docs/assets/javascripts/self-assessment/core.mjs";
import { DATA, INHERITED, caseOf, every } from "./data.mjs";

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
  const unknown = { "network-and-agreements": "unknown", "trust-and-culture": "unknown", "government-link": "unknown" };
  assert.deepEqual(core.profileOf(DATA, {}), unknown);
  assert.deepEqual(core.profileOf(DATA, { "right-partners": "present", "mutual-confidence": "absent" }),
    { ...unknown, "network-and-agreements": "present", "trust-and-culture": "absent" });
});

// The fixture's assessed cases: the stadium rated present on every indicator, the festival mostly
// present with one indicator not known, the market mostly absent.
const stadium = caseOf("riverside-stadium"), festival = caseOf("harbour-lights-festival"), market = caseOf("havenplein-markt");

test("similarity at its boundaries: the same 100%, the opposite 0%, one step apart 50%", () => {
  assert.deepEqual(Object.values(stadium.indicators).filter((r) => r !== "present"), []);
  assert.equal(core.similarity(DATA, every("present"), stadium).similarity, 1);
  assert.equal(core.similarity(DATA, every("absent"), stadium).similarity, 0);
  assert.equal(core.similarity(DATA, every("partial"), stadium).similarity, 0.5);
});

test("partly present on every criterion, made of Yes and No, is never more than 50% like a present case", () => {
  const mixed = { "right-partners": "absent", "signed-agreement": "present", "regular-meetings": "present",
    "mutual-confidence": "absent", "shared-goal": "present", "open-information": "present",
    "public-backing": "absent", "council-reporting": "present" };
  const result = core.similarity(DATA, mixed, stadium);
  assert.deepEqual(result.criteria.map((r) => r.mine), ["partial", "partial", "partial"]);
  assert.equal(result.similarity, 0.5);  // the indicators alone would say 0.67, 0.67 and 0.5
});

test("similarity leaves out Don't know and what the case does not know, each with its reason", () => {
  const answers = { ...every("present"), "mutual-confidence": "unknown" };
  const result = core.similarity(DATA, answers, festival);
  assert.deepEqual(result.leftOut.map((x) => [x.indicator.id, x.reason]), [["mutual-confidence", "dont_know"], ["council-reporting", "case_unknown"]]);
  assert.equal(result.compared, 6);
  assert.deepEqual(result.criteria.map((r) => r.compared), [3, 2, 1]);
  // network: indicators 1, ½ (partly present) and 1; trust: 1 and ½; government: 1. Each criterion
  // present on both sides, so no cap.
  assert.equal(result.similarity, (5 / 6 + 3 / 4 + 1) / 3);
});

test("without answers nothing is compared, and no case ranks", () => {
  const result = core.similarity(DATA, {}, stadium);
  assert.equal(result.similarity, null);
  assert.deepEqual(result.criteria.map((r) => r.similarity), [null, null, null]);
  assert.deepEqual(core.ranked(DATA, {}), []);
  assert.deepEqual(core.ranked(DATA, { "council-reporting": "unknown" }), []);
});

test("cases rank most similar first; a tie keeps the data's order", () => {
  // The festival: network ⅚, trust ⅚, government 1 (council reporting not known); the market:
  // network and government capped at 0 (present against absent), trust ⅓ (its indicators).
  assert.deepEqual(core.ranked(DATA, every("present")).map((s) => [s.kase.id, s.similarity]),
    [[stadium.id, 1], [festival.id, (5 / 6 + 5 / 6 + 1) / 3], [market.id, (0 + 1 / 3 + 0) / 3]]);
  const tie = { "mutual-confidence": "present" };  // the stadium and the festival both have it
  assert.deepEqual(DATA.cases.map((k) => k.id), [market.id, stadium.id, festival.id]);
  assert.deepEqual(core.ranked(DATA, tie).map((s) => s.kase.id), [stadium.id, festival.id, market.id]);
  const reversed = { ...DATA, cases: [market, festival, stadium] };
  assert.deepEqual(core.ranked(reversed, tie).map((s) => s.kase.id), [festival.id, stadium.id, market.id]);
});

test("at 0% no case is the most similar: every case ties, so none resembles the partnership", () => {
  const onlyStadium = { ...DATA, cases: [stadium] };
  const answers = { "signed-agreement": "absent" };  // the stadium has a signed agreement
  assert.deepEqual(core.ranked(onlyStadium, answers).map((s) => s.similarity), [0]);
  assert.deepEqual(core.resembling(onlyStadium, answers), []);
  assert.deepEqual(core.resembling(DATA, answers).map((s) => [s.kase.id, s.similarity]),
    [[market.id, 1], [stadium.id, 0], [festival.id, 0]]);  // one resembles: the others stay listed
  assert.deepEqual(core.resembling(DATA, {}), []);
});

test("gaps: the farthest from the target first, grouped by criterion, the criterion farthest in all first", () => {
  const answers = { "right-partners": "partial", "regular-meetings": "absent", "mutual-confidence": "absent", "shared-goal": "absent", "council-reporting": "present" };
  const groups = core.gaps(DATA, answers);
  assert.deepEqual(groups.map((g) => [g.criterion.id, g.items.map((i) => [i.indicator.id, i.answer])]), [
    ["trust-and-culture", [["mutual-confidence", "absent"], ["shared-goal", "absent"]]],
    ["network-and-agreements", [["regular-meetings", "absent"], ["right-partners", "partial"]]],
  ]);
  assert.deepEqual(groups.map((g) => g.total), [4, 3]);
  assert.equal(core.gapCount(groups), 4);
  const even = core.gaps(DATA, { "right-partners": "absent", "mutual-confidence": "absent" });
  assert.deepEqual(even.map((g) => g.criterion.id), ["network-and-agreements", "trust-and-culture"]);
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

test("each level of the scale has what the scripts read: a score, a symbol, a label, a colour", () => {
  assert.deepEqual(DATA.scale.map((s) => [s.id, s.score]), [["present", 2], ["partial", 1], ["absent", 0], ["unknown", null]]);
  for (const s of DATA.scale) {
    assert.match(s.colour, /^#[0-9a-f]{6}$/, s.id);  // the profile's bars (view.mjs)
    assert.ok(s.symbol && s.label, s.id);
  }
});

const NA = core.NA;

test("not applicable is left out of the rating and of the similarity, with its reason, and makes no gap", () => {
  const answers = { ...every("present"), "council-reporting": NA };
  // The government link is rated from its other indicator alone, as if the question were not asked.
  assert.deepEqual(core.profileOf(DATA, answers), core.profileOf(DATA, { ...every("present"), "council-reporting": "unknown" }));
  assert.equal(core.derive(DATA, ["absent", NA]), "absent");
  const result = core.similarity(DATA, answers, stadium);
  assert.deepEqual(result.leftOut.map((x) => [x.indicator.id, x.reason]), [["council-reporting", "not_applicable"]]);
  assert.equal(result.similarity, 1);
  assert.deepEqual(core.gaps(DATA, { "council-reporting": NA }), []);
  assert.deepEqual(core.changes(DATA, { "council-reporting": "absent" }, { "council-reporting": NA }), { improved: [], slipped: [] });
});

test("a target moves the gaps: at or above it is no gap, and the distance is to the target", () => {
  const answers = { "right-partners": "partial", "signed-agreement": "absent", "shared-goal": "absent" };
  assert.equal(core.gapCount(core.gaps(DATA, answers)), 3);
  const targets = { "right-partners": "partial", "signed-agreement": "partial", "shared-goal": "absent" };
  const groups = core.gaps(DATA, answers, targets);
  assert.deepEqual(groups.flatMap((g) => g.items.map((i) => [i.indicator.id, i.target, i.distance])), [["signed-agreement", "partial", 1]]);
  assert.equal(core.targetOf({ x: "toString" }, "x"), "present");  // what is no target counts as Yes
  assert.equal(core.distance(DATA, "absent", "present"), 2);
  assert.equal(core.distance(DATA, "present", "partial"), 0);
  assert.equal(core.distance(DATA, "unknown", "present"), 0);
});

test("progress against the target counts the questions that apply at or above their target", () => {
  const answers = { ...every("absent"), "right-partners": "partial", "council-reporting": NA };
  assert.deepEqual(core.atTarget(DATA, answers, {}), { met: 0, total: 7 });
  assert.deepEqual(core.atTarget(DATA, answers, { "right-partners": "partial", "shared-goal": "absent" }), { met: 2, total: 7 });
});

test("most answers No: more than MOST_NO of the questions that apply", () => {
  const ids = Object.keys(every("absent"));
  const no = (n, rest) => Object.fromEntries(ids.map((id, k) => [id, k < n ? "absent" : rest]));
  assert.equal(core.MOST_NO, 0.5);
  assert.equal(core.mostlyNo(DATA, no(4, "present")), false);  // 4 of 8: half is not most
  assert.equal(core.mostlyNo(DATA, no(5, "present")), true);
  assert.equal(core.mostlyNo(DATA, no(4, NA)), true);  // 4 of the 4 that apply
  assert.equal(core.mostlyNo(DATA, {}), false);
});

// A model with a step-by-step path (data.steps, as the knowledge base exports it when it has one).
const withPath = { ...DATA, steps: [
  { id: "goal", title: "Agree the goal", indicators: ["shared-goal", "public-backing"], lessons: [] },
  { id: "table", title: "Get the partners together", indicators: ["right-partners", "shared-goal"], lessons: [] },
] };

test("start order: mostly No follows the step-by-step path, then the checklist; without a path the checklist", () => {
  const answers = every("absent");
  const path = core.startOrder(withPath, answers, {});
  assert.equal(path.mode, "path");
  assert.deepEqual(path.items.map((x) => x.indicator.id).slice(0, 3), ["shared-goal", "public-backing", "right-partners"]);
  assert.deepEqual(path.items.map((x) => x.step && x.step.id).slice(0, 4), ["goal", "goal", "table", undefined]);
  assert.deepEqual(path.items.map((x) => x.indicator.id).slice(3), ["signed-agreement", "regular-meetings", "mutual-confidence", "open-information", "council-reporting"]);
  const { steps, ...withoutPath } = DATA;  // the fixture's export has a path: leave it out
  assert.ok(steps.length > 0);
  const plain = core.startOrder(withoutPath, answers, {});
  assert.equal(plain.mode, "checklist");
  assert.deepEqual(plain.items.map((x) => x.indicator.id), Object.keys(every("absent")));
  assert.equal(core.startOrder({ ...DATA, steps: [] }, answers, {}).mode, "checklist");
});

test("start order otherwise: worst first by the distance to the target, then the checklist", () => {
  const answers = { ...every("present"), "shared-goal": "partial", "council-reporting": "absent", "right-partners": "partial" };
  const worst = core.startOrder(withPath, answers, {});
  assert.equal(worst.mode, "worst");
  assert.deepEqual(worst.items.map((x) => [x.indicator.id, x.distance]), [["council-reporting", 2], ["right-partners", 1], ["shared-goal", 1]]);
  // A lower target for council reporting brings it level with the others.
  const aimed = core.startOrder(withPath, answers, { "council-reporting": "partial" });
  assert.deepEqual(aimed.items.map((x) => x.indicator.id), ["right-partners", "shared-goal", "council-reporting"]);
});

test("Don't know answers are what to find out, in checklist order", () => {
  const answers = { "shared-goal": "unknown", "right-partners": "unknown", "signed-agreement": "absent" };
  assert.deepEqual(core.toFindOut(DATA, answers).map((x) => [x.indicator.id, x.criterion.id]),
    [["right-partners", "network-and-agreements"], ["shared-goal", "trust-and-culture"]]);
});
