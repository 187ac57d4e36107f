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


def _searches(repo: Path) -> list[str]:
    (repo / "content/searches.yaml").write_text(
        "queries:\n"
        "  - {lang: en, query: festival, reaches: cases/harbour-lights-festival}\n"
        "  - {lang: en, query: market, reaches: cases/harbour-lights-festivl}\n"
        "  - {lang: nl, query: markt, reaches: case/harbour-lights-festival}\n"
        "  - {lang: en, query: Festival, reaches: cases/harbour-lights-festival}\n",
        encoding="utf-8",
    )
    return [
        "content/searches.yaml:3:31: queries[1].reaches: 'harbour-lights-festivl' is not the id of any case "
        "(did you mean 'harbour-lights-festival'?)",
        "content/searches.yaml:4:30: queries[2].reaches: 'case' is not a kind of record (did you mean 'cases'?)",
        "content/searches.yaml:5:16: queries[3].query: 'Festival' (en) is listed twice",
    ]


# One defect per rule, by the rule's name: a rule added to CROSS_RULES without one fails below.
DEFECTS: dict[str, Callable[[Path], list[str]]] = {
    "ids_match_files": _fixture("cases/duplicate-id"),
    "former_ids": _former_ids,
    "full_texts": _full_texts,
    "references": _fixture("cases/unknown-country"),
    "citations": _citations,
    "indicator_ids": _indicator_ids,
    "assessments": _fixture("cases/unrated-indicator"),
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
