"""The real content: facts from the study checked as facts, and what holds for any valid content.

Nothing here pins the collection to today's records: a contributor's valid new record must pass.
"""

from __future__ import annotations

import os

import pytest

from generator.pages.text import pick
from generator.records.knowledge_base import KnowledgeBase
from generator.records.quotes import SourceText
from generator.records.ratings import Rating
from generator.records.refs import citations
from helpers import ROOT

STUDY = "wodc-soft-targets"


def _source_text(kb: KnowledgeBase, sid: str) -> SourceText | None:
    """A source's text where the repository has it; the study's must be there (texts/)."""
    source = kb.source(sid)
    path = ROOT / source.full_text if source.full_text else None
    if path is None or not path.is_file():
        if sid == STUDY:
            pytest.fail(f"this run must check quotes against the study's text, but it is not at {path}")
        return None
    return SourceText(path.read_text(encoding="utf-8"))


def test_the_eight_schemes_the_study_names_have_their_status(kb: KnowledgeBase) -> None:
    expected = {
        "johan-cruijff-arena": "studied",
        "nijmegen-four-day-march": "studied",
        "antwerp-diamond-quarter": "studied",
        "rtr-nl": "screened-out",
        "project-argus": "screened-out",
        "nypd-shield": "screened-out",
        "project-aware": "screened-out",
        "project-griffin": "left-out",
    }
    status = {c.id: c.status for c in kb.cases}
    assert {cid: status.get(cid) for cid in expected} == expected
    studied = [c for c in kb.cases if c.status == "studied"]
    assert all(c.assessed_by == "study" and c.verdict for c in studied)


def test_the_studys_criteria_countries_variants_and_conditions(kb: KnowledgeBase) -> None:
    ids = [c.id for c in kb.criteria]
    assert ids[:4] == [
        "organisation-and-dynamic",
        "cultural-characteristics",
        "responsibilities-and-steering",
        "connection-to-government",
    ]
    positions = {c.id: c.position for c in kb.countries}
    assert positions["netherlands"] == "in-the-middle"
    assert {"united-kingdom", "united-states", "australia"} <= {
        k for k, v in positions.items() if v == "longest-tradition"
    }
    assert {"germany", "france"} <= {k for k, v in positions.items() if v == "largely-public"}
    assert {"continuation", "deepening", "broadening"} <= {v.id for v in kb.variants}
    assert (kb.study.funnel.examples, kb.study.funnel.promising, kb.study.funnel.studied) == (24, 7, 3)
    assert len(kb.study.sub_questions) == 4 and len(kb.study.stages) == 4
    assert {"nctv-guide-crowded-places", "alerting-system-counter-terrorism"} <= {i.id for i in kb.instruments}


def test_the_study_is_a_source_with_only_what_its_text_states(kb: KnowledgeBase) -> None:
    study = kb.study_source
    assert study.id == STUDY and kb.study.source == STUDY
    # The summary states no title, year, publisher or address: none is invented.
    assert (study.title, study.year, study.date, study.publisher, study.url) == (None, None, None, None, None)
    assert "Kenniswerkplaats Veiligheid en Veerkracht" in pick(study.authors[0])
    literature = {"Turrini et al. 2010", "Whelan 2011", "Johnston & Shearing 2003", "Beutel & Weinberger 2016"}
    assert literature | {"Boutellier 2011", "Bures 2013"} <= {pick(s.cited_as) for s in kb.sources}


def test_the_ranking_the_study_gives_shows_in_the_indicator_counts(kb: KnowledgeBase) -> None:
    """Antwerp meets "almost all" criteria, Nijmegen "many", the ArenA fewer."""
    present = {c.id: kb.indicator_counts(c)[Rating.PRESENT] for c in kb.assessed_cases}
    assert present["antwerp-diamond-quarter"] > present["nijmegen-four-day-march"] > present["johan-cruijff-arena"]
    arena = kb.case("johan-cruijff-arena")
    assert kb.criterion_rating(arena, kb.criterion("cultural-characteristics")) is Rating.PARTIAL


def test_every_assessed_rating_other_than_unknown_quotes_its_source(kb: KnowledgeBase) -> None:
    for case in kb.assessed_cases:
        for criterion, indicator in kb.indicators:
            entry = case.assessment[criterion.id][indicator.id]
            assert pick(entry.finding).strip(), (case.id, indicator.id)
            if entry.rating is not Rating.UNKNOWN:
                assert any(c.quote for c in entry.cite), (case.id, indicator.id)


def test_every_quote_stands_verbatim_in_its_sources_text(kb: KnowledgeBase) -> None:
    records = [kb.study, *(r for records in kb.records.values() for r in records)]
    checked = 0
    for record in records:
        for loc, cited in citations(record):
            if cited.quote is None:
                continue
            text = _source_text(kb, cited.source)
            if text is None:
                continue  # quotes from sources whose text is not here are shown as given
            assert text.contains(cited.quote), (getattr(record, "id", "study"), loc, cited.quote)
            checked += 1
    if _source_text(kb, STUDY) is not None:
        assert checked >= 40  # every rating of the three studied cases and more


def test_every_section_cited_is_a_heading_of_the_source_text(kb: KnowledgeBase) -> None:
    text = _source_text(kb, STUDY)
    if text is None:
        pytest.skip("the study's text is not beside this repository")
    for section in kb.study_source.sections:
        heading = section.split(" › ")[-1]
        if heading.startswith("Stage ") or heading == "Back cover (Dutch)":
            continue
        assert text.contains(heading), section


def test_names_quoted_from_the_source_appear_in_it(kb: KnowledgeBase) -> None:
    """Other names of the study's cases are search aids; each must come from the study."""
    text = _source_text(kb, STUDY)
    if text is None:
        pytest.skip("the study's text is not beside this repository")
    for case in kb.cases:
        if not case.status:
            continue  # a case from another source names itself
        for name in case.other_names:
            assert text.contains(pick(name)), (case.id, name)
        for party in case.parties:
            for name in party.other_names:
                assert text.contains(pick(name)), (case.id, name)
