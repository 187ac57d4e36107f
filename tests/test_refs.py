"""References are declared in the models (``Ref``) and checked from there: a field that holds
another record's id cannot go unchecked, and a record of a kind the models do not list has no name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, get_args, get_origin

import pytest
import yaml
from pydantic import BaseModel, Field
from pydantic.fields import FieldInfo

from generator.records import models, refs
from generator.records.knowledge_base import record_name, validate
from generator.records.models import ID_PATTERN, SINGLETONS, TYPES, Id, Record, RecordType, Ref
from generator.records.problems import ContentError
from helpers import CORPUS


def _ids(hint: Any, metadata: tuple[Any, ...], where: str) -> Iterator[tuple[str, Ref | None]]:
    """Every place an ``Id`` stands in a field's type (a list's items, a mapping's keys, ...), with
    the Ref beside it, if any."""
    if get_origin(hint) is Annotated:
        hint, metadata = get_args(hint)[0], (*metadata, *hint.__metadata__)
    if any(getattr(m, "pattern", None) == ID_PATTERN for m in metadata):
        yield where, next((m for m in metadata if isinstance(m, Ref)), None)
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        yield from _model_ids(hint)
        return
    origin, args = get_origin(hint), get_args(hint)
    if origin is dict:
        yield from _ids(args[0], (), f"{where} keys")
        yield from _ids(args[1], (), f"{where} values")
    else:  # a list's items, a union's options
        for arg in args:
            yield from _ids(arg, (), f"{where} items" if origin is list else where)


def _model_ids(model: type[BaseModel]) -> Iterator[tuple[str, Ref | None]]:
    for name, info in model.model_fields.items():
        if name not in ("id", "former_ids"):  # a record's own ids, not references
            yield from _ids(info.annotation, tuple(info.metadata), f"{model.__name__}.{name}")


def _unmarked(*roots: type[BaseModel]) -> list[str]:
    return sorted({where for root in roots for where, ref in _model_ids(root) if ref is None})


def test_every_id_field_but_a_records_own_names_the_kind_it_refers_to() -> None:
    roots = [t.model for t in TYPES] + list(SINGLETONS.values())
    assert _unmarked(*roots) == []
    marks = [ref for root in roots for _, ref in _model_ids(root) if ref is not None]
    assert {m.kind for m in marks} <= {t.folder for t in TYPES}
    for mark in marks:  # a part names a list of records with ids
        if mark.part is not None:
            assert "id" in get_args(models.COLLECTIONS[mark.kind].model_fields[mark.part].annotation)[0].model_fields


def test_the_walk_finds_an_id_without_a_ref_wherever_it_stands() -> None:
    class Inner(Record):
        case: Id

    class Loose(Record):
        id: Id
        country: Id | None = None
        cases: list[Id] = Field(default=[])
        by_case: dict[Id, int] = Field(default={})
        inner: list[Inner] = Field(default=[])
        marked: Annotated[Id, Ref("cases")] = Field(default="x")

    assert _unmarked(Loose) == ["Inner.case", "Loose.by_case keys", "Loose.cases items", "Loose.country"]


class Event(Record):
    """A kind the models do not have: a new record type as a contributor might add it."""

    id: Id
    title: str
    case: Annotated[Id, Ref("cases")]
    criteria: dict[Annotated[Id, Ref("criteria")], list[Annotated[Id, Ref("criteria", part="indicators")]]] = Field(
        default={}
    )


@pytest.fixture
def events(monkeypatch: pytest.MonkeyPatch) -> RecordType:
    kind = RecordType("events", Event, "event", "events.md", "title")
    monkeypatch.setattr(models, "TYPES", (*TYPES, kind))
    monkeypatch.setitem(models.KINDS, "events", kind)
    monkeypatch.setitem(models.COLLECTIONS, "events", Event)
    monkeypatch.setitem(models.NOUNS, "events", "event")
    return kind


def test_a_new_record_type_with_a_dangling_reference_is_reported_at_its_line(events: RecordType, repo: Path) -> None:
    folder = repo / "content/events"
    folder.mkdir()
    criterion = sorted((repo / "content/criteria").glob("*.yaml"))[0].stem
    (folder / "opening.yaml").write_text(
        f"id: opening\ntitle: Opening match\ncase: no-such-case-at-all\ncriteria:\n  {criterion}: [no-such-indicator]\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as caught:
        validate(repo / "content")
    found = [(p.path, p.line, p.column, p.field, p.message) for p in caught.value.problems]
    assert found == [
        (
            "content/events/opening.yaml",
            3,
            1,
            "case",
            "'no-such-case-at-all' is not the id of any case in content/cases/",
        ),
        (
            "content/events/opening.yaml",
            5,
            # the item stands after "  <criterion>: [" on line 5
            len(f"  {criterion}: [") + 1,
            f"criteria.{criterion}[0]",
            f"'no-such-indicator' is not an indicator of criterion '{criterion}'",
        ),
    ]


def test_a_record_is_named_by_its_kinds_name_field(events: RecordType) -> None:
    assert record_name(Event(id="opening", title="Opening match", case="x")) == "Opening match"


def test_a_record_of_a_kind_without_a_row_has_no_name_to_guess() -> None:
    with pytest.raises(LookupError, match="Event is not a kind of record"):
        record_name(Event(id="opening", title="Opening match", case="x"))
    with pytest.raises(LookupError, match="Study is not a kind of record"):
        record_name(SINGLETONS["study"].model_construct())


def test_every_kind_is_named_by_a_field_of_its_model() -> None:
    for kind in TYPES:
        info: FieldInfo = kind.model.model_fields[kind.name_field]
        assert info.is_required(), kind.folder  # every record of the kind has a name


def test_a_part_reference_inside_a_mapping_keyed_by_another_kind_is_refused() -> None:
    class Stray(Record):
        indicators: dict[Annotated[Id, Ref("cases")], Annotated[Id, Ref("criteria", part="indicators")]]

    with pytest.raises(TypeError, match="must be a key inside a mapping keyed by"):
        refs.links_of(Stray(indicators={"x": "y"}))


def test_a_part_reference_of_its_own_names_an_item_of_any_record_of_the_kind() -> None:
    class Loose(Record):
        indicators: list[Annotated[Id, Ref("criteria", part="indicators")]]

    (pointer,) = refs.links_of(Loose(indicators=["trust"])).refs
    assert pointer == refs.Pointer(("indicators", 0), "criteria", "", "indicators", "trust")


def test_the_walk_over_plain_data_finds_in_a_valid_record_what_the_walk_over_the_record_finds() -> None:
    """partial_links (a record that did not validate) and links_of read one walk (annotations.py):
    on a valid record's own data the two agree, id for id and citation for citation."""
    checked = 0
    for kind in TYPES:
        for path in sorted((CORPUS / "content" / kind.folder).glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            record = kind.model.model_validate(data)
            whole, partial = refs.links_of(record), refs.partial_links(kind.model, data)
            assert (partial.id, partial.refs, partial.citations) == (whole.id, whole.refs, whole.citations), path
            checked += bool(whole.refs or whole.citations)
    assert checked > 20
