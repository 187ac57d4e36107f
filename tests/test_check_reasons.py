"""A rating changed without a reason is flagged to its contributor (issue 33): `python -m generator
changes --check-reasons BASE` prints a GitHub warning on the rating's line for each rating changed
since BASE where no commit to the case gives a `Reason:` trailer; CI runs it on pull requests.
Real git repositories, real commits."""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from helpers import GIT_ENV, ROOT, commit_all, copy_repo, run_cli

CASE = "content/cases/havenplein-markt.yaml"


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, env=GIT_ENV, check=True, capture_output=True, text=True).stdout


def _rate(repo: Path, old: str, new: str) -> int:
    """Change the first rating ``old`` of the case to ``new``; the line it is on."""
    lines = (repo / CASE).read_text(encoding="utf-8").splitlines(keepends=True)
    n = next(i for i, line in enumerate(lines) if line.strip() == f"rating: {old}")
    lines[n] = lines[n].replace(old, new)
    (repo / CASE).write_text("".join(lines), encoding="utf-8")
    return n  # the indicator's key is the line above the rating (1-based: n)


def _based(tmp_path: Path) -> Path:
    repo = copy_repo(tmp_path / "repo")
    commit_all(repo, "records", "2024-01-10")
    _git(repo, "branch", "base")
    return repo


def test_a_rating_changed_without_a_reason_is_warned_of_on_its_line(tmp_path: Path) -> None:
    repo = _based(tmp_path)
    line = _rate(repo, "partial", "present")
    commit_all(repo, "Havenplein: all traders take part now", "2024-02-01")
    result = run_cli(repo, "changes", "--check-reasons", "base")
    assert result.returncode == 0, result.stderr  # a warning, not a failure
    warnings = [w for w in result.stdout.splitlines() if w.startswith("::warning ")]
    assert warnings == [
        f"::warning file={CASE},line={line}::The rating of network-and-agreements › right-partners changed from "
        "partial to present, but no commit to this file gives a reason. Add a 'Reason: ...' trailer (and "
        "'Reden: ...' in Dutch) to the commit message, so What changed can tell readers why."
    ]


def test_a_rating_changed_with_a_reason_is_not_warned_of(tmp_path: Path) -> None:
    repo = _based(tmp_path)
    _rate(repo, "partial", "present")
    commit_all(
        repo, "Havenplein: all traders\n\nReason: The 2024 evaluation says every trader now takes part.", "2024-02-01"
    )
    (repo / "content/cases/havenplein-markt.yaml").write_text(
        (repo / CASE).read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    commit_all(repo, "whitespace", "2024-02-02")  # a later commit without a reason: the reason stands
    result = run_cli(repo, "changes", "--check-reasons", "base")
    assert result.returncode == 0 and "::warning" not in result.stdout, result.stdout


def test_wording_changes_and_new_cases_need_no_reason(tmp_path: Path) -> None:
    repo = _based(tmp_path)
    text = (repo / CASE).read_text(encoding="utf-8")
    (repo / CASE).write_text(text.replace("Een deel van de kooplieden", "Een deel der kooplieden"), encoding="utf-8")
    data = yaml.safe_load(text)
    data["id"] = "havenplein-kopie"
    (repo / "content/cases/havenplein-kopie.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    commit_all(repo, "wording; a new case", "2024-02-01")
    result = run_cli(repo, "changes", "--check-reasons", "base")
    assert result.returncode == 0 and "::warning" not in result.stdout, result.stdout


def test_ci_warns_of_unreasoned_ratings_on_pull_requests() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    check = [s for s in steps if "--check-reasons" in s.get("run", "")]
    assert len(check) == 1, "one step runs the check"
    assert "pull_request" in check[0].get("if", ""), "on pull requests, against their base"
    assert "github.event.pull_request.base.sha" in check[0]["run"] + str(check[0].get("env", {}))
