// What the self-assessment writes into files: CSV cells no spreadsheet runs, inert Markdown, names.
import test from "node:test";
import assert from "node:assert/strict";
import * as text from "../../docs/assets/javascripts/self-assessment/text.mjs";

test("a CSV cell never starts a formula, and is quoted where CSV needs it", () => {
  for (const start of ["=", "+", "-", "@", "\t", "\r"]) assert.ok(text.csvCell(start + "1").replace(/^"/, "").startsWith("'"), JSON.stringify(start));
  assert.equal(text.csvCell('=HYPERLINK("http://e.x","x")'), '"\'=HYPERLINK(""http://e.x"",""x"")"');
  assert.equal(text.csvCell("a=b"), "a=b");
  assert.equal(text.csvCell("a;b"), '"a;b"');
  assert.equal(text.csvCell("two\nlines"), '"two\nlines"');
  assert.equal(text.csvCell(undefined), "");
  assert.equal(text.csvCell(null), "");
  assert.equal(text.csvCell(0), "0");
});

test("the CSV file has a byte-order mark and CRLF line ends", () => {
  assert.equal(text.csvText([["a", "-1"], ["b", undefined]]), "\ufeffa,'-1\r\nb,\r\n");
});

test("Markdown text is inert: no HTML, link, image, heading or list survives", () => {
  const md = text.markdownText;
  assert.equal(md("<img src=x onerror=alert('imp')>"), "&lt;img src=x onerror=alert('imp')&gt;");
  assert.equal(md("<svg onload=alert(1)>"), "&lt;svg onload=alert(1)&gt;");
  assert.equal(md("[click](javascript:alert(1)) ![i](x)"), "\\[click\\](javascript:alert(1)) \\!\\[i\\](x)");
  assert.equal(md("a\n# Heading\n- item"), "a \\# Heading - item");
  assert.equal(md("- item"), "\\- item");
  assert.equal(md("+ item"), "\\+ item");
  assert.equal(md("=== underline"), "\\=== underline");
  assert.equal(md("1. first"), "1\\. first");
  assert.equal(md("2) second"), "2\\) second");
  assert.equal(md("Tom & Jerry *bold* _em_ `code` | ~ ^ \\"), "Tom &amp; Jerry \\*bold\\* \\_em\\_ \\`code\\` \\| \\~ \\^ \\\\");
  assert.equal(md("&lt;"), "&amp;lt;");  // an entity written stays text
  assert.equal(md(undefined), "");
  assert.equal(md("Put the yearly report on the council's agenda"), "Put the yearly report on the council's agenda");
});

test("a download's name is the partnership's in ASCII words, or self-assessment", () => {
  assert.equal(text.fileName("Arena Noord / Zuid", "2026-01-05", "md"), "arena-noord-zuid-2026-01-05.md");
  assert.equal(text.fileName("", "2026-01-05", "csv"), "self-assessment-2026-01-05.csv");
  assert.equal(text.fileName("体育场", "2026-01-05", "json"), "self-assessment-2026-01-05.json");
  assert.equal(text.fileName("../../etc", "2026-01-05", "json"), "etc-2026-01-05.json");
});

test("a date is YYYY-MM-DD in local time", () => {
  assert.equal(text.isoDate(new Date(2026, 0, 5, 23, 59)), "2026-01-05");
  assert.equal(text.isoDate(new Date(2026, 11, 31)), "2026-12-31");
});

test("a file's name: the edition's word where the name has none, a party's name beside the partnership's, accents dropped", () => {
  assert.equal(text.fileName("", "2026-01-05", "json", "zelfscan"), "zelfscan-2026-01-05.json");
  assert.equal(text.fileName("zelfscan-alles", "2026-01-05", "json", "zelfscan"), "zelfscan-alles-2026-01-05.json");
  assert.equal(text.fileName("Sandtown", "2026-01-05", "json", "zelfscan", ["Politie Zuid-Holland"]), "sandtown-politie-zuid-holland-2026-01-05.json");
  assert.equal(text.fileName("Café Noord", "2026-01-05", "json", "x", ["Gemeente"]), "cafe-noord-gemeente-2026-01-05.json");
});
