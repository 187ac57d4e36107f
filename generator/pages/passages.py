"""A source's sections as a reader lands on them from a footnote (issue 33): under each section's
anchor, the passages the knowledge base quotes from it, each with the pages that use it and what on
each rests on it ("Johan Cruijff ArenA: 2 ratings"), and the pages that cite the section without a
quote. A reader who follows a mark to the source sees the words at once and can go on to every other
statement that rests on them, instead of a bare heading.

The citations come from the knowledge base's one list of backlinks (``kb.cited_by``, built by the
annotation walk in records/refs.py), so a new field that cites a source shows here unchanged.
"""

from __future__ import annotations

from html import escape

from generator.pages import cited_in, local, paths
from generator.pages import markup as h
from generator.pages.cited_in import names_its_kind, what_is_cited
from generator.pages.names import name_of, noun_of, section_label
from generator.pages.notes import Notes, quote_html
from generator.pages.text import Trusted, pick
from generator.records.knowledge_base import Backlink, KnowledgeBase, section_anchor
from generator.records.models import Citation, Source
from generator.words import language, plural

# A record's page, and the anchor on it that the citation stands under (a case's criterion).
Place = tuple[str, str, str]  # (kind, record id, anchor)


def _place(link: Backlink) -> Place:
    _, anchor = paths.record_page(link.kind, link.record)
    if link.kind == "cases" and link.field and link.field[0] == "assessment" and len(link.field) > 1:
        anchor = str(link.field[1])  # the case page's heading of the rated criterion
    return link.kind, getattr(link.record, "id", ""), anchor


def _users(page: str, kb: KnowledgeBase, links: list[Backlink], words: dict[str, str]) -> str:
    """The pages ``links`` stand on, once each, with what on each rests on the citation."""
    grouped: dict[Place, list[Backlink]] = {}
    for link in links:
        grouped.setdefault(_place(link), []).append(link)
    items = []
    for (kind, _, anchor), group in list(grouped.items())[: cited_in.CITED_IN_CAP]:
        record = group[0].record
        target, _ = paths.record_page(kind, record)
        what = h.text(what_is_cited(kind, group, words))
        noun = noun_of(kind)
        # "The study (study)" says nothing twice, while "Duitsland (land)" does, as in the "Cited in" list.
        shown = "" if names_its_kind(pick(name_of(record)), noun) else f" ({h.text(noun)})"
        named = str(h.link(page, name_of(record), target, anchor))
        if kind == "cases" and anchor:  # two ratings of one case differ by their criterion
            named += f" › {h.text(kb.criterion(anchor).title)}"
        items.append(f"{named}{shown}: {what}")
    # One line of text, not a list: the study's page quotes hundreds of passages, and a list's
    # elements for each made the page too heavy for a phone (issue 33, Lighthouse's DOM size).
    return "; ".join(items)


def _rendering(users: list[Backlink], lang: str) -> str | None:
    """The quote in the edition's language, where it is in another: this knowledge base's rendering."""
    if lang == language():
        return None
    wanted = language()
    return next((text for u in users for key, text in u.citation.translation.items() if key == wanted), None)


def _section(
    page: str, kb: KnowledgeBase, source: Source, section: str, links: list[Backlink], words: dict[str, str]
) -> str:
    quoted: dict[str, list[Backlink]] = {}
    bare: list[Backlink] = []
    for link in links:
        if link.citation.quote:
            quoted.setdefault(" ".join(link.citation.quote.split()), []).append(link)
        else:
            bare.append(link)
    lang = source.quote_language(section)
    parts = [f'<h3 class="kb-section-name">{section_label(source, section)}</h3>']
    # Bounded as the "Cited in" list is: a page's words are capped in an engine's search index.
    cap = cited_in.CITED_IN_CAP
    passages = []
    for quote, users in list(quoted.items())[:cap]:
        used = h.text(words["trail_used_by"])
        # A div: the quote in another language brings a <details>, which would close a <p>.
        passages.append(
            f'<div class="kb-passage">{quote_html(quote, lang, _rendering(users, lang))}'
            f'<span class="kb-passage-uses">{used} {_users(page, kb, users, words)}</span></div>'
        )
    if len(quoted) > cap:
        more = words["trail_more_passages"].format(count=local.number(len(quoted) - cap))
        passages.append(f"<p>{h.text(more)}</p>")
    if passages:
        # Folded: the study's page quotes hundreds of passages, too many for a phone to lay out at
        # once (issue 33, Lighthouse's blocking time). source-marks.js opens the section a link lands
        # on, Material's script opens every fold to print, and kb.css shows them on paper without it.
        # Digits: the fold lines are a list of counts, "4 citaten" beside "26 citaten" (read 10).
        summary = h.text(plural("trail_passages_quoted", len(quoted), n=str(len(quoted))))
        parts.append(f'<details class="kb-passages"><summary>{summary}</summary>{"".join(passages)}</details>')
    if bare:
        parts.append(
            f'<p class="kb-passage-uses">{h.text(words["trail_cited_without_quote"])} {_users(page, kb, bare, words)}</p>'
        )
    if not links:
        parts.append(f'<p class="kb-passage-none">{h.text(words["trail_section_not_cited"])}</p>')
    anchor = escape(section_anchor(section), quote=True)
    return f'<section class="kb-source-section" id="{anchor}">' + "".join(parts) + "</section>"


def section_passages(page: str, kb: KnowledgeBase, source: Source, words: dict[str, str]) -> Trusted:
    """Every section ``source`` names, in its order, each under its anchor with what is quoted from
    it and where (an HTML block)."""
    by_section: dict[str, list[Backlink]] = {s: [] for s in source.sections}
    for link in kb.cited_by(source):
        if link.citation.section in by_section:
            by_section[link.citation.section].append(link)
    blocks = [_section(page, kb, source, s, links, words) for s, links in by_section.items()]
    return h.block('<div class="kb-source-sections">\n' + "\n".join(blocks) + "\n</div>")


def official_links(kb: KnowledgeBase, links: list[Citation], notes: Notes) -> Trusted:
    """An instrument's official pages: each web-page source's title, linked to its address, with the
    mark of the words on that page that show it is the instrument's (an inline HTML block)."""
    parts = []
    for c in links:
        source = kb.source(c.source)
        title = h.in_language(
            source.title or pick(source.cited_as), source.title_lang if source.title else source.language
        )
        link = f'<a href="{escape(source.url, quote=True)}">{title}</a>' if source.url else str(title)
        parts.append(f"{link}&nbsp;{notes.mark_html([c])}")
    return h.block("; ".join(parts), inline=True)
