"""What templates build in Python: a page's sections, as the methods of one ``PageContext`` made per
page. The context holds what every section is built from (the page, for relative links; the
knowledge base; the page's numbered sources; the edition's words), so a template names only what
differs per call: ``{{ sections.answer(case) }}``. This class is the templates' list of sections:
a function of case_page, tables, changes or cited_in that it does not name is not theirs to call.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.pages import case_page, changes, lesson_page, pieces, tables
from generator.pages.cited_in import cited_in
from generator.pages.notes import Notes
from generator.pages.passages import official_links, section_passages
from generator.pages.text import Trusted
from generator.records.history import DayOfChanges
from generator.records.knowledge_base import KnowledgeBase
from generator.records.models import Case, Criterion, Fact, Indicator, Instrument, Lesson, Source


@dataclass(frozen=True)
class PageContext:
    page: str  # the page's source path: links are written relative to it
    kb: KnowledgeBase
    notes: Notes  # the page's numbered sources: sections mark their statements, _notes.md.j2 lists them
    words: dict[str, str]  # the edition's fixed words

    # A case page's sections (case_page.py).
    def answer(self, case: Case) -> Trusted:
        return case_page.answer(self.page, self.kb, case, self.notes, self.words)

    def key_facts(self, case: Case, last_changed: str | None) -> Trusted:
        return case_page.key_facts(case, self.kb, last_changed, self.words)

    def sourced_text(self, fact: Fact) -> Trusted:
        return case_page.sourced_text(fact, self.notes)

    def lead_fact(self, lead: str, fact: Fact) -> Trusted:
        return case_page.lead_fact(lead, fact, self.notes)

    def party_table(self, case: Case) -> Trusted:
        return case_page.party_table(case, self.notes, self.words)

    def fact_paragraphs(self, facts: list[tuple[str, Fact]]) -> Trusted:
        return case_page.fact_paragraphs(facts, self.notes, self.words)

    def assessment_intro(self, case: Case) -> Trusted:
        return case_page.assessment_intro(self.page, case, self.words)

    def criterion_ratings(self, case: Case, criterion: Criterion) -> Trusted:
        return case_page.criterion_ratings(self.page, self.kb, case, criterion, self.notes, self.words)

    def lesson_list(self, case: Case) -> Trusted:
        return case_page.lesson_list(self.page, self.kb, case, self.words)

    def cite_this_page(
        self, title: object, url: str, date: str | None, history_state: str, history: str | None, correction: str
    ) -> Trusted:
        return case_page.cite_this_page(title, url, date, history_state, history, self.words, correction)

    # Criterion and lesson pages.
    def criterion_scores(self, criterion: Criterion) -> Trusted:
        return case_page.criterion_scores(self.page, self.kb, criterion, self.words)

    def criterion_table(self, criterion: Criterion) -> Trusted:
        return tables.criterion_table(self.page, self.kb, criterion, self.words)

    def grounds(self, case: Case, lesson: Lesson) -> Trusted:
        return case_page.grounds(self.page, self.kb, case, lesson, self.words)

    def yardstick_basis(self, indicator: Indicator) -> str:
        return pieces.yardstick_basis(self.kb, indicator.cite, self.notes.count(indicator.cite))

    def evidence(self, lesson: Lesson) -> Trusted:
        return lesson_page.evidence_line(self.page, self.kb, lesson, self.notes, self.words)

    # Overview pages (tables.py).
    def case_counts(self, *, capital: bool = False, total_last: bool = False) -> Trusted:
        return tables.case_counts(self.kb, self.words, capital=capital, total_last=total_last)

    def funnel_count(self) -> Trusted:
        return tables.funnel_count(self.kb, self.words)

    def funnel_size(self) -> Trusted:
        return pieces.funnel_size(self.kb)

    def case_groups(self) -> list[tuple[str, list[Case]]]:
        return tables.case_groups(self.kb)

    def case_group(self, group: str, cases: list[Case]) -> Trusted:
        return tables.case_group(self.page, self.kb, group, cases, self.words)

    def comparison_table(self, cases: Iterable[Case], *, indicators: bool = False) -> Trusted:
        return tables.comparison_table(self.page, self.kb, cases, self.words, indicators=indicators)

    def verdicts(self, cases: Iterable[Case]) -> Trusted:
        return tables.verdicts(self.page, cases, self.notes)

    def profile_figures(self) -> Trusted:
        return tables.profile_figures(self.page, self.kb)

    def criteria_table(self) -> Trusted:
        return tables.criteria_table(self.page, self.kb, self.words)

    def policy_table(self) -> Trusted:
        return tables.policy_table(self.page, self.kb, self.notes, self.words)

    def selection_table(self) -> Trusted:
        return tables.selection_table(self.page, self.kb, self.words)

    def change_list(self, days: list[DayOfChanges]) -> Trusted:
        return changes.change_list(self.page, self.kb, days, self.words)

    # A source page.
    def cited_in(self, source: Source) -> Trusted:
        return cited_in(self.page, self.kb, source, self.words)

    def official_links(self, instrument: Instrument) -> Trusted:
        return official_links(self.kb, instrument.links, self.notes)

    def section_passages(self, source: Source) -> Trusted:
        return section_passages(self.page, self.kb, source, self.words)
