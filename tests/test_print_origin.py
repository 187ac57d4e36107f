"""A printed page says where it came from (issue 33): every record page ends, on paper, with the
site, its address and the date of the content, as checklists open with it; one shared piece
(_print_origin.md.j2). Printed in a real browser, both editions, at a size that reads on paper."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.words import table

pytestmark = [pytest.mark.browser]

EDITIONS = {"en": "", "nl": "nl/"}

# The smallest font size (pt) of the visible running text, the origin line included.
BODY_PT = """() => {
  const shown = e => e.getClientRects().length > 0 && e.textContent.trim() !== '';
  const body = [...document.querySelectorAll('article p, article li, article .kb-print-meta')]
    .filter(e => shown(e) && !e.closest('td, th'));
  return Math.min(...body.map(e => parseFloat(getComputedStyle(e).fontSize) * 0.75));
}"""

# Whether the origin comes after everything else the printed article shows.
LAST_SHOWN = """() => {
  const origin = document.querySelector('article .kb-print-meta');
  const end = origin.getBoundingClientRect().top;
  return [...document.querySelectorAll('article p, article li, article h2, article h3, article table, article figure')]
    .filter(e => e.getClientRects().length > 0 && e.textContent.trim() !== '' && !origin.contains(e))
    .filter(e => e.getBoundingClientRect().bottom > end + 1).map(e => e.textContent.trim().slice(0, 60));
}"""


def _origin_words(lang: str) -> tuple[str, str]:
    """The origin line's words around the content date (the date itself depends on the history)."""
    before, after = table(lang)["layout_printed_from"].split("{content_date}")
    return before, after


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize(
    "path",
    [
        "cases/havenplein-markt/",
        "lessons/meet-at-fixed-times/",
        "criteria/network-and-agreements/",
        "sources/hollis-2021/",
        "glossary/",
        "comparison/",
        "policy/",
        "roles/",
        "roles/police/",
    ],
)
def test_a_printed_page_ends_with_where_it_came_from(page, site_url: str, edition: str, path: str) -> None:
    page.goto(EDITIONS[edition] + path)
    origin = page.locator("article .kb-print-meta")
    assert origin.count() == 1
    assert not origin.is_visible(), "on screen the origin is not shown"
    page.emulate_media(media="print")
    assert origin.is_visible()
    text = origin.inner_text()
    before, _ = _origin_words(edition)
    address = site_url + EDITIONS[edition] + path
    assert text.startswith(before.format(site=table(edition)["site_name"], address=address)), text
    assert page.evaluate(LAST_SHOWN) == [], "the origin is the printed page's last part"


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_printed_case_page_carries_its_origin_at_10_pt_or_more(
    page, site_url: str, edition: str, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    path = EDITIONS[edition] + "cases/havenplein-markt/"
    page.goto(path)
    page.emulate_media(media="print")
    assert page.evaluate(BODY_PT) >= 10 - 0.01
    pdf = tmp_path / "case.pdf"
    page.pdf(path=str(pdf), format="A4")
    printed = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    words = table(edition)
    flat = re.sub(r"\s+", "", printed)
    assert re.sub(r"\s+", "", words["site_name"]) in flat
    assert re.sub(r"\s+", "", site_url + path) in flat, "the page's address is printed"
    _, after = _origin_words(edition)
    before = words["layout_printed_from"].split("{address}")[1].split("{content_date}")[0]
    assert re.sub(r"\s+", "", before) in flat, "the content's date is printed, with what it is"
    del after


# The answer box made taller than a sheet, as a real case's is (conclusion, lessons, bars, facts).
GROW_ANSWER = """() => {
  const facts = document.querySelector('article .kb-answer .kb-answer__facts');
  const items = [...facts.children];
  for (let i = 0; i < 12; i++) for (const li of items) facts.appendChild(li.cloneNode(true));
  return document.querySelector('article .kb-answer').textContent.trim().split(/\\s+/).slice(0, 3).join(' ');
}"""


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_printed_case_page_does_not_leave_its_title_alone_on_the_first_sheet(
    page, edition: str, tmp_path: Path
) -> None:
    """Read 2: the answer box would not break, so a case's first sheet held only its title."""
    from pypdf import PdfReader

    page.goto(EDITIONS[edition] + "cases/havenplein-markt/")
    page.emulate_media(media="print")
    opening = page.evaluate(GROW_ANSWER)
    pdf = tmp_path / "case.pdf"
    page.pdf(path=str(pdf), format="A4")
    sheets = [p.extract_text() for p in PdfReader(pdf).pages]
    assert len(sheets) > 2, "the grown answer box fills more than a sheet"
    flat = re.sub(r"\s+", "", sheets[0])
    assert re.sub(r"\s+", "", opening) in flat, f"the answer starts on the first sheet: {sheets[0][:200]!r}"
