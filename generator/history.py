"""When each record last changed, from git; an empty answer outside a git checkout."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class History:
    """What git knows of content/: each file's last commit date, and whether that is the whole story."""

    dates: dict[str, str] = field(default_factory=dict)  # repo-relative POSIX path -> YYYY-MM-DD
    state: str = "none"  # "full", "shallow" (a shallow clone: dates may be too recent) or "none"
    commit: str = ""  # the last commit that changed the folder: the version of the data


def _git(repo: Path, *args: str) -> str | None:
    try:
        return subprocess.run(
            ["git", "-C", str(repo), *args], capture_output=True, text=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None


def last_changed(repo: Path, folder: str = "content") -> dict[str, str]:
    """Map each file under ``folder`` (repo-relative, POSIX) to its last commit date, YYYY-MM-DD.

    One ``git log`` call for the whole folder; files never committed are simply absent.
    """
    return history(repo, folder).dates


def history(repo: Path, folder: str = "content") -> History:
    out = _git(repo, "log", "--format=@%cs", "--name-only", "--", folder)
    if out is None:
        return History()
    dates: dict[str, str] = {}
    date = ""
    for line in out.splitlines():
        if line.startswith("@"):
            date = line[1:]
        elif line and line not in dates:
            dates[line] = date  # newest commit comes first
    shallow = (_git(repo, "rev-parse", "--is-shallow-repository") or "").strip() == "true"
    commit = (_git(repo, "log", "-1", "--format=%H", "--", folder) or "").strip()
    return History(dates, "shallow" if shallow else ("full" if dates else "none"), commit)
