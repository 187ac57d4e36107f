"""What the checks across records read from one record: its id, the ids it points at, its citations.

Small on purpose: ``validate`` sends only these between processes, never whole records.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import NamedTuple, get_args

from pydantic import BaseModel

from generator.records.models import Case, Citation, Criterion, Lesson, Record, Source, Study, Variant
from generator.records.ratings import Rating
from generator.records.yaml_source import FieldPath

Ref = tuple[FieldPath, str, str]  # (field, collection, id it names)
Cited = tuple[FieldPath, str, str | None, str | None]  # (field, source id, section, quote)


class Links(NamedTuple):  # a tuple: cheap to send between processes
    id: str
    refs: tuple[Ref, ...] = ()
    citations: tuple[Cited, ...] = ()
    indicators: tuple[str, ...] = ()  # a criterion's indicator ids, in order
    assessed: bool = False  # a case with ratings
    rated: tuple[tuple[str, tuple[str, ...]], ...] = ()  # a case's assessment: criterion -> indicators
    sections: tuple[str, ...] = ()  # a source's citable sections
    full_text: str | None = None  # a source's text, relative to the repository
    former: tuple[str, ...] = ()  # ids the record had before a rename


def citations(value: object, loc: FieldPath = ()) -> Iterator[tuple[FieldPath, Citation]]:
    """Every citation in a record (or any part of one), with the field path it stands at."""
    if isinstance(value, Citation):
        yield loc, value
        return
    items: Iterable[tuple[str | int, object]]
    if isinstance(value, BaseModel):
        items = ((name, getattr(value, name)) for name in _fields_with_records(value.__class__))
    elif isinstance(value, (list, tuple)):
        items = enumerate(value)
    elif isinstance(value, dict):
        items = value.items()
    else:
        return
    for key, item in items:
        if item is not None and item.__class__ not in _LEAVES:  # most fields hold text: skip the call
            yield from citations(item, (*loc, key))


_LEAVES = frozenset({str, int, float, bool, Rating})


@cache
def _fields_with_records(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` that can hold a record (and so a citation); text, ids and numbers
    cannot, so the walk never enters them. Read once per model from its type hints."""
    return tuple(name for name, info in model.model_fields.items() if _holds_record(info.annotation))


def _holds_record(hint: object) -> bool:
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return True
    return any(_holds_record(arg) for arg in get_args(hint))


def _refs(record: Record) -> tuple[Ref, ...]:
    if isinstance(record, Criterion):
        return tuple((("references", i), "sources", r) for i, r in enumerate(record.references))
    if isinstance(record, Case):
        return ((("country",), "countries", record.country),) if record.country else ()
    if isinstance(record, Lesson):
        refs = ((("criterion",), "criteria", record.criterion),)
        return refs + tuple((("cases", i), "cases", c) for i, c in enumerate(record.cases))
    if isinstance(record, Variant):
        return tuple((("criteria", i), "criteria", c) for i, c in enumerate(record.criteria))
    if isinstance(record, Study):
        return ((("source",), "sources", record.source),)
    return ()


def links_of(record: Record) -> Links:
    cited = tuple((loc, c.source, c.section, c.quote) for loc, c in citations(record))
    links = Links(getattr(record, "id", ""), _refs(record), cited, former=tuple(getattr(record, "former_ids", ())))
    if isinstance(record, Criterion):
        return links._replace(indicators=tuple(ind.id for ind in record.indicators))
    if isinstance(record, Case):
        rated = tuple((cid, tuple(ratings)) for cid, ratings in record.assessment.items())
        return links._replace(assessed=record.assessed_by is not None, rated=rated)
    if isinstance(record, Source):
        return links._replace(sections=tuple(record.sections), full_text=record.full_text)
    return links
