"""Which texts of a record are translated: the coverage `validate` reports, and its warnings.

A text field (``Text`` or ``Name`` in the models) holds {en: ..., nl: ...}; the walk finds
every such field in a record, however deep (a party's role, a rating's finding), from the models'
own annotations (the ``TEXT`` mark, read by annotations.py), so a new text field is counted without
a change here.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.records.annotations import walk
from generator.records.models import Record, TextMark
from generator.records.terminology import rejected_in
from generator.records.yaml_source import FieldPath

TRANSLATED_INTO = ("nl",)  # every language but English, which every text is written in


def texts(record: Record) -> Iterator[tuple[FieldPath, dict[str, str]]]:
    """Every text field of ``record`` with where it stands, e.g. (('parties', 0, 'role'), {...})."""
    for found in walk(record, TextMark):
        yield found.loc, found.value


def missing(record: Record, lang: str) -> tuple[int, list[FieldPath]]:
    """How many texts ``record`` has, and where those without a ``lang`` translation stand."""
    total, untranslated = 0, []
    for loc, text in texts(record):
        total += 1
        if not text.get(lang):
            untranslated.append(loc)
    return total, untranslated


# House style per language that a machine can check: Dutch government text quotes with single
# curly quotes (‘…’), the site's English with double ones (“…”, as its <q> marks are); neither with
# straight double ones.
STRAIGHT_QUOTES = {"nl": '"', "en": '"'}
CURLY_QUOTES = {
    "nl": "‘…’, the single curly quotes of Dutch house style",
    "en": "“…”, the curly quotes the site's English uses",
}


def style_problems(loc: FieldPath, text: dict[str, str]) -> Iterator[tuple[FieldPath, str, str]]:
    """Where a translation breaks its language's house style: (where, what, how to fix it)."""
    for lang, mark in STRAIGHT_QUOTES.items():
        if mark in (text.get(lang) or ""):
            yield (
                (*loc, lang),
                f"uses straight double quotes ({mark})",
                f"use {CURLY_QUOTES[lang]}",
            )
    # One Dutch term per concept (issue 35): a warning, as house style is for reviewers to settle.
    for found in rejected_in(text.get("nl") or "", interface=False):
        yield (*loc, "nl"), found.message(), found.hint()
