/* The reader's criterion profile laid out as generator/pages/svg.py profile() lays out a case's, from
 * the numbers the build exports with the data (data.profile): narrow, each criterion's name on lines
 * of its own above its bar, so that beside the cases' pictures, and on a phone, its text stays at
 * least 12 CSS px. Pure: shapes as plain objects, drawn by view.mjs. */

const isUpper = (c) => c.toLowerCase() !== c && c.toUpperCase() === c;

// A generous estimate of how wide `text` renders at `size` px (svg.text_width, the same numbers).
export function textWidth(geometry, text, size, bold) {
  const w = geometry.text_width;
  let em = 0;
  for (const c of text) {
    if (c.codePointAt(0) >= w.symbol_from) em += w.symbol;
    else if (w.narrow_chars.includes(c)) em += w.narrow;
    else if (w.wide_chars.includes(c)) em += w.wide;
    else em += isUpper(c) ? w.upper : w.other;
  }
  return em * size * (bold ? w.bold : 1);
}

// A word too long for a line of its own, in parts that each fit, all but the last ending in "-".
function breakWord(fits, whole) {
  const parts = [""];
  for (const c of whole) {
    if (parts[parts.length - 1] && !fits(parts[parts.length - 1] + c + "-")) {
      parts[parts.length - 1] += "-";
      parts.push("");
    }
    parts[parts.length - 1] += c;
  }
  return parts;
}

// `text` in lines that each fit `width` (svg.wrap).
export function wrap(geometry, text, width, size, bold) {
  const fits = (s) => textWidth(geometry, s, size, bold) <= width;
  const lines = [];
  text.split(/\s+/).filter(Boolean).forEach((whole) => {
    const [first, ...rest] = breakWord(fits, whole);
    if (lines.length && fits(lines[lines.length - 1] + " " + first)) lines[lines.length - 1] += " " + first;
    else lines.push(first);
    lines.push(...rest);
  });
  return lines.length ? lines : [""];
}

// One criterion: its name's lines, under them a bar as long as its score in the rating's colour
// (dashed round when not known), and the rating's symbol and label. Returns the next row's top.
function row(g, shapes, c, s, y, barW) {
  wrap(g, c.title, g.width - 4, g.font_size, false).forEach((line) => {
    y += g.line_height;
    shapes.push({ tag: "text", attrs: { x: 2, y: y - 4, fill: g.colours.text }, text: line });  // 2: a glyph's overhang
  });
  const top = y + 3, bar = { x: 0, y: top, width: barW, height: g.bar_height };
  shapes.push({ tag: "rect", attrs: { ...bar, fill: g.colours.track, stroke: g.colours.border } });
  if (s.score === null) shapes.push({ tag: "rect", attrs: { ...bar, fill: "none", stroke: s.colour, "stroke-dasharray": "4 3" } });
  else shapes.push({ tag: "rect", attrs: { ...bar, width: Math.max(6, Math.floor(barW * s.score / 2)), fill: s.colour } });
  shapes.push({ tag: "text", attrs: { x: barW + 8, y: top + 15, fill: s.colour, "font-weight": "600" }, text: s.symbol + " " + s.label });
  return top + g.bar_height + g.gap;
}

/* The picture of `profile` ({criterion id: rating}): {width, height, shapes, desc}; the bars leave
 * room for the widest rating label of the scale, so every picture's bars are as long. */
export function profileLayout(data, profile) {
  const g = data.profile, scale = (id) => data.scale.find((s) => s.id === id);
  const labelW = Math.max(...data.scale.map((s) => textWidth(g, s.symbol + " " + s.label, g.font_size, true)));
  const barW = Math.trunc(g.width - labelW - 10), shapes = [];
  let y = 2;
  data.criteria.forEach((c) => { y = row(g, shapes, c, scale(profile[c.id]), y, barW); });
  const desc = data.criteria.map((c) => c.title + ": " + scale(profile[c.id]).label).join("; ");
  return { width: g.width, height: y - g.gap + 4, shapes, desc };
}
