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
from generator.pages.case_page import source_line
from generator.pages.pieces import anchor, badge, label, profile_alt_text
from generator.pages.text import Trusted, inline, pick
from generator.records.history import DayOfChanges
from generator.records.knowledge_base import KnowledgeBase, record_name
from generator.records.models import NOUNS, Case, Criterion, Record, Study
from generator.records.ratings import SCALE, Rating
from generator.words import LANGUAGES, table


def noun_of(kind: str) -> str:
    """What a record of ``kind`` is called in the edition's language: 'case', 'casus'."""
    return table()[f"noun_{kind if kind in NOUNS else 'study'}"]


def _name(record: Record) -> object:
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


def _name_and_basis(page: str, case: Case, words: dict[str, str]) -> Trusted:
    link = h.link(page, case.name, paths.case(case.id))
    return Trusted(f'{link}<br><span class="kb-basis">{_assessed_label(case, words)}</span>')


def comparison_table(
    page: str, kb: KnowledgeBase, cases: Iterable[Case], words: dict[str, str], *, indicators: bool = False
) -> Trusted:
    """One row per assessed case: its name, who assessed it, a rating per criterion (or per
    indicator); the criterion table adds how many indicators reach each rating."""
    head: list[object]
    if indicators:
        head = [words["case"], *(h.link(page, i.title, paths.criterion(c.id), i.id) for c, i in kb.indicators)]
    else:
        head = [words["case"], *(h.link(page, c.title, paths.criterion(c.id)) for c in kb.criteria), words["counts"]]
    rows: list[list[object]] = []
    for case in cases:
        if indicators:
            cells = [(kb.rating(case, c, i), c.id) for c, i in kb.indicators]
            rows.append([h.link(page, case.name, paths.case(case.id)), *rating_cells(page, case, cells)])
            continue
        cells = [(kb.criterion_rating(case, c), c.id) for c in kb.criteria]
        counts = kb.indicator_counts(case)
        tally = "<br>".join(f"{SCALE[r].symbol}&nbsp;{counts[r]}&nbsp;{h.text(label(r).lower())}" for r in SCALE)
        rows.append(
            [
                _name_and_basis(page, case, words),
                *rating_cells(page, case, cells),
                Trusted(f'<span class="kb-counts">{tally}</span>'),
            ]
        )
    return h.table_html(head, rows)


def case_index_table(page: str, kb: KnowledgeBase, words: dict[str, str]) -> Trusted:
    """The cases index: name, country, target, the study's selection, who assessed it, a rating per criterion."""
    rows: list[list[object]] = []
    for case in kb.cases:
        country = h.text(kb.country(case.country).name) if case.country else h.text(words["not_stated"])
        ratings: list[object]
        if case.assessed_by:
            ratings = [*rating_cells(page, case, [(kb.criterion_rating(case, c), c.id) for c in kb.criteria])]
        else:
            ratings = ["–" for _ in kb.criteria]
        status = words[f"status_{case.status}"] if case.status else words["not_in_study"]
        basis = Trusted(f'{h.text(status)}<br><span class="kb-basis">{_assessed_label(case, words)}</span>')
        rows.append([h.link(page, case.name, paths.case(case.id)), country, case.target, basis, *ratings])
    head = [words["case"], words["country"], words["target"], words["status"]]
    return h.table_html([*head, *(c.title for c in kb.criteria)], rows)


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


def verdicts(page: str, kb: KnowledgeBase, cases: Iterable[Case]) -> Trusted:
    """Each case's own verdict from its source, quoted and cited, for the comparison."""
    return Trusted(
        "\n".join(
            f"- **{h.block(h.link(page, case.name, paths.case(case.id)), inline=True)}**: {inline(case.verdict.text)} "
            f"{h.block(source_line(page, kb, case.verdict.cite), inline=True)}"
            for case in cases
            if case.verdict
        )
    )


def profile_figures(page: str, kb: KnowledgeBase) -> Trusted:
    """Every assessed case's profile picture with its name, for the comparison page (an HTML block)."""
    figures = "".join(
        f'<figure>\n<p><img alt="{escape(profile_alt_text(kb, case))}" '
        f'src="{escape(paths.file_href(page, paths.profile_svg(case.id)))}" /></p>\n'
        f"<figcaption>{h.link(page, case.name, paths.case(case.id))}</figcaption>\n</figure>\n"
        for case in kb.assessed_cases
    )
    return h.block(f'<div class="kb-profiles">\n{figures}</div>')


def describe_files(kb: KnowledgeBase, paths: Iterable[str]) -> dict[str, str]:
    """Each record file as the change list names it: its kind and its name, or its old id."""
    described = {}
    for path in paths:
        kind, record = kb.record_of_file(path)
        name = pick(_name(record)) if record is not None else PurePosixPath(path).stem
        described[path] = f"{noun_of(kind)} {name}"
    return described


def change_list(page: str, kb: KnowledgeBase, days: list[DayOfChanges], words: dict[str, str]) -> Trusted:
    """The "What changed" page: per day, newest first, the records added, changed and removed, each
    linked while it exists, and each rating of a case that changed, from what to what."""
    titles = {f"{c.id} › {i.id}": f"{pick(i.title)} ({pick(c.title)})" for c, i in kb.indicators}
    labels = {r.value: label(r) for r in SCALE}
    out = []
    for day in days:
        out.append(f"## {inline(local.date(day.date))} {anchor(day.date)}\n")
        for change in day.changes:
            kind, record = kb.record_of_file(change.path)
            if record is not None:
                target, anchor_id = paths.record_page(kind, record)
                shown: str = h.block(h.link(page, _name(record), target, anchor_id), inline=True)
            else:
                shown = f"`{inline(PurePosixPath(change.path).stem)}`"
            noun = inline(noun_of(kind))
            out.append(f"- {inline(words['change_' + change.status])}: {noun} {shown}")
            for what, old, new in change.ratings:
                before, after = labels.get(old, old or "–"), labels.get(new, new or "–")
                out.append(f"    - {inline(titles.get(what, what))}: {inline(before)} → {inline(after)}")
        out.append("")
    return Trusted("\n".join(out))
