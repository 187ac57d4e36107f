"""What every page has around its content, in a real browser: the 404 in the reader's edition as
GitHub Pages serves it, no empty band under the title, and type that reads on paper."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from browser import _Quiet
from generator.words import table
from helpers import BUILT_ON, commit_all, copy_repo_for, free_port, mkdocs_build

pytestmark = [pytest.mark.browser]

EDITIONS = {"en": "", "nl": "nl/"}
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}


class _AsGitHubPages(_Quiet):
    """Any missing address gets the site root's 404.html with status 404, as on GitHub Pages."""

    not_found: Path

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            return super().send_error(code, message, explain)
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def pages_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site built for and served at http://127.0.0.1:<port>/knowledge-base/, as on GitHub Pages."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/knowledge-base/"
    repo = copy_repo_for(tmp_path_factory.mktemp("pages") / "repo", url)
    commit_all(repo, "records", BUILT_ON)
    root = repo.parent / "root"
    result = mkdocs_build(repo, root / "knowledge-base")
    assert result.returncode == 0, result.stderr
    handler = type("Handler", (_AsGitHubPages,), {"not_found": root / "knowledge-base" / "404.html"})
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    ("path", "lang"), [("nl/geen-pagina/", "nl"), ("nl/cases/bestaat-niet/", "nl"), ("nope/", "en")]
)
def test_a_missed_address_gets_the_404_of_its_edition(browser, pages_site: str, path: str, lang: str) -> None:
    context = browser.new_context()
    tab = context.new_page()
    response = tab.goto(pages_site + path)
    assert response is not None and response.status == 404
    tab.wait_for_selector("article h1")
    assert tab.evaluate("document.documentElement.lang") == lang
    assert tab.inner_text("article h1") == table(lang)["not_found_title"]
    assert table(lang)["not_found_text"] in tab.inner_text("article")
    assert tab.url == pages_site + path  # the reader's address stays in the address bar
    # The theme runs once, on the page that stays: its search box works in the edition's language.
    assert tab.evaluate("document.querySelectorAll('.md-search__input').length") == 1
    context.close()


def test_without_scripts_a_missed_dutch_address_gets_the_english_404(browser, pages_site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(pages_site + "nl/geen-pagina/")
    assert tab.evaluate("document.documentElement.lang") == "en"
    assert tab.inner_text("article h1") == table("en")["not_found_title"]
    context.close()


# The band under the title: Material's 40 px under an h1, and the title's hidden permalink mark
# wrapping onto a line of its own beside the language switch (84 px on the Dutch case page).
TITLE_GAP = """() => {
  const h1 = document.querySelector('article h1');
  const text = document.createRange();
  text.setStart(h1, 0);
  const mark = h1.querySelector('.headerlink');
  if (mark) text.setEndBefore(mark); else text.setEnd(h1, h1.childNodes.length);
  let next = h1.nextElementSibling;
  while (next && next.getBoundingClientRect().height === 0) next = next.nextElementSibling;
  return next.getBoundingClientRect().top - text.getBoundingClientRect().bottom;
}"""


SWITCH_ON_TOP = """() => {
  const link = document.querySelector('.kb-lang__link');
  const box = link.getBoundingClientRect();
  return link.contains(document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2));
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("path", ["", "cases/havenplein-markt/", "lessons/meet-at-fixed-times/"])
def test_no_empty_band_under_the_title(page, edition: str, path: str, viewport: dict[str, int]) -> None:
    page.set_viewport_size(viewport)
    page.goto(EDITIONS[edition] + path)
    gap = page.evaluate(TITLE_GAP)
    assert gap <= 32, f"{gap:.0f} px between the title's last line and what follows"
    # The language switch beside the title stays on top, to be tapped.
    assert page.evaluate(SWITCH_ON_TOP), "the title covers the language switch"


# The smallest font size (in points) among the visible running text and among the table cells.
PRINT_SIZES = """() => {
  const shown = e => e.getClientRects().length > 0 && e.textContent.trim() !== '';
  const pt = e => parseFloat(getComputedStyle(e).fontSize) * 0.75;
  const smallest = list => list.length ? Math.min(...list.map(pt)) : null;
  const body = [...document.querySelectorAll('article p, article li')].filter(e => shown(e) && !e.closest('td, th'));
  const cells = [...document.querySelectorAll('article td, article th')].filter(shown);
  return {body: smallest(body), cells: smallest(cells)};
}"""


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("path", ["cases/havenplein-markt/", "checklists/all/"])
def test_printed_text_is_at_least_10_pt_and_table_cells_9_pt(page, edition: str, path: str) -> None:
    page.goto(EDITIONS[edition] + path)
    page.emulate_media(media="print")
    sizes = page.evaluate(PRINT_SIZES)
    assert sizes["body"] is not None and sizes["body"] >= 10 - 0.01, sizes
    assert sizes["cells"] is None or sizes["cells"] >= 9 - 0.01, sizes
    if path.startswith("cases/"):
        assert sizes["cells"] is not None  # the case page has tables: they are measured


# The words of the page title that the browser broke across two lines.
BROKEN_WORDS = """() => {
  const h1 = document.querySelector('article h1');
  const broken = [];
  const walk = document.createTreeWalker(h1, NodeFilter.SHOW_TEXT);
  for (let node = walk.nextNode(); node; node = walk.nextNode()) {
    if (node.parentElement.closest('.headerlink')) continue;
    for (const m of node.textContent.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      if (tops.size > 1) broken.push(m[0]);
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize(
    "path", ["cases/havenplein-markt/", "cases/harbour-lights-festival/", "lessons/meet-at-fixed-times/"]
)
def test_no_word_of_a_title_is_broken_on_a_phone(page, edition: str, path: str) -> None:
    """The Dutch case title broke inside "Veiligheidsoverleg" beside the language switch."""
    page.set_viewport_size(PHONE)
    page.goto(EDITIONS[edition] + path)
    assert page.evaluate(BROKEN_WORDS) == []
    assert page.evaluate(SWITCH_ON_TOP), "the title covers the language switch"
