"""`render --out` output stands alone: built by plain MkDocs without the knowledge-base plugin, it
is inert, link-clean and cites itself by absolute address. What a theme override needs (edit
target, alternates, facets) is in each page's front matter; `generator.plugin.after_build` adds what
the plugin adds after a build."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.util.mkdocs_config import read as read_config
from generator.words import table
from helpers import ENV, ROOT, Page, broken_links, copy_repo, run_cli, without_source_texts
from hostile import assert_inert, poison

SITE_URL = "https://example.org/knowledge-base/"


def plain_mkdocs(repo: Path, out: Path, lang: str = "en", site_url: str = SITE_URL) -> tuple[Path, Path]:
    """``render --out`` into a copy of docs/, built by MkDocs with Material and no plugin of ours;
    the site lands where a host serving ``web`` as "/" finds it at SITE_URL."""
    docs = out / "docs"
    shutil.copytree(repo / "docs", docs)
    result = run_cli(repo, "render", "--out", str(docs), "--lang", lang, "--site-url", site_url, timeout=300)
    assert result.returncode == 0, result.stderr
    config = read_config(repo / "mkdocs.yml")
    if lang != "en":
        config.update({k: v for k, v in read_config(repo / f"mkdocs.{lang}.yml").items() if k in ("nav", "site_name")})
    config["plugins"] = {"search": {"lang": lang}}  # Material's own: no knowledge-base plugin
    config["theme"]["language"] = lang
    config.update(site_url=site_url, docs_dir=str(docs), site_dir=str(out / "web/knowledge-base"))
    (out / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(out / "mkdocs.yml")]
    built = subprocess.run(command, capture_output=True, text=True, env=ENV, timeout=300)
    assert built.returncode == 0, built.stderr
    return out / "web/knowledge-base", out / "web"


@pytest.mark.build
def test_render_out_built_without_the_plugin_has_no_broken_link_and_absolute_citations(tmp_path: Path) -> None:
    site, web = plain_mkdocs(copy_repo(tmp_path / "repo"), tmp_path)
    pages = sorted(site.rglob("*.html"))
    links = sum(len(Page(p.read_text(encoding="utf-8")).links) for p in pages)
    assert len(pages) > 30 and links > 1000
    assert broken_links(site, web) == []
    case = Page((site / "cases/riverside-stadium/index.html").read_text(encoding="utf-8"))
    assert f"{SITE_URL}cases/riverside-stadium/" in case.links  # cite this page: absolute
    internal = [link for link in case.links if not link.startswith(("https:", "http:"))]
    assert internal and not any(".md" in link for link in internal)


@pytest.mark.build
def test_render_out_built_without_the_plugin_keeps_hostile_text_inert(repo: Path, tmp_path: Path) -> None:
    without_source_texts(repo)  # the hostile text stands where quotes do too
    path = repo / "content/cases/riverside-stadium.yaml"
    data = poison(yaml.safe_load(path.read_text(encoding="utf-8")))
    data["name"] = "Scheme </title><script>alert(2)</script>"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site, web = plain_mkdocs(repo, tmp_path)
    for html_path in site.rglob("*.html"):
        html = html_path.read_text(encoding="utf-8")
        assert_inert(html, str(html_path.relative_to(site)))
        assert "<title>Scheme </title>" not in html
    case_html = (site / "cases/riverside-stadium/index.html").read_text(encoding="utf-8")
    assert "<title>Scheme &lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt; - " in case_html
    page = Page(case_html)
    # Shown as text, as the contributor wrote it, in blocks and in Markdown prose alike.
    assert "<script>alert(1)</script>" in page.text and "[x](javascript:alert(3))" in page.text
    assert broken_links(site, web) == []


def test_front_matter_carries_the_escaped_title_edit_target_alternates_and_facets(repo: Path, tmp_path: Path) -> None:
    path = repo / "content/cases/riverside-stadium.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["name"] = 'A & B </title><script>alert(2)</script> "q"'
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    edit = "https://git.example/kb/edit/main/"
    result = run_cli(repo, "render", "--out", str(tmp_path), "--site-url", SITE_URL, "--edit-url", edit, timeout=300)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "cases/riverside-stadium.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["title"] == "A &amp; B &lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt; &quot;q&quot;"
    assert meta["edit_url"] == edit + "content/cases/riverside-stadium.yaml"
    assert meta["kb_alternates"] == {
        "en": SITE_URL + "cases/riverside-stadium/",
        "nl": SITE_URL + "nl/cases/riverside-stadium/",
    }
    # The kind of page in the reader's words, as the search filter shows it.
    assert meta["kb_facets"]["type"] == [table("en")["search_type_case"]] and meta["kb_lang"] == "en"


def test_a_sources_cited_in_section_stays_bounded_as_the_collection_grows(kb, monkeypatch) -> None:
    # An engine's search index caps a page's words (Zensical: 65,536 positions); the study's source
    # is cited by every case, so its list is capped per kind and the rest counted.
    from collections import Counter

    from generator.pages import cited_in
    from generator.pages.render import render_site

    citing = Counter(
        kind for kind, _ in {(c.kind, getattr(c.record, "id", "")) for c in kb.cited_by(kb.source("riverside-study"))}
    )
    monkeypatch.setattr(cited_in, "CITED_IN_CAP", 2)
    site = render_site(kb)
    block = next(
        b
        for b in site.blocks["sources/riverside-study.md"]
        if 'href="../../cases/' in b and "kb-source-sections" not in b
    )
    assert block.count("<li>") == sum(min(n, 2) + (n > 2) for n in citing.values())
    for kind, n in citing.items():
        if n > 2:
            assert f"and {n - 2} more of this kind ({cited_in.noun_of(kind)})" in block


@pytest.mark.build
def test_after_build_places_the_other_edition_adds_alternates_and_indexes_each_edition(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    site, _ = plain_mkdocs(repo, tmp_path / "en")
    dutch, _ = plain_mkdocs(repo, tmp_path / "nl", "nl", SITE_URL + "nl/")
    command = [sys.executable, "-m", "generator.plugin.after_build", str(site), "--site-url", SITE_URL]
    result = subprocess.run(
        [*command, "--edition", f"nl={dutch}"], cwd=ROOT, capture_output=True, text=True, env=ENV, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert (site / "nl/cases/riverside-stadium/index.html").is_file()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    page = SITE_URL + "cases/riverside-stadium/"
    assert f'hreflang="nl" href="{SITE_URL}nl/cases/riverside-stadium/"' in sitemap.split(f"<loc>{page}</loc>")[1][:400]
    assert "hreflang" in (site / "nl/sitemap.xml").read_text(encoding="utf-8")
    for folder in (site, site / "nl"):
        assert any((folder / "pagefind").glob("pagefind-entry.json")), folder
    assert "en: search index of" in result.stdout and "nl: search index of" in result.stdout
