"""What the checks across records read from one record: its id, the ids it points at, its citations.

The ids a record points at are found from the models' own ``Ref`` marks, so a new reference field,
or a new kind of record, is checked without a change here. Small on purpose: ``validate`` sends
only these between processes, never whole records.
"""

from __future__ import annotations

import re
import types
from functools import cache
from typing import Annotated, Any, NamedTuple, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from generator.records.models import ID_PATTERN, SINGLETONS, TYPES, Case, Citation, Record, Ref, Source
from generator.records.yaml_source import FieldPath


class Pointer(NamedTuple):
    """One id a record names, where it stands, and the kind of record it must name. For a part
    (an indicator of a criterion), ``id`` is the record that must hold ``item`` in its ``part``."""

    field: FieldPath
    kind: str
    id: str
    part: str = ""
    item: str = ""


Cited = tuple[FieldPath, str, str | None, str | None]  # (field, source id, section, quote)


class Links(NamedTuple):  # a tuple: cheap to send between processes
    id: str
    refs: tuple[Pointer, ...] = ()
    citations: tuple[Cited, ...] = ()
    parts: tuple[tuple[str, tuple[str, ...]], ...] = ()  # the ids in each list a Ref names a part of
    assessed: bool = False  # a case with ratings
    rated: tuple[tuple[str, tuple[str, ...]], ...] = ()  # a case's assessment: criterion -> indicators
    sections: tuple[str, ...] = ()  # a source's citable sections
    full_text: str | None = None  # a source's text, relative to the repository
    former: tuple[str, ...] = ()  # ids the record had before a rename

    @property
    def indicators(self) -> tuple[str, ...]:
        """A criterion's indicator ids, in order."""
        return dict(self.parts).get("indicators", ())


# What the walk follows in a model's field: a Ref (the value is an id), a model, a list of
# something, or a mapping whose keys and values may each hold ids. None where nothing can.
_Node = Union[Ref, type[BaseModel], "_List", "_Dict"]


class _List(NamedTuple):
    item: _Node


class _Dict(NamedTuple):
    key: Ref | None
    value: _Node | None


@cache
def _plan(model: type[BaseModel]) -> tuple[tuple[str, _Node], ...]:
    """The fields of ``model`` that can hold an id or a citation, with how to walk each; text and
    numbers cannot, so the walk never enters them. Read once per model from its type hints."""
    plan = []
    for name, info in model.model_fields.items():
        node = _node(info.annotation, tuple(info.metadata))
        if node is not None:
            plan.append((name, node))
    return tuple(plan)


def _node(hint: Any, metadata: tuple[Any, ...] = (), owner: str | None = None) -> _Node | None:
    """How to walk a value of type ``hint``; ``owner`` is the kind the enclosing mapping's keys name."""
    ref = next((m for m in metadata if isinstance(m, Ref)), None)
    if ref is not None:
        if ref.part is not None and owner is not None and ref.kind != owner:
            raise TypeError(f"{ref} must be a key inside a mapping keyed by a Ref({ref.kind!r})")
        return ref
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return hint if _plan(hint) else None
    origin, args = get_origin(hint), get_args(hint)
    if origin is Annotated:
        return _node(args[0], tuple(hint.__metadata__), owner)
    if origin in (Union, types.UnionType):
        nodes = [n for a in args if a is not type(None) and (n := _node(a, (), owner)) is not None]
        if len(nodes) > 1:
            raise TypeError(f"{hint}: a field may hold ids of one shape only")
        return nodes[0] if nodes else None
    if origin is list:
        item = _node(args[0], (), owner)
        return _List(item) if item is not None else None
    if origin is dict:
        key = _node(args[0], (), owner)
        if key is not None and not isinstance(key, Ref):
            raise TypeError(f"{hint}: a mapping's keys may be ids, nothing that holds them")
        value = _node(args[1], (), key.kind if isinstance(key, Ref) and key.part is None else owner)
        return _Dict(key, value) if key is not None or value is not None else None
    return None


def _walk(value: Any, node: _Node, loc: FieldPath, owner: str, found: _Found) -> None:
    if value is None:
        return
    if isinstance(node, Ref):
        if node.part is None:
            found.pointers.append(Pointer(loc, node.kind, value))
        else:
            found.pointers.append(Pointer(loc, node.kind, owner, node.part, value))
    elif isinstance(node, _List):
        for i, item in enumerate(value):
            _walk(item, node.item, (*loc, i), owner, found)
    elif isinstance(node, _Dict):
        for key, item in value.items():
            if node.key is not None:
                _walk(key, node.key, (*loc, key), owner, found)
            if node.value is not None:
                # A part's id below this key (an indicator's) names an item of the record the key names.
                inner_owner = key if node.key is not None and node.key.part is None else owner
                _walk(item, node.value, (*loc, key), inner_owner, found)
    else:
        if node is Citation:
            found.citations.append((loc, value))
        for name, inner in _plan(node):
            _walk(getattr(value, name), inner, (*loc, name), owner, found)


class _Found(NamedTuple):
    pointers: list[Pointer]
    citations: list[tuple[FieldPath, Citation]]


def _found(record: Record) -> _Found:
    found = _Found([], [])
    _walk(record, type(record), (), "", found)
    return found


def citations(record: Record) -> list[tuple[FieldPath, Citation]]:
    """Every citation in a record, with the field path it stands at, in the order of the fields."""
    return _found(record).citations


def _refs_in(node: _Node | None) -> list[Ref]:
    """Every Ref mark under a node (a model's fields, however deep)."""
    if isinstance(node, Ref):
        return [node]
    if isinstance(node, _List):
        return _refs_in(node.item)
    if isinstance(node, _Dict):
        return _refs_in(node.key) + _refs_in(node.value)
    return [ref for _, inner in _plan(node) for ref in _refs_in(inner)] if node is not None else []


@cache
def _parts(model: type[Record]) -> tuple[str, ...]:
    """The lists of ``model`` whose items some Ref with a part names (a criterion's indicators)."""
    kinds = {t.folder for t in TYPES if t.model is model}
    marks = [ref for other in (*(t.model for t in TYPES), *SINGLETONS.values()) for ref in _refs_in(other)]
    return tuple(sorted({ref.part for ref in marks if ref.part is not None and ref.kind in kinds}))


def links_of(record: Record) -> Links:
    found = _found(record)
    cited = tuple((loc, c.source, c.section, c.quote) for loc, c in found.citations)
    parts = tuple((part, tuple(item.id for item in getattr(record, part))) for part in _parts(type(record)))
    links = Links(
        getattr(record, "id", ""),
        tuple(found.pointers),
        cited,
        parts,
        former=tuple(getattr(record, "former_ids", ())),
    )
    if isinstance(record, Case):
        rated = tuple((cid, tuple(ratings)) for cid, ratings in record.assessment.items())
        return links._replace(assessed=record.assessed_by is not None, rated=rated)
    if isinstance(record, Source):
        return links._replace(sections=tuple(record.sections), full_text=record.full_text)
    return links


def _an_id(value: Any) -> bool:
    return isinstance(value, str) and re.fullmatch(ID_PATTERN, value) is not None


def _walk_data(value: Any, node: _Node, loc: FieldPath, owner: str, found: _Found) -> None:
    """``_walk`` over a record's plain data, where the record as a whole did not validate: it
    keeps the ids and citations that are sound on their own and passes over the rest, which the
    record's shape errors already name."""
    if value is None:
        return
    if isinstance(node, Ref):
        if _an_id(value):
            _walk(value, node, loc, owner, found)
    elif isinstance(node, _List):
        if isinstance(value, list):
            for i, item in enumerate(value):
                _walk_data(item, node.item, (*loc, i), owner, found)
    elif isinstance(node, _Dict):
        if isinstance(value, dict):
            for key, item in value.items():
                if node.key is not None:
                    if not _an_id(key):
                        continue  # what lies below a key that is no id belongs to nothing known
                    _walk(key, node.key, (*loc, key), owner, found)
                if node.value is not None:
                    inner_owner = key if node.key is not None and node.key.part is None else owner
                    _walk_data(item, node.value, (*loc, key), inner_owner, found)
    elif isinstance(value, dict):
        if node is Citation:
            try:
                citation = Citation.model_validate(value)
            except ValidationError:
                return  # its own errors are reported with the record's
            _walk(citation, node, loc, owner, found)
            return
        for name, inner in _plan(node):
            _walk_data(value.get(name), inner, (*loc, name), owner, found)


def partial_links(model: type[Record], data: dict[str, Any]) -> Links:
    """What the checks across records can still read from a record that did not validate: the ids
    it points at and the citations that are valid on their own, so a shape error in one field does
    not hide a wrong quote, section, country or source in another."""
    found = _Found([], [])
    _walk_data(data, model, (), "", found)
    cited = tuple((loc, c.source, c.section, c.quote) for loc, c in found.citations)
    rid = data.get("id")
    return Links(rid if isinstance(rid, str) and _an_id(rid) else "", tuple(found.pointers), cited)
