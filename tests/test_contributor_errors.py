"""Errors that name the fix: the command run in the wrong folder names --repo, and a file given to
`validate` that is not there is an error, not "no problems"."""

from __future__ import annotations

import subprocess
from pathlib import Path

from helpers import CORPUS, ENV, PY, ROOT, run_cli


def test_validate_outside_the_repository_names_repo(tmp_path: Path) -> None:
    result = subprocess.run(
        [PY, "-m", "generator", "validate"], cwd=tmp_path, capture_output=True, text=True, timeout=60, env=ENV
    )
    assert result.returncode == 2
    assert result.stderr == (
        "error: the current folder has no content/ folder: run this in the repository, or name it with --repo PATH\n"
    )
    elsewhere = run_cli(tmp_path, "validate")
    assert elsewhere.returncode == 2 and f"--repo {tmp_path} has no content/ folder" in elsewhere.stderr


def test_validate_names_a_file_that_is_not_there(tmp_path: Path) -> None:
    missing = ROOT / "content/cases/harbour-festval.yaml"
    result = run_cli(CORPUS, "validate", str(missing))
    assert result.returncode == 2
    assert f"error: no such file: {missing}" in result.stderr
    assert "No problems" not in result.stdout + result.stderr


def test_the_rating_words_validate_answers_are_the_words_pages_print() -> None:
    from generator.records.ratings import PRINTED, Rating
    from generator.words import table

    EN, NL = table("en"), table("nl")

    assert {r: (EN[f"rating_{r.value}"], NL[f"rating_{r.value}"]) for r in Rating} == PRINTED
