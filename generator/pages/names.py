"""What records and kinds of record are called in the edition's language, where a page names one
among others ("What changed", "Cited in")."""

from __future__ import annotations

from generator.pages import markup
from generator.pages.text import Trusted
from generator.records.knowledge_base import record_name
from generator.records.models import NOUNS, Record, Source, Study
from generator.words import LANGUAGES, language, table


def noun_of(kind: str) -> str:
    """What a record of ``kind`` is called in the edition's language: 'case', 'casus'."""
    return table()[f"noun_{kind if kind in NOUNS else 'study'}"]


def name_of(record: Record) -> object:
    """What a record is called; the study, the one record of its kind, by the word for it."""
    if isinstance(record, Study):
        return {lang: table(lang)["study"] for lang in LANGUAGES}
    return record_name(record)


def section_label(source: Source, section: str) -> Trusted:
    """A source's section in the edition's words, with the heading the source gives it (and
    citations name it by) beside it where that is in another language: 'Probleem (in de bron:
    Problem)'."""
    shown, lang = source.section_name(section, language())
    named = markup.in_language(shown, lang)
    if section in source.unheaded:  # the name is this knowledge base's: there is no heading to show
        return Trusted(f"{named} ({markup.text(table()['section_named_here'])})")
    if shown == section:
        return named
    heading = markup.in_language(section, source.language or "en")
    return Trusted(f"{named} ({markup.text(table()['quote_section_as_headed']).replace('{name}', heading)})")
