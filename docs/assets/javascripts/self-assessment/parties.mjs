/* A partnership's parties, without the page. Each party answers the questions on its own device
 * and sends its answers (a file or a share link marked with the party: `party` {name, role});
 * the partnership keeps them as `parties` [{id, name, role, answers}] beside its own `answers`,
 * which are the consensus: the answers the gaps, the plan, the comparison and the snapshots use,
 * each with a note in `notes` {indicator id: text}. Nothing here reads the page or the network.
 *
 * The study's words for who takes part: "public (governmental) and private (non-governmental)
 * parties" (Problem). Which of the roles below is public and which private is this knowledge
 * base's reading of that line; "other" is neither. */

// The kinds of party the study names, in the order the page offers them.
export const ROLES = ["municipality", "police", "organiser", "private_security", "businesses", "national_government", "other"];
const SECTORS = new Map([
  ["municipality", "public"], ["police", "public"], ["national_government", "public"],
  ["organiser", "private"], ["private_security", "private"], ["businesses", "private"],
]);
export const PARTIES_MAX = 50;  // parties in one partnership: far more than any table holds
export const PARTY_NAME_MAX = 200;
// Two answers this many steps apart on the scale's scores (Yes against No) put a question on the agenda.
export const STEPS_APART = 2;

const isObject = (x) => !!x && typeof x === "object" && !Array.isArray(x);
const has = (o, k) => !!o && Object.hasOwn(o, k);

export function sectorOf(role) {
  return SECTORS.has(role) ? SECTORS.get(role) : null;
}

// A party's mark ({name, role}) as read from a file or a link: the mark, null when none, or false when bad.
export function readMark(raw) {
  if (raw === undefined || raw === null) return null;
  if (!isObject(raw) || typeof raw.name !== "string" || raw.name.length > PARTY_NAME_MAX || !ROLES.includes(raw.role)) return false;
  return { name: raw.name, role: raw.role };
}

/* The parts a partnership keeps about its parties, read from `parsed` (a file, a link or this
 * browser's state): its parties, its consensus notes and its own mark when it answers as one
 * party. `readKeyed(answers, texts)` is the partnership's own reader (partnership.mjs): it
 * checks answers and texts keyed by indicator and reads them under this model, or says
 * {problem}. Only the parts present are returned, so older files read as before. */
export function readPartyParts(parsed, readKeyed, t) {
  const parts = {};
  const mark = readMark(parsed.party);
  if (mark === false) return { problem: t("party_bad") };
  if (mark) parts.party = mark;
  if (parsed.agreed_only === true) parts.agreed_only = true;
  if (parsed.notes !== undefined) {
    const notes = readKeyed({}, parsed.notes);
    if (notes.problem) return notes;
    parts.notes = notes.partnership.reasons;
  }
  if (parsed.parties === undefined) return { parts };
  if (!Array.isArray(parsed.parties) || parsed.parties.length > PARTIES_MAX) return { problem: t("party_bad") };
  parts.parties = [];
  for (const [n, raw] of parsed.parties.entries()) {
    const m = readMark(raw), read = m ? readKeyed(raw.answers, raw.reasons === undefined ? {} : raw.reasons, raw.targets) : null;
    if (!m || typeof raw.id !== "string" || raw.id.length > 100) return { problem: t("party_bad") };
    if (read.problem) return { problem: read.problem };
    const { answers, reasons, targets } = read.partnership;
    // An id already taken (two files merged in the same millisecond by an earlier version) made unique.
    const id = freeId(parts.parties, raw.id || "party-" + n);
    parts.parties.push(partyOf({ id, name: m.name, role: m.role, answers, reasons: reasonsOf(answers, reasons), targets }));
  }
  return { parts };
}

// `id`, or `id` with a suffix when a party in `list` has it already.
export function freeId(list, id) {
  let out = id, n = 1;
  while (list.some((x) => x.id === out)) { n += 1; out = id + "-" + n; }
  return out;
}

// The reasons of the answers "not applicable" only (a reason left from an answer since changed is not sent).
function reasonsOf(answers, reasons) {
  const out = {};
  Object.keys(reasons || {}).forEach((id) => { if (answers[id] === "not_applicable" && reasons[id]) out[id] = reasons[id]; });
  return out;
}

// A party as kept and sent: its reasons and targets only when it has some.
function partyOf(x) {
  const out = { id: x.id, name: x.name, role: x.role, answers: x.answers };
  if (x.reasons && Object.keys(x.reasons).length) out.reasons = Object.assign({}, x.reasons);
  if (x.targets && Object.keys(x.targets).length) out.targets = Object.assign({}, x.targets);
  return out;
}

// The party parts of a partnership, for its file: only those it has.
export function partyPartsOf(p) {
  const out = {};
  if (p.party) out.party = { name: p.party.name, role: p.party.role };
  if (p.agreed_only) out.agreed_only = true;
  if (p.parties && p.parties.length) out.parties = p.parties.map(partyOf);
  if (p.notes && Object.keys(p.notes).length) out.notes = Object.assign({}, p.notes);
  return out;
}

const sameParty = (a, b) => a.role === b.role && a.name.trim().toLowerCase() === b.name.trim().toLowerCase();

/* One party's answers added to the partnership `p` (incoming: a read partnership with a `party`
 * mark), with its reasons for "not applicable" and its targets: a party of the same name and role
 * has them replaced. A partnership with no answers before its first party is marked `agreed_only`:
 * its answers are then the parties' consensus, never its own. A new party's id is newId()'s, made unique among the parties (several files
 * read at once may come in the same millisecond). {party, replaced}. */
export function addParty(p, incoming, newId) {
  p.parties = p.parties || [];
  const mark = incoming.party, found = p.parties.find((x) => sameParty(x, mark));
  const answers = Object.assign({}, incoming.answers);
  const own = { answers, reasons: reasonsOf(answers, incoming.reasons), targets: Object.assign({}, incoming.targets || {}) };
  if (found) { Object.assign(found, own); return { party: found, replaced: true }; }
  if (p.parties.length >= PARTIES_MAX) return { party: null, replaced: false };
  // No answers before its first party: every answer it gets from now on is the parties' (taken over or decided).
  if (!p.parties.length && !Object.keys(p.answers || {}).length) p.agreed_only = true;
  const party = Object.assign({ id: freeId(p.parties, newId()), name: mark.name, role: mark.role }, own);
  p.parties.push(party);
  return { party, replaced: false };
}

// Exactly one party taken away (the first of that id): the removed party, or null.
export function removeParty(p, id) {
  const list = p.parties || [], at = list.findIndex((x) => x.id === id);
  if (at < 0) return null;
  return list.splice(at, 1)[0];
}

export function setNote(p, id, text) {
  p.notes = p.notes || {};
  if (text) p.notes[id] = text;
  else delete p.notes[id];
}

// The consensus answer: "" takes it away (the question is open again).
export function setConsensus(p, id, value) {
  if (value) p.answers[id] = value;
  else delete p.answers[id];
}

const scoreOf = (data) => new Map(data.scale.filter((s) => s.score !== null && s.score !== undefined).map((s) => [s.id, s.score]));

// public against private: "public_higher", "private_higher", or null when the sides overlap or one is silent.
function sectorSplit(score, answers) {
  const side = (sector) => answers.filter((x) => sectorOf(x.party.role) === sector && score.has(x.answer)).map((x) => score.get(x.answer));
  const pub = side("public"), priv = side("private");
  if (!pub.length || !priv.length) return null;
  if (Math.min(...pub) > Math.max(...priv)) return "public_higher";
  if (Math.max(...pub) < Math.min(...priv)) return "private_higher";
  return null;
}

/* Every question as the parties answered it, in checklist order: [{indicator, criterion, order,
 * answers: [{party, answer}] (one per party, answer null when it did not answer), spread (the
 * steps between the highest and the lowest scored answer), apart (spread >= STEPS_APART),
 * sectors (sectorSplit), differ (not all who answered gave the same answer), agreed (the answer
 * every party gave, else null)}]. */
export function compared(data, parties) {
  const score = scoreOf(data), out = [];
  let order = 0;
  data.criteria.forEach((c) => c.indicators.forEach((i) => {
    order += 1;
    const answers = parties.map((party) => ({ party, answer: has(party.answers, i.id) ? party.answers[i.id] : null }));
    const given = answers.filter((x) => x.answer !== null), kinds = new Set(given.map((x) => x.answer));
    const scores = given.filter((x) => score.has(x.answer)).map((x) => score.get(x.answer));
    const spread = scores.length ? Math.max(...scores) - Math.min(...scores) : 0;
    const everyone = given.length === parties.length && kinds.size === 1 && parties.length > 0;
    out.push({
      indicator: i, criterion: c, order, answers, spread, apart: spread >= STEPS_APART, sectors: sectorSplit(score, given),
      differ: kinds.size > 1, agreed: everyone ? given[0].answer : null,
    });
  }));
  return out;
}

/* The merged view: the agenda first (two steps apart, or public against private; both rules
 * first, then the widest spread, then checklist order), then the other differences (one step,
 * or "Don't know" or "not applicable" beside an answer), then the questions all agree on, then
 * those not every party answered alike because some did not answer. */
export function merged(data, parties) {
  const all = compared(data, parties), onAgenda = (x) => x.apart || !!x.sectors;
  const weight = (x) => (x.apart ? 1 : 0) + (x.sectors ? 1 : 0);
  return {
    agenda: all.filter(onAgenda).sort((a, b) => weight(b) - weight(a) || b.spread - a.spread || a.order - b.order),
    other: all.filter((x) => !onAgenda(x) && x.differ),
    agreed: all.filter((x) => x.agreed !== null),
    open: all.filter((x) => !onAgenda(x) && !x.differ && x.agreed === null),
  };
}

/* A new shared partnership (id, name) for the parties' answers of `p`, whose own answers are
 * then no longer mistaken for the agreed ones: the parties and the notes move to it, its agreed
 * answers start empty, and `p`'s own answers join it as one more party when `p` answers as one
 * (its mark). `p` keeps its own answers. {shared, own: the party made of p's answers or null}. */
export function sharedFrom(p, id, name) {
  const shared = { id, name, answers: {}, reasons: {}, targets: {}, plan: {}, snapshots: [], parties: p.parties || [], agreed_only: true };
  if (p.notes) shared.notes = p.notes;
  delete p.parties;
  delete p.notes;
  const own = p.party ? addParty(shared, { party: p.party, answers: p.answers, reasons: p.reasons, targets: p.targets }, () => id + "-own").party : null;
  return { shared, own };
}

/* The consensus taken over where every party gave the same answer and the partnership has none
 * yet; an answer it has is never changed. The ids filled. */
export function takeAgreed(data, p) {
  const filled = [];
  compared(data, p.parties || []).forEach((x) => {
    if (x.agreed !== null && !has(p.answers, x.indicator.id)) { p.answers[x.indicator.id] = x.agreed; filled.push(x.indicator.id); }
  });
  return filled;
}
