"""Checks across records: ids match file names, references resolve, studied cases are complete."""

from __future__ import annotations

from pathlib import PurePosixPath

from .load import Loaded
from .models import Case, Criterion, Lesson, Variant
from .problems import Problem
from .schema_errors import did_you_mean
from .yaml_source import Document, FieldPath

NOUNS = {
    "criteria": "criterion",
    "cases": "case",
    "lessons": "lesson",
    "references": "reference",
    "countries": "country",
}


def check(loaded: Loaded) -> list[Problem]:
    problems: list[Problem] = []
    ids: dict[str, dict[str, Document]] = {}
    for name, entries in loaded.records.items():
        seen = ids.setdefault(name, {})
        for record, doc in entries:
            rid = record.id  # type: ignore[attr-defined]
            stem = PurePosixPath(doc.path).stem
            if rid != stem:
                problems.append(
                    doc.problem(
                        ("id",),
                        f"'{rid}' differs from the file name '{stem}.yaml'",
                        f"rename the file to '{rid}.yaml' or set id: {stem}",
                    )
                )
            if rid in seen:
                problems.append(doc.problem(("id",), f"duplicate id '{rid}', also used by {seen[rid].path}"))
            else:
                seen[rid] = doc

    def ref(doc: Document, loc: FieldPath, value: str, kind: str) -> None:
        if value not in ids.get(kind, {}) and value not in loaded.stems.get(kind, set()):
            known = sorted(ids.get(kind, {}))
            problems.append(
                doc.problem(
                    loc, f"'{value}' is not the id of any {NOUNS[kind]} in content/{kind}/", did_you_mean(value, known)
                )
            )

    criteria: dict[str, Criterion] = {r.id: r for r, _ in loaded.records.get("criteria", [])}  # type: ignore[misc]
    indicator_home: dict[str, str] = {}
    for criterion, doc in loaded.records.get("criteria", []):
        assert isinstance(criterion, Criterion)
        for i, indicator in enumerate(criterion.indicators):
            if indicator.id in indicator_home:
                problems.append(
                    doc.problem(
                        ("indicators", i, "id"),
                        f"indicator id '{indicator.id}' is already used in criterion '{indicator_home[indicator.id]}'",
                    )
                )
            indicator_home.setdefault(indicator.id, criterion.id)
        for i, rid in enumerate(criterion.references):
            ref(doc, ("references", i), rid, "references")

    for case, doc in loaded.records.get("cases", []):
        assert isinstance(case, Case)
        if case.country:
            ref(doc, ("country",), case.country, "countries")
        if case.status != "studied" and case.assessment:
            problems.append(
                doc.problem(
                    ("assessment",),
                    "only a case with status 'studied' is assessed; remove the assessment or change the status",
                )
            )
        for cid, ratings in case.assessment.items():
            if cid not in criteria:
                ref(doc, ("assessment", cid), cid, "criteria")
                continue
            known = [ind.id for ind in criteria[cid].indicators]
            for iid in ratings:
                if iid not in known:
                    problems.append(
                        doc.problem(
                            ("assessment", cid, iid),
                            f"'{iid}' is not an indicator of criterion '{cid}'",
                            did_you_mean(iid, known),
                        )
                    )
        if case.status == "studied":
            for cid, criterion in criteria.items():
                missing = [ind.id for ind in criterion.indicators if ind.id not in case.assessment.get(cid, {})]
                if not missing:
                    continue
                hint = "give each a rating ('unknown' where the source is silent), a finding and a source"
                if cid in case.assessment:
                    problems.append(
                        doc.problem(
                            ("assessment", cid),
                            f"a studied case must rate every indicator; missing: {', '.join(missing)}",
                            hint,
                        )
                    )
                else:
                    problems.append(
                        doc.problem(
                            ("assessment",),
                            f"a studied case must rate criterion '{cid}'; missing: {', '.join(missing)}",
                            hint,
                        )
                    )

    for lesson, doc in loaded.records.get("lessons", []):
        assert isinstance(lesson, Lesson)
        ref(doc, ("criterion",), lesson.criterion, "criteria")
        for i, cid in enumerate(lesson.cases):
            ref(doc, ("cases", i), cid, "cases")
    for variant, doc in loaded.records.get("variants", []):
        assert isinstance(variant, Variant)
        for i, cid in enumerate(variant.criteria):
            ref(doc, ("criteria", i), cid, "criteria")

    return problems
