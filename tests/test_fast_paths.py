"""The shortcuts taken for speed give exactly what the plain paths give.

Each shortcut only pays off on large corpora, so each test forces it on the real content and the
hostile corpus: plain data without marks, `validate` without records, loading and rendering in
forked worker processes.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from corpus import INERT, INVALID, inert_fixtures, make_huge, place, rejected_fixtures
from generator.pages import render as render_module
from generator.pages import text as markdown_text
from generator.pages.render import render_site
from generator.pages.terms import has_word
from generator.pages.text import inline
from generator.records import load as load_module
from generator.records.knowledge_base import build, validate
from generator.records.problems import ContentError, Problem
from generator.records.yaml_source import Loader, read
from generator.util import pool
from helpers import CORPUS, ROOT


def _outcome(content: Path, how: object) -> list[Problem] | object:
    try:
        return how(content)  # type: ignore[operator]
    except ContentError as exc:
        return exc.problems


@pytest.mark.parametrize(
    "path",
    [*sorted((CORPUS / "content").rglob("*.yaml")), *inert_fixtures(), *rejected_fixtures()],
    ids=lambda p: p.relative_to(ROOT).as_posix(),
)
def test_reading_without_marks_gives_the_same_data_and_problems(path: Path) -> None:
    marked, marked_problems = read(path, "x.yaml")
    plain, plain_problems = read(path, "x.yaml", marks=False)
    assert plain_problems == marked_problems
    assert (plain is None) == (marked is None)
    if plain and marked:
        assert plain.data == marked.data
        assert not plain.marks and plain.mark(("name",)) == marked.mark(("name",))


@pytest.fixture
def hostile_repo(repo: Path) -> Path:
    for source in rejected_fixtures():
        place(source, INVALID, repo)
    for source in inert_fixtures():
        place(source, INERT, repo)
    make_huge(repo)
    return repo


def test_validate_without_records_finds_what_build_finds(hostile_repo: Path) -> None:
    problems = _outcome(hostile_repo / "content", build)
    assert isinstance(problems, list) and len(problems) > 40
    assert _outcome(hostile_repo / "content", validate) == problems


def test_validate_counts_the_records() -> None:
    kb = build(CORPUS / "content")
    counts, _ = validate(CORPUS / "content")
    expected = {"cases": len(kb.cases), "criteria": len(kb.criteria), "lessons": len(kb.lessons)}
    assert {name: counts[name] for name in expected} == expected
    assert counts["indicators"] == len(kb.indicators) > 0


@pytest.fixture
def pids(monkeypatch: pytest.MonkeyPatch) -> list[set[int]]:
    """The processes each pool.run call ran its tasks in, to prove that worker processes ran."""
    calls: list[set[int]] = []
    real = pool.run

    def spy(task, items, workers, **options):  # type: ignore[no-untyped-def]
        results = real(lambda item: (os.getpid(), task(item)), items, workers, **options)
        calls.append({pid for pid, _ in results})
        return [result for _, result in results]

    monkeypatch.setattr(pool, "run", spy)
    monkeypatch.setattr(pool, "usable_cpus", lambda: 2)
    return calls


def test_loading_in_worker_processes_gives_the_same_records_and_problems(
    hostile_repo: Path, monkeypatch: pytest.MonkeyPatch, pids: list[set[int]]
) -> None:
    content = hostile_repo / "content"
    serial = (_outcome(content, build), _outcome(content, validate), build(CORPUS / "content"))
    assert all(calls == {os.getpid()} for calls in pids)
    monkeypatch.setattr(load_module, "PARALLEL_FROM", 1)
    monkeypatch.setattr(load_module, "_BATCH", 5)  # several tasks from a small corpus
    parallel = (
        _outcome(content, lambda c: build(c, workers=2)),
        _outcome(content, lambda c: validate(c, workers=2)),
        build(CORPUS / "content", workers=2),
    )
    assert parallel == serial
    assert any(calls - {os.getpid()} for calls in pids), "no worker process ran"


def test_rendering_in_worker_processes_gives_the_same_pages(
    monkeypatch: pytest.MonkeyPatch, pids: list[set[int]]
) -> None:
    kb = build(CORPUS / "content")
    serial = render_site(kb, workers=1)
    monkeypatch.setattr(render_module, "PARALLEL_FROM", 1)
    parallel = render_site(kb, workers=2)
    assert parallel.pages == serial.pages and parallel.files == serial.files
    assert len(pids[-1] - {os.getpid()}) >= 1, "no worker process ran"


def _pid(_: object) -> int:
    return os.getpid()


def test_pool_uses_workers_and_caps_them_by_the_usable_cpus(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "usable_cpus", lambda: 2)
    assert set(pool.run(_pid, range(40), 8)) - {os.getpid()}
    monkeypatch.setattr(pool, "usable_cpus", lambda: 1)
    assert set(pool.run(_pid, range(40), 8)) == {os.getpid()}


def test_pool_falls_back_to_one_process_without_fork(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(pool, "usable_cpus", lambda: 2)

    def no_fork(method: str) -> None:
        raise ValueError(f"cannot find context for {method!r}")

    monkeypatch.setattr(pool.multiprocessing, "get_context", no_fork)
    with caplog.at_level(logging.DEBUG, logger=pool.log.name):
        assert pool.run(_pid, range(10), 2) == [os.getpid()] * 10
    assert "continuing in one process" in caplog.text
    # Said as the plugin says everything: under its logger, with its prefix.
    assert [r.getMessage().split(":")[0] for r in caplog.records] == ["knowledge base"]


def _die_in_a_worker(item: int) -> int:
    if os.getpid() != PARENT:
        os._exit(1)  # a worker killed mid-task breaks the pool
    return item * 2


PARENT = os.getpid()


def test_pool_falls_back_to_one_process_when_a_worker_dies(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "usable_cpus", lambda: 2)
    assert pool.run(_die_in_a_worker, list(range(10)), 2) == [i * 2 for i in range(10)]


@given(
    text=st.lists(st.sampled_from(["ppc", "p", "c", "-", "_", " ", "é", "²", "\u00a0", ".", "ppcs"]), max_size=12).map(
        "".join
    ),
    name=st.sampled_from(["ppc", "p", "pc p", "c-p"]),
)
def test_whole_word_search_agrees_with_the_regex(text: str, name: str) -> None:
    assert has_word(text, name) == bool(re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text))


def _inline_reference(text: str) -> str:
    """Escaping as first written: every character through the table, then the line-start rule."""
    text = " ".join(text.split()).translate(markdown_text._ESCAPES)
    return markdown_text._LEADING.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)


@given(st.text(alphabet=st.sampled_from([*"ab 1٣-+.)\n:|<&*_#\\`"]), max_size=12) | st.text(max_size=300))
def test_escaping_shortcuts_agree_with_the_plain_escape(text: str) -> None:
    assert inline(text) == _inline_reference(text)


_PYYAML = yaml.SafeLoader("")
_WORDS = ["yes", "no", "true", "false", "on", "off", "null", "y", "n", "nan", "inf", "name", "text"]
_SPELLINGS = [v for w in _WORDS for v in (w, w.title(), w.upper(), w.swapcase(), "." + w)] + ["~", "<<", "=", ""]


def _same_tags(value: str) -> None:
    ours = Loader("")
    for implicit in ((True, False), (False, True)):
        assert ours.resolve(yaml.ScalarNode, value, implicit) == _PYYAML.resolve(yaml.ScalarNode, value, implicit)


@pytest.mark.parametrize("value", _SPELLINGS)
def test_resolver_shortcut_gives_pyyaml_tags_for_yaml_words(value: str) -> None:
    _same_tags(value)


@given(st.one_of(st.text(alphabet=st.sampled_from([*"0123456789-+.:eE_xob ~TtnN"]), max_size=12), st.text()))
def test_resolver_shortcut_gives_pyyaml_tags(value: str) -> None:
    _same_tags(value)


def test_reading_keeps_no_memory_of_past_documents(tmp_path: Path) -> None:
    """Under `mkdocs serve` every rebuild reads every record again: nothing may pile up."""
    from generator.records import yaml_source

    path = tmp_path / "r.yaml"
    path.write_text("id: x\nyear: 2011\nwhen: 2024-03-05\nflag: yes\nnothing: null\n", encoding="utf-8")
    for marks in (False, True, False):
        doc, problems = read(path, "r.yaml", marks=marks)
        assert doc is not None and problems == []
        assert doc.data["year"] == 2011 and doc.data["when"] == "2024-03-05"
    assert len(yaml_source._SCALARS.constructed_objects) == 0
