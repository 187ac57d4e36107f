"""`mkdocs serve` re-renders on a record edit, survives invalid content and recovers."""

from __future__ import annotations

import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

import pytest

from helpers import ENV, PY, fetch, free_port, wait_for


@contextmanager
def serving(config: Path, log_path: Path) -> Iterator[tuple[int, TextIO, subprocess.Popen[bytes]]]:
    """`mkdocs serve` of ``config`` on a free port, its output in a log; stopped afterwards."""
    port = free_port()
    log = log_path.open("w+")
    server = subprocess.Popen(
        [PY, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=ENV,
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


@pytest.mark.slow
def test_serve_rerenders_on_edit_and_survives_broken_yaml(repo: Path, tmp_path: Path) -> None:
    record = repo / "content/cases/rtr-nl.yaml"
    original = record.read_text(encoding="utf-8")
    with serving(repo / "mkdocs.yml", tmp_path / "serve.log") as (port, log, server):
        # The root redirects to the site's mount path, so follow it once.
        assert wait_for(lambda: fetch(f"http://127.0.0.1:{port}/") != ""), log_text(log)
        base = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).geturl()
        url = base + "cases/rtr-nl/"
        assert "RTR-NL" in fetch(url)

        # A contributor rewrites the name line in English only: valid, shown at once.
        record.write_text(
            original.replace("name: {en: RTR-NL, nl: RTR-NL}", "name: Renamed Camera Scheme"), encoding="utf-8"
        )
        assert wait_for(lambda: "Renamed Camera Scheme" in fetch(url)), log_text(log)

        record.write_text(original.replace("status: screened-out", "status: maybe"), encoding="utf-8")
        line = original.splitlines().index("status: screened-out") + 1
        assert wait_for(
            lambda: f"content/cases/rtr-nl.yaml:{line}:1: status: 'maybe' is not one of" in log_text(log)
        ), log_text(log)
        time.sleep(1)
        assert server.poll() is None  # the server stays up; MkDocs holds pages until the fix

        record.write_text(
            original.replace("name: {en: RTR-NL, nl: RTR-NL}", "name: Recovered Scheme"), encoding="utf-8"
        )
        assert wait_for(lambda: "Recovered Scheme" in fetch(url)), log_text(log)
        assert "Traceback" not in log_text(log)


@pytest.mark.slow
def test_the_dutch_edition_previews_with_live_reload(repo: Path, tmp_path: Path) -> None:
    url_path = "/knowledge-base/nl/cases/nijmegen-four-day-march/"
    record = repo / "content/cases/nijmegen-four-day-march.yaml"
    original = record.read_text(encoding="utf-8")
    with serving(repo / "mkdocs.nl.yml", tmp_path / "serve-nl.log") as (port, log, _):
        url = f"http://127.0.0.1:{port}{url_path}"
        assert wait_for(lambda: "Nijmeegse Vierdaagse" in fetch(url)), log_text(log)
        assert '<html lang="nl"' in fetch(url)
        record.write_text(
            original.replace("nl: Nijmeegse Vierdaagse}", "nl: Vierdaagse van Nijmegen}"), encoding="utf-8"
        )
        assert wait_for(lambda: "Vierdaagse van Nijmegen" in fetch(url)), log_text(log)
        assert "Traceback" not in log_text(log)
