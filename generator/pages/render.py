"""Render the knowledge base into Markdown pages and companion files, all in memory."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context

from generator.pages import case_page, export, local, markup, paths, svg, tables
from generator.pages.cited_in import cited_in
from generator.pages.feed import atom
from generator.pages.notes import Notes
from generator.pages.pieces import anchor, badge, case_facts, english_name, full_reference, label, other_names
from generator.pages.redirects import redirects
from generator.pages.text import Trusted, blocks, finalize, inline, inline_text, pick
from generator.records.history import DayOfChanges, History
from generator.records.knowledge_base import KnowledgeBase, section_anchor
from generator.records.load import gc_paused
from generator.records.models import TYPES, Term
from generator.records.problems import ContentError, Problem
from generator.records.ratings import SCALE
from generator.util import pool
from generator.util.incremental import PER_RECORD, Memo, digest
from generator.words import DEFAULT, edition, gettext, plural, table

TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class Site:
    pages: dict[str, str] = field(default_factory=dict)  # Markdown, by MkDocs source path
    files: dict[str, str] = field(default_factory=dict)  # other generated files (SVG, JSON, CSV)
    edit: dict[str, str] = field(default_factory=dict)  # page -> the record file its edit button opens
    warnings: list[str] = field(default_factory=list)  # what validate warns about, e.g. a skipped dot-file
    # page -> search facets: facet key -> values, in the edition's language (every generated page)
    facets: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    facet_names: dict[str, str] = field(default_factory=dict)  # facet key -> its name, as readers see it
    # page -> the HTML blocks its Markdown holds markers for (markup.held)
    blocks: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # A live preview's exports, made just after the pages are served: ``files`` holds the last
    # build's until then (see _render_site)
    later: Callable[[], dict[str, str]] | None = None

    def markdown(self, path: str) -> str:
        """A page's Markdown with its HTML blocks in place: what other engines get."""
        return markup.put_back(self.pages[path], self.blocks.get(path, ()))


# What templates print inside Markdown prose is HTML set aside while the page renders
# (markup.block), so Markdown never reads contributor text in it.


def run_on(value: object) -> str:
    """A text that continues a sentence after a colon ("...is the WODC/NCTV study: the English
    summary of..."): its first letter lower-case. For texts that open with a common word, not a name."""
    text = pick(value)
    return type(text)(text[:1].lower() + text[1:]) if text[:1].isupper() else text


@pass_context
def link(ctx: Any, text: object, target: str, anchor: str = "") -> Trusted:
    return markup.block(markup.link(ctx["page"], text, target, anchor), inline=True)


@pass_context
def href(ctx: Any, target: str, anchor: str = "") -> Trusted:
    """A Markdown link's target: the target's source file, as every engine resolves it."""
    return Trusted(paths.relative(ctx["page"], target, anchor))


def english(record: object) -> Trusted | None:
    """A record's English name on another edition's page (pieces.english_name), or None."""
    name = english_name(record)
    return markup.block(name, inline=True) if name else None


def foreign(text: str, lang: str | None) -> Trusted:
    """Text in a source's own language, marked as such where it is not the edition's."""
    return markup.block(markup.in_language(text, lang), inline=True)


def external_link(url: str) -> Trusted:
    return markup.block(markup.external_link(url), inline=True)


@pass_context
def legend(ctx: Any) -> Trusted:
    """The ratings in one line, linking the page that explains them."""
    return case_page.legend(ctx["page"])


@pass_context
def new_notes(ctx: Any) -> Notes:
    """A page's numbered sources (notes.py): its template marks statements, then lists them."""
    return Notes(ctx["page"], ctx["kb"])


def reference(source: Any, words: dict[str, str]) -> Trusted:
    return markup.block(full_reference(source, words), inline=True)


def template_for(page: str) -> str:
    """The template of a page that lists records: 'cases/index.md' -> 'cases_index.md.j2'."""
    return page.replace("/", "_") + ".j2"


def message(key: str, /, **values: object) -> Trusted:
    """A template's ``_(key, name=value)``: the message as Markdown (its text is the project's, as a
    template's is), each value made inert unless our code built it."""
    return Trusted(gettext(key, **_inert(values)))


def plural_message(key: str, key_plural: str, count: int, /, **values: object) -> Trusted:
    """A template's ``ngettext(key, key, count, name=value)``: the form that fits ``count``."""
    return Trusted(plural(key, count, None, **_inert(values)))


def _inert(values: dict[str, object]) -> dict[str, object]:
    return {name: finalize(value) for name, value in values.items()}


@lru_cache(maxsize=1)
def environment() -> Environment:
    # One environment per process: it keeps its compiled templates from build to build (a live
    # preview's rebuild), and recompiles a template whose file changed (auto_reload).
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        finalize=finalize,  # every printed value is made inert unless our code built it
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        extensions=["jinja2.ext.i18n"],
    )
    # _(), gettext() and ngettext() read the edition being rendered (words.edition) when called, so
    # one environment serves both editions; their messages fill in {placeholders} given by name.
    env.install_gettext_callables(message, plural_message, newstyle=False)  # type: ignore[attr-defined]
    env.filters.update(
        blocks=blocks,
        inline=inline,
        inline_text=inline_text,
        run_on=run_on,
        badge=badge,
        date=local.date,
        author=local.author,
        number=local.number,
        alphabetical=local.alphabetical,
    )
    env.globals.update(
        rows=tables,
        sections=case_page,
        link=link,
        href=href,
        section_anchor=section_anchor,
        full_reference=reference,
        foreign=foreign,
        other_names=other_names,
        english_name=english,
        external_link=external_link,
        anchor=anchor,
        legend=legend,
        notes=new_notes,
        cited_in=cited_in,
        case_facts=case_facts,
        paths=paths,
        SCALE=SCALE,
    )
    return env


class _Terms:
    """Finds glossary terms in a page so it can link to their definitions."""

    def __init__(self, terms: tuple[Term, ...]) -> None:
        self.by_name: dict[str, Term] = {}
        for term in terms:
            for name in [term.term, *term.other_names]:
                self.by_name[pick(name).casefold()] = term

    def found_in(self, markdown: str) -> list[Term]:
        # Link targets, HTML tags and heading ids are not prose: "#driver" is not the term "driver".
        text = _NOT_PROSE.sub("]", markdown).replace("\\", "").casefold()
        found = {term.id: term for name, term in self.by_name.items() if _has_word(text, name)}
        return sorted(found.values(), key=lambda t: pick(t.term).casefold())


_NOT_PROSE = re.compile(r"\]\([^)]*\)|<[^>]+>|\{#[^}]*\}")


def _has_word(text: str, name: str) -> bool:
    r"""``name`` occurs in ``text`` as whole words (not inside "drivers" or "co-driver").

    The same test as the regex ``(?<![\w-])name(?![\w-])`` (a test holds them equal), but
    str.find skips ahead in C and the first hit nearly always stands alone.
    """
    start = text.find(name)
    while start >= 0:
        end = start + len(name)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before in "_-" or after.isalnum() or after in "_-"):
            return True
        start = text.find(name, start + 1)
    return False


# Search facets are keyed by these names and a criterion's id, never by words a reader sees:
# Pagefind reads a ':' in a key as key:value and keeps entities in it. facet_names() says them.
FACET_KEYS = ("type", "country", "status")


def rating_facet(criterion_id: str) -> str:
    return f"rating-{criterion_id}"


def facet_names(kb: KnowledgeBase) -> dict[str, str]:
    """Each facet key's name in the edition's words, for the search filters to show."""
    w = table()
    names = {"type": w["facet_type"], "country": w["country"], "status": w["status"]}
    return names | {rating_facet(c.id): pick(c.title) for c in kb.criteria}


def page_type(path: str) -> dict[str, list[str]]:
    """The search facet of a page that is no record's: a checklist, the glossary or a page."""
    w = table()
    kind = "checklist" if path.startswith("checklists/") else "glossary" if path == "glossary.md" else "page"
    return {"type": [w[f"facet_{kind}"]]}


def facets(kb: KnowledgeBase, kind: str, record: Any) -> dict[str, list[str]]:
    """What search can filter a record's page by: its kind and, for a case, its country, the
    study's selection and, where assessed, its rating on each criterion."""
    w = table()
    found = {"type": [w[f"noun_{kind}"]]}
    if kind == "cases":
        if record.country:
            found["country"] = [pick(kb.country(record.country).name)]
        found["status"] = [w[f"status_{record.status}"] if record.status else w["not_in_study"]]
        if record.assessed_by:
            for criterion in kb.criteria:
                found[rating_facet(criterion.id)] = [label(kb.criterion_rating(record, criterion))]
    return found


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


def _render_one(env: Environment, job: _Job, common: dict[str, Any], terms: _Terms) -> Rendered:
    with markup.held() as held:
        text = env.get_template(job.template).render(page=job.path, **common, **job.context)
        if job.glossary and job.path != "glossary.md":
            found = terms.found_in(text + "\n".join(held) if held else text)
            if found:
                text = text.rstrip("\n") + f"\n\n{case_page.terms_on_page(job.path, found)}\n"
    return text, tuple(held)


PARALLEL_FROM = 1000  # pages; below this a process pool costs more than it saves


def _page_keys(
    kb: KnowledgeBase, memo: Memo, lang: str, common: dict[str, Any], days: list[DayOfChanges] | None
) -> Callable[[str, str, str | None], str]:
    """For a live preview: the key of each record page that can be kept from the last build,
    made of everything it is rendered from (see incremental.py); "" for the pages to render."""
    kinds = memo.kind_digests(kb.files)
    templates = TEMPLATES
    site = digest(
        lang,
        sorted((p.relative_to(templates).as_posix(), p.read_bytes()) for p in templates.rglob("*.j2")),
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
    terms: _Terms,
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
    contributing: str | None = None,
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

    ``history`` says when each record file last changed (the newest date is the content date
    printed on checklists and the data's version); ``days`` is the change list, None without git.
    """
    with edition(lang):
        return _render_site(kb, contributing, history, days, site_url, history_base, workers, lang, memo, repository)


def _render_site(
    kb: KnowledgeBase,
    contributing: str | None,
    history: History | None,
    days: list[DayOfChanges] | None,
    site_url: str,
    history_base: str,
    workers: int,
    lang: str,
    memo: Memo | None = None,
    repository: str = "",
) -> Site:
    site = Site(warnings=[warning.text() for warning in kb.warnings], facet_names=facet_names(kb))
    history = history or History()  # no history: a copy without git
    changed = history.dates
    fixed = table()
    # Without git history (a downloaded archive) the date is not known: said in the edition's words.
    content_date = local.date(max(changed.values())) if changed else fixed["date_unrecorded"]
    common = {
        "kb": kb,
        "w": SimpleNamespace(**fixed),  # a word by name in a template; words[...] where it is computed
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
    jobs: list[_Job] = []
    claimed: dict[str, str] = {}  # page -> what made it: a record file or a template
    keys = _page_keys(kb, memo, lang, common, days) if memo is not None else None

    def page(path: str, template: str, edit: str | None = None, glossary: bool = True, **context: Any) -> None:
        _claim(claimed, path, edit or template)
        key = keys(path, template, edit) if keys else ""
        jobs.append(_Job(path, template, glossary, context, key))
        site.facets[path] = page_type(path)
        if edit:
            site.edit[path] = edit

    page("index.md", "home.md.j2")
    listed: set[str] = set()
    for kind in TYPES:  # each kind's page, and a page per record for the kinds that have them
        if kind.page not in listed:
            listed.add(kind.page)
            page(kind.page, template_for(kind.page))
        if kind.own_pages:
            for record in kb.records[kind.folder]:
                file = kb.source_file(kind.folder, record.id)
                context = {kind.noun: record, "source_file": file}
                page(f"{kind.folder}/{record.id}.md", f"{kind.noun}.md.j2", file, **context)
                site.facets[f"{kind.folder}/{record.id}.md"] = facets(kb, kind.folder, record)
    page("comparison.md", "comparison.md.j2")
    page(paths.CHECKLISTS_INDEX, "checklists_index.md.j2")
    page(paths.checklist("all"), "checklist.md.j2", glossary=False, criteria=kb.criteria, title=fixed["all_criteria"])
    for criterion in kb.criteria:
        page(
            paths.checklist(criterion.id),
            "checklist.md.j2",
            kb.source_file("criteria", criterion.id),
            glossary=False,
            criteria=(criterion,),
            title=criterion.title,
        )
    page("changes.md", "changes.md.j2", glossary=False, days=days)
    page("study.md", "study.md.j2", "content/study.yaml")
    page("resilience.md", "resilience.md.j2", "content/study.yaml")
    page("about.md", "about.md.j2", glossary=False)
    page(paths.RATINGS, "ratings.md.j2")
    page("self-assessment.md", "self_assessment.md.j2", glossary=False)
    page("data.md", "data.md.j2", schemas=export.schema_names())

    labels = {r: label(r) for r in SCALE}
    version = export.DataVersion.of(history)
    # The data exports hold every record, and no page shows them: a live preview writes them
    # just after it serves the edited page (the plugin runs ``later``), keeping the last ones till then.
    previous = memo.exports if memo is not None else {}
    deferred = bool(previous)

    def exports() -> dict[str, str]:
        with edition(lang):
            return export.data_files(kb, version)

    def files() -> dict[str, str]:
        made = {}
        for case in kb.assessed_cases:
            rows = [(pick(c.title), kb.criterion_rating(case, c)) for c in kb.criteria]
            title = table()["profile_of"].format(name=pick(case.name))
            made[paths.profile_svg(case.id)] = svg.profile(title, rows, labels, lang)
        return {**made, **(previous if deferred else exports())}

    with gc_paused():
        pages, made = _render_jobs(jobs, common, _Terms(kb.terms), workers, files, memo)
    for path, (text, held) in pages.items():
        site.pages[path] = text
        if held:
            site.blocks[path] = held
    site.files.update(made)
    if deferred:
        site.later = exports
    elif memo is not None:
        memo.exports = {path: made[path] for path in export.data_files_names(made)}
    moved = redirects(kb, site_url)
    for path in moved:
        _claim(claimed, path, "a redirect from a former id")
    site.files.update(moved)
    worded = [
        (day, [tables.plain_line(line) for line in lines])
        for day, lines in tables.worded_changes(kb, days or [], table())
    ]
    site.files["feed.xml"] = atom(worded, site_url, f"{fixed['site_name']}: {fixed['changes']}", lang)
    if contributing is not None:
        _claim(claimed, "contributing.md", "CONTRIBUTING.md")
        site.pages["contributing.md"] = contributing
        site.edit["contributing.md"] = "CONTRIBUTING.md"
    funnel, w = kb.study.funnel, SimpleNamespace(**fixed)
    site.files["assets/funnel.svg"] = svg.funnel(
        [
            (funnel.examples, w.funnel_examples),
            (funnel.promising, w.funnel_promising),
            (funnel.studied, w.funnel_studied),
        ],
        w.funnel_title,
        w.funnel_then,
        lang,
    )
    return site
