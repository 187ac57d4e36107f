"""The Jinja environment the page templates render in: its filters, its gettext callables and the
functions templates may call (TEMPLATE_GLOBALS), each printing HTML as a block set aside while the
page renders (markup.block), so Markdown never reads contributor text in it."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context

from generator.pages import case_page, local, markup, names, paths
from generator.pages.pieces import anchor, badge, english_name, full_reference, other_names
from generator.pages.text import Trusted, blocks, finalize, inline, inline_text, pick
from generator.records.knowledge_base import section_anchor
from generator.records.models import Source
from generator.records.ratings import SCALE
from generator.words import gettext, plural

TEMPLATES = Path(__file__).parent / "templates"

# The pages templates link to, by name: paths.CASES_INDEX, paths.case(id), ...
PATHS = SimpleNamespace(
    CASES_INDEX=paths.CASES_INDEX,
    CRITERIA_INDEX=paths.CRITERIA_INDEX,
    LESSONS_INDEX=paths.LESSONS_INDEX,
    CHECKLISTS_INDEX=paths.CHECKLISTS_INDEX,
    SOURCES_INDEX=paths.SOURCES_INDEX,
    ROLES_INDEX=paths.ROLES_INDEX,
    role=paths.role,
    case=paths.case,
    criterion=paths.criterion,
    lesson=paths.lesson,
    source=paths.source,
    checklist=paths.checklist,
)


def run_on(value: object) -> str:
    """A text that continues a sentence after a colon ("...is the WODC/NCTV study: the English
    summary of..."): its first letter lower-case. For texts that open with a common word, not a name."""
    text = pick(value)
    return type(text)(text[:1].lower() + text[1:]) if text[:1].isupper() else text


@pass_context
def link(ctx: Any, text: object, target: str, anchor: str = "") -> Trusted:
    return markup.block(markup.link(ctx["page"], text, target, anchor), inline=True)


@pass_context
def href(ctx: Any, target: str, anchor: str = "") -> Trusted:
    """A Markdown link's target: the target's source file, as every engine resolves it."""
    return Trusted(paths.relative(ctx["page"], target, anchor))


def english(record: object) -> Trusted | None:
    """A record's English name on another edition's page (pieces.english_name), or None."""
    name = english_name(record)
    return markup.block(name, inline=True) if name else None


def foreign(text: str, lang: str | None) -> Trusted:
    """Text in a source's own language, marked as such where it is not the edition's."""
    return markup.block(markup.in_language(text, lang), inline=True)


def section_name(source: Source, section: str) -> Trusted:
    return markup.block(names.section_label(source, section), inline=True)


def external_link(url: str) -> Trusted:
    return markup.block(markup.external_link(url), inline=True)


@pass_context
def legend(ctx: Any) -> Trusted:
    """The ratings in one line, linking the page that explains them."""
    return case_page.legend(ctx["page"])


def reference(source: Any, words: dict[str, str]) -> Trusted:
    return markup.block(full_reference(source, words), inline=True)


def message(key: str, /, **values: object) -> Trusted:
    """A template's ``_(key, name=value)``: the message as Markdown (its text is the project's, as a
    template's is), each value made inert unless our code built it."""
    return Trusted(gettext(key, **_inert(values)))


def plural_message(key: str, key_plural: str, count: int, /, **values: object) -> Trusted:
    """A template's ``ngettext(key, key, count, name=value)``: the form that fits ``count``."""
    return Trusted(plural(key, count, None, **_inert(values)))


def _inert(values: dict[str, object]) -> dict[str, object]:
    return {name: finalize(value) for name, value in values.items()}


# What templates call besides their page's sections (sections.PageContext, passed per page as
# ``sections``): this list is all of it.
TEMPLATE_GLOBALS: dict[str, Any] = {
    "link": link,
    "href": href,
    "section_anchor": section_anchor,
    "full_reference": reference,
    "foreign": foreign,
    "section_name": section_name,
    "other_names": other_names,
    "english_name": english,
    "external_link": external_link,
    "anchor": anchor,
    "legend": legend,
    "later_facts": case_page.later_facts,
    "rule": case_page.rule,
    "ratings_explained": case_page.ratings_explained,
    "paths": PATHS,
    "SCALE": SCALE,
}


@lru_cache(maxsize=1)
def environment() -> Environment:
    # One environment per process: it keeps its compiled templates from build to build (a live
    # preview's rebuild), and recompiles a template whose file changed (auto_reload).
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        finalize=finalize,  # every printed value is made inert unless our code built it
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        extensions=["jinja2.ext.i18n"],
    )
    # _(), gettext() and ngettext() read the edition being rendered (words.edition) when called, so
    # one environment serves both editions; their messages fill in {placeholders} given by name.
    env.install_gettext_callables(message, plural_message, newstyle=False)  # type: ignore[attr-defined]
    env.filters.update(
        blocks=blocks,
        inline=inline,
        inline_text=inline_text,
        run_on=run_on,
        badge=badge,
        date=local.date,
        author=local.author,
        joined=local.joined,
        number=local.number,
        alphabetical=local.alphabetical,
    )
    env.globals.update(TEMPLATE_GLOBALS)
    return env
