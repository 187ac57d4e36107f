"""The word catalogs (generator/locale/) and the code agree: every message the code names is in the
catalog, every message in it is used, the Dutch catalog is complete, and each message has the same
placeholders in both languages. Each failure names the command that brings the catalogs up to date."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest
from babel.messages.catalog import Catalog

from generator.records.models import CASE_FACTS, NOUNS, Case, Source
from generator.records.ratings import Rating
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
    # Named, listed, or built from a prefix and each of its values (a Literal's, Rating's, a kind's).
    missing = sorted(uses.all - set(tool.keys(catalogs[DEFAULT])))
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


# A sentence's first word after its predecessor's stop, lower case: a sign of text lost in an edit
# ("… removed. change says why … with th{feed}." stood on the English What changed page, read 8).
# Markdown's "!!! note" and abbreviations before a lower-case word are not sentence ends.
BROKEN_SENTENCE = re.compile(r"(?<![!.])(?<!\be\.g)(?<!\bi\.e)(?<!\bbijv)(?<!\be\.a)[.!?] +[a-z]")


def test_every_sentence_in_the_catalogs_begins_with_a_capital(catalogs: dict[str, Catalog]) -> None:
    broken = [
        f"{lang} {tool.message_key(m)}: …{form[max(0, found.start() - 30) : found.end() + 20]}…"
        for lang, catalog in catalogs.items()
        for m in catalog
        if m.id
        for form in tool.forms(m)
        for found in BROKEN_SENTENCE.finditer(form)
    ]
    assert not broken, "\n".join(broken)


# A word quoted in English in single marks, curly or straight: the English edition quotes with “…”,
# as its <q> marks and its content do (read 13, K2). Apostrophes ("the study's") stand alone.
SINGLE_QUOTED = re.compile(r"‘[^‘’]*’|(?<![\w])'[^'\n]+'(?![\w])")


def test_the_english_words_quote_in_double_marks(catalogs: dict[str, Catalog]) -> None:
    single = [
        f"{tool.message_key(m)}: {found.group()}"
        for m in catalogs["en"]
        if m.id
        for form in tool.forms(m)
        for found in SINGLE_QUOTED.finditer(form)
    ]
    assert not single, "\n".join(single)


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


# Counts that are never one: a file holds more partnerships than the most the page reads.
NEVER_ONE = {"sa_too_many_profiles", "sa_too_many_snapshots"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_count_stands_before_a_plural_noun_unless_its_message_has_a_form_for_one(lang: str) -> None:
    # "1 vragen", "1 indicators" (issue 35, N4): a number placed straight before a plural noun must
    # come from a message with a form for one. The plural nouns are those the catalog's own plural
    # messages put after a count in their "many" form.
    catalog = [m for m in read_catalog(lang) if m.id]
    nouns: set[str] = set()
    for message in (m for m in catalog if m.pluralizable):
        one, many = tool.forms(message)
        pairs = zip(re.findall(r"\}\s(\w+)", one), re.findall(r"\}\s(\w+)", many), strict=False)
        nouns |= {b for a, b in pairs if a != b}
    assert nouns, lang
    found = {
        tool.message_key(m): after
        for m in catalog
        for after in re.findall(r"\{\w+\}\s(\w+)", tool.forms(m)[0])
        if after in nouns and tool.message_key(m) not in NEVER_ONE
    }
    assert found == {}


def test_the_update_command_adds_a_new_word_and_drops_an_unused_one(uses: tool.Uses) -> None:
    # A word a template starts to use appears in both catalogs, without text till someone writes it;
    # one nothing uses any more leaves both.
    english, dutch = read_catalog(DEFAULT), read_catalog("nl")
    english.add("no_longer_used", "Gone")
    dutch.add("no_longer_used", "Weg")
    more = tool.Uses(uses.named | {"a_new_word"}, uses.listed, uses.built, uses.source)
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
    (tmp_path / "generator/pages").mkdir()
    (tmp_path / "generator/pages/redirects.py").write_text('for key in ("moved", "lesson")', encoding="utf-8")
    found = tool.scan(tmp_path)
    assert found.named - set(CASE_FACTS) == {"alpha", "beta", "gamma", "delta", "sa_zeta", "sa_eta"}
    # A quoted word is a use only in a registered list of keys, and only as its pattern allows.
    assert "epsilon" not in found.all and "lesson" not in found.all and "moved" in found.listed


def test_a_word_the_catalog_lacks_names_the_command_that_adds_it() -> None:
    """A new word used before `make words` fails with the fix, not a bare KeyError (in Python and
    in a template's w.key alike)."""
    from generator.words import ByName, MissingMessage

    with pytest.raises(MissingMessage, match=r"'brand_new_word' is not in the catalogs .* run `make words`"):
        table("en")["brand_new_word"]
    with pytest.raises(MissingMessage, match="make words"):
        ByName(table("nl")).brand_new_word  # noqa: B018
    assert ByName(table("en")).language_switch == table("en")["language_switch"]


def test_each_prefix_is_built_from_exactly_the_values_of_its_source() -> None:
    # Where each prefix's values come from, not a guess: a model's Literal, the rating scale, the kinds.
    assert {tool.DYNAMIC["kind_"], tool.DYNAMIC["status_"]} == {
        get_args(get_args(Source.model_fields["kind"].annotation)[0]),
        get_args(get_args(Case.model_fields["status"].annotation)[0]),
    }
    assert tool.DYNAMIC["rating_"] == tuple(r.value for r in Rating)
    assert set(tool.DYNAMIC["noun_"]) == {*NOUNS, "study", "searches"} and set(tool.DYNAMIC["nouns_"]) == set(NOUNS)


def test_a_message_for_a_value_that_does_not_exist_is_reported_unused(uses: tool.Uses) -> None:
    # A prefix no longer keeps every message that starts with it, nor a quoted word every key it spells.
    for key in ("kind_podcast", "status_pending", "noun_stages", "lesson", "value"):
        assert not tool.is_used(key, uses), key
    english = read_catalog(DEFAULT)
    english.add("kind_podcast", "Podcast")
    english, _ = tool.updated(english, read_catalog("nl"), uses)
    assert "kind_podcast" not in tool.keys(english)


def test_a_value_without_its_message_is_missing(uses: tool.Uses) -> None:
    english = read_catalog(DEFAULT)
    english.delete("kind_book")
    english.delete("sa_answer_meaning_partial")
    english.delete("cited_funnel")
    assert sorted(uses.all - set(tool.keys(english))) == ["cited_funnel", "kind_book", "sa_answer_meaning_partial"]


def test_a_new_literal_value_in_a_model_needs_its_message(tmp_path) -> None:
    """A source kind added to the model, in a copy of the code: the scan asks for kind_<value>, so
    the catalog test fails (and `make words` adds it) before a page meets a KeyError."""
    root = Path(tool.GENERATOR.parent)
    shutil.copytree(root / "generator", tmp_path / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(root / "docs/assets/javascripts", tmp_path / "docs/assets/javascripts")
    models = tmp_path / "generator/records/models.py"
    text = models.read_text(encoding="utf-8")
    assert '"data-set", "other"]' in text
    models.write_text(text.replace('"data-set", "other"]', '"data-set", "other", "podcast"]'), encoding="utf-8")
    probe = (
        "from generator.tools import catalog as tool; from generator.words import read_catalog; "
        "print(sorted(tool.scan().all - set(tool.keys(read_catalog('en')))))"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout.strip() == "['kind_podcast']"


def test_every_list_of_keys_still_holds_a_key() -> None:
    # A LISTED entry whose file moved or whose list changed its keys would keep nothing alive silently.
    assert not tool.empty_lists(), f"update catalog.LISTED: {tool.empty_lists()}"


def test_make_words_puts_the_dutch_catalog_in_the_english_order(uses) -> None:
    """Two branches that each add words merge them at different places in the two files: `make
    words`, which the failure message names, must set the Dutch order right again."""
    dutch = read_catalog("nl")
    shuffled = list(reversed(dutch._messages.items()))
    dutch._messages.clear()
    dutch._messages.update(shuffled)
    english, dutch = tool.updated(read_catalog(DEFAULT), dutch, uses)
    assert tool.keys(dutch) == tool.keys(english)
