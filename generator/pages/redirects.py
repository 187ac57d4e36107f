"""Pages at a renamed record's former addresses that send the reader on to its current page."""

from __future__ import annotations

from html import escape

from generator.pages.text import pick
from generator.records.knowledge_base import KnowledgeBase, record_name
from generator.records.models import TYPES
from generator.words import language, table


def redirect_page(new_url: str, canonical: str, name: str) -> str:
    """A meta refresh and a link (for readers and tools that ignore the refresh), and the new
    address as canonical so search engines move their entry; in the edition's language."""
    url, title = escape(new_url, quote=True), escape(name)
    w = table()
    moved, moved_to = (escape(w[key]) for key in ("moved", "moved_to"))
    return (
        "<!doctype html>\n"
        f'<html lang="{language()}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{moved}: {title}</title>\n"
        f'<link rel="canonical" href="{escape(canonical, quote=True)}">\n'
        f'<meta http-equiv="refresh" content="0; url={url}">\n'
        '<meta name="robots" content="noindex">\n'
        f'</head>\n<body>\n<p>{moved_to} <a href="{url}">{title}</a>.</p>\n</body>\n</html>\n'
    )


def redirects(kb: KnowledgeBase, site_url: str) -> dict[str, str]:
    """``{folder}/{former id}/index.html`` -> its redirect page, for every record with former ids."""
    pages = {}
    for kind in TYPES:
        if not kind.own_pages:
            continue
        for record in kb.records[kind.folder]:
            for old in getattr(record, "former_ids", ()):
                new = f"{kind.folder}/{record.id}/"
                canonical = site_url.rstrip("/") + "/" + new if site_url else f"../../{new}"
                pages[f"{kind.folder}/{old}/index.html"] = redirect_page(
                    f"../{record.id}/", canonical, pick(record_name(record))
                )
    return pages
