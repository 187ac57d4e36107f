"""The one writer of the HTML our code puts on pages: contributor text (escaped, so inert here as
:func:`text.inline` makes it in Markdown), links, citations, tables and a case page's sections.

While a page renders, each piece is set aside behind a marker of our own (``<!--kb-block-N-->``,
or ``<kb-block-N>`` inside a line), which Python-Markdown passes over; :func:`put_back` puts the
pieces in place afterwards. Even as raw HTML, Python-Markdown reads a long table tag by tag, and
the markers spare it that.

Why our own markers and not Python-Markdown's ``md.htmlStash`` (which mkdocstrings fills from a
block processor): ``render --out`` must write each page as Markdown with its HTML in place, for an
engine that has no plugin of ours and no Python-Markdown instance to stash into
(``standalone.page``). The markers serve both that and the plugin (``on_page_content``) with one
mechanism; filling the stash from them in a preprocessor would add a second path for the plugin
alone, with nothing gained."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from html import escape

from generator.pages import paths
from generator.pages.text import Dutch, Fallback, Trusted, marked, pick
from generator.words import language


def text(value: object) -> Trusted:
    """One line of inert HTML text: whitespace folded; an untranslated text marked as English."""
    if value.__class__ is str:  # by far the most common: labels, names, findings
        return _plain(value) if len(value) <= _SHORT else _fold(value)
    if isinstance(value, Trusted):
        return value
    shown = value if isinstance(value, str) and not isinstance(value, (Fallback, Dutch)) else pick(value)
    return marked(shown, _fold(str(shown)))


def _fold(value: str) -> Trusted:
    return Trusted(escape(" ".join(value.split()), quote=False))


_SHORT = 200  # labels and names recur on thousands of pages; prose is mostly seen once
_plain = lru_cache(maxsize=65_536)(_fold)


def link(page: str, value: object, target: str, anchor: str = "") -> Trusted:
    """A link from one generated page to another, with inert link text."""
    return Trusted(f'<a href="{escape(paths.href(page, target, anchor))}">{text(value)}</a>')


def in_language(value: object, lang: str | None) -> Trusted:
    """Text in another language than the edition's (a quote, a source's title or section), marked
    with it so screen readers and search read it as such."""
    shown = text(value)
    return Trusted(f'<span lang="{lang}">{shown}</span>') if lang and lang != language() else shown


def external_link(url: str) -> Trusted:
    """A link to another site. Its address is validated as http(s) without spaces; it is escaped
    in the attribute and as text all the same."""
    return Trusted(f'<a href="{escape(url, quote=True)}">{text(url)}</a>')


def table(head: Sequence[object], rows: Sequence[Sequence[object]]) -> Trusted:
    """A table, as Python-Markdown would write it from a Markdown table; cells are Trusted HTML
    or text to escape."""
    head_cells = "".join(f"<th>{text(h)}</th>" for h in head)
    body = "\n".join("<tr>" + "".join(f"<td>{text(c)}</td>" for c in row) + "</tr>" for row in rows)
    return Trusted(f"<table>\n<thead>\n<tr>{head_cells}</tr>\n</thead>\n<tbody>\n{body}\n</tbody>\n</table>")


def held_table(head: Sequence[object], rows: Sequence[Sequence[object]]) -> Trusted:
    """A table set aside while its page renders (see :func:`held`)."""
    return block(table(head, rows))


# The blocks set aside for the page being rendered (see the module's docstring). A context
# variable, as the edition's language is (words.py): no build or thread sees another's.
_held: ContextVar[list[str] | None] = ContextVar("held", default=None)
MARKER = re.compile(r"<!--kb-block-(\d+)-->|<kb-block-(\d+)>")


@contextmanager
def held() -> Iterator[list[str]]:
    """The HTML blocks set aside while a page renders, in marker order."""
    blocks: list[str] = []
    token = _held.set(blocks)
    try:
        yield blocks
    finally:
        _held.reset(token)


def block(html: str, *, inline: bool = False) -> Trusted:
    """HTML our code wrote: set aside behind a marker while a page renders. A block stands on
    lines of its own; an ``inline`` piece (a link, a citation) sits in a line of Markdown prose,
    behind a marker that Markdown reads as inline HTML, so the line stays a paragraph."""
    blocks = _held.get()
    if blocks is None:
        return Trusted(html)
    blocks.append(html)
    n = len(blocks) - 1
    return Trusted(f"<kb-block-{n}>" if inline else f"<!--kb-block-{n}-->")


def put_back(text: str, blocks: Sequence[str]) -> str:
    """The page (Markdown or HTML) with its blocks in place of their markers. Contributor text
    cannot hold a marker: it is escaped, so "<!--" never survives in it."""
    return MARKER.sub(lambda m: blocks[int(m[1] or m[2])], text) if blocks else text
