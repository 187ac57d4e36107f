"""A record can say its plain texts are Dutch (`lang: nl`): a Dutch contributor writes Dutch with no
"not yet translated" warnings, and the English edition marks those texts lang="nl"."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import ROOT, copy_repo, run_cli

FIXTURE = ROOT / "tests" / "fixtures" / "contributed"
CASE = "content/cases/harbour-festival.yaml"


def _dutch_case(repo: Path) -> None:
    shutil.copytree(FIXTURE, repo, dirs_exist_ok=True)
    case = repo / CASE
    text = case.read_text(encoding="utf-8")
    text = text.replace("id: harbour-festival\n", "id: harbour-festival\nlang: nl\n")
    text = text.replace("name: Harbour Festival Partnership", "name: Samenwerking Havenfestival")
    text = text.replace("target: Festival on a public quay", "target: Festival op een openbare kade")
    case.write_text(text, encoding="utf-8")


def test_a_record_written_in_dutch_validates_without_translation_warnings(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    _dutch_case(repo)
    result = run_cli(repo, "validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert CASE not in result.stderr  # not one "is not yet translated" warning for it


def test_the_english_edition_marks_dutch_text_and_the_dutch_edition_shows_it_plain(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    _dutch_case(repo)
    for lang in ("en", "nl"):
        assert run_cli(repo, "render", "--lang", lang, "--out", str(tmp_path / lang)).returncode == 0
    english = (tmp_path / "en/cases/harbour-festival.md").read_text(encoding="utf-8")
    assert '<span lang="nl">Festival op een openbare kade</span> <small class="kb-untranslated">(in Dutch)</small>' in (
        english
    )
    assert '<span lang="nl">Samenwerking Havenfestival</span>' in english
    dutch = (tmp_path / "nl/cases/harbour-festival.md").read_text(encoding="utf-8")
    assert "Festival op een openbare kade" in dutch and 'lang="nl">Festival op' not in dutch
    assert "kb-untranslated" not in dutch.split("Festival op een openbare kade")[1][:80]


def test_a_mapping_in_a_dutch_record_needs_its_dutch(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    _dutch_case(repo)
    case = repo / CASE
    case.write_text(
        case.read_text(encoding="utf-8").replace(
            "name: Samenwerking Havenfestival", "name: {en: Harbour Festival Partnership}"
        ),
        encoding="utf-8",
    )
    result = run_cli(repo, "validate")
    assert result.returncode == 1
    assert f"{CASE}:3:1: name: a translated text needs its Dutch version under 'nl'" in result.stdout


def test_a_plain_cited_as_is_the_same_in_every_edition(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    shutil.copytree(FIXTURE, repo, dirs_exist_ok=True)
    result = run_cli(repo, "validate")
    assert "example-evaluation.yaml:2:1: warning: cited_as" not in result.stderr
    assert run_cli(repo, "render", "--lang", "nl", "--out", str(tmp_path / "nl")).returncode == 0
    page = (tmp_path / "nl/sources/example-evaluation.md").read_text(encoding="utf-8")
    body = page.split("\n---\n", 1)[1] if page.startswith("---\n") else page  # after the front matter
    assert body.lstrip("\n").startswith("# Example evaluation 2024\n")
