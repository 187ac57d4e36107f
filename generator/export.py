"""Open data built from the knowledge base: one JSON file, ratings as CSV, JSON Schemas, and the
self-assessment's data. Everything is sorted and dated from the content, never from the clock."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from . import site_paths as paths
from .knowledge_base import KnowledgeBase
from .markdown_text import pick
from .models import COLLECTIONS, SINGLETONS
from .ratings import RULE, SCALE

FORMAT = "ppc-kb-self-assessment"


def dumps(data: Any, *, compact: bool = False) -> str:
    # Large files are written compactly: indenting forces Python's slow pure-Python encoder.
    if compact:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def schema_name(model_name: str) -> str:
    return f"{model_name.lower()}.schema.json"


def collection_schema(folder: str) -> str:
    """The schema file for the records in ``content/<folder>/`` (or ``content/<folder>.yaml``)."""
    return schema_name((COLLECTIONS.get(folder) or SINGLETONS[folder]).__name__)


def schema_names() -> list[str]:
    return sorted(schema_name(model.__name__) for model in [*COLLECTIONS.values(), *SINGLETONS.values()])


def json_schemas() -> dict[str, dict[str, Any]]:
    """One JSON Schema per record type, for editors and other tools."""
    schemas = {}
    for model in [*COLLECTIONS.values(), *SINGLETONS.values()]:
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schemas[schema_name(model.__name__)] = schema
    return schemas


def knowledge_base(kb: KnowledgeBase) -> dict[str, Any]:
    """The whole knowledge base with derived criterion ratings, in a stable order."""

    def dump(records: tuple[Any, ...]) -> list[dict[str, Any]]:
        return [r.model_dump(mode="json", exclude_defaults=False) for r in records]

    cases = []
    for case in kb.cases:
        data = case.model_dump(mode="json")
        if case.status == "studied":
            data["criterion_ratings"] = {cid: r.value for cid, r in kb.profile(case).items()}
        cases.append(data)
    return {
        "format": "ppc-kb",
        "version": 1,
        "rating_scale": [
            {"id": r.value, "symbol": lv.symbol, "label": lv.label, "meaning": lv.meaning, "score": lv.score}
            for r, lv in SCALE.items()
        ],
        "rating_rule": RULE,
        "study": kb.study.model_dump(mode="json"),
        "criteria": dump(kb.criteria),
        "cases": cases,
        "lessons": dump(kb.lessons),
        "references": dump(kb.references),
        "countries": dump(kb.countries),
        "instruments": dump(kb.instruments),
        "conditions": dump(kb.conditions),
        "variants": dump(kb.variants),
        "terms": dump(kb.terms),
    }


def ratings_csv(kb: KnowledgeBase) -> str:
    """One row per studied case and indicator."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "case_id",
            "case_name",
            "criterion_id",
            "criterion_rating",
            "indicator_id",
            "indicator_title",
            "rating",
            "finding",
            "source",
        ]
    )
    indicators = [(criterion, indicator, pick(indicator.title)) for criterion, indicator in kb.indicators]
    for case in kb.studied_cases:
        name, profile = pick(case.name), kb.profile(case)
        writer.writerows(
            [
                case.id,
                name,
                criterion.id,
                profile[criterion.id].value,
                indicator.id,
                title,
                entry.rating.value,
                " ".join(pick(entry.finding).split()),
                entry.source,
            ]
            for criterion, indicator, title in indicators
            for entry in (case.assessment[criterion.id][indicator.id],)
        )
    return out.getvalue()


def url(path: str) -> str:
    """Site URL of a source page relative to the site root, as MkDocs builds it (directory URLs)."""
    if path.endswith("index.md"):
        return path[: -len("index.md")]
    return path[:-3] + "/" if path.endswith(".md") else path


def self_assessment(kb: KnowledgeBase) -> dict[str, Any]:
    """What the in-browser self-assessment needs; URLs are relative to the site root."""
    return {
        "format": FORMAT,
        "version": 1,
        "scale": [
            {"id": r.value, "symbol": lv.symbol, "label": lv.label, "score": lv.score} for r, lv in SCALE.items()
        ],
        "rule": {"text": RULE, "present_at": 1.5, "absent_at": 0.5},
        "criteria": [
            {
                "id": c.id,
                "title": pick(c.title),
                "url": url(paths.criterion(c.id)),
                "indicators": [
                    {
                        "id": i.id,
                        "title": pick(i.title),
                        "question": pick(i.question),
                        "url": url(paths.criterion(c.id)) + "#" + i.id,
                    }
                    for i in c.indicators
                ],
                "lessons": [
                    {"title": pick(lesson.title), "url": url(paths.lesson(lesson.id))}
                    for lesson in kb.lessons_for_criterion(c)
                ],
            }
            for c in kb.criteria
        ],
        "cases": [
            {
                "id": case.id,
                "name": pick(case.name),
                "url": url(paths.case(case.id)),
                "profile": paths.profile_svg(case.id),
                "criteria": {cid: r.value for cid, r in kb.profile(case).items()},
                "indicators": {i.id: case.assessment[c.id][i.id].rating.value for c, i in kb.indicators},
            }
            for case in kb.studied_cases
        ],
    }


def data_files(kb: KnowledgeBase) -> dict[str, str]:
    files = {
        "data/knowledge-base.json": dumps(knowledge_base(kb), compact=True),
        "data/ratings.csv": ratings_csv(kb),
        "data/self-assessment.json": dumps(self_assessment(kb), compact=True),
    }
    for name, schema in json_schemas().items():
        files[f"data/schema/{name}"] = dumps(schema)
    return files
