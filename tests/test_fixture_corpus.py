"""The fixture corpus (tests/fixtures/kb/) that generator tests build instead of the real content/:
it must stay valid without a warning, and use every field of every model and every value the
pages branch on, so a test that builds it reaches every part of a page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal, get_args, get_origin

import pytest
from pydantic import BaseModel

from generator.records.knowledge_base import KnowledgeBase, build, validate
from generator.records.models import TYPES, Case, Citation, Country, Lesson, Party, Source, Study
from generator.records.ratings import Rating
from helpers import ROOT

KB = ROOT / "tests" / "fixtures" / "kb"
CONTENT = KB / "content"

# The models inside the records, which no row of TYPES names: the walk below must meet each one.
NESTED = {"Citation", "Fact", "Party", "Assessed", "Indicator", "Stage", "Funnel"}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return build(CONTENT)


def _instances(value: Any) -> Iterator[BaseModel]:
    """Every model instance in ``value``, however deep (a party's citation, a rating in a mapping)."""
    if isinstance(value, BaseModel):
        yield value
        for name in type(value).model_fields:
            yield from _instances(getattr(value, name))
    elif isinstance(value, dict):
        for item in value.values():
            yield from _instances(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _instances(item)


def _everything(kb: KnowledgeBase) -> list[BaseModel]:
    return [
        found for record in (kb.study, *(r for rs in kb.records.values() for r in rs)) for found in _instances(record)
    ]


def _models_in(model: type[BaseModel], seen: set[type[BaseModel]]) -> set[type[BaseModel]]:
    """``model`` and every model its fields can hold, from the annotations."""
    if model in seen:
        return seen
    seen.add(model)

    def visit(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            _models_in(annotation, seen)
        for arg in get_args(annotation):
            visit(arg)

    for info in model.model_fields.values():
        visit(info.annotation)
    return seen


def _all_models() -> set[type[BaseModel]]:
    found: set[type[BaseModel]] = set()
    roots: list[type[BaseModel]] = [t.model for t in TYPES]
    roots.append(Study)
    for model in roots:
        _models_in(model, found)
    return found


def _is_default(model: type[BaseModel], name: str, value: Any) -> bool:
    info = model.model_fields[name]
    if info.is_required():
        return False  # a required field holds a value wherever its model occurs
    return bool(value == info.get_default(call_default_factory=True))


def test_every_field_of_every_model_is_used(kb: KnowledgeBase) -> None:
    every = _all_models()
    assert {m.__name__ for m in every} >= NESTED, "a nested model is no longer reached from the records"
    used: set[tuple[str, str]] = set()
    for instance in _everything(kb):
        model = type(instance)
        for name in model.model_fields:
            if not _is_default(model, name, getattr(instance, name)):
                used.add((model.__name__, name))
    unused = sorted(
        f"{model.__name__}.{name}"
        for model in every
        for name in model.model_fields
        if (model.__name__, name) not in used
    )
    assert not unused, f"fields no record of tests/fixtures/kb sets to a value of its own: {', '.join(unused)}"


def _literal(model: type[BaseModel], name: str) -> set[Any]:
    """The values a Literal field allows (None too, where the field may be left out)."""
    values: set[Any] = set()

    def visit(annotation: Any) -> None:
        if get_origin(annotation) is Literal:
            values.update(get_args(annotation))
        elif annotation is type(None):
            values.add(None)
        else:
            for arg in get_args(annotation):
                visit(arg)

    visit(model.model_fields[name].annotation)
    return values


def _values(kb: KnowledgeBase, model: type[BaseModel], name: str) -> set[Any]:
    return {getattr(i, name) for i in _everything(kb) if type(i) is model}


# Every value of these fields, None (left out) included where the field allows it.
EVERY_VALUE = [(Case, "status"), (Case, "assessed_by"), (Party, "sector"), (Country, "position")]
# These values at least: the kinds of source the pages set apart, and a record written in Dutch.
AT_LEAST = [
    (Source, "kind", {"report", "article", "evaluation", "web-page"}),
    (Case, "lang", {"nl"}),
    (Lesson, "lang", {"nl"}),
    (Source, "lang", {"nl"}),
]


@pytest.mark.parametrize(("model", "name"), EVERY_VALUE, ids=[f"{m.__name__}.{n}" for m, n in EVERY_VALUE])
def test_every_value_of_a_choice_occurs(kb: KnowledgeBase, model: type[BaseModel], name: str) -> None:
    missing = _literal(model, name) - _values(kb, model, name)
    assert not missing, f"no {model.__name__} in tests/fixtures/kb has {name}: {sorted(map(str, missing))}"


@pytest.mark.parametrize(("model", "name", "wanted"), AT_LEAST, ids=[f"{m.__name__}.{n}" for m, n, _ in AT_LEAST])
def test_the_values_the_pages_set_apart_occur(
    kb: KnowledgeBase, model: type[BaseModel], name: str, wanted: set[str]
) -> None:
    assert wanted <= _literal(model, name), "the model no longer allows a value this test asks for"
    missing = wanted - _values(kb, model, name)
    assert not missing, f"no {model.__name__} in tests/fixtures/kb has {name}: {sorted(missing)}"


def test_every_rating_occurs_and_the_derived_ratings_differ(kb: KnowledgeBase) -> None:
    given = {entry.rating for case in kb.cases for entries in case.assessment.values() for entry in entries.values()}
    assert given == set(Rating), f"ratings never given: {sorted(r.value for r in set(Rating) - given)}"
    derived = {kb.criterion_rating(case, criterion) for case in kb.assessed_cases for criterion in kb.criteria}
    wanted = {Rating.PRESENT, Rating.PARTIAL, Rating.ABSENT}
    assert wanted <= derived, f"criterion ratings never derived: {sorted(r.value for r in wanted - derived)}"


def test_a_quote_comes_from_a_section_in_another_language(kb: KnowledgeBase) -> None:
    sources = {s.id: s for s in kb.sources}
    other = [
        c
        for c in _everything(kb)
        if isinstance(c, Citation) and c.quote and c.section in sources[c.source].section_languages
    ]
    assert other, "no quote in tests/fixtures/kb comes from a section listed in its source's section_languages"


def test_the_corpus_validates_without_a_warning_and_is_all_translated() -> None:
    counts, warnings = validate(CONTENT)
    assert not warnings, "\n".join(w.text() for w in warnings)
    assert counts["texts_nl"] == counts["texts_total"] > 0
    assert build(CONTENT).warnings == ()


def test_the_corpus_has_every_kind_of_record() -> None:
    folders = {p.name for p in CONTENT.iterdir() if p.is_dir()}
    assert {t.folder for t in TYPES} <= folders
    assert all(any((CONTENT / t.folder).glob("*.yaml")) for t in TYPES)
    assert (CONTENT / "study.yaml").is_file()
