"""Content tests: facts about the study, checked against content/, and what holds for any valid content.

Editors own this module; the generator's tests run on fixture content and on whatever content is
there. Nothing here pins the collection to today's records: a contributor's valid new record, a
rename (its former id still finds it) or a new criterion must pass.
"""

from __future__ import annotations

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


def _study_text(kb: KnowledgeBase) -> SourceText:
    """The study's text, which the repository holds (texts/): every quote is checked on any machine."""
    text = _source_text(kb, STUDY)
    assert text is not None
    return text


def _found(records: list, rid: str):
    """The record with id ``rid``, or the one it was renamed to (its former_ids name it)."""
    return next((r for r in records if r.id == rid or rid in getattr(r, "former_ids", [])), None)


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
    found = {cid: _found(kb.cases, cid) for cid in expected}
    assert {cid: case.status if case else None for cid, case in found.items()} == expected
    studied = [c for c in kb.cases if c.status == "studied"]
    assert all(c.assessed_by == "study" and c.verdict for c in studied)


def test_the_studys_criteria_countries_variants_and_conditions(kb: KnowledgeBase) -> None:
    # The study's four criteria, in its order (others may be added, anywhere).
    study = [
        "organisation-and-dynamic",
        "cultural-characteristics",
        "responsibilities-and-steering",
        "connection-to-government",
    ]
    criteria = [_found(kb.criteria, cid) for cid in study]
    assert all(criteria), dict(zip(study, criteria, strict=True))
    order = [kb.criteria.index(c) for c in criteria]
    assert order == sorted(order)
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
    assert "Kenniswerkplaats Veiligheid en Veerkracht" in pick(study.authors[0])
    literature = {"Turrini et al. 2010", "Whelan 2011", "Johnston & Shearing 2003", "Beutel & Weinberger 2016"}
    assert literature | {"Boutellier 2011", "Bures 2013"} <= {pick(s.cited_as) for s in kb.sources}


def test_the_ranking_the_study_gives_shows_in_the_indicator_counts(kb: KnowledgeBase) -> None:
    """Antwerp meets "almost all" criteria, Nijmegen "many", the ArenA fewer."""
    antwerp, nijmegen, arena = (
        _found(kb.cases, cid) for cid in ("antwerp-diamond-quarter", "nijmegen-four-day-march", "johan-cruijff-arena")
    )
    present = {c.id: kb.indicator_counts(c)[Rating.PRESENT] for c in (antwerp, nijmegen, arena)}
    assert present[antwerp.id] > present[nijmegen.id] > present[arena.id]
    assert kb.criterion_rating(arena, _found(kb.criteria, "cultural-characteristics")) is Rating.PARTIAL
    # The study's verdicts on the ArenA: no covenant, no driver, no accountability, no complete network.
    for criterion_id, indicator_id in [
        ("organisation-and-dynamic", "written-agreement"),
        ("responsibilities-and-steering", "driver"),
        ("connection-to-government", "accountability"),
        ("organisation-and-dynamic", "complete-network"),
    ]:
        criterion = _found(kb.criteria, criterion_id)
        assert arena.assessment[criterion.id][indicator_id].rating is Rating.ABSENT, indicator_id


def test_every_assessed_rating_other_than_unknown_quotes_its_source(kb: KnowledgeBase) -> None:
    for case in kb.assessed_cases:
        for criterion, indicator in kb.indicators:
            entry = case.assessment[criterion.id][indicator.id]
            assert pick(entry.finding).strip(), (case.id, indicator.id)
            if entry.rating is not Rating.UNKNOWN:
                assert any(c.quote for c in entry.cite), (case.id, indicator.id)


def test_every_quote_stands_verbatim_in_its_sources_text(kb: KnowledgeBase) -> None:
    _study_text(kb)
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
    assert checked >= 40  # every rating of the three studied cases and more


def test_every_section_cited_is_a_heading_of_the_source_text(kb: KnowledgeBase) -> None:
    text = _study_text(kb)
    for section in kb.study_source.sections:
        heading = section.split(" › ")[-1]
        if heading.startswith("Stage ") or heading == "Back cover (Dutch)":
            continue
        assert text.contains(heading), section


def test_names_quoted_from_the_source_appear_in_it(kb: KnowledgeBase) -> None:
    """Other names of the study's cases are search aids; each must come from the study."""
    text = _study_text(kb)
    for case in kb.cases:
        if not case.status:
            continue  # a case from another source names itself
        for name in case.other_names:
            assert text.contains(pick(name)), (case.id, name)
        for party in case.parties:
            for name in party.other_names:
                assert text.contains(pick(name)), (case.id, name)
