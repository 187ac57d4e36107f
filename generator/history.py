"""When each record last changed, from git; an empty answer outside a git checkout."""

from __future__ import annotations

import subprocess
from pathlib import Path


def last_changed(repo: Path, folder: str = "content") -> dict[str, str]:
    """Map each file under ``folder`` (repo-relative, POSIX) to its last commit date, YYYY-MM-DD.

    One ``git log`` call for the whole folder; files never committed are simply absent.
    """
    try:
        out = subprocess.run(
            ["git", "-C", str(repo), "log", "--format=@%cs", "--name-only", "--", folder],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, str] = {}
    date = ""
    for line in out.splitlines():
        if line.startswith("@"):
            date = line[1:]
        elif line and line not in dates:
            dates[line] = date  # newest commit comes first
    return dates
