/* A partnership as the self-assessment keeps it ({id, name, answers, plan, snapshots}), read from
 * what it does not control: an imported file, a share link's fragment, this browser's storage
 * (also the first version's). Each is checked before anything changes, and a problem is said in
 * the reader's words through t(key, params). Look-ups of allowed keys go through a Map: a plain
 * object would also "know" constructor, toString, __proto__ and every other name it inherits. */

export const FORMAT = "ppc-kb-self-assessment";
// A whole share link at most this long: mail and chat tools cut longer links.
export const SHARE_MAX = 8000;
export const TEXT_MAX = 2000;  // characters of one plan field
// An imported file at most this many bytes, with at most this many snapshots (one a week for
// almost ten years): far more than any real export, and it fits in a browser's storage.
export const IMPORT_MAX = 1000000;
export const SNAPSHOTS_MAX = 500;
export const NAME_MAX = 200;
const PROFILE_ID_MAX = 100;
const CODES = { present: "y", partial: "p", absent: "n", unknown: "u" };
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PLAN_FIELDS = ["action", "owner", "due"];

const isObject = (x) => !!x && typeof x === "object" && !Array.isArray(x);
const keySet = (keys) => new Map(keys.map((k) => [k, true]));
const ownKeys = (object) => Object.keys(object);  // own enumerable keys, __proto__ included when JSON made it one

function allowed(data) {
  return {
    ids: keySet(data.criteria.flatMap((c) => c.indicators.map((i) => i.id))),
    levels: keySet(data.scale.map((s) => s.id)),
  };
}

function badAnswers(known, answers, t) {
  for (const id of ownKeys(answers)) {
    if (!known.ids.has(id)) return t("unknown_indicator", { id });
    if (!known.levels.has(answers[id])) return t("bad_answer", { id, levels: Array.from(known.levels.keys()).join(", ") });
  }
  return null;
}

function badEntry(entry) {
  return !isObject(entry)
    || PLAN_FIELDS.some((k) => entry[k] !== undefined && (typeof entry[k] !== "string" || entry[k].length > TEXT_MAX))
    || (!!entry.due && !DATE.test(entry.due));
}

function badPlan(known, plan, t) {
  if (!isObject(plan)) return t("bad_plan", { id: "plan" });
  for (const id of ownKeys(plan)) {
    if (!known.ids.has(id)) return t("unknown_indicator", { id });
    if (badEntry(plan[id])) return t("bad_plan", { id });
  }
  return null;
}

function badSnapshots(known, snapshots, t) {
  if (!Array.isArray(snapshots)) return t("not_export");
  if (snapshots.length > SNAPSHOTS_MAX) return t("too_many_snapshots", { count: snapshots.length, max: SNAPSHOTS_MAX });
  for (const s of snapshots) {
    if (!isObject(s) || typeof s.date !== "string" || !DATE.test(s.date) || !isObject(s.answers)) return t("not_export");
    const problem = badAnswers(known, s.answers, t);
    if (problem) return problem;
  }
  return null;
}

function badHead(parsed, t) {
  if (!isObject(parsed)) return t("not_export");
  if (parsed.format !== FORMAT) return t("wrong_format", { format: FORMAT });
  if (parsed.version !== 1 && parsed.version !== 2) return t("wrong_version2");
  if (!isObject(parsed.answers)) return t("no_answers");
  return null;
}

const badName = (name) => name !== undefined && (typeof name !== "string" || name.length > NAME_MAX);

// Copies on plain objects: what passed the checks, and nothing else.
function cleaned(parsed, plan, snapshots) {
  const clean = {};
  ownKeys(plan).forEach((id) => {
    clean[id] = { action: plan[id].action || "", owner: plan[id].owner || "", due: plan[id].due || "" };
  });
  return {
    name: parsed.name || "", answers: Object.assign({}, parsed.answers), plan: clean,
    snapshots: snapshots.map((s) => ({ date: s.date, answers: Object.assign({}, s.answers) })),
  };
}

/* An imported or shared partnership, checked before anything is changed: {problem} in the
 * reader's words, or {partnership} as the page keeps it (without an id). */
export function readPartnership(data, parsed, t) {
  const head = badHead(parsed, t);
  if (head) return { problem: head };
  const known = allowed(data);
  const plan = parsed.plan === undefined ? {} : parsed.plan;
  const snapshots = parsed.snapshots === undefined ? [] : parsed.snapshots;
  const problem = badAnswers(known, parsed.answers, t) || badPlan(known, plan, t) || badSnapshots(known, snapshots, t)
    || (badName(parsed.name) ? t("not_export") : null);
  return problem ? { problem } : { partnership: cleaned(parsed, plan, snapshots) };
}

// A saved profile's id, kept when it is text of a sane length and not taken; else one given anew.
function profileId(id, n, seen) {
  // An odd id is harmless: the page finds elements by id, never by a selector built from it.
  let out = typeof id === "string" && id && id.length <= PROFILE_ID_MAX && !seen.has(id) ? id : "p" + n + "-" + seen.size;
  while (seen.has(out)) out += "x";
  seen.set(out, true);
  return out;
}

function savedProfile(data, p, t) {
  if (!isObject(p)) return { problem: t("not_export") };
  return readPartnership(data, { format: FORMAT, version: 2, name: p.name, answers: p.answers, plan: p.plan, snapshots: p.snapshots }, t);
}

function parsedState(text) {
  try {
    const parsed = JSON.parse(text);
    return isObject(parsed) && Array.isArray(parsed.profiles) ? parsed : null;
  } catch (e) {
    return null;
  }
}

/* The partnerships saved in this browser (localStorage's text, null when nothing is saved), each
 * checked with the import's rules, so that a partial write, another version or another page of
 * the same origin never stops the tool: the profiles that can be read, the current one, and
 * what was wrong with the others, in the reader's words. */
export function readState(data, text, t) {
  const out = { profiles: [], current: null, problems: [] };
  if (text === null || text === undefined) return out;
  const parsed = parsedState(text);
  if (!parsed) { out.problems.push(t("state_bad")); return out; }
  const seen = new Map();
  parsed.profiles.forEach((p, n) => {
    const read = savedProfile(data, p, t);
    if (read.problem) { out.problems.push(t("state_profile", { n: n + 1, problem: read.problem })); return; }
    read.partnership.id = profileId(p.id, n, seen);
    out.profiles.push(read.partnership);
  });
  out.current = seen.has(parsed.current) ? parsed.current : (out.profiles[0] ? out.profiles[0].id : null);
  return out;
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

// The plan's entries that hold anything.
export function filledPlan(plan) {
  const out = {};
  ownKeys(plan || {}).forEach((id) => {
    const e = plan[id];
    if (e && (e.action || e.owner || e.due)) out[id] = { action: e.action || "", owner: e.owner || "", due: e.due || "" };
  });
  return out;
}

export function hasWork(p) {
  return ownKeys(p.answers).length > 0 || ownKeys(filledPlan(p.plan)).length > 0;
}

// The export file's content (the import reads it back).
export function exported(p) {
  return { format: FORMAT, version: 2, name: p.name, answers: p.answers, plan: filledPlan(p.plan), snapshots: p.snapshots };
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

// The share link's fragment: the partnership as compact JSON, UTF-8, base64url.
export function encodeShare(p) {
  const answers = {}, plan = {}, filled = filledPlan(p.plan);
  ownKeys(p.answers).forEach((id) => { answers[id] = CODES[p.answers[id]]; });
  ownKeys(filled).forEach((id) => { plan[id] = [filled[id].action, filled[id].owner, filled[id].due]; });
  return base64url(JSON.stringify({ v: 2, n: p.name, a: answers, p: plan }));
}

// The compact form back in the import's shape, on null-prototype objects: a key __proto__ stays a key, so the checks refuse it.
function expanded(compact) {
  const levels = new Map(Object.entries(CODES).map(([id, code]) => [code, id]));
  const answers = Object.create(null), plan = Object.create(null);
  ownKeys(compact.a).forEach((id) => {
    answers[id] = levels.has(compact.a[id]) ? levels.get(compact.a[id]) : compact.a[id];
  });
  ownKeys(compact.p || {}).forEach((id) => {
    const e = compact.p[id];
    plan[id] = Array.isArray(e) ? { action: e[0], owner: e[1], due: e[2] } : e;
  });
  return { format: FORMAT, version: 2, name: compact.n, answers, plan };
}

export function decodeShare(data, text, t) {
  let compact;
  try { compact = JSON.parse(fromBase64url(text)); } catch (e) { return { problem: t("not_json") }; }
  if (!isObject(compact) || compact.v !== 2 || !isObject(compact.a) || (compact.p !== undefined && !isObject(compact.p))) {
    return { problem: t("not_export") };
  }
  return readPartnership(data, expanded(compact), t);
}
