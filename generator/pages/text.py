"""Make contributor text inert in Markdown: no HTML, no links, no broken tables or headings.

Templates never have to remember this: the Jinja environment runs every ``{{ value }}`` through
:func:`inline` unless the value is :class:`Trusted` (Markdown that our own code built).
"""

from __future__ import annotations

import re
from functools import lru_cache

from generator.words import DEFAULT, language, table

__all__ = ["Dutch", "Fallback", "Trusted", "blocks", "finalize", "inline", "inline_text", "paragraphs", "pick"]


class Trusted(str):
    """Markdown our own code built from escaped parts: printed as it is."""

    __slots__ = ()


class Fallback(str):
    """A text shown in English because the record has no translation into the edition's language:
    printed inside ``lang="en"``, so screen readers switch voice, with a "not yet translated" mark."""

    __slots__ = ()


class Dutch(str):
    """A text its record wrote only in Dutch (``lang: nl``), on a page in another language: printed
    inside ``lang="nl"``, as Fallback prints English on a Dutch page, with an "in Dutch" mark."""

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


def pick(value: object, lang: str | None = None) -> str:
    """A field's text in ``lang`` (the edition being rendered by default). A translated field is a
    mapping {en: ..., nl: ...}; where the language is missing, the English comes back as Fallback."""
    lang = lang or language()
    if isinstance(value, dict):
        text = value.get(lang)
        if text:
            return str(text)
        english = str(value.get(DEFAULT) or "")
        if not english:  # a record written in Dutch: its only language
            return Dutch(next((str(t) for t in value.values() if t), ""))
    else:
        if value is None:
            return ""
        english = str(value)
    return english if lang == DEFAULT or not english else Fallback(english)


def _english(text: Trusted) -> Trusted:
    mark = table()["untranslated"]
    return Trusted(f'<span lang="en">{text}</span> <small class="kb-untranslated">({mark})</small>')


def _dutch(text: Trusted) -> Trusted:
    mark = table()["written_in_dutch"]
    return Trusted(f'<span lang="nl">{text}</span> <small class="kb-untranslated">({mark})</small>')


def marked(value: str, escaped: Trusted) -> Trusted:
    """``escaped`` (the escaped ``value``) inside the lang of a text in another language than the page's."""
    if isinstance(value, Fallback):
        return _english(escaped)
    if isinstance(value, Dutch):
        return _dutch(escaped)
    return escaped


def inline(value: object) -> Trusted:
    """One line of inert Markdown: whitespace (newlines too) folded, every special character escaped."""
    if value.__class__ is not str:  # plain text is by far the most common: straight to the escape
        if isinstance(value, Trusted):
            return value
        if not isinstance(value, (Fallback, Dutch)):
            value = pick(value)
        if isinstance(value, (Fallback, Dutch)):
            return marked(value, _inline(str(value)))
    text = str(value)
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


def inline_text(value: object) -> Trusted:
    """Inert text without any mark-up, for places that hold text only (an image's alt text)."""
    return _inline(str(value) if isinstance(value, str) else pick(value))


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def paragraphs(text: str) -> list[str]:
    """A text's paragraphs: a blank line in the source starts a new one (empty ones dropped)."""
    return [p for p in _PARAGRAPH_BREAK.split(text) if p.strip()]


def blocks(value: object) -> Trusted:
    """Paragraphs of inert Markdown: blank lines in the source start a new paragraph."""
    text = value if isinstance(value, (Fallback, Dutch)) else pick(value)
    if isinstance(text, (Fallback, Dutch)):
        return Trusted("\n\n".join(marked(text, _inline(p)) for p in paragraphs(text)))
    return Trusted("\n\n".join(inline(p) for p in paragraphs(text)))


def finalize(value: object) -> object:
    """Jinja ``finalize`` hook: escape whatever a template prints unless our code built it."""
    if value is None:
        return ""
    if isinstance(value, (Trusted, int)) and not isinstance(value, bool):
        return value
    return inline(value)
