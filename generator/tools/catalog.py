"""Keep the word catalogs (generator/locale/) and the code that uses them in step.

``make words`` (``python -m generator.tools.catalog --update``) adds to both catalogs every message
the code uses and they lack (with no text yet, for a writer and a translator to fill in), removes
every message nothing uses, copies each English text beside its Dutch entry as the translator's
comment, and writes both files in the one form Babel writes them. tests/test_words.py runs the
same scan and fails, naming that command, while the catalogs and the code disagree.

A message is used where the code names it: ``w.key`` or ``words["key"]`` in a template,
``table()["key"]``, ``words["key"]``, ``fixed["key"]`` or ``plural("key", …)`` in Python, a
quoted ``"key"`` that a list of keys holds, ``t("key")`` or ``tn("key", …)`` in the
self-assessment scripts (for the message ``sa_key``), a case's fact (``CASE_FACTS``), or a key
whose name is built at run time from one of the ``DYNAMIC`` prefixes below.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import write_po

from generator.records.models import CASE_FACTS
from generator.words import DEFAULT, catalog_path, read_catalog

GENERATOR = Path(__file__).resolve().parent.parent
SCRIPTS = GENERATOR.parent / "docs" / "assets" / "javascripts"
COMMAND = "make words"

# Keys built at run time from a prefix and a value of the records (a sector, a status, a kind): each
# message starting with one counts as used. Each prefix must itself occur in the code, so a prefix
# that nothing builds any more is found too.
DYNAMIC = (
    "sector_",  # a party's sector (case_page)
    "status_",  # a case's status in the study (case_page, tables, facets)
    "rated_by_",  # who assessed a case (case_page)
    "assessed_",  # who assessed a case (tables), and the basis note (case_page: f"{basis}_note")
    "noun_",  # a kind of record, one (tables, facets)
    "nouns_",  # a kind of record, several (tables)
    "facet_",  # a search facet's name (render)
    "rating_",  # a rating's label (pieces, export)
    "meaning_",  # a rating's meaning (export)
    "kind_",  # a source's kind (pieces)
    "group_",  # a group of cases on the cases page (cases_index.md.j2)
    "position_",  # a country's position (policy.md.j2)
    "change_",  # what happened to a record, in the change list (tables)
    "lang_",  # another edition's name in the language switch (plugin/editions)
    "sa_answer_",  # an answer's words in the self-assessment (t("answer_" + id))
    "sa_plan_",  # a field of the action plan in the self-assessment (t("plan_" + field))
)

# Where Python and the templates name a message.
_NAMED = re.compile(
    r"""(?:\bw\.(?P<attr>[a-z][a-z0-9_]*)\b)"""
    r"""|(?:\b(?:words|fixed|table\([^()]*\)|w)\[(?P<q>["'])(?P<item>[a-z][a-z0-9_]*)(?P=q)\])"""
    r"""|(?:\b(?:plural|_|gettext|ngettext)\((?P<q2>["'])(?P<call>[a-z][a-z0-9_]*)(?P=q2))"""
)
# A quoted key anywhere (a list of keys, a key chosen by a condition): used, though not checked.
_QUOTED = re.compile(r"""["']([a-z][a-z0-9_]*)["']""")
# Where the self-assessment scripts name one of their words (the sa_ messages without the prefix).
_SCRIPT_NAMED = re.compile(r"""\btn?\(\s*["']([a-z][a-z0-9_]*)["'](?!\s*\+)""")


@dataclass
class Uses:
    named: set[str]  # messages the code names: each must be in the catalog
    quoted: set[str]  # every quoted word that could be a key: a message among them is used
    source: str  # all the code, for the dynamic prefixes


def _sources(root: Path) -> Iterable[tuple[Path, str]]:
    generator, scripts = root / "generator", root / "docs" / "assets" / "javascripts"
    for path in sorted([*generator.rglob("*.py"), *generator.rglob("*.j2")]):
        if path.name != "catalog.py":  # this file names prefixes and examples, not uses
            yield path, path.read_text(encoding="utf-8")
    for path in sorted([*scripts.rglob("*.js"), *scripts.rglob("*.mjs")]):  # the self-assessment/ modules too
        yield path, path.read_text(encoding="utf-8")


def scan(root: Path = GENERATOR.parent) -> Uses:
    """Every message the code at ``root`` names, and every quoted word it holds."""
    named: set[str] = set()
    quoted: set[str] = set()
    texts = []
    for path, text in _sources(root):
        texts.append(text)
        if path.suffix in (".js", ".mjs"):
            named |= {f"sa_{key}" for key in _SCRIPT_NAMED.findall(text)}
            quoted |= {f"sa_{key}" for key in _QUOTED.findall(text)}
            continue
        for found in _NAMED.finditer(text):
            named.add(found["attr"] or found["item"] or found["call"])
        quoted |= set(_QUOTED.findall(text))
    named |= set(CASE_FACTS)  # the case page words each fact with the message of its field's name
    return Uses(named, quoted, "\n".join(texts))


def is_used(key: str, uses: Uses) -> bool:
    """Named, quoted, built from a registered prefix, or a case's fact (the model's field names,
    which the case page words with the message of the same name)."""
    return (
        key in uses.named
        or key in uses.quoted
        or key in CASE_FACTS
        or any(key.startswith(prefix) for prefix in DYNAMIC)
    )


def unbuilt_prefixes(uses: Uses) -> list[str]:
    """Registered prefixes that no code builds a key from (the script's carry no ``sa_``)."""
    return [
        prefix for prefix in DYNAMIC if not re.search(rf"""["']{re.escape(prefix.removeprefix("sa_"))}""", uses.source)
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
        for key in sorted(uses.named - set(keys(catalog))):
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
