"""Find the record files under content/, read them and validate each against its model."""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .links import Links, links_of
from .models import COLLECTIONS, SINGLETONS, Record, Study
from .problems import Problem
from .schema_errors import did_you_mean, problems_from
from .yaml_source import Document, read

SCHEMA_COMMENT = "# yaml-language-server: $schema="


@dataclass
class Loaded:
    """Valid records by collection, each with the document it came from (for line marks)."""

    records: dict[str, list[tuple[Record, Document]]] = field(default_factory=dict)  # empty if not kept
    links: dict[str, list[tuple[Links, Document]]] = field(default_factory=dict)
    singletons: dict[str, tuple[Record, Document]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Ids of every record file found, valid or not, so a reference to a record that merely
    # failed validation is not reported a second time as unknown.
    stems: dict[str, set[str]] = field(default_factory=dict)


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root.parent).as_posix()
    except ValueError:
        return path.as_posix()


def discover(content: Path) -> tuple[dict[str, list[tuple[Path, str]]], list[Problem]]:
    """Record files by collection, each with the name messages give it, sorted by name so every
    build sees the same order. Directory entries rather than Paths: they need no extra stat and
    sort as plain names (a third of the time for 10,000 files)."""
    found: dict[str, list[tuple[Path, str]]] = {name: [] for name in COLLECTIONS}
    problems: list[Problem] = []
    if not content.is_dir():
        return found, [Problem(content.as_posix(), 0, 0, "", "the content folder does not exist")]
    real_root = content.resolve()
    allowed = set(COLLECTIONS) | {f"{name}.yaml" for name in SINGLETONS} | {"README.md"}
    top = content.name or real_root.name  # messages name files from above content/: content/cases/x.yaml
    for entry in _entries(content):
        shown = f"{top}/{entry.name}"
        if entry.name not in allowed:
            hint = did_you_mean(entry.name, sorted(allowed))
            problems.append(Problem(shown, 0, 0, "", "is not a record folder or file that content/ may hold", hint))
            continue
        if entry.name in COLLECTIONS:
            if not entry.is_dir():
                problems.append(Problem(shown, 0, 0, "", "should be a folder of .yaml records"))
                continue
            for item in _entries(Path(entry.path)):
                shown = f"{top}/{entry.name}/{item.name}"
                path = Path(item.path)
                if item.is_symlink() and not path.resolve().is_relative_to(real_root):
                    problems.append(
                        Problem(shown, 0, 0, "", "is a link to a file outside content/; records must live in content/")
                    )
                elif item.name.endswith(".yml"):
                    problems.append(Problem(shown, 0, 0, "", "uses the .yml ending; rename it to .yaml"))
                elif not item.name.endswith(".yaml") or not item.is_file():
                    problems.append(Problem(shown, 0, 0, "", "is not a .yaml record; only .yaml files belong here"))
                else:
                    found[entry.name].append((path, shown))
    return found, problems


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    """The visible entries of ``folder``, by name."""
    with os.scandir(folder) as entries:
        return sorted((e for e in entries if not e.name.startswith(".")), key=lambda e: e.name)


@contextmanager
def gc_paused() -> Iterator[None]:
    # Loading makes hundreds of thousands of small long-lived objects; the cyclic collector would
    # rescan them again and again (about 40% of the time at 10,000 records) and free nothing.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


Job = tuple[str, Path, str]  # (collection or singleton name, file, name shown in messages)
Valid = tuple[Record | None, Links]  # the record is None when not kept
Result = tuple[Valid | None, list[Problem]]


def _load_one(job: Job, sections: frozenset[str] | None, keep: bool = True) -> Result:
    """Read, validate and check one record on its own; cross-record checks come later."""
    name, path, shown = job
    doc, problems = read(path, shown, marks=False)
    if doc is None:
        return None, problems
    model = COLLECTIONS.get(name) or SINGLETONS[name]
    try:
        record = model.model_validate(doc.data)
    except ValidationError as exc:
        return None, problems_from(exc, doc)
    if sections is not None and any(value.strip() not in sections for _, value in doc.sources):
        doc, again = read(path, shown)  # again, with the field paths the messages need
        if doc is None:  # changed on disk in between
            return None, again
        for loc, value in doc.sources:
            if value.strip() not in sections:
                hint = did_you_mean(value, sorted(sections))
                problems.append(
                    doc.problem(loc, f"'{value}' is not a section of the source listed in content/study.yaml", hint)
                )
    return (record if keep else None, links_of(record)), problems


def _document(job: Job) -> Document:
    """What is kept of a valid record's file: the name messages give it, and where to read its
    marks again should a check across records fail. Made here, not sent from a worker."""
    return Document(job[2], None, file=job[1])


def _load_batch(jobs: list[Job], sections: frozenset[str] | None, keep: bool) -> list[Result]:
    with gc_paused():
        return [_load_one(job, sections, keep) for job in jobs]


# Below this many files one process is fastest; above it, parsing YAML (most of the cost) is
# spread over the machine's cores, and workers send back only the typed records (or, when those
# are not kept, only their links: unpickling 10,000 records costs as much as a core's parsing).
PARALLEL_FROM = 1000
# Set just before forking, so workers inherit the jobs instead of receiving them pickled.
_SHARED: tuple[list[Job], frozenset[str] | None, bool] | None = None


def _load_slice(bounds: tuple[int, int]) -> list[Result]:
    assert _SHARED is not None
    jobs, sections, keep = _SHARED
    return _load_batch(jobs[bounds[0] : bounds[1]], sections, keep)


def _load_all(jobs: list[Job], sections: frozenset[str] | None, keep: bool) -> list[Result]:
    global _SHARED
    workers = min(os.cpu_count() or 1, 8)
    if len(jobs) < PARALLEL_FROM or workers < 2 or sys.platform == "win32":
        return _load_batch(jobs, sections, keep)
    size = max(100, len(jobs) // (workers * 4))
    _SHARED = (jobs, sections, keep)
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            slices = [(i, i + size) for i in range(0, len(jobs), size)]
            return [result for batch in pool.map(_load_slice, slices) for result in batch]  # order kept
    finally:
        _SHARED = None


def load(content: Path, *, keep_records: bool = True) -> Loaded:
    """Every record file under ``content``, read and validated; cross-record checks come later.
    Without ``keep_records`` only each record's links are kept, which is all `validate` needs."""
    with gc_paused():
        return _load(content, keep_records)


def _load(content: Path, keep: bool) -> Loaded:
    loaded = Loaded()
    files, loaded.problems = discover(content)
    # The study comes first: it lists the sections every other record cites.
    sections: frozenset[str] | None = None
    for name in SINGLETONS:
        path = content / f"{name}.yaml"
        if not path.is_file():
            loaded.problems.append(Problem(_display(path, content), 0, 0, "", "is missing; the site needs this record"))
            continue
        job = (name, path, _display(path, content))
        valid, problems = _load_one(job, None)
        if valid and isinstance(valid[0], Study):
            sections = frozenset(valid[0].sections)
            # The study's own citations are checked against its list, now that it is known.
            valid, problems = _load_one(job, sections)
        loaded.problems += problems
        if valid and valid[0] is not None:
            loaded.singletons[name] = (valid[0], _document(job))
    jobs = [(name, path, shown) for name, found in files.items() for path, shown in found]
    for name, found in files.items():
        loaded.records[name] = []
        loaded.links[name] = []
        loaded.stems[name] = {path.stem for path, _ in found}
    for job, (valid, problems) in zip(jobs, _load_all(jobs, sections, keep), strict=True):
        loaded.problems += problems
        if valid is not None:
            record, links = valid
            doc = _document(job)
            loaded.links[job[0]].append((links, doc))
            if record is not None:
                loaded.records[job[0]].append((record, doc))
    return loaded
