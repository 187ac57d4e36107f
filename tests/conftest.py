from __future__ import annotations

from pathlib import Path

import pytest

from generator.knowledge_base import KnowledgeBase, build
from helpers import ROOT, copy_repo, mkdocs_build


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return build(ROOT / "content")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real `mkdocs build --strict` of the repository, shared by the tests that read HTML."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_repo(tmp_path / "repo")
