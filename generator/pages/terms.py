"""Glossary linking: the glossary's terms a page uses, found in its text and listed below it, each
linked to its definition."""

from __future__ import annotations

import re
from collections.abc import Iterable

from generator.pages import markup as h
from generator.pages.text import Trusted, pick
from generator.records.models import Term
from generator.words import table


class Terms:
    """Finds glossary terms in a page so it can link to their definitions."""

    def __init__(self, terms: tuple[Term, ...]) -> None:
        self.by_name: dict[str, Term] = {}
        for term in terms:
            for name in [term.term, *term.other_names]:
                self.by_name[pick(name).casefold()] = term

    def found_in(self, markdown: str) -> list[Term]:
        # Link targets, HTML tags and heading ids are not prose: "#driver" is not the term "driver".
        text = _NOT_PROSE.sub("]", markdown).replace("\\", "").casefold()
        found = {term.id: term for name, term in self.by_name.items() if has_word(text, name)}
        return sorted(found.values(), key=lambda t: pick(t.term).casefold())


_NOT_PROSE = re.compile(r"\]\([^)]*\)|<[^>]+>|\{#[^}]*\}")


def has_word(text: str, name: str) -> bool:
    r"""``name`` occurs in ``text`` as whole words (not inside "drivers" or "co-driver").

    The same test as the regex ``(?<![\w-])name(?![\w-])`` (a test holds them equal), but
    str.find skips ahead in C and the first hit nearly always stands alone.
    """
    start = text.find(name)
    while start >= 0:
        end = start + len(name)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before in "_-" or after.isalnum() or after in "_-"):
            return True
        start = text.find(name, start + 1)
    return False


def terms_on_page(page: str, terms: Iterable[Term]) -> Trusted:
    """Below a rule, the glossary terms a page uses, each linked to its definition."""
    links = ", ".join(h.link(page, t.term, "glossary.md", t.id) for t in terms)
    return h.block(
        f'<hr class="kb-terms" />\n<p class="kb-terms"><strong>{h.text(table()["terms_on_page"])}:</strong> {links}</p>'
    )
