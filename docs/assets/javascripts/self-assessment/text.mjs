/* Text the self-assessment writes into files, whose names and plan text may come from someone
 * else's share link: CSV cells no spreadsheet runs, Markdown no renderer turns into HTML, and the
 * files' names and dates. */

// A cell of the plan's CSV: quoted where needed, and never read as a formula by a spreadsheet
// (data/ratings.csv follows the same rule: generator/pages/export.py, csv_cell).
export function csvCell(value) {
  let v = String(value === null || value === undefined ? "" : value);
  if (/^[=+\-@\t\r]/.test(v)) v = "'" + v;
  return /[",\n\r;]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
}

/* The CSV file: a byte-order mark (so a spreadsheet reads UTF-8), CRLF line ends, and the
 * edition's separator (the catalog's sa_csv_separator: ";" where a spreadsheet in that language
 * reads the comma as the decimal sign, so a Dutch Excel opens the plan in columns). */
export function csvText(rows, separator = ",") {
  return "\ufeff" + rows.map((r) => r.map(csvCell).join(separator)).join("\r\n") + "\r\n";
}

/* One line of inert Markdown: whitespace folded, Markdown's specials escaped, and & < > as
 * entities, so no HTML, link, image or heading survives (the generator's text.inline does the same). */
const MD_ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
export function markdownText(value) {
  let text = String(value === null || value === undefined ? "" : value).split(/\s+/).filter(Boolean).join(" ");
  text = text.replace(/[\\`*_{}\[\]#!|~^&<>]/g, (c) => MD_ESCAPES[c] || "\\" + c);
  // What means something only at a line's start: a list item, a heading's underline.
  return text.replace(/^(\d+)([.)])/, "$1\\$2").replace(/^([-+=])/, "\\$1");
}

// A date as YYYY-MM-DD in the reader's own time zone.
export function isoDate(date) {
  const pad = (n) => (n < 10 ? "0" : "") + n;
  return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
}

/* An ISO date ("2026-11-30") as a person reads it in the edition: "30 november 2026" in Dutch;
 * the English edition keeps ISO dates, as the generator's local.date does for prose. Anything that
 * is not a real date (free text, "") is shown as it is. The JSON files keep ISO: they are for machines. */
export function readableDate(iso, lang) {
  const found = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso || ""));
  if (!found || !lang || lang === "en") return String(iso || "");
  const when = new Date(Date.UTC(+found[1], +found[2] - 1, +found[3]));
  if (when.getUTCDate() !== +found[3] || when.getUTCMonth() !== +found[2] - 1) return String(iso);
  return new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" }).format(when);
}

const ascii = (text) => (text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

/* A download's name: the partnership's name in lower-case ASCII words (accents dropped), then each
 * of `more` (a party's name: two parties' files never share a name), the date and the extension;
 * `fallback` (the edition's word for the tool) where the name has no such words. */
export function fileName(name, date, ext, fallback, more) {
  const parts = [ascii(name) || ascii(fallback) || "self-assessment", ...(more || []).map(ascii).filter(Boolean)];
  return parts.join("-") + "-" + date + "." + ext;
}
