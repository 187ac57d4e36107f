"""Small pieces of trusted Markdown the templates and tables share: links, rating badges,
citations with their quotes."""

from __future__ import annotations

from functools import lru_cache
from html import escape
from typing import NamedTuple

from generator.pages import paths
from generator.pages.text import Trusted, inline, pick
from generator.records.knowledge_base import KnowledgeBase, section_anchor
from generator.records.models import CASE_FACTS, Case, Citation, Fact, Source
from generator.records.ratings import ABSENT_AT, PRESENT_AT, SCALE, Rating
from generator.words import language, table


def md_link(page: str, text: object, target: str, anchor: str = "") -> str:
    """A Markdown link from one generated page to another, with inert link text."""
    return f"[{inline(text)}]({paths.relative(page, target, anchor)})"


def label(rating: Rating | str) -> str:
    """A rating's name in the edition's language: 'Partly present', 'Deels aanwezig'."""
    return table()[f"rating_{Rating(rating).value}"]


def rule_text(lang: str | None = None) -> str:
    return table(lang)["rule_text"].format(present_at=PRESENT_AT, absent_at=ABSENT_AT)


def badge(rating: Rating | str) -> Trusted:
    return _badge(Rating(rating), language())


@lru_cache(maxsize=16)
def _badge(rating: Rating, lang: str) -> Trusted:
    level = SCALE[rating]
    return Trusted(f'<span class="kb-rating kb-rating--{rating.value}">{level.symbol}&nbsp;{label(rating)}</span>')


def in_language(text: str, lang: str | None) -> str:
    """Inert text in another language than the edition's (a quote, a source's heading or title),
    marked with it so screen readers and search read it as such."""
    shown = inline(text)
    return f'<span lang="{lang}">{shown}</span>' if lang and lang != language() else shown


def other_names(record: object) -> list[object]:
    """A record's other names worth showing in this edition: not the name it already shows (a
    Dutch page may keep a record's English name as another name, which English pages skip)."""
    shown = {pick(getattr(record, f)) for f in ("name", "title", "term") if getattr(record, f, None)}
    seen: set[str] = set()
    result = []
    for name in getattr(record, "other_names", ()):
        text = pick(name)
        if text not in shown and text not in seen:
            seen.add(text)
            result.append(name)
    return result


def case_facts(case: Case) -> list[tuple[str, Fact]]:
    return [(key, getattr(case, key)) for key in CASE_FACTS if getattr(case, key)]


class Cited(NamedTuple):
    """What a citation shows, whichever mark-up prints it (Markdown here, HTML in case_sections)."""

    target: str  # the source's page
    anchor: str  # its section's heading id there, where the section is one it names
    cited_as: object
    section: str | None
    page: str | None  # "p. 12", in the edition's language
    quote: str | None
    lang: str  # the source's language: the section and the quote are in it


def cited(kb: KnowledgeBase, citation: Citation) -> Cited:
    """A citation as the reader sees it: where it leads and what it names."""
    source = kb.source(citation.source)
    section = citation.section
    return Cited(
        paths.source(source.id),
        section_anchor(section) if section and section in source.sections else "",
        source.cited_as,
        section,
        f"{table()['p']} {citation.page}" if citation.page else None,
        citation.quote,
        source.language or "en",  # a source that names no language is quoted as English
    )


def citation(page: str, kb: KnowledgeBase, source_cite: Citation, *, quote: bool = True) -> str:
    """One citation: its quote, if any, as a quotation, then a link to the source's page and section."""
    c = cited(kb, source_cite)
    where = [
        inline(c.cited_as),
        *([in_language(c.section, c.lang)] if c.section else []),
        *([inline(c.page)] if c.page else []),
    ]
    link = f"[{', '.join(where)}]({paths.relative(page, c.target, c.anchor)})"
    if quote and c.quote:
        attr = f' lang="{c.lang}"' if c.lang != language() else ""
        return f"<q{attr}>{inline(c.quote)}</q> ({link})"
    return link


def citations(page: str, kb: KnowledgeBase, cites: list[Citation]) -> Trusted:
    """Every citation of a field, joined: what the field rests on, each leading to its source."""
    return Trusted("; ".join(citation(page, kb, c) for c in cites))


def anchor(ident: str) -> Trusted:
    """An attr_list heading id; ids are validated slugs, so they are safe as they are."""
    return Trusted(f"{{#{ident}}}")


def external_link(url: str) -> Trusted:
    """A link to another site. Its address is validated as http(s) without spaces; it is escaped
    in the attribute and made inert as text, so it can neither break out nor become Markdown."""
    return Trusted(f'<a href="{escape(url, quote=True)}">{inline(url)}</a>')


def full_reference(source: Source, words: dict[str, str]) -> Trusted:
    """A source as a reference list gives it: authors (date). Title. Kind, publisher. Address.
    Only what the record states; a missing date reads "n.d."."""
    lang = source.language
    authors = "; ".join(in_language(a, lang) for a in source.authors) or inline(source.cited_as)
    when = inline(source.date or (str(source.year) if source.year else words["no_date"]))
    title = f"*{in_language(source.title, lang)}*" if source.title else ""
    parts_of_kind = (
        source.kind and inline(words[f"kind_{source.kind}"]),
        source.publisher and in_language(source.publisher, lang),
    )
    kind = ", ".join(x for x in parts_of_kind if x)
    where = external_link(f"https://doi.org/{source.doi}") if source.doi else ""
    where = where or (external_link(source.url) if source.url else "")
    parts = [f"{authors} ({when})", title, kind, where]
    return Trusted(". ".join(p for p in parts if p) + ".")


def cite(page: str, kb: KnowledgeBase, cites: list[Citation]) -> Trusted:
    """The small source line under a fact."""
    label = table()["source_one" if len(cites) == 1 else "source_many"]
    return Trusted(f'<span class="kb-source">{label}: {citations(page, kb, cites)}</span>')
