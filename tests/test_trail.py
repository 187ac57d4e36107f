"""The trail from a statement to the original (issue 33): a source mark leads to the section of the
source the statement rests on, and there the reader sees the passages quoted from that section, each
leading back to every page that uses it. Expectations come from the fixture corpus's records."""

from __future__ import annotations

import re
from html import escape

import pytest

from generator.pages import paths
from generator.pages.render import render_site
from generator.records.knowledge_base import KnowledgeBase, section_anchor
from helpers import page_markdown

SECTION = re.compile(r'<section class="kb-source-section" id="([^"]+)">(.*?)</section>', re.S)


@pytest.fixture(scope="module")
def site(kb: KnowledgeBase):
    return render_site(kb)


def sections_on(site, kb: KnowledgeBase, source_id: str) -> dict[str, str]:
    return dict(SECTION.findall(page_markdown(site, paths.source(source_id))))


def test_every_section_anchor_shows_the_passages_quoted_from_it(site, kb: KnowledgeBase) -> None:
    checked = 0
    for source in kb.sources:
        shown = sections_on(site, kb, source.id)
        assert list(shown) == [section_anchor(s) for s in source.sections], source.id
        for link in kb.cited_by(source):
            c = link.citation
            if not (c.quote and c.section in source.sections):
                continue
            block = shown[section_anchor(c.section)]
            assert escape(" ".join(c.quote.split()), quote=False) in block, (source.id, c.section, c.quote)
            checked += 1
    assert checked > 5, "the fixture corpus quotes its sources"


def test_each_passage_leads_back_to_the_pages_that_use_it(site, kb: KnowledgeBase) -> None:
    source = kb.study_source
    shown = sections_on(site, kb, source.id)
    page = paths.source(source.id)
    for link in kb.cited_by(source):
        c = link.citation
        if not c.section or c.section not in source.sections:
            continue
        target, anchor = paths.record_page(link.kind, link.record)
        if link.kind == "cases" and link.field[0] == "assessment":
            anchor = str(link.field[1])  # a rating leads to its criterion on the case page
        href = escape(paths.href(page, target, anchor))
        assert f'href="{href}"' in shown[section_anchor(c.section)], (link.kind, link.field, href)


def test_a_section_nothing_cites_says_so(site, kb: KnowledgeBase) -> None:
    assert any(sections_on(site, kb, s.id) for s in kb.sources)
    for source in kb.sources:
        cited = {link.citation.section for link in kb.cited_by(source)}
        for section, block in sections_on(site, kb, source.id).items():
            named = next(s for s in source.sections if section_anchor(s) == section)
            assert ("kb-passage-none" in block) == (named not in cited), (source.id, named)


EDITIONS = {"en": "", "nl": "nl/"}
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}

# The first shown mark, scrolled to the middle of the screen: where the page stands, and the text
# of the entry at the foot of the page that the mark links to.
FIRST_MARK = """() => {
  const a = [...document.querySelectorAll('article .kb-mark a')].find(a => a.getClientRects().length);
  a.scrollIntoView({block: 'center'});
  a.setAttribute('data-tapped', '');
  return {y: window.scrollY, entry: document.getElementById(a.hash.slice(1)).textContent.trim()};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("edition", EDITIONS)
def test_a_source_mark_opens_its_source_in_place(browser, site_url: str, edition: str, viewport) -> None:
    """Tapping a mark shows the source's entry under the line; the page neither jumps nor scrolls."""
    context = browser.new_context(base_url=site_url, viewport=viewport, has_touch=True)
    try:
        page = context.new_page()
        page.goto(EDITIONS[edition] + "cases/havenplein-markt/")
        before = page.evaluate(FIRST_MARK)
        mark = page.locator("[data-tapped]")
        mark.tap()
        page.wait_for_timeout(300)  # any smooth scroll would have begun
        pop = page.locator(".kb-note-pop")
        assert pop.count() == 1 and pop.is_visible()
        assert " ".join(pop.inner_text().split()) == " ".join(before["entry"].split())
        assert "#kb-note-" not in page.url, "the mark jumped to the foot of the page"
        assert abs(page.evaluate("window.scrollY") - before["y"]) <= 2, "the page scrolled away"
        box, screen = pop.bounding_box(), page.viewport_size
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= screen["height"], "the source shows on screen"
        assert pop.locator('a[href*="sources/"]').count() == 1, "the entry leads on to the source's section"
        assert mark.get_attribute("aria-expanded") == "true"
        mark.tap()
        assert page.locator(".kb-note-pop").count() == 0, "a second tap closes it"
        mark.tap()
        page.keyboard.press("Escape")
        assert page.locator(".kb-note-pop").count() == 0, "Escape closes it"
    finally:
        context.close()


# Where the page stands: the section the address names, whether its fold is open, and whether its
# first passage and one in another section's fold show.
LANDED = """() => {
  const here = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  const fold = here && here.querySelector(':scope > details.kb-passages');
  const other = [...document.querySelectorAll('details.kb-passages')].find(d => d !== fold);
  const shown = el => !!el && el.checkVisibility();  // a closed fold's content keeps its boxes
  return {section: here && here.className, open: !!fold && fold.open, passage: shown(fold && fold.querySelector('.kb-passage')),
          otherOpen: !!other && other.open, otherPassage: shown(other && other.querySelector('.kb-passage'))};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("edition", EDITIONS)
def test_following_a_source_mark_lands_on_its_sections_passages_open(browser, site_url: str, edition: str) -> None:
    """The study's page folds each section's passages (tests/test_page_weight.py); the section a
    link lands on opens, by instant navigation from a mark's entry, by loading its address, and by
    a link within the page. The other sections stay folded."""
    context = browser.new_context(base_url=site_url, viewport=PHONE, has_touch=True)
    try:
        page = context.new_page()
        page.goto(EDITIONS[edition] + "cases/havenplein-markt/")
        page.evaluate(FIRST_MARK)
        page.locator("[data-tapped]").tap()
        onward = page.locator('.kb-note-pop a[href*="sources/"]')
        href = onward.get_attribute("href") or ""
        onward.click()
        page.wait_for_url(lambda url: "/sources/" in url and "#" in url)
        page.wait_for_function("() => !!document.querySelector('details.kb-passages')")
        landed = page.evaluate(LANDED)
        assert landed["section"] == "kb-source-section", (href, landed)
        assert landed["open"] and landed["passage"], f"the section {href} lands on shows its passages"
        assert not landed["otherOpen"] and not landed["otherPassage"], "the other sections stay folded"

        page.goto(page.url)  # the address itself, loaded afresh
        page.wait_for_load_state("load")
        assert page.evaluate(LANDED)["open"], "loading a section's address opens its passages"

        other = page.evaluate(
            "() => [...document.querySelectorAll('section.kb-source-section')]"
            ".find(s => s.querySelector(':scope > details.kb-passages:not([open])')).id"
        )
        page.evaluate(f"location.hash = {other!r}")
        page.wait_for_function(f"() => document.getElementById({other!r}).querySelector('details.kb-passages').open")
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("edition", EDITIONS)
def test_the_study_page_prints_every_sections_passages(page, edition: str, kb: KnowledgeBase) -> None:
    """On paper nothing is folded: each section prints its passages, with or without scripts."""
    page.goto(EDITIONS[edition] + paths.source(kb.study_source.id).replace(".md", "/"))
    hidden = "() => [...document.querySelectorAll('details.kb-passages .kb-passage')].filter(p => !p.checkVisibility()).length"
    total = page.evaluate("() => document.querySelectorAll('details.kb-passages .kb-passage').length")
    assert total > 5 and page.evaluate(hidden) == total, "on screen the passages are folded"
    page.emulate_media(media="print")
    assert page.evaluate(hidden) == 0, "printed, every passage shows"


def test_an_instrument_links_its_official_page_with_the_words_that_confirm_it(kb: KnowledgeBase) -> None:
    import dataclasses

    from generator.records.models import Citation

    page_source = next(s for s in kb.sources if s.kind == "web-page" and s.url)
    first, *rest = kb.records["instruments"]
    linked = first.model_copy(update={"links": [Citation(source=page_source.id, quote="About the network")]})
    records = {**kb.records, "instruments": (linked, *rest)}
    policy = page_markdown(render_site(dataclasses.replace(kb, records=records)), "policy.md")
    assert f'<a href="{escape(page_source.url, quote=True)}">' in policy
    assert "<q>About the network</q>" in policy, "the page's words show in the page's sources"
    unlinked = first.model_copy(update={"links": []})
    plain = page_markdown(
        render_site(dataclasses.replace(kb, records={**records, "instruments": (unlinked, *rest)})), "policy.md"
    )
    assert page_source.url not in plain, "an instrument without links shows none"


def test_a_sections_passages_stay_bounded_as_the_collection_grows(kb: KnowledgeBase, monkeypatch) -> None:
    from generator.pages import cited_in

    monkeypatch.setattr(cited_in, "CITED_IN_CAP", 1)
    shown = sections_on(render_site(kb), kb, kb.study_source.id)
    many = [block for block in shown.values() if "more passages from this section" in block]
    assert many, "a section of the fixture's study has more than one quoted passage"
    assert all(block.count('class="kb-passage"') == 1 for block in many)
