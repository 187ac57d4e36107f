"""Search with Pagefind: the build indexes the written pages, and Material's search box asks a
worker of ours (docs/assets/javascripts/search-worker.js) instead of its lunr worker.

Pagefind splits the index into small chunks that a query fetches on demand, one index per
`<html lang>`, so each edition searches only its own pages, with its own stemming.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from html import unescape
from pathlib import Path
from typing import Any

from generator.pages.facets import for_contributors
from generator.plugin import pagefind_files
from generator.words import table

# Material's __config names its lunr worker; pages ask ours instead (theme/main.html's config block).
_WORKER = re.compile(r'("search": ")([^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')
# Pages for contributors (facets.PAGE_TYPES) rank below what readers come for, where they show at
# all (the worker leaves them out of a reader's results): their words count a fifth as much.
CONTRIBUTOR_WEIGHT = 0.2
# Not part of what a page says: permalinks, the language switch, the edit button.
# Left out of the index: furniture, and the blocks every page ends with (where it was printed from,
# the terms on the page), which otherwise came up as a result's excerpt.
IGNORED = (".headerlink", ".kb-lang", ".md-content__button", ".kb-print-meta", "p.kb-terms")


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site; the message says why."""


class AnchorMissing(ValueError):
    """Material's markup no longer has what an override relies on: after an upgrade, say so loudly."""


def our_worker(config_script: str) -> str:
    """Material's __config script with its search worker's address pointed at ours."""
    swapped, found = _WORKER.subn(r'\1\2assets/javascripts/search-worker.js"', config_script, count=1)
    if not found:
        raise AnchorMissing(
            "Material's __config names no search worker (assets/javascripts/workers/search.*.min.js); "
            "search would stay on lunr with an empty index. See generator/plugin/theme/main.html"
        )
    return swapped


def filters(lang: str, names: dict[str, str] | None = None) -> dict[str, Any]:
    """What the search filters atop the results say, for theme/partials/kb-search-filters.html to
    show (config.extra.kb.search_filters): their words in the edition's language, a select per
    facet keyed as the pages key their facets (``*`` stands for each facet not named: a rating per
    criterion), and each facet key's name (``names``: Site.facet_names, known once the records are)."""
    w = table(lang)
    fields = [("facet_type", "type"), ("country", "country"), ("status", "status"), ("search_rating", "*")]
    return {
        "label": w["search_filters"],
        "any": w["search_any"],
        "count": w["search_count"],  # "{total} ..., {shown} shown": Material's count when not every result is shown
        "fields": [{"label": w[key], "facet": facet} for key, facet in fields],
        "facet_names": names or {},
        # Their order (the criteria in the study's), which tojson's sorted keys would lose.
        "facet_order": list(names or {}),
        # The Type value of the pages for contributors: left out of results unless chosen, or unless
        # nothing else matches (search-worker.js).
        "contributors": for_contributors(lang),
        # A filter value with the results it leaves, in words: "Case (2 results)".
        "option": {"one": w["search_option_one"], "other": w["search_option_other"]},
    }


def _glob(site_dir: Path, skip: frozenset[str]) -> str:
    """Pagefind's glob for the pages of this edition alone: its top-level pages and folders,
    without the other editions' subfolders (each has its own index, in its own language)."""
    parts = sorted(
        f"{entry.name}/**/*.html" if entry.is_dir() else entry.name
        for entry in site_dir.iterdir()
        if entry.name not in skip | {"pagefind"} and (entry.is_dir() or entry.suffix == ".html")
    )
    return "{" + ",".join(parts) + "}"


def index(
    site_dir: Path,
    skip: frozenset[str] = frozenset(),
    *,
    started: Callable[[subprocess.Popen[str]], None] | None = None,
    suggest: str = "",
) -> int:
    """Index the built pages under ``site_dir``, except the folders ``skip``, into
    ``site_dir/pagefind``; how many pages. With ``started`` (a live preview), Pagefind runs at a
    lower priority than the next rebuild, and ``started`` gets its process, to stop it when a newer
    build overtakes it."""
    bundle = site_dir / "pagefind"
    shutil.rmtree(bundle, ignore_errors=True)  # `mkdocs build --dirty` keeps old files
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", "pagefind"]
    command += ["--glob", _glob(site_dir, skip)]
    for selector in IGNORED:
        command += ["--exclude-selectors", selector]
    nice = shutil.which("nice") if started is not None else None
    try:
        process = subprocess.Popen(
            [nice, "-n", "10", *command] if nice else command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
    except OSError as exc:
        raise SearchIndexError(f"Pagefind did not run: {exc}") from None
    if started is not None:
        started(process)
    try:
        stdout, stderr = process.communicate(timeout=600)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise SearchIndexError("Pagefind did not finish in 10 minutes") from None
    if process.returncode != 0:
        raise SearchIndexError(f"Pagefind failed:\n{stdout[-2000:]}{stderr[-2000:]}")
    try:
        pagefind_files.canonicalize(bundle)
    except (OSError, ValueError, KeyError) as exc:
        raise SearchIndexError(
            f"Pagefind wrote an index this version cannot read ({exc}); see constraints.txt"
        ) from None
    if suggest:
        try:
            write_titles(bundle, suggest, page_titles(site_dir, skip))
        except OSError as exc:  # a live preview's next build removed the index meanwhile; it writes both again
            raise SearchIndexError(f"the titles list was not written: {exc}") from None
    return indexed_count(stdout)


_BODY = re.compile(r"data-pagefind-body.*?<h1[^>]*>(.*?)</h1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_PERMALINK = re.compile(r'<a class="headerlink".*?</a>', re.S)


def page_titles(site_dir: Path, skip: frozenset[str] = frozenset()) -> list[list[str]]:
    """[title, address] of every indexed page of this edition (its first heading), by address:
    what a search that finds nothing offers by edit distance (Pagefind has no typo tolerance)."""
    found = []
    for page in _html_files(site_dir, skip | {"pagefind"}):
        relative = page.relative_to(site_dir)
        try:
            text = page.read_text(encoding="utf-8")
        except OSError:  # a live preview's next build removed it meanwhile; that build indexes again
            continue
        heading = _BODY.search(text)
        if heading:
            title = unescape(_TAG.sub("", _PERMALINK.sub("", heading[1]))).strip()
            address = relative.parent.as_posix()
            found.append([title, "" if address == "." else address + "/"])
    return sorted(found, key=lambda pair: pair[1])


def _html_files(site_dir: Path, skip: frozenset[str]) -> Iterator[Path]:
    """Every .html file below ``site_dir`` outside the top-level folders in ``skip``. os.walk passes
    over a folder that vanishes while it is listed, as a live preview's next build may remove one
    (rglob raises); that build indexes again."""
    for folder, subfolders, files in os.walk(site_dir):
        if folder == str(site_dir):
            subfolders[:] = [name for name in subfolders if name not in skip]
        subfolders.sort()
        yield from (Path(folder) / name for name in sorted(files) if name.endswith(".html"))


def write_titles(bundle: Path, label: str, titles: list[list[str]]) -> None:
    """The titles list the search worker loads only when a query finds nothing."""
    data = {"label": label, "pages": titles}
    (bundle / "kb-titles.json").write_text(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )


def indexed_count(stdout: str) -> int:
    """How many pages Pagefind says it indexed; its words changing is an error, not a silent 0."""
    found = re.search(r"Indexed (\d+) pages?", stdout)
    if not found:
        raise SearchIndexError(
            "Pagefind's output no longer says 'Indexed N pages'; check the index and this pattern "
            f"(pinned version in constraints.txt):\n{stdout[-500:]}"
        )
    return int(found[1])
