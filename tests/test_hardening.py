"""Hostile and malformed input gets a clear error, never a crash, a partial site or a script."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus import (
    EXPECTED,
    INVALID,
    inert_fixtures,
    make_huge,
    make_outside_link,
    place,
    rejected_fixtures,
)
from generator.pages.render import render_site
from generator.records.knowledge_base import build
from generator.records.problems import ContentError
from helpers import (
    CORPUS,
    ENV,
    PY,
    ROOT,
    Page,
    broken_links,
    copy_repo,
    fetch,
    free_port,
    mkdocs_build,
    plugin_config,
    run_cli,
    wait_for,
)
from hostile import HostileSite, assert_inert


def test_every_rejected_fixture_has_its_expected_errors_and_every_expectation_its_fixture() -> None:
    fixtures = {p.relative_to(INVALID).with_suffix("").as_posix() for p in rejected_fixtures()}
    assert fixtures == set(EXPECTED)
    assert all(EXPECTED[name] for name in fixtures)  # each names at least one exact message


@pytest.mark.parametrize("source", rejected_fixtures(), ids=lambda p: p.relative_to(INVALID).as_posix())
def test_rejected_input_names_file_and_line(source: Path, repo: Path) -> None:
    # How fast and in how much memory: `python bench/hostile.py` prints both against their budgets.
    place(source, INVALID, repo)
    outcome = run_cli(repo, "validate")
    assert outcome.returncode == 1
    assert "Traceback" not in outcome.stdout + outcome.stderr
    name = source.relative_to(INVALID).with_suffix("").as_posix()
    for line in EXPECTED[name]:
        assert line in outcome.stdout.splitlines()


@pytest.mark.parametrize("make", [make_huge, make_outside_link], ids=["huge-file", "outside-link"])
def test_generated_hostile_files_are_rejected(make, repo: Path) -> None:
    path = make(repo)
    outcome = run_cli(repo, "validate")
    assert outcome.returncode == 1 and "Traceback" not in outcome.stderr
    expected = {
        "huge-file": "content/cases/huge-file.yaml: is 2,000,021 bytes; a record may be at most 524,288 bytes, so shorten it",
        "outside-link": "content/cases/outside-link.yaml: is a link to a file outside content/; records must live in content/",
    }[path.stem]
    assert expected in outcome.stdout.splitlines()


def test_mkdocs_build_rejects_the_whole_corpus_at_once_and_writes_nothing(repo: Path, tmp_path: Path) -> None:
    for source in rejected_fixtures():
        place(source, INVALID, repo)
    make_huge(repo)
    site = tmp_path / "site"
    result = mkdocs_build(repo, site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for lines in EXPECTED.values():
        for line in lines:
            assert line in result.stderr
    assert "content/cases/huge-file.yaml" in result.stderr
    assert not site.exists() or not any(site.rglob("*.html"))


def test_legal_but_hostile_text_builds_and_renders_inert(hostile_site: HostileSite) -> None:
    site = hostile_site.site  # the inert corpus, built together with test_hostile_text's cases
    for html_path in site.rglob("*.html"):
        assert_inert(html_path.read_text(encoding="utf-8"), str(html_path.relative_to(site)))
    for source in inert_fixtures():
        record = yaml.safe_load(source.read_text(encoding="utf-8-sig"))
        page = Page((site / "cases" / record["id"] / "index.html").read_text(encoding="utf-8"))
        shown = " ".join(record["name"].split())
        assert shown in page.text, record["id"]  # the name is shown as written, as text
    jinja = Page((site / "cases/jinja-syntax/index.html").read_text(encoding="utf-8"))
    assert "{{ 7*7 }}" in jinja.text and "49" not in jinja.text
    heading = (site / "cases/heading-breaker/index.html").read_text(encoding="utf-8")
    assert 'id="injected-id"' not in heading
    assert broken_links(site) == []


# --- property-based: the loader's only outcomes are records or our own error -------------------

VALID_CASE = yaml.safe_load((CORPUS / "content/cases/harbour-lights-festival.yaml").read_text(encoding="utf-8"))
LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(["present", "studied", "PPC practices", "", "netherlands", "<script>"]),
)
VALUES = st.recursive(
    LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


def _paths(data: object, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


@st.composite
def mutated_case(draw: st.DrawFn) -> str:
    data = yaml.safe_load(yaml.safe_dump(VALID_CASE))
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(data) if p]
        path = draw(st.sampled_from(paths))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(VALUES)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=10))] = draw(VALUES)
        if not isinstance(data, dict):
            break
    return yaml.safe_dump(data, allow_unicode=True)


def _only_records_or_our_error(content: Path, text: str | bytes) -> None:
    path = content / "cases" / "harbour-lights-festival.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    try:
        kb = build(content)
        render_site(kb)
    except ContentError as exc:
        assert exc.problems
        assert all(p.path.startswith("content/") for p in exc.problems)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_repo(tmp_path_factory.mktemp("prop") / "repo") / "content"


# Half as many again as Hypothesis' profile gives (150 by default; fewer in `make test-fast`, see conftest).
@settings(
    max_examples=settings.default.max_examples * 3 // 2,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=mutated_case())
def test_mutated_valid_records_give_records_or_our_error(scratch: Path, text: str) -> None:
    _only_records_or_our_error(scratch, text)


@settings(
    max_examples=settings.default.max_examples * 3 // 2,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=st.one_of(st.text(max_size=200), st.binary(max_size=200), st.builds(yaml.safe_dump, VALUES)))
def test_arbitrary_documents_give_records_or_our_error(scratch: Path, text: str | bytes) -> None:
    _only_records_or_our_error(scratch, text)


# --- nothing lost, nothing stale -------------------------------------------------------------


def tree_digest(*folders: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder.parent)): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in folders
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.build
def test_render_build_and_serve_never_write_into_content_or_docs(repo: Path, tmp_path: Path) -> None:
    before = tree_digest(repo / "content", repo / "docs")
    out = tmp_path / "rendered"
    assert run_cli(repo, "render", "--out", str(out)).returncode == 0
    assert (out / "cases/riverside-stadium.md").is_file()
    assert mkdocs_build(repo, tmp_path / "site").returncode == 0
    port = free_port()
    server = subprocess.Popen(
        [PY, "-m", "mkdocs", "serve", "-f", str(repo / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=ENV,
        cwd=repo,
    )
    try:
        assert wait_for(
            lambda: "Riverside Stadium" in fetch(f"http://127.0.0.1:{port}/knowledge-base/cases/riverside-stadium/")
        )
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert tree_digest(repo / "content", repo / "docs") == before
    assert sorted(p.name for p in (repo / "docs").rglob("*.md")) == []


@pytest.mark.build  # two renders and two builds, started here
def test_two_builds_are_byte_identical(repo: Path, tmp_path: Path) -> None:
    env = {**ENV, "SOURCE_DATE_EPOCH": "1700000000"}
    outputs = []
    for run, seed in enumerate(["1", "2"]):
        out = tmp_path / f"md{run}"
        result = subprocess.run(
            [PY, "-m", "generator", "--repo", str(repo), "render", "--out", str(out)],
            env={**env, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        assert result.returncode == 0, result.stderr
        site = tmp_path / f"site{run}"
        result = subprocess.run(
            [PY, "-m", "mkdocs", "build", "--strict", "-f", str(repo / "mkdocs.yml"), "-d", str(site)],
            env={**env, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            cwd=repo,
        )
        assert result.returncode == 0, result.stderr
        outputs.append((tree_digest(out), tree_digest(site)))
    (md_a, html_a), (md_b, html_b) = outputs

    def strip(tree: dict[str, str]) -> dict[str, str]:
        return {k.split("/", 1)[1]: v for k, v in tree.items()}

    assert md_a and strip(md_a) == strip(md_b)
    assert html_a and strip(html_a) == strip(html_b)
    # Pagefind's search index, filters included, is part of what must not change (both editions).
    assert {"pagefind/filter", "nl/pagefind/filter"} <= {k.split("/", 1)[1].rsplit("/", 1)[0] for k in html_a}


def test_file_order_on_disk_does_not_change_the_output(repo: Path) -> None:
    first = render_site(build(repo / "content")).pages
    # Recreate every case file in reverse order: directory listing order changes on most file systems.
    cases = sorted((repo / "content/cases").glob("*.yaml"), reverse=True)
    texts = {p: p.read_bytes() for p in cases}
    for path in cases:
        path.unlink()
    for path in cases:
        path.write_bytes(texts[path])
    assert render_site(build(repo / "content")).pages == first


def test_removing_a_record_removes_its_page_and_every_link_to_it(repo: Path, tmp_path: Path) -> None:
    # A role card, and the one party that names it (lessons are named by steps, roles and cases,
    # whose references validate would then report, as the next test shows for a case).
    stadium = repo / "content/cases/riverside-stadium.yaml"
    stadium.write_text(stadium.read_text(encoding="utf-8").replace("    kind: venue\n", ""), encoding="utf-8")
    (repo / "content/roles/venue.yaml").unlink()
    site = tmp_path / "site"
    assert mkdocs_build(repo, site).returncode == 0
    assert not (site / "roles/venue").exists() and (site / "roles/police/index.html").exists()
    for html in site.rglob("*.html"):
        assert "roles/venue/" not in html.read_text(encoding="utf-8"), html
    assert broken_links(site) == []


def test_renaming_a_case_without_updating_references_is_a_build_error(repo: Path, tmp_path: Path) -> None:
    lesson = next(lesson for lesson in build(repo / "content").lessons if lesson.cases)
    case = lesson.cases[0]
    old = repo / f"content/cases/{case}.yaml"
    new = repo / "content/cases/zz-renamed-case.yaml"
    new.write_text(old.read_text(encoding="utf-8").replace(f"id: {case}", "id: zz-renamed-case"), encoding="utf-8")
    old.unlink()
    result = mkdocs_build(repo, tmp_path / "site")
    assert result.returncode == 1
    assert f"'{case}' is not the id of any case in content/cases/" in result.stderr
    assert f"content/lessons/{lesson.id}.yaml" in result.stderr
    assert not (tmp_path / "site/index.html").exists()


def test_generated_page_colliding_with_a_docs_file_is_an_error(repo: Path) -> None:
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import get_files

    (repo / "docs/glossary.md").write_text("# Hand-written glossary\n")
    # The plugin's own hooks, in process: one edition (no second build started) and no site written.
    config, _ = plugin_config(repo / "mkdocs.yml", plugins={"knowledge-base": {"editions": {}}})
    config.plugins.on_startup(command="build", dirty=False)  # MkDocs' own dispatch of each event
    config = config.plugins.on_config(config)
    with pytest.raises(
        PluginError, match=r"^docs/glossary\.md has the same path as a generated page; remove or rename it$"
    ):
        config.plugins.on_files(get_files(config), config=config)
