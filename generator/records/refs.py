"""What the checks across records read from one record: its id, the ids it points at, its citations.

The ids a record points at are found from the models' own ``Ref`` marks, so a new reference field,
or a new kind of record, is checked without a change here. Small on purpose: ``validate`` sends
only these between processes, never whole records.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError

from generator.records.annotations import DictOf, Found, Leaf, ListOf, Model, Node, marked, marks, walk, walk_data
from generator.records.models import ID_PATTERN, SINGLETONS, TYPES, Case, Citation, Criterion, Record, Ref, Source
from generator.records.yaml_source import FieldPath


class Pointer(NamedTuple):
    """One id a record names, where it stands, and the kind of record it must name. For a part
    (an indicator of a criterion), ``id`` is the record that must hold ``item`` in its ``part``."""

    field: FieldPath
    kind: str
    id: str
    part: str = ""
    item: str = ""


# (field, source id, section, quote, the quote's renderings as (language, words) pairs)
Cited = tuple[FieldPath, str, str | None, str | None, tuple[tuple[str, str], ...]]


def _cited(loc: FieldPath, c: Citation) -> Cited:
    return (loc, c.source, c.section, c.quote, tuple(sorted(c.translation.items())))


class Links(NamedTuple):  # a tuple: cheap to send between processes
    id: str
    refs: tuple[Pointer, ...] = ()
    citations: tuple[Cited, ...] = ()
    parts: tuple[tuple[str, tuple[str, ...]], ...] = ()  # the ids in each list a Ref names a part of
    assessed: bool = False  # a case with ratings
    rated: tuple[tuple[str, tuple[str, ...]], ...] = ()  # a case's assessment: criterion -> indicators
    sections: tuple[str, ...] = ()  # a source's citable sections
    full_text: str | None = None  # a source's text, relative to the repository
    # A source's quote languages: ("", its own) and (section, language) for a section in another
    quote_languages: tuple[tuple[str, str], ...] = ()
    former: tuple[str, ...] = ()  # ids the record had before a rename
    displaced: tuple[tuple[str, str], ...] = ()  # a source's passages out of place: (opens, section)
    order: int | None = None  # a record's place where its kind has one (a step's on the path)
    # A criterion's indicators' former ids, each list in the order of the indicators.
    indicator_former: tuple[tuple[str, ...], ...] = ()

    @property
    def indicators(self) -> tuple[str, ...]:
        """A criterion's indicator ids, in order."""
        return dict(self.parts).get("indicators", ())


# What a record's walk (annotations.py) takes: the ids its fields name, and its citations whole.
_MARKS = (Ref, Citation)


@cache
def _checked(model: type[BaseModel]) -> None:
    """Check once that in ``model`` a part's id (an indicator's) stands only below a key naming a
    record of the kind that holds the part; raise TypeError where it does not."""
    for _, node in marked(model, _MARKS):
        _check_parts(node, None)


def _check_parts(node: Node | None, owner: str | None) -> None:
    """Refuse a part reference below a mapping keyed by ids of another kind; ``owner`` is that kind."""
    if isinstance(node, Leaf) and isinstance(node.mark, Ref):
        ref = node.mark
        if ref.part is not None and owner is not None and ref.kind != owner:
            raise TypeError(f"{ref} must be a key inside a mapping keyed by a Ref({ref.kind!r})")
    elif isinstance(node, ListOf):
        _check_parts(node.item, owner)
    elif isinstance(node, DictOf):
        key = node.key.mark if node.key is not None else None
        _check_parts(node.key, owner)
        _check_parts(node.value, key.kind if isinstance(key, Ref) and key.part is None else owner)
    elif isinstance(node, Model):
        _checked(node.model)


class _Found(NamedTuple):
    pointers: list[Pointer]
    citations: list[tuple[FieldPath, Citation]]


def _owner(keys: tuple[tuple[object, Any], ...]) -> str:
    """The record an item's id belongs to: the innermost key above it that names a whole record."""
    return next((key for mark, key in reversed(keys) if isinstance(mark, Ref) and mark.part is None), "")


def _split(found: list[Found], citation: Callable[[Any], Citation | None]) -> _Found:
    """The walk's findings as pointers and citations, each in the order of the fields."""
    split = _Found([], [])
    for loc, mark, value, keys in found:
        if isinstance(mark, Ref):
            pointer = (
                Pointer(loc, mark.kind, value)
                if mark.part is None
                else Pointer(loc, mark.kind, _owner(keys), mark.part, value)
            )
            split.pointers.append(pointer)
        elif (cited := citation(value)) is not None:
            split.citations.append((loc, cited))
    return split


def _found(record: Record) -> _Found:
    _checked(type(record))
    return _split(walk(record, _MARKS), lambda value: value)


def citations(record: Record) -> list[tuple[FieldPath, Citation]]:
    """Every citation in a record, with the field path it stands at, in the order of the fields."""
    return _found(record).citations


@cache
def _parts(model: type[Record]) -> tuple[str, ...]:
    """The lists of ``model`` whose items some Ref with a part names (a criterion's indicators)."""
    kinds = {t.folder for t in TYPES if t.model is model}
    every = [mark for other in (*(t.model for t in TYPES), *SINGLETONS.values()) for mark in marks(other, Ref)]
    return tuple(sorted({m.part for m in every if isinstance(m, Ref) and m.part is not None and m.kind in kinds}))


def links_of(record: Record) -> Links:
    found = _found(record)
    cited = tuple(_cited(loc, c) for loc, c in found.citations)
    parts = tuple((part, tuple(item.id for item in getattr(record, part))) for part in _parts(type(record)))
    links = Links(
        getattr(record, "id", ""),
        tuple(found.pointers),
        cited,
        parts,
        former=tuple(getattr(record, "former_ids", ())),
        order=getattr(record, "order", None),
    )
    if isinstance(record, Case):
        rated = tuple((cid, tuple(ratings)) for cid, ratings in record.assessment.items())
        return links._replace(assessed=record.assessed_by is not None, rated=rated)
    if isinstance(record, Source):
        languages = (("", record.language or "en"), *sorted(record.section_languages.items()))
        displaced = tuple((d.opens, d.section) for d in record.displaced)
        return links._replace(
            sections=tuple(record.sections),
            full_text=record.full_text,
            quote_languages=languages,
            displaced=displaced,
        )
    if isinstance(record, Criterion):
        return links._replace(indicator_former=tuple(tuple(i.former_ids) for i in record.indicators))
    return links


def _an_id(value: Any) -> bool:
    return isinstance(value, str) and re.fullmatch(ID_PATTERN, value) is not None


def _sound(mark: object, value: Any) -> bool:
    """What the walk over plain data takes: an id that is one, a citation that is valid on its own."""
    if mark is Citation:
        return _valid_citation(value) is not None
    return _an_id(value)


def _valid_citation(value: Any) -> Citation | None:
    try:
        return Citation.model_validate(value)
    except ValidationError:
        return None  # its own errors are reported with the record's


def partial_links(model: type[Record], data: dict[str, Any]) -> Links:
    """What the checks across records can still read from a record that did not validate: the ids
    it points at and the citations that are valid on their own, so a shape error in one field does
    not hide a wrong quote, section, country or source in another."""
    _checked(model)
    found = _split(walk_data(data, model, _MARKS, _sound), _valid_citation)
    cited = tuple(_cited(loc, c) for loc, c in found.citations)
    rid = data.get("id")
    return Links(rid if isinstance(rid, str) and _an_id(rid) else "", tuple(found.pointers), cited)
