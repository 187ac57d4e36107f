"""New records for contributors: every field present and explained by the model's own description."""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import get_args

from pydantic.fields import FieldInfo

from generator.pages.text import pick
from generator.records.checks import TEXTS
from generator.records.load import valid_records
from generator.records.models import ID_PATTERN, Case, Country, Criterion, Fact, Source


class ScaffoldError(Exception):
    pass


class KnownRecords:
    """What a scaffold or an issue form lists (criteria, countries, sources), from whatever records
    are valid now, so a contributor can scaffold a new record while another one is still broken.
    Each kind is read through the loader when first asked for."""

    def __init__(self, content: Path) -> None:
        self.content = content

    @cached_property
    def criteria(self) -> list[Criterion]:
        found = [r for r in valid_records(self.content, "criteria") if isinstance(r, Criterion)]
        return sorted(found, key=lambda c: (c.order, c.id))

    @cached_property
    def countries(self) -> list[Country]:
        found = [r for r in valid_records(self.content, "countries") if isinstance(r, Country)]
        return sorted(found, key=lambda c: c.id)

    @cached_property
    def sources(self) -> list[Source]:
        found = [r for r in valid_records(self.content, "sources") if isinstance(r, Source)]
        return sorted(found, key=lambda s: s.id)


def known_records(content: Path) -> KnownRecords:
    """The records a new record may name, as valid now under ``content``."""
    return KnownRecords(content)


def _sources_comment(kb: KnownRecords) -> list[str]:
    lines = ["# Sources you can cite (content/sources/); add a new one first with 'python -m generator new source ID':"]
    for source in kb.sources:
        lines.append(f"#   {source.id}: {pick(source.cited_as, 'en')}")
        lines += [f"#     section: {section}" for section in source.sections]
    return lines


_CITE = [
    "  cite:  # one or more citations",
    '    - source: ""  # a source id from the list above',
    "      section:  # optional; one of the source's sections, if it lists them",
    "      page:  # optional; a page or page range",
    "      quote:  # optional here; short verbatim words from the source",
]


def _options(annotation: object) -> str:
    """' One of: a, b, c.' for a field with fixed values, else ''."""
    values = [v for arg in get_args(annotation) or (annotation,) for v in get_args(arg) if isinstance(v, str)]
    return f" One of: {', '.join(values)}." if values else ""


def _plain_field(name: str, info: FieldInfo) -> str:
    """One line for a field: empty text, an empty list or left empty, with the model's description."""
    about = (info.description or "").replace("\n", " ")
    options = _options(info.annotation)
    if info.is_required():
        return f'{name}: ""  # {about}{options}'
    if isinstance(info.default, list):
        return f"{name}: []  # {about}" if about else f"{name}: []"
    if isinstance(info.default, dict):  # an empty mapping: left empty, the field would be null
        return f"{name}: {{}}  # {about}" if about else f"{name}: {{}}"
    return f"{name}:  # optional{': ' + about if about else ''}{options}"


def _fact(name: str, description: str, indent: str = "") -> list[str]:
    return [f"{indent}{name}:  # {description}", f'{indent}  text: ""', *(indent + line for line in _CITE)]


def _case(rid: str, kb: KnownRecords) -> str:
    """Every field of a case, in the model's order, each explained by the model's own description."""
    countries = ", ".join(c.id for c in kb.countries)
    lines = [
        "# yaml-language-server: $schema=../../schema/case.schema.json",
        "# A partnership. Write in your own words; every fact cites the source it rests on.",
        *_sources_comment(kb),
    ]
    for name, info in Case.model_fields.items():
        about = (info.description or "").replace("\n", " ")
        if name == "id":
            lines.append(f"id: {rid}  # must equal the file name")
        elif name == "country":
            lines.append(f"country:  # {about} One of: {countries}")
        elif name in ("status", "status_reason"):
            lines.append(f"# {name}:  # {about}")  # only for a case the WODC study names
        elif name == "assessed_by":
            lines.append(f"assessed_by: contributors  # {about}")
        elif name == "assessment":
            lines.append(f"assessment:  # {about}")
            lines.append("  # Rate every indicator: present, partial, absent or unknown (the sources are silent).")
            lines.append("  # Every rating but unknown needs a citation with a quote: the words it rests on.")
            for criterion in kb.criteria:
                lines.append(f"  {criterion.id}:  # {pick(criterion.title)}")
                for indicator in criterion.indicators:
                    lines += [
                        f"    {indicator.id}:  # {pick(indicator.question)}",
                        "      rating: unknown",
                        '      finding: ""',
                        *("    " + line for line in _CITE),
                    ]
        elif info.annotation == (Fact | None):
            lines.append(f"{name}:  # optional: {about} Give text and cite, or leave empty.")
        elif info.annotation is Fact:
            lines += _fact(name, about)
        else:
            lines.append(_plain_field(name, info))
    return "\n".join(lines) + "\n"


def _source(rid: str, kb: KnownRecords, text: str | None = None) -> str:
    """Every field of a source, in the model's order, each explained by the model's own description;
    ``text`` is where its plain text was copied, if it came with one."""
    lines = [
        "# yaml-language-server: $schema=../../schema/source.schema.json",
        "# Something records cite. Give only what the source itself states; leave the rest empty.",
    ]
    for name, info in Source.model_fields.items():
        if name == "id":
            lines.append(f"id: {rid}  # must equal the file name")
        elif name == "full_text":
            lines.append(f"# Its plain text (UTF-8) lives in {TEXTS}/: validate checks every quote against it.")
            lines.append("# Without one, validate warns and the source's page tells readers its quotes are unchecked.")
            lines.append(f"full_text: {text}" if text else f"full_text:  # e.g. {TEXTS}/{rid}.txt")
        else:
            lines.append(_plain_field(name, info))
    return "\n".join(lines) + "\n"


def _lesson(rid: str, kb: KnownRecords) -> str:
    criteria = ", ".join(c.id for c in kb.criteria)
    indicators = ", ".join(i.id for c in kb.criteria for i in c.indicators[:1])
    return (
        "\n".join(
            [
                "# yaml-language-server: $schema=../../schema/lesson.schema.json",
                "# A lesson as a practice card, in your own words; every reason, practice and warning quotes its source.",
                f"id: {rid}  # must equal the file name",
                'title: ""  # what to do, as an instruction, e.g. "Put agreements in writing"',
                "kind: advice  # advice (the study says what to do) or finding (it observed something)",
                "basis: stated  # stated (the study states the lesson; quote it in cite) or inferred (our reading)",
                f'criterion: ""  # the criterion it concerns: one of {criteria}',
                "cases: []  # ids of the cases that show it, e.g. [antwerp-diamond-quarter]",
                'do: ""  # what to do, in one or two sentences; for a finding, what it means for a partnership',
                "why:  # the study's reasons, or for a finding what it found",
                '  text: ""',
                "  cite:  # with a quote: the words the reasons rest on",
                '    - source: ""',
                '      section: ""',
                '      quote: ""',
                "practice: []  # how the studied partnerships did it: - case, text, cite (with a quote)",
                "watch_for: []  # what to watch for: - text, cite (with a quote)",
                "cite:  # where the study states the lesson or the finding",
                '  - source: ""  # a source id, e.g. wodc-soft-targets',
                '    section: ""  # e.g. "What does this teach us?"',
                '    quote: ""  # the words it states it in',
                f"indicators: []  # ids of the indicators it addresses, e.g. [{indicators}]",
            ]
        )
        + "\n"
    )


KINDS = {"case": ("cases", _case), "lesson": ("lessons", _lesson), "source": ("sources", _source)}


def _read_text(given: Path) -> str:
    """The source's plain text from the contributor's file, refused unless it is UTF-8 text."""
    try:
        return given.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise ScaffoldError(f"--text {given}: there is no such file") from None
    except IsADirectoryError:
        raise ScaffoldError(f"--text {given} is a folder; name the source's text file") from None
    except UnicodeDecodeError:
        raise ScaffoldError(
            f"--text {given} is not plain UTF-8 text (a PDF or Word file?); save its text as .txt first"
        ) from None


def new_record(repo: Path, kind: str, rid: str, text: Path | None = None) -> Path:
    """Write a scaffold for a new record; refuse a bad id or an existing file. A source's ``text``
    is copied to texts/<id>.txt and named in its full_text."""
    if not re.fullmatch(ID_PATTERN, rid) or len(rid) > 80:
        raise ScaffoldError(
            f"'{rid}' is not a valid id: use lowercase letters a-z, digits and single hyphens, e.g. 'my-partnership'"
        )
    if text is not None and kind != "source":
        raise ScaffoldError("--text belongs to a new source: 'new source ID --text FILE'")
    folder, make = KINDS[kind]
    path = repo / "content" / folder / f"{rid}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(repo).as_posix()} already exists; edit it instead")
    known = known_records(repo / "content")
    if text is None:
        body = make(rid, known)
    else:
        target = repo / TEXTS / f"{rid}.txt"
        if target.exists():
            raise ScaffoldError(f"{TEXTS}/{rid}.txt already exists; name it in the source's full_text instead")
        words = _read_text(text)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(words, encoding="utf-8")
        body = _source(rid, known, f"{TEXTS}/{rid}.txt")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path
