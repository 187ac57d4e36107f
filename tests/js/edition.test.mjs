// What a person reads in the edition's own language: a count of one takes the singular (every counted
// message has the catalog's plural forms and is read with tn), and no ISO date in the printed plan,
// the snapshots or the Markdown and CSV exports of the Dutch edition (the JSON keeps ISO: it is for machines).
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { planCsv, planMarkdown } from "../../docs/assets/javascripts/self-assessment/plan.mjs";
import { readableDate } from "../../docs/assets/javascripts/self-assessment/text.mjs";
import { words } from "../../docs/assets/javascripts/self-assessment/words.mjs";
import { DATA, every, t, tn } from "./data.mjs";

const SCRIPTS = new URL("../../docs/assets/javascripts/", import.meta.url);
const sources = () => [
  ...readdirSync(SCRIPTS).filter((f) => f.endsWith(".js")).map((f) => new URL(f, SCRIPTS)),
  ...readdirSync(new URL("self-assessment/", SCRIPTS)).map((f) => new URL("self-assessment/" + f, SCRIPTS)),
].map((u) => readFileSync(u, "utf8"));

// A number the reader sees beside a noun; the messages below name a number but agree with no noun
// ("3 of 5 answered", "2 not applicable") or never see one (more than the maximum, which is over one).
const COUNTS = /\b(count|total|from_total|to_total|answered|n)\b\s*[:,}]/;
const NO_NOUN = new Set(["row_answered", "row_not_applicable", "too_many_snapshots", "too_many_profiles", "new_name", "state_profile"]);

test("every message the scripts fill with a count of things is read with its plural forms (tn), never t", () => {
  const counted = [];
  for (const text of sources()) {
    for (const m of text.matchAll(/\bt\("([a-z_]+)",\s*\{([^}]*)\}/g)) if (COUNTS.test(m[2] + "}") && !NO_NOUN.has(m[1])) counted.push(m[1]);
  }
  assert.deepEqual(counted, [], "counted with t(): " + counted.join(", "));
});

test("every script message with a count placeholder has plural forms in the catalog", () => {
  const flat = Object.entries(DATA.labels).filter(([k, v]) => typeof v === "string" && /\{(count|total|from_total)\}/.test(v) && !NO_NOUN.has(k));
  assert.deepEqual(flat.map(([k]) => k), []);
  const { tn: real } = words(DATA.labels);
  const one = real("to_target", 1, { from_met: 1, from_total: 1, to_met: 0, to_total: 1 });
  assert.ok(one.includes("1 of 1 question that applies"), one);
  assert.ok(real("gap_count", 1, { count: 1 }).startsWith("1 gap") && !real("gap_count", 1, { count: 1 }).includes("gaps"));
});

test("a date as the Dutch reader reads it; the English edition keeps ISO; what is no date stays as it is", () => {
  assert.equal(readableDate("2026-11-30", "nl"), "30 november 2026");
  assert.equal(readableDate("2026-01-05", "nl"), "5 januari 2026");
  assert.equal(readableDate("2026-11-30", "en"), "2026-11-30");
  assert.equal(readableDate("", "nl"), "");
  assert.equal(readableDate(undefined, "nl"), "");
  assert.equal(readableDate("2026-02-30", "nl"), "2026-02-30");
  assert.equal(readableDate("next spring", "nl"), "next spring");
});

const ISO = /\b\d{4}-\d{2}-\d{2}\b/;
const dutch = { ...DATA, language: "nl" };
const p = {
  id: "p", name: "Ons verband", snapshots: [], targets: {}, reasons: {},
  answers: { ...every("present"), "signed-agreement": "absent", "shared-goal": "partial" },
  plan: { "signed-agreement": { action: "Sign it", owner: "Town", due: "2026-01-15", phase: "next" } },
};

test("the Dutch plan as Markdown and CSV: no ISO date a person reads; the CSV in Dutch columns (;)", () => {
  const nlT = (key, params) => (key === "csv_separator" ? ";" : t(key, params));
  const ui = { data: dutch, base: "https://kb.example/knowledge-base/nl/", t: nlT, tn };
  const md = planMarkdown(ui, p, "2026-11-30");
  assert.ok(!ISO.test(md), md.match(ISO));
  assert.ok(md.split("\n").includes('plan_date {"date":"30 november 2026"}'), md);
  assert.ok(md.split("\n").includes("- plan_due: 15 januari 2026"), md);
  const csv = planCsv(ui, p);
  assert.ok(!ISO.test(csv), csv);
  assert.ok(csv.includes(";Sign it;Town;15 januari 2026;"), csv);
  // The English edition: ISO as the generator's prose has it, commas.
  const en = planCsv({ data: DATA, base: "https://kb.example/knowledge-base/", t, tn }, p);
  assert.ok(en.includes(",Sign it,Town,2026-01-15,"), en);
});

test("the CSV's header row names its columns without the labels' colons (\"Target\", not \"Target:\")", () => {
  const real = words(DATA.labels);
  const header = planCsv({ data: DATA, base: "https://kb.example/knowledge-base/", ...real }, p).slice(1).split("\r\n")[0].split(",");
  assert.ok(header.includes(real.t("target").replace(/[:\s]+$/, "")), header.join(","));
  assert.deepEqual(header.filter((h) => h.endsWith(":")), []);
});
