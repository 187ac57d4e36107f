"""The MkDocs plugin: a thin adapter that adds the rendered pages to the build in memory."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from .pool import log, usable_cpus
from .site import build_site

MATERIAL_END_OF_LIFE = "2027-05-05"


class KnowledgeBaseConfig(Config):
    # The records always live in content/ beside mkdocs.yml: the CLI, the scaffolds and the edit
    # links assume it, so it is not an option.
    contributing = config_options.Type(str, default="CONTRIBUTING.md")


class KnowledgeBasePlugin(BasePlugin[KnowledgeBaseConfig]):
    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps one plugin object across `mkdocs serve` rebuilds.
        self.command = command
        log.info(
            "knowledge base: Material for MkDocs reaches end of life on %s and MkDocs 1.x has had no release "
            "since August 2024; `make build-properdocs` builds this site with ProperDocs (see README)",
            MATERIAL_END_OF_LIFE,
        )

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        repo = Path(config.config_file_path).parent
        try:
            # Forked workers only for a one-off build: `mkdocs serve` runs threads that a fork must not copy.
            workers = usable_cpus() if getattr(self, "command", "build") == "build" else 1
            site = build_site(
                repo,
                Path(self.config.contributing),
                site_url=config.site_url or "",
                edit_uri=config.edit_uri or "",
                workers=workers,
            )
        except Exception as exc:  # ContentError carries every problem; anything else is a bug
            from .problems import ContentError

            if isinstance(exc, ContentError):
                raise PluginError("Invalid content; the site was not built.\n" + exc.report()) from None
            raise
        for warning in site.warnings:
            # Info, not a warning: `--strict` must not fail on an editor's lock file.
            log.info("knowledge base: %s", warning)
        docs = Path(config.docs_dir).resolve()
        # edit_uri points at the repository root: hand-written pages open docs/<page>, generated
        # pages open the YAML record behind them, pages built from many records have no button.
        docs_prefix = docs.relative_to(repo.resolve()).as_posix() if docs.is_relative_to(repo.resolve()) else None
        for file in files:
            if file.generated_by is None:
                file.edit_uri = f"{docs_prefix}/{file.src_uri}" if docs_prefix else None
        existing = {file.src_uri for file in files}  # Files.append resets MkDocs' own lookup table
        for path, text in {**site.pages, **site.files}.items():
            if path in existing:
                raise PluginError(
                    f"{Path(config.docs_dir).name}/{path} has the same path as a generated page; remove or rename it"
                )
            file = File.generated(config, path, content=text)
            file.edit_uri = site.edit.get(path)
            files.append(file)
        return files

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # Feed readers find the change feed from any page's head.
        href = get_relative_url("feed.xml", page.url)
        link = f'<link rel="alternate" type="application/atom+xml" title="What changed" href="{href}">'
        return output.replace("</head>", f"{link}\n</head>", 1)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # MkDocs unescapes the first heading into page.title and themes print it raw (in <title>,
        # the search index, breadcrumbs); escape it so a record's name stays text.
        if page.title:
            page.title = escape(page.title, quote=True)
        return html

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        repo = Path(config.config_file_path).parent
        server.watch(str((repo / "content").resolve()))
        server.watch(str(Path(__file__).parent / "templates"))
        contributing = repo / self.config.contributing
        if contributing.is_file():
            server.watch(str(contributing))
        return server
