"""The trail from a statement to the original (issue 33): a source mark leads to the section of the
source the statement rests on, and there the reader sees the passages quoted from that section, each
leading back to every page that uses it. Expectations come from the fixture corpus's records."""

from __future__ import annotations

import re
from html import escape

import pytest

from generator.pages import paths
from generator.pages.render import render_site
from generator.records.knowledge_base import KnowledgeBase, section_anchor
from helpers import page_markdown

SECTION = re.compile(r'<section class="kb-source-section" id="([^"]+)">(.*?)</section>', re.S)


@pytest.fixture(scope="module")
def site(kb: KnowledgeBase):
    return render_site(kb)


def sections_on(site, kb: KnowledgeBase, source_id: str) -> dict[str, str]:
    return dict(SECTION.findall(page_markdown(site, paths.source(source_id))))


def test_every_section_anchor_shows_the_passages_quoted_from_it(site, kb: KnowledgeBase) -> None:
    checked = 0
    for source in kb.sources:
        shown = sections_on(site, kb, source.id)
        assert list(shown) == [section_anchor(s) for s in source.sections], source.id
        for link in kb.cited_by(source):
            c = link.citation
            if not (c.quote and c.section in source.sections):
                continue
            block = shown[section_anchor(c.section)]
            assert escape(" ".join(c.quote.split()), quote=False) in block, (source.id, c.section, c.quote)
            checked += 1
    assert checked > 5, "the fixture corpus quotes its sources"


def test_each_passage_leads_back_to_the_pages_that_use_it(site, kb: KnowledgeBase) -> None:
    source = kb.study_source
    shown = sections_on(site, kb, source.id)
    page = paths.source(source.id)
    for link in kb.cited_by(source):
        c = link.citation
        if not c.section or c.section not in source.sections:
            continue
        target, anchor = paths.record_page(link.kind, link.record)
        if link.kind == "cases" and link.field[0] == "assessment":
            anchor = str(link.field[1])  # a rating leads to its criterion on the case page
        href = escape(paths.href(page, target, anchor))
        assert f'href="{href}"' in shown[section_anchor(c.section)], (link.kind, link.field, href)


def test_a_section_nothing_cites_says_so(site, kb: KnowledgeBase) -> None:
    assert any(sections_on(site, kb, s.id) for s in kb.sources)
    for source in kb.sources:
        cited = {link.citation.section for link in kb.cited_by(source)}
        for section, block in sections_on(site, kb, source.id).items():
            named = next(s for s in source.sections if section_anchor(s) == section)
            assert ("kb-passage-none" in block) == (named not in cited), (source.id, named)
