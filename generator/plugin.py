"""The MkDocs plugin: a thin adapter that adds the rendered pages to the build in memory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .site import build_site


class KnowledgeBaseConfig(Config):
    content = config_options.Dir(exists=False, default="content")
    contributing = config_options.Type(str, default="CONTRIBUTING.md")


class KnowledgeBasePlugin(BasePlugin[KnowledgeBaseConfig]):
    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps one plugin object across `mkdocs serve` rebuilds.
        self.command = command

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        repo = Path(config.config_file_path).parent
        try:
            site = build_site(repo, Path(self.config.content), Path(self.config.contributing), site_url=config.site_url or "")
        except Exception as exc:  # ContentError carries every problem; anything else is a bug
            from .problems import ContentError

            if isinstance(exc, ContentError):
                raise PluginError("Invalid content; the site was not built.\n" + exc.report()) from None
            raise
        docs = Path(config.docs_dir).resolve()
        for path, text in {**site.pages, **site.files}.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"{Path(config.docs_dir).name}/{path} has the same path as a generated page; remove or rename it")
            file = File.generated(config, path, content=text)
            record = site.edit.get(path)
            # The edit button opens the YAML record behind the page; pages built from many
            # records have none.
            file.edit_uri = Path("..", record).as_posix() if record and docs.parent == repo.resolve() else None
            files.append(file)
        return files

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        repo = Path(config.config_file_path).parent
        server.watch(str((repo / self.config.content).resolve()))
        server.watch(str(Path(__file__).parent / "templates"))
        contributing = repo / self.config.contributing
        if contributing.is_file():
            server.watch(str(contributing))
        return server
