// The self-assessment's data file as generator/pages/export.py self_assessment() gives it for the
// fixture corpus (tests/fixtures/kb), in the English edition: tests/js/data.json, which
// tests/test_js_data.py keeps equal to the export (`python tests/test_js_data.py` rewrites it). The
// words are given as the page's t() would give them but by key and parameters, so a test can name
// the problem; DATA.labels holds the real ones.
import { readFileSync } from "node:fs";

export const DATA = JSON.parse(readFileSync(new URL("./data.json", import.meta.url), "utf8"));
// The profile's geometry as generator/pages/svg.py PROFILE exports it.
export const PROFILE = DATA.profile;

export const IDS = DATA.criteria.flatMap((c) => c.indicators.map((i) => i.id));
export const caseOf = (id) => DATA.cases.find((k) => k.id === id);
export const every = (level) => Object.fromEntries(IDS.map((id) => [id, level]));
export const t = (key, params) => key + (params ? " " + JSON.stringify(params) : "");
export const tn = (key, n, params) => key + "[" + n + "]" + (params ? " " + JSON.stringify(params) : "");
// Names every plain object inherits: never an indicator, a level, a plan field or a word.
export const INHERITED = ["constructor", "toString", "hasOwnProperty", "valueOf", "__proto__", "isPrototypeOf"];
