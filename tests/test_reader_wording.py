"""Words a Dutch reader stumbled on (a municipal events coordinator reading on a phone): the fixed
words avoid an anglicism and a title the site does not use elsewhere, the verdict box does not call
our translation "literal", and the labels say plainly what they mean. On the fixture corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from generator.pages.render import render_site
from generator.records.knowledge_base import KnowledgeBase
from helpers import ROOT, page_markdown

NL_CATALOG = ROOT / "generator/locale/nl/LC_MESSAGES/messages.po"

# Dutch words the house style avoids, with the word it uses instead. Terms with a preferred word
# ("lezing" for interpretatie) are in generator/locale/nl/terminology.yaml, tests/test_terminology.py.
AVOIDED = {
    r"\bkorpschef\b": "politiechef (the site's word for the local police chief)",
    r"tussen \{examples\}": "uit {examples} voorbeelden",
    r"die deze stap regelt": "Checklistvragen bij deze stap",
}


def _dutch_messages() -> dict[str, str]:
    with NL_CATALOG.open("rb") as f:
        catalog = read_po(f)
    texts = {}
    for m in catalog:
        if m.id and not str(m.id).startswith("sa_"):  # the self-assessment's words are reworded apart
            texts[str(m.id if isinstance(m.id, str) else m.id[0])] = " ".join(
                m.string if isinstance(m.string, tuple) else [m.string]
            )
    return texts


@pytest.mark.parametrize("pattern", AVOIDED)
def test_the_dutch_words_avoid_what_a_reader_stumbled_on(pattern: str) -> None:
    found = [key for key, text in _dutch_messages().items() if re.search(pattern, text, re.IGNORECASE)]
    assert found == [], f"{found}: use {AVOIDED[pattern]}"


def _verdict_box(kb: KnowledgeBase, lang: str, case_id: str) -> str:
    page = page_markdown(render_site(kb, lang=lang), f"cases/{case_id}.md")
    return page.split('<div class="kb-verdict-words">', 1)[1].split("</div>", 1)[0]


def test_the_verdict_box_does_not_call_our_translation_literal(kb: KnowledgeBase) -> None:
    from generator.words import table

    # riverside-stadium's verdict quotes its English source: the Dutch edition shows our translation.
    dutch = _verdict_box(kb, "nl", "riverside-stadium")
    assert 'class="kb-rendering"' in dutch
    assert dutch.startswith(table("nl")["rf_in_its_words_translated"])
    assert table("nl")["in_its_words"] not in dutch
    english = _verdict_box(kb, "en", "riverside-stadium")
    assert 'class="kb-rendering"' not in english
    assert english.startswith(table("en")["in_its_words"])


def test_the_edit_pencil_says_in_words_that_it_suggests_a_correction(built_site) -> None:
    """A municipal reader did not know what the pencil beside the language switch was for."""
    import html as html_module

    from generator.words import table

    for folder, lang in (("", "en"), ("nl/", "nl")):
        page = (built_site / folder / "cases/harbour-lights-festival/index.html").read_text(encoding="utf-8")
        edit = re.search(
            r'<a href="[^"]*" title="([^"]*)" class="md-content__button md-icon kb-edit" rel="edit">(.*?)</a>',
            page,
            re.S,
        )
        assert edit, lang
        words = table(lang)["suggest_correction"]
        assert html_module.unescape(edit[1]) == words
        assert f'<span class="kb-edit__label">{words}</span>' in edit[2]


def test_materials_actions_partial_is_ours_with_the_label_added() -> None:
    import material

    theirs = (Path(material.__file__).parent / "templates/partials/actions.html").read_text(encoding="utf-8")
    ours = (ROOT / "generator/plugin/theme/partials/actions.html").read_text(encoding="utf-8")
    # Material's view action is kept as it is: an upgrade that changes it shows here.
    view = theirs[theirs.index('{% if "content.action.view"') :]
    assert view.strip() in ours, "Material's partials/actions.html changed: copy its view action again"


def test_a_sources_sections_lead_with_the_editions_name_everywhere_on_its_page(kb: KnowledgeBase) -> None:
    """A Dutch reader saw English headings on a source page where the path used Dutch names: every
    section the page names (its list of sections, its contents) shows the edition's name first."""
    from generator.words import edition

    for lang in ("en", "nl"):
        site = render_site(kb, lang=lang)
        with edition(lang):
            for source in kb.sources:
                page = page_markdown(site, f"sources/{source.id}.md")
                for section in source.sections:
                    shown, _ = source.section_name(section, lang)
                    heading = re.findall(r'<h3 class="kb-section-name">(.*?)</h3>', page)
                    assert any(re.sub(r"<[^>]+>", "", h).startswith(shown) for h in heading), (lang, section)


@pytest.mark.parametrize(("lang", "mention"), [("en", "this knowledge base"), ("nl", "deze kennisbank")])
def test_a_case_page_says_once_that_the_ratings_are_this_knowledge_bases(lang: str, mention: str) -> None:
    # Issue 35, E1: the profile's caption says who rated the case; the assessment's intro, on the same
    # page, does not say it again.
    from generator.words import table

    words = table(lang)
    assert mention in words["rated_by_study"].lower()
    assert mention not in words["assessed_study_note"].lower()


def test_the_report_link_titles_the_issue_in_the_editions_language() -> None:
    # Issue 35, N37: the Dutch pages' "report a problem" link opened an issue titled in English.
    from urllib.parse import parse_qs, urlsplit

    from generator.pages.build import report_link
    from generator.words import edition

    for lang, start in (("en", "Problem on a page: "), ("nl", "Probleem op een pagina: ")):
        with edition(lang):
            link = report_link("https://github.com/owner/repo", "https://example.org/page/", "RTR-NL")
        assert parse_qs(urlsplit(link).query)["title"] == [f"{start}RTR-NL"]


def test_each_json_schema_row_on_the_data_page_names_the_records_it_describes() -> None:
    # Issue 35, N50: thirteen rows read "JSON Schema of one record type".
    from generator.pages.export import schema_names, schema_rows
    from generator.words import edition

    for lang in ("en", "nl"):
        with edition(lang):
            rows = schema_rows()
        assert [name for name, _ in rows] == schema_names()
        assert len({described for _, described in rows}) == len(rows), rows
    with edition("nl"):
        assert ("case.schema.json", "JSON-schema voor casussen") in schema_rows()
