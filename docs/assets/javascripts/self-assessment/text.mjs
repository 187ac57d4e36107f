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

// The CSV file: a byte-order mark (so a spreadsheet reads UTF-8), CRLF line ends.
export function csvText(rows) {
  return "\ufeff" + rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
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

const ascii = (text) => (text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

/* A download's name: the partnership's name in lower-case ASCII words (accents dropped), then each
 * of `more` (a party's name: two parties' files never share a name), the date and the extension;
 * `fallback` (the edition's word for the tool) where the name has no such words. */
export function fileName(name, date, ext, fallback, more) {
  const parts = [ascii(name) || ascii(fallback) || "self-assessment", ...(more || []).map(ascii).filter(Boolean)];
  return parts.join("-") + "-" + date + "." + ext;
}
