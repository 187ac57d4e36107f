"""What only `mkdocs serve` needs: the data exports and the search index written after the
edited page is served, and the speed-ups that keep a rebuild short.

The exports a preview serves (data/*) always are those of the last build that succeeded: each
build is a generation; the work after a build runs on one worker thread, one build's at a time,
and checks its generation again before each file it writes, under the lock a new build takes
first. A run a newer build overtook therefore writes nothing more, and a failed build writes
nothing at all; in a `--dirty` preview, whose pages stay, the last good build's run is done again.

What each speed-up saves, measured in 2026-12 on tests/fixtures/kb: MkDocs' build() run as
`mkdocs serve --dirty` runs it after a case edit, the others on, one off (medians of 20 rebuilds
in three runs, 2 shared cores). With all of them a rebuild takes 0.19-0.28 s.
- ``Compiled`` (Jinja's public bytecode cache, no patch): without it 0.67-0.77 s.
- ``list_theme_files_once`` (wraps MkDocs' ``theme.get_env``): without it 0.38-0.39 s.
- ``poll_often`` (sets watchdog's private ``_timeout``): a save is served 0.30 s after it, 0.50 s
  without (the watcher's half-second poll; more on a loaded machine).
- ``quiet_dirty_warning`` saves no time: one warning line less per rebuild.
tests/test_preview.py fails when the MkDocs or watchdog code the last three rely on changes.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2.bccache import Bucket, BytecodeCache

from generator.plugin import search
from generator.plugin.logger import log
from generator.util.incremental import Memo

POLL_SECONDS = 0.1
# What MkDocs logs on every --dirty rebuild (mkdocs/commands/build.py); a test holds it to MkDocs' text.
DIRTY_WARNING = "A 'dirty' build is being performed"


class Compiled(BytecodeCache):
    """Compiled templates kept in memory, each checked against its source's checksum by Jinja.
    MkDocs makes a new theme environment for every build, which would compile Material's
    templates again (over half of a fixture rebuild); Jinja's bytecode cache keeps the code."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


def list_theme_files_once(theme: Any, cache: dict[tuple[object, ...], list[str]]) -> None:
    """Every build, MkDocs lists the theme's files, Material's thousands of icons included, and
    matches each against its patterns (about a third of a fixture rebuild; ``Files.add_files_from_theme`` calls
    ``env.list_templates(filter_func=...)`` on the environment ``theme.get_env()`` makes). The
    theme does not change while a preview runs (a theme file added to docs/overrides shows after a
    restart), so the first build's list, kept in ``cache``, serves the rest. Keyed on the code of
    MkDocs' filter, the same each build, so another caller's filter is listed as asked."""
    make_env = theme.get_env

    def get_env() -> Any:
        env = make_env()
        list_templates = env.list_templates

        def listed(extensions: Any = None, filter_func: Any = None) -> list[str]:
            code = getattr(filter_func, "__code__", None)
            key = (tuple(getattr(env.loader, "searchpath", ())), extensions, code)
            if code is None or not key[0]:
                return list_templates(extensions, filter_func)
            if key not in cache:
                cache[key] = list_templates(extensions, filter_func)
            return list(cache[key])

        env.list_templates = listed
        return env

    theme.get_env = get_env


def poll_often(observer: Any) -> None:
    """MkDocs' watcher (a watchdog PollingObserver) looks for changed files every half second, and
    has no setting for it: on average a quarter of a second of each save's wait. Every 0.1 s costs
    little for a few hundred files. watchdog keeps the interval on each emitter as ``_timeout``
    (read through its ``timeout`` property); where it no longer does, MkDocs' interval stays."""
    for emitter in getattr(observer, "emitters", ()):
        if isinstance(getattr(emitter, "_timeout", None), (int, float)):
            emitter._timeout = POLL_SECONDS


def quiet_dirty_warning(record: logging.LogRecord) -> bool:
    """A log filter: MkDocs warns on every --dirty rebuild that pages may go stale. Generated pages
    are rewritten whenever what they show changes (tested against a clean build), so the plugin
    says so once, at start, instead."""
    return not record.getMessage().startswith(DIRTY_WARNING)


@dataclass(frozen=True)
class AfterBuild:
    """What a preview does once a build's pages are served."""

    site_dir: Path
    skip: frozenset[str]  # the other editions' folders, which this edition's index leaves out
    suggest: str  # the words offering the nearest match when a search finds nothing
    exports: Callable[[], dict[str, str]] | None  # the build's data exports, None if MkDocs wrote them
    memo: Memo


class Preview:
    """The state a live preview keeps for the whole `mkdocs serve` process."""

    def __init__(self, *, dirty: bool) -> None:
        self.dirty = dirty
        self.compiled = Compiled()
        self.theme_files: dict[tuple[object, ...], list[str]] = {}
        self.generation = 0  # builds started, failed ones counted twice: a run carries its own
        self.lock = threading.Lock()  # held to start a build and to write for one
        self.indexer: Any = None  # the Pagefind process, while it runs
        self.last: AfterBuild | None = None  # the work of the latest build that reached on_post_build
        self.good: AfterBuild | None = None  # the work of the last build that succeeded
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kb-preview")

    def build_starts(self) -> None:
        """A build starts: the previous one succeeded, and runs for older builds stop writing."""
        with self.lock:
            self.generation += 1
            self._stop_indexer()
        if self.last is not None:
            self.good, self.last = self.last, None

    def build_done(self, work: AfterBuild) -> None:
        """The pages are written: the exports and the index follow, once the worker is free."""
        self.last = work
        self._submit(work)

    def build_failed(self) -> None:
        """Nothing of a failed build is written. A --dirty preview keeps the last good build's
        pages, so its exports and index are written again, in case a run of it was overtaken."""
        with self.lock:
            self.generation += 1
            self._stop_indexer()
        self.last = None
        if self.dirty and self.good is not None:
            self._submit(self.good)

    def shutdown(self) -> None:
        """The preview ends: stop the indexer and drop the queued work."""
        with self.lock:
            self.generation += 1
            self._stop_indexer()
        self.worker.shutdown(wait=False, cancel_futures=True)

    def _submit(self, work: AfterBuild) -> None:
        self.worker.submit(self._run, work, self.generation)

    def _stop_indexer(self) -> None:
        if self.indexer is not None:
            self.indexer.terminate()  # it is indexing pages about to change
            self.indexer = None

    def _current(self, generation: int) -> bool:
        return self.generation == generation

    def _run(self, work: AfterBuild, generation: int) -> None:
        try:
            if self._write_exports(work, generation):
                self._index(work, generation)
        except Exception:  # a worker's exception would go unseen; the preview goes on
            log.exception("the preview's exports or search index failed")

    def _write_exports(self, work: AfterBuild, generation: int) -> bool:
        """Write the build's exports that differ from those on disk; False if a newer build
        overtook it."""
        if not self._current(generation):
            return False
        fresh = work.exports() if work.exports is not None else {}
        for path, text in fresh.items():
            with self.lock:
                if not self._current(generation):
                    return False
                if work.memo.exports.get(path) != text:
                    target = work.site_dir / path
                    target.parent.mkdir(parents=True, exist_ok=True)
                    # Whole or not at all: the server may be sending the old file meanwhile.
                    partial = target.with_name(f".{target.name}.partial")
                    partial.write_bytes(text.encode("utf-8"))
                    os.replace(partial, target)
                # A new dict: the next build offers these to MkDocs as what is on disk.
                work.memo.exports = {**work.memo.exports, path: text}
        return True

    def _index(self, work: AfterBuild, generation: int) -> None:
        def started(process: Any) -> None:
            with self.lock:
                if self._current(generation):
                    self.indexer = process
                else:
                    process.terminate()

        try:
            pages = search.index(work.site_dir, work.skip, started=started, suggest=work.suggest)
        except search.SearchIndexError as exc:
            if self._current(generation):
                log.error("%s", exc)  # the preview goes on; its search shows the last index
            return
        finally:
            with self.lock:
                if self._current(generation):
                    self.indexer = None
        log.info("search index of %d pages written", pages)
