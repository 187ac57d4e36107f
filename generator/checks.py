"""Checks across records: ids match file names, references resolve, studied cases are complete."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath

from .links import Links
from .load import Loaded
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
    for name, entries in loaded.links.items():
        seen = ids.setdefault(name, {})
        for links, doc in entries:
            stem = PurePosixPath(doc.path).stem
            if links.id != stem:
                problems.append(
                    doc.problem(
                        ("id",),
                        f"'{links.id}' differs from the file name '{stem}.yaml'",
                        f"rename the file to '{links.id}.yaml' or set id: {stem}",
                    )
                )
            if links.id in seen:
                problems.append(doc.problem(("id",), f"duplicate id '{links.id}', also used by {seen[links.id].path}"))
            else:
                seen[links.id] = doc

    def ref(doc: Document, loc: FieldPath, value: str, kind: str) -> None:
        if value not in ids.get(kind, {}) and value not in loaded.stems.get(kind, set()):
            known = sorted(ids.get(kind, {}))
            problems.append(
                doc.problem(
                    loc, f"'{value}' is not the id of any {NOUNS[kind]} in content/{kind}/", did_you_mean(value, known)
                )
            )

    for entries in loaded.links.values():
        for links, doc in entries:
            for loc, kind, value in links.refs:
                ref(doc, loc, value, kind)

    criteria: dict[str, tuple[str, ...]] = {}
    indicator_home: dict[str, str] = {}
    for links, doc in loaded.links.get("criteria", []):
        criteria[links.id] = links.indicators
        for i, iid in enumerate(links.indicators):
            if iid in indicator_home:
                problems.append(
                    doc.problem(
                        ("indicators", i, "id"),
                        f"indicator id '{iid}' is already used in criterion '{indicator_home[iid]}'",
                    )
                )
            indicator_home.setdefault(iid, links.id)

    for links, doc in loaded.links.get("cases", []):
        problems += _case_problems(links, doc, criteria, ref)
    return problems


def _case_problems(
    case: Links,
    doc: Document,
    criteria: dict[str, tuple[str, ...]],
    ref: Callable[[Document, FieldPath, str, str], None],
) -> list[Problem]:
    problems: list[Problem] = []
    if case.status != "studied" and case.rated:
        problems.append(
            doc.problem(
                ("assessment",),
                "only a case with status 'studied' is assessed; remove the assessment or change the status",
            )
        )
    rated = dict(case.rated)
    for cid, indicators in case.rated:
        if cid not in criteria:
            ref(doc, ("assessment", cid), cid, "criteria")
            continue
        for iid in indicators:
            if iid not in criteria[cid]:
                problems.append(
                    doc.problem(
                        ("assessment", cid, iid),
                        f"'{iid}' is not an indicator of criterion '{cid}'",
                        did_you_mean(iid, list(criteria[cid])),
                    )
                )
    if case.status == "studied":
        hint = "give each a rating ('unknown' where the source is silent), a finding and a source"
        for cid, indicators in criteria.items():
            missing = [iid for iid in indicators if iid not in rated.get(cid, ())]
            if not missing:
                continue
            if cid in rated:
                message = f"a studied case must rate every indicator; missing: {', '.join(missing)}"
                problems.append(doc.problem(("assessment", cid), message, hint))
            else:
                message = f"a studied case must rate criterion '{cid}'; missing: {', '.join(missing)}"
                problems.append(doc.problem(("assessment",), message, hint))
    return problems
