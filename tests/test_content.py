"""The knowledge base holds everything the study says: a coverage check against the source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.knowledge_base import KnowledgeBase
from generator.markdown_text import pick
from helpers import ROOT

SOURCE = ROOT.parent / "shared" / "source" / "ppc-soft-targets-report-summary.txt"


def test_all_eight_schemes_with_their_status(kb: KnowledgeBase) -> None:
    status = {c.id: c.status for c in kb.cases}
    assert status == {
        "johan-cruijff-arena": "studied",
        "nijmegen-four-day-march": "studied",
        "antwerp-diamond-quarter": "studied",
        "rtr-nl": "screened-out",
        "project-argus": "screened-out",
        "nypd-shield": "screened-out",
        "project-aware": "screened-out",
        "project-griffin": "left-out",
    }
    assert all(pick(c.status_reason.text) for c in kb.cases)


def test_four_criteria_ten_countries_three_variants_three_conditions(kb: KnowledgeBase) -> None:
    assert [c.id for c in kb.criteria] == [
        "organisation-and-dynamic",
        "cultural-characteristics",
        "responsibilities-and-steering",
        "connection-to-government",
    ]
    assert len(kb.countries) == 10
    positions = {c.id: c.position for c in kb.countries}
    assert positions["netherlands"] == "in-the-middle"
    assert {k for k, v in positions.items() if v == "longest-tradition"} == {
        "united-kingdom",
        "united-states",
        "australia",
    }
    assert {k for k, v in positions.items() if v == "largely-public"} == {"germany", "france"}
    assert [v.id for v in kb.variants] == ["continuation", "deepening", "broadening"]
    assert len(kb.conditions) == 3
    assert (kb.study.funnel.examples, kb.study.funnel.promising, kb.study.funnel.studied) == (24, 7, 3)
    assert len(kb.study.sub_questions) == 4 and len(kb.study.stages) == 4
    assert {i.id for i in kb.instruments} == {"nctv-guide-crowded-places", "alerting-system-counter-terrorism"}


def test_every_studied_case_rates_every_indicator_with_finding_and_source(kb: KnowledgeBase) -> None:
    sections = set(kb.study.sections)
    for case in kb.studied_cases:
        for criterion, indicator in kb.indicators:
            entry = case.assessment[criterion.id][indicator.id]
            assert pick(entry.finding).strip(), (case.id, indicator.id)
            assert entry.source in sections


def test_every_lesson_links_a_criterion_and_cases_and_each_criterion_has_lessons(kb: KnowledgeBase) -> None:
    for criterion in kb.criteria:
        assert kb.lessons_for_criterion(criterion), criterion.id
    for case in kb.studied_cases:
        assert kb.lessons_for_case(case), case.id


def test_every_reference_is_cited_by_a_criterion(kb: KnowledgeBase) -> None:
    assert {r.citation for r in kb.references} == {
        "Turrini et al. 2010",
        "Whelan 2011",
        "Johnston & Shearing 2003",
        "Beutel & Weinberger 2016",
        "Boutellier 2011",
        "Bures 2013",
    }
    for reference in kb.references:
        assert kb.criteria_citing(reference), reference.id


def test_source_sections_exist_in_the_source_text(kb: KnowledgeBase) -> None:
    if not SOURCE.exists():
        pytest.skip(f"the source text is not at {SOURCE}")
    text = SOURCE.read_text(encoding="utf-8")
    for section in kb.study.sections:
        heading = section.split(" › ")[-1]
        if heading.startswith("Stage ") or heading == "Back cover (Dutch)":
            continue
        assert heading in text, section


def test_names_quoted_from_the_source_appear_in_it(kb: KnowledgeBase) -> None:
    """Other names are search aids; each must come from the study, not be invented."""
    if not SOURCE.exists():
        pytest.skip(f"the source text is not at {SOURCE}")
    flat = " ".join(SOURCE.read_text(encoding="utf-8").split())
    text = flat + " " + flat.replace("- ", "-")  # words the PDF hyphenated across lines
    for case in kb.cases:
        for name in case.other_names:
            assert pick(name) in text, (case.id, name)
        for party in case.parties:
            for name in party.other_names:
                assert pick(name) in text, (case.id, name)


def test_search_index_finds_cases_by_dutch_name_party_and_key_term(built_site: Path) -> None:
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert {"en", "nl"} <= set(index["config"]["lang"])

    def pages_with(word: str) -> set[str]:
        return {
            d["location"].split("#")[0] for d in index["docs"] if word.lower() in (d["title"] + " " + d["text"]).lower()
        }

    assert "cases/nijmegen-four-day-march/" in pages_with("Nijmeegse Vierdaagse")
    assert "cases/antwerp-diamond-quarter/" in pages_with("AWDC")
    assert "cases/johan-cruijff-arena/" in pages_with("MOJO")
    assert "cases/nijmegen-four-day-march/" in pages_with("GHOR")
    assert "glossary/" in pages_with("covenant")
    assert "cases/johan-cruijff-arena/" in pages_with("event profilers")
