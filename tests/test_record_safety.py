"""Issue 30's validation findings: a record cannot take a page the site makes, hide characters that
break the feed and pictures, follow a link out of the repository, keep `validate` busy with one
wrong quote, or hide one problem behind another."""

from __future__ import annotations

import dataclasses
from pathlib import Path, PurePosixPath

import pytest

from generator.pages import paths
from generator.pages.render import render_site
from generator.records.knowledge_base import KnowledgeBase, build
from generator.records.models import RESERVED_IDS, TYPES
from generator.records.problems import ContentError


def _problems(repo: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        build(repo / "content")
    return [p.text() for p in caught.value.problems]


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in text)


# --- ids that name a page the site makes ------------------------------------------------------


def test_the_reserved_ids_are_the_pages_the_site_makes_in_each_record_folder(kb: KnowledgeBase) -> None:
    site = render_site(kb)
    ids = {t.folder: {r.id for r in kb.records[t.folder]} for t in TYPES}
    for t in TYPES:
        if not t.own_pages:
            continue
        own = {PurePosixPath(p).stem for p in site.pages if p.startswith(f"{t.folder}/")} - ids[t.folder]
        assert own <= RESERVED_IDS[t.folder], t.folder
    checklists = {PurePosixPath(p).stem for p in site.pages if p.startswith("checklists/")} - ids["criteria"]
    assert checklists <= RESERVED_IDS["criteria"]


def test_a_criterion_named_all_would_replace_the_checklist_of_all_criteria(repo: Path) -> None:
    source = next((repo / "content/criteria").glob("*.yaml"))
    old = source.stem
    (repo / "content/criteria/all.yaml").write_text(
        source.read_text(encoding="utf-8").replace(f"id: {old}", "id: all", 1), encoding="utf-8"
    )
    source.unlink()
    problems = _problems(repo)
    assert (
        "content/criteria/all.yaml:2:1: id: 'all' is the name of a page the site makes itself (checklists/all.md); "
        "a criterion with this id would replace it (choose another id and name the file after it; the site keeps "
        "all, index for pages of its own)"
    ) in problems


def test_two_pages_with_the_same_path_stop_the_render_and_name_the_record(kb: KnowledgeBase) -> None:
    case = kb.cases[0]
    renamed = case.model_copy(update={"id": "index"})
    records = {**kb.records, "cases": (*kb.cases[1:], renamed)}
    files = {**kb.files, ("cases", "index"): "content/cases/index.yaml"}
    hostile = dataclasses.replace(kb, records=records, files=files)
    with pytest.raises(ContentError) as caught:
        render_site(hostile)
    [problem] = caught.value.problems
    assert problem.path == "content/cases/index.yaml"
    assert f"two pages would be written to {paths.output_file(paths.CASES_INDEX)}" in problem.message
    assert "cases_index.md.j2" in problem.message
