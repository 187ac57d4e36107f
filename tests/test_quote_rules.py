"""What a quote may differ from its source's text in, as CONTRIBUTING states it: line breaks and
other whitespace, straight or curly quotation marks, a word hyphenated at a line end, and a final
period; never letter case, an ellipsis for left-out words, or diacritics. The hint begins on a word."""

from __future__ import annotations

import pytest

from generator.records.quotes import SourceText

TEXT = SourceText(
    "The parties meet every week in the months before the festival and exam-\nples of ‘good practice’ "
    "are shared. Coördination is done by the municipality."
)


@pytest.mark.parametrize(
    "quote",
    [
        "meet every week in the months",
        "meet  every\nweek in the months",
        "before the festival and examples of 'good practice' are shared",
        "meet every week in the months before the festival.",
    ],
)
def test_tolerated(quote: str) -> None:
    assert TEXT.contains(quote)


@pytest.mark.parametrize(
    "quote",
    [
        "Meet every week",  # case
        "meet every week ... before the festival",  # an ellipsis: left-out words
        "meet every week … before the festival",
        "Coordination is done",  # diacritics
        "meet every week in the months...",
    ],
)
def test_not_tolerated(quote: str) -> None:
    assert not TEXT.contains(quote)


def test_the_nearest_words_begin_on_a_word() -> None:
    near = TEXT.nearest("Xeet every week in the months before")
    assert near.startswith("meet every week"), near
    near = TEXT.nearest("qqties meet every week in the months")
    assert near.startswith("parties meet"), near
