"""The path for setting up or strengthening a partnership (issue 32): the steps' records and their
rules, the path page, the lessons index grouped by step, the home page's first screen and the
export. Expectations come from the fixture corpus's records, never from counts written here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.pages import export, paths
from generator.pages.render import render_site
from generator.pages.text import pick
from generator.records.knowledge_base import KnowledgeBase, build
from generator.records.problems import ContentError
from generator.words import edition, table
from helpers import ROOT, page_markdown

ROOT_CONTENT = ROOT / "content"

EDITIONS = {"en": "", "nl": "nl/"}
DESKTOP, PHONE = (1280, 900), (390, 844)


def _problems(repo: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        build(repo / "content")
    return [p.text() for p in caught.value.problems]


def _line(path: Path, start: str) -> int:
    return next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text.startswith(start))


def test_a_step_without_lessons_or_with_an_unknown_indicator_is_named_at_its_line(repo: Path) -> None:
    step = repo / "content/steps/report-to-the-council.yaml"
    text = step.read_text(encoding="utf-8")
    text = text.replace("lessons: [report-to-an-elected-council]", "lessons: []")
    text = text.replace("indicators: [council-reporting, public-backing]", "indicators: [council-reports]")
    text = text.replace("order: 3", "order: 0")
    step.write_text(text, encoding="utf-8")
    found = _problems(repo)
    where = "content/steps/report-to-the-council.yaml"
    assert any(p.startswith(f"{where}:{_line(step, 'lessons')}:") and " lessons:" in p for p in found), found
    assert any(p.startswith(f"{where}:{_line(step, 'order')}:") and " order:" in p for p in found), found
    assert any(
        p.startswith(f"{where}:{_line(step, 'indicators')}:") and "indicators[0]: 'council-reports'" in p for p in found
    ), found


def test_a_step_example_names_a_case_that_exists(repo: Path) -> None:
    step = repo / "content/steps/bring-the-partners-together.yaml"
    step.write_text(step.read_text(encoding="utf-8").replace("  - case: riverside-stadium", "  - case: riverside"))
    (problem,) = _problems(repo)
    assert problem.startswith(
        f"content/steps/bring-the-partners-together.yaml:{_line(step, '  - case: riverside')}:5: examples[0].case: "
        "'riverside' is not the id of any case in content/cases/"
    )


def test_the_steps_come_in_their_order_and_lessons_by_step_then_the_rest(kb: KnowledgeBase) -> None:
    assert [s.order for s in kb.steps] == sorted(s.order for s in kb.steps)
    groups = kb.lessons_by_step()
    stepped = [lesson.id for step, lessons in groups if step for lesson in lessons]
    assert stepped == [lid for step in kb.steps for lid in step.lessons]
    rest = [lesson.id for step, lessons in groups if step is None for lesson in lessons]
    assert rest == [lesson.id for lesson in kb.lessons if kb.step_of_lesson(lesson) is None]
    assert rest, "the fixture corpus keeps a lesson in no step, so the index's last group is tested"
    assert groups[-1][0] is None


@pytest.fixture(scope="module", params=list(EDITIONS))
def rendered(request: pytest.FixtureRequest, kb: KnowledgeBase) -> tuple[str, object]:
    return request.param, render_site(kb, lang=request.param)


def test_the_path_page_numbers_each_step_with_what_why_lessons_and_questions(
    rendered: tuple[str, object], kb: KnowledgeBase
) -> None:
    lang, site = rendered
    words = table(lang)
    text = page_markdown(site, "path.md")
    with edition(lang):
        headings = [h for h in re.findall(r"^## (.+?) \{#([a-z0-9-]+)\}$", text, re.M) if h[1] != "kb-sources"]
        assert [anchor for _, anchor in headings] == [s.id for s in kb.steps]
        blocks = text.split('<div class="kb-step" markdown>')[1:]
        for n, (step, block) in enumerate(zip(kb.steps, blocks, strict=True), 1):
            assert headings[n - 1][0] == words["path_step"].format(n=n, title=pick(step.title))
            assert " ".join(pick(step.do).split())[:40] in " ".join(block.split())
            assert f"*{words['path_why']}:*" in block and 'class="kb-mark"' in block
            assert f"*{words['path_make']}:*" in block
            if not step.make:
                assert words["path_make_silent"] in block
            for lid in step.lessons:
                assert f'href="../{paths.url(paths.lesson(lid))}"' in block
            for _, indicator in kb.step_indicators(step):
                assert f"#{indicator.id}" in block
            for example in step.examples:
                assert pick(kb.case(example.case).name) in block
    assert 'href="../self-assessment/"' in text
    assert "kb-print-meta" in text and "{#kb-sources}" in text
    assert words["path_order"].split(":")[0] in text  # the order is said to be this knowledge base's reading


def test_the_path_opens_with_its_steps_at_a_glance_and_says_what_it_rests_on(
    rendered: tuple[str, object], kb: KnowledgeBase
) -> None:
    """The path is many phone screens long: a numbered list at its top leads to each step; and it says
    in a line which text of the study the site reads, so "the study says nothing" reads right."""
    lang, site = rendered
    text = page_markdown(site, "path.md")
    jump = text.split('<nav class="kb-path-jump"', 1)[1].split("</nav>", 1)[0]
    assert f'aria-label="{table(lang)["rf_path_jump"]}"' in jump
    items = re.findall(r"^(\d+)\. <a href=\"[^\"]*#([a-z0-9-]+)\">", jump, re.M)
    assert items == [(str(n), s.id) for n, s in enumerate(kb.steps, 1)]
    assert text.index("kb-path-jump") < text.index('<div class="kb-steps"')
    assert kb.study.basis is not None
    with edition(lang):
        basis = " ".join(pick(kb.study.basis.text).split())
    assert basis in " ".join(text.split()[: len(text.split()) // 2])
    home = page_markdown(site, "index.md")
    assert basis in " ".join(home.split())
    # One origin line (site, address, date), at the top; what the steps are is a line of its own.
    printed = table(lang)["layout_printed_from"].split(" {")[0]
    assert text.count(printed) == 1, "the path names where and when it was printed once"
    assert text.index(printed) < text.index("kb-path-jump")


def test_the_lessons_index_groups_lessons_by_step_then_the_rest(
    rendered: tuple[str, object], kb: KnowledgeBase
) -> None:
    lang, site = rendered
    words = table(lang)
    text = page_markdown(site, paths.LESSONS_INDEX)
    order = [f"path/#{step.id}" for step in kb.steps]
    with edition(lang):
        lesson_links = re.findall(r'href="([a-z0-9-]+)/"', text)
        expected = [lesson.id for _, lessons in kb.lessons_by_step() for lesson in lessons]
    assert lesson_links == expected
    positions = [text.index(f"../path.md#{step.id}") for step in kb.steps]
    assert positions == sorted(positions) and len(order) == len(positions)
    assert text.index(words["path_lessons_other"]) > positions[-1]


def test_the_home_page_leads_with_the_tasks_the_path_first(rendered: tuple[str, object]) -> None:
    lang, site = rendered
    words = table(lang)
    text = page_markdown(site, "index.md")
    tasks = text.index('class="grid cards kb-tasks"')
    assert text.index('href="path/"') > tasks
    assert text.index('href="path/"') < text.index('href="self-assessment/"') < text.index(words["home_selection"])
    # the audience routing comes right after the tasks, before the selection of cases
    assert tasks < text.index(words["home_use"].splitlines()[0]) < text.index(words["home_selection"])


def test_the_export_gives_the_steps_in_order_for_the_self_assessment(kb: KnowledgeBase) -> None:
    with edition("nl"):
        data = export.self_assessment(kb)
    assert [s["id"] for s in data["steps"]] == [s.id for s in kb.steps]
    for given, step in zip(data["steps"], kb.steps, strict=True):
        assert given["indicators"] == list(step.indicators) and given["lessons"] == list(step.lessons)
        assert given["title"] == pick(step.title, "nl") and given["url"] == f"path/#{step.id}"
    whole = export.knowledge_base(kb)
    assert [s["id"] for s in whole["steps"]] == [s.id for s in kb.steps]


@pytest.mark.browser
@pytest.mark.parametrize("lang", list(EDITIONS))
def test_the_path_is_on_the_first_screen_and_every_step_leads_to_a_lesson(
    browser, site_url: str, kb: KnowledgeBase, lang: str
) -> None:
    prefix = EDITIONS[lang]
    for width, height in (DESKTOP, PHONE):
        context = browser.new_context(viewport={"width": width, "height": height}, base_url=site_url)
        page = context.new_page()
        page.goto(prefix or "./")
        link = page.locator("article a[href$='path/']").first
        box = link.bounding_box()
        assert box is not None and box["y"] + box["height"] <= height, (width, box)
        link.click()
        page.wait_for_url(re.compile(r"/path/$"))
        steps = page.locator(".kb-step")
        assert steps.count() == len(kb.steps)
        for i, step in enumerate(kb.steps):
            hrefs = steps.nth(i).locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
            for lid in step.lessons:
                assert any(h.rstrip("/").endswith(f"lessons/{lid}") for h in hrefs), (step.id, hrefs)
        assert page.locator("article a[href$='self-assessment/']").count() >= 1
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
        context.close()


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory):
    """The real content, built and served: the handout must fit with the real steps, not the fixture's."""
    from browser import serve
    from helpers import ROOT, copy_repo, free_port, mkdocs_build

    port = free_port()
    repo = copy_repo(tmp_path_factory.mktemp("real") / "repo", ROOT)
    site = repo.parent / "site"
    result = mkdocs_build(repo, site)
    assert result.returncode == 0, result.stderr[-3000:]
    with serve(site, port) as served:
        yield served


@pytest.mark.browser
@pytest.mark.parametrize("lang", list(EDITIONS))
def test_the_real_path_prints_on_at_most_two_numbered_a4_pages_with_its_origin(
    browser, real_site: str, tmp_path: Path, lang: str
) -> None:
    from pypdf import PdfReader

    context = browser.new_context(base_url=real_site)
    page = context.new_page()
    page.goto(f"{EDITIONS[lang]}path/")
    page.emulate_media(media="print")
    pdf = tmp_path / "path.pdf"
    page.pdf(path=str(pdf), format="A4")
    pages = PdfReader(str(pdf)).pages
    assert len(pages) <= 2, f"the printed path takes {len(pages)} A4 pages"
    texts = [" ".join((p.extract_text() or "").split()) for p in pages]
    text = " ".join(texts)
    assert table(lang)["path_origin"].split("{study}")[0].split("\n")[-1].strip() in text
    # One origin line per printout: the site, the address and the date, once.
    printed = table(lang)["layout_printed_from"].split(" {")[0]
    assert text.count(printed) == 1, text
    # Numbered pages ("1 / 2"), and every step on them.
    assert all(f"{n} / {len(pages)}" in t for n, t in enumerate(texts, 1)), texts
    with edition(lang):
        for step in build(ROOT_CONTENT).steps:
            assert " ".join(pick(step.title).split())[:30] in text, step.id
    # Readable on a meeting table: no visible running text under 10 pt; links read as plain text.
    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('article p, article li')]
             .filter(e => e.getClientRects().length > 0 && e.textContent.trim() !== '')
             .map(e => parseFloat(getComputedStyle(e).fontSize) * 0.75))"""
    )
    assert smallest >= 10 - 0.01
    styled = page.evaluate(
        """() => [...document.querySelectorAll('article .kb-steps a')].filter(a => a.getClientRects().length)
             .map(a => [getComputedStyle(a).textDecorationLine, getComputedStyle(a).color,
                        getComputedStyle(a.parentElement).color])"""
    )
    assert styled and all(line == "none" and color == around for line, color, around in styled), styled[:3]
    assert page.locator(".kb-path-jump").evaluate("e => getComputedStyle(e).display") == "none"
    context.close()


def test_a_lesson_ends_with_the_way_on_to_its_step_and_the_self_assessment(
    rendered: tuple[str, object], kb: KnowledgeBase
) -> None:
    """A lesson page had no way on: before its folded provenance, the step it belongs to and the
    self-assessment."""
    lang, site = rendered
    words = table(lang)
    for lesson in kb.lessons:
        text = page_markdown(site, paths.lesson(lesson.id))
        way = text.split('<p class="kb-way-on">', 1)[1].split("</p>", 1)[0]
        assert text.index('<p class="kb-way-on">') < text.index('<details class="kb-provenance"'), lesson.id
        assert "self-assessment/" in way, lesson.id
        step = kb.step_of_lesson(lesson)
        if step is None:
            assert "path/" not in way
            continue
        n = kb.steps.index(step) + 1
        assert words["rf_lesson_step"].split("{n}")[0] + str(n) in way, (lesson.id, way)
        assert f'path/#{step.id}"' in way, (lesson.id, way)
