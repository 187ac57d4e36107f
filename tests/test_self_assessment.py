"""The self-assessment in a real browser, both editions: answers, gaps and what to do about each,
the similarity at its boundaries, the action plan (kept, printed, exported, imported, shared),
several partnerships and snapshots. Nothing but the site's own files is ever requested."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from pathlib import Path

import pytest
from test_browser import require_axe, serious_violations

pytestmark = [pytest.mark.browser]

STORE = "ppc-kb-self-assessment-v2"
LABELS = {
    "": ["Yes", "Partly", "No", "Don't know", "Not applicable"],
    "nl/": ["Ja", "Gedeeltelijk", "Nee", "Weet ik niet", "Niet van toepassing"],
}


def indicator_ids(kb) -> list[str]:
    return [i.id for _, i in kb.indicators]


def open_sa(page, lang: str = "") -> None:
    page.goto(lang + "self-assessment/")
    page.wait_for_selector("#kb-sa form")


def answer(page, ratings: dict[str, str]) -> None:
    for indicator, rating in ratings.items():
        page.check(f"#kb-{indicator}-{rating}")


def every(kb, rating: str, **others: str) -> dict[str, str]:
    """``rating`` for every indicator, but ``others`` (an indicator's id with ``_`` for ``-``)."""
    names = {iid.replace("-", "_"): iid for iid in indicator_ids(kb)}
    assert set(others) <= set(names), f"not indicators of the corpus: {sorted(set(others) - set(names))}"
    return {iid: others.get(name, rating) for name, iid in names.items()}


def stored(page) -> str | None:
    return page.evaluate(f"localStorage.getItem('{STORE}')")


def checked(page) -> dict[str, str]:
    return page.eval_on_selector_all(
        "#kb-sa form input[type=radio]:checked", "els => Object.fromEntries(els.map(e => [e.name, e.value]))"
    )


@pytest.mark.parametrize("lang", ["", "nl/"])
def test_answers_are_yes_partly_no_dont_know_with_what_present_looks_like(page, kb, lang: str) -> None:
    open_sa(page, lang)
    first = page.locator(".kb-sa-question").first
    assert [x.strip()[2:] for x in first.locator("label.kb-sa-option").all_inner_texts()] == LABELS[lang]
    # Answers keep the ratings' ids, so they map onto the same scores as the cases' ratings.
    assert first.locator("input[type=radio]").evaluate_all("els => els.map(e => e.value)") == [
        "present",
        "partial",
        "absent",
        "unknown",
        "not_applicable",
    ]
    language = "nl" if lang else "en"
    for _, indicator in kb.indicators:
        looks = page.locator(f"#kb-looks-{indicator.id}")
        assert " ".join(indicator.present_looks_like[language].split()) in looks.inner_text()
        assert page.get_attribute(f".kb-sa-question[data-indicator='{indicator.id}']", "aria-describedby") == (
            f"kb-looks-{indicator.id}"
        )
    # A legend about your partnership, above the questions; not the cases' legend (what the study shows).
    legend = page.locator(".admonition.info").first
    assert legend.evaluate(
        "(box, sa) => box.compareDocumentPosition(sa) & Node.DOCUMENT_POSITION_FOLLOWING",
        page.locator("#kb-sa").element_handle(),
    )
    legend = legend.inner_text()
    assert ("your partnership" if not lang else "uw samenwerkingsverband") in legend
    assert "study" not in legend and "onderzoek" not in legend


def test_one_no_among_all_yes_is_exactly_that_gap_with_only_its_lessons(page, kb) -> None:
    open_sa(page)
    answer(page, every(kb, "present", regular_meetings="absent"))
    gaps = page.locator(".kb-sa-gap")
    assert gaps.count() == 1
    gap = gaps.first
    assert gap.get_attribute("data-indicator") == "regular-meetings"
    indicator = next(i for _, i in kb.indicators if i.id == "regular-meetings")
    lessons = gap.locator(".kb-sa-lessons a").evaluate_all("els => els.map(e => e.dataset.lesson)")
    assert lessons == [lesson.id for lesson in kb.lessons_for_indicator(indicator)]
    assert lessons == ["meet-at-fixed-times"]
    # Not the criterion's other lessons: they address other indicators.
    others = [
        lesson.id
        for lesson in kb.lessons
        if lesson.criterion == "network-and-agreements" and "regular-meetings" not in lesson.indicators
    ]
    assert others == ["put-agreements-on-paper"]
    assert not set(others) & set(lessons)
    assert "The partners meet on a fixed schedule" in gap.locator(".kb-sa-looks").inner_text()
    # How an assessed partnership that has this in place does it: every such case, its finding, its quote, linked.
    present = [
        c for c in kb.assessed_cases if c.assessment["network-and-agreements"]["regular-meetings"].rating == "present"
    ]
    examples = gap.locator(".kb-sa-examples li")
    assert examples.evaluate_all("els => els.map(e => e.dataset.case)") == [c.id for c in present]
    first = present[0].assessment["network-and-agreements"]["regular-meetings"]
    assert next(c.quote for c in first.cite if c.quote) in examples.first.locator("q").inner_text()
    assert examples.first.locator("a").get_attribute("href").endswith(f"cases/{present[0].id}/#network-and-agreements")
    assert "1 gap" in page.locator("#kb-sa-progress").inner_text()


@pytest.mark.parametrize("lang", ["", "nl/"])
def test_with_nothing_answered_the_gaps_say_so_not_that_every_answer_meets_its_target(page, kb, lang: str) -> None:
    open_sa(page, lang)
    assert page.locator("#kb-sa-no-answers").count() == 1 and page.locator("#kb-sa-no-gaps").count() == 0
    assert ("nog geen vragen beantwoord" if lang else "not answered any question yet") in page.inner_text("#kb-sa-gaps")
    assert ("tellen als onbekend" if lang else "count as not known") in page.inner_text("#kb-sa-progress")
    # Every question answered: nothing left to count as not known.
    answer(page, every(kb, "present"))
    assert ("tellen als onbekend" if lang else "count as not known") not in page.inner_text("#kb-sa-progress")
    assert page.locator("#kb-sa-no-answers").count() == 0


def test_all_yes_gives_no_recommendation_and_points_to_what_keeps_it_so(page, kb, site_url: str) -> None:
    open_sa(page)
    answer(page, every(kb, "absent"))
    assert page.locator(".kb-sa-gap").count() == len(indicator_ids(kb))
    answer(page, every(kb, "present"))
    assert page.locator(".kb-sa-gap, .kb-sa-lessons, .kb-sa-examples").count() == 0
    assert "no gap" in page.locator("#kb-sa-all-yes").inner_text()
    hrefs = page.locator("#kb-sa-keep a").evaluate_all("els => els.map(e => e.href)")
    assert hrefs == [site_url + "conditions/", site_url + "variants/"]


def test_gaps_come_farthest_from_the_target_first_grouped_by_criterion(page, kb) -> None:
    open_sa(page)
    answer(
        page,
        every(kb, "present", shared_goal="partial", regular_meetings="partial", right_partners="absent")
        | {"signed-agreement": "absent", "council-reporting": "unknown"},
    )
    groups = page.locator(".kb-sa-gap-group").evaluate_all("els => els.map(e => e.dataset.criterion)")
    assert groups == ["network-and-agreements", "trust-and-culture"]
    order = page.locator(".kb-sa-gap").evaluate_all("els => els.map(e => [e.dataset.indicator, e.dataset.answer])")
    assert order == [
        ["right-partners", "absent"],
        ["signed-agreement", "absent"],
        ["regular-meetings", "partial"],
        ["shared-goal", "partial"],
    ]
    # An indicator no lesson addresses says so instead of borrowing the criterion's lessons.
    assert not kb.lessons_for_indicator(next(i for _, i in kb.indicators if i.id == "shared-goal"))
    assert page.locator(".kb-sa-gap[data-indicator='shared-goal'] .kb-sa-no-lessons").is_visible()
    # Once above the gaps: which lesson fits which gap is this knowledge base's reading (issue 35).
    assert page.locator("#kb-sa-mapping").count() == 1
    assert "this knowledge base's reading" in page.locator("#kb-sa-mapping").inner_text()


def similarity(page, answers: dict[str, str], case_id: str) -> dict:
    return page.evaluate(
        """async ([answers, id]) => {
             const core = await import(new URL("../assets/javascripts/self-assessment/core.mjs", location.href));
             const data = window.__saData, k = data.cases.find(c => c.id === id);
             const s = core.similarity(data, answers, k);
             return {similarity: s.similarity, criteria: s.criteria.map(r => [r.mine, r.theirs, r.similarity]),
                     leftOut: s.leftOut.map(x => [x.indicator.id, x.reason])};
           }""",
        [answers, case_id],
    )


def load_data(page) -> None:
    page.evaluate("async () => { window.__saData = await (await fetch('../data/self-assessment.json')).json(); }")


def test_similarity_at_its_boundaries(page, kb) -> None:
    open_sa(page)
    load_data(page)

    def ratings(case_id: str) -> dict[str, str]:
        return {i.id: kb.case(case_id).assessment[c.id][i.id].rating.value for c, i in kb.indicators}

    riverside = ratings("riverside-stadium")
    assert kb.profile(kb.case("riverside-stadium")) and set(kb.profile(kb.case("riverside-stadium")).values()) == {
        "present"
    }
    # The same answers as the case: 100%; the opposite of a present case: 0%.
    assert similarity(page, riverside, "riverside-stadium")["similarity"] == 1
    assert similarity(page, every(kb, "absent"), "riverside-stadium")["similarity"] == 0
    # Partly present on every indicator against present on everything: one step apart, 50%.
    assert similarity(page, every(kb, "partial"), "riverside-stadium")["similarity"] == 0.5
    # Partly present on every criterion, made of Yes and No (the 73%): never 70% or more.
    mixed = {}
    for criterion in kb.criteria:
        ids = [i.id for i in criterion.indicators]
        half = len(ids) // 2
        mixed |= {iid: ("absent" if n < max(1, half) else "present") for n, iid in enumerate(ids)}
    result = similarity(page, mixed, "riverside-stadium")
    assert {row[0] for row in result["criteria"]} == {"partial"}
    assert result["similarity"] <= 0.5
    for case in kb.assessed_cases:
        if set(kb.profile(case).values()) == {"present"}:
            assert similarity(page, mixed, case.id)["similarity"] < 0.7, case.id
    # Answered but left out, each with its reason.
    festival = ratings("harbour-lights-festival")
    assert festival["council-reporting"] == "unknown"  # the evaluation does not say for the festival
    left = similarity(
        page,
        every(kb, "present", council_reporting="present", mutual_confidence="unknown"),
        "harbour-lights-festival",
    )
    assert ["mutual-confidence", "dont_know"] in left["leftOut"]
    assert ["council-reporting", "case_unknown"] in left["leftOut"]
    # On the page: one sentence that explains it, a row per criterion, what was left out and why.
    answer(page, festival | {"council-reporting": "present"})
    assert page.locator("#kb-sa-nearest-name").inner_text() == "Harbour Lights Festival consultation"
    known = sum(rating != "unknown" for rating in festival.values())
    assert f"100% similar on {known} indicators" in page.locator("#kb-sa-nearest-percent").inner_text()
    assert page.locator("#kb-sa-similarity tr[data-criterion]").count() == len(kb.criteria)
    assert page.locator("#kb-sa-similarity-rule").inner_text().count(". ") == 0  # one sentence
    assert (
        "Reporting to the council (Harbour Lights Festival consultation's rating is not known)"
        in page.locator("#kb-sa-left-out").inner_text()
    )
    answer(page, every(kb, "partial"))
    assert int(page.locator("#kb-sa-nearest-percent").inner_text().split("%")[0].strip(" (")) < 70


def fill_plan(
    page, kb, action: str = "Agree a covenant and a meeting rhythm with the municipality, the venues and the police"
) -> None:
    for n, iid in enumerate(indicator_ids(kb)):
        page.fill(f"#kb-plan-{iid}-action", f"{action} ({n + 1})")
        page.fill(f"#kb-plan-{iid}-owner", f"Security manager {n + 1}")
        page.fill(f"#kb-plan-{iid}-due", f"2026-{(n % 12) + 1:02d}-15")


def test_a_plan_survives_a_reload_and_prints_on_at_most_two_a4_pages(page, kb, tmp_path: Path) -> None:
    from pypdf import PdfReader

    open_sa(page)
    answer(page, every(kb, "absent"))
    page.fill("#kb-sa-name", "Stadium District Partnership")
    fill_plan(page, kb)
    page.reload()
    page.wait_for_selector("#kb-sa form")
    assert checked(page) == every(kb, "absent")
    assert page.input_value("#kb-plan-shared-goal-owner").startswith("Security manager")
    assert page.input_value("#kb-plan-council-reporting-due") == "2026-08-15"
    assert page.input_value("#kb-sa-name") == "Stadium District Partnership"
    # Export and print follow the results.
    assert page.evaluate(
        "['#kb-sa-print-plan', '#kb-sa-export-json', '#kb-sa-share-make'].every(s => document.querySelector('#kb-sa-results')"
        ".compareDocumentPosition(document.querySelector(s)) & Node.DOCUMENT_POSITION_FOLLOWING)"
    )
    today = page.evaluate("new Date().toISOString().slice(0, 10)")
    page.emulate_media(media="print")
    assert page.locator("#kb-sa-print").is_visible() and page.locator("#kb-sa form").is_hidden()
    pdf = tmp_path / "plan.pdf"
    page.pdf(path=str(pdf), format="A4")
    pages = PdfReader(str(pdf)).pages
    assert len(pages) <= 2
    text = unicodedata.normalize("NFKC", " ".join(" ".join((p.extract_text() or "").split()) for p in pages))
    assert "Action plan: Stadium District Partnership" in text
    last = len(indicator_ids(kb))  # the last gap's action, owner and date are on the printed plan too
    assert today[:4] in text and f"Security manager {last}" in text and f"({last})" in text
    assert "Search" not in text


def test_the_plan_exports_as_markdown_csv_and_json_and_the_json_imports(
    page, kb, browser, site_url: str, tmp_path: Path
) -> None:
    open_sa(page)
    answer(page, every(kb, "present", council_reporting="absent", shared_goal="partial"))
    page.fill("#kb-sa-name", "Kuip")
    page.fill("#kb-plan-council-reporting-action", "Put the yearly report on the council's agenda")
    page.fill("#kb-plan-council-reporting-owner", '=HYPERLINK("http://example.org")')
    page.fill("#kb-plan-council-reporting-due", "2026-06-30")
    files = {}
    for button, ext in (("#kb-sa-export-md", "md"), ("#kb-sa-export-csv", "csv"), ("#kb-sa-export-json", "json")):
        with page.expect_download() as download:
            page.click(button)
        files[ext] = tmp_path / f"plan.{ext}"
        download.value.save_as(files[ext])
        assert download.value.suggested_filename.startswith("kuip-")
    md = files["md"].read_text(encoding="utf-8")
    assert md.startswith("# Action plan: Kuip") and "Put the yearly report on the council's agenda" in md
    # The gap's lesson; the No (its criterion comes later) before the Partly.
    assert "Report to an elected council" in md and md.index("Reporting to the council") < md.index("One shared goal")
    rows = list(csv.reader(io.StringIO(files["csv"].read_text(encoding="utf-8-sig"))))
    assert rows[0][:3] == ["Criterion", "Gap", "Your answer"] and len(rows) == 3
    assert rows[1][1:7] == [
        "Reporting to the council",
        "No",
        "Yes",
        "Put the yearly report on the council's agenda",
        '\'=HYPERLINK("http://example.org")',
        "2026-06-30",
    ]
    data = json.loads(files["json"].read_text(encoding="utf-8"))
    assert data["format"] == "ppc-kb-self-assessment" and data["version"] == 3 and data["name"] == "Kuip"
    assert data["plan"] == {
        "council-reporting": {
            "action": "Put the yearly report on the council's agenda",
            "owner": '=HYPERLINK("http://example.org")',
            "due": "2026-06-30",
            "phase": "",
        }
    }

    fresh = browser.new_context(base_url=site_url)
    tab = fresh.new_page()
    open_sa(tab)
    tab.set_input_files("#kb-sa-import", str(files["json"]))
    tab.wait_for_selector(f"#kb-sa-message:has-text('Imported {len(indicator_ids(kb))} answers and 1 plan entry')")
    assert checked(tab) == data["answers"]
    assert tab.input_value("#kb-plan-council-reporting-action") == "Put the yearly report on the council's agenda"
    assert tab.input_value("#kb-sa-name") == "Kuip"
    fresh.close()


def test_a_malformed_import_changes_nothing(page, kb, tmp_path: Path) -> None:
    open_sa(page)
    answer(page, every(kb, "present", council_reporting="absent"))
    page.fill("#kb-plan-council-reporting-action", "Keep me")
    before, answers = stored(page), checked(page)
    base = {"format": "ppc-kb-self-assessment", "version": 2, "answers": {"council-reporting": "absent"}}
    for bad, reason in [
        ("{not json", "not valid JSON"),
        ('{"foo": 1}', "not a self-assessment export"),
        (json.dumps(base | {"version": 7}), "unsupported version"),
        (json.dumps(base | {"targets": {"council-reporting": "unknown"}}), "target"),
        (json.dumps(base | {"answers": {"council-reporting": "maybe"}}), "is not a valid answer"),
        (json.dumps(base | {"plan": {"council-reporting": {"action": 5}}}), "plan entry for “council-reporting”"),
        (
            json.dumps(base | {"plan": {"council-reporting": {"due": "next week"}}}),
            "plan entry for “council-reporting”",
        ),
    ]:
        path = tmp_path / "bad.json"
        path.write_text(bad)
        page.set_input_files("#kb-sa-import", str(path))
        page.wait_for_selector(f'#kb-sa-message:has-text("{reason}")')
        assert "were not changed" in page.locator("#kb-sa-message").inner_text()
        assert stored(page) == before and checked(page) == answers
        assert page.input_value("#kb-plan-council-reporting-action") == "Keep me"


def test_reset_asks_first_and_declined_keeps_every_answer(page, kb) -> None:
    open_sa(page)
    answer(page, every(kb, "partial", council_reporting="absent"))
    page.fill("#kb-plan-council-reporting-action", "Keep me")
    before = stored(page)
    asked: list[str] = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.click("#kb-sa-reset")
    assert asked and "wipe every answer" in asked[0]
    assert checked(page) == every(kb, "partial", council_reporting="absent") and stored(page) == before
    assert page.input_value("#kb-plan-council-reporting-action") == "Keep me"
    assert "Nothing was reset" in page.locator("#kb-sa-message").inner_text()
    page.once("dialog", lambda d: d.accept())
    page.click("#kb-sa-reset")
    assert checked(page) == {} and page.locator(".kb-sa-gap").count() == 0


def test_the_share_link_restores_answers_and_plan_in_a_fresh_browser_and_never_reaches_a_server(
    page, kb, browser, site_url: str
) -> None:
    open_sa(page)
    answers = every(kb, "present", council_reporting="absent", shared_goal="partial")
    answer(page, answers)
    page.fill("#kb-sa-name", "Ahoy & Co <b>")
    page.fill("#kb-plan-council-reporting-action", "Report to the council — één keer per jaar, vóór de begroting")
    page.fill("#kb-plan-shared-goal-due", "2026-09-01")
    page.click("#kb-sa-share-make")
    link = page.get_attribute("#kb-sa-share-link", "href")
    assert link.startswith(site_url + "self-assessment/#sa=") and page.locator("#kb-sa-copy").is_visible()
    payload = link.split("#", 1)[1]

    fresh = browser.new_context(base_url=site_url)
    seen: list[tuple[str, str]] = []
    fresh.on("request", lambda r: seen.append((r.url, r.headers.get("referer", ""))))
    tab = fresh.new_page()
    tab.goto(link)
    tab.wait_for_selector("#kb-sa-message:has-text('from the link')")
    assert checked(tab) == answers
    assert tab.input_value("#kb-sa-name") == "Ahoy & Co <b>"
    assert (
        tab.input_value("#kb-plan-council-reporting-action")
        == "Report to the council — één keer per jaar, vóór de begroting"
    )
    assert tab.input_value("#kb-plan-shared-goal-due") == "2026-09-01"
    assert "#" not in tab.url  # the fragment is dropped once read: a reload does not restore it again
    tab.reload()
    tab.wait_for_selector("#kb-sa form")
    assert checked(tab) == answers
    tab.wait_for_load_state("networkidle")
    assert seen and all(url.startswith(site_url) for url, _ in seen), seen
    assert not [s for s in seen if payload in s[0] or "sa=" in s[0] or payload in s[1]], seen

    # Saved work is never overwritten without asking: declined, nothing changes; accepted, a new partnership.
    tab.goto("self-assessment/")
    tab.wait_for_selector("#kb-sa form")
    answer(tab, {"council-reporting": "present"})
    before = stored(tab)
    tab.once("dialog", lambda d: d.dismiss())
    tab.goto(link)
    tab.wait_for_selector("#kb-sa-message:has-text('not opened')")
    assert stored(tab) == before and tab.is_checked("#kb-council-reporting-present")
    tab.once("dialog", lambda d: d.accept())
    tab.goto(link.replace("#", "?again#"))
    tab.wait_for_selector("#kb-sa-message:has-text('from the link')")
    assert tab.locator("#kb-sa-partnership option").count() == 2
    assert checked(tab) == answers
    tab.select_option("#kb-sa-partnership", index=0)
    assert tab.is_checked("#kb-council-reporting-present")
    fresh.close()


def test_share_links_are_bounded_with_a_clear_message(page, kb, browser, site_url: str) -> None:
    open_sa(page)
    answer(page, every(kb, "absent"))
    for iid in indicator_ids(kb):
        page.fill(f"#kb-plan-{iid}-action", "x" * 1000)
    page.click("#kb-sa-share-make")
    assert "more than the 8000" in page.locator("#kb-sa-share-error").inner_text()
    assert page.locator("#kb-sa-share-link").count() == 0
    fresh = browser.new_context(base_url=site_url)
    tab = fresh.new_page()
    tab.goto("self-assessment/#sa=" + "A" * 9000)
    tab.wait_for_selector("#kb-sa-message:has-text('nothing was changed')")
    tab.goto("self-assessment/#sa=not-a-self-assessment")
    tab.wait_for_selector("#kb-sa-message:has-text('could not be read')")
    assert checked(tab) == {} and stored(tab) is None
    fresh.close()


def test_several_partnerships_side_by_side_and_snapshots_over_time(page, kb) -> None:
    open_sa(page)
    answer(page, every(kb, "present"))
    page.fill("#kb-sa-name", "Arena")
    assert page.locator("#kb-sa-compare-table").count() == 0
    page.click("#kb-sa-new")
    assert page.evaluate("document.activeElement.id") == "kb-sa-name"
    page.fill("#kb-sa-name", "Fair")
    assert checked(page) == {}
    answer(page, every(kb, "absent", council_reporting="present"))
    assert page.locator("#kb-sa-compare figure svg").count() == 2
    header = page.locator("#kb-sa-compare-table tr").first.inner_text()
    assert "Arena" in header and "Fair" in header
    page.uncheck("#kb-sa-compare input[type=checkbox] >> nth=0")
    assert page.locator("#kb-sa-compare figure").count() == 0
    page.select_option("#kb-sa-partnership", label="Arena")
    assert checked(page) == every(kb, "present")
    # A snapshot, then a change: what improved and what slipped since.
    page.click("#kb-sa-snapshot")
    answer(page, {"council-reporting": "absent", "shared-goal": "partial"})
    assert page.locator("#kb-sa-slipped li").all_inner_texts() == [
        "One shared goal: Yes → Partly",
        "Reporting to the council: Yes → No",
    ]
    assert page.locator("#kb-sa-improved").inner_text() == "nothing"
    page.reload()
    page.wait_for_selector("#kb-sa form")
    assert page.locator("#kb-sa-partnership option").all_inner_texts() == ["Arena", "Fair"]
    assert page.locator("#kb-sa-slipped li").count() == 2


def test_keyboard_alone_answers_and_writes_the_plan(page) -> None:
    open_sa(page)
    page.focus("#kb-sa-name")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "radio":
            break
    assert page.evaluate("document.activeElement.name") == "right-partners"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # Yes → Partly → No
    assert page.is_checked("#kb-right-partners-absent")
    page.focus("#kb-plan-right-partners-action")
    page.keyboard.type("Invite the municipality")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "kb-plan-right-partners-owner"


def test_the_dutch_edition_speaks_dutch_and_keeps_answers_across_the_switch(page, kb, site_url: str) -> None:
    open_sa(page)
    answer(page, every(kb, "present", council_reporting="absent"))
    page.fill("#kb-plan-council-reporting-action", "Het jaarverslag op de agenda van de raad zetten")
    page.click(".kb-lang__link")
    page.wait_for_url(site_url + "nl/self-assessment/")
    page.wait_for_selector("#kb-sa form")
    assert page.is_checked("#kb-council-reporting-absent")
    total = len(indicator_ids(kb))
    assert f"{total} van {total} vragen beantwoord" in page.locator("#kb-sa-progress").inner_text()
    gap = page.locator(".kb-sa-gap[data-indicator='council-reporting']")
    assert "Uw antwoord: Nee" in gap.inner_text() and "Zo ziet ‘Ja’ eruit" in gap.inner_text()
    assert "Leg verantwoording af aan een gekozen raad" in gap.locator(".kb-sa-lessons").inner_text()
    assert page.input_value("#kb-plan-council-reporting-action") == "Het jaarverslag op de agenda van de raad zetten"
    assert page.locator("#kb-sa-print-plan").inner_text() == "Plan afdrukken"
    assert page.locator("#kb-sa-export-json").inner_text() == "Antwoorden en plan exporteren (JSON)"


ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def test_the_dutch_plan_prints_and_exports_in_dutch_words_and_dates(page, kb, tmp_path: Path) -> None:
    """The Dutch editor's N4, N12, N23, N44, N46 and N47: a count of one in the singular, no capital
    inside the plan's title, plain words, written-out dates in everything a person reads (the JSON
    keeps ISO for machines), Dutch file names and a CSV a Dutch spreadsheet opens in columns."""
    open_sa(page, "nl/")
    answer(page, every(kb, "present", council_reporting="absent"))
    assert "(1 verbeterpunt)" in page.locator(".kb-sa-gap-group h4").first.inner_text()
    page.fill("#kb-plan-council-reporting-action", "Het jaarverslag op de agenda van de raad zetten")
    page.fill("#kb-plan-council-reporting-owner", "Veiligheidsmanager")
    page.fill("#kb-plan-council-reporting-due", "2026-06-30")
    page.click("#kb-sa-snapshot")
    assert re.search(r"Momentopname van \d{1,2} [a-z]+ \d{4} bewaard", page.locator("#kb-sa-message").inner_text())
    assert not ISO_DATE.search(page.locator("#kb-sa-time").inner_text())
    assert "1 vraag die geldt" not in page.locator("#kb-sa-to-target").inner_text()  # many questions: the plural
    printed = (page.locator("#kb-sa-print").text_content() or "").replace("\u00a0", " ")  # "30 juni" held together
    assert "Actieplan: Ons samenwerkingsverband" in printed and "Verantwoordelijke" in printed
    assert "30 juni 2026" in printed and "Verbeterpunt" in printed
    # No phase chosen: every copy leaves it empty, as it does an empty action (reads 6 I2, 8 E1, 9 F9).
    assert "Geen fase gekozen" not in printed and "Nog niet gepland" not in printed
    assert not ISO_DATE.search(printed), ISO_DATE.search(printed)
    assert not re.search(r"[Ll]acune|[Ee]igenaar", printed)
    files = {}
    for button, ext in (("#kb-sa-export-md", "md"), ("#kb-sa-export-csv", "csv"), ("#kb-sa-export-json", "json")):
        with page.expect_download() as download:
            page.click(button)
        assert download.value.suggested_filename.startswith("zelfscan-")
        files[ext] = tmp_path / f"plan.{ext}"
        download.value.save_as(files[ext])
    md = files["md"].read_text(encoding="utf-8")
    assert md.startswith("# Actieplan: Ons samenwerkingsverband\n") and "- Streefdatum: 30 juni 2026" in md
    assert not ISO_DATE.search(md) and "beoordeeld door deze kennisbank" in md
    rows = list(csv.reader(io.StringIO(files["csv"].read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Criterium", "Verbeterpunt", "Uw antwoord"] and rows[0][5] == "Verantwoordelijke"
    assert rows[1][4:8] == [
        "Het jaarverslag op de agenda van de raad zetten",
        "Veiligheidsmanager",
        "30 juni 2026",
        "",  # no phase chosen: empty, as in the print and the Markdown (read 9, F9)
    ]
    data = json.loads(files["json"].read_text(encoding="utf-8"))
    assert data["plan"]["council-reporting"]["due"] == "2026-06-30" and ISO_DATE.fullmatch(data["snapshots"][0]["date"])


@pytest.mark.parametrize("lang", ["", "nl/"])
def test_the_printed_plan_names_a_finding_of_the_study_as_what_it_found_never_as_a_lesson(page, kb, lang: str) -> None:
    open_sa(page, lang)
    data = page.evaluate("() => fetch(document.getElementById('kb-sa-data').href).then(r => r.json())")
    indicator, finding = next(
        (i, lesson)
        for c in data["criteria"]
        for i in c["indicators"]
        for lesson in i["lessons"]
        if lesson["kind"] == "finding"
    )
    answer(page, {**every(kb, "present"), indicator["id"]: "absent"})
    row = page.locator(f"#kb-sa-print tr[data-indicator='{indicator['id']}']").text_content() or ""
    assert f"{data['labels']['finding_label']} {finding['title']}" in row
    lessons = [x["title"] for x in indicator["lessons"] if x["kind"] != "finding"]
    assert all(title in row for title in lessons)
    printed_as_lessons = row.split(data["labels"]["finding_label"])[0]
    assert finding["title"] not in printed_as_lessons, row


@pytest.mark.parametrize("lang", ["", "nl/"])
def test_the_questions_and_their_yes_are_said_to_be_this_knowledge_bases_yardsticks(page, kb, lang: str) -> None:
    """Above the questions, beside the gaps and at the foot of the printed plan: the yardsticks are ours."""
    open_sa(page, lang)
    labels = page.evaluate("() => fetch(document.getElementById('kb-sa-data').href).then(r => r.json())")["labels"]
    own = page.locator("#kb-sa-own")
    assert own.inner_text() == labels["own_yardsticks"]
    assert (
        "this knowledge base's own yardsticks" if not lang else "maatstaven van deze kennisbank"
    ) in own.inner_text()
    assert own.evaluate(
        "(p, q) => p.compareDocumentPosition(q) & Node.DOCUMENT_POSITION_FOLLOWING",
        page.locator(".kb-sa-question").first.element_handle(),
    )
    answer(page, every(kb, "present", regular_meetings="absent"))
    assert page.locator("#kb-sa-own-gaps").inner_text() == labels["own_yardsticks"]
    origin = page.locator("#kb-sa-print-origin").text_content() or ""
    assert ("this knowledge base's own yardsticks" if not lang else "maatstaven van deze kennisbank") in origin


@pytest.mark.parametrize("lang", ["", "nl/"])
def test_the_filled_in_self_assessment_has_no_serious_accessibility_violations(page, kb, lang: str) -> None:
    require_axe()
    open_sa(page, lang)
    answer(page, every(kb, "present", council_reporting="absent", shared_goal="partial", mutual_confidence="unknown"))
    page.click("#kb-sa-snapshot")
    page.click("#kb-sa-new")
    answer(page, every(kb, "partial"))
    page.click("#kb-sa-share-make")
    assert page.locator("#kb-sa-compare figure").count() == 2
    assert serious_violations(page) == []


# The smallest rendered text size (CSS px) of each profile picture beside the reader's: the reader's
# own drawn inline, and each case's image drawn inline at the width the page shows it, as it renders.
PICTURE_TEXT = """async () => {
  const measure = (svg) => {
    const box = svg.viewBox.baseVal, scale = svg.getBoundingClientRect().width / box.width;
    const texts = [...svg.querySelectorAll('text')];
    return {size: Math.min(...texts.map(t => parseFloat(getComputedStyle(t).fontSize) * scale)),
            inside: texts.every(t => { const b = t.getBBox(); return b.x >= 0 && b.x + b.width <= box.width + 0.5; }),
            texts: texts.length};
  };
  const out = [...document.querySelectorAll('.kb-profiles svg')].map(svg => ({what: svg.closest('figure').id || 'compared', ...measure(svg)}));
  for (const img of document.querySelectorAll('.kb-profiles img')) {
    const holder = document.createElement('div');
    holder.style.cssText = `position:absolute;left:0;top:0;width:${img.getBoundingClientRect().width}px`;
    holder.innerHTML = await (await fetch(img.src)).text();
    document.body.appendChild(holder);
    const svg = holder.querySelector('svg');
    svg.setAttribute('width', img.getBoundingClientRect().width);
    svg.removeAttribute('height');
    out.push({what: img.getAttribute('src'), ...measure(svg)});
    holder.remove();
  }
  return out;
}"""


@pytest.mark.parametrize("lang", ["", "nl/"])
def test_on_a_phone_every_profile_pictures_text_is_at_least_12_px(page, kb, lang: str) -> None:
    """The reader's profile is drawn as narrow as the cases' beside it, so on a phone (390 px) it is
    not scaled down: its text, like theirs, renders at 12 CSS px or more and stays in the picture."""
    page.set_viewport_size({"width": 390, "height": 844})
    open_sa(page, lang)
    answer(page, every(kb, "present", council_reporting="absent", shared_goal="partial", mutual_confidence="unknown"))
    page.click("#kb-sa-new")
    answer(page, every(kb, "partial"))
    pictures = page.evaluate(PICTURE_TEXT)
    assert [p["what"] for p in pictures][:3] == ["kb-sa-profile", "compared", "compared"]
    assert len(pictures) == 3 + len(kb.assessed_cases)
    for picture in pictures:
        assert picture["texts"] >= len(kb.criteria) * 2, picture
        assert picture["size"] >= 12, picture
        assert picture["inside"], picture


# Issue 30: what the browser refuses to keep, prototype-named keys, corrupt saved state, the Markdown export.
NOT_SAVED = {"": "Your work is not being saved", "nl/": "Uw werk wordt niet bewaard"}
UNREADABLE = {"": "could not be read", "nl/": "kon niet worden gelezen"}
FILL_STORAGE = """() => {
  // Fill this origin's storage as another site on a shared github.io origin could: up to the last bytes.
  let chunk = "x".repeat(1 << 20), n = 0;
  while (chunk.length) {
    try { localStorage.setItem("other-site-" + n++, chunk); } catch (e) { chunk = chunk.slice(0, chunk.length >> 1); }
  }
}"""
FREE_STORAGE = (
    "() => Object.keys(localStorage).filter(k => k.startsWith('other-site-')).forEach(k => localStorage.removeItem(k))"
)


def share_link(compact: dict) -> str:
    import base64

    return "self-assessment/#sa=" + base64.urlsafe_b64encode(json.dumps(compact).encode()).decode().rstrip("=")


@pytest.mark.parametrize("lang", ["", "nl/"])
def test_a_full_storage_is_said_the_change_undone_and_the_export_offered(page, kb, lang: str, tmp_path: Path) -> None:
    open_sa(page, lang)
    answer(page, {"council-reporting": "absent"})
    before = stored(page)
    page.evaluate(FILL_STORAGE)
    page.click("#kb-shared-goal-partial")  # refused: the radio goes back (Playwright's check would insist)
    warning = page.locator("#kb-sa-not-saved")
    warning.wait_for(state="visible", timeout=5000)
    assert NOT_SAVED[lang] in warning.inner_text()
    # Memory and storage agree: the change is undone on the page, and storage holds what it held.
    assert checked(page) == {"council-reporting": "absent"} and stored(page) == before
    assert "0 gaps" not in page.locator("#kb-sa-progress").inner_text()
    assert page.locator(".kb-sa-gap").count() == 1
    # The export keeps the work with the change that could not be saved.
    with page.expect_download() as download:
        page.click("#kb-sa-not-saved-export")
    path = tmp_path / "kept.json"
    download.value.save_as(path)
    assert json.loads(path.read_text(encoding="utf-8"))["answers"] == {
        "council-reporting": "absent",
        "shared-goal": "partial",
    }
    page.reload()
    page.wait_for_selector("#kb-sa form")
    assert checked(page) == {"council-reporting": "absent"}
    # Once there is room again, the next change is saved and the warning goes.
    page.evaluate(FREE_STORAGE)
    answer(page, {"shared-goal": "partial"})
    assert page.locator("#kb-sa-not-saved").is_hidden()
    assert json.loads(stored(page) or "{}")["profiles"][0]["answers"] == {
        "council-reporting": "absent",
        "shared-goal": "partial",
    }


def test_an_oversized_import_is_refused_and_one_that_does_not_fit_changes_nothing(page, kb, tmp_path: Path) -> None:
    open_sa(page)
    answer(page, {"council-reporting": "absent"})
    page.fill("#kb-plan-council-reporting-action", "Keep me")
    before, answers = stored(page), checked(page)
    base = {"format": "ppc-kb-self-assessment", "version": 2, "answers": every(kb, "present")}
    snapshot = {"date": "2024-01-01", "answers": every(kb, "absent")}
    huge = tmp_path / "huge.json"  # the red team's B27: a valid file of 60,000 snapshots, about 10 MB
    huge.write_text(json.dumps(base | {"snapshots": [snapshot] * 60_000}))
    many = tmp_path / "many.json"
    many.write_text(json.dumps(base | {"snapshots": [snapshot] * 501}))
    for path, reason in ((huge, "larger than the 1 MB"), (many, "more than the 500")):
        page.set_input_files("#kb-sa-import", str(path))
        page.wait_for_selector(f'#kb-sa-message:has-text("{reason}")', timeout=5000)
        assert "were not changed" in page.locator("#kb-sa-message").inner_text()
        assert stored(page) == before and checked(page) == answers
    # A file within the limits that the full storage cannot take: refused, nothing changed, said.
    fits = tmp_path / "fits.json"
    fits.write_text(json.dumps(base | {"snapshots": [snapshot] * 400}))
    page.evaluate(FILL_STORAGE)
    page.once("dialog", lambda d: d.accept())  # replace the saved answers: yes
    page.set_input_files("#kb-sa-import", str(fits))
    page.wait_for_selector("#kb-sa-message:has-text('storage for this website is full')", timeout=5000)
    assert stored(page) == before and checked(page) == answers
    assert page.input_value("#kb-plan-council-reporting-action") == "Keep me"
    assert page.locator("#kb-sa-not-saved").is_visible()


def test_prototype_named_keys_are_no_indicators(page, kb, browser, site_url: str, tmp_path: Path) -> None:
    # A key no indicator has (now or formerly) is dropped, and said; the rest is read.
    for key in ("constructor", "toString", "hasOwnProperty", "valueOf", "__proto__"):
        fresh = browser.new_context(base_url=site_url)
        tab = fresh.new_page()
        tab.goto(share_link({"v": 2, "a": {key: "y", "council-reporting": "n"}}))
        tab.wait_for_selector(f"#kb-sa-message:has-text('{key}')", timeout=5000)
        assert "dropped" in tab.inner_text("#kb-sa-message")
        assert checked(tab) == {"council-reporting": "absent"}
        assert key not in json.loads(stored(tab))["profiles"][0]["answers"]
        assert tab.evaluate("({}).polluted === undefined && typeof ({}).toString === 'function'")
        fresh.close()
    open_sa(page)
    plan = tmp_path / "plan.json"
    plan.write_text(
        '{"format": "ppc-kb-self-assessment", "version": 2, "answers": {},'
        ' "plan": {"__proto__": {"action": "polluted"}}}'
    )
    page.set_input_files("#kb-sa-import", str(plan))
    page.wait_for_selector("#kb-sa-message:has-text('__proto__')", timeout=5000)
    assert page.evaluate("({}).action === undefined")
    assert json.loads(stored(page))["profiles"][0]["plan"] == {}


@pytest.mark.parametrize("lang", ["", "nl/"])
def test_corrupt_saved_state_is_said_can_be_downloaded_and_started_afresh(page, kb, lang: str, tmp_path: Path) -> None:
    good = {"id": "good", "name": "Arena", "answers": {"council-reporting": "absent"}, "plan": {}, "snapshots": []}
    state = {
        "format": "ppc-kb-self-assessment",
        "version": 2,
        "current": "bad",
        "profiles": [
            {"id": "bad", "name": "Null answers", "answers": None, "plan": {}, "snapshots": []},
            good,
            {"id": "snap", "name": "Old", "answers": {}, "plan": {}, "snapshots": [{"date": "2024-01-01"}]},
        ],
    }
    raw = json.dumps(state)
    open_sa(page, lang)
    page.evaluate("([key, raw]) => localStorage.setItem(key, raw)", [STORE, raw])
    page.reload()
    page.wait_for_selector("#kb-sa form", timeout=5000)
    notice = page.locator("#kb-sa-unreadable")
    assert UNREADABLE[lang] in notice.inner_text()
    # The readable partnership is there; the unreadable ones are named; storage is untouched until a change.
    assert page.input_value("#kb-sa-name") == "Arena" and checked(page) == {"council-reporting": "absent"}
    assert page.locator("#kb-sa-partnership option").count() == 1
    assert "1" in notice.inner_text() and "3" in notice.inner_text()
    assert stored(page) == raw
    with page.expect_download() as download:
        page.click("#kb-sa-unreadable-download")
    path = tmp_path / "saved.json"
    download.value.save_as(path)
    assert path.read_text(encoding="utf-8") == raw
    page.once("dialog", lambda d: d.accept())
    page.click("#kb-sa-unreadable-afresh")
    assert page.locator("#kb-sa-unreadable").count() == 0
    assert page.locator("#kb-sa-message").inner_text() == (
        "Started afresh: nothing of the self-assessment is kept in this browser any more."
        if not lang
        else "U bent opnieuw begonnen: er staat niets meer van de Zelfscan in deze browser."
    )
    assert stored(page) is None and checked(page) == {}
    # State that is not JSON at all is said too, and the tool works.
    page.evaluate("key => localStorage.setItem(key, '{not json')", STORE)
    page.reload()
    page.wait_for_selector("#kb-sa-unreadable", timeout=5000)
    answer(page, {"council-reporting": "present"})
    assert json.loads(stored(page) or "{}")["profiles"][0]["answers"] == {"council-reporting": "present"}


def test_an_odd_saved_profile_id_is_compared_like_any_other(page, kb) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    profiles = [
        {"id": "plain", "name": "Arena", "answers": {}, "plan": {}, "snapshots": []},
        {"id": "x\"]'", "name": "Odd", "answers": {"council-reporting": "absent"}, "plan": {}, "snapshots": []},
    ]
    open_sa(page)
    page.evaluate(
        "([key, raw]) => localStorage.setItem(key, raw)",
        [STORE, json.dumps({"current": "plain", "profiles": profiles})],
    )
    page.reload()
    page.wait_for_selector("#kb-sa form")
    assert page.locator("#kb-sa-unreadable").count() == 0
    box = page.locator("#kb-sa-compare input[type=checkbox]").nth(1)
    box.uncheck()
    assert errors == []
    assert page.evaluate("document.activeElement.dataset.compare") == "x\"]'"
    assert page.locator("#kb-sa-compare figure").count() == 0
    page.select_option("#kb-sa-partnership", label="Odd")
    assert checked(page) == {"council-reporting": "absent"}


def test_the_markdown_export_of_a_shared_plan_is_inert(page, kb, tmp_path: Path) -> None:
    page.goto(
        share_link(
            {
                "v": 2,
                "n": "<img src=x onerror=alert('imp')>",
                "a": {"council-reporting": "n"},
                "p": {"council-reporting": ["<svg onload=alert(1)>\n# Owned\n[link](javascript:alert(2))", "*me*", ""]},
            }
        )
    )
    page.wait_for_selector("#kb-sa-message:has-text('from the link')")
    with page.expect_download() as download:
        page.click("#kb-sa-export-md")
    path = tmp_path / "plan.md"
    download.value.save_as(path)
    md = path.read_text(encoding="utf-8")
    assert "<img" not in md and "<svg" not in md and "\n# Owned" not in md
    assert not re.search(r"(?<!\\)\]\(", md)  # no link: every ] is escaped
    assert md.startswith("# Action plan: &lt;img src=x onerror=alert('imp')&gt;\n")
    assert "- Action: &lt;svg onload=alert(1)&gt; \\# Owned \\[link\\](javascript:alert(2))\n" in md
    assert "- Owner: \\*me\\*\n" in md
    assert "Report to an elected council" in md  # the lesson still listed, with its link


ELSEWHERE = {
    "": ("This page now shows what was saved in another tab", "Your last change was not saved: another tab"),
    "nl/": (
        "Deze pagina toont nu wat in een ander tabblad",
        "Uw laatste wijziging is niet bewaard. In een ander tabblad",
    ),
}


@pytest.mark.parametrize("lang", ["", "nl/"])
def test_two_tabs_never_overwrite_each_others_work(page, lang: str) -> None:
    """The red team's N1: a page read the store once and wrote it whole, so the other tab's work went."""
    other = page.context.new_page()
    open_sa(page, lang)
    open_sa(other, lang)
    answer(page, {"council-reporting": "absent"})
    # The other tab follows at once, and its next change is made to what this one saved.
    expect_text = ELSEWHERE[lang][0]
    other.wait_for_function(
        "text => (document.getElementById('kb-sa-message') || {}).textContent?.startsWith(text)", arg=expect_text
    )
    assert checked(other) == {"council-reporting": "absent"}
    answer(other, {"shared-goal": "partial"})
    assert json.loads(stored(page) or "{}")["profiles"][0]["answers"] == {
        "council-reporting": "absent",
        "shared-goal": "partial",
    }
    # Where the browser told this tab nothing (storage changed behind its back), its change is not
    # written over the other work: it says so and shows what is saved.
    saved = stored(page)
    changed = json.loads(saved or "{}")
    changed["profiles"][0]["answers"]["council-reporting"] = "present"
    behind = json.dumps(changed)
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [STORE, behind])
    page.click("#kb-shared-goal-absent")
    expect_text = ELSEWHERE[lang][1]
    page.wait_for_function(
        "text => (document.getElementById('kb-sa-message') || {}).textContent?.startsWith(text)", arg=expect_text
    )
    assert stored(page) == behind
    assert checked(page) == {"council-reporting": "present", "shared-goal": "partial"}
    assert page.locator("#kb-sa-not-saved").is_hidden()  # not a full storage: no export is offered
    other.close()
