// The action plan as Markdown and CSV: in order of the gaps, every text inert, every cell safe.
import test from "node:test";
import assert from "node:assert/strict";
import { planCsv, planMarkdown } from "../../docs/assets/javascripts/self-assessment/plan.mjs";
import { words } from "../../docs/assets/javascripts/self-assessment/words.mjs";
import { DATA, every, t, tn } from "./data.mjs";

const ui = { data: DATA, base: "https://kb.example/knowledge-base/", t, tn };
const hostile = {
  id: "p", name: "<img src=x onerror=alert(1)> [x](javascript:alert(1))", snapshots: [],
  answers: { ...every("present"), "signed-agreement": "absent", "shared-goal": "partial", "open-information": "unknown", "council-reporting": "not_applicable" },
  reasons: { "council-reporting": "Not our council" }, targets: {},
  plan: { "signed-agreement": { action: "# Heading\n- item", owner: "=HYPERLINK(\"http://e.x\")", due: "2026-01-15", phase: "next" } },
};

test("the Markdown plan: the gaps in order, each with its fields and lessons, nothing active", () => {
  const md = planMarkdown(ui, hostile, "2026-01-01");
  const lines = md.split("\n");
  assert.equal(lines[0], '# plan_for {"name":"&lt;img src=x onerror=alert(1)&gt; \\\\[x\\\\](javascript:alert(1))"}');
  assert.ok(lines.includes('plan_date {"date":"2026-01-01"}'));
  // Worst first: No (two steps from Yes) before Partly; "not applicable" and "Don't know" listed after the gaps.
  assert.deepEqual(lines.filter((l) => l.startsWith("### ")).map((l) => l.slice(4, l.indexOf(" ("))), ["A signed agreement", "One shared goal"]);
  assert.ok(lines.includes("start_worst " + JSON.stringify({ share: 50 })));
  // Before the gaps and their "What 'Yes' looks like": those are this knowledge base's yardsticks, not the study's.
  assert.ok(lines.indexOf("own_yardsticks") > 0 && lines.indexOf("own_yardsticks") < lines.findIndex((l) => l.startsWith("### ")));
  assert.ok(lines.includes("- plan_phase: phase_next"));
  assert.ok(lines.includes("- plan_phase: "));  // no phase chosen: empty, like an empty action (read 9, F9)
  assert.ok(!lines.some((l) => l.includes("phase_none")));
  // Every heading one level below the one above it: the gaps (###) under their own "##".
  assert.deepEqual(lines.filter((l) => l.startsWith("## ")), ["## gaps", "## find_out", "## na_list"]);
  assert.ok(lines.indexOf("## gaps") < lines.findIndex((l) => l.startsWith("### ")));
  assert.ok(lines.includes("- Reporting to the council: Not our council"), lines.join("\n"));
  assert.ok(lines.some((l) => l.startsWith("- Information about the threat (Trust and culture): ")));
  assert.ok(lines.includes("- plan_action: \\# Heading - item"));
  assert.ok(lines.includes('- plan_due: 2026-01-15'));
  assert.ok(lines.includes('- lesson {"title":"Put agreements on paper"} <https://kb.example/knowledge-base/lessons/put-agreements-on-paper/>'));
  assert.ok(lines.some((l) => l.startsWith("most_resembles[")));
  assert.ok(!/<(?!https:)/.test(md), "no raw < but the lessons' autolinks");
  assert.ok(md.endsWith("rule " + JSON.stringify({ rule: DATA.rule.text }) + "\n"));
});

test("a plan without gaps says so", () => {
  const md = planMarkdown(ui, { id: "p", name: "", answers: {}, plan: {}, snapshots: [] }, "2026-01-01");
  assert.ok(md.split("\n").includes("plan_none"));
  assert.ok(md.includes('plan_for {"name":"default\\\\_name"}'));  // the name, escaped like any
  assert.ok(!md.includes("most_resembles"));  // nothing answered, nothing compared
});

test("a plan names no most similar case at 0%: it says that no case matches yet", () => {
  const onlyStadium = { ...ui, data: { ...DATA, cases: DATA.cases.filter((k) => k.id === "riverside-stadium") } };
  const md = planMarkdown(onlyStadium, { id: "p", name: "", answers: { "signed-agreement": "absent" }, plan: {}, snapshots: [] }, "2026-01-01");
  assert.ok(!md.includes("most_resembles"), md);
  assert.ok(md.split("\n").includes("resembles_none"), md);
});

test("the CSV plan: a row per gap in the gaps' order, no cell a formula", () => {
  const csv = planCsv(ui, hostile);
  assert.ok(csv.startsWith("\ufeffcriterion,plan_gap,your_answer,target,plan_action,plan_owner,plan_due,plan_phase,own_looks_like_col,na_reason_col\r\n"));
  const rows = csv.slice(1).trimEnd().split("\r\n");
  assert.equal(rows.length, 5);
  assert.ok(rows[3].startsWith("Trust and culture,Information about the threat,answer_unknown,,find_out,"), rows[3]);
  assert.ok(rows[4].startsWith("Link to the government,Reporting to the council,answer_not_applicable,") && rows[4].endsWith(",Not our council"), rows[4]);
  assert.ok(rows[1].startsWith("Network and agreements,A signed agreement,answer_absent,answer_present,"), rows[1]);
  assert.ok(rows[1].includes('"\'=HYPERLINK(""http://e.x"")"'), rows[1]);
  assert.ok(rows[2].startsWith("Trust and culture,One shared goal,answer_partial,answer_present,,,,,"), rows[2]);
  assert.ok(rows[1].includes(",phase_next,"), "a chosen phase by its name");  // none chosen: empty, as for "To find out"
});

test("a finding of the study is named as what the study found in the plan, never as a lesson", () => {
  const findings = DATA.criteria.flatMap((c) => c.indicators).flatMap((i) => i.lessons).filter((l) => l.kind === "finding");
  assert.ok(findings.length, "the fixture has a finding among the lessons of an indicator");
  const finding = findings[0];
  const indicator = DATA.criteria.flatMap((c) => c.indicators).find((i) => i.lessons.some((l) => l.id === finding.id));
  const md = planMarkdown(ui, { id: "p", name: "", answers: { ...every("present"), [indicator.id]: "absent" }, plan: {}, snapshots: [] }, "2026-01-01");
  const url = "https://kb.example/knowledge-base/" + finding.url;
  assert.ok(md.split("\n").includes("- finding_label " + finding.title + " <" + url + ">"), md);
  assert.ok(!md.includes(JSON.stringify({ title: finding.title })), "not offered as a lesson");
});

test("an agreed 'not applicable' has the parties' note as its reason; the plan says which parties it came from", async () => {
  const { notApplicable, partiesLine, planMarkdown } = await import("../../docs/assets/javascripts/self-assessment/plan.mjs");
  const { DATA: data, t: tt, tn: ttn } = await import("./data.mjs");
  const ui = { data, base: "https://example.org/kb/", t: tt, tn: ttn };
  const p = { name: "Town", answers: { "right-partners": "not_applicable" }, reasons: {}, targets: {}, plan: {}, snapshots: [], notes: { "right-partners": "No event this year" },
    parties: [{ id: "a", name: "Town council", role: "municipality", answers: {} }, { id: "b", name: "Police", role: "police", answers: {} }] };
  assert.equal(notApplicable(ui, p)[0].reason, "No event this year");
  // With no note of its own, the parties' reasons stand.
  const noted = p.notes;
  p.notes = {};
  p.parties[1].reasons = { "right-partners": "No event this year" };
  assert.equal(notApplicable(ui, p)[0].reason, "Police: No event this year");
  p.notes = noted;
  p.reasons = { "right-partners": "Own reason" };
  assert.equal(notApplicable(ui, p)[0].reason, "Own reason");
  const line = partiesLine(ui, p, (r) => r);
  assert.ok(line.startsWith("plan_from_parties[2]") && line.includes("Town council (municipality); Police (police)"), line);
  assert.ok(planMarkdown(ui, p, "2024-01-01").includes("Town council (party\\_role\\_municipality); Police (party\\_role\\_police)"));
  assert.equal(partiesLine(ui, { parties: [] }, (r) => r), "");
});

test("in the Markdown plan a gap's heading names the answer and the target in lower case, after the semicolons", () => {
  const md = planMarkdown({ ...ui, ...words(DATA.labels) }, hostile, "2026-01-01");
  const heading = md.split("\n").find((l) => l.startsWith("### A signed agreement"));
  assert.match(heading, /; your answer: No; target: Yes\)$/);
});
