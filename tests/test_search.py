"""Search: Pagefind indexes the built editions; pages load nothing that grows with the collection."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError
from mkdocs.theme import Theme

from generator.plugin import pagefind_files, plugin, search
from generator.words import table
from helpers import ROOT, Page

THEME = Path(plugin.__file__).parent / "theme"
MATERIAL_CONFIG = '<script id="__config">{"search": "../../assets/javascripts/workers/search.a7633da7.min.js"}</script>'


def test_materials_config_asks_our_worker_and_a_missing_anchor_fails_the_build_by_name() -> None:
    assert search.our_worker(MATERIAL_CONFIG) == (
        '<script id="__config">{"search": "../../assets/javascripts/search-worker.js"}</script>'
    )
    # After a Material upgrade that renames its worker, the build stops instead of publishing a
    # site whose search quietly stays on an empty lunr index.
    with pytest.raises(PluginError, match=r"names no search worker \(assets/javascripts/workers/search"):
        plugin._search_worker('<script id="__config">{"search": "assets/javascripts/workers/lunr.js"}</script>')


def test_our_search_partial_is_materials_own_with_the_filters_added() -> None:
    # The partial is a copy (Material's documented way to change one); on an upgrade that changes
    # Material's, this fails and says to copy it again.
    import material

    theirs = (Path(material.__file__).parent / "templates/partials/search.html").read_text(encoding="utf-8")
    ours = (THEME / "partials/search.html").read_text(encoding="utf-8")

    named = " aria-label=\"{{ lang.t('search.placeholder') }}\""  # the dialog's name, ours

    ours_line = '{% include "partials/kb-search-filters.html" %}'

    def body(text: str) -> list[str]:
        lines = text.split("-#}", 1)[1].replace(named, "").splitlines()
        return [line for line in lines if ours_line not in line]

    assert sum(ours_line in line for line in ours.split("-#}", 1)[1].splitlines()) == 1
    assert body(ours) == body(theirs), "Material's partials/search.html changed: copy it into theme/ again"


def test_a_built_page_marks_what_search_indexes_and_offers_the_filters(built_site: Path) -> None:
    html = (built_site / "cases/havenplein-markt/index.html").read_text(encoding="utf-8")
    page = Page(html)
    assert '"search": "../../assets/javascripts/search-worker.js"' in html
    assert "workers/search." not in html
    # Pagefind indexes the article's content, with the page's facets as hidden filters inside it.
    body = html.index("<div data-pagefind-body>")
    assert html.index('<article class="md-content__inner md-typeset">') < body < html.index('class="kb-facets"')
    assert html.index("<h1") > body
    # Material reads its count from the results' first child and fills the list: the filters sit between.
    assert html.index("md-search-result__meta") < html.index("kb-search-filters") < html.index("<ol")
    # The script that keeps a handle on the search worker runs before Material's bundle starts it.
    assert html.index("assets/javascripts/search-filters.js") < html.index("assets/javascripts/bundle.")
    assert [a["data-kb-facet"] for tag, a in page.tags if tag == "select"][-1] == "*"


def test_the_build_indexes_each_edition_and_leaves_lunr_empty(built_site: Path) -> None:
    entry = json.loads((built_site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"en"}  # the Dutch pages have their own index, in nl/
    dutch = json.loads((built_site / "nl/pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(dutch["languages"]) == {"nl"}
    assert entry["languages"]["en"]["page_count"] == dutch["languages"]["nl"]["page_count"] > 30
    lunr = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert lunr["docs"] == []
    case = Page((built_site / "cases/havenplein-markt/index.html").read_text(encoding="utf-8"))
    facets = {a["data-pagefind-filter"] for tag, a in case.tags if a.get("data-pagefind-filter")}
    assert {"type", "country", "status", "rating-trust-and-culture"} <= facets
    dutch_case = Page((built_site / "nl/cases/havenplein-markt/index.html").read_text(encoding="utf-8"))
    assert {"type", "country", "status", "rating-trust-and-culture"} <= {
        a["data-pagefind-filter"] for tag, a in dutch_case.tags if a.get("data-pagefind-filter")
    }
    assert (built_site / "assets/javascripts/search-worker.js").is_file()


def _bundle(folder: Path, values: list) -> Path:
    (folder / "filter").mkdir(parents=True)
    (folder / "filter/en_1234567.pf_filter").write_bytes(pagefind_files.pack(["Country", values]))
    meta = ["1.5.2", [["en_abcdef0", 12]], [["0", "z", "en_7654321"]], [["Country", "en_1234567"]], [], ["title"]]
    (folder / "pagefind.en_0123456789.pf_meta").write_bytes(pagefind_files.pack(meta))
    entry = {"version": "1.5.2", "languages": {"en": {"hash": "en_0123456789", "wasm": "en", "page_count": 2}}}
    (folder / "pagefind-entry.json").write_text(json.dumps(entry))
    (folder / "pagefind-ui.js").write_text("unused")
    return folder


def test_a_pagefind_bundle_is_the_same_bytes_whatever_order_pagefind_wrote_its_filters_in(tmp_path: Path) -> None:
    one = _bundle(tmp_path / "one", [["Netherlands", [0, 1]], ["Belgium", [2]]])
    two = _bundle(tmp_path / "two", [["Belgium", [2]], ["Netherlands", [0, 1]]])
    for bundle in (one, two):
        pagefind_files.canonicalize(bundle)
    files = {p.relative_to(one): p.read_bytes() for p in sorted(one.rglob("*")) if p.is_file()}
    assert files == {p.relative_to(two): p.read_bytes() for p in sorted(two.rglob("*")) if p.is_file()}
    # The entry names the new meta file, the meta file the new filter file, which reads in order.
    entry = json.loads((one / "pagefind-entry.json").read_text())
    meta = pagefind_files.read(one / f"pagefind.{entry['languages']['en']['hash']}.pf_meta")
    [[name, stem]] = meta[3]
    assert name == "Country" and meta[2] == [["0", "z", "en_7654321"]]  # the rest kept
    assert pagefind_files.read(one / f"filter/{stem}.pf_filter") == [
        "Country",
        [["Belgium", [2]], ["Netherlands", [0, 1]]],
    ]
    assert not (one / "pagefind-ui.js").exists()


def test_a_pagefind_file_in_an_unknown_format_is_a_clear_error(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path / "b", [])
    (bundle / "pagefind.en_0123456789.pf_meta").write_bytes(pagefind_files.pack(["2.0", []]))
    with pytest.raises(pagefind_files.FormatError, match=r"not a Pagefind 1\.5 meta file"):
        pagefind_files.canonicalize(bundle)
    (bundle / "pagefind.en_0123456789.pf_meta").write_bytes(b"")
    with pytest.raises(pagefind_files.FormatError, match="does not start with"):
        pagefind_files.canonicalize(bundle)


def _filters_partial(extra: dict) -> str:
    """Our search filters' partial, rendered as MkDocs renders the theme (its environment escapes
    nothing by itself) for a config whose ``extra`` is ``extra``."""
    theme = Theme(name="material")
    theme.dirs.insert(0, str(THEME))
    return theme.get_env().get_template("partials/kb-search-filters.html").render(config={"extra": extra})


def test_the_search_filters_are_text() -> None:
    hostile = {
        "label": "<b>Filter</b>",
        "any": "Alle",
        "count": "{total} <u>",
        "fields": [{"label": "Land <i>", "facet": 'x" onclick="y'}, {"label": "Oordeel", "facet": "*"}],
        "facet_names": {"rating-x": "</details><script>alert('x')</script>", "country": "Één & één"},
    }
    page = Page(_filters_partial({"kb": {"search_filters": hostile}}))
    assert not {"b", "i", "u", "script"} & {tag for tag, _ in page.tags}
    assert [a["data-kb-facet"] for tag, a in page.tags if tag == "select"] == ['x" onclick="y', "*"]
    [details] = [a for tag, a in page.tags if tag == "details"]
    assert details["data-kb-count"] == "{total} <u>"  # search-filters.js reads these as the words they are
    assert json.loads(details["data-kb-facet-names"]) == hostile["facet_names"]


def test_the_search_filters_show_the_editions_words_and_facet_keys_and_nothing_without_the_plugin() -> None:
    names = {"type": "Soort", "rating-trust-and-culture": "Vertrouwen en cultuur"}
    page = Page(_filters_partial({"kb": {"search_filters": search.filters("nl", names)}}))
    w = table("nl")
    assert [a["data-kb-facet"] for tag, a in page.tags if tag == "select"] == ["type", "country", "status", "*"]
    labels = [w["facet_type"], w["country"], w["status"], w["search_rating"]]
    assert page.text.strip() == " ".join([w["search_filters"], *(f"{label} {w['search_any']}" for label in labels)])
    [details] = [a for tag, a in page.tags if tag == "details"]
    assert json.loads(details["data-kb-facet-names"]) == names
    assert details["data-kb-count"] == w["search_count"]
    assert _filters_partial({}).strip() == ""  # the plugin turned off: Material's results alone


def test_pagefind_output_without_its_page_count_is_an_error_not_a_silent_zero() -> None:
    assert search.indexed_count("Running Pagefind\nIndexed 52 pages\nIndexed 1 language") == 52
    with pytest.raises(search.SearchIndexError, match="no longer says 'Indexed N pages'"):
        search.indexed_count("Running Pagefind v2\n52 documents written")


def test_search_excerpts_never_hold_the_hidden_filter_words(built_site: Path) -> None:
    import gzip
    import re

    for folder in ("", "nl/"):
        fragments = {}
        for path in (built_site / folder / "pagefind/fragment").glob("*.pf_fragment"):
            data = json.loads(gzip.decompress(path.read_bytes())[len(pagefind_files.SIGNATURE) :])
            fragments[data["url"]] = data
        checked = 0
        for url, data in fragments.items():
            assert data["filters"], url  # every page keeps its facets as filters
            page = (built_site / folder / url.lstrip("/").removeprefix(folder) / "index.html").read_text(
                encoding="utf-8"
            )
            hidden = re.search(r'<div hidden class="kb-facets"[^>]*>(.*?)</div>', page)
            assert hidden, url
            words = re.findall(r">([^<]+)</span>", hidden[1])
            if len(words) > 1:
                checked += 1
                assert "".join(words) not in data["content"] and " ".join(words) not in data["content"], url
        assert checked > 0


def test_search_excerpts_leave_out_the_page_furniture(built_site: Path) -> None:
    """A reader's result read "Stel een correctie voor · Wijzigingsgeschiedenis…" and "… [Bron 1]":
    the citation box, the page's links and the source marks are the same on every page."""
    import gzip

    for folder, words in (("", table("en")), ("nl/", table("nl"))):
        case = None
        for path in (built_site / folder / "pagefind/fragment").glob("*.pf_fragment"):
            data = json.loads(gzip.decompress(path.read_bytes())[len(pagefind_files.SIGNATURE) :])
            content = data["content"]
            assert words["suggested_citation"] not in content, data["url"]
            assert words["stable_address"] not in content, data["url"]
            assert not re.search(r"\[\d+(, \d+)*\]", content), data["url"]
            if data["url"].endswith("/cases/harbour-lights-festival/"):
                case = content
        # The page's own words, and its readers' keywords (hidden from sight), are still indexed.
        assert case is not None and ("boat parade" if not folder else "havenfeest") in case


def test_a_records_keywords_are_hidden_from_sight_but_in_the_page(built_site: Path) -> None:
    css = (ROOT / "docs/assets/stylesheets/kb.css").read_text(encoding="utf-8")
    rule = re.search(r"\n\.kb-keywords \{([^}]*)\}", css)
    assert rule and "clip: rect(0 0 0 0)" in rule[1] and "height: 1px" in rule[1], (
        "kb.css: .kb-keywords visually hidden"
    )
    html = (built_site / "cases/harbour-lights-festival/index.html").read_text(encoding="utf-8")
    assert re.search(r'<p class="kb-keywords" aria-hidden="true" data-pagefind-weight="[\d.]+">', html)


def test_contributor_pages_weigh_less_in_search_than_reader_pages(built_site: Path) -> None:
    from generator.pages.facets import CONTRIBUTORS, PAGE_TYPES
    from generator.plugin.search import CONTRIBUTOR_WEIGHT

    FOR_CONTRIBUTORS = {f"{page}.md" for page, kind in PAGE_TYPES.items() if kind == CONTRIBUTORS}

    assert 0 < CONTRIBUTOR_WEIGHT < 1
    for folder in ("", "nl/"):
        for html in (built_site / folder).rglob("index.html"):
            relative = html.relative_to(built_site / folder).parent.as_posix()
            if folder == "" and relative.startswith("nl"):
                continue
            text = html.read_text(encoding="utf-8")
            if "data-pagefind-body" not in text:
                continue
            weighted = f'<div data-pagefind-body data-pagefind-weight="{CONTRIBUTOR_WEIGHT}">' in text
            assert weighted == (f"{relative}.md" in FOR_CONTRIBUTORS), relative


def test_the_titles_list_passes_over_a_page_removed_while_it_is_read(tmp_path: Path) -> None:
    # A live preview indexes while the next build may remove pages: such a page is left out.
    (tmp_path / "kept").mkdir()
    (tmp_path / "kept/index.html").write_text(
        '<div data-pagefind-body><h1 id="k">Kept &amp; shown<a class="headerlink" href="#k">¶</a></h1></div>',
        encoding="utf-8",
    )
    (tmp_path / "gone").mkdir()
    (tmp_path / "gone/index.html").symlink_to(tmp_path / "nowhere.html")  # listed, but reading fails
    assert search.page_titles(tmp_path) == [["Kept & shown", "kept/"]]


def test_the_titles_list_passes_over_a_folder_removed_while_it_is_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The next build may remove a whole folder between its listing and its reading (CI met it once).
    for name in ("kept", "gone"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text(
            f'<div data-pagefind-body><h1 id="x">{name}</h1></div>', encoding="utf-8"
        )
    listed = os.scandir

    def vanishing(path):  # type: ignore[no-untyped-def]
        if Path(path).name == "gone":
            raise FileNotFoundError(2, "No such file or directory", str(path))
        return listed(path)

    monkeypatch.setattr(os, "scandir", vanishing)
    assert search.page_titles(tmp_path) == [["kept", "kept/"]]
    monkeypatch.setattr(search, "_html_files", lambda site_dir, skip: sorted(site_dir.rglob("*.html")))
    with pytest.raises(FileNotFoundError):  # the walk the titles list had before: the preview's thread died
        search.page_titles(tmp_path)


def test_a_criterion_title_with_colon_ampersand_and_apostrophe_keeps_its_rating_filter(tmp_path: Path) -> None:
    """Facets are keyed by id and named by title: Pagefind split a key at ':' and kept its entities."""
    import gzip

    from helpers import copy_repo, mkdocs_build

    repo = copy_repo(tmp_path / "repo")
    criterion = repo / "content/criteria/trust-and-culture.yaml"
    title = "Trust & the 'culture': shared"
    text = criterion.read_text(encoding="utf-8")
    criterion.write_text(re.sub(r"(?m)^title: .*$", f'title: {{en: "{title}", nl: "{title}"}}', text, count=1))
    site = tmp_path / "site"
    result = mkdocs_build(repo, site)
    assert result.returncode == 0, result.stderr[-2000:]
    filters: dict[str, set[str]] = {}
    for path in (site / "pagefind/fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(path.read_bytes())[len(pagefind_files.SIGNATURE) :])
        for key, values in data["filters"].items():
            filters.setdefault(key, set()).update(values)
    assert filters["rating-trust-and-culture"] >= {"Present"}, filters
    assert not [key for key in filters if "&" in key or "'" in key or ":" in key]
    page = (site / "comparison/index.html").read_text(encoding="utf-8")
    [details] = [a for tag, a in Page(page).tags if tag == "details" and "data-kb-facet-names" in a]
    names = json.loads(details["data-kb-facet-names"] or "")
    assert names["rating-trust-and-culture"] == title and names["type"] == "Type"


def test_keywords_are_plain_words_each_listed_once() -> None:
    from pydantic import ValidationError

    from generator.records.models import Term

    base = {"id": "covenant", "term": "covenant", "definition": "An agreement.", "cite": [{"source": "s"}]}
    term = Term.model_validate(
        {**base, "keywords": {"en": ["agreement", "memorandum of understanding"], "nl": ["AVG"]}}
    )
    assert term.keywords["nl"] == ["AVG"]
    for wrong in (["agreement", "Agreement"], ["<b>x</b>"], ["a, b"], ["GDPR!"], [""]):
        with pytest.raises(ValidationError):
            Term.model_validate({**base, "keywords": {"en": wrong}})
    with pytest.raises(ValidationError):
        Term.model_validate({**base, "keywords": {"de": ["Vertrag"]}})


def test_every_page_has_a_kind_in_readers_words_and_new_kinds_need_one_row() -> None:
    from generator.pages.facets import CONTRIBUTORS, PAGE_TYPES, type_of
    from generator.records.models import TYPES

    # A record kind with pages of its own is named by the map, not by a fallback.
    assert all(t.folder in PAGE_TYPES for t in TYPES if t.own_pages)
    assert type_of("cases/johan-cruijff-arena.md") == "case"
    assert type_of("cases/index.md") == type_of("index.md") == "overview"
    assert type_of("roles/coordinator.md") == "role" and type_of("path.md") == "step"
    assert type_of("checklists/all.md") == "checklist" and type_of("study.md") == "background"
    assert {type_of(p) for p in ("contributing.md", "changes.md", "data.md")} == {CONTRIBUTORS}
    for lang in ("en", "nl"):
        words = table(lang)
        labels = [words[f"search_type_{kind}"] for kind in {*PAGE_TYPES.values(), "overview", "background"}]
        assert all(label[0].isupper() for label in labels) and len(set(labels)) == len(labels), labels


def test_a_records_keywords_are_indexed_with_its_page_below_its_own_words(built_site: Path) -> None:
    for folder, words, label in (("", "boat parade", "Case"), ("nl/", "havenfeest", "Casus")):
        page = Page((built_site / folder / "cases/harbour-lights-festival/index.html").read_text(encoding="utf-8"))
        [line] = [a for tag, a in page.tags if tag == "p" and a.get("class") == "kb-keywords"]
        assert 0 < float(line["data-pagefind-weight"] or "") < 1
        assert words in page.text
        types = [a for tag, a in page.tags if a.get("data-pagefind-filter") == "type"]
        assert len(types) == 1
        html = (built_site / folder / "cases/harbour-lights-festival/index.html").read_text(encoding="utf-8")
        assert f'<span data-pagefind-filter="type">{label}</span>' in html
    # A record without a page of its own lends its words to the page that lists it.
    glossary = (built_site / "glossary/index.html").read_text(encoding="utf-8")
    assert "memorandum of understanding" in glossary
    contributing = (built_site / "contributing/index.html").read_text(encoding="utf-8")
    assert f'<span data-pagefind-filter="type">{table("en")["search_type_contributors"]}</span>' in contributing


def test_a_quoted_passages_excerpt_holds_neither_the_toggle_nor_the_hidden_original(built_site: Path) -> None:
    """A Dutch result read "… trekker eigen vertalingEigen vertaling …" and the English words behind
    the toggle; a yardstick's read "op basis van de bronnen )" where its mark was left out."""
    import gzip

    words = table("nl")
    badge = words["quote_our_translation"].replace(" ", "")
    checked = 0
    for path in (built_site / "nl/pagefind/fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(path.read_bytes())[len(pagefind_files.SIGNATURE) :])
        content, url = data["content"], data["url"]
        page = built_site / "nl" / url.lstrip("/").removeprefix("nl/") / "index.html"
        if 'class="kb-original"' in (page.read_text(encoding="utf-8") if page.exists() else ""):
            checked += 1
        assert (badge + badge).lower() not in content.lower().replace(" ", ""), url  # "eigen vertalingEigen …"
        assert words["quote_original_en"] + ":" not in content, url
        assert " )" not in content, url
    assert checked > 0
