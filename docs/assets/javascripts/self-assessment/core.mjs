/* The self-assessment's reckoning, without the page: ratings from answers (by the rule in the data
 * file, never a threshold of its own), the similarity to the assessed cases, the gaps and what
 * changed between two snapshots. Pure functions of the page's JSON (`data`) and a partnership's
 * answers ({indicator id: scale id}); tests/js/ runs them under node. */

const known = (x) => x !== null && x !== undefined;

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
    if (!scored(score, yours)) leftOut.push({ indicator: i, reason: "dont_know" });
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

/* Your gaps: indicators answered No, then Partly, grouped by criterion, the criterion with most
 * gaps first (then most No, then the criteria's order). Yes never makes a gap. */
export function gaps(data, answers) {
  const answered = (i, level) => Object.hasOwn(answers, i.id) && answers[i.id] === level;
  const groups = [];
  data.criteria.forEach((c, order) => {
    const no = c.indicators.filter((i) => answered(i, "absent"));
    const partly = c.indicators.filter((i) => answered(i, "partial"));
    const items = no.map((i) => ({ indicator: i, answer: "absent" }))
      .concat(partly.map((i) => ({ indicator: i, answer: "partial" })));
    if (items.length) groups.push({ criterion: c, items, absent: no.length, order });
  });
  return groups.sort((a, b) => b.items.length - a.items.length || b.absent - a.absent || a.order - b.order);
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
