"""Small pieces of trusted Markdown the templates and tables share: links, rating badges,
citations with their quotes, and the legend."""

from __future__ import annotations

from functools import lru_cache
from html import escape

from . import site_paths as paths
from .knowledge_base import KnowledgeBase, section_anchor
from .markdown_text import Trusted, inline
from .models import CASE_FACTS, Case, Citation, Fact, Source
from .ratings import RULE, SCALE, Rating


def md_link(page: str, text: object, target: str, anchor: str = "") -> str:
    """A Markdown link from one generated page to another, with inert link text."""
    return f"[{inline(text)}]({paths.relative(page, target, anchor)})"


@lru_cache(maxsize=16)
def badge(rating: Rating | str) -> Trusted:
    level = SCALE[Rating(rating)]
    return Trusted(f'<span class="kb-rating kb-rating--{level.rating.value}">{level.symbol}&nbsp;{level.label}</span>')


def case_facts(case: Case) -> list[tuple[str, Fact]]:
    return [(key, getattr(case, key)) for key in CASE_FACTS if getattr(case, key)]


def citation(page: str, kb: KnowledgeBase, cited: Citation, *, quote: bool = True) -> str:
    """One citation: its quote, if any, as a quotation, then a link to the source's page and section."""
    source = kb.source(cited.source)
    where = [source.cited_as]
    if cited.section:
        where.append(cited.section)
    if cited.page:
        where.append(f"p. {cited.page}")
    anchor = section_anchor(cited.section) if cited.section and cited.section in source.sections else ""
    link = md_link(page, ", ".join(where), paths.source(source.id), anchor)
    if quote and cited.quote:
        return f"<q>{inline(cited.quote)}</q> ({link})"
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
    authors = "; ".join(inline(a) for a in source.authors) or inline(source.cited_as)
    when = inline(source.date or (str(source.year) if source.year else "n.d."))
    title = f"*{inline(source.title)}*" if source.title else ""
    kind = ", ".join(inline(x) for x in (source.kind and words[f"kind_{source.kind}"], source.publisher) if x)
    where = external_link(f"https://doi.org/{source.doi}") if source.doi else ""
    where = where or (external_link(source.url) if source.url else "")
    parts = [f"{authors} ({when})", title, kind, where]
    return Trusted(". ".join(p for p in parts if p) + ".")


def cite(page: str, kb: KnowledgeBase, cites: list[Citation]) -> Trusted:
    """The small source line under a fact."""
    label = "Source" if len(cites) == 1 else "Sources"
    return Trusted(f'<span class="kb-source">{label}: {citations(page, kb, cites)}</span>')


READING = (
    "The ratings are this knowledge base's reading of its sources' findings, not a table the study "
    "printed; each rating shows the words it rests on."
)
LIMITS = (
    "The rule averages a criterion's indicators, so one partly present indicator can vanish into a present "
    "criterion, and not known counts for nothing, so a case its source says little about can look as strong "
    "as one it praises. The indicator counts and the source's own verdict beside each case show what the "
    "criterion ratings cannot."
)


@lru_cache(maxsize=1)
def legend() -> Trusted:
    items = " ".join(f"{badge(r)} {inline(level.meaning)}<br>" for r, level in SCALE.items())
    return Trusted(
        f'!!! info "Legend"\n\n    {items}\n\n    {inline(RULE)}\n\n    {inline(LIMITS)}\n\n    {inline(READING)}\n'
    )
