"""What `mkdocs serve` keeps from one build to the next, so a saved record re-renders only what
depends on it.

- Each record file's checked result, by the file's bytes: only changed files are parsed again.
- Each record page's Markdown, by what it is made from: the record's bytes, every record of the
  other kinds, and the rest of the site's inputs. A case page shows its criteria, lessons,
  sources, country and glossary terms, never another case, so a saved case re-renders its own
  page and the pages of other kinds (criteria, lessons, sources, overviews) that list it. A test
  holds an incremental render equal to a full one after edits of each kind.
- The data exports, written just after the pages: the next build offers them to MkDocs as they
  are, and writes the new ones once the edited page is served.
- Each generated file's hash from the last build, so MkDocs' `--dirty` rebuild skips the files
  whose content did not change (`File.is_modified()` is always True for a file with content).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

# Kinds whose pages show no other record of their own kind: their pages are cached per record.
PER_RECORD = frozenset({"cases", "lessons"})


def digest(*parts: object) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        # A page's text (and its HTML blocks) is hashed as it is: repr() of long strings costs
        # more than the hash.
        if isinstance(part, tuple) and all(isinstance(p, str) for p in part):
            h.update(b"(")
            for text in part:
                data = text.encode("utf-8")
                h.update(len(data).to_bytes(8, "big") + data)  # length first: no two tuples alike
        else:
            h.update(
                part
                if isinstance(part, bytes)
                else part.encode("utf-8")
                if isinstance(part, str)
                else repr(part).encode()
            )
        h.update(b"\0")
    return h.hexdigest()


@dataclass
class Memo:
    # record file (as messages name it) -> (its bytes' digest, what loading it gave)
    loaded: dict[str, tuple[str, Any]] = field(default_factory=dict)
    # record file -> digest, of the files read in the latest build only
    files: dict[str, str] = field(default_factory=dict)
    # page key -> its Markdown, and the HTML blocks it holds markers for
    pages: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    # generated file -> hash of what was written for it in the latest build
    written: dict[str, str] = field(default_factory=dict)
    rendered: int = 0  # pages rendered anew in the latest build (the rest were kept)
    # data export -> its content, as last written (a preview writes them after the pages)
    exports: dict[str, str] = field(default_factory=dict)

    def kind_digests(self, files: dict[tuple[str, str], str]) -> dict[str, str]:
        """One digest per kind over its record files, from kb.files ((kind, id) -> file)."""
        by_kind: dict[str, list[tuple[str, str]]] = {}
        for (kind, _), path in files.items():
            by_kind.setdefault(kind, []).append((path, self.files.get(path, "")))
        return {kind: digest(sorted(entries)) for kind, entries in by_kind.items()}

    def start(self) -> None:
        """A new build: forget which files the last one read (a removed file must not count)."""
        self.files = {}
