"""The "What changed" list as an Atom feed, one entry per day, for feed readers."""

from __future__ import annotations

from xml.sax.saxutils import escape

from generator.pages.local import date
from generator.records.history import DayOfChanges
from generator.words import table


def atom(days: list[DayOfChanges], describe: dict[str, str], site_url: str, title: str, lang: str = "en") -> str:
    """``describe`` maps a record file to the words a line gives it ("case Johan Cruijff ArenA")."""
    w = table(lang)
    base = site_url.rstrip("/") + "/" if site_url else ""
    page = f"{base}changes/"
    updated = f"{days[0].date}T00:00:00Z" if days else "1970-01-01T00:00:00Z"
    entries = []
    for day in days:
        lines = [f"{w['change_' + change.status]}: {describe.get(change.path, change.path)}" for change in day.changes]
        for change in day.changes:
            lines += [f"  {what}: {old or '-'} -> {new or '-'}" for what, old, new in change.ratings]
        entries.append(
            "  <entry>\n"
            f"    <id>{escape(page)}#{day.date}</id>\n"
            f"    <title>{escape(w['changes_of'].format(date=date(day.date, lang)))}</title>\n"
            f"    <updated>{day.date}T00:00:00Z</updated>\n"
            f'    <link rel="alternate" href="{escape(page)}#{day.date}"/>\n'
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
