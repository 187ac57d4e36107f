/* The parties' part of the self-assessment as DOM nodes (view.mjs's rules: every text set as text,
 * never as HTML): answering as one party, merging the parties' files and links, the merged view
 * with where they differ first, a consensus answer and a note per question, and the agenda as it
 * prints. `m` is parties.merged() of the partnership's parties. */
import { NA } from "./core.mjs";
import { PARTY_NAME_MAX, ROLES, sectorOf } from "./parties.mjs";
import { TEXT_MAX } from "./partnership.mjs";
import { dateText, nameOf } from "./plan.mjs";
import { el } from "./view.mjs";

const button = (id, text, attrs) => el("button", Object.assign({ type: "button", "class": "md-button", id, text }, attrs || {}));

export function roleText(ui, role) {
  const sector = sectorOf(role);
  const side = sector === "public" ? ui.t("party_sector_public") : ui.t("party_sector_private");
  return ui.t("party_role_" + role) + (sector ? ", " + side : "");
}

function answerText(ui, answer) {
  if (answer === null) return ui.t("party_no_answer");
  const s = ui.data.scale.find((x) => x.id === answer);
  return (s ? s.symbol + " " : "– ") + ui.t("answer_" + answer);
}

/* Where this device's party sends its answers: its file and its link (drawn on demand into the
 * box, with a copy button). Once above the questions and once after them (`suffix` "-end"), so a
 * party that has answered need not scroll back up. */
export function sendBox(ui, p, suffix) {
  const { t } = ui;
  return el("div", { "class": "kb-sa-party-send-box", id: "kb-sa-party-send-box" + suffix, "data-suffix": suffix }, [
    el("p", { id: "kb-sa-party-send" + suffix, "data-party-send": "", text: t("party_send", { name: p.party.name || t("party_unnamed") }) }),
    el("p", { "class": "kb-sa-tools" }, [
      button("kb-sa-party-export" + suffix, t("party_export"), { "data-party-export": "" }), button("kb-sa-party-link" + suffix, t("party_link"), { "data-party-link": "" }),
    ]),
    el("div", { id: "kb-sa-party-link-box" + suffix, "class": "kb-sa-share" }),
  ]);
}

// After the questions, for a party: its send buttons again. An empty section otherwise.
export function renderPartyEnd(ui, p) {
  if (!p.party) return el("section", { id: "kb-sa-party-end", hidden: "" });
  return el("section", { id: "kb-sa-party-end", "class": "kb-sa-party-end", "aria-labelledby": "kb-sa-party-end-h" }, [
    el("h2", { id: "kb-sa-party-end-h", text: ui.t("party_end_h") }), sendBox(ui, p, "-end"),
  ]);
}

// A party's link in a read-only field (a share link is long), to copy, or to open.
export function renderPartyLink(ui, link, suffix) {
  const { t } = ui, field = el("input", { type: "text", readonly: "", id: "kb-sa-party-link-field" + suffix, "class": "kb-sa-link-field", value: link });
  return [
    el("label", { "for": field.id, text: t("share_label") }), field,
    el("p", { "class": "kb-sa-tools" }, [
      button("kb-sa-party-copy" + suffix, t("copy"), { "data-party-copy": "" }),
      el("a", { href: link, id: "kb-sa-party-link-out" + suffix, text: t("party_link_open") }),
    ]),
  ];
}

// This device's answers as one party's: its name and role, then its file or link to send.
function ownPart(ui, p) {
  const { t } = ui, mark = p.party || { name: "", role: "" };
  const role = el("select", { id: "kb-sa-party-role", "data-party-own": "role" }, [""].concat(ROLES).map((r) => {
    const o = el("option", { value: r, text: r ? roleText(ui, r) : t("party_own_none") });
    o.selected = r === mark.role;
    return o;
  }));
  // Folded until this device answers as one party: the partnership's own answers need none of it.
  const box = el("details", Object.assign({ "class": "kb-sa-party-own", id: "kb-sa-party-own" }, p.party ? { open: "" } : {}), [
    el("summary", { id: "kb-sa-party-own-h", text: t("party_own_h") }), el("p", { text: t("party_own_intro") }),
    el("div", { "class": "kb-sa-bar" }, [
      el("label", { "for": "kb-sa-party-name", text: t("party_name") }),
      el("input", { type: "text", id: "kb-sa-party-name", "data-party-own": "name", value: mark.name, maxlength: String(PARTY_NAME_MAX), autocomplete: "organization" }),
      // The label kept with its select on a narrow screen.
      el("span", { "class": "kb-sa-pair" }, [el("label", { "for": "kb-sa-party-role", text: t("party_role") }), role]),
    ]),
  ]);
  if (p.party) box.appendChild(sendBox(ui, p, ""));
  return box;
}

// The parties' files and links merged here, and the parties merged so far.
function mergePart(ui, p) {
  const { t, tn } = ui, list = p.parties || [];
  // Folded until a party is merged: a party about to answer meets its own box first.
  return el("details", Object.assign({ "class": "kb-sa-party-merge", id: "kb-sa-party-merge" }, list.length ? { open: "" } : {}), [
    el("summary", {}, [el("h3", { id: "kb-sa-party-merge-h", text: t("party_merge_h") })]), el("p", { text: t("party_merge_intro") }),
    el("p", { "class": "kb-sa-tools" }, [
      el("label", { "for": "kb-sa-party-files", "class": "md-button", text: t("party_files") }),
      el("input", { type: "file", accept: "application/json,.json", multiple: "", id: "kb-sa-party-files", "class": "kb-sa-file" }),
    ]),
    el("div", { "class": "kb-sa-bar" }, [
      el("label", { "for": "kb-sa-party-link-in", text: t("party_link_in") }),
      el("input", { type: "url", id: "kb-sa-party-link-in", autocomplete: "off" }), button("kb-sa-party-link-add", t("party_link_add")),
    ]),
    list.length ? el("ul", { id: "kb-sa-party-list" }, list.map((x) => el("li", { "data-party": x.id }, [
      el("strong", { text: x.name || t("party_unnamed") }), " (" + roleText(ui, x.role) + "): ",
      tn("n_answers", Object.keys(x.answers).length, { count: Object.keys(x.answers).length }) + " ",
      button("kb-sa-party-remove-" + list.indexOf(x), t("party_remove"), { "data-party-remove": x.id, "class": "md-button kb-sa-small" }),
    ]))) : el("p", { id: "kb-sa-party-none", text: t("party_none") }),
  ]);
}

function why(ui, x) {
  const out = [];
  if (x.apart) out.push(ui.t("agenda_apart"));
  if (x.sectors) out.push(x.sectors === "public_higher" ? ui.t("agenda_public_higher") : ui.t("agenda_private_higher"));
  return out.join(" ");
}

function consensusField(ui, p, x) {
  const { t } = ui, id = x.indicator.id, own = Object.hasOwn(p.answers, id) ? p.answers[id] : "";
  const select = el("select", { id: "kb-sa-consensus-" + id, "data-consensus": id },
    [""].concat(ui.data.scale.map((s) => s.id), [NA]).map((a) => {
      const o = el("option", { value: a, text: a ? t("answer_" + a) : t("party_consensus_open") });
      o.selected = a === own;
      return o;
    }));
  const note = el("input", { type: "text", id: "kb-sa-note-" + id, "data-note": id, maxlength: String(TEXT_MAX),
    value: (p.notes && Object.hasOwn(p.notes, id) && p.notes[id]) || "" });
  return el("div", { "class": "kb-sa-plan-fields kb-sa-consensus" }, [
    el("div", { "class": "kb-sa-field" }, [el("label", { "for": select.id, text: t("party_consensus") }), select]),
    el("div", { "class": "kb-sa-field kb-sa-field--action" }, [el("label", { "for": note.id, text: t("party_note") }), note]),
  ]);
}

/* What a party said beside its answer: why it does not apply ("not applicable"), or the target
 * it set when that is not Yes. */
function partyExtra(ui, party, id, answer) {
  const own = (o) => (o && Object.hasOwn(o, id) ? o[id] : "");
  const reason = answer === NA ? own(party.reasons) : "", target = answer === NA ? "" : own(party.targets);
  if (reason) return el("span", { "class": "kb-sa-party-reason", text: " (" + ui.t("na_reason") + " " + reason + ")" });
  if (target && target !== "present") return el("span", { "class": "kb-sa-party-target", text: " (" + ui.t("target_is", { target: ui.t("answer_" + target) }) + ")" });
  return null;
}

// One question as every party answered it, why it is on the agenda, and the consensus with its note.
function mergedItem(ui, p, x, tag) {
  const reason = why(ui, x);
  return el(tag, { "class": "kb-sa-merged", "data-indicator": x.indicator.id, "data-apart": String(x.apart), "data-sectors": x.sectors || "" }, [
    el("p", { "class": "kb-sa-q" }, [el("a", { href: ui.base + x.indicator.url, text: x.indicator.title }), " (" + x.criterion.title + ")"]),
    el("p", { "class": "kb-sa-looks", text: x.indicator.question }),
    reason ? el("p", { "class": "kb-sa-why", text: reason }) : null,
    el("ul", { "class": "kb-sa-party-answers" }, x.answers.map((a) => el("li", { "data-party": a.party.id, "data-answer": a.answer || "" }, [
      el("span", { text: (a.party.name || ui.t("party_unnamed")) + " (" + ui.t("party_role_" + a.party.role) + "): " }),
      el("strong", { text: answerText(ui, a.answer) }), partyExtra(ui, a.party, x.indicator.id, a.answer),
    ]))),
    consensusField(ui, p, x),
  ]);
}

function group(ui, p, id, title, intro, items, tag) {
  if (!items.length) return null;
  const list = el(tag === "li" ? "ol" : "div", { id: id + "-list", "class": "kb-sa-merged-list" }, items.map((x) => mergedItem(ui, p, x, tag)));
  return el("section", { id, "aria-labelledby": id + "-h" }, [el("h3", { id: id + "-h", text: title }), intro ? el("p", { text: intro }) : null, list]);
}

/* Whose answers the questions hold: the partnership's agreed ones. When it has answers of its own
 * beside its parties (a coordinator who answered here too), the way to keep them apart. */
function consensusIs(ui, p) {
  // Answers taken over or decided from the parties are not its own (agreed_only: none before them).
  const { t } = ui, own = Object.keys(p.answers).length > 0 && !p.agreed_only;
  return el("div", { id: "kb-sa-party-consensus-is", "class": own ? "admonition warning" : "" }, [
    el("p", { text: t("party_consensus_is") }),
    own ? el("p", { id: "kb-sa-party-own-answers", text: p.party ? t("party_own_answers_marked", { name: nameOf(ui, p) }) : t("party_own_answers", { name: nameOf(ui, p) }) }) : null,
    own ? el("p", {}, [button("kb-sa-party-shared", t("party_shared"))]) : null,
  ]);
}

// The merged view: where the parties differ first (the agenda), then one-step differences, then agreement.
function mergedPart(ui, p, m) {
  const { t, tn } = ui, agreedOpen = m.agreed.filter((x) => !Object.hasOwn(p.answers, x.indicator.id)).length;
  const agenda = el("section", { id: "kb-sa-agenda", "aria-labelledby": "kb-sa-agenda-h" }, [
    el("h3", { id: "kb-sa-agenda-h", text: t("agenda_h") }), el("p", { id: "kb-sa-agenda-rule", text: t("agenda_rule") }),
    m.agenda.length ? el("ol", { id: "kb-sa-agenda-list", "class": "kb-sa-merged-list" }, m.agenda.map((x) => mergedItem(ui, p, x, "li")))
      : el("p", { id: "kb-sa-agenda-none", text: t("agenda_none") }),
    el("p", { "class": "kb-sa-tools" }, [
      button("kb-sa-agenda-print", t("agenda_print"), { "class": "md-button md-button--primary" }),
      // Only when there is something to take over: never "take over the 0 answers".
      agreedOpen ? button("kb-sa-party-take", tn("party_take", agreedOpen, { count: agreedOpen })) : null,
    ]),
  ]);
  return [
    consensusIs(ui, p), agenda,
    group(ui, p, "kb-sa-party-other", t("party_other_h"), t("party_other_intro"), m.other, "div"),
    group(ui, p, "kb-sa-party-agreed", t("party_agreed_h"), t("party_agreed_intro"), m.agreed, "div"),
    group(ui, p, "kb-sa-party-open", t("party_open_h"), "", m.open, "div"),
  ];
}

/* The study's own (English) words behind this knowledge base's rendering, one tap away, as the
 * site's pages give them (notes.py quote_html): only where the edition is not the study's language. */
function original(ui, words) {
  if (!ui.data.language || ui.data.language === "en") return null;
  return el("details", { "class": "kb-original" }, [
    // Labelled as the case examples' quotes are ("English original: ‘…’"): the badge sits right after the translated words.
    el("summary", { text: ui.t("our_translation") }), " ",
    el("span", { "class": "kb-original__words" }, [ui.data.quote_marks.original.en + ": ", el("span", { lang: "en", text: words })]),
  ]);
}

export function renderParties(ui, p, m) {
  const { t } = ui, list = p.parties || [];
  return el("section", { id: "kb-sa-parties", "class": "kb-sa-parties", "aria-labelledby": "kb-sa-parties-h" }, [
    el("h2", { id: "kb-sa-parties-h", text: t("party_h") }),
    el("p", { text: t("party_intro") }), el("p", { "class": "kb-sa-looks", id: "kb-sa-party-sectors" }, [t("party_sectors"), original(ui, t("party_sectors_original")), " ", t("party_roles_reading")]),
    ...(list.length ? mergedPart(ui, p, m) : []),
    ...(list.length ? [mergePart(ui, p), ownPart(ui, p)] : [ownPart(ui, p), mergePart(ui, p)]),
  ]);
}

// What is agreed on a question so far (answer and note), or a line to write it when nothing is.
function agreedLine(ui, p, id) {
  const answer = Object.hasOwn(p.answers, id) ? p.answers[id] : "", note = (p.notes && Object.hasOwn(p.notes, id) && p.notes[id]) || "";
  if (!answer && !note) return el("span", { "class": "kb-sa-agenda-write", text: ui.t("agenda_write") });
  // "‘Partly’ (Covenant drafted)": the answer quoted, the note after it in brackets, never two colons in a row.
  const chosen = answer ? ui.t("agenda_answer", { answer: ui.t("answer_" + answer) }) : ui.t("party_consensus_open");
  const said = note ? chosen + " (" + note + ")" : chosen;
  return el("span", { "class": "kb-sa-agenda-agreed", text: ui.t("agenda_agreed", { agreed: said }) });
}

function agendaPrintItem(ui, p, x) {
  const answers = x.answers.map((a) => (a.party.name || ui.t("party_unnamed")) + " (" + ui.t("party_role_" + a.party.role) + "): " + answerText(ui, a.answer));
  return el("li", { "data-indicator": x.indicator.id }, [
    el("strong", { text: x.indicator.title }), " (" + x.criterion.title + ")",
    el("br"), x.indicator.question,  // the question on its own line, so the titles scan in a meeting
    el("br"), answers.join("; "), el("br"), el("em", { text: why(ui, x) }),
    agreedLine(ui, p, x.indicator.id),
  ]);
}

/* The agenda as it prints, in the plan's place (kb.css prints #kb-sa-print): for the
 * partnership's next meeting, the questions where the parties differ, each party's answer and
 * why it is there, room to write the agreement; the other differences; where it came from. */
export function renderAgendaPrint(ui, p, m, at) {
  const { t } = ui, list = p.parties || [];
  const box = el("section", { "class": "kb-sa-print kb-sa-agenda-print", id: "kb-sa-print", "aria-hidden": "true" }, [
    el("h1", { text: t("agenda_for", { name: nameOf(ui, p) }) }), el("p", { text: t("plan_date", { date: dateText(ui, at.date) }) }),
    el("p", { text: t("agenda_parties", { list: list.map((x) => (x.name || t("party_unnamed")) + " (" + roleText(ui, x.role) + ")").join("; ") }) }),
    el("p", { text: t("agenda_rule") }),
  ]);
  box.appendChild(m.agenda.length ? el("ol", { "class": "kb-sa-agenda-items" }, m.agenda.map((x) => agendaPrintItem(ui, p, x))) : el("p", { text: t("agenda_none") }));
  if (m.other.length) {
    box.appendChild(el("h2", { text: t("party_other_h") }));
    box.appendChild(el("ul", {}, m.other.map((x) => el("li", { "data-indicator": x.indicator.id }, [
      x.indicator.title + ": " + x.answers.map((a) => (a.party.name || t("party_unnamed")) + " " + answerText(ui, a.answer)).join("; "),
      Object.hasOwn(p.answers, x.indicator.id) || (p.notes && p.notes[x.indicator.id]) ? agreedLine(ui, p, x.indicator.id) : null,
    ]))));
  }
  box.appendChild(el("p", { "class": "kb-sa-print-origin", id: "kb-sa-print-origin", text: t("print_origin", { site: at.origin.site, url: at.origin.url, date: dateText(ui, at.date) }) }));
  return box;
}
