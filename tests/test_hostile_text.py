"""Contributor text can never inject HTML, script or links into the built site."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from helpers import Page, broken_links, mkdocs_build

HOSTILE = (
    "<script>alert(1)</script><img src=x onerror=alert(2)>[x](javascript:alert(3))"
    '<iframe src="//evil.example"></iframe><a href="javascript:alert(5)">a</a>'
    "![i](data:text/html,x)<javascript:alert(6)> | pipe |\n"
    "# h {: onclick=alert(4) } {{ jinja }} {% raw %}\n\n"
    "- li\n1. li\n> q\n<div onmouseover=alert(7)>x</div>"
)
# Fields whose values are ids, fixed choices or section names: the schema rejects free text there.
NOT_FREE_TEXT = {"id", "status", "country", "rating", "source", "section", "sector", "assessed_by"}


def poison(data: Any, key: str = "") -> Any:
    if isinstance(data, dict):
        return {k: poison(v, k) for k, v in data.items()}
    if isinstance(data, list):
        return [poison(v, key) for v in data]
    if isinstance(data, str) and key not in NOT_FREE_TEXT:
        return HOSTILE
    return data


def assert_inert(html: str, where: str) -> None:
    page = Page(html)
    for tag, attrs in page.tags:
        assert tag not in ("iframe", "object", "embed"), where
        for name, value in attrs.items():
            assert not name.startswith("on"), f"{where}: <{tag} {name}>"
            if name in ("href", "src", "action", "formaction") and value:
                assert not value.strip().lower().startswith(("javascript:", "data:", "vbscript:")), f"{where}: {value}"
    # The only scripts are Material's and ours, none carrying the contributor's payload.
    for chunk in html.split("<script")[1:]:
        assert "alert(" not in chunk.split("</script>")[0], where


def test_hostile_text_in_every_field_of_a_case_renders_inert(repo: Path, tmp_path: Path) -> None:
    path = repo / "content/cases/antwerp-diamond-quarter.yaml"
    data = poison(yaml.safe_load(path.read_text(encoding="utf-8")))
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(repo, site)
    assert result.returncode == 0, result.stderr
    pages = list(site.rglob("*.html"))
    for html_path in pages:
        assert_inert(html_path.read_text(encoding="utf-8"), str(html_path.relative_to(site)))
    case_html = (site / "cases/antwerp-diamond-quarter/index.html").read_text(encoding="utf-8")
    page = Page(case_html)
    # Shown as text, not swallowed: the reader sees exactly what the contributor wrote.
    assert "<script>alert(1)</script>" in page.text
    assert "[x](javascript:alert(3))" in page.text
    assert "{{ jinja }} {% raw %}" in page.text
    # A pipe or newline in a cell cannot add columns or rows: 4 columns in every findings row.
    table = case_html.split('id="organisation-and-dynamic"')[1].split("</table>")[0]
    rows = table.split("<tr>")[1:]
    assert len(rows) == 1 + 4
    assert all(row.count("<td") == 4 for row in rows[1:])
    assert broken_links(site) == []


def english_only(data: Any) -> Any:
    """The record as a contributor writing English only would give it: every text a plain string."""
    if isinstance(data, dict):
        if data and set(data) <= {"en", "nl"}:
            return data["en"]
        return {k: english_only(v) for k, v in data.items()}
    if isinstance(data, list):
        return [english_only(v) for v in data]
    return data


def test_hostile_untranslated_text_on_a_dutch_page_renders_inert_and_marked(repo: Path, tmp_path: Path) -> None:
    path = repo / "content/cases/antwerp-diamond-quarter.yaml"
    data = poison(english_only(yaml.safe_load(path.read_text(encoding="utf-8"))))
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(repo, site)
    assert result.returncode == 0, result.stderr
    for html_path in (site / "nl").rglob("*.html"):
        assert_inert(html_path.read_text(encoding="utf-8"), str(html_path.relative_to(site)))
    html = (site / "nl/cases/antwerp-diamond-quarter/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" in Page(html).text  # shown as text, in English, marked so
    assert '<span lang="en">&lt;script&gt;alert(1)&lt;/script&gt;' in html
    assert "nog niet vertaald" in html
    assert broken_links(site / "nl") == []
