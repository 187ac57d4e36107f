"""Your partnership on the comparison page, in a real browser over the fixture build, both editions:
the matrices with your row fit a 1,280 px screen (every column in view) and a phone's cards (no
sideways scroll); your indicator cells show the symbols the studied cases' do, the label named on
hover and read out; the key names "not applicable"; the count line says how many were answered and
how many do not apply; and your profile stands beside the cases', marked as yours."""

from __future__ import annotations

import pytest
from test_self_assessment import open_sa
from test_tables_fit import SIDEWAYS

pytestmark = [pytest.mark.browser]

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}
WORDS = {
    "": {"na": "Not applicable", "answered": "{a} of {n} answered; 1 not applicable", "basis": "not part of the study"},
    "nl/": {
        "na": "Niet van toepassing",
        "answered": "{a} van {n} beantwoord; 1 niet van toepassing",
        "basis": "geen deel van het onderzoek",
    },
}


def with_your_row(page, kb, lang: str) -> list[str]:
    """A partnership with the default (long) name, one question not applicable, one Yes."""
    open_sa(page, lang)
    ids = [i.id for _, i in kb.indicators]
    for iid in ids:
        page.check(f"#kb-{iid}-absent")
    page.check(f"#kb-{ids[0]}-present")
    page.check(f"#kb-{ids[-1]}-not_applicable")
    page.goto(lang + "comparison/")
    page.wait_for_selector(".kb-sa-your-row")
    return ids


@pytest.mark.parametrize("lang", ["", "nl/"])
def test_the_matrices_with_your_row_fit_a_desktop_and_a_phone(page, kb, lang: str) -> None:
    page.set_viewport_size(DESKTOP)
    with_your_row(page, kb, lang)
    spans = page.evaluate(
        """() => [...document.querySelectorAll('.kb-matrix')].map(m => [
          Math.round(m.querySelector('table').getBoundingClientRect().right),
          Math.round(m.querySelector('thead tr:last-child th:last-child').getBoundingClientRect().right),
          Math.round(m.getBoundingClientRect().right)])"""
    )
    assert len(spans) == 2
    for table, last, box in spans:
        assert table <= box + 1 and last <= box + 1, spans
    assert page.evaluate(SIDEWAYS) == []
    page.set_viewport_size(PHONE)
    page.reload()
    page.wait_for_selector(".kb-sa-your-row")
    assert page.evaluate(SIDEWAYS) == []


@pytest.mark.parametrize("lang", ["", "nl/"])
def test_your_indicator_cells_are_symbols_as_the_cases_are_with_not_applicable_in_the_key(page, kb, lang) -> None:
    page.set_viewport_size(DESKTOP)
    ids = with_your_row(page, kb, lang)
    words = WORDS[lang]
    yours = page.locator(".kb-heatmap--dense .kb-sa-your-row .kb-rating")
    theirs = page.locator(".kb-heatmap--dense tbody tr:first-child .kb-rating")
    assert yours.count() == len(ids)
    shown = yours.evaluate_all(
        "els => els.map(e => [e.className.split('--')[1], e.title, e.textContent, e.getBoundingClientRect().width])"
    )
    widest = max(theirs.evaluate_all("els => els.map(e => e.getBoundingClientRect().width)"))
    assert [s[0] for s in shown] == ["present"] + ["absent"] * (len(ids) - 2) + ["not_applicable"]
    assert shown[-1][1] == words["na"] and shown[-1][2].endswith(words["na"])
    assert all(s[1] and s[1] in s[2] for s in shown)  # named on hover, its label read out
    assert all(s[3] <= widest + 1 for s in shown), (shown, widest)  # a symbol, not an overflowing word
    key = page.locator(".kb-legend").inner_text()
    assert words["na"] in key
    counts = page.locator(".kb-matrix:not(.kb-heatmap--dense) .kb-sa-your-row .kb-sa-row-answered").inner_text()
    assert counts == words["answered"].format(a=len(ids) - 1, n=len(ids))


@pytest.mark.parametrize("lang", ["", "nl/"])
def test_your_profile_stands_beside_the_cases_marked_as_yours(page, kb, lang: str) -> None:
    with_your_row(page, kb, lang)
    figures = page.locator(".kb-profiles figure")
    assert figures.count() == len(kb.assessed_cases) + 1
    yours = page.locator(".kb-profiles figure.kb-sa-your-profile")
    assert WORDS[lang]["basis"] in yours.locator("figcaption").inner_text()
    assert yours.locator("svg[role=img] title").text_content()
    page.uncheck("#kb-sa-row-show")
    assert page.locator(".kb-profiles figure").count() == len(kb.assessed_cases)
    assert WORDS[lang]["na"] not in page.locator(".kb-legend").inner_text()
