"""The English and Dutch editions: one build publishes both, page for page, each in its language."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from generator.pages import local
from generator.pages.render import TEMPLATES, render_site
from generator.pages.text import pick
from generator.plugin.editions import Edition, counterpart
from generator.records.checks import record_problems
from generator.records.knowledge_base import KnowledgeBase
from generator.records.models import Source
from generator.records.refs import citations
from generator.records.translation import missing
from generator.util.mkdocs_config import read as read_config
from generator.words import plural, table
from helpers import (
    CORPUS,
    ROOT,
    english_share,
    indexed_languages,
    indexed_pages,
    mkdocs_build,
    page_markdown,
    plain_quote,
    plugin_config,
    read_page,
    run_cli,
)

EN, NL = table("en"), table("nl")

EN_URL = "https://ppc-soft-targets.github.io/knowledge-base/"
NL_URL = EN_URL + "nl/"


def pages(site: Path) -> set[str]:
    """Every built page of an edition, as its URL path: 'cases/x/'; the Dutch edition's folder and
    the pages that only redirect a renamed record's former address (not pages of their own) excluded."""
    return {
        p.parent.relative_to(site).as_posix().removeprefix(".") + "/" if p.parent != site else ""
        for p in site.rglob("index.html")
        if not p.relative_to(site).as_posix().startswith("nl/")
        and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")[:1000]
    }


def test_one_build_publishes_both_editions_with_the_same_pages(built_site: Path) -> None:
    english, dutch = pages(built_site), pages(built_site / "nl")
    assert len(english) > 30
    assert english == dutch
    for path in ("", "cases/harbour-lights-festival/", "self-assessment/", "contributing/"):
        assert path in dutch
    # The Dutch contributing page is the Dutch file, and its edit button opens that file.
    contributing = read_page(built_site / "nl", "contributing/")
    assert contributing.text.lstrip().find("Bijdragen") >= 0
    assert any(link.endswith("/edit/main/CONTRIBUTING.nl.md") for link in contributing.links)
    assert any(link.endswith("/edit/main/CONTRIBUTING.md") for link in read_page(built_site, "contributing/").links)


@pytest.mark.parametrize(("folder", "lang", "url"), [("", "en", EN_URL), ("nl", "nl", NL_URL)])
def test_every_page_names_its_language_and_its_counterparts_by_absolute_address(
    built_site: Path, folder: str, lang: str, url: str
) -> None:
    site = built_site / folder
    for path in pages(site):
        page = read_page(site, path)
        html = next(a for tag, a in page.tags if tag == "html")
        assert html["lang"] == lang, path
        alternates = {a["hreflang"]: a["href"] for tag, a in page.tags if tag == "link" and a.get("hreflang")}
        assert alternates == {"en": EN_URL + path, "nl": NL_URL + path, "x-default": EN_URL + path}, path
        # The switch, visible atop the article, leads to the same page in the other edition.
        switch = [a for tag, a in page.tags if tag == "a" and "kb-lang__link" in (a.get("class") or "")]
        assert len(switch) == 1, path
        other = "nl" if lang == "en" else "en"
        assert switch[0]["hreflang"] == other and switch[0]["lang"] == other
        target = (site / path / switch[0]["href"]).resolve()
        expected = (built_site / ("nl" if other == "nl" else "") / path).resolve()
        assert target == expected, (path, switch[0]["href"])


@pytest.mark.parametrize(("folder", "url"), [("", EN_URL), ("nl", NL_URL)])
def test_each_sitemap_lists_its_own_pages_with_both_alternates(built_site: Path, folder: str, url: str) -> None:
    xml = (built_site / folder / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]*)</loc>", xml)
    # Only its own pages as <loc>: Material's instant navigation follows exactly those.
    assert locs and all(loc.startswith(url) for loc in locs)
    assert len(locs) == len(pages(built_site / folder))
    if folder == "":
        assert not any(loc.startswith(NL_URL) for loc in locs)
    for block in re.findall(r"<url>.*?</url>", xml, flags=re.S):
        path = re.search(r"<loc>([^<]*)</loc>", block)[1][len(url) :]  # type: ignore[index]
        links = dict(re.findall(r'<xhtml:link rel="alternate" hreflang="(\w+)" href="([^"]*)"/>', block))
        assert links == {"en": EN_URL + path, "nl": NL_URL + path}
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in xml


def test_each_edition_has_its_own_search_index_in_its_language(built_site: Path) -> None:
    english, dutch = indexed_pages(built_site / "pagefind"), indexed_pages(built_site / "nl/pagefind")
    # Pagefind stems each index by its language: the Dutch one with Dutch rules.
    assert indexed_languages(built_site / "pagefind") == {"en"}
    assert indexed_languages(built_site / "nl/pagefind") == {"nl"}
    assert set(english) == set(dutch) and len(english) > 30  # the same pages, each edition its own
    text = " ".join(dutch.values())
    for word in ("Havenpleinmarkt", "convenant", "samenwerkingsverband", "Voetbalstadion"):
        assert word in text, word
    assert "The museum shares its camera images with the police" not in text
    assert "Het museum deelt zijn camerabeelden met de politie" not in " ".join(english.values())


def test_no_dutch_page_shows_english_outside_an_element_marked_english(built_site: Path) -> None:
    shares = {path: english_share((built_site / "nl" / path / "index.html").read_text()) for path in pages(built_site)}
    worst = max(shares.items(), key=lambda item: item[1][0])
    assert worst[1][0] < 0.015, (worst[0], worst[1][1][:20])
    # The measure sees English where there is English: the English edition's prose pages are full of it.
    english = [english_share((built_site / p / "index.html").read_text())[0] for p in ("", "study/", "comparison/")]
    assert min(english) > 0.08, english


def test_evidence_quotes_keep_the_sources_words_behind_the_rendering_on_dutch_pages(
    built_site: Path, kb: KnowledgeBase
) -> None:
    case, _, cited = plain_quote(kb)
    source = kb.source(cited.source)
    html = (built_site / f"nl/cases/{case.id}/index.html").read_text(encoding="utf-8")
    if source.language != "nl":
        # The verbatim words, marked in their language, one tap behind the Dutch rendering (issue 33).
        assert f'<q lang="{source.language}">{cited.quote}</q>' in html
        assert f'<q lang="nl" class="kb-rendering">{cited.translation["nl"]}</q>' in html
        # The section by its Dutch name; the source's own heading stays its anchor.
        named = source.section_names[cited.section or ""]["nl"]
        assert f"{pick(source.cited_as, 'nl')}, {named}</a>" in html
    english = (built_site / f"cases/{case.id}/index.html").read_text(encoding="utf-8")
    assert f"<q>{cited.quote}</q>" in english if source.language == "en" else f">{cited.quote}</q>" in english


def test_a_quote_from_a_section_in_another_language_is_marked_with_the_sections() -> None:
    """A source in English with a Dutch section (the study's back cover): its quotes are Dutch."""
    source = Source(
        id="summary",
        cited_as="Summary",
        language="en",
        sections=["Problem", "Back cover (Dutch)"],
        section_languages={"Back cover (Dutch)": "nl"},
        section_names={"Problem": {"nl": "Probleem"}, "Back cover (Dutch)": {"nl": "Achterzijde"}},
    )
    assert [source.quote_language(s) for s in ("Back cover (Dutch)", "Problem", None)] == ["nl", "en", "en"]
    assert Source(id="x", cited_as="X").quote_language(None) == "en"  # no language named: English
    wrong = Source(
        id="x",
        cited_as="X",
        sections=["Problem"],
        section_languages={"Back cover": "nl"},
        section_names={"Problem": {"nl": "Probleem"}},
    )
    assert [rule[0] for rule in record_problems(wrong)] == [("section_languages", "Back cover")]


def test_quotes_from_a_section_in_its_own_language_are_marked_so_on_pages(built_site: Path, kb: KnowledgeBase) -> None:
    shown = [
        (source, c)
        for source in kb.sources
        for c in source.known_from
        if c.quote and c.section in source.section_languages and c.source == source.id
    ]
    assert shown  # the corpus's study quotes its own Dutch summary
    for source, c in shown:
        html = (built_site / f"sources/{source.id}/index.html").read_text(encoding="utf-8")
        assert f'<q lang="{source.section_languages[c.section]}">{c.quote}</q>' in html, c.quote
    # On case pages too, in both editions: the quote's language is its section's, not the source's.
    cited = [
        (case, c)
        for case in kb.cases
        for _, c in citations(case)
        if c.quote and c.section in kb.source(c.source).section_languages
    ]
    assert cited
    for case, c in cited:
        lang = kb.source(c.source).section_languages[c.section]
        for folder in ("", "nl/"):
            html = (built_site / f"{folder}cases/{case.id}/index.html").read_text(encoding="utf-8")
            own = folder == f"{lang}/"
            assert (f"<q>{c.quote}</q>" if own else f'<q lang="{lang}">{c.quote}</q>') in html, (folder, case.id)


def test_dutch_pages_use_dutch_words_for_ratings_and_interface(built_site: Path, kb: KnowledgeBase) -> None:
    case = kb.assessed_cases[0]
    page = read_page(built_site / "nl", f"cases/{case.id}/")
    for word in (pick(case.name, "nl"), "Aanwezig", "Toetsing aan de succescriteria", NL["ratings_page"]):
        assert word in page.text, word
    assert "Present" not in page.text and EN["ratings_page"] not in page.text
    svg = (built_site / f"nl/assets/profiles/{case.id}.svg").read_text(encoding="utf-8")
    assert 'xml:lang="nl"' in svg and NL["profile_of"].format(name=pick(case.name, "nl")) in svg
    funnel = (built_site / "nl/assets/funnel.svg").read_text(encoding="utf-8")
    assert "veelbelovende casussen" in funnel
    nav = read_page(built_site / "nl", "")
    assert NL["criteria"] in nav.text and NL["self_assessment"] in nav.text


def test_the_self_assessment_data_speaks_the_editions_language(built_site: Path) -> None:
    english = json.loads((built_site / "data/self-assessment.json").read_text(encoding="utf-8"))
    dutch = json.loads((built_site / "nl/data/self-assessment.json").read_text(encoding="utf-8"))
    assert english["language"] == "en" and dutch["language"] == "nl"
    assert set(english["labels"]) == set(dutch["labels"])
    assert dutch["labels"]["results"] == "Uw resultaten"
    assert [s["label"] for s in dutch["scale"]] == ["Aanwezig", "Deels aanwezig", "Afwezig", "Onbekend"]
    assert dutch["criteria"][0]["indicators"][0]["question"] != english["criteria"][0]["indicators"][0]["question"]
    # The same indicators in both: answers given in one edition mean the same in the other.
    ids = [[i["id"] for i in c["indicators"]] for c in english["criteria"]]
    assert ids == [[i["id"] for i in c["indicators"]] for c in dutch["criteria"]]


def test_the_open_data_is_the_same_in_both_editions_and_holds_both_languages(
    built_site: Path, kb: KnowledgeBase
) -> None:
    for name in ("knowledge-base.json", "ratings.csv"):
        assert (built_site / "data" / name).read_bytes() == (built_site / "nl/data" / name).read_bytes()
    data = json.loads((built_site / "data/knowledge-base.json").read_text(encoding="utf-8"))
    market = next(c for c in data["cases"] if c["id"] == "havenplein-markt")
    assert market["target"] == {"nl": "Weekmarkt op een plein", "en": "Weekly market on a square"}
    assert data["rating_scale"][0]["label"] == {"en": "Present", "nl": "Aanwezig"}
    header = (built_site / "data/ratings.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.endswith("case_name_nl,indicator_title_nl,finding_nl")
    # Each edition's data page explains it in its own language.
    assert "in beide talen" in read_page(built_site / "nl", "data/").text
    assert "in both languages" in read_page(built_site, "data/").text


def test_validate_counts_the_texts_of_whatever_content_is_there_and_their_translations(kb: KnowledgeBase) -> None:
    # An untranslated text is valid (validate warns, it is never an error), so what holds for any
    # content is the count: every text of every record and of the study, and those in Dutch.
    total = done = 0
    for record in [kb.study, *(r for records in kb.records.values() for r in records)]:
        texts, untranslated = missing(record, "nl")
        total, done = total + texts, done + texts - len(untranslated)
    result = run_cli(CORPUS, "validate")
    assert result.returncode == 0, result.stderr
    assert f"nl: {done}/{total} texts translated" in result.stdout.splitlines()
    assert total > 0


def test_a_copied_case_whose_name_line_is_rewritten_in_english_is_valid(repo: Path) -> None:
    # Short texts sit on one line ({en: ..., nl: ...}), so a contributor who copies a case and
    # rewrites its `name:` line leaves valid YAML: an English-only name, warned about, not an error.
    source = (repo / "content/cases/harbour-lights-festival.yaml").read_text(encoding="utf-8")
    copy = re.sub(r"(?m)^id: .*$", "id: zz-contributed-case", source)
    copy = re.sub(r"(?m)^name: .*$", "name: Zz Contributed Case", copy)
    (repo / "content/cases/zz-contributed-case.yaml").write_text(copy, encoding="utf-8")
    result = run_cli(repo, "validate")
    assert result.returncode == 0, result.stderr
    assert re.search(r"zz-contributed-case\.yaml:3:\d+: warning: name: is not yet translated", result.stderr)


def test_an_english_only_record_is_valid_warned_about_and_shown_marked(repo: Path, tmp_path: Path) -> None:
    case = repo / "content/cases/old-mill-museum.yaml"
    before = re.search(r"nl: (\d+)/(\d+)", run_cli(repo, "validate").stdout)
    assert before
    data = yaml.safe_load(case.read_text(encoding="utf-8"))
    data["summary"]["text"] = data["summary"]["text"]["en"]  # the Dutch removed
    data["target"] = "Camera surveillance network"
    case.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    result = run_cli(repo, "validate")
    assert result.returncode == 0, result.stderr
    # Other valid content may carry warnings of its own; these are this record's.
    warnings = [
        line for line in result.stderr.splitlines() if "not yet translated" in line and "old-mill-museum" in line
    ]
    assert len(warnings) == 2
    assert re.match(
        r"content/cases/old-mill-museum\.yaml:\d+:\d+: warning: summary\.text: is not yet translated \(nl\)",
        warnings[1],
    )
    assert re.match(r"content/cases/old-mill-museum\.yaml:\d+:\d+: warning: target: ", warnings[0])
    done, total = int(before[1]), int(before[2])
    assert f"nl: {done - 2}/{total} texts translated" in result.stdout

    site = tmp_path / "site"
    built = mkdocs_build(repo, site)
    assert built.returncode == 0, built.stderr
    html = (site / "nl/cases/old-mill-museum/index.html").read_text(encoding="utf-8")
    assert re.search(
        r'<span lang="en">Camera surveillance network</span> <small class="kb-untranslated">\(nog niet vertaald\)</small>',
        html,
    )
    assert re.search(r'<span lang="en">The museum shares its camera images with the police', html)
    assert english_share(html)[0] < 0.015  # the English is all marked
    assert "kb-untranslated" not in (site / "cases/old-mill-museum/index.html").read_text(encoding="utf-8")


# What a template may hold besides Jinja: HTML tags, attribute lists, link targets and code.
_MARKUP = re.compile(r"<[^>]*>|\{[^{}]*\}|\]\([^)]*\)|`[^`]*`")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_ADMONITION = re.compile(r"^\s*!!! \w+", re.M)  # a Material admonition's type ("!!! info")


def test_one_template_per_page_serves_both_editions_with_no_words_of_its_own() -> None:
    # The words are in the catalogs (tests/test_words.py), the logic in the one template: no copy
    # per language (templates/nl/) that repeats the logic and can drift from it.
    assert [p.name for p in TEMPLATES.iterdir() if p.is_dir()] == []
    for template in TEMPLATES.glob("*.j2"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"\{%-? *(extends|block) ", text), template.name
        words = re.findall(r"[A-Za-z][A-Za-z'’-]{2,}", _MARKUP.sub(" ", _ADMONITION.sub(" ", _JINJA.sub(" ", text))))
        assert not words, f"{template.name}: words outside the catalogs: {words}"


def _markdown(kb: KnowledgeBase, lang: str, page: str, **options: str) -> str:
    return page_markdown(render_site(kb, lang=lang, **options), page)  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_counts_in_the_pages_prose_are_the_records_in_both_editions(kb: KnowledgeBase, lang: str) -> None:
    # Derived from the records, each in its plural form: the fixture has neither the study's four
    # criteria nor its thirteen questions.
    def count(key: str, n: int) -> str:
        return plural(key, n, lang, n=local.number(n, lang))

    criteria, indicators = len(kb.criteria), len(kb.indicators)
    assert indicators != 13
    sa = _markdown(kb, lang, "self-assessment.md")
    assert count("n_questions", indicators) in sa
    assert sa.count('- <label class="kb-check">') == indicators  # one question per indicator
    for page in ("about.md", "ratings.md"):
        text = " ".join(_markdown(kb, lang, page).split())
        assert count("n_success_criteria", criteria) in text, page
        assert count("n_indicators", indicators) in text, page


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_about_page_names_the_repository_only_where_the_site_has_one(kb: KnowledgeBase, lang: str) -> None:
    # The condition stands once in the template; each edition words both of its outcomes.
    repository = "https://git.example.org/kb"
    words = table(lang)
    with_one = _markdown(kb, lang, "about.md", repository=repository)
    without = _markdown(kb, lang, "about.md")
    written = words["about_written_in_repository"]
    assert written.format(repository="https&#58;//git.example.org/kb", address="git.example.org/kb") in with_one
    assert 'href="https&#58;//git.example.org/kb/issues/new?template=propose-a-case.yml"' in with_one
    assert words["about_report_with_account"] in with_one
    assert words["about_written"] in without and words["about_report"] in without
    assert "git.example.org" not in without and "issues/new" not in without
    for text in (with_one, without):
        assert words["about_open_source"] in text and words["about_meant_for"] in text
        assert words["about_contributing"] in text


def test_the_dutch_config_inherits_the_english_one_and_mirrors_its_navigation() -> None:
    english, dutch = read_config(ROOT / "mkdocs.yml"), read_config(ROOT / "mkdocs.nl.yml")
    assert dutch["INHERIT"] == "mkdocs.yml" and dutch["theme"]["language"] == "nl"

    def files(nav: list) -> list:
        out = []
        for item in nav:
            for value in item.values():
                out += files(value) if isinstance(value, list) else [value]
        return out

    assert files(english["nav"]) == files(dutch["nav"])
    assert english["plugins"]["knowledge-base"]["editions"] == {"en": "mkdocs.yml", "nl": "mkdocs.nl.yml"}


def test_a_dutch_address_outside_the_english_site_is_a_clear_error(repo: Path) -> None:
    from mkdocs.exceptions import PluginError

    config = repo / "mkdocs.nl.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(NL_URL, "https://example.org/nl/"), encoding="utf-8")
    mkdocs_config, plugin = plugin_config(repo / "mkdocs.yml")  # the hook in process: MkDocs prints a PluginError
    with pytest.raises(PluginError, match="must lie inside the en edition's"):  # as one line, no traceback
        plugin.on_config(mkdocs_config)


def test_counterpart_links_are_relative_on_one_host_and_absolute_across_hosts() -> None:
    en = Edition("en", Path("mkdocs.yml"), EN_URL)
    nl = Edition("nl", Path("mkdocs.nl.yml"), NL_URL)
    assert counterpart("cases/x/", en, nl) == "../../nl/cases/x/"
    assert counterpart("cases/x/", nl, en) == "../../../cases/x/"
    assert counterpart("", en, nl) == "nl/"
    assert counterpart("", nl, en) == "../"
    elsewhere = Edition("nl", Path("mkdocs.nl.yml"), "https://nl.example.org/")
    assert counterpart("cases/x/", en, elsewhere) == "https://nl.example.org/cases/x/"
    assert urlsplit(counterpart("404.html", en, elsewhere)).path == "/404.html"


def test_the_sitemap_names_every_page_in_every_edition(built_site: Path) -> None:
    for folder, own in (("", EN_URL), ("nl/", NL_URL)):
        xml = (built_site / folder / "sitemap.xml").read_text(encoding="utf-8")
        urls = re.findall(r"<url>(.*?)</url>", xml, re.S)
        assert len(urls) == len(pages(built_site / folder)) > 30
        for url in urls:
            loc = re.search(r"<loc>([^<]*)</loc>", url)[1]
            assert loc.startswith(own)  # Material's instant navigation follows this edition's own
            path = loc[len(own) :]
            links = re.findall(r'<xhtml:link rel="alternate" hreflang="(\w+)" href="([^"]*)"/>', url)
            assert links == [("en", EN_URL + path), ("nl", NL_URL + path)]
        packed = gzip.decompress((built_site / folder / "sitemap.xml.gz").read_bytes()).decode("utf-8")
        assert packed == xml


@pytest.mark.parametrize("guide", ["CONTRIBUTING.md", "CONTRIBUTING.nl.md"])
def test_a_strict_build_fails_on_a_warning_of_either_edition(repo: Path, tmp_path: Path, guide: str) -> None:
    """The Dutch edition's build counts its warnings as the English one does (it ran with -q, and
    MkDocs then counted none: a broken link in the Dutch guide shipped)."""
    with (repo / guide).open("a", encoding="utf-8") as handle:
        handle.write("\n[broken](nowhere-at-all.md)\n")
    result = mkdocs_build(repo, tmp_path / "site")
    assert result.returncode != 0
    assert "nowhere-at-all.md" in result.stderr
