"""What a reader's browser pays: a case page's transfer, and a search for one case, in headless
Chromium against the built site served locally (no compression, as the bytes on disk)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from browser import CHROMIUM_FLAGS, chromium_path, serve


@dataclass(frozen=True)
class Visit:
    page_kb: float  # everything the case page loads, before any search
    search_s: float  # from the first key typed to the case's result shown
    search_kb: float  # everything the search loads


def available() -> bool:
    """Whether Chromium is here for the browser figures."""
    return chromium_path() is not None


def visit(site: Path, case: str, query: str) -> Visit:
    """Open ``cases/<case>/`` in a fresh browser (empty cache), then search ``query`` and wait
    for the result that links to that case."""
    executable = chromium_path()
    assert executable, "the caller checks available() first"
    from playwright.sync_api import sync_playwright

    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS, headless=True)
        try:
            context = browser.new_context(base_url=url)
            page = context.new_page()
            loaded: list[int] = []
            page.on("requestfinished", lambda request: loaded.append(request.sizes()["responseBodySize"]))
            page.goto(f"cases/{case}/")
            page.wait_for_load_state("networkidle")
            page_bytes = sum(loaded)
            loaded.clear()
            page.focus(".md-search__input")
            started = time.perf_counter()
            page.keyboard.type(query)
            page.wait_for_selector(f".md-search-result__item a[href*='cases/{case}/']", timeout=60_000)
            search_s = time.perf_counter() - started
            page.wait_for_load_state("networkidle")
            search_bytes = sum(loaded)
            context.close()
        finally:
            browser.close()
    return Visit(page_bytes / 1024, search_s, search_bytes / 1024)
