"""Pictures generated at build time: a case's criterion profile and the selection funnel.

Plain SVG with a title and description, no JavaScript; the bar length carries the score so the
picture also reads in greyscale, and every bar carries its symbol and text label.

Both pictures are drawn narrow (``WIDTH``), each label on a line of its own above its bar, wrapped
where it is long: shown at their own size on a phone, their text stays at least 12 CSS px, and a
long Dutch label ("Verdeling van verantwoordelijkheden en sturing") never runs into its bar or off
the picture. Text widths are estimated generously (``text_width``); a browser test measures them.
"""

from __future__ import annotations

import html

from generator.records.ratings import SCALE, Rating
from generator.util.characters import xml_safe

COLOURS = {
    Rating.PRESENT: "#1b7a3a",
    Rating.PARTIAL: "#b7791f",
    Rating.ABSENT: "#b42318",
    Rating.UNKNOWN: "#6b7280",
}
FONT_FAMILY = "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"
_FONT = f'font-family="{FONT_FAMILY}"'
WIDTH = 340  # px: fits a phone's text column (about 350 px at 390 px) without being scaled down
FONT_SIZE = 14  # px in the picture; at WIDTH it is the size the reader sees
# A profile's rows: a label's line, a bar, the space between two criteria (px).
LINE_HEIGHT, BAR_HEIGHT, GAP = 18, 20, 12
TEXT_COLOUR, TRACK_COLOUR, TRACK_BORDER = "#1f2937", "#f3f4f6", "#d1d5db"

# Widths of characters as a share of the font size, on the wide side of common sans-serif fonts
# (DejaVu Sans, Segoe UI, Roboto), so an estimate errs towards wrapping early. The self-assessment's
# script estimates with the same numbers (export.self_assessment() hands them to it).
NARROW = "iljfrtI.,;:'!|() "
WIDE = "mwMW@%"
SYMBOL_FROM = 0x2000  # from here on a character is a symbol (● ◐ ○): as wide as the font size, or wider
EMS = {"narrow": 0.36, "wide": 1.02, "upper": 0.8, "other": 0.62, "symbol": 1.05, "bold": 1.1}

# What the self-assessment's script needs to draw the reader's profile as profile() draws a case's.
PROFILE = {
    "width": WIDTH,
    "font_size": FONT_SIZE,
    "font_family": FONT_FAMILY,
    "line_height": LINE_HEIGHT,
    "bar_height": BAR_HEIGHT,
    "gap": GAP,
    "colours": {"text": TEXT_COLOUR, "track": TRACK_COLOUR, "border": TRACK_BORDER},
    "text_width": {"narrow_chars": NARROW, "wide_chars": WIDE, "symbol_from": SYMBOL_FROM, **EMS},
}


def escape(text: str) -> str:
    """Text for an SVG: escaped, and without the characters XML refuses (the picture would break)."""
    return html.escape(xml_safe(text))


def text_width(text: str, size: float = FONT_SIZE, bold: bool = False) -> float:
    """A generous estimate of how wide ``text`` renders at ``size`` px."""
    em = 0.0
    for c in text:
        if ord(c) >= SYMBOL_FROM:
            em += EMS["symbol"]
        else:
            kind = "narrow" if c in NARROW else "wide" if c in WIDE else "upper" if c.isupper() else "other"
            em += EMS[kind]
    return em * size * (EMS["bold"] if bold else 1.0)


def wrap(text: str, width: float, size: float = FONT_SIZE, bold: bool = False) -> list[str]:
    """``text`` in lines that each fit ``width``; a word too long for a line of its own is broken,
    each part but the last ending in a hyphen."""
    lines: list[str] = []
    for whole in text.split():
        parts = [""]
        for c in whole:
            if parts[-1] and text_width(f"{parts[-1]}{c}-", size, bold) > width:
                parts[-1] += "-"
                parts.append("")
            parts[-1] += c
        first, *rest = parts
        if lines and text_width(f"{lines[-1]} {first}", size, bold) <= width:
            lines[-1] = f"{lines[-1]} {first}"
        else:
            lines.append(first)
        lines += rest
    return lines or [""]


def profile_height(names: list[str]) -> int:
    """The height of a profile picture with these criterion names (its width is WIDTH): what
    profile() draws, so a page's <img> can reserve the picture's space before it loads."""
    lines = sum(len(wrap(name, WIDTH - 4)) for name in names)
    return 2 + lines * LINE_HEIGHT + len(names) * (3 + BAR_HEIGHT + GAP) - GAP + 4


def profile(
    title: str,
    rows: list[tuple[str, Rating]],
    labels: dict[Rating, str],
    lang: str = "en",
    marked: frozenset[str] = frozenset(),
) -> str:
    """One row per criterion: its name (wrapped), under it a bar as long as its score, and the
    rating's symbol and label (``labels`` names each rating in the picture's language ``lang``);
    a row named in ``marked`` rests on this knowledge base's inference: its name ends in '*'."""
    line_h, bar_h, gap = LINE_HEIGHT, BAR_HEIGHT, GAP
    label_w = max(text_width(f"{SCALE[r].symbol} {labels[r]}", bold=True) for r in SCALE)
    bar_w = int(WIDTH - label_w - 10)
    desc = "; ".join(f"{name}: {labels[r]}{'*' if name in marked else ''}" for name, r in rows)
    body: list[str] = []
    y = 2
    for name, rating in rows:
        level = SCALE[rating]
        fill = COLOURS[rating]
        for line in wrap(f"{name}*" if name in marked else name, WIDTH - 4):
            y += line_h
            body.append(
                f'<text x="2" y="{y - 4}" fill="{TEXT_COLOUR}">{escape(line)}</text>'
            )  # 2: a glyph's overhang ('j')
        top = y + 3
        body.append(
            f'<rect x="0" y="{top}" width="{bar_w}" height="{bar_h}" fill="{TRACK_COLOUR}" stroke="{TRACK_BORDER}"/>'
        )
        if level.score is None:
            body.append(
                f'<rect x="0" y="{top}" width="{bar_w}" height="{bar_h}" fill="none" stroke="{fill}" stroke-dasharray="4 3"/>'
            )
        else:
            length = max(6, bar_w * level.score // 2)
            body.append(f'<rect x="0" y="{top}" width="{length}" height="{bar_h}" fill="{fill}"/>')
        body.append(
            f'<text x="{bar_w + 8}" y="{top + 15}" fill="{fill}" font-weight="600">{escape(level.symbol)} {escape(labels[rating])}</text>'
        )
        y = top + bar_h + gap
    height = y - gap + 4
    return (
        "\n".join(
            [
                f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" aria-labelledby="t d" xml:lang="{lang}" {_FONT} font-size="{FONT_SIZE}">',
                f'<title id="t">{escape(title)}</title><desc id="d">{escape(desc)}</desc>',
                *body,
                "</svg>",
            ]
        )
        + "\n"
    )


FUNNEL_SIZE, FUNNEL_LINE, FUNNEL_BAR, FUNNEL_GAP = 15, 20, 22, 12


def funnel_height(steps: list[tuple[int, str]]) -> int:
    """The height funnel() draws these steps at (its width is WIDTH), for the page's <img>."""
    lines = sum(len(wrap(f"{count} {label}", WIDTH, FUNNEL_SIZE)) for count, label in steps)
    return 2 + lines * FUNNEL_LINE + len(steps) * (2 + FUNNEL_BAR + FUNNEL_GAP) - FUNNEL_GAP + 4


def funnel(steps: list[tuple[int, str]], title: str, then: str = ", then ", lang: str = "en") -> str:
    """One bar per selection step, widest first, each under its count and label; ``then`` joins
    the steps in words."""
    size, line_h, bar_h, gap = FUNNEL_SIZE, FUNNEL_LINE, FUNNEL_BAR, FUNNEL_GAP
    top = max(n for n, _ in steps)
    desc = then.join(f"{n} {label}" for n, label in steps)
    shades = ["#1e3a8a", "#2563eb", "#60a5fa"]
    body: list[str] = []
    y = 2
    for i, (count, label) in enumerate(steps):
        for n, line in enumerate(wrap(f"{count} {label}", WIDTH, size)):
            y += line_h
            if n == 0:
                rest = line.removeprefix(str(count)).strip()
                shown = f'<tspan font-weight="700">{count}</tspan> {escape(rest)}'
            else:
                shown = escape(line)
            body.append(f'<text x="{WIDTH // 2}" y="{y - 5}" text-anchor="middle" fill="#1f2937">{shown}</text>')
        bar = max(24, round(WIDTH * count / top))
        body.append(
            f'<rect x="{(WIDTH - bar) // 2}" y="{y + 2}" width="{bar}" height="{bar_h}" rx="4" fill="{shades[i % len(shades)]}"/>'
        )
        y += 2 + bar_h + gap
    height = y - gap + 4
    return (
        "\n".join(
            [
                f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" aria-labelledby="ft fd" xml:lang="{lang}" {_FONT} font-size="{size}">',
                f'<title id="ft">{escape(title)}</title><desc id="fd">{escape(desc)}</desc>',
                *body,
                "</svg>",
            ]
        )
        + "\n"
    )
