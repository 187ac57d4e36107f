"""The one query layer over valid records: every page, export and script asks it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path, PurePosixPath
from typing import Any

from generator.records.checks import check_across_records
from generator.records.load import Loaded, load
from generator.records.models import (
    TYPES,
    Case,
    Citation,
    Condition,
    Country,
    Criterion,
    Fact,
    Indicator,
    Instrument,
    Lesson,
    Party,
    Record,
    Role,
    Source,
    Step,
    Study,
    Term,
    Variant,
    kind_of,
)
from generator.records.problems import ContentError, Problem
from generator.records.ratings import Rating, derive
from generator.records.refs import citations
from generator.records.yaml_source import FieldPath
from generator.util.incremental import Memo

ASSESSED_ORDER = {"study": 0, "contributors": 1, None: 2}
STATUS_ORDER = {"studied": 0, "screened-out": 1, "left-out": 2, None: 3}


@dataclass(frozen=True)
class Backlink:
    """A place that cites a source: the record, its collection, and the field the citation is in."""

    kind: str  # a collection folder, or "study"
    record: Record
    field: FieldPath
    citation: Citation


@dataclass(frozen=True)
class Evidence:
    """How strong a lesson's evidence is, from the records: the studied cases it rests on (of all the
    studied cases), whether the study states it or this knowledge base infers it, and what kind of
    evidence the study's findings are (the study record's own words, cited, or the lesson's own where
    it rests on other grounds)."""

    cases: tuple[Case, ...]  # the studied cases among the lesson's cases
    studied: int  # how many cases the study studied in depth
    basis: str  # "stated" or "inferred"
    kind: Fact


@dataclass(frozen=True)
class KnowledgeBase:
    study: Study
    records: dict[str, tuple[Any, ...]]  # by collection folder, in the order pages list them
    files: dict[tuple[str, str], str]  # (collection, id) -> record file, relative to the repo
    warnings: tuple[Problem, ...] = ()

    # --- collections ---------------------------------------------------------------------
    @property
    def criteria(self) -> tuple[Criterion, ...]:
        return self.records["criteria"]

    @property
    def cases(self) -> tuple[Case, ...]:
        return self.records["cases"]

    @property
    def lessons(self) -> tuple[Lesson, ...]:
        return self.records["lessons"]

    @property
    def sources(self) -> tuple[Source, ...]:
        return self.records["sources"]

    @property
    def countries(self) -> tuple[Country, ...]:
        return self.records["countries"]

    @property
    def instruments(self) -> tuple[Instrument, ...]:
        return self.records["instruments"]

    @property
    def conditions(self) -> tuple[Condition, ...]:
        return self.records["conditions"]

    @property
    def variants(self) -> tuple[Variant, ...]:
        return self.records["variants"]

    @property
    def terms(self) -> tuple[Term, ...]:
        return self.records["terms"]

    @property
    def steps(self) -> tuple[Step, ...]:
        """The path's steps, in their order."""
        return self.records["steps"]

    # --- lookups -------------------------------------------------------------------------
    @cached_property
    def _by_id(self) -> dict[tuple[str, str], Any]:
        return {(kind, record.id): record for kind, records in self.records.items() for record in records}

    def criterion(self, cid: str) -> Criterion:
        return self._by_id[("criteria", cid)]

    def case(self, cid: str) -> Case:
        return self._by_id[("cases", cid)]

    def lesson(self, lid: str) -> Lesson:
        return self._by_id[("lessons", lid)]

    def country(self, cid: str) -> Country:
        return self._by_id[("countries", cid)]

    def source(self, sid: str) -> Source:
        return self._by_id[("sources", sid)]

    def source_file(self, kind: str, rid: str) -> str:
        return self.files[(kind, rid)]

    @cached_property
    def study_source(self) -> Source:
        return self.source(self.study.source)

    @cached_property
    def indicators(self) -> tuple[tuple[Criterion, Indicator], ...]:
        return tuple((c, i) for c in self.criteria for i in c.indicators)

    # --- cases and ratings ---------------------------------------------------------------
    @cached_property
    def assessed_cases(self) -> tuple[Case, ...]:
        """Cases with ratings: those the study assessed first, then those rated by contributors."""
        return tuple(c for c in self.cases if c.assessed_by)

    def rating(self, case: Case, criterion: Criterion, indicator: Indicator) -> Rating:
        entry = case.assessment.get(criterion.id, {}).get(indicator.id)
        return entry.rating if entry else Rating.UNKNOWN

    @cached_property
    def _profiles(self) -> dict[str, dict[str, Rating]]:
        # Derived once per build: every page, export and picture reads the same table.
        return {
            case.id: {c.id: derive(self.rating(case, c, i) for i in c.indicators) for c in self.criteria}
            for case in self.assessed_cases
        }

    def criterion_rating(self, case: Case, criterion: Criterion) -> Rating:
        profile = self._profiles.get(case.id)
        return profile[criterion.id] if profile else Rating.UNKNOWN

    def inferred(self, case: Case, criterion: Criterion, indicator: Indicator | None = None) -> bool:
        """Whether a rating rests on this knowledge base's inference, not on words its source states:
        an indicator's by its own flag; a criterion's where, without its inferred ratings (taken as
        not known), it would be rated otherwise."""
        entries = case.assessment.get(criterion.id, {})
        if indicator is not None:
            entry = entries.get(indicator.id)
            return bool(entry and entry.inferred)
        without = self.rating_without_inferred(case, criterion)
        return without is not None and without is not self.criterion_rating(case, criterion)

    def rating_without_inferred(self, case: Case, criterion: Criterion) -> Rating | None:
        """A criterion's rating with its inferred indicator ratings taken as not known; None where
        none of them is inferred."""
        if not any(entry.inferred for entry in case.assessment.get(criterion.id, {}).values()):
            return None
        return derive(
            Rating.UNKNOWN if self.inferred(case, criterion, i) else self.rating(case, criterion, i)
            for i in criterion.indicators
        )

    def profile(self, case: Case) -> dict[str, Rating]:
        return dict(self._profiles.get(case.id) or {c.id: Rating.UNKNOWN for c in self.criteria})

    def indicator_counts(self, case: Case) -> dict[Rating, int]:
        """How many of the case's indicators have each rating: what separates cases whose
        criterion profiles look alike."""
        counts = dict.fromkeys(Rating, 0)
        for criterion, indicator in self.indicators:
            counts[self.rating(case, criterion, indicator)] += 1
        return counts

    def rating_counts(self, criterion: Criterion) -> dict[Rating, int]:
        counts = dict.fromkeys(Rating, 0)
        for profile in self._profiles.values():
            counts[profile[criterion.id]] += 1
        return counts

    def cases_in(self, country: Country) -> tuple[Case, ...]:
        return tuple(c for c in self.cases if c.country == country.id)

    # --- the path ------------------------------------------------------------------------
    def step_of_lesson(self, lesson: Lesson) -> Step | None:
        """The step a lesson belongs to (one at most: a rule across records), or None."""
        return next((step for step in self.steps if lesson.id in step.lessons), None)

    def lessons_by_step(self) -> tuple[tuple[Step | None, tuple[Lesson, ...]], ...]:
        """Each step with its lessons in the step's order, then the lessons in no step (None)."""
        lessons = {lesson.id: lesson for lesson in self.lessons}
        groups: list[tuple[Step | None, tuple[Lesson, ...]]] = [
            (step, tuple(lessons[lid] for lid in step.lessons)) for step in self.steps
        ]
        rest = tuple(lesson for lesson in self.lessons if self.step_of_lesson(lesson) is None)
        return (*groups, (None, rest)) if rest else tuple(groups)

    def step_indicators(self, step: Step) -> tuple[tuple[Criterion, Indicator], ...]:
        """The indicators a step settles, in the step's order, each with its criterion."""
        found = {indicator.id: (criterion, indicator) for criterion, indicator in self.indicators}
        return tuple(found[iid] for iid in step.indicators)

    # --- lessons, sources, variants ------------------------------------------------------
    def lessons_for_criterion(self, criterion: Criterion) -> tuple[Lesson, ...]:
        return tuple(lesson for lesson in self.lessons if lesson.criterion == criterion.id)

    def lessons_for_indicator(self, indicator: Indicator) -> tuple[Lesson, ...]:
        return tuple(lesson for lesson in self.lessons if indicator.id in lesson.indicators)

    def lessons_for_case(self, case: Case) -> tuple[Lesson, ...]:
        return tuple(lesson for lesson in self.lessons if case.id in lesson.cases)

    def lessons_rated_for_case(self, case: Case) -> tuple[Lesson, ...]:
        """The lessons naming a case that its own ratings can bear out: not one beyond what a
        partnership can arrange (a change in the law), which the study finds every case lacks."""
        return tuple(lesson for lesson in self.lessons_for_case(case) if not lesson.beyond_partnership)

    @cached_property
    def studied_cases(self) -> tuple[Case, ...]:
        return tuple(c for c in self.cases if c.status == "studied")

    def evidence(self, lesson: Lesson) -> Evidence:
        """The evidence line of a lesson's page (and anything else that weighs a lesson)."""
        shown = tuple(c for c in self.studied_cases if c.id in lesson.cases)
        return Evidence(shown, len(self.studied_cases), lesson.basis, lesson.evidence or self.study.evidence)

    def references_for(self, criterion: Criterion) -> tuple[Source, ...]:
        return tuple(s for s in self.sources if s.id in criterion.references)

    # --- roles ------------------------------------------------------------------------------
    @property
    def roles(self) -> tuple[Role, ...]:
        return self.records.get("roles", ())

    def role(self, rid: str) -> Role:
        return self._by_id[("roles", rid)]

    def parties_of(self, role: Role) -> tuple[tuple[Case, Party], ...]:
        """The case parties of a role's kind, case by case in the order pages list cases."""
        return tuple((c, p) for c in self.cases for p in c.parties if p.kind == role.id)

    def parties_without_role(self) -> tuple[tuple[Case, Party], ...]:
        """The case parties no role card speaks of (the fire department, say)."""
        return tuple((c, p) for c in self.cases for p in c.parties if p.kind is None)

    def role_indicators(self, role: Role) -> tuple[tuple[Criterion, Indicator], ...]:
        return tuple((c, i) for c, i in self.indicators if i.id in role.indicators)

    def role_lessons(self, role: Role) -> tuple[Lesson, ...]:
        return tuple(x for x in self.lessons if x.id in role.lessons)

    def criteria_citing(self, source: Source) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if source.id in c.references)

    def variants_for(self, criterion: Criterion) -> tuple[Variant, ...]:
        return tuple(v for v in self.variants if criterion.id in v.criteria)

    @cached_property
    def _backlinks(self) -> dict[str, tuple[Backlink, ...]]:
        found: dict[str, list[Backlink]] = {}
        everything: list[tuple[str, Record]] = [("study", self.study)]
        everything += [(kind, record) for kind, records in self.records.items() for record in records]
        for kind, record in everything:
            for loc, citation in citations(record):
                found.setdefault(citation.source, []).append(Backlink(kind, record, loc, citation))
        return {sid: tuple(links) for sid, links in found.items()}

    def record_of_file(self, path: str) -> tuple[str, Record | None]:
        """The collection and record a content file holds (None once it no longer exists)."""
        parts = PurePosixPath(path).parts
        if len(parts) == 3 and parts[1] in self.records:
            return parts[1], self._by_id.get((parts[1], PurePosixPath(path).stem))
        return "study", self.study if path.endswith("study.yaml") else None

    def cited_by(self, source: Source) -> tuple[Backlink, ...]:
        """Every citation of ``source``, record by record in collection order."""
        return self._backlinks.get(source.id, ())

    def records_citing(self, source: Source) -> tuple[tuple[str, Record], ...]:
        """Every record that cites ``source`` or rests on it (a criterion's literature), once each."""
        found = {
            (link.kind, getattr(link.record, "id", "")): (link.kind, link.record) for link in self.cited_by(source)
        }
        for criterion in self.criteria_citing(source):
            found.setdefault(("criteria", criterion.id), ("criteria", criterion))
        return tuple(found.values())


_SLUG = re.compile(r"[^a-z0-9]+")


def section_anchor(section: str) -> str:
    """The heading id of a source's section on its page, e.g. 'ppc-practices-johan-cruijff-arena'."""
    return _SLUG.sub("-", section.casefold()).strip("-") or "section"


def record_name(record: Record) -> str | dict[str, str]:
    """What a record is called: the field its kind names it by (models.TYPES). A record of no kind
    there (the study, a model without a row) raises LookupError rather than get a guessed name."""
    name: str | dict[str, str] = getattr(record, kind_of(record).name_field)
    return name


def _name_key(record: Record) -> str:
    name = record_name(record)
    return (_first(name) if isinstance(name, dict) else str(name)).casefold()


def _first(text: dict[str, str]) -> str:
    """A text's English, or its only language for a record written in Dutch."""
    return text.get("en") or next(iter(text.values()))


def _order(kind: str, record: Any) -> tuple[Any, ...]:
    """The order pages list records in: by their `order` field where they have one, else by name."""
    if kind == "cases":
        return (ASSESSED_ORDER[record.assessed_by], STATUS_ORDER[record.status], _name_key(record), record.id)
    if kind == "sources":  # the study first, then the literature by author and year
        return (0 if record.sections else 1, _first(record.cited_as).casefold(), record.id)
    return (getattr(record, "order", 0), _name_key(record), record.id)


def _checked(content: Path, loaded: Loaded) -> list[Problem]:
    """Every warning; raise :class:`ContentError` with every error."""
    problems = loaded.problems + check_across_records(loaded, content.parent)
    errors = [p for p in problems if not p.warning]
    if errors:
        raise ContentError(errors)
    return [p for p in problems if p.warning]


def validate(content: Path, *, workers: int = 1) -> tuple[dict[str, int], list[Problem]]:
    """Load and check ``content`` without keeping the records (the fast path of `validate`);
    raise :class:`ContentError` with every problem, or return how many records of each kind there
    are and the warnings."""
    loaded = load(content, keep_records=False, workers=workers)
    warnings = _checked(content, loaded)
    counts = {name: len(entries) for name, entries in loaded.links.items()}
    counts["indicators"] = sum(len(links.indicators) for links, _ in loaded.links["criteria"])
    counts.update({f"texts_{key}": n for key, n in loaded.texts.items()})
    return counts, warnings


def build(content: Path, *, workers: int = 1, memo: Memo | None = None) -> KnowledgeBase:
    """Load, validate and index ``content``; raise :class:`ContentError` with every problem.
    A ``memo`` (live preview) keeps what each unchanged file gave from one build to the next."""
    loaded = load(content, workers=workers, memo=memo)
    warnings = _checked(content, loaded)
    records: dict[str, tuple[Any, ...]] = {
        t.folder: tuple(sorted((r for r, _ in loaded.records[t.folder]), key=partial(_order, t.folder))) for t in TYPES
    }
    files = {(name, r.id): doc.path for name, entries in loaded.records.items() for r, doc in entries}  # type: ignore[attr-defined]  # every collection's model has an id; their base Record has none
    study = loaded.singletons["study"][0]
    assert isinstance(study, Study)  # the loader read it with that model
    return KnowledgeBase(
        study=study,
        records=records,
        files=files,
        warnings=tuple(warnings),
    )
