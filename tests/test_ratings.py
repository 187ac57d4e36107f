"""The rule that derives a criterion's rating, at every boundary, and its one set of thresholds."""

from __future__ import annotations

import re

import pytest

from generator.pages import export
from generator.pages.pieces import rule_text
from generator.records import ratings
from generator.records.ratings import Rating, derive

P, H, A, U = Rating.PRESENT, Rating.PARTIAL, Rating.ABSENT, Rating.UNKNOWN


@pytest.mark.parametrize(
    ("indicators", "expected"),
    [
        ([], U),
        ([U, U], U),
        ([P], P),  # 2.0
        ([P, P, H], P),  # 1.67
        ([P, H], P),  # 1.5: the present boundary is inclusive
        ([P, H, H, H], H),  # 1.25
        ([P, A], H),  # 1.0
        ([H, H, A], H),  # 0.67
        ([H, A, A, A], A),  # 0.25
        ([H, A], A),  # 0.5: the absent boundary is inclusive
        ([A], A),  # 0.0
        ([P, H, U], P),  # not known is left out: 1.5
        ([H, A, U, U], A),  # 0.5
    ],
)
def test_derive_at_every_boundary(indicators: list[Rating], expected: Rating) -> None:
    assert derive(indicators) is expected


def test_just_inside_each_boundary() -> None:
    # Means of 1.4 and 0.6 sit just inside partly present: five indicators give steps of 0.2.
    assert derive([P, P, H, H, A]) is H  # 1.2
    assert derive([P, P, P, H, A]) is H  # 1.4
    assert derive([P, H, A, A, A]) is H  # 0.6
    assert derive([H, A, A, A, A]) is A  # 0.2


def test_the_rule_text_states_the_thresholds_derive_uses() -> None:
    numbers = [float(n) for n in re.findall(r"\d+\.\d+", rule_text("en"))]
    assert numbers == [ratings.PRESENT_AT, ratings.ABSENT_AT]


def test_derive_reads_its_thresholds_from_the_one_place_they_are_stated(monkeypatch: pytest.MonkeyPatch) -> None:
    # Moved thresholds move the rule: derive does not hold numbers of its own.
    assert derive([P, A]) is H  # a mean of 1.0
    monkeypatch.setattr(ratings, "PRESENT_AT", 1.0)
    assert derive([P, A]) is P
    monkeypatch.setattr(ratings, "ABSENT_AT", 1.0)
    monkeypatch.setattr(ratings, "PRESENT_AT", 1.5)
    assert derive([P, A]) is A


def test_the_self_assessment_gets_the_thresholds_from_the_export(kb) -> None:
    # The page's script derives with these (test_browser checks it against derive at every boundary).
    rule = export.self_assessment(kb)["rule"]
    assert (rule["present_at"], rule["absent_at"]) == (ratings.PRESENT_AT, ratings.ABSENT_AT)


def test_the_self_assessment_draws_each_rating_in_the_colour_of_the_case_profiles(kb) -> None:
    # The page's own profile picture reads each bar's colour from the scale it is given, so it
    # cannot drift from the cases' pictures (svg.COLOURS).
    from generator.pages.svg import COLOURS

    scale = export.self_assessment(kb)["scale"]
    assert {entry["id"]: entry["colour"] for entry in scale} == {r.value: colour for r, colour in COLOURS.items()}
