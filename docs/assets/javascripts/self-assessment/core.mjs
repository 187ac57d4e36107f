/* The self-assessment's reckoning, without the page: ratings from answers (by the rule in the data
 * file, never a threshold of its own), the similarity to the assessed cases, the gaps and what
 * changed between two snapshots. Pure functions of the page's JSON (`data`) and a partnership's
 * answers ({indicator id: scale id}); tests/js/ runs them under node. */

const known = (x) => x !== null && x !== undefined;

/* "Not applicable": an answer beside the scale, for a question that does not apply to this
 * partnership (with the reason in the partnership's `reasons`). It has no score, so it is left
 * out of the ratings and of the similarity, and it never makes a gap. */
export const NA = "not_applicable";
// Where a partnership wants to be on a question; Yes when it has not said.
export const TARGETS = ["present", "partial", "absent"];
export const DEFAULT_TARGET = "present";
/* "Most answers are No": more than this share of the questions that apply (all but the "not
 * applicable" ones) answered No. A partnership that far from the start gets the step-by-step
 * path's order rather than worst first. */
export const MOST_NO = 0.5;

/* Each scale entry's score by its id, in a Map: a plain object would also "score" toString,
 * constructor and every other name it inherits. */
function scoreOf(data) {
  return new Map(data.scale.map((s) => [s.id, s.score]));
}

function scored(score, id) {
  return score.has(id) && known(score.get(id));
}

export function allIndicators(data) {
  return data.criteria.flatMap((c) => c.indicators);
}

// The rule of the export (data.rule), the one place the thresholds come from.
export function derive(data, ratings) {
  const score = scoreOf(data);
  const counted = ratings.filter((r) => scored(score, r)).map((r) => score.get(r));
  if (!counted.length) return "unknown";
  const mean = counted.reduce((a, b) => a + b, 0) / counted.length;
  if (mean >= data.rule.present_at) return "present";
  if (mean <= data.rule.absent_at) return "absent";
  return "partial";
}

// Your rating per criterion: {criterion id: scale id}.
export function profileOf(data, answers) {
  const out = {};
  data.criteria.forEach((c) => {
    out[c.id] = derive(data, c.indicators.map((i) => (Object.hasOwn(answers, i.id) ? answers[i.id] : "unknown")));
  });
  return out;
}

// Two scores on the 0..2 scale: the same 1, one step apart ½, opposite 0.
function agreement(a, b) {
  return 1 - Math.abs(a - b) / 2;
}

/* One criterion compared: the mean agreement of your answers with the case's ratings on the
 * indicators both know, capped by the agreement of the two criterion ratings, so a partnership
 * partly present on a criterion is never more than 50% like one where it is present. */
function criterionRow(score, criterion, mine, kase, answers, leftOut) {
  let total = 0, n = 0;
  criterion.indicators.forEach((i) => {
    if (!Object.hasOwn(answers, i.id)) return;
    const yours = answers[i.id], theirs = kase.indicators[i.id];
    if (yours === NA) leftOut.push({ indicator: i, reason: "not_applicable" });
    else if (!scored(score, yours)) leftOut.push({ indicator: i, reason: "dont_know" });
    else if (!scored(score, theirs)) leftOut.push({ indicator: i, reason: "case_unknown" });
    else { total += agreement(score.get(yours), score.get(theirs)); n += 1; }
  });
  const row = { criterion, mine, theirs: kase.criteria[criterion.id], compared: n, similarity: null };
  if (n) row.similarity = Math.min(total / n, agreement(score.get(row.mine), score.get(row.theirs)));
  return row;
}

/* Per criterion as criterionRow; overall: the mean of the criteria compared. Answered indicators
 * left out say why. */
export function similarity(data, answers, kase) {
  const score = scoreOf(data), profile = profileOf(data, answers), leftOut = [];
  const criteria = data.criteria.map((c) => criterionRow(score, c, profile[c.id], kase, answers, leftOut));
  const counted = criteria.filter((row) => row.compared);
  const sum = counted.reduce((a, row) => a + row.similarity, 0);
  return {
    kase, criteria, leftOut,
    compared: counted.reduce((a, row) => a + row.compared, 0),
    similarity: counted.length ? sum / counted.length : null,
  };
}

// Every assessed case with a similarity, the most similar first (ties keep the data's order).
export function ranked(data, answers) {
  return data.cases.map((k) => similarity(data, answers, k))
    .filter((s) => s.similarity !== null)
    .map((s, order) => ({ s, order }))
    .sort((a, b) => b.s.similarity - a.s.similarity || a.order - b.order)
    .map((x) => x.s);
}

/* The ranked cases where at least one resembles the partnership at all: at 0% every case ties, so
 * none is "most similar" and the page says that no case matches yet. */
export function resembling(data, answers) {
  const all = ranked(data, answers);
  return all.length && all[0].similarity > 0 ? all : [];
}

export function targetOf(targets, id) {
  return targets && Object.hasOwn(targets, id) && TARGETS.includes(targets[id]) ? targets[id] : DEFAULT_TARGET;
}

// How far an answer is below its target on the scale's scores: 0 when at or above it, or not scored.
export function distance(data, answer, target) {
  const score = scoreOf(data);
  if (!scored(score, answer) || !scored(score, target)) return 0;
  return Math.max(0, score.get(target) - score.get(answer));
}

// Every answered indicator below its target, with its criterion, in checklist order.
function below(data, answers, targets) {
  const out = [];
  let n = 0;
  data.criteria.forEach((c) => c.indicators.forEach((i) => {
    n += 1;
    if (!Object.hasOwn(answers, i.id)) return;
    const target = targetOf(targets, i.id), d = distance(data, answers[i.id], target);
    if (d > 0) out.push({ indicator: i, criterion: c, answer: answers[i.id], target, distance: d, order: n });
  }));
  return out;
}

/* Your gaps: answers below their target (Yes unless the partnership set another), grouped by
 * criterion; in each the farthest from its target first, and the criterion farthest in all
 * first (then the one with the farthest single gap, then the criteria's order). */
export function gaps(data, answers, targets) {
  const groups = [];
  const all = below(data, answers, targets || {});
  data.criteria.forEach((c, order) => {
    const items = all.filter((x) => x.criterion === c).sort((a, b) => b.distance - a.distance || a.order - b.order);
    if (items.length) {
      const total = items.reduce((s, x) => s + x.distance, 0);
      groups.push({ criterion: c, items, total, farthest: items[0].distance, order });
    }
  });
  return groups.sort((a, b) => b.total - a.total || b.farthest - a.farthest || a.order - b.order);
}

// The questions that apply (not answered "not applicable") and how many of them are answered No.
export function mostlyNo(data, answers) {
  const applying = allIndicators(data).filter((i) => !(Object.hasOwn(answers, i.id) && answers[i.id] === NA));
  const no = applying.filter((i) => Object.hasOwn(answers, i.id) && answers[i.id] === "absent").length;
  return applying.length > 0 && no > MOST_NO * applying.length;
}

// Each indicator's place on the step-by-step path (data.steps, in path order): [step, position].
function pathPlaces(data) {
  const places = new Map();
  (data.steps || []).forEach((step, s) => (step.indicators || []).forEach((id, n) => {
    if (!places.has(id)) places.set(id, { step, rank: s * 10000 + n });
  }));
  return places;
}

/* Where to start: every gap in one list. When most answers are No (mostlyNo), in the order of the
 * step-by-step path where the data has one (gaps no step names after, in checklist order), else in
 * checklist order; otherwise worst first, by the distance to the target (then checklist order).
 * {mode: "path" | "checklist" | "worst", items: [{indicator, criterion, answer, target, distance, step?}]} */
export function startOrder(data, answers, targets) {
  const items = below(data, answers, targets || {});
  if (!mostlyNo(data, answers)) {
    return { mode: "worst", items: items.sort((a, b) => b.distance - a.distance || a.order - b.order) };
  }
  const places = pathPlaces(data);
  if (!places.size) return { mode: "checklist", items };
  const rank = (x) => (places.has(x.indicator.id) ? places.get(x.indicator.id).rank : Infinity);
  items.forEach((x) => { if (places.has(x.indicator.id)) x.step = places.get(x.indicator.id).step; });
  return { mode: "path", items: items.sort((a, b) => rank(a) - rank(b) || a.order - b.order) };
}

// The questions answered "Don't know", in checklist order: what the partnership has to find out.
export function toFindOut(data, answers) {
  const out = [];
  data.criteria.forEach((c) => c.indicators.forEach((i) => {
    if (Object.hasOwn(answers, i.id) && answers[i.id] === "unknown") out.push({ indicator: i, criterion: c });
  }));
  return out;
}

/* Progress against the target: of the questions that apply, how many are answered at or above
 * their target ({met, total}). */
export function atTarget(data, answers, targets) {
  const score = scoreOf(data);
  let met = 0, total = 0;
  allIndicators(data).forEach((i) => {
    const a = Object.hasOwn(answers, i.id) ? answers[i.id] : undefined;
    if (a === NA) return;
    total += 1;
    if (scored(score, a) && distance(data, a, targetOf(targets, i.id)) === 0) met += 1;
  });
  return { met, total };
}

export function gapCount(groups) {
  return groups.reduce((n, g) => n + g.items.length, 0);
}

export function allYes(data, answers) {
  return allIndicators(data).every((i) => Object.hasOwn(answers, i.id) && answers[i.id] === "present");
}

// What changed between two sets of answers: a higher score improved, a lower one slipped.
export function changes(data, before, after) {
  const score = scoreOf(data), out = { improved: [], slipped: [] };
  allIndicators(data).forEach((i) => {
    const from = Object.hasOwn(before, i.id) ? before[i.id] : undefined;
    const to = Object.hasOwn(after, i.id) ? after[i.id] : undefined;
    if (!scored(score, from) || !scored(score, to) || score.get(from) === score.get(to)) return;
    out[score.get(to) > score.get(from) ? "improved" : "slipped"].push({ indicator: i, from, to });
  });
  return out;
}

// A whole number of percent, as the page and the plan print a similarity.
export function percent(share) {
  return Math.round(share * 100);
}
