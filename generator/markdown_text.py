"""Make contributor text inert in Markdown: no HTML, no links, no broken tables or headings.

Templates never have to remember this: the Jinja environment runs every ``{{ value }}`` through
:func:`inline` unless the value is :class:`Trusted` (Markdown that our own code built).
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["Trusted", "blocks", "finalize", "inline", "pick"]


class Trusted(str):
    """Markdown our own code built from escaped parts: printed as it is."""

    __slots__ = ()


_ESCAPES = str.maketrans(
    {
        "\\": "\\\\",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "{": "\\{",
        "}": "\\}",
        "[": "\\[",
        "]": "\\]",
        "#": "\\#",
        "!": "\\!",
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "|": "&#124;",  # a pipe can never split a table cell
        "~": "&#126;",
        "^": "&#94;",
        "=": "&#61;",
        ":": "&#58;",  # no "javascript:" or emoji shortcodes survive as syntax
        '"': "&quot;",
    }
)
# Characters that only mean something at the start of a line: lists, quotes, definitions.
_LEADING = re.compile(r"^(\d+)([.)])|^([-+])")


def pick(value: object) -> str:
    """The English text of a field (a translated field is a mapping {en: ..., nl: ...})."""
    if isinstance(value, dict):
        return str(value.get("en") or "")
    return "" if value is None else str(value)


def inline(value: object) -> Trusted:
    """One line of inert Markdown: whitespace (newlines too) folded, every special character escaped."""
    if value.__class__ is not str:  # plain text is by far the most common: straight to the escape
        if isinstance(value, Trusted):
            return value
        value = pick(value)
    text: str = value  # type: ignore[assignment]
    return _inline_short(text) if len(text) <= _SHORT else _inline(text)


_SHORT = 200  # titles and labels recur on thousands of pages; prose is mostly seen once
_SPECIAL = re.compile("[" + re.escape("".join(map(chr, _ESCAPES))) + "]")


def _inline(text: str) -> Trusted:
    text = " ".join(text.split())
    if _SPECIAL.search(text):  # most prose has none; translate would still visit every character
        text = text.translate(_ESCAPES)
    if text[:1].isdecimal() or text[:1] in ("-", "+"):  # what _LEADING can match at all
        text = _LEADING.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)
    return Trusted(text)


_inline_short = lru_cache(maxsize=65_536)(_inline)


def blocks(value: object) -> Trusted:
    """Paragraphs of inert Markdown: blank lines in the source start a new paragraph."""
    paragraphs = re.split(r"\n\s*\n", pick(value))
    return Trusted("\n\n".join(inline(p) for p in paragraphs if p.strip()))


def finalize(value: object) -> object:
    """Jinja ``finalize`` hook: escape whatever a template prints unless our code built it."""
    if value is None:
        return ""
    if isinstance(value, (Trusted, int)) and not isinstance(value, bool):
        return value
    return inline(value)
