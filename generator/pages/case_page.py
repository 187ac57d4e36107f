"""A case page's sections as HTML blocks, between the headings its template writes in Markdown.

A collection of a thousand cases is a thousand such pages, each with a table row per indicator,
a quote and a link per citation. As Markdown, Python-Markdown read them character by character:
most of a large build's time. Written here as the HTML it made of them, they are set aside while
the page renders (``markup.block``), and only the headings, which MkDocs needs for the table of
contents and the anchors, are left to Markdown. Contributor text is escaped as HTML (``markup``),
as inert as it was as Markdown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from generator.pages import local, paths
from generator.pages import markup as h
from generator.pages.notes import Notes
from generator.pages.pieces import (
    badge,
    case_facts,
    cited,
    english_name,
    inferred_mark,
    inferred_note,
    other_names,
    profile_alt_text,
    profile_size,
    rule_text,
)
from generator.pages.text import Fallback, Trusted, pick
from generator.pages.text import paragraphs as split_paragraphs
from generator.records.knowledge_base import KnowledgeBase
from generator.records.models import Assessed, Case, Citation, Criterion, Fact, Indicator, Lesson
from generator.records.ratings import ABSENT_AT, SCALE, Rating, mean_score
from generator.words import language, table


def paragraphs(value: object) -> list[str]:
    """A text's paragraphs as inert HTML, split as ``text.blocks`` splits them."""
    text = pick(value)
    english = isinstance(text, Fallback)  # each paragraph is marked as shown in English
    return [h.text(Fallback(p) if english else p) for p in split_paragraphs(text)]


def _p(*parts: str) -> str:
    return "<p>" + " ".join(p for p in parts if p) + "</p>"


def cards_table(
    head: Sequence[object], rows: Sequence[Sequence[object]], kind: str, labels: Sequence[object] | None = None
) -> str:
    """A table that a phone shows as a stack of cards, one per row, each cell under its column's
    name (``data-label``, which the style sheet prints before the cell there). ``labels`` are those
    names as plain text, where a column's head is HTML (a link, a rating badge)."""
    head_cells = "".join(f"<th>{h.text(x)}</th>" for x in head)
    labels = [escape(pick(x) if not isinstance(x, str) else x, quote=True) for x in (labels or head)]
    body = "\n".join(
        "<tr>"
        + "".join(f'<td data-label="{label}">{h.text(c)}</td>' for label, c in zip(labels, row, strict=True))
        + "</tr>"
        for row in rows
    )
    return (
        f'<table class="kb-cards kb-cards--{kind}">\n<thead>\n<tr>{head_cells}</tr>\n</thead>\n'
        f"<tbody>\n{body}\n</tbody>\n</table>"
    )


# The facts a reader acting on a case needs first, in this order, where the case has them.
FIRST_FACTS = ("driver", "formal_basis", "missing_parties")


def answer(page: str, kb: KnowledgeBase, case: Case, notes: Notes, words: dict[str, str]) -> Trusted:
    """A case page's opening: the source's own verdict in its words, the profile picture, who rated
    the case, and the few facts that matter most (who takes part, the driver, the formal basis,
    who is missing), each with its numbered sources."""
    parts = _verdict(case, notes, words)
    if case.shows:
        parts.append(shows_html(page, kb, case, notes, words))
    facts: list[str] = []
    if case.parties:
        groups = []
        for sector in ("public", "private"):
            names = [h.text(p.name) for p in case.parties if p.sector == sector]
            if names:
                groups.append(
                    words["parties_in_sector"].format(
                        names=local.joined(names), sector=h.text(words[f"sector_{sector}"].lower())
                    )
                )
        marks = notes.mark_html(c for p in case.parties for c in p.cite)
        facts.append(f"<li><strong>{h.text(words['who_takes_part'])}:</strong> {'; '.join(groups)}{marks}</li>")
    for key in FIRST_FACTS:
        fact = getattr(case, key)
        if fact:
            facts.append(
                f"<li><strong>{h.text(words[key])}:</strong> {h.text(fact.text)}{notes.mark_html(fact.cite)}</li>"
            )
    figure = ""
    if case.assessed_by:
        src = escape(paths.file_href(page, paths.profile_svg(case.id)))
        rated = h.text(words[f"rated_by_{case.assessed_by}"])
        how = h.link(page, words["ratings_page"], paths.RATINGS)
        figure = (
            f'<figure class="kb-answer__profile"><img alt="{escape(profile_alt_text(kb, case))}" class="kb-profile" '
            f'src="{src}" {profile_size(kb)} />'
            f"<figcaption>{rated} {how}</figcaption></figure>"
        ) + inferred_note(any(kb.inferred(case, c) for c in kb.criteria))
    if not parts and not facts and not figure:
        return Trusted("")
    listed = f'<ul class="kb-answer__facts">\n{"".join(facts)}\n</ul>' if facts else ""
    body = "\n".join([*parts, f'<div class="kb-answer__body">{figure}{listed}</div>'])
    return h.block(f'<section class="kb-answer" aria-label="{escape(words["in_short"])}">\n{body}\n</section>')


def _verdict(case: Case, notes: Notes, words: dict[str, str]) -> list[str]:
    """The source's verdict, and the words it rests on beside their marks."""
    if not case.verdict:
        return []
    said = f"<strong>{h.text(words['verdict'])}:</strong> {h.text(case.verdict.text)}"
    quotes = [c for c in case.verdict.cite if c.quote]
    others = [c for c in case.verdict.cite if not c.quote]
    parts = [f'<p class="kb-verdict">{said}{notes.mark_html(others)}</p>']
    if quotes:
        # "In its words" claims the words are the source's own: where our translation shows, say so.
        rendered = any(_rendered(c, notes) for c in quotes)
        label = words["rf_in_its_words_translated"] if rendered else words["in_its_words"]
        words_of = f"{h.text(label)} {notes.quoted_html(quotes)}"
        # A div: a quote's original behind a <details> would end a paragraph where it opens.
        parts.append(f'<div class="kb-verdict-words">{words_of}</div>')
    return parts


def _rendered(citation: Citation, notes: Notes) -> bool:
    """Whether a quote shows as this knowledge base's translation rather than the source's words."""
    shown = cited(notes.kb, citation)
    return shown.rendering is not None and shown.rendering.split() != (citation.quote or "").split()


def compare_href(page: str, case: Case) -> str:
    """The self-assessment with this case chosen as the comparison (its script reads ?compare=)."""
    return f"{paths.href(page, paths.SELF_ASSESSMENT)}?compare={case.id}"


def shows_html(page: str, kb: KnowledgeBase, case: Case, notes: Notes, words: dict[str, str]) -> str:
    """Under the verdict: the plain points a practitioner takes from the case, each linked to the
    lesson it bears out and marked with its sources (the quotes are in the notes), then the way to
    compare one's own partnership with the case."""
    items = "\n".join(
        f"<li>{h.text(point.text)}{notes.mark_html(point.cite)} "
        f'<span class="kb-shows__lesson">→ {h.link(page, kb.lesson(point.lesson).title, paths.lesson(point.lesson))}</span>'
        "</li>"
        for point in case.shows or ()
    )
    compare = ""
    if case.assessed_by:
        text = h.text(words["shows_compare"])
        compare = f'<p class="kb-shows__compare"><a class="md-button" href="{escape(compare_href(page, case))}">{text}</a></p>'
    title = h.text(words["shows_title"])
    return (
        f'<section class="kb-shows" aria-labelledby="kb-shows-h"><h2 id="kb-shows-h">{title}</h2>'
        f"\n<ul>\n{items}\n</ul>{compare}</section>"
    )


def key_facts(case: Case, kb: KnowledgeBase, last_changed: str | None, words: dict[str, str]) -> Trusted:
    """Other names and the facts about the case itself, compactly, in one list: what it is, where,
    what the study did with it and when the page was last updated. What no source states is left
    out, not shown as a blank."""
    items: list[tuple[str, str]] = []
    names = other_names(case)
    if names:
        items.append((words["also_known_as"], ", ".join(h.text(n) for n in names)))
    english = english_name(case)
    if english:
        items.append((words["english_name"], english))
    items.append((words["target"], h.text(case.target)))
    where = [h.text(x) for x in (case.place, kb.country(case.country).name if case.country else None) if x]
    if where:
        items.append((words["place"], ", ".join(where)))
    if case.status:
        items.append((words["in_the_study"], h.text(words[f"status_{case.status}"])))
    if last_changed:
        items.append((words["last_changed"], h.text(local.date(last_changed))))
    shown = "\n".join(f"<li><strong>{h.text(name)}:</strong> {value}</li>" for name, value in items)
    return h.block(f'<ul class="kb-facts">\n{shown}\n</ul>')


def sourced_text(fact: Fact, notes: Notes) -> Trusted:
    """A text in paragraphs, its numbered sources marked at its end."""
    shown = paragraphs(fact.text)
    shown[-1] += notes.mark_html(fact.cite)
    return h.block("\n".join(_p(p) for p in shown))


def lead_fact(lead: str, fact: Fact, notes: Notes) -> Trusted:
    """One paragraph led by what it is about in bold, its sources marked at its end."""
    return h.block(_lead_fact(lead, fact, notes))


def _lead_fact(lead: str, fact: Fact, notes: Notes) -> str:
    return _p(f"<strong>{h.text(lead)}</strong>", h.text(fact.text) + notes.mark_html(fact.cite))


def party_table(case: Case, notes: Notes, words: dict[str, str]) -> Trusted:
    """A case's parties: name (and other names), sector, and role with its sources marked."""
    rows: list[list[object]] = []
    for party in case.parties:
        names = other_names(party, english_shown=False)
        others = f" ({', '.join(h.text(n) for n in names)})" if names else ""
        shown = pick(party.name)  # as running text has it ('de politie'); a table cell starts with a capital
        if shown[:1].islower():
            shown = type(shown)(shown[:1].upper() + shown[1:])  # kept a Fallback, marked English, if it was one
        name = Trusted(f"<strong>{h.text(shown)}</strong>{others}")
        role = Trusted(h.text(party.role) + notes.mark_html(party.cite))
        rows.append([name, words[f"sector_{party.sector}"], role])
    return h.block(cards_table([words["party"], words["sector"], words["role"]], rows, "parties"))


def fact_paragraphs(facts: list[tuple[str, Fact]], notes: Notes, words: dict[str, str]) -> Trusted:
    """How a partnership works: one paragraph per fact, led by what it is about."""
    return h.block("\n".join(_lead_fact(f"{words[key]}.", fact, notes) for key, fact in facts))


def later_facts(case: Case) -> list[tuple[str, Fact]]:
    """The facts "How the partnership works" shows: those the page's opening does not."""
    return [(key, fact) for key, fact in case_facts(case) if key not in FIRST_FACTS]


def admonition(kind: str, title: str, paragraphs_html: Iterable[str]) -> str:
    """A call-out box, as Python-Markdown's admonition extension writes one."""
    body = "\n".join(_p(p) for p in paragraphs_html)
    return f'<div class="admonition {kind}">\n<p class="admonition-title">{h.text(title)}</p>\n{body}\n</div>'


def assessment_intro(page: str, case: Case, words: dict[str, str]) -> Trusted:
    """Who rated the case and what that means, in one paragraph, with the short legend."""
    basis = f"assessed_{case.assessed_by}"
    return h.block(f"{_p(h.text(words[f'{basis}_note']))}\n{_legend(page, language())}")


def criterion_ratings(
    page: str, kb: KnowledgeBase, case: Case, criterion: Criterion, notes: Notes, words: dict[str, str]
) -> Trusted:
    """Under a criterion's heading on a case page: its overall rating, then a row per indicator
    with its rating, the finding, and the evidence: the quoted words beside their numbered source."""
    entries = case.assessment[criterion.id]
    target = paths.criterion(criterion.id)
    about = h.link(page, words["about_criterion"], target)
    rating = kb.criterion_rating(case, criterion)
    overall = _p(f"{h.text(words['overall'])}: {badge(rating)} · {about}")
    why = rule_here(rating, [entries[i.id].rating for i in criterion.indicators])
    if why:
        overall += f'\n<p class="kb-rule-here">{h.text(why)}</p>'
    inferred = rests_on_inferred(kb, case, criterion)
    if inferred:
        overall += f'\n<p class="kb-rule-here kb-inferred">{h.text(inferred)}</p>'

    rows: list[list[object]] = [
        [
            h.link(page, indicator.title, target, indicator.id),
            badge(entries[indicator.id].rating),
            _finding(entries[indicator.id]),
            Trusted(notes.quoted_html(entries[indicator.id].cite)),
        ]
        for indicator in criterion.indicators
    ]
    head = [words["indicator"], words["rating"], words["finding"], words["evidence"]]
    return h.block(f"{overall}\n{cards_table(head, rows, 'ratings')}")


def rule_here(overall: Rating, ratings: list[Rating]) -> str:
    """One line on the rule where its outcome surprises: a criterion rated absent although one of
    its indicators is partly (or wholly) present. '' elsewhere."""
    mean = mean_score(ratings)
    if overall is not Rating.ABSENT or mean is None or all(r in (Rating.ABSENT, Rating.UNKNOWN) for r in ratings):
        return ""
    lang = language()
    return table()["shows_rule_absent"].format(
        mean=local.decimal(round(mean, 2), lang), threshold=local.decimal(ABSENT_AT, lang)
    )


def rests_on_inferred(kb: KnowledgeBase, case: Case, criterion: Criterion) -> str:
    """One line where a criterion's rating rests on an inferred rating: what it would be without
    the inferred ones (taken as not known). '' where they change nothing."""
    without = kb.rating_without_inferred(case, criterion)
    if without is None or not kb.inferred(case, criterion):
        return ""
    inferred = [i for i in criterion.indicators if kb.inferred(case, criterion, i)]
    words = table()
    return words["fid_rests_on_inferred"].format(
        indicators=", ".join(str(pick(i.title)) for i in inferred), rating=words[f"rating_{without.value}"].lower()
    )


def _finding(entry: Assessed) -> object:
    """A rating's finding, with the rater's note after it, marked as the knowledge base's reading."""
    if entry.note is None:
        return entry.finding
    return Trusted(f'{h.text(entry.finding)} <span class="kb-rater-note">{h.text(entry.note)}</span>')


def lesson_grounds(kb: KnowledgeBase, case: Case, lesson: Lesson) -> list[tuple[Criterion, Indicator, Rating]]:
    """The case's ratings on the indicators a lesson addresses."""
    return [(c, i, kb.rating(case, c, i)) for c, i in kb.indicators if i.id in lesson.indicators]


def shows_lesson(kb: KnowledgeBase, case: Case, lesson: Lesson) -> bool:
    """Whether a case's own ratings speak to a lesson: the lesson names the case, and the case is
    rated (present, partly present or absent) on an indicator the lesson addresses; its grounds line
    shows which. A lesson on which the case is not known at all is left out, so is one beyond what a
    partnership can arrange."""
    if case.id not in lesson.cases or not case.assessed_by or lesson.beyond_partnership:
        return False
    return any(r is not Rating.UNKNOWN for _, _, r in lesson_grounds(kb, case, lesson))


def lessons_shown(kb: KnowledgeBase, case: Case) -> tuple[Lesson, ...]:
    """The lessons a case's findings speak to: those it lacks first, then those it partly has."""
    shown = [lesson for lesson in kb.lessons_rated_for_case(case) if shows_lesson(kb, case, lesson)]

    def order(lesson: Lesson) -> int:
        ratings = [r for _, _, r in lesson_grounds(kb, case, lesson)]
        return 0 if Rating.ABSENT in ratings else 1 if Rating.PARTIAL in ratings else 2

    return tuple(sorted(shown, key=order))


def grounds_line(page: str, kb: KnowledgeBase, case: Case, lesson: Lesson, target: str, words: dict[str, str]) -> str:
    """One line on why: the case's rating on each indicator the lesson addresses, each linked to
    the criterion's ratings on the case page (``target``)."""
    shown = "; ".join(
        f"{h.link(page, i.title, target, c.id)} {badge(r)}" for c, i, r in lesson_grounds(kb, case, lesson)
    )
    return f"{h.text(words['rated_here'])}: {shown}"


def lesson_list(page: str, kb: KnowledgeBase, case: Case, words: dict[str, str]) -> Trusted:
    """The lessons a case shows, each with one line on why, from its own ratings."""
    lessons = lessons_shown(kb, case)
    if not lessons:
        return h.block(_p(h.text(words["lessons_none"])))
    items = "\n".join(
        f"<li>{h.link(page, lesson.title, paths.lesson(lesson.id))}<br>"
        f'<span class="kb-why">{grounds_line(page, kb, case, lesson, page, words)}</span></li>'
        for lesson in lessons
    )
    return h.block(f"{_p(h.text(words['lessons_shown_intro']))}\n<ul>\n{items}\n</ul>")


def legend(page: str) -> Trusted:
    """The ratings in one line, linking the page that explains them."""
    return h.block(_legend(page, language()))


def _legend(page: str, lang: str) -> str:
    w = table(lang)
    items = " · ".join(f"{badge(r)}" for r in SCALE)
    how = h.link(page, w["ratings_page"], paths.RATINGS)
    return f'<p class="kb-legend"><strong>{h.text(w["ratings_short"])}:</strong> {items}. {how}</p>'


def ratings_explained(lang: str) -> Trusted:
    """The scale on the ratings page: each rating with what it means."""
    w = table(lang)
    items = "\n".join(f"<li>{badge(r)} {h.text(w['meaning_' + r.value])}</li>" for r in SCALE)
    return h.block(f'<ul class="kb-scale">\n{items}\n</ul>')


def cite_this_page(
    title: object,
    url: str,
    date: str | None,
    history_state: str,
    history: str | None,
    words: dict[str, str],
    correction: str = "",
) -> Trusted:
    """How to cite a page: a suggested citation, its stable address, when it was last updated and,
    where the copy knows them, where to suggest a correction (``correction``, a prefilled issue)
    and its change history (``history``, its address; None where the site has none at all)."""
    shown = local.date(date) if date else ""
    when = f"{h.text(words['last_changed_on'].lower())} {h.text(shown)}" if date else h.text(words["date_unknown"])
    suggested = (
        f"{h.text(title)}. In: <em>{h.text(words['kb_title'])}</em>, {when}. "
        f"{h.external_link(url)} ({h.text(words['accessed_on'])})."
    )
    changed: str = h.text(words["history_unavailable"])
    if date:
        shallow = f" ({h.text(words['history_shallow'])})" if history_state == "shallow" else ""
        changed = f"{h.text(shown)}{shallow}"
    items = [(words["stable_address"], h.external_link(url)), (words["last_changed"], changed)]
    if history is None:
        items.append((words["history"], h.text(words["history_unavailable"])))
    listed = "\n".join(f"<li><strong>{h.text(name)}:</strong> {value}</li>" for name, value in items)
    links = []
    if correction:
        links.append(f'<a href="{escape(correction)}">{h.text(words["suggest_correction"])}</a>')
    if history is not None and history_state != "none":
        links.append(f'<a href="{escape(history)}">{h.text(words["history"])}</a>')
    # Page furniture, the same on every page: search leaves it out, so no excerpt shows it.
    actions = f'\n<p class="kb-page-links" data-pagefind-ignore>{" · ".join(links)}</p>' if links else ""
    cite = f"{admonition('quote', words['suggested_citation'], [suggested])}\n<ul>\n{listed}\n</ul>"
    return h.block(f'<div class="kb-cite" data-pagefind-ignore>\n{cite}\n</div>{actions}')


def rule(lang: str) -> Trusted:
    """The rule from indicators to a criterion, in the edition's numbers (a paragraph)."""
    return h.block(_p(h.text(rule_text(lang))))


def grounds(page: str, kb: KnowledgeBase, case: Case, lesson: Lesson, words: dict[str, str]) -> Trusted:
    """On a lesson's page, a case's ratings on what the lesson addresses (inline HTML)."""
    return h.block(grounds_line(page, kb, case, lesson, paths.case(case.id), words), inline=True)


def criterion_scores(page: str, kb: KnowledgeBase, criterion: Criterion, words: dict[str, str]) -> Trusted:
    """On a criterion's page, before its long tables: per rating, the assessed cases that reach it,
    each linked to its ratings on this criterion; then the one-line legend."""
    by_rating: dict[Rating, list[str]] = {}
    for case in kb.assessed_cases:
        link = h.link(page, case.name, paths.case(case.id), criterion.id)
        mark = inferred_mark() if kb.inferred(case, criterion) else ""
        by_rating.setdefault(kb.criterion_rating(case, criterion), []).append(f"{link}{mark}")
    if not by_rating:
        return h.block(_p(h.text(words["cases_score_none"])))
    items = "\n".join(f"<li>{badge(r)} {', '.join(by_rating[r])}</li>" for r in SCALE if r in by_rating)
    note = inferred_note(any(kb.inferred(case, criterion) for case in kb.assessed_cases))
    return h.block(f'<ul class="kb-scores">\n{items}\n</ul>\n{note}{_legend(page, language())}')
