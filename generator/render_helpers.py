"""Small pieces of trusted Markdown the templates and table rows share."""

from __future__ import annotations

from functools import lru_cache

from . import site_paths as paths
from .markdown_text import Trusted, inline
from .models import Case, Fact
from .ratings import RULE, SCALE, Rating
from .words import CASE_FACTS


def md_link(page: str, text: object, target: str, anchor: str = "") -> str:
    """A Markdown link from one generated page to another, with inert link text."""
    return f"[{inline(text)}]({paths.relative(page, target, anchor)})"


@lru_cache(maxsize=16)
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


@lru_cache(maxsize=1)
def legend() -> Trusted:
    items = " ".join(f"{badge(r)} {inline(level.meaning)}<br>" for r, level in SCALE.items())
    return Trusted(f'!!! info "Legend"\n\n    {items}\n\n    {inline(RULE)}\n')
