"""Numbers, dates and alphabetical order as each edition writes them. Babel knows each language's
decimal sign, month names and date order ("1,5", "29 november 2026"); what is house style and not
the language's is here: numbers under twenty in words in Dutch prose (Rijkshuisstijl), ISO dates in
the English edition, and names sorted as a reader looks them up."""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TypeVar

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

from generator.pages.text import pick
from generator.words import language, table

# Numbers under twenty, written out in prose (Rijkshuisstijl: "drie casussen", "13 indicatoren"
# only from twenty on; the English edition keeps its digits).
WORDS = {
    "nl": (
        "nul",
        "een",
        "twee",
        "drie",
        "vier",
        "vijf",
        "zes",
        "zeven",
        "acht",
        "negen",
        "tien",
        "elf",
        "twaalf",
        "dertien",
        "veertien",
        "vijftien",
        "zestien",
        "zeventien",
        "achttien",
        "negentien",
    ),
}

ISO_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def decimal(value: float, lang: str | None = None) -> str:
    """A number as the edition's language writes it: 1.5 in English, 1,5 in Dutch; whole numbers
    without a fraction."""
    return format_decimal(value, locale=lang or language())


def number(value: int, lang: str | None = None) -> str:
    """A count in running text: "drie" in the Dutch edition for numbers under twenty, digits
    otherwise (and always in English)."""
    written = WORDS.get(lang or language())
    return written[value] if written and 0 <= value < len(written) else str(value)


def date(value: object, lang: str | None = None) -> str:
    """An ISO date ("2026-11-29", or "2026-11") as the edition writes it in prose: "29 november
    2026" in Dutch; the English edition keeps ISO dates. Anything else (a year, free text) as it is."""
    text = str(value)
    lang = lang or language()
    found = ISO_DATE.match(text)
    if lang == "en" or not found:
        return text
    year, month, day = (int(part) if part else None for part in found.groups())
    try:
        when = datetime.date(year or 1, month or 1, day or 1)
    except ValueError:  # "2026-13" or "2026-02-30": not a date, shown as written
        return text
    return format_date(when, format="long", locale=lang) if day else format_skeleton("yMMMM", when, locale=lang)


def sort_key(text: str) -> tuple[str, str]:
    """Alphabetical order as a reader looks a word up: letters without accents or case first
    ("één" beside "een"), then the exact text, so the order is the same every build."""
    letters = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z ]+", "", letters.casefold()), text


T = TypeVar("T")


def alphabetical(records: Iterable[T], field: str = "term") -> list[T]:
    """Records in the alphabetical order of the name they show in this edition."""
    return sorted(records, key=lambda record: sort_key(pick(getattr(record, field))))


def joined(items: Sequence[str], lang: str | None = None) -> str:
    """A list in running text as the edition writes it: 'a', 'a and b', 'a, b and c'. The items
    are joined as they are (plain text or HTML alike); the word between the last two has no markup."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {table(lang)['and']} {items[-1]}"


def author(name: object, lang: str | None = None) -> str:
    """An author as a reference list in the edition gives it: "Turrini et al." reads "Turrini
    e.a." in Dutch."""
    text = str(name)
    return re.sub(r"\bet al\.", "e.a.", text) if (lang or language()) == "nl" else text
