"""What records and kinds of record are called in the edition's language, where a page names one
among others ("What changed", "Cited in")."""

from __future__ import annotations

from generator.records.knowledge_base import record_name
from generator.records.models import NOUNS, Record, Study
from generator.words import LANGUAGES, table


def noun_of(kind: str) -> str:
    """What a record of ``kind`` is called in the edition's language: 'case', 'casus'."""
    return table()[f"noun_{kind if kind in NOUNS else 'study'}"]


def name_of(record: Record) -> object:
    """What a record is called; the study, the one record of its kind, by the word for it."""
    if isinstance(record, Study):
        return {lang: table(lang)["study"] for lang in LANGUAGES}
    return record_name(record)
