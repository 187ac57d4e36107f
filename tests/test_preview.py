"""The live preview's work after each build (plugin/preview.py), in process, and the MkDocs and
watchdog code its two speed-ups rely on: each test here fails when that code changes."""

from __future__ import annotations

import inspect
import logging
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.plugin import preview as preview_module
from generator.plugin import search
from generator.plugin.plugin import KnowledgeBasePlugin
from generator.plugin.preview import DIRTY_WARNING, POLL_SECONDS, AfterBuild, Preview
from generator.util.incremental import Memo
from helpers import ROOT, free_port

DATA = "data/knowledge-base.json"


def _idle(preview: Preview) -> None:
    """Wait until the preview's worker has done everything queued so far."""
    preview.worker.submit(lambda: None).result(timeout=30)


def _exports(text: str, gate: threading.Event | None = None) -> Callable[[], dict[str, str]]:
    """A build's exports; with ``gate``, made only once it is set (a large collection's)."""

    def made() -> dict[str, str]:
        if gate is not None:
            assert gate.wait(timeout=30)
        return {DATA: text}

    return made


@pytest.fixture
def no_pagefind(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """search.index replaced: the folders it was asked to index."""
    indexed: list[Path] = []
    monkeypatch.setattr(search, "index", lambda site_dir, skip, **kwargs: indexed.append(site_dir) or 0)
    return indexed


def test_the_exports_served_are_always_those_of_the_last_good_build(tmp_path: Path, no_pagefind: list[Path]) -> None:
    site, memo = tmp_path / "site", Memo(exports={DATA: "first build"})
    preview = Preview(dirty=True)

    def build(text: str, gate: threading.Event | None = None) -> None:  # on_pre_build, ..., on_post_build
        preview.build_starts()
        preview.build_done(AfterBuild(site, frozenset(), "", _exports(text, gate), memo))

    # Build 2's exports are still being made when build 3 starts: build 2's run writes nothing.
    gate = threading.Event()
    build("build 2", gate)
    preview.build_starts()  # build 3
    gate.set()
    _idle(preview)
    assert not (site / DATA).exists() and memo.exports == {DATA: "first build"}
    # Build 3 fails before its pages are written: the last good build's exports are written.
    preview.build_failed()
    _idle(preview)
    assert (site / DATA).read_text(encoding="utf-8") == "build 2" and memo.exports == {DATA: "build 2"}
    # The next good build writes its own.
    build("build 4")
    _idle(preview)
    assert (site / DATA).read_text(encoding="utf-8") == "build 4"
    # A build that fails after on_post_build (`serve --strict` counting a warning) writes nothing.
    gate = threading.Event()
    build("build 5 (failed)", gate)
    preview.build_failed()
    gate.set()
    _idle(preview)
    assert (site / DATA).read_text(encoding="utf-8") == "build 4" and memo.exports == {DATA: "build 4"}
    preview.shutdown()


def test_a_clean_preview_writes_nothing_after_a_failed_build(tmp_path: Path, no_pagefind: list[Path]) -> None:
    """Without --dirty MkDocs empties the site before a build: after a failed one there are no
    pages to match, and the next good build writes everything."""
    site, memo = tmp_path / "site", Memo()
    preview = Preview(dirty=False)
    preview.build_starts()
    preview.build_done(AfterBuild(site, frozenset(), "", _exports("build 1"), memo))
    _idle(preview)
    (site / DATA).unlink()
    preview.build_starts()
    preview.build_failed()
    _idle(preview)
    assert not (site / DATA).exists() and no_pagefind == [site]
    preview.shutdown()


def test_a_reader_of_an_export_gets_the_old_file_or_the_new_one_whole(tmp_path: Path, no_pagefind: list[Path]) -> None:
    """The server may be sending an export while the next build rewrites it: a file opened
    before the rewrite is read to its end unchanged, and no partial file is left behind."""
    site, memo = tmp_path / "site", Memo()
    preview = Preview(dirty=True)
    preview.build_starts()
    preview.build_done(AfterBuild(site, frozenset(), "", _exports("old " * 5000), memo))
    _idle(preview)
    with (site / DATA).open("rb") as served:
        head = served.read(8192)  # what the server has sent so far
        preview.build_starts()
        preview.build_done(AfterBuild(site, frozenset(), "", _exports("new " * 9000), memo))
        _idle(preview)
        assert (head + served.read()).decode("utf-8") == "old " * 5000
    assert (site / DATA).read_text(encoding="utf-8") == "new " * 9000
    assert sorted(path.name for path in (site / DATA).parent.iterdir()) == [Path(DATA).name]
    preview.shutdown()


def test_on_shutdown_stops_the_indexer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As Material's blog plugin stops its processes: a preview ended mid-index leaves no Pagefind."""
    processes: list[subprocess.Popen[str]] = []

    def index(site_dir: Path, skip: frozenset[str], *, started: Callable[..., None], suggest: str) -> int:
        process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], text=True)
        processes.append(process)
        started(process)
        process.communicate()
        raise search.SearchIndexError("stopped")

    monkeypatch.setattr(search, "index", index)
    plugin = KnowledgeBasePlugin()  # not MkDocs' cached one, which other tests load
    assert plugin.load_config({}) == ([], [])
    plugin.on_startup(command="serve", dirty=True)
    assert plugin.preview is not None
    plugin.preview.build_starts()
    plugin.preview.build_done(AfterBuild(tmp_path, frozenset(), "", None, Memo()))
    assert _wait(lambda: plugin.preview.indexer is not None)
    plugin.on_shutdown()
    assert processes[0].wait(timeout=10) != 0  # terminated, not finished
    with pytest.raises(RuntimeError):  # the worker takes no more work
        plugin.preview.worker.submit(lambda: None)


def _wait(condition: Callable[[], bool], seconds: float = 10) -> bool:
    done = threading.Event()
    for _ in range(int(seconds / 0.05)):
        if condition():
            return True
        done.wait(0.05)
    return False


# --- The patches of MkDocs and watchdog internals, each held to the code it relies on ---


def test_a_preview_lists_the_theme_files_once_and_as_mkdocs_does(monkeypatch: pytest.MonkeyPatch) -> None:
    import jinja2
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    def theme_files(config: Any) -> list[str]:
        files = Files([])
        files.add_files_from_theme(config.theme.get_env(), config)
        return sorted(f.src_uri for f in files)

    config = load_config(str(ROOT / "mkdocs.yml"))
    expected = theme_files(config)
    assert any(uri.startswith("assets/javascripts/bundle.") for uri in expected)  # Material's own files
    preview_module.list_theme_files_once(config.theme, {})
    assert theme_files(config) == expected
    # The next builds do not walk the theme's folders again.
    monkeypatch.setattr(jinja2.FileSystemLoader, "list_templates", lambda self: pytest.fail("listed again"))
    assert theme_files(config) == expected


def test_mkdocs_lists_the_theme_files_through_get_env_with_the_same_filter_each_build() -> None:
    """What list_theme_files_once relies on: each build, MkDocs' build() makes the environment with
    theme.get_env() and Files.add_files_from_theme calls env.list_templates with a filter whose
    code is the same every time (the cache's key)."""
    from mkdocs.commands import build
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    source = inspect.getsource(build.build)
    assert "env = config.theme.get_env()" in source and "files.add_files_from_theme(env, config)" in source
    config = load_config(str(ROOT / "mkdocs.yml"))
    calls: list[tuple[object, object]] = []
    for _ in range(2):  # two builds
        env = config.theme.get_env()
        env.list_templates = lambda extensions=None, filter_func=None: calls.append((extensions, filter_func)) or []
        Files([]).add_files_from_theme(env, config)
    (extensions_1, filter_1), (extensions_2, filter_2) = calls
    assert extensions_1 is None and extensions_2 is None
    assert filter_1 is not filter_2 and filter_1.__code__ is filter_2.__code__  # type: ignore[attr-defined]


def test_watchdog_keeps_the_polling_interval_on_each_emitter_as_timeout(tmp_path: Path) -> None:
    """What poll_often relies on: the emitters of MkDocs' started watcher hold their interval in
    ``_timeout``, a number, which watchdog reads through ``timeout`` while it polls."""
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=free_port(), root=str(tmp_path))
    server.watch(str(tmp_path))
    server.observer.start()
    try:
        emitters = list(server.observer.emitters)
        assert emitters
        for emitter in emitters:
            assert isinstance(emitter._timeout, (int, float)) and emitter.timeout == 0.5  # MkDocs' interval
        preview_module.poll_often(server.observer)
        assert all(emitter.timeout == POLL_SECONDS and emitter.is_alive() for emitter in emitters)
        # The polling loop reads the property each round, so the new interval takes effect at once.
        from watchdog.observers.api import EventEmitter

        assert "self.queue_events(self.timeout" in inspect.getsource(EventEmitter.run)
    finally:
        server.observer.stop()
        server.observer.join()
        server.server_close()


def test_the_dirty_warning_left_out_is_the_one_mkdocs_logs() -> None:
    from mkdocs.commands import build

    assert f'"{DIRTY_WARNING}, this will likely lead to inaccurate navigation' in inspect.getsource(build.build)

    def record(message: str) -> logging.LogRecord:
        return logging.LogRecord("mkdocs.commands.build", logging.WARNING, __file__, 1, message, None, None)

    assert not preview_module.quiet_dirty_warning(record(DIRTY_WARNING + ", this will likely lead to ..."))
    assert preview_module.quiet_dirty_warning(record("Documentation file 'x.md' contains a link ..."))
