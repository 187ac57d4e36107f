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
    score: int | None  # what the rule counts it as; None: left out


# Symbols differ in shape as well as colour, so the scale reads in greyscale and for colour-blind
# readers. The names and meanings are words of each edition (words.py: rating_*, meaning_*).
SCALE: dict[Rating, Level] = {
    Rating.PRESENT: Level(Rating.PRESENT, "●", 2),
    Rating.PARTIAL: Level(Rating.PARTIAL, "◐", 1),
    Rating.ABSENT: Level(Rating.ABSENT, "○", 0),
    Rating.UNKNOWN: Level(Rating.UNKNOWN, "?", None),
}

# The words each edition's pages print for a rating, so `validate` can answer a rating written as
# printed with its id. A copy of words.py's rating_* labels, on purpose: records sit below the fixed
# words in the layers (pyproject.toml), so they cannot import them; test_contributor_errors.py holds
# the two equal.
PRINTED: dict[Rating, tuple[str, ...]] = {
    Rating.PRESENT: ("Present", "Aanwezig"),
    Rating.PARTIAL: ("Partly present", "Deels aanwezig"),
    Rating.ABSENT: ("Absent", "Afwezig"),
    Rating.UNKNOWN: ("Not known", "Onbekend"),
}

# The one source of the thresholds: the rule's text, the export and the self-assessment's script
# (which reads them from the exported JSON) all take them from here.
PRESENT_AT = 1.5  # an average score at or above this is present
ABSENT_AT = 0.5  # an average score at or below this is absent


def indicator_ratings(assessment: object) -> dict[str, str]:
    """A case's indicator ratings as 'criterion › indicator' -> rating, read from plain data (a
    record's YAML from any commit, or an export), tolerating shapes that are no longer valid."""
    found: dict[str, str] = {}
    for cid, indicators in assessment.items() if isinstance(assessment, dict) else ():
        for iid, entry in indicators.items() if isinstance(indicators, dict) else ():
            if isinstance(entry, dict) and isinstance(entry.get("rating"), str):
                found[f"{cid} › {iid}"] = entry["rating"]
    return found


def mean_score(ratings: Iterable[Rating]) -> float | None:
    """The average the rule compares with its thresholds; None where no rating is known."""
    scores = [score for r in ratings if (score := SCALE[r].score) is not None]
    return sum(scores) / len(scores) if scores else None


def derive(ratings: Iterable[Rating]) -> Rating:
    """The rule (words.py: rule_text): the only place a criterion rating is computed."""
    mean = mean_score(ratings)
    if mean is None:
        return Rating.UNKNOWN
    if mean >= PRESENT_AT:
        return Rating.PRESENT
    if mean <= ABSENT_AT:
        return Rating.ABSENT
    return Rating.PARTIAL
