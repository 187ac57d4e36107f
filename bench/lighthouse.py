"""Lighthouse on one page of each type, both editions, served as GitHub Pages serves the site.

Not a test: a benchmark for issue 33's last condition (mobile performance at least 95 and
accessibility 100 on every page type). Builds the site (or takes ``--site``, a built site folder),
serves it at /knowledge-base/ with gzip for text types and ``Cache-Control: max-age=600`` (what
GitHub Pages sends), runs Lighthouse (mobile, its default simulated throttling) ``--runs`` times
per page and prints the median run's four category scores and its failing performance audits.

Lighthouse is not a dependency of the project: install it once outside the repository
(``npm install --prefix /tmp/lh lighthouse@12``) and pass ``--lighthouse
/tmp/lh/node_modules/.bin/lighthouse``, or set ``LIGHTHOUSE``; without either the script runs
``npx --yes lighthouse@12``. Chromium comes from ``CHROME_PATH`` or the PATH.

Usage: python bench/lighthouse.py [--site DIR] [--runs 3] [--pages home case ...] [--editions en nl]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "/knowledge-base/"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Page type -> the folder holding such pages (the first one, sorted, is measured) or the page itself.
PAGE_TYPES: dict[str, str] = {
    "home": "",
    "path": "path/",
    "case": "cases/*",
    "lesson": "lessons/*",
    "criterion": "criteria/*",
    "comparison": "comparison/",
    "self-assessment": "self-assessment/",
    "role": "roles/*",
    "source": "sources/wodc-soft-targets/",
    "study": "study/",
}
# What GitHub Pages compresses (text types); images and fonts go as they are.
COMPRESSED = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".csv")


class PagesHandler(SimpleHTTPRequestHandler):
    """The built site at /knowledge-base/, gzip for text when asked, and a ten-minute cache."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / "__missing__")
        return super().translate_path("/" + path[len(PREFIX) :])

    def send_head(self) -> Any:  # a file to copy to the client, or None
        target = Path(self.translate_path(self.path))
        if target.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            target = target / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (target.is_file() and target.suffix in COMPRESSED and wants_gzip):
            return super().send_head()
        body = gzip.compress(target.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(target)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


@contextmanager
def serve(site: Path) -> Iterator[str]:
    handler = functools.partial(PagesHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()


def page_path(site: Path, where: str) -> str | None:
    """The site-relative address of one page of a type, or None when the site has none."""
    if not where.endswith("*"):
        return where if (site / where / "index.html").is_file() else None
    folder = site / where[:-1]
    pages = sorted(p.parent.name for p in folder.glob("*/index.html"))
    return f"{where[:-1]}{pages[0]}/" if pages else None


def lighthouse_command(given: str | None) -> list[str]:
    found = given or os.environ.get("LIGHTHOUSE") or shutil.which("lighthouse")
    return [found] if found else ["npx", "--yes", "lighthouse@12"]


def run_lighthouse(command: list[str], url: str, out: Path) -> dict[str, Any] | None:
    args = [
        *command,
        url,
        "--form-factor=mobile",
        "--only-categories=" + ",".join(CATEGORIES),
        "--chrome-flags=--headless=new --no-sandbox",
        "--output=json",
        f"--output-path={out}",
        "--quiet",
    ]
    env = {**os.environ}
    env.setdefault("CHROME_PATH", shutil.which("chromium") or shutil.which("google-chrome") or "")
    result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or not out.is_file():
        print(f"  lighthouse failed on {url}: {result.stderr[-500:]}", file=sys.stderr)
        return None
    return json.loads(out.read_text(encoding="utf-8"))


def score(report: dict[str, Any], category: str) -> int | None:
    value = report["categories"][category]["score"]
    return None if value is None else round(value * 100)


def failing(report: dict[str, Any], category: str = "performance") -> list[str]:
    """The audits of ``category`` that cost points, with what Lighthouse says they cost."""
    out = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        mode = audit["scoreDisplayMode"]
        if audit["score"] is None or audit["score"] >= 0.9 or mode in ("notApplicable", "informative", "manual"):
            continue
        if ref["id"].endswith("-insight"):  # Lighthouse 12 reports each twice: the audit and its insight
            continue
        shown = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
        out.append(f"{audit['id']}{shown}")
    return out


def build(work: Path) -> Path:
    site = work / "knowledge-base"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = Path(sys.executable).parent / "mkdocs"
    subprocess.run([str(mkdocs), "build", "--strict", "-q", "-d", str(site)], cwd=ROOT, env=env, check=True)
    return site


def measure(site: Path, pages: list[str], editions: list[str], runs: int, command: list[str]) -> None:
    rows, notes = [], []
    with serve(site) as base, tempfile.TemporaryDirectory() as tmp:
        for name in pages:
            for edition in editions:
                edition_site = site if edition == "en" else site / edition
                path = page_path(edition_site, PAGE_TYPES[name])
                if path is None:
                    continue
                url = base + ("" if edition == "en" else f"{edition}/") + path
                reports = [run_lighthouse(command, url, Path(tmp) / f"{name}-{edition}-{i}.json") for i in range(runs)]
                done = [r for r in reports if r]
                if not done:
                    continue
                perfs = [score(r, "performance") or 0 for r in done]
                median = sorted(done, key=lambda r: score(r, "performance") or 0)[(len(done) - 1) // 2]
                cells = [str(score(median, c)) for c in CATEGORIES]
                rows.append(f"| {name} | {edition} | {' | '.join(cells)} | {', '.join(map(str, perfs))} |")
                print(rows[-1], file=sys.stderr, flush=True)
                if (lost := failing(median)) and (score(median, "performance") or 0) < 100:
                    notes.append(f"{name} {edition}: " + "; ".join(lost))
                for category in CATEGORIES[1:]:
                    if lost := failing(median, category):
                        notes.append(f"{name} {edition} ({category}): " + "; ".join(lost))
    print(f"\nload average after: {os.getloadavg()[0]:.2f} (2 cores: scores fall as load rises)\n")
    print("| page | edition | perf (median) | a11y | best practices | SEO | perf, each run |")
    print("|---|---|---:|---:|---:|---:|---|")
    print("\n".join(rows))
    if notes:
        print("\nFailing audits (median run; performance unless named):")
        print("\n".join(f"- {n}" for n in notes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site folder (default: build one)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", nargs="+", default=list(PAGE_TYPES), choices=list(PAGE_TYPES))
    parser.add_argument("--editions", nargs="+", default=["en", "nl"])
    parser.add_argument("--lighthouse", help="the lighthouse command (default: $LIGHTHOUSE or npx)")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f}", flush=True)
    command = lighthouse_command(args.lighthouse)
    if args.site:
        measure(args.site.resolve(), args.pages, args.editions, args.runs, command)
        return
    with tempfile.TemporaryDirectory() as work:
        measure(build(Path(work)), args.pages, args.editions, args.runs, command)


if __name__ == "__main__":
    main()
