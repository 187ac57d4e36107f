"""Contributor text and links as HTML, for the long tables our code writes as HTML rather than as
Markdown: Python-Markdown would parse them cell by cell, the most costly part of a build. HTML
escaping makes the text inert here, as :func:`markdown_text.inline` does in Markdown."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from html import escape

from generator.pages import paths
from generator.pages.text import Dutch, Fallback, Trusted, marked, pick


def text(value: object) -> Trusted:
    """One line of inert HTML text: whitespace folded; an untranslated text marked as English."""
    if value.__class__ is str:  # by far the most common: labels, names, findings
        return _plain(value) if len(value) <= _SHORT else _fold(value)  # type: ignore[arg-type]
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


def table(head: list[object], rows: list[list[object]]) -> Trusted:
    """A table, as Python-Markdown would write it from a Markdown table; cells are Trusted HTML
    or text to escape."""
    head_cells = "".join(f"<th>{text(h)}</th>" for h in head)
    body = "\n".join("<tr>" + "".join(f"<td>{text(c)}</td>" for c in row) + "</tr>" for row in rows)
    return Trusted(f"<table>\n<thead>\n<tr>{head_cells}</tr>\n</thead>\n<tbody>\n{body}\n</tbody>\n</table>")


def table_html(head: list[object], rows: list[list[object]]) -> Trusted:
    """A table set aside while its page renders (see :func:`held`)."""
    return block(table(head, rows))


# Even as a raw HTML block, Python-Markdown reads a long table tag by tag (seconds for the
# comparison of a large collection). While a page renders, such blocks are set aside and the page
# holds a marker; they go back after Markdown (the plugin) or into the Markdown written out (CLI).
_held: list[str] | None = None
MARKER = re.compile(r"<!--kb-block-(\d+)-->")


@contextmanager
def held() -> Iterator[list[str]]:
    """The HTML blocks set aside while a page renders, in marker order."""
    global _held
    outer, _held = _held, []
    try:
        yield _held
    finally:
        _held = outer


def block(html: str) -> Trusted:
    """A block of HTML our code wrote: set aside behind a marker while a page renders."""
    if _held is None:
        return Trusted(html)
    _held.append(html)
    return Trusted(f"<!--kb-block-{len(_held) - 1}-->")


def put_back(text: str, blocks: Sequence[str]) -> str:
    """The page (Markdown or HTML) with its blocks in place of their markers. Contributor text
    cannot hold a marker: it is escaped, so "<!--" never survives in it."""
    return MARKER.sub(lambda m: blocks[int(m[1])], text) if blocks else text
