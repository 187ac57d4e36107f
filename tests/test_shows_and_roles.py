"""Case pages that say what they show, and a card per role (issue 32), on the fixture corpus:
expectations come from its records, never from today's cases or roles."""

from __future__ import annotations

import re
from html import unescape

import pytest

from generator.pages import paths
from generator.pages.case_page import rule_here
from generator.pages.render import render_site
from generator.pages.text import pick
from generator.records.knowledge_base import KnowledgeBase, build
from generator.records.ratings import Rating
from generator.words import edition, table
from helpers import copy_repo, page_markdown

LANGS = ("en", "nl")


@pytest.fixture(scope="module")
def sites(kb: KnowledgeBase) -> dict[str, object]:
    return {lang: render_site(kb, lang=lang) for lang in LANGS}


def _text(value: object, lang: str) -> str:
    with edition(lang):
        return unescape(str(pick(value)))


@pytest.mark.parametrize("lang", LANGS)
def test_a_case_says_what_it_shows_under_its_verdict_each_point_linked_and_cited(sites, kb, lang) -> None:
    w = table(lang)
    cases = [c for c in kb.cases if c.shows]
    assert cases, "the fixture corpus gives a case `shows`"
    for case in cases:
        md = page_markdown(sites[lang], paths.case(case.id))
        shows = md[md.index('<section class="kb-shows"') :]
        shows = shows[: shows.index("</section>")]
        assert md.index('class="kb-verdict"') < md.index('class="kb-shows"') < md.index('class="kb-answer__body"')
        assert f">{w['shows_title']}</h2>" in shows
        items = re.findall(r"<li>(.*?)</li>", shows, re.S)
        assert len(items) == len(case.shows)
        for point, item in zip(case.shows, items, strict=True):
            assert _text(point.text, lang) in unescape(item)
            assert 'class="kb-mark"' in item  # cited: a numbered mark to the page's sources
            assert f'href="../../lessons/{point.lesson}/"' in item
        assert f'href="../../self-assessment/?compare={case.id}"' in shows
        assert w["shows_compare"] in unescape(shows)


@pytest.mark.parametrize("lang", LANGS)
def test_the_lessons_come_right_after_the_ratings_before_parties_and_facts(sites, kb, lang) -> None:
    w = table(lang)
    for case in kb.assessed_cases:
        if not kb.lessons_for_case(case):
            continue
        md = page_markdown(sites[lang], paths.case(case.id))
        heads = re.findall(r"^## (.+?)(?: \{#.*\})?$", md, re.M)
        at = heads.index(w["lessons_shown"])
        assert heads[at - 1] == w["assessment"], heads
        if case.parties:
            assert heads.index(w["parties"]) > at


def test_the_rule_is_explained_where_a_criterion_is_absent_with_an_indicator_partly_present(sites, kb) -> None:
    seen = 0
    for case in kb.assessed_cases:
        md = page_markdown(sites["en"], paths.case(case.id))
        for criterion in kb.criteria:
            ratings = [kb.rating(case, criterion, i) for i in criterion.indicators]
            part = md[md.index(f"{{#{criterion.id}}}") :].split("\n### ")[0]
            surprise = kb.criterion_rating(case, criterion) is Rating.ABSENT and any(
                r in (Rating.PARTIAL, Rating.PRESENT) for r in ratings
            )
            assert ('class="kb-rule-here"' in part) == surprise, (case.id, criterion.id)
            seen += surprise
    assert seen, "the fixture corpus has a criterion rated absent with a partly present indicator"


def test_the_rule_line_gives_the_average_and_the_threshold_in_the_editions_numbers() -> None:
    with edition("nl"):
        line = rule_here(Rating.ABSENT, [Rating.PARTIAL, Rating.ABSENT, Rating.ABSENT])
    assert "0,33" in line and "0,5" in line
    assert rule_here(Rating.ABSENT, [Rating.ABSENT, Rating.UNKNOWN]) == ""
    assert rule_here(Rating.PARTIAL, [Rating.PARTIAL, Rating.ABSENT]) == ""


@pytest.mark.parametrize("lang", LANGS)
def test_a_case_the_study_set_aside_says_so_in_one_line_under_its_title(sites, kb, lang) -> None:
    w = table(lang)
    for case in (c for c in kb.cases if c.status in ("screened-out", "left-out")):
        md = page_markdown(sites[lang], paths.case(case.id))
        first = md.split("\n\n")[1]
        assert first.startswith(f"<p><strong>{w['status_' + case.status]}.</strong>"), first
        assert _text(case.status_reason.text, lang) in unescape(first)
        assert f"## {w['why']}" not in md


@pytest.mark.parametrize("lang", LANGS)
def test_the_home_card_counts_the_cases_as_the_studys_funnel(sites, kb, lang) -> None:
    from generator.pages import local

    f = kb.study.funnel
    with edition(lang):
        numbers = {
            "studied": local.number(f.studied),
            "promising": local.number(f.promising),
            "examples": local.number(f.examples),
        }
    expected = table(lang)["shows_funnel_count"].format(**numbers)
    assert expected in unescape(page_markdown(sites[lang], "index.md"))


@pytest.mark.parametrize("lang", LANGS)
def test_a_card_per_role_says_what_the_study_says_cited_or_that_it_is_silent(sites, kb, lang) -> None:
    w = table(lang)
    assert kb.roles and any(r.silent for r in kb.roles) and any(not r.statements for r in kb.roles)
    for role in kb.roles:
        md = unescape(page_markdown(sites[lang], paths.role(role.id)))
        assert md.startswith(f"# {_text(role.name, lang)}\n")
        for fact in role.statements:
            line = next(x for x in md.splitlines() if _text(fact.text, lang) in x)
            assert 'class="kb-mark"' in line
        if role.silent:
            assert f"**{w['role_silent']}:** {_text(role.silent, lang)}" in md
        for case, party in kb.parties_of(role):
            assert f"../../cases/{case.id}/" in md and _text(party.name, lang) in md
        if not kb.parties_of(role):
            assert w["role_no_parties"] in md
        for criterion, indicator in kb.role_indicators(role):
            assert _text(indicator.question, lang) in md
            assert f"../../criteria/{criterion.id}/#{indicator.id}" in md
        for lesson in kb.role_lessons(role):
            assert f"../../lessons/{lesson.id}/" in md
        # Printed, the card ends with where it came from, once, as every record page does (below it
        # only the suggested citation and the glossary's terms, which print hides; the browser test
        # below checks it is the last thing on paper).
        assert md.count('class="kb-print-meta"') == 1
        after = md.split('class="kb-print-meta"', 1)[1].split('<hr class="kb-terms"')[0]
        assert [h for h in re.findall(r"(?m)^## .*", after) if w["cite_this_page"] not in h] == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_party_named_as_its_partnership_is_named_once_on_its_role_card(kb, tmp_path, lang) -> None:
    """ "de Johan Cruijff ArenA (Johan Cruijff ArenA)" read twice (Dutch read 3, N14): the name is the link."""
    repo = copy_repo(tmp_path / "kb")
    record = repo / "content" / "cases" / "riverside-stadium.yaml"
    text = record.read_text(encoding="utf-8")
    named = "{en: Riverside Stadium Safety Network, nl: het Veiligheidsnetwerk Riverside Stadium}"
    record.write_text(
        text.replace("{en: Riverside Stadium Company, nl: Riverside Stadium Company}", named), encoding="utf-8"
    )
    md = unescape(page_markdown(render_site(build(repo / "content"), lang=lang), paths.role("venue")))
    case = {"en": "Riverside Stadium Safety Network", "nl": "Veiligheidsnetwerk Riverside Stadium"}[lang]
    line = next(x for x in md.splitlines() if case in x)
    assert line.count(case) == 1 and "../../cases/riverside-stadium/" in line, line
    # A party with a name of its own keeps its partnership's name in brackets.
    other = unescape(page_markdown(render_site(kb, lang=lang), paths.role("venue")))
    assert re.search(r"\*\*Riverside Stadium Company\*\* \(<a href=\"../../cases/riverside-stadium/\">", other), other


@pytest.mark.parametrize("lang", LANGS)
def test_the_roles_index_lists_every_card_and_the_parties_without_one(sites, kb, lang) -> None:
    md = unescape(page_markdown(sites[lang], paths.ROLES_INDEX))
    for role in kb.roles:
        assert f'href="{role.id}/"' in md
    for case, party in kb.parties_without_role():
        assert f"cases/{case.id}/" in md and _text(party.name, lang) in md
    assert 'href="../roles/"' in page_markdown(sites[lang], paths.CHECKLISTS_INDEX)


# In a real browser: the first screen, the comparison the link chooses, and a role card on paper.
DESKTOP, PHONE = (1280, 900), (390, 844)
PREFIX = {"en": "", "nl": "nl/"}


def _shown_cases() -> list[str]:
    from generator.records.knowledge_base import build
    from helpers import CORPUS

    return [c.id for c in build(CORPUS / "content").cases if c.shows]


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case_id", _shown_cases())
def test_what_a_case_shows_is_on_its_first_screen_on_desktop_and_phone(browser, site_url, lang, case_id) -> None:
    for width, height in (DESKTOP, PHONE):
        context = browser.new_context(viewport={"width": width, "height": height}, base_url=site_url)
        tab = context.new_page()
        tab.goto(f"{PREFIX[lang]}cases/{case_id}/")
        top = tab.evaluate("document.getElementById('kb-shows-h').getBoundingClientRect().top")
        visible = tab.is_visible(".kb-shows__compare a")
        context.close()
        assert 0 < top < height - 40, (width, top)  # the heading and a line under it
        assert visible


@pytest.mark.browser
def test_the_compare_link_opens_the_self_assessment_with_the_case_chosen(page, kb) -> None:
    # The chosen case is the least like the answers: without the choice the most similar leads.
    answers = {i.id: "absent" for _, i in kb.indicators}
    chosen = next(c for c in kb.assessed_cases if set(kb.profile(c).values()) == {"present"})
    page.goto(f"cases/{chosen.id}/")
    page.click(".kb-shows__compare a")
    page.wait_for_selector("#kb-sa form input[type=radio]")
    assert page.url.endswith(f"?compare={chosen.id}")
    assert _text(chosen.name, "en") in page.locator("#kb-sa-chosen").inner_text()  # before any answer
    for iid, rating in answers.items():
        page.check(f"#kb-{iid}-{rating}")
    assert page.locator("#kb-sa-nearest-name").inner_text() == _text(chosen.name, "en")
    assert table("en")["sa_shows_chosen"].strip() in page.locator("#kb-sa-nearest").inner_text()
    page.goto("self-assessment/")  # without the choice, the most similar case leads
    page.wait_for_selector("#kb-sa-nearest-name")
    assert page.locator("#kb-sa-nearest-name").inner_text() != _text(chosen.name, "en")


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_a_role_card_prints_ending_with_where_it_came_from(page, kb, tmp_path, lang) -> None:
    from pypdf import PdfReader

    role = kb.roles[0]
    page.goto(f"{PREFIX[lang]}roles/{role.id}/")
    page.emulate_media(media="print")
    pdf = tmp_path / "role.pdf"
    page.pdf(path=str(pdf), format="A4")
    pages = PdfReader(str(pdf)).pages
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in pages)
    assert len(pages) <= 2
    printed = table(lang)["layout_printed_from"].split(" {")[0]  # "Printed from"
    # One origin line, the last thing printed (a Dutch reader found two, in different words).
    assert text.count(printed) == 1, text
    assert text.rstrip().endswith(text.split(printed)[-1].rstrip())
    assert _text(role.name, lang) in text


# On paper (Dutch editor's read B, S11): each question runs the full width its rule runs along (the
# checklist's notes column is not on a role card), and the mark before a quote's original prints as
# words in brackets, not as a button with a triangle.
PRINTED_CARD = """() => ({
  narrow: [...document.querySelectorAll('.kb-checklist li')].filter(li =>
    li.querySelector('.kb-question').getBoundingClientRect().width < .95 * li.getBoundingClientRect().width).length,
  marks: [...document.querySelectorAll('details.kb-original > summary')].map(s => [
    getComputedStyle(s).borderTopWidth, getComputedStyle(s, '::before').content,
    getComputedStyle(s, '::after').content, getComputedStyle(s, '::before').maskImage || 'none']),
})"""


@pytest.mark.browser
def test_a_printed_role_card_has_full_width_questions_and_a_plain_translation_mark(page, kb) -> None:
    role = next(r for r in kb.roles if kb.role_indicators(r))
    page.goto(f"{PREFIX['nl']}roles/{role.id}/")
    page.emulate_media(media="print")
    printed = page.evaluate(PRINTED_CARD)
    assert printed["narrow"] == 0
    assert printed["marks"], "the Dutch card quotes the English study"
    assert all(m == ["0px", '"("', '")"', "none"] for m in printed["marks"]), printed["marks"]


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_a_role_cards_questions_are_labelled_checkboxes_with_a_24px_target_on_a_phone(
    browser, site_url, kb, lang
) -> None:
    """A reader saw 13 px boxes inside bullet points that seemed unlabelled: each box is its label's,
    24 px at least, with no bullet before it."""
    context = browser.new_context(viewport={"width": PHONE[0], "height": PHONE[1]}, base_url=site_url)
    tab = context.new_page()
    role = next(r for r in kb.roles if kb.role_indicators(r))
    tab.goto(f"{PREFIX[lang]}roles/{role.id}/")
    boxes = tab.locator(".kb-checklist input[type=checkbox]")
    assert boxes.count() == len(kb.role_indicators(role))
    for i in range(boxes.count()):
        box = boxes.nth(i)
        size = box.bounding_box()
        assert size and size["width"] >= 24 and size["height"] >= 24, size
        name = box.evaluate("e => e.labels.length ? e.labels[0].textContent.trim() : ''")
        assert len(name) > 10, name  # its question names it
        bullet = box.evaluate("e => getComputedStyle(e.closest('li')).listStyleType")
        assert bullet == "none", bullet
        box.scroll_into_view_if_needed()
        label = box.evaluate("e => e.labels[0].getBoundingClientRect().toJSON()")
        box.evaluate("e => { e.checked = false; }")
        tab.mouse.click(label["x"] + label["width"] - 5, label["y"] + 5)  # the label's words tick it
        assert box.is_checked()
    context.close()
