/* The case a reader chose to compare with, from a case page's "Compare your partnership with this
 * case" link (?compare=<case id>): the comparison shows that case first, whatever resembles most. */

// The chosen case's id, where the address names an assessed case of the data; null otherwise.
export function chosenCase(data, search) {
  const id = new URLSearchParams(search || "").get("compare");
  return id && data.cases.some((k) => k.id === id) ? id : null;
}

// The ranked similarities with the chosen case's first (the rest keep their order).
export function withChosen(all, id) {
  const chosen = all.filter((s) => s.kase.id === id);
  return chosen.concat(all.filter((s) => s.kase.id !== id));
}
