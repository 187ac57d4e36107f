"""Hostile contributor text: the payload, how it is put into a record, and what "inert" means in HTML."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpers import Page

HOSTILE = (
    "<script>alert(1)</script><img src=x onerror=alert(2)>[x](javascript:alert(3))"
    '<iframe src="//evil.example"></iframe><a href="javascript:alert(5)">a</a>'
    "![i](data:text/html,x)<javascript:alert(6)> | pipe |\n"
    "# h {: onclick=alert(4) } {{ jinja }} {% raw %}\n\n"
    "- li\n1. li\n> q\n<div onmouseover=alert(7)>x</div>"
)
# Fields whose values are ids, fixed choices or section names: the schema rejects free text there.
NOT_FREE_TEXT = {
    "id",
    "former_ids",
    "lang",
    "status",
    "country",
    "rating",
    "source",
    "section",
    "sector",
    "assessed_by",
    "kind",  # a party's role card, a lesson's kind
    "lesson",
    "basis",
}
# Fields kept whole: reader keywords are plain words, and validate refuses markup in them.
KEPT_WHOLE = {"keywords"}


def poison(data: Any, key: str = "") -> Any:
    if isinstance(data, dict):
        return {k: v if k in KEPT_WHOLE else poison(v, k) for k, v in data.items()}
    if isinstance(data, list):
        return [poison(v, key) for v in data]
    if isinstance(data, str) and key not in NOT_FREE_TEXT:
        return HOSTILE
    return data


def english_only(data: Any) -> Any:
    """The record as a contributor writing English only would give it: every text a plain string."""
    if isinstance(data, dict):
        if data and set(data) <= {"en", "nl"}:
            return data["en"]
        # Nor does such a contributor render quotes in Dutch.
        return {k: english_only(v) for k, v in data.items() if k != "translation"}
    if isinstance(data, list):
        return [english_only(v) for v in data]
    return data


def assert_inert(html: str, where: str) -> None:
    page = Page(html)
    for tag, attrs in page.tags:
        assert tag not in ("iframe", "object", "embed"), where
        for name, value in attrs.items():
            assert not name.startswith("on"), f"{where}: <{tag} {name}>"
            if name in ("href", "src", "action", "formaction") and value:
                assert not value.strip().lower().startswith(("javascript:", "data:", "vbscript:")), f"{where}: {value}"
    # The only scripts are Material's and ours, none carrying the contributor's payload.
    for chunk in html.split("<script")[1:]:
        assert "alert(" not in chunk.split("</script>")[0], where


@dataclass(frozen=True)
class HostileSite:
    """A site built from hostile but legal content (conftest's `hostile_site`)."""

    site: Path
    poisoned: str  # a case whose every free text, in both languages, is HOSTILE
    untranslated: str  # a case made English-only, then poisoned
    first_criterion: str  # the id of the first criterion the poisoned case is assessed on
    indicators: int  # how many indicators that criterion has
