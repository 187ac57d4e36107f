"""Contributing a case: scaffolds, editor schemas, annotations and the documents that guide it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.pages import export
from generator.pages.render import render_site
from generator.records.history import history
from generator.records.knowledge_base import build
from helpers import CORPUS, ROOT, collection_schema, commit_all, page_markdown, repository_files, run_cli

SCHEMAS = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in (ROOT / "schema").glob("*.json")}


def test_committed_schemas_match_the_models() -> None:
    fresh = {name: json.loads(export.dumps(schema)) for name, schema in export.json_schemas().items()}
    assert fresh == SCHEMAS, "schema/ is stale: run `python -m generator schema` and commit it"


def records() -> list[tuple[Path, str]]:
    found = [(p, collection_schema(p.parent.name)) for p in sorted((CORPUS / "content").glob("*/*.yaml"))]
    return [*found, (CORPUS / "content/study.yaml", collection_schema("study"))]


@pytest.mark.parametrize(("path", "schema"), records(), ids=lambda v: v.name if isinstance(v, Path) else v)
def test_every_record_names_its_schema_and_validates_against_it(path: Path, schema: str) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    relative = Path(*[".."] * (len(path.relative_to(CORPUS).parts) - 1), "schema", schema).as_posix()
    assert first == f"# yaml-language-server: $schema={relative}"
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), SCHEMAS[schema])


def test_schema_rejects_an_unknown_field() -> None:
    record = yaml.safe_load((CORPUS / "content/cases/old-mill-museum.yaml").read_text(encoding="utf-8"))
    record["colour"] = "blue"
    with pytest.raises(jsonschema.ValidationError, match="colour"):
        jsonschema.validate(record, SCHEMAS["case.schema.json"])


@pytest.mark.parametrize("name", ["unknown-field", "bad-enum", "missing-field", "wrong-type", "bad-id", "empty-text"])
def test_editor_schema_check_agrees_with_validate(name: str, repo: Path) -> None:
    """What an editor flags through the schema, `validate` flags too, on the same field."""
    source = ROOT / "tests/invalid/cases" / f"{name}.yaml"
    errors = list(
        jsonschema.Draft202012Validator(SCHEMAS["case.schema.json"]).iter_errors(yaml.safe_load(source.read_text()))
    )
    assert errors, "the schema accepted an invalid record"
    shutil.copy(source, repo / "content/cases" / source.name)
    result = run_cli(repo, "validate")
    assert result.returncode == 1
    fields = {".".join(str(p) for p in e.absolute_path) or e.message.split("'")[1] for e in errors}
    reported = {
        line.split(": ")[1] for line in result.stdout.splitlines() if line.startswith(f"content/cases/{name}.yaml")
    }
    assert fields & reported, (fields, reported)


def test_scaffolded_case_fails_until_filled_then_validates(repo: Path) -> None:
    result = run_cli(repo, "new", "case", "harbour-watch")
    assert result.returncode == 0, result.stderr
    path = repo / "content/cases/harbour-watch.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/case.schema.json\n")
    for field in (
        "name",
        "target",
        "assessed_by",
        "verdict",
        "parties",
        "driver",
        "formal_basis",
        "meetings",
        "satisfaction",
        "assessment",
    ):
        assert re.search(rf"(?m)^{field}:.*#", text), field  # present and commented
    before = run_cli(repo, "validate")
    assert before.returncode == 1
    assert "# status:" in text  # the study's selection, only for a case the study names
    assert "#   riverside-study: Riverside study" in text  # the sources it can cite, with their sections
    name_line = text.splitlines().index('name: ""  # The partnership\'s name as its source gives it.') + 1
    assert f"content/cases/harbour-watch.yaml:{name_line}:1: name: must not be empty" in before.stdout
    assert "assessment.government-link.council-reporting.finding: must not be empty" in before.stdout
    # Fill in only the required fields, as a contributor would.
    text = text.replace('name: ""', "name: Harbour Watch").replace('target: ""', "target: Port area")
    text = text.replace('  text: ""', "  text: Described in the study.")
    text = text.replace('source: ""', "source: riverside-study")
    text = text.replace('      finding: ""', "      finding: The study does not say.")
    path.write_text(text, encoding="utf-8")
    after = run_cli(repo, "validate")
    assert after.returncode == 0, after.stdout
    assert f"{len(list((CORPUS / 'content/cases').glob('*.yaml'))) + 1} cases" in after.stdout


def test_scaffolded_lesson_validates_once_filled(repo: Path) -> None:
    assert run_cli(repo, "new", "lesson", "share-threat-pictures").returncode == 0
    path = repo / "content/lessons/share-threat-pictures.yaml"
    assert run_cli(repo, "validate").returncode == 1
    text = path.read_text()
    for field, value in [
        ("title", "Share threat pictures"),
        ("criterion", "government-link"),
        ("do", "Share them."),
        ("text", "Shared."),
        ("source", "riverside-study"),
        ("section", "Lessons"),
        ("quote", "Tell private partners what the threat is."),
    ]:
        text = re.sub(rf'(?m)^(\s*-?\s*){field}: ""', rf"\g<1>{field}: {value}", text)
    text = re.sub(r"(?m)^indicators: \[\]", "indicators: [regular-meetings]", text)
    path.write_text(text.replace("cases: []", "cases: [havenplein-markt]"))
    assert run_cli(repo, "validate").returncode == 0


@pytest.mark.parametrize("bad", ["../escape", "/etc/passwd", "Capital", "two words", "dots.here", "trailing-"])
def test_scaffold_refuses_a_bad_id(bad: str, repo: Path) -> None:
    result = run_cli(repo, "new", "case", bad)
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and "is not a valid id" in result.stderr
    assert "Traceback" not in result.stderr


def test_scaffold_refuses_to_overwrite(repo: Path) -> None:
    before = (repo / "content/cases/old-mill-museum.yaml").read_text()
    result = run_cli(repo, "new", "case", "old-mill-museum")
    assert result.returncode == 2 and "already exists" in result.stderr
    assert (repo / "content/cases/old-mill-museum.yaml").read_text() == before


def test_validate_files_reports_only_those(repo: Path) -> None:
    shutil.copy(ROOT / "tests/invalid/cases/bad-enum.yaml", repo / "content/cases/bad-enum.yaml")
    other = run_cli(repo, "validate", str(repo / "content/cases/old-mill-museum.yaml"))
    assert other.returncode == 0 and "No problems in the given files (1 in other files)" in other.stderr
    own = run_cli(repo, "validate", str(repo / "content/cases/bad-enum.yaml"))
    assert own.returncode == 1 and "bad-enum.yaml:5:1: status" in own.stdout


@pytest.mark.parametrize("command", ["validate", "render", "new", "schema", "export", "diff"])
def test_every_subcommand_has_help(command: str) -> None:
    result = run_cli(CORPUS, command, "--help")
    assert result.returncode == 0 and result.stdout.startswith("usage: python -m generator")


def test_export_and_schema_commands_write_files(tmp_path: Path) -> None:
    assert run_cli(CORPUS, "export", "--out", str(tmp_path / "data")).returncode == 0
    assert json.loads((tmp_path / "data/knowledge-base.json").read_text())["format"] == "ppc-kb"
    assert (tmp_path / "data/ratings.csv").read_text().startswith("case_id,")
    assert run_cli(CORPUS, "schema", "--out", str(tmp_path / "schema")).returncode == 0
    assert sorted(p.name for p in (tmp_path / "schema").iterdir()) == sorted(SCHEMAS)


def test_case_page_shows_when_its_record_last_changed(repo: Path) -> None:
    commit_all(repo, "records", "2024-03-05")
    known = history(repo)
    assert known.state == "full"
    assert known.dates["content/cases/old-mill-museum.yaml"] == "2024-03-05"
    page = page_markdown(render_site(build(repo / "content"), history=known), "cases/old-mill-museum.md")
    assert "<li><strong>Last updated:</strong> 2024-03-05</li>" in page


def test_outside_git_the_date_is_left_out(tmp_path: Path) -> None:
    known = history(tmp_path)  # a downloaded archive: no git history
    assert known.dates == {} and known.state == "none"
    page = page_markdown(render_site(build(CORPUS / "content"), history=known), "cases/old-mill-museum.md")
    assert '<ul class="kb-facts">' in page and "<li><strong>Last updated:</strong> 2" not in page  # no date
    assert "<strong>Last updated:</strong> not available in this copy" in page


def test_contributing_guide_names_every_rating_and_is_on_the_site(built_site: Path) -> None:
    # The ratings are the generator's; the indicators are content, which may gain one the guide
    # does not name yet (the guide documents the study's, not every valid record).
    from generator.records.ratings import Rating

    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for rating in Rating:
        assert f"`{rating.value}`" in guide, rating
    assert "Contributing" in (built_site / "contributing/index.html").read_text()


def test_github_files_exist_and_parse() -> None:
    for path in [
        ".github/workflows/ci.yml",
        ".github/workflows/deploy.yml",
        ".github/ISSUE_TEMPLATE/propose-a-case.yml",
        ".pre-commit-config.yaml",
    ]:
        assert isinstance(yaml.safe_load((ROOT / path).read_text()), dict), path
    ci = (ROOT / ".github/workflows/ci.yml").read_text()
    assert "validate --format github" in ci and "mkdocs build --strict" in ci and "make test" in ci
    assert "- [ ]" in (ROOT / ".github/pull_request_template.md").read_text()


def test_every_case_fact_field_has_a_label_and_a_place_in_the_scaffold(repo: Path) -> None:
    from typing import get_args

    from generator.records.models import CASE_FACTS, Case, Source
    from generator.words import table

    EN = table("en")

    assert CASE_FACTS and all(name in EN for name in CASE_FACTS)
    kinds = [v for arg in get_args(Source.model_fields["kind"].annotation) for v in get_args(arg)]
    assert kinds and all(f"kind_{kind}" in EN for kind in kinds)
    assert run_cli(repo, "new", "case", "label-check").returncode == 0
    text = (repo / "content/cases/label-check.yaml").read_text(encoding="utf-8")
    for name in Case.model_fields:
        assert re.search(rf"(?m)^(# )?{name}:", text), name


def test_export_to_an_existing_file_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    target = tmp_path / "a-file"
    target.write_text("x")
    result = run_cli(CORPUS, "export", "--out", str(target))
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and "is a file, not a folder" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1


def test_scaffolded_source_fails_until_filled_then_validates(repo: Path) -> None:
    assert run_cli(repo, "new", "source", "harbour-evaluation-2024").returncode == 0
    path = repo / "content/sources/harbour-evaluation-2024.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/source.schema.json\n")
    assert "One of: report, article, book, web-page, interview, evaluation, data-set, other." in text
    before = run_cli(repo, "validate")
    line = text.splitlines().index(next(x for x in text.splitlines() if x.startswith("cited_as:"))) + 1
    assert f"content/sources/harbour-evaluation-2024.yaml:{line}:1: cited_as: must not be empty" in before.stdout
    path.write_text(text.replace('cited_as: ""', "cited_as: Harbour evaluation 2024"), encoding="utf-8")
    after = run_cli(repo, "validate")
    assert after.returncode == 0, after.stdout


def test_every_pre_commit_hook_watches_files_that_exist() -> None:
    """A hook whose `files` pattern matches no file in the repository never runs (the schema hook
    watched generator/models.py for months after the models moved)."""
    import re

    files = sorted(repository_files())
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert hooks
    for hook in hooks:
        pattern = re.compile(hook.get("files", ""))
        assert any(pattern.search(name) for name in files), (hook["id"], hook.get("files"))
