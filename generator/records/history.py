"""When each record last changed, from git; an empty answer outside a git checkout."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from generator.records.ratings import indicator_ratings


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


# A change's reason, as its author gave it for readers: a trailer in the commit message, one per
# language ("Reason: ..." in English, "Reden: ..." in Dutch). A commit's subject is written for
# contributors and is never shown to readers.
REASON_KEYS = {"reason": "en", "reden": "nl"}

Texts = tuple[tuple[str, str], ...]  # (language, text) pairs: a name or a reason in each language given


@dataclass(frozen=True)
class RecordChange:
    status: str  # "added", "changed" or "removed"
    path: str  # repo-relative, e.g. content/cases/x.yaml
    ratings: tuple[tuple[str, str, str], ...] = ()  # (criterion › indicator, old rating, new rating)
    name: Texts = ()  # a removed record's name, as its last version gave it
    reasons: tuple[Texts, ...] = ()  # the reasons the day's commits to this file gave, oldest first


@dataclass(frozen=True)
class DayOfChanges:
    date: str
    changes: tuple[RecordChange, ...]


_STATUS = {"A": "added", "M": "changed", "D": "removed"}


def changes(repo: Path, folder: str = "content", limit: int = 300) -> list[DayOfChanges] | None:
    """What the commits to ``folder`` added, changed and removed, newest day first; None without git.

    A file changed more than once on a day is listed once, with its ratings from before that day's
    first change to after its last. Read once per commit: `mkdocs serve` rebuilds on every save,
    but the history moves only when something is committed.
    """
    head = (_git(repo, "rev-parse", "HEAD") or "").strip()
    if not head:
        return None
    return _changes(repo.resolve(), head, folder, limit)


@lru_cache(maxsize=4)
def _changes(repo: Path, head: str, folder: str, limit: int) -> list[DayOfChanges] | None:
    trailers = "%(trailers:key=Reason,key=Reden,separator=%x1f)"
    out = _git(
        repo, "log", f"-{limit}", "--no-renames", f"--format=@%H %cs %x1e{trailers}", "--name-status", "--", folder
    )
    if out is None:
        return None
    days: dict[str, dict[str, tuple[str, str, str]]] = {}  # date -> path -> (status, newest, oldest commit)
    reasons: dict[str, dict[str, list[Texts]]] = {}  # date -> path -> reasons, newest first
    commit = date = ""
    reason: Texts = ()
    for line in out.split("\n"):  # not splitlines(): it also splits at the separators \x1e, \x1f
        if line.startswith("@"):
            head, _, given = line[1:].partition(" \x1e")
            commit, date = head.split()
            reason = _reason(given)
        elif "\t" in line:
            code, path = line.split("\t", 1)
            status = _STATUS.get(code[:1])
            if status is None or not path.endswith(".yaml"):
                continue
            day = days.setdefault(date, {})
            if path in day:  # an older commit of the same day: keep the newest status, the oldest parent
                newest_status, newest, _ = day[path]
                first = "added" if status == "added" else newest_status
                day[path] = (first if newest_status != "removed" else "removed", newest, commit)
            else:
                day[path] = (status, commit, commit)
            known = reasons.setdefault(date, {}).setdefault(path, [])
            if reason and reason not in known:
                known.append(reason)
    # A record removed since (its newest change removed it) is named on every day by its last
    # version's name: read once, from just before the commit that removed it.
    gone: dict[str, Texts] = {}
    for when in sorted(days, reverse=True):
        for path, (status, newest, _) in days[when].items():
            if path not in gone and status == "removed":
                gone[path] = _name_at(repo, f"{newest}^", path)
            gone.setdefault(path, ())
    return [
        DayOfChanges(
            date,
            tuple(
                RecordChange(
                    status,
                    path,
                    _rating_changes(repo, path, oldest, newest) if status == "changed" else (),
                    gone[path],
                    tuple(reversed(reasons[date][path])),
                )
                for path, (status, newest, oldest) in sorted(day.items())
            ),
        )
        for date, day in sorted(days.items(), reverse=True)
    ]


def _reason(trailers: str) -> Texts:
    """A commit's reason for readers, from its trailers ("Reason: ...", "Reden: ...")."""
    found: dict[str, str] = {}
    for trailer in trailers.split("\x1f"):
        key, _, value = trailer.partition(":")
        lang = REASON_KEYS.get(key.strip().casefold())
        if lang and value.strip() and lang not in found:
            found[lang] = " ".join(value.split())
    return tuple(sorted(found.items()))


# Fields that named records of kinds this knowledge base had before (content/references/ named
# each by its `citation`, before sources replaced them), so their past changes still read as names.
FORMER_NAME_FIELDS = ("citation",)


def _name_at(repo: Path, commit: str, path: str) -> Texts:
    """What a record was called at ``commit`` (its kind's name field), for a record since removed."""
    from generator.records.models import KINDS, TYPES

    data = _yaml_at(repo, commit, path)
    kind = KINDS.get(Path(path).parent.name)
    # A folder no kind has now (a kind renamed since): whichever field names a record of any kind.
    fields = [kind.name_field] if kind else [*dict.fromkeys(t.name_field for t in TYPES), *FORMER_NAME_FIELDS]
    found = (data.get(field) for field in fields) if isinstance(data, dict) else iter(())
    name = next((value for value in found if value), None)
    if isinstance(name, str):
        return (("", name),)  # a name in no one language: every edition shows it
    if isinstance(name, dict):
        return tuple(sorted((str(k), str(v)) for k, v in name.items() if isinstance(v, str)))
    return ()


def _rating_changes(repo: Path, path: str, oldest: str, newest: str) -> tuple[tuple[str, str, str], ...]:
    """The indicator ratings of a case record that differ between before ``oldest`` and ``newest``."""
    if "/cases/" not in path:
        return ()
    before, after = _ratings_at(repo, f"{oldest}^", path), _ratings_at(repo, newest, path)
    return tuple(
        (what, before.get(what, ""), after.get(what, ""))
        for what in sorted(set(before) | set(after))
        if before.get(what) != after.get(what)
    )


def _ratings_at(repo: Path, commit: str, path: str) -> dict[str, str]:
    data = _yaml_at(repo, commit, path)
    return indicator_ratings(data.get("assessment") if isinstance(data, dict) else None)


def _yaml_at(repo: Path, commit: str, path: str) -> object:
    import yaml  # only when a case changed or a record was removed

    text = _git(repo, "show", f"{commit}:{path}")
    try:
        return yaml.safe_load(text) if text else None
    except yaml.YAMLError:
        return None
