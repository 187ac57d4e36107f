"""Compare two open-data exports (knowledge-base.json): records added, removed and renamed,
fields changed, and ratings changed, as readable text or as JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.records.models import TYPES
from generator.records.ratings import indicator_ratings


class DiffError(Exception):
    pass


def read_export(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DiffError(f"{path}: cannot be read: {exc.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DiffError(f"{path}: is not JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != "ppc-kb":
        raise DiffError(f"{path}: is not a knowledge-base.json export (its format is not 'ppc-kb')")
    return data


def _ratings(case: dict[str, Any]) -> dict[str, str]:
    """A case's ratings, as 'criterion' and 'criterion › indicator' -> rating."""
    criteria = case.get("criterion_ratings")
    return {**(criteria if isinstance(criteria, dict) else {}), **indicator_ratings(case.get("assessment"))}


def _texts(value: Any) -> Any:
    """A field as schema 3 writes texts: before it, a text was a plain string; now it is {en, nl}.
    A plain string reads as {en: string}, so a translation added shows as a change and the new
    shape alone does not. (Ids and other plain strings are compared the same way on both sides.)"""
    if isinstance(value, str):
        return {"en": value}
    if isinstance(value, dict):
        if value and set(value) <= {"en", "nl"} and all(isinstance(v, str) for v in value.values()):
            return value  # already a text
        return {k: _texts(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_texts(v) for v in value]
    return value


def diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """What changed from ``old`` to ``new``, collection by collection."""
    result: dict[str, Any] = {
        "old": {"schema_version": old.get("schema_version"), "data_version": old.get("data_version")},
        "new": {"schema_version": new.get("schema_version"), "data_version": new.get("data_version")},
        "collections": {},
    }
    for kind in [t.folder for t in TYPES]:
        before = {r["id"]: r for r in old.get(kind, []) if isinstance(r, dict) and "id" in r}
        after = {r["id"]: r for r in new.get(kind, []) if isinstance(r, dict) and "id" in r}
        renamed = {
            former: rid
            for rid, record in after.items()
            for former in record.get("former_ids", [])
            if former in before and former not in after
        }
        added = sorted(set(after) - set(before) - set(renamed.values()))
        removed = sorted(set(before) - set(after) - set(renamed))
        changed = []
        pairs = [(rid, rid) for rid in sorted(set(before) & set(after))] + sorted(renamed.items())
        for old_id, new_id in pairs:
            a, b = before[old_id], after[new_id]
            fields = sorted(k for k in set(a) | set(b) if k != "id" and _texts(a.get(k)) != _texts(b.get(k)))
            was, now = _ratings(a), _ratings(b)
            ratings = [
                {"what": what, "from": was.get(what), "to": now.get(what)}
                for what in sorted(set(was) | set(now))
                if was.get(what) != now.get(what)
            ]
            if fields or old_id != new_id:
                changed.append({"id": new_id, "fields": fields, "ratings": ratings})
        if added or removed or renamed or changed:
            result["collections"][kind] = {
                "added": added,
                "removed": removed,
                "renamed": [{"from": a, "to": b} for a, b in sorted(renamed.items())],
                "changed": [c for c in changed if c["fields"]],
            }
    return result


def as_text(result: dict[str, Any]) -> str:
    def version(side: dict[str, Any]) -> str:
        data = side.get("data_version") or {}
        commit = (data.get("commit") or "")[:12]
        return f"schema {side.get('schema_version')}, content of {data.get('date') or 'an unknown date'}" + (
            f" (commit {commit})" if commit else ""
        )

    lines = [f"old: {version(result['old'])}", f"new: {version(result['new'])}"]
    if not result["collections"]:
        lines.append("No records differ.")
    for kind, change in result["collections"].items():
        lines.append(f"\n{kind}:")
        lines += [f"  added: {rid}" for rid in change["added"]]
        lines += [f"  removed: {rid}" for rid in change["removed"]]
        lines += [f"  renamed: {r['from']} -> {r['to']}" for r in change["renamed"]]
        for c in change["changed"]:
            lines.append(f"  changed: {c['id']} ({', '.join(c['fields'])})")
            lines += [f"    rating {r['what']}: {r['from'] or '-'} -> {r['to'] or '-'}" for r in c["ratings"]]
    return "\n".join(lines) + "\n"
