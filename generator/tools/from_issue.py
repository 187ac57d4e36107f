"""The "Propose a case" and "Propose a source" issue forms, turned into records for those who do
not write YAML.

``case_form`` writes the case form from the case model and the criteria, ``source_form`` the
source form from the source model, so their fields follow the records; ``proposal`` reads a
submitted form's body back. Nothing in the body is trusted: its size is bounded, the id is
slugified and checked against the id pattern, no text from it reaches a path, and the YAML is
written by ``yaml.safe_dump``. The bot answers in the form's own words (``answer_lines``) inside a
fence no line of the answer can close (``fenced``).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

import yaml

from generator.pages.text import pick
from generator.records.models import CASE_FACTS, ID_PATTERN, Case, Criterion, Source
from generator.records.problems import Problem
from generator.records.ratings import Rating
from generator.tools.scaffold import known_records

MAX_BODY = 64 * 1024  # a filled-in form is a few KB
NO_ANSWER = "_No response_"  # what GitHub writes for a field left empty
CASE_FORM = ".github/ISSUE_TEMPLATE/propose-a-case.yml"
SOURCE_FORM = ".github/ISSUE_TEMPLATE/propose-a-source.yml"


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
    default: str = ""  # the dropdown's preselected option


@dataclass
class Proposal:
    """A record made from a form, with what the form's headings said that could not be used."""

    kind: str  # the content folder: "cases" or "sources"
    rid: str
    record: dict[str, Any]
    asked: list[Question]
    notes: list[str] = field(default_factory=list)  # headings renamed, added or repeated, in form terms


def questions(criteria: list[Criterion]) -> list[Question]:
    """The case form's fields, in the case record's order."""
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
            "The id of the source every fact cites (content/sources/). A source the knowledge base does not "
            "have yet: propose it first with the 'Propose a source' form.",
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
                    f"{key}/rating",
                    f"{title}: rating",
                    "dropdown",
                    pick(indicator.question, "en"),
                    options=ratings,
                    default="unknown",
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


def _choices(name: str) -> tuple[str, ...]:
    """The fixed values a source field takes (its Literal), in the model's order."""
    annotation = Source.model_fields[name].annotation
    return tuple(v for arg in get_args(annotation) for v in get_args(arg) if isinstance(v, str))


def source_questions() -> list[Question]:
    """The source form's fields, in the source record's order; its text is added by a maintainer."""
    about = {name: (info.description or "") for name, info in Source.model_fields.items()}
    return [
        Question("cited_as", "How citations name it", "input", about["cited_as"], required=True),
        Question(
            "id",
            "Short id (optional)",
            "input",
            "Lowercase letters, digits and hyphens; made from how citations name it if empty.",
        ),
        Question("kind", "Kind of source", "dropdown", about["kind"], options=_choices("kind")),
        Question("title", "Title", "input", about["title"]),
        Question(
            "authors", "Authors", "textarea", "One per line: " + about["authors"][0].lower() + about["authors"][1:]
        ),
        Question("publisher", "Publisher", "input"),
        Question("date", "Date of publication", "input", "A year (2023), or YYYY-MM or YYYY-MM-DD."),
        Question("language", "Language", "input", about["language"]),
        Question("url", "Web address", "input", "Where the source can be read, beginning with https://."),
        Question("doi", "DOI", "input", "Optional, e.g. 10.1234/abcd."),
        Question("accessed", "Read on", "input", about["accessed"]),
        Question("about", "What it is", "textarea", about["about"], required=True),
        Question(
            "sections",
            "Sections",
            "textarea",
            "One per line, as the source heads them (e.g. 'Findings › Organisation'); cases cite them.",
        ),
    ]


def _form(head: dict[str, Any], intro: str, asked: list[Question]) -> str:
    body: list[dict[str, Any]] = [{"type": "markdown", "attributes": {"value": intro}}]
    for q in asked:
        attributes: dict[str, Any] = {"label": q.label}
        if q.about:
            attributes["description"] = q.about
        if q.options:
            attributes["options"] = list(q.options)
            if q.default:
                attributes["default"] = q.options.index(q.default)
        item: dict[str, Any] = {"type": q.kind, "id": q.key.replace("/", "--"), "attributes": attributes}
        if q.required:
            item["validations"] = {"required": True}
        body.append(item)
    header = "# Written by 'python -m generator from-issue --write-form'; `validate` fails when it is stale.\n"
    return header + yaml.safe_dump({**head, "body": body}, sort_keys=False, allow_unicode=True, width=100)


_ACCEPTED = (
    " A maintainer reads it first and applies the label `accepted`; only then does a bot turn it into a "
    "pull request, or answer here with what to fix."
)


def form(criteria: list[Criterion]) -> str:
    """The "Propose a case" issue form, as GitHub reads it from .github/ISSUE_TEMPLATE/."""
    head = {
        "name": "Propose a case",
        "description": "A public-private partnership for soft targets, rated from a source: no YAML needed.",
        "title": "Case: ",
        "labels": ["content", "new case"],
    }
    intro = "Fill in what the source says; leave the rest empty." + _ACCEPTED
    return _form(head, intro, questions(criteria))


def source_form() -> str:
    """The "Propose a source" issue form: a source a case can cite, no YAML needed."""
    head = {
        "name": "Propose a source",
        "description": "A report, article or web page that cases can cite: no YAML needed.",
        "title": "Source: ",
        "labels": ["content", "new source"],
    }
    intro = (
        "Describe the source as it is published; leave the rest empty. A maintainer adds its text to "
        "`texts/`, so quotes from it can be checked. Once its pull request is merged, a case can cite "
        "its id." + _ACCEPTED
    )
    return _form(head, intro, source_questions())


@dataclass(frozen=True)
class IssueForm:
    path: str  # where GitHub reads it, relative to the repository
    write: Callable[[list[Criterion]], str]  # the form, from the criteria as they are
    written_from: str  # what it follows, for the message when it is stale


FORMS = (
    IssueForm(CASE_FORM, form, "the case model and the criteria in content/criteria/"),
    IssueForm(SOURCE_FORM, lambda criteria: source_form(), "the source model"),
)


def write_forms(repo: Path) -> list[str]:
    """Write every issue form from the models and the criteria as they are; the paths written."""
    criteria = known_records(repo / "content").criteria
    for issue_form in FORMS:
        target = repo / issue_form.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(issue_form.write(criteria), encoding="utf-8")
    return [issue_form.path for issue_form in FORMS]


def stale_forms(repo: Path) -> list[Problem]:
    """The committed issue forms that differ from what ``write_forms`` writes now: a contributor who
    changes the case model, a source's fields or the criteria is told so by `validate`, not by a
    failing test. The criteria are read through the loader, as valid now."""
    criteria = known_records(repo / "content").criteria
    stale = []
    for issue_form in FORMS:
        path = repo / issue_form.path
        if path.is_file() and path.read_text(encoding="utf-8") != issue_form.write(criteria):
            message = (
                f"is out of date: it differs from what 'from-issue --write-form' writes from {issue_form.written_from}"
            )
            hint = "run 'python -m generator from-issue --write-form' and commit the file"
            stale.append(Problem(issue_form.path, 0, 0, "", message, hint))
    return stale


@dataclass(frozen=True)
class Answers:
    found: dict[str, str]  # by question key
    notes: list[str]  # headings the form does not ask, or asks once but the body repeats


def answers(body: str, asked: list[Question]) -> Answers:
    """The body's answers by question key, and what its headings say that the form does not."""
    if len(body.encode("utf-8")) > MAX_BODY:
        raise IssueError(f"the issue is larger than {MAX_BODY // 1024} KB; a proposal is a few KB")
    by_label = {q.label: q.key for q in asked}
    found: dict[str, str] = {}
    seen: Counter[str] = Counter()
    unasked: list[str] = []
    for part in re.split(r"^### ", body.replace("\r\n", "\n"), flags=re.MULTILINE)[1:]:
        label, _, value = part.partition("\n")
        label, value = label.strip(), value.strip()
        key = by_label.get(label)
        if key is None:
            unasked.append(label)
            continue
        seen[label] += 1
        if value and value != NO_ANSWER:
            found[key] = value
    notes = [
        f'the heading "### {label}" appears {n} times; the form asks it once: keep one answer under it'
        for label, n in seen.items()
        if n > 1
    ]
    missing = [q.label for q in asked if q.label not in seen]
    for label in unasked:
        near = difflib.get_close_matches(label, missing, n=1, cutoff=0.5)
        hint = f'; did you mean "### {near[0]}"?' if near else ""
        notes.append(f'the heading "### {_short(label)}" is not one the form asks, so its answer was not used{hint}')
    return Answers(found, notes)


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


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


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _id(given: str | None, name: str) -> str:
    rid = slug(given or name)
    if not re.fullmatch(ID_PATTERN, rid):
        raise IssueError(f"no id can be made from '{_short(given or name)}'; give a short id in the form")
    return rid


def proposal(body: str, criteria: list[Criterion]) -> Proposal:
    """The record a submitted case or source form proposes: which one, by the headings it has."""
    heads = set(re.findall(r"^### (.*?)\s*$", body[: MAX_BODY + 1].replace("\r\n", "\n"), flags=re.MULTILINE))
    only_source = {q.label for q in source_questions()} - {q.label for q in questions(criteria)}
    if only_source & heads and "Name of the partnership" not in heads:
        return source_from_issue(body)
    return case_from_issue(body, criteria)


def case_from_issue(body: str, criteria: list[Criterion]) -> Proposal:
    """The case a submitted "Propose a case" form proposes."""
    asked = questions(criteria)
    read = answers(body, asked)
    got = read.found
    if "name" not in got:
        raise IssueError("the form has no name of the partnership; is this a 'Propose a case' issue?")
    rid = _id(got.get("id"), got["name"])
    source = slug(got.get("source", ""))
    if not source:
        raise IssueError("the form names no source id; every fact must cite one")
    record: dict[str, Any] = {"id": rid, "name": got["name"]}
    if "other_names" in got:
        record["other_names"] = _lines(got["other_names"])
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
    assessment = _assessment(got, criteria, source)
    if assessment:
        record["assessed_by"] = "contributors"
        record["assessment"] = assessment
    return Proposal("cases", rid, record, asked, read.notes)


def _assessment(got: dict[str, str], criteria: list[Criterion], source: str) -> dict[str, dict[str, Any]]:
    """Every indicator rated, unknown where the form is silent; none when the form rates nothing."""
    rated: dict[str, dict[str, Any]] = {}
    for criterion in criteria:
        for indicator in criterion.indicators:
            key = f"{criterion.id}/{indicator.id}"
            said = {part: got[f"{key}/{part}"] for part in ("rating", "finding", "quote") if f"{key}/{part}" in got}
            if not said or said == {"rating": "unknown"}:  # the dropdown's default alone says nothing
                continue
            rated.setdefault(criterion.id, {})[indicator.id] = {
                "rating": got.get(f"{key}/rating", "unknown"),
                "finding": got.get(f"{key}/finding", ""),
                "cite": [_cite(source, got.get(f"{key}/section"), got.get(f"{key}/quote"))],
            }
    if not rated:
        return {}
    return {c.id: {i.id: rated.get(c.id, {}).get(i.id) or _silent(source) for i in c.indicators} for c in criteria}


def _silent(source: str) -> dict[str, Any]:
    """An indicator the form says nothing on: a fresh dict each, or the YAML would hold aliases."""
    return {"rating": "unknown", "finding": "The proposal says nothing on this.", "cite": [_cite(source)]}


def source_from_issue(body: str) -> Proposal:
    """The source a submitted "Propose a source" form proposes."""
    asked = source_questions()
    read = answers(body, asked)
    got = read.found
    if "cited_as" not in got:
        raise IssueError("the form does not say how citations name the source; is this a 'Propose a source' issue?")
    rid = _id(got.get("id"), got["cited_as"])
    record: dict[str, Any] = {"id": rid, "cited_as": got["cited_as"]}
    for key in ("kind", "title", "publisher"):
        if key in got:
            record[key] = got[key]
    if "authors" in got:
        record["authors"] = _lines(got["authors"])
    date = got.get("date", "")
    if re.fullmatch(r"\d{4}", date):
        record["year"] = int(date)
    elif date:
        record["date"] = date
    for key in ("language", "url", "doi", "accessed", "about"):
        if key in got:
            record[key] = got[key]
    if "sections" in got:
        record["sections"] = _lines(got["sections"])
    return Proposal("sources", rid, record, asked, read.notes)


def as_yaml(proposal: Proposal) -> str:
    """The record as YAML text: safe_dump quotes whatever the contributor typed as a plain string."""
    schema = {"cases": "case", "sources": "source"}[proposal.kind]
    head = f"# yaml-language-server: $schema=../../schema/{schema}.schema.json\n# Proposed through an issue form.\n"
    return head + yaml.safe_dump(proposal.record, sort_keys=False, allow_unicode=True, width=100)


_PARTY = {"name": "its name", "sector": "public or private", "role": "its role"}


def form_label(field: str, asked: list[Question]) -> str:
    """The form's label for a record's field path, e.g. 'parties[0].sector' -> 'Parties, line 1
    (public or private)'; the path itself where the form has no field for it."""
    by_key = {q.key: q.label for q in asked}
    parts = field.split(".")
    head = re.sub(r"\[\d+\]$", "", parts[0])
    if re.search(r"(^|\.)cite(\[\d+\])?\.source$", field) and "source" in by_key:
        return by_key["source"]
    if head == "assessment" and len(parts) >= 3:
        rest = parts[3:]
        part = "rating" if not rest or rest[0] == "rating" else "finding" if rest[0] == "finding" else "quote"
        if rest and rest[-1] == "section":
            part = "section"
        return by_key.get(f"{parts[1]}/{parts[2]}/{part}", field)
    if head == "summary" and "summary" in by_key:
        return by_key["summary_section" if field.endswith(".section") else "summary"]
    party = re.fullmatch(r"parties\[(\d+)\](?:\.(\w+))?.*", field)
    if party and "parties" in by_key:
        what = f" ({_PARTY[party[2]]})" if party[2] in _PARTY else ""
        return f"{by_key['parties']}, line {int(party[1]) + 1}{what}"
    if head in ("year", "date") and "date" in by_key:
        return by_key["date"]
    return by_key.get(head, field)


@dataclass(frozen=True)
class Choices:
    """What the knowledge base holds now, to list where the form asks for one of them."""

    countries: list[str]
    sections: dict[str, list[str]]  # by source id


def answer_lines(problems: list[Problem], proposal: Proposal, choices: Choices) -> list[str]:
    """Each problem of the proposed record in the form's own words, once, with the heading notes
    first; a wrong country or section lists the ones the form takes."""
    lines = list(proposal.notes)
    for problem in problems:
        label = f"{form_label(problem.field, proposal.asked)}: " if problem.field else ""
        hint = f" ({problem.hint})" if problem.hint else ""
        warning = "warning: " if problem.warning else ""
        line = f"{label}{warning}{problem.message}{hint}" + _listed(problem.field, proposal, choices)
        if line not in lines:
            lines.append(line)
    return lines


def _listed(field: str, proposal: Proposal, choices: Choices) -> str:
    """The choices the form takes for a country, source or section it was given wrong."""
    if proposal.kind != "cases":
        return ""
    country = proposal.record.get("country")
    source = proposal.record["summary"]["cite"][0]["source"]  # every fact cites the form's one source
    if field == "country" and country not in choices.countries:
        return "; the form takes one of: " + ", ".join(choices.countries)
    if re.search(r"cite\[\d+\]\.source$", field) and source not in choices.sections:
        return "; the form takes one of: " + ", ".join(choices.sections)
    if field.endswith(".section") and source in choices.sections:
        sections = choices.sections[source]
        if not sections:
            return f"; source '{source}' lists no sections: leave the field empty"
        return f"; source '{source}' has the sections: " + "; ".join(sections)
    return ""


def fenced(text: str, info: str = "") -> str:
    """``text`` in a code fence longer than any run of backticks in it, so no line of it closes
    the fence (a line of backticks in a proposal would otherwise end it and show as Markdown)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text.rstrip()}\n{fence}\n"


def comment(lines: list[str], record_path: str | None = None, record_text: str | None = None) -> str:
    """The bot's answer on an issue whose form does not make a valid record yet."""
    parts = [
        "The form could not become a valid record yet. What to change, by the form's own field names:\n",
        fenced("\n".join(lines), "text"),
    ]
    if record_path and record_text is not None:
        parts += [
            f"\nThe record made from the form ({record_path}), for the maintainers:\n",
            fenced(record_text, "yaml"),
        ]
    parts.append(
        "\nEdit the issue to fix the fields named. An edit alone does not run this check again: "
        "a maintainer reads the edit and applies the label `accepted` again.\n"
    )
    return "\n".join(parts)
