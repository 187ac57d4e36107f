"""Tables that fit the screen (issue 33), in a real browser over a real build of the fixture corpus:
on a phone no page and no table scrolls sideways (tables become cards), and on a desktop the
comparison's indicator matrix shows every indicator without scrolling."""

from __future__ import annotations

import re

import pytest

from helpers import fetch

pytestmark = [pytest.mark.browser]

EDITIONS = {"en": "", "nl": "nl/"}
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}

# Each box that is wider inside than it shows: the page itself, a table, or a box that scrolls
# sideways around a table (the theme's table wrapper; a code block may scroll), with what it holds.
SIDEWAYS = """() => {
  const wide = [];
  const page = document.scrollingElement;
  if (page.scrollWidth > page.clientWidth + 1) wide.push(`the page: ${page.scrollWidth} px in ${page.clientWidth}`);
  for (const e of document.querySelectorAll('article *')) {
    if (e.getClientRects().length === 0) continue;
    const scrolls = ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
    if ((e.tagName === 'TABLE' || (scrolls && e.querySelector('table'))) && e.scrollWidth > e.clientWidth + 1)
      wide.push(`${e.tagName.toLowerCase()}.${e.className}: ${e.scrollWidth} px in ${e.clientWidth} (${e.textContent.trim().slice(0, 50)})`);
  }
  return wide;
}"""


def edition_pages(site_url: str, edition: str) -> list[str]:
    """Every page of an edition, as its sitemap lists them (addresses relative to the site)."""
    sitemap = fetch(f"{site_url}{EDITIONS[edition]}sitemap.xml")
    return [url.removeprefix(site_url) for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)]


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_page_or_table_scrolls_sideways_on_a_phone(page, site_url: str, edition: str) -> None:
    """Criterion tables showed 43 % of their width on a phone, the criteria index 54 %, policy 86 %."""
    pages = edition_pages(site_url, edition)
    assert any(p.endswith("criteria/") for p in pages) and any("policy" in p for p in pages), pages
    page.set_viewport_size(PHONE)
    wide = {}
    for path in pages:
        page.goto(path)
        found = page.evaluate(SIDEWAYS)
        if found:
            wide[path] = found
    assert wide == {}


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("path", ["criteria/network-and-agreements/", "criteria/", "policy/"])
def test_wide_tables_are_cards_on_a_phone(page, edition: str, path: str) -> None:
    """Each row a card, each cell named by its column (the case tables' pattern): nothing is lost."""
    page.set_viewport_size(PHONE)
    page.goto(EDITIONS[edition] + path)
    table = page.locator("article table.kb-cards").first
    assert table.evaluate("t => getComputedStyle(t).display") == "block"
    assert table.evaluate("t => t.querySelector('thead').getBoundingClientRect().height") <= 1
    labels = table.evaluate("t => [...t.querySelectorAll('tbody td')].map(c => c.dataset.label || '')")
    assert labels and all(labels)


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_indicator_of_the_matrix_is_in_view_on_a_desktop(page, edition: str) -> None:
    """The indicator matrix showed 6 of 13 indicators at 1,280 px: the rest behind a sideways scroll."""
    page.set_viewport_size(DESKTOP)
    page.goto(EDITIONS[edition] + "comparison/")
    found = page.evaluate(
        """() => {
      const table = document.querySelector('.kb-heatmap--dense table');
      const box = table.closest('.md-typeset__scrollwrap') || table;
      const heads = [...table.querySelectorAll('thead tr:last-child th')];
      return {heads: heads.map(th => th.getBoundingClientRect().right), limit: box.getBoundingClientRect().right,
              inside: box.scrollWidth, shown: box.clientWidth, names: heads.map(th => th.textContent.trim())};
    }"""
    )
    assert len(found["heads"]) >= 8, found  # the fixture's indicators, every one a column
    assert found["inside"] <= found["shown"] + 1, found
    assert max(found["heads"]) <= min(found["limit"], DESKTOP["width"]) + 1, found
    assert all(found["names"]), "each column is headed by its indicator's full name"
