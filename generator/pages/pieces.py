"""Small pieces the templates and tables share: rating badges and names, a citation as the reader
sees it, other names, a source's full reference, heading ids."""

from __future__ import annotations

from functools import lru_cache
from html import escape
from typing import NamedTuple

from generator.pages import markup, paths, svg
from generator.pages.local import author, date, decimal, joined
from generator.pages.text import Trusted, pick
from generator.records.knowledge_base import KnowledgeBase, section_anchor
from generator.records.models import CASE_FACTS, Case, Citation, Fact, Source
from generator.records.ratings import ABSENT_AT, PRESENT_AT, SCALE, Rating
from generator.words import language, plural, table


def label(rating: Rating | str) -> str:
    """A rating's name in the edition's language: 'Partly present', 'Deels aanwezig'."""
    return table()[f"rating_{Rating(rating).value}"]


def rule_text(lang: str | None = None) -> str:
    """The rule, its thresholds written as the edition writes numbers (1.5; 1,5 in Dutch)."""
    lang = lang or language()
    return table(lang)["rule_text"].format(present_at=decimal(PRESENT_AT, lang), absent_at=decimal(ABSENT_AT, lang))


def badge(rating: Rating | str) -> Trusted:
    return _badge(Rating(rating), language())


@lru_cache(maxsize=16)
def _badge(rating: Rating, lang: str) -> Trusted:
    level = SCALE[rating]
    return Trusted(f'<span class="kb-rating kb-rating--{rating.value}">{level.symbol}&nbsp;{label(rating)}</span>')


def other_names(record: object, *, english_shown: bool = True) -> list[object]:
    """A record's other names worth showing in this edition: not the name it already shows (a
    Dutch page may keep a record's English name as another name, which English pages skip), nor,
    where the page gives the English name on a line of its own (``english_name``), that name again."""
    shown = {pick(getattr(record, f)) for f in ("name", "title", "term") if getattr(record, f, None)}
    english = english_name(record) if english_shown else None
    if english is not None:
        shown.add(next(pick(v, "en") for v in (getattr(record, f, None) for f in ("name", "title", "term")) if v))
    seen: set[str] = set()
    result = []
    for name in getattr(record, "other_names", ()):
        text = pick(name)
        if text not in shown and text not in seen:
            seen.add(text)
            result.append(name)
    return result


def english_name(record: object) -> Trusted | None:
    """On a page of another edition, the record's English name where it differs from the name
    shown, marked as English: the study and its quotes use it, so readers meet it there."""
    if language() == "en":
        return None
    for field in ("name", "title", "term"):
        value = getattr(record, field, None)
        if value:
            english, shown = pick(value, "en"), pick(value)
            return markup.in_language(english, "en") if english != shown else None
    return None


def case_facts(case: Case) -> list[tuple[str, Fact]]:
    return [(key, getattr(case, key)) for key in CASE_FACTS if getattr(case, key)]


class Cited(NamedTuple):
    """What a citation shows (case_page.citation prints it)."""

    target: str  # the source's page
    anchor: str  # its section's heading id there, where the section is one it names
    cited_as: object
    section: str | None
    page: str | None  # "p. 12", in the edition's language
    quote: str | None
    lang: str  # the source's language: the section's name is in it
    quote_lang: str  # the quoted words' language: the section's own, where it has one, or the source's
    rendering: str | None  # the quote in the edition's language, where it is not in it: ours, not the source's
    section_lang: str  # the language the section's name is shown in: the edition's, where it has a name in it


def cited(kb: KnowledgeBase, citation: Citation) -> Cited:
    """A citation as the reader sees it: where it leads and what it names."""
    source = kb.source(citation.source)
    section = citation.section
    quote_lang = source.quote_language(section)
    # The anchor keeps the section's name as the source heads it; the reader sees it in the edition's words.
    shown_section, section_lang = source.section_name(section, language()) if section else (None, "en")
    return Cited(
        paths.source(source.id),
        section_anchor(section) if section and section in source.sections else "",
        source.cited_as,
        shown_section,
        f"{table()['p']} {citation.page}" if citation.page else None,
        citation.quote,
        source.language or "en",  # a source that names no language is quoted as English
        quote_lang,
        citation.translation.get(language()) if quote_lang != language() else None,  # type: ignore[call-overload]
        section_lang,
    )


def anchor(ident: str) -> Trusted:
    """An attr_list heading id; ids are validated slugs, so they are safe as they are."""
    return Trusted(f"{{#{ident}}}")


def full_reference(source: Source, words: dict[str, str]) -> str:
    """A source as a reference list gives it, as HTML: authors (date). Title. Kind, publisher.
    Address. Only what the record states; a missing date reads "n.d."."""
    # A name (an author, a publisher) is in no language; only the title is in the source's.
    # Names as running text ("Beutel and Weinberger", "Beutel en Weinberger"), not a list with ";".
    authors = joined([markup.text(author(a)) for a in source.authors]) or markup.text(source.cited_as)
    when = markup.text(date(source.date) if source.date else (str(source.year) if source.year else words["no_date"]))
    title = f"<em>{markup.in_language(source.title, source.title_lang)}</em>" if source.title else ""
    parts_of_kind = (
        source.kind and markup.text(words[f"kind_{source.kind}"]),
        source.publisher and markup.text(source.publisher),
    )
    kind = ", ".join(x for x in parts_of_kind if x)
    where = markup.external_link(f"https://doi.org/{source.doi}") if source.doi else ""
    where = where or (markup.external_link(source.url) if source.url else "")
    parts = [f"{authors} ({when})", title, kind, where]
    return ". ".join(p for p in parts if p) + "."


def profile_size(kb: KnowledgeBase) -> str:
    """The width and height attributes of a case's profile picture in this edition (every case's
    is the same size: one row per criterion), so the page keeps its place while it loads."""
    return f'width="{svg.WIDTH}" height="{svg.profile_height([pick(c.title) for c in kb.criteria])}"'


def funnel_steps(kb: KnowledgeBase, words: dict[str, str]) -> list[tuple[int, str]]:
    """The study's selection steps, each count with its label, as the funnel picture draws them."""
    funnel = kb.study.funnel
    return [
        (funnel.examples, words["funnel_examples"]),
        (funnel.promising, words["funnel_promising"]),
        (funnel.studied, words["funnel_studied"]),
    ]


def funnel_size(kb: KnowledgeBase) -> Trusted:
    """The funnel picture's width and height attributes in this edition (attr_list syntax)."""
    return Trusted(f'width="{svg.WIDTH}" height="{svg.funnel_height(funnel_steps(kb, table()))}"')


def profile_alt_text(kb: KnowledgeBase, case: Case) -> str:
    """The text alternative of a case's profile picture: plain text, escaped where it is used."""
    marked = f" ({_lower_first(table()['inferred_mark'])})"
    parts = "; ".join(
        f"{pick(c.title)}: {label(kb.criterion_rating(case, c)).lower()}{marked if kb.inferred(case, c) else ''}"
        for c in kb.criteria
    )
    return table()["profile_of"].format(name=" ".join(pick(case.name).split())) + f" – {parts}"


def yardstick_basis(kb: KnowledgeBase, cites: list[Citation], notes: int) -> str:
    """The words before a yardstick's notes that say it is ours and what it draws on: "the study"
    where every note is the study's (read 8: "a source" read as some unnamed one), "a source" or
    "sources" where one is another's."""
    if cites and all(c.source == kb.study_source.id for c in cites):
        return table()["fid_yardstick_study"]
    return plural("fid_yardstick_ours", notes)


def inferred_mark() -> Trusted:
    """The mark beside a rating that rests on this knowledge base's inference (issue 35): the
    note under its table (``inferred_note``) says what it means; on hover, its title does."""
    return Trusted(f'<sup class="kb-inferred-mark" title="{escape(table()["inferred_mark"], quote=True)}">*</sup>')


def inferred_note(marked: bool) -> str:
    """The line under a table holding a marked rating: what the mark means ('' where none is)."""
    return f'<p class="kb-basis kb-inferred-note">* {markup.text(table()["inferred_note"])}</p>\n' if marked else ""


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
