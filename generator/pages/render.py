"""Render the knowledge base into Markdown pages and companion files, all in memory: which pages
the site has and what each is made from (``render_site``), rendered in one process or, for a
large collection, in several (``_render_jobs``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment

from generator.pages import export, local, markup, paths, svg
from generator.pages.changes import plain_line, worded_changes
from generator.pages.environment import TEMPLATES, environment
from generator.pages.facets import facet_names, facets, keywords, page_type
from generator.pages.feed import atom
from generator.pages.notes import Notes
from generator.pages.pieces import funnel_steps, label
from generator.pages.redirects import redirects
from generator.pages.sections import PageContext
from generator.pages.terms import Terms, terms_on_page
from generator.pages.text import pick
from generator.records.history import DayOfChanges, History
from generator.records.knowledge_base import KnowledgeBase
from generator.records.load import gc_paused
from generator.records.models import TYPES
from generator.records.problems import ContentError, Problem
from generator.records.ratings import SCALE
from generator.util import pool
from generator.util.incremental import PER_RECORD, Memo, digest
from generator.words import DEFAULT, ByName, edition, language, table

__all__ = ["TEMPLATES", "Site", "render_site"]  # TEMPLATES: where the plugin watches for edits


@dataclass
class Site:
    pages: dict[str, str] = field(default_factory=dict)  # Markdown, by MkDocs source path
    files: dict[str, str] = field(default_factory=dict)  # other generated files (SVG, JSON, CSV)
    edit: dict[str, str] = field(default_factory=dict)  # page -> the record file its edit button opens
    warnings: list[str] = field(default_factory=list)  # what validate warns about, e.g. a skipped dot-file
    # page -> search facets: facet key -> values, in the edition's language (every generated page)
    facets: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    facet_names: dict[str, str] = field(default_factory=dict)  # facet key -> its name, as readers see it
    # page -> the readers' words of the records it shows (their `keywords`), which search finds it by too
    keywords: dict[str, list[str]] = field(default_factory=dict)
    # page -> the HTML blocks its Markdown holds markers for (markup.held)
    blocks: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # A live preview's exports, made just after the pages are served: ``files`` holds the last
    # build's until then (see _DataFiles)
    deferred_exports: Callable[[], dict[str, str]] | None = None


def template_for(page: str) -> str:
    """The template of a page that lists records: 'cases/index.md' -> 'cases_index.md.j2'."""
    return page.replace("/", "_") + ".j2"


def _claim(claimed: dict[str, str], path: str, maker: str) -> None:
    """Note that ``maker`` writes ``path`` (a page, or a file the site holds as it is); a second
    writer of the same output is an error, never a silent overwrite of the first."""
    output = paths.output_file(path)
    if output in claimed:
        first = claimed[output]
        where = maker if maker.endswith(".yaml") else first if first.endswith(".yaml") else ""
        raise ContentError(
            [
                Problem(
                    where or path,
                    0,
                    0,
                    "",
                    f"two pages would be written to {output}: the one made from {first} and the one made from "
                    f"{maker}; the second would silently replace the first",
                    "give the record another id" if where else "",
                )
            ]
        )
    claimed[output] = maker


@dataclass(frozen=True)
class _Job:
    path: str
    template: str
    glossary: bool
    context: dict[str, Any]
    key: str = ""  # what the page is made from, where a live preview may keep it (incremental.py)


Rendered = tuple[str, tuple[str, ...]]  # a page's Markdown, and the HTML blocks it holds markers for


def _render_one(env: Environment, job: _Job, common: dict[str, Any], terms: Terms) -> Rendered:
    """A page's Markdown and its HTML blocks; below it, the glossary terms it uses (``job.glossary``)."""
    notes = Notes(job.path, common["kb"])  # the page's numbered sources, in the order it marks them
    sections = PageContext(job.path, common["kb"], notes, common["words"])
    with markup.held() as held:
        template = env.get_template(job.template)
        text = template.render(page=job.path, notes=notes, sections=sections, **common, **job.context)
        if job.glossary and job.path != "glossary.md":
            found = terms.found_in(text + "\n".join(held) if held else text)
            if found:
                text = text.rstrip("\n") + f"\n\n{terms_on_page(job.path, found)}\n"
    return text, tuple(held)


PARALLEL_FROM = 1000  # pages; below this a process pool costs more than it saves


def _page_keys(
    kb: KnowledgeBase, memo: Memo, lang: str, common: dict[str, Any], days: list[DayOfChanges] | None
) -> Callable[[str, str, str | None], str]:
    """For a live preview: the key of each record page that can be kept from the last build,
    made of everything it is rendered from (see incremental.py); "" for the pages to render."""
    kinds = memo.kind_digests(kb.files)
    site = digest(
        lang,
        sorted((p.relative_to(TEMPLATES).as_posix(), p.read_bytes()) for p in TEMPLATES.rglob("*.j2")),
        {
            k: v
            for k, v in common.items()
            if k in ("changed", "site_url", "content_date", "history_state", "history_base")
        },
        days,
    )
    by_file = {file: kind for (kind, _), file in kb.files.items()}

    def key(path: str, template: str, edit: str | None) -> str:
        kind = by_file.get(edit or "")
        if kind not in PER_RECORD or not path.startswith(f"{kind}/"):
            return ""
        others = sorted((k, v) for k, v in kinds.items() if k != kind)
        return digest(path, template, memo.files.get(edit or ""), others, site)

    return key


def _render_jobs(
    jobs: list[_Job],
    common: dict[str, Any],
    terms: Terms,
    workers: int,
    make_files: Callable[[], dict[str, str]],
    memo: Memo | None = None,
) -> tuple[dict[str, Rendered], dict[str, str]]:
    """Every page, and the files ``make_files`` builds; in worker processes when it pays. With a
    ``memo``, the pages it holds under their key are kept, not rendered again."""
    if memo is not None:
        kept = {job.path: memo.pages[job.key] for job in jobs if job.key and job.key in memo.pages}
        fresh = [job for job in jobs if job.path not in kept]
        memo.rendered = len(fresh)
        pages, files = _render_jobs(fresh, common, terms, workers, make_files)
        pages.update(kept)
        memo.pages = {job.key: pages[job.path] for job in jobs if job.key}  # only this build's
        return {job.path: pages[job.path] for job in jobs}, files
    env = environment()
    if len(jobs) < PARALLEL_FROM:
        workers = 1
    for name in {job.template for job in jobs}:
        env.get_template(name)  # compiled once here; forked workers inherit them

    def task(job: _Job | None) -> Rendered | dict[str, str]:
        return make_files() if job is None else _render_one(env, job, common, terms)

    # The files and the overview pages (those not about one record) are the longest tasks: they go
    # first, so no worker is left with a long task at the end.
    overviews = [job for job in jobs if "source_file" not in job.context]
    singles = [job for job in jobs if "source_file" in job.context]
    ordered: list[_Job | None] = [None, *overviews, *singles]
    results = pool.run(task, ordered, workers, slices_per_worker=8)
    made = results[0]
    assert isinstance(made, dict)
    texts: dict[str, Rendered] = {}
    for job, rendered in zip(ordered[1:], results[1:], strict=True):
        assert job is not None and isinstance(rendered, tuple)
        texts[job.path] = rendered
    return {job.path: texts[job.path] for job in jobs}, made  # in the jobs' order


def render_site(
    kb: KnowledgeBase,
    *,
    contributing: tuple[str, str] | None = None,
    history: History | None = None,
    days: list[DayOfChanges] | None = None,
    site_url: str = "",
    repository: str = "",
    history_base: str = "",
    workers: int = 1,
    lang: str = DEFAULT,
    memo: Memo | None = None,
) -> Site:
    """Every page and file of the site, in the edition ``lang``.

    With ``workers`` > 1 and a large collection, pages are rendered in forked processes; the
    result is the same, page for page.

    ``contributing`` is the contributors' guide: its file in the repository (its edit button opens
    it) and its Markdown. ``history`` says when each record file last changed (the newest date is
    the content date printed on checklists and the data's version); ``days`` is the change list,
    None without git.
    """
    with edition(lang):
        history = history or History()  # no history: a copy without git
        site = Site(warnings=[warning.text() for warning in kb.warnings], facet_names=facet_names(kb))
        common = _shared(kb, history, site_url, history_base, repository, lang)
        plan = _Plan(site, _page_keys(kb, memo, lang, common, days) if memo is not None else None)
        _record_pages(plan, kb)
        _overview_pages(plan, kb, days)
        files = _DataFiles(kb, lang, export.DataVersion.of(history), memo)
        with gc_paused():
            pages, made = _render_jobs(plan.jobs, common, Terms(kb.terms), workers, files.make, memo)
        _take(site, pages, made)
        files.settle(site, made)
        _other_files(plan, kb, days, site_url, lang)
        if contributing is not None:
            _contributing(plan, *contributing)
        return site


def _shared(
    kb: KnowledgeBase, history: History, site_url: str, history_base: str, repository: str, lang: str
) -> dict[str, Any]:
    """What every page's template reads: the records, the edition's words, the site's address and
    what the history says of when each record changed."""
    changed = history.dates
    fixed = table()
    # Without git history (a downloaded archive) the date is not known: said in the edition's words.
    content_date = local.date(max(changed.values())) if changed else fixed["date_unrecorded"]
    return {
        "kb": kb,
        "w": ByName(fixed),  # a word by name in a template (w.<key>); words[...] where it is computed
        "words": fixed,
        "lang": lang,
        "changed": changed,
        "site_url": site_url or fixed["this_site"],
        "page_url": lambda path: (site_url.rstrip("/") + "/" + paths.url(path)) if site_url else paths.url(path),
        "content_date": content_date,
        "history_state": history.state,
        "history_base": history_base,
        "repository": repository,
    }


@dataclass
class _Plan:
    """The pages to render, each claimed once, with its search facets and edit button's file."""

    site: Site
    keys: Callable[[str, str, str | None], str] | None  # a live preview's page keys (_page_keys)
    jobs: list[_Job] = field(default_factory=list)
    claimed: dict[str, str] = field(default_factory=dict)  # output -> what made it: a record file or a template

    def page(self, path: str, template: str, edit: str | None = None, glossary: bool = True, **context: Any) -> None:
        """A page ``path`` from ``template``; ``edit``, the record file it shows, opens in its edit button."""
        _claim(self.claimed, path, edit or template)
        key = self.keys(path, template, edit) if self.keys else ""
        self.jobs.append(_Job(path, template, glossary, context, key))
        self.site.facets[path] = page_type(path)
        if edit:
            self.site.edit[path] = edit


def _record_pages(plan: _Plan, kb: KnowledgeBase) -> None:
    """The home page, each kind's page and a page per record for the kinds that have them."""
    plan.page("index.md", "home.md.j2")
    listed: set[str] = set()
    lang = language()
    for kind in TYPES:
        if kind.page not in listed:
            listed.add(kind.page)
            plan.page(kind.page, template_for(kind.page))
        if kind.own_pages:
            for record in kb.records[kind.folder]:
                file = kb.source_file(kind.folder, record.id)
                path = f"{kind.folder}/{record.id}.md"
                plan.page(path, f"{kind.noun}.md.j2", file, **{kind.noun: record, "source_file": file})
                plan.site.facets[path] = facets(kb, kind.folder, record)
                plan.site.keywords[path] = keywords([record], lang)
        else:  # its records are found on the page that lists them
            found = plan.site.keywords.get(kind.page, []) + keywords(kb.records[kind.folder], lang)
            plan.site.keywords[kind.page] = list(dict.fromkeys(found))


def _overview_pages(plan: _Plan, kb: KnowledgeBase, days: list[DayOfChanges] | None) -> None:
    """The pages about the whole collection: the comparison, the checklists, the change list, the
    study and what the site is."""
    plan.page("comparison.md", "comparison.md.j2")
    plan.page(paths.CHECKLISTS_INDEX, "checklists_index.md.j2")
    all_criteria = table()["all_criteria"]
    plan.page(paths.checklist("all"), "checklist.md.j2", glossary=False, criteria=kb.criteria, title=all_criteria)
    for criterion in kb.criteria:
        plan.page(
            paths.checklist(criterion.id),
            "checklist.md.j2",
            kb.source_file("criteria", criterion.id),
            glossary=False,
            criteria=(criterion,),
            title=criterion.title,
        )
    plan.page("changes.md", "changes.md.j2", glossary=False, days=days)
    plan.page("study.md", "study.md.j2", "content/study.yaml")
    plan.page("resilience.md", "resilience.md.j2", "content/study.yaml")
    plan.page("about.md", "about.md.j2", glossary=False)
    plan.page(paths.RATINGS, "ratings.md.j2")
    plan.page("self-assessment.md", "self_assessment.md.j2", glossary=False)
    plan.page("data.md", "data.md.j2", schemas=export.schema_rows())


class _DataFiles:
    """The files rendered beside the pages: each assessed case's profile picture and the data
    exports. The exports hold every record, and no page shows them: a live preview writes them just
    after it serves the edited page (the plugin runs ``Site.deferred_exports``), keeping the last ones till then."""

    def __init__(self, kb: KnowledgeBase, lang: str, version: export.DataVersion, memo: Memo | None) -> None:
        self.kb, self.lang, self.version, self.memo = kb, lang, version, memo
        self.previous = memo.exports if memo is not None else {}
        self.deferred = bool(self.previous)

    def exports(self) -> dict[str, str]:
        with edition(self.lang):
            return export.data_files(self.kb, self.version)

    def make(self) -> dict[str, str]:
        labels = {r: label(r) for r in SCALE}
        made = {}
        for case in self.kb.assessed_cases:
            rows = [(pick(c.title), self.kb.criterion_rating(case, c)) for c in self.kb.criteria]
            marked = frozenset(pick(c.title) for c in self.kb.criteria if self.kb.inferred(case, c))
            title = table()["profile_of"].format(name=pick(case.name))
            made[paths.profile_svg(case.id)] = svg.profile(title, rows, labels, self.lang, marked)
        return {**made, **(self.previous if self.deferred else self.exports())}

    def settle(self, site: Site, made: dict[str, str]) -> None:
        """A live preview's exports: written later, or kept for the next build to offer."""
        if self.deferred:
            site.deferred_exports = self.exports
        elif self.memo is not None:
            self.memo.exports = {path: made[path] for path in export.data_files_names(made)}


def _take(site: Site, pages: dict[str, Rendered], made: dict[str, str]) -> None:
    """The rendered pages, their HTML blocks and the files made beside them, into the site."""
    for path, (text, held) in pages.items():
        site.pages[path] = text
        if held:
            site.blocks[path] = held
    site.files.update(made)


def _other_files(plan: _Plan, kb: KnowledgeBase, days: list[DayOfChanges] | None, site_url: str, lang: str) -> None:
    """The pages left at former ids, the feed of changes and the study's funnel picture."""
    site, fixed = plan.site, table()
    moved = redirects(kb, site_url)
    for path in moved:
        _claim(plan.claimed, path, "a redirect from a former id")
    site.files.update(moved)
    worded = [(day, [plain_line(line) for line in lines]) for day, lines in worded_changes(kb, days or [], fixed)]
    site.files["feed.xml"] = atom(worded, site_url, f"{fixed['site_name']}: {fixed['changes']}", lang)
    site.files["assets/funnel.svg"] = svg.funnel(
        funnel_steps(kb, fixed),
        fixed["funnel_title"],
        fixed["funnel_then"],
        lang,
    )


def _contributing(plan: _Plan, file: str, text: str) -> None:
    """The contributors' guide, a page as it is written; its edit button opens ``file``."""
    _claim(plan.claimed, "contributing.md", file)
    plan.site.pages["contributing.md"] = text
    plan.site.edit["contributing.md"] = file
