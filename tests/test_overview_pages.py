"""The overview pages as readers meet them (issue 24): the cases index grouped by what the study
did with each case, the home page's counts tied to the study's funnel, "What changed" in names and
words, pictures whose text is readable on a phone and never clipped, a comparison grouped by
criterion that reads on a phone, and checklists that print with a column for notes.

Every expectation is derived from the records (the knowledge base, its words), never from today's
eight cases; the browser tests run in both editions at a phone's and a desktop's size.
"""

from __future__ import annotations

import re
import unicodedata
from html import unescape
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

from generator.pages import changes, local
from generator.pages.tables import case_groups
from generator.pages.text import pick
from generator.records.knowledge_base import KnowledgeBase
from generator.words import LANGUAGES, plural
from generator.words import table as words_of
from helpers import commit_all, copy_repo, mkdocs_build, page_markdown, read_page

TABLES = {lang: words_of(lang) for lang in LANGUAGES}

EDITIONS = ("en", "nl")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _folder(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


def _prose(html: str) -> str:
    """An article's text as a reader reads it: tags gone, spaces folded, no gap before punctuation."""
    article = html[html.index("<article") : html.index("</article>")]
    text = unescape(re.sub(r"<[^>]+>", " ", article))
    text = re.sub(r" ([,:;.)’”])", r"\1", re.sub(r"\s+", " ", text))
    return re.sub(r"([(‘“]) ", r"\1", text)


def _sections(html: str) -> dict[str, str]:
    """An article's HTML by the id of the h2 it stands under."""
    article = html[html.index("<article") : html.index("</article>")]
    parts = re.split(r'<h2 id="([^"]+)"', article)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


# The cases index and the home page


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_cases_index_groups_each_case_once_under_what_the_study_did_with_it(
    built_site: Path, kb: KnowledgeBase, lang: str
) -> None:
    from generator.words import edition

    words = TABLES[lang]
    html = (built_site / _folder(lang) / "cases/index.html").read_text(encoding="utf-8")
    sections = _sections(html)
    groups = case_groups(kb)
    assert [g for g, _ in groups] == [s for s in sections if s in {g for g, _ in groups}]
    for group, cases in groups:
        section = sections[group]
        assert words[f"group_{group}"] in section  # the heading
        assert unescape(words[f"group_{group}_def"]) in unescape(section)  # its one-line definition
        others = "".join(s for g, s in sections.items() if g != group)
        for case in cases:
            assert f'href="{case.id}/"' in section, (group, case.id)  # cases/ links to "<id>/"
            assert f'href="{case.id}/"' not in others, (group, case.id)
            with edition(lang):
                shown = " ".join(pick(case.name).split())
            assert shown in unescape(section)
            if case.assessed_by:  # a rated case: a rating per criterion, each linking to its finding
                for criterion in kb.criteria:
                    assert f'href="{case.id}/#{criterion.id}"' in section, (case.id, criterion.id)
            else:
                reason = case.status_reason or case.summary
                with edition(lang):
                    said = " ".join(pick(reason.text).split())
                assert " ".join(unescape(re.sub(r"<[^>]+>", "", section)).split()).count(said[:60]) == 1
    # A fact the sources do not give is left out, not shown as a blank that reads as carelessness.
    prose = _prose(html)
    # (The words such a blank once showed; no message holds them any more.)
    assert "Not stated in the sources" not in prose and "Niet vermeld in de bronnen" not in prose


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_home_page_counts_the_cases_as_the_funnel_does_and_says_how(
    built_site: Path, kb: KnowledgeBase, lang: str
) -> None:
    words = TABLES[lang]
    prose = _prose((built_site / _folder(lang) / "index.html").read_text(encoding="utf-8"))
    n = {group: len(cases) for group, cases in case_groups(kb)}
    selected = n.get("studied", 0) + n.get("screened-out", 0)
    total = plural("in_all", len(kb.cases), lang, n=local.number(len(kb.cases), lang))
    assert total in prose
    if selected:
        key = "count_promising" if selected == kb.study.funnel.promising else "count_selection"
        assert words[key].split("{n}")[0] + local.number(selected, lang) in prose
        for key, group in (("count_studied", "studied"), ("count_screened", "screened-out")):
            if n.get(group):
                assert words[key].format(n=local.number(n[group], lang)) in prose, key
    for key, group in (("count_left", "left-out"), ("count_added", "added")):
        if n.get(group):
            count = words["count_one"] if n[group] == 1 else local.number(n[group], lang)
            assert words[key].format(n=count) in prose, key
    # The sum of the parts is the whole.
    assert sum(n.values()) == len(kb.cases)


# What changed, from a real history


def _change_a_rating(repo: Path, kb: KnowledgeBase) -> tuple[str, str, str, str, str]:
    """Change the first rated indicator of the first assessed case to another rating, in its YAML.
    Returns the case's id, the criterion's, the indicator's, and the old and new rating."""
    case = kb.assessed_cases[0]
    path = repo / f"content/cases/{case.id}.yaml"
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    cid, indicators = next(iter(data["assessment"].items()))
    iid, entry = next(iter(indicators.items()))
    old = entry["rating"]
    new = "present" if old != "present" else "absent"
    at = re.search(rf"(?m)^\s+{re.escape(cid)}:\n", text)
    assert at, cid
    found = re.compile(rf"(\n\s+{re.escape(iid)}:\n\s+rating: ){re.escape(old)}\b").search(text, at.end() - 1)
    assert found, iid
    path.write_text(text[: found.start()] + found.group(1) + new + text[found.end() :], encoding="utf-8")
    return case.id, cid, iid, old, new


def test_what_changed_names_what_changed_in_words_with_its_reason_in_both_editions_and_the_feed(
    tmp_path: Path, kb: KnowledgeBase
) -> None:
    repo = copy_repo(tmp_path / "repo")
    commit_all(repo, "records", "2024-01-10")
    case_id, cid, iid, old, new = _change_a_rating(repo, kb)
    unrated = next(c for c in kb.cases if not c.assessed_by)
    (repo / f"content/cases/{unrated.id}.yaml").unlink()
    reason = {"en": "A second source settles it.", "nl": "Een tweede bron geeft de doorslag."}
    commit_all(repo, f"ratings: {case_id} {iid}\n\nReason: {reason['en']}\nReden: {reason['nl']}", "2024-02-20")
    # A change without a reason says none.
    criterion = next(c for c in kb.criteria)
    path = repo / f"content/criteria/{criterion.id}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    commit_all(repo, f"criteria: {criterion.id} tidied", "2024-03-05")

    site = tmp_path / "site"
    result = mkdocs_build(repo, site)
    assert result.returncode == 0, result.stderr
    case = next(c for c in kb.cases if c.id == case_id)
    indicator = next(i for c, i in kb.indicators if c.id == cid and i.id == iid)
    from xml.etree.ElementTree import Element

    feeds: dict[str, list[Element]] = {}
    for lang in EDITIONS:
        words = TABLES[lang]
        folder = site / _folder(lang)
        html = (folder / "changes/index.html").read_text(encoding="utf-8")
        prose = _prose(html)
        name, title = pick(case.name, lang), pick(indicator.title, lang)
        before, after = words[f"rating_{old}"], words[f"rating_{new}"]
        said = words["changes_rating_sentence"].format(case=name, indicator=title, before=before, after=after)
        # after "Why:" a reason that opens with an article runs on in lower case (changes._reason_of)
        why = (
            reason[lang]
            if not reason[lang].startswith(changes._ARTICLES)
            else reason[lang][:1].lower() + reason[lang][1:]
        )
        rating_line = f"{said} {words['change_why']}: {why}"
        removed_line = (
            f"{words['change_removed']}: {words['noun_cases']} {pick(unrated.name, lang)}. {words['change_why']}: {why}"
        )
        revised_line = f"{words['change_revised']}: {words['noun_criteria']} {pick(criterion.title, lang)}"
        for line in (rating_line, removed_line, revised_line):
            assert line in prose, (lang, line, prose[:1500])
        assert f"{revised_line}. {words['change_why']}" not in prose  # no reason given, none shown
        # Grouped by date, newest first, dates as the edition writes them.
        days = [local.date(d, lang) for d in ("2024-03-05", "2024-02-20", "2024-01-10")]
        heads = re.findall(r"<h2 id=\"(\d{4}-\d{2}-\d{2})\"[^>]*>(.*?)<", html)
        assert [unescape(h).strip() for _, h in heads] == days
        # Readers' words only: no record's id (the removed one included), no "Changed: <id>".
        for key in (*(c.id for c in kb.cases), criterion.id, iid, cid):
            assert "-" not in key or key not in prose, key
        assert {"en": "Changed:", "nl": "Gewijzigd:"}[lang] not in prose
        # The rating links to the indicator's definition and to the case's finding.
        page = read_page(folder, "changes")
        assert f"../criteria/{cid}/#{iid}" in page.links and f"../cases/{case_id}/#{cid}" in page.links
        # The feed says the same, line for line.
        feed = ElementTree.fromstring((folder / "feed.xml").read_text(encoding="utf-8"))
        entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
        feeds[lang] = entries
        content = entries[1].find("{http://www.w3.org/2005/Atom}content")
        assert content is not None and content.text
        lines = content.text.split("\n")
        assert rating_line in lines and removed_line in lines, lines
    assert len(feeds["en"]) == len(feeds["nl"]) == 3


# In the browser


def _goto(page, site_url: str, path: str, viewport: dict[str, int]) -> None:
    page.set_viewport_size(viewport)
    page.goto(site_url + path)
    page.wait_for_load_state("load")


# Every text of every picture on a page, drawn inline at the width the page shows it at, measured:
# its rendered font size, its box, whether it leaves the picture, which texts or bars it overlaps.
MEASURE = """async () => {
  const out = [];
  const imgs = [...document.querySelectorAll('article img[src$=".svg"]')].filter(i => i.offsetParent);
  for (const img of imgs) {
    const shown = img.getBoundingClientRect().width;
    const source = await (await fetch(img.src)).text();
    const holder = document.createElement('div');
    holder.style.cssText = `position:absolute;left:0;top:0;width:${shown}px`;
    holder.innerHTML = source;
    document.body.appendChild(holder);
    const svg = holder.querySelector('svg');
    svg.setAttribute('width', shown);
    svg.removeAttribute('height');
    const box = svg.viewBox.baseVal;
    const scale = svg.getBoundingClientRect().width / box.width;
    const texts = [...svg.querySelectorAll('text')].map(t => {
      const b = t.getBBox();
      return {text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize) * scale,
              x: b.x, y: b.y, w: b.width, h: b.height};
    });
    const bars = [...svg.querySelectorAll('rect')].map(r => { const b = r.getBBox(); return {x: b.x, y: b.y, w: b.width, h: b.height}; });
    out.push({src: img.getAttribute('src'), shown, width: box.width, height: box.height, texts, bars});
    holder.remove();
  }
  return out;
}"""


def _overlap(a: dict, b: dict, slack: float = 0.5) -> bool:
    return (
        a["x"] + slack < b["x"] + b["w"]
        and b["x"] + slack < a["x"] + a["w"]
        and a["y"] + slack < b["y"] + b["h"]
        and b["y"] + slack < a["y"] + a["h"]
    )


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", EDITIONS)
def test_picture_text_is_at_least_12_px_and_never_clipped_or_overlapping(
    page, site_url: str, kb: KnowledgeBase, lang: str, viewport: dict[str, int]
) -> None:
    seen: set[str] = set()
    for path in ("", "comparison/", *(f"cases/{c.id}/" for c in kb.assessed_cases[:1]), "study/"):
        _goto(page, site_url, _folder(lang) + path, viewport)
        pictures = page.evaluate(MEASURE)
        for picture in pictures:
            seen.add(picture["src"].rsplit("/", 1)[-1])
            where = (lang, viewport["width"], path, picture["src"])
            assert picture["texts"], where
            for t in picture["texts"]:
                assert t["size"] >= 12, (where, t["text"], round(t["size"], 1))
                # Inside the picture: nothing cut off at its edges.
                assert t["x"] >= -0.5 and t["y"] >= -0.5, (where, t)
                assert t["x"] + t["w"] <= picture["width"] + 0.5, (where, t["text"], t["x"] + t["w"], picture["width"])
                assert t["y"] + t["h"] <= picture["height"] + 0.5, (where, t["text"])
                # Clear of every bar and every other text.
                for bar in picture["bars"]:
                    assert not _overlap(t, bar), (where, t["text"], bar)
            for n, a in enumerate(picture["texts"]):
                for b in picture["texts"][n + 1 :]:
                    assert not _overlap(a, b), (where, a["text"], b["text"])
    # The funnel and every assessed case's profile were measured.
    assert "funnel.svg" in seen
    assert {f"{c.id}.svg" for c in kb.assessed_cases} <= seen


MEASURE_INLINE = MEASURE.replace(
    "const imgs = [...document.querySelectorAll('article img[src$=\".svg\"]')].filter(i => i.offsetParent);",
    "const imgs = [...document.querySelectorAll('img')];",
)


@pytest.mark.browser
@pytest.mark.parametrize("lang", EDITIONS)
def test_pictures_of_any_content_keep_their_text_inside_and_apart(browser, lang: str, tmp_path: Path) -> None:
    """Long names, a word longer than a line, every rating: what a contributor's records may hold."""
    from generator.pages import svg
    from generator.records.ratings import SCALE

    words = TABLES[lang]
    labels = {r: words[f"rating_{r.value}"] for r in SCALE}
    names = [
        "Verdeling van verantwoordelijkheden en sturing tussen publieke en private partijen",
        "Aansprakelijkheidsverzekeringsmaatschappijenvertegenwoordigersoverleg",
        "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW MMMMMMMM",
        "x",
    ]
    pictures = {
        "profile.svg": svg.profile("t", [(n, r) for n, r in zip(names, SCALE, strict=True)], labels, lang),
        "funnel.svg": svg.funnel([(1000, names[0]), (24, names[1]), (1, names[2])], "t", ", ", lang),
    }
    for name, text in pictures.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    html = "".join(f'<img src="{name}" style="max-width:100%">' for name in pictures)
    (tmp_path / "index.html").write_text(f"<!doctype html><body style='margin:0'>{html}</body>", encoding="utf-8")
    from browser import serve

    with serve(tmp_path) as url:
        page = browser.new_page(viewport=PHONE)
        try:
            page.goto(url)
            measured = page.evaluate(MEASURE_INLINE)
        finally:
            page.close()
    assert len(measured) == len(pictures)
    for picture in measured:
        for t in picture["texts"]:
            assert t["size"] >= 12, (picture["src"], t["text"])
            assert t["x"] >= -0.5 and t["x"] + t["w"] <= picture["width"] + 0.5, (picture["src"], t["text"], t)
            for bar in picture["bars"]:
                assert not _overlap(t, bar), (picture["src"], t["text"], bar)
        for n, a in enumerate(picture["texts"]):
            for b in picture["texts"][n + 1 :]:
                assert not _overlap(a, b), (picture["src"], a["text"], b["text"])


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_comparison_draws_every_profile_at_one_size(
    page, site_url: str, kb: KnowledgeBase, viewport: dict[str, int]
) -> None:
    for lang in EDITIONS:
        _goto(page, site_url, _folder(lang) + "comparison/", viewport)
        sizes = page.eval_on_selector_all(
            ".kb-profiles img",
            "els => els.map(e => [Math.round(e.getBoundingClientRect().width), Math.round(e.getBoundingClientRect().height)])",
        )
        assert len(sizes) == len(kb.assessed_cases)
        assert len({w for w, _ in sizes}) == 1, (lang, sizes)  # one width; heights follow the rows drawn


NO_SIDEWAYS = """() => {
  const wide = [];
  if (document.documentElement.scrollWidth > window.innerWidth) wide.push(['page', document.documentElement.scrollWidth]);
  for (const el of document.querySelectorAll('article *')) {
    if (!el.offsetParent) continue;
    const style = getComputedStyle(el);
    if (['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
      wide.push([el.tagName + '.' + el.className, el.scrollWidth, el.clientWidth]);
  }
  return wide;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("lang", EDITIONS)
@pytest.mark.parametrize("path", ["", "cases/", "comparison/"])
def test_on_a_phone_nothing_scrolls_sideways_and_every_case_reads_as_a_card(
    page, site_url: str, kb: KnowledgeBase, lang: str, path: str
) -> None:
    _goto(page, site_url, _folder(lang) + path, PHONE)
    assert page.evaluate(NO_SIDEWAYS) == []
    if path != "comparison/":
        return
    # Per case, a card of its ratings: in the indicator table, each indicator's name beside its
    # rating, under its criterion's name, all within the screen's width.
    tables = page.locator(".kb-heatmap--dense table")
    cards = tables.locator("tbody tr")
    assert cards.count() == len(kb.assessed_cases)
    for n, case in enumerate(kb.assessed_cases):
        card = cards.nth(n)
        text = card.inner_text()
        assert " ".join(pick(case.name, lang).split()) in text
        for _, indicator in kb.indicators:
            assert pick(indicator.title, lang) in text
        groups = card.locator(".kb-stack-group")
        assert [g.inner_text() for g in groups.all()] == [pick(c.title, lang) for c in kb.criteria]
        box = card.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


@pytest.mark.browser
@pytest.mark.parametrize("lang", EDITIONS)
def test_the_comparison_groups_indicators_under_their_criterion_and_keeps_case_names_in_view(
    page, site_url: str, kb: KnowledgeBase, lang: str
) -> None:
    _goto(page, site_url, _folder(lang) + "comparison/", DESKTOP)
    table = page.locator(".kb-heatmap--dense table")
    groups = table.locator("thead tr").first.locator('th[scope="colgroup"]')
    assert [g.inner_text().strip() for g in groups.all()] == [pick(c.title, lang) for c in kb.criteria]
    assert [int(g.get_attribute("colspan") or 1) for g in groups.all()] == [len(c.indicators) for c in kb.criteria]
    # Each criterion's header spans exactly its own indicators' columns.
    columns = table.locator("thead tr").nth(1).locator("th")
    assert columns.count() == len(kb.indicators)
    start = 0
    for g, criterion in zip(groups.all(), kb.criteria, strict=True):
        box = g.bounding_box()
        first = columns.nth(start).bounding_box()
        last = columns.nth(start + len(criterion.indicators) - 1).bounding_box()
        assert box and first and last
        assert abs(box["x"] - first["x"]) <= 3 and abs(box["x"] + box["width"] - last["x"] - last["width"]) <= 3
        titles = [columns.nth(start + k).inner_text().strip() for k in range(len(criterion.indicators))]
        assert titles == [pick(i.title, lang) for i in criterion.indicators]
        start += len(criterion.indicators)
    # Scrolled sideways, the case names stay where they were.
    wrapper = table.locator("xpath=ancestor::div[contains(@class,'md-typeset__scrollwrap')][1]")
    name = table.locator('tbody th[scope="row"]').first
    before = name.bounding_box()
    wide = wrapper.evaluate("e => e.scrollWidth - e.clientWidth")
    wrapper.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
    after = name.bounding_box()
    assert before and after
    if wide > 0:
        assert wrapper.evaluate("e => e.scrollLeft") > 0
    assert abs(after["x"] - before["x"]) <= 1, (before, after)
    assert name.evaluate("e => getComputedStyle(e).position") == "sticky"


@pytest.mark.browser
@pytest.mark.parametrize("lang", EDITIONS)
def test_a_checklist_prints_with_a_column_for_notes_or_actions(
    page, site_url: str, kb: KnowledgeBase, lang: str, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    words = TABLES[lang]
    _goto(page, site_url, _folder(lang) + "checklists/all/", DESKTOP)
    notes = page.locator(".kb-checklist li .kb-notes-column")
    assert notes.count() == len(kb.indicators)
    assert not notes.first.is_visible()  # on screen, no empty column
    page.emulate_media(media="print")
    heads = page.locator(".kb-notes-head")
    assert heads.count() == len(kb.criteria)
    assert words["notes_column"] in heads.first.inner_text()
    for n in range(notes.count()):
        note = notes.nth(n).bounding_box()
        item = page.locator(".kb-checklist li").nth(n).bounding_box()
        question = page.locator(".kb-checklist li .kb-question").nth(n).bounding_box()
        assert note and item and question
        assert note["width"] >= 0.3 * item["width"]  # room to write in
        assert note["x"] >= question["x"] + question["width"] - 1  # beside the question, not under it
        assert note["height"] >= 30
    pdf = tmp_path / "checklist.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = unicodedata.normalize("NFKC", " ".join(p.extract_text() or "" for p in PdfReader(str(pdf)).pages))
    assert " ".join(words["notes_column"].split()) in " ".join(text.split())


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", EDITIONS)
@pytest.mark.parametrize("path", ["cases/", "comparison/"])
def test_the_cases_index_and_the_comparison_are_axe_clean(
    page, site_url: str, lang: str, path: str, viewport: dict[str, int]
) -> None:
    from test_browser import require_axe, serious_violations

    require_axe()
    _goto(page, site_url, _folder(lang) + path, viewport)
    assert serious_violations(page) == []


# What a funnel of one practical example and one promising case reads, in the sentence the home and
# study pages share and in the picture's text (which keeps digits).
ONE_OF_EACH = {
    "en": (
        "found 1 practical example at home and abroad. The researchers narrowed them to 1 promising case and",
        "1 practical example found, 1 promising case,",
    ),
    "nl": (
        "leverde een praktijkvoorbeeld in binnen- en buitenland op. De onderzoekers brachten die terug tot een "
        "veelbelovende casus en",
        "1 praktijkvoorbeeld gevonden, 1 veelbelovende casus,",
    ),
}


@pytest.mark.parametrize("lang", EDITIONS)
def test_each_count_of_the_funnel_takes_its_own_plural_form(tmp_path: Path, lang: str) -> None:
    from generator.pages.render import render_site
    from generator.records.knowledge_base import build

    repo = copy_repo(tmp_path / "repo")
    study = repo / "content/study.yaml"
    text = study.read_text(encoding="utf-8")
    study.write_text(re.sub(r"(?m)^  (examples|promising): \d+$", r"  \1: 1", text), encoding="utf-8")
    site = render_site(build(repo / "content"), lang=lang)
    for page in ("index.md", "study.md"):
        markdown = " ".join(page_markdown(site, page).split())
        for said in ONE_OF_EACH[lang]:
            assert said in markdown, page
