// No function in the site's scripts (docs/assets/javascripts, its folders included) is longer than
// MAX lines. The scan is a careful brace count that skips comments, strings, template literals and
// regular expressions: node has no JavaScript parser of its own, and none is installed offline.
// Every block opened after `)` or `=>` is measured (a function, a method, an if's or a loop's
// block, which is never longer than the function holding it); a classic script's wrapper
// `(function () { ... })();` is its module scope, not a function, and is left out.
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";

const MAX = 60;
const ROOT = new URL("../../", import.meta.url).pathname;
const SCRIPTS = join(ROOT, "docs/assets/javascripts");
// After these a `/` starts a regular expression; after anything else it divides.
const BEFORE_REGEX = new Set("(,=:[!&|?{};+-*%<>~^".split(""));
const REGEX_KEYWORDS = /(?:^|[^\w$])(?:return|typeof|case|in|of|void|delete)\s*$/;

function scripts(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return scripts(path);
    return /\.m?js$/.test(entry.name) ? [path] : [];
  });
}

// The index just past a quoted string (or a template literal's text part) starting at i.
function skipQuoted(src, i, quote) {
  for (i += 1; i < src.length; i++) {
    if (src[i] === "\\") { i += 1; continue; }
    if (src[i] === quote) return i + 1;
    if (quote === "`" && src[i] === "$" && src[i + 1] === "{") return -(i + 2);  // an expression starts
  }
  throw new Error("unterminated string");
}

function skipRegex(src, i) {
  let inClass = false;
  for (i += 1; i < src.length; i++) {
    const c = src[i];
    if (c === "\\") { i += 1; continue; }
    if (c === "[") inClass = true;
    else if (c === "]") inClass = false;
    else if (c === "/" && !inClass) { i += 1; while (/[a-z]/.test(src[i])) i += 1; return i; }
    else if (c === "\n") throw new Error("unterminated regular expression");
  }
  throw new Error("unterminated regular expression");
}

function lastSignificant(code) {
  const trimmed = code.replace(/\s+$/, "");
  return { char: trimmed[trimmed.length - 1], text: trimmed };
}

/* The code with comments, strings, templates and regular expressions blanked out (newlines kept,
 * so line numbers hold), braces and parentheses left as they are. */
export function codeOnly(src) {
  let out = "", i = 0;
  const stack = [];  // "{" for a code brace, "${" for a template expression
  const blank = (text) => text.replace(/[^\n]/g, " ");
  while (i < src.length) {
    const c = src[i], next = src[i + 1];
    if (c === "/" && next === "/") { const end = src.indexOf("\n", i); const stop = end < 0 ? src.length : end; out += blank(src.slice(i, stop)); i = stop; continue; }
    if (c === "/" && next === "*") { const end = src.indexOf("*/", i + 2) + 2; out += blank(src.slice(i, end)); i = end; continue; }
    if (c === "'" || c === '"' || c === "`" || (c === "}" && stack[stack.length - 1] === "${")) {
      if (c === "}") stack.pop();
      let end = skipQuoted(src, i, c === "}" ? "`" : c);
      if (end < 0) { end = -end; stack.push("${"); }
      out += c === "}" ? " " + blank(src.slice(i + 1, end)) : blank(src.slice(i, end));
      i = end;
      continue;
    }
    if (c === "/") {
      const before = lastSignificant(out);
      if (before.char === undefined || BEFORE_REGEX.has(before.char) || REGEX_KEYWORDS.test(before.text)) {
        const end = skipRegex(src, i);
        out += blank(src.slice(i, end));
        i = end;
        continue;
      }
    }
    if (c === "{") stack.push("{");
    if (c === "}") stack.pop();
    out += c;
    i += 1;
  }
  return out;
}

// Each block opened after `)` or `=>`: its first line, its length in lines, and whether it is a script's wrapper.
export function blocks(src) {
  const code = codeOnly(src), open = [], found = [];
  const lineAt = (i) => code.slice(0, i).split("\n").length;
  for (let i = 0; i < code.length; i++) {
    if (code[i] === "{") {
      const before = code.slice(0, i).replace(/\s+$/, "");
      open.push({ at: i, measured: before.endsWith(")") || before.endsWith("=>"), depth: open.length });
    } else if (code[i] === "}") {
      const block = open.pop();
      if (!block.measured) continue;
      const wrapper = block.depth === 0 && /^\s*\)\s*\(\s*\)/.test(code.slice(i + 1));
      found.push({ line: lineAt(block.at), length: lineAt(i) - lineAt(block.at) + 1, wrapper });
    }
  }
  assert.equal(open.length, 0, "unbalanced braces");
  return found;
}

test("the scan skips braces in strings, templates, comments and regular expressions", () => {
  const src = [
    "(function () {",
    "  var a = '}' + \"{\" + `${ {x: 1}.x }}`; // }",
    "  /* { */ var r = /[}{\\/]/g, d = 4 / 2 / 1;",
    "  function f(x) {",
    "    if (x) { return x.replace(/\\{/, \"}\"); }",
    "    return typeof /}/;",
    "  }",
    "  var g = (y) => {",
    "    return y;",
    "  };",
    "})();",
  ].join("\n");
  assert.deepEqual(blocks(src), [
    { line: 5, length: 1, wrapper: false },
    { line: 4, length: 4, wrapper: false },
    { line: 8, length: 3, wrapper: false },
    { line: 1, length: 11, wrapper: true },
  ]);
});

test("a function one line over the limit is found", () => {
  const body = Array.from({ length: MAX - 1 }, (_, n) => "  step(" + n + ");").join("\n");
  assert.deepEqual(blocks("function long() {\n" + body + "\n}\n").map((b) => b.length), [MAX + 1]);
  assert.deepEqual(blocks("function ok() {\n" + body.split("\n").slice(1).join("\n") + "\n}\n").map((b) => b.length), [MAX]);
});

test(`no function in the site's scripts is longer than ${MAX} lines`, () => {
  const files = scripts(SCRIPTS);
  assert.ok(files.length >= 8, files.join(", "));
  const long = files.flatMap((path) => blocks(readFileSync(path, "utf-8"))
    .filter((b) => !b.wrapper && b.length > MAX)
    .map((b) => `${relative(ROOT, path)}:${b.line}: ${b.length} lines`));
  assert.deepEqual(long, []);
});
