// A case page's "Compare your partnership with this case" (?compare=<case id>): the comparison
// shows the chosen case first; an id that names no assessed case chooses nothing.
import test from "node:test";
import assert from "node:assert/strict";
import { chosenCase, withChosen } from "../../docs/assets/javascripts/self-assessment/chosen.mjs";
import { ranked } from "../../docs/assets/javascripts/self-assessment/core.mjs";
import { DATA, every } from "./data.mjs";

test("the address chooses an assessed case by its id, and nothing else", () => {
  const last = DATA.cases[DATA.cases.length - 1].id;
  assert.equal(chosenCase(DATA, "?compare=" + last), last);
  assert.equal(chosenCase(DATA, "?compare=" + last + "&x=1"), last);
  assert.equal(chosenCase(DATA, "?compare=no-such-case"), null);
  assert.equal(chosenCase(DATA, ""), null);
  assert.equal(chosenCase(DATA, "?compare=<script>"), null);
});

test("the chosen case comes first, the others keep their order", () => {
  const all = ranked(DATA, every("present"));
  const last = all[all.length - 1].kase.id;
  const shown = withChosen(all, last);
  assert.equal(shown[0].kase.id, last);
  assert.deepEqual(shown.slice(1).map((s) => s.kase.id), all.slice(0, -1).map((s) => s.kase.id));
  assert.deepEqual(withChosen(all, null), all);
});
