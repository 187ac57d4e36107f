"""Session fixtures, and the markers that split the fast loop from the full suite.

`make test-fast` runs ``-m "not build and not browser"``: everything that needs no MkDocs build,
no server, no subprocess of the CLI and no browser. The marks are given here, not by hand:

- a test that uses a fixture which builds, serves or drives a browser (below) gets ``build`` or
  ``browser``;
- a test whose code, or a fixture's it uses, or a helper of the test tree either calls, names a
  helper that starts MkDocs or the CLI in a subprocess (``mkdocs_build``, ``run_cli``, ...) gets
  ``build``;
- a test that starts such a process another way carries ``@pytest.mark.build`` itself.

A test left unmarked that starts MkDocs or the CLI anyway fails at once with the fix, so the fast
loop cannot quietly grow slow.
"""

from __future__ import annotations

import inspect
import os
import re
import subprocess
import types
from pathlib import Path

import pytest
from hypothesis import settings

from generator.records.knowledge_base import KnowledgeBase, build
from helpers import BUILT_ON, CORPUS, commit_all, copy_repo, copy_repo_for, mkdocs_build, without_source_texts

# Fixtures that build the site, serve it or drive Chromium: a test using one (directly or through
# another fixture) is marked so.
BUILD_FIXTURES = frozenset({"built_site", "site_url", "hostile_site"})
BROWSER_FIXTURES = frozenset({"browser", "page"})
# Helpers that start MkDocs or the CLI in a subprocess: a test whose code names one is a build test.
SPAWNERS = frozenset({"mkdocs_build", "run_cli", "validate_measured", "serving"})
TESTS = Path(__file__).resolve().parent

# `make test-fast` runs property tests with fewer examples (HYPOTHESIS_PROFILE=fast); `make test` and
# CI with Hypothesis' default. Loaded here, before any test module reads settings.default.
settings.register_profile("fast", max_examples=20)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def _names_a_spawner(code: types.CodeType, namespace: dict, seen: set[int]) -> bool:
    """Whether ``code`` (or a function of the test tree it names, followed through) names a spawner."""
    if id(code) in seen:
        return False
    seen.add(id(code))
    for name in code.co_names:
        if name in SPAWNERS:
            return True
        target = inspect.unwrap(namespace.get(name)) if callable(namespace.get(name)) else None
        inner = getattr(target, "__code__", None)
        in_tests = inner is not None and Path(inner.co_filename).resolve().is_relative_to(TESTS)
        if in_tests and _names_a_spawner(inner, target.__globals__, seen):
            return True
    return any(
        _names_a_spawner(const, namespace, seen) for const in code.co_consts if isinstance(const, types.CodeType)
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if not isinstance(item, pytest.Function):
            continue
        params = set(item.callspec.params) if hasattr(item, "callspec") else set()
        fixtures = set(item.fixturenames) - params  # a parameter named `page` is not the fixture
        if fixtures & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if fixtures & BUILD_FIXTURES:
            item.add_marker(pytest.mark.build)
        # The test's own code, and that of every fixture it uses (a session fixture runs before the
        # guard below could see it).
        functions = [item.function] + [d.func for defs in item._fixtureinfo.name2fixturedefs.values() for d in defs]
        for function in map(inspect.unwrap, functions):
            code = getattr(function, "__code__", None)
            if code is not None and _names_a_spawner(code, function.__globals__, set()):
                item.add_marker(pytest.mark.build)
                break


# What a test left unmarked must not start: MkDocs, the CLI, the benchmark.
_SPAWNED = re.compile(r"(^|[\s/])(mkdocs|properdocs)(\s|$)|-m generator\b|generator\.tools\.cli|bench/run\.py")


@pytest.fixture(autouse=True)
def _unmarked_tests_start_no_build(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if request.node.get_closest_marker("build") or request.node.get_closest_marker("browser"):
        return
    original = subprocess.Popen

    class Guarded(original):  # type: ignore[misc, valid-type]
        def __init__(self, args, *rest, **kwargs):
            line = args if isinstance(args, str) else " ".join(map(str, args))
            if _SPAWNED.search(line):
                pytest.fail(
                    f"{request.node.nodeid} starts `{line[:120]}` but is not marked: add @pytest.mark.build "
                    "(tests/conftest.py explains the marks), or call the code in process",
                    pytrace=False,
                )
            super().__init__(args, *rest, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", Guarded)


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The fictional corpus the generator's tests build (tests/fixtures/kb/)."""
    return build(CORPUS / "content")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real `mkdocs build --strict` of the fixture corpus, shared by the tests that read HTML.
    Its records are committed on a fixed day, so every page has the history a clone of the
    repository gives (last changed, What changed, the feed)."""
    site = tmp_path_factory.mktemp("site")
    repo = copy_repo(tmp_path_factory.mktemp("built") / "repo")
    commit_all(repo, "records", BUILT_ON)
    result = mkdocs_build(repo, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_repo(tmp_path / "repo")


@pytest.fixture(scope="session")
def site_url(tmp_path_factory: pytest.TempPathFactory):
    """The site built for the address it is served from, as on a real host.

    Material's instant navigation only swaps pages whose address matches the sitemap, which is
    written from site_url (host and path; the port is not rewritten), so the test build uses
    the local address.
    """
    from browser import serve
    from helpers import free_port

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    repo = copy_repo_for(tmp_path_factory.mktemp("served") / "repo", url)
    site = repo.parent / "site"
    result = mkdocs_build(repo, site)
    assert result.returncode == 0, result.stderr
    with serve(site, port) as served:
        yield served


@pytest.fixture(scope="session")
def browser():
    from browser import CHROMIUM_FLAGS, require_browser

    executable = require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, site_url: str):
    context = browser.new_context(accept_downloads=True, base_url=site_url)
    outside: list[str] = []
    # Any request to another host is a defect: the site must not leak visitors to third parties.
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(site_url)
            else (outside.append(route.request.url), route.abort())
        ),
    )
    tab = context.new_page()
    yield tab
    context.close()
    assert outside == [], f"requests to other hosts: {outside}"


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory):
    """One build of hostile but legal content, shared by test_hostile_text and test_hardening: the
    tests/inert corpus, every free text of one assessed case replaced by HOSTILE (both languages),
    and a second assessed case made English-only and hostile, so its Dutch page marks it untranslated."""
    import yaml

    from corpus import INERT, inert_fixtures, place
    from hostile import HostileSite, english_only, poison

    repo = copy_repo(tmp_path_factory.mktemp("hostile") / "repo")
    without_source_texts(repo)  # the hostile text stands where quotes do too
    kb = build(repo / "content")
    # Two cases written in English (a record written in Dutch has no English-only form to take).
    poisoned, untranslated = sorted(c.id for c in kb.assessed_cases if c.lang in (None, "en"))[:2]
    criterion = kb.criteria[0]
    for source in inert_fixtures():
        place(source, INERT, repo)
    for case, change in ((poisoned, poison), (untranslated, lambda d: poison(english_only(d)))):
        path = repo / f"content/cases/{case}.yaml"
        data = change(yaml.safe_load(path.read_text(encoding="utf-8")))
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = repo.parent / "site"
    result = mkdocs_build(repo, site)
    assert result.returncode == 0, result.stderr
    return HostileSite(site, poisoned, untranslated, criterion.id, len(criterion.indicators))
