"""One Dutch term per concept (issue 35): the terminology the Dutch edition is held to.

The data is generator/locale/nl/terminology.yaml: per concept the study's English, the preferred Dutch
term and the variants a Dutch text must not use, each with its reason. The table "Termen" in
CONTRIBUTING.nl.md is written from it (``python -m generator.tools.terminology --update``), so the
guide and the checks share one truth. `validate` warns where a record's ``nl`` text uses a rejected
variant (translation.style_problems); tests/test_terminology.py holds the Dutch catalog, the
templates and the built Dutch pages to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "locale" / "nl" / "terminology.yaml"


@dataclass(frozen=True)
class Rejected:
    variant: str
    reason: str
    instead: str = ""  # what to write, where the concept's preferred term does not fit (a plural)


@dataclass(frozen=True)
class Term:
    english: str
    dutch: str
    note: str = ""
    rejected: tuple[Rejected, ...] = ()
    allowed: tuple[str, ...] = ()  # phrases that hold a variant but name something else
    interface_only: bool = False  # the site's own words only: records may mean something else by it

    def preferred(self) -> str:
        """The preferred term as a writer types it: the first of several, without its brackets."""
        return self.dutch.split(";")[0].split(" (")[0].strip()


@dataclass(frozen=True)
class Found:
    term: Term
    rejected: Rejected

    def message(self) -> str:
        return f"uses ‘{self.rejected.variant}’, which CONTRIBUTING.nl.md rejects ({self.rejected.reason})"

    def hint(self) -> str:
        return f"write ‘{self.rejected.instead or self.term.preferred()}’"


@cache
def terms() -> tuple[Term, ...]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return tuple(
        Term(
            english=t.get("english") or "",
            dutch=t["dutch"],
            note=t.get("note") or "",
            rejected=tuple(
                Rejected(r["variant"], r["reason"], r.get("instead") or "") for r in t.get("rejected") or ()
            ),
            allowed=tuple(t.get("allowed") or ()),
            interface_only=t.get("scope") == "interface",
        )
        for t in data["terms"]
    )


def _pattern(phrase: str) -> re.Pattern[str]:
    # Whole words, any case; a space in a phrase matches any run of white space (a wrapped line).
    words = r"\s+".join(re.escape(w) for w in phrase.split())
    return re.compile(rf"(?<![\w-]){words}(?![\w-])", re.IGNORECASE)


def rejected_in(text: str, *, interface: bool = True) -> Iterator[Found]:
    """Each rejected variant ``text`` uses, once per variant, the allowed phrases aside; with
    ``interface=False`` (a record's text) only the terms that hold for records too."""
    for term in terms():
        if term.interface_only and not interface:
            continue
        plain = text
        for phrase in term.allowed:
            plain = _pattern(phrase).sub(" ", plain)
        for rejected in term.rejected:
            if _pattern(rejected.variant).search(plain):
                yield Found(term, rejected)


def table_markdown() -> str:
    """The guide's table of terms, one row per concept."""
    rows = ["| Engels (het onderzoek) | Nederlands | Opmerking |", "|---|---|---|"]
    for term in terms():
        notes = [term.note] if term.note else []
        reasons: dict[str, list[str]] = {}
        for r in term.rejected:
            reasons.setdefault(r.reason, []).append(f"‘{r.variant}’")
        notes += [f"niet {' of '.join(variants)} ({reason})" for reason, variants in reasons.items()]
        rows.append(f"| {term.english} | {term.dutch} | {'; '.join(notes)} |".replace("|  |", "| |"))
    return "\n".join(rows)
