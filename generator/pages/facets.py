"""Search facets: what each page can be filtered by in search (its kind and, for a case, its
country, the study's selection and its rating on each criterion), in the edition's words."""

from __future__ import annotations

from typing import Any

from generator.pages.pieces import label
from generator.pages.text import pick
from generator.records.knowledge_base import KnowledgeBase
from generator.words import table

# Search facets are keyed by these names and a criterion's id, never by words a reader sees:
# Pagefind reads a ':' in a key as key:value and keeps entities in it. facet_names() says them.
FACET_KEYS = ("type", "country", "status")


def rating_facet(criterion_id: str) -> str:
    return f"rating-{criterion_id}"


def facet_names(kb: KnowledgeBase) -> dict[str, str]:
    """Each facet key's name in the edition's words, for the search filters to show."""
    w = table()
    names = {"type": w["facet_type"], "country": w["country"], "status": w["status"]}
    return names | {rating_facet(c.id): pick(c.title) for c in kb.criteria}


def page_type(path: str) -> dict[str, list[str]]:
    """The search facet of a page that is no record's: a checklist, the glossary or a page."""
    w = table()
    kind = "checklist" if path.startswith("checklists/") else "glossary" if path == "glossary.md" else "page"
    return {"type": [w[f"facet_{kind}"]]}


def facets(kb: KnowledgeBase, kind: str, record: Any) -> dict[str, list[str]]:
    """What search can filter a record's page by: its kind and, for a case, its country, the
    study's selection and, where assessed, its rating on each criterion."""
    w = table()
    found = {"type": [w[f"noun_{kind}"]]}
    if kind == "cases":
        if record.country:
            found["country"] = [pick(kb.country(record.country).name)]
        found["status"] = [w[f"status_{record.status}"] if record.status else w["not_in_study"]]
        if record.assessed_by:
            for criterion in kb.criteria:
                found[rating_facet(criterion.id)] = [label(kb.criterion_rating(record, criterion))]
    return found
