"""Shared test helpers: copy the repository, run the real CLI and MkDocs, read built HTML."""

from __future__ import annotations

import gzip
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Where the records come from: the generator's tests build the fictional corpus (CORPUS), which they
# may pin; the content tests (test_content and the few the README names) read the repository's own
# (REAL) and assert only what holds for any valid content.
CORPUS = ROOT / "tests" / "fixtures" / "kb"
REAL = ROOT
PY = sys.executable
# KB_SOURCE_TEXT_REQUIRED (.ci/run) promises the copy of the study the project was given beside this
# checkout, in ../shared. The tests' copies of the repository in temporary folders have nothing
# beside them, so the promise is taken out of the environment that the tests, their builds and their
# CLI runs see, and kept here for the test that compares texts/ with that copy.
SOURCE_TEXT_REQUIRED = bool(os.environ.pop("KB_SOURCE_TEXT_REQUIRED", ""))
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
# For tests that commit to a scratch repository: a fixed author, nothing from the machine.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
    "PATH": "/usr/bin:/bin",
}


# The day built_site's records are committed on (conftest): its pages' "last changed" date.
BUILT_ON = "2024-01-10"


def commit_all(repo: Path, message: str, date: str) -> None:
    """Commit everything in ``repo`` (made a git repository if it is not one) on ``date``."""
    env = {**GIT_ENV, "GIT_AUTHOR_DATE": f"{date}T12:00:00Z", "GIT_COMMITTER_DATE": f"{date}T12:00:00Z"}
    if not (repo / ".git").exists():
        subprocess.run(["git", "init", "-q"], cwd=repo, env=env, check=True)
    for args in (["add", "-A", "."], ["commit", "-q", "-m", message]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True)


def copy_repo(dest: Path, corpus: Path = CORPUS) -> Path:
    """A working copy of what the site is built from, safe to edit in a test: the repository's
    configuration, pages and schemas with the records and texts of ``corpus``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name, base in (("content", corpus), ("texts", corpus), ("docs", ROOT), ("schema", ROOT)):
        if (base / name).exists():
            shutil.copytree(base / name, dest / name)
    for name in ("mkdocs.yml", "mkdocs.nl.yml", "CONTRIBUTING.md", "CONTRIBUTING.nl.md", "CITATION.cff"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, dest / name)
    return dest


def without_source_texts(repo: Path) -> None:
    """Take every source's text out of a copy, for content whose quotes are made up on purpose
    (hostile text, marks): its quotes then go unchecked, which validate allows with a warning."""
    for record in (repo / "content/sources").glob("*.yaml"):
        lines = record.read_text(encoding="utf-8").splitlines(keepends=True)
        record.write_text("".join(line for line in lines if not line.startswith("full_text:")), encoding="utf-8")


def run_cli(repo: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PY, "-m", "generator", "--repo", str(repo), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=ENV,
        cwd=ROOT,
    )


def mkdocs_build(repo: Path, site: Path, *extra: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PY, "-m", "mkdocs", "build", "--strict", "-f", str(repo / "mkdocs.yml"), "-d", str(site), *extra],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=ENV,
        cwd=repo,
    )


class Page(HTMLParser):
    """The parts of a built page the tests look at."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.scripts: list[dict[str, str | None]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text_parts: list[str] = []
        self._skip = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"] or "")
        if tag == "script":
            self.scripts.append(a)
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.text_parts))


class ArticleText(HTMLParser):
    """The words of a page's article, split by language: those inside an element with lang="en"
    (or another language) apart from the rest, which is in the page's own language."""

    VOID = frozenset({"br", "img", "input", "hr", "meta", "link", "source", "wbr", "col", "area"})

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.own: list[str] = []
        self.marked: list[str] = []
        self._stack: list[tuple[str, bool]] = []  # (tag, whether it or a parent is marked)
        self._in_article = 0
        self.lang = ""
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang") or ""
            return
        if tag in self.VOID:
            return
        if tag == "article":
            self._in_article += 1
        other_language = bool(a.get("lang")) and a.get("lang") != self.lang
        marked = bool(self._stack and self._stack[-1][1]) or other_language
        # Code is the same in every edition (a record's keys, an example record), not prose.
        skip = tag in ("script", "style", "svg", "code", "pre") or "headerlink" in (a.get("class") or "")
        self._stack.append((tag, marked or skip))
        if skip:
            self._stack[-1] = (tag, True)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        while self._stack:
            top, _ = self._stack.pop()
            if top == tag:
                break
        if tag == "article":
            self._in_article -= 1

    def handle_data(self, data: str) -> None:
        if not self._in_article:
            return
        words = re.findall(r"[A-Za-zÀ-ÿ']+", re.sub(r"\S*(://|/)\S*", " ", data))  # not addresses or paths
        (self.marked if self._stack and self._stack[-1][1] else self.own).extend(w.lower() for w in words)


# Words that are common in English prose and are not Dutch words ("is", "of" and "was" are both,
# so they are left out): their share of a page's words shows English text not marked as such.
ENGLISH_ONLY = frozenset(
    [
        "the",
        "and",
        "are",
        "were",
        "with",
        "which",
        "that",
        "this",
        "these",
        "those",
        "from",
        "for",
        "by",
        "not",
        "has",
        "have",
        "its",
        "it",
        "they",
        "their",
        "there",
        "what",
        "when",
        "who",
        "how",
        "why",
        "would",
        "could",
        "should",
        "about",
        "between",
        "into",
        "than",
        "then",
        "also",
    ]
)


def english_share(html: str) -> tuple[float, list[str]]:
    """The share of English stop words among a page's article words outside lang-marked elements."""
    text = ArticleText(html)
    hits = [w for w in text.own if w in ENGLISH_ONLY]
    return (len(hits) / len(text.own) if text.own else 0.0), hits


def read_page(site: Path, url_path: str) -> Page:
    return Page((site / url_path / "index.html").read_text(encoding="utf-8"))


def broken_links(site: Path, web_root: Path | None = None) -> list[str]:
    """Every internal link or anchor in the built site that leads nowhere; with ``web_root`` (the
    folder the host serves as "/"), links from the host's root path too."""
    from urllib.parse import unquote, urlsplit

    pages = {p: Page(p.read_text(encoding="utf-8")) for p in site.rglob("*.html")}
    broken = []
    for path, page in pages.items():
        if path.name == "404.html":
            continue  # served at any depth, so it links from the site root on purpose
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//") or href.startswith("mailto:"):
                continue
            if web_root is not None and parts.path.startswith("/"):
                target = (web_root / unquote(parts.path).lstrip("/")).resolve()
            else:
                target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path.relative_to(site)}: {href}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else Page(target.read_text(encoding="utf-8")).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{path.relative_to(site)}: {href} (no such anchor)")
    return broken


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (OSError, http.client.HTTPException):
        # MkDocs' server takes a file's length by path after opening it: a file replaced in
        # between comes short (IncompleteRead). A caller waits and asks again.
        return ""


def wait_for(condition, timeout: float = 60.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.2)
    return False


def indexed_pages(bundle: Path) -> dict[str, str]:
    """What a Pagefind bundle indexed: each page's address (from its edition's root) and text."""
    pages = {}
    for fragment in (bundle / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        pages[data["url"].removeprefix("/knowledge-base").removeprefix("/nl")] = data["content"]
    return pages


def indexed_languages(bundle: Path) -> set[str]:
    """The languages (each with its own stemming) of a Pagefind bundle's indexes."""
    return set(json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"])


def plugin_config(config_file: Path, **overrides: object):
    """The MkDocs config of ``config_file`` (with ``overrides``, as `load_config(**cfg)` takes them)
    and its knowledge-base plugin, loaded in process to call a hook without building the site."""
    from mkdocs.config import load_config

    config = load_config(str(config_file), **overrides)
    return config, config.plugins["knowledge-base"]


def plain_quote(kb):
    """A quoted rating of an assessed case, from whatever content is there: (case, criterion id,
    citation), its quote plain words (no character Markdown or HTML would change)."""
    for case in kb.assessed_cases:
        for criterion, indicator in kb.indicators:
            for cited in case.assessment[criterion.id][indicator.id].cite:
                if cited.quote and cited.section and re.fullmatch(r"[A-Za-z0-9 ,.]+", str(cited.quote)):
                    return case, criterion.id, cited
    raise AssertionError("no assessed case quotes its source in plain words")


def page_markdown(site, path: str) -> str:
    """A rendered page's Markdown with its HTML blocks in place (markup.put_back): what its template
    wrote, to read in a test."""
    from generator.pages import markup

    return markup.put_back(site.pages[path], site.blocks.get(path, ()))


def collection_schema(folder: str) -> str:
    """The schema file a record in ``content/<folder>/`` (or ``content/<folder>.yaml``) names."""
    from generator.pages.export import schema_name
    from generator.records.models import COLLECTIONS, SINGLETONS

    return schema_name((COLLECTIONS.get(folder) or SINGLETONS[folder]).__name__)


# What a working copy holds beside the repository's own files: tools' folders and build output.
NOT_THE_REPOSITORY = frozenset(
    {".git", ".venv", ".venv-properdocs", ".venv-lock", "node_modules", "site", "site-properdocs", "build", "out"}
    | {"__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache", ".hypothesis"}
)


def repository_files(root: Path = ROOT) -> set[str]:
    """The repository's files as POSIX paths from ``root``, read from the folder itself (not from git:
    a copy without .git, as a contributor's scratch copy, has the same files)."""
    found = set()
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in NOT_THE_REPOSITORY and not d.endswith(".egg-info")]
        base = Path(folder).relative_to(root)
        found |= {(base / name).as_posix() for name in files}
    return found


def copy_repo_for(dest: Path, url: str) -> Path:
    """``copy_repo`` with both editions' site_url set for the address ``url`` (ending in '/'), so
    the built site is served there as on its real host."""
    repo = copy_repo(dest)
    for name, address in (("mkdocs.yml", url), ("mkdocs.nl.yml", f"{url}nl/")):
        config = repo / name
        text = re.sub(r"(?m)^site_url: .*$", f"site_url: {address}", config.read_text(encoding="utf-8"))
        config.write_text(text, encoding="utf-8")
    return repo
