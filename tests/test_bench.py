"""The benchmark runs end to end at a tiny size, so it cannot rot. Its figures are not asserted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from browser import chromium_path
from helpers import ENV, ROOT


@pytest.mark.build
def test_benchmark_runs_at_a_tiny_size() -> None:
    result = subprocess.run(
        [sys.executable, "bench/run.py", "--sizes", "3", "6", "--validate-n", "10", "--repeat", "1", "--serve-n", "6"],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "| 3 |" in out and "| 6 |" in out
    for line in (
        "generator stages / full build",
        "build with plugin / baseline",
        "validate 10 records",
        "live preview",
    ):
        assert line in out
    if chromium_path():
        assert "case page transfer at N=6 / N=3" in out
        assert "search for one case among 6: first result after" in out
        assert "nan" not in out


def test_synthetic_corpus_is_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "bench"))  # taken out again after the test
    from synthetic import make_repo

    from generator.records.knowledge_base import build

    repo = make_repo(tmp_path / "repo", 25)
    kb = build(repo / "content")
    assert len(kb.assessed_cases) == len(kb.cases) == 25  # synthetic cases replace the real ones
    assert all(len(kb.lessons_for_criterion(c)) == 3 for c in kb.criteria)
