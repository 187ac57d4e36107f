"""Open data built from the knowledge base: every record with its citations as one JSON file, the
ratings with their quoted evidence as CSV, the JSON Schemas, and the self-assessment's data.
Everything comes out in a stable order, and nothing depends on the clock."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from generator.pages import paths
from generator.pages.notes import nested
from generator.pages.pieces import label, rule_text
from generator.pages.svg import COLOURS, PROFILE
from generator.pages.text import pick
from generator.records.history import History
from generator.records.knowledge_base import KnowledgeBase
from generator.records.models import COLLECTIONS, SINGLETONS, TYPES, Citation, Criterion, Indicator, Lesson
from generator.records.ratings import ABSENT_AT, PRESENT_AT, SCALE, Rating
from generator.words import LANGUAGES, language, plural_forms, table

FORMAT = "ppc-kb-self-assessment"
# The shape of knowledge-base.json: raised whenever a record type or the export changes shape, so a
# reader of two exports knows whether their fields can be compared. 3: every text is {en, nl}.
# 4: a quote's translation (this knowledge base's rendering) and a source's section_names; the
#    path's steps.
SCHEMA_VERSION = 4


@dataclass(frozen=True)
class DataVersion:
    """Which content an export holds: when it last changed and the commit that changed it, where
    git knows them (a downloaded archive has neither)."""

    date: str = ""
    commit: str = ""

    @classmethod
    def of(cls, known: History) -> DataVersion:
        return cls(max(known.dates.values(), default=""), known.commit)


def dumps(data: Any, *, compact: bool = False) -> str:
    # Large files are written compactly: indenting forces Python's slow pure-Python encoder.
    if compact:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def schema_name(model_name: str) -> str:
    return f"{model_name.lower()}.schema.json"


def schema_names() -> list[str]:
    return sorted(schema_name(model.__name__) for model in [*COLLECTIONS.values(), *SINGLETONS.values()])


def schema_rows() -> list[tuple[str, str]]:
    """Each JSON Schema's file name with what it describes in the edition's words ("JSON Schema for
    cases"), for the open data page: ten rows of one label told a reader nothing (issue 35, N50)."""
    words = table()
    rows = []
    for folder, model in [*COLLECTIONS.items(), *SINGLETONS.items()]:
        if folder == "study":  # the one study, with its article: "JSON Schema for the study"
            kind = words["study"][:1].lower() + words["study"][1:]
        else:
            kind = words[f"nouns_{folder}"] if folder in COLLECTIONS else words[f"noun_{folder}"]
        rows.append((schema_name(model.__name__), words["nlt_schema_for"].format(kind=kind)))
    return sorted(rows)


def json_schemas() -> dict[str, dict[str, Any]]:
    """One JSON Schema per record type, for editors and other tools."""
    schemas = {}
    for model in [*COLLECTIONS.values(), *SINGLETONS.values()]:
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schemas[schema_name(model.__name__)] = schema
    return schemas


def knowledge_base(kb: KnowledgeBase, version: DataVersion = DataVersion()) -> dict[str, Any]:
    """Every record, in the order pages list them; assessed cases add their derived criterion
    ratings and how many indicators reach each rating."""

    def dump(kind: str, record: Any) -> dict[str, Any]:
        data = record.model_dump(mode="json", exclude_defaults=False)
        if kind == "cases" and record.assessed_by:
            data["criterion_ratings"] = {cid: r.value for cid, r in kb.profile(record).items()}
            data["indicator_counts"] = {r.value: n for r, n in kb.indicator_counts(record).items()}
        return data

    return {
        "format": "ppc-kb",
        "schema_version": SCHEMA_VERSION,
        "data_version": {"date": version.date or None, "commit": version.commit or None},
        "languages": list(LANGUAGES),
        "rating_scale": [
            {
                "id": r.value,
                "symbol": lv.symbol,
                "label": {lang: table(lang)[f"rating_{r.value}"] for lang in LANGUAGES},
                "meaning": {lang: table(lang)[f"meaning_{r.value}"] for lang in LANGUAGES},
                "score": lv.score,
            }
            for r, lv in SCALE.items()
        ],
        "rating_rule": {
            "text": {lang: rule_text(lang) for lang in LANGUAGES},
            "present_at": PRESENT_AT,
            "absent_at": ABSENT_AT,
        },
        "study": kb.study.model_dump(mode="json"),
        **{t.folder: [dump(t.folder, r) for r in kb.records[t.folder]] for t in TYPES},
    }


def _citation_text(kb: KnowledgeBase, citation: Citation) -> str:
    where = ", ".join(x for x in (citation.section, citation.page and f"p. {citation.page}") if x)
    return f"{pick(kb.source(citation.source).cited_as, 'en')}{': ' + where if where else ''}"


def _dutch(value: object) -> str:
    """A text's Dutch translation, or nothing where it has none (the CSV never passes English off as Dutch)."""
    return " ".join(str(value.get("nl", "")).split()) if isinstance(value, dict) else ""


# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(…), DDE). The
# self-assessment's CSV export (csvCell in self-assessment/text.mjs) follows the same rule.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str | None) -> str:
    """A cell as text a spreadsheet shows and never runs: a leading ' where it would start a formula."""
    text = value or ""
    return "'" + text if text.startswith(FORMULA_START) else text


def ratings_csv(kb: KnowledgeBase) -> str:
    """One row per assessed case and indicator, with who assessed it and the evidence. The texts
    come in English, and in Dutch in the last three columns."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "case_id",
            "case_name",
            "assessed_by",
            "criterion_id",
            "criterion_rating",
            "indicator_id",
            "indicator_title",
            "rating",
            "finding",
            "quotes",
            "citations",
            "case_name_nl",
            "indicator_title_nl",
            "finding_nl",
        ]
    )
    indicators = [(criterion, indicator, pick(indicator.title, "en")) for criterion, indicator in kb.indicators]
    for case in kb.assessed_cases:
        name, profile = pick(case.name, "en"), kb.profile(case)
        writer.writerows(
            [
                csv_cell(cell)
                for cell in (
                    case.id,
                    name,
                    case.assessed_by,
                    criterion.id,
                    profile[criterion.id].value,
                    indicator.id,
                    title,
                    entry.rating.value,
                    " ".join(pick(entry.finding, "en").split()),
                    " | ".join(c.quote for c in entry.cite if c.quote),
                    " | ".join(_citation_text(kb, c) for c in entry.cite),
                    _dutch(case.name),
                    _dutch(indicator.title),
                    _dutch(entry.finding),
                )
            ]
            for criterion, indicator, title in indicators
            for entry in (case.assessment[criterion.id][indicator.id],)
        )
    return out.getvalue()


def self_assessment(kb: KnowledgeBase) -> dict[str, Any]:
    """What the in-browser self-assessment needs, in the edition's language: its questions, scale,
    case profiles and the words of its interface. URLs are relative to the edition's root. Each
    indicator brings what present looks like, the lessons mapped to it (not to its criterion) and
    how the assessed cases where it is present do it."""
    return {
        "format": FORMAT,
        "version": 2,
        "language": language(),
        # The interface's words; a message with plural forms as the list of them (the script's tn()).
        "labels": {key[3:]: text for key, text in {**table(), **plural_forms()}.items() if key.startswith("sa_")},
        # Each rating's colour is the one the case profiles are drawn in (svg.COLOURS), for the reader's own.
        "scale": [
            {"id": r.value, "symbol": lv.symbol, "label": label(r), "score": lv.score, "colour": COLOURS[r]}
            for r, lv in SCALE.items()
        ],
        # The reader's profile is drawn as svg.profile() draws a case's: its geometry from there.
        "profile": PROFILE,
        "rule": {"text": rule_text(), "present_at": PRESENT_AT, "absent_at": ABSENT_AT},
        "links": {"conditions": paths.url("conditions.md"), "variants": paths.url("variants.md")},
        # Where a printed plan says it came from (with the page's address and the date).
        "site": table()["site_name"],
        # How a quote rendered in the edition's language is marked, in the words the site's quotes use
        # (notes.quote_html): the mark, its title and the original's label, by the original's language.
        "quote_marks": _quote_marks(),
        # The step-by-step path, in its order, where the knowledge base has one: a new partnership's
        # gaps come in its order (core.mjs startOrder).
        "steps": _steps(kb),
        "criteria": _criteria(kb),
        "cases": [
            {
                "id": case.id,
                "name": pick(case.name),
                "url": paths.url(paths.case(case.id)),
                "profile": paths.profile_svg(case.id),
                "assessed_by": case.assessed_by,
                "criteria": {cid: r.value for cid, r in kb.profile(case).items()},
                "indicators": {i.id: case.assessment[c.id][i.id].rating.value for c, i in kb.indicators},
            }
            for case in kb.assessed_cases
        ],
    }


def _quote_marks() -> dict[str, Any]:
    words = table()
    return {
        "translation": words["quote_our_translation"],
        "title": {lang: " ".join(words[f"quote_translation_title_{lang}"].split()) for lang in LANGUAGES},
        "original": {lang: words[f"quote_original_{lang}"] for lang in LANGUAGES},
    }


def _offered(lesson: Lesson) -> dict[str, str]:
    """A lesson the self-assessment offers for a gap; its kind, so a finding is shown as what the
    study found, not as advice."""
    return {
        "id": lesson.id,
        "title": pick(lesson.title),
        "kind": lesson.kind,
        "url": paths.url(paths.lesson(lesson.id)),
    }


def _criteria(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """The questions by criterion, each indicator with what present looks like, its lessons and
    where it is present; the former ids with each, so saved work from an older model is read."""
    return [
        {
            "id": c.id,
            "former_ids": list(c.former_ids),
            "title": pick(c.title),
            "url": paths.url(paths.criterion(c.id)),
            "indicators": [
                {
                    "id": i.id,
                    # A saved self-assessment that answers a former id is read under this one.
                    "former_ids": list(i.former_ids),
                    "title": pick(i.title),
                    "question": pick(i.question),
                    "present_looks_like": pick(i.present_looks_like),
                    "url": paths.url(paths.criterion(c.id)) + "#" + i.id,
                    "lessons": [_offered(lesson) for lesson in kb.lessons_for_indicator(i)],
                    "where_present": _where_present(kb, c, i),
                }
                for i in c.indicators
            ],
        }
        for c in kb.criteria
    ]


def _steps(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """The path's steps in order, so the self-assessment can order a new partnership's gaps by the
    step that settles them."""
    return [
        {
            "id": step.id,
            "title": pick(step.title),
            "url": paths.url("path.md") + "#" + step.id,
            "indicators": list(step.indicators),
            "lessons": list(step.lessons),
        }
        for step in kb.steps
    ]


def _where_present(kb: KnowledgeBase, criterion: Criterion, indicator: Indicator) -> list[dict[str, Any]]:
    """The assessed cases rating an indicator present, with their finding and the words it rests on:
    how a partnership that has it does it."""
    found = []
    for case in kb.assessed_cases:
        entry = case.assessment[criterion.id][indicator.id]
        if entry.rating is not Rating.PRESENT or entry.inferred:
            continue  # an inferred rating is the rater's reading: no example of how it is done
        found.append(
            {
                "case": case.id,
                "finding": pick(entry.finding),
                # Every quoted passage the finding rests on: one alone left part of a finding unquoted
                # (read 9, F6).
                "quotes": [_quote(kb, c) for c in entry.cite if c.quote],
                "url": paths.url(paths.case(case.id)) + "#" + criterion.id,
            }
        )
    return found


def _quote(kb: KnowledgeBase, cite: Citation) -> dict[str, Any]:
    """A quoted passage with its language and, where that is not the edition's, this knowledge
    base's rendering, shown first and marked as such (notes.quote_html), the original behind it."""
    lang = kb.source(cite.source).quote_language(cite.section)
    rendering = cite.translation.get(language()) if lang != language() else None  # type: ignore[call-overload]
    return {  # inner quotation marks as the site's pages set them (notes.nested)
        "quote": nested(cite.quote or ""),
        "quote_lang": lang,
        "translation": nested(rendering) if rendering else None,
    }


def data_files_names(files: dict[str, str]) -> list[str]:
    """Which of a site's files are the data exports."""
    return [path for path in files if path.startswith("data/")]


def data_files(kb: KnowledgeBase, version: DataVersion = DataVersion()) -> dict[str, str]:
    files = {
        "data/knowledge-base.json": dumps(knowledge_base(kb, version), compact=True),
        "data/ratings.csv": ratings_csv(kb),
        "data/self-assessment.json": dumps(self_assessment(kb), compact=True),
    }
    for name, schema in json_schemas().items():
        files[f"data/schema/{name}"] = dumps(schema)
    return files
