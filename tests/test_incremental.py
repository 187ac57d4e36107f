"""A live preview renders only what an edit touches, and exactly what a full build renders."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.pages.build import build_site
from generator.util.incremental import Memo


def _rename(path: Path, suffix: str) -> None:
    """Change a record's shown name (name, term, title or cited_as), in whatever form it is written."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    field = next(f for f in ("name", "term", "title", "cited_as") if f in data)
    value = data[field]
    data[field] = {k: f"{v} {suffix}" for k, v in value.items()} if isinstance(value, dict) else f"{value} {suffix}"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _same(incremental, full) -> None:
    assert incremental.pages == full.pages
    assert list(incremental.pages) == list(full.pages)  # the order MkDocs lists them in, as in the sitemap
    # The exports a preview writes just after the pages: the last ones until then.
    assert incremental.deferred_exports is not None and full.deferred_exports is None
    assert {**incremental.files, **incremental.deferred_exports()} == full.files and incremental.blocks == full.blocks
    assert incremental.facets == full.facets and incremental.edit == full.edit


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_an_incremental_render_equals_a_full_one_after_edits_of_every_kind(repo: Path, lang: str) -> None:
    memo = Memo()
    first = build_site(repo, memo=memo, lang=lang)
    assert memo.rendered == len(first.pages) - 1  # all but the contributing page, which is not rendered
    # Nothing changed: every record page of a cached kind is kept.
    build_site(repo, memo=memo, lang=lang)
    kept_pages = len(first.pages) - 1 - memo.rendered
    assert kept_pages >= len(list((repo / "content/cases").glob("*.yaml")))
    kinds = sorted(p.name for p in (repo / "content").iterdir() if p.is_dir())
    for number, kind in enumerate(kinds):
        record = sorted((repo / "content" / kind).glob("*.yaml"))[0]
        _rename(record, f"edited {number}")
        _same(build_site(repo, memo=memo, lang=lang), build_site(repo, lang=lang))
    # A case added, then one removed.
    cases = sorted((repo / "content/cases").glob("*.yaml"))
    copy = cases[0].read_text(encoding="utf-8").replace(f"id: {cases[0].stem}", "id: zz-added-case", 1)
    (repo / "content/cases/zz-added-case.yaml").write_text(copy, encoding="utf-8")
    _same(build_site(repo, memo=memo, lang=lang), build_site(repo, lang=lang))
    (repo / "content/cases/northgate-station.yaml").unlink()  # a case no lesson names
    _same(build_site(repo, memo=memo, lang=lang), build_site(repo, lang=lang))


def test_a_saved_case_renders_its_page_and_the_pages_that_list_it_not_the_other_cases(repo: Path) -> None:
    memo = Memo()
    first = build_site(repo, memo=memo)
    cases = sorted((repo / "content/cases").glob("*.yaml"))
    _rename(cases[0], "edited")
    build_site(repo, memo=memo)
    # Every other case page is kept; its own page and the pages of other kinds are rendered.
    assert memo.rendered == len(first.pages) - 1 - (len(cases) - 1)
