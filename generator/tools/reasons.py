"""Rating changes that give readers no reason: for a pull request, each case rating changed since
a base commit where no commit to that case's file carries a ``Reason:`` (or ``Reden:``) trailer.
"What changed" shows a rating change's reason only where one was given; this tells the contributor
before the change is merged, as a GitHub warning on the line of the rating."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.records.history import UNREADABLE, _git, _PastVersions, _reason


@dataclass(frozen=True)
class Unreasoned:
    path: str  # repo-relative case file
    line: int  # the rating's line in the file as it is now (1 where it cannot be found)
    what: str  # "criterion › indicator"
    old: str
    new: str

    def github(self) -> str:
        """The warning in GitHub's workflow-command form: shown on the line in the pull request."""
        before, after = self.old or "(none)", self.new or "(none)"
        message = (
            f"The rating of {self.what} changed from {before} to {after}, but no commit to this file gives a "
            "reason. Add a 'Reason: ...' trailer (and 'Reden: ...' in Dutch) to the commit message, so "
            "What changed can tell readers why."
        )
        return f"::warning file={self.path},line={self.line}::{message}"


def unreasoned(repo: Path, base: str, folder: str = "content/cases") -> list[Unreasoned]:
    """The ratings changed between ``base`` and HEAD in case files that no commit since ``base``
    gives a reason for."""
    from generator.records.ratings import indicator_ratings

    merge_base = (_git(repo, "merge-base", base, "HEAD") or "").strip() or base
    files = (_git(repo, "diff", "--name-only", "--no-renames", merge_base, "HEAD", "--", folder) or "").split()
    past = _PastVersions(repo)
    found: list[Unreasoned] = []
    for path in sorted(f for f in files if f.endswith(".yaml")):
        old, new = past.data(merge_base, path), past.data("HEAD", path)
        if old is None or old is UNREADABLE or new is UNREADABLE:
            continue  # a new case has no earlier rating to explain; an unreadable one, validate reports
        before = indicator_ratings(old.get("assessment") if isinstance(old, dict) else None)
        after = indicator_ratings(new.get("assessment") if isinstance(new, dict) else None)
        changed = [w for w in sorted(set(before) | set(after)) if before.get(w) != after.get(w)]
        if not changed or _has_reason(repo, merge_base, path):
            continue
        text = (repo / path).read_text(encoding="utf-8") if (repo / path).is_file() else ""
        found += [Unreasoned(path, _line_of(text, w), w, before.get(w, ""), after.get(w, "")) for w in changed]
    return found


def _has_reason(repo: Path, base: str, path: str) -> bool:
    trailers = "%(trailers:key=Reason,key=Reden,separator=%x1f)%x1e"
    out = _git(repo, "log", f"--format={trailers}", f"{base}..HEAD", "--", path) or ""
    return any(_reason(given.strip("\n")) for given in out.split("\x1e"))


def _line_of(text: str, what: str) -> int:
    """The line of a rating's indicator under its criterion in a case file; 1 if not found."""
    criterion, _, indicator = (part.strip() for part in what.partition("›"))
    lines = text.splitlines()
    start = next((n for n, line in enumerate(lines) if re.match(rf"\s+{re.escape(criterion)}\s*:", line)), None)
    if start is None:
        return 1
    for n in range(start + 1, len(lines)):
        if re.match(rf"\s+{re.escape(indicator)}\s*:", lines[n]):
            return n + 1
    return start + 1
