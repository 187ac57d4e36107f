"""A lesson card in a real browser (issue 32), both editions, phone and desktop: the advice and the
evidence line come before the folded provenance, and a source mark opens the fold at its note."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.records.knowledge_base import KnowledgeBase

pytestmark = [pytest.mark.browser]

EDITIONS = {"en": "", "nl": "nl/"}
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
SHOTS = os.environ.get("KB_SHOTS")  # a folder to keep screenshots in, when set

ORDER = """() => ['what-to-do', 'why', 'practice', 'watch-for', 'evidence']
  .map(id => document.getElementById(id)).map(h => h ? h.getBoundingClientRect().top + scrollY : null)"""


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_printed_card_keeps_its_sources(page, kb: KnowledgeBase, edition: str) -> None:
    lesson = kb.lessons[0]
    page.goto(f"{EDITIONS[edition]}lessons/{lesson.id}/")
    assert not page.locator("#kb-sources").is_visible()  # folded on screen
    page.emulate_media(media="print")
    assert page.locator("#kb-sources").is_visible()  # open on paper


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("edition", EDITIONS)
def test_a_finding_card_reads_in_order_with_provenance_folded(
    page, kb: KnowledgeBase, edition: str, viewport: str
) -> None:
    lesson = next(lesson for lesson in kb.lessons if lesson.kind == "finding")
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(f"{EDITIONS[edition]}lessons/{lesson.id}/")
    tops = page.evaluate(ORDER)
    assert None not in tops and tops == sorted(tops)
    assert page.locator("article .admonition.note").first.is_visible()  # the finding says so first
    evidence = page.locator("article .kb-evidence")
    assert evidence.is_visible()
    assert evidence.evaluate("e => e.tagName") == "P"  # one line of text (it wraps on a phone), not a block
    details = page.locator("details.kb-provenance")
    assert details.get_attribute("open") is None
    assert not page.locator("#kb-sources").is_visible()
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/lesson-{edition}-{viewport}.png", full_page=True)
    # A mark in the card opens its note in place, though the notes sit in the closed fold.
    page.locator("#why ~ p .kb-mark a").first.click()
    pop = page.locator("#kb-note-pop")
    pop.wait_for(state="visible")
    assert pop.inner_text().strip() and details.get_attribute("open") is None
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/lesson-{edition}-{viewport}-sources.png")


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_self_assessment_shows_a_finding_as_what_the_study_found(page, kb: KnowledgeBase, edition: str) -> None:
    from test_self_assessment import answer, every, open_sa

    from generator.words import table

    finding = next(lesson for lesson in kb.lessons if lesson.kind == "finding")
    gap = finding.indicators[0]
    open_sa(page, EDITIONS[edition])
    answer(page, every(kb, "present", **{gap.replace("-", "_"): "absent"}))
    item = page.locator(f'.kb-sa-gap[data-indicator="{gap}"] .kb-sa-lessons li:has(a[data-lesson="{finding.id}"])')
    assert item.get_attribute("data-kind") == "finding"
    assert item.inner_text().startswith(table(edition)["sa_finding_label"])
    advice = page.locator('.kb-sa-lessons li[data-kind="advice"]')
    assert all(not t.startswith(table(edition)["sa_finding_label"]) for t in advice.all_inner_texts())
