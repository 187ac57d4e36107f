"""A "Propose a case" issue form, turned into a case record for those who do not write YAML.

``form`` writes the form (.github/ISSUE_TEMPLATE/propose-a-case.yml) from the case model and the
criteria, so its fields follow the record; ``case_from_issue`` reads a submitted form's body back.
Nothing in the body is trusted: its size is bounded, the id is slugified and checked against the
id pattern, no text from it reaches a path, and the YAML is written by ``yaml.safe_dump``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import yaml

from generator.pages.text import pick
from generator.records.models import CASE_FACTS, ID_PATTERN, Case, Criterion
from generator.records.ratings import Rating

MAX_BODY = 64 * 1024  # a filled-in form is a few KB
NO_ANSWER = "_No response_"  # what GitHub writes for a field left empty


class IssueError(Exception):
    """The body cannot become a record at all (too large, no name, no source)."""


@dataclass(frozen=True)
class Question:
    key: str  # where the answer goes, e.g. "name" or "organisation-and-dynamic/complete-network/rating"
    label: str  # the heading GitHub writes above the answer: how the body is read back
    kind: str  # input, textarea or dropdown
    about: str = ""
    required: bool = False
    options: tuple[str, ...] = ()


def questions(criteria: list[Criterion]) -> list[Question]:
    """The form's fields, in the case record's order."""
    about = {name: (info.description or "") for name, info in Case.model_fields.items()}
    asked = [
        Question("name", "Name of the partnership", "input", about["name"], required=True),
        Question("other_names", "Other names", "textarea", "One per line: the Dutch name, an abbreviation."),
        Question(
            "id", "Short id (optional)", "input", "Lowercase letters, digits and hyphens; made from the name if empty."
        ),
        Question("country", "Country", "input", "A country id from content/countries/, e.g. netherlands."),
        Question("place", "Place", "input", about["place"]),
        Question("target", "Kind of soft target", "input", about["target"], required=True),
        Question(
            "source",
            "Source id",
            "input",
            "The id of the source every fact cites (content/sources/); propose a new source in the issue first.",
            required=True,
        ),
        Question("summary", "What the partnership is", "textarea", about["summary"], required=True),
        Question("summary_section", "Section of the source for the summary", "input", "Optional."),
        Question(
            "parties",
            "Parties",
            "textarea",
            "One per line: name | public or private | role. Each cites the source above.",
        ),
    ]
    for name in CASE_FACTS:
        asked.append(Question(name, name.replace("_", " ").capitalize(), "textarea", about[name]))
    ratings = tuple(r.value for r in Rating)
    for criterion in criteria:
        for indicator in criterion.indicators:
            key = f"{criterion.id}/{indicator.id}"
            title = f"{pick(criterion.title, 'en')} › {pick(indicator.title, 'en')}"
            asked += [
                Question(
                    f"{key}/rating", f"{title}: rating", "dropdown", pick(indicator.question, "en"), options=ratings
                ),
                Question(
                    f"{key}/finding", f"{title}: finding", "textarea", "What the rating rests on, in your own words."
                ),
                Question(
                    f"{key}/quote",
                    f"{title}: quote",
                    "input",
                    "Short verbatim words from the source (needed unless unknown).",
                ),
                Question(f"{key}/section", f"{title}: section of the source", "input", "Optional."),
            ]
    return asked


def form(criteria: list[Criterion]) -> str:
    """The issue form, as GitHub reads it from .github/ISSUE_TEMPLATE/."""
    body: list[dict[str, Any]] = [
        {
            "type": "markdown",
            "attributes": {
                "value": "Fill in what the source says; leave the rest empty. A bot turns this form into a "
                "pull request with the case's YAML file, or answers here with what to fix."
            },
        }
    ]
    for q in questions(criteria):
        attributes: dict[str, Any] = {"label": q.label}
        if q.about:
            attributes["description"] = q.about
        if q.options:
            attributes["options"] = list(q.options)
            attributes["default"] = q.options.index("unknown")
        field: dict[str, Any] = {"type": q.kind, "id": q.key.replace("/", "--"), "attributes": attributes}
        if q.required:
            field["validations"] = {"required": True}
        body.append(field)
    head = {
        "name": "Propose a case",
        "description": "A public-private partnership for soft targets, rated from a source: no YAML needed.",
        "title": "Case: ",
        "labels": ["content", "new case"],
    }
    header = "# Written by 'python -m generator from-issue --write-form'; `validate` fails when it is stale.\n"
    return header + yaml.safe_dump({**head, "body": body}, sort_keys=False, allow_unicode=True, width=100)


def answers(body: str, asked: list[Question]) -> dict[str, str]:
    """The body's answers by question key; headings the form does not ask are ignored."""
    if len(body.encode("utf-8")) > MAX_BODY:
        raise IssueError(f"the issue is larger than {MAX_BODY // 1024} KB; a case proposal is a few KB")
    by_label = {q.label: q.key for q in asked}
    found: dict[str, str] = {}
    for part in re.split(r"^### ", body.replace("\r\n", "\n"), flags=re.MULTILINE)[1:]:
        label, _, value = part.partition("\n")
        key = by_label.get(label.strip())
        value = value.strip()
        if key and value and value != NO_ANSWER:
            found[key] = value
    return found


def slug(text: str) -> str:
    """An id from a name: ASCII lowercase letters, digits and single hyphens, at most 80 characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")


def _cite(source: str, section: str | None = None, quote: str | None = None) -> dict[str, str]:
    cite = {"source": source}
    if section:
        cite["section"] = section
    if quote:
        cite["quote"] = quote.strip().strip('"“”')
    return cite


def case_from_issue(body: str, criteria: list[Criterion]) -> tuple[str, dict[str, Any]]:
    """The case's id and its record's data, from a submitted form's body."""
    asked = questions(criteria)
    got = answers(body, asked)
    if "name" not in got:
        raise IssueError("the form has no name of the partnership; is this a 'Propose a case' issue?")
    rid = slug(got.get("id") or got["name"])
    if not re.fullmatch(ID_PATTERN, rid):
        raise IssueError(f"no id can be made from '{got.get('id') or got['name']}'; give a short id in the form")
    source = slug(got.get("source", ""))
    if not source:
        raise IssueError("the form names no source id; every fact must cite one")
    record: dict[str, Any] = {"id": rid, "name": got["name"]}
    if "other_names" in got:
        record["other_names"] = [line.strip() for line in got["other_names"].splitlines() if line.strip()]
    if "country" in got:
        record["country"] = slug(got["country"])
    for key in ("place", "target"):
        if key in got:
            record[key] = got[key]
    record["summary"] = {"text": got.get("summary", ""), "cite": [_cite(source, got.get("summary_section"))]}
    parties = []
    for line in got.get("parties", "").splitlines():
        name, _, rest = line.partition("|")
        sector, _, role = rest.partition("|")
        if name.strip():
            parties.append(
                {"name": name.strip(), "sector": sector.strip().lower(), "role": role.strip(), "cite": [_cite(source)]}
            )
    if parties:
        record["parties"] = parties
    for name in CASE_FACTS:
        if name in got:
            record[name] = {"text": got[name], "cite": [_cite(source)]}
    assessment: dict[str, dict[str, Any]] = {}
    for criterion in criteria:
        for indicator in criterion.indicators:
            key = f"{criterion.id}/{indicator.id}"
            said = {part: got[f"{key}/{part}"] for part in ("rating", "finding", "quote") if f"{key}/{part}" in got}
            if not said or said == {"rating": "unknown"}:  # the dropdown's default alone says nothing
                continue
            entry = {
                "rating": got.get(f"{key}/rating", "unknown"),
                "finding": got.get(f"{key}/finding", ""),
                "cite": [_cite(source, got.get(f"{key}/section"), got.get(f"{key}/quote"))],
            }
            assessment.setdefault(criterion.id, {})[indicator.id] = entry
    if assessment:
        record["assessed_by"] = "contributors"
        for criterion in criteria:  # an assessed case rates every indicator: unknown where the form is silent
            for indicator in criterion.indicators:
                assessment.setdefault(criterion.id, {}).setdefault(
                    indicator.id,
                    {"rating": "unknown", "finding": "The proposal says nothing on this.", "cite": [_cite(source)]},
                )
        record["assessment"] = {c.id: {i.id: assessment[c.id][i.id] for i in c.indicators} for c in criteria}
    return rid, record


def as_yaml(record: dict[str, Any]) -> str:
    """The record as YAML text: safe_dump quotes whatever the contributor typed as a plain string."""
    head = "# yaml-language-server: $schema=../../schema/case.schema.json\n# Proposed through an issue form.\n"
    return head + yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=100)
