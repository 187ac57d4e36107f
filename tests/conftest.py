from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.records.knowledge_base import KnowledgeBase, build
from helpers import ROOT, copy_repo, mkdocs_build


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return build(ROOT / "content")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real `mkdocs build --strict` of the repository, shared by the tests that read HTML."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_repo(tmp_path / "repo")


@pytest.fixture(scope="session")
def site_url(tmp_path_factory: pytest.TempPathFactory):
    """The site built for the address it is served from, as on a real host.

    Material's instant navigation only swaps pages whose address matches the sitemap, which is
    written from site_url (host and path; the port is not rewritten), so the test build uses
    the local address.
    """
    from browser import serve
    from helpers import free_port

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    repo = copy_repo(tmp_path_factory.mktemp("served") / "repo")
    for name, address in (("mkdocs.yml", url), ("mkdocs.nl.yml", f"{url}nl/")):
        config = repo / name
        text = re.sub(r"(?m)^site_url: .*$", f"site_url: {address}", config.read_text(encoding="utf-8"))
        config.write_text(text, encoding="utf-8")
    site = repo.parent / "site"
    result = mkdocs_build(repo, site)
    assert result.returncode == 0, result.stderr
    with serve(site, port) as served:
        yield served


@pytest.fixture(scope="session")
def browser():
    from browser import CHROMIUM_FLAGS, require_browser

    executable = require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, site_url: str):
    context = browser.new_context(accept_downloads=True, base_url=site_url)
    outside: list[str] = []
    # Any request to another host is a defect: the site must not leak visitors to third parties.
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(site_url)
            else (outside.append(route.request.url), route.abort())
        ),
    )
    tab = context.new_page()
    yield tab
    context.close()
    assert outside == [], f"requests to other hosts: {outside}"
