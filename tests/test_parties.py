"""A partnership's parties in a real browser, both editions: three parties answer on devices of their
own (a browser context each) and send their answers as files and links; one page merges them, lists
where they differ first, takes a consensus with notes, and prints the agenda for the next meeting.
The comparison page shows your partnership's consensus as one more row, marked as yours, which can
be hidden. Nothing but the site's own files is ever requested (the `page` fixture refuses others)."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from test_self_assessment import STORE, checked, open_sa

pytestmark = [pytest.mark.browser]

IDS = [
    "right-partners",
    "signed-agreement",
    "regular-meetings",
    "mutual-confidence",
    "shared-goal",
    "open-information",
    "public-backing",
    "council-reporting",
]
# Three parties of one invented partnership, each Yes on every question but these.
PARTIES = {
    "municipality": ("Sandtown council", {"open-information": "absent"}),
    "police": ("Sandtown police", {"open-information": "partial", "council-reporting": "unknown"}),
    "organiser": (
        "Summer Sand festival",
        {"signed-agreement": "absent", "shared-goal": "partial", "open-information": "absent"},
    ),
}
# signed-agreement: Yes, Yes, No: two steps apart, and public above private (both rules, so first);
# shared-goal: Yes, Yes, Partly: public above private only. open-information (No, Partly, No: the
# sides overlap) and council-reporting (Don't know beside Yes) differ, but are not the agenda's.
AGENDA = ["signed-agreement", "shared-goal"]
OTHER = ["open-information", "council-reporting"]
AGREED = ["right-partners", "regular-meetings", "mutual-confidence", "public-backing"]


def party_answers(role: str) -> dict[str, str]:
    return {i: PARTIES[role][1].get(i, "present") for i in IDS}


def answer_as_party(browser, site_url: str, lang: str, role: str, tmp_path: Path) -> tuple[Path, str]:
    """One party on a device of its own: says which party it is, answers, saves its file and makes its link."""
    context = browser.new_context(accept_downloads=True, base_url=site_url)
    tab = context.new_page()
    open_sa(tab, lang)
    tab.click("#kb-sa-party-own-h")
    tab.fill("#kb-sa-party-name", PARTIES[role][0])
    tab.select_option("#kb-sa-party-role", role)
    for indicator, rating in party_answers(role).items():
        tab.check(f"#kb-{indicator}-{rating}")
    assert PARTIES[role][0] in tab.inner_text("#kb-sa-party-send")
    with tab.expect_download() as download:
        tab.click("#kb-sa-party-export")
    path = tmp_path / f"{role}.json"
    download.value.save_as(path)
    tab.click("#kb-sa-party-link")
    link = tab.get_attribute("#kb-sa-party-link-out", "href")
    context.close()
    assert json.loads(path.read_text())["party"] == {"name": PARTIES[role][0], "role": role}
    return path, link


def ids(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "els => els.map(e => e.dataset.indicator)")


@pytest.mark.parametrize("lang", ["", "nl/"])
def test_three_parties_files_and_links_merge_into_one_view_with_their_differences_first(
    page, browser, site_url: str, lang: str, tmp_path: Path
) -> None:
    sent = {role: answer_as_party(browser, site_url, lang, role, tmp_path) for role in PARTIES}
    open_sa(page, lang)
    # Two parties' files at once, the third party's link opened.
    page.set_input_files("#kb-sa-party-files", [str(sent["municipality"][0]), str(sent["police"][0])])
    page.wait_for_selector("#kb-sa-party-list li:nth-child(2)")
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(sent["organiser"][1])
    page.wait_for_selector("#kb-sa-party-list li:nth-child(3)")
    assert PARTIES["organiser"][0] in page.inner_text("#kb-sa-message")
    assert not [u for u in requests if "sa=" in u]  # the link's answers never reach a server
    assert page.eval_on_selector_all("#kb-sa-party-list li strong", "els => els.map(e => e.textContent)") == [
        name for name, _ in PARTIES.values()
    ]
    # The differences first: the agenda before the other differences, before the agreement, before the questions.
    assert ids(page, "#kb-sa-agenda-list > li") == AGENDA
    assert ids(page, "#kb-sa-party-other .kb-sa-merged") == OTHER
    assert ids(page, "#kb-sa-party-agreed .kb-sa-merged") == AGREED
    order = page.eval_on_selector_all(
        "#kb-sa-agenda, #kb-sa-party-other, #kb-sa-party-agreed, #kb-sa form", "els => els.map(e => e.id || 'form')"
    )
    assert order == ["kb-sa-agenda", "kb-sa-party-other", "kb-sa-party-agreed", "form"]
    first = page.locator("#kb-sa-agenda-list > li").first
    assert first.get_attribute("data-apart") == "true" and first.get_attribute("data-sectors") == "public_higher"
    assert first.locator(".kb-sa-party-answers li").evaluate_all("els => els.map(e => e.dataset.answer)") == [
        "present",
        "present",
        "absent",
    ]
    second = page.locator("#kb-sa-agenda-list > li").nth(1)
    assert second.get_attribute("data-apart") == "false" and second.get_attribute("data-sectors") == "public_higher"

    # A party that sends again (its link pasted) replaces its answers; it is not added twice.
    page.fill("#kb-sa-party-link-in", sent["police"][1])
    page.click("#kb-sa-party-link-add")
    page.wait_for_selector(f"#kb-sa-message:has-text('{PARTIES['police'][0]}')")
    assert page.locator("#kb-sa-party-list li").count() == 3

    # The consensus: what all agree on taken over, an agenda question decided with a note; the
    # questions, the gaps and a reload all follow it.
    assert checked(page) == {}
    page.click("#kb-sa-party-take")
    assert checked(page) == {i: "present" for i in AGREED}
    page.select_option("#kb-sa-consensus-signed-agreement", "partial")
    page.fill("#kb-sa-note-signed-agreement", "A covenant is drafted; the festival has not signed")
    assert page.is_checked("#kb-signed-agreement-partial")
    assert ids(page, ".kb-sa-gap") == ["signed-agreement"]
    page.reload()
    page.wait_for_selector("#kb-sa-party-list li:nth-child(3)")
    assert page.input_value("#kb-sa-note-signed-agreement") == "A covenant is drafted; the festival has not signed"
    assert checked(page)["signed-agreement"] == "partial"
    saved = json.loads(page.evaluate(f"localStorage.getItem('{STORE}')"))["profiles"][0]
    assert [p["role"] for p in saved["parties"]] == list(PARTIES) and saved["answers"]["signed-agreement"] == "partial"


def test_a_file_without_a_party_is_not_merged_and_a_party_can_be_removed(page, tmp_path: Path) -> None:
    plain = tmp_path / "plain.json"
    plain.write_text(
        json.dumps({"format": "ppc-kb-self-assessment", "version": 3, "answers": {"right-partners": "absent"}})
    )
    party = tmp_path / "party.json"
    party.write_text(
        json.dumps(
            {
                "format": "ppc-kb-self-assessment",
                "version": 3,
                "answers": {},
                "party": {"name": "Shops", "role": "businesses"},
            }
        )
    )
    open_sa(page)
    page.set_input_files("#kb-sa-party-files", [str(plain), str(party)])
    page.wait_for_selector("#kb-sa-party-list li")
    message = page.inner_text("#kb-sa-message")
    assert "plain.json: not merged" in message and "The answers of Shops are added" in message
    assert page.locator("#kb-sa-party-list li").count() == 1 and checked(page) == {}
    page.once("dialog", lambda d: d.accept())
    page.click("[data-party-remove]")
    page.wait_for_selector("#kb-sa-party-none", state="attached")  # in the merge block, folded once no party is left


@pytest.mark.parametrize("lang", ["", "nl/"])
def test_the_agenda_prints_with_each_partys_answer_and_its_origin(
    page, site_url: str, lang: str, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    state = {
        "format": "ppc-kb-self-assessment",
        "version": 3,
        "current": "p1",
        "profiles": [
            {
                "id": "p1",
                "name": "Sandtown Summer",
                "answers": {},
                "plan": {},
                "snapshots": [],
                "parties": [
                    {"id": role, "name": name, "role": role, "answers": party_answers(role)}
                    for role, (name, _) in PARTIES.items()
                ],
            }
        ],
    }
    page.goto(lang + "self-assessment/")
    page.evaluate(f"s => localStorage.setItem('{STORE}', s)", json.dumps(state))
    open_sa(page, lang)
    page.wait_for_selector("#kb-sa-agenda-list")
    page.evaluate("window.print = () => { window.printed = true; }")
    page.click("#kb-sa-agenda-print")
    assert page.evaluate("window.printed")
    page.emulate_media(media="print")
    assert page.locator("#kb-sa-print.kb-sa-agenda-print").is_visible() and page.locator("#kb-sa form").is_hidden()
    titles = page.eval_on_selector_all(
        "#kb-sa-print .kb-sa-agenda-items > li > strong", "els => els.map(e => e.textContent)"
    )
    pdf = tmp_path / "agenda.pdf"
    page.pdf(path=str(pdf), format="A4")  # fires afterprint: the plan is back in the print's place
    pages = PdfReader(str(pdf)).pages
    assert len(pages) <= 2
    text = unicodedata.normalize("NFKC", " ".join(" ".join((p.extract_text() or "").split()) for p in pages))
    heading = (
        "Agenda voor het volgende overleg: Sandtown Summer" if lang else "Agenda for the next meeting: Sandtown Summer"
    )
    assert heading in text
    assert len(titles) == len(AGENDA) and all(t in text for t in titles)
    assert all(name in text for name, _ in PARTIES.values())
    # The Dutch print writes the date out ("6 december 2026"); the English edition keeps ISO.
    today = page.evaluate(
        "nl => nl ? new Intl.DateTimeFormat('nl', {dateStyle: 'long'}).format(new Date()) "
        ": new Date().toISOString().slice(0, 10)",
        bool(lang),
    )
    assert today in text and f"{site_url}{lang}self-assessment/" in text.replace(" ", "")
    assert not lang or not re.search(r"\d{4}-\d{2}-\d{2}", text)
    assert "Action plan" not in text and "Actieplan" not in text


@pytest.mark.parametrize("lang", ["", "nl/"])
def test_the_comparison_shows_your_row_marked_as_yours_and_it_can_be_hidden(page, lang: str) -> None:
    page.goto(lang + "comparison/")
    page.wait_for_selector("#kb-sa-row:not([hidden])")
    assert page.locator(".kb-sa-your-row").count() == 0  # nothing saved: no row, a way to the self-assessment
    assert page.locator("#kb-sa-row a[href$='self-assessment/']").count() == 1
    open_sa(page, lang)
    page.fill("#kb-sa-name", "Sandtown Summer")
    for indicator in IDS:
        page.check(f"#kb-{indicator}-absent")
    page.check("#kb-right-partners-present")
    page.goto(lang + "comparison/")
    page.wait_for_selector(".kb-sa-your-row")
    rows = page.locator(".kb-sa-your-row")
    assert rows.count() == 2  # the criteria's matrix and the indicators'
    for n in range(2):
        row = rows.nth(n)
        head = row.locator("th").inner_text()
        assert "Sandtown Summer" in head
        assert ("geen deel van het onderzoek" if lang else "not part of the study") in head
        # As wide as the studied cases' rows above it, and the last one.
        width = row.evaluate("r => r.parentElement.rows[0].cells.length")
        assert row.evaluate("r => r.cells.length") == width
        assert row.evaluate("r => r === r.parentElement.lastElementChild")
    indicators = rows.nth(1).locator(".kb-rating").evaluate_all("els => els.map(e => e.className.split('--')[1])")
    assert indicators == ["present"] + ["absent"] * (len(IDS) - 1)
    assert rows.nth(0).locator(".kb-rating").evaluate_all("els => els.map(e => e.className.split('--')[1])") == [
        "partial",
        "absent",
        "absent",
    ]
    page.uncheck("#kb-sa-row-show")
    assert page.locator(".kb-sa-your-row").count() == 0
    page.reload()
    page.wait_for_selector("#kb-sa-row:not([hidden])")
    assert page.locator(".kb-sa-your-row").count() == 0 and not page.is_checked("#kb-sa-row-show")
    page.check("#kb-sa-row-show")
    assert page.locator(".kb-sa-your-row").count() == 2


def party_file(tmp_path: Path, role: str, answers: dict[str, str], **more) -> Path:
    path = tmp_path / f"{role}-party.json"
    body = {
        "format": "ppc-kb-self-assessment",
        "version": 3,
        "answers": answers,
        "party": {"name": PARTIES[role][0], "role": role},
    }
    path.write_text(json.dumps({**body, **more}))
    return path


def seeded(page, lang: str, profile: dict) -> None:
    """The self-assessment opened with one partnership saved in this browser."""
    state = {"format": "ppc-kb-self-assessment", "version": 3, "current": "p1", "profiles": [{"id": "p1", **profile}]}
    page.goto(lang + "self-assessment/")
    page.evaluate(f"s => localStorage.setItem('{STORE}', s)", json.dumps(state))
    open_sa(page, lang)


def test_parties_added_from_several_files_at_once_each_have_their_own_id_and_remove_removes_one(
    page, tmp_path: Path
) -> None:
    files = [str(party_file(tmp_path, role, party_answers(role))) for role in PARTIES]
    open_sa(page)
    page.set_input_files("#kb-sa-party-files", files)
    page.wait_for_selector("#kb-sa-party-list li:nth-child(3)")
    ids_ = page.eval_on_selector_all("#kb-sa-party-list li", "els => els.map(e => e.dataset.party)")
    assert len(set(ids_)) == 3
    asked: list[str] = []
    page.once("dialog", lambda d: (asked.append(d.message), d.accept()))
    page.locator("#kb-sa-party-list li").nth(1).locator("[data-party-remove]").click()
    page.wait_for_selector("#kb-sa-party-list li:nth-child(2)")
    assert PARTIES["police"][0] in asked[0]
    names = page.eval_on_selector_all("#kb-sa-party-list li strong", "els => els.map(e => e.textContent)")
    assert names == [PARTIES["municipality"][0], PARTIES["organiser"][0]]
    assert PARTIES["police"][0] in page.inner_text("#kb-sa-message")


def test_a_partys_reason_and_target_show_in_the_merged_view(page, tmp_path: Path) -> None:
    answers = {**party_answers("police"), "council-reporting": "not_applicable", "shared-goal": "partial"}
    sent = party_file(
        tmp_path,
        "police",
        answers,
        reasons={"council-reporting": "No council event"},
        targets={"shared-goal": "partial"},
    )
    open_sa(page)
    page.set_input_files(
        "#kb-sa-party-files", [str(party_file(tmp_path, "organiser", party_answers("organiser"))), str(sent)]
    )
    page.wait_for_selector("#kb-sa-party-list li:nth-child(2)")
    assert "No council event" in page.inner_text("[data-indicator='council-reporting'] .kb-sa-party-answers")
    assert page.locator("[data-indicator='shared-goal'] .kb-sa-party-target").count() == 1


@pytest.mark.parametrize("lang", ["", "nl/"])
def test_a_coordinators_own_answers_are_not_taken_for_the_agreed_ones(page, lang: str) -> None:
    own = party_answers("municipality")
    seeded(
        page,
        lang,
        {
            "name": "Sandtown",
            "answers": own,
            "plan": {},
            "snapshots": [],
            "party": {"name": PARTIES["municipality"][0], "role": "municipality"},
            "parties": [
                {"id": r, "name": PARTIES[r][0], "role": r, "answers": party_answers(r)}
                for r in ("police", "organiser")
            ],
        },
    )
    page.wait_for_selector("#kb-sa-party-own-answers")
    assert page.locator("#kb-sa-party-take").count() == 0  # never "take over the 0 answers"
    assert " 0 " not in page.inner_text("#kb-sa-parties")
    page.click("#kb-sa-party-shared")
    page.wait_for_selector("#kb-sa-party-list li:nth-child(3)")
    assert checked(page) == {}  # the shared partnership has no agreed answers yet
    names = page.eval_on_selector_all("#kb-sa-party-list li strong", "els => els.map(e => e.textContent)")
    assert names == [PARTIES["police"][0], PARTIES["organiser"][0], PARTIES["municipality"][0]]
    assert page.locator("#kb-sa-party-take").count() == 1
    saved = json.loads(page.evaluate(f"localStorage.getItem('{STORE}')"))
    assert [len(p["answers"]) for p in saved["profiles"]] == [len(IDS), 0]


@pytest.mark.parametrize("lang", ["", "nl/"])
def test_the_printed_agenda_numbers_its_items_and_prints_what_is_agreed_then_ctrl_p_prints_the_plan(
    page, lang: str, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    seeded(
        page,
        lang,
        {
            "name": "Sandtown Summer",
            "answers": {"signed-agreement": "partial", "open-information": "unknown"},
            "notes": {"signed-agreement": "Covenant drafted"},
            "plan": {},
            "snapshots": [],
            "parties": [{"id": r, "name": n, "role": r, "answers": party_answers(r)} for r, (n, _) in PARTIES.items()],
        },
    )
    page.wait_for_selector("#kb-sa-agenda-list")
    page.evaluate("window.print = () => { window.printed = true; }")
    page.click("#kb-sa-agenda-print")
    first, second = page.locator("#kb-sa-print .kb-sa-agenda-items > li").all()[:2]
    assert first.locator(".kb-sa-agenda-agreed").count() == 1 and first.locator(".kb-sa-agenda-write").count() == 0
    assert second.locator(".kb-sa-agenda-write").count() == 1
    titles = page.eval_on_selector_all(
        "#kb-sa-print .kb-sa-agenda-items > li > strong", "els => els.map(e => e.textContent)"
    )
    # What is agreed: the answer quoted, its note in brackets (not "Partly: Covenant drafted" after a colon).
    assert ("‘Gedeeltelijk’ (Covenant drafted)" if lang else "“Partly” (Covenant drafted)") in page.inner_text(
        "#kb-sa-print"
    )
    page.emulate_media(media="print")
    pdf = tmp_path / "agenda.pdf"
    page.pdf(path=str(pdf), format="A4")  # fires afterprint, as a real print does
    text = unicodedata.normalize(
        "NFKC", " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(str(pdf)).pages)
    )
    for n, title in enumerate(titles, 1):
        assert f"{n}. {title}" in text, text
    assert "Covenant drafted" in text
    # Printed: the plan is back in the print's place, so the browser's own print prints the plan.
    assert page.locator("#kb-sa-print.kb-sa-agenda-print").count() == 0
    assert all(name in page.inner_text("#kb-sa-print-parties") for name, _ in PARTIES.values())
    owner = page.locator("#kb-sa-print-find-out th").all_inner_texts()
    assert len(owner) == 3 and page.locator("#kb-sa-print-find-out td.kb-sa-find-out-owner").count() == 1


@pytest.mark.parametrize("lang", ["", "nl/"])
def test_a_party_on_a_phone_fits_the_screen_copies_its_link_and_sends_from_after_the_questions(
    browser, site_url: str, lang: str
) -> None:
    context = browser.new_context(accept_downloads=True, base_url=site_url, viewport={"width": 390, "height": 844})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    open_sa(tab, lang)
    # The party's own box comes before the coordinator's merge block, which is folded.
    order = tab.eval_on_selector_all("#kb-sa-party-own, #kb-sa-party-merge", "els => els.map(e => e.id)")
    assert order == ["kb-sa-party-own", "kb-sa-party-merge"] and not tab.locator("#kb-sa-party-merge").get_attribute(
        "open"
    )
    tab.click("#kb-sa-party-own-h")
    tab.fill("#kb-sa-party-name", "Politie Zuid")
    tab.click("#kb-sa-party-role")
    tab.select_option("#kb-sa-party-role", "police")
    tab.wait_for_selector("#kb-sa-party-end")
    assert not errors, errors
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    role = tab.locator("#kb-sa-party-role").bounding_box()
    label = tab.locator("label[for=kb-sa-party-role]").bounding_box()
    assert (
        role["x"] + role["width"] <= 390
        and abs(label["y"] + label["height"] / 2 - (role["y"] + role["height"] / 2)) < 12
    )
    # Tap targets at least 24 px; no target for a question that does not apply.
    for selector in ("#kb-target-right-partners", "label[for=kb-right-partners-present]"):
        assert tab.locator(selector).bounding_box()["height"] >= 24, selector
    # 16 px text in fields: smaller makes iOS zoom the page in on each tap.
    sizes = tab.locator("#kb-sa select, #kb-sa input[type=text]").evaluate_all(
        "els => els.filter(e => e.offsetParent).map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert sizes and min(sizes) >= 16, sizes
    tab.check("#kb-right-partners-not_applicable")
    assert tab.locator("#kb-target-right-partners").is_hidden()
    assert tab.locator("#kb-reason-right-partners").evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"
    # Sent from after the questions: the file bears the party's name; the link in a field, with a copy button.
    with tab.expect_download() as download:
        tab.click("#kb-sa-party-export-end")
    stem = "zelfscan" if lang else "self-assessment"
    assert download.value.suggested_filename.startswith(f"{stem}-politie-zuid-")
    assert tab.inner_text("#kb-sa-message")
    tab.click("#kb-sa-party-link-end")
    field = tab.locator("#kb-sa-party-link-field-end")
    assert "#sa=" in field.input_value() and field.bounding_box()["width"] <= 390
    tab.evaluate("() => { Object.defineProperty(navigator, 'clipboard', { value: undefined }); }")
    tab.click("#kb-sa-party-copy-end")
    assert tab.evaluate("document.activeElement.id") == "kb-sa-party-link-field-end"
    assert tab.evaluate("document.activeElement.selectionEnd") == len(field.input_value())
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    # A gap with its plan filled in: the plan's fields stack, none runs past the screen's edge.
    tab.check("#kb-signed-agreement-absent")
    tab.fill("#kb-plan-signed-agreement-action", "Het convenant laten tekenen door alle partijen")
    tab.fill("#kb-plan-signed-agreement-owner", "Gemeente")
    tab.fill("#kb-plan-signed-agreement-due", "2027-03-15")
    tab.select_option("#kb-plan-signed-agreement-phase", index=1)
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    for part in ("action", "owner", "due", "phase"):
        box = tab.locator(f"#kb-plan-signed-agreement-{part}").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (part, box)
    assert not errors, errors
    context.close()


def test_the_dutch_edition_renders_the_studys_words_in_dutch_with_the_english_one_tap_away(page) -> None:
    open_sa(page, "nl/")
    sectors = page.locator("#kb-sa-party-sectors")
    assert (
        "publieke (overheids-) en private" in sectors.inner_text()
        and "public (governmental)" not in sectors.inner_text()
    )
    sectors.locator("details.kb-original summary").click()
    assert "public (governmental)" in sectors.inner_text()
    page.goto("nl/comparison/")
    page.wait_for_selector("#kb-sa-row:not([hidden])")
    assert "zelfevaluatie" not in page.inner_text("#kb-sa-row").lower()
