"""Figures for the nearest-words hint of a wrong quote (finding 17 of the red team): its cost per
quote against a source text of each size, and the time `validate` takes for a record with many
wrong quotes from one 2 MB text. Not a test: it prints, nothing is asserted.
Usage: python bench/quote_hint.py [--sizes 0.05 0.5 2 5] [--quotes 20] [--whole]
(--whole also times the old way, comparing the whole text: about 8 s per quote at 2 MB.)"""

from __future__ import annotations

import argparse
import difflib
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.records.quotes import SourceText, normalise  # noqa: E402


def text_of(megabytes: float, seed: int = 1) -> str:
    """Prose-like text of about ``megabytes`` MB: sentences of words from a 20,000-word vocabulary
    whose use falls off as in real prose (a few words are very common)."""
    rng = random.Random(seed)
    vocabulary = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 11))) for _ in range(20_000)
    ]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    words: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        sentence = rng.choices(vocabulary, weights, k=rng.randint(8, 25))
        line = " ".join(sentence).capitalize() + "."
        words.append(line)
        size += len(line) + 1
    return "\n".join(words)


def wrong_quotes(text: str, n: int, seed: int = 2) -> list[tuple[str, str]]:
    """``n`` quotes of 12 words taken from the text, each with one word changed (wrong, but near),
    with the words the text has there."""
    rng = random.Random(seed)
    words = text.split()
    quotes = []
    for _ in range(n):
        start = rng.randrange(len(words) - 12)
        taken = words[start : start + 12]
        right = " ".join(taken)
        taken[rng.randrange(12)] = "zzzz"
        quotes.append((" ".join(taken), right))
    return quotes


def _near(hint: str, right: str) -> bool:
    """The hint shows the place the quote was taken from: most of its words stand in the hint."""
    words = right.split()
    return sum(1 for w in words if w in hint.split()) >= 0.8 * len(words)


def whole(text: str, quote: str) -> None:
    """The old hint: the whole text against the quote."""
    joined, wanted = normalise(text), normalise(quote)
    difflib.SequenceMatcher(None, joined, wanted, autojunk=False).find_longest_match(0, len(joined), 0, len(wanted))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.05, 0.5, 2, 5])
    parser.add_argument("--quotes", type=int, default=20)
    parser.add_argument("--whole", action="store_true")
    args = parser.parse_args()
    print("| text MB | read s | first hint s | next hints s (mean) | hint at the right place | old way s (one quote) |")
    print("|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        raw = text_of(size)
        pairs = wrong_quotes(raw, args.quotes)
        quotes = [q for q, _ in pairs]
        started = time.perf_counter()
        source = SourceText(raw)
        read = time.perf_counter() - started
        started = time.perf_counter()
        hints = [source.nearest(quotes[0])]
        first = time.perf_counter() - started
        started = time.perf_counter()
        hints += [source.nearest(q) for q in quotes[1:]]
        rest = (time.perf_counter() - started) / max(1, len(quotes) - 1)
        found = sum(1 for h, (_, right) in zip(hints, pairs, strict=True) if _near(h, right))
        old = ""
        if args.whole:
            started = time.perf_counter()
            whole(raw, quotes[0])
            old = f"{time.perf_counter() - started:.2f}"
        print(f"| {size:g} | {read:.2f} | {first:.3f} | {rest:.4f} | {found}/{len(quotes)} | {old or '-'} |")


if __name__ == "__main__":
    main()
