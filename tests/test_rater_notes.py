"""A rating's rater note (this knowledge base's reasoning, not the source's finding) stays on the
case page, after the finding, and never reaches the self-assessment's examples of how a
partnership does it (issue 34; reader review finding 7)."""

from __future__ import annotations

import json

from generator.pages import export
from generator.pages.case_page import _finding
from generator.pages.markup import text
from generator.records.knowledge_base import KnowledgeBase
from generator.words import edition

NOTE = "a rater's note, not a finding"


def test_the_examples_under_a_gap_show_the_finding_and_quote_never_the_note(kb: KnowledgeBase) -> None:
    entry = next(c for c in kb.assessed_cases if c.id == "riverside-stadium").assessment["network-and-agreements"]
    assert entry["regular-meetings"].note is not None and NOTE in entry["regular-meetings"].note["en"]
    for lang in ("en", "nl"):
        with edition(lang):
            data = export.self_assessment(kb)
        examples = next(i for c in data["criteria"] for i in c["indicators"] if i["id"] == "regular-meetings")[
            "where_present"
        ]
        riverside = next(x for x in examples if x["case"] == "riverside-stadium")
        assert riverside["finding"] == entry["regular-meetings"].finding[lang]
        assert riverside["quotes"][0]["quote"] == "The partners meet every month, and every day in match weeks."
        assert entry["regular-meetings"].note[lang] not in json.dumps(data, ensure_ascii=False)


def test_the_case_page_shows_the_note_after_the_finding_set_apart(kb: KnowledgeBase) -> None:
    entry = next(c for c in kb.assessed_cases if c.id == "riverside-stadium").assessment["network-and-agreements"]
    with edition("en"):
        cell = text(_finding(entry["regular-meetings"]))
        plain = text(_finding(entry["right-partners"]))
    assert cell.index("The partners meet monthly") < cell.index('<span class="kb-rater-note">') < cell.index(NOTE)
    assert "kb-rater-note" not in plain
