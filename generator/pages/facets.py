"""Search facets: what each page can be filtered by in search (its kind and, for a case, its
country, the study's selection and its rating on each criterion), in the edition's words."""

from __future__ import annotations

from collections.abc import Iterable
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


# What kind of page each address is, in a reader's words (search_type_<kind>): the label on each
# search result and the values of the Type filter. One row per first part of an address (a record
# kind's folder, or a page's name); a folder's index.md is its overview, and a page named nowhere
# here is background. A new page type needs one row here and its two words in the catalogs.
PAGE_TYPES: dict[str, str] = {
    "cases": "case",
    "criteria": "criterion",
    "lessons": "lesson",
    "sources": "source",
    "roles": "role",
    "path": "step",
    "steps": "step",
    "checklists": "checklist",
    "glossary": "glossary",
    "self-assessment": "tool",
    "index": "overview",
    "comparison": "overview",
    # Pages for those who add to or reuse the site, not for a reader's question: search leaves them
    # out of a reader's results unless nothing else matches or the reader picks this type (the
    # search worker), so a contributor still finds them, and a reader's "festival" never does.
    "contributing": "contributors",
    "changes": "contributors",
    "data": "contributors",
}
FALLBACK_TYPE = "background"
CONTRIBUTORS = "contributors"


def type_of(path: str) -> str:
    """The kind of page (a PAGE_TYPES value) at MkDocs source path ``path``, e.g. 'cases/x.md'."""
    first, _, rest = path.removesuffix(".md").partition("/")
    if rest == "index" and first in PAGE_TYPES and first != "contributing":
        return "overview"
    return PAGE_TYPES.get(first, FALLBACK_TYPE)


def page_type(path: str, lang: str | None = None) -> dict[str, list[str]]:
    """The Type facet of the page at ``path``, in the edition's words."""
    return {"type": [table(lang)[f"search_type_{type_of(path)}"]]}


def for_contributors(lang: str | None = None) -> str:
    """The Type value of the pages for contributors, which reader searches leave out."""
    return table(lang)[f"search_type_{CONTRIBUTORS}"]


def keywords(records: Iterable[Any], lang: str) -> list[str]:
    """The readers' words of ``records`` in ``lang``, each once, in order: what their page is also
    found by."""
    found: dict[str, str] = {}
    for record in records:
        for word in getattr(record, "keywords", {}).get(lang, ()):
            found.setdefault(word.casefold(), word)
    return list(found.values())


def facets(kb: KnowledgeBase, kind: str, record: Any) -> dict[str, list[str]]:
    """What search can filter a record's page by: its kind and, for a case, its country, the
    study's selection and, where assessed, its rating on each criterion."""
    w = table()
    found = page_type(f"{kind}/{record.id}.md")
    if kind == "cases":
        if record.country:
            found["country"] = [pick(kb.country(record.country).name)]
        found["status"] = [w[f"status_{record.status}"] if record.status else w["not_in_study"]]
        if record.assessed_by:
            for criterion in kb.criteria:
                found[rating_facet(criterion.id)] = [label(kb.criterion_rating(record, criterion))]
    return found
