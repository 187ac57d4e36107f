"""The rating scale and the one rule that derives a criterion's rating from its indicators."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Rating(StrEnum):
    PRESENT = "present"
    PARTIAL = "partial"
    ABSENT = "absent"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Level:
    rating: Rating
    symbol: str
    label: str
    meaning: str
    score: int | None


# Symbols differ in shape as well as colour, so the scale reads in greyscale and for colour-blind readers.
SCALE: dict[Rating, Level] = {
    Rating.PRESENT: Level(
        Rating.PRESENT, "●", "Present", "The study shows the indicator in place and working for this partnership.", 2
    ),
    Rating.PARTIAL: Level(
        Rating.PARTIAL,
        "◐",
        "Partly present",
        "The indicator is there in part, for some parties, or with a shortcoming the study names.",
        1,
    ),
    Rating.ABSENT: Level(
        Rating.ABSENT, "○", "Absent", "The study shows the indicator missing or failing for this partnership.", 0
    ),
    Rating.UNKNOWN: Level(
        Rating.UNKNOWN,
        "?",
        "Not known",
        "The study says nothing that settles this indicator for this partnership.",
        None,
    ),
}

RULE = (
    "A criterion's rating is derived from its indicators: present counts 2, partly present 1, "
    "absent 0 and not known is left out. An average of 1.5 or more is present, 0.5 or less is "
    "absent, anything between is partly present; with no known indicator the criterion is not known."
)


def derive(ratings: Iterable[Rating]) -> Rating:
    """Apply :data:`RULE`; the only place a criterion rating is computed."""
    scores = [SCALE[r].score for r in ratings if SCALE[r].score is not None]
    if not scores:
        return Rating.UNKNOWN
    mean = sum(scores) / len(scores)  # type: ignore[arg-type]
    if mean >= 1.5:
        return Rating.PRESENT
    if mean <= 0.5:
        return Rating.ABSENT
    return Rating.PARTIAL


def score(rating: Rating) -> int | None:
    return SCALE[rating].score
