"""Each edition gives the evidence in its own language (issue 33): a quote in another language than
the page's shows this knowledge base's rendering first, marked as its translation, with the verbatim
words one tap away (a closed <details>, lang on each). Every quote has a rendering in each edition's
language it is not written in, or `validate` warns at file:line:field (as for an untranslated
text: a contributor writing one language is not stopped, and the page shows the original, marked);
every section has a name, or `validate` fails.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.pages.notes import quote_html
from generator.pages.render import render_site
from generator.records.knowledge_base import KnowledgeBase, build
from generator.records.models import Source
from generator.records.problems import ContentError
from generator.records.refs import citations
from generator.words import edition, table
from helpers import page_markdown


def _line(path: Path, start: str) -> int:
    return next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text.startswith(start))


def _problems(repo: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        build(repo / "content")
    return [p.text() for p in caught.value.problems]


def _warnings(repo: Path) -> list[str]:
    return [p.text() for p in build(repo / "content").warnings]


def test_a_quote_without_a_rendering_warns_at_its_file_line_and_field_and_shows_the_original(repo: Path) -> None:
    criterion = repo / "content/criteria/trust-and-culture.yaml"
    text = criterion.read_text(encoding="utf-8")
    rendering = '      translation: {nl: "het groeit doordat men elkaar regelmatig ziet"}\n'
    assert rendering in text
    criterion.write_text(text.replace(rendering, ""), encoding="utf-8")
    at = _line(criterion, "      quote: it grows from meeting regularly")
    assert (
        f"content/criteria/trust-and-culture.yaml:{at}:7: warning: literature.cite[0].quote: the quote 'it grows "
        "from meeting regularly' is English and has no Dutch rendering for the Dutch edition (add translation: "
        "{nl: ...} beside quote: the same words in plain Dutch, which the page marks as this knowledge base's "
        "translation)"
    ) in _warnings(repo)
    with edition("nl"):
        assert quote_html("it grows from meeting regularly", "en") == '<q lang="en">it grows from meeting regularly</q>'


def test_a_dutch_quote_needs_an_english_rendering_and_a_rendering_needs_a_quote(repo: Path) -> None:
    festival = repo / "content/cases/harbour-lights-festival.yaml"
    text = festival.read_text(encoding="utf-8")
    rendering = '        translation: {en: "The foundation is the driver of the meetings."}\n'
    assert rendering in text
    festival.write_text(text.replace(rendering, ""), encoding="utf-8")
    warnings = _warnings(repo)
    museum = repo / "content/cases/old-mill-museum.yaml"
    text = museum.read_text(encoding="utf-8")
    quote = "      quote: it was screened out because its partners had stopped meeting\n"
    assert quote in text
    museum.write_text(text.replace(quote, ""), encoding="utf-8")
    problems = _problems(repo)
    assert any(
        p.startswith(f"content/cases/harbour-lights-festival.yaml:{_line(festival, '        quote: De stichting')}:")
        and "parties[0].cite[0].quote: the quote 'De stichting is de trekker van het overleg.' is Dutch and has "
        "no English rendering for the English edition"
        in p
        for p in warnings
    ), warnings
    assert any(
        "content/cases/old-mill-museum.yaml" in p and "translation: a translation renders the quote beside it" in p
        for p in problems
    ), problems


def test_a_section_without_a_name_in_an_editions_language_warns(repo: Path) -> None:
    source = repo / "content/sources/hollis-2021.yaml"
    text = source.read_text(encoding="utf-8")
    named = "  Agreements: {nl: Afspraken}\n"
    assert named in text
    source.write_text(text.replace(named, ""), encoding="utf-8")
    at = _line(source, "  - Agreements")
    assert (
        f"content/sources/hollis-2021.yaml:{at}:5: warning: sections[2]: section 'Agreements' has no Dutch name for "
        "the Dutch edition (add it under section_names: 'Agreements': {nl: ...})"
    ) in _warnings(repo)


def test_a_section_is_named_in_the_editions_words_and_keeps_its_heading_as_the_key() -> None:
    source = Source(
        id="s", cited_as="S", language="en", sections=["Problem"], section_names={"Problem": {"nl": "Probleem"}}
    )
    assert source.section_name("Problem", "nl") == ("Probleem", "nl")
    assert source.section_name("Problem", "en") == ("Problem", "en")


def test_a_rendering_comes_first_marked_as_ours_with_the_original_behind_it() -> None:
    with edition("nl"):
        html = quote_html("This holds less true.", "en", "Dit geldt minder.")
        words = table()
    assert html.startswith(
        '<q lang="nl" class="kb-rendering">Dit geldt minder.</q> <details class="kb-original" data-pagefind-ignore>'
    )
    assert "<details open" not in html  # the original waits for a tap
    assert f'<span aria-hidden="true">{words["quote_our_translation"]}</span>' in html
    assert f'title="{words["quote_translation_title_en"]}"' in html
    assert html.endswith(f'{words["quote_original_en"]}: <q lang="en">This holds less true.</q></span></details>')
    with edition("en"):
        assert quote_html("This holds less true.", "en") == "<q>This holds less true.</q>"  # the original only
        assert quote_html("Whelan 2011", "en") == "<q>Whelan 2011</q>"
    with edition("nl"):  # a name, or a title kept in English, reads the same: nothing to mark as translated
        assert quote_html("Whelan 2011", "en", "Whelan 2011") == '<q lang="en">Whelan 2011</q>'


def test_a_quote_within_a_quote_takes_the_editions_inner_marks_and_an_apostrophe_stays() -> None:
    """Read 2: ‘‘geven en nemen’ staat centraal …’ read as two openings; on a Dutch page, where every
    <q> takes ‘…’ (also an English original, read 12), the inner pair is “…”. Read 11: on an English
    page, inside “…”, it is ‘…’, not “… “language””."""
    with edition("nl"):
        html = quote_html("'give and take' is central to each other's work", "en", "‘geven en nemen’ staat centraal")
    assert '<q lang="nl" class="kb-rendering">“geven en nemen” staat centraal</q>' in html
    assert '<q lang="en">“give and take” is central to each other&#x27;s work</q>' in html or (
        '<q lang="en">“give and take” is central to each other\'s work</q>' in html
    )
    with edition("en"):
        assert quote_html("views and 'language' as a result", "en") == "<q>views and ‘language’ as a result</q>"


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["", "nl/"])
def test_the_browser_draws_every_quote_in_the_pages_marks(page, lang: str) -> None:
    """What nested() rests on: the outer marks of a <q> are the page's, also for an English
    original on a Dutch page (kb.css). Were they the quote's own, its inner marks would double up."""
    page.goto(lang + "cases/havenplein-markt/")
    marks = page.evaluate("() => [...document.querySelectorAll('article q')].map(q => getComputedStyle(q).quotes)")
    assert page.locator('article q[lang="en"]').count() if lang else True, "an English original on the Dutch page"
    assert marks and set(marks) == ({'"“" "”" "‘" "’"'} if not lang else {'"‘" "’" "“" "”"'}), set(marks)


def test_the_dutch_case_page_quotes_each_rating_in_dutch_first(kb: KnowledgeBase) -> None:
    case = kb.case("havenplein-markt")
    site = render_site(kb, lang="nl")
    page = page_markdown(site, f"cases/{case.id}.md")
    quoted = [c for _, c in citations(case) if c.quote and kb.source(c.source).quote_language(c.section) == "en"]
    assert quoted
    for c in quoted:
        assert f'<q lang="nl" class="kb-rendering">{c.translation["nl"]}</q>' in page, c.quote
        assert f'<q lang="en">{c.quote}</q>' in page, c.quote
        assert page.index(c.translation["nl"]) < page.index(c.quote)


class _Quotes(HTMLParser):
    """Every <q> of a page: its language (its own lang or the nearest above it), whether it stands in
    a translation's original (details.kb-original, and whether that is open), and the quote before it."""

    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str | None, bool, bool]] = []  # tag, lang, a kb-original, open
        self.quotes: list[dict[str, object]] = []
        self.last: dict[str, object] | None = None  # the last quote outside an original

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        a = dict(attrs)
        original = tag == "details" and "kb-original" in (a.get("class") or "").split()
        self.stack.append((tag, a.get("lang"), original, "open" in a))
        if tag == "q":
            lang = next(lang for _, lang, _, _ in reversed(self.stack) if lang)
            behind = [e for e in self.stack if e[2]]
            entry = {"lang": lang, "original": bool(behind), "open": any(e[3] for e in behind), "before": self.last}
            entry["class"] = a.get("class") or ""
            self.quotes.append(entry)
            if not behind:
                self.last = entry

    def handle_endtag(self, tag: str) -> None:
        if any(open_tag == tag for open_tag, *_ in self.stack):  # an end tag with no start tag closes nothing
            while self.stack.pop()[0] != tag:
                pass


def _quotes(html: str) -> list[dict[str, object]]:
    parser = _Quotes()
    parser.feed(html)
    return parser.quotes


@pytest.mark.parametrize(("lang", "folder"), [("nl", "nl/"), ("en", "")])
def test_no_quote_shows_in_another_language_first_on_any_page(built_site: Path, lang: str, folder: str) -> None:
    """Over every page of an edition: each quote shown is in the edition's language; each original in
    another language stands in a closed kb-original right behind the rendering, with its own lang."""
    pages = [p for p in built_site.glob(f"{folder}**/index.html") if lang == "nl" or "nl" not in p.parts]
    shown, behind, wrong = 0, 0, []
    for path in pages:
        for q in _quotes(path.read_text(encoding="utf-8")):
            where = path.relative_to(built_site).as_posix()
            if not q["original"]:
                shown += 1
                if q["lang"] != lang:
                    wrong.append((where, "shown in", q["lang"]))
                continue
            behind += 1
            before = q["before"]
            if q["lang"] == lang or q["open"]:
                wrong.append((where, "original", q["lang"], "open" if q["open"] else "closed"))
            if not isinstance(before, dict) or "kb-rendering" not in str(before["class"]) or before["lang"] != lang:
                wrong.append((where, "original without a rendering before it"))
    assert wrong == []
    assert shown and behind  # the corpus quotes in both languages, so each edition has originals behind


def test_dutch_pages_name_the_sections_in_dutch(built_site: Path, kb: KnowledgeBase) -> None:
    source = kb.source("riverside-study")
    html = (built_site / "nl/cases/riverside-stadium/index.html").read_text(encoding="utf-8")
    notes = html[html.index('<ol class="kb-notes">') :]
    notes = notes[: notes.index("</ol>")]
    assert "Bevindingen › Riverside Stadium" in notes
    assert "Findings › Riverside Stadium" not in notes
    listing = (built_site / f"nl/sources/{source.id}/index.html").read_text(encoding="utf-8")
    heading = '<span lang="en">Findings › Havenplein Market</span>'
    assert f"Bevindingen › Havenpleinmarkt (in de bron: {heading})" in listing
    english = (built_site / "cases/riverside-stadium/index.html").read_text(encoding="utf-8")
    assert "Findings › Riverside Stadium" in english


PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}
# Every quote the reader sees, with the language it is marked in (its own, or the nearest above it).
VISIBLE_QUOTES = """() => [...document.querySelectorAll('article q')].filter(q => q.getClientRects().length)
  .map(q => ({lang: q.closest('[lang]').lang, text: q.textContent}))"""
# Each translation mark, scrolled to the middle: its box, and whether a tap on its centre reaches it.
MARKS = """() => [...document.querySelectorAll('article details.kb-original > summary')].map(s => {
  s.scrollIntoView({block: 'center'});
  const box = s.getBoundingClientRect();
  const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
  return {width: box.width, height: box.height, own: !!hit && hit.closest('summary') === s};
})"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_dutch_case_page_shows_its_evidence_in_dutch_and_the_english_one_tap_away(
    page, kb: KnowledgeBase, viewport: dict[str, int]
) -> None:
    from playwright.sync_api import expect

    case = kb.case("havenplein-markt")
    english = {c.quote for _, c in citations(case) if c.quote and kb.source(c.source).quote_language(c.section) == "en"}
    page.set_viewport_size(viewport)
    page.goto(f"nl/cases/{case.id}/")
    shown = page.evaluate(VISIBLE_QUOTES)
    assert shown
    assert [q for q in shown if q["lang"] != "nl"] == []
    text = page.inner_text("article")
    assert [quote for quote in english if quote in text] == []  # no English words until asked for
    marks = page.evaluate(MARKS)
    assert len(marks) >= len(english)
    assert [m for m in marks if m["width"] < 24 or m["height"] < 24 or not m["own"]] == []
    first = page.locator("article details.kb-original").first
    first.locator("summary").click()
    original = first.locator('q[lang="en"]')
    expect(original).to_be_visible()
    assert original.text_content() in english
    rendering = first.locator("xpath=preceding-sibling::q[1]")
    assert rendering.get_attribute("lang") == "nl" and rendering.is_visible()
