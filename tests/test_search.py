"""Search: Pagefind indexes the built editions; pages load nothing that grows with the collection."""

from __future__ import annotations

import json
from pathlib import Path

from generator.search import decorate_page
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
    assert set(entry["languages"]) == {"en", "nl"}  # the English build indexes the Dutch pages apart
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
