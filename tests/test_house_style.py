"""The Dutch edition in Dutch government house style, for any valid content: numbers with a decimal
comma, dates written out in prose, no English interface text (tooltips, aria-labels, the 404 page,
redirect pages, a build without git history) and the glossary in Dutch alphabetical order.

Expectations are derived from the words tables, Material's English interface words and the content,
so a contributor's valid record can never fail these tests."""

from __future__ import annotations

import re
import unicodedata
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.pages.local import date, decimal
from generator.records.ratings import ABSENT_AT, PRESENT_AT
from generator.records.terminology import rejected_in
from generator.words import table
from helpers import copy_repo, mkdocs_build

EN, NL = table("en"), table("nl")

MATERIAL_EN = Path(__import__("material").__file__).parent / "templates/partials/languages/en.html"
ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")
DECIMAL_POINT = re.compile(r"(?<![\d.])\d+\.\d+(?![\d.])")  # not an address such as 127.0.0.1
# Names and identifiers, not numbers: a licence's version ("CC BY 4.0", in Dutch too, and its
# official Dutch name "Creative Commons Naamsvermelding 4.0 Internationaal"), an address,
# a DOI ("10.1234/x").
NOT_A_NUMBER = re.compile(
    r"\bCC(?:[ -]BY(?:-(?:SA|NC|ND))*|0) \d+\.\d+|\bNaamsvermelding \d+\.\d+|\S+://\S+|\b10\.\d{4,9}/\S+"
)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


class DutchText(HTMLParser):
    """A page's text and interface attributes in the page's own language: not what sits inside an
    element marked with another language, nor code, scripts or <time> (whose datetime is ISO)."""

    VOID = frozenset({"br", "img", "input", "hr", "meta", "link", "source", "wbr", "col", "area"})
    SKIP = frozenset({"script", "style", "code", "pre", "time", "svg"})

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.attributes: list[str] = []
        self.h2: list[str] = []
        self._stack: list[tuple[str, bool]] = []
        self._in_h2: list[str] | None = None
        self.lang = ""
        self.feed(html)

    def _foreign(self) -> bool:
        return bool(self._stack and self._stack[-1][1])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang") or ""
            return
        other = bool(a.get("lang")) and a.get("lang") != self.lang
        if not (self._foreign() or other):
            self.attributes += [a[k] or "" for k in ATTRIBUTES if a.get(k)]
        if tag in self.VOID:
            return
        self._stack.append((tag, self._foreign() or other or tag in self.SKIP))
        if tag == "h2":
            self._in_h2 = []

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        while self._stack and self._stack.pop()[0] != tag:
            pass
        if tag == "h2" and self._in_h2 is not None:
            self.h2.append(" ".join("".join(self._in_h2).replace("¶", "").split()))
            self._in_h2 = None

    def handle_data(self, data: str) -> None:
        if self._in_h2 is not None:
            self._in_h2.append(data)
        if not self._foreign():
            self.text.append(data)

    @property
    def prose(self) -> str:
        return " ".join(" ".join(self.text).split())


def _material(lang: str) -> set[str]:
    file = MATERIAL_EN.with_name(f"{lang}.html")
    return set(dict(re.findall(r'"([\w.]+)": "([^"]*)"', file.read_text(encoding="utf-8"))).values())


def english_interface(min_words: int = 1) -> set[str]:
    """Interface words of the English edition: ours that the Dutch edition words differently, and
    Material's; a word our Dutch edition uses too (such as "Open data") is not one."""
    ours = {EN[k] for k in EN if EN[k] != NL[k]}
    phrases = {p for p in ours | _material("en") if len(p.split()) >= min_words and "{" not in p and "#" not in p}
    # Material's Dutch words are not subtracted: it leaves some English ("Header").
    return phrases - set(NL.values())


# Pages written by hand, not generated: the contributors' guide names the English words pages print
# and the local address on purpose; its editors keep its style.
HAND_WRITTEN = ("contributing/index.html",)


def dutch_pages(site: Path) -> dict[str, DutchText]:
    return {
        path: DutchText(p.read_text(encoding="utf-8"))
        for p in site.rglob("*.html")
        if (path := p.relative_to(site).as_posix()) not in HAND_WRITTEN
    }


def assert_no_english_interface(pages: dict[str, DutchText]) -> None:
    """No tooltip or label is an English interface word, and no English interface phrase (of two
    words or more: a single word may be a name) stands in the text."""
    words, phrases = english_interface(), english_interface(min_words=2)
    for path, page in pages.items():
        for value in page.attributes:
            assert value not in words, (path, value)
        found = [p for p in phrases if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", page.prose)]
        assert not found, (path, found)


@pytest.fixture(scope="module")
def copy_without_history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both editions built from a copy with no .git (a downloaded archive), one record renamed so
    the site has a redirect page at its former address."""
    repo = copy_repo(tmp_path_factory.mktemp("no-git") / "repo")
    case = sorted((repo / "content/cases").glob("*.yaml"))[0]
    text = case.read_text(encoding="utf-8")
    line = re.search(r"^id: (.+)$", text, flags=re.M)
    assert line
    case.write_text(text.replace(line[0], f"{line[0]}\nformer_ids: [zz-former-address]", 1), encoding="utf-8")
    site = tmp_path_factory.mktemp("no-git-site")
    result = mkdocs_build(repo, site)
    assert result.returncode == 0, result.stderr
    return site


def test_dutch_prose_writes_numbers_with_a_decimal_comma_and_dates_in_words(built_site: Path) -> None:
    pages = dutch_pages(built_site / "nl")
    for path, page in pages.items():
        assert page.lang == "nl", path
        numbers = DECIMAL_POINT.findall(NOT_A_NUMBER.sub("", page.prose))
        assert not numbers, (path, numbers[:3])
        assert not ISO_DATE.findall(page.prose), (path, ISO_DATE.findall(page.prose)[:3])
    # The rule's thresholds are there, with a comma; the English edition keeps its point.
    legend = pages["ratings/index.html"].prose  # the rule, on the page that explains the ratings
    assert f"{decimal(PRESENT_AT, 'nl')} of meer" in legend and f"{decimal(ABSENT_AT, 'nl')} of minder" in legend
    assert f"{PRESENT_AT} or more" in DutchText((built_site / "ratings/index.html").read_text()).prose
    # Dates that a page shows are written out: the newest change heads the change list.
    headings = pages["changes/index.html"].h2
    days = re.findall(r'<h2 id="(\d{4}-\d{2}-\d{2})"', (built_site / "nl/changes/index.html").read_text())
    if days:
        assert headings[0] == date(days[0], "nl") and re.fullmatch(r"\d{1,2} [a-z]+ \d{4}", headings[0])


def test_dutch_pages_use_one_term_per_concept(built_site: Path) -> None:
    # Issue 35: no Dutch page uses a variant that generator/locale/nl/terminology.yaml rejects (the
    # guide, which names them, aside). Terms that hold for the site's own words only are left to
    # tests/test_terminology.py: a record may mean something else by them (a venue's owner).
    for path, page in dutch_pages(built_site / "nl").items():
        text = " ".join([page.prose, *page.attributes])
        assert not [f.rejected.variant for f in rejected_in(text, interface=False)], path


def test_the_self_assessment_data_writes_the_rule_with_a_decimal_comma(built_site: Path) -> None:
    data = (built_site / "nl/data/self-assessment.json").read_text(encoding="utf-8")
    rule = re.search(r'"rule":\s*\{\s*"text":\s*"([^"]*)"', data)
    assert rule and decimal(PRESENT_AT, "nl") in rule[1] and not DECIMAL_POINT.search(rule[1])


def test_no_english_interface_text_on_dutch_pages(built_site: Path) -> None:
    pages = dutch_pages(built_site / "nl")
    assert_no_english_interface(pages)
    # Heading links carry a Dutch tooltip, and the 404 page is Dutch.
    index = (built_site / "nl/index.html").read_text(encoding="utf-8")
    assert f'title="{NL["permalink_title"]}"' in index and 'title="Permanent link"' not in index  # toc's default
    missing = pages["404.html"]
    assert NL["not_found_title"] in missing.prose and "Not found" not in missing.prose
    english = DutchText((built_site / "404.html").read_text(encoding="utf-8"))
    assert EN["not_found_title"] in english.prose
    # Its <title> says so too, not only the site's name.
    for path, words in (("nl/404.html", NL), ("404.html", EN)):
        title = re.search(r"<title>([^<]*)</title>", (built_site / path).read_text(encoding="utf-8"))
        assert title and words["not_found_title"].replace("404 – ", "") in unescape(title[1]), (path, title)


def test_a_dutch_build_without_git_history_and_its_redirects_speak_dutch(copy_without_history: Path) -> None:
    pages = dutch_pages(copy_without_history / "nl")
    assert_no_english_interface(pages)
    meta = pages["checklists/all/index.html"].prose
    assert NL["date_unrecorded"] in meta and EN["date_unrecorded"] not in meta
    redirect = next(p for p in pages if "/zz-former-address/" in p)
    page = pages[redirect]
    assert page.lang == "nl" and NL["moved_to"] in page.prose
    english = DutchText(next((copy_without_history / "cases").glob("zz-former-address/index.html")).read_text())
    assert english.lang == "en" and EN["moved_to"] in english.prose


def _dutch_order(name: str) -> str:
    letters = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^0-9a-z ]", "", letters.casefold())


def test_each_glossary_is_in_its_editions_alphabetical_order(built_site: Path) -> None:
    for folder, words in (("nl", NL), ("", EN)):
        headings = DutchText((built_site / folder / "glossary/index.html").read_text(encoding="utf-8")).h2
        terms = [h for h in headings if h != words["notes"]]  # the page's sources follow the terms
        assert terms, folder
        assert terms == sorted(terms, key=_dutch_order), (folder, terms)


def test_our_dutch_interface_words_are_materials_but_for_the_english_it_leaves() -> None:
    ours_file = Path(__file__).resolve().parent.parent / "generator/plugin/theme/partials/languages/nl.html"
    ours = dict(re.findall(r'"([\w.]+)": "([^"]*)"', ours_file.read_text(encoding="utf-8")))
    material = dict(re.findall(r'"([\w.]+)": "([^"]*)"', MATERIAL_EN.with_name("nl.html").read_text(encoding="utf-8")))
    assert ours.keys() == material.keys()  # a Material upgrade that adds a word shows here
    changed = {key for key in ours if ours[key] != material[key]}
    assert changed == {"header", "footer", "search.result.none", "search.result.one", "search.result.other"}
    english = dict(re.findall(r'"([\w.]+)": "([^"]*)"', MATERIAL_EN.read_text(encoding="utf-8")))
    assert all(ours[key] != english[key] for key in changed)
