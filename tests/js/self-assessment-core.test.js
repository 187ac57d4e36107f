// The self-assessment's pure logic under node (node --test tests/js/): the checks of imported,
// shared and saved partnerships, the look-ups that no inherited name passes, and the plan's
// Markdown escaping. The page's own behaviour is tested in a browser (tests/test_self_assessment.py).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

globalThis.window = {};
require(path.join(__dirname, "../../docs/assets/javascripts/self-assessment-core.js"));
const core = globalThis.window.kbSelfAssessment;

const DATA = {
  scale: [
    { id: "present", score: 2 }, { id: "partial", score: 1 }, { id: "absent", score: 0 }, { id: "unknown", score: null },
  ],
  rule: { present_at: 1.5, absent_at: 0.5 },
  criteria: [{ id: "network", indicators: [{ id: "right-partners" }, { id: "regular-meetings" }] }],
  cases: [],
};
// The words, as the page's t() gives them: the key and its parameters, so a test can name the problem.
const t = (key, params) => key + (params ? " " + JSON.stringify(params) : "");
const base = { format: core.FORMAT, version: 2 };
const INHERITED = ["constructor", "toString", "hasOwnProperty", "valueOf", "__proto__", "isPrototypeOf"];

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
  const share = (compact) => Buffer.from(JSON.stringify(compact)).toString("base64url");
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

test("Markdown text is inert: no HTML, link, image, heading or list survives", () => {
  const md = core.markdownText;
  assert.equal(md("<img src=x onerror=alert('imp')>"), "&lt;img src=x onerror=alert('imp')&gt;");
  assert.equal(md("<svg onload=alert(1)>"), "&lt;svg onload=alert(1)&gt;");
  assert.equal(md("[click](javascript:alert(1)) ![i](x)"), "\\[click\\](javascript:alert(1)) \\!\\[i\\](x)");
  assert.equal(md("a\n# Heading\n- item"), "a \\# Heading - item");
  assert.equal(md("- item"), "\\- item");
  assert.equal(md("1. first"), "1\\. first");
  assert.equal(md("Tom & Jerry *bold* _em_ `code` | ~ ^ \\"), "Tom &amp; Jerry \\*bold\\* \\_em\\_ \\`code\\` \\| \\~ \\^ \\\\");
  assert.equal(md(undefined), "");
  assert.equal(md("Put the yearly report on the council's agenda"), "Put the yearly report on the council's agenda");
});
