"""A contributor adds a case from a new source, alone: validate, the strict build and the content
checks all pass, and every page says the ratings are the contributors', not the study's.

The first test adds the case to the repository's own content (whatever criteria it has); the others
add it to the fixture corpus, whose criteria the fixture's ratings name."""

from __future__ import annotations

import copy
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.records.knowledge_base import build
from generator.words import table
from helpers import ENV, PY, REAL, ROOT, SOURCE_TEXT_REQUIRED, copy_repo, mkdocs_build, read_page, run_cli

EN = table("en")

FIXTURE = ROOT / "tests" / "fixtures" / "contributed"


def _contribute(repo: Path) -> Path:
    """Add the fixture's source, its text and the case that cites it to a repository copy."""
    shutil.copytree(FIXTURE, repo, dirs_exist_ok=True)
    return repo / "content" / "cases" / "harbour-festival.yaml"


def _rate_every_real_indicator(case: Path) -> None:
    """The fixture's case rated on the repository's own criteria: 'unknown' needs no quote, so this
    holds for any criteria a contributor may have added or renamed."""
    record = yaml.safe_load(case.read_text(encoding="utf-8"))
    silent = {
        "finding": "The evaluation does not say.",
        "cite": [{"source": "example-evaluation", "section": "Summary"}],
    }
    record["assessment"] = {
        criterion.id: {
            indicator.id: {"rating": "unknown", **copy.deepcopy(silent)} for indicator in criterion.indicators
        }
        for criterion in build(REAL / "content").criteria
    }
    case.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.build
def test_a_case_from_a_second_source_passes_validate_build_and_content_checks(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo", corpus=REAL)
    _rate_every_real_indicator(_contribute(repo))
    for name in ("tests", "generator"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", repo / "pyproject.toml")
    if (ROOT.parent / "shared").is_dir():
        (tmp_path / "shared").symlink_to(ROOT.parent / "shared")

    result = run_cli(repo, "validate")
    assert result.returncode == 0, result.stdout + result.stderr
    real = build(REAL / "content")
    cases, sources = len(real.cases), len(real.sources)
    assert f"{cases + 1} cases" in result.stdout and f"{sources + 1} sources" in result.stdout

    site = tmp_path / "site"
    built = mkdocs_build(repo, site)
    assert built.returncode == 0, built.stderr
    case = read_page(site, "cases/harbour-festival").text
    assert EN["rated_by_contributors"] in case
    assert "not the study's" in case
    assert "Example evaluation 2024, Summary" in case
    assert EN["assessed_contributors"].casefold() in read_page(site, "comparison").text.casefold()
    source = read_page(site, "sources/example-evaluation")
    assert "Harbour Festival Partnership" in source.text
    assert any(href.endswith("cases/harbour-festival/") for href in source.links)

    content_tests = subprocess.run(
        # its build test aside: the site was built just above
        [PY, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not build", "tests/test_content.py"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=300,
        env={**ENV, "PYTHONPATH": str(repo)},
    )
    assert content_tests.returncode == 0, content_tests.stdout[-3000:]


def test_a_misquote_from_the_new_source_is_named_with_the_nearest_words(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    case = _contribute(repo)
    case.write_text(
        case.read_text(encoding="utf-8").replace('"Each party gives and takes"', '"Each party gives and receives"'),
        encoding="utf-8",
    )
    result = run_cli(repo, "validate")
    assert result.returncode == 1
    line = next(n for n, text in enumerate(case.read_text().splitlines(), 1) if "gives and receives" in text)
    assert (
        f"content/cases/harbour-festival.yaml:{line}:11: assessment.trust-and-culture.shared-goal."
        "cite[0].quote: these words are not in the text of source 'example-evaluation'; a quote must be verbatim "
        "(the nearest words there: 'Each party gives and takes'"
    ) in result.stdout


def test_a_rating_without_a_quote_and_ratings_without_assessed_by_are_errors(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    case = _contribute(repo)
    text = case.read_text(encoding="utf-8")
    text = text.replace('          quote: "Information flows both ways during the festival."\n', "")
    text = text.replace("assessed_by: contributors\n", "")
    case.write_text(text, encoding="utf-8")
    text = text.replace('          translation: {nl: "Tijdens het festival gaat informatie twee kanten op."}\n', "")
    case.write_text(text, encoding="utf-8")
    out = run_cli(repo, "validate").stdout
    at = next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("assessment:"))
    assert (
        f"content/cases/harbour-festival.yaml:{at}:1: assessment: ratings need assessed_by to say who made them" in out
    )
    assert "open-information.cite: a rating of 'present' needs the words it rests on" in out


def test_a_dot_file_is_named_as_skipped_not_lost(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    shutil.copy(repo / "content/cases/old-mill-museum.yaml", repo / "content/cases/.draft-case.yaml")
    result = run_cli(repo, "validate")
    assert result.returncode == 0
    assert (
        "content/cases/.draft-case.yaml: warning: is skipped: a file whose name starts with a dot is not read "
        "(rename it to 'draft-case.yaml' if it is a record)"
    ) in result.stderr


def test_the_studys_text_in_the_repository_is_the_copy_the_project_was_given() -> None:
    given = ROOT.parent / "shared" / "source" / "ppc-soft-targets-report-summary.txt"
    if not given.is_file():
        if SOURCE_TEXT_REQUIRED:
            pytest.fail(f"this run must compare the study's text with the copy at {given}")
        pytest.skip("the copy the project was given (../shared/source/) is not beside this checkout")
    own = build(REAL / "content").study_source.full_text  # wherever the study's source record keeps it
    assert own and (REAL / own).read_bytes() == given.read_bytes()


def test_a_source_text_outside_the_repository_is_refused_not_read(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    _contribute(repo)
    secret = tmp_path / "secret.txt"
    secret.write_text("Each party gives and receives private words.", encoding="utf-8")
    source = repo / "content/sources/example-evaluation.yaml"
    source.write_text(
        source.read_text(encoding="utf-8").replace(
            "full_text: texts/example-evaluation.txt", "full_text: ../secret.txt"
        ),
        encoding="utf-8",
    )
    out = run_cli(repo, "validate").stdout
    assert "content/sources/example-evaluation.yaml:12:1: full_text: lies outside the repository" in out
    assert "private words" not in out


@pytest.mark.build  # the CLI in a subprocess, started here
def test_validate_run_inside_the_repository_checks_quotes(tmp_path: Path) -> None:
    """As a contributor runs it: from the repository folder, without --repo."""
    repo = copy_repo(tmp_path / "repo")
    case = _contribute(repo)
    case.write_text(
        case.read_text(encoding="utf-8").replace("The parties trust each other", "The parties trust one another"),
        encoding="utf-8",
    )
    result = subprocess.run(
        [PY, "-m", "generator", "validate"], cwd=repo, capture_output=True, text=True, timeout=60, env=ENV
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert (
        "mutual-confidence.cite[0].quote: these words are not in the text of source 'example-evaluation'"
        in result.stdout
    )
    assert "full_text" not in result.stdout


def test_a_sources_address_and_doi_are_links_that_cannot_inject(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    _contribute(repo)
    source = repo / "content/sources/example-evaluation.yaml"
    hostile = 'https://example.org/a_b*c*"><script>alert(1)</script>'
    source.write_text(
        source.read_text(encoding="utf-8")
        + f"url: '{hostile}'\naccessed: 2024-05-01\ndoi: '10.1234/x\"><img_src=x>'\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    built = mkdocs_build(repo, site)
    assert built.returncode == 0, built.stderr
    html = (site / "sources/example-evaluation/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "<img" not in html
    page = read_page(site, "sources/example-evaluation")
    assert 'https://example.org/a_b*c*"><script>alert(1)</script>' in page.links
    assert hostile in page.text  # shown as written, as text
