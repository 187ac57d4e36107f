"""Pictures generated at build time: a case's criterion profile and the selection funnel.

Plain SVG with a title and description, no JavaScript; the bar length carries the score so the
picture also reads in greyscale, and every bar carries its symbol and text label.
"""

from __future__ import annotations

from html import escape

from generator.records.ratings import SCALE, Rating

COLOURS = {
    Rating.PRESENT: "#1b7a3a",
    Rating.PARTIAL: "#b7791f",
    Rating.ABSENT: "#b42318",
    Rating.UNKNOWN: "#6b7280",
}
_FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"'


def profile(title: str, rows: list[tuple[str, Rating]], labels: dict[Rating, str], lang: str = "en") -> str:
    """One row per criterion: its name, a bar as long as its score, symbol and label (``labels``
    names each rating in the picture's language ``lang``)."""
    row_h, label_w, bar_w = 30, 300, 150
    width, height = label_w + bar_w + 150, row_h * len(rows) + 8
    desc = "; ".join(f"{name}: {labels[r]}" for name, r in rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-labelledby="t d" xml:lang="{lang}" {_FONT} font-size="13">',
        f'<title id="t">{escape(title)}</title><desc id="d">{escape(desc)}</desc>',
    ]
    for i, (name, rating) in enumerate(rows):
        y = 4 + i * row_h
        level = SCALE[rating]
        fill = COLOURS[rating]
        parts.append(f'<text x="0" y="{y + 19}" fill="#1f2937">{escape(name)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 4}" width="{bar_w}" height="20" fill="#f3f4f6" stroke="#d1d5db"/>')
        if level.score is None:
            parts.append(
                f'<rect x="{label_w}" y="{y + 4}" width="{bar_w}" height="20" fill="none" stroke="{fill}" stroke-dasharray="4 3"/>'
            )
        else:
            length = max(6, bar_w * level.score // 2)
            parts.append(f'<rect x="{label_w}" y="{y + 4}" width="{length}" height="20" fill="{fill}"/>')
        parts.append(
            f'<text x="{label_w + bar_w + 8}" y="{y + 19}" fill="{fill}" font-weight="600">{escape(level.symbol)} {escape(labels[rating])}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def funnel(steps: list[tuple[int, str]], title: str, then: str = ", then ", lang: str = "en") -> str:
    """Horizontal bars, widest first, one per selection step; ``then`` joins the steps in words."""
    width, row_h = 640, 46
    top = max(n for n, _ in steps)
    height = row_h * len(steps) + 8
    desc = then.join(f"{n} {label}" for n, label in steps)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-labelledby="ft fd" xml:lang="{lang}" {_FONT} font-size="15">',
        f'<title id="ft">{escape(title)}</title><desc id="fd">{escape(desc)}</desc>',
    ]
    shades = ["#1e3a8a", "#2563eb", "#60a5fa"]
    for i, (count, label) in enumerate(steps):
        bar = max(60, round(380 * count / top))
        x = (380 - bar) // 2
        y = 4 + i * row_h
        parts.append(
            f'<rect x="{x}" y="{y}" width="{bar}" height="{row_h - 8}" rx="4" fill="{shades[i % len(shades)]}"/>'
        )
        parts.append(f'<text x="190" y="{y + 25}" text-anchor="middle" fill="#ffffff" font-weight="700">{count}</text>')
        parts.append(f'<text x="400" y="{y + 25}" fill="#1f2937">{escape(label)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
