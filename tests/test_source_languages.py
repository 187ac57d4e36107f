"""A Dutch report read through its English summary (read 2 of the Dutch edition): its reference gives
the title it was published under, in that title's language; its language says the work is Dutch and
the summary English; a section the source gives no heading is not said to be headed so "in the
source"."""

from __future__ import annotations

from generator.pages.names import section_label
from generator.pages.pieces import full_reference
from generator.records.models import Source
from generator.words import edition, table

REPORT = Source.model_validate(
    {
        "id": "havenplein-report",
        "cited_as": {"en": "Havenplein report", "nl": "Havenplein-rapport"},
        "kind": "report",
        "title": "Samenwerken op het Havenplein",
        "title_language": "nl",
        "other_titles": ["Cooperating on the Havenplein"],
        "language": "en",
        "work_language": "nl",
        "sections": ["Summary", "Back cover (Dutch)"],
        "section_names": {"Summary": {"nl": "Samenvatting"}, "Back cover (Dutch)": {"nl": "Achterzijde"}},
        "unheaded": ["Back cover (Dutch)"],
    }
)


def test_the_reference_marks_the_title_with_its_own_language_not_the_summarys() -> None:
    with edition("en"):
        english = full_reference(REPORT, table())
    with edition("nl"):
        dutch = full_reference(REPORT, table())
    assert '<em><span lang="nl">Samenwerken op het Havenplein</span></em>' in english
    assert "<em>Samenwerken op het Havenplein</em>" in dutch, "in the Dutch edition the title is the page's language"


def test_a_section_without_a_heading_is_named_as_this_knowledge_bases() -> None:
    with edition("nl"):
        words = table()
        unheaded = str(section_label(REPORT, "Back cover (Dutch)"))
        headed = str(section_label(REPORT, "Summary"))
    assert words["section_named_here"] in unheaded
    assert words["quote_section_as_headed"].split("{")[0] not in unheaded, unheaded
    assert words["quote_section_as_headed"].split("{")[0] in headed, "a section the source heads keeps its heading"


def test_a_references_authors_read_as_running_text_not_a_list_with_semicolons() -> None:
    """Read 3 of the Dutch edition: "Beutel; Weinberger (2016)" is no citation form."""
    pair = Source.model_validate(
        {"id": "pair", "cited_as": {"en": "Pair", "nl": "Paar"}, "authors": ["Beutel", "Weinberger"], "year": 2016}
    )
    three = Source.model_validate(
        {
            "id": "three",
            "cited_as": {"en": "Three", "nl": "Drie"},
            "authors": ["A. Aa", "B. Bee", "C. Cee"],
            "year": 2018,
        }
    )
    with edition("nl"):
        assert full_reference(pair, table()).startswith("Beutel en Weinberger (2016)")
        assert full_reference(three, table()).startswith("A. Aa, B. Bee en C. Cee (2018)")
    with edition("en"):
        assert full_reference(pair, table()).startswith("Beutel and Weinberger (2016)")
