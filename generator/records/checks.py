"""Every content rule beyond the field types, so `validate` reports it at file:line:column.

``record_problems`` holds the rules one record can break on its own (it runs where the record is
read); ``check_across_records`` runs ``CROSS_RULES``, one function per rule across records (ids
match file names, references and citations resolve, sections exist, quotes stand in their source's
text, assessed cases rate every indicator), each over one ``Index`` of what the loader kept.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, get_args

from generator.records.models import (
    COLLECTIONS,
    ID_PATTERN,
    KINDS,
    NOUNS,
    RESERVED_IDS,
    TEXT_LANGUAGES,
    Case,
    Citation,
    Lesson,
    Record,
    Role,
    Source,
)
from generator.records.problems import Problem
from generator.records.quotes import SourceText, TextTooLarge, read_text
from generator.records.ratings import Rating
from generator.records.refs import Cited, Links, Pointer
from generator.records.schema_errors import did_you_mean
from generator.records.translation import CURLY_QUOTES, STRAIGHT_QUOTES
from generator.records.yaml_source import Document, FieldPath

if TYPE_CHECKING:
    from generator.records.load import Loaded

Rule = tuple[FieldPath, str, str]  # (field, message, hint)


def record_problems(record: Record) -> list[Rule]:
    """The rules a single record can break, whatever the other records say."""
    if isinstance(record, Case):
        return _case_rules(record)
    if isinstance(record, Source):
        return _source_rules(record)
    if isinstance(record, Role):
        return _role_rules(record)
    if isinstance(record, Lesson):
        return _lesson_rules(record)
    return []


_QUOTE_HINT = "give one citation a quote: the short verbatim words the statement rests on"


def _role_rules(role: Role) -> list[Rule]:
    """A role card says what the study says of the party, in its words, or that it says nothing."""
    rules: list[Rule] = []
    if not role.statements and role.silent is None:
        rules.append(
            (("statements",), "a role with no statements needs a 'silent' note", "say what the study is silent on")
        )
    for n, fact in enumerate(role.statements):
        if not any(c.quote for c in fact.cite):
            rules.append((("statements", n, "cite"), "a role's statement needs the words it rests on", _QUOTE_HINT))
    return rules


def _lesson_rules(lesson: Lesson) -> list[Rule]:
    """A lesson card: a lesson the study states quotes it, each case it tells of is one of its
    cases, and every reason, practice and warning rests on the study's own words."""
    rules: list[Rule] = []
    if lesson.basis == "stated" and not _quoted(lesson.cite):
        rules.append((("cite",), "a lesson the study states needs the words it states it in", "quote them in cite"))
    quoted: list[tuple[FieldPath, list[Citation]]] = [(("why", "cite"), lesson.why.cite)]
    quoted += [(("practice", n, "cite"), p.cite) for n, p in enumerate(lesson.practice)]
    quoted += [(("watch_for", n, "cite"), f.cite) for n, f in enumerate(lesson.watch_for)]
    for loc, cites in quoted:
        if not _quoted(cites):
            rules.append((loc, "this needs the words it rests on", "give one citation a quote from the source"))
    for n, p in enumerate(lesson.practice):
        if p.case not in lesson.cases:
            rules.append((("practice", n, "case"), f"'{p.case}' is not one of the lesson's cases", "add it to cases"))
    return rules


def _quoted(cites: list[Citation]) -> bool:
    return any(c.quote for c in cites)


def _case_rules(case: Case) -> list[Rule]:
    rules: list[Rule] = []
    if case.status and not case.status_reason:
        rules.append((("status",), "a case with a status needs a status_reason saying why", "add status_reason"))
    if case.status_reason and not case.status:
        rules.append(
            (("status_reason",), "only a case the study selected has a status_reason", "set status or remove it")
        )
    if case.status == "studied" and case.assessed_by != "study":
        rules.append((("status",), "the study assessed every case it studied in depth", "set assessed_by: study"))
    if case.assessed_by == "study" and case.status != "studied":
        rules.append(
            (
                ("assessed_by",),
                "only a case the study studied in depth was assessed by it",
                "use assessed_by: contributors for ratings you made from the cited sources",
            )
        )
    if case.assessed_by == "study" and case.verdict is None:
        rules.append((("assessed_by",), "a case the study assessed needs the study's own verdict", "add verdict"))
    if case.assessment and case.assessed_by is None:
        rules.append(
            (
                ("assessment",),
                "ratings need assessed_by to say who made them",
                "set assessed_by: contributors, or remove the assessment to describe the case without ratings",
            )
        )
    for n, point in enumerate(case.shows or ()):
        if not any(c.quote for c in point.cite):
            rules.append((("shows", n, "cite"), "what a case shows needs the words it rests on", _QUOTE_HINT))
    if case.shows and not case.assessed_by:
        rules.append((("shows",), "only an assessed case says what it shows", "remove shows, or assess the case"))
    for cid, indicators in case.assessment.items():
        for iid, entry in indicators.items():
            if entry.rating is not Rating.UNKNOWN and not any(c.quote for c in entry.cite):
                rules.append(
                    (
                        ("assessment", cid, iid, "cite"),
                        f"a rating of '{entry.rating.value}' needs the words it rests on",
                        "give one citation a quote: the short verbatim words that justify the rating",
                    )
                )
    return rules


def _source_rules(source: Source) -> list[Rule]:
    rules: list[Rule] = []
    if source.kind == "web-page" and source.url and not source.accessed:
        rules.append((("kind",), "a web page needs the date it was read", "add accessed: YYYY-MM-DD"))
    seen: set[str] = set()
    for i, section in enumerate(source.sections):
        if section in seen:
            rules.append((("sections", i), f"'{section}' is listed twice", ""))
        seen.add(section)
    for section in source.section_languages:
        if section not in seen:
            rules.append(
                (("section_languages", section), f"'{section}' is not one of its sections", "add it to sections")
            )
    return rules + _section_name_rules(source, seen)


LANGUAGE_NAMES = {"en": "English", "nl": "Dutch"}  # validate speaks English to contributors


def _language_name(lang: str) -> str:
    return LANGUAGE_NAMES.get(lang, f"'{lang}'")


def _section_name_rules(source: Source, seen: set[str]) -> list[Rule]:
    """Each section has a name in every edition's language: a Dutch page names the study's
    'Problem' 'Probleem', and citations keep the name the source heads it with."""
    rules: list[Rule] = []
    own = source.language or "en"
    for section, names in source.section_names.items():
        if section not in seen:
            rules.append((("section_names", section), f"'{section}' is not one of its sections", "add it to sections"))
        if own in names:
            rules.append(
                (
                    ("section_names", section, own),
                    f"the source is {_language_name(own)}: its sections already have their {_language_name(own)} name",
                    f"remove {own}; the name in sections is shown as it stands",
                )
            )
    return rules


def unnamed_sections(record: Record) -> list[Rule]:
    """A source's sections without a name in an edition's language: warnings, as untranslated
    texts are (the edition shows the heading as the source gives it, marked with its language)."""
    if not isinstance(record, Source):
        return []
    own = record.language or "en"
    return [
        (
            ("sections", i),
            f"section '{section}' has no {_language_name(lang)} name for the {_language_name(lang)} edition",
            f"add it under section_names: '{section}': {{{lang}: ...}}",
        )
        for i, section in enumerate(record.sections)
        for lang in TEXT_LANGUAGES
        if lang != own and lang not in record.section_names.get(section, {})
    ]


def text_path(repo: Path, full_text: str) -> Path | str:
    """Where a source's text is, or why it is not read. It must be a file of the repository, reached
    without a symbolic link and outside .git, or lie in the shared/ folder beside the repository: a
    record must not make `validate` read, and quote back, any other file on the machine."""
    root = repo.resolve()  # "." has no parent to look beside until it is resolved
    named = Path(os.path.normpath(root / full_text))  # as written, no link followed
    shared = Path(os.path.normpath(root.parent / "shared"))
    if named.is_relative_to(root):
        inside = named.relative_to(root)
        if ".git" in inside.parts:
            return "lies in .git, which holds no source texts, so it is not read"
        here = root
        for part in inside.parts:
            here = here / part
            if here.is_symlink():
                return f"is reached through a symbolic link ({here.relative_to(root).as_posix()}), so it is not read"
        return named
    if named.is_relative_to(shared) and named.resolve().is_relative_to(shared.resolve()):
        return named.resolve()
    return "lies outside the repository and the shared/ folder beside it, so it is not read"


TEXTS = "texts"  # the repository's folder for sources' plain texts, named in full_text
# CI that promises the texts kept beside the repository (shared/) sets this: a missing one fails.
REQUIRE_SHARED_TEXTS = "KB_SOURCE_TEXT_REQUIRED"
_MISSING = "missing"  # a full_text whose file is not there: already an error, no quote is checked


def _source_texts(loaded: Loaded, repo: Path) -> tuple[dict[str, SourceText | str | None], list[Problem]]:
    """Each source's text, or None where it has none to check quotes against (no full_text, or a
    text kept in shared/ that this machine lacks), or _MISSING where its full_text is an error."""
    texts: dict[str, SourceText | str | None] = {}
    problems: list[Problem] = []
    root = repo.resolve()
    for links, doc in loaded.links.get("sources", []):
        if not links.full_text:
            texts[links.id] = None
            continue
        path = text_path(repo, links.full_text)
        if isinstance(path, str):
            texts[links.id] = _MISSING
            problems.append(
                doc.problem(
                    ("full_text",),
                    path,
                    f"put the source's text itself in {TEXTS}/ and name it here: full_text: {TEXTS}/{links.id}.txt",
                )
            )
            continue
        try:
            text = read_text(path)
        except TextTooLarge as exc:
            texts[links.id] = _MISSING
            problems.append(doc.problem(("full_text",), str(exc), "keep the sections the records cite"))
            continue
        if text is not None:
            texts[links.id] = text
        elif path.is_relative_to(root) or os.environ.get(REQUIRE_SHARED_TEXTS):
            texts[links.id] = _MISSING
            what = "is not UTF-8 text" if path.is_file() else "names a file that is not there"
            problems.append(
                doc.problem(
                    ("full_text",),
                    f"{what}: '{links.full_text}'; the quotes citing this source cannot be checked",
                    f"put the source's text in {TEXTS}/ (plain UTF-8) and name it here: "
                    f"full_text: {TEXTS}/{links.id}.txt",
                )
            )
        else:  # kept beside the repository, in shared/, which this machine does not have
            texts[links.id] = None
    return texts, problems


def _unchecked(doc: Document, full_text: str | None, places: list[tuple[Document, FieldPath]]) -> Problem:
    """One warning per source whose quotes no text could check, naming each quote's place."""
    shown = [f"{path}:{line}" for path, line in sorted((d.path, d.mark(loc)[0]) for d, loc in places)]
    more = f" and {len(shown) - 5} more" if len(shown) > 5 else ""
    count = f"{len(places)} quote{'s' if len(places) != 1 else ''}"
    if full_text:  # kept in shared/ beside the repository, which this machine lacks
        why = f"its text '{full_text}' is not on this machine"
        hint = f"a run with {REQUIRE_SHARED_TEXTS}=1 and the text in place checks them"
    else:
        why = "it names no full_text"
        hint = f"put the source's text in {TEXTS}/ and name it in full_text; until then its page tells readers so"
    message = f"{count} citing this source went unchecked, as {why}: {', '.join(shown[:5])}{more}"
    return replace(doc.problem(("full_text",), message, hint), warning=True)


@dataclass
class Index:
    """What the rules across records look up, built once from what the loader kept: each kind's
    ids, the sources, their texts and the lists a reference may name an item of."""

    loaded: Loaded
    repo: Path  # where a source's full_text path starts

    @cached_property
    def ids(self) -> dict[str, dict[str, Document]]:
        """Each kind's ids, with the first record that has it."""
        ids: dict[str, dict[str, Document]] = {}
        for name, entries in self.loaded.links.items():
            seen = ids.setdefault(name, {})
            for links, doc in entries:
                seen.setdefault(links.id, doc)
        return ids

    def known(self, kind: str, rid: str) -> bool:
        """An id of a valid record, or of a file that failed validation (reported on its own)."""
        return rid in self.ids.get(kind, {}) or rid in self.loaded.ids_on_disk.get(kind, set())

    @cached_property
    def sources(self) -> dict[str, tuple[Links, Document]]:
        return {links.id: (links, doc) for links, doc in self.loaded.links.get("sources", [])}

    @cached_property
    def texts(self) -> tuple[dict[str, SourceText | str | None], list[Problem]]:
        """Each source's text (see ``_source_texts``), and the problems of the ones that cannot be read."""
        return _source_texts(self.loaded, self.repo)

    @cached_property
    def parts(self) -> dict[tuple[str, str], dict[str, tuple[str, ...]]]:
        """(kind, id) -> the lists a reference may name an item of, e.g. a criterion's indicators."""
        return {
            (kind, links.id): dict(links.parts) for kind, entries in self.loaded.links.items() for links, _ in entries
        }

    @cached_property
    def linking(self) -> list[tuple[Links, Document]]:
        """Every record that may point at others: the valid ones, and what the invalid ones still say."""
        every = [entry for entries in self.loaded.links.values() for entry in entries]
        return [*every, *self.loaded.singleton_links.values(), *self.loaded.partial]


CrossRule = Callable[[Index], list[Problem]]


def ids_match_files(index: Index) -> list[Problem]:
    """Each id is its file's name, is not a page the site makes itself, and is used once per kind."""
    problems: list[Problem] = []
    for name, entries in index.loaded.links.items():
        for links, doc in entries:
            stem = PurePosixPath(doc.path).stem
            if links.id != stem:
                # Offer the file's name as the id only where it is one ('RTR-NL' is not).
                other = f" or set id: {stem}" if re.fullmatch(ID_PATTERN, stem) else ""
                problems.append(
                    doc.problem(
                        ("id",),
                        f"'{links.id}' differs from the file name '{stem}.yaml'",
                        f"rename the file to '{links.id}.yaml'{other}",
                    )
                )
            if links.id in RESERVED_IDS.get(name, ()):
                problems.append(_reserved(doc, name, links.id))
            first = index.ids[name][links.id]
            if first is not doc:
                problems.append(doc.problem(("id",), f"duplicate id '{links.id}', also used by {first.path}"))
    return problems


def former_ids(index: Index) -> list[Problem]:
    """A former id is no record's id now, and the former id of one record only."""
    problems: list[Problem] = []
    for name, entries in index.loaded.links.items():
        former: dict[str, str] = {}
        for links, doc in entries:
            for i, old in enumerate(links.former):
                if index.known(name, old):
                    problems.append(
                        doc.problem(("former_ids", i), f"'{old}' is the id of a record in content/{name}/ now")
                    )
                elif old in former:
                    problems.append(doc.problem(("former_ids", i), f"'{old}' is a former id of '{former[old]}' too"))
                former.setdefault(old, links.id)
    return problems


def references(index: Index) -> list[Problem]:
    """Each id a record points at names a record of its kind, or an item of that record's list."""
    problems: list[Problem] = []
    for links, doc in index.linking:
        for pointer in links.refs:
            if not pointer.part:
                if not index.known(pointer.kind, pointer.id):
                    problems.append(_unknown(doc, pointer, sorted(index.ids.get(pointer.kind, {}))))
            elif not pointer.id:  # an item of any record of the kind: a lesson's indicators
                problems += _any_part_problems(pointer, doc, index.parts)
            elif (pointer.kind, pointer.id) in index.parts:  # else the record is unknown, and reported so
                problems += _part_problems(pointer, doc, index.parts[(pointer.kind, pointer.id)][pointer.part])
    return problems


def full_texts(index: Index) -> list[Problem]:
    """A source's full_text names a readable text of the repository (or of shared/)."""
    return index.texts[1]


def citations(index: Index) -> list[Problem]:
    """Each citation's section is one of its source's, and its quote stands in the source's text
    (under that section); quotes no text could check are named once per source, as a warning."""
    problems: list[Problem] = []
    unchecked: dict[str, list[tuple[Document, FieldPath]]] = {}
    hinted: dict[str, int] = {}  # wrong quotes per source so far
    for links, doc in index.linking:
        for cited in links.citations:
            problems += _citation_problems(index, doc, cited, hinted, unchecked)
    for sid, places in unchecked.items():
        source, source_doc = index.sources[sid]
        problems.append(_unchecked(source_doc, source.full_text, places))
    return problems


def _citation_problems(
    index: Index,
    doc: Document,
    cited: Cited,
    hinted: dict[str, int],
    unchecked: dict[str, list[tuple[Document, FieldPath]]],
) -> list[Problem]:
    loc, source_id, section, quote, _ = cited
    if source_id not in index.sources:  # unknown, reported by `references`, or a source that is not valid
        return []
    source = index.sources[source_id][0]
    problems: list[Problem] = []
    if section is not None and source.sections and section not in source.sections:
        problems.append(
            doc.problem(
                (*loc, "section"),
                f"'{section}' is not a section of source '{source_id}'",
                did_you_mean(section, list(source.sections)),
            )
        )
    if quote is None:
        return problems
    text = index.texts[0].get(source_id)
    if isinstance(text, SourceText):
        if not text.contains(quote):
            hinted[source_id] = hinted.get(source_id, 0) + 1
            problems.append(_misquoted(doc, loc, source_id, text, quote, hinted[source_id]))
        elif section is not None:
            moved = [(part, found) for opens, part in source.displaced if (found := text.passage(opens))]
            problems += _elsewhere(doc, loc, source_id, text.parts(source.sections), section, quote, moved)
    elif text is None:  # no text to check against: said once per source, by the caller
        unchecked.setdefault(source_id, []).append((doc, (*loc, "quote")))
    return problems


def quote_renderings(index: Index) -> list[Problem]:
    """Each quote has a rendering in every edition's language it is not written in, which that
    edition shows first (the study is English; its Dutch edition quotes it in Dutch), and none in
    its own language. A missing rendering warns, as a missing translation does."""
    problems: list[Problem] = []
    for links, doc in index.linking:
        for loc, source_id, section, quote, rendered in links.citations:
            if quote is None and rendered:
                message = "a translation renders the quote beside it, and this citation quotes nothing"
                problems.append(doc.problem((*loc, "translation"), message, "add the quote, or remove translation"))
            elif quote is not None and source_id in index.sources:
                languages = dict(index.sources[source_id][0].quote_languages)
                problems += _rendering_problems(doc, loc, quote, languages.get(section or "", languages[""]), rendered)
    return problems


def one_rendering_per_quote(index: Index) -> list[Problem]:
    """The same words of a source rendered one way in each language: a reader who meets a passage
    on two pages (and on the source's own page, where both stand) reads one translation (read 12:
    "Het merendeel van de PPS-deelnemers deelt …" beside "De meeste deelnemers aan de PPS delen …").
    A warning on each later rendering, naming the first."""
    first: dict[tuple[str, str, str], tuple[str, Document, FieldPath]] = {}
    problems: list[Problem] = []
    for links, doc in index.linking:
        for loc, source_id, _, quote, rendered in links.citations:
            for lang, text in rendered:
                if quote is None:
                    continue
                key = (source_id, " ".join(quote.split()), lang)
                seen = first.setdefault(key, (" ".join(text.split()), doc, loc))
                if seen[0] != " ".join(text.split()):
                    line, _ = seen[1].mark((*seen[2], "translation", lang))
                    message = f"these words of '{source_id}' are rendered otherwise at {seen[1].path}:{line}"
                    hint = f"write the same {_language_name(lang)} as there: '{seen[0]}'"
                    problems.append(replace(doc.problem((*loc, "translation", lang), message, hint), warning=True))
    return problems


def _rendering_problems(
    doc: Document, loc: FieldPath, quote: str, own: str, rendered: tuple[tuple[str, str], ...]
) -> list[Problem]:
    words = dict(rendered)
    shown = quote if len(quote) <= 60 else quote[:57].rstrip() + "..."
    problems: list[Problem] = []
    if own in words:
        message = f"the quote '{shown}' is {_language_name(own)} itself: it needs no {_language_name(own)} rendering"
        problems.append(doc.problem((*loc, "translation", own), message, f"remove translation.{own}"))
    for lang in TEXT_LANGUAGES:
        if lang != own and lang not in words:
            where = (*loc, "translation") if words else (*loc, "quote")
            message = (
                f"the quote '{shown}' is {_language_name(own)} and has no {_language_name(lang)} rendering "
                f"for the {_language_name(lang)} edition"
            )
            hint = (
                f"add translation: {{{lang}: ...}} beside quote: the same words in plain {_language_name(lang)}, "
                "which the page marks as this knowledge base's translation"
            )
            # A warning, as an untranslated text is: a contributor writing one language is not
            # stopped, and until a translator adds it the edition shows the original, marked.
            problems.append(replace(doc.problem(where, message, hint), warning=True))
        mark = STRAIGHT_QUOTES.get(lang)
        if mark and mark in words.get(lang, ""):
            problem = doc.problem(
                (*loc, "translation", lang),
                f"uses straight double quotes ({mark})",
                f"use {CURLY_QUOTES[lang]}",
            )
            problems.append(replace(problem, warning=True))
    return problems


def indicator_ids(index: Index) -> list[Problem]:
    """An indicator's id is used by one criterion only (a lesson names indicators by id alone)."""
    problems: list[Problem] = []
    home: dict[str, str] = {}
    for links, doc in index.loaded.links.get("criteria", []):
        for i, iid in enumerate(links.indicators):
            if iid in home:
                problems.append(
                    doc.problem(
                        ("indicators", i, "id"),
                        f"indicator id '{iid}' is already used in criterion '{home[iid]}'",
                    )
                )
            home.setdefault(iid, links.id)
    return problems


def indicator_former_ids(index: Index) -> list[Problem]:
    """An indicator's former id is no indicator's id now, and the former id of one indicator only:
    a saved self-assessment that answers it is read under exactly one indicator."""
    entries = index.loaded.links.get("criteria", [])
    live = {iid for links, _ in entries for iid in links.indicators}
    problems: list[Problem] = []
    former: dict[str, str] = {}
    for links, doc in entries:
        for n, (iid, olds) in enumerate(zip(links.indicators, links.indicator_former, strict=False)):
            for i, old in enumerate(olds):
                where = ("indicators", n, "former_ids", i)
                if old in live:
                    problems.append(doc.problem(where, f"'{old}' is the id of an indicator now"))
                elif old in former:
                    problems.append(doc.problem(where, f"'{old}' is a former id of indicator '{former[old]}' too"))
                former.setdefault(old, iid)
    return problems


def assessments(index: Index) -> list[Problem]:
    """An assessed case rates every indicator of every criterion."""
    criteria = {links.id: links.indicators for links, _ in index.loaded.links.get("criteria", [])}
    problems: list[Problem] = []
    for links, doc in index.loaded.links.get("cases", []):
        problems += _assessment_problems(links, doc, criteria)
    return problems


def step_orders(index: Index) -> list[Problem]:
    """No two steps of the path share a place: the path page numbers them by it."""
    problems: list[Problem] = []
    taken: dict[int, str] = {}
    for links, doc in index.loaded.links.get("steps", []):
        if links.order is None:
            continue
        if links.order in taken:
            problems.append(
                doc.problem(
                    ("order",),
                    f"order {links.order} is already the place of step '{taken[links.order]}'",
                    f"give each step its own order; the next free one is {max(taken) + 1}",
                )
            )
        taken.setdefault(links.order, links.id)
    return problems


def step_members(index: Index) -> list[Problem]:
    """A lesson, and an indicator, belongs to one step at most: the path and the lessons index list
    each once, and the self-assessment orders a gap by the one step that settles it."""
    problems: list[Problem] = []
    home: dict[tuple[str, str], str] = {}
    for links, doc in index.loaded.links.get("steps", []):
        for pointer in links.refs:
            field, item = pointer.field[0], pointer.item or pointer.id
            if field not in ("lessons", "indicators"):
                continue
            if (field, item) in home and home[(field, item)] != links.id:
                noun = field.removesuffix("s")
                article = "an" if noun.startswith("i") else "a"
                problems.append(
                    doc.problem(
                        pointer.field,
                        f"{noun} '{item}' is already in step '{home[(field, item)]}'; {article} {noun} "
                        "belongs to one step at most",
                        "remove it from one of the two steps",
                    )
                )
            home.setdefault((field, item), links.id)
    return problems


# The rules across records, in the order their problems are reported (warnings keep this order).
def searches(index: Index) -> list[Problem]:
    """Each reader query in content/searches.yaml names a record that exists: the browser test then
    holds its rank on a real build (tests/test_search_queries.py)."""
    if "searches" not in index.loaded.singletons:
        return []
    record, doc = index.loaded.singletons["searches"]
    problems: list[Problem] = []
    seen: set[tuple[str, str, str]] = set()  # one query may rightly reach two pages, each listed once
    for n, query in enumerate(getattr(record, "queries", ())):
        folder, _, rid = query.reaches.partition("/")
        if folder not in KINDS:
            hint = did_you_mean(folder, sorted(KINDS)) or f"name one of: {', '.join(sorted(KINDS))}"
            problems.append(doc.problem(("queries", n, "reaches"), f"'{folder}' is not a kind of record", hint))
        elif not index.known(folder, rid):
            hint = did_you_mean(rid, sorted(index.ids.get(folder, {}))) or f"name a file of content/{folder}/"
            problems.append(
                doc.problem(("queries", n, "reaches"), f"'{rid}' is not the id of any {NOUNS[folder]}", hint)
            )
        key = (query.lang, query.query.casefold(), query.reaches)
        if key in seen:
            problems.append(
                doc.problem(
                    ("queries", n, "query"), f"'{query.query}' ({query.lang}) reaching {query.reaches} is listed twice"
                )
            )
        seen.add(key)
    return problems


CROSS_RULES: tuple[CrossRule, ...] = (
    ids_match_files,
    former_ids,
    full_texts,
    references,
    citations,
    quote_renderings,
    one_rendering_per_quote,
    indicator_ids,
    indicator_former_ids,
    assessments,
    step_orders,
    step_members,
    searches,
)


def check_across_records(loaded: Loaded, repo: Path) -> list[Problem]:
    """Every rule across records; ``repo`` is where a source's ``full_text`` path starts."""
    index = Index(loaded, repo)
    return [problem for rule in CROSS_RULES for problem in rule(index)]


def _unknown(doc: Document, pointer: Pointer, known: list[str]) -> Problem:
    """An id that names no record of the kind the field names."""
    message = f"'{pointer.id}' is not the id of any {NOUNS[pointer.kind]} in content/{pointer.kind}/"
    return doc.problem(pointer.field, message, did_you_mean(pointer.id, known))


# The nearest words are looked up for this many wrong quotes of one source; the rest say so. A
# record of 512 KB holds thousands of quotes, and each look-up reads the source's text.
HINTS_PER_SOURCE = 20


def _misquoted(doc: Document, loc: FieldPath, source_id: str, text: SourceText, quote: str, nth: int) -> Problem:
    """A quote its source's text does not hold, with the nearest words there for the first few."""
    if nth > HINTS_PER_SOURCE:
        hint = f"no nearest words are looked up after the first {HINTS_PER_SOURCE} wrong quotes from one source"
    else:
        near = text.nearest(quote)
        hint = f"the nearest words there: '{near}'" if near else ""
    return doc.problem(
        (*loc, "quote"),
        f"these words are not in the text of source '{source_id}'; a quote must be verbatim",
        hint,
    )


def _elsewhere(
    doc: Document,
    loc: FieldPath,
    source_id: str,
    parts: dict[str, SourceText],
    section: str,
    quote: str,
    moved: Sequence[tuple[str, SourceText]] = (),
) -> list[Problem]:
    """A warning for a quote that stands in its source's text, but under another section than the
    one cited (or one of its subsections). Said only where the text has a heading for the cited
    section, so its words can be told apart from the rest. A passage the source record marks as
    displaced (``moved``: the section it belongs to, its text) counts under that section, wherever
    the text has it."""
    holding = [name for name, passage in moved if passage.contains(quote)]
    if not holding:
        if section not in parts or parts[section].contains(quote):  # the common case: one part searched
            return []
        holding = [name for name, part in parts.items() if part.contains(quote)]
    if not holding or any(name == section or name.startswith(f"{section} ›") for name in holding):
        return []
    problem = doc.problem(
        (*loc, "section"),
        f"these words stand under '{holding[0]}' in the text of source '{source_id}', not under '{section}'",
        f"set section: {holding[0]}",
    )
    return [replace(problem, warning=True)]


def _reserved(doc: Document, kind: str, rid: str) -> Problem:
    """A record whose page would take the place of a page the site makes itself (its kind's list)."""
    page = KINDS[kind].page if f"{kind}/{rid}.md" == KINDS[kind].page else f"checklists/{rid}.md"
    return doc.problem(
        ("id",),
        f"'{rid}' is the name of a page the site makes itself ({page}); a {NOUNS[kind]} with this id would replace it",
        f"choose another id and name the file after it; the site keeps {', '.join(sorted(RESERVED_IDS[kind]))} "
        f"for pages of its own",
    )


def _part_problems(pointer: Pointer, doc: Document, items: tuple[str, ...]) -> list[Problem]:
    """An id that must name an item of another record's list, e.g. an indicator of a criterion."""
    if pointer.item in items:
        return []
    noun = _part_noun(pointer.kind, pointer.part)
    article = "an" if noun[:1] in tuple("aeiou") else "a"
    message = f"'{pointer.item}' is not {article} {noun} of {NOUNS[pointer.kind]} '{pointer.id}'"
    return [doc.problem(pointer.field, message, did_you_mean(pointer.item, list(items)))]


def _any_part_problems(
    pointer: Pointer, doc: Document, parts: dict[tuple[str, str], dict[str, tuple[str, ...]]]
) -> list[Problem]:
    """An id that must name an item of that list in some record of the kind, e.g. any criterion's indicator."""
    items = [item for (kind, _), lists in parts.items() if kind == pointer.kind for item in lists.get(pointer.part, ())]
    if pointer.item in items:
        return []
    noun, where = _part_noun(pointer.kind, pointer.part), f"content/{pointer.kind}/"
    message = f"'{pointer.item}' is not the id of any {noun} of a {NOUNS[pointer.kind]} in {where}"
    return [doc.problem(pointer.field, message, did_you_mean(pointer.item, sorted(items)))]


def _part_noun(kind: str, part: str) -> str:
    """What an item of a record's list is called: its model's name, e.g. 'indicator'."""
    (item,) = get_args(COLLECTIONS[kind].model_fields[part].annotation)
    return str(item.__name__).lower()


def _assessment_problems(case: Links, doc: Document, criteria: dict[str, tuple[str, ...]]) -> list[Problem]:
    problems: list[Problem] = []
    rated = dict(case.rated)
    if case.assessed:
        hint = "give each a rating ('unknown' where the sources are silent), a finding and a citation"
        for cid, indicators in criteria.items():
            missing = [iid for iid in indicators if iid not in rated.get(cid, ())]
            if not missing:
                continue
            if cid in rated:
                message = f"an assessed case must rate every indicator; missing: {', '.join(missing)}"
                problems.append(doc.problem(("assessment", cid), message, hint))
            else:
                message = f"an assessed case must rate criterion '{cid}'; missing: {', '.join(missing)}"
                problems.append(doc.problem(("assessment",), message, hint))
    return problems
