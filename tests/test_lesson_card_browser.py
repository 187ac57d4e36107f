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
    # A mark in the card leads to its note: the fold opens there.
    page.locator("#why ~ p .kb-mark a").first.click()
    page.wait_for_function("document.querySelector('details.kb-provenance').open")
    assert page.locator("#kb-sources").is_visible()
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/lesson-{edition}-{viewport}-sources.png")
