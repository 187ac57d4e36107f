"""The GitHub workflows, read as GitHub reads them: actions pinned to commits, the least token each
job needs, and the "propose" bot acting only on a maintainer's label, with the proposer's text kept
away from every token that can write and from the runner's workflow commands. Nothing here needs
GitHub: the YAML is parsed, and the step that reads the issue is run as the runner would run it."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any

import yaml

from helpers import ENV, PY, ROOT, commit_all, copy_repo

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
PROPOSE = ROOT / ".github/workflows/propose-a-case.yml"
ISSUES = ROOT / "tests" / "fixtures" / "issues"
WRITE_JOBS = {("propose-a-case.yml", "act"), ("deploy.yml", "deploy")}  # the only jobs that may write


def _load(path: Path) -> dict[str, Any]:
    doc: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["on"] = doc.pop(True, doc.get("on"))  # YAML 1.1 reads the key `on` as true
    return doc


def _jobs(path: Path) -> dict[str, dict[str, Any]]:
    jobs: dict[str, dict[str, Any]] = _load(path)["jobs"]
    return jobs


def _steps(path: Path) -> list[dict[str, Any]]:
    return [step for job in _jobs(path).values() for step in job.get("steps", [])]


def _writes(permissions: str | dict[str, str] | None) -> set[str]:
    """The scopes a permissions block lets a token write."""
    if isinstance(permissions, str):
        return {"*"} if permissions == "write-all" else set()
    return {scope for scope, level in (permissions or {}).items() if level == "write"}


def test_there_are_workflows_to_check() -> None:
    assert {p.name for p in WORKFLOWS} == {"ci.yml", "deploy.yml", "propose-a-case.yml"}


def test_every_action_is_pinned_to_a_full_commit_with_its_version_beside_it() -> None:
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.match(r"\s*(- )?uses:", line):
                assert re.fullmatch(r"\s*(- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40}  # v\d+(\.\d+){0,2}", line), (
                    f"{path.name}: {line.strip()}"
                )
    dependabot = yaml.safe_load((ROOT / ".github/dependabot.yml").read_text(encoding="utf-8"))
    assert {"package-ecosystem": "github-actions", "directory": "/"}.items() <= dependabot["updates"][0].items()


def test_every_workflow_grants_the_least_its_jobs_need() -> None:
    for path in WORKFLOWS:
        doc = _load(path)
        assert "permissions" in doc, f"{path.name} has no top-level permissions: the repository default applies"
        assert not _writes(doc["permissions"]), f"{path.name} grants write to every job"
        for name, job in doc["jobs"].items():
            writes = _writes(job.get("permissions"))
            assert not writes or (path.name, name) in WRITE_JOBS, f"{path.name}: job {name} may write {writes}"
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, f"{path.name}: {name} keeps the token"
    assert _load(ROOT / ".github/workflows/ci.yml")["permissions"] == {"contents": "read"}


def test_no_workflow_expands_event_text_into_a_shell_command() -> None:
    for path in WORKFLOWS:
        for step in _steps(path):
            assert "${{" not in step.get("run", "") or "github.event" not in step.get("run", ""), (path.name, step)


def test_the_bot_acts_only_on_an_open_issue_a_maintainer_labelled_accepted() -> None:
    doc = _load(PROPOSE)
    assert doc["on"] == {"issues": {"types": ["labeled"]}}  # an edit alone runs nothing
    assert doc["permissions"] == {}
    gate, convert, act = (doc["jobs"][name] for name in ("gate", "convert", "act"))
    assert "github.event.label.name == 'accepted'" in gate["if"]
    assert "github.event.issue.state == 'open'" in gate["if"]
    # The sender of the event applied the label: their permission decides, not the label.
    (who,) = gate["steps"]
    assert who["env"]["SENDER"] == "${{ github.event.sender.login }}"
    assert 'gh api "repos/$GITHUB_REPOSITORY/collaborators/$SENDER/permission"' in who["run"]
    assert re.search(r"^\s*admin\|write\) echo \"maintainer=true\"", who["run"], re.MULTILINE)
    assert convert["needs"] == "gate" and convert["if"] == "needs.gate.outputs.maintainer == 'true'"
    assert act["needs"] == "convert"
    # Each run takes the label off: after an edit, only a maintainer's new label updates the PR.
    last = act["steps"][-1]
    assert last["if"] == "always()" and "--remove-label accepted" in last["run"]


def test_only_a_read_only_job_reads_the_issue_and_the_writing_job_takes_its_checked_output() -> None:
    jobs = _jobs(PROPOSE)
    readers = [name for name, job in jobs.items() if "github.event.issue.body" in yaml.safe_dump(job)]
    assert readers == ["convert"]
    convert, act = jobs["convert"], jobs["act"]
    assert convert["permissions"] == {"contents": "read"}
    assert any("from-issue" in step.get("run", "") for step in convert["steps"])
    upload = [s for s in convert["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload and upload[0]["with"]["name"] == "proposal"
    commands = "\n".join(step.get("run", "") for step in act["steps"])
    for unsafe in ("from-issue", "pip install", ".venv"):  # nothing of the repository's runs here
        assert unsafe not in commands, unsafe
    download = [s for s in act["steps"] if s.get("uses", "").startswith("actions/download-artifact@")]
    assert download and download[0]["with"]["name"] == "proposal"


def test_the_bots_pull_requests_get_the_same_checks() -> None:
    ci = _load(ROOT / ".github/workflows/ci.yml")
    assert "workflow_dispatch" in ci["on"] and "pull_request" in ci["on"]
    act = _jobs(PROPOSE)["act"]
    assert act["permissions"]["actions"] == "write"
    start = [s for s in act["steps"] if "gh workflow run ci.yml" in s.get("run", "")]
    assert start and '--ref "$BRANCH"' in start[0]["run"]
    assert start[0]["env"]["BRANCH"] == "${{ steps.pr.outputs.pull-request-branch }}"
    for guide in ("CONTRIBUTING.md", "CONTRIBUTING.nl.md"):
        assert "workflow_dispatch" in (ROOT / guide).read_text(encoding="utf-8"), guide


def _convert_step() -> dict[str, Any]:
    (step,) = [s for s in _jobs(PROPOSE)["convert"]["steps"] if s.get("id") == "convert"]
    return step


def _run_convert(tmp_path: Path, repo: Path, body: str) -> subprocess.CompletedProcess[str]:
    """The convert step's script, as the runner runs it (bash -e -o pipefail), in a checkout."""
    runner = tmp_path / "runner"
    runner.mkdir(exist_ok=True)
    (runner / "output").write_text("", encoding="utf-8")
    env = {**ENV, "BODY": body, "RUNNER_TEMP": str(runner), "GITHUB_OUTPUT": str(runner / "output")}
    script = tmp_path / "step.sh"
    script.write_text(_convert_step()["run"], encoding="utf-8")
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _checkout(tmp_path: Path) -> Path:
    repo = copy_repo(tmp_path / "repo")
    python = repo / ".venv/bin/python"
    python.parent.mkdir(parents=True)
    python.write_text(f'#!/bin/sh\nexec "{PY}" "$@"\n', encoding="utf-8")
    os.chmod(python, 0o755)
    (repo / ".gitignore").write_text(".venv/\n", encoding="utf-8")
    commit_all(repo, "checkout", "2024-01-10")
    return repo


def test_the_issue_reaches_the_log_only_between_stop_commands_under_a_fresh_token(tmp_path: Path) -> None:
    repo = _checkout(tmp_path)
    valid = (ISSUES / "valid.md").read_text(encoding="utf-8")
    hostile = valid.replace(  # a rating value the output quotes back: invalid, so it is answered
        "Meetings at fixed times: rating\n\npresent",
        "Meetings at fixed times: rating\n\npresent\n::set-output name=code::0\n"
        "::error file=README.md,line=1::Approved by the maintainers\n::add-mask::x",
    )
    tokens = []
    for attempt in range(2):
        (tmp_path / str(attempt)).mkdir()
        result = _run_convert(tmp_path / str(attempt), repo, hostile)
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        start = [i for i, line in enumerate(lines) if line.startswith("::stop-commands::")]
        assert len(start) == 1, result.stdout
        token = lines[start[0]].removeprefix("::stop-commands::")
        assert re.fullmatch(r"[0-9a-f]{32}", token) and token not in hostile
        end = lines.index(f"::{token}::")
        commands = [i for i, line in enumerate(lines) if line.startswith("::")]
        assert all(start[0] <= i <= end for i in commands), result.stdout
        assert "::error file=README.md" in "\n".join(lines[start[0] : end])
        tokens.append(token)
        output = (tmp_path / str(attempt) / "runner/output").read_text(encoding="utf-8")
        assert output == "code=1\n"
        made = tmp_path / str(attempt) / "runner/proposal"
        assert (made / "comment.md").is_file()
        assert sorted(p.relative_to(made).as_posix() for p in made.rglob("*.yaml")) == [
            "content/cases/harbour-festival-partnership.yaml"
        ]
        for leftover in (repo / "content/cases").glob("harbour-festival*"):
            leftover.unlink()
    assert tokens[0] != tokens[1]
