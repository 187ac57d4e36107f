"""Typed records. Each model rejects unknown fields; cross-record checks live in ``checks.py``."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from .ratings import Rating

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
# Editors check records against the JSON Schema, which cannot strip whitespace: the pattern
# makes a blank text invalid there too.
_NOT_BLANK = Field(json_schema_extra={"pattern": r"\S"})
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300), _NOT_BLANK]
Prose = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000), _NOT_BLANK]
Lang = Literal["en", "nl"]


def _needs_english(value: str | dict[str, str]) -> str | dict[str, str]:
    if isinstance(value, dict) and "en" not in value:
        raise ValueError("a translated text needs its English version under 'en'")
    return value


# Text is English today; a mapping {en: ..., nl: ...} lets a Dutch edition add a translation
# beside it later without reshaping any record.
Text = Annotated[Prose | dict[Lang, Prose], AfterValidator(_needs_english)]
Name = Annotated[Line | dict[Lang, Line], AfterValidator(_needs_english)]
# A section of the source, e.g. "PPC practices › Antwerp Diamond Quarter"; checked against the
# sections listed in content/study.yaml.
Section = Line


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Fact(Record):
    """A statement in the contributor's own words with the source section it rests on."""

    text: Text
    source: Section


class Party(Record):
    name: Name
    other_names: list[Name] = []
    sector: Literal["public", "private"]
    role: Text
    source: Section


class Assessed(Record):
    rating: Rating
    finding: Text
    source: Section


class Case(Record):
    id: Id
    name: Name
    other_names: list[Name] = Field(
        default=[], description="Other names, e.g. the Dutch name or an abbreviation; search finds them."
    )
    country: Id | None = Field(
        default=None, description="Id of a country record; leave out where the study does not say."
    )
    place: Name | None = None
    target: Name = Field(description="The kind of soft target, e.g. 'stadium and event venue'.")
    status: Literal["studied", "screened-out", "left-out"]
    status_reason: Fact
    summary: Fact
    parties: list[Party] = []
    driver: Fact | None = None
    formal_basis: Fact | None = None
    meetings: Fact | None = None
    satisfaction: Fact | None = None
    missing_parties: Fact | None = None
    task_shift: Fact | None = None
    accountability: Fact | None = None
    threat_information: Fact | None = None
    assessment: dict[Id, dict[Id, Assessed]] = Field(
        default={}, description="For a studied case: criterion id -> indicator id -> rating, finding, source."
    )


class Indicator(Record):
    id: Id
    title: Name
    question: Text = Field(description="The checklist question a partnership asks itself.")
    present_looks_like: Text
    source: Section


class Criterion(Record):
    id: Id
    order: int = Field(ge=1)
    title: Name
    other_names: list[Name] = []
    summary: Text
    literature: Fact
    operationalisation: Fact
    references: list[Id] = []
    indicators: list[Indicator] = Field(min_length=1)


class Lesson(Record):
    id: Id
    title: Name
    criterion: Id
    cases: list[Id] = Field(min_length=1)
    text: Text
    source: Section


class Reference(Record):
    id: Id
    citation: Line = Field(description="Author-year as the study gives it, e.g. 'Whelan 2011'.")
    authors: list[Line] = Field(min_length=1)
    year: int = Field(ge=1800, le=2100)
    note: Text | None = None


class Country(Record):
    id: Id
    name: Name
    other_names: list[Name] = []
    position: Literal["longest-tradition", "in-the-middle", "largely-public", "not-characterised"]
    finding: Fact


class Instrument(Record):
    id: Id
    name: Name
    other_names: list[Name] = []
    owner: Name
    description: Fact


class Condition(Record):
    id: Id
    order: int = Field(ge=1)
    title: Name
    text: Text
    source: Section


class Variant(Record):
    id: Id
    order: int = Field(ge=1)
    title: Name
    text: Text
    requires: list[Text] = []
    criteria: list[Id] = []
    source: Section


class Term(Record):
    id: Id
    term: Name
    other_names: list[Name] = []
    definition: Text
    source: Section


class Stage(Record):
    title: Name
    text: Text
    source: Section


class Funnel(Record):
    examples: int = Field(ge=1)
    promising: int = Field(ge=1)
    studied: int = Field(ge=1)
    source: Section


class Study(Record):
    title: Name
    other_titles: list[Name] = []
    performed_by: Fact
    commissioned_by: Fact
    focus: Fact
    main_question: Fact
    sub_questions: list[Fact] = Field(min_length=1)
    stages: list[Stage] = Field(min_length=1)
    funnel: Funnel
    resilience: list[Fact] = []
    conclusion: Fact
    sections: list[Line] = Field(min_length=1, description="The citable sections of the source.")


# Folder under content/ -> model. Adding a record type touches this table, one template and the nav.
COLLECTIONS: dict[str, type[Record]] = {
    "criteria": Criterion,
    "cases": Case,
    "lessons": Lesson,
    "references": Reference,
    "countries": Country,
    "instruments": Instrument,
    "conditions": Condition,
    "variants": Variant,
    "terms": Term,
}
SINGLETONS: dict[str, type[Record]] = {"study": Study}
