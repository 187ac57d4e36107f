"""New records for contributors: every field present and explained, the assessment complete."""

from __future__ import annotations

import re
from pathlib import Path

from .load import load
from .markdown_text import pick
from .models import ID_PATTERN, Country, Criterion, Study


class ScaffoldError(Exception):
    pass


class _Known:
    """What a scaffold lists (criteria, sections, countries), from whatever records are valid now:
    a contributor can scaffold a new record while another one is still broken."""

    def __init__(self, content: Path) -> None:
        loaded = load(content)
        self.criteria = sorted(
            (r for r, _ in loaded.records.get("criteria", []) if isinstance(r, Criterion)),
            key=lambda c: (c.order, c.id),
        )
        self.countries = sorted(
            (r for r, _ in loaded.records.get("countries", []) if isinstance(r, Country)), key=lambda c: c.id
        )
        study = loaded.singletons.get("study")
        self.sections = study[0].sections if study and isinstance(study[0], Study) else []


def _case(rid: str, kb: _Known) -> str:
    sections = "\n".join(f"#   - {s}" for s in kb.sections)
    countries = ", ".join(c.id for c in kb.countries)
    lines = [
        "# yaml-language-server: $schema=../../schema/case.schema.json",
        "# A partnership. Write in your own words; every fact cites the section of the source it rests on.",
        "# Sources you can cite (content/study.yaml):",
        sections,
        f"id: {rid}  # must equal the file name",
        'name: ""  # the partnership\'s name as the study gives it',
        "other_names: []  # other names the study uses (Dutch name, abbreviations); search finds them",
        f"country:  # optional; one of: {countries}",
        "place:  # optional; the city or area",
        'target: ""  # the kind of soft target, e.g. "stadium and event venue"; "Not stated in the study" if so',
        "status: studied  # studied (assessed on every indicator), screened-out or left-out",
        "status_reason:  # why the study studied it in depth, screened it out or left it out",
        '  text: ""',
        '  source: ""',
        "summary:  # what the partnership is and does",
        '  text: ""',
        '  source: ""',
        "parties: []  # each: {name, other_names, sector: public|private, role, source}",
        "# Optional facts; each is {text, source}. Leave a field empty where the study is silent.",
        "driver:  # who drives the partnership",
        "formal_basis:  # covenant, protocol, framework or cooperation agreement, and its period",
        "meetings:  # how often and where the parties meet",
        "satisfaction:  # what respondents say about the cooperation",
        "missing_parties:  # who is missing",
        "task_shift:  # the shift of tasks between public and private",
        "accountability:  # accountability and evaluation",
        "threat_information:  # information about the threat",
        "# For a studied case, rate every indicator: present, partial, absent or unknown (the study is silent).",
        "# The meaning of each indicator is on its criterion's page; CONTRIBUTING.md gives examples.",
        "assessment:  # criterion -> indicator -> rating, finding, source (leave out for a case not studied)",
    ]
    for criterion in kb.criteria:
        lines.append(f"  {criterion.id}:  # {pick(criterion.title)}")
        for indicator in criterion.indicators:
            lines += [
                f"    {indicator.id}:  # {pick(indicator.question)}",
                "      rating: unknown",
                '      finding: ""',
                '      source: ""',
            ]
    return "\n".join(lines) + "\n"


def _lesson(rid: str, kb: _Known) -> str:
    criteria = ", ".join(c.id for c in kb.criteria)
    return (
        "\n".join(
            [
                "# yaml-language-server: $schema=../../schema/lesson.schema.json",
                "# A lesson the study draws across cases, in your own words.",
                f"id: {rid}  # must equal the file name",
                'title: ""  # an imperative or a short claim, e.g. "Put agreements in writing"',
                f'criterion: ""  # the criterion it concerns: one of {criteria}',
                "cases: []  # ids of the cases that show it, e.g. [antwerp-diamond-quarter]",
                'text: ""  # what the study found',
                'source: ""  # the section of the source, e.g. "What does this teach us?"',
            ]
        )
        + "\n"
    )


KINDS = {"case": ("cases", _case), "lesson": ("lessons", _lesson)}


def new_record(repo: Path, kind: str, rid: str) -> Path:
    """Write a scaffold for a new record; refuse a bad id or an existing file."""
    if not re.fullmatch(ID_PATTERN, rid) or len(rid) > 80:
        raise ScaffoldError(
            f"'{rid}' is not a valid id: use lowercase letters a-z, digits and single hyphens, e.g. 'my-partnership'"
        )
    folder, make = KINDS[kind]
    path = repo / "content" / folder / f"{rid}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(repo).as_posix()} already exists; edit it instead")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(make(rid, _Known(repo / "content")), encoding="utf-8")
    return path
