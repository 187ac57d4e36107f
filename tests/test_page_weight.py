"""What keeps a page fast on a phone (issue 33: Lighthouse mobile performance): every picture has
its size before it loads, so nothing moves under the reader's thumb, and the study's source page,
which quotes every passage the knowledge base uses, spends few elements on each. The Lighthouse
figures themselves are a benchmark (bench/lighthouse.py), not a test."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.pages import paths
from generator.records.knowledge_base import KnowledgeBase

SIZE = re.compile(r'<svg[^>]*\bwidth="(\d+)" height="(\d+)"')


class Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.images.append(dict(attrs))


def test_every_picture_the_site_shows_has_its_width_and_height(built_site: Path) -> None:
    """Lighthouse's "unsized images": an <img> without both attributes takes its space only when it
    has loaded, and the text below it jumps. The attributes give the picture's own proportions."""
    checked = 0
    for html in built_site.rglob("*.html"):
        parser = Images()
        parser.feed(html.read_text(encoding="utf-8"))
        for img in parser.images:
            where = f"{html.relative_to(built_site)}: {img.get('src')}"
            assert img.get("width") and img.get("height"), where
            src = str(img.get("src") or "")
            if src.endswith(".svg") and "://" not in src:
                drawn = SIZE.search((html.parent / src).resolve().read_text(encoding="utf-8"))
                assert drawn, where
                assert (img["width"], img["height"]) == drawn.groups(), where
            checked += 1
    assert checked >= 4, "the fixture site shows the funnel and the cases' profiles"


TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b")
SECTIONS = re.compile(r'<div class="kb-source-sections">(.*?)\n</div>', re.S)
TRANSLATION = re.compile(r'<details class="kb-original"[^>]*>.*?</details>', re.S)
HEADING = re.compile(r"<h3\b.*?</h3>", re.S)


@pytest.mark.parametrize("edition", ["", "nl/"])
def test_the_study_page_spends_few_elements_on_each_passage(built_site: Path, kb: KnowledgeBase, edition: str) -> None:
    """Every section of the study shows the passages quoted from it (tests/test_trail.py); with
    hundreds of passages a list per passage made the page too large for a phone (2,146 elements
    in English, 3,355 in Dutch). Beside its links and a translation's toggle, a passage takes its
    box, its quotation and the line of pages that use it."""
    page = built_site / edition / paths.source(kb.study_source.id).replace(".md", "/index.html")
    html = SECTIONS.search(page.read_text(encoding="utf-8"))
    assert html, page
    body = HEADING.sub("<h3>", TRANSLATION.sub("", html.group(1)))
    passages = body.count('class="kb-passage"')
    sections = body.count('class="kb-source-section"')
    assert passages > 5, "the fixture's study is quoted"
    tags = [t for t in TAG.findall(body) if t != "a"]
    # A section's own box and heading, the fold and its line, and a bare citation's line; then 3 per passage.
    assert len(tags) - 5 * sections <= 3 * passages, (len(tags), sections, passages)


# A fold ends where its section does, or where the section's line of bare citations begins.
FOLD = re.compile(
    r'<details class="kb-passages"><summary>[^<]+</summary>(.*?)</details>(?=</section>|<p class="kb-passage-uses">)',
    re.S,
)


@pytest.mark.parametrize("edition", ["", "nl/"])
def test_the_study_pages_passages_are_folded_until_asked_for(built_site: Path, kb: KnowledgeBase, edition: str) -> None:
    """Folded, hundreds of passages cost a phone nothing to lay out (the Dutch study page's blocking
    time fell from 450 to 110 ms); a link to a section opens its fold (tests/test_trail.py)."""
    page = built_site / edition / paths.source(kb.study_source.id).replace(".md", "/index.html")
    html = SECTIONS.search(page.read_text(encoding="utf-8"))
    assert html, page
    folded = "".join(FOLD.findall(html.group(1)))
    assert html.group(1).count('class="kb-passage"') == folded.count('class="kb-passage"') > 5
    assert '<details class="kb-passages" open' not in html.group(1)


PROFILE_IMAGES = """() => [...document.querySelectorAll('.kb-profiles img')].map(img => ({
  src: img.src, width: img.getAttribute('width'), height: img.getAttribute('height')}))"""


@pytest.mark.parametrize("lang", ["", "nl/"])
def test_the_cases_profiles_beside_the_readers_have_their_size(page, kb: KnowledgeBase, lang: str) -> None:
    """The self-assessment draws the cases' profiles beside the reader's: each <img> it writes has
    the width and height its picture is drawn at, so the page does not move as they load."""
    from test_self_assessment import answer, every, open_sa

    open_sa(page, lang)
    answer(page, every(kb, "present"))
    images = page.evaluate(PROFILE_IMAGES)
    assert len(images) == len(kb.assessed_cases), images
    for image in images:
        drawn = SIZE.search(page.request.get(image["src"]).text())
        assert drawn, image
        assert (image["width"], image["height"]) == drawn.groups(), image


SCRIPT = re.compile(r"<script\b[^>]*\bsrc=[^>]*>")


def test_no_script_holds_up_the_first_paint(built_site: Path) -> None:
    """Every script a page loads is deferred: it runs, in the page's order, once the page is parsed
    and painted (Lighthouse's render-blocking resources). The 404 page's own script, which sends a
    reader on from an old address, runs at once."""
    pages = [p for p in built_site.rglob("*.html") if p.name != "404.html"]
    assert len(pages) > 20
    for page in pages:
        for tag in SCRIPT.findall(page.read_text(encoding="utf-8")):
            assert " defer" in tag, (str(page.relative_to(built_site)), tag)
