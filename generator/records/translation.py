"""Which texts of a record are translated: the coverage `validate` reports, and its warnings.

A text field (``Text`` or ``Name`` in the models) holds {en: ..., nl: ...}; the walk below finds
every such field in a record, however deep (a party's role, a rating's finding), from the models'
own annotations, so a new text field is counted without a change here.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from generator.records.models import TEXT, Record

FieldPath = tuple[str | int, ...]
TRANSLATED_INTO = ("nl",)  # every language but English, which every text is written in


def texts(record: Record) -> Iterator[tuple[FieldPath, dict[str, str]]]:
    """Every text field of ``record`` with where it stands, e.g. (('parties', 0, 'role'), {...})."""
    yield from _walk(record, type(record), ())


def _walk(value: Any, annotation: Any, loc: FieldPath, metadata: tuple[Any, ...] = ()) -> Iterator[Any]:
    if value is None:
        return
    if TEXT in metadata:
        yield loc, value
        return
    if isinstance(value, BaseModel):
        for name, info in _fields(type(value)):
            yield from _walk(getattr(value, name), info.annotation, (*loc, name), tuple(info.metadata))
        return
    origin, args = _shape(annotation)
    if origin is Annotated:
        yield from _walk(value, args[0], loc, args[1])
    elif origin is Union:
        for option in args:  # the one option that is not None (Text | None, list[Name] | None)
            yield from _walk(value, option, loc)
    elif origin is list:
        for i, item in enumerate(value):
            yield from _walk(item, args[0], (*loc, i))
    elif origin is dict:
        for key, item in value.items():
            yield from _walk(item, args[1], (*loc, key))


@cache
def _fields(model: type[BaseModel]) -> tuple[tuple[str, Any], ...]:
    """The fields that can hold a text, directly or inside: the rest (ids, numbers) are skipped."""
    return tuple(
        (name, info) for name, info in model.model_fields.items() if _may_hold_text(info.annotation, info.metadata)
    )


@cache
def _shape(annotation: Any) -> tuple[Any, tuple[Any, ...]]:
    origin = get_origin(annotation)
    if origin is Annotated:
        return Annotated, (get_args(annotation)[0], tuple(annotation.__metadata__))
    if origin in (Union, types.UnionType):
        return Union, tuple(a for a in get_args(annotation) if a is not type(None))
    if origin in (list, dict):
        return origin, get_args(annotation)
    return None, ()


def _may_hold_text(annotation: Any, metadata: Any = ()) -> bool:
    if TEXT in tuple(metadata):
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return any(_may_hold_text(i.annotation, i.metadata) for i in annotation.model_fields.values())
    origin, args = _shape(annotation)
    if origin is Annotated:
        return _may_hold_text(args[0], args[1])
    return any(_may_hold_text(a) for a in args)


def missing(record: Record, lang: str) -> tuple[int, list[FieldPath]]:
    """How many texts ``record`` has, and where those without a ``lang`` translation stand."""
    total, untranslated = 0, []
    for loc, text in texts(record):
        total += 1
        if not text.get(lang):
            untranslated.append(loc)
    return total, untranslated


# House style per language that a machine can check: Dutch government text quotes with single
# curly quotes (‘…’), never with straight double ones.
STRAIGHT_QUOTES = {"nl": '"'}


def style_problems(loc: FieldPath, text: dict[str, str]) -> Iterator[tuple[FieldPath, str, str]]:
    """Where a translation breaks its language's house style: (where, what, how to fix it)."""
    for lang, mark in STRAIGHT_QUOTES.items():
        if mark in (text.get(lang) or ""):
            yield (
                (*loc, lang),
                f"uses straight double quotes ({mark})",
                "use ‘…’, the single curly quotes of Dutch house style",
            )
