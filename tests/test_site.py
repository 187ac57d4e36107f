"""A real `mkdocs build --strict` of the repository: pages, ratings, backlinks and links."""

from __future__ import annotations

from pathlib import Path

from generator.pages.pieces import label
from generator.pages.render import render_site
from generator.pages.text import pick
from generator.records.knowledge_base import KnowledgeBase, section_anchor
from generator.records.ratings import SCALE
from generator.words import table
from helpers import CORPUS, ROOT, broken_links, page_markdown, plain_quote, read_page, without_source_texts

EN = table("en")


def test_strict_build_has_no_warnings_and_every_internal_link_resolves(built_site: Path) -> None:
    assert (built_site / "index.html").exists()
    assert broken_links(built_site) == []


def test_case_page_shows_every_criterion_and_indicator_with_rating_finding_and_source(
    kb: KnowledgeBase, built_site: Path
) -> None:
    html_of = {case.id: (built_site / f"cases/{case.id}/index.html").read_text() for case in kb.assessed_cases}
    for case in kb.assessed_cases:
        page = read_page(built_site, f"cases/{case.id}")
        for criterion in kb.criteria:
            assert criterion.id in page.ids  # the section the matrix and criterion pages link to
            assert f"../../criteria/{criterion.id}/" in page.links
            for indicator in criterion.indicators:
                entry = case.assessment[criterion.id][indicator.id]
                assert f"../../criteria/{criterion.id}/#{indicator.id}" in page.links
                assert " ".join(pick(entry.finding).split()) in page.text
                # The indicator's row carries its rating.
                row = html_of[case.id].split(f'href="../../criteria/{criterion.id}/#{indicator.id}"')[1]
                assert f"kb-rating--{entry.rating.value}" in row.split("</tr>")[0], (case.id, indicator.id)
        assert " ".join(pick(case.name).split()) in page.text
        assert all(" ".join(pick(party.name).split()) in page.text for party in case.parties), case.id


def test_parties_table_lists_names_sector_and_role(kb: KnowledgeBase, built_site: Path) -> None:
    for case in kb.cases:
        text = read_page(built_site, f"cases/{case.id}").text
        # Other names are on the page, so search finds them.
        assert all(" ".join(pick(name).split()) in text for name in case.other_names), case.id
        for party in case.parties:
            assert " ".join(pick(party.name).split()) in text, (case.id, party.name)
            assert EN[f"sector_{party.sector}"] in text, (case.id, party.sector)


def test_criterion_page_links_back_to_every_studied_case(kb: KnowledgeBase, built_site: Path) -> None:
    for criterion in kb.criteria:
        page = read_page(built_site, f"criteria/{criterion.id}")
        for case in kb.assessed_cases:
            assert f"../../cases/{case.id}/#{criterion.id}" in page.links
        for indicator in criterion.indicators:
            assert indicator.id in page.ids


def test_matrix_cells_carry_the_derived_rating_and_link_to_the_finding(kb: KnowledgeBase) -> None:
    site = render_site(kb)
    matrix = page_markdown(site, "comparison.md")
    for case in kb.assessed_cases:
        for criterion in kb.criteria:
            level = SCALE[kb.criterion_rating(case, criterion)]
            cell = (
                f'<a href="../cases/{case.id}/#{criterion.id}"><span class="kb-rating kb-rating--{level.rating.value}">'
                f"{level.symbol}&nbsp;{label(level.rating)}</span>"
            )
            # then the link closes, after the mark of a rating resting on an inference where there is one
            mark = '<sup class="kb-inferred-mark"' if kb.inferred(case, criterion) else "</a>"
            assert cell + mark in matrix


def test_rating_shown_as_symbol_colour_class_and_label_with_a_legend(built_site: Path) -> None:
    html = (built_site / "comparison/index.html").read_text()
    for level, name in zip(SCALE.values(), ("Present", "Partly present", "Absent", "Not known"), strict=True):
        assert f'kb-rating--{level.rating.value}">{level.symbol}&nbsp;{name}' in html
    # The legend is one line that links the page explaining the scale and the rule, which says them.
    assert 'class="kb-legend"' in html and 'href="../ratings/"' in html and "average of 1.5" not in html
    explained = (built_site / "ratings/index.html").read_text()
    assert "average of 1.5 or more is present" in explained
    for level in SCALE.values():
        assert f"kb-rating--{level.rating.value}" in explained


def test_edit_button_opens_the_yaml_record(kb: KnowledgeBase, built_site: Path) -> None:
    for folder, record in (("cases", kb.cases[0]), ("criteria", kb.criteria[0])):
        html = (built_site / folder / record.id / "index.html").read_text()
        edit = f"https://github.com/ppc-soft-targets/knowledge-base/edit/main/content/{folder}/{record.id}.yaml"
        assert f'href="{edit}"' in html, record.id


def test_navigation_does_not_list_individual_cases(kb: KnowledgeBase, built_site: Path) -> None:
    # The glossary's own text links to no case or lesson, so such a link on it would come from the nav.
    page = read_page(built_site, "glossary")
    assert "../cases/" in page.links
    records = [f"cases/{c.id}/" for c in kb.cases] + [f"lessons/{lesson.id}/" for lesson in kb.lessons]
    assert not [link for link in page.links if any(link.endswith(r) for r in records)]


def test_render_command_writes_the_same_markdown_to_a_folder(kb: KnowledgeBase, tmp_path: Path) -> None:
    from helpers import run_cli

    result = run_cli(CORPUS, "render", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    case = kb.cases[0]
    written = (tmp_path / f"out/cases/{case.id}.md").read_text()
    assert written.startswith("---\ntitle: ")  # front matter first
    assert f"\n---\n\n# {pick(case.name)}\n" in written
    assert (tmp_path / f"out/assets/profiles/{case.id}.svg").exists()


def test_a_text_field_can_carry_a_dutch_translation_beside_the_english(repo: Path) -> None:
    import shutil

    import yaml

    from generator.records.knowledge_base import build

    # The contributed fixture's case, its name given in both languages.
    shutil.copytree(ROOT / "tests/fixtures/contributed", repo, dirs_exist_ok=True)
    path = repo / "content/cases/harbour-festival.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["name"] = {"en": "Harbour Festival", "nl": "Havenfestival"}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    kb = build(repo / "content")
    assert kb.case("harbour-festival").name == {"en": "Harbour Festival", "nl": "Havenfestival"}
    page = page_markdown(render_site(kb), "cases/harbour-festival.md")
    assert page.startswith("# Harbour Festival\n")
    assert "Havenfestival" not in page  # the English edition shows the English text


def test_no_page_shows_unrendered_markdown_link_syntax(built_site: Path) -> None:
    """A Markdown link left as text, like '[Name](cases/x.md)' under a picture, is a defect."""
    import re

    shown = []
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        html = re.sub(r"(?s)<(script|style|code|pre)\b.*?</\1>", "", html)
        text = re.sub(r"<[^>]+>", " ", html)
        if re.search(r"\]\([^)\s]+\.md(#[^)]*)?\)", text):
            shown.append(path.relative_to(built_site).as_posix())
    assert shown == []


def test_case_page_quotes_the_evidence_and_links_the_source_section(kb: KnowledgeBase, built_site: Path) -> None:
    case, _, cited = plain_quote(kb)
    html = (built_site / f"cases/{case.id}/index.html").read_text(encoding="utf-8")
    assert f"<q>{cited.quote}</q>" in html or f">{cited.quote}</q>" in html
    anchor = section_anchor(cited.section)
    assert f'href="../../sources/{cited.source}/#{anchor}"' in html
    if case.assessed_by == "study":
        assert EN["rated_by_study"] in read_page(built_site, f"cases/{case.id}").text
    assert "not a table the study printed" in (built_site / "ratings/index.html").read_text(encoding="utf-8")
    source = kb.source(cited.source)
    page = read_page(built_site, f"sources/{source.id}")
    # The reference states only what the record holds: its authors and its date, or "n.d." without one.
    when = source.date or (str(source.year) if source.year else "n.d.")
    authors = "; ".join(" ".join(pick(a, source.language).split()) for a in source.authors)
    assert f"{authors} ({when})" in page.text
    assert anchor in page.ids
    assert any(link.endswith(f"cases/{case.id}/") for link in page.links)
    # Each source's own verdict on its cases stands below the comparison.
    comparison = read_page(built_site, "comparison").text
    for case in kb.assessed_cases:
        if case.verdict:
            assert " ".join(" ".join(pick(case.verdict.text).split()).split()[:6]) in comparison, case.id


# Case fields that the case page does not print as written, and why.
NOT_SHOWN = {
    "id": "it is the page's address",
    "country": "shown as the country record's name",
    "former_ids": "their addresses redirect to the page",
    "keywords": "the theme shows them at the page's foot ('Also searched as') and search indexes them",
    "lang": "it is the language the record's plain texts are in, marked on them (lang=...), not printed",
}


def test_every_case_field_is_shown_on_its_page_or_listed_as_not_shown(repo: Path) -> None:
    import yaml

    from generator.pages.render import render_site
    from generator.records.knowledge_base import build
    from generator.records.models import CASE_FACTS, Case

    def fact(mark: str) -> dict:
        section = {"section": source.sections[0]} if source.sections else {}
        quoted = {"quote": f"Q{mark}", "translation": {"nl": f"NLQ{mark}"}}  # the study is English
        return {"text": mark, "cite": [{"source": source.id, **section, **quoted}]}

    kb = build(repo / "content")
    source = kb.study_source
    without_source_texts(repo)  # the marks stand where quotes do, so they need not stand in the text
    record = {
        "id": "every-field",
        "name": "MARKname",
        "other_names": ["MARKother"],
        "country": "arvenland",
        "place": "MARKplace",
        "target": "MARKtarget",
        "status": "studied",
        "status_reason": fact("MARKreason"),
        "assessed_by": "study",
        "summary": fact("MARKsummary"),
        "verdict": fact("MARKverdict"),
        "shows": [{**fact(f"MARKshows{n}"), "lesson": kb.lessons[0].id} for n in range(3)],
        "parties": [
            {
                "name": "MARKparty",
                "other_names": ["MARKpartyother"],
                "sector": "public",
                **fact("x"),
                "role": "MARKrole",
            }
        ],
        **{name: fact(f"MARK{name.replace('_', '')}") for name in CASE_FACTS},  # no Markdown escapes
        "assessment": {
            c.id: {i.id: {"rating": "present", **fact(f"MARKfinding{i.id}")} for i in c.indicators} for c in kb.criteria
        },
    }
    for entry in record["assessment"].values():
        for value in entry.values():
            value["finding"] = value.pop("text")
    del record["parties"][0]["text"]
    (repo / "content/cases/every-field.yaml").write_text(yaml.safe_dump(record, sort_keys=False), encoding="utf-8")
    page = page_markdown(render_site(build(repo / "content")), "cases/every-field.md")
    shown = {
        "name": ["MARKname"],
        "other_names": ["MARKother"],
        "place": ["MARKplace"],
        "target": ["MARKtarget"],
        "status": ["Studied in depth"],
        "status_reason": ["MARKreason", "QMARKreason"],
        "assessed_by": [EN["rated_by_study"]],
        "summary": ["MARKsummary", "QMARKsummary"],
        "verdict": ["MARKverdict", "QMARKverdict"],
        "shows": [f"MARKshows{n}" for n in range(3)] + [f"QMARKshows{n}" for n in range(3)],
        "parties": ["MARKparty", "MARKpartyother", "MARKrole"],
        **{name: [f"MARK{name.replace('_', '')}", f"QMARK{name.replace('_', '')}"] for name in CASE_FACTS},
        "assessment": [f"MARKfinding{i.id}" for _, i in kb.indicators]
        + [f"QMARKfinding{i.id}" for _, i in kb.indicators],
    }
    assert set(Case.model_fields) == set(shown) | set(NOT_SHOWN)
    missing = {field: mark for field, marks in shown.items() for mark in marks if mark not in page}
    assert missing == {}
    assert "Arvenland" in page
