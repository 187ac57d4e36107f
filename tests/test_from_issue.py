"""A "Propose a case" or "Propose a source" issue becomes a record, offline, from sample bodies:
valid, malformed, hostile and not a form at all. Nothing in the body is trusted, and the bot
answers in the form's own words."""

from __future__ import annotations

from pathlib import Path

import yaml
from markdown_it import MarkdownIt

from generator.records.knowledge_base import build
from generator.tools.from_issue import fenced
from helpers import ROOT, copy_repo, run_cli

ISSUES = ROOT / "tests" / "fixtures" / "issues"


def _repo(tmp_path: Path) -> Path:
    return copy_repo(tmp_path / "repo")  # the fixture corpus holds its sources' texts: quotes are checked


def test_a_valid_proposal_becomes_a_valid_case(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    result = run_cli(repo, "from-issue", str(ISSUES / "valid.md"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "Wrote content/cases/harbour-festival-partnership.yaml; it is valid.\n"
    record = yaml.safe_load((repo / "content/cases/harbour-festival-partnership.yaml").read_text(encoding="utf-8"))
    assert record["other_names"] == ["Havenfestival-samenwerking", "HFP"]
    assert record["parties"][1] == {
        "name": "Municipality",
        "sector": "public",
        "role": "Grants the permit.",
        "cite": [{"source": "riverside-study"}],
    }
    rated = record["assessment"]["network-and-agreements"]["regular-meetings"]
    assert rated["rating"] == "present"
    assert rated["cite"][0]["quote"] == "The partners meet every month"
    assert record["assessment"]["trust-and-culture"]["mutual-confidence"]["rating"] == "unknown"
    assert run_cli(repo, "validate").returncode == 0


def test_a_malformed_proposal_is_answered_in_the_forms_own_words_with_the_choices(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    result = run_cli(repo, "from-issue", str(ISSUES / "malformed.md"))
    assert result.returncode == 1
    assert result.stderr == "content/cases/harbour-festival-partnership.yaml was written but is not valid yet.\n"
    country, quote = result.stdout.splitlines()
    assert country.startswith("Country: 'republic-of-arvenland' is not the id of any country")
    assert country.endswith("; the form takes one of: arvenland, belmora, corvania, dunmark")
    assert quote.startswith("Network and agreements › Meetings at fixed times: quote: a rating of 'present' needs")


def _answered(tmp_path: Path, body: str) -> list[str]:
    repo = _repo(tmp_path)
    (tmp_path / "body.md").write_text(body, encoding="utf-8")
    result = run_cli(repo, "from-issue", str(tmp_path / "body.md"))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    return result.stdout.splitlines()


def _valid() -> str:
    return (ISSUES / "valid.md").read_text(encoding="utf-8")


def test_party_and_source_problems_name_the_forms_fields_once(tmp_path: Path) -> None:
    body = _valid().replace("Festival organiser | private |", "Festival organiser | police |")
    assert _answered(tmp_path / "a", body) == [
        "Parties, line 1 (public or private): 'police' is not one of public, private (did you mean 'public'?)"
    ]
    # A wrong source id is one line (every fact cites it), with the ids the form takes.
    (line,) = _answered(tmp_path / "b", _valid().replace("\nriverside-study\n", "\nriverside\n"))
    assert line.startswith("Source id: 'riverside' is not the id of any source in content/sources/")
    assert line.endswith(
        "; the form takes one of: havenlicht-evaluatie, hollis-2021, riverside-network-web-page, riverside-study"
    )


def test_a_wrong_section_lists_the_sources_sections(tmp_path: Path) -> None:
    (line,) = _answered(tmp_path, _valid().replace("\nSelection of cases\n", "\nRoles\n"))
    assert line.startswith(
        "Section of the source for the summary: 'Roles' is not a section of source 'riverside-study'"
    )
    assert "; source 'riverside-study' has the sections: Summary; Background; " in line


def test_a_renamed_or_repeated_heading_is_reported_not_dropped_or_overwritten(tmp_path: Path) -> None:
    renamed = _valid().replace("### Kind of soft target", "### Type of target")
    assert _answered(tmp_path / "a", renamed) == [
        'the heading "### Type of target" is not one the form asks, so its answer was not used; '
        'did you mean "### Kind of soft target"?',
        "Kind of soft target: is required but missing",
    ]
    # A repeated heading fails even where the record it makes is valid: an answer would be lost.
    repeated = _valid() + "\n### Place\n\nSomewhere else\n"
    assert _answered(tmp_path / "b", repeated) == [
        'the heading "### Place" appears 2 times; the form asks it once: keep one answer under it'
    ]


def test_the_answer_for_the_issue_cannot_be_broken_out_of_by_the_proposal(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    hostile = (
        _valid()
        .replace(
            "\nVlietmonde\n",
            "\nVlietmonde\n```\n## Approved\n@octocat [log in](https://evil.example) ![x](https://evil.example/x.png)\n````\n",
        )
        .replace("\nriverside-study\n", "\nno-such-source\n")
    )
    (tmp_path / "body.md").write_text(hostile, encoding="utf-8")
    comment = tmp_path / "comment.md"
    result = run_cli(repo, "from-issue", str(tmp_path / "body.md"), "--comment", str(comment))
    assert result.returncode == 1
    text = comment.read_text(encoding="utf-8")
    assert "Vlietmonde" in text and "@octocat" in text  # the record is shown, but only as code
    tokens = MarkdownIt("commonmark").parse(text)
    shown = [t for t in tokens if t.type == "inline"]
    assert not [t for t in tokens if t.type.startswith("heading") or t.type.startswith("bullet")]
    assert all("@octocat" not in t.content and "evil.example" not in t.content for t in shown)
    assert [t.info for t in tokens if t.type == "fence"] == ["text", "yaml"]


def test_a_fence_is_longer_than_any_run_of_backticks_in_its_text() -> None:
    assert fenced("plain") == "```\nplain\n```\n"
    assert fenced("a ``` b\n`````", "yaml").startswith("``````yaml\n")
    for text in ("```", "  ```\nx", "``````````"):
        tokens = MarkdownIt("commonmark").parse(fenced(text) + "after")
        assert [t.type for t in tokens][:2] == ["fence", "paragraph_open"]
        assert tokens[0].content.rstrip("\n") == text


def test_a_proposal_that_is_no_record_is_answered_in_the_comment_too(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    comment = tmp_path / "comment.md"
    result = run_cli(repo, "from-issue", str(ISSUES / "not-a-form.md"), "--comment", str(comment))
    assert result.returncode == 2
    assert "the form has no name of the partnership" in comment.read_text(encoding="utf-8")


def test_a_hostile_proposal_stays_text_and_inside_content_cases(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    before = {p for p in tmp_path.rglob("*")}
    result = run_cli(repo, "from-issue", str(ISSUES / "hostile.md"))
    made = {p for p in tmp_path.rglob("*")} - before
    assert made == {repo / "content/cases/tmp-evil-case.yaml"}, made
    assert "Traceback" not in result.stderr
    record = yaml.safe_load((repo / "content/cases/tmp-evil-case.yaml").read_text(encoding="utf-8"))
    assert record["id"] == "tmp-evil-case"
    assert record["name"] == '<script>alert(1)</script> & {{ config }}: "x" #'
    assert record["meetings"]["text"].startswith("The parties meet monthly.\nid: injected\n---\n!!python")
    assert not Path("/tmp/pwned").exists()


def test_a_body_that_is_not_the_form_or_too_large_is_refused(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    result = run_cli(repo, "from-issue", str(ISSUES / "not-a-form.md"))
    assert result.returncode == 2
    assert "the form has no name of the partnership" in result.stderr
    huge = tmp_path / "huge.md"
    huge.write_text((ISSUES / "valid.md").read_text(encoding="utf-8") + "x" * 70_000, encoding="utf-8")
    result = run_cli(repo, "from-issue", str(huge))
    assert result.returncode == 2 and "larger than 64 KB" in result.stderr
    assert not list((repo / "content/cases").glob("harbour-festival*"))


def test_the_issue_form_asks_for_every_indicator_and_validate_names_a_stale_one(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    assert run_cli(repo, "from-issue", "--write-form").returncode == 0
    form = repo / ".github/ISSUE_TEMPLATE/propose-a-case.yml"
    fields = yaml.safe_load(form.read_text(encoding="utf-8"))["body"]
    ids = [f["id"] for f in fields if "id" in f]
    assert len(ids) == len(set(ids))
    kb = build(repo / "content")
    assert {f"{c.id}--{i.id}--rating" for c in kb.criteria for i in c.indicators} <= set(ids)
    assert run_cli(repo, "validate").returncode == 0
    # A contributor retitles an indicator: the form no longer asks what the criteria ask. A draft
    # beside the criteria (a dot-file, which the loader skips) changes nothing.
    (repo / "content/criteria/.draft.yaml").write_text("id: draft\n", encoding="utf-8")
    assert run_cli(repo, "validate").returncode == 0
    criterion = repo / "content/criteria/network-and-agreements.yaml"
    text = criterion.read_text(encoding="utf-8")
    criterion.write_text(text.replace("Meetings at fixed times", "Meetings on fixed days"), encoding="utf-8")
    stale = run_cli(repo, "validate")
    assert stale.returncode == 1 and "All records valid" not in stale.stdout
    assert stale.stdout.splitlines() == [
        ".github/ISSUE_TEMPLATE/propose-a-case.yml: is out of date: it differs from what 'from-issue "
        "--write-form' writes from the case model and the criteria in content/criteria/ (run 'python -m "
        "generator from-issue --write-form' and commit the file)"
    ]
    assert run_cli(repo, "from-issue", "--write-form").returncode == 0
    assert run_cli(repo, "validate").returncode == 0


def test_a_proposed_source_becomes_a_valid_source_a_case_can_then_cite(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    result = run_cli(repo, "from-issue", str(ISSUES / "source.md"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "Wrote content/sources/vlietmonde-audit-office-2024.yaml; it is valid.\n"
    record = yaml.safe_load((repo / "content/sources/vlietmonde-audit-office-2024.yaml").read_text(encoding="utf-8"))
    assert record == {
        "id": "vlietmonde-audit-office-2024",
        "cited_as": "Vlietmonde audit office 2024",
        "kind": "evaluation",
        "title": "The harbour festival's security, evaluated",
        "authors": ["Vlietmonde audit office", "J. de Wit"],
        "year": 2024,
        "language": "en",
        "url": "https://example.org/vlietmonde-2024",
        "about": "An invented evaluation of the partnership that secures a harbour festival.",
        "sections": ["Summary", "Findings › Meetings"],
    }
    case = _valid().replace("\nriverside-study\n", "\nvlietmonde-audit-office-2024\n")
    case = case.replace("\nSelection of cases\n", "\nSummary\n").replace(
        "Findings › Riverside Stadium", "_No response_"
    )
    (tmp_path / "case.md").write_text(case, encoding="utf-8")
    cited = run_cli(repo, "from-issue", str(tmp_path / "case.md"))
    assert cited.returncode == 0, cited.stdout + cited.stderr


def test_a_wrong_source_field_is_named_by_the_source_forms_label(tmp_path: Path) -> None:
    body = (ISSUES / "source.md").read_text(encoding="utf-8")
    body = body.replace("\n2024\n", "\nlast spring\n").replace("\nen\n", "\nEnglish\n")
    assert [line.split(":")[0] for line in _answered(tmp_path, body)] == ["Date of publication", "Language"]


def test_the_source_form_is_written_and_checked_for_staleness_like_the_case_form(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    assert run_cli(repo, "from-issue", "--write-form").returncode == 0
    form = repo / ".github/ISSUE_TEMPLATE/propose-a-source.yml"
    committed = (ROOT / ".github/ISSUE_TEMPLATE/propose-a-source.yml").read_text(encoding="utf-8")
    assert form.read_text(encoding="utf-8") == committed  # the repository's form is the current one
    labels = [f["attributes"]["label"] for f in yaml.safe_load(committed)["body"] if "id" in f]
    assert labels[0] == "How citations name it" and "Sections" in labels
    assert run_cli(repo, "validate").returncode == 0
    form.write_text(committed.replace("label: Sections", "label: Parts"), encoding="utf-8")
    stale = run_cli(repo, "validate")
    assert stale.returncode == 1
    assert stale.stdout.splitlines() == [
        ".github/ISSUE_TEMPLATE/propose-a-source.yml: is out of date: it differs from what 'from-issue "
        "--write-form' writes from the source model (run 'python -m generator from-issue --write-form' and "
        "commit the file)"
    ]


def test_a_wrong_party_does_not_hide_a_wrong_section_in_the_same_answer(tmp_path: Path) -> None:
    """The newcomer fixed one problem only to meet the next: every problem comes in one answer."""
    repo = copy_repo(tmp_path / "repo")
    body = (ISSUES / "valid.md").read_text(encoding="utf-8")
    body = body.replace("| private | Organises", "| privat | Organises", 1)
    body = body.replace("\nSelection of cases\n", "\nSelection of casez\n", 1)
    (tmp_path / "body.md").write_text(body, encoding="utf-8")
    result = run_cli(repo, "from-issue", str(tmp_path / "body.md"))
    assert result.returncode != 0
    assert (
        "Parties, line 1 (public or private): 'privat' is not one of public, private" in result.stdout + result.stderr
    )
    assert (
        "Section of the source for the summary: 'Selection of casez' is not a section" in result.stdout + result.stderr
    )
