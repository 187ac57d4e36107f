// The words the page's JSON carries: placeholders filled, plural forms chosen, and no inherited name
// taken for a word.
import test from "node:test";
import assert from "node:assert/strict";
import { words } from "../../docs/assets/javascripts/self-assessment/words.mjs";
import { DATA, INHERITED } from "./data.mjs";

const { t, tn } = words({ hello: "Hello {name}, {name}", gap_count: ["{count} gap", "{count} gaps"], plain: "x" });

test("a message's placeholders are filled, each wherever it occurs", () => {
  assert.equal(t("hello", { name: "Ana" }), "Hello Ana, Ana");
  assert.equal(t("hello"), "Hello {name}, {name}");
});

test("the plural form fits the count: one, and other for zero and many", () => {
  assert.deepEqual([0, 1, 2, 12].map((n) => tn("gap_count", n, { count: n })), ["0 gaps", "1 gap", "2 gaps", "12 gaps"]);
});

test("a missing message shows its key; an inherited name is no message", () => {
  assert.equal(t("missing"), "missing");
  assert.equal(tn("plain", 2), "plain");  // a message without plural forms is no plural
  for (const name of INHERITED) {
    assert.equal(t(name), name);
    assert.equal(tn(name, 2), name);
  }
  assert.equal(words(undefined).t("x"), "x");
});

test("the export's own words: a message with plural forms comes as [one, other], placeholders filled", () => {
  const real = words(DATA.labels);
  assert.deepEqual([1, 2].map((n) => real.tn("gap_count", n, { count: n })), ["1 gap", "2 gaps"]);
  assert.equal(real.t("lesson", { title: "Meet" }), "Lesson: Meet");
});

test("a name ending in a full stop before the message's own: one full stop", async () => {
  const { words: w } = await import("../../docs/assets/javascripts/self-assessment/words.mjs");
  const { t } = w({ sent: "Deze antwoorden zijn die van {name}. Stuur ze." });
  assert.equal(t("sent", { name: "Politie Zuid e.o." }), "Deze antwoorden zijn die van Politie Zuid e.o. Stuur ze.");
  assert.equal(t("sent", { name: "Politie" }), "Deze antwoorden zijn die van Politie. Stuur ze.");
});
