"""The pages as ``render --out`` writes them, for an engine without the plugin (plain MkDocs,
Zensical, ...): each page's Markdown stands alone.

- The HTML blocks go back into the Markdown. Their text is made inert as Markdown too (an engine
  may read a block that sits inside a line of prose), and their links lead from the site's root
  path: MkDocs leaves links in raw HTML as they are, Zensical resolves them from the source file,
  and a root-relative address means the same to both.
- Front matter carries the page's title, already HTML-escaped (themes print ``page.meta.title``
  raw, in ``<title>`` too), and what the plugin would add: the edit target, the page in the other
  editions, the search facets. A theme override of any engine can use them.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field
from html import escape, unescape
from pathlib import Path
from urllib.parse import urlsplit

from generator.pages import markup, paths
from generator.pages.render import Site
from generator.util import mkdocs_config

# Characters that mean something to Markdown or its common extensions (emphasis, links,
# attribute lists, tables, marks, emoji); in HTML text a numeric reference shows the same.
_MARKDOWN = re.compile(r"&#?\w+;|[\\`*_{}\[\]#!|~^=:+]")
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)|([^<]+)")
_ADDRESS = re.compile(r'\b(href|src)="([^"]*)"')


@dataclass(frozen=True)
class Addresses:
    """Where the written site will live, for absolute citations and edit links."""

    site_url: str = ""  # this edition's address, ending in "/"; "" where it is not known
    edit_url: str = ""  # the repository's edit address for a file, ending in "/"
    editions: dict[str, str] = field(default_factory=dict)  # language -> each edition's address

    @property
    def root(self) -> str:
        """The site's path on its host: '/knowledge-base/'; '' without an address."""
        return urlsplit(self.site_url).path or "/" if self.site_url else ""


def configured(repo: Path) -> tuple[dict[str, str], str]:
    """Each edition's address (language -> site_url) and the edit address, as the repository's
    mkdocs.yml and the editions' configs it names say; ({}, "") where they say nothing."""
    main = mkdocs_config.read(repo / "mkdocs.yml")
    urls = {}
    for lang, file in mkdocs_config.editions(main).items():
        url = mkdocs_config.read(repo / file).get("site_url")
        if isinstance(url, str) and url.startswith(("https://", "http://")):
            urls[lang] = url.rstrip("/") + "/"
    edit = main.get("edit_uri")
    return urls, edit if isinstance(edit, str) else ""


def rebased(urls: dict[str, str], lang: str, site_url: str | None) -> dict[str, str]:
    """The editions' addresses with ``lang``'s at ``site_url`` (where given) and the others where
    they lie from it, as configured ('nl/' inside the English edition's address)."""
    if not site_url or lang not in urls:
        return {**urls, lang: site_url.rstrip("/") + "/"} if site_url else urls
    given = site_url.rstrip("/") + "/"
    top = min(urls.values(), key=len)  # the edition the others lie in
    inner = urls[lang][len(top) :] if urls[lang].startswith(top) else None
    if inner is None or not given.endswith(inner) or not all(u.startswith(top) for u in urls.values()):
        raise ValueError(f"--site-url {given}: the editions' addresses do not nest as configured; give each one's")
    base = given[: len(given) - len(inner)]
    return {other: base + url[len(top) :] for other, url in urls.items()}


def addresses(repo: Path, lang: str, site_url: str | None, edit_url: str | None) -> Addresses:
    """Where the rendered site will live: as given, else as the repository's config says."""
    urls, edit = configured(repo)
    urls = rebased(urls, lang, site_url)
    edit = edit_url if edit_url is not None else edit
    return Addresses(urls.get(lang, ""), edit and edit.rstrip("/") + "/", urls)


def inert_text(html: str) -> str:
    """HTML whose text Markdown cannot read as syntax: its special characters as references."""

    def text(match: re.Match[str]) -> str:
        if match[1]:
            return match[1]  # a tag: contributor text never holds "<", so each one is ours
        return _MARKDOWN.sub(lambda m: m[0] if len(m[0]) > 1 else f"&#{ord(m[0])};", match[2])

    return _TAG_OR_TEXT.sub(text, html)


def rooted(html: str, page: str, root: str) -> str:
    """HTML with each link within the site (relative to the page's address) from ``root``."""

    def address(match: re.Match[str]) -> str:
        value = unescape(match[2])
        if not value or value.startswith(("#", "/")) or urlsplit(value).scheme:
            return match[0]
        here = "/" + paths.url(page)
        path, hash_, anchor = value.partition("#")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(here), path))
        target = target.lstrip("/") + ("/" if path.endswith("/") or path in (".", "./") else "")
        target = "" if target in ("./", "/", ".") else target
        return f'{match[1]}="{escape(root + target + hash_ + anchor)}"'

    return _ADDRESS.sub(address, html)


def title(markdown: str) -> str:
    """The page's first heading as plain text, as ``inline`` escaped it undone."""
    for line in markdown.splitlines():
        if line.startswith("# "):
            heading = re.sub(r"\s*\{#[^}]*\}\s*$", "", line[2:])  # a heading id is no part of it
            heading = re.sub(r"<[^>]+>", "", heading)  # our own mark-up (a text shown in English)
            return " ".join(unescape(re.sub(r"\\(.)", r"\1", heading)).split())
    return ""


def front_matter(facts: dict[str, object]) -> str:
    """YAML front matter; each value as JSON, which YAML reads as it is and which no value breaks
    (ASCII with escapes: YAML refuses some characters that JSON would write raw, such as U+007F)."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=True, sort_keys=True)}" for key, value in facts.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def page(site: Site, path: str, lang: str, where: Addresses) -> str:
    """A page's Markdown, standing alone: front matter, then the page with its blocks in place."""
    blocks = [inert_text(b) for b in site.blocks.get(path, ())]
    if where.root:
        blocks = [rooted(b, path, where.root) for b in blocks]
    text = markup.put_back(site.pages[path], blocks)
    facts: dict[str, object] = {}
    shown = title(text)
    if shown:
        facts["title"] = escape(shown)
    if path in site.edit:
        facts["kb_source_file"] = site.edit[path]
        if where.edit_url:
            facts["edit_url"] = where.edit_url + site.edit[path]
    if where.editions:
        facts["kb_alternates"] = {e: url + paths.url(path) for e, url in where.editions.items()}
    if path in site.facets:
        facts["kb_facets"] = site.facets[path]
    if site.keywords.get(path):
        facts["kb_keywords"] = site.keywords[path]
    facts["kb_lang"] = lang
    return front_matter(facts) + text
