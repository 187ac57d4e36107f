"""What follows a build, as functions over a folder of built HTML, so they work after any engine
(``python -m generator after-build SITE_DIR``) as they do after the plugin's MkDocs build: the
other editions' folders, the sitemap's alternates, the Pagefind index."""

from __future__ import annotations

import gzip
import re
import shutil
from html import escape, unescape
from pathlib import Path
from typing import Any

from generator.site import editions, search
from generator.site.editions import Edition, EditionError


def configured(repo: Path, config: str = "mkdocs.yml") -> dict[str, Edition]:
    """The editions the repository's config names (the plugin's ``editions`` option); {} if none."""
    file = repo / config
    if not file.is_file():
        return {}
    plugins: Any = editions.read_config(file).get("plugins") or {}
    options = plugins.get("knowledge-base") if isinstance(plugins, dict) else None
    named = options.get("editions") if isinstance(options, dict) else None
    return editions.editions(repo, dict(named)) if isinstance(named, dict) else {}


def rebased(all_editions: dict[str, Edition], lang: str, site_url: str | None) -> dict[str, Edition]:
    """The editions with the edition ``lang`` at ``site_url`` (where given) and the others where
    they lie from it, as the config places them ('nl/' inside the English edition's address)."""
    here = all_editions.get(lang)
    if not site_url or here is None:
        return all_editions
    given = site_url.rstrip("/") + "/"
    top = min(all_editions.values(), key=lambda e: len(e.site_url)).site_url  # the one the others lie in
    if not here.site_url.startswith(top):
        raise EditionError(f"the {lang} edition does not lie inside {top}; give each edition's address")
    inner = here.site_url[len(top) :]
    if not given.endswith(inner):
        raise EditionError(f"{given} does not end in {inner or '/'}, where the {lang} edition lies")
    base = given[: len(given) - len(inner)]
    moved = {}
    for e in all_editions.values():
        if not e.site_url.startswith(top):
            raise EditionError(f"the {e.lang} edition does not lie inside {top}; give each edition's address")
        moved[e.lang] = Edition(e.lang, e.config_file, base + e.site_url[len(top) :])
    return moved


def place_edition(site_dir: Path, built: Path, folder: str) -> None:
    """Another edition's built site, copied into its folder of this one ('nl/')."""
    target = site_dir / folder
    if target.resolve() == built.resolve():
        return  # built in place already, as the plugin does
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(built, target)


_URL = re.compile(r"<url>\s*<loc>([^<]*)</loc>")
_XMLNS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def with_alternates(xml: str, here: Edition, all_editions: dict[str, Edition]) -> str:
    """A sitemap with an xhtml:link per edition under each page of ``here`` (the plugin's build
    writes them from its sitemap template; another engine's sitemap gets them here)."""
    if "xmlns:xhtml=" in xml:
        return xml  # written with them already

    def alternates(match: re.Match[str]) -> str:
        loc = unescape(match[1])  # the sitemap's text is XML: unescape once, escape once below
        if not loc.startswith(here.site_url):
            return match[0]
        path = loc[len(here.site_url) :]
        return match[0] + "".join(
            f'\n    <xhtml:link rel="alternate" hreflang="{e.lang}" href="{escape(e.site_url + path)}"/>'
            for e in all_editions.values()
        )

    return _URL.sub(alternates, xml).replace(_XMLNS, f'{_XMLNS} xmlns:xhtml="http://www.w3.org/1999/xhtml"', 1)


def sitemap_alternates(site_dir: Path, here: Edition, all_editions: dict[str, Edition]) -> bool:
    """Each page of the sitemap with its address in every edition; its .gz copy too. False where
    the engine wrote no sitemap."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return False
    text = with_alternates(sitemap.read_text(encoding="utf-8"), here, all_editions)
    sitemap.write_text(text, encoding="utf-8")
    packed = sitemap.with_name("sitemap.xml.gz")
    if packed.is_file():  # mtime=0: the same content gives the same bytes
        packed.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    return True


def run(site_dir: Path, lang: str, all_editions: dict[str, Edition], built: dict[str, Path]) -> list[str]:
    """Every after-build step for the edition ``lang`` built into ``site_dir``, the other editions
    (``built``: language -> their built folder) placed inside it; what was done, line by line.
    Raises EditionError or search.SearchIndexError with a message a maintainer can act on."""
    done = []
    here = all_editions.get(lang)
    folders: dict[str, str] = {}
    if here is not None:
        folders = {e.lang: editions.subfolder(here, e) for e in all_editions.values() if e.lang != lang}
    for other, path in sorted(built.items()):
        if other not in folders:
            raise EditionError(f"no {other} edition inside the {lang} edition's address to place {path} in")
        place_edition(site_dir, path, folders[other])
        done.append(f"{other}: {path} placed in {folders[other]}")
    if here is not None:
        for e in [here, *(all_editions[o] for o in built)]:
            folder = site_dir / folders.get(e.lang, "")
            if sitemap_alternates(folder, e, all_editions):
                done.append(f"{e.lang}: sitemap alternates written")
    for e_lang, folder in [(lang, ""), *((o, folders[o]) for o in sorted(built))]:
        skip = frozenset(f.split("/")[0] for o, f in folders.items() if o != e_lang and not folder)
        pages = search.index(site_dir / folder, skip)
        done.append(f"{e_lang}: search index of {pages} pages written to {folder}pagefind/")
    return done
