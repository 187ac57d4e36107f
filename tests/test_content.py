"""Content tests: the repository's own records, held only to what holds for any valid content.

The generator's tests run on the fictional corpus in tests/fixtures/kb/, which they may pin. This
module reads content/ (as do a few tests elsewhere, named in the README under Tests), and it asserts
nothing a contributor's valid change could break: a new case, a corrected rating, a renamed record,
a new criterion, a source without its text all pass. Every rule a record must
meet lives in `validate`, where contributors see it; what is checked here is that the rules hold
(again, by other code where it can be) and that whatever is there builds into both editions.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.pages.paths import url
from generator.pages.text import pick
from generator.records.knowledge_base import KnowledgeBase, build, validate
from generator.records.models import TYPES
from generator.records.quotes import SourceText
from generator.records.ratings import Rating
from generator.records.refs import citations
from generator.tools.from_issue import stale_forms
from helpers import REAL, copy_repo, mkdocs_build


@pytest.fixture(scope="module")
def real_kb() -> KnowledgeBase:
    return build(REAL / "content")


def _source_text(kb: KnowledgeBase, sid: str) -> SourceText | None:
    source = kb.source(sid)
    path = REAL / source.full_text if source.full_text else None
    return SourceText(path.read_text(encoding="utf-8")) if path and path.is_file() else None


def test_the_records_are_valid_and_the_issue_form_is_current(real_kb: KnowledgeBase) -> None:
    # Warnings (an untranslated text, a source without its text) leave content valid: not asserted.
    counts, _ = validate(REAL / "content")
    assert counts["cases"] == len(real_kb.cases) and counts["criteria"] == len(real_kb.criteria)
    assert stale_forms(REAL) == []  # the issue form asks what the criteria ask (validate says so too)


def test_every_assessed_rating_other_than_unknown_quotes_its_source(real_kb: KnowledgeBase) -> None:
    for case in real_kb.assessed_cases:
        for criterion, indicator in real_kb.indicators:
            entry = case.assessment[criterion.id][indicator.id]
            assert pick(entry.finding).strip(), (case.id, indicator.id)
            if entry.rating is not Rating.UNKNOWN:
                assert any(c.quote for c in entry.cite), (case.id, indicator.id)


def test_every_quote_stands_verbatim_in_its_sources_text(real_kb: KnowledgeBase) -> None:
    """The reviewer's check by hand, done again outside `validate`: each quote against its text."""
    records = [real_kb.study, *(r for records in real_kb.records.values() for r in records)]
    for record in records:
        for loc, cited in citations(record):
            text = _source_text(real_kb, cited.source) if cited.quote else None
            if text is not None:  # a source without its text is valid: its page says the quotes are unchecked
                assert text.contains(cited.quote), (getattr(record, "id", "study"), loc, cited.quote)


@pytest.mark.build
def test_whatever_is_there_builds_into_both_editions(tmp_path: Path, real_kb: KnowledgeBase) -> None:
    repo = copy_repo(tmp_path / "repo", corpus=REAL)
    site = tmp_path / "site"
    result = mkdocs_build(repo, site)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    for kind in (t for t in TYPES if t.own_pages):
        for record in real_kb.records[kind.folder]:
            page = url(f"{kind.folder}/{record.id}.md")
            for edition in ("", "nl/"):
                assert (site / edition / page / "index.html").is_file(), (edition, page)
