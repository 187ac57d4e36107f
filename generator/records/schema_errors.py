"""Turn Pydantic's validation errors into one plain-language problem per field."""

from __future__ import annotations

import difflib
import re
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.records.problems import Problem
from generator.records.ratings import PRINTED
from generator.records.yaml_source import Document, FieldPath
from generator.util.characters import forbidden_in


def _field_names() -> list[str]:
    from generator.records import models

    names: set[str] = set()
    for obj in vars(models).values():
        if isinstance(obj, type) and issubclass(obj, BaseModel):
            names.update(obj.model_fields)
    return sorted(names)


def did_you_mean(value: object, options: list[str]) -> str:
    close = difflib.get_close_matches(str(value), [o for o in options if o != str(value)], n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


@cache
def _printed_ratings() -> dict[str, str]:
    """The rating labels pages print, in every language, lowercased: 'partly present' -> 'partial'."""
    return {
        " ".join(label.casefold().replace("-", " ").split()): rating.value
        for rating, labels in PRINTED.items()
        for label in labels
    }


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"'{value}'"


_EXPECTED = {
    "string_type": "text",
    "dict_type": "a mapping of fields",
    "list_type": "a list",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "bool_type": "yes or no",
    "enum": "one of the listed values",
}


def _message(error: ErrorDetails) -> tuple[str, str]:
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    if kind == "missing":
        return "is required but missing", ""
    if kind == "extra_forbidden":
        return "is not a known field", did_you_mean(error["loc"][-1], _field_names())
    if kind in ("literal_error", "enum"):
        options = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        printed = _printed_ratings().get(" ".join(str(value).casefold().replace("-", " ").split()))
        if printed in options:  # the words a page prints for a rating, not its id
            return (
                f"{_describe(value)} is not one of {', '.join(options)}",
                f"did you mean '{printed}'? Pages print '{value}' for the rating whose id is '{printed}'",
            )
        return f"{_describe(value)} is not one of {', '.join(options)}", did_you_mean(value, options)
    if kind == "string_too_short":
        return "must not be empty", ""
    if kind == "string_too_long":
        return f"is too long (at most {ctx.get('max_length')} characters)", ""
    if kind == "string_pattern_mismatch":
        return _not_of_form(value, str(ctx.get("pattern", "")))
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} item(s)", ""
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, got {_describe(value)}", ""
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])), ""
    return error["msg"][0].lower() + error["msg"][1:], ""


def _not_of_form(value: Any, pattern: str) -> tuple[str, str]:
    """A value its field's pattern refuses: what the field takes, with an example (models.PATTERN_FORMS)."""
    from generator.records.models import PATTERN_FORMS

    what, how = PATTERN_FORMS.get(pattern, ("of the form this field takes", f"match the pattern {pattern}"))
    if value == "":
        return "must not be empty", how
    if isinstance(value, str) and (why := forbidden_in(value)):  # a control character fails the pattern too
        return why, ""
    return f"{_describe(value)} is not {what}", how


def _clean_loc(loc: tuple[Any, ...], data: Any, missing: bool = False) -> FieldPath:
    """Keep the parts of Pydantic's loc that name real fields; drop union-branch tags."""
    clean: list[str | int] = []
    current = data
    for i, part in enumerate(loc):
        if (isinstance(current, dict) and part in current) or (
            isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        ):
            current = current[part]
            clean.append(part)
        elif missing and i == len(loc) - 1 and isinstance(current, dict) and isinstance(part, str):
            clean.append(part)  # a missing field: name it, point at its parent
    return tuple(clean)


def problems_from(exc: ValidationError, doc: Document, prefix: FieldPath = ()) -> list[Problem]:
    by_loc: dict[FieldPath, list[ErrorDetails]] = {}
    for error in exc.errors():
        loc = _clean_loc(prefix + tuple(error["loc"]), doc.data, error["type"] == "missing")
        by_loc.setdefault(loc, []).append(error)
    # A translated text's plain-text branch says "expected text, got a mapping" where its mapping
    # branch names the real problem inside: only that one is said.
    by_loc = {
        loc: errors
        for loc, errors in by_loc.items()
        if not all(e["type"].endswith("_type") for e in errors)
        or not any(len(other) > len(loc) and other[: len(loc)] == loc for other in by_loc)
    }
    missing = {loc for loc, errors in by_loc.items() if any(e["type"] == "missing" for e in errors)}
    shallow = {loc: above for loc in by_loc if (above := _one_level_too_shallow(loc, doc.data, missing))}
    not_missing = {(*above, loc[-1]) for loc, above in shallow.items()}
    problems = []
    for loc, errors in by_loc.items():
        if loc in not_missing:
            continue  # the field is not missing: it stands one level too shallow, said at its line
        if loc in shallow:
            problems.append(_misplaced(doc, loc, shallow[loc]))
            continue
        # A union (text or translated text) reports once per branch; the branch that matches the
        # input's type says the useful thing.
        specific = [e for e in errors if not e["type"].endswith("_type")] or errors
        message, hint = _message(specific[0])
        problems.append(doc.problem(loc, message, hint))
    return problems


def _one_level_too_shallow(loc: FieldPath, data: Any, missing: set[FieldPath]) -> FieldPath | None:
    """Where a field belongs when it was dedented out of the mapping above it: that mapping then
    misses it (a 'cite' of a 'summary' written beside 'summary'). The mapping's path, or None."""
    if not loc or not isinstance(loc[-1], str):
        return None
    parent = _value_at(data, loc[:-1])
    if not isinstance(parent, dict) or loc[-1] not in parent:
        return None
    keys = list(parent)
    index = keys.index(loc[-1])
    if index == 0:
        return None
    above = (*loc[:-1], keys[index - 1])
    return above if (*above, loc[-1]) in missing and isinstance(parent[keys[index - 1]], dict) else None


def _misplaced(doc: Document, loc: FieldPath, above: FieldPath) -> Problem:
    line, _ = doc.mark(above)
    siblings = next(iter(_value_at(doc.data, above) or ()), None)
    depth = doc.mark((*above, siblings))[1] - 1 if siblings is not None else doc.mark(above)[1] + 1
    return doc.problem(
        loc,
        f"stands one level too shallow: it is a field of '{above[-1]}' (line {line}), which misses it",
        f"indent it {depth} spaces, like the other fields of '{above[-1]}'",
    )


def _value_at(data: Any, loc: FieldPath) -> Any:
    """The value at ``loc`` in plain data, or None where nothing stands there."""
    for part in loc:
        found = (isinstance(data, dict) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        )
        if not found:
            return None
        data = data[part]
    return data
