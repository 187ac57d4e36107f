"""Material's override points: the breadcrumbs and the highlighted section on every page."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from generator.plugin import plugin
from helpers import ROOT

THEME = Path(plugin.__file__).parent / "theme"


def test_our_breadcrumbs_are_materials_own_with_the_page_added() -> None:
    import material

    theirs = (Path(material.__file__).parent / "templates/partials/path.html").read_text(encoding="utf-8")
    ours = (THEME / "partials/path.html").read_text(encoding="utf-8")
    mine = ("aria-current", "not page.is_homepage")

    def body(text: str) -> list[str]:
        return [
            line.replace(" or (nav.homepage and not page.is_homepage)", "")
            for line in text.split("-#}", 1)[1].splitlines()
            if "aria-current" not in line
        ]

    assert all(any(m in line for line in ours.splitlines()) for m in mine)
    assert body(ours) == body(theirs), "Material's partials/path.html changed: copy it into theme/ again"


def _crumbs(html: str) -> list[tuple[str, str | None]]:
    nav = re.search(r'<nav class="md-path"[^>]*>(.*?)</nav>', html, re.S)
    if not nav:
        return []
    items = re.findall(r'<li class="md-path__item"[^>]*>(.*?)</li>', nav[1], re.S)
    out = []
    for item in items:
        link = re.search(r'href="([^"]*)"', item)
        out.append((unescape(re.sub(r"<[^>]+>|\s+", " ", item)).split(), link[1] if link else None))
    return [(" ".join(words), href) for words, href in out]


def test_every_page_but_home_has_breadcrumbs_ending_in_itself(built_site: Path) -> None:
    for folder in ("", "nl/"):
        root = built_site / folder
        for html_file in sorted(root.rglob("index.html")):
            relative = html_file.relative_to(root).parent.as_posix()
            if (folder == "" and relative.split("/")[0] in ("nl", "pagefind")) or "data-pagefind-body" not in (
                text := html_file.read_text(encoding="utf-8")
            ):
                continue
            crumbs = _crumbs(text)
            if relative == ".":
                assert crumbs == [], "the home page has no breadcrumbs"
                continue
            # The page's own title, as its <title> gives it before " - <site name>"
            h1 = unescape(re.search(r"<title>(.*?) - [^<]*</title>", text, re.S)[1]).strip()
            assert len(crumbs) >= 2, relative
            assert crumbs[-1] == (" ".join(h1.split()), None), relative  # the page itself, not a link
            assert crumbs[0][1] is not None  # home, linked
            # A record page hangs under the listing page of its folder, which the navigation highlights.
            parent = relative.rpartition("/")[0]
            if parent and (root / parent / "index.html").is_file():
                listing = (root / parent / "index.html").resolve()
                target = (html_file.parent / crumbs[-2][1]).resolve()
                assert target in (listing, listing.parent), (relative, crumbs)
                active = re.findall(
                    r'class="md-nav__item md-nav__item--active[^"]*"[^>]*>.{0,400}?<a href="([^"]*)"', text, re.S
                )
                assert any((html_file.parent / href).resolve() in (listing, listing.parent) for href in active), (
                    relative
                )


def test_every_page_offers_a_prefilled_problem_report_on_a_form_that_takes_it(built_site: Path) -> None:
    from urllib.parse import parse_qs, urlsplit

    import yaml

    forms = ROOT / ".github/ISSUE_TEMPLATE"
    for folder, site_url in (("", "https://ppc-soft-targets.github.io/knowledge-base/"), ("nl/", None)):
        root = built_site / folder
        for html_file in sorted(root.rglob("index.html")):
            text = html_file.read_text(encoding="utf-8")
            if "data-pagefind-body" not in text or (folder == "" and html_file.is_relative_to(built_site / "nl")):
                continue
            link = re.search(r'<p class="kb-report"[^>]*><a href="([^"]*)">([^<]+)</a>', text)
            assert link, html_file
            query = parse_qs(urlsplit(unescape(link[1])).query)
            canonical = re.search(r'<link rel="canonical" href="([^"]*)"', text)[1]
            assert query["page"] == [canonical]
            # the title in the reader's words, naming the page
            prefix = "Probleem op een pagina: " if folder else "Problem on a page: "
            assert query["title"][0].startswith(prefix), (html_file, query["title"])
            if site_url:
                assert canonical.startswith(site_url)
            form = yaml.safe_load((forms / query["template"][0]).read_text(encoding="utf-8"))
            assert "page" in {field.get("id") for field in form["body"]}


def test_the_about_page_says_who_publishes_and_that_it_is_not_official(built_site: Path) -> None:
    english = (built_site / "about/index.html").read_text(encoding="utf-8")
    dutch = (built_site / "nl/about/index.html").read_text(encoding="utf-8")
    assert "not</strong> a publication of the WODC" in english and "CC BY 4.0" in english
    assert "geen</strong> publicatie van het WODC" in dutch and "CC BY 4.0" in dutch
    for page in (english, dutch):
        assert re.search(
            r'md-nav__link[^"]*"[^>]*>\s*<span class="md-ellipsis">\s*(About this site|Over deze site)', page
        )


def test_the_404_page_in_each_edition_offers_search_and_the_main_entries(built_site: Path) -> None:
    from generator.util.mkdocs_config import read as read_config

    for folder, lang, config in (("", "en", "mkdocs.yml"), ("nl/", "nl", "mkdocs.nl.yml")):
        html = (built_site / folder / "404.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html
        assert 'class="md-search__input"' in html
        entries = re.findall(r'<ul class="kb-not-found">(.*?)</ul>', html, re.S)[0]
        linked = {href.rsplit("/knowledge-base/" + folder, 1)[1] for href in re.findall(r'href="([^"]*)"', entries)}
        # Every top-level page of the edition's navigation, by its address
        pages = [v for item in read_config(ROOT / config)["nav"] for v in item.values() if isinstance(v, str)]
        top = {
            p.removesuffix("index.md").removesuffix(".md") + ("/" if not p.endswith("index.md") else "") for p in pages
        }
        assert len(top) > 5 and top <= linked, top - linked


def test_every_stylesheet_closes_every_block_it_opens() -> None:
    """A block left open (a merge that dropped a `}`) silently moves every later rule into it: the
    screen styles after an unclosed `@media print {` would apply on paper only."""
    for sheet in sorted((ROOT / "docs/assets/stylesheets").glob("*.css")):
        text = re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.S)
        depth = 0
        for line_number, line in enumerate(text.splitlines(), 1):
            depth += line.count("{") - line.count("}")
            assert depth >= 0, f"{sheet.name}:{line_number}: a `}}` closes nothing"
            # A top-level rule or @-rule starts at column 0: nothing may be open around it.
            if line[:1] not in ("", " ", "}", "\t") and "{" in line:
                assert depth - line.count("{") + line.count("}") == 0, (
                    f"{sheet.name}:{line_number}: opens inside a block left open"
                )
        assert depth == 0, f"{sheet.name}: {depth} block(s) never closed"


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_wrapped_breadcrumb_keeps_its_separators_and_a_title_hyphenates_by_its_language(
    browser, site_url: str, lang: str
) -> None:
    """A long last breadcrumb item squeezed the chevron before it to a sliver of repeated marks, and a
    long page title broke a word without a hyphen (Dutch read 3, N11)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=site_url)
    tab = context.new_page()
    tab.goto(f"{'nl/' if lang == 'nl' else ''}lessons/put-agreements-on-paper/")
    # A title as long as the longest real ones, so that the last item wraps over several lines.
    tab.evaluate(
        "document.querySelector('.md-path__item:last-child').lastElementChild.textContent = 'word '.repeat(30)"
    )
    separators = tab.evaluate(
        """[...document.querySelectorAll('.md-path__item:not(:first-child)')].map(e => {
             const s = getComputedStyle(e, '::before');
             return [s.width, s.height, s.maskRepeat || s.webkitMaskRepeat, e.getBoundingClientRect().height];
           })"""
    )
    hyphens = tab.evaluate("getComputedStyle(document.querySelector('.md-typeset h1')).hyphens")
    page_lang = tab.evaluate("document.documentElement.lang")
    context.close()
    assert separators[-1][3] > 30, separators  # the last item did wrap
    for width, height, repeat, _ in separators:
        assert width == height and repeat == "no-repeat", separators
    assert hyphens == "auto" and page_lang.startswith(lang)


@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 390])
def test_the_longest_dutch_title_words_fit_a_phones_title_line_whole(browser, site_url: str, width: int) -> None:
    """Without a Dutch hyphenation dictionary the browser cut "samenwerkingsverban/d" in a title
    at 390 px (Dutch read 4, S1): on a phone each of these words fits the title's line whole."""
    context = browser.new_context(viewport={"width": width, "height": 844}, base_url=site_url)
    tab = context.new_page()
    tab.goto("nl/lessons/put-agreements-on-paper/")
    fits = tab.evaluate(
        """() => {
             const h = document.querySelector('.md-typeset h1');
             const probe = document.createElement('span');
             probe.style.whiteSpace = 'nowrap';
             h.appendChild(probe);
             const widths = ['samenwerkingsverband', 'verantwoordelijkheden'].map(w => {
               probe.textContent = w;
               return probe.getBoundingClientRect().width;
             });
             return [widths, h.clientWidth];
           }"""
    )
    context.close()
    widths, line = fits
    assert max(widths) <= line, fits
