"""Every quote is checked against its source's text, or visibly unchecked: a full_text naming a
missing file is an error; a source without a text warns once and its page says so to readers.
Source texts have one home, texts/, which the errors and `new source --text` name."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import ROOT, copy_repo, run_cli

FIXTURE = ROOT / "tests" / "fixtures" / "contributed"
SOURCE = "content/sources/example-evaluation.yaml"
INVENTED = "Every party was delighted with everything"


def _contribute(repo: Path, *, full_text: str | None) -> None:
    """The fixture's source and case, with the source's full_text changed (or removed) and one
    rating resting on words the source never wrote."""
    shutil.copytree(FIXTURE, repo, dirs_exist_ok=True)
    source = repo / SOURCE
    line = "full_text: texts/example-evaluation.txt\n"
    source.write_text(
        source.read_text(encoding="utf-8").replace(line, f"full_text: {full_text}\n" if full_text else ""),
        encoding="utf-8",
    )
    case = repo / "content/cases/harbour-festival.yaml"
    text = case.read_text(encoding="utf-8")
    assert '"Each party gives and takes"' in text
    case.write_text(text.replace('"Each party gives and takes"', f'"{INVENTED}"'), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in text)


def test_a_full_text_naming_a_missing_file_is_an_error_and_nothing_is_built(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    _contribute(repo, full_text="texts/example-evaluaton.txt")  # a typo: the text is never read
    line = _line_of(repo / SOURCE, "full_text:")
    result = run_cli(repo, "validate")
    assert result.returncode == 1, result.stdout + result.stderr
    assert (
        f"{SOURCE}:{line}:1: full_text: names a file that is not there: 'texts/example-evaluaton.txt'; "
        "the quotes citing this source cannot be checked (put the source's text in texts/"
    ) in result.stdout
    rendered = run_cli(repo, "render", "--out", str(tmp_path / "out"))
    assert rendered.returncode == 1 and not (tmp_path / "out").exists()
    assert "Traceback" not in rendered.stderr


def test_an_invented_quote_from_a_source_without_text_is_visibly_unchecked(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    _contribute(repo, full_text=None)
    result = run_cli(repo, "validate")
    assert result.returncode == 0, result.stdout + result.stderr
    warnings = [w for w in result.stderr.splitlines() if "went unchecked" in w and SOURCE in w]
    assert len(warnings) == 1, result.stderr  # once, for the source, not once per quote
    assert f"{SOURCE}:1:1: warning: full_text: 9 quotes citing this source went unchecked" in warnings[0]
    assert "it names no full_text: content/cases/harbour-festival.yaml:" in warnings[0]
    assert "and 4 more" in warnings[0] and "put the source's text in texts/" in warnings[0]

    for lang, words in (("en", "Quotes not checked"), ("nl", "Citaten niet getoetst")):
        out = tmp_path / lang
        rendered = run_cli(repo, "render", "--lang", lang, "--out", str(out))
        assert rendered.returncode == 0, rendered.stderr
        assert words in (out / "sources/example-evaluation.md").read_text(encoding="utf-8")
        assert words not in (out / "sources/riverside-study.md").read_text(encoding="utf-8")
        # The quote reaches its case page, but never without its source's page saying it is unchecked.
        assert INVENTED in (out / "cases/harbour-festival.md").read_text(encoding="utf-8")


def test_with_its_text_the_invented_quote_is_an_error(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    _contribute(repo, full_text="texts/example-evaluation.txt")
    result = run_cli(repo, "validate")
    assert result.returncode == 1
    assert "these words are not in the text of source 'example-evaluation'" in result.stdout


def test_a_text_beside_the_records_is_refused_with_its_home_named(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    (repo / "content/sources/harbour-evaluation.txt").write_text("Some words.", encoding="utf-8")
    result = run_cli(repo, "validate")
    assert result.returncode == 1
    assert (
        "content/sources/harbour-evaluation.txt: is not a .yaml record; only .yaml files belong here "
        "(put the source's text in texts/ (plain UTF-8 .txt) and name it in full_text)"
    ) in result.stdout


def test_new_source_with_text_copies_it_to_texts_and_names_it(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    given = tmp_path / "Harbour evaluation.txt"
    given.write_text("Summary\n\nThe parties meet every week.\n", encoding="utf-8")
    result = run_cli(repo, "new", "source", "harbour-evaluation", "--text", str(given))
    assert result.returncode == 0, result.stderr
    assert (repo / "texts/harbour-evaluation.txt").read_text(encoding="utf-8") == given.read_text(encoding="utf-8")
    record = (repo / "content/sources/harbour-evaluation.yaml").read_text(encoding="utf-8")
    assert "\nfull_text: texts/harbour-evaluation.txt\n" in record
    assert "# Its plain text (UTF-8) lives in texts/" in record

    again = run_cli(repo, "new", "source", "harbour-evaluation-2", "--text", str(tmp_path / "absent.txt"))
    assert again.returncode == 2 and "there is no such file" in again.stderr
    assert not (repo / "content/sources/harbour-evaluation-2.yaml").exists()
    binary = tmp_path / "report.pdf"
    binary.write_bytes(b"%PDF-1.7\n\xff\xfe\x00binary")
    pdf = run_cli(repo, "new", "source", "harbour-evaluation-3", "--text", str(binary))
    assert pdf.returncode == 2 and "is not plain UTF-8 text" in pdf.stderr


def test_the_scaffold_names_the_home_of_source_texts(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    assert run_cli(repo, "new", "source", "harbour-evaluation").returncode == 0
    record = (repo / "content/sources/harbour-evaluation.yaml").read_text(encoding="utf-8")
    assert "full_text:  # e.g. texts/harbour-evaluation.txt" in record
