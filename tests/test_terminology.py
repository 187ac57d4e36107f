"""One Dutch term per concept (issue 35): the terms in generator/locale/nl/terminology.yaml are the
table in CONTRIBUTING.nl.md, and every Dutch interface word and template is held to them. Records are
held to them by `validate` (a warning, tests/warnings/cases/rejected-dutch-term.yaml); the built
Dutch pages by tests/test_house_style.py. No Dutch word of the site writes an ISO date."""

from __future__ import annotations

import re

import pytest

from generator.pages.environment import TEMPLATES
from generator.records.terminology import rejected_in, terms
from generator.tools.catalog import forms, message_key
from generator.tools.terminology import GUIDE, with_table
from generator.words import read_catalog

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def dutch_messages() -> dict[str, str]:
    return {message_key(m): " | ".join(forms(m)) for m in read_catalog("nl") if m.id}


def test_the_guides_table_of_terms_is_written_from_the_data() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    assert with_table(guide) == guide, "run python -m generator.tools.terminology --update"
    for term in terms():
        assert f"| {term.dutch} |" in guide
        for rejected in term.rejected:
            assert f"‘{rejected.variant}’" in guide


def test_a_rejected_variant_is_found_as_a_whole_word_in_any_case_unless_an_allowed_phrase_holds_it() -> None:
    found = [f.rejected.variant for f in rejected_in("Uw Lacunes, Getoetst\ndoor: een eigenaar; de sectie")]
    assert found == ["getoetst door", "sectie", "lacunes", "eigenaar"]
    assert not list(rejected_in("samen eigenaar zijn van het probleem, mede-eigenaar, eigenaarschap, lacuneus"))
    assert not list(rejected_in("de interpretatie van deze kennisbank; het onderzoek heeft de casus getoetst"))
    every = {r.variant for t in terms() for r in t.rejected}
    assert {"zelfevaluatie", "lacune", "getoetst door"} <= every  # the variants issue 35 names


def test_no_dutch_interface_word_uses_a_rejected_variant() -> None:
    found = {key: [f.rejected.variant for f in rejected_in(text)] for key, text in dutch_messages().items()}
    assert {key: variants for key, variants in found.items() if variants} == {}


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.j2")))
def test_no_templates_own_text_uses_a_rejected_variant(template: str) -> None:
    # Templates hold their words in the catalogs; what text they hold outside tags is checked too.
    text = re.sub(r"(?s)\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", " ", (TEMPLATES / template).read_text(encoding="utf-8"))
    assert not [f.rejected.variant for f in rejected_in(text)]


def test_no_dutch_interface_word_writes_an_iso_date() -> None:
    # Prints and exports take their words from the catalog: a date there is written out ("30 november
    # 2026"); only a format a reader types (JJJJ-MM-DD) may look like one.
    dated = {key: text for key, text in dutch_messages().items() if ISO_DATE.search(text)}
    assert dated == {}


def test_the_guides_prose_names_a_rejected_variant_only_as_what_not_to_write() -> None:
    # The guide's own advice must agree with its table: "*persoonlijk*, niet *in persoon*" may name a
    # rejected variant, "*in persoon*, niet *van aangezicht tot aangezicht*" recommends it.
    guide = GUIDE.read_text(encoding="utf-8")
    prose = "\n".join(line for line in guide.split("\n") if not line.startswith("|"))
    recommended = []
    for found in rejected_in(prose):
        words = r"\s+".join(re.escape(w) for w in found.rejected.variant.split())
        for match in re.finditer(rf"(?<![\w-]){words}(?![\w-])", prose, re.IGNORECASE):
            clause = re.split(r"[;:.]\s", prose[: match.start()])[-1]
            if not re.search(r"\bniet\b", clause):
                recommended.append(found.rejected.variant)
    assert recommended == []
