"""A source's "Cited in" list names each page's kind unless the name already says it as a word."""

from generator.pages.cited_in import names_its_kind
from generator.pages.render import render_site
from generator.pages.text import pick
from generator.records.knowledge_base import KnowledgeBase
from generator.words import table
from helpers import page_markdown


def test_a_name_says_its_kind_only_as_a_word_of_its_own() -> None:
    assert names_its_kind("Het onderzoek", "onderzoek")
    assert names_its_kind("The study", "study")
    # Dutch review N39: "Duitsland" and "Nederland" end in "land" but are not the word "land", so
    # they take "(land)" as "Frankrijk" does.
    assert not names_its_kind("Duitsland", "land")
    assert not names_its_kind("Nederland", "land")
    assert not names_its_kind("Frankrijk", "land")


def test_a_country_ending_in_land_is_named_a_country_on_its_sources_page(kb: KnowledgeBase) -> None:
    # The fixture's Arvenland cites riverside-study; on the Dutch page it takes "(land)".
    country = next(c for c in kb.countries if pick(c.name, "nl").endswith("land"))
    source = country.finding.cite[0].source
    page = page_markdown(render_site(kb, lang="nl"), f"sources/{source}.md")
    name, noun = pick(country.name, "nl"), table("nl")["noun_countries"]
    cited = page.split("{#cited-in}", 1)[1]
    assert f"{name}</a> ({noun})" in cited
    # The section's passages name the pages that use them the same way.
    assert f"{name}</a> ({noun})" in page.split("{#cited-in}", 1)[0]
    assert f"{name}</a>:" not in page
