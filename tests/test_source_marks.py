"""Source marks ("[1]" after a quote or fact) under a thumb, in a real browser (issue 33): each
mark's link is at least 24 x 24 CSS px to tap (WCAG 2.2 target size), a tap on a mark's centre
reaches that mark even beside another ("[1, 2]"), and the larger target leaves the text as it was.
"""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser]

EDITIONS = {"en": "", "nl": "nl/"}
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}
# A case page, a lesson page and a criterion page of the fixture corpus, all with marks.
PAGES = ["cases/havenplein-markt/", "lessons/meet-at-fixed-times/", "criteria/trust-and-culture/"]

# Each shown mark, scrolled to the middle of the screen: its link box, and whether a tap on the
# box's centre reaches that link (not a neighbouring mark, the text around it or a header).
MARKS = """() => {
  const marks = [...document.querySelectorAll('article .kb-mark a')].filter(a => a.getClientRects().length);
  return marks.map(a => {
    a.scrollIntoView({block: 'center', inline: 'center'});
    const box = a.getBoundingClientRect();
    const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    return {text: a.textContent, width: box.width, height: box.height, own: !!hit && hit.closest('a') === a};
  });
}"""

# The height of every block that holds a mark, so the same blocks can be measured with plain marks.
BLOCK_HEIGHTS = """() => [...document.querySelectorAll('article .kb-mark')]
  .filter(m => m.getClientRects().length)
  .map(m => m.parentElement.closest('p, li, td, th, blockquote, dd, figcaption, div'))
  .map(b => b.getBoundingClientRect().height)"""

# Two marks in one group and a third beside it, after a line of the page's own text.
PAIR = """() => document.querySelector('article p').insertAdjacentHTML('afterend',
  '<p id="pair">Words.<sup class="kb-mark">[<a href="#kb-note-1">1</a>, <a href="#kb-note-2">2</a>]</sup>'
  + ' <sup class="kb-mark">[<a href="#kb-note-3">3</a>]</sup></p>')"""

PLAIN_MARKS = """.kb-mark a { display: inline !important; padding: 0 !important; margin: 0 !important;
  min-width: 0 !important; min-height: 0 !important; line-height: inherit !important; }"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("path", PAGES)
def test_every_source_mark_is_a_24_px_target(page, edition: str, path: str, viewport: dict[str, int]) -> None:
    page.set_viewport_size(viewport)
    page.goto(EDITIONS[edition] + path)
    marks = page.evaluate(MARKS)
    assert marks, "the page has source marks to measure"
    small = [m for m in marks if m["width"] < 24 or m["height"] < 24]
    assert small == [], f"{len(small)} of {len(marks)} marks under 24 x 24 px: {small[:3]}"
    missed = [m for m in marks if not m["own"]]
    assert missed == [], f"a tap on the centre of these marks reaches something else: {missed[:3]}"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("edition", EDITIONS)
def test_a_mark_beside_a_mark_keeps_its_own_centre(page, edition: str, viewport: dict[str, int]) -> None:
    """Two marks side by side ("[1, 2]"): each one's centre is its own, though the targets touch."""
    page.set_viewport_size(viewport)
    page.goto(EDITIONS[edition] + "cases/havenplein-markt/")
    page.evaluate(PAIR)
    marks = page.evaluate(MARKS.replace("article .kb-mark a", "#pair .kb-mark a"))
    assert [m["text"] for m in marks] == ["1", "2", "3"]
    assert all(m["own"] for m in marks), marks
    assert all(m["width"] >= 24 and m["height"] >= 24 for m in marks), marks


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("edition", EDITIONS)
def test_the_larger_target_leaves_the_lines_as_they_were(page, edition: str, viewport: dict[str, int]) -> None:
    """Every block with a mark is as tall as with plain inline marks: the lines neither spread nor wrap anew."""
    page.set_viewport_size(viewport)
    page.goto(EDITIONS[edition] + "cases/havenplein-markt/")
    with_targets = page.evaluate(BLOCK_HEIGHTS)
    page.add_style_tag(content=PLAIN_MARKS)
    plain = page.evaluate(BLOCK_HEIGHTS)
    assert len(with_targets) == len(plain) > 0
    grown = [(round(a), round(b)) for a, b in zip(with_targets, plain, strict=True) if abs(a - b) > 1]
    assert grown == [], f"blocks whose height changed (with targets, plain): {grown}"
