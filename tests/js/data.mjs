// A small self-assessment data file in the shape generator/pages/export.py self_assessment() gives,
// and the words as the page's t() would give them: the key and its parameters, so a test can name
// the problem.
export const SCALE = [
  { id: "present", symbol: "●", label: "Present", score: 2, colour: "#1b7a3a" },
  { id: "partial", symbol: "◐", label: "Partly present", score: 1, colour: "#b7791f" },
  { id: "absent", symbol: "○", label: "Absent", score: 0, colour: "#b42318" },
  { id: "unknown", symbol: "?", label: "Not known", score: null, colour: "#6b7280" },
];

const indicator = (id) => ({ id, title: id + " title", question: id + "?", present_looks_like: "Looks like " + id, url: "criteria/x/#" + id, lessons: [], where_present: [] });

// The profile's geometry as generator/pages/svg.py PROFILE exports it (tests/test_profile_drawing.py
// holds the script's drawing to the build's with the real export).
export const PROFILE = {
  width: 340, font_size: 14, font_family: "system-ui, sans-serif", line_height: 18, bar_height: 20, gap: 12,
  colours: { text: "#1f2937", track: "#f3f4f6", border: "#d1d5db" },
  text_width: { narrow_chars: "iljfrtI.,;:'!|() ", wide_chars: "mwMW@%", symbol_from: 0x2000, narrow: 0.36, wide: 1.02, upper: 0.8, other: 0.62, symbol: 1.05, bold: 1.1 },
};

export const DATA = {
  language: "en",
  labels: {},
  scale: SCALE,
  profile: PROFILE,
  rule: { text: "mean of the scores", present_at: 1.5, absent_at: 0.5 },
  links: { conditions: "conditions/", variants: "variants/" },
  criteria: [
    { id: "network", title: "Network", url: "criteria/network/", indicators: [indicator("right-partners"), indicator("regular-meetings")] },
    { id: "trust", title: "Trust", url: "criteria/trust/", indicators: [indicator("mutual-confidence"), indicator("shared-goal"), indicator("council-reporting")] },
  ],
  cases: [
    { id: "arena", name: "Arena", url: "cases/arena/", profile: "cases/arena.svg", assessed_by: "study",
      criteria: { network: "present", trust: "present" },
      indicators: { "right-partners": "present", "regular-meetings": "present", "mutual-confidence": "present", "shared-goal": "present", "council-reporting": "present" } },
    { id: "festival", name: "Festival", url: "cases/festival/", profile: "cases/festival.svg", assessed_by: "contributors",
      criteria: { network: "partial", trust: "present" },
      indicators: { "right-partners": "present", "regular-meetings": "absent", "mutual-confidence": "present", "shared-goal": "present", "council-reporting": "unknown" } },
  ],
};
DATA.criteria[0].indicators[0].lessons = [{ id: "covenant", title: "Sign a covenant", url: "lessons/covenant/" }];

export const IDS = DATA.criteria.flatMap((c) => c.indicators.map((i) => i.id));
export const every = (level) => Object.fromEntries(IDS.map((id) => [id, level]));
export const t = (key, params) => key + (params ? " " + JSON.stringify(params) : "");
export const tn = (key, n, params) => key + "[" + n + "]" + (params ? " " + JSON.stringify(params) : "");
// Names every plain object inherits: never an indicator, a level, a plan field or a word.
export const INHERITED = ["constructor", "toString", "hasOwnProperty", "valueOf", "__proto__", "isPrototypeOf"];
