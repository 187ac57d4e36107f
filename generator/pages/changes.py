"""What changed, worded for readers: a day's changes as lines of text and links, which the
"What changed" page writes as HTML and the feed as plain text, so the two always say the same."""

from __future__ import annotations

import re
from html import escape, unescape
from pathlib import PurePosixPath

from generator.pages import local, paths
from generator.pages import markup as h
from generator.pages.names import name_of
from generator.pages.pieces import anchor, label
from generator.pages.text import Trusted, inline, pick
from generator.records.history import DayOfChanges, RecordChange
from generator.records.knowledge_base import KnowledgeBase
from generator.records.models import NOUNS, SINGLETONS, Criterion, Indicator, Study
from generator.records.ratings import SCALE
from generator.words import LANGUAGES, language, plural, table

Piece = tuple[object, str, str]  # (text, link target or "", anchor)


def _by_language(name: object) -> dict[str, str]:
    """A name by language; a plain text as the English one."""
    return {str(k): str(v) for k, v in name.items()} if isinstance(name, dict) else {"en": str(name)}


def _lit(text: str) -> Piece:
    """Fixed words between a change line's names, spaces kept."""
    return (Trusted(escape(text, quote=False)), "", "")


def _reason_of(change: RecordChange, lang: str) -> list[Piece]:
    """The reasons a change's commits gave, each in the edition's language where given; one given
    only in another language is marked as that language and said to be so ("(alleen in het
    Engels)"): past reasons are history, never rewritten. Separated by semicolons, the last ending
    in a full stop, as a commit message's reason need not."""
    shown: list[Piece] = []
    for n, reason in enumerate(change.reasons):
        given = dict(reason)
        text = given.get(lang) or next(iter(given.values()))
        text = text.rstrip(" .;") if n < len(change.reasons) - 1 else _stopped(text)
        if text.startswith(_ARTICLES):  # after "Why:" a reason runs on in lower case ("Waarom: de …")
            text = text[:1].lower() + text[1:]
        if n:
            shown.append(_lit("; "))
        if lang in given:
            shown.append((text, "", ""))
            continue
        other = next(iter(given))
        words = table(lang)
        only = {"en": words["change_only_in_en"], "nl": words["change_only_in_nl"]}.get(other, "")
        # The note before a closing stop: "... (alleen in het Engels)."
        stop = text[-1] if n == len(change.reasons) - 1 and text.endswith(_STOPS) else ""
        body = text[: len(text) - len(stop)] if stop else text
        shown.append((Trusted(h.in_language(body, other) + escape(f" ({only})" if only else "") + stop), "", ""))
    return shown


_STOPS = (".", "!", "?", "…")
_ARTICLES = ("De ", "Het ", "Een ", "The ", "An ")


def _stopped(text: str) -> str:
    """A reason as a sentence's end: with its full stop."""
    text = text.rstrip(" ;")
    return text if text.endswith(_STOPS) else text + "."


def _record_piece(kb: KnowledgeBase, change: RecordChange) -> tuple[str, Piece]:
    """A changed record's kind and its name, linked while the record exists; a removed record by
    the name its last version gave it."""
    kind, record = kb.record_of_file(change.path)
    if record is not None:
        target, anchor_id = paths.record_page(kind, record)
        name = name_of(record)
        if isinstance(record, Study):  # "The study" mid-line: "the study"
            name = {lang: text[:1].lower() + text[1:] for lang, text in _by_language(name).items()}
        return kind, (name, target, anchor_id)
    stem = PurePosixPath(change.path).stem
    if record is None and stem in SINGLETONS and stem != "study":
        # A singleton with no page and no name (the reader queries): its noun, not its file's stem,
        # which printed "Added: searches" on the Dutch changes page too (issue 35).
        return stem, ({lang: table(lang)[f"noun_{stem}"] for lang in LANGUAGES}, "", "")
    parts = PurePosixPath(change.path).parts
    # A record of a kind since renamed (content/references/ became sources) is named by its kind now.
    kind = FORMER_KINDS.get(parts[1], kind) if len(parts) == 3 else kind
    given = dict(change.name)
    if "" in given:  # a name in no one language: each edition writes its authors its own way
        given = dict.fromkeys(LANGUAGES, given[""])
    if kind == "sources":  # "Turrini et al. 2010" reads "Turrini e.a. 2010" in Dutch
        given = {lang: local.author(text, lang) for lang, text in given.items()}
    return kind, (given or PurePosixPath(change.path).stem, "", "")


FORMER_KINDS = {"references": "sources"}


def _rating_lines(
    kb: KnowledgeBase,
    change: RecordChange,
    exists: bool,
    indicators: dict[str, tuple[Criterion, Indicator]],
    words: dict[str, str],
    lang: str,
) -> list[list[Piece]]:
    """A sentence per rating a change made: "Antwerp Diamond Quarter: the rating of Mutual trust
    changed from Partly present to Present." The reason follows only where the author gave one."""
    labels = {r.value: label(r) for r in SCALE}
    lines: list[list[Piece]] = []
    for what, old, new in change.ratings:
        found = indicators.get(what)
        indicator: Piece = (found[1].title, paths.criterion(found[0].id), found[1].id) if found else (what, "", "")
        case: Piece = _record_piece(kb, change)[1]
        if exists and found:
            case = (case[0], case[1], found[0].id)
        before, after = labels.get(old, old or "–"), labels.get(new, new or "–")
        line = _sentence(words["changes_rating_sentence"], case=case, indicator=indicator, before=before, after=after)
        if change.reasons:
            line += [_lit(f" {words['change_why']}: "), *_reason_of(change, lang)]
        lines.append(line)
    return lines


def worded_changes(
    kb: KnowledgeBase, days: list[DayOfChanges], words: dict[str, str]
) -> list[tuple[str, list[list[Piece]]]]:
    """Per day, newest first, the lines that say what changed: a sentence per changed rating
    (_rating_lines), then the records added, revised and removed, by kind, each line with the
    reason its author gave, where one was given; many revised without a reason, counted."""
    lang = language()
    indicators = {f"{c.id} › {i.id}": (c, i) for c, i in kb.indicators}
    out: list[tuple[str, list[list[Piece]]]] = []
    for day in days:
        lines: list[list[Piece]] = []
        for change in day.changes:
            _, record = kb.record_of_file(change.path)
            lines += _rating_lines(kb, change, record is not None, indicators, words, lang)
        for status in ("added", "changed", "removed"):
            # Records of one status that share their reasons go on one line, by kind.
            grouped: dict[tuple[tuple[tuple[str, str], ...], ...], dict[str, list[Piece]]] = {}
            for change in day.changes:
                if change.status != status or change.ratings:  # a rating's line says what changed
                    continue
                kind, piece = _record_piece(kb, change)
                grouped.setdefault(change.reasons, {}).setdefault(kind, []).append(piece)
            for reasons, kinds in grouped.items():
                for kind, pieces in kinds.items():  # a line per kind: "Revised: cases A, B and C"
                    if status == "changed" and not reasons and len(pieces) > BULK and kind in NOUNS:
                        # Many records revised at once, none saying why: one line, not every name.
                        count = local.number(len(pieces))
                        lines.append(
                            [_lit(plural("changes_wording_bulk", len(pieces), n=count, kind=words[f"nouns_{kind}"]))]
                        )
                        continue
                    pieces = _ordered(kb, kind, pieces)
                    line = [_lit(f"{words['change_' + ('revised' if status == 'changed' else status)]}: ")]
                    noun = words[f"nouns_{kind}" if len(pieces) > 1 else f"noun_{kind}"] if kind in NOUNS else ""
                    if noun:
                        line.append(_lit(f"{noun} "))
                    line += _names(pieces, words, kind)
                    if reasons:
                        shown = _reason_of(RecordChange(status, "", reasons=reasons), lang)
                        line += [_lit(f". {words['change_why']}: "), *shown]
                    lines.append(line)
        out.append((day.date, lines))
    return out


def _ordered(kb: KnowledgeBase, kind: str, pieces: list[Piece]) -> list[Piece]:
    """Names in the order a reader of this edition expects: criteria in the study's order, other
    records alphabetically by the name this edition shows (not by their English file names)."""
    shown = [pick(text) if isinstance(text, dict) else str(text) for text, _, _ in pieces]
    study = {pick(c.title): n for n, c in enumerate(kb.criteria)} if kind == "criteria" else {}
    order = sorted(range(len(pieces)), key=lambda n: (study.get(shown[n], len(study)), local.sort_key(shown[n])))
    return [pieces[n] for n in order]


BULK = 3  # more records of a kind revised on a day without a reason than this: counted, not named


def _sentence(message: str, **pieces: Piece | str) -> list[Piece]:
    """A message's words with its placeholders filled by pieces (a linked name) or plain words."""
    out: list[Piece] = []
    for n, part in enumerate(re.split(r"\{(\w+)\}", message)):
        if n % 2:
            given = pieces[part]
            out.append(_lit(given) if isinstance(given, str) else given)
        elif part:
            out.append(_lit(part))
    return out


# Kinds whose titles are sentences ("Breng de juiste partijen aan tafel") or hold "or" ("Organisator
# van het evenement of de locatie"): in a line of names a reader cannot see where one ends and "en"
# joins the next, so they always stand in quotes.
SENTENCE_TITLES = frozenset({"lessons", "steps", "variants", "conditions", "roles"})


def _needs_quotes(names: list[str], kind: str, words: dict[str, str]) -> bool:
    """Whether a line of names must quote each: sentence titles, or a name holding a comma, semicolon,
    colon or the word that joins the list ("Verdeling van verantwoordelijkheden en sturing en
    Verbinding met de overheid" read as three names, read 10)."""
    joined = len(names) > 1 and any(f" {words['and']} " in name for name in names)
    return kind in SENTENCE_TITLES or joined or any(mark in name for name in names for mark in ",;:")


def _names(pieces: list[Piece], words: dict[str, str], kind: str = "") -> list[Piece]:
    """Names joined: "A, B and C"; each in quotes where _needs_quotes says so, so a reader sees
    where one ends."""
    if not _needs_quotes([pick(text) for text, _, _ in pieces], kind, words):
        return _joined_pieces(pieces, ", ", f" {words['and']} ")
    quoted = [_sentence(words["changes_title_quoted"], title=piece) for piece in pieces]
    out: list[Piece] = []
    for n, name in enumerate(quoted):
        if n:
            out.append(_lit(f" {words['and']} " if n == len(quoted) - 1 else ", "))
        out += name
    return out


def _joined_pieces(pieces: list[Piece], sep: str, last: str | None = None) -> list[Piece]:
    joined: list[Piece] = []
    for n, piece in enumerate(pieces):
        if n:
            joined.append(_lit(last if last is not None and n == len(pieces) - 1 else sep))
        joined.append(piece)
    return joined


def plain_line(line: list[Piece]) -> str:
    """A worded change as plain text (the feed)."""
    # A Trusted piece (HTML: a reason marked with its language) loses its tags, not its type first.
    return "".join(pick(text) if isinstance(text, dict) else _strip_tags(text) for text, _, _ in line)


def _strip_tags(text: object) -> str:
    return unescape(_TAG.sub("", text)) if isinstance(text, Trusted) else str(text)


_TAG = re.compile(r"<[^>]+>")


def change_list(page: str, kb: KnowledgeBase, days: list[DayOfChanges], words: dict[str, str]) -> Trusted:
    """The "What changed" page: per day, newest first, what changed in words (worded_changes),
    each record linked while it exists."""
    out = []
    for date, lines in worded_changes(kb, days, words):
        out.append(f"## {inline(local.date(date))} {anchor(date)}\n")
        items = "".join(
            "<li>"
            + "".join(
                h.link(page, text, target, anchor_id) if target else str(h.text(text))
                for text, target, anchor_id in line
            )
            + "</li>\n"
            for line in lines
        )
        out.append(h.block(f'<ul class="kb-changes">\n{items}</ul>') + "\n")
    return Trusted("\n".join(out))
