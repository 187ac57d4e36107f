"""Keep the word catalogs (generator/locale/) and the code that uses them in step.

``make words`` (``python -m generator.tools.catalog --update``) adds to both catalogs every message
the code uses and they lack (with no text yet, for a writer and a translator to fill in), removes
every message nothing uses, copies each English text beside its Dutch entry as the translator's
comment, and writes both files in the one form Babel writes them. tests/test_words.py runs the
same scan and fails, naming that command, while the catalogs and the code disagree.

A message is used where the code names it: ``w.key`` or ``words["key"]`` in a template,
``table()["key"]``, ``words["key"]``, ``fixed["key"]`` or ``plural("key", …)`` in Python, a
quoted ``"key"`` that a list of keys holds (``LISTED``), ``t("key")`` or ``tn("key", …)`` in the
self-assessment scripts (for the message ``sa_key``), a case's fact (``CASE_FACTS``), or a key
built at run time from one of the ``DYNAMIC`` prefixes and one of its values. Nothing else counts:
a message none of these reach is reported unused.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import get_args

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import write_po
from pydantic import BaseModel

from generator.pages.facets import FALLBACK_TYPE, PAGE_TYPES
from generator.pages.tables import CASE_GROUPS
from generator.records.models import CASE_FACTS, NOUNS, SINGLETONS, Case, Country, Lesson, Party, Source
from generator.records.ratings import Rating
from generator.words import DEFAULT, LANGUAGES, catalog_path, read_catalog

GENERATOR = Path(__file__).resolve().parent.parent
SCRIPTS = GENERATOR.parent / "docs" / "assets" / "javascripts"
COMMAND = "make words"


def choices(model: type[BaseModel], field: str) -> tuple[str, ...]:
    """The values a ``Literal`` field of a record's model allows (an optional field's None left out)."""
    annotation = model.model_fields[field].annotation
    return tuple(v for arg in get_args(annotation) for v in (get_args(arg) or (arg,)) if isinstance(v, str))


RATINGS = tuple(rating.value for rating in Rating)
ASSESSED_BY = choices(Case, "assessed_by")

# Keys built at run time from a prefix and a value of the records (a sector, a status, a kind), each
# prefix with where its values come from: the catalog must hold exactly prefix + value for each, so a
# new value of a model's Literal without its message fails test_words.py (and `make words` adds it),
# and a message for a value that no longer exists is reported unused. Each prefix must itself occur in
# the code, so a prefix that nothing builds any more is found too.
DYNAMIC: dict[str, tuple[str, ...]] = {
    "sector_": choices(Party, "sector"),  # case_page
    "status_": choices(Case, "status"),  # case_page, tables, facets, case.md.j2
    "rated_by_": ASSESSED_BY,  # case_page
    # tables (assessed_by, or 'none'); case_page's basis note (f"{basis}_note")
    "assessed_": (*ASSESSED_BY, "none", *(f"{value}_note" for value in ASSESSED_BY)),
    "noun_": (*NOUNS, *SINGLETONS),  # names (a kind's folder, else 'study'), facets, changes
    "nouns_": tuple(NOUNS),  # changes: several records of a kind
    "search_type_": tuple(sorted({*PAGE_TYPES.values(), FALLBACK_TYPE, "overview"})),  # facets: a page's kind
    "rating_": RATINGS,  # pieces, export
    "meaning_": RATINGS,  # case_page, export
    "kind_": choices(Source, "kind"),  # pieces, source.md.j2, sources_index.md.j2
    "group_": (*CASE_GROUPS, *(f"{group}_def" for group in CASE_GROUPS)),  # cases_index.md.j2
    "position_": choices(Country, "position"),  # policy.md.j2
    "change_": ("added", "removed", "revised"),  # changes: history's statuses, 'changed' worded as revised
    "lang_": LANGUAGES,  # plugin/editions, source.md.j2 (another language: its code)
    "quote_translation_title_": LANGUAGES,  # notes.quote_html: a rendering's mark, by the original's language
    "quote_original_": LANGUAGES,  # notes.quote_html: the label of the verbatim words behind it
    # t("answer_" + id), with "not applicable" beside the scale (core.mjs NA); self_assessment.md.j2
    "sa_answer_": (*RATINGS, *(f"meaning_{r}" for r in RATINGS), "not_applicable", "meaning_not_applicable"),
    "sa_plan_": ("action", "owner", "due"),  # the action plan's fields (plan.mjs, view.mjs: t("plan_" + field))
    "sa_phase_": ("now", "next", "later", "none"),  # a plan entry's phase (view.mjs, plan.mjs: t("phase_" + phase))
    "sa_start_": ("path", "checklist", "worst"),  # the start order's mode (core.startOrder; t("start_" + mode))
    "sa_reason_": ("dont_know", "case_unknown", "not_applicable"),  # why an answer is left out (view.mjs leftOut)
    "lesson_basis_": choices(Lesson, "basis"),  # lesson_page: whether the study states the lesson
    # a party's role, the study's kinds of party (parties.mjs ROLES; partiesview.mjs t("party_role_" + role))
    "sa_party_role_": (
        "municipality",
        "police",
        "organiser",
        "private_security",
        "businesses",
        "national_government",
        "other",
    ),
}

# Lists of keys the code holds as quoted strings and words later (``words[key] for key in (…)``): in
# each file, the quoted strings this pattern's group matches are messages. Nothing else quoted counts,
# so a message that nothing names is reported unused.
LISTED: dict[str, str] = {
    "generator/pages/cited_in.py": r"(cited_[a-z_]+)",  # WHAT, COUNTED, FALLBACK and the default
    "generator/pages/tables.py": r"(count_[a-z_]+)",  # the count of cases by group
    "generator/pages/redirects.py": r"(moved(?:_to)?)",  # a moved page's two words
    "generator/plugin/plugin.py": r"(not_found_[a-z]+)",  # the 404 page's words
    "generator/plugin/search.py": r"([a-z_]+)[\"'], [\"'][a-z*]+",  # fields: (label's key, facet)
    "docs/assets/javascripts/self-assessment.js": r"(afresh_done|changed_elsewhere(?:_not_saved)?)",  # reread()
    "docs/assets/javascripts/self-assessment/plan.mjs": r"(basis_[a-z]+)",  # the nearest case's basis
    "docs/assets/javascripts/self-assessment/view.mjs": r"(reason_[a-z_]+|[a-z]+_note|improved|slipped|from|to)",
}

# Where Python and the templates name a message.
_NAMED = re.compile(
    r"""(?:\bw\.(?P<attr>[a-z][a-z0-9_]*)\b)"""
    r"""|(?:\b(?:words|fixed|table\([^()]*\)|w)\[(?P<q>["'])(?P<item>[a-z][a-z0-9_]*)(?P=q)\])"""
    r"""|(?:\b(?:plural|_|gettext|ngettext)\((?P<q2>["'])(?P<call>[a-z][a-z0-9_]*)(?P=q2))"""
)
# Where the self-assessment scripts name one of their words (the sa_ messages without the prefix).
_SCRIPT_NAMED = re.compile(r"""\btn?\(\s*["']([a-z][a-z0-9_]*)["'](?!\s*\+)""")


@dataclass
class Uses:
    named: set[str]  # messages the code names (and the case's facts)
    listed: set[str]  # messages a list of keys holds (LISTED)
    built: set[str]  # messages built from a prefix and its values (DYNAMIC)
    source: str  # all the code, for the dynamic prefixes

    @property
    def all(self) -> set[str]:
        """Every message the code uses: each must be in the catalog, and the catalog holds no other."""
        return self.named | self.listed | self.built


def _sources(root: Path) -> Iterable[tuple[Path, str]]:
    generator, scripts = root / "generator", root / "docs" / "assets" / "javascripts"
    for path in sorted([*generator.rglob("*.py"), *generator.rglob("*.j2")]):
        if path.name != "catalog.py":  # this file names prefixes and examples, not uses
            yield path, path.read_text(encoding="utf-8")
    for path in sorted([*scripts.rglob("*.js"), *scripts.rglob("*.mjs")]):  # the self-assessment/ modules too
        yield path, path.read_text(encoding="utf-8")


def listed(path: str, text: str) -> set[str]:
    """The keys a file's lists hold (LISTED), as messages (a script's with ``sa_``)."""
    pattern = LISTED.get(path)
    if pattern is None:
        return set()
    found = set(re.findall(rf"""["']{pattern}["']""", text))
    return {f"sa_{key}" for key in found} if path.endswith((".js", ".mjs")) else found


def built() -> set[str]:
    """Every key the DYNAMIC prefixes build from their values."""
    return {prefix + value for prefix, values in DYNAMIC.items() for value in values}


def scan(root: Path = GENERATOR.parent) -> Uses:
    """Every message the code at ``root`` names, lists or builds."""
    named: set[str] = set()
    lists: set[str] = set()
    texts = []
    for path, text in _sources(root):
        texts.append(text)
        lists |= listed(path.relative_to(root).as_posix(), text)
        if path.suffix in (".js", ".mjs"):
            named |= {f"sa_{key}" for key in _SCRIPT_NAMED.findall(text)}
            continue
        for found in _NAMED.finditer(text):
            named.add(found["attr"] or found["item"] or found["call"])
    named |= set(CASE_FACTS)  # the case page words each fact with the message of its field's name
    return Uses(named, lists, built(), "\n".join(texts))


def is_used(key: str, uses: Uses) -> bool:
    """Named, held in a list of keys, or built from a registered prefix and one of its values."""
    return key in uses.all


def unbuilt_prefixes(uses: Uses) -> list[str]:
    """Registered prefixes that no code builds a key from (the script's carry no ``sa_``)."""
    return [
        prefix for prefix in DYNAMIC if not re.search(rf"""["']{re.escape(prefix.removeprefix("sa_"))}""", uses.source)
    ]


def empty_lists(root: Path = GENERATOR.parent) -> list[str]:
    """LISTED entries whose file is gone or holds no key the pattern matches any more."""
    return [
        path
        for path in LISTED
        if not (root / path).is_file() or not listed(path, (root / path).read_text(encoding="utf-8"))
    ]


def keys(catalog: Catalog) -> list[str]:
    return [message_key(m) for m in catalog if m.id]


def message_key(message: Message) -> str:
    return str(message.id[0] if isinstance(message.id, tuple | list) else message.id)


def updated(english: Catalog, dutch: Catalog, uses: Uses) -> tuple[Catalog, Catalog]:
    """Both catalogs as ``make words`` writes them: the messages the code uses, the English text
    beside each Dutch one."""
    for catalog in (english, dutch):
        for key in [k for k in keys(catalog) if not is_used(k, uses)]:
            catalog.delete(key)
        for key in sorted(uses.all - set(keys(catalog))):
            catalog.add(key, "")
        catalog.obsolete.clear()
    by_key = {message_key(m): m for m in english if m.id}
    for message in [m for m in dutch if m.id]:
        base = by_key.get(message_key(message))
        if base is None:
            dutch.delete(message.id)
            continue
        text = " | ".join(form for form in forms(base) if form)
        message.auto_comments = [text] if text else []
        message.flags = set(base.flags) | ({"fuzzy"} & message.flags)
    # The Dutch in the English order: two branches that each add words merge in different places.
    order = {key: n for n, key in enumerate(keys(english))}
    dutch._messages = OrderedDict(
        sorted(
            dutch._messages.items(), key=lambda item: order.get(item[0] if isinstance(item[0], str) else item[0][0], -1)
        )
    )
    return english, dutch


def untranslated(catalog: Catalog) -> list[str]:
    """The messages with no text (or a plural form without one)."""
    return [message_key(m) for m in catalog if m.id and not all(forms(m))]


def forms(message: Message) -> list[str]:
    """A message's text, or each of its plural forms."""
    text = message.string
    return [str(form) for form in text] if isinstance(text, tuple | list) else [str(text or "")]


def render(catalog: Catalog) -> bytes:
    """A catalog as the file ``make words`` writes."""
    out = BytesIO()
    write_po(out, catalog, width=100, ignore_obsolete=True, include_previous=False)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.tools.catalog", description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="write the catalogs (without it: say what would change)")
    args = parser.parse_args(argv)
    english, dutch = updated(read_catalog(DEFAULT), read_catalog("nl"), scan())
    changed = []
    for lang, catalog in ((DEFAULT, english), ("nl", dutch)):
        path, text = catalog_path(lang), render(catalog)
        if path.read_bytes() != text:
            changed.append(path)
            if args.update:
                path.write_bytes(text)
    for path in changed:
        print(f"{'updated' if args.update else 'out of date'}: {path.relative_to(GENERATOR.parent)}")
    empty = [f"{lang}: {key}" for lang, c in ((DEFAULT, english), ("nl", dutch)) for key in untranslated(c)]
    if empty:
        print("messages without text yet (write them in the catalog):\n  " + "\n  ".join(empty))
    return 1 if (changed and not args.update) or empty else 0


if __name__ == "__main__":
    sys.exit(main())
