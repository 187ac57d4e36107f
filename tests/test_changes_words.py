""" "What changed" in readers' sentences (issue 33): a rating change is one sentence, with its
reason only where the change's author gave one; many records revised at once without a reason are
one line ("Wording revised on 4 lessons"), not every name. Real git repositories, real commits."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.pages import local
from generator.pages.changes import plain_line, worded_changes
from generator.pages.text import pick
from generator.records import history
from generator.records.knowledge_base import build
from generator.words import edition, table
from helpers import commit_all, copy_repo


def _lines(repo: Path, lang: str) -> dict[str, list[str]]:
    log = history.changes(repo)
    assert log is not None
    kb = build(repo / "content")
    with edition(lang):
        return {day: [plain_line(line) for line in lines] for day, lines in worded_changes(kb, log.days, table(lang))}


def _touch(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_many_records_revised_without_a_reason_are_one_line(tmp_path: Path, lang: str) -> None:
    repo = copy_repo(tmp_path / "repo")
    commit_all(repo, "records", "2024-01-10")
    lessons = sorted((repo / "content/lessons").glob("*.yaml"))
    assert len(lessons) == 4
    for path in lessons:
        _touch(path)
    _touch(next((repo / "content/criteria").glob("*.yaml")))  # one record of another kind: named
    commit_all(repo, "lessons: wording", "2024-02-01")
    words = table(lang)
    lines = _lines(repo, lang)["2024-02-01"]
    with edition(lang):
        four = local.number(4)  # "vier" in Dutch
    bulk = {
        "en": f"Wording revised on {four} {words['nouns_lessons']}.",
        "nl": f"Tekst van {four} {words['nouns_lessons']} herzien.",
    }
    assert bulk[lang] in lines, lines
    kb = build(repo / "content")
    assert not any(pick(lesson.title, lang) in line for line in lines for lesson in kb.lessons), lines
    assert any(line.startswith(f"{words['change_revised']}: {words['noun_criteria']} ") for line in lines), lines


def test_a_rating_change_is_one_sentence_and_gives_no_reason_it_lacks(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    commit_all(repo, "records", "2024-01-10")
    case = repo / "content/cases/havenplein-markt.yaml"
    text = case.read_text(encoding="utf-8")
    case.write_text(text.replace("rating: partial", "rating: present", 1), encoding="utf-8")
    commit_all(repo, "havenplein: rating", "2024-02-01")
    lines = _lines(repo, "en")["2024-02-01"]
    assert len(lines) == 1 and lines[0].startswith("Havenplein Market safety consultation: the rating of "), lines
    # Quoted, as in Dutch: a capitalised title ran into the sentence (read 10, G12).
    assert lines[0].endswith(" changed from “Partly present” to “Present”."), lines
    assert table("en")["change_why"] not in lines[0]


def test_a_change_to_the_reader_queries_names_them_in_the_editions_words(kb) -> None:
    # content/searches.yaml has no page and no name: the changes page printed its file's stem,
    # "Toegevoegd: searches", in Dutch too (issue 35).
    from generator.pages.changes import _record_piece

    kind, (name, target, _) = _record_piece(kb, history.RecordChange("added", "content/searches.yaml"))
    assert (kind, target) == ("searches", "")
    assert name == {"en": table("en")["noun_searches"], "nl": table("nl")["noun_searches"]}
    assert "searches" not in name["nl"]


def test_reasons_given_in_english_only_are_marked_so_on_the_dutch_page_and_end_a_sentence(tmp_path: Path) -> None:
    # Past reasons are history, never rewritten: on the Dutch page an English one is marked as
    # English and said to be so; two reasons on one line are told apart, the line ends in a stop.
    from generator.pages.changes import change_list

    repo = copy_repo(tmp_path / "repo")
    commit_all(repo, "records", "2024-01-10")
    case = repo / "content/cases/havenplein-markt.yaml"
    _touch(case)
    commit_all(repo, "havenplein: one\n\nReason: the first reason", "2024-02-01")
    _touch(case)
    commit_all(repo, "havenplein: two\n\nReason: the second reason", "2024-02-01")
    lines = [line for line in _lines(repo, "nl")["2024-02-01"] if "first reason" in line]
    only = table("nl")["change_only_in_en"]
    assert len(lines) == 1 and lines[0].endswith(f"the first reason ({only}); the second reason ({only})."), lines
    log = history.changes(repo)
    assert log is not None
    with edition("nl"):
        html = str(change_list("changes/", build(repo / "content"), log.days, table("nl")))
    assert '<span lang="en">the first reason</span>' in html
    # In the English edition the same reasons are the edition's own: no note.
    english = [line for line in _lines(repo, "en")["2024-02-01"] if "first reason" in line]
    assert english[0].endswith("the first reason; the second reason."), english


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_names_on_a_line_are_in_the_editions_order_criteria_in_the_studys(kb, lang: str) -> None:
    from generator.pages.changes import _ordered, _record_piece

    countries = [
        ({"en": "France", "nl": "Frankrijk"}, "", ""),
        ({"en": "Germany", "nl": "Duitsland"}, "", ""),
        ({"en": "Sweden", "nl": "Zweden"}, "", ""),
        ({"en": "United Kingdom", "nl": "Verenigd Koninkrijk"}, "", ""),
    ]
    with edition(lang):
        names = [pick(text) for text, _, _ in _ordered(kb, "countries", countries)]
        criteria = [(c.title, "", "") for c in sorted(kb.criteria, key=lambda c: pick(c.title, "en"))]
        study = [pick(text) for text, _, _ in _ordered(kb, "criteria", criteria)]
        assert study == [pick(c.title) for c in kb.criteria]
    expected = {
        "en": ["France", "Germany", "Sweden", "United Kingdom"],
        "nl": ["Duitsland", "Frankrijk", "Verenigd Koninkrijk", "Zweden"],
    }
    assert names == expected[lang]
    # A removed reference (content/references/, now sources) is named as a source, its authors as the edition writes them.
    kind, (name, _, _) = _record_piece(
        kb, history.RecordChange("removed", "content/references/turrini.yaml", name=(("", "Turrini et al. 2010"),))
    )
    assert kind == "sources" and name["nl"] == "Turrini e.a. 2010" and name["en"] == "Turrini et al. 2010"


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_titles_that_hold_a_colon_or_semicolon_stand_in_quotes_on_a_line(lang: str) -> None:
    # "Toegevoegd: lessen Zorg dat …; Zorg voor wederkerigheid, geven en nemen; …": a reader could
    # not see where one title ended (issue 35).
    from generator.pages.changes import _names

    words = table(lang)
    plain = [({"en": "Build trust", "nl": "Bouw vertrouwen"}, "", ""), ({"en": "Meet", "nl": "Overleg"}, "", "")]
    marked = [({"en": "Form: not the point", "nl": "Vorm: niet het punt"}, "", ""), *plain]
    with edition(lang):
        assert (
            plain_line(_names(plain, words)) == {"en": "Build trust and Meet", "nl": "Bouw vertrouwen en Overleg"}[lang]
        )
        quoted = plain_line(_names(marked, words))
    assert (
        quoted
        == {
            "en": "“Form: not the point”, “Build trust” and “Meet”",
            "nl": "‘Vorm: niet het punt’, ‘Bouw vertrouwen’ en ‘Overleg’",
        }[lang]
    )


def test_names_that_hold_the_joining_word_stand_in_quotes_in_a_list() -> None:
    # "criteria Culturele kenmerken en Verdeling van verantwoordelijkheden en sturing": two names
    # or three? (read 10, G11). One such name alone needs no quotes.
    from generator.pages.changes import _names

    names = [({"nl": "Culturele kenmerken"}, "", ""), ({"nl": "Verdeling van taken en sturing"}, "", "")]
    with edition("nl"):
        assert (
            plain_line(_names(names, table("nl"), "criteria"))
            == "‘Culturele kenmerken’ en ‘Verdeling van taken en sturing’"
        )
        assert plain_line(_names(names[1:], table("nl"), "criteria")) == "Verdeling van taken en sturing"


@pytest.mark.parametrize("kind", ["lessons", "steps", "variants", "conditions", "roles"])
def test_titles_that_are_sentences_always_stand_in_quotes(kind: str) -> None:
    # "Herzien: stappen Breng de juiste partijen aan tafel en Kies een verbindende trekker en zorg
    # voor geven en nemen": where does the first step end? (Dutch read 5, R5.) Names of cases,
    # criteria or sources stay bare.
    from generator.pages.changes import _names

    steps = [
        ({"en": "Bring the parties", "nl": "Breng de partijen"}, "", ""),
        ({"en": "Choose a driver", "nl": "Kies een trekker"}, "", ""),
    ]
    with edition("nl"):
        assert plain_line(_names(steps, table("nl"), kind)) == "‘Breng de partijen’ en ‘Kies een trekker’"
        assert plain_line(_names(steps, table("nl"), "cases")) == "Breng de partijen en Kies een trekker"


def test_a_reason_after_why_runs_on_in_lower_case(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    commit_all(repo, "records", "2024-01-10")
    _touch(repo / "content/cases/havenplein-markt.yaml")
    commit_all(repo, "havenplein: one\n\nReason: The reference to the study is exact", "2024-02-01")
    lines = [line for line in _lines(repo, "en")["2024-02-01"] if "reference" in line]
    assert lines and lines[0].endswith(f"{table('en')['change_why']}: the reference to the study is exact."), lines
