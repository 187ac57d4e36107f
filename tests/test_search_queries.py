"""Reader queries reach reader pages: each query in content/searches.yaml, typed into the search box
of a real build of the real content, shows the page of the record it names among its first results.
The list is content (validate checks each record exists), so the test holds for any valid content:
a change of words that loses a reader's query fails here, naming the query and what to do."""

from __future__ import annotations

import pytest

from generator.records.load import load
from generator.records.models import KINDS, Searches
from helpers import ROOT

pytestmark = [pytest.mark.browser]

CONTENT = ROOT / "content"


def queries() -> list[tuple[str, str, str, int]]:
    """(lang, query, the page's address within the edition, within) for each listed query."""
    loaded = load(CONTENT)
    if "searches" not in loaded.singletons:
        return []
    record = loaded.singletons["searches"][0]
    assert isinstance(record, Searches)
    found = []
    for q in record.queries:
        folder, _, rid = q.reaches.partition("/")
        kind = KINDS[folder]
        page = f"{folder}/{rid}/" if kind.own_pages else kind.page.removesuffix(".md").removesuffix("index") + "/"
        found.append((q.lang, q.query, page.replace("//", "/"), q.within))
    return found


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory):
    """The real content built and served as on its host."""
    from browser import serve
    from helpers import copy_repo, free_port, mkdocs_build

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    repo = copy_repo(tmp_path_factory.mktemp("real") / "repo", ROOT)
    for name, address in (("mkdocs.yml", url), ("mkdocs.nl.yml", f"{url}nl/")):
        config = repo / name
        lines = [
            f"site_url: {address}" if line.startswith("site_url:") else line for line in config.read_text().splitlines()
        ]
        config.write_text("\n".join(lines) + "\n")
    site = repo.parent / "site"
    result = mkdocs_build(repo, site)
    assert result.returncode == 0, result.stderr[-3000:]
    with serve(site, port) as served:
        yield served, site


def results(page, query: str) -> list[dict[str, str]]:
    """The results the search box shows for ``query``: address, type label and excerpt marks."""
    from test_browser import search

    search(page, query, page.url)
    # The answers to the first letters typed may show first: wait until the list holds still.
    shown: list[str] = []
    for _ in range(20):
        page.wait_for_timeout(250)
        now = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
        if now == shown:
            break
        shown = now
    return page.eval_on_selector_all(
        ".md-search-result__item > a",
        """els => els.map(e => ({href: e.href,
            type: (() => { const t = e.querySelector('.kb-search-type');
              return t ? t.childNodes[0].textContent : ''; })(),
            title: (e.querySelector('h1') || {}).textContent || '',
            typeDisplay: (() => { const t = e.querySelector('.kb-search-type');
              return t ? getComputedStyle(t).display : ''; })(),
            marks: Array.from(e.querySelectorAll('mark')).map(m => m.textContent)}))""",
    )


@pytest.fixture
def reader(browser, real_site):
    url, _ = real_site
    context = browser.new_context(base_url=url)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.mark.parametrize(("lang", "query", "expected", "within"), queries())
def test_a_reader_query_reaches_its_record(
    reader, real_site, lang: str, query: str, expected: str, within: int
) -> None:
    url, _ = real_site
    reader.goto(url + ("" if lang == "en" else f"{lang}/"))
    found = results(reader, query)
    hrefs = [r["href"].split("#")[0].split("?")[0] for r in found]
    target = url + ("" if lang == "en" else f"{lang}/") + expected
    assert target in hrefs[:within], (
        f"content/searches.yaml: '{query}' ({lang}) should show {expected} among its first {within} results, "
        f"but shows {[h.removeprefix(url) for h in hrefs[:5]]}: add the reader's word to that record's "
        "keywords, or change the query"
    )


def test_there_are_reader_queries_in_both_editions() -> None:
    listed = queries()
    assert len(listed) >= 30 and {lang for lang, *_ in listed} == {"en", "nl"}


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_results_say_what_kind_of_page_each_is_and_short_words_match_whole(reader, real_site, lang: str) -> None:
    from generator.pages.facets import PAGE_TYPES, type_of
    from generator.words import table

    url, _ = real_site
    w = table(lang)
    reader.goto(url + ("" if lang == "en" else f"{lang}/"))
    found = results(reader, "AVG" if lang == "nl" else "GDPR")
    assert found, "no result"
    # "AVG" marks the word AVG, never the "a" Pagefind split it into.
    assert all(mark.casefold().strip(".,:;()") in {"avg", "gdpr"} for r in found for mark in r["marks"]), found
    labels = {w[f"search_type_{kind}"] for kind in {*PAGE_TYPES.values(), "overview", "background"}}
    for r in found:
        path = r["href"].removeprefix(url).removeprefix(f"{lang}/").split("?")[0]
        source = (path.rstrip("/") or "index") + ".md" if path.count("/") <= 1 else path.rstrip("/") + ".md"
        label = w[f"search_type_{type_of(source)}"]
        title = r["title"].removeprefix(f"{r['type']}:").strip() if r["type"] else r["title"].strip()
        if title.casefold() == label.casefold():  # "Glossary": no label that repeats the title
            assert r["type"] == "", r
            continue
        # The label reads apart from the title, in its text ("Lesson: Put …") and on its own line.
        assert r["type"] == label and r["title"].startswith(f"{label}: ") and label in labels, (r, source)
        assert r["typeDisplay"] == "block", r
    # Filter values read as words: "Lesson (1 result)", not "lesson (1)".
    reader.click(".kb-search-filters summary")
    options = reader.eval_on_selector_all("select[data-kb-facet='type'] option", "os => os.map(o => o.textContent)")
    assert len(options) > 1 and all(o[0].isupper() for o in options), options
    one, other = w["search_option_one"].split("{count}")[1], w["search_option_other"].split("{count}")[1]
    assert all(o.endswith((one, other)) for o in options[1:]), options


def test_contributor_pages_stay_out_of_a_readers_results_unless_nothing_else_matches(reader, real_site) -> None:
    from generator.words import table

    url, _ = real_site
    reader.goto(url)
    festival = results(reader, "festival")
    assert festival and not any("contributing" in r["href"] or "changes" in r["href"] for r in festival), festival
    contributors = table("en")["search_type_contributors"]
    assert contributors not in {r["type"] for r in festival}
    # Words only the contributors' guide holds still find it, labelled as such.
    yaml = results(reader, "pull request")
    assert yaml and {r["type"] for r in yaml} == {contributors}, yaml
