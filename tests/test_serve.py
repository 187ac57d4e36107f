"""`mkdocs serve` re-renders on a record edit, survives invalid content and recovers."""

from __future__ import annotations

import difflib
import re
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

import pytest

from helpers import ENV, PY, fetch, free_port, mkdocs_build, wait_for


@contextmanager
def serving(
    config: Path, log_path: Path, *options: str, port: int = 0, temp: Path | None = None
) -> Iterator[tuple[int, TextIO, subprocess.Popen[bytes]]]:
    """`mkdocs serve` of ``config`` on ``port`` (a free one by default), its output in a log;
    stopped afterwards. With ``temp``, the site it serves is built in a folder there."""
    port = port or free_port()
    log = log_path.open("w+")
    server = subprocess.Popen(
        [PY, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}", *options],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**ENV, "TMPDIR": str(temp)} if temp else ENV,
        cwd=config.parent,
    )
    try:
        yield port, log, server
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def log_text(log: TextIO) -> str:
    log.flush()
    return Path(log.name).read_text(encoding="utf-8", errors="replace")


@pytest.mark.build
def test_serve_rerenders_on_edit_and_survives_broken_yaml(repo: Path, tmp_path: Path) -> None:
    record = repo / "content/cases/old-mill-museum.yaml"
    original = record.read_text(encoding="utf-8")
    with serving(repo / "mkdocs.yml", tmp_path / "serve.log") as (port, log, server):
        # The root redirects to the site's mount path, so follow it once.
        assert wait_for(lambda: fetch(f"http://127.0.0.1:{port}/") != ""), log_text(log)
        base = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).geturl()
        url = base + "cases/old-mill-museum/"
        assert "Old Mill Museum" in fetch(url)

        # A contributor rewrites the name line in English only: valid, shown at once.
        record.write_text(
            original.replace("name: {en: Old Mill Museum, nl: Museum De Oude Molen}", "name: Renamed Camera Scheme"),
            encoding="utf-8",
        )
        assert wait_for(lambda: "Renamed Camera Scheme" in fetch(url)), log_text(log)

        record.write_text(original.replace("status: screened-out", "status: maybe"), encoding="utf-8")
        line = original.splitlines().index("status: screened-out") + 1
        assert wait_for(
            lambda: f"content/cases/old-mill-museum.yaml:{line}:1: status: 'maybe' is not one of" in log_text(log)
        ), log_text(log)
        time.sleep(1)
        assert server.poll() is None  # the server stays up; MkDocs holds pages until the fix

        record.write_text(
            original.replace("name: {en: Old Mill Museum, nl: Museum De Oude Molen}", "name: Recovered Scheme"),
            encoding="utf-8",
        )
        assert wait_for(lambda: "Recovered Scheme" in fetch(url)), log_text(log)
        assert "Traceback" not in log_text(log)


@pytest.mark.build
def test_the_dutch_edition_previews_with_live_reload(repo: Path, tmp_path: Path) -> None:
    url_path = "/knowledge-base/nl/cases/harbour-lights-festival/"
    record = repo / "content/cases/harbour-lights-festival.yaml"
    original = record.read_text(encoding="utf-8")
    with serving(repo / "mkdocs.nl.yml", tmp_path / "serve-nl.log") as (port, log, _):
        url = f"http://127.0.0.1:{port}{url_path}"
        assert wait_for(lambda: "Overleg Havenlichtfestival" in fetch(url)), log_text(log)
        assert '<html lang="nl"' in fetch(url)
        record.write_text(
            original.replace("nl: Overleg Havenlichtfestival}", "nl: Havenlichtoverleg}"), encoding="utf-8"
        )
        assert wait_for(lambda: "Havenlichtoverleg" in fetch(url)), log_text(log)
        assert "Traceback" not in log_text(log)


def _served_bytes(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


# What the preview server adds to each HTML page it serves, for live reload.
LIVE_RELOAD = re.compile(rb"<script>\s*var livereload\b.*?</script>\s*", re.S)


@pytest.mark.build
def test_a_dirty_preview_serves_what_a_clean_build_writes_after_edits(repo: Path, tmp_path: Path) -> None:
    cases = sorted((repo / "content/cases").glob("*.yaml"))
    # Both editions' addresses are the preview's, as the clean build's below: the pages link to them.
    port = free_port()
    base = f"http://127.0.0.1:{port}/knowledge-base/"
    for config_name, address in (("mkdocs.yml", base), ("mkdocs.nl.yml", base + "nl/")):
        config = repo / config_name
        config.write_text(
            re.sub(r"(?m)^site_url: .*$", f"site_url: {address}", config.read_text(encoding="utf-8")), encoding="utf-8"
        )
    with serving(repo / "mkdocs.yml", tmp_path / "serve.log", "--dirty", port=port) as (_, log, _server):
        assert wait_for(lambda: fetch(base) != ""), log_text(log)
        # A case renamed, a case added, a role card removed: each shows before the next edit.
        text = cases[0].read_text(encoding="utf-8")
        name = re.search(r"(?m)^name: .*$", text)[0]  # type: ignore[index]
        cases[0].write_text(text.replace(name, "name: Renamed In Preview"), encoding="utf-8")
        assert wait_for(lambda: "Renamed In Preview" in fetch(base + "comparison/")), log_text(log)
        added = cases[1].read_text(encoding="utf-8").replace(f"id: {cases[1].stem}", "id: zz-added", 1)
        (repo / "content/cases/zz-added.yaml").write_text(added, encoding="utf-8")
        assert wait_for(lambda: "zz-added" in fetch(base + "cases/")), log_text(log)
        gone = base + "roles/venue/"
        stadium = repo / "content/cases/riverside-stadium.yaml"  # the one party that names the card
        stadium.write_text(stadium.read_text(encoding="utf-8").replace("    kind: venue\n", ""), encoding="utf-8")
        (repo / "content/roles/venue.yaml").unlink()
        assert wait_for(lambda: fetch(gone) == ""), log_text(log)
        # The search index is written just after the pages: wait for the one after the last build.
        time.sleep(1)
        assert wait_for(lambda: log_text(log).rfind("search index of") > log_text(log).rfind("Documentation built")), (
            log_text(log)
        )
        # The same repository built from scratch.
        clean = tmp_path / "clean"
        assert mkdocs_build(repo, clean).returncode == 0
        files = [p for p in sorted(clean.rglob("*")) if p.is_file() and p.relative_to(clean).parts[0] != "nl"]
        assert len(files) > 100
        differ = []
        for path in files:
            address = base + path.relative_to(clean).as_posix()
            served = LIVE_RELOAD.sub(b"", _served_bytes(address)) if path.suffix == ".html" else _served_bytes(address)
            if served != path.read_bytes():
                differ.append(path.relative_to(clean).as_posix())
        if differ:  # show how the first differs
            served = LIVE_RELOAD.sub(b"", _served_bytes(base + differ[0])).decode().splitlines()
            written = (clean / differ[0]).read_text(encoding="utf-8").splitlines()
            print(
                "\n".join(list(difflib.unified_diff(written, served, "clean build", "served", lineterm="", n=0))[:40])
            )
        assert differ == [], differ
        assert "Traceback" not in log_text(log)


@pytest.mark.build
def test_the_preview_checks_quotes_again_when_a_source_text_is_edited(repo: Path, tmp_path: Path) -> None:
    """`make serve` watches texts/ too: editing a source's text re-checks the quotes that cite it."""
    text = repo / "texts/riverside-study.txt"
    original = text.read_text(encoding="utf-8")
    with serving(repo / "mkdocs.yml", tmp_path / "serve.log") as (port, log, server):
        assert wait_for(lambda: fetch(f"http://127.0.0.1:{port}/knowledge-base/") != ""), log_text(log)
        text.write_text(original.replace("are present in this network", "are gone from this network"), "utf-8")
        assert wait_for(
            lambda: re.search(
                r"riverside-stadium\.yaml:\d+:7: verdict\.cite\[0\]\.quote: these words are not in the text",
                log_text(log),
            )
        ), log_text(log)
        assert server.poll() is None and "Traceback" not in log_text(log)


# A MkDocs hook for the copy under test: each data export takes seconds, as a large collection's
# would, so a save lands while the exports of the build before are still being made.
SLOW_EXPORTS = """
import time
from generator.pages import export

if not getattr(export.data_files, "slowed", False):  # MkDocs loads the hook again every rebuild
    made = export.data_files

    def data_files(*args, **kwargs):
        time.sleep(2)
        return made(*args, **kwargs)

    data_files.slowed = True
    export.data_files = data_files
"""


@pytest.mark.build
def test_a_preview_serves_the_exports_of_the_last_good_build(repo: Path, tmp_path: Path) -> None:
    """A good edit, another while its exports are still made, an invalid one, a good one again:
    data/knowledge-base.json shows the last good state at each step, never an overtaken or failed one.
    (After a failed build MkDocs holds every request until the next good one: meanwhile the file
    is read where the server will serve it from.)"""
    (repo / "slow_exports.py").write_text(SLOW_EXPORTS, encoding="utf-8")
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - slow_exports.py\n", encoding="utf-8")
    record = repo / "content/cases/old-mill-museum.yaml"
    original = record.read_text(encoding="utf-8")
    name_line = "name: {en: Old Mill Museum, nl: Museum De Oude Molen}"

    def named(name: str, *, valid: bool = True) -> None:
        text = original.replace(name_line, f"name: {name}")
        record.write_text(text if valid else text.replace("status: screened-out", "status: maybe"), encoding="utf-8")

    temp = tmp_path / "temp"
    temp.mkdir()
    with serving(config, tmp_path / "serve.log", "--dirty", temp=temp) as (port, log, server):
        base = f"http://127.0.0.1:{port}/knowledge-base/"
        page, data = base + "cases/old-mill-museum/", base + "data/knowledge-base.json"
        assert wait_for(lambda: "Old Mill Museum" in fetch(data)), log_text(log)
        (site,) = temp.glob("mkdocs_*")
        seen: list[str] = []  # the exports, each time they were read after the second edit was served

        def exports_show(name: str, read: Callable[[], str]) -> bool:
            seen.append(read())
            return name in seen[-1]

        on_disk = (site / "data/knowledge-base.json").read_text
        named("First Good Name")
        assert wait_for(lambda: "First Good Name" in fetch(page)), log_text(log)
        named("Second Good Name")  # while the first edit's exports are made
        assert wait_for(lambda: "Second Good Name" in fetch(page)), log_text(log)
        named("Second Good Name", valid=False)  # while the second edit's exports are made
        assert wait_for(lambda: "status: 'maybe' is not one of" in log_text(log)), log_text(log)
        assert wait_for(lambda: exports_show("Second Good Name", on_disk)), log_text(log)
        named("Third Good Name")
        assert wait_for(lambda: "Third Good Name" in fetch(page)), log_text(log)
        assert wait_for(lambda: exports_show("Third Good Name", lambda: fetch(data))), log_text(log)
        assert not [text for text in seen if "First Good Name" in text or '"maybe"' in text]
        assert server.poll() is None and "Traceback" not in log_text(log)
