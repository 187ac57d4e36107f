"""Search: Pagefind indexes the built editions; pages load nothing that grows with the collection."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.site import pagefind_files
from generator.site.search import decorate_page, filter_group
from helpers import Page

MATERIAL = (
    '<script id="__config" type="application/json">{"search": "../../assets/javascripts/workers/'
    'search.a7633da7.min.js"}</script><article class="md-content__inner md-typeset"><h1>x</h1></article>'
)


def test_a_page_asks_the_pagefind_worker_and_marks_its_article_and_facets() -> None:
    html = decorate_page(MATERIAL, {"Country": ['<img src=x onerror=alert(1)>"'], "Type": ["case"]})
    assert '"search": "../../assets/javascripts/search-worker.js"' in html
    assert '<article class="md-content__inner md-typeset" data-pagefind-body><div hidden class="kb-facets">' in html
    page = Page(html)
    assert not any(tag == "img" for tag, _ in page.tags)  # a facet value is text
    filters = [a["data-pagefind-filter"] for tag, a in page.tags if a.get("data-pagefind-filter")]
    assert filters == ["Country", "Type"]
    assert decorate_page(MATERIAL, {}).count("kb-facets") == 0


def test_the_build_indexes_each_edition_and_leaves_lunr_empty(built_site: Path) -> None:
    entry = json.loads((built_site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"en"}  # the Dutch pages have their own index, in nl/
    dutch = json.loads((built_site / "nl/pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(dutch["languages"]) == {"nl"}
    assert entry["languages"]["en"]["page_count"] == dutch["languages"]["nl"]["page_count"] > 40
    lunr = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert lunr["docs"] == []
    case = Page((built_site / "cases/johan-cruijff-arena/index.html").read_text(encoding="utf-8"))
    facets = {a["data-pagefind-filter"] for tag, a in case.tags if a.get("data-pagefind-filter")}
    assert {"Type", "Country", "Status", "Cultural characteristics"} <= facets
    dutch_case = Page((built_site / "nl/cases/johan-cruijff-arena/index.html").read_text(encoding="utf-8"))
    assert {"Soort", "Land", "Status", "Culturele kenmerken"} <= {
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


def test_the_search_filters_are_text_and_sit_between_materials_count_and_results() -> None:
    material = (
        '<div class="md-search-result" data-md-component="search-result"><div class="md-search-result__meta">'
        '</div><ol class="md-search-result__list" role="presentation"></ol></div>'
        '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
    )
    group = filter_group("<b>Filter</b>", [("Land <i>", 'x" onclick="y'), ("Oordeel", "*")], "Alle", "{total} <u>")
    html = decorate_page(material, {}, group)
    page = Page(html)
    assert not {"b", "i", "u"} & {tag for tag, _ in page.tags}
    assert [a["data-kb-facet"] for tag, a in page.tags if tag == "select"] == ['x" onclick="y', "*"]
    # Material reads its count from the results' first child and fills the list: the filters sit between.
    assert html.index("md-search-result__meta") < html.index("kb-search-filters") < html.index("<ol")
    # The script that keeps a handle on the search worker runs before Material's bundle starts it.
    assert html.index("assets/javascripts/search-filters.js") < html.index("bundle.a5f9d56c")
