"""The examples under a gap ("how it works in an assessed case") quote the case's source as the
site's pages do: in an edition whose language is not the quote's, this knowledge base's rendering
first, marked as its own translation, with the verbatim words one tap away behind it."""

from __future__ import annotations

import pytest

from generator.pages import export
from generator.records.knowledge_base import KnowledgeBase
from generator.words import edition


def _example(data: dict, indicator: str, case: str) -> dict:
    """A case's example under a gap: its first quoted passage."""
    found = next(i for c in data["criteria"] for i in c["indicators"] if i["id"] == indicator)["where_present"]
    return next(x for x in found if x["case"] == case)["quotes"][0]


def _citation(kb: KnowledgeBase, case: str, indicator: str):
    kase = next(c for c in kb.assessed_cases if c.id == case)
    entry = kase.assessment["network-and-agreements"][indicator]
    return next(c for c in entry.cite if c.quote)


def test_the_export_carries_the_editions_rendering_of_a_quote_in_another_language(kb: KnowledgeBase) -> None:
    english = _citation(kb, "riverside-stadium", "regular-meetings")
    with edition("nl"):
        data = export.self_assessment(kb)
    assert _example(data, "regular-meetings", "riverside-stadium")["translation"] == english.translation["nl"]
    assert _example(data, "regular-meetings", "harbour-lights-festival")["translation"] is None  # Dutch already
    assert data["quote_marks"]["translation"] == "eigen vertaling"
    assert data["quote_marks"]["original"]["en"] == "Engels origineel"
    with edition("en"):
        data = export.self_assessment(kb)
    assert _example(data, "regular-meetings", "riverside-stadium")["translation"] is None  # English already


def test_an_example_carries_every_passage_its_finding_rests_on(kb: KnowledgeBase) -> None:
    """A finding that rests on two passages shows both: with the first alone, part of it stood
    unquoted under the gap (read 9, F6)."""
    import dataclasses

    from generator.records.models import Citation

    kase = next(c for c in kb.assessed_cases if c.id == "riverside-stadium")
    entry = kase.assessment["network-and-agreements"]["regular-meetings"]
    second = Citation(source=entry.cite[0].source, section=entry.cite[0].section, quote="every day in match weeks")
    assessment = {**kase.assessment}
    assessment["network-and-agreements"] = {
        **assessment["network-and-agreements"],
        "regular-meetings": entry.model_copy(update={"cite": [*entry.cite, second]}),
    }
    cases = tuple(kase.model_copy(update={"assessment": assessment}) if c is kase else c for c in kb.records["cases"])
    with edition("en"):
        data = export.self_assessment(dataclasses.replace(kb, records={**kb.records, "cases": cases}))
    found = next(i for c in data["criteria"] for i in c["indicators"] if i["id"] == "regular-meetings")["where_present"]
    quotes = next(x for x in found if x["case"] == "riverside-stadium")["quotes"]
    assert [q["quote"] for q in quotes] == [c.quote for c in entry.cite if c.quote] + ["every day in match weeks"]


@pytest.mark.browser
def test_the_dutch_edition_shows_the_rendering_first_and_the_english_one_tap_away(page, kb: KnowledgeBase) -> None:
    english = _citation(kb, "riverside-stadium", "regular-meetings")
    page.goto("nl/self-assessment/")
    page.wait_for_selector("#kb-sa form")
    ids = [i.id for _, i in kb.indicators]
    for iid in ids:
        page.check(f"#kb-{iid}-{'absent' if iid == 'regular-meetings' else 'present'}")
    example = page.locator(".kb-sa-gap .kb-sa-examples li[data-case='riverside-stadium']")
    rendering = example.locator("q.kb-rendering")
    data = page.evaluate("() => fetch(document.getElementById('kb-sa-data').href).then(r => r.json())")
    found = next(i for c in data["criteria"] for i in c["indicators"] if i["id"] == "regular-meetings")["where_present"]
    quotes = next(x for x in found if x["case"] == "riverside-stadium")["quotes"]
    assert example.locator(".kb-sa-example-quote").count() == len(quotes) >= 1  # each passage, each on its line
    # Under the finding, not run on after its full stop (read 8).
    assert rendering.evaluate("q => getComputedStyle(q.closest('.kb-sa-example-quote')).display") == "block"
    assert rendering.get_attribute("lang") == "nl"
    assert rendering.inner_text().strip('“”"') == english.translation["nl"]
    details = example.locator("details.kb-original")
    assert details.get_attribute("open") is None
    assert example.locator("summary").inner_text().strip().startswith("eigen vertaling")
    assert "Engelse origineel" in example.locator("summary").get_attribute("title")
    original = details.locator(".kb-original__words q")
    assert not original.is_visible()
    # The rendering comes first; the English words only after it.
    assert rendering.evaluate(
        "(r, d) => !!(r.compareDocumentPosition(d) & Node.DOCUMENT_POSITION_FOLLOWING)", details.element_handle()
    )
    example.locator("summary").click()
    assert original.is_visible() and original.get_attribute("lang") == "en"
    assert original.inner_text().strip('“”"') == english.quote
    assert "Engels origineel" in details.locator(".kb-original__words").inner_text()


@pytest.mark.browser
def test_the_english_edition_quotes_the_english_words_as_before(page, kb: KnowledgeBase) -> None:
    english = _citation(kb, "riverside-stadium", "regular-meetings")
    page.goto("self-assessment/")
    page.wait_for_selector("#kb-sa form")
    for _, i in kb.indicators:
        page.check(f"#kb-{i.id}-{'absent' if i.id == 'regular-meetings' else 'present'}")
    example = page.locator(".kb-sa-gap .kb-sa-examples li[data-case='riverside-stadium']")
    assert example.locator("details, .kb-rendering").count() == 0
    assert example.locator("q").inner_text().strip('“”"') == english.quote
    assert example.locator("q").get_attribute("lang") is None
