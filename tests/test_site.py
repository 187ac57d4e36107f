"""A real `mkdocs build --strict` of the repository: pages, ratings, backlinks and links."""

from __future__ import annotations

from pathlib import Path

from generator.pages.pieces import label
from generator.pages.render import render_site
from generator.pages.text import pick
from generator.records.knowledge_base import KnowledgeBase
from generator.records.ratings import SCALE
from helpers import broken_links, read_page


def test_strict_build_has_no_warnings_and_every_internal_link_resolves(built_site: Path) -> None:
    assert (built_site / "index.html").exists()
    assert broken_links(built_site) == []


def test_case_page_shows_every_criterion_and_indicator_with_rating_finding_and_source(
    kb: KnowledgeBase, built_site: Path
) -> None:
    case = kb.case("johan-cruijff-arena")
    page = read_page(built_site, "cases/johan-cruijff-arena")
    for criterion in kb.criteria:
        assert criterion.id in page.ids  # the section the matrix and criterion pages link to
        assert f"../../criteria/{criterion.id}/" in page.links
        for indicator in criterion.indicators:
            entry = case.assessment[criterion.id][indicator.id]
            assert f"../../criteria/{criterion.id}/#{indicator.id}" in page.links
            assert " ".join(pick(entry.finding).split()) in page.text
    # The study's verdicts: no covenant, no driver, no accountability to an elected body.
    html = (built_site / "cases/johan-cruijff-arena/index.html").read_text()
    row = html.split('href="../../criteria/responsibilities-and-steering/#driver"')[1].split("</tr>")[0]
    assert "kb-rating--absent" in row and "○&nbsp;Absent" in row
    assert "Johan Cruijff ArenA" in page.text and "MOJO Concerts" in page.text


def test_parties_table_lists_sector_and_role(built_site: Path) -> None:
    page = read_page(built_site, "cases/nijmegen-four-day-march")
    assert "Nijmeegse Vierdaagse" in page.text  # other names are on the page, so search finds them
    assert "GHOR" in page.text and "Public" in page.text and "Private" in page.text


def test_criterion_page_links_back_to_every_studied_case(kb: KnowledgeBase, built_site: Path) -> None:
    for criterion in kb.criteria:
        page = read_page(built_site, f"criteria/{criterion.id}")
        for case in kb.assessed_cases:
            assert f"../../cases/{case.id}/#{criterion.id}" in page.links
        for indicator in criterion.indicators:
            assert indicator.id in page.ids


def test_matrix_cells_carry_the_derived_rating_and_link_to_the_finding(kb: KnowledgeBase) -> None:
    site = render_site(kb)
    matrix = site.markdown("comparison.md")
    for case in kb.assessed_cases:
        for criterion in kb.criteria:
            level = SCALE[kb.criterion_rating(case, criterion)]
            cell = (
                f'<a href="../cases/{case.id}/#{criterion.id}"><span class="kb-rating kb-rating--{level.rating.value}">'
                f"{level.symbol}&nbsp;{label(level.rating)}</span></a>"
            )
            assert cell in matrix


def test_ratings_follow_the_studys_verdicts(kb: KnowledgeBase) -> None:
    def present(case_id: str) -> int:
        case = kb.case(case_id)
        return sum(case.assessment[c.id][i.id].rating.value == "present" for c, i in kb.indicators)

    assert present("antwerp-diamond-quarter") > present("nijmegen-four-day-march") > present("johan-cruijff-arena")
    arena = kb.case("johan-cruijff-arena")
    for criterion_id, indicator_id in [
        ("organisation-and-dynamic", "written-agreement"),
        ("responsibilities-and-steering", "driver"),
        ("connection-to-government", "accountability"),
        ("organisation-and-dynamic", "complete-network"),
    ]:
        assert arena.assessment[criterion_id][indicator_id].rating.value == "absent"


def test_rating_shown_as_symbol_colour_class_and_label_with_a_legend(built_site: Path) -> None:
    html = (built_site / "comparison/index.html").read_text()
    for level, name in zip(SCALE.values(), ("Present", "Partly present", "Absent", "Not known"), strict=True):
        assert f'kb-rating--{level.rating.value}">{level.symbol}&nbsp;{name}' in html
    assert "Legend" in html and "average of 1.5 or more is present" in html


def test_edit_button_opens_the_yaml_record(built_site: Path) -> None:
    html = (built_site / "cases/antwerp-diamond-quarter/index.html").read_text()
    assert (
        'href="https://github.com/ppc-soft-targets/knowledge-base/edit/main/content/cases/antwerp-diamond-quarter.yaml"'
        in html
    )
    html = (built_site / "criteria/cultural-characteristics/index.html").read_text()
    assert "edit/main/content/criteria/cultural-characteristics.yaml" in html


def test_navigation_does_not_list_individual_cases(built_site: Path) -> None:
    # The glossary's own text links to no case, so any case link on it would come from the nav.
    page = read_page(built_site, "glossary")
    assert "../cases/" in page.links
    assert not [link for link in page.links if "cases/antwerp-diamond-quarter" in link or "lessons/put-" in link]


def test_render_command_writes_the_same_markdown_to_a_folder(kb: KnowledgeBase, tmp_path: Path) -> None:
    from helpers import ROOT, run_cli

    result = run_cli(ROOT, "render", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    written = (tmp_path / "out/cases/antwerp-diamond-quarter.md").read_text()
    assert written.startswith('---\ntitle: "Antwerp Diamond Quarter"\n')  # front matter first
    assert "\n---\n\n# Antwerp Diamond Quarter\n" in written
    assert (tmp_path / "out/assets/profiles/antwerp-diamond-quarter.svg").exists()


def test_a_text_field_can_carry_a_dutch_translation_beside_the_english(repo: Path) -> None:
    from generator.records.knowledge_base import build

    path = repo / "content/cases/rtr-nl.yaml"
    path.write_text(
        path.read_text().replace("name: {en: RTR-NL, nl: RTR-NL}", "name: {en: RTR-NL, nl: RTR-NL (Nederlands)}"),
        encoding="utf-8",
    )
    kb = build(repo / "content")
    assert kb.case("rtr-nl").name == {"en": "RTR-NL", "nl": "RTR-NL (Nederlands)"}
    page = render_site(kb).markdown("cases/rtr-nl.md")
    assert page.startswith("# RTR-NL\n")
    assert "Nederlands" not in page  # the English edition shows the English text


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


def test_case_page_quotes_the_evidence_and_links_the_source_section(built_site: Path) -> None:
    html = (built_site / "cases/johan-cruijff-arena/index.html").read_text(encoding="utf-8")
    assert "<q>the PPC is also missing a formal driver</q>" in html
    assert 'href="../../sources/wodc-soft-targets/#ppc-practices-johan-cruijff-arena"' in html
    assert "Assessed in the study" in html and "not a table the study printed" in html
    source = read_page(built_site, "sources/wodc-soft-targets")
    assert (
        "Kenniswerkplaats Veiligheid en Veerkracht (VU Amsterdam, Verwey-Jonker Instituut) (n.d.). Report."
        in source.text
    )
    assert "ppc-practices-johan-cruijff-arena" in source.ids
    assert any(link.endswith("cases/johan-cruijff-arena/") for link in source.links)
    comparison = read_page(built_site, "comparison").text
    assert "almost all criteria for success" in comparison and "This holds less true" in comparison


# Case fields that the case page does not print as written, and why.
NOT_SHOWN = {
    "id": "it is the page's address",
    "country": "shown as the country record's name",
    "former_ids": "their addresses redirect to the page",
}


def test_every_case_field_is_shown_on_its_page_or_listed_as_not_shown(repo: Path) -> None:
    import yaml

    from generator.pages.render import render_site
    from generator.records.knowledge_base import build
    from generator.records.models import CASE_FACTS, Case

    def fact(mark: str) -> dict:
        return {"text": mark, "cite": [{"source": "wodc-soft-targets", "section": "Problem", "quote": f"Q{mark}"}]}

    kb = build(repo / "content")
    record = {
        "id": "every-field",
        "name": "MARKname",
        "other_names": ["MARKother"],
        "country": "netherlands",
        "place": "MARKplace",
        "target": "MARKtarget",
        "status": "studied",
        "status_reason": fact("MARKreason"),
        "assessed_by": "study",
        "summary": fact("MARKsummary"),
        "verdict": fact("MARKverdict"),
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
    page = render_site(build(repo / "content")).markdown("cases/every-field.md")
    shown = {
        "name": ["MARKname"],
        "other_names": ["MARKother"],
        "place": ["MARKplace"],
        "target": ["MARKtarget"],
        "status": ["Studied in depth"],
        "status_reason": ["MARKreason", "QMARKreason"],
        "assessed_by": ["Assessed in the study"],
        "summary": ["MARKsummary", "QMARKsummary"],
        "verdict": ["MARKverdict", "QMARKverdict"],
        "parties": ["MARKparty", "MARKpartyother", "MARKrole"],
        **{name: [f"MARK{name.replace('_', '')}", f"QMARK{name.replace('_', '')}"] for name in CASE_FACTS},
        "assessment": [f"MARKfinding{i.id}" for _, i in kb.indicators]
        + [f"QMARKfinding{i.id}" for _, i in kb.indicators],
    }
    assert set(Case.model_fields) == set(shown) | set(NOT_SHOWN)
    missing = {field: mark for field, marks in shown.items() for mark in marks if mark not in page}
    assert missing == {}
    assert "Netherlands" in page
