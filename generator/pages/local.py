"""Numbers, dates and alphabetical order as each edition writes them: the Dutch edition follows
Dutch government house style (a decimal comma, "29 november 2026", numbers under twenty in words
in prose, names sorted as a Dutch reader looks them up)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import TypeVar

from generator.pages.text import pick
from generator.words import language

MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
}

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
    """A number as the edition writes it: 1.5 in English, 1,5 in Dutch; whole numbers without
    a fraction."""
    text = f"{value:g}"
    return text.replace(".", ",") if (lang or language()) == "nl" else text


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
    year, month, day = found.groups()
    if not 1 <= int(month) <= 12:
        return text
    name = MONTHS[lang][int(month) - 1]
    return f"{int(day)} {name} {year}" if day else f"{name} {year}"


def sort_key(text: str) -> tuple[str, str]:
    """Alphabetical order as a reader looks a word up: letters without accents or case first
    ("één" beside "een"), then the exact text, so the order is the same every build."""
    letters = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z ]+", "", letters.casefold()), text


T = TypeVar("T")


def alphabetical(records: Iterable[T], field: str = "term") -> list[T]:
    """Records in the alphabetical order of the name they show in this edition."""
    return sorted(records, key=lambda record: sort_key(pick(getattr(record, field))))


def author(name: object, lang: str | None = None) -> str:
    """An author as a reference list in the edition gives it: "Turrini et al." reads "Turrini
    e.a." in Dutch."""
    text = str(name)
    return re.sub(r"\bet al\.", "e.a.", text) if (lang or language()) == "nl" else text
