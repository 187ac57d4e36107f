// Your partnership as a row of the comparison page (row.mjs): its counts leave "not applicable"
// out, so the row says how many questions were answered and how many do not apply.
import test from "node:test";
import assert from "node:assert/strict";
import * as store from "../../docs/assets/javascripts/self-assessment/store.mjs";
import { yourRows } from "../../docs/assets/javascripts/self-assessment/row.mjs";
import { DATA, IDS, t } from "./data.mjs";

function storage() {
  const kept = new Map();
  return { get: (k) => (kept.has(k) ? kept.get(k) : null), set: (k, v) => { kept.set(k, v); return true; }, remove: (k) => kept.delete(k) };
}

test("a row counts the questions answered, and those that do not apply apart", () => {
  const kept = storage();
  const s = store.openStore(kept, DATA, t, () => "p1");
  const p = s.current();
  IDS.slice(0, -1).forEach((id) => store.setAnswer(p, id, "absent"));
  store.setAnswer(p, IDS[1], "not_applicable");
  s.save();
  const [row] = yourRows(DATA, kept, t);
  assert.deepEqual([row.answered, row.total, row.na], [IDS.length - 2, IDS.length, 1]);
  // The counts per rating leave out the not-applicable one; the unanswered one is counted unknown.
  assert.equal(Object.values(row.counts).reduce((a, b) => a + b, 0), IDS.length - 1);
  assert.equal(row.counts.unknown, 1);
  assert.deepEqual(row.answers, p.answers);
});
