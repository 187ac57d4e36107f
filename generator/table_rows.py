"""Table rows that repeat once per case (or per case and indicator), built in plain Python.

These loops run N x 13 times on a large collection; as Jinja they cost most of the render time, so
templates keep the page structure and call these for the repeated rows. The output is the same
inert Markdown the templates would print.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import site_paths as paths
from .knowledge_base import KnowledgeBase
from .markdown_text import Trusted, inline
from .models import Case, Criterion
from .ratings import SCALE, Rating
from .render_helpers import badge, md_link


def assessment_rows(page: str, case: Case, criterion: Criterion) -> Trusted:
    """Indicator | rating | finding | source, for one criterion on a case page."""
    entries = case.assessment[criterion.id]
    target = paths.criterion(criterion.id)
    return Trusted(
        "\n".join(
            f"| {md_link(page, ind.title, target, ind.id)} | {badge(entries[ind.id].rating)} "
            f"| {inline(entries[ind.id].finding)} | {inline(entries[ind.id].source)} |"
            for ind in criterion.indicators
        )
    )


def rating_cells(page: str, case: Case, cells: Iterable[tuple[Rating, str]]) -> str:
    """Rating badges, each linking to a section of the case page."""
    target = paths.case(case.id)
    return " |".join(f" [{badge(rating)}]({paths.relative(page, target, anchor)})" for rating, anchor in cells)


def case_rows(page: str, kb: KnowledgeBase, cases: Iterable[Case], *, indicators: bool = False) -> Trusted:
    """One row per case: its name, then a rating per criterion (or per indicator)."""
    rows = []
    for case in cases:
        if indicators:
            cells = [(kb.rating(case, c, i), c.id) for c, i in kb.indicators]
        else:
            cells = [(kb.criterion_rating(case, c), c.id) for c in kb.criteria]
        rows.append(f"| {md_link(page, case.name, paths.case(case.id))} |{rating_cells(page, case, cells)} |")
    return Trusted("\n".join(rows))


def case_index_rows(page: str, kb: KnowledgeBase, words: dict[str, str]) -> Trusted:
    """The cases index: name, country, target, status and a rating per criterion."""
    rows = []
    for case in kb.cases:
        country = inline(kb.country(case.country).name) if case.country else inline(words["not_stated"])
        if case.status == "studied":
            ratings = rating_cells(page, case, [(kb.criterion_rating(case, c), c.id) for c in kb.criteria])
        else:
            ratings = " |".join(" –" for _ in kb.criteria)
        rows.append(
            f"| {md_link(page, case.name, paths.case(case.id))} | {country} | {inline(case.target)} "
            f"| {inline(words['status_' + case.status])} |{ratings} |"
        )
    return Trusted("\n".join(rows))


def profile_alt(kb: KnowledgeBase, case: Case) -> Trusted:
    """The text alternative of a case's profile picture."""
    parts = "; ".join(f"{inline(c.title)} {SCALE[kb.criterion_rating(case, c)].label.lower()}" for c in kb.criteria)
    return Trusted(f"Criterion profile of {inline(case.name)}: {parts}")
