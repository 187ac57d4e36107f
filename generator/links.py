"""What the checks across records read from one record: its id and the ids it points at.

Small on purpose: ``validate`` sends only these between processes, never whole records.
"""

from __future__ import annotations

from typing import NamedTuple

from .models import Case, Criterion, Lesson, Record, Variant
from .yaml_source import FieldPath

Ref = tuple[FieldPath, str, str]  # (field, collection, id it names)


class Links(NamedTuple):  # a tuple: cheap to send between processes
    id: str
    refs: tuple[Ref, ...] = ()
    indicators: tuple[str, ...] = ()  # a criterion's indicator ids, in order
    status: str = ""  # a case's status
    rated: tuple[tuple[str, tuple[str, ...]], ...] = ()  # a case's assessment: criterion -> indicators


def links_of(record: Record) -> Links:
    rid: str = getattr(record, "id", "")
    if isinstance(record, Criterion):
        refs = tuple((("references", i), "references", r) for i, r in enumerate(record.references))
        return Links(rid, refs, indicators=tuple(ind.id for ind in record.indicators))
    if isinstance(record, Case):
        return Links(
            rid,
            ((("country",), "countries", record.country),) if record.country else (),
            status=record.status,
            rated=tuple((cid, tuple(ratings)) for cid, ratings in record.assessment.items()),
        )
    if isinstance(record, Lesson):
        refs = ((("criterion",), "criteria", record.criterion),)
        return Links(rid, refs + tuple((("cases", i), "cases", c) for i, c in enumerate(record.cases)))
    if isinstance(record, Variant):
        return Links(rid, tuple((("criteria", i), "criteria", c) for i, c in enumerate(record.criteria)))
    return Links(rid)
