"""Tables and blocks that repeat once per case (or per case and indicator), built in plain Python.

These loops run N x 13 times on a large collection; as Jinja they cost most of the render time.
Each function builds a whole table, header and rows together, so their columns cannot drift apart.
The tables are HTML (``markup``): as Markdown, their cells were most of a large build's time, and
of a live preview's after each edit. The list of verdicts is Markdown whose links and citations
are HTML blocks set aside while the page renders (``markup.block``); the "What changed" list is in
changes.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from html import escape

from generator.pages import case_page, local, paths
from generator.pages import markup as h
from generator.pages.notes import Notes
from generator.pages.pieces import badge, inferred_mark, inferred_note, label, profile_alt_text, profile_size
from generator.pages.text import Trusted, inline
from generator.records.knowledge_base import KnowledgeBase
from generator.records.models import Case, Criterion
from generator.records.ratings import SCALE, Rating
from generator.words import language, plural


def rating_cells(
    page: str, case: Case, cells: Iterable[tuple[Rating, str, bool]], *, compact: bool = False
) -> list[Trusted]:
    """Rating badges, each linking to a section of the case page (HTML table cells), a rating that
    rests on this knowledge base's inference marked; ``compact``, badges whose label a wide screen
    shows only to screen readers and on hover (kb.css)."""
    link = paths.href(page, paths.case(case.id))  # once per case; only the anchor differs
    shown = compact_badge if compact else badge
    return [
        Trusted(f'<a href="{link}#{anchor}">{shown(rating)}{inferred_mark() if inferred else ""}</a>')
        for rating, anchor, inferred in cells
    ]


def compact_badge(rating: Rating) -> Trusted:
    """A rating as its symbol, its label in a part that the dense matrix hides on a wide screen
    (so 13 indicators fit beside each other) and shows in a phone's cards; named on hover too."""
    return _compact_badge(Rating(rating), language())


@lru_cache(maxsize=16)
def _compact_badge(rating: Rating, lang: str) -> Trusted:
    name = label(rating)
    return Trusted(
        f'<span class="kb-rating kb-rating--{rating.value}" title="{escape(name)}">{SCALE[rating].symbol}'
        f'<span class="kb-rating__label">&nbsp;{h.text(name)}</span></span>'
    )


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


def _table(head_rows: list[str], rows: list[str], after: str = "") -> Trusted:
    return h.block(
        "<table>\n<thead>\n"
        + "\n".join(head_rows)
        + "\n</thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table>"
        + ("\n" + after if after else "")
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
            f'<th{_START if (c.id, i.id) in firsts else ""} scope="col">'
            f'<span class="kb-turned">{h.link(page, i.title, paths.criterion(c.id), i.id)}</span></th>'
            for c, i in kb.indicators
        )
        head = [
            f'<tr class="kb-groups"><th scope="col" rowspan="2">{h.text(words["case"])}</th>{groups}</tr>',
            f"<tr>{titles}</tr>",
        ]
        rows = []
        for case in cases:
            cells = rating_cells(
                page,
                case,
                [(kb.rating(case, c, i), c.id, kb.inferred(case, c, i)) for c, i in kb.indicators],
                compact=True,
            )
            rows.append(
                _row(
                    _name_and_basis(page, case, words),
                    [
                        _cell(i.title, cell, c.title if (c.id, i.id) in firsts else None)
                        for (c, i), cell in zip(kb.indicators, cells, strict=True)
                    ],
                )
            )
        marked = any(kb.inferred(case, c, i) for case in cases for c, i in kb.indicators)
        return _table(head, rows, inferred_note(marked))
    head_cells = [words["case"], *(h.link(page, c.title, paths.criterion(c.id)) for c in kb.criteria), words["counts"]]
    head = ["<tr>" + "".join(f'<th scope="col">{h.text(c)}</th>' for c in head_cells) + "</tr>"]
    rows = []
    for case in cases:
        cells = rating_cells(
            page, case, [(kb.criterion_rating(case, c), c.id, kb.inferred(case, c)) for c in kb.criteria]
        )
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
    marked = any(kb.inferred(case, c) for case in cases for c in kb.criteria)
    return _table(head, rows, inferred_note(marked))


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
                cells = rating_cells(
                    page, case, [(kb.criterion_rating(case, c), c.id, kb.inferred(case, c)) for c in kb.criteria]
                )
                shown = "".join(f"<td>{_cell(c.title, cell)}</td>" for c, cell in zip(kb.criteria, cells, strict=True))
            else:
                shown = f'<td colspan="{len(kb.criteria)}">{h.text(words["not_rated"])}</td>'
            rows.append(f'<tr><th scope="row">{name}{extra}</th>{shown}</tr>')
        marked = any(case.assessed_by and kb.inferred(case, c) for case in cases for c in kb.criteria)
        head_row = "<tr>" + "".join(f'<th scope="col">{h.text(c)}</th>' for c in head) + "</tr>"
        return _table([head_row], rows, inferred_note(marked))
    items = []
    for case in cases:
        line = _case_line(kb, case, target=group == "added")
        where = f" ({line})" if line else ""
        fact = case.status_reason or case.summary
        items.append(
            f"<li><strong>{h.link(page, case.name, paths.case(case.id))}</strong>{where}: {h.text(fact.text)}</li>"
        )
    return h.block('<ul class="kb-case-list">\n' + "\n".join(items) + "\n</ul>")


def funnel_count(kb: KnowledgeBase, words: dict[str, str]) -> Trusted:
    """The cases as the study's funnel counts them: "3 studied in depth, out of the 7 promising
    cases the study found among 24 examples" (the funnel's own numbers, as the edition writes them)."""
    f = kb.study.funnel
    numbers = {
        k: local.number(v) for k, v in (("studied", f.studied), ("promising", f.promising), ("examples", f.examples))
    }
    return Trusted(h.text(words["shows_funnel_count"].format(**numbers)))


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
        detail = local.joined(
            [
                words[key].format(n=local.number(count))
                for key, count in (("count_studied", studied), ("count_screened", screened))
                if count
            ]
        )
        key = "count_promising" if studied + screened == kb.study.funnel.promising else "count_selection"
        parts.append(words[key].format(n=local.number(studied + screened), detail=detail))
    rest = [
        words[key].format(n=_one(count, words))
        for key, count in (("count_left", n.get("left-out", 0)), ("count_added", n.get("added", 0)))
        if count
    ]
    if rest:
        parts.append(f"{words['plus']} {local.joined(rest)}" if parts else local.joined(rest))
    if total_last:  # "..., plus 1 the study left out: 8 partnerships in all"
        text = f"{', '.join(parts)}: {plural('in_all', total, n=local.number(total))}"
    else:
        text = f"{plural('n_partnerships', total, n=local.number(total))}: {', '.join(parts)}"
    return h.text(text[:1].upper() + text[1:] if capital else text)


def _one(count: int, words: dict[str, str]) -> str:
    """A count standing alone for a case ("plus one the study left out"), as the edition writes it."""
    return words["count_one"] if count == 1 else local.number(count)


def criterion_table(page: str, kb: KnowledgeBase, criterion: Criterion, words: dict[str, str]) -> Trusted:
    """A criterion page's table: per assessed case its overall rating and each indicator's; a card
    per case on a phone. Who assessed the cases is a column only where they differ; otherwise a
    line above the table says it once."""
    cases = kb.assessed_cases
    alike = len({case.assessed_by for case in cases}) <= 1
    rows: list[list[object]] = [
        [
            h.link(page, case.name, paths.case(case.id), criterion.id),
            *([] if alike else [_assessed_label(case, words)]),
            _marked(badge(kb.criterion_rating(case, criterion)), kb.inferred(case, criterion)),
            *(
                _marked(badge(kb.rating(case, criterion, i)), kb.inferred(case, criterion, i))
                for i in criterion.indicators
            ),
        ]
        for case in cases
    ]
    marked = any(kb.inferred(case, criterion, i) for case in cases for i in criterion.indicators)
    head: list[object] = [words["case"], *([] if alike else [words["assessed_by"]]), words["overall"]]
    head += [i.title for i in criterion.indicators]
    above = f'<p class="kb-basis">{_assessed_line(cases[0], words)}</p>\n' if alike and cases else ""
    return h.block(above + case_page.cards_table(head, rows, "grid") + "\n" + inferred_note(marked))


def _marked(shown: Trusted, inferred: bool) -> Trusted:
    return Trusted(shown + inferred_mark()) if inferred else shown


def criteria_table(page: str, kb: KnowledgeBase, words: dict[str, str]) -> Trusted:
    """The criteria index's table: per criterion its indicators and how many cases reach each
    rating; a card per criterion on a phone."""
    head: list[object] = [words["criterion"], words["indicators"], *(badge(r) for r in SCALE)]
    labels: list[object] = [words["criterion"], words["indicators"], *(label(r) for r in SCALE)]
    rows: list[list[object]] = []
    for criterion in kb.criteria:
        counts = kb.rating_counts(criterion)
        # A table cell, not running text: digits beside the digit column, in both editions.
        cells = [plural("n_cases", counts[r], n=str(counts[r])) for r in SCALE]
        rows.append(
            [h.link(page, criterion.title, paths.criterion(criterion.id)), str(len(criterion.indicators)), *cells]
        )
    return h.block(case_page.cards_table(head, rows, "grid", labels))


def policy_table(page: str, kb: KnowledgeBase, notes: Notes, words: dict[str, str]) -> Trusted:
    """The policy page's table: per country its position, the study's finding and its cases."""
    rows: list[list[object]] = []
    for country in local.alphabetical(kb.countries, "name"):  # the edition's names, as a reader looks one up
        cases = ", ".join(h.link(page, case.name, paths.case(case.id)) for case in kb.cases_in(country))
        finding = Trusted(f"{h.text(country.finding.text)} {notes.mark_html(country.finding.cite)}")
        rows.append(
            [
                Trusted(f"<strong>{h.text(country.name)}</strong>"),
                words["position_" + country.position],
                finding,
                Trusted(cases or "–"),
            ]
        )
    head = [words["country"], words["position"], words["finding"], words["cases"]]
    return h.block(case_page.cards_table(head, rows, "policy"))


def selection_table(page: str, kb: KnowledgeBase, words: dict[str, str]) -> Trusted:
    """The study page's table of every case it names: its status and why; a card per case on a phone."""
    rows: list[list[object]] = [
        [h.link(page, case.name, paths.case(case.id)), words["status_" + case.status], case.status_reason.text]
        for case in kb.cases
        if case.status and case.status_reason
    ]
    return h.block(case_page.cards_table([words["case"], words["status"], words["why"]], rows, "selection"))


def verdicts(page: str, cases: Iterable[Case], notes: Notes) -> Trusted:
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
    size = profile_size(kb)
    figures = "".join(
        f"<figure>\n<figcaption>{h.link(page, case.name, paths.case(case.id))}</figcaption>\n"
        f'<p><img alt="{escape(profile_alt_text(kb, case))}" '
        f'src="{escape(paths.file_href(page, paths.profile_svg(case.id)))}" {size} /></p>\n</figure>\n'
        for case in kb.assessed_cases
    )
    marked = any(kb.inferred(case, c) for case in kb.assessed_cases for c in kb.criteria)
    return h.block(f'<div class="kb-profiles">\n{figures}</div>\n{inferred_note(marked)}')
