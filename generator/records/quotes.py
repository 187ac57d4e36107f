"""Find a short quote in a source's plain text, as a reader would: across line breaks, words the
PDF hyphenated at a line end, and straight or curly quotation marks."""

from __future__ import annotations

import difflib
import re
import stat
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


# A source's text is a report's words, a few hundred KB at most; the cap keeps `validate` quick
# whatever a pull request adds to texts/.
MAX_TEXT_BYTES = 5 * 1024 * 1024


class TextTooLarge(Exception):
    """A source's text over MAX_TEXT_BYTES: not read."""


def read_text(path: Path) -> SourceText | None:
    """The text at ``path``, or None where the repository does not have it; TextTooLarge, checked
    before anything is read, where it is over the cap."""
    try:
        info = path.stat()
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):  # a folder, a pipe or a device: no text to read
        return None
    if info.st_size > MAX_TEXT_BYTES:
        raise TextTooLarge(
            f"names a text of {info.st_size:,} bytes; a source's text may be at most {MAX_TEXT_BYTES:,} bytes, "
            "so it is not read and the quotes citing this source cannot be checked"
        )
    return _read(path, info.st_mtime_ns)


@lru_cache(maxsize=32)
def _read(path: Path, mtime: int) -> SourceText | None:  # the mtime makes an edited text read again
    try:
        with path.open("rb") as file:  # never more than the cap, should the file grow meanwhile
            return SourceText(file.read(MAX_TEXT_BYTES + 1)[:MAX_TEXT_BYTES].decode("utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
