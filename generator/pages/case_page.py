"""A case page's sections as HTML blocks, between the headings its template writes in Markdown.

A collection of a thousand cases is a thousand such pages, each with a table row per indicator,
a quote and a link per citation. As Markdown, Python-Markdown read them character by character:
most of a large build's time. Written here as the HTML it made of them, they are set aside while
the page renders (``markup.block``), and only the headings, which MkDocs needs for the table of
contents and the anchors, are left to Markdown. Contributor text is escaped as HTML (``markup``),
as inert as it was as Markdown.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from html import escape

from generator.pages import local, paths
from generator.pages import markup as h
from generator.pages.pieces import badge, cited, english_name, other_names, profile_alt_text, rule_text
from generator.pages.text import Fallback, Trusted, pick
from generator.pages.text import paragraphs as split_paragraphs
from generator.records.knowledge_base import KnowledgeBase
from generator.records.models import Case, Citation, Criterion, Fact, Lesson, Term
from generator.records.ratings import SCALE
from generator.words import language, table


def citation(page: str, kb: KnowledgeBase, citation: Citation) -> str:
    """One citation: its quote, if any, as a quotation, then a link to the source's page and section."""
    c = cited(kb, citation)
    where = [
        h.text(c.cited_as),
        *([h.in_language(c.section, c.lang)] if c.section else []),
        *([h.text(c.page)] if c.page else []),
    ]
    link = f'<a href="{escape(paths.href(page, c.target, c.anchor))}">{", ".join(where)}</a>'
    if c.quote:
        attr = f' lang="{c.lang}"' if c.lang != language() else ""
        return f"<q{attr}>{h.text(c.quote)}</q> ({link})"
    return link


def citations(page: str, kb: KnowledgeBase, cites: Iterable[Citation]) -> Trusted:
    """Every citation of a field, joined: what the field rests on, each leading to its source."""
    return Trusted("; ".join(citation(page, kb, c) for c in cites))


def source_line(page: str, kb: KnowledgeBase, cites: list[Citation]) -> str:
    """The small source line under a fact."""
    label = table()["source_one" if len(cites) == 1 else "source_many"]
    return f'<span class="kb-source">{label}: {citations(page, kb, cites)}</span>'


def paragraphs(value: object) -> list[str]:
    """A text's paragraphs as inert HTML, split as ``text.blocks`` splits them."""
    text = pick(value)
    english = isinstance(text, Fallback)  # each paragraph is marked as shown in English
    return [h.text(Fallback(p) if english else p) for p in split_paragraphs(text)]


def _p(*parts: str) -> str:
    return "<p>" + " ".join(p for p in parts if p) + "</p>"


def key_facts(case: Case, kb: KnowledgeBase, last_changed: str | None, words: dict[str, str]) -> Trusted:
    """Other names, then the table of key facts: country, place, target, the study's selection."""
    names = other_names(case)
    shown = _p(f"<strong>{h.text(words['also_known_as'])}:</strong> " + ", ".join(h.text(n) for n in names))
    english = english_name(case)
    if english:
        shown = (shown if names else "") + _p(f"<strong>{h.text(words['english_name'])}:</strong> {english}")
    rows: list[list[object]] = [
        [words["country"], kb.country(case.country).name if case.country else words["not_stated"]],
        [words["place"], case.place or words["not_stated"]],
        [words["target"], case.target],
        [words["status"], words[f"status_{case.status}"] if case.status else words["not_in_study"]],
        [words["assessed_by"], words[f"assessed_{case.assessed_by or 'none'}"]],
    ]
    if last_changed:
        rows.append([words["last_changed"], local.date(last_changed)])
    facts = h.table([words["key_facts"], ""], rows)
    return h.block(f"{shown}\n{facts}" if names or english else facts)


def sourced_text(page: str, kb: KnowledgeBase, fact: Fact) -> Trusted:
    """A text in paragraphs, and under it the line that says what it rests on."""
    return h.block("\n".join([*(_p(p) for p in paragraphs(fact.text)), _p(source_line(page, kb, fact.cite))]))


def lead_fact(page: str, kb: KnowledgeBase, lead: str, fact: Fact) -> Trusted:
    """One paragraph led by what it is about in bold: the text on one line, then its sources."""
    return h.block(_lead_fact(page, kb, lead, fact))


def _lead_fact(page: str, kb: KnowledgeBase, lead: str, fact: Fact) -> str:
    return _p(f"<strong>{h.text(lead)}</strong>", h.text(fact.text), source_line(page, kb, fact.cite))


def party_table(page: str, kb: KnowledgeBase, case: Case, words: dict[str, str]) -> Trusted:
    """A case's parties: name (and other names), sector, role and what it rests on."""
    rows: list[list[object]] = []
    for party in case.parties:
        names = other_names(party)
        others = f" ({', '.join(h.text(n) for n in names)})" if names else ""
        name = Trusted(f"<strong>{h.text(party.name)}</strong>{others}")
        rows.append([name, words[f"sector_{party.sector}"], party.role, citations(page, kb, party.cite)])
    return h.block(h.table([words["party"], words["sector"], words["role"], words["source"]], rows))


def fact_paragraphs(page: str, kb: KnowledgeBase, facts: list[tuple[str, Fact]], words: dict[str, str]) -> Trusted:
    """How a partnership works: one paragraph per fact, led by what it is about."""
    return h.block("\n".join(_lead_fact(page, kb, f"{words[key]}.", fact) for key, fact in facts))


def admonition(kind: str, title: str, paragraphs_html: Iterable[str]) -> str:
    """A call-out box, as Python-Markdown's admonition extension writes one."""
    body = "\n".join(_p(p) for p in paragraphs_html)
    return f'<div class="admonition {kind}">\n<p class="admonition-title">{h.text(title)}</p>\n{body}\n</div>'


def assessment_intro(page: str, kb: KnowledgeBase, case: Case, words: dict[str, str]) -> Trusted:
    """Who assessed the case and what that means, the source's own verdict, the profile picture."""
    basis = f"assessed_{case.assessed_by}"
    parts = [admonition("note", words[basis], [h.text(words[f"{basis}_note"])])]
    if case.verdict:
        parts.append(_lead_fact(page, kb, f"{words['verdict']}:", case.verdict))
    src = escape(paths.file_href(page, paths.profile_svg(case.id)))
    parts.append(f'<p><img alt="{escape(profile_alt_text(kb, case))}" class="kb-profile" src="{src}" /></p>')
    return h.block("\n".join(parts))


def criterion_ratings(page: str, kb: KnowledgeBase, case: Case, criterion: Criterion, words: dict[str, str]) -> Trusted:
    """Under a criterion's heading on a case page: its overall rating, then a row per indicator
    with its rating, the finding and the evidence it rests on."""
    entries = case.assessment[criterion.id]
    target = paths.criterion(criterion.id)
    about = h.link(page, words["about_criterion"], target)
    overall = _p(f"{h.text(words['overall'])}: {badge(kb.criterion_rating(case, criterion))} · {about}")
    rows: list[list[object]] = [
        [
            h.link(page, indicator.title, target, indicator.id),
            badge(entries[indicator.id].rating),
            entries[indicator.id].finding,
            citations(page, kb, entries[indicator.id].cite),
        ]
        for indicator in criterion.indicators
    ]
    head = [words["indicator"], words["rating"], words["finding"], words["evidence"]]
    return h.block(f"{overall}\n{h.table(head, rows)}")


def lesson_list(page: str, kb: KnowledgeBase, lessons: Iterable[Lesson]) -> Trusted:
    """The lessons a case shows, each with the criterion it belongs to."""
    items = "\n".join(
        f"<li>{h.link(page, lesson.title, paths.lesson(lesson.id))} "
        f"({h.text(kb.criterion(lesson.criterion).title)})</li>"
        for lesson in lessons
    )
    return h.block(f"<ul>\n{items}\n</ul>")


def legend() -> Trusted:
    """What each rating means and how a criterion's rating is derived (an info box)."""
    return h.block(_legend(language()))


@lru_cache(maxsize=4)
def _legend(lang: str) -> str:
    w = table(lang)
    items = " ".join(f"{badge(r)} {h.text(w['meaning_' + r.value])}<br>" for r in SCALE)
    return admonition("info", w["legend"], [items, *(h.text(t) for t in (rule_text(lang), w["limits"], w["reading"]))])


def cite_this_page(
    title: object, url: str, date: str | None, history_state: str, history: str | None, words: dict[str, str]
) -> Trusted:
    """How to cite a record's page: a suggested citation, its stable address, when its record last
    changed and, where the copy knows it, where the record's history is (``history`` is its address,
    None where the site has no history address at all)."""
    shown = local.date(date) if date else ""
    when = f"{h.text(words['last_changed_on'].lower())} {h.text(shown)}" if date else h.text(words["date_unknown"])
    suggested = (
        f"{h.text(title)}. In: <em>{h.text(words['kb_title'])}</em>, {when}. "
        f"{h.external_link(url)} ({h.text(words['accessed_on'])})."
    )
    changed: str = h.text(words["history_unavailable"])
    if date:
        shallow = f" ({h.text(words['history_shallow'])})" if history_state == "shallow" else ""
        changed = f"{h.text(shown)}{shallow}"
    items = [(words["stable_address"], h.external_link(url)), (words["last_changed"], changed)]
    if history is None:
        items.append((words["history"], h.text(words["history_unavailable"])))
    elif history_state != "none":
        items.append((words["history"], h.external_link(history)))
    listed = "\n".join(f"<li><strong>{h.text(name)}:</strong> {value}</li>" for name, value in items)
    return h.block(f"{admonition('quote', words['suggested_citation'], [suggested])}\n<ul>\n{listed}\n</ul>")


def terms_on_page(page: str, terms: Iterable[Term]) -> Trusted:
    """Below a rule, the glossary terms a page uses, each linked to its definition."""
    links = ", ".join(h.link(page, t.term, "glossary.md", t.id) for t in terms)
    return h.block(f"<hr />\n<p><strong>{h.text(table()['terms_on_page'])}:</strong> {links}</p>")
