"""The contributor docs say what is true: the served address, the home of source texts, writing in
Dutch, the rating ids beside the words pages print (in both guides), and a current PR template."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
import yaml

from generator.records.ratings import Rating
from generator.words import table
from helpers import ROOT

EN, NL = table("en"), table("nl")

GUIDES = {"en": ROOT / "CONTRIBUTING.md", "nl": ROOT / "CONTRIBUTING.nl.md"}


def _served() -> str:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    site_url = next(line.split(":", 1)[1].strip() for line in config.splitlines() if line.startswith("site_url:"))
    return f"http://127.0.0.1:8000{urlparse(site_url).path}"


def test_both_guides_give_the_served_address_the_texts_folder_and_writing_in_dutch() -> None:
    assert _served() == "http://127.0.0.1:8000/knowledge-base/"
    for guide in GUIDES.values():
        text = guide.read_text(encoding="utf-8")
        assert _served() in text, guide.name
        assert "texts/" in text and "--text" in text and "full_text" in text, guide.name
        assert "lang: nl" in text and "--repo" in text, guide.name
        assert "propose-a-case.yml" in text, guide.name
        assert "propose-a-source.yml" in text, guide.name  # the form route can take a new source


def test_both_guides_name_each_rating_id_with_the_words_pages_print() -> None:
    english, dutch = (g.read_text(encoding="utf-8") for g in GUIDES.values())
    for rating in Rating:
        assert f"`{rating.value}`" in english and f"`{rating.value}`" in dutch
        assert NL[f"rating_{rating.value}"] in dutch, rating
        assert EN[f"rating_{rating.value}"] in dutch, rating
    assert '"Partly present"' in english and '"Not known"' in english


def test_the_pull_request_template_points_at_each_sources_sections() -> None:
    template = (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")
    assert "content/study.yaml" not in template
    assert "content/sources/<id>.yaml" in template and "texts/" in template
    assert _served() in template


def test_the_proposal_workflow_never_expands_the_issue_into_a_command() -> None:
    workflow = (ROOT / ".github/workflows/propose-a-case.yml").read_text(encoding="utf-8")
    steps = [s for job in yaml.safe_load(workflow)["jobs"].values() for s in job["steps"]]
    for step in steps:
        assert "github.event.issue.body" not in step.get("run", ""), step
        assert "github.event.issue.title" not in str(step), step
    assert any("from-issue" in step.get("run", "") for step in steps)


@pytest.mark.parametrize("guide", ["CONTRIBUTING.md"])  # the Dutch guide points to the scaffold instead
def test_the_guides_table_of_case_fields_names_every_field_of_the_model(guide: str) -> None:
    """The table of a case's fields is written by hand: a field added to the model must appear in it
    (code review, old point 16: nothing failed when it went stale)."""
    from generator.records.models import Case

    text = (ROOT / guide).read_text(encoding="utf-8")
    named = set(re.findall(r"^\|([^|]*)\|", text, flags=re.M))
    fields = {f for row in named for f in re.findall(r"`([a-z_]+)`", row)}
    missing = sorted(set(Case.model_fields) - fields - {"id", "lang", "former_ids"})
    assert not missing, f"{guide}'s table of case fields lacks {missing}"


@pytest.mark.parametrize("guide", GUIDES)
def test_each_numbered_step_of_a_guide_stays_in_its_list(guide: str) -> None:
    # A continuation paragraph indented by three spaces ends Python-Markdown's list, and the next
    # steps ("2. The case.", "3. Cite.") then print as plain text inside a paragraph (issue 35, N15).
    import markdown

    html = markdown.markdown(
        GUIDES[guide].read_text(encoding="utf-8"), extensions=["admonition", "attr_list", "md_in_html", "tables"]
    )
    stray = re.findall(r"<p>[^<]*?\b\d+\. <strong>", html) + re.findall(r"\n\d+\. <strong>", html)
    assert not stray, stray
    items = [len(re.findall(r"<li>", ol)) for ol in re.findall(r"(?s)<ol>.*?</ol>", html)]
    assert items.count(1) == 0, items  # no list of one step cut off from its siblings
