"""Tables and blocks that repeat once per case (or per case and indicator), built in plain Python.

These loops run N x 13 times on a large collection; as Jinja they cost most of the render time.
Each function builds a whole table, header and rows together, so their columns cannot drift apart.
The tables are HTML (``markup``): as Markdown, their cells were most of a large build's time, and
of a live preview's after each edit. The two lists (verdicts, changes) are Markdown whose links and
citations are HTML blocks set aside while the page renders (``markup.block``).
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from pathlib import PurePosixPath

from generator.pages import local, paths
from generator.pages import markup as h
from generator.pages.notes import Notes
from generator.pages.pieces import anchor, badge, label, profile_alt_text
from generator.pages.text import Trusted, inline, pick
from generator.records.history import DayOfChanges, RecordChange
from generator.records.knowledge_base import KnowledgeBase, record_name
from generator.records.models import NOUNS, Case, Criterion, Record, Study
from generator.records.ratings import SCALE, Rating
from generator.words import LANGUAGES, plural, table


def noun_of(kind: str) -> str:
    """What a record of ``kind`` is called in the edition's language: 'case', 'casus'."""
    return table()[f"noun_{kind if kind in NOUNS else 'study'}"]


def name_of(record: Record) -> object:
    """What a record is called; the study, the one record of its kind, by the word for it."""
    if isinstance(record, Study):
        return {lang: table(lang)["study"] for lang in LANGUAGES}
    return record_name(record)


def rating_cells(page: str, case: Case, cells: Iterable[tuple[Rating, str]]) -> list[Trusted]:
    """Rating badges, each linking to a section of the case page (HTML table cells)."""
    link = paths.href(page, paths.case(case.id))  # once per case; only the anchor differs
    return [Trusted(f'<a href="{link}#{anchor}">{badge(rating)}</a>') for rating, anchor in cells]


def _assessed_label(case: Case, words: dict[str, str]) -> Trusted:
    return h.text(words[f"assessed_{case.assessed_by or 'none'}"])


def _assessed_line(case: Case, words: dict[str, str]) -> Trusted:
    """Who assessed a case, in a line of its own: 'Assessed by: the study (read by this knowledge base)'."""
    label = words[f"assessed_{case.assessed_by or 'none'}"]
    return h.text(f"{words['assessed_by']}: {label[:1].lower()}{label[1:]}")


def _name_and_basis(page: str, case: Case, words: dict[str, str]) -> Trusted:
    link = h.link(page, case.name, paths.case(case.id))
    return Trusted(f'{link}<br><span class="kb-basis">{_assessed_line(case, words)}</span>')


def _cell(label_: object, content: object, group: object = None) -> Trusted:
    """A table cell that also reads on its own when the table is stacked into cards on a phone
    (overview.css): its column's name before it, and where a column group starts, the group's."""
    head = f"{_GROUP}{h.text(group)}</span>" if group is not None else ""
    return Trusted(f'{head}<span class="kb-stack-label" data-pagefind-ignore>{h.text(label_)}</span> {h.text(content)}')


# Repeated in every row for the cards, so search leaves them out (its excerpts would repeat them).
_GROUP = '<span class="kb-stack-group" data-pagefind-ignore>'
_START = ' class="kb-group-start"'  # the first column of a column group: ruled off from the one before


def _row(head: object, cells: Iterable[object]) -> str:
    """A table row whose first cell names it (a row header: what a stacked card is titled by); a
    cell that starts a column group (it holds the group's name for a stacked card) is ruled off."""
    return (
        f'<tr><th scope="row">{h.text(head)}</th>'
        + "".join(f"<td{_START if _GROUP in str(c) else ''}>{h.text(c)}</td>" for c in cells)
        + "</tr>"
    )


def _table(head_rows: list[str], rows: list[str]) -> Trusted:
    return h.block(
        "<table>\n<thead>\n" + "\n".join(head_rows) + "\n</thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
    )


def comparison_table(
    page: str, kb: KnowledgeBase, cases: Iterable[Case], words: dict[str, str], *, indicators: bool = False
) -> Trusted:
    """One row per assessed case: its name, who assessed it, a rating per criterion (or per
    indicator, under a header row that groups them by criterion); the criterion table adds how
    many indicators reach each rating. On a phone each row reads as a card (overview.css)."""
    if indicators:
        groups = "".join(
            f'<th scope="colgroup" colspan="{len(c.indicators)}">{h.link(page, c.title, paths.criterion(c.id))}</th>'
            for c in kb.criteria
        )
        firsts = {(c.id, c.indicators[0].id) for c in kb.criteria if c.indicators}
        titles = "".join(
            f'<th{_START if (c.id, i.id) in firsts else ""} scope="col">{h.link(page, i.title, paths.criterion(c.id), i.id)}</th>'
            for c, i in kb.indicators
        )
        head = [
            f'<tr class="kb-groups"><th scope="col" rowspan="2">{h.text(words["case"])}</th>{groups}</tr>',
            f"<tr>{titles}</tr>",
        ]
        rows = []
        for case in cases:
            cells = rating_cells(page, case, [(kb.rating(case, c, i), c.id) for c, i in kb.indicators])
            rows.append(
                _row(
                    _name_and_basis(page, case, words),
                    [
                        _cell(i.title, cell, c.title if (c.id, i.id) in firsts else None)
                        for (c, i), cell in zip(kb.indicators, cells, strict=True)
                    ],
                )
            )
        return _table(head, rows)
    head_cells = [words["case"], *(h.link(page, c.title, paths.criterion(c.id)) for c in kb.criteria), words["counts"]]
    head = ["<tr>" + "".join(f'<th scope="col">{h.text(c)}</th>' for c in head_cells) + "</tr>"]
    rows = []
    for case in cases:
        cells = rating_cells(page, case, [(kb.criterion_rating(case, c), c.id) for c in kb.criteria])
        counts = kb.indicator_counts(case)
        tally = "<br>".join(f"{SCALE[r].symbol}&nbsp;{counts[r]}&nbsp;{h.text(label(r).lower())}" for r in SCALE)
        rows.append(
            _row(
                _name_and_basis(page, case, words),
                [
                    *(_cell(c.title, cell) for c, cell in zip(kb.criteria, cells, strict=True)),
                    _cell(words["counts"], Trusted(f'<span class="kb-counts">{tally}</span>')),
                ],
            )
        )
    return _table(head, rows)


# The cases index's groups: what the study did with a case (its status), and the cases it does
# not name, which contributors added. Each group's heading and one-line definition are fixed words.
CASE_GROUPS = ("studied", "screened-out", "left-out", "added")


def case_groups(kb: KnowledgeBase) -> list[tuple[str, list[Case]]]:
    """The cases by what the study did with them, in CASE_GROUPS order; empty groups left out."""
    found: dict[str, list[Case]] = {group: [] for group in CASE_GROUPS}
    for case in kb.cases:
        found[case.status or "added"].append(case)
    return [(group, cases) for group, cases in found.items() if cases]


def _case_line(kb: KnowledgeBase, case: Case, *, target: bool) -> str:
    """What is known of where a case is, and (``target``) what it guards: only what the records
    state, so a fact the sources do not give is left out of the line, not shown as a blank."""
    facts: list[object] = []
    if case.place:
        facts.append(case.place)
    if case.country:
        facts.append(kb.country(case.country).name)
    if target:
        facts.append(case.target)
    return " · ".join(h.text(f) for f in facts)


def case_group(page: str, kb: KnowledgeBase, group: str, cases: list[Case], words: dict[str, str]) -> Trusted:
    """One group of the cases index. Where any of its cases is rated: a table of the cases with a
    rating per criterion (stacked into cards on a phone); otherwise a list of the cases, each with
    why the study left it at that (or, for an added case, what it is)."""
    usual = {"studied": "study", "added": "contributors"}.get(group)
    if any(case.assessed_by for case in cases):
        head = [words["case"], *(h.link(page, c.title, paths.criterion(c.id)) for c in kb.criteria)]
        rows = []
        for case in cases:
            name = h.link(page, case.name, paths.case(case.id))
            line = _case_line(kb, case, target=True)
            basis = _assessed_line(case, words) if case.assessed_by != usual else ""
            extra = "".join(f'<br><span class="kb-basis">{part}</span>' for part in (line, basis) if part)
            if case.assessed_by:
                cells = rating_cells(page, case, [(kb.criterion_rating(case, c), c.id) for c in kb.criteria])
                shown = "".join(f"<td>{_cell(c.title, cell)}</td>" for c, cell in zip(kb.criteria, cells, strict=True))
            else:
                shown = f'<td colspan="{len(kb.criteria)}">{h.text(words["not_rated"])}</td>'
            rows.append(f'<tr><th scope="row">{name}{extra}</th>{shown}</tr>')
        return _table(["<tr>" + "".join(f'<th scope="col">{h.text(c)}</th>' for c in head) + "</tr>"], rows)
    items = []
    for case in cases:
        line = _case_line(kb, case, target=group == "added")
        where = f" ({line})" if line else ""
        fact = case.status_reason or case.summary
        items.append(
            f"<li><strong>{h.link(page, case.name, paths.case(case.id))}</strong>{where}: {h.text(fact.text)}</li>"
        )
    return h.block('<ul class="kb-case-list">\n' + "\n".join(items) + "\n</ul>")


def _joined(parts: list[str], words: dict[str, str]) -> str:
    """'a', 'a and b', 'a, b and c': a list in running text."""
    if len(parts) < 2:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {words['and']} {parts[-1]}"


def case_counts(
    kb: KnowledgeBase, words: dict[str, str], *, capital: bool = False, total_last: bool = False
) -> Trusted:
    """How many cases the site holds and how that relates to the study's selection (its funnel):
    "8 partnerships: the 7 promising cases of the study's selection (3 studied in depth and 4
    screened out), plus 1 the study left out". Plain text, numbers as the edition writes them."""
    n = {group: len(cases) for group, cases in case_groups(kb)}
    studied, screened = n.get("studied", 0), n.get("screened-out", 0)
    total = len(kb.cases)
    parts: list[str] = []
    if studied or screened:
        detail = _joined(
            [
                words[key].format(n=local.number(count))
                for key, count in (("count_studied", studied), ("count_screened", screened))
                if count
            ],
            words,
        )
        key = "count_promising" if studied + screened == kb.study.funnel.promising else "count_selection"
        parts.append(words[key].format(n=local.number(studied + screened), detail=detail))
    rest = [
        words[key].format(n=_one(count, words))
        for key, count in (("count_left", n.get("left-out", 0)), ("count_added", n.get("added", 0)))
        if count
    ]
    if rest:
        parts.append(f"{words['plus']} {_joined(rest, words)}" if parts else _joined(rest, words))
    if total_last:  # "..., plus 1 the study left out: 8 partnerships in all"
        text = f"{', '.join(parts)}: {plural('in_all', total, n=local.number(total))}"
    else:
        text = f"{plural('n_partnerships', total, n=local.number(total))}: {', '.join(parts)}"
    return h.text(text[:1].upper() + text[1:] if capital else text)


def _one(count: int, words: dict[str, str]) -> str:
    """A count standing alone for a case ("plus one the study left out"), as the edition writes it."""
    return words["count_one"] if count == 1 else local.number(count)


def criterion_table(page: str, kb: KnowledgeBase, criterion: Criterion, words: dict[str, str]) -> Trusted:
    """A criterion page's table: per assessed case its overall rating and each indicator's."""
    rows: list[list[object]] = [
        [
            h.link(page, case.name, paths.case(case.id), criterion.id),
            _assessed_label(case, words),
            badge(kb.criterion_rating(case, criterion)),
            *(badge(kb.rating(case, criterion, i)) for i in criterion.indicators),
        ]
        for case in kb.assessed_cases
    ]
    head = [words["case"], words["assessed_by"], words["overall"], *(i.title for i in criterion.indicators)]
    return h.table_html(head, rows)


def selection_table(page: str, kb: KnowledgeBase, words: dict[str, str]) -> Trusted:
    """The study page's table of every case it names: its status and why."""
    return h.table_html(
        [words["case"], words["status"], words["why"]],
        [
            [h.link(page, case.name, paths.case(case.id)), words["status_" + case.status], case.status_reason.text]
            for case in kb.cases
            if case.status and case.status_reason
        ],
    )


def verdicts(page: str, kb: KnowledgeBase, cases: Iterable[Case], notes: Notes) -> Trusted:
    """Each case's own verdict from its source, with its numbered sources, for the comparison."""
    return Trusted(
        "\n".join(
            f"- **{h.block(h.link(page, case.name, paths.case(case.id)), inline=True)}**: {inline(case.verdict.text)} "
            f"{notes.mark(case.verdict.cite)}"
            for case in cases
            if case.verdict
        )
    )


def profile_figures(page: str, kb: KnowledgeBase) -> Trusted:
    """Every assessed case's profile picture with its name, for the comparison page (an HTML block)."""
    figures = "".join(
        f"<figure>\n<figcaption>{h.link(page, case.name, paths.case(case.id))}</figcaption>\n"
        f'<p><img alt="{escape(profile_alt_text(kb, case))}" '
        f'src="{escape(paths.file_href(page, paths.profile_svg(case.id)))}" /></p>\n</figure>\n'
        for case in kb.assessed_cases
    )
    return h.block(f'<div class="kb-profiles">\n{figures}</div>')


# "What changed", worded for readers: a day's changes as lines of text and links, which the page
# writes as HTML and the feed as plain text, so the two always say the same.
Piece = tuple[object, str, str]  # (text, link target or "", anchor)


def table_names(name: object) -> dict[str, str]:
    return {str(k): str(v) for k, v in name.items()} if isinstance(name, dict) else {"en": str(name)}


def _lit(text: str) -> Piece:
    """Fixed words between a change line's names, spaces kept."""
    return (Trusted(escape(text, quote=False)), "", "")


def _reason_of(change: RecordChange, lang: str) -> list[Piece]:
    """The reasons a change's commits gave, each in the edition's language where given."""
    shown: list[Piece] = []
    for reason in change.reasons:
        given = dict(reason)
        text = given.get(lang) or next(iter(given.values()))
        piece: object = text if lang in given else Trusted(h.in_language(text, next(iter(given))))
        shown.append((piece, "", ""))
    return shown


def _record_piece(kb: KnowledgeBase, change: RecordChange) -> tuple[str, Piece]:
    """A changed record's kind and its name, linked while the record exists; a removed record by
    the name its last version gave it."""
    kind, record = kb.record_of_file(change.path)
    if record is not None:
        target, anchor_id = paths.record_page(kind, record)
        name = name_of(record)
        if isinstance(record, Study):  # "The study" mid-line: "the study"
            name = {lang: text[:1].lower() + text[1:] for lang, text in table_names(name).items()}
        return kind, (name, target, anchor_id)
    given = dict(change.name)
    if "" in given:  # a name in no one language
        return kind, (given[""], "", "")
    return kind, (given or PurePosixPath(change.path).stem, "", "")


def worded_changes(
    kb: KnowledgeBase, days: list[DayOfChanges], words: dict[str, str]
) -> list[tuple[str, list[list[Piece]]]]:
    """Per day, newest first, the lines that say what changed: each changed rating ("Reciprocity,
    Antwerp Diamond Quarter: Partly present → Present"), then the records added, revised and
    removed, by kind, each line with the reason its author gave, where one was given."""
    from generator.words import language

    lang = language()
    indicators = {f"{c.id} › {i.id}": (c, i) for c, i in kb.indicators}
    labels = {r.value: label(r) for r in SCALE}
    out: list[tuple[str, list[list[Piece]]]] = []
    for day in days:
        lines: list[list[Piece]] = []
        for change in day.changes:
            kind, record = kb.record_of_file(change.path)
            for what, old, new in change.ratings:
                found = indicators.get(what)
                indicator: Piece = (
                    (found[1].title, paths.criterion(found[0].id), found[1].id) if found else (what, "", "")
                )
                case: Piece = _record_piece(kb, change)[1]
                if record is not None and found:
                    case = (case[0], case[1], found[0].id)
                before, after = labels.get(old, old or "–"), labels.get(new, new or "–")
                line: list[Piece] = [indicator, _lit(", "), case, _lit(f": {before} → {after}")]
                if change.reasons:
                    line += [_lit(f". {words['change_why']}: "), *_joined_pieces(_reason_of(change, lang), " ")]
                lines.append(line)
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
                    line = [_lit(f"{words['change_' + ('revised' if status == 'changed' else status)]}: ")]
                    noun = words[f"nouns_{kind}" if len(pieces) > 1 else f"noun_{kind}"] if kind in NOUNS else ""
                    if noun:
                        line.append(_lit(f"{noun} "))
                    # Names that hold a comma ("Build trust, a shared ...") are told apart by semicolons.
                    comma = any("," in pick(text) for text, _, _ in pieces)
                    line += _joined_pieces(pieces, "; " if comma else ", ", f" {words['and']} ")
                    if reasons:
                        shown = _reason_of(RecordChange(status, "", reasons=reasons), lang)
                        line += [_lit(f". {words['change_why']}: "), *_joined_pieces(shown, " ")]
                    lines.append(line)
        out.append((day.date, lines))
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
    return "".join(pick(text) if isinstance(text, dict) else _strip_tags(str(text)) for text, _, _ in line)


def _strip_tags(text: str) -> str:
    import re
    from html import unescape

    return unescape(re.sub(r"<[^>]+>", "", text)) if isinstance(text, Trusted) else text


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
