"""Tables as each edition reads them (Dutch editor's read B, issue 35): the policy table lists the
countries in the alphabetical order of the edition's names, and the criteria table counts cases in
digits beside its digit column ("2 casussen", never "twee casussen" or "nul casussen")."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from generator.pages.render import render_site
from generator.pages.text import pick
from generator.records.knowledge_base import KnowledgeBase, build
from helpers import CORPUS, page_markdown


def _with_dutch_name(tmp_path: Path, country: str, dutch: str) -> KnowledgeBase:
    shutil.copytree(CORPUS, tmp_path / "kb")
    content = tmp_path / "kb" / "content"
    record = content / "countries" / f"{country}.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(
        re.sub(r"(?m)^name: \{en: (\w+), nl: \w+\}", rf"name: {{en: \1, nl: {dutch}}}", text), encoding="utf-8"
    )
    return build(content)


def _listed(kb: KnowledgeBase, lang: str) -> list[str]:
    page = page_markdown(render_site(kb, lang=lang), "policy.md")
    return re.findall(r"<strong>([^<]+)</strong>", page.split("<table", 1)[1])


def test_the_policy_table_lists_countries_in_the_editions_alphabet(tmp_path: Path) -> None:
    # Arvenland comes first in English; named Zarvenland in Dutch it must come last there, as
    # Duitsland comes before Frankrijk though Germany comes after France.
    kb = _with_dutch_name(tmp_path, "arvenland", "Zarvenland")
    for lang in ("en", "nl"):
        names = [pick(c.name, lang) for c in kb.countries]
        listed = _listed(kb, lang)
        assert sorted(listed) == sorted(names)
        assert listed == sorted(names, key=str.casefold), lang
    assert _listed(kb, "nl")[-1] == "Zarvenland"


def test_the_criteria_table_counts_cases_in_digits_in_both_editions(kb: KnowledgeBase) -> None:
    for lang in ("en", "nl"):
        page = page_markdown(render_site(kb, lang=lang), "criteria/index.md")
        table = page.split("<table", 1)[1].split("</table>", 1)[0]
        counts = re.findall(r'<td data-label="[^"]+">([^<]*cas[^<]*)</td>', table)
        assert counts, table[:400]
        assert all(re.match(r"\d+ ", c) for c in counts), counts
