"""Nothing in git history can stop a build: a past version of a record that is not UTF-8, nests too
deep or is too large is passed over with a warning naming the commit and the file (security review,
finding 1), and text from commits (a `Reason:` trailer) carries no character the feed refuses."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from xml.etree import ElementTree

import pytest

from generator.records import history
from generator.records.yaml_source import MAX_BYTES
from helpers import GIT_ENV, commit_all, copy_repo, mkdocs_build, read_page

CASE = "content/cases/havenplein-markt.yaml"


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, env=GIT_ENV, check=True, capture_output=True, text=True).stdout


def _commit(repo: Path, message: str, date: str) -> None:
    commit_all(repo, message, date)


@pytest.fixture
def poisoned(tmp_path: Path) -> Path:
    """A corpus whose history holds every kind of bad past version, each fixed or removed since."""
    repo = copy_repo(tmp_path / "repo")
    _commit(repo, "records", "2024-01-10")
    # A contributor's editor saved Windows-1252; they removed the file the same day.
    (repo / "content/cases/zz-latin.yaml").write_bytes(b"id: zz-latin\nname: caf\xe9\n")
    _commit(repo, "add", "2024-01-11")
    (repo / "content/cases/zz-latin.yaml").unlink()
    _commit(repo, "remove", "2024-01-11")
    # A case nested 600 levels deep for a day, then restored: its ratings are compared across it.
    good = (repo / CASE).read_text(encoding="utf-8")
    (repo / CASE).write_text(good + "deep: " + "[" * 600 + "]" * 600 + "\n", encoding="utf-8")
    _commit(repo, "deep", "2024-01-12")
    (repo / CASE).write_text(good.replace("rating: absent", "rating: partial", 1), encoding="utf-8")
    _commit(repo, "restore", "2024-01-13")
    # A record of several MB, added and removed the next day.
    big = b"id: zz-big\nname: Big\nnotes: '" + b"x" * (MAX_BYTES * 8) + b"'\n"
    (repo / "content/cases/zz-big.yaml").write_bytes(big)
    _commit(repo, "big", "2024-01-14")
    (repo / "content/cases/zz-big.yaml").unlink()
    _commit(repo, "rm big", "2024-01-15")
    history._changes.cache_clear()
    return repo


def test_bad_past_versions_are_passed_over_with_a_warning_naming_commit_and_file(poisoned: Path) -> None:
    log = history.changes(poisoned)
    assert log is not None
    restore = _git(poisoned, "log", "-1", "--format=%h", "--grep=^restore$").strip()
    text = "\n".join(log.warnings)
    assert "content/cases/zz-latin.yaml" in text and "not valid UTF-8" in text
    assert f"{CASE} as of commit {restore}^" in text and "deeper than" in text
    assert "content/cases/zz-big.yaml" in text and "bytes, more than a record may hold" in text
    # The change list says what it can: the removed records by their file names, the restored case
    # as revised (its ratings before the deep version cannot be compared).
    days = {day.date: day for day in log.days}
    removed = {c.path: c for c in days["2024-01-11"].changes}
    assert removed["content/cases/zz-latin.yaml"].status == "removed"
    assert removed["content/cases/zz-latin.yaml"].name == ()
    restored = {c.path: c for c in days["2024-01-13"].changes}[CASE]
    assert restored.status == "changed" and restored.ratings == ()


def test_a_large_past_version_is_not_even_read(poisoned: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[tuple[str, ...]] = []
    real = history._git_bytes

    def spy(repo: Path, *args: str) -> bytes | None:
        read.append(args)
        return real(repo, *args)

    monkeypatch.setattr(history, "_git_bytes", spy)
    history.changes(poisoned)
    assert not any(a[:2] == ("cat-file", "blob") and a[2].endswith("zz-big.yaml") for a in read)


def test_a_build_passes_over_bad_history_strictly_and_on_time(poisoned: Path, tmp_path: Path) -> None:
    start = time.monotonic()
    result = mkdocs_build(poisoned, tmp_path / "site")
    took = time.monotonic() - start
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert "What changed: passed over content/cases/zz-latin.yaml" in result.stderr
    assert took < 60, took  # a generous bound: a large past version parsed in pure Python took 30 s more
    page = read_page(tmp_path / "site", "changes")
    assert "zz-latin" in page.text and "Havenplein Market" in page.text


def test_a_reason_with_control_characters_reaches_readers_clean(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    commit_all(repo, "records", "2024-01-10")
    case = (repo / CASE).read_text(encoding="utf-8")
    (repo / CASE).write_text(case.replace("rating: absent", "rating: partial", 1), encoding="utf-8")
    _git(repo, "add", "-A")
    message = "ratings\n\nReason: Re\x01-read\x7f the \u202eevaluation."
    env = {**GIT_ENV, "GIT_AUTHOR_DATE": "2024-02-01T12:00:00Z", "GIT_COMMITTER_DATE": "2024-02-01T12:00:00Z"}
    subprocess.run(["git", "commit", "-q", "-F", "-"], cwd=repo, env=env, input=message, text=True, check=True)
    history._changes.cache_clear()
    log = history.changes(repo)
    assert log is not None
    reasons = [r for day in log.days for c in day.changes for r in c.reasons]
    assert (("en", "Re-read the evaluation."),) in reasons

    site = tmp_path / "site"
    assert mkdocs_build(repo, site).returncode == 0
    for feed in ("feed.xml", "nl/feed.xml"):
        ElementTree.fromstring((site / feed).read_bytes())  # well-formed XML
    assert "Re-read the evaluation." in read_page(site, "changes").text


def test_render_out_says_which_past_versions_it_passed_over(poisoned: Path, tmp_path: Path) -> None:
    from helpers import run_cli

    result = run_cli(poisoned, "render", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "warning: What changed: passed over content/cases/zz-latin.yaml" in result.stderr
