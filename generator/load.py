"""Find the record files under content/, read them and validate each against its model."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .models import COLLECTIONS, SINGLETONS, Record
from .problems import Problem
from .schema_errors import did_you_mean, problems_from
from .yaml_source import Document, read

SCHEMA_COMMENT = "# yaml-language-server: $schema="


@dataclass
class Loaded:
    """Valid records by collection, each with the document it came from (for line marks)."""

    records: dict[str, list[tuple[Record, Document]]] = field(default_factory=dict)
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


def discover(content: Path) -> tuple[dict[str, list[Path]], list[Problem]]:
    """Record files by collection, sorted by name so every build sees the same order."""
    found: dict[str, list[Path]] = {name: [] for name in COLLECTIONS}
    problems: list[Problem] = []
    if not content.is_dir():
        return found, [Problem(content.as_posix(), 0, 0, "", "the content folder does not exist")]
    real_root = content.resolve()
    allowed = set(COLLECTIONS) | {f"{name}.yaml" for name in SINGLETONS} | {"README.md"}
    for entry in sorted(content.iterdir()):
        if entry.name.startswith("."):
            continue
        shown = _display(entry, content)
        if entry.name not in allowed:
            hint = did_you_mean(entry.name, sorted(allowed))
            problems.append(Problem(shown, 0, 0, "", "is not a record folder or file that content/ may hold", hint))
            continue
        if entry.name in COLLECTIONS:
            if not entry.is_dir():
                problems.append(Problem(shown, 0, 0, "", "should be a folder of .yaml records"))
                continue
            for path in sorted(entry.iterdir()):
                shown = _display(path, content)
                if path.name.startswith("."):
                    continue
                if path.is_symlink() and not path.resolve().is_relative_to(real_root):
                    problems.append(
                        Problem(shown, 0, 0, "", "is a link to a file outside content/; records must live in content/")
                    )
                elif path.suffix == ".yml":
                    problems.append(Problem(shown, 0, 0, "", "uses the .yml ending; rename it to .yaml"))
                elif path.suffix != ".yaml" or not path.is_file():
                    problems.append(Problem(shown, 0, 0, "", "is not a .yaml record; only .yaml files belong here"))
                else:
                    found[entry.name].append(path)
    return found, problems


def _validate(model: type[Record], path: Path, content: Path) -> tuple[tuple[Record, Document] | None, list[Problem]]:
    doc, problems = read(path, _display(path, content))
    if doc is None:
        return None, problems
    try:
        return (model.model_validate(doc.data), doc), []
    except ValidationError as exc:
        return None, problems_from(exc, doc)


def load(content: Path) -> Loaded:
    loaded = Loaded()
    files, loaded.problems = discover(content)
    for name, paths in files.items():
        valid = loaded.records.setdefault(name, [])
        loaded.stems[name] = {path.stem for path in paths}
        for path in paths:
            result, problems = _validate(COLLECTIONS[name], path, content)
            loaded.problems += problems
            if result:
                valid.append(result)
    for name, model in SINGLETONS.items():
        path = content / f"{name}.yaml"
        if not path.is_file():
            loaded.problems.append(Problem(_display(path, content), 0, 0, "", "is missing; the site needs this record"))
            continue
        result, problems = _validate(model, path, content)
        loaded.problems += problems
        if result:
            loaded.singletons[name] = result
    return loaded
