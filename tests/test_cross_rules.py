"""Each rule across records (``checks.CROSS_RULES``) on its own: the fixture corpus breaks none, and
one defect of the kind the rule is for gives exactly its problems, from that rule alone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from corpus import EXPECTED, INVALID, place
from generator.records.checks import CROSS_RULES, CrossRule, Index
from generator.records.load import load
from helpers import copy_repo


def _found(rule: CrossRule, repo: Path) -> list[str]:
    return [p.text() for p in rule(Index(load(repo / "content"), repo))]


def _line(path: Path, start: str) -> int:
    return next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text.startswith(start))


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _fixture(name: str) -> Callable[[Path], list[str]]:
    """A defect from tests/invalid: the lines expected.yaml lists for it."""

    def breaks(repo: Path) -> list[str]:
        place(next(INVALID.glob(f"{name}.yaml")), INVALID, repo)
        return list(EXPECTED[name])

    return breaks


def _former_ids(repo: Path) -> list[str]:
    festival, museum = repo / "content/cases/harbour-lights-festival.yaml", repo / "content/cases/old-mill-museum.yaml"
    _edit(
        festival, "id: harbour-lights-festival\n", "id: harbour-lights-festival\nformer_ids: [northgate-station, x]\n"
    )
    _edit(museum, "id: old-mill-museum\n", "id: old-mill-museum\nformer_ids: [x]\n")
    at, again = _line(festival, "former_ids"), _line(museum, "former_ids")
    return [
        f"content/cases/harbour-lights-festival.yaml:{at}:14: former_ids[0]: 'northgate-station' is the id of a "
        "record in content/cases/ now",
        f"content/cases/old-mill-museum.yaml:{again}:14: former_ids[0]: 'x' is a former id of "
        "'harbour-lights-festival' too",
    ]


def _full_texts(repo: Path) -> list[str]:
    source = repo / "content/sources/hollis-2021.yaml"
    _edit(source, "full_text: texts/hollis-2021.txt", "full_text: texts/hollis-2012.txt")
    return [
        f"content/sources/hollis-2021.yaml:{_line(source, 'full_text')}:1: full_text: names a file that is not "
        "there: 'texts/hollis-2012.txt'; the quotes citing this source cannot be checked (put the source's text "
        "in texts/ (plain UTF-8) and name it here: full_text: texts/hollis-2021.txt)"
    ]


def _citations(repo: Path) -> list[str]:
    expected = _fixture("cases/bad-source")(repo)
    criterion = repo / "content/criteria/trust-and-culture.yaml"
    _edit(criterion, "quote: it grows from meeting regularly", "quote: it grows from meeting rarely")
    at = _line(criterion, "      quote: it grows from meeting rarely")
    return [
        *expected,
        f"content/criteria/trust-and-culture.yaml:{at}:7: literature.cite[0].quote: these words are not in the "
        "text of source 'hollis-2021'; a quote must be verbatim (the nearest words there: 'it grows from meeting')",
    ]


def _indicator_ids(repo: Path) -> list[str]:
    criterion = repo / "content/criteria/trust-and-culture.yaml"
    _edit(criterion, "  - id: mutual-confidence", "  - id: right-partners")
    return [
        f"content/criteria/trust-and-culture.yaml:{_line(criterion, '  - id: right-partners')}:5: "
        "indicators[0].id: indicator id 'right-partners' is already used in criterion 'network-and-agreements'"
    ]


def _step_orders(repo: Path) -> list[str]:
    step = repo / "content/steps/report-to-the-council.yaml"
    _edit(step, "order: 3", "order: 1")
    return [
        f"content/steps/report-to-the-council.yaml:{_line(step, 'order')}:1: order: order 1 is already the place of "
        "step 'bring-the-partners-together' (give each step its own order; the next free one is 2)"
    ]


def _step_members(repo: Path) -> list[str]:
    step = repo / "content/steps/report-to-the-council.yaml"
    _edit(
        step, "lessons: [report-to-an-elected-council]", "lessons: [report-to-an-elected-council, meet-at-fixed-times]"
    )
    _edit(step, "indicators: [council-reporting, public-backing]", "indicators: [public-backing, regular-meetings]")
    at = _line(step, "lessons")
    return [
        f"content/steps/report-to-the-council.yaml:{at}:41: lessons[1]: lesson 'meet-at-fixed-times' is already in "
        "step 'bring-the-partners-together'; a lesson belongs to one step at most (remove it from one of the two steps)",
        f"content/steps/report-to-the-council.yaml:{at + 1}:30: indicators[1]: indicator 'regular-meetings' is already "
        "in step 'bring-the-partners-together'; an indicator belongs to one step at most (remove it from one of the "
        "two steps)",
    ]


def _quote_renderings(repo: Path) -> list[str]:
    """An English quote without its Dutch rendering; a Dutch quote given a Dutch one instead of an English one."""
    criterion = repo / "content/criteria/trust-and-culture.yaml"
    _edit(criterion, '      translation: {nl: "het groeit doordat men elkaar regelmatig ziet"}\n', "")
    festival = repo / "content/cases/harbour-lights-festival.yaml"
    _edit(
        festival, 'translation: {en: "The foundation is the driver', 'translation: {nl: "The foundation is the driver'
    )
    at, there = (
        _line(criterion, "      quote: it grows from meeting regularly"),
        _line(festival, "        translation:"),
    )
    hint = "which the page marks as this knowledge base's translation)"
    return [
        f"content/criteria/trust-and-culture.yaml:{at}:7: warning: literature.cite[0].quote: the quote 'it grows from "
        "meeting regularly' is English and has no Dutch rendering for the Dutch edition (add translation: {nl: ...} "
        f"beside quote: the same words in plain Dutch, {hint}",
        f"content/cases/harbour-lights-festival.yaml:{there}:23: parties[0].cite[0].translation.nl: the quote 'De "
        "stichting is de trekker van het overleg.' is Dutch itself: it needs no Dutch rendering (remove "
        "translation.nl)",
        f"content/cases/harbour-lights-festival.yaml:{there}:9: warning: parties[0].cite[0].translation: the quote 'De "
        "stichting is de trekker van het overleg.' is Dutch and has no English rendering for the English edition "
        f"(add translation: {{en: ...}} beside quote: the same words in plain English, {hint}",
    ]


def _indicator_former_ids(repo: Path) -> list[str]:
    trust, network = (
        repo / "content/criteria/trust-and-culture.yaml",
        repo / "content/criteria/network-and-agreements.yaml",
    )
    _edit(network, "former_ids: [partners-at-the-table]", "former_ids: [partners-at-the-table, old-trust]")
    _edit(
        trust, "  - id: mutual-confidence\n", "  - id: mutual-confidence\n    former_ids: [right-partners, old-trust]\n"
    )
    at = _line(trust, "    former_ids")
    return [
        f"content/criteria/trust-and-culture.yaml:{at}:18: indicators[0].former_ids[0]: 'right-partners' is the id "
        "of an indicator now",
        f"content/criteria/trust-and-culture.yaml:{at}:34: indicators[0].former_ids[1]: 'old-trust' is a former id "
        "of indicator 'right-partners' too",
    ]


def _one_rendering_per_quote(repo: Path) -> list[str]:
    """One passage rendered two ways: the second warns, naming the first."""
    step = repo / "content/steps/bring-the-partners-together.yaml"
    _edit(step, "komen elke maand bijeen", "zien elkaar maandelijks")
    case = repo / "content/cases/riverside-stadium.yaml"
    there = _line(case, '          translation: {nl: "De partners komen')
    at = _line(step, '      translation: {nl: "De partners zien')
    return [
        f"content/steps/bring-the-partners-together.yaml:{at}:21: warning: "
        "make.cite[0].translation.nl: these words of 'riverside-study' are rendered otherwise at "
        f"content/cases/riverside-stadium.yaml:{there} (write the same Dutch as there: 'De partners komen elke "
        "maand bijeen, en in wedstrijdweken elke dag.')"
    ]


def _searches(repo: Path) -> list[str]:
    (repo / "content/searches.yaml").write_text(
        "queries:\n"
        "  - {lang: en, query: festival, reaches: cases/harbour-lights-festival}\n"
        "  - {lang: en, query: market, reaches: cases/harbour-lights-festivl}\n"
        "  - {lang: nl, query: markt, reaches: case/harbour-lights-festival}\n"
        "  - {lang: en, query: Festival, reaches: cases/harbour-lights-festival}\n"
        "  - {lang: en, query: festival, reaches: lessons/meet-at-fixed-times}\n",  # a second page: no defect
        encoding="utf-8",
    )
    return [
        "content/searches.yaml:3:31: queries[1].reaches: 'harbour-lights-festivl' is not the id of any case "
        "(did you mean 'harbour-lights-festival'?)",
        "content/searches.yaml:4:30: queries[2].reaches: 'case' is not a kind of record (did you mean 'cases'?)",
        "content/searches.yaml:5:16: queries[3].query: 'Festival' (en) reaching cases/harbour-lights-festival is "
        "listed twice",
    ]


# One defect per rule, by the rule's name: a rule added to CROSS_RULES without one fails below.
DEFECTS: dict[str, Callable[[Path], list[str]]] = {
    "ids_match_files": _fixture("cases/duplicate-id"),
    "former_ids": _former_ids,
    "full_texts": _full_texts,
    "references": _fixture("cases/unknown-country"),
    "citations": _citations,
    "quote_renderings": _quote_renderings,
    "one_rendering_per_quote": _one_rendering_per_quote,
    "indicator_ids": _indicator_ids,
    "indicator_former_ids": _indicator_former_ids,
    "assessments": _fixture("cases/unrated-indicator"),
    "step_orders": _step_orders,
    "step_members": _step_members,
    "searches": _searches,
}


def test_every_rule_across_records_has_a_defect_of_its_own_here() -> None:
    assert [rule.__name__ for rule in CROSS_RULES] == list(DEFECTS)


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    repo = copy_repo(tmp_path_factory.mktemp("corpus") / "repo")
    return Index(load(repo / "content"), repo)


@pytest.mark.parametrize("rule", CROSS_RULES, ids=lambda rule: rule.__name__)
def test_the_fixture_corpus_breaks_no_rule(rule: CrossRule, corpus_index: Index) -> None:
    assert rule(corpus_index) == []


@pytest.mark.parametrize("rule", CROSS_RULES, ids=lambda rule: rule.__name__)
def test_a_rule_reports_its_defect_and_nothing_else(rule: CrossRule, repo: Path) -> None:
    expected = DEFECTS[rule.__name__](repo)
    assert sorted(_found(rule, repo)) == sorted(expected)
