"""Find a short quote in a source's plain text, as a reader would: across line breaks, words the
PDF hyphenated at a line end, and straight or curly quotation marks."""

from __future__ import annotations

import difflib
import re
import stat
from functools import cached_property, lru_cache
from pathlib import Path

_MARKS = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_LINE_END_HYPHEN = re.compile(r"(?<=[a-z])- +(?=[a-z])")  # "exam- ples": one word split at a line end
_KEPT_HYPHEN = re.compile(r"(?<=\w)- +(?=\w)")  # "Project- Aware": a hyphenated name split there


def normalise(text: str) -> str:
    return " ".join(text.translate(_MARKS).split())


class SourceText:
    """A source's text, normalised once, ready to be searched for many quotes."""

    def __init__(self, text: str) -> None:
        self.raw = text
        self._parts: dict[tuple[str, ...], dict[str, SourceText]] = {}
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
        """The source's words where it comes closest to ``quote``, for a hint. A short text is
        compared whole; in a long one only the stretch that shares the most words with the quote,
        so a hint costs about the same against a 2 MB text as against a page."""
        wanted = normalise(quote)
        if len(self.joined) <= WHOLE_TEXT_CHARS:
            return _nearest_in(self.joined, wanted)
        start = self._likeliest_start(wanted.split())
        if start is None:
            return ""
        begin = max(0, start - 3)
        end = min(len(self._starts), start + len(wanted.split()) + 3)
        stop = self._starts[end] if end < len(self._starts) else len(self.joined)
        return _nearest_in(self.joined[self._starts[begin] : stop], wanted)

    def passage(self, opens: str) -> SourceText | None:
        """The paragraph that opens with ``opens`` (its first line starts with them), to the next
        blank line; None where no paragraph does."""
        lines = self.raw.splitlines()
        wanted = normalise(opens)
        for start, line in enumerate(lines):
            if normalise(line) and normalise(" ".join(lines[start : start + 4])).startswith(wanted):
                end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
                return SourceText("\n".join(lines[start:end]))
        return None

    def parts(self, sections: tuple[str, ...]) -> dict[str, SourceText]:
        """The text under each of ``sections`` that has a heading of its own in it, from that heading
        to the next one found. 'Method › Stage 2' is found by the heading 'Stage 2' (or 'Stage 2:
        Interviews') after the heading of the section listed before it: a source lists its sections
        in the order its text has them. A section whose heading is not found has no part."""
        if sections not in self._parts:
            lines = self.raw.splitlines()
            starts: list[tuple[int, str]] = []
            cursor = 0
            for section in sections:
                found = _heading(lines, section.rpartition("›")[2], cursor)
                if found is not None:
                    starts.append((found, section))
                    cursor = found + 1
            ends = [line for line, _ in starts[1:]] + [len(lines)]
            self._parts[sections] = {
                section: SourceText("\n".join(lines[start:end]))
                for (start, section), end in zip(starts, ends, strict=True)
            }
        return self._parts[sections]

    @cached_property
    def _starts(self) -> list[int]:
        """Where each word of the text begins."""
        return [m.start() for m in _WORD.finditer(self.joined)]

    @cached_property
    def _index(self) -> dict[str, list[int]]:
        """Each word of the text (as cased) -> the numbers of the words it stands at."""
        index: dict[str, list[int]] = {}
        for number, match in enumerate(_WORD.finditer(self.joined)):
            index.setdefault(match.group(), []).append(number)
        return index

    def _likeliest_start(self, words: list[str]) -> int | None:
        """The number of the word where the quote's words line up best with the text's: each word
        of the quote votes for the starts its places in the text imply. A word found more than
        COMMON times ('the') says little and would cost much: it does not vote."""
        votes: dict[int, int] = {}
        for offset, word in enumerate(words):
            places = self._index.get(word, ())
            if len(places) > COMMON:
                continue
            for place in places:
                votes[place - offset] = votes.get(place - offset, 0) + 1
        if not votes:
            return None
        best = max(votes.values())
        return max(0, min(start for start, n in votes.items() if n == best))


def _heading(lines: list[str], name: str, cursor: int) -> int | None:
    """The number of the first line from ``cursor`` on that is the heading ``name``: a short line
    of its own between blank lines (or the text's start and end), that is the name or begins with
    it ('Stage 1: Scientific literature')."""
    wanted = normalise(name).casefold()
    if not wanted:
        return None
    for number in range(cursor, len(lines)):
        line = normalise(lines[number]).casefold()
        if not line.startswith(wanted) or len(line) > HEADING_CHARS:
            continue
        if len(line) > len(wanted) and line[len(wanted)].isalnum():
            continue  # 'Stage 10', not 'Stage 1'
        alone = (number == 0 or not lines[number - 1].strip()) and (
            number + 1 == len(lines) or not lines[number + 1].strip()
        )
        if alone:
            return number
    return None


HEADING_CHARS = 120


def _nearest_in(text: str, wanted: str) -> str:
    """The words of ``text`` where it comes closest to ``wanted``, beginning and ending on a word."""
    matcher = difflib.SequenceMatcher(None, text, wanted, autojunk=False)
    match = matcher.find_longest_match(0, len(text), 0, len(wanted))
    if match.size < 8:
        return ""
    start = max(0, match.a - match.b)
    while start > 0 and text[start - 1].isalnum():  # begin on a whole word
        start -= 1
    end = max(start, match.a - match.b) + len(wanted)
    if end < len(text) and text[end].isalnum():  # end on a whole word
        end = text.rfind(" ", start, end)
    return text[start:end].strip(" ,;:")


# A text up to this many characters is compared whole for a hint (a few milliseconds per quote);
# a longer one only where the quote's words are.
WHOLE_TEXT_CHARS = 60_000
COMMON = 1_000  # a word found more often than this in a text does not help find a quote in it
_WORD = re.compile(r"\S+")


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
