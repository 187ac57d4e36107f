"""Render the knowledge base into Markdown pages and companion files, all in memory."""

from __future__ import annotations

import multiprocessing
import re
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context

from . import export, svg, table_rows
from . import site_paths as paths
from .knowledge_base import KnowledgeBase
from .load import gc_paused
from .markdown_text import Trusted, blocks, finalize, inline, pick
from .models import Term
from .ratings import SCALE
from .render_helpers import anchor, badge, case_facts, cite, legend, md_link
from .words import EN, words

TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class Site:
    pages: dict[str, str] = field(default_factory=dict)  # Markdown, by MkDocs source path
    files: dict[str, str] = field(default_factory=dict)  # other generated files (SVG, JSON, CSV)
    edit: dict[str, str] = field(default_factory=dict)  # page -> the record file its edit button opens


@pass_context
def link(ctx: Any, text: object, target: str, anchor: str = "") -> Trusted:
    return Trusted(md_link(ctx["page"], text, target, anchor))


@pass_context
def href(ctx: Any, target: str, anchor: str = "") -> Trusted:
    return Trusted(paths.relative(ctx["page"], target, anchor))


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        finalize=finalize,  # every printed value is made inert unless our code built it
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(blocks=blocks, inline=inline, pick=pick, badge=badge)
    env.globals.update(
        rows=table_rows,
        words=EN,
        link=link,
        href=href,
        cite=cite,
        anchor=anchor,
        legend=legend,
        case_facts=case_facts,
        paths=paths,
        SCALE=SCALE,
    )
    return env


class _Terms:
    """Finds glossary terms in a page so it can link to their definitions."""

    def __init__(self, terms: tuple[Term, ...]) -> None:
        self.by_name: dict[str, Term] = {}
        for term in terms:
            for name in [term.term, *term.other_names]:
                self.by_name[pick(name).casefold()] = term

    def found_in(self, markdown: str) -> list[Term]:
        # Link targets, HTML tags and heading ids are not prose: "#driver" is not the term "driver".
        text = _NOT_PROSE.sub("]", markdown).replace("\\", "").casefold()
        found = {term.id: term for name, term in self.by_name.items() if _has_word(text, name)}
        return sorted(found.values(), key=lambda t: pick(t.term).casefold())


_NOT_PROSE = re.compile(r"\]\([^)]*\)|<[^>]+>|\{#[^}]*\}")


def _has_word(text: str, name: str) -> bool:
    r"""``name`` occurs in ``text`` as whole words (not inside "drivers" or "co-driver").

    The same test as the regex ``(?<![\w-])name(?![\w-])`` (a test holds them equal), but
    str.find skips ahead in C and the first hit nearly always stands alone.
    """
    start = text.find(name)
    while start >= 0:
        end = start + len(name)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before in "_-" or after.isalnum() or after in "_-"):
            return True
        start = text.find(name, start + 1)
    return False


@dataclass(frozen=True)
class _Job:
    path: str
    template: str
    glossary: bool
    context: dict[str, Any]


def _render_one(env: Environment, job: _Job, common: dict[str, Any], terms: _Terms) -> str:
    text = env.get_template(job.template).render(page=job.path, **common, **job.context)
    if job.glossary and job.path != "glossary.md":
        found = terms.found_in(text)
        if found:
            links = ", ".join(md_link(job.path, t.term, "glossary.md", t.id) for t in found)
            text = text.rstrip("\n") + f"\n\n---\n\n**{words().terms_on_page}:** {links}\n"
    return text


# Set just before forking, so workers inherit the jobs instead of receiving them pickled.
_SHARED: tuple[Environment, list[_Job], dict[str, Any], _Terms, Callable[[], dict[str, str]]] | None = None
PARALLEL_FROM = 1000  # pages; below this a process pool costs more than it saves


def _render_slice(bounds: tuple[int, int]) -> list[str]:
    assert _SHARED is not None
    env, jobs, common, terms, _ = _SHARED
    return [_render_one(env, job, common, terms) for job in jobs[bounds[0] : bounds[1]]]


def _make_files() -> dict[str, str]:
    assert _SHARED is not None
    return _SHARED[4]()


def _render_jobs(
    jobs: list[_Job], common: dict[str, Any], terms: _Terms, workers: int, make_files: Callable[[], dict[str, str]]
) -> tuple[dict[str, str], dict[str, str]]:
    """Every page, and the files ``make_files`` builds; in worker processes when it pays."""
    global _SHARED
    env = environment()
    if workers < 2 or len(jobs) < PARALLEL_FROM or sys.platform == "win32":
        return {job.path: _render_one(env, job, common, terms) for job in jobs}, make_files()
    for name in {job.template for job in jobs}:
        env.get_template(name)  # compiled once here; the forked workers inherit them
    # Small slices keep both cores busy to the end; the files are a task of their own, so this
    # process stays free to take in results (a busy receiver stalls the workers' pipes). The
    # overview pages that list every case sit at both ends of the list: they go first.
    size = -(-len(jobs) // (workers * 8))
    slices = [(i, i + size) for i in range(0, len(jobs), size)]
    slices.insert(1, slices.pop())
    _SHARED = (env, jobs, common, terms, make_files)
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            files = pool.submit(_make_files)
            texts: list[str] = [""] * len(jobs)
            for (start, end), chunk in zip(slices, pool.map(_render_slice, slices), strict=True):
                texts[start:end] = chunk
            return {job.path: text for job, text in zip(jobs, texts, strict=True)}, files.result()
    finally:
        _SHARED = None


def render_site(
    kb: KnowledgeBase,
    *,
    contributing: str | None = None,
    changed: dict[str, str] | None = None,
    site_url: str = "",
    workers: int = 1,
) -> Site:
    """Every page and file of the site.

    With ``workers`` > 1 and a large collection, pages are rendered in forked processes; the
    result is the same, page for page.

    ``changed`` maps record files to the date they last changed; the newest is the content date
    printed on checklists.
    """
    site = Site()
    changed = changed or {}
    content_date = max(changed.values(), default="an unrecorded date")
    common = {
        "kb": kb,
        "w": words(),
        "changed": changed,
        "site_url": site_url or "this site",
        "content_date": content_date,
    }
    jobs: list[_Job] = []

    def page(path: str, template: str, edit: str | None = None, glossary: bool = True, **context: Any) -> None:
        jobs.append(_Job(path, template, glossary, context))
        if edit:
            site.edit[path] = edit

    page("index.md", "home.md.j2")
    page(paths.CRITERIA_INDEX, "criteria_index.md.j2")
    for criterion in kb.criteria:
        page(
            paths.criterion(criterion.id),
            "criterion.md.j2",
            kb.source_file("criteria", criterion.id),
            criterion=criterion,
        )
    page(paths.CASES_INDEX, "cases_index.md.j2")
    for case in kb.cases:
        source = kb.source_file("cases", case.id)
        page(paths.case(case.id), "case.md.j2", source, case=case, source_file=source)
    page("comparison.md", "comparison.md.j2")
    page(paths.LESSONS_INDEX, "lessons_index.md.j2")
    for lesson in kb.lessons:
        page(paths.lesson(lesson.id), "lesson.md.j2", kb.source_file("lessons", lesson.id), lesson=lesson)
    page(paths.CHECKLISTS_INDEX, "checklists_index.md.j2")
    page(paths.checklist("all"), "checklist.md.j2", glossary=False, criteria=kb.criteria, title="all criteria")
    for criterion in kb.criteria:
        page(
            paths.checklist(criterion.id),
            "checklist.md.j2",
            kb.source_file("criteria", criterion.id),
            glossary=False,
            criteria=(criterion,),
            title=pick(criterion.title),
        )
    page("study.md", "study.md.j2", "content/study.yaml")
    page("policy.md", "policy.md.j2")
    page("conditions.md", "conditions.md.j2")
    page("resilience.md", "resilience.md.j2", "content/study.yaml")
    page("variants.md", "variants.md.j2")
    page("references.md", "references.md.j2")
    page("glossary.md", "glossary.md.j2")
    page("self-assessment.md", "self_assessment.md.j2", glossary=False)
    page("data.md", "data.md.j2", schemas=export.schema_names())

    def files() -> dict[str, str]:
        made = {}
        for case in kb.studied_cases:
            rows = [(pick(c.title), kb.criterion_rating(case, c)) for c in kb.criteria]
            made[paths.profile_svg(case.id)] = svg.profile(f"Criterion profile of {pick(case.name)}", rows)
        return {**made, **export.data_files(kb)}

    with gc_paused():
        pages, made = _render_jobs(jobs, common, _Terms(kb.terms), workers, files)
    site.pages.update(pages)
    site.files.update(made)
    if contributing is not None:
        site.pages["contributing.md"] = contributing
        site.edit["contributing.md"] = "CONTRIBUTING.md"
    funnel = kb.study.funnel
    site.files["assets/funnel.svg"] = svg.funnel(
        [
            (funnel.examples, "practical examples found"),
            (funnel.promising, "promising cases"),
            (funnel.studied, "cases studied in depth"),
        ],
        "Selection of the cases",
    )
    return site
