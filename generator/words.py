"""Every fixed word the templates print, in one place, so a Dutch edition adds one table."""

from __future__ import annotations

from types import SimpleNamespace

EN = {
    "site_name": "PPC for soft targets",
    "criteria": "Success criteria",
    "criterion": "Criterion",
    "cases": "Cases",
    "case": "Case",
    "comparison": "Comparison",
    "lessons": "Lessons",
    "lesson": "Lesson",
    "checklists": "Checklists",
    "self_assessment": "Self-assessment",
    "study": "The study",
    "policy": "Policy overview",
    "conditions": "Conditions for more private responsibility",
    "resilience": "Social resilience",
    "variants": "Three possible variants of PPC",
    "references": "Literature",
    "glossary": "Glossary",
    "data": "Open data",
    "also_known_as": "Also known as",
    "country": "Country",
    "place": "Place",
    "target": "Kind of soft target",
    "status": "Status",
    "why": "Why",
    "summary": "What the partnership is",
    "parties": "Parties",
    "party": "Party",
    "sector": "Sector",
    "role": "Role",
    "source": "Source",
    "sources": "Sources",
    "indicator": "Indicator",
    "indicators": "Indicators",
    "question": "Checklist question",
    "rating": "Rating",
    "finding": "Finding",
    "overall": "Overall",
    "how_it_works": "How the partnership works",
    "assessment": "Assessment against the success criteria",
    "lessons_shown": "Lessons this case shows",
    "lessons_drawn": "Lessons the study draws",
    "cases_showing": "Cases that show it",
    "about_criterion": "About this criterion",
    "literature_view": "What the literature says",
    "operationalisation": "How the study measured it",
    "present_looks_like": "What present looks like",
    "ratings_per_case": "How the studied cases score",
    "literature_basis": "Literature it rests on",
    "variants_touching": "Variants of PPC that touch this criterion",
    "legend": "Legend",
    "rule": "How a criterion's rating is derived",
    "not_stated": "Not stated in the study",
    "terms_on_page": "Terms on this page",
    "cited_by": "Cited for",
    "requires": "What it would require",
    "touches": "Criteria it touches",
    "position": "Position",
    "instruments": "Dutch policy instruments",
    "owner": "Owner",
    "edit_hint": "Something wrong or missing? Use the edit button to correct the record behind this page.",
    "status_studied": "Studied in depth",
    "status_screened-out": "Screened out",
    "status_left-out": "Left out",
    "sector_public": "Public",
    "sector_private": "Private",
    "position_longest-tradition": "Longest tradition of PPC",
    "position_in-the-middle": "In the middle",
    "position_largely-public": "Safety largely a public task",
    "position_not-characterised": "Not characterised in the study",
    "driver": "Driver",
    "formal_basis": "Formal basis",
    "meetings": "How often and where parties meet",
    "satisfaction": "Satisfaction",
    "missing_parties": "Who is missing",
    "task_shift": "Shift of tasks between public and private",
    "accountability": "Accountability and evaluation",
    "threat_information": "Information about the threat",
    "last_changed": "Record last changed",
}

# The case fields shown under "How the partnership works", in this order.
CASE_FACTS = ("driver", "formal_basis", "meetings", "satisfaction", "missing_parties", "task_shift", "accountability", "threat_information")


def words(lang: str = "en") -> SimpleNamespace:
    return SimpleNamespace(**EN)


def word(key: str, lang: str = "en") -> str:
    return EN[key]
