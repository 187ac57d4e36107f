"""The rule that derives a criterion's rating, at every boundary, and its one set of thresholds."""

from __future__ import annotations

import re

import pytest

from generator.pages import export
from generator.pages.pieces import rule_text
from generator.records import ratings
from generator.records.ratings import Rating, derive
from helpers import ROOT

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


def test_the_thresholds_are_stated_once_and_used_everywhere() -> None:
    assert (ratings.PRESENT_AT, ratings.ABSENT_AT) == (1.5, 0.5)
    numbers = [float(n) for n in re.findall(r"\d+\.\d+", rule_text("en"))]
    assert numbers == [ratings.PRESENT_AT, ratings.ABSENT_AT]


def test_the_self_assessment_reads_the_thresholds_from_the_export(kb) -> None:
    rule = export.self_assessment(kb)["rule"]
    assert (rule["present_at"], rule["absent_at"]) == (ratings.PRESENT_AT, ratings.ABSENT_AT)
    text = (ROOT / "docs/assets/javascripts/self-assessment-core.js").read_text(encoding="utf-8")
    assert "data.rule.present_at" in text and "data.rule.absent_at" in text
    assert "1.5" not in text and "0.5" not in text
