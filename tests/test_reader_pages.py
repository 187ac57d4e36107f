"""Pages a reader can act on (issue 24): the answer first, readers' words only, evidence that
reads as text, on a phone and on paper, in both editions.

Expectations come from the records (every assessed case, every lesson, the record ids there are),
never from today's eight cases.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.pages import paths
from generator.pages.render import render_site
from generator.records.knowledge_base import KnowledgeBase
from generator.words import table
from helpers import CORPUS, page_markdown, read_page

EN, NL = table("en"), table("nl")

EDITIONS = {"en": ("", EN), "nl": ("nl/", NL)}
DESKTOP = (1280, 900)
PHONE = (390, 844)

# Pages for contributors and data, where field names and ids are the subject.
NOT_READER_PAGES = ("contributing/", "data/", "self-assessment/")


class VisibleText(HTMLParser):
    """The words a reader sees on a built page: no scripts, styles, attributes or hidden elements
    (the search facets), and no addresses (a link's shown address holds ids by design)."""

    VOID = frozenset({"br", "img", "input", "hr", "meta", "link", "source", "wbr", "col", "area"})

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._stack: list[bool] = []  # per open element: whether it (or an ancestor) is not shown
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        a = dict(attrs)
        hidden = tag in ("script", "style", "template", "head") or "hidden" in a
        self._stack.append(bool(self._stack and self._stack[-1]) or hidden)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self._stack and self._stack[-1]):
            self.parts.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"https?://\S+", " ", " ".join(" ".join(self.parts).split()))


def record_ids(kb: KnowledgeBase) -> set[str]:
    """Every id a record or an indicator has that could only be an id: those with a hyphen
    (a one-word id, such as 'driver', is also a plain word)."""
    ids = {r.id for records in kb.records.values() for r in records if hasattr(r, "id")}
    ids |= {i.id for _, i in kb.indicators}
    return {i for i in ids if "-" in i}


FIELD_PATHS = re.compile(r"\bassessment\.[a-z]|\bstatus_reason\b|\.yaml\b|\bcite\[|\b[a-z]+_[a-z_]+\.[a-z]")


def reader_pages(site: Path) -> list[Path]:
    pages = sorted(site.rglob("index.html"))
    skipped = [p for p in pages if any(f"/{x}" in "/" + p.relative_to(site).as_posix() for x in NOT_READER_PAGES)]
    return [p for p in pages if p not in skipped and "pagefind" not in p.parts]


def test_no_reader_page_shows_a_field_path_a_file_name_or_a_record_id(built_site: Path, kb: KnowledgeBase) -> None:
    ids = record_ids(kb)
    id_pattern = re.compile(
        r"(?<![\w/-])(" + "|".join(map(re.escape, sorted(ids, key=len, reverse=True))) + r")(?![\w/-])"
    )
    pages = reader_pages(built_site)
    assert len(pages) > 2 * len(kb.cases), "both editions' pages are scanned"
    found = {}
    for path in pages:
        text = VisibleText(path.read_text(encoding="utf-8")).text
        hits = FIELD_PATHS.findall(text) + id_pattern.findall(text)
        if hits:
            found[path.relative_to(built_site).as_posix()] = hits[:5]
    assert found == {}


def test_the_scan_finds_what_it_looks_for() -> None:
    # The scan above cannot pass by reading nothing: it sees a field path, an id and a file in text.
    shown = VisibleText(
        "<p>Its assessment. Cited in: <code>assessment.x.y</code>, content/cases/a-b.yaml</p><p hidden>status_reason</p>"
    )
    assert FIELD_PATHS.findall(shown.text) == ["assessment.x", ".yaml"]
    assert "status_reason" not in shown.text


def test_a_source_says_in_words_what_each_page_cites(kb: KnowledgeBase) -> None:
    site = render_site(kb)
    for source in kb.sources:
        page = page_markdown(site, f"sources/{source.id}.md")
        cited = page.split("{#cited-in}", 1)[1]
        assert not FIELD_PATHS.search(cited) and "<code>" not in cited, source.id
    study = page_markdown(site, f"sources/{kb.study_source.id}.md")
    for case in kb.assessed_cases:
        rated = sum(
            any(c.source == kb.study_source.id for c in case.assessment[cr.id][i.id].cite) for cr, i in kb.indicators
        )
        if rated:
            assert f"{rated} ratings" in study or (rated == 1 and "1 rating" in study), case.id


# On the fixture corpus: whether a case's page shows a lesson drawn from it, and why. A case shows a
# lesson where it lacks an indicator the lesson names, or has them all; a partial one decides nothing.
LESSONS_ON_CASE_PAGES = {
    # lacks regular-meetings (absent); its partial mutual-confidence does not stop that
    ("havenplein-markt", "meet-at-fixed-times"): True,
    ("havenplein-markt", "put-agreements-on-paper"): True,  # lacks signed-agreement
    # beyond what a partnership can arrange: no case's ratings bear it out (issue 35)
    ("havenplein-markt", "tell-partners-the-threat"): False,
    ("riverside-stadium", "meet-at-fixed-times"): True,  # has regular-meetings and mutual-confidence
    ("riverside-stadium", "put-agreements-on-paper"): True,  # has signed-agreement
    ("riverside-stadium", "report-to-an-elected-council"): True,  # has public-backing and council-reporting
    ("harbour-lights-festival", "put-agreements-on-paper"): True,  # partly has signed-agreement
    ("harbour-lights-festival", "tell-partners-the-threat"): False,  # beyond a partnership
}


def test_a_case_shows_the_lessons_its_own_ratings_bear_out_with_why(kb: KnowledgeBase) -> None:
    site = render_site(kb)
    drawn = {(case.id, lesson.id) for case in kb.assessed_cases for lesson in kb.lessons_for_case(case)}
    assert drawn == set(LESSONS_ON_CASE_PAGES)
    for (case_id, lesson_id), shown in LESSONS_ON_CASE_PAGES.items():
        page = page_markdown(site, f"cases/{case_id}.md")
        page = page[page.index(f"## {EN['assessment']}") :]  # the lessons after the ratings, not "What this case shows"
        assert (f'href="../../lessons/{lesson_id}/"' in page) == shown, (case_id, lesson_id)
        if shown:
            assert EN["rated_here"] in page.split(f'lessons/{lesson_id}/"', 1)[1].split("</li>", 1)[0]


class Citations(HTMLParser):
    """What a built page cites and how: the numbered marks its statements carry, the entries of
    its list of sources (each with the links it holds), and any link to a source's section that
    stands outside that list or in an old full source line (``class="kb-source"``)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[int] = []  # every mark's number, in reading order
        self.notes: list[int] = []  # the list's entries' numbers, in order
        self.note_links: dict[int, list[str]] = {}
        self.links_outside: list[str] = []  # links not in the list (the caller keeps those to a source)
        self.source_lines = 0
        self.headings = 0  # "Sources of this page"
        self._in_mark = self._in_list = 0
        self._note: int | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if "kb-source" in classes:
            self.source_lines += 1
        if tag == "h2" and a.get("id") == "kb-sources":
            self.headings += 1
        if tag == "sup" and "kb-mark" in classes:
            self._in_mark += 1
        if tag == "ol" and "kb-notes" in classes:
            self._in_list += 1
        if tag == "li" and self._in_list and (a.get("id") or "").startswith("kb-note-"):
            self._note = int((a.get("id") or "").removeprefix("kb-note-"))
            self.notes.append(self._note)
            self.note_links[self._note] = []
        href = a.get("href") or ""
        if tag == "a" and href:
            if self._in_mark and href.startswith("#kb-note-"):
                self.marks.append(int(href.removeprefix("#kb-note-")))
            elif self._in_list and self._note is not None:
                self.note_links[self._note].append(href)
            else:
                self.links_outside.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag == "sup" and self._in_mark:
            self._in_mark -= 1
        if tag == "ol" and self._in_list:
            self._in_list -= 1
            self._note = None


def edition_root(site: Path, page: Path) -> Path:
    """The folder of the edition a built page belongs to: the site's, or a language's below it."""
    first = page.relative_to(site).parts[0]
    return site / first if first in EDITIONS and first != "en" and (site / first / "index.html").exists() else site


def source_page_of(site: Path, page: Path, href: str) -> Path | None:
    """The source page (``sources/<id>/``) a link on ``page`` leads to, if it leads to one."""
    parts = urlsplit(href)
    if parts.scheme or href.startswith("//") or not parts.path:
        return None
    target = (page.parent / parts.path).resolve()
    sources = (edition_root(site, page) / "sources").resolve()
    return target if target.parent == sources else None


def citation_problems(site: Path) -> tuple[list[Path], dict[str, list[str]]]:
    """Every built page (both editions) that cites a source, found from the pages themselves, and
    what is wrong with how each cites: marks and list disagree, the numbers are not 1..n, a
    citation stands outside the list, an old full source line, no or two lists' headings."""
    citing: list[Path] = []
    problems: dict[str, list[str]] = {}
    for page in sorted(site.rglob("index.html")):
        if "pagefind" in page.parts:
            continue
        found = Citations(page.read_text(encoding="utf-8"))
        outside = [
            href
            for href in found.links_outside
            if urlsplit(href).fragment and (target := source_page_of(site, page, href)) and target != page.parent
        ]
        if not (found.marks or found.notes or outside or found.source_lines):
            continue
        citing.append(page)
        wrong = []
        if set(found.marks) != set(found.notes):
            wrong.append(f"marks {sorted(set(found.marks))} but list {found.notes}")
        if found.notes != list(range(1, len(found.notes) + 1)):
            wrong.append(f"list numbered {found.notes}")
        first_seen = list(dict.fromkeys(found.marks))
        if first_seen != sorted(first_seen):
            wrong.append(f"numbers not in reading order: {first_seen}")
        if outside:
            wrong.append(f"{len(outside)} citations outside the list, e.g. {outside[0]}")
        if found.source_lines:
            wrong.append(f"{found.source_lines} full source lines")
        if found.notes and found.headings != 1:
            wrong.append(f"{found.headings} headings 'Sources of this page'")
        for n, links in found.note_links.items():
            if not any(source_page_of(site, page, href) for href in links):
                wrong.append(f"entry {n} leads to no source page")
        if wrong:
            problems[page.relative_to(site).as_posix()] = wrong
    return citing, problems


def shown_at(kind: str, record: object) -> str:
    """The address, below an edition's root, of the page that shows a record's citations."""
    target, _ = paths.record_page(kind, record)
    return target.removesuffix(".md").removesuffix("index").rstrip("/")


def test_statements_carry_numbered_marks_that_lead_to_one_list(built_site: Path, kb: KnowledgeBase) -> None:
    citing, problems = citation_problems(built_site)
    assert problems == {}
    # The pages were found from the site, not named: every page a record's citations are shown on
    # is among them, in each edition, and the two editions cite on the same pages.
    prefixes = [prefix for prefix, _ in EDITIONS.values()]
    shown = {f"{prefix}{address}/" for prefix in prefixes for address in _cited_addresses(kb)}
    found = {p.parent.relative_to(built_site).as_posix() + "/" for p in citing}
    found = {"" if f == "./" else f for f in found}
    assert shown <= found
    dutch = EDITIONS["nl"][0]
    english = {f for f in found if not f.startswith(dutch)}
    assert {f.removeprefix(dutch) for f in found - english} == english
    # Every citation keeps its quote: on the page that shows its record, in both editions; the
    # study's (whose parts several pages show) on at least one citing page of each edition.
    texts = {p: read_page(p.parent, "").text for p in citing}
    for source in kb.sources:
        for link in kb.cited_by(source):
            if not link.citation.quote:
                continue
            quote = " ".join(link.citation.quote.split())
            for prefix in prefixes:
                if link.kind == "study":
                    assert any(quote in text for p, text in texts.items() if _in_edition(built_site, p, prefix)), (
                        prefix,
                        quote,
                    )
                else:
                    page = built_site / prefix / shown_at(link.kind, link.record) / "index.html"
                    assert quote in texts[page], (page, quote)


def _cited_addresses(kb: KnowledgeBase) -> set[str]:
    return {shown_at(link.kind, link.record) for s in kb.sources for link in kb.cited_by(s)}


def _in_edition(site: Path, page: Path, prefix: str) -> bool:
    inside = page.relative_to(site).as_posix()
    return inside.startswith(prefix) if prefix else not inside.startswith(tuple(p for p, _ in EDITIONS.values() if p))


def test_the_citation_check_finds_old_source_lines_and_stray_citations(tmp_path: Path) -> None:
    # The check above cannot pass by reading nothing: a page of the old kind (a full source line
    # after a paragraph, a quote and its source in a table cell) and a mark without its entry fail.
    (tmp_path / "sources" / "s").mkdir(parents=True)
    (tmp_path / "sources" / "s" / "index.html").write_text("<h1>S</h1>", encoding="utf-8")
    (tmp_path / "index.html").write_text("<h1>Home</h1>", encoding="utf-8")
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "index.html").write_text(
        '<p>A fact. <span class="kb-source">Source: <a href="../sources/s/#part">S, Part</a></span></p>'
        '<td><q>words</q> (<a href="../sources/s/#part">S, Part</a>)</td>',
        encoding="utf-8",
    )
    (tmp_path / "half").mkdir()
    (tmp_path / "half" / "index.html").write_text(
        '<p>A fact. <sup class="kb-mark">[<a href="#kb-note-2">2</a>]</sup></p>'
        '<h2 id="kb-sources">Sources</h2><ol class="kb-notes"><li id="kb-note-1"><a href="../about/">S</a></li></ol>',
        encoding="utf-8",
    )
    citing, problems = citation_problems(tmp_path)
    assert [p.parent.name for p in citing] == ["half", "old"]
    assert problems["old/index.html"] == [
        "2 citations outside the list, e.g. ../sources/s/#part",
        "1 full source lines",
    ]
    assert problems["half/index.html"] == ["marks [2] but list [1]", "entry 1 leads to no source page"]


def test_the_legend_is_one_line_once_per_page_linking_how_to_read_the_ratings(built_site: Path) -> None:
    for (prefix, words), old in zip(EDITIONS.values(), ("Legend", "Legenda"), strict=True):
        explained = read_page(built_site / prefix, "ratings")
        assert words["ratings_page"] in explained.text and words["ratings_who"] in explained.text
        for path in reader_pages(built_site / prefix if prefix else built_site):
            html = path.read_text(encoding="utf-8")
            assert html.count('class="kb-legend"') <= 1, path
            assert 'class="admonition info"' not in html or old not in html, path  # the old admonition


# In a real browser: the answer's place, phones, paper, keyboard and axe.


def case_sample(kb: KnowledgeBase) -> list[str]:
    """Every assessed case, and the first case without ratings: each kind of case page."""
    plain = [c.id for c in kb.cases if not c.assessed_by][:1]
    return [c.id for c in kb.assessed_cases] + plain


def _cases() -> list[str]:
    from generator.records.knowledge_base import build

    return case_sample(build(CORPUS / "content"))


CASES = _cases()


@pytest.mark.browser
@pytest.mark.parametrize("edition", list(EDITIONS))
@pytest.mark.parametrize("case_id", CASES)
def test_a_case_page_opens_with_the_answer_on_desktop_and_phone_without_sideways_scroll(
    browser, site_url: str, kb: KnowledgeBase, edition: str, case_id: str
) -> None:
    prefix, _ = EDITIONS[edition]
    case = kb.case(case_id)
    for (width, height), screens in ((DESKTOP, 1.0), (PHONE, 1.5)):
        context = browser.new_context(viewport={"width": width, "height": height}, base_url=site_url)
        page = context.new_page()
        page.goto(f"{prefix}cases/{case_id}/")
        figures = page.evaluate(
            """() => {
              const top = e => e ? e.getBoundingClientRect().top + scrollY : null;
              const findings = [...document.querySelectorAll('table.kb-cards--ratings td:nth-child(3)')];
              return {
                verdict: top(document.querySelector('.kb-verdict')),
                answer: top(document.querySelector('.kb-answer')),
                scroll: document.documentElement.scrollWidth - document.documentElement.clientWidth,
                findings: findings.map(e => e.getBoundingClientRect().width),
              };
            }"""
        )
        context.close()
        assert figures["scroll"] <= 0, (width, figures)
        if case.verdict:
            assert figures["verdict"] is not None and figures["verdict"] < height * screens, (width, figures)
        if case.assessed_by:
            assert figures["answer"] < height * screens and len(figures["findings"]) == len(kb.indicators)
            if width == PHONE[0]:
                assert min(figures["findings"]) >= 250, figures


def _text_bottoms(pdf: Path) -> list[tuple[float, float]]:
    """Per PDF page: its height, and the lowest point any text reaches (in PDF units, from below)."""
    from pypdf import PdfReader

    result = []
    for p in PdfReader(str(pdf)).pages:
        ys: list[float] = []

        def visit(text, cm, tm, font, size, ys=ys):
            if text.strip():
                ys.append(cm[5] + tm[5] * cm[3])

        p.extract_text(visitor_text=visit)
        result.append((float(p.mediabox.height), min(ys) if ys else float(p.mediabox.height)))
    return result


@pytest.mark.browser
@pytest.mark.parametrize("edition", list(EDITIONS))
@pytest.mark.parametrize("case_id", CASES)
def test_a_case_page_prints_to_at_most_four_full_a4_pages_without_addresses(
    page, tmp_path: Path, kb: KnowledgeBase, edition: str, case_id: str
) -> None:
    from pypdf import PdfReader

    prefix, _ = EDITIONS[edition]
    page.goto(f"{prefix}cases/{case_id}/")
    page.emulate_media(media="print")
    pdf = tmp_path / "case.pdf"
    page.pdf(path=str(pdf), format="A4")
    pages = PdfReader(str(pdf)).pages
    assert len(pages) <= 4
    text = unicodedata.normalize("NFKC", " ".join(" ".join((p.extract_text() or "").split()) for p in pages))
    # No address spelled out in the text; the page's own address once, in its origin at the end.
    origin = table(edition)["layout_printed_from"].split("{site}")[0]
    body, _, end = text.rpartition(" ".join(origin.split()))
    assert "://" not in body and "www." not in body
    assert f"cases/{case_id}/" in end
    names = kb.case(case_id).name
    name = " ".join((names.get(edition) or names["en"]).split())
    assert name in text
    for height, lowest in _text_bottoms(pdf)[:-1]:
        assert lowest < height / 2, "a page before the last is more than half empty"


@pytest.mark.browser
@pytest.mark.parametrize("edition", list(EDITIONS))
def test_a_case_page_is_keyboard_usable_and_axe_clean(page, kb: KnowledgeBase, edition: str) -> None:
    from test_browser import require_axe, serious_violations

    require_axe()
    prefix, _ = EDITIONS[edition]
    case = kb.assessed_cases[0]
    page.goto(f"{prefix}cases/{case.id}/")
    assert serious_violations(page) == []
    # A source mark is reached by Tab and Enter opens its entry in place (source-marks.js), the
    # entry's text the one in the list.
    mark = page.locator(".kb-mark a").first
    mark.focus()
    assert page.evaluate("document.activeElement.closest('.kb-mark') !== null")
    target = mark.evaluate("a => new URL(a.href).hash")
    assert target.startswith("#kb-note-")
    page.keyboard.press("Enter")
    pop = page.locator("#kb-note-pop")
    pop.wait_for(state="visible")
    entry = " ".join(page.locator(f"li{target}").inner_text().split())
    assert " ".join(pop.inner_text().split())[:40] in entry
    # Tab moves on from the first mark to further links, never trapped.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") in ("A", "BUTTON", "INPUT")
