"""One walk over the models' own annotations, for every check that follows a mark through a record.

A mark is a type: a field is marked where its annotation carries an instance of it (``Ref``, ``TEXT``)
or where its value is a model of it (``Citation``). ``marked`` reads once per model which fields can
hold a marked value, however deep (in a list, a mapping's keys or values, an inner model), and how to
reach it; ``walk`` then visits only those fields of a record, and ``walk_data`` those of a record's
plain data where the record as a whole did not validate. refs.py (ids and citations) and
translation.py (texts) are the two users, so a new field or record type needs no change here.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from functools import cache
from typing import Annotated, Any, NamedTuple, Union, get_args, get_origin

from pydantic import BaseModel

from generator.records.yaml_source import FieldPath

Marker = type | tuple[type, ...]


class Leaf(NamedTuple):
    """A value marked by its annotation: ``mark`` is the instance found there (a ``Ref``)."""

    mark: object


class Model(NamedTuple):
    """A model whose fields hold marked values; ``marked`` when the model itself is one (``Citation``)."""

    model: type[BaseModel]
    marked: bool


class ListOf(NamedTuple):
    item: Node


class DictOf(NamedTuple):
    key: Leaf | None  # a mapping's keys may be marked values, never hold them
    value: Node | None


Node = Leaf | Model | ListOf | DictOf
Plan = tuple[tuple[str, Node], ...]  # (field name, how to reach its marked values), in field order


class Found(NamedTuple):
    """One marked value: where it stands, its mark (a ``Leaf``'s, or the model's class), the value,
    and the marked mapping keys it stands under, outermost first, as (mark, key) pairs."""

    loc: FieldPath
    mark: object
    value: Any
    keys: tuple[tuple[object, Any], ...]


@cache
def marked(model: type[BaseModel], marker: Marker) -> Plan:
    """The fields of ``model`` that can hold a value marked by ``marker``, with how to reach it;
    the walks never enter the others. Raises TypeError for a shape no walk could read unambiguously."""
    plan = []
    for name, info in model.model_fields.items():
        node = _node(info.annotation, tuple(info.metadata), marker)
        if node is not None:
            plan.append((name, node))
    return tuple(plan)


def _node(hint: Any, metadata: tuple[Any, ...], marker: Marker) -> Node | None:
    """How to reach the marked values in a value of type ``hint``; None where it holds none."""
    mark = next((m for m in metadata if isinstance(m, marker)), None)
    if mark is not None:
        return Leaf(mark)
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        own = issubclass(hint, marker)
        return Model(hint, own) if own or marked(hint, marker) else None
    origin, args = get_origin(hint), get_args(hint)
    if origin is Annotated:
        return _node(args[0], tuple(hint.__metadata__), marker)
    if origin in (Union, types.UnionType):
        nodes = [n for a in args if a is not type(None) and (n := _node(a, (), marker)) is not None]
        if len(nodes) > 1:
            raise TypeError(f"{hint}: a field may hold marked values of one shape only")
        return nodes[0] if nodes else None
    if origin is list:
        item = _node(args[0], (), marker)
        return ListOf(item) if item is not None else None
    if origin is dict:
        key = _node(args[0], (), marker)
        if key is not None and not isinstance(key, Leaf):
            raise TypeError(f"{hint}: a mapping's keys may be marked values, nothing that holds them")
        value = _node(args[1], (), marker)
        return DictOf(key, value) if key is not None or value is not None else None
    return None


def marks(model: type[BaseModel], marker: Marker) -> list[object]:
    """Every mark a value of ``model`` can hold (a model's class where the model is marked), however deep."""
    return [mark for _, node in marked(model, marker) for mark in _marks(node, marker)]


def _marks(node: Node | None, marker: Marker) -> list[object]:
    if isinstance(node, Leaf):
        return [node.mark]
    if isinstance(node, ListOf):
        return _marks(node.item, marker)
    if isinstance(node, DictOf):
        return _marks(node.key, marker) + _marks(node.value, marker)
    if isinstance(node, Model):
        return ([node.model] if node.marked else []) + marks(node.model, marker)
    return []


def walk(record: BaseModel, marker: Marker) -> list[Found]:
    """Every value in ``record`` marked by ``marker``, in the order of the fields. A marked model
    comes before the marked values inside it."""
    found: list[Found] = []
    _walk_plan(record, marked(type(record), marker), marker, (), (), found)
    return found


def _walk_plan(
    value: Any, plan: Plan, marker: Marker, loc: FieldPath, keys: tuple[Any, ...], found: list[Found]
) -> None:
    for name, node in plan:
        _walk(getattr(value, name), node, marker, (*loc, name), keys, found)


def _walk(value: Any, node: Node, marker: Marker, loc: FieldPath, keys: tuple[Any, ...], found: list[Found]) -> None:
    if value is None:
        return
    if isinstance(node, Leaf):
        found.append(Found(loc, node.mark, value, keys))
    elif isinstance(node, ListOf):
        for i, item in enumerate(value):
            _walk(item, node.item, marker, (*loc, i), keys, found)
    elif isinstance(node, DictOf):
        for key, item in value.items():
            if node.key is not None:
                found.append(Found((*loc, key), node.key.mark, key, keys))
            if node.value is not None:
                inner = (*keys, (node.key.mark, key)) if node.key is not None else keys
                _walk(item, node.value, marker, (*loc, key), inner, found)
    else:
        if node.marked:
            found.append(Found(loc, node.model, value, keys))
        _walk_plan(value, marked(node.model, marker), marker, loc, keys, found)


Accept = Callable[[object, Any], bool]  # (mark, plain value) -> whether the walk takes it


def walk_data(data: Any, model: type[BaseModel], marker: Marker, accept: Accept) -> list[Found]:
    """``walk`` over a record's plain data (from YAML), where the record did not validate: it goes
    only where the data has the shape the model gives, and takes a marked value, key or model only
    where ``accept`` does; below a marked key it does not accept, it takes nothing."""
    found: list[Found] = []
    _data_plan(data, marked(model, marker), marker, accept, (), (), found)
    return found


def _data_plan(
    data: Any, plan: Plan, marker: Marker, accept: Accept, loc: FieldPath, keys: tuple[Any, ...], found: list[Found]
) -> None:
    if isinstance(data, dict):
        for name, node in plan:
            _data(data.get(name), node, marker, accept, (*loc, name), keys, found)


def _data(
    value: Any, node: Node, marker: Marker, accept: Accept, loc: FieldPath, keys: tuple[Any, ...], found: list[Found]
) -> None:
    if value is None:
        return
    if isinstance(node, Leaf):
        if accept(node.mark, value):
            found.append(Found(loc, node.mark, value, keys))
    elif isinstance(node, ListOf):
        for i, item in enumerate(value if isinstance(value, list) else ()):
            _data(item, node.item, marker, accept, (*loc, i), keys, found)
    elif isinstance(node, DictOf):
        for key, item in value.items() if isinstance(value, dict) else ():
            if node.key is not None:
                if not accept(node.key.mark, key):
                    continue  # what lies below a key it does not take belongs to nothing known
                found.append(Found((*loc, key), node.key.mark, key, keys))
            if node.value is not None:
                inner = (*keys, (node.key.mark, key)) if node.key is not None else keys
                _data(item, node.value, marker, accept, (*loc, key), inner, found)
    elif isinstance(value, dict):
        if node.marked:
            if not accept(node.model, value):
                return  # its own errors are reported with the record's
            found.append(Found(loc, node.model, value, keys))
        _data_plan(value, marked(node.model, marker), marker, accept, loc, keys, found)
