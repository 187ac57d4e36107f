"""What follows a build, as functions over a folder of built HTML, so they work after any engine
(``python -m generator.plugin.after_build SITE_DIR``) as they do after the plugin's MkDocs build: the
other editions' folders, the sitemap's alternates, the Pagefind index."""

from __future__ import annotations

import argparse
import gzip
import re
import shutil
import sys
from collections.abc import Sequence
from html import escape, unescape
from pathlib import Path

from generator.pages import standalone
from generator.plugin import editions, search
from generator.plugin.editions import Edition, EditionError
from generator.util import mkdocs_config
from generator.words import DEFAULT, LANGUAGES


def configured(repo: Path, config: str = "mkdocs.yml") -> dict[str, Edition]:
    """The editions the repository's config names (the plugin's ``editions`` option); {} if none."""
    return editions.editions(repo, mkdocs_config.editions(mkdocs_config.read(repo / config)))


def rebased(all_editions: dict[str, Edition], lang: str, site_url: str | None) -> dict[str, Edition]:
    """The editions with ``lang``'s at ``site_url`` and the others where they lie from it."""
    urls = standalone.rebased({e.lang: e.site_url for e in all_editions.values()}, lang, site_url)
    return {e.lang: Edition(e.lang, e.config_file, urls[e.lang]) for e in all_editions.values()}


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
    for other, path in sorted(built.items()):  # path: that edition's built site
        if other not in folders:
            raise EditionError(f"no {other} edition inside the {lang} edition's address to place {path} in")
        place_edition(site_dir, path, folders[other])
        done.append(f"{other}: {path} placed in {folders[other]}")
    if here is not None:
        for e in [here, *(all_editions[o] for o in built)]:
            if sitemap_alternates(site_dir / folders.get(e.lang, ""), e, all_editions):
                done.append(f"{e.lang}: sitemap alternates written")
    # Each edition its own index, in its language: this one's leaves the others' folders out.
    for e_lang, sub in [(lang, ""), *((o, folders[o]) for o in sorted(built))]:
        skip = editions.their_folders(folders) if not sub else frozenset()
        pages = search.index(site_dir / sub, skip)
        done.append(f"{e_lang}: search index of {pages} pages written to {sub}pagefind/")
    return done


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m generator.plugin.after_build SITE``: a command of the site package, as only it may
    know the editions and search (the CLI's tools do not import the site)."""
    parser = argparse.ArgumentParser(prog="python -m generator.plugin.after_build", description=__doc__)
    parser.add_argument("site", type=Path, help="the built site of the edition --lang")
    parser.add_argument("--repo", type=Path, default=Path("."), help="repository folder (default: the current one)")
    parser.add_argument("--lang", choices=LANGUAGES, default=DEFAULT, help="the edition built there (default: en)")
    parser.add_argument("--site-url", default=None, help="the edition's address (default: its site_url in the config)")
    parser.add_argument(
        "--edition", action="append", default=[], metavar="LANG=DIR", help="another edition's built site to place in it"
    )
    args = parser.parse_args(argv)
    built = {}
    for text in args.edition:
        lang, equals, folder = text.partition("=")
        if not equals or lang not in LANGUAGES:
            parser.exit(2, f"error: --edition {text}: say LANG=DIR, LANG one of {', '.join(LANGUAGES)}\n")
        built[lang] = Path(folder)
    try:
        all_editions = rebased(configured(args.repo), args.lang, args.site_url)
        for line in run(args.site, args.lang, all_editions, built):
            print(line)
    except (ValueError, search.SearchIndexError, OSError) as exc:  # EditionError is a ValueError
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
