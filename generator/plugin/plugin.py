"""The MkDocs plugin: adds the rendered pages to the build in memory, hands Material's override
blocks (theme/) what they show, builds the other editions beside this one and indexes search.

Hooks, in the order MkDocs calls them: on_startup (once per process), on_config, on_pre_build,
on_files (render every page), on_nav, on_env, on_pre_page / on_page_markdown / on_page_content (per
page), on_post_build (wait for the other editions, index search); on_serve (watch the records),
on_build_error and on_shutdown. What only a live preview does is in preview.py; the options, with
``enabled`` which every hook honours, in config.py."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from html import unescape
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.pages import markup, paths
from generator.pages.build import build_site, report_link, repository
from generator.pages.facets import CONTRIBUTORS, page_type, type_of
from generator.pages.render import TEMPLATES, Site
from generator.plugin import editions, preview, search
from generator.plugin.config import KnowledgeBaseConfig
from generator.plugin.editions import Edition, EditionError
from generator.plugin.logger import log
from generator.plugin.preview import AfterBuild, Preview
from generator.records.problems import ContentError
from generator.util.incremental import Memo, digest
from generator.util.pool import usable_cpus
from generator.words import DEFAULT, LANGUAGES, table

MATERIAL_END_OF_LIFE = "2027-05-05"
THEME = Path(__file__).parent / "theme"  # Material's override blocks and partials, and the sitemap


class KnowledgeBasePlugin(BasePlugin[KnowledgeBaseConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.command = "build"
        self.lang = DEFAULT
        # A live preview keeps what each build made, so the next renders only what an edit touches.
        self.memo: Memo | None = None
        self.preview: Preview | None = None  # the rest a live preview keeps, and its work after each build
        self.editions: dict[str, Edition] = {}
        self.here: Edition | None = None
        self.subfolders: dict[str, str] = {}  # the other editions' folders inside this one's site
        self.others: list[tuple[Edition, Any]] = []  # their builds while they run
        self.blocks: dict[str, tuple[str, ...]] = {}
        self.facets: dict[str, dict[str, list[str]]] = {}
        self.keywords: dict[str, list[str]] = {}
        self.deferred_exports: Callable[[], dict[str, str]] | None = None
        self.written: dict[str, str] = {}
        self.told_preview_edition = False
        self.listed: dict[str, Page] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Once per process. Defining it keeps one plugin object across `mkdocs serve` rebuilds."""
        self.command = command
        serving = command == "serve" and self.config.enabled
        self.memo = Memo() if serving else None
        self.preview = Preview(dirty=dirty) if serving else None
        if not self.config.enabled:
            log.info("enabled: false; only the pages in docs/ are built")
            return
        if command == "serve" and not dirty:
            log.info("`mkdocs serve --dirty` (as `make serve` runs it) rewrites only the pages an edit changes")
        if command == "serve" and dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(preview.quiet_dirty_warning)
            log.info(
                "this --dirty preview rewrites each page whose content changed; "
                "after editing mkdocs.yml or docs/ navigation, restart it"
            )
        log.info(
            "Material for MkDocs reaches end of life on %s and MkDocs 1.x has had no release "
            "since August 2024; `make build-properdocs` builds this site with ProperDocs (see README)",
            MATERIAL_END_OF_LIFE,
        )

    def on_shutdown(self) -> None:
        """The end of a live preview: stop its search indexer and the work queued after builds."""
        if self.preview is not None:
            self.preview.shutdown()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Check the settings the pages rely on, read the editions, and give the theme our
        override blocks (before Material's own, after a site's custom_dir) and what they show."""
        if not self.config.enabled:
            return config
        if not config.use_directory_urls:
            # The tables our code writes as HTML link to each page's folder address.
            raise PluginError("knowledge base: use_directory_urls must stay true (the generated tables link by it)")
        self.lang = str(config.theme["language"])
        if self.lang not in LANGUAGES:
            raise PluginError(
                f"theme.language is {self.lang!r}; the knowledge base has editions in {', '.join(LANGUAGES)}"
            )
        try:
            self._read_editions(config)
        except EditionError as exc:
            raise PluginError(f"knowledge base: {exc}") from None
        theme_dirs = config.theme.dirs
        theme_dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
        w = table(self.lang)
        # The heading links' tooltip, in the edition's language (the toc extension's default is English).
        toc = config.mdx_configs.setdefault("toc", {})
        if toc.get("permalink"):
            toc["permalink_title"] = w["permalink_title"]
        config.extra["kb"] = {
            "feed_title": w["changes"],
            "report_label": w["report_problem"],
            # The 404 page (theme/404.html): Material's own is English in every edition.
            **{key: w[key] for key in ("not_found_title", "not_found_text", "not_found_home")},
            # The search filters every page offers: the same for the whole edition, so made once here.
            "search_filters": search.filters(self.lang),
            # For the sitemap's alternates (theme/sitemap.xml).
            "editions": [{"lang": e.lang, "site_url": e.site_url} for e in self.editions.values()] if self.here else [],
        }
        if self.preview is not None:
            preview.list_theme_files_once(config.theme, self.preview.theme_files)
        return config

    def _read_editions(self, config: MkDocsConfig) -> None:
        """The editions the `editions` option names, this one's, and the folders of the others
        inside this one's site (only the default edition holds the others)."""
        self.editions = editions.editions(Path(config.config_file_path).parent, dict(self.config.editions))
        if self.editions and self.lang not in self.editions:
            raise EditionError(f"editions names no config for this edition's language, {self.lang}")
        # `mkdocs serve` sets site_url to its own address, so this holds for a build only.
        building = self.command in ("build", "gh-deploy")
        here = (config.site_url or "").rstrip("/") + "/"
        if building and self.editions and self.editions[self.lang].site_url != here:
            raise EditionError(
                f"the site_url of {Path(config.config_file_path).name} differs from editions: {self.lang}"
            )
        self.here = self.editions.get(self.lang)
        self.subfolders = (
            {e.lang: editions.subfolder(self.here, e) for e in self.editions.values() if e.lang != self.lang}
            if self.here and self.lang == DEFAULT
            else {}
        )

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """A live preview's rebuild starts: the work after the previous build stops writing."""
        if self.preview is not None:
            self.preview.build_starts()

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Render every page and data file of this edition and add them in memory; start the other
        editions' builds."""
        if not self.config.enabled:
            return files
        repo = Path(config.config_file_path).parent
        self._start_other_editions(config)
        try:
            # Forked workers only for a one-off build: `mkdocs serve` runs threads that a fork must not copy.
            workers = usable_cpus() if self.command == "build" else 1
            site = build_site(
                repo,
                Path(self.config.contributing),
                site_url=config.site_url or "",
                edit_uri=config.edit_uri or "",
                workers=workers,
                lang=self.lang,
                memo=self.memo,
            )
        except ContentError as exc:  # every problem, each at its file and line; anything else is a bug
            raise PluginError("Invalid content; the site was not built.\n" + exc.report()) from None
        self.facets = site.facets
        self.keywords = site.keywords
        # The filters name each facet key, a criterion's by its title: known once the records are.
        config.extra["kb"]["search_filters"] = search.filters(self.lang, site.facet_names)
        self.blocks = site.blocks
        self.deferred_exports = site.deferred_exports
        for warning in site.warnings:
            # Info, not a warning: `--strict` must not fail on an editor's lock file.
            log.info("%s", warning)
        _set_edit_links(files, repo, Path(config.docs_dir))
        return self._add_generated(files, site, config)

    def _add_generated(self, files: Files, site: Site, config: MkDocsConfig) -> Files:
        """The site's pages and files, each a Generated file that knows whether it changed."""
        existing = {file.src_uri for file in files}  # Files.append resets MkDocs' own lookup table
        self.written = {}
        for path, text in {**site.pages, **site.files}.items():
            if path in existing:
                raise PluginError(
                    f"{Path(config.docs_dir).name}/{path} has the same path as a generated page; remove or rename it"
                )
            file = Generated.generated(config, path, content=text)
            assert isinstance(file, Generated)  # File.generated is a classmethod typed as returning File
            file.edit_uri = site.edit.get(path)
            # Everything the written page is made of, so a --dirty rebuild can skip it unchanged.
            self.written[path] = digest(
                text, site.blocks.get(path), file.edit_uri, site.facets.get(path), site.keywords.get(path)
            )
            file.unchanged = self.memo is not None and self.memo.written.get(path) == self.written[path]
            files.append(file)
        return files

    def _start_other_editions(self, config: MkDocsConfig) -> None:
        """A one-off build of the default edition builds the others into its site, side by side:
        started here, after MkDocs has emptied the site folder, and awaited in on_post_build."""
        self.others = []
        if self.command not in ("build", "gh-deploy") or not self.subfolders:
            if self.subfolders and not self.told_preview_edition:
                self.told_preview_edition = True  # once, not on every live reload
                log.info("this preview shows the %s edition only; `make serve-nl` previews the Dutch one", self.lang)
            return
        engine = type(config).__module__.split(".")[0]  # mkdocs, or properdocs building the same site
        for lang, folder in self.subfolders.items():
            edition = self.editions[lang]
            target = Path(config.site_dir) / folder
            self.others.append((edition, editions.start_build(engine, edition, target, strict=bool(config.strict))))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Index this edition for search and wait for the other editions; in a live preview, remove
        the pages of removed records and leave the exports and the index to the preview's worker."""
        if not self.config.enabled:
            return
        site_dir = Path(config.site_dir)
        skip = editions.their_folders(self.subfolders)
        suggest = table(self.lang)["search_nearest"]
        if self.memo is None or self.preview is None:
            self._finish_build(site_dir, skip, suggest)
            return
        # A --dirty rebuild leaves the pages of removed records behind: remove them.
        for path in self.memo.written.keys() - self.written.keys():
            remove_output(site_dir, path)
        self.memo.written = self.written
        # The edited page is served first; the exports and the search index follow.
        self.preview.build_done(AfterBuild(site_dir, skip, suggest, self.deferred_exports, self.memo))

    def _finish_build(self, site_dir: Path, skip: frozenset[str], suggest: str) -> None:
        """A one-off build: this edition's index is written while the other editions still build
        (on the other core); its glob leaves their folders out."""
        indexed: dict[str, object] = {}
        indexing = threading.Thread(target=_index_into, args=(site_dir, skip, suggest, indexed))
        indexing.start()
        failed = [
            f"{edition.lang} ({edition.config_file.name})"
            for edition, process in self.others
            if not _awaited(edition, process)
        ]
        self.others = []
        indexing.join()
        if failed:
            raise PluginError("knowledge base: the build of the edition(s) " + ", ".join(failed) + " failed; see above")
        if isinstance(indexed.get("error"), search.SearchIndexError):
            raise PluginError(f"knowledge base: {indexed['error']}")
        log.info("search index of %s pages written to %s/pagefind/", indexed.get("pages"), site_dir)

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """The theme's filter for our override of Material's config block; in a live preview,
        Material's compiled templates kept between rebuilds."""
        if not self.config.enabled:
            return env
        env.filters["kb_search_worker"] = _search_worker
        if self.preview is not None:
            env.bytecode_cache = self.preview.compiled
        return env

    def on_build_error(self, *, error: Exception) -> None:
        """A build failed: stop the other editions' builds; in a live preview, write nothing of
        this build, and rewrite every page next time (some may be written, some not)."""
        if self.memo is not None:
            self.memo.written = {}
        if self.preview is not None:
            self.preview.build_failed()
        for _, process in self.others:
            process.kill()
        self.others = []

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """The pages the navigation lists, by source file: the listing pages record pages hang under."""
        if not self.config.enabled:
            return nav
        self.listed = {page.file.src_uri: page for page in nav.pages}
        return nav

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        """A page the navigation does not list (a case, a criterion, a lesson) gets the listing page
        of its folder as parent: the breadcrumbs then read "Home › Cases › Johan Cruijff ArenA" and
        the navigation highlights "Cases" (MkDocs marks an active page's parents active)."""
        if not self.config.enabled or page.parent is not None or page.file.src_uri in self.listed:
            return page
        folder = page.file.src_uri.rpartition("/")[0]
        while folder:
            listing = self.listed.get(f"{folder}/index.md")
            if listing is not None and listing is not page:
                page.parent = listing  # type: ignore[assignment]  # MkDocs types parents as Sections; a Page serves
                break
            folder = folder.rpartition("/")[0]
        return page

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """What the theme's override blocks show on this page (page.meta.kb): its alternates, the
        language switch and its search facets."""
        if not self.config.enabled:
            return markdown
        # Search is Pagefind's (written after the build), so Material's lunr index stays empty:
        # a visitor no longer downloads an index that grows with the collection.
        page.meta["search"] = {"exclude": True}
        w = table(self.lang)
        page.meta["kb"] = {
            "facets": self.facets.get(page.file.src_uri) or page_type(page.file.src_uri, self.lang),
            "keywords": self.keywords.get(page.file.src_uri) or [],
            "keywords_label": w["search_keywords"],
            "edit_label": w["suggest_correction"],  # the pencil's words (partials/actions.html)
            "alternates": editions.alternates(page.url, self.editions) if self.here else [],
            "switch": editions.switch(page.url, self.here, self.editions) if self.here else None,
            "search_weight": search.CONTRIBUTOR_WEIGHT if type_of(page.file.src_uri) == CONTRIBUTORS else None,
        }
        return markdown

    # Early: another plugin that reads or rewrites page HTML must see our blocks, not their markers.
    @event_priority(50)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Put our HTML blocks back where the rendered page held their markers; the page's
        "Report a problem" link, now that its title is known."""
        if not self.config.enabled:
            return html
        address = (config.site_url or "") + page.url
        page.meta["kb"]["report"] = report_link(
            repository(config.edit_uri or ""), address, unescape(page.title or ""), self.lang
        )
        return markup.put_back(html, self.blocks.get(page.file.src_uri, ()))

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when a record, a source's text, a template or the contributing guide changes."""
        if not self.config.enabled:
            return server
        repo = Path(config.config_file_path).parent
        server.watch(str((repo / "content").resolve()))
        if (repo / "texts").is_dir():  # an edited text re-checks the quotes that cite it
            server.watch(str((repo / "texts").resolve()))
        server.watch(str(TEMPLATES))
        contributing = repo / self.config.contributing
        if contributing.is_file():
            server.watch(str(contributing))
        preview.poll_often(server.observer)
        return server


def _set_edit_links(files: Files, repo: Path, docs_dir: Path) -> None:
    """edit_uri points at the repository root: hand-written pages open docs/<page> (generated
    pages open the YAML record behind them, pages built from many records have no button)."""
    docs, root = docs_dir.resolve(), repo.resolve()
    docs_prefix = docs.relative_to(root).as_posix() if docs.is_relative_to(root) else None
    for file in files:
        if file.generated_by is None:
            file.edit_uri = f"{docs_prefix}/{file.src_uri}" if docs_prefix else None


def _awaited(edition: Edition, process: Any) -> bool:
    """Wait for another edition's build and pass on what it said; whether it succeeded. Each line
    starts with its level: its progress (INFO) is left out; a warning counts here too, so --strict
    sees it, and the rest is shown."""
    output, _ = process.communicate()
    for line in output.splitlines():
        if line.startswith("WARNING"):
            log.warning("[%s] %s", edition.lang, line.removeprefix("WARNING").lstrip(" -"))
        elif line.strip() and not line.startswith("INFO"):
            log.info("[%s] %s", edition.lang, line)
    return process.returncode == 0


def _search_worker(config_script: str) -> Markup:
    """Jinja filter over Material's __config script: our worker's address in place of lunr's."""
    try:
        return Markup(search.our_worker(str(config_script)))
    except search.AnchorMissing as exc:
        raise PluginError(f"knowledge base: {exc}") from None


def _index_into(site_dir: Path, skip: frozenset[str], suggest: str, result: dict[str, object]) -> None:
    """Index in a thread: how many pages, or the error, go into ``result``."""
    try:
        result["pages"] = search.index(site_dir, skip, suggest=suggest)
    except search.SearchIndexError as exc:
        result["error"] = exc


class Generated(File):
    """A generated page or file. MkDocs' File counts any file with content as modified, so a
    `--dirty` rebuild would write every one; this one knows whether its content changed."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged


def remove_output(site: Path, src_uri: str) -> None:
    """Remove what a generated file that no longer exists wrote into the site."""
    page = src_uri.endswith(".md")
    target = site / paths.output_file(src_uri)
    target.unlink(missing_ok=True)
    if page and target.parent != site and not any(target.parent.iterdir()):
        target.parent.rmdir()
