"""When each record last changed, from git; an empty answer outside a git checkout."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from generator.records.ratings import indicator_ratings
from generator.records.yaml_source import MAX_BYTES, parse
from generator.util.characters import clean


@dataclass(frozen=True)
class History:
    """What git knows of content/: each file's last commit date, and whether that is the whole story."""

    dates: dict[str, str] = field(default_factory=dict)  # repo-relative POSIX path -> YYYY-MM-DD
    state: str = "none"  # "full", "shallow" (a shallow clone: dates may be too recent) or "none"
    commit: str = ""  # the last commit that changed the folder: the version of the data


def _git_bytes(repo: Path, *args: str) -> bytes | None:
    try:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None


def _git(repo: Path, *args: str) -> str | None:
    # Git's own output (dates, hashes, paths, re-encoded messages); a stray byte must not stop a build.
    out = _git_bytes(repo, *args)
    return None if out is None else out.decode("utf-8", errors="replace")


def history(repo: Path, folder: str = "content") -> History:
    """What git knows of ``folder``: each file's last commit date from one ``git log`` over the
    whole folder (a file never committed is absent), whether the clone is shallow, and the last
    commit that changed the folder."""
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


@dataclass(frozen=True)
class ChangeLog:
    """What changed, newest day first, and the past versions that could not be read for it."""

    days: list[DayOfChanges]
    warnings: tuple[str, ...] = ()


_STATUS = {"A": "added", "M": "changed", "D": "removed"}


def changes(repo: Path, folder: str = "content", limit: int = 300) -> ChangeLog | None:
    """What the commits to ``folder`` added, changed and removed, newest day first; None without git.

    A file changed more than once on a day is listed once, with its ratings from before that day's
    first change to after its last. Read once per commit: `mkdocs serve` rebuilds on every save,
    but the history moves only when something is committed. A past version that cannot be read
    (not UTF-8, too large or too deep, not YAML) is passed over with a warning: history only adds
    words to a page, so nothing in it may stop a build.
    """
    head = (_git(repo, "rev-parse", "HEAD") or "").strip()
    if not head:
        return None
    return _changes(repo.resolve(), head, folder, limit)


@lru_cache(maxsize=4)
def _changes(repo: Path, head: str, folder: str, limit: int) -> ChangeLog | None:
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
    past = _PastVersions(repo)
    # A record removed since (its newest change removed it) is named on every day by its last
    # version's name: read once, from just before the commit that removed it.
    gone: dict[str, Texts] = {}
    for when in sorted(days, reverse=True):
        for path, (status, newest, _) in days[when].items():
            if path not in gone and status == "removed":
                gone[path] = _name_of(past.data(f"{newest}^", path), path)
            gone.setdefault(path, ())
    listed = [
        DayOfChanges(
            date,
            tuple(
                RecordChange(
                    status,
                    path,
                    _rating_changes(past, path, oldest, newest) if status == "changed" else (),
                    gone[path],
                    tuple(reversed(reasons[date][path])),
                )
                for path, (status, newest, oldest) in sorted(day.items())
            ),
        )
        for date, day in sorted(days.items(), reverse=True)
    ]
    return ChangeLog(listed, tuple(past.warnings))


def _reason(trailers: str) -> Texts:
    """A commit's reason for readers, from its trailers ("Reason: ...", "Reden: ...")."""
    found: dict[str, str] = {}
    for trailer in trailers.split("\x1f"):
        key, _, value = trailer.partition(":")
        lang = REASON_KEYS.get(key.strip().casefold())
        if lang and clean(value).strip() and lang not in found:
            found[lang] = " ".join(clean(value).split())  # a commit message is checked by no one
    return tuple(sorted(found.items()))


# Fields that named records of kinds this knowledge base had before (content/references/ named
# each by its `citation`, before sources replaced them), so their past changes still read as names.
FORMER_NAME_FIELDS = ("citation",)


UNREADABLE = object()  # a past version that exists but could not be read (a warning says why)


class _PastVersions:
    """Past versions of records, read under the same limits as the records themselves."""

    def __init__(self, repo: Path) -> None:
        self.repo = repo
        self.warnings: list[str] = []

    def data(self, commit: str, path: str) -> object:
        """The version of ``path`` at ``commit`` as plain data: None where there is none, UNREADABLE
        where it cannot be read."""
        spec = f"{commit}:{path}"
        size = (_git(self.repo, "cat-file", "-s", spec) or "").strip()
        if not size.isdigit():
            return None  # no such version (a record added by that commit): nothing to warn about
        label = f"{path} as of commit {self._short(commit)}"
        if int(size) > MAX_BYTES:  # not even read: a large blob costs every build
            return self._skip(label, f"it is {int(size):,} bytes, more than a record may hold")
        raw = _git_bytes(self.repo, "cat-file", "blob", spec)
        if raw is None:
            return self._skip(label, "git could not read it")
        doc, problems = parse(raw, label, marks=False)
        if doc is None:
            return self._skip(label, problems[0].message if problems else "it cannot be read")
        return doc.data

    def _skip(self, label: str, why: str) -> object:
        self.warnings.append(f"What changed: passed over {label}: {why}")
        return UNREADABLE

    def _short(self, commit: str) -> str:
        base, caret, rest = commit.partition("^")
        return (_git(self.repo, "rev-parse", "--short", base) or base).strip() + caret + rest


def _name_of(data: object, path: str) -> Texts:
    """What a record was called in a past version (its kind's name field), for a record since removed."""
    from generator.records.models import KINDS, TYPES

    kind = KINDS.get(Path(path).parent.name)
    # A folder no kind has now (a kind renamed since): whichever field names a record of any kind.
    fields = [kind.name_field] if kind else [*dict.fromkeys(t.name_field for t in TYPES), *FORMER_NAME_FIELDS]
    found = (data.get(field) for field in fields) if isinstance(data, dict) else iter(())
    name = next((value for value in found if value), None)
    if isinstance(name, str) and clean(name).strip():
        return (("", clean(name)),)  # a name in no one language: every edition shows it
    if isinstance(name, dict):
        return tuple(sorted((str(k), clean(v)) for k, v in name.items() if isinstance(v, str) and clean(v).strip()))
    return ()


def _rating_changes(past: _PastVersions, path: str, oldest: str, newest: str) -> tuple[tuple[str, str, str], ...]:
    """The indicator ratings of a case record that differ between before ``oldest`` and ``newest``."""
    if "/cases/" not in path:
        return ()
    old, new = past.data(f"{oldest}^", path), past.data(newest, path)
    if old is UNREADABLE or new is UNREADABLE:
        return ()  # not compared: the change list says the record was revised, and no more
    before, after = _ratings_of(old), _ratings_of(new)
    return tuple(
        (clean(what), clean(before.get(what, "")), clean(after.get(what, "")))
        for what in sorted(set(before) | set(after))
        if before.get(what) != after.get(what)
    )


def _ratings_of(data: object) -> dict[str, str]:
    return indicator_ratings(data.get("assessment") if isinstance(data, dict) else None)
