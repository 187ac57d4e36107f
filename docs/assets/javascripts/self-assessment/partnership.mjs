/* A partnership as the self-assessment keeps it ({id, name, answers, reasons, targets, plan,
 * snapshots}), read from what it does not control: an imported file, a share link's fragment,
 * this browser's storage (also the first version's). `answers` are the partnership's agreed
 * answers, the ones the gaps, the plan, the comparison and the snapshots use (a later version may
 * add each party's own beside them). Each is checked before anything changes, and a problem is
 * said in the reader's words through t(key, params). A file made under an older model is read
 * under this one first (migrated): an indicator's former id becomes its id, and an id the model
 * no longer knows is dropped, each said, rather than the whole file refused. Look-ups of allowed
 * keys go through a Map: a plain object would also "know" constructor, toString, __proto__ and
 * every other name it inherits. */
import { NA, TARGETS } from "./core.mjs";
import { partyPartsOf, readPartyParts } from "./parties.mjs";

export const FORMAT = "ppc-kb-self-assessment";
export const VERSION = 3;  // 3: "not applicable" with reasons, targets, phases; "export all"
// A whole share link at most this long: mail and chat tools cut longer links.
export const SHARE_MAX = 8000;
export const TEXT_MAX = 2000;  // characters of one plan field or reason
// An imported file at most this many bytes, with at most this many snapshots (one a week for
// almost ten years): far more than any real export, and it fits in a browser's storage.
export const IMPORT_MAX = 1000000;
export const SNAPSHOTS_MAX = 500;
export const PROFILES_MAX = 200;  // partnerships in one "export all" file
export const NAME_MAX = 200;
// When a plan's action is to be done, beside or instead of a date.
export const PHASES = ["now", "next", "later"];
const PROFILE_ID_MAX = 100;
const CODES = { present: "y", partial: "p", absent: "n", unknown: "u", [NA]: "x" };
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PLAN_FIELDS = ["action", "owner", "due", "phase"];

const isObject = (x) => !!x && typeof x === "object" && !Array.isArray(x);
const keySet = (keys) => new Map(keys.map((k) => [k, true]));
const ownKeys = (object) => Object.keys(object);  // own enumerable keys, __proto__ included when JSON made it one
const bare = () => Object.create(null);

/* Each id a saved file may name, to the indicator's id now: its own id, and each of its former
 * ids (data: indicators' former_ids). */
function idsNow(data) {
  const now = new Map();
  data.criteria.forEach((c) => c.indicators.forEach((i) => {
    now.set(i.id, i.id);
    (i.former_ids || []).forEach((old) => { if (!now.has(old)) now.set(old, i.id); });
  }));
  return now;
}

function allowed(data) {
  return {
    now: idsNow(data),
    levels: keySet(data.scale.map((s) => s.id).concat([NA])),
    targets: keySet(TARGETS),
  };
}

// What a migration did: {renamed: Map old -> new, sources: Map new -> Map of the ids read into it, dropped: Map}.
export function noMigration() {
  return { renamed: new Map(), sources: new Map(), dropped: new Map() };
}

/* `object` keyed by ids of any model version, keyed by this one's: a former id renamed, two ids
 * that became one merged (the id now wins, else the first), an unknown id dropped; said in `said`. */
function keyedNow(known, object, said) {
  const out = bare();
  ownKeys(object).forEach((k) => {
    if (!known.now.has(k)) { said.dropped.set(k, true); return; }
    const id = known.now.get(k);
    if (!said.sources.has(id)) said.sources.set(id, new Map());
    said.sources.get(id).set(k, true);
    if (id !== k) said.renamed.set(k, id);
    if (!Object.hasOwn(out, id) || id === k) out[id] = object[k];
  });
  return out;
}

/* The migration in three lists: [[old, new]] renamed, [[[ids], new]] merged, [ids] dropped. */
export function migrationLists(said) {
  const merged = Array.from(said.sources.entries()).filter(([, from]) => from.size > 1).map(([id, from]) => [Array.from(from.keys()), id]);
  const inMerge = new Map(merged.flatMap(([from]) => from.map((k) => [k, true])));
  return {
    renamed: Array.from(said.renamed.entries()).filter(([old]) => !inMerge.has(old)),
    merged, dropped: Array.from(said.dropped.keys()),
  };
}

// One line saying what a migration changed, in the reader's words; "" when it changed nothing.
export function migrationText(said, t) {
  const m = migrationLists(said), parts = [];
  if (m.renamed.length) parts.push(t("migrated_renamed", { list: m.renamed.map(([a, b]) => a + " → " + b).join(", ") }));
  if (m.merged.length) parts.push(t("migrated_merged", { list: m.merged.map(([a, b]) => a.join(" + ") + " → " + b).join(", ") }));
  if (m.dropped.length) parts.push(t("migrated_dropped", { list: m.dropped.join(", ") }));
  return parts.length ? t("migrated", { changes: parts.join("; ") }) : "";
}

function badAnswers(known, answers, t) {
  for (const id of ownKeys(answers)) {
    // The answers as the reader sees them ("Ja, Gedeeltelijk, …"), not the file's ids.
    if (!known.levels.has(answers[id])) return t("bad_answer", { id, levels: Array.from(known.levels.keys()).map((l) => t("answer_" + l)).join(", ") });
  }
  return null;
}

function badTexts(texts) {
  return !isObject(texts) || ownKeys(texts).some((id) => typeof texts[id] !== "string" || texts[id].length > TEXT_MAX);
}

function badTargets(known, targets) {
  return !isObject(targets) || ownKeys(targets).some((id) => !known.targets.has(targets[id]));
}

function badEntry(entry) {
  return !isObject(entry)
    || PLAN_FIELDS.some((k) => entry[k] !== undefined && (typeof entry[k] !== "string" || entry[k].length > TEXT_MAX))
    || (!!entry.due && !DATE.test(entry.due))
    || (!!entry.phase && !PHASES.includes(entry.phase));
}

function badPlan(plan, t) {
  if (!isObject(plan)) return t("bad_plan", { id: "plan" });
  for (const id of ownKeys(plan)) {
    if (badEntry(plan[id])) return t("bad_plan", { id });
  }
  return null;
}

function badSnapshots(known, snapshots, t) {
  if (!Array.isArray(snapshots)) return t("not_export");
  if (snapshots.length > SNAPSHOTS_MAX) return t("too_many_snapshots", { count: snapshots.length, max: SNAPSHOTS_MAX });
  for (const s of snapshots) {
    if (!isObject(s) || typeof s.date !== "string" || !DATE.test(s.date) || !isObject(s.answers)) return t("not_export");
    if (s.targets !== undefined && !isObject(s.targets)) return t("not_export");
  }
  return null;
}

function badHead(parsed, t) {
  if (!isObject(parsed)) return t("not_export");
  if (parsed.format !== FORMAT) return t("wrong_format", { format: FORMAT });
  if (![1, 2, VERSION].includes(parsed.version)) return t("wrong_version3");
  if (!isObject(parsed.answers)) return t("no_answers");
  return null;
}

const badName = (name) => name !== undefined && (typeof name !== "string" || name.length > NAME_MAX);
const orEmpty = (x) => (x === undefined ? {} : x);

// The parts keyed by indicator, read under this model (keyedNow), before their values are checked.
function migrated(known, parsed, said) {
  const shapes = [parsed.answers, orEmpty(parsed.reasons), orEmpty(parsed.targets), orEmpty(parsed.plan)];
  if (!shapes.every(isObject)) return null;
  const [answers, reasons, targets, plan] = shapes.map((o) => keyedNow(known, o, said));
  const snapshots = (Array.isArray(parsed.snapshots) ? parsed.snapshots : []).map((s) => (isObject(s) && isObject(s.answers)
    ? Object.assign({}, s, { answers: keyedNow(known, s.answers, said), targets: isObject(s.targets) ? keyedNow(known, s.targets, said) : undefined })
    : s));
  return { answers, reasons, targets, plan, snapshots: parsed.snapshots === undefined ? [] : (Array.isArray(parsed.snapshots) ? snapshots : parsed.snapshots) };
}

function problemOf(known, read, t) {
  if (!read) return t("not_export");
  return badAnswers(known, read.answers, t) || (badTexts(read.reasons) ? t("not_export") : null)
    || (badTargets(known, read.targets) ? t("bad_target") : null) || badPlan(read.plan, t)
    || badSnapshots(known, read.snapshots, t)
    || read.snapshots.map((s) => badAnswers(known, s.answers, t) || (s.targets && badTargets(known, s.targets) ? t("bad_target") : null)).find(Boolean)
    || null;
}

const copied = (o) => Object.assign({}, o);

// Copies on plain objects: what passed the checks, and nothing else.
function cleaned(parsed, read) {
  const plan = {};
  ownKeys(read.plan).forEach((id) => {
    const e = read.plan[id];
    plan[id] = { action: e.action || "", owner: e.owner || "", due: e.due || "", phase: e.phase || "" };
  });
  return {
    name: parsed.name || "", answers: copied(read.answers), reasons: copied(read.reasons), targets: copied(read.targets), plan,
    snapshots: read.snapshots.map((s) => (s.targets ? { date: s.date, answers: copied(s.answers), targets: copied(s.targets) } : { date: s.date, answers: copied(s.answers) })),
  };
}

/* An imported or shared partnership, checked before anything is changed: {problem} in the
 * reader's words, or {partnership} as the page keeps it (without an id) and `said`, what reading
 * it under this model changed (a migration, noMigration() when given none to add to). */
export function readPartnership(data, parsed, t, said) {
  const head = badHead(parsed, t) || (parsed.plan !== undefined && !isObject(parsed.plan) ? t("bad_plan", { id: "plan" }) : null);
  if (head) return { problem: head };
  const known = allowed(data), told = said || noMigration();
  const read = migrated(known, parsed, told);
  const problem = problemOf(known, read, t) || (badName(parsed.name) ? t("not_export") : null);
  if (problem) return { problem };
  // Its parties, their answers and the consensus notes (parties.mjs), read by these same rules.
  const keyed = (answers, reasons, targets) => readPartnership(data, { format: FORMAT, version: VERSION, answers, reasons, targets }, t, told);
  const party = readPartyParts(parsed, keyed, t);
  return party.problem ? { problem: party.problem } : { partnership: Object.assign(cleaned(parsed, read), party.parts), said: told };
}

// A saved profile's id, kept when it is text of a sane length and not taken; else one given anew.
function profileId(id, n, seen) {
  // An odd id is harmless: the page finds elements by id, never by a selector built from it.
  let out = typeof id === "string" && id && id.length <= PROFILE_ID_MAX && !seen.has(id) ? id : "p" + n + "-" + seen.size;
  while (seen.has(out)) out += "x";
  seen.set(out, true);
  return out;
}

function savedProfile(data, p, t, said) {
  if (!isObject(p)) return { problem: t("not_export") };
  const { name, answers, reasons, targets, plan, snapshots, parties, notes, party, agreed_only } = p;
  return readPartnership(data, { format: FORMAT, version: VERSION, name, answers, reasons, targets, plan, snapshots, parties, notes, party, agreed_only }, t, said);
}

function parsedState(text) {
  try {
    const parsed = JSON.parse(text);
    return isObject(parsed) && Array.isArray(parsed.profiles) ? parsed : null;
  } catch (e) {
    return null;
  }
}

/* Several partnerships ({profiles: [...], current}: this browser's state, or an "export all"
 * file), each checked with the import's rules: the profiles that can be read (with ids of their
 * own), the current one, what was wrong with the others, and what reading them under this model
 * changed (`said`). */
export function readProfiles(data, parsed, t) {
  const out = { profiles: [], current: null, problems: [], said: noMigration() };
  const seen = new Map();
  parsed.profiles.slice(0, PROFILES_MAX).forEach((p, n) => {
    const read = savedProfile(data, p, t, out.said);
    if (read.problem) { out.problems.push(t("state_profile", { n: n + 1, problem: read.problem })); return; }
    read.partnership.id = profileId(p.id, n, seen);
    out.profiles.push(read.partnership);
  });
  if (parsed.profiles.length > PROFILES_MAX) out.problems.push(t("too_many_profiles", { count: parsed.profiles.length, max: PROFILES_MAX }));
  out.current = seen.has(parsed.current) ? parsed.current : (out.profiles[0] ? out.profiles[0].id : null);
  return out;
}

/* The partnerships saved in this browser (localStorage's text, null when nothing is saved), read
 * as readProfiles does, so that a partial write, another version or another page of the same
 * origin never stops the tool. */
export function readState(data, text, t) {
  if (text === null || text === undefined) return { profiles: [], current: null, problems: [], said: noMigration() };
  const parsed = parsedState(text);
  if (!parsed) return { profiles: [], current: null, problems: [t("state_bad")], said: noMigration() };
  return readProfiles(data, parsed, t);
}

// An "export all" file: every partnership kept here, with its snapshots, in one.
export function isAll(parsed) {
  return isObject(parsed) && parsed.format === FORMAT && Array.isArray(parsed.profiles);
}

/* The first version kept answers only ({indicator id: scale id}, with or without a format): its
 * answers when they pass the checks, else none. */
export function answersOfVersion1(data, text, t) {
  let parsed;
  try { parsed = JSON.parse(text || "{}"); } catch (e) { return {}; }
  if (!isObject(parsed)) return {};
  const read = readPartnership(data, Object.assign({}, parsed, { format: FORMAT, version: 1 }), t);
  return read.partnership ? read.partnership.answers : {};
}

const entryOf = (e) => ({ action: e.action || "", owner: e.owner || "", due: e.due || "", phase: e.phase || "" });

// The plan's entries that hold anything.
export function filledPlan(plan) {
  const out = {};
  ownKeys(plan || {}).forEach((id) => {
    const e = plan[id];
    if (e && (e.action || e.owner || e.due || e.phase)) out[id] = entryOf(e);
  });
  return out;
}

// The reasons given for answers still "not applicable".
export function givenReasons(p) {
  const out = {};
  ownKeys(p.reasons || {}).forEach((id) => { if (p.answers[id] === NA && p.reasons[id]) out[id] = p.reasons[id]; });
  return out;
}

export function hasWork(p) {
  return ownKeys(p.answers).length > 0 || ownKeys(filledPlan(p.plan)).length > 0 || ownKeys(p.targets || {}).length > 0;
}

// The export file's content (the import reads it back).
export function exported(p) {
  return {
    format: FORMAT, version: VERSION, name: p.name, answers: p.answers, reasons: givenReasons(p), targets: p.targets || {},
    plan: filledPlan(p.plan), snapshots: p.snapshots, ...partyPartsOf(p),
  };
}

// "Export all": every partnership, with its snapshots, and which one is open.
export function exportedAll(state) {
  return {
    format: FORMAT, version: VERSION, current: state.current,
    profiles: state.profiles.map((p) => Object.assign({ id: p.id }, exported(p))),
  };
}

function base64url(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  bytes.forEach((b) => { binary += String.fromCharCode(b); });
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(text) {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

const coded = (object) => {
  const out = {};
  ownKeys(object || {}).forEach((id) => { out[id] = CODES[object[id]]; });
  return out;
};

/* The share link's fragment: the partnership as compact JSON, UTF-8, base64url: answers and
 * targets as one letter each, a plan entry as [action, owner, due, phase], reasons as text. */
export function encodeShare(p) {
  const plan = {}, filled = filledPlan(p.plan), reasons = givenReasons(p);
  ownKeys(filled).forEach((id) => { plan[id] = [filled[id].action, filled[id].owner, filled[id].due, filled[id].phase]; });
  const compact = { v: VERSION, n: p.name, a: coded(p.answers), p: plan };
  if (ownKeys(p.targets || {}).length) compact.t = coded(p.targets);
  if (ownKeys(reasons).length) compact.r = reasons;
  if (p.party) compact.pa = [p.party.name, p.party.role];  // one party's answers, for the partnership to merge
  return base64url(JSON.stringify(compact));
}

// The compact form back in the import's shape, on null-prototype objects: a key __proto__ stays a key.
function expanded(compact) {
  const levels = new Map(Object.entries(CODES).map(([id, code]) => [code, id]));
  const decoded = (object) => {
    const out = bare();
    ownKeys(object || {}).forEach((id) => { out[id] = levels.has(object[id]) ? levels.get(object[id]) : object[id]; });
    return out;
  };
  const plan = bare(), reasons = bare();
  ownKeys(compact.p || {}).forEach((id) => {
    const e = compact.p[id];
    plan[id] = Array.isArray(e) ? { action: e[0], owner: e[1], due: e[2], phase: e[3] } : e;
  });
  ownKeys(compact.r || {}).forEach((id) => { reasons[id] = compact.r[id]; });
  const party = Array.isArray(compact.pa) ? { name: compact.pa[0], role: compact.pa[1] } : compact.pa;
  return { format: FORMAT, version: VERSION, name: compact.n, answers: decoded(compact.a), targets: decoded(compact.t), reasons, plan, party };
}

export function decodeShare(data, text, t) {
  let compact;
  try { compact = JSON.parse(fromBase64url(text)); } catch (e) { return { problem: t("not_json") }; }
  const objects = isObject(compact) && [compact.p, compact.t, compact.r].every((x) => x === undefined || isObject(x));
  if (!objects || ![2, VERSION].includes(compact.v) || !isObject(compact.a)) {
    return { problem: t("not_export") };
  }
  return readPartnership(data, expanded(compact), t);
}
