"""Numbered sources: a statement carries a small mark ("[2]"), and the page ends with the list
those marks lead to, each entry with its source, section, page and, where the statement does not
show it already, the quoted words.

One citation read by many statements (every paragraph of a case page rests on the same section
of the study) is one entry, so the page reads as text and each source is listed once. Entries are
numbered in reading order: a page's template asks for its marks from top to bottom and writes the
list last.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape

from generator.pages import markup as h
from generator.pages import paths
from generator.pages.pieces import cited
from generator.pages.text import Trusted
from generator.records.knowledge_base import KnowledgeBase
from generator.records.models import Citation
from generator.words import language, table

# Entry key: the source, its section and page and, where no statement shows them, the quoted words.
Key = tuple[str, str | None, str | None, str | None]

# A quote inside a quote: 'give and take' or ‘taal’ within the quotation marks <q> draws. An
# apostrophe (each other's, pagina’s) stands between letters, so it is never taken for one.
INNER_QUOTE = re.compile(r"(?<![\w’'])['‘]([^'‘’]+?)['’](?![\w])")


# The marks a quotation's own quoted words take inside it. kb.css draws every <q> on a page in the
# marks of the page's language, whatever the quote's own: English “… ‘language’ …”, Dutch
# ‘… “taal” …’, also around an English original on a Dutch page (reads 11 and 12).
INNER_MARKS = {"en": r"‘\1’"}


def nested(words: str) -> str:
    """Words within a quotation with their own quoted words in the edition's inner marks:
    ‘“give and take” …’ in Dutch, “‘give and take’ …” in English."""
    return INNER_QUOTE.sub(INNER_MARKS.get(language(), r"“\1”"), words)


def quote_html(quote: str, lang: str, rendering: str | None = None) -> str:
    """A source's words as a quotation, marked with the source's language where it is not the page's.
    With a ``rendering`` in the page's language, that comes first, marked as this knowledge base's
    translation, and the verbatim words are one tap away behind it (a closed <details>)."""
    if rendering is None:
        attr = f' lang="{lang}"' if lang != language() else ""
        return f"<q{attr}>{h.text(nested(quote))}</q>"
    if rendering.split() == quote.split():  # a name, or words kept as they are: no translation to mark
        return f'<q lang="{lang}">{h.text(nested(rendering))}</q>'
    words = table()
    title = escape(" ".join(words[f"quote_translation_title_{lang}"].split()), quote=True)
    summary = (
        f'<summary title="{title}"><span aria-hidden="true">{h.text(words["quote_our_translation"])}</span>'
        f'<span class="kb-sr">{title}</span></summary>'
    )
    original = f'{h.text(words[f"quote_original_{lang}"])}: <q lang="{lang}">{h.text(nested(quote))}</q>'
    return (
        f'<q lang="{language()}" class="kb-rendering">{h.text(nested(rendering))}</q> '
        # Search leaves the toggle out: an excerpt read "… trekker eigen vertalingEigen vertaling …"
        # and the English original otherwise.
        f'<details class="kb-original" data-pagefind-ignore>{summary} <span class="kb-original__words">{original}</span></details>'
    )


class Notes:
    """The numbered sources of one page. ``mark`` returns the mark a statement carries (HTML);
    ``listing`` the list at the page's end."""

    def __init__(self, page: str, kb: KnowledgeBase) -> None:
        self.page = page
        self.kb = kb
        self.entries: dict[Key, tuple[int, Citation, bool]] = {}

    def number(self, citation: Citation, *, quote_shown: bool = False) -> int:
        """The entry a citation reads; a quote the statement prints beside the mark is not repeated."""
        key: Key = (citation.source, citation.section, citation.page, None if quote_shown else citation.quote)
        if key not in self.entries:
            self.entries[key] = (len(self.entries) + 1, citation, not quote_shown and bool(citation.quote))
        return self.entries[key][0]

    def mark_html(self, cites: Iterable[Citation], *, quote_shown: bool = False, named: bool = False) -> str:
        """``named``: the words before the mark already say "source", so a screen reader is not
        told it twice ("op basis van bron Bron 3")."""
        numbers: list[int] = []
        for c in cites:
            n = self.number(c, quote_shown=quote_shown)
            if n not in numbers:
                numbers.append(n)
        if not numbers:
            return ""
        hidden = "" if named else f'<span class="kb-sr">{h.text(table()["note_label"])} </span>'
        links = ", ".join(f'<a href="#kb-note-{n}">{hidden}{n}</a>' for n in sorted(numbers))
        # Search leaves the marks out: an excerpt reads "… [Source 1] Why" otherwise.
        return f'<sup class="kb-mark" data-pagefind-ignore>[{links}]</sup>'

    def count(self, cites: Iterable[Citation]) -> int:
        """How many notes ``mark`` gives these citations (for words that agree with them in number)."""
        return len({self.number(c) for c in cites})

    def mark(self, cites: Iterable[Citation], *, named: bool = False) -> Trusted:
        """The mark of a statement in a line of Markdown (a template's ``{{ notes.mark(x.cite) }}``)."""
        return h.block(self.mark_html(cites, named=named), inline=True)

    def quoted_html(self, cites: Iterable[Citation]) -> str:
        """Each quote of ``cites`` beside its mark, the others by their mark alone: evidence as text."""
        parts = []
        for c in cites:
            shown = cited(self.kb, c)
            mark = self.mark_html([c], quote_shown=bool(c.quote))
            quoted = quote_html(c.quote, shown.quote_lang, shown.rendering) if c.quote else ""
            parts.append(f"{quoted}&nbsp;{mark}" if c.quote else mark)
        return " ".join(parts)

    def quoted(self, cites: Iterable[Citation]) -> Trusted:
        return h.block(self.quoted_html(cites), inline=True)

    def listing_html(self) -> str:
        if not self.entries:
            return ""
        items = []
        for n, citation, with_quote in sorted(self.entries.values(), key=lambda e: e[0]):
            c = cited(self.kb, citation)
            where = [
                h.text(c.cited_as),
                *([h.in_language(c.section, c.section_lang)] if c.section else []),
                *([h.text(c.page)] if c.page else []),
            ]
            link = f'<a href="{escape(paths.href(self.page, c.target, c.anchor))}">{", ".join(where)}</a>'
            quote = f"{quote_html(c.quote, c.quote_lang, c.rendering)} " if with_quote and c.quote else ""
            items.append(f'<li id="kb-note-{n}">{quote}{link}</li>')
        return '<ol class="kb-notes">\n' + "\n".join(items) + "\n</ol>"

    def listing(self) -> Trusted:
        """The list of the page's sources, in the order of their numbers (an HTML block)."""
        return h.block(self.listing_html())
