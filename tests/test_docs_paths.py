"""The guides name files that exist: a path in backticks in the README, the contributor guides or
the generator's README is a file or folder of the repository (the review found eleven that had
moved away). A record or text a contributor is told to create need only have its folder."""

from __future__ import annotations

import re

import pytest

from helpers import ROOT, repository_files

GUIDES = ["README.md", "CONTRIBUTING.md", "CONTRIBUTING.nl.md", "generator/README.md", "bench/README.md"]
# Folders where a guide shows the file a contributor makes (content/cases/my-partnership.yaml).
MADE_BY_CONTRIBUTORS = ("content", "texts")


def _tracked() -> tuple[set[str], set[str]]:
    files = repository_files()
    folders = {"/".join(f.split("/")[:n]) for f in files for n in range(1, f.count("/") + 1)}
    return files, folders


def named_paths(text: str, top: set[str]) -> list[str]:
    """The repository paths a guide names: backticked, holding a '/', starting at a top-level folder."""
    found = []
    for token in re.findall(r"`([^`\s]+)`", text):
        path = token.rstrip(".,:;)").rstrip("/")
        if "/" in path and path.split("/")[0] in top and not re.search(r"[*<>{}$?]", path):
            found.append(path)
    return found


def test_the_scan_finds_paths_and_leaves_other_code_alone() -> None:
    text = "See `generator/pages/render.py`, `content/cases/x.yaml`, `a/b`, `generator/*.py` and `make test`."
    assert named_paths(text, {"generator", "content"}) == ["generator/pages/render.py", "content/cases/x.yaml"]


@pytest.mark.parametrize("guide", GUIDES)
def test_every_path_a_guide_names_exists(guide: str) -> None:
    files, folders = _tracked()
    text = (ROOT / guide).read_text(encoding="utf-8")
    top = {f.split("/")[0] for f in files if "/" in f}
    missing = [
        path
        for path in named_paths(text, top)
        if path not in files | folders
        and not (path.startswith(MADE_BY_CONTRIBUTORS) and path.rpartition("/")[0] in folders)
    ]
    # A guide inside a folder also names paths from there: generator/README.md's `records/models.py`.
    here = guide.rpartition("/")[0]
    if here:
        inside = {
            f.removeprefix(here + "/").split("/")[0] for f in files if f.startswith(here + "/") and f.count("/") > 1
        }
        for path in named_paths(text, inside):
            full = f"{here}/{path}"
            attribute = re.sub(r"\.\w+$", ".py", full) in files  # `pages/paths.url`: a module's function
            if full not in files | folders and not attribute:
                missing.append(full)
    assert not missing, f"{guide} names paths that do not exist: {missing}"
