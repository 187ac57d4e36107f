"""The HTML our code writes for the long tables: addresses as MkDocs makes them, text inert."""

from __future__ import annotations

import pytest

from generator.pages import markup as html_text
from generator.pages import paths as site_paths
from generator.words import edition
from helpers import CORPUS, Page


@pytest.mark.parametrize(
    ("page", "target", "expected"),
    [
        ("comparison.md", "cases/x.md", "../cases/x/"),
        ("cases/index.md", "cases/x.md", "x/"),
        ("index.md", "cases/x.md", "cases/x/"),
        ("cases/x.md", "index.md", "../../"),
        ("cases/x.md", "cases/index.md", "../"),
        ("comparison.md", "comparison.md", "./"),
        ("sources/wodc.md", "glossary.md", "../../glossary/"),
    ],
)
def test_a_link_leads_where_mkdocs_puts_the_page(page: str, target: str, expected: str) -> None:
    assert site_paths.href(page, target) == expected
    assert site_paths.href(page, target, "a-b") == expected + "#a-b"


def test_contributor_text_in_an_html_table_stays_text() -> None:
    hostile = '<script>alert(1)</script> [x](javascript:alert(1)) **b** & "q"'
    table = html_text.held_table([hostile], [[hostile, html_text.link("comparison.md", hostile, "cases/x.md")]])
    page = Page(table)
    assert {tag for tag, _ in page.tags} == {"table", "thead", "tbody", "tr", "th", "td", "a"}
    assert [a["href"] for tag, a in page.tags if tag == "a"] == ["../cases/x/"]
    assert page.text.count("<script>alert(1)</script>") == 3  # shown as the text it is
    # A text without its Dutch translation is shown in English, marked as such.
    with edition("nl"):
        marked = html_text.text({"en": "Only <English>"})
    assert (
        marked
        == '<span lang="en">Only &lt;English&gt;</span> <small class="kb-untranslated">(nog niet vertaald)</small>'
    )


def test_a_case_pages_sections_keep_contributor_text_inert_and_cite_where_it_stands() -> None:
    from generator.pages import case_page
    from generator.pages.notes import Notes
    from generator.records.knowledge_base import build, section_anchor
    from generator.records.models import Citation, Fact

    kb = build(CORPUS / "content")
    hostile = "<img src=x onerror=alert(1)> [x](javascript:alert(1)) <!--kb-block-0-->"
    source = kb.sources[0]
    section = source.sections[0] if source.sections else None
    cited = Citation(source=source.id, section=section, quote=hostile)
    fact = Fact(text=f"{hostile}\n\nSecond paragraph", cite=[cited])
    notes = Notes("cases/x.md", kb)
    with edition("en"):
        html = case_page.sourced_text(fact, notes) + notes.listing_html()
    assert html_text.put_back(html, ["MARKER"]) == html  # no marker survives in contributor text
    page = Page(html)
    assert {tag for tag, _ in page.tags} <= {"p", "span", "q", "a", "sup", "ol", "li"}
    assert page.text.count(hostile) == 2  # the text and its quote, shown as the text they are
    assert "<p>Second paragraph" in html  # a blank line starts a paragraph
    mark, entry = [a["href"] for tag, a in page.tags if tag == "a"]
    assert mark == "#kb-note-1"  # the statement's mark leads to its entry in the page's sources
    assert entry.startswith(f"../../sources/{source.id}/")
    if section:
        assert entry.endswith("#" + section_anchor(section))
