"""Find the record files under content/, read them and validate each against its model."""

from __future__ import annotations

import functools
import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import ValidationError

from generator.records.checks import TEXTS, record_problems, unnamed_sections
from generator.records.models import COLLECTIONS, OPTIONAL_SINGLETONS, SINGLETONS, TEXT_LANGUAGES, Record
from generator.records.problems import Problem
from generator.records.refs import Links, links_of, partial_links
from generator.records.schema_errors import did_you_mean, problems_from
from generator.records.translation import TRANSLATED_INTO, missing, style_problems, texts
from generator.records.yaml_source import MAX_BYTES, Document, FieldPath, dotted, read
from generator.util import pool
from generator.util.characters import hidden_in
from generator.util.incremental import Memo, digest


@dataclass
class Loaded:
    """Valid records by collection, each with the document it came from (for line marks)."""

    records: dict[str, list[tuple[Record, Document]]] = field(default_factory=dict)  # empty if not kept
    links: dict[str, list[tuple[Links, Document]]] = field(default_factory=dict)
    singletons: dict[str, tuple[Record, Document]] = field(default_factory=dict)
    singleton_links: dict[str, tuple[Links, Document]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Ids of every record file found, valid or not, so a reference to a record that merely
    # failed validation is not reported a second time as unknown.
    ids_on_disk: dict[str, set[str]] = field(default_factory=dict)
    # What the records that did not validate still point at and cite, for the checks across records.
    partial: list[tuple[Links, Document]] = field(default_factory=list)
    # How many texts the valid records hold, and how many of them each language translates.
    texts: dict[str, int] = field(default_factory=dict)


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root.parent).as_posix()
    except ValueError:
        return path.as_posix()


def discover(content: Path) -> tuple[dict[str, list[tuple[Path, str]]], list[Problem]]:
    """Record files by collection, each with the name messages give it, sorted by name so every
    build sees the same order. Directory entries rather than Paths: they need no extra stat and
    sort as plain names (bench/run.py measures it at scale)."""
    found: dict[str, list[tuple[Path, str]]] = {name: [] for name in COLLECTIONS}
    problems: list[Problem] = []
    if not content.is_dir():
        return found, [Problem(content.as_posix(), 0, 0, "", "the content folder does not exist")]
    if content.is_symlink():
        return found, [Problem(content.name, 0, 0, "", _LINKED, "make content/ a folder of the repository")]
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
            if entry.is_symlink():  # followed, it would publish records from wherever it points
                problems.append(Problem(shown, 0, 0, "", _LINKED, "put the records themselves in content/"))
                continue
            if not entry.is_dir():
                problems.append(Problem(shown, 0, 0, "", "should be a folder of .yaml records"))
                continue
            for item in _entries(Path(entry.path), hidden=True):
                shown = f"{top}/{entry.name}/{item.name}"
                path = Path(item.path)
                if item.name.startswith("."):
                    # Editors' lock and swap files start with a dot too: a warning, not an error.
                    if item.name.endswith((".yaml", ".yml")):
                        problems.append(
                            Problem(
                                shown,
                                0,
                                0,
                                "",
                                "is skipped: a file whose name starts with a dot is not read",
                                f"rename it to '{item.name.lstrip('.')}' if it is a record",
                                warning=True,
                            )
                        )
                elif item.is_symlink() and not path.resolve().is_relative_to(real_root):
                    problems.append(
                        Problem(shown, 0, 0, "", "is a link to a file outside content/; records must live in content/")
                    )
                elif item.is_symlink():
                    problems.append(Problem(shown, 0, 0, "", _LINKED, "copy the record here, or give it its own file"))
                elif item.name.endswith(".yml"):
                    problems.append(Problem(shown, 0, 0, "", "uses the .yml ending; rename it to .yaml"))
                elif not item.name.endswith(".yaml") or not item.is_file():
                    hint = _TEXT_HINT if entry.name == "sources" or item.name.endswith(_TEXTS) else ""
                    problems.append(
                        Problem(shown, 0, 0, "", "is not a .yaml record; only .yaml files belong here", hint)
                    )
                else:
                    found[entry.name].append((path, shown))
    return found, problems


# A link is never read, wherever it points: a record is what the repository holds, not what the
# machine that builds it happens to have elsewhere.
_LINKED = "is a symbolic link; content/ holds records and their folders themselves, not links to them"
# A source's text beside the records is the likeliest stray file: say where it belongs.
_TEXTS = (".txt", ".pdf", ".docx", ".doc", ".html", ".htm", ".md")
_TEXT_HINT = f"put the source's text in {TEXTS}/ (plain UTF-8 .txt) and name it in full_text"


def _entries(folder: Path, *, hidden: bool = False) -> list[os.DirEntry[str]]:
    """The entries of ``folder`` by name; those starting with a dot only if ``hidden``."""
    with os.scandir(folder) as entries:
        return sorted((e for e in entries if hidden or not e.name.startswith(".")), key=lambda e: e.name)


@contextmanager
def gc_paused() -> Iterator[None]:
    # Loading makes hundreds of thousands of small long-lived objects; the cyclic collector would
    # rescan them again and again, a large share of the time at scale (bench/), and free nothing.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


Job = tuple[str, Path, str]  # (collection or singleton name, file, name shown in messages)
Coverage = tuple[int, tuple[int, ...]]  # (texts, translated per language of TRANSLATED_INTO)
Valid = tuple[Record | None, Links, Coverage]  # the record is None when not kept
# A record that did not validate still gives what the checks across records can read (refs.partial_links).
Result = tuple[Valid | None, list[Problem], Links | None]


def _load_one(job: Job, keep: bool = True) -> Result:
    """Read, validate and check one record on its own; cross-record checks come later."""
    name, path, shown = job
    doc, problems = read(path, shown, marks=False)
    if doc is None:
        return None, problems, None
    model = COLLECTIONS.get(name) or SINGLETONS[name]
    lang = doc.data.get("lang")  # the language of its plain texts; the model checks the value
    hidden: set[str] = set()  # the one-line texts holding an invisible character (models.Line notes them)
    try:
        record = model.model_validate(
            doc.data, context={"lang": lang if lang in TEXT_LANGUAGES else "en", "hidden": hidden}
        )
    except ValidationError as exc:
        return None, problems_from(exc, doc), partial_links(model, doc.data)
    problems += [doc.problem(loc, message, hint) for loc, message, hint in record_problems(record)]
    problems += [replace(doc.problem(*rule), warning=True) for rule in unnamed_sections(record)]
    problems += _hidden(doc, hidden)
    done = []
    for lang in TRANSLATED_INTO:
        total, untranslated = missing(record, lang)
        done.append(total - len(untranslated))
        problems += [_untranslated(doc, loc, lang) for loc in untranslated]
    problems += [_style(doc, *found) for loc, text in texts(record) for found in style_problems(loc, text)]
    return (record if keep else None, links_of(record), (total, tuple(done))), problems, None


def _hidden(doc: Document, hidden: set[str]) -> list[Problem]:
    """A warning at each name or title that holds a character which changes how it shows unseen."""
    if not hidden:
        return []
    found = []
    for loc, text in _strings(doc.data, ()):
        if text.strip() in hidden:
            message = hidden_in(text) or ""
            hint = "remove it unless the name is written with it; a reader cannot see it"
            found.append(replace(doc.problem(loc, message, hint), warning=True))
    return found


def _strings(data: object, loc: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    """Every string of a record's plain data, keys too, with where it stands."""
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str):
                yield (*loc, key), key
            yield from _strings(value, (*loc, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*loc, i))


def _untranslated(doc: Document, loc: tuple[str | int, ...], lang: str) -> Problem:
    # A warning, never an error: a record may arrive in English and be translated later.
    line, col = doc.mark(loc)
    return Problem(
        doc.path,
        line,
        col,
        dotted(loc),
        f"is not yet translated ({lang})",
        f"write it as {{en: ..., {lang}: ...}}; the {lang} edition shows the English meanwhile",
        warning=True,
    )


def _style(doc: Document, loc: tuple[str | int, ...], message: str, hint: str) -> Problem:
    # A warning: house style is for reviewers to settle, and a valid record never fails CI.
    line, col = doc.mark(loc)
    return Problem(doc.path, line, col, dotted(loc), message, hint, warning=True)


def _document(job: Job) -> Document:
    """What is kept of a valid record's file: the name messages give it, and where to read its
    marks again should a check across records fail. Made here, not sent from a worker."""
    return Document(job[2], None, file=job[1])


def _load_batch(jobs: list[Job], keep: bool) -> list[Result]:
    with gc_paused():
        return [_load_one(job, keep) for job in jobs]


# Below this many files one process is fastest; above it, parsing YAML (most of the cost) is
# spread over the worker processes, which send back only the typed records (or, when those are
# not kept, only their links: unpickling many records costs as much as a core's parsing).
PARALLEL_FROM = 1000
_BATCH = 100  # files per task: enough to amortise a round trip


def _load_remembered(jobs: list[Job], keep: bool, memo: Memo) -> list[Result]:
    """Each file's result from the last build if its bytes are the same, else loaded anew."""
    results = []
    for job in jobs:
        try:
            # Too large or unreadable: no key, and loading reports it without reading it whole.
            key = digest(job[0], keep, job[1].read_bytes()) if job[1].stat().st_size <= MAX_BYTES else ""
        except OSError:
            key = ""
        known = memo.loaded.get(job[2])
        if known is None or known[0] != key or not key:
            known = (key, _load_one(job, keep))
            memo.loaded[job[2]] = known
        memo.files[job[2]] = key
        results.append(known[1])
    return results


def _load_all(jobs: list[Job], keep: bool, workers: int, memo: Memo | None = None) -> list[Result]:
    if memo is not None:
        return _load_remembered(jobs, keep, memo)
    if len(jobs) < PARALLEL_FROM:
        workers = 1
    batches = [jobs[i : i + _BATCH] for i in range(0, len(jobs), _BATCH)]
    done = pool.run(functools.partial(_load_batch, keep=keep), batches, workers)
    return [result for batch in done for result in batch]


def load(content: Path, *, keep_records: bool = True, workers: int = 1, memo: Memo | None = None) -> Loaded:
    """Every record file under ``content``, read and validated; cross-record checks come later.
    Without ``keep_records`` only each record's links are kept, which is all `validate` needs;
    ``workers`` > 1 allows worker processes for a large collection; a ``memo`` (live preview)
    reloads only the files whose bytes changed since the last build."""
    with gc_paused():
        return _load(content, keep_records, workers, memo)


def valid_records(content: Path, name: str) -> list[Record]:
    """The records of collection ``name`` that are valid on their own, read from the files ``load``
    reads, with its checks: for a tool that needs one kind of record, not the whole content."""
    files, _ = discover(content)
    jobs = [(name, path, shown) for path, shown in files.get(name, [])]
    return [valid[0] for valid, _, _ in _load_batch(jobs, True) if valid is not None and valid[0] is not None]


def _count(loaded: Loaded, coverage: Coverage) -> None:
    total, done = coverage
    loaded.texts["total"] = loaded.texts.get("total", 0) + total
    for lang, n in zip(TRANSLATED_INTO, done, strict=True):
        loaded.texts[lang] = loaded.texts.get(lang, 0) + n


def _load(content: Path, keep: bool, workers: int, memo: Memo | None) -> Loaded:
    loaded = Loaded()
    files, loaded.problems = discover(content)
    if content.is_symlink():
        return loaded  # nothing behind a linked content/ is read, not even to name its fields
    for name in SINGLETONS:
        path = content / f"{name}.yaml"
        if path.is_symlink():
            loaded.problems.append(Problem(_display(path, content), 0, 0, "", _LINKED, "put the record itself here"))
            continue
        if not path.is_file() and name in OPTIONAL_SINGLETONS and not path.exists():
            continue
        if not path.is_file():
            loaded.problems.append(Problem(_display(path, content), 0, 0, "", "is missing; the site needs this record"))
            continue
        job = (name, path, _display(path, content))
        [(valid, problems, partial)] = _load_all([job], True, 1, memo)
        loaded.problems += problems
        if partial is not None:
            loaded.partial.append((partial, _document(job)))
        if valid and valid[0] is not None:
            loaded.singletons[name] = (valid[0], _document(job))
            loaded.singleton_links[name] = (valid[1], _document(job))
            _count(loaded, valid[2])
    jobs = [(name, path, shown) for name, found in files.items() for path, shown in found]
    for name, found in files.items():
        loaded.records[name] = []
        loaded.links[name] = []
        loaded.ids_on_disk[name] = {path.stem for path, _ in found}
    for job, (valid, problems, partial) in zip(jobs, _load_all(jobs, keep, workers, memo), strict=True):
        loaded.problems += problems
        if partial is not None:
            loaded.partial.append((partial, _document(job)))
        if valid is not None:
            record, links, coverage = valid
            _count(loaded, coverage)
            doc = _document(job)
            loaded.links[job[0]].append((links, doc))
            if record is not None:
                loaded.records[job[0]].append((record, doc))
    return loaded
