"""The self-assessment's answers beyond Yes, Partly, No and Don't know, in a real browser, both
editions: "not applicable" with a reason (left out of the score, shown in every export and the
print), a target per question (the gaps measured against it), the start order and the "To find
out" list, the printed plan's lessons and origin, saved work from an older model read under the
current one, and "export all" (issue 34)."""

from __future__ import annotations

import base64
import csv
import io
import json
import unicodedata
from pathlib import Path

import pytest
from test_self_assessment import STORE, answer, checked, every, indicator_ids, open_sa, stored

from generator.words import table

pytestmark = [pytest.mark.browser]

WORDS = {
    "": {"na": "Not applicable", "find_out": "To find out", "renamed": "renamed", "yes": "Yes", "partly": "Partly"},
    "nl/": {
        "na": "Niet van toepassing",
        "find_out": "Uitzoeken",
        "renamed": "hernoemd",
        "yes": "Ja",
        "partly": "Gedeeltelijk",
    },
}
LANGS = ["", "nl/"]


def path_order(kb, gaps: list[str]) -> tuple[list[str], dict]:
    """The gaps in the path's order (a step's indicators in the order it lists them; gaps no step
    names after, in checklist order) and the step that first names each."""
    named: dict = {}
    rank: dict[str, tuple[int, int]] = {}
    for s, step in enumerate(kb.steps):
        for n, iid in enumerate(step.indicators):
            if iid not in rank:
                rank[iid], named[iid] = (s, n), step
    checklist = indicator_ids(kb)
    ordered = sorted(gaps, key=lambda i: (*rank.get(i, (len(kb.steps), 0)), checklist.index(i)))
    return ordered, named


def save(page, tmp_path: Path, button: str, name: str) -> Path:
    with page.expect_download() as download:
        page.click(button)
    path = tmp_path / name
    download.value.save_as(path)
    return path


def ratings(page) -> dict[str, str]:
    return page.locator(".kb-sa-results tr[data-criterion]").evaluate_all(
        "rows => Object.fromEntries(rows.map(r => [r.dataset.criterion, r.querySelector('.kb-rating').className]))"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_not_applicable_leaves_the_score_unchanged_and_shows_in_every_export(page, kb, lang: str, tmp_path) -> None:
    words = WORDS[lang]
    open_sa(page, lang)
    # Council reporting unanswered: the government link is rated from its other indicator alone.
    answer(page, {iid: r for iid, r in every(kb, "present").items() if iid != "council-reporting"})
    before, nearest = ratings(page), page.inner_text("#kb-sa-nearest-percent")
    assert page.locator("#kb-council-reporting-not_applicable + *").count() == 0  # the label holds the input
    assert page.locator(".kb-sa-question[data-indicator='council-reporting'] .kb-sa-reason").is_hidden()
    page.check("#kb-council-reporting-not_applicable")
    assert page.locator("#kb-reason-council-reporting").is_visible()
    page.fill("#kb-reason-council-reporting", "Geen gemeenteraad: a private site")
    assert ratings(page) == before and page.inner_text("#kb-sa-nearest-percent") == nearest
    assert page.locator(".kb-sa-gap").count() == 0
    # The page says it is left out, in the legend and beside the similarity.
    assert words["na"] in page.locator(".admonition.info").first.inner_text()
    assert "council" in page.inner_text("#kb-sa-left-out").lower() or "raad" in page.inner_text("#kb-sa-left-out")
    # In the exports: Markdown, CSV and JSON; and the print.
    md = save(page, tmp_path, "#kb-sa-export-md", "plan.md").read_text(encoding="utf-8")
    assert f"## {words['na']}" in md and "Geen gemeenteraad: a private site" in md
    csv_text = save(page, tmp_path, "#kb-sa-export-csv", "plan.csv").read_text("utf-8-sig")
    rows = list(csv.reader(io.StringIO(csv_text), delimiter=";" if lang else ","))  # a Dutch spreadsheet's columns
    assert [r[-1] for r in rows if words["na"] in r] == ["Geen gemeenteraad: a private site"]
    data = json.loads(save(page, tmp_path, "#kb-sa-export-json", "plan.json").read_text(encoding="utf-8"))
    assert data["answers"]["council-reporting"] == "not_applicable"
    assert data["reasons"] == {"council-reporting": "Geen gemeenteraad: a private site"}
    assert "Geen gemeenteraad" in page.locator("#kb-sa-print-na").text_content()
    page.reload()
    page.wait_for_selector("#kb-sa form")
    assert checked(page)["council-reporting"] == "not_applicable"
    assert page.input_value("#kb-reason-council-reporting") == "Geen gemeenteraad: a private site"


@pytest.mark.parametrize("lang", LANGS)
def test_targets_change_the_gaps_and_snapshots_show_progress_against_them(page, kb, lang: str) -> None:
    open_sa(page, lang)
    answer(page, every(kb, "present", shared_goal="partial", signed_agreement="absent"))
    assert page.locator(".kb-sa-gap").count() == 2
    page.select_option("#kb-target-shared-goal", "partial")
    page.wait_for_function("document.querySelectorAll('.kb-sa-gap').length === 1")
    gap = page.locator(".kb-sa-gap").first
    assert gap.get_attribute("data-indicator") == "signed-agreement"
    page.select_option("#kb-target-signed-agreement", "partial")
    assert page.locator(".kb-sa-gap").first.get_attribute("data-target") == "partial"
    page.click("#kb-sa-snapshot")
    page.wait_for_selector("#kb-sa-to-target")
    total = len(indicator_ids(kb))
    assert f"{total - 1} " in page.inner_text("#kb-sa-to-target")  # all but the one gap are at target
    page.check("#kb-signed-agreement-partial")
    page.wait_for_function(f"document.querySelector('#kb-sa-to-target').textContent.includes('{total} ')")
    page.reload()
    page.wait_for_selector("#kb-sa form")
    assert page.input_value("#kb-target-shared-goal") == "partial"


@pytest.mark.parametrize("lang", LANGS)
def test_mostly_no_starts_in_order_and_dont_know_is_to_find_out_in_plan_and_print(page, kb, lang: str) -> None:
    words = WORDS[lang]
    open_sa(page, lang)
    answer(page, every(kb, "absent", public_backing="unknown", shared_goal="present"))
    start = page.locator("#kb-sa-start")
    # The fixture has a step-by-step path: the gaps in its order, each with its step named (without a
    # path, the checklist's order: tests/js/core.test.mjs).
    assert kb.steps
    assert start.get_attribute("data-mode") == "path"
    gaps = [i for i in indicator_ids(kb) if i not in ("public-backing", "shared-goal")]
    expected, named = path_order(kb, gaps)
    assert start.locator("li").evaluate_all("els => els.map(e => e.dataset.indicator)") == expected
    language = "nl" if lang else "en"
    catalog = table(language)
    why = " ".join(catalog["sa_start_path"].replace("{share}", "50").split())
    assert " ".join(start.locator("#kb-sa-start-why").inner_text().split()) == why
    for iid in expected:
        item = " ".join(start.locator(f"li[data-indicator='{iid}']").inner_text().split())
        step = named.get(iid)
        if step is None:
            assert catalog["sa_step"].split(":")[0] not in item
        else:
            assert catalog["sa_step"].replace("{title}", step.title[language]) in item
    assert page.locator("#kb-sa-find-out li").evaluate_all("els => els.map(e => e.dataset.indicator)") == [
        "public-backing"
    ]
    # Fewer No answers: worst first by the distance to the target.
    answer(page, every(kb, "present", council_reporting="absent", right_partners="partial"))
    assert start.get_attribute("data-mode") == "worst"
    assert start.locator("li").evaluate_all("els => els.map(e => e.dataset.indicator)") == [
        "council-reporting",
        "right-partners",
    ]
    answer(page, {"public-backing": "unknown"})
    page.emulate_media(media="print")
    block = page.locator("#kb-sa-print-find-out")
    assert (
        block.is_visible()
        and words["find_out"] in block.text_content()
        and block.locator("tr[data-indicator]").count() == 1
    )


@pytest.mark.parametrize("lang", LANGS)
def test_the_printed_plan_keeps_lessons_what_to_find_out_and_its_origin(page, kb, lang: str, tmp_path) -> None:
    from pypdf import PdfReader

    open_sa(page, lang)
    answer(page, every(kb, "absent", shared_goal="unknown"))
    owner = "Coördinator openbare orde en veiligheid"
    for iid in indicator_ids(kb):
        if iid != "shared-goal":
            page.fill(f"#kb-plan-{iid}-owner", owner)
    page.select_option("#kb-plan-right-partners-phase", "now")
    page.fill("#kb-plan-right-partners-due", "2027-09-30")  # the longest Dutch month
    page.set_viewport_size({"width": 680, "height": 1000})  # A4 within its 15 mm margins: cells as printed
    page.emulate_media(media="print")
    pdf = tmp_path / "plan.pdf"
    page.pdf(path=str(pdf), format="A4")
    pages = PdfReader(str(pdf)).pages
    assert len(pages) <= 2
    text = unicodedata.normalize("NFC", " ".join(p.extract_text() or "" for p in pages))
    flat = " ".join(text.split())
    lesson = next(x for x in kb.lessons if x.id == "put-agreements-on-paper")
    assert lesson.title["nl" if lang else "en"] in flat  # a gap's lesson
    assert WORDS[lang]["find_out"].upper() in flat.upper()
    assert "/self-assessment/" in flat.replace(" ", "")  # where it was printed from
    assert " ".join(table("nl" if lang else "en")["site_name"].split()) in flat and "undefined" not in flat
    # The owner column breaks the job title between words, never inside one.
    cells = page.locator(".kb-sa-print-owner").evaluate_all(
        """cells => cells.map(c => {
            const range = document.createRange(), tops = new Set();
            const node = c.firstChild; let breaksInWord = false, prevTop = null;
            for (let k = 0; k < node.length; k++) {
              range.setStart(node, k); range.setEnd(node, k + 1);
              const top = Math.round(range.getBoundingClientRect().top);
              if (prevTop !== null && top > prevTop && node.data[k - 1] !== " " && node.data[k] !== " ") breaksInWord = true;
              prevTop = top;
            }
            return breaksInWord;
        })"""
    )
    assert cells and not any(cells)
    # The phase column keeps an ISO date on one line ("2027-\n03-01" in English, read 8), and a
    # written-out one on the sheet ("30 september" without its year, read 10).
    when = page.locator("tr[data-indicator='right-partners'] .kb-sa-print-when")
    assert when.evaluate(INSIDE_ITS_BORDER), when.inner_text()
    gap = page.locator("tr[data-indicator='right-partners'] td").first.text_content() or ""
    assert "\u00a0→\u00a0" in gap, gap  # "Nee → Ja" on one line (read 12)
    assert "2027" in flat
    if not lang:
        assert when.locator(".kb-sa-date").evaluate("d => d.getClientRects().length") == 1, when.inner_text()


# Whether a cell's text ends inside its padding: a word wider than a fixed-layout column runs under
# its border without the cell scrolling.
INSIDE_ITS_BORDER = """td => {
  const range = document.createRange();
  range.selectNodeContents(td);
  const right = Math.max(...[...range.getClientRects()].map(r => r.right));
  return right <= td.getBoundingClientRect().right - parseFloat(getComputedStyle(td).paddingRight) + 0.5;
}"""


def share_link(compact: dict) -> str:
    payload = base64.urlsafe_b64encode(json.dumps(compact).encode()).decode().rstrip("=")
    return "self-assessment/#sa=" + payload


@pytest.mark.parametrize("lang", LANGS)
def test_work_saved_under_a_former_id_loads_under_its_new_id_with_a_line_saying_so(
    page, kb, browser, site_url: str, lang: str, tmp_path
) -> None:
    former = next(i for _, i in kb.indicators if i.former_ids)
    old, new = former.former_ids[0], former.id
    saved = {
        "format": "ppc-kb-self-assessment",
        "version": 2,
        "current": "a",
        "profiles": [
            {
                "id": "a",
                "name": "Old",
                "answers": {old: "absent", "gone-question": "present", "shared-goal": "partial"},
                "plan": {old: {"action": "Invite the venue", "owner": "", "due": ""}},
                "snapshots": [{"date": "2024-01-01", "answers": {old: "absent"}}],
            }
        ],
    }
    page.goto(lang + "self-assessment/")
    page.evaluate(f"localStorage.setItem('{STORE}', {json.dumps(json.dumps(saved))})")
    open_sa(page, lang)
    page.reload()
    page.wait_for_selector("#kb-sa form")
    message = page.inner_text("#kb-sa-message")
    assert f"{old} → {new}" in message and "gone-question" in message and WORDS[lang]["renamed"] in message
    assert checked(page) == {new: "absent", "shared-goal": "partial"}
    assert page.input_value(f"#kb-plan-{new}-action") == "Invite the venue"
    # The same from a file and a share link.
    file = tmp_path / "old.json"
    file.write_text(json.dumps({**saved["profiles"][0], "format": "ppc-kb-self-assessment", "version": 2}))
    fresh = browser.new_context(base_url=site_url)
    tab = fresh.new_page()
    open_sa(tab, lang)
    tab.set_input_files("#kb-sa-import", str(file))
    tab.wait_for_selector(f"#kb-sa-message:has-text('{old} → {new}')")
    assert checked(tab)[new] == "absent"
    tab.once("dialog", lambda dialog: dialog.accept())  # kept as a partnership beside the imported one
    # A query of its own, so the link is a new page load, not a jump within the page.
    tab.goto(
        share_link({"v": 2, "n": "Linked", "a": {old: "p"}}).replace(
            "self-assessment/#", lang + "self-assessment/?old#"
        )
    )
    tab.wait_for_selector(f"#kb-sa-message:has-text('{old} → {new}')")
    fresh.close()


@pytest.mark.parametrize("lang", LANGS)
def test_export_all_writes_every_partnership_and_restores_them(
    page, kb, browser, site_url: str, lang: str, tmp_path
) -> None:
    open_sa(page, lang)
    answer(page, every(kb, "absent"))
    page.fill("#kb-sa-name", "Festival")
    page.click("#kb-sa-snapshot")
    page.click("#kb-sa-new")
    page.fill("#kb-sa-name", "Stadium")
    answer(page, every(kb, "present", shared_goal="not_applicable"))
    page.fill("#kb-reason-shared-goal", "One venue")
    path = save(page, tmp_path, "#kb-sa-export-everything", "all.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [p["name"] for p in data["profiles"]] == ["Festival", "Stadium"]
    assert len(data["profiles"][0]["snapshots"]) == 1
    fresh = browser.new_context(base_url=site_url)
    tab = fresh.new_page()
    open_sa(tab, lang)
    tab.set_input_files("#kb-sa-import", str(path))
    tab.wait_for_selector("#kb-sa-message:has-text('2')")
    names = tab.locator("#kb-sa-partnership option").all_inner_texts()
    assert names == ["Festival", "Stadium"]
    assert tab.input_value("#kb-sa-name") == "Stadium"  # the one open when exported
    assert tab.input_value("#kb-reason-shared-goal") == "One venue"
    restored = json.loads(stored(tab))
    assert [len(p["snapshots"]) for p in restored["profiles"]] == [1, 0]
    assert [p["answers"] for p in restored["profiles"]] == [p["answers"] for p in data["profiles"]]
    fresh.close()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", [390, 1280])
def test_the_summary_stays_in_view_and_the_generated_sections_are_in_the_contents(
    page, kb, lang: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    open_sa(page, lang)
    assert page.locator("#kb-sa-summary").is_hidden()  # nothing to sum up yet
    answer(page, every(kb, "present", shared_goal="absent"))
    summary = page.locator("#kb-sa-summary")
    for question in ("right-partners", "council-reporting"):  # near the top of the questions, then further down
        page.locator(f".kb-sa-question[data-indicator='{question}']").scroll_into_view_if_needed()
        box = summary.bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= 800, box
    assert "1 " in summary.inner_text()
    # The contents list names the sections the script draws (on a phone, in the drawer's copy).
    hrefs = page.locator("nav.md-nav--secondary [data-kb-sa-toc] a").evaluate_all(
        "els => [...new Set(els.map(e => e.getAttribute('href')))]"
    )
    assert hrefs == ["#kb-sa-results-h", "#kb-sa-gaps-h", "#kb-sa-tools-h", "#kb-sa-compare-h", "#kb-sa-time-h"]
    summary.locator("a[href='#kb-sa-gaps-h']").click()
    # The script redraws its sections as answers settle: the heading may be replaced meanwhile.
    page.wait_for_function(
        "(h => h !== null && h.getBoundingClientRect().top < 400)(document.querySelector('#kb-sa-gaps-h'))"
    )
