"""Two print defects of read 3 of the Dutch edition (issue 35): the "eigen vertaling" mark printed
the screen's rounded frame round its opening bracket alone, and a link in a rating table broke
mid-word ("Wederkerighei/d") because Material lets a link break anywhere. Printed in a real
browser, on the fixture corpus."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser]

MARK = """() => {
  const before = getComputedStyle(document.querySelector('details.kb-original > summary'), '::before');
  return {content: before.content, border: before.borderTopStyle === 'none' ? 0 : parseFloat(before.borderTopWidth)};
}"""

CELL_LINKS = """() => [...document.querySelectorAll('table.kb-cards td a')].map(a => {
  const s = getComputedStyle(a);
  return [s.wordBreak, s.overflowWrap, s.hyphens, a.closest('[lang]').lang];
})"""


def test_the_printed_translation_mark_is_words_in_brackets_without_a_frame(page) -> None:
    page.goto("nl/cases/havenplein-markt/")
    page.emulate_media(media="print")
    assert page.evaluate(MARK) == {"content": '"("', "border": 0}


def test_the_printed_translation_mark_keeps_one_space_and_no_indent(page) -> None:
    """The text's own space stands before "(eigen vertaling)"; a margin doubled it in print and
    indented the line when the mark wrapped (Dutch read 4, B S5)."""
    page.goto("nl/cases/havenplein-markt/")
    page.emulate_media(media="print")
    margin = "() => getComputedStyle(document.querySelector('details.kb-original > summary')).marginLeft"
    assert page.evaluate(margin) == "0px"


@pytest.mark.parametrize("edition", ["", "nl/"])
def test_a_printed_rating_tables_links_hyphenate_in_the_pages_language_and_never_break_anywhere(
    page, edition: str
) -> None:
    page.goto(f"{edition}cases/havenplein-markt/")
    page.emulate_media(media="print")
    links = page.evaluate(CELL_LINKS)
    assert links, "the case page has a rating table with links"
    lang = "nl" if edition else "en"
    assert all(link == ["normal", "normal", "auto", lang] for link in links), links
