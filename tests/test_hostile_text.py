"""Contributor text can never inject HTML, script or links into the built site."""

from __future__ import annotations

from helpers import Page, broken_links
from hostile import HostileSite, assert_inert


def test_hostile_text_in_every_field_of_a_case_renders_inert(hostile_site: HostileSite) -> None:
    site = hostile_site.site
    for html_path in site.rglob("*.html"):
        assert_inert(html_path.read_text(encoding="utf-8"), str(html_path.relative_to(site)))
    case_html = (site / "cases" / hostile_site.poisoned / "index.html").read_text(encoding="utf-8")
    page = Page(case_html)
    # Shown as text, not swallowed: the reader sees exactly what the contributor wrote.
    assert "<script>alert(1)</script>" in page.text
    assert "[x](javascript:alert(3))" in page.text
    assert "{{ jinja }} {% raw %}" in page.text
    # A pipe or newline in a cell cannot add columns or rows: 4 columns in every findings row.
    table = case_html.split(f'id="{hostile_site.first_criterion}"')[1].split("</table>")[0]
    rows = table.split("<tr>")[1:]
    assert len(rows) == 1 + hostile_site.indicators
    assert all(row.count("<td") == 4 for row in rows[1:])
    assert broken_links(site) == []


def test_hostile_untranslated_text_on_a_dutch_page_renders_inert_and_marked(hostile_site: HostileSite) -> None:
    site = hostile_site.site
    html = (site / "nl/cases" / hostile_site.untranslated / "index.html").read_text(encoding="utf-8")
    assert_inert(html, f"nl/cases/{hostile_site.untranslated}")  # every page: the test above
    assert "<script>alert(1)</script>" in Page(html).text  # shown as text, in English, marked so
    assert '<span lang="en">&lt;script&gt;alert(1)&lt;/script&gt;' in html
    assert "nog niet vertaald" in html
    assert broken_links(site / "nl") == []
