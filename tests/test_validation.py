"""Every kind of contributor error gives the exact file:line:column, field and message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from corpus import EXPECTED, INVALID
from corpus import place as place_fixture
from generator.records.knowledge_base import build
from generator.records.problems import ContentError
from helpers import CORPUS, ROOT, run_cli


def place(name: str, repo: Path) -> Path:
    """Copy the fixture named ``name`` (folder/stem) into a repository copy's content."""
    return place_fixture(next(INVALID.glob(f"{name}.y*ml")), INVALID, repo)


def test_every_fixture_has_expectations() -> None:
    fixtures = {p.relative_to(INVALID).with_suffix("").as_posix() for p in INVALID.glob("*/*.y*ml")}
    assert fixtures == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_reports_exact_problem(name: str, repo: Path) -> None:
    place(name, repo)
    with pytest.raises(ContentError) as caught:
        build(repo / "content")
    lines = [p.text() for p in caught.value.problems]
    assert sorted(lines) == sorted(EXPECTED[name])  # its one defect, and nothing else


WARNINGS = ROOT / "tests" / "warnings"
EXPECTED_WARNINGS: dict[str, list[str]] = yaml.safe_load((WARNINGS / "expected.yaml").read_text(encoding="utf-8"))


def test_every_warning_fixture_has_expectations() -> None:
    fixtures = {p.relative_to(WARNINGS).with_suffix("").as_posix() for p in WARNINGS.glob("*/*.yaml")}
    assert fixtures == set(EXPECTED_WARNINGS)


@pytest.mark.parametrize("name", sorted(EXPECTED_WARNINGS))
def test_warning_fixture_is_valid_and_warned_about_at_its_line(name: str, repo: Path) -> None:
    place_fixture(WARNINGS / f"{name}.yaml", WARNINGS, repo)
    result = run_cli(repo, "validate")
    assert result.returncode == 0, result.stdout + result.stderr  # a warning never fails CI
    for expected in EXPECTED_WARNINGS[name]:
        assert expected in result.stderr.splitlines()
    # Only what the fixture breaks: its English text quotes with straight quotes, as English may.
    own = [line for line in result.stderr.splitlines() if f"content/{name}.yaml" in line]
    assert own == EXPECTED_WARNINGS[name]


def test_cli_prints_all_problems_at_once_without_traceback(repo: Path) -> None:
    for name in ("cases/bad-enum", "cases/unknown-field", "lessons/unknown-case"):
        shutil.copy(INVALID / f"{name}.yaml", repo / "content" / f"{name}.yaml")
    result = run_cli(repo, "validate")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    for name in ("cases/bad-enum", "cases/unknown-field", "lessons/unknown-case"):
        assert EXPECTED[name][0] in result.stdout.splitlines()
    assert "3 problems found" in result.stderr


def test_cli_valid_content_prints_a_summary_and_the_translation_coverage() -> None:
    result = run_cli(CORPUS, "validate")
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines() == [
        "All records valid: 5 cases, 3 criteria, 8 indicators, 4 lessons, 4 sources.",
        "nl: 221/221 texts translated",
    ]


def test_github_annotations_point_at_the_yaml_line(repo: Path) -> None:
    shutil.copy(INVALID / "cases/bad-rating.yaml", repo / "content/cases/bad-rating.yaml")
    result = run_cli(repo, "validate", "--format", "github")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=content/cases/bad-rating.yaml,line=14,col=7::assessment.network-and-agreements.right-partners.rating: "
        "'maybe' is not one of present, partial, absent, unknown"
    ]


def test_bad_arguments_give_one_usage_line_not_a_traceback() -> None:
    for args in (["frobnicate"], ["new", "thing", "x"], ["render"]):
        result = run_cli(ROOT, *args)
        assert result.returncode == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and ": error: " in lines[0] and "--help" in lines[0], lines
    assert "invalid choice: 'frobnicate'" in run_cli(ROOT, "frobnicate").stderr


def test_mkdocs_build_fails_with_the_same_messages_and_writes_no_site(repo: Path, tmp_path: Path) -> None:
    from helpers import mkdocs_build

    shutil.copy(INVALID / "cases/bad-enum.yaml", repo / "content/cases/bad-enum.yaml")
    site = tmp_path / "site"
    result = mkdocs_build(repo, site)
    assert result.returncode != 0
    assert EXPECTED["cases/bad-enum"][0] in result.stderr
    assert "Traceback" not in result.stderr
    assert not (site / "index.html").exists()
