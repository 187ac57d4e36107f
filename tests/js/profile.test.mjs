// The reader's profile picture laid out under node (profile.mjs): the width estimate, the wrapping
// of long names, and a layout as narrow as the cases' pictures whose text stays inside it.
// tests/test_profile_drawing.py checks the same layout against the build's own drawing.
import test from "node:test";
import assert from "node:assert/strict";
import { profileLayout, textWidth, wrap } from "../../docs/assets/javascripts/self-assessment/profile.mjs";
import { DATA, PROFILE } from "./data.mjs";

const near = (a, b) => assert.ok(Math.abs(a - b) < 1e-9, a + " is not " + b);

test("textWidth weighs narrow, wide, capital, other and symbol characters, bold a tenth wider", () => {
  near(textWidth(PROFILE, "i", 10, false), 3.6);
  near(textWidth(PROFILE, "m", 10, false), 10.2);
  near(textWidth(PROFILE, "A", 10, false), 8);
  near(textWidth(PROFILE, "a", 10, false), 6.2);
  near(textWidth(PROFILE, "●", 10, false), 10.5);
  near(textWidth(PROFILE, "ab", 10, true), 2 * 6.2 * 1.1);
  near(textWidth(PROFILE, "", 14, false), 0);
});

test("wrap keeps short text on one line and breaks long text between words", () => {
  assert.deepEqual(wrap(PROFILE, "Trust", 336, 14), ["Trust"]);
  const lines = wrap(PROFILE, "Verdeling van verantwoordelijkheden en sturing", 200, 14);
  assert.ok(lines.length > 1, lines);
  assert.equal(lines.join(" "), "Verdeling van verantwoordelijkheden en sturing");
  lines.forEach((line) => assert.ok(textWidth(PROFILE, line, 14) <= 200, line));
});

test("wrap breaks a word longer than a line with hyphens, and gives one empty line for no text", () => {
  const lines = wrap(PROFILE, "Samenwerkingsverbandsoverleg", 80, 14);
  assert.ok(lines.length > 2, lines);
  lines.slice(0, -1).forEach((line) => assert.ok(line.endsWith("-"), line));
  assert.equal(lines.map((l) => l.replace(/-$/, "")).join(""), "Samenwerkingsverbandsoverleg");
  lines.forEach((line) => assert.ok(textWidth(PROFILE, line, 14) <= 80, line));
  assert.deepEqual(wrap(PROFILE, "  ", 80, 14), [""]);
});

const [c0, c1, c2] = DATA.criteria;
const label = (id) => DATA.scale.find((s) => s.id === id).label;

test("the layout is as narrow as the cases' pictures, every text inside it, every bar as long", () => {
  const long = { ...DATA, criteria: [...DATA.criteria, { id: "long", title: "Verdeling van verantwoordelijkheden en sturing ".repeat(3), indicators: [] }] };
  const ratings = { [c0.id]: "present", [c1.id]: "unknown", [c2.id]: "partial", long: "absent" };
  const { width, height, shapes, desc } = profileLayout(long, ratings);
  assert.equal(width, PROFILE.width);
  const texts = shapes.filter((s) => s.tag === "text"), tracks = shapes.filter((s) => s.attrs.fill === PROFILE.colours.track);
  texts.forEach((s) => {
    const bold = s.attrs["font-weight"] === "600";
    assert.ok(s.attrs.x + textWidth(PROFILE, s.text, PROFILE.font_size, bold) <= width, s.text);
    assert.ok(s.attrs.y <= height, s.text);
  });
  assert.equal(tracks.length, 4);
  assert.equal(new Set(tracks.map((s) => s.attrs.width)).size, 1);
  assert.ok(texts.length > 8, "the long name wraps");
  assert.equal(desc, [
    `${c0.title}: ${label("present")}`, `${c1.title}: ${label("unknown")}`,
    `${c2.title}: ${label("partial")}`, `${long.criteria[3].title}: ${label("absent")}`,
  ].join("; "));
});

test("a bar is as long as its score, at least a sliver, and dashed round when not known", () => {
  const { shapes } = profileLayout(DATA, { [c0.id]: "absent", [c1.id]: "unknown", [c2.id]: "present" });
  const rects = shapes.filter((s) => s.tag === "rect");
  const track = rects[0].attrs.width;
  assert.equal(rects[1].attrs.width, 6);
  assert.equal(rects[1].attrs.fill, DATA.scale.find((s) => s.id === "absent").colour);
  assert.equal(rects[3].attrs["stroke-dasharray"], "4 3");
  assert.equal(rects[3].attrs.fill, "none");
  const full = profileLayout(DATA, { [c0.id]: "present", [c1.id]: "partial", [c2.id]: "present" }).shapes.filter((s) => s.tag === "rect");
  assert.equal(full[1].attrs.width, track);
  assert.equal(full[3].attrs.width, Math.floor(track / 2));
});
