"""What a reader's browser pays: a case page's transfer, and a search for one case, in headless
Chromium against the built site served locally (no compression, as the bytes on disk)."""

from __future__ import annotations

import gzip
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from browser import CHROMIUM_FLAGS, chromium_path, serve


@dataclass(frozen=True)
class Visit:
    page_kb: float  # everything the case page loads, before any search
    page_gz_kb: float  # the same, had the host compressed text as GitHub Pages does (gzip -6)
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
            packed: list[int] = []
            page.on("requestfinished", lambda request: loaded.append(request.sizes()["responseBodySize"]))
            page.on("response", lambda response: packed.append(_packed(response)))
            page.goto(f"cases/{case}/")
            page.wait_for_load_state("networkidle")
            page_bytes, page_gz = sum(loaded), sum(packed)
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
    return Visit(page_bytes / 1024, page_gz / 1024, search_s, search_bytes / 1024)


TEXT = ("text/", "application/javascript", "application/json", "application/xml", "image/svg")


def _packed(response: Any) -> int:  # a Playwright Response
    """The response body's size as a compressing host would send it: text gzipped, the rest as is."""
    try:
        body = response.body()
    except Exception:  # a redirect or a failed request has no body
        return 0
    kind = response.headers.get("content-type", "")
    return len(gzip.compress(body, compresslevel=6, mtime=0)) if kind.startswith(TEXT) else len(body)
