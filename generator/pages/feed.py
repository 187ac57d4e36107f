"""The "What changed" list as an Atom feed, one entry per day, for feed readers."""

from __future__ import annotations

from xml.sax import saxutils

from generator.pages.local import date
from generator.util.characters import xml_safe
from generator.words import table


def escape(text: str) -> str:
    """Text for the feed: escaped, and without the characters XML refuses (readers drop a broken feed)."""
    return saxutils.escape(xml_safe(text))


def atom(days: list[tuple[str, list[str]]], site_url: str, title: str, lang: str = "en") -> str:
    """``days``: per day, newest first, its lines of "What changed" as the page words them
    (changes.worded_changes), as plain text."""
    w = table(lang)
    base = site_url.rstrip("/") + "/" if site_url else ""
    page = f"{base}changes/"
    updated = f"{days[0][0]}T00:00:00Z" if days else "1970-01-01T00:00:00Z"
    entries = []
    for day, lines in days:
        entries.append(
            "  <entry>\n"
            f"    <id>{escape(page)}#{day}</id>\n"
            f"    <title>{escape(w['changes_of'].format(date=date(day, lang)))}</title>\n"
            f"    <updated>{day}T00:00:00Z</updated>\n"
            f'    <link rel="alternate" href="{escape(page)}#{day}"/>\n'
            f'    <content type="text">{escape(chr(10).join(lines))}</content>\n'
            "  </entry>\n"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">\n'
        f"  <id>{escape(page)}</id>\n"
        f"  <title>{escape(title)}</title>\n"
        f"  <updated>{updated}</updated>\n"
        f'  <link rel="alternate" href="{escape(page)}"/>\n'
        f'  <link rel="self" href="{escape(base)}feed.xml"/>\n'
        f"  <author><name>{escape(w['feed_author'])}</name></author>\n"
        f"{''.join(entries)}</feed>\n"
    )
