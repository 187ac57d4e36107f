"""The one query layer over valid records: every page, export and script asks it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .checks import check
from .load import load
from .models import Case, Condition, Country, Criterion, Indicator, Instrument, Lesson, Reference, Study, Term, Variant
from .problems import ContentError
from .ratings import Rating, derive

STATUS_ORDER = {"studied": 0, "screened-out": 1, "left-out": 2}


@dataclass(frozen=True)
class KnowledgeBase:
    study: Study
    criteria: tuple[Criterion, ...]
    cases: tuple[Case, ...]
    lessons: tuple[Lesson, ...]
    references: tuple[Reference, ...]
    countries: tuple[Country, ...]
    instruments: tuple[Instrument, ...]
    conditions: tuple[Condition, ...]
    variants: tuple[Variant, ...]
    terms: tuple[Term, ...]
    sources: dict[tuple[str, str], str]  # (collection, id) -> record file, relative to the repo

    # --- lookups -------------------------------------------------------------------------
    @cached_property
    def _by_id(self) -> dict[tuple[str, str], object]:
        table: dict[tuple[str, str], object] = {}
        for kind in (
            "criteria",
            "cases",
            "lessons",
            "references",
            "countries",
            "instruments",
            "conditions",
            "variants",
            "terms",
        ):
            for record in getattr(self, kind):
                table[(kind, record.id)] = record
        return table

    def criterion(self, cid: str) -> Criterion:
        return self._by_id[("criteria", cid)]  # type: ignore[return-value]

    def case(self, cid: str) -> Case:
        return self._by_id[("cases", cid)]  # type: ignore[return-value]

    def country(self, cid: str) -> Country:
        return self._by_id[("countries", cid)]  # type: ignore[return-value]

    def source_file(self, kind: str, rid: str) -> str:
        return self.sources[(kind, rid)]

    @cached_property
    def indicators(self) -> tuple[tuple[Criterion, Indicator], ...]:
        return tuple((c, i) for c in self.criteria for i in c.indicators)

    # --- cases and ratings ---------------------------------------------------------------
    @cached_property
    def studied_cases(self) -> tuple[Case, ...]:
        return tuple(c for c in self.cases if c.status == "studied")

    def rating(self, case: Case, criterion: Criterion, indicator: Indicator) -> Rating:
        entry = case.assessment.get(criterion.id, {}).get(indicator.id)
        return entry.rating if entry else Rating.UNKNOWN

    @cached_property
    def _profiles(self) -> dict[str, dict[str, Rating]]:
        # Derived once per build: every page, export and picture reads the same table.
        return {
            case.id: {c.id: derive(self.rating(case, c, i) for i in c.indicators) for c in self.criteria}
            for case in self.studied_cases
        }

    def criterion_rating(self, case: Case, criterion: Criterion) -> Rating:
        profile = self._profiles.get(case.id)
        return profile[criterion.id] if profile else Rating.UNKNOWN

    def profile(self, case: Case) -> dict[str, Rating]:
        return dict(self._profiles.get(case.id) or {c.id: Rating.UNKNOWN for c in self.criteria})

    def rating_counts(self, criterion: Criterion) -> dict[Rating, int]:
        counts = dict.fromkeys(Rating, 0)
        for profile in self._profiles.values():
            counts[profile[criterion.id]] += 1
        return counts

    def cases_in(self, country: Country) -> tuple[Case, ...]:
        return tuple(c for c in self.cases if c.country == country.id)

    # --- lessons, references, variants ---------------------------------------------------
    def lessons_for_criterion(self, criterion: Criterion) -> tuple[Lesson, ...]:
        return tuple(lesson for lesson in self.lessons if lesson.criterion == criterion.id)

    def lessons_for_case(self, case: Case) -> tuple[Lesson, ...]:
        return tuple(lesson for lesson in self.lessons if case.id in lesson.cases)

    def references_for(self, criterion: Criterion) -> tuple[Reference, ...]:
        return tuple(r for r in self.references if r.id in criterion.references)

    def criteria_citing(self, reference: Reference) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if reference.id in c.references)

    def variants_for(self, criterion: Criterion) -> tuple[Variant, ...]:
        return tuple(v for v in self.variants if criterion.id in v.criteria)


def _name_key(record: object) -> str:
    name = getattr(record, "name", None) or getattr(record, "term", None) or getattr(record, "title", "")
    return (name["en"] if isinstance(name, dict) else str(name)).casefold()


def validate(content: Path) -> dict[str, int]:
    """Load and check ``content`` without keeping the records (the fast path of `validate`);
    raise :class:`ContentError` with every problem, or return how many of each there are."""
    loaded = load(content, keep_records=False)
    problems = loaded.problems + check(loaded)
    if problems:
        raise ContentError(problems)
    counts = {name: len(entries) for name, entries in loaded.links.items()}
    counts["indicators"] = sum(len(links.indicators) for links, _ in loaded.links["criteria"])
    return counts


def build(content: Path) -> KnowledgeBase:
    """Load, validate and index ``content``; raise :class:`ContentError` with every problem."""
    loaded = load(content)
    problems = loaded.problems + check(loaded)
    if problems:
        raise ContentError(problems)
    recs = {name: [r for r, _ in entries] for name, entries in loaded.records.items()}
    sources = {(name, r.id): doc.path for name, entries in loaded.records.items() for r, doc in entries}  # type: ignore[attr-defined]
    return KnowledgeBase(
        study=loaded.singletons["study"][0],  # type: ignore[arg-type]
        criteria=tuple(sorted(recs["criteria"], key=lambda c: (c.order, c.id))),  # type: ignore[attr-defined]
        cases=tuple(sorted(recs["cases"], key=lambda c: (STATUS_ORDER[c.status], _name_key(c), c.id))),  # type: ignore[attr-defined]
        lessons=tuple(sorted(recs["lessons"], key=lambda r: r.id)),  # type: ignore[attr-defined]
        references=tuple(sorted(recs["references"], key=lambda r: (r.citation.casefold(), r.id))),  # type: ignore[attr-defined]
        countries=tuple(sorted(recs["countries"], key=lambda r: (_name_key(r), r.id))),
        instruments=tuple(sorted(recs["instruments"], key=lambda r: (_name_key(r), r.id))),
        conditions=tuple(sorted(recs["conditions"], key=lambda r: (r.order, r.id))),  # type: ignore[attr-defined]
        variants=tuple(sorted(recs["variants"], key=lambda r: (r.order, r.id))),  # type: ignore[attr-defined]
        terms=tuple(sorted(recs["terms"], key=lambda r: (_name_key(r), r.id))),
        sources=sources,
    )
