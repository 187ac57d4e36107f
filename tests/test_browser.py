"""The site in a real browser: search, instant navigation, the self-assessment, accessibility."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from html import unescape
from pathlib import Path

import pytest
from playwright.sync_api import expect

from helpers import CORPUS, ROOT

pytestmark = [pytest.mark.browser]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def search(page, query: str, start: str = "./") -> list[str]:
    """The addresses (absolute) of the results for ``query``, searched from the page ``start``."""
    page.goto(start)
    page.focus(".md-search__input")
    # The index loads in a web worker; a query typed before it is ready is answered only once it
    # is typed again, so type until results show (at most ~20 s).
    for _ in range(40):
        page.fill(".md-search__input", "")
        page.type(".md-search__input", query)
        try:
            page.wait_for_selector(".md-search-result__item a", timeout=500)
            break
        except Exception:
            continue
    return page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")


def require_axe() -> None:
    """axe-core from npm: a skip with the reason locally, a failure in CI."""
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("axe-core is missing in CI: run npm ci")
        pytest.skip("axe-core not installed (npm ci)")


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now, each with where."""
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[(n['target'], n['html'][:120]) for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def expected_hits(lang: str) -> list[tuple[str, str]]:
    """Queries and the page each must find, taken from whatever content is there: each case's
    other names (its page must show), and the glossary's rarest term (the glossary must show)."""
    from generator.pages.text import pick
    from generator.records.knowledge_base import build

    kb = build(CORPUS / "content")
    prefix = "" if lang == "en" else f"{lang}/"
    hits = [(pick(name, lang), f"{prefix}cases/{case.id}/") for case in kb.cases for name in case.other_names[:1]]
    everything = " ".join(
        str(r.model_dump()) for kind, records in kb.records.items() if kind != "terms" for r in records
    ).casefold()
    if kb.terms:
        rarest = min(kb.terms, key=lambda t: (everything.count(pick(t.term, lang).casefold()), t.id))
        hits.append((pick(rarest.term, lang), f"{prefix}glossary/"))
    return hits


@pytest.mark.parametrize(("query", "expected"), expected_hits("en"))
def test_search_finds_the_right_page(page, query: str, expected: str) -> None:
    hrefs = search(page, query)
    assert any(expected in href for href in hrefs[:8]), hrefs


def test_instant_navigation_to_a_case_and_its_criterion_links(page) -> None:
    page.goto("./")
    page.evaluate("window.__kbMarker = 'kept'")  # survives only if pages swap without a reload
    # As a reader's pointer does on its way to a link: the sitemap loads before the click.
    with page.expect_response("**/sitemap.xml"):
        page.hover(".md-nav--primary a[href$='cases/']")
    page.click(".md-nav--primary a[href$='cases/']")
    page.wait_for_url("**/cases/")
    expect(page.locator("h1")).to_contain_text("Cases")
    page.click("article a[href$='cases/havenplein-markt/']")
    page.wait_for_url("**/cases/havenplein-markt/")
    expect(page.locator("h1")).to_contain_text("Havenplein Market safety consultation")
    page.click("article a[href$='criteria/trust-and-culture/']")
    page.wait_for_url("**/criteria/trust-and-culture/")
    expect(page.locator("h1")).to_contain_text("Trust and culture")
    assert page.evaluate("window.__kbMarker") == "kept"
    # The criterion page links back to the exact section of each case page.
    page.click("article a[href$='cases/havenplein-markt/#trust-and-culture']")
    page.wait_for_url("**/cases/havenplein-markt/#trust-and-culture")
    # The self-assessment mounts after an instant navigation too (document$, not DOMContentLoaded).
    page.click(".md-nav--primary a[href$='self-assessment/']")
    page.wait_for_selector("#kb-sa form")
    assert page.evaluate("window.__kbMarker") == "kept"


def test_the_sitemap_loads_only_when_the_reader_heads_for_a_link(page, site_url: str) -> None:
    """It lists every page, so it grows with the collection: a reader who only reads one page
    never downloads it. Material's requests for a sitemap beside each alternate link (never one)
    are not sent at all."""
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url) if request.url.endswith("sitemap.xml") else None)
    page.goto("cases/havenplein-markt/")
    page.wait_for_load_state("networkidle")
    page.focus(".md-search__input")  # not a link: nothing changes
    page.wait_for_timeout(300)
    page.keyboard.press("Escape")
    assert asked == []
    page.evaluate("window.__kbMarker = 'kept'")
    link = "article a[href$='criteria/trust-and-culture/']"
    with page.expect_response(f"{site_url}sitemap.xml") as response:
        page.hover(link)
    assert response.value.ok
    page.click(link)
    page.wait_for_url("**/criteria/trust-and-culture/")
    assert page.evaluate("window.__kbMarker") == "kept"  # instant navigation, with the sitemap
    page.wait_for_load_state("networkidle")
    assert set(asked) == {f"{site_url}sitemap.xml"}, asked


def test_a_click_before_the_sitemap_is_an_ordinary_page_load(page) -> None:
    page.goto("cases/havenplein-markt/")
    page.evaluate("window.__kbMarker = 'kept'")
    page.eval_on_selector("article a[href$='criteria/trust-and-culture/']", "a => a.click()")
    page.wait_for_url("**/criteria/trust-and-culture/")
    expect(page.locator("h1")).to_contain_text("Trust and culture")
    assert page.evaluate("window.__kbMarker") is None


def answer(page, ratings: dict[str, str]) -> None:
    for indicator, rating in ratings.items():
        page.check(f"#kb-{indicator}-{rating}")


def test_the_self_assessment_derives_a_criterions_rating_as_the_generator_does(page) -> None:
    """The page's script, with the thresholds the export gives it, agrees with ratings.derive on
    every mix of answers to a criterion (boundaries included: means of exactly 1.5 and 0.5)."""
    from itertools import combinations_with_replacement

    from generator.records.knowledge_base import build
    from generator.records.ratings import Rating, derive

    kb = build(CORPUS / "content")
    criterion = max(kb.criteria, key=lambda c: len(c.indicators))
    ids = [i.id for i in criterion.indicators]
    page.goto("self-assessment/")
    page.wait_for_selector("#kb-sa form")
    # The first table of the results is your own rating per criterion.
    row = page.locator(f"#kb-sa-results tr[data-criterion='{criterion.id}'] .kb-rating").first
    mixes = list(combinations_with_replacement(list(Rating), min(len(ids), 4)))
    assert len(mixes) >= 15
    for mix in mixes:
        answer(page, dict(zip(ids, [r.value for r in mix], strict=False)))
        expected = derive([*mix, *[Rating.UNKNOWN] * (len(ids) - len(mix))])
        expect(row).to_have_class(re.compile(rf"\bkb-rating--{expected.value}\b"))
    page.click("#kb-sa-reset")


def test_self_assessment_without_javascript_shows_the_checklist(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, base_url=site_url)
    tab = context.new_page()
    tab.goto("self-assessment/")
    assert tab.locator(".kb-sa-fallback").is_visible()
    assert tab.locator(".kb-sa-fallback label.kb-check input[type=checkbox]").count() == 8
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "",
        "cases/havenplein-markt/",
        "criteria/network-and-agreements/",
        "comparison/",
        "self-assessment/",
        "checklists/all/",
    ],
)
def test_no_serious_accessibility_violations(page, path: str) -> None:
    require_axe()
    page.goto(path)
    if path.endswith("self-assessment/"):
        page.wait_for_selector("#kb-sa form")
    assert serious_violations(page) == []


def test_checklist_prints_on_a4_without_site_chrome(page, site_url: str, tmp_path: Path) -> None:
    page.goto("checklists/all/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"):
        assert page.locator(selector).first.evaluate("e => getComputedStyle(e).display") == "none", selector
    meta = page.locator(".kb-print-meta")
    assert meta.is_visible()
    assert site_url in meta.inner_text() and "content of" in meta.inner_text()
    assert page.locator("label.kb-check input[type=checkbox]").count() == 8
    pdf = tmp_path / "checklist.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000


def test_case_page_prints_on_a4_with_its_text_ratings_and_numbered_sources(page, tmp_path: Path) -> None:
    from pypdf import PdfReader

    page.goto("cases/havenplein-markt/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-search"):
        assert page.locator(selector).first.evaluate("e => getComputedStyle(e).display") == "none", selector
    badge = page.locator(".kb-rating--absent").first
    assert badge.evaluate("e => getComputedStyle(e).color") == "rgb(0, 0, 0)"  # greyscale-safe
    pdf = tmp_path / "case.pdf"
    page.pdf(path=str(pdf), format="A4")
    pages = PdfReader(str(pdf)).pages
    # NFKC undoes the font's ligatures ("ﬀ" in "Cruijff").
    text = unicodedata.normalize("NFKC", " ".join(" ".join((p.extract_text() or "").split()) for p in pages))
    for words in (
        "Havenplein Market safety consultation",
        "○ Absent",
        "◐ Partly present",
        "Most criteria for success are missing here.",
        "Riverside study, Findings › Havenplein Market",  # the numbered source, not its address
    ):
        assert words in text, words
    # No address spelled out in the text; the page's own address once, in its origin at the end.
    body, _, origin = text.rpartition("Printed from")
    assert "://" not in body and "#findings" not in text
    assert "cases/havenplein-markt/" in origin
    assert "Search" not in text.split("Havenplein Market safety consultation", 1)[0]  # no site chrome before the title


# The Dutch edition: the same site under nl/, in Dutch.


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        *expected_hits("nl")[-2:],
        ("convenant", "nl/"),
        ("samenwerkingsverbanden", "nl/"),  # Dutch stemming: the plural finds the singular too
    ],
)
def test_dutch_search_finds_dutch_pages_only(page, site_url: str, query: str, expected: str) -> None:
    hrefs = search(page, query, "nl/")
    assert hrefs, query
    assert any(href.startswith(site_url + expected) for href in hrefs[:8]), hrefs
    assert all(href.startswith(site_url + "nl/") for href in hrefs), hrefs
    # The English edition's search knows no Dutch edition pages.
    english = search(page, "Riverside")
    assert english and not any("/nl/" in href for href in english), english


def test_language_switch_keeps_the_page_both_ways(page, site_url: str) -> None:
    page.goto("cases/havenplein-markt/#assessment-against-the-success-criteria")
    page.click(".kb-lang__link")
    page.wait_for_url(site_url + "nl/cases/havenplein-markt/")
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert "Toetsing aan de succescriteria" in page.inner_text("article")
    # After instant navigation inside the Dutch edition, the switch points at the new page.
    page.click("article a[href$='criteria/network-and-agreements/']")
    page.wait_for_url(site_url + "nl/criteria/network-and-agreements/")
    expect(page.locator("h1")).to_contain_text("Netwerk en afspraken")
    switch = page.locator(".kb-lang__link")
    assert switch.evaluate("a => a.href") == site_url + "criteria/network-and-agreements/"
    page.click(".kb-lang__link")
    page.wait_for_url(site_url + "criteria/network-and-agreements/")
    assert page.evaluate("document.documentElement.lang") == "en"
    expect(page.locator("h1")).to_contain_text("Network and agreements")


@pytest.mark.parametrize(
    "path", ["nl/", "nl/cases/harbour-lights-festival/", "nl/comparison/", "nl/self-assessment/", "nl/glossary/"]
)
def test_no_serious_accessibility_violations_in_dutch(page, path: str) -> None:
    test_no_serious_accessibility_violations(page, path)


def test_nothing_that_grows_with_the_collection_loads_before_a_search(page, site_url: str) -> None:
    loaded: list[tuple[str, int]] = []
    page.on("requestfinished", lambda request: loaded.append((request.url, request.sizes()["responseBodySize"])))
    page.goto("cases/havenplein-markt/")
    page.wait_for_load_state("networkidle")
    # No search index, lunr or Pagefind, comes with a page; Material's own index is empty.
    assert not any("/pagefind/" in url for url, _ in loaded), loaded
    assert all(size < 2_000 for url, size in loaded if "search_index" in url), loaded
    before = len(loaded)
    page.focus(".md-search__input")
    page.type(".md-search__input", "Havenpleinmarkt")
    page.wait_for_selector(".md-search-result__item a")
    page.wait_for_load_state("networkidle")
    searched = loaded[before:]
    assert any("/pagefind/" in url for url, _ in searched)
    assert sum(size for _, size in searched) < 600_000, searched


def test_search_by_keyboard_alone(page, site_url: str) -> None:
    page.goto("comparison/")
    page.keyboard.press("/")  # Material's shortcut opens search
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("Havenplein")  # in the case's English name (a Dutch original's words are not indexed)
    page.wait_for_selector(".md-search-result__item a")
    # The excerpt marks the word searched for.
    assert page.locator(".md-search-result__item mark").first.inner_text().lower().startswith("havenplein")
    page.keyboard.press("ArrowDown")  # the filters' summary
    # On the first result, a link: the sitemap instant navigation needs loads (sitemap-on-intent.js),
    # in the moment a reader takes to read the result. An Enter before it is an ordinary page load.
    with page.expect_response(f"{site_url}sitemap.xml"):
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    # The result's title, without the kind of page shown above it ("Lesson").
    chosen = page.evaluate(
        "[document.activeElement.href, Array.from(document.activeElement.querySelector('h1').childNodes)"
        ".filter(n => !(n.classList && n.classList.contains('kb-search-type'))).map(n => n.textContent).join('')]"
    )
    page.evaluate("window.__kbMarker = 'kept'")  # survives only if the page swaps without a reload
    page.keyboard.press("Enter")
    expect(page.locator(".md-content h1")).to_contain_text(chosen[1].strip())
    assert page.url.split("?")[0] == chosen[0].split("?")[0]
    assert page.evaluate("window.__kbMarker") == "kept"  # instant navigation
    # Whatever else says Havenplein, the market's case is among the results.
    assert any("cases/havenplein-markt/" in href for href in search(page, "Havenplein")), site_url


def facets_of(page, href: str) -> dict[str, set[str]]:
    """A page's search facets, as the build marked them for Pagefind."""
    found: dict[str, set[str]] = {}
    html = page.request.get(href).text()
    for name, value in re.findall(r'<span data-pagefind-filter="([^"]*)">([^<]*)</span>', html):
        found.setdefault(unescape(name), set()).add(unescape(value))
    return found


def results(page, before: list[str]) -> list[str]:
    """The result addresses once they differ from ``before`` (a filter answers asynchronously)."""
    expect(page.locator(".md-search-result__item a").first).to_be_visible()
    page.wait_for_function(
        "before => JSON.stringify([...document.querySelectorAll('.md-search-result__item a')].map(a => a.href))"
        " !== JSON.stringify(before)",
        arg=before,
    )
    return page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")


def choose(page, facet: str, label: str) -> None:
    """Pick the option of a filter whose text starts with ``label`` (its count follows)."""
    select = page.locator(f".kb-search-filters select[data-kb-facet='{facet}']")
    value = select.locator("option", has_text=label).first.get_attribute("value")
    select.select_option(value)


@pytest.mark.parametrize(
    ("start", "type_", "case", "country", "status", "criterion", "rating"),
    [
        ("./", "type", "Case", "country", "status", "rating-trust-and-culture", "Present"),
        ("nl/", "type", "Casus", "country", "status", "rating-trust-and-culture", "Aanwezig"),
    ],
)
def test_search_filters_narrow_the_results(page, kb, start, type_, case, country, status, criterion, rating) -> None:
    # A word nearly every page has: more results than Material shows (30).
    search(page, "the" if start == "./" else "de", start)
    # More results than are shown: the count says so, not just what Material was given. (Waiting for
    # it also waits out the answers to "t" and "th", which match whole words only.)
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"^(3[1-9]|[4-9]\d|\d{3,}) .* 30 "))
    everything = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    assert len(everything) >= 10
    page.click(".kb-search-filters summary")
    choose(page, type_, case)
    cases = results(page, everything)
    assert cases and all("/cases/" in href and not href.endswith("/cases/") for href in cases), cases
    # The country of the first case that names one: the filter keeps just the cases from there.
    where = next(sorted(found[country])[0] for href in cases if country in (found := facets_of(page, href)))
    choose(page, country, where)
    there = results(page, cases)
    assert there and len(there) < len(cases)
    assert all(facets_of(page, href)[country] == {where} for href in there), there
    # A rating on a criterion: the studied cases rated so. Its group is named by the criterion's
    # title in the edition's language, though keyed by its id.
    groups = page.eval_on_selector_all(
        ".kb-search-filters select[data-kb-facet='*'] optgroup", "els => els.map(e => e.label)"
    )
    assert ("Trust and culture" if start == "./" else "Vertrouwen en cultuur") in groups, groups
    # In the study's order, as everywhere else the criteria are listed, not by their English ids.
    study = [c.title["en" if start == "./" else "nl"] for c in kb.criteria]
    assert groups == sorted(groups, key=study.index), groups
    choose(page, country, "")  # back to every country
    page.locator(".kb-search-filters select[data-kb-facet='*']").select_option(
        json.dumps([criterion, rating], separators=(",", ":"), ensure_ascii=False)
    )
    rated = results(page, there)
    assert rated and all(facets_of(page, href)[criterion] == {rating} for href in rated), rated
    assert all(facets_of(page, href)[status] for href in rated)


def test_search_filters_by_keyboard_alone(page) -> None:
    page.goto("comparison/")
    page.keyboard.press("/")
    page.keyboard.type("security")
    expect(page.locator(".kb-search-filters summary")).to_be_visible()
    before = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    page.keyboard.press("ArrowDown")  # Material's arrow keys go from the query to the filters
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # to the first filter; Material's Tab would close the search
    assert page.evaluate("document.activeElement.dataset.kbFacet") == "type"
    for _ in range(10):  # down the types, in alphabetical order, to the cases
        page.keyboard.press("ArrowDown")
        if page.evaluate("document.activeElement.value") == "Case":
            break
    assert page.evaluate("document.activeElement.value") == "Case"
    narrowed = results(page, before)
    assert narrowed and all("/cases/" in href for href in narrowed)
    assert page.is_checked("#__search")  # still searching
    page.keyboard.press("Escape")
    assert not page.is_checked("#__search")


def test_search_results_have_no_serious_accessibility_violations(page) -> None:
    require_axe()
    assert search(page, "covenant")
    page.click(".kb-search-filters summary")  # the filters open, with the values the index holds
    expect(page.locator(".kb-search-filters select[data-kb-facet='*'] optgroup").first).to_be_attached()
    assert serious_violations(page) == []


def _misspelt(name: str) -> tuple[str, str]:
    """A case's name with its longest word misspelt by one letter (its first vowel after the first letter swapped), and that word."""
    word = max(re.findall(r"[A-Za-z]{6,}", name), key=len)
    at = min(i for i, c in enumerate(word) if c.lower() in "aeiou" and i > 0)  # early: no prefix of it matches
    wrong = word[:at] + ("a" if word[at].lower() != "a" else "e") + word[at + 1 :]
    return wrong, word


@pytest.mark.parametrize("edition", ["", "nl/"])
def test_a_misspelt_name_still_finds_its_page(page, kb, edition: str) -> None:
    from generator.pages.text import pick
    from generator.words import edition as in_edition

    lang = "nl" if edition else "en"
    with in_edition(lang):
        names = [str(pick(c.name)) for c in kb.cases]
        # A case whose longest word no other case's name has: the nearest title is then its own.
        case = next(
            c
            for c, name in zip(kb.cases, names, strict=True)
            if re.search(r"[A-Za-z]{6,}", name) and sum(_misspelt(name)[1] in other for other in names) == 1
        )
        wrong, right = _misspelt(str(pick(case.name)))
    assert wrong != right
    search(page, wrong, start=f"./{edition}")
    # Results for the first letters typed show first; the answer to the whole word follows.
    suggestion = page.locator(f".md-search-result__item a[href*='{edition}cases/{case.id}/']").first
    expect(suggestion).to_be_visible(timeout=10_000)
    # Said as a suggestion, in the edition's language, not as a match.
    from generator.words import table

    expect(suggestion).to_contain_text(table(lang)["search_nearest"])


def test_contributor_pages_rank_below_content_for_content_words(page, kb) -> None:
    """Searched by its title, a lesson comes before Contributing, What changed and Open data,
    which name lessons too."""
    from generator.pages.facets import CONTRIBUTORS, PAGE_TYPES
    from generator.pages.text import pick

    contributor = tuple(f"{p}/" for p, kind in PAGE_TYPES.items() if kind == CONTRIBUTORS)
    page.goto("./")
    for lesson in kb.lessons:
        urls = page.evaluate(
            """async (q) => {
                const base = new URL('pagefind/', document.baseURI).href;
                const pf = await import(base + 'pagefind.js');
                await pf.options({ basePath: base });
                const found = await pf.search(q);
                return Promise.all(found.results.map(r => r.data().then(d => d.url)));
            }""",
            str(pick(lesson.title)),
        )
        own = next(i for i, u in enumerate(urls) if u.endswith(f"lessons/{lesson.id}/"))
        assert not [u for u in urls[:own] if u.endswith(contributor)], (pick(lesson.title), urls[: own + 1])


def test_the_self_assessments_scripts_load_on_its_page_only(page, kb) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    case = kb.assessed_cases[0]
    page.goto(f"cases/{case.id}/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requested if "/self-assessment" in url], requested
    page.goto("self-assessment/")
    page.wait_for_selector("#kb-sa form")
    assert any(url.endswith("/self-assessment.js") for url in requested)
