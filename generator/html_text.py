"""Contributor text and links as HTML, for the long tables our code writes as HTML rather than as
Markdown: Python-Markdown would parse them cell by cell, the most costly part of a build. HTML
escaping makes the text inert here, as :func:`markdown_text.inline` does in Markdown."""

from __future__ import annotations

from html import escape

from . import site_paths as paths
from .markdown_text import Fallback, Trusted, pick
from .words import table


def text(value: object) -> Trusted:
    """One line of inert HTML text: whitespace folded; an untranslated text marked as English."""
    if isinstance(value, Trusted):
        return value
    shown = value if isinstance(value, str) and not isinstance(value, Fallback) else pick(value)
    folded = escape(" ".join(str(shown).split()), quote=False)
    if isinstance(shown, Fallback):
        return Trusted(
            f'<span lang="en">{folded}</span> <small class="kb-untranslated">({table()["untranslated"]})</small>'
        )
    return Trusted(folded)


def link(page: str, value: object, target: str, anchor: str = "") -> Trusted:
    """A link from one generated page to another, with inert link text."""
    return Trusted(f'<a href="{escape(paths.href(page, target, anchor))}">{text(value)}</a>')


def table_html(head: list[object], rows: list[list[object]]) -> Trusted:
    """A table, as Python-Markdown would write it from a Markdown table; cells are Trusted HTML
    or text to escape. A raw HTML block to Markdown: nothing in it is parsed again."""
    head_cells = "".join(f"<th>{text(h)}</th>" for h in head)
    body = "\n".join("<tr>" + "".join(f"<td>{text(c)}</td>" for c in row) + "</tr>" for row in rows)
    return Trusted(f"<table>\n<thead>\n<tr>{head_cells}</tr>\n</thead>\n<tbody>\n{body}\n</tbody>\n</table>")
