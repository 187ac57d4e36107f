"""Where each record's page lives in the site, as MkDocs source paths."""

from __future__ import annotations

import posixpath
from functools import lru_cache

from generator.records.models import KINDS

CASES_INDEX = "cases/index.md"
CRITERIA_INDEX = "criteria/index.md"
LESSONS_INDEX = "lessons/index.md"
CHECKLISTS_INDEX = "checklists/index.md"
RATINGS = "ratings.md"  # How to read the ratings
SELF_ASSESSMENT = "self-assessment.md"
ROLES_INDEX = "roles/index.md"


def case(cid: str) -> str:
    return f"cases/{cid}.md"


def criterion(cid: str) -> str:
    return f"criteria/{cid}.md"


def lesson(lid: str) -> str:
    return f"lessons/{lid}.md"


def record_page(kind: str, record: object) -> tuple[str, str]:
    """Where a record is shown: its own page, or the page that lists its kind, with its anchor.
    ``kind`` is a folder of models.TYPES or "study"; any other raises KeyError."""
    if kind == "study":  # the one record of its kind
        return "study.md", ""
    t, rid = KINDS[kind], getattr(record, "id", "")
    return (f"{kind}/{rid}.md", "") if t.own_pages else (t.page, rid if t.anchored else "")


def role(rid: str) -> str:
    return f"roles/{rid}.md"


def source(sid: str) -> str:
    return f"sources/{sid}.md"


SOURCES_INDEX = "sources/index.md"


def checklist(cid: str) -> str:
    return f"checklists/{cid}.md"


def profile_svg(cid: str) -> str:
    return f"assets/profiles/{cid}.svg"


@lru_cache(maxsize=65_536)
def _relpath(target: str, from_dir: str) -> str:
    return posixpath.relpath(target, from_dir or ".")


def relative(from_page: str, target: str, anchor: str = "") -> str:
    """A link from one source file to another, as MkDocs resolves and checks it."""
    # Pages sit at most one folder deep, so a cache on (target, folder) answers almost every call.
    path = _relpath(target, from_page.rpartition("/")[0])  # posixpath.dirname, for our clean paths
    return f"{path}#{anchor}" if anchor else path


@lru_cache(maxsize=65_536)
def url(path: str) -> str:
    """The one rule for addresses: a source file's address in the built site, relative to its
    root, as MkDocs gives it with directory URLs ('cases/x.md' -> 'cases/x/', 'index.md' -> '');
    a file that is no page keeps its path."""
    if not path.endswith(".md"):
        return path
    if path == "index.md" or path.endswith("/index.md"):
        return path.removesuffix("index.md")
    return path.removesuffix(".md") + "/"


def output_file(path: str) -> str:
    """The file the built site holds for a source file: a page is its address's index.html."""
    return url(path) + "index.html" if path.endswith(".md") else path


@lru_cache(maxsize=65_536)
def _href(from_page: str, target: str) -> str:
    here, there = url(from_page), url(target)
    path = posixpath.relpath(there or ".", here or ".")
    if not target.endswith(".md"):
        return path  # a file (the feed), not a page's folder
    return "./" if path == "." else path + "/"


def href(from_page: str, target: str, anchor: str = "") -> str:
    """A link from one page to another as the built site needs it: the address MkDocs gives the
    target, relative to the page's own. For HTML our code writes, which MkDocs does not rewrite."""
    path = _href(from_page, target)
    return f"{path}#{anchor}" if anchor else path


def file_href(from_page: str, target: str) -> str:
    """A link from a page to a file the site holds as it is (an SVG), as the built site needs it."""
    return posixpath.relpath(target, url(from_page) or ".")
