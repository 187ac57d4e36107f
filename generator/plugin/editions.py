"""The English and Dutch editions as two builds of one site: where each lives, how a page links to
its counterpart, and the alternates search engines and Material's language switch read.

Plain functions over URLs and text; the plugin calls them. Both editions have the same pages at the
same paths, so a page's counterpart is the same path under the other edition's address.
"""

from __future__ import annotations

import posixpath
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.util import mkdocs_config
from generator.words import DEFAULT, LANGUAGES, table


@dataclass(frozen=True)
class Edition:
    lang: str
    config_file: Path
    site_url: str  # absolute, ending in "/"


class EditionError(ValueError):
    """A configuration of the editions that cannot work, said in words a maintainer can act on."""


def read_site_url(config_file: Path) -> str:
    url = mkdocs_config.read(config_file).get("site_url")
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


def their_folders(subfolders: dict[str, str]) -> frozenset[str]:
    """The top folders of the other editions placed in this one's site ({'nl': 'nl/'} -> {'nl'}):
    what this edition's search index leaves out."""
    return frozenset(folder.split("/")[0] for folder in subfolders.values())


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


def alternates(page_url: str, all_editions: dict[str, Edition]) -> list[dict[str, str]]:
    """The page in every edition, absolute, and x-default: the head's <link rel=alternate hreflang>."""
    links = [{"lang": e.lang, "href": e.site_url + page_url} for e in all_editions.values()]
    default = all_editions.get(DEFAULT) or next(iter(all_editions.values()))
    return [*links, {"lang": "x-default", "href": default.site_url + page_url}]


def switch(page_url: str, here: Edition, all_editions: dict[str, Edition]) -> dict[str, Any] | None:
    """The visible language switch: a link to this page in each other edition, each named and
    titled in its own language; None where there is no other edition."""
    links = [
        {
            "lang": other.lang,
            "href": counterpart(page_url, here, other),
            "name": table(other.lang)["lang_" + other.lang],
            "title": table(other.lang)["switch_to_label"],
        }
        for other in all_editions.values()
        if other.lang != here.lang
    ]
    return {"label": table(here.lang)["language_switch"], "links": links} if links else None


def start_build(engine: str, edition: Edition, site_dir: Path, *, strict: bool) -> subprocess.Popen[str]:
    """Build another edition in its own process, with the same engine (mkdocs or properdocs), so the
    two builds run side by side on two cores. Not with -q: MkDocs 1.6 then counts no warnings, and
    a strict build of the other edition would pass whatever it warned about (MkDocs issue #4126)."""
    command = [sys.executable, "-m", engine, "build", "-f", str(edition.config_file), "-d", str(site_dir)]
    if strict:
        command.append("--strict")
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
