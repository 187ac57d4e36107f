"""The word catalogs (generator/locale/) and the code agree: every message the code names is in the
catalog, every message in it is used, the Dutch catalog is complete, and each message has the same
placeholders in both languages. Each failure names the command that brings the catalogs up to date."""

from __future__ import annotations

import re

import pytest
from babel.messages.catalog import Catalog

from generator.records.models import CASE_FACTS
from generator.tools import catalog as tool
from generator.words import DEFAULT, LANGUAGES, catalog_path, edition, plural, plural_forms, read_catalog, table

FIX = f"run `{tool.COMMAND}` to bring the catalogs up to date, then write any new message's text"
PLACEHOLDER = re.compile(r"\{(\w+)\}")


@pytest.fixture(scope="module")
def uses() -> tool.Uses:
    return tool.scan()


@pytest.fixture(scope="module")
def catalogs() -> dict[str, Catalog]:
    return {lang: read_catalog(lang) for lang in LANGUAGES}


def test_every_message_the_code_names_is_in_the_catalog(uses: tool.Uses, catalogs: dict[str, Catalog]) -> None:
    missing = sorted(uses.named - set(tool.keys(catalogs[DEFAULT])))
    assert not missing, f"the code names messages the catalog lacks: {', '.join(missing)}; {FIX}"


def test_every_message_in_the_catalog_is_used(uses: tool.Uses, catalogs: dict[str, Catalog]) -> None:
    unused = [key for key in tool.keys(catalogs[DEFAULT]) if not tool.is_used(key, uses)]
    assert not unused, f"nothing uses these messages: {', '.join(unused)}; {FIX}"


def test_every_registered_prefix_is_built_somewhere(uses: tool.Uses) -> None:
    # A prefix nothing builds a key from would keep its messages alive with no reader.
    assert not tool.unbuilt_prefixes(uses), f"remove from catalog.DYNAMIC: {tool.unbuilt_prefixes(uses)}"


def test_the_dutch_catalog_is_complete_with_nothing_fuzzy_or_obsolete(catalogs: dict[str, Catalog]) -> None:
    english, dutch = catalogs[DEFAULT], catalogs["nl"]
    assert tool.keys(dutch) == tool.keys(english), f"the Dutch catalog has other messages than the English; {FIX}"
    for lang, found in catalogs.items():
        assert not tool.untranslated(found), f"{catalog_path(lang)}: no text for {tool.untranslated(found)}"
        fuzzy = [tool.message_key(m) for m in found if m.id and m.fuzzy]
        assert not fuzzy, f"{catalog_path(lang)}: fuzzy (check the text, then remove the fuzzy flag): {fuzzy}"
        assert not found.obsolete, f"{catalog_path(lang)}: obsolete entries {list(found.obsolete)}; {FIX}"


def test_each_message_has_the_same_placeholders_in_both_languages(catalogs: dict[str, Catalog]) -> None:
    dutch = {tool.message_key(m): m for m in catalogs["nl"] if m.id}
    wrong = []
    for message in catalogs[DEFAULT]:
        if not message.id:
            continue
        key = tool.message_key(message)
        theirs = dutch.get(key)
        if theirs is None:
            continue
        # Each plural form may leave a count out ("één lacune"), but together they fill in the same.
        english_names = {n for form in tool.forms(message) for n in PLACEHOLDER.findall(form)}
        dutch_names = {n for form in tool.forms(theirs) for n in PLACEHOLDER.findall(form)}
        if english_names != dutch_names:
            wrong.append(f"{key}: {sorted(english_names)} in English, {sorted(dutch_names)} in Dutch")
    assert not wrong, "\n".join(wrong)


def test_the_catalogs_are_as_the_update_command_writes_them(uses: tool.Uses, catalogs: dict[str, Catalog]) -> None:
    # Translator comments, flags and the file's form: what `make words` writes is what is committed.
    english, dutch = tool.updated(read_catalog(DEFAULT), read_catalog("nl"), uses)
    for lang, written in ((DEFAULT, english), ("nl", dutch)):
        assert catalog_path(lang).read_bytes() == tool.render(written), f"{catalog_path(lang)} is out of date; {FIX}"


def test_every_catalog_has_the_plural_rule_the_browser_applies() -> None:
    # The self-assessment chooses a plural form with the rule of English and Dutch (one for 1).
    for lang in LANGUAGES:
        assert read_catalog(lang).plural_forms == "nplurals=2; plural=(n != 1);", lang


def test_a_count_of_one_reads_as_one_thing_in_both_editions() -> None:
    assert plural("cited_rating", 1, "nl", count="één") == "één beoordeling"
    assert plural("cited_rating", 2, "nl", count="twee") == "twee beoordelingen"
    assert plural("cited_rating", 1, "en", count=1) == "1 rating"
    with edition("nl"):
        assert plural_forms()["cited_indicator"] == ["{count} indicator", "{count} indicatoren"]
        assert table()["and"] == "en"


def test_the_update_command_adds_a_new_word_and_drops_an_unused_one(uses: tool.Uses) -> None:
    # A word a template starts to use appears in both catalogs, without text till someone writes it;
    # one nothing uses any more leaves both.
    english, dutch = read_catalog(DEFAULT), read_catalog("nl")
    english.add("no_longer_used", "Gone")
    dutch.add("no_longer_used", "Weg")
    more = tool.Uses(uses.named | {"a_new_word"}, uses.quoted, uses.source)
    english, dutch = tool.updated(english, dutch, more)
    assert "a_new_word" in tool.keys(english) and "a_new_word" in tool.keys(dutch)
    assert tool.untranslated(dutch) == ["a_new_word"]
    assert "no_longer_used" not in tool.keys(english) + tool.keys(dutch)


def test_the_scan_finds_each_way_the_code_names_a_word(tmp_path) -> None:
    (tmp_path / "generator").mkdir()
    (tmp_path / "docs/assets/javascripts").mkdir(parents=True)
    (tmp_path / "generator/x.j2").write_text('{{ w.alpha }} {{ words["beta"] }}', encoding="utf-8")
    (tmp_path / "generator/y.py").write_text('table()["gamma"]; plural("delta", n); t = "epsilon"', encoding="utf-8")
    (tmp_path / "docs/assets/javascripts/z.js").write_text(
        't("zeta"); tn("eta", n); t("answer_" + id)', encoding="utf-8"
    )
    found = tool.scan(tmp_path)
    assert found.named - set(CASE_FACTS) == {"alpha", "beta", "gamma", "delta", "sa_zeta", "sa_eta"}
    assert "epsilon" in found.quoted


def test_a_word_the_catalog_lacks_names_the_command_that_adds_it() -> None:
    """A new word used before `make words` fails with the fix, not a bare KeyError (in Python and
    in a template's w.key alike)."""
    from generator.words import ByName, MissingMessage

    with pytest.raises(MissingMessage, match=r"'brand_new_word' is not in the catalogs .* run `make words`"):
        table("en")["brand_new_word"]
    with pytest.raises(MissingMessage, match="make words"):
        ByName(table("nl")).brand_new_word  # noqa: B018
    assert ByName(table("en")).language_switch == table("en")["language_switch"]
