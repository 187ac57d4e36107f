"""The self-assessment's messages (the catalogs' ``sa_`` keys) have no literal brace. Python fills a
message through str.format, where a literal brace is written ``{{``; the script's words.mjs fill()
replaces each ``{name}`` as it stands and prints ``{{`` doubled. So one rule for both: in an ``sa_``
message every brace belongs to a ``{placeholder}`` (the catalog's header comment says so)."""

from __future__ import annotations

import re

import pytest
from babel.messages.catalog import Message

from generator.tools import catalog as tool
from generator.words import LANGUAGES, catalog_path, read_catalog
from helpers import ROOT

PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


def literal_braces(text: str) -> bool:
    """Whether ``text`` has a brace outside its ``{placeholders}``."""
    return bool(re.search(r"[{}]", PLACEHOLDER.sub("", text)))


def script_messages(lang: str) -> list[Message]:
    return [m for m in read_catalog(lang) if m.id and tool.message_key(m).startswith("sa_")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_self_assessment_message_has_a_literal_brace(lang: str) -> None:
    path = catalog_path(lang).relative_to(ROOT)
    found = [
        f"{path}:{m.lineno} {tool.message_key(m)}: {form!r}"
        for m in script_messages(lang)
        for form in tool.forms(m)
        if literal_braces(form)
    ]
    assert not found, (
        "a self-assessment message (sa_) has a brace that is no {placeholder}; the script prints it as it "
        "stands, so write the text without { or } (a literal brace as {{ would show doubled):\n  " + "\n  ".join(found)
    )


def test_the_check_tells_a_placeholder_from_a_literal_brace() -> None:
    assert not literal_braces("{count} of {total} answered")
    assert [literal_braces(t) for t in ("{{count}}", "a {{ b", "a }} b", "{", "{ count }")] == [True] * 5
    assert len(script_messages("en")) > 100  # the catalog's sa_ messages are found at all
