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
from .models import Case, Criterion, Fact
from .ratings import SCALE, Rating
from .render_helpers import anchor, badge, cite, md_link


def _case_link(page: str, case: Case, anchor: str = "") -> str:
    return md_link(page, case.name, paths.case(case.id), anchor)


def _assessment_rows(page: str, case: Case, criterion: Criterion) -> Trusted:
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


def assessment(page: str, kb: KnowledgeBase, case: Case, words: dict[str, str]) -> Trusted:
    """A studied case's assessment: per criterion its overall rating and a row per indicator."""
    head = f"| {inline(words['indicator'])} | {inline(words['rating'])} | {inline(words['finding'])} | {inline(words['source'])} |"
    sections = []
    for criterion in kb.criteria:
        overall = badge(kb.criterion_rating(case, criterion))
        about = md_link(page, words["about_criterion"], paths.criterion(criterion.id))
        sections.append(
            f"### {inline(criterion.title)} {anchor(criterion.id)}\n\n"
            f"{inline(words['overall'])}: {overall} · {about}\n\n"
            f"{head}\n|---|---|---|---|\n{_assessment_rows(page, case, criterion)}"
        )
    return Trusted("\n\n".join(sections))


def party_rows(case: Case, words: dict[str, str]) -> Trusted:
    """A case's parties: name (and other names), sector, role."""
    rows = []
    for party in case.parties:
        others = f" ({', '.join(inline(n) for n in party.other_names)})" if party.other_names else ""
        rows.append(
            f"| **{inline(party.name)}**{others} | {inline(words['sector_' + party.sector])} | {inline(party.role)} |"
        )
    return Trusted("\n".join(rows))


def fact_paragraphs(facts: list[tuple[str, Fact]], words: dict[str, str]) -> Trusted:
    """How a partnership works: one paragraph per fact, led by what it is about."""
    return Trusted(
        "\n\n".join(f"**{inline(words[key])}.** {inline(fact.text)} {cite(fact.source)}" for key, fact in facts)
    )


def rating_cells(page: str, case: Case, cells: Iterable[tuple[Rating, str]]) -> str:
    """Rating badges, each linking to a section of the case page."""
    link = paths.relative(page, paths.case(case.id))  # once per case; only the anchor differs
    return " |".join(f" [{badge(rating)}]({link}#{anchor})" for rating, anchor in cells)


def case_rows(page: str, kb: KnowledgeBase, cases: Iterable[Case], *, indicators: bool = False) -> Trusted:
    """One row per case: its name, then a rating per criterion (or per indicator)."""
    rows = []
    for case in cases:
        if indicators:
            cells = [(kb.rating(case, c, i), c.id) for c, i in kb.indicators]
        else:
            cells = [(kb.criterion_rating(case, c), c.id) for c in kb.criteria]
        rows.append(f"| {_case_link(page, case)} |{rating_cells(page, case, cells)} |")
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
            f"| {_case_link(page, case)} | {country} | {inline(case.target)} "
            f"| {inline(words['status_' + case.status])} |{ratings} |"
        )
    return Trusted("\n".join(rows))


def criterion_rows(page: str, kb: KnowledgeBase, criterion: Criterion) -> Trusted:
    """A criterion page's table: per studied case its overall rating and each indicator's."""
    rows = []
    for case in kb.studied_cases:
        link = _case_link(page, case, criterion.id)
        ratings = " |".join(f" {badge(kb.rating(case, criterion, i))}" for i in criterion.indicators)
        rows.append(f"| {link} | {badge(kb.criterion_rating(case, criterion))} |{ratings} |")
    return Trusted("\n".join(rows))


def selection_rows(page: str, kb: KnowledgeBase, words: dict[str, str]) -> Trusted:
    """The study page's table of every case: its status and why."""
    return Trusted(
        "\n".join(
            f"| {_case_link(page, case)} | {inline(words['status_' + case.status])} "
            f"| {inline(case.status_reason.text)} |"
            for case in kb.cases
        )
    )


def profile_figures(page: str, kb: KnowledgeBase) -> Trusted:
    """Every studied case's profile picture with its name, for the comparison page."""
    return Trusted(
        "".join(
            f"\n<figure markdown>\n![{profile_alt(kb, case)}]({paths.relative(page, paths.profile_svg(case.id))})\n"
            f"<figcaption>{_case_link(page, case)}</figcaption>\n</figure>\n"
            for case in kb.studied_cases
        )
    )


def profile_alt(kb: KnowledgeBase, case: Case) -> Trusted:
    """The text alternative of a case's profile picture."""
    parts = "; ".join(f"{inline(c.title)} {SCALE[kb.criterion_rating(case, c)].label.lower()}" for c in kb.criteria)
    return Trusted(f"Criterion profile of {inline(case.name)}: {parts}")
