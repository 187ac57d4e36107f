"""A source's "Cited in" list: the pages that cite it and, in the reader's words, what on each
rests on it ("Antwerp Diamond Quarter: the verdict, the parties and 13 ratings"), never a field's
name. At most ``CITED_IN_CAP`` pages of one kind are listed, the rest counted, so the section (and
the search index's share of it) stays bounded as the collection grows."""

from __future__ import annotations

import re

from generator.pages import local, paths
from generator.pages import markup as h
from generator.pages.names import name_of, noun_of
from generator.pages.text import Trusted, pick
from generator.records.knowledge_base import Backlink, KnowledgeBase
from generator.records.models import CASE_FACTS, TYPES, Source
from generator.words import plural

CITED_IN_CAP = 50  # pages of one kind a source's "Cited in" lists; the rest are counted

# What a cited field is, by the first part of its path, per kind of record: a word key, or a
# counted message (with plural forms) for the parts of which there are many (ratings, indicators).
WHAT: dict[str, dict[str, str]] = {
    "cases": {
        "verdict": "cited_verdict",
        "summary": "cited_summary",
        "status_reason": "cited_status_reason",
        "parties": "cited_parties",
        **dict.fromkeys(CASE_FACTS, "cited_fact"),
    },
    "lessons": {"cite": "cited_lesson", "text": "cited_lesson"},
    "criteria": {"literature": "cited_literature", "operationalisation": "cited_operationalisation"},
    "terms": {"cite": "cited_definition"},
    "countries": {"finding": "cited_finding"},
    "instruments": {"description": "cited_description", "links": "cited_official_page"},
    "sources": {"known_from": "cited_known_from"},
    "study": {"funnel": "cited_funnel"},
}
COUNTED = {("cases", "assessment"): "cited_rating", ("criteria", "indicators"): "cited_indicator"}
FALLBACK = {"study": "cited_study"}  # anything else a kind cites: "the text", or this


def names_its_kind(name: str, noun: str) -> bool:
    """Whether a name already says what kind of record it is, as a word of its own: "The study
    (study)" says nothing twice, while "Duitsland" still needs "(land)" like "Frankrijk"."""
    return re.search(rf"(?<!\w){re.escape(noun)}(?!\w)", name, re.IGNORECASE) is not None


def what_is_cited(kind: str, links: list[Backlink], words: dict[str, str]) -> str:
    """What on one page rests on the source, in words: "the verdict, the parties and 13 ratings"."""
    keys: list[str] = []
    counted: dict[str, set[tuple[object, ...]]] = {}
    for link in links:
        first = str(link.field[0]) if link.field else ""
        if (kind, first) in COUNTED:
            key = COUNTED[(kind, first)]
            counted.setdefault(key, set()).add(tuple(p for p in link.field[:3] if p != "cite"))
            if key not in keys:
                keys.append(key)
            continue
        key = WHAT.get(kind, {}).get(first) or FALLBACK.get(kind, "cited_text")
        if key not in keys:
            keys.append(key)
    shown = []
    for key in keys:
        if key in counted:
            n = len(counted[key])
            shown.append(plural(key, n, count=local.number(n)))
        else:
            shown.append(words[key])
    return local.joined(shown)


def cited_in(page: str, kb: KnowledgeBase, source: Source, words: dict[str, str]) -> Trusted:
    """Every page that cites ``source``, once each, with what it cites, in words (an HTML block)."""
    grouped: dict[tuple[str, str], list[Backlink]] = {}
    for link in kb.cited_by(source):
        grouped.setdefault((link.kind, getattr(link.record, "id", "")), []).append(link)
    # A criterion that rests on the source (its literature) without citing it in a text.
    resting = [c for c in kb.criteria_citing(source) if ("criteria", c.id) not in grouped]
    for criterion in resting:
        grouped[("criteria", criterion.id)] = []
    if not grouped:
        return h.block(f"<p>{h.text(words['not_cited'])}</p>")
    items = []
    shown: dict[str, int] = {}
    for (kind, key_id), links in grouped.items():
        shown[kind] = shown.get(kind, 0) + 1
        if shown[kind] > CITED_IN_CAP:
            continue
        record = links[0].record if links else kb.criterion(key_id)
        target, anchor_id = paths.record_page(kind, record)
        noun = noun_of(kind)
        kind_shown = "" if names_its_kind(pick(name_of(record)), noun) else f" ({h.text(noun)})"
        what = h.text(what_is_cited(kind, links, words) if links else words["cited_rests_on"])
        items.append(f"<li>{h.link(page, name_of(record), target, anchor_id)}{kind_shown}: {what}</li>")
    for kind, count in shown.items():
        if count > CITED_IN_CAP:
            index = next(t.page for t in TYPES if t.folder == kind)
            more = words["cited_more"].format(count=count - CITED_IN_CAP, noun=noun_of(kind), index="{index}")
            before, _, after = h.text(more).partition("{index}")
            items.append(f"<li>{before}{h.link(page, words['cited_more_list'], index)}{after}</li>")
    return h.block("<ul>\n" + "\n".join(items) + "\n</ul>")
