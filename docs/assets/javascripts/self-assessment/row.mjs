/* Your partnership as one more row of the comparison page's matrices, without the page: the
 * consensus answers kept in this browser (store.mjs), rated per criterion by the study's rule
 * (core.profileOf) and per indicator as answered, with how many answers reach each rating. Never
 * sent anywhere: the page reads it from this browser's storage and draws it there. */
import { NA, allIndicators, profileOf } from "./core.mjs";
import { openStore } from "./store.mjs";

/* The partnerships kept here that have answers, as rows: [{id, name, answers, criteria: {id: rating},
 * indicators: [answer or "unknown" per indicator, in the matrix's order], counts: {scale id: n},
 * answered: questions answered other than "not applicable", total: all questions, na: those
 * answered "not applicable" (the counts leave them out, so the count line names them)}],
 * the open one first. */
export function yourRows(data, storage, t) {
  const store = openStore(storage, data, t, () => "new");
  const state = store.state;
  const ordered = state.profiles.filter((p) => p.id === state.current).concat(state.profiles.filter((p) => p.id !== state.current));
  return ordered.filter((p) => Object.keys(p.answers).length > 0).map((p) => {
    const indicators = allIndicators(data).map((i) => (Object.hasOwn(p.answers, i.id) ? p.answers[i.id] : "unknown"));
    const counts = Object.fromEntries(data.scale.map((s) => [s.id, 0]));
    indicators.forEach((a) => { if (a !== NA) counts[a] += 1; });
    const na = indicators.filter((a) => a === NA).length;
    const answered = indicators.filter((a, n) => a !== NA && Object.hasOwn(p.answers, allIndicators(data)[n].id)).length;
    return { id: p.id, name: p.name, answers: p.answers, criteria: profileOf(data, p.answers), indicators, counts,
      answered, total: indicators.length, na };
  });
}
