"""Find a short quote in a source's plain text, as a reader would: across line breaks, words the
PDF hyphenated at a line end, and straight or curly quotation marks."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path

_MARKS = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_LINE_END_HYPHEN = re.compile(r"(?<=[a-z])- +(?=[a-z])")  # "exam- ples": one word split at a line end
_KEPT_HYPHEN = re.compile(r"(?<=\w)- +(?=\w)")  # "Project- Aware": a hyphenated name split there


def normalise(text: str) -> str:
    return " ".join(text.translate(_MARKS).split())


class SourceText:
    """A source's text, normalised once, ready to be searched for many quotes."""

    def __init__(self, text: str) -> None:
        flat = normalise(text)
        # "exam- ples" was one word split at a line end; "self-reli- ance" keeps its first hyphen.
        self.joined = _LINE_END_HYPHEN.sub("", flat)
        self.kept = _KEPT_HYPHEN.sub("-", flat)

    def contains(self, quote: str) -> bool:
        wanted = normalise(quote)
        if wanted.endswith(".") and not wanted.endswith(".."):  # a final period closes the quote, not the source
            wanted = wanted[:-1].rstrip()
        return wanted in self.joined or wanted in self.kept

    def nearest(self, quote: str) -> str:
        """The source's words where it comes closest to ``quote``, for a hint."""
        wanted = normalise(quote)
        matcher = difflib.SequenceMatcher(None, self.joined, wanted, autojunk=False)
        match = matcher.find_longest_match(0, len(self.joined), 0, len(wanted))
        if match.size < 8:
            return ""
        start = max(0, match.a - match.b)
        while start > 0 and self.joined[start - 1].isalnum():  # begin on a whole word
            start -= 1
        end = max(start, match.a - match.b) + len(wanted)
        if end < len(self.joined) and self.joined[end].isalnum():  # end on a whole word
            end = self.joined.rfind(" ", start, end)
        return self.joined[start:end].strip(" ,;:")


def read_text(path: Path) -> SourceText | None:
    """The text at ``path``, or None where the repository does not have it."""
    try:
        return _read(path, path.stat().st_mtime_ns)
    except OSError:
        return None


@lru_cache(maxsize=32)
def _read(path: Path, mtime: int) -> SourceText | None:  # the mtime makes an edited text read again
    try:
        return SourceText(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
