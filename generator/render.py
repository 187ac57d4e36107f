"""Render the knowledge base into Markdown pages and companion files, all in memory."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context

from . import export, svg
from . import site_paths as paths
from .knowledge_base import KnowledgeBase
from .markdown_text import Trusted, blocks, finalize, inline, pick
from .models import Case, Fact, Term
from .ratings import RULE, SCALE, Rating
from .words import CASE_FACTS, words

TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class Site:
    pages: dict[str, str] = field(default_factory=dict)  # Markdown, by MkDocs source path
    files: dict[str, str] = field(default_factory=dict)  # other generated files (SVG, JSON, CSV)
    edit: dict[str, str] = field(default_factory=dict)  # page -> the record file its edit button opens


def badge(rating: Rating | str) -> Trusted:
    level = SCALE[Rating(rating)]
    return Trusted(f'<span class="kb-rating kb-rating--{level.rating.value}">{level.symbol}&nbsp;{level.label}</span>')


def case_facts(case: Case) -> list[tuple[str, Fact]]:
    return [(key, getattr(case, key)) for key in CASE_FACTS if getattr(case, key)]


def anchor(ident: str) -> Trusted:
    """An attr_list heading id; ids are validated slugs, so they are safe as they are."""
    return Trusted(f"{{#{ident}}}")


def cite(source: object) -> Trusted:
    return Trusted(f'<span class="kb-source">Source: {inline(source)}</span>')


def legend() -> Trusted:
    items = " ".join(f"{badge(r)} {inline(level.meaning)}<br>" for r, level in SCALE.items())
    return Trusted(f'!!! info "Legend"\n\n    {items}\n\n    {inline(RULE)}\n')


@pass_context
def link(ctx: Any, text: object, target: str, anchor: str = "") -> Trusted:
    return Trusted(f"[{inline(text)}]({paths.relative(ctx['page'], target, anchor)})")


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
        link=link,
        href=href,
        cite=cite,
        anchor=anchor,
        legend=legend,
        case_facts=case_facts,
        paths=paths,
        SCALE=SCALE,
        RULE=RULE,
        Rating=Rating,
        CASE_FACTS=CASE_FACTS,
    )
    return env


class _Terms:
    """Finds glossary terms in a page so it can link to their definitions."""

    def __init__(self, terms: tuple[Term, ...]) -> None:
        self.by_name: dict[str, Term] = {}
        for term in terms:
            for name in [term.term, *term.other_names]:
                self.by_name[pick(name).casefold()] = term
        self.patterns = {name: re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])") for name in self.by_name}

    def found_in(self, markdown: str) -> list[Term]:
        # Link targets, HTML tags and heading ids are not prose: "#driver" is not the term "driver".
        text = re.sub(r"\]\([^)]*\)|<[^>]+>|\{#[^}]*\}", "]", markdown).replace("\\", "").casefold()
        # A substring test rules out most names cheaply; only those left need the word-boundary check.
        found = {
            term.id: term for name, term in self.by_name.items() if name in text and self.patterns[name].search(text)
        }
        return sorted(found.values(), key=lambda t: pick(t.term).casefold())


def render_site(
    kb: KnowledgeBase,
    *,
    contributing: str | None = None,
    changed: dict[str, str] | None = None,
    site_url: str = "",
) -> Site:
    """Every page and file of the site.

    ``changed`` maps record files to the date they last changed; the newest is the content date
    printed on checklists.
    """
    env = environment()
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
    terms = _Terms(kb.terms)

    def page(path: str, template: str, edit: str | None = None, glossary: bool = True, **context: Any) -> None:
        text = env.get_template(template).render(page=path, **common, **context)
        if glossary and path != "glossary.md":
            found = terms.found_in(text)
            if found:
                links = ", ".join(f"[{inline(t.term)}]({paths.relative(path, 'glossary.md', t.id)})" for t in found)
                text = text.rstrip("\n") + f"\n\n---\n\n**{words().terms_on_page}:** {links}\n"
        site.pages[path] = text
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
        if case.status == "studied":
            rows = [(pick(c.title), kb.criterion_rating(case, c)) for c in kb.criteria]
            site.files[paths.profile_svg(case.id)] = svg.profile(f"Criterion profile of {pick(case.name)}", rows)
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
    site.files.update(export.data_files(kb))
    page("self-assessment.md", "self_assessment.md.j2", glossary=False)
    page(
        "data.md",
        "data.md.j2",
        schemas=sorted(n.removeprefix("data/schema/") for n in site.files if n.startswith("data/schema/")),
    )
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
