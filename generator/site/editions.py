"""The English and Dutch editions as two builds of one site: where each lives, how a page links to
its counterpart, and the alternates search engines and Material's language switch read.

Plain functions over URLs and text; the plugin calls them. Both editions have the same pages at the
same paths, so a page's counterpart is the same path under the other edition's address.
"""

from __future__ import annotations

import posixpath
import re
import subprocess
import sys
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from generator.words import DEFAULT, LANGUAGES, table


@dataclass(frozen=True)
class Edition:
    lang: str
    config_file: Path
    site_url: str  # absolute, ending in "/"


class EditionError(ValueError):
    """A configuration of the editions that cannot work, said in words a maintainer can act on."""


class _AnyTagLoader(yaml.SafeLoader):
    """Reads a MkDocs config without running its tags (!ENV, !relative): only site_url is wanted."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(config_file: Path) -> dict[str, Any]:
    """A config file's own settings (not those it INHERITs), its tags left unrun."""
    data: Any = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    return data if isinstance(data, dict) else {}


def read_site_url(config_file: Path) -> str:
    url = read_config(config_file).get("site_url")
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise EditionError(f"{config_file.name}: every edition needs its own absolute site_url")
    return url if url.endswith("/") else url + "/"


def editions(repo: Path, config_files: dict[str, str]) -> dict[str, Edition]:
    """The editions the plugin's `editions` option names (language -> config file), in LANGUAGES order."""
    unknown = sorted(set(config_files) - set(LANGUAGES))
    if unknown:
        raise EditionError(
            f"editions: unknown language {', '.join(unknown)}; the generator has words for {', '.join(LANGUAGES)}"
        )
    found = {}
    for lang in LANGUAGES:
        if lang in config_files:
            file = repo / config_files[lang]
            if not file.is_file():
                raise EditionError(f"editions: {lang}: {config_files[lang]} does not exist")
            found[lang] = Edition(lang, file, read_site_url(file))
    return found


def subfolder(main: Edition, other: Edition) -> str:
    """Where ``other`` is published inside ``main``'s site, from their addresses: 'nl/'."""
    if not other.site_url.startswith(main.site_url) or other.site_url == main.site_url:
        raise EditionError(
            f"the {other.lang} edition's site_url ({other.site_url}) must lie inside the {main.lang} edition's "
            f"({main.site_url}), e.g. {main.site_url}{other.lang}/, so one build can publish both"
        )
    return other.site_url[len(main.site_url) :]


def counterpart(page_url: str, here: Edition, there: Edition) -> str:
    """The link from a page (its URL relative to its edition's root) to the same page in ``there``:
    relative where both editions share a host, so it works in a local build too."""
    target = there.site_url + page_url
    a, b = urlsplit(here.site_url), urlsplit(there.site_url)
    if (a.scheme, a.netloc) != (b.scheme, b.netloc):
        return target
    source_dir = posixpath.dirname(urlsplit(here.site_url + page_url).path.rstrip("/") + "/x")
    link = posixpath.relpath(urlsplit(target).path, source_dir)
    return link + "/" if target.endswith("/") and not link.endswith("/") else link


def head_links(page_url: str, all_editions: dict[str, Edition]) -> str:
    """<link rel=alternate hreflang> to the page in every edition, absolute, and x-default."""
    links = [
        f'<link rel="alternate" hreflang="{e.lang}" href="{escape(e.site_url + page_url)}">'
        for e in all_editions.values()
    ]
    default = all_editions.get(DEFAULT) or next(iter(all_editions.values()))
    links.append(f'<link rel="alternate" hreflang="x-default" href="{escape(default.site_url + page_url)}">')
    return "\n".join(links)


def switch(page_url: str, here: Edition, all_editions: dict[str, Edition]) -> str:
    """The visible language switch: a link to this page in each other edition, in that language."""
    items = []
    for other in all_editions.values():
        if other.lang == here.lang:
            continue
        theirs = table(other.lang)  # the link is in the other language: its name and its title
        items.append(
            f'<a href="{escape(counterpart(page_url, here, other))}" hreflang="{other.lang}" lang="{other.lang}" '
            f'class="kb-lang__link" title="{escape(theirs["switch_to_label"])}">{escape(theirs["lang_" + other.lang])}</a>'
        )
    if not items:
        return ""
    label = escape(table(here.lang)["language_switch"])
    return f'<nav class="kb-lang" aria-label="{label}">{" ".join(items)}</nav>'


_MATERIAL_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
_CONTENT = '<article class="md-content__inner md-typeset">'


def decorate_page(html: str, page_url: str, here: Edition, all_editions: dict[str, Edition]) -> str:
    """A built page with its alternates in the head and the language switch atop its article.
    Material's own alternates (pointing at each edition's home) are replaced by per-page ones."""
    # Only the head is searched: the pattern's leading \s* makes a scan of the whole page slow.
    head, end, body = html.partition("</head>")
    head = _MATERIAL_ALTERNATE.sub("", head) + head_links(page_url, all_editions) + "\n"
    return head + end + body.replace(_CONTENT, _CONTENT + switch(page_url, here, all_editions), 1)


_URL = re.compile(r"<url>\s*<loc>([^<]*)</loc>")


def sitemap_with_alternates(xml: str, here: Edition, all_editions: dict[str, Edition]) -> str:
    """The edition's sitemap.xml with an xhtml:link per edition under every page. Its <loc>s stay
    this edition's own: Material's instant navigation follows only those."""

    def alternates(match: re.Match[str]) -> str:
        loc = unescape(match[1])  # the sitemap's text is XML: unescape once, escape once below
        path = loc[len(here.site_url) :] if loc.startswith(here.site_url) else None
        if path is None:
            return match[0]
        links = "".join(
            f'\n         <xhtml:link rel="alternate" hreflang="{e.lang}" href="{escape(e.site_url + path)}"/>'
            for e in all_editions.values()
        )
        return match[0] + links

    xml = _URL.sub(alternates, xml)
    return xml.replace(
        'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"',
        'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml"',
        1,
    )


def start_build(engine: str, edition: Edition, site_dir: Path, *, strict: bool) -> subprocess.Popen[str]:
    """Build another edition in its own process, with the same engine (mkdocs or properdocs), so the
    two builds run side by side on two cores."""
    command = [sys.executable, "-m", engine, "build", "-q", "-f", str(edition.config_file), "-d", str(site_dir)]
    if strict:
        command.append("--strict")
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
