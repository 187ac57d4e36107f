"""From a repository folder to the rendered site: the one entry point the plugin and CLI share."""

from __future__ import annotations

from pathlib import Path

from .history import last_changed
from .knowledge_base import KnowledgeBase, build
from .render import Site, render_site


def load_kb(repo: Path, *, workers: int = 1) -> KnowledgeBase:
    """The records of the repository at ``repo``; they always live in its ``content/`` folder."""
    return build(repo / "content", workers=workers)


def build_site(
    repo: Path,
    contributing: Path = Path("CONTRIBUTING.md"),
    *,
    site_url: str = "",
    workers: int = 1,
) -> Site:
    kb = load_kb(repo, workers=workers)
    text = (repo / contributing).read_text(encoding="utf-8") if (repo / contributing).is_file() else None
    return render_site(kb, contributing=text, changed=last_changed(repo), site_url=site_url, workers=workers)
