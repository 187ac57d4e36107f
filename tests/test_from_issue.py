"""A "Propose a case" issue becomes a case record, offline, from sample bodies: valid, malformed,
hostile and not a form at all. Nothing in the body is trusted."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.records.knowledge_base import build
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


def test_a_malformed_proposal_is_answered_with_the_validate_messages(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    result = run_cli(repo, "from-issue", str(ISSUES / "malformed.md"))
    assert result.returncode == 1
    out = result.stdout
    assert "content/cases/harbour-festival-partnership.yaml:" in out
    assert "country: 'republic-of-arvenland' is not the id of any country in content/countries/" in out
    assert "regular-meetings.cite: a rating of 'present' needs the words it rests on" in out


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
        ".github/ISSUE_TEMPLATE/propose-a-case.yml: is out of date: it does not ask for the criteria and "
        "indicators in content/criteria/ as they are now (run 'python -m generator from-issue --write-form' "
        "and commit the file)"
    ]
    assert run_cli(repo, "from-issue", "--write-form").returncode == 0
    assert run_cli(repo, "validate").returncode == 0
