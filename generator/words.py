"""Every fixed word the generator prints, per edition, and which edition is being rendered.

The words live in gettext catalogs that translators' tools read (Poedit, Weblate, ``pybabel``):
``generator/locale/<lang>/LC_MESSAGES/messages.po``. The message ids are keys
(``history_unavailable``); the English catalog holds the English words and is the base file, the
Dutch catalog the Dutch words, each entry with the English beside it as a translator comment.
Placeholders are ``{name}`` (python-brace-format). A message with plural forms is read with
``plural(key, n)``, which applies the language's plural rule from the catalog's header.

The catalogs are read with Babel and compiled in memory on first use: nothing to build, no
network. ``make words`` brings them up to date with the code (generator/tools/catalog.py) and
tests/test_words.py keeps them complete. Rendering one edition happens inside ``edition(lang)``:
``table()``, ``plural()``, ``pick`` and the rating labels then answer in that language.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LANGUAGES = ("en", "nl")
DEFAULT = "en"
LOCALE = Path(__file__).resolve().parent / "locale"

# The edition being rendered: a context variable, so a live preview's export thread and its next
# build each keep their own, and forked render workers inherit the one they were started in.
_current: ContextVar[str] = ContextVar("edition", default=DEFAULT)


def catalog_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "messages.po"


def read_catalog(lang: str) -> Catalog:
    """An edition's catalog as Babel reads it (fuzzy entries included, so a check can find them)."""
    with catalog_path(lang).open("rb") as file:
        return read_po(file, locale=lang, domain="messages")


@cache
def translations(lang: str) -> Translations:
    """The catalog compiled to gettext's binary form in memory, for ``ngettext`` and Jinja."""
    compiled = io.BytesIO()
    write_mo(compiled, read_catalog(lang), use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain="messages")


class MissingMessage(KeyError):
    """A word the code names that the catalog lacks, said with the command that adds it."""

    def __str__(self) -> str:
        return (
            f"{self.args[0]!r} is not in the catalogs (generator/locale/*/LC_MESSAGES/messages.po): "
            "run `make words` to add it, then write its English and Dutch there"
        )


class Words(dict[str, str]):
    """An edition's words by key; a key the catalog lacks says how to add it, not just its name."""

    def __missing__(self, key: str) -> str:
        raise MissingMessage(key)


class ByName:
    """An edition's words as attributes, for templates (w.<key>): no dict method shadows a word."""

    __slots__ = ("_known",)

    def __init__(self, words: Words) -> None:
        self._known = words

    def __getattr__(self, key: str) -> str:
        if key.startswith("__"):
            raise AttributeError(key)
        return self._known[key]


@cache
def _table(lang: str) -> Words:
    return Words(
        (str(message.id), str(message.string))
        for message in read_catalog(lang)
        if message.id and isinstance(message.id, str) and isinstance(message.string, str)
    )


def language() -> str:
    """The edition being rendered."""
    return _current.get()


@contextmanager
def edition(lang: str) -> Iterator[None]:
    """Render (or export) in ``lang`` within this block."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; the editions are {', '.join(LANGUAGES)}")
    token = _current.set(lang)
    try:
        yield
    finally:
        _current.reset(token)


def table(lang: str | None = None) -> Words:
    """The words without plural forms of an edition (the current one by default), by key. A copy:
    a caller may add to it without changing what the next one reads."""
    return Words(_table(lang or language()))


def gettext(key: str, /, **values: object) -> str:
    """Message ``key`` in the current edition, its placeholders filled from ``values`` (the
    templates' ``_()`` wraps it: pages/render.message)."""
    text = _table(language())[key]
    return text.format(**values) if values else text


def plural(key: str, count: int, lang: str | None = None, /, **values: object) -> str:
    """The form of message ``key`` that fits ``count`` in the edition's language, its placeholders
    filled from ``values`` (the count itself is not filled in: pass it as ``n=`` or ``count=``, in
    the edition's style of writing numbers)."""
    text = translations(lang or language()).ngettext(key, key, count)
    return text.format(**values) if values else text


def plural_forms(lang: str | None = None) -> dict[str, list[str]]:
    """Every message with plural forms, each with its forms in the catalog's order (for the
    browser to choose from)."""
    return {key: list(forms) for key, forms in _plurals(lang or language()).items()}


@cache
def _plurals(lang: str) -> dict[str, tuple[str, ...]]:
    return {
        str(message.id[0]): tuple(str(form) for form in message.string)
        for message in read_catalog(lang)
        if isinstance(message.id, tuple | list) and isinstance(message.string, tuple | list)
    }
