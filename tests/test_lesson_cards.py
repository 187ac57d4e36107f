"""Lessons as practice cards (issue 32), on the fixture corpus: the evidence line computed from the
records by the query layer, the page's sections in the card's order with the provenance folded, a
finding marked as one, and the exports' kind so the self-assessment never offers a finding as advice.
Every expectation is derived from the fixture's records."""

from __future__ import annotations

import re

import pytest

from generator.pages.export import knowledge_base, self_assessment
from generator.pages.render import render_site
from generator.pages.text import pick
from generator.records.knowledge_base import KnowledgeBase
from generator.words import edition, table
from helpers import page_markdown

LANGS = ("en", "nl")


def test_the_evidence_counts_the_studied_cases_among_the_lessons_cases(kb: KnowledgeBase) -> None:
    studied = [c.id for c in kb.cases if c.status == "studied"]
    assert studied, "the fixture has studied cases"
    for lesson in kb.lessons:
        evidence = kb.evidence(lesson)
        assert [c.id for c in evidence.cases] == [cid for cid in studied if cid in lesson.cases], lesson.id
        assert evidence.studied == len(studied)
        assert evidence.basis == lesson.basis
        # the study record's words, not the code's; a lesson resting on other grounds gives its own
        assert evidence.kind == (lesson.evidence or kb.study.evidence)
    # The fixture holds a lesson resting on a case the study did not study (a contributor's case).
    assert any(len(kb.evidence(lesson).cases) < len(lesson.cases) for lesson in kb.lessons)


def test_a_lesson_resting_on_other_grounds_says_so_in_its_evidence_line(kb: KnowledgeBase) -> None:
    """A lesson resting on, say, a focus group's experts must not carry the study's usual line
    ('respondents' views in three cases')."""
    lesson = kb.lesson("tell-partners-the-threat")
    assert lesson.evidence is not None and kb.evidence(lesson).kind == lesson.evidence
    assert kb.evidence(lesson).kind != kb.study.evidence
    site = render_site(kb, lang="nl")
    line = next(ln for ln in page_markdown(site, f"lessons/{lesson.id}.md").splitlines() if "kb-evidence" in ln)
    assert "rekenkamer" in line and "vier tot zes respondenten" not in line
    other = next(other for other in kb.lessons if other.evidence is None)
    line = next(ln for ln in page_markdown(site, f"lessons/{other.id}.md").splitlines() if "kb-evidence" in ln)
    assert "vier tot zes respondenten" in line


def test_the_fixture_has_advice_and_a_finding(kb: KnowledgeBase) -> None:
    kinds = {lesson.kind for lesson in kb.lessons}
    assert kinds == {"advice", "finding"}
    assert all(lesson.basis == "inferred" for lesson in kb.lessons if lesson.kind == "finding")


def _headings(page: str) -> list[str]:
    return re.findall(r"^## .*\{#([a-z0-9-]+)\}$", page, re.M)


@pytest.mark.parametrize("lang", LANGS)
def test_a_lesson_page_is_a_card_in_order_with_its_provenance_folded(kb: KnowledgeBase, lang: str) -> None:
    w = table(lang)
    with edition(lang):
        site = render_site(kb, lang=lang)
        for lesson in kb.lessons:
            page = page_markdown(site, f"lessons/{lesson.id}.md")
            assert _headings(page)[:5] == ["what-to-do", "why", "practice", "watch-for", "evidence"], lesson.id
            folded = page.split('<details class="kb-provenance" markdown="1">', 1)
            assert len(folded) == 2, lesson.id
            card, provenance = folded
            assert "{#kb-sources}" in provenance and "{#cite-this-page}" in provenance
            assert "{#kb-sources}" not in card and "{#cite-this-page}" not in card
            assert pick(lesson.do, lang).split()[0] in card
            for practice in lesson.practice:
                assert pick(practice.text, lang).split(".")[0] in card
                assert pick(kb.case(practice.case).name, lang) in card.split("{#practice}")[1]
            if not lesson.practice:
                assert w["lesson_practice_none"] in card
            if not lesson.watch_for:
                assert w["lesson_watch_none"] in card
            # The finding says so first, and what to do about it is marked as this knowledge base's reading.
            finding = lesson.kind == "finding"
            assert (w["lesson_finding_note"] in card.split("{#what-to-do}")[0]) == finding, lesson.id
            assert (w["lesson_means"] in card) == finding and (w["lesson_do"] in card) != finding
            assert (w["lesson_our_reading"] in card) == (lesson.basis == "inferred"), lesson.id
            _assert_evidence_line(kb, lesson, card.split("{#evidence}")[1], lang)


def _assert_evidence_line(kb: KnowledgeBase, lesson, section: str, lang: str) -> None:
    w = table(lang)
    lines = [line for line in section.strip().splitlines() if line.strip()]
    assert len(lines) == 1 and 'class="kb-evidence"' in lines[0], lesson.id  # one line
    evidence = kb.evidence(lesson)
    counted = w["lesson_evidence_cases"] if evidence.cases else w["lesson_evidence_no_cases"]
    assert counted.format(count=len(evidence.cases), total=evidence.studied) in lines[0]
    for case in evidence.cases:
        assert pick(case.name, lang) in lines[0]
    for case in (kb.case(cid) for cid in lesson.cases if cid not in [c.id for c in evidence.cases]):
        assert pick(case.name, lang) not in lines[0], "only studied cases are counted"
    assert w[f"lesson_basis_{lesson.basis}"] in lines[0]
    assert pick(evidence.kind.text, lang) in lines[0]


def test_the_exports_carry_each_lessons_kind(kb: KnowledgeBase) -> None:
    exported = {entry["id"]: entry for entry in knowledge_base(kb)["lessons"]}
    for lesson in kb.lessons:
        assert exported[lesson.id]["kind"] == lesson.kind
        assert exported[lesson.id]["basis"] == lesson.basis
    offered = [entry for c in self_assessment(kb)["criteria"] for i in c["indicators"] for entry in i["lessons"]]
    assert {entry["id"]: entry["kind"] for entry in offered} == {lesson.id: lesson.kind for lesson in kb.lessons}
    assert "finding" in {entry["kind"] for entry in offered}
