"""Characters a record's text may not hold, and those it should not: the one list the models,
`validate`'s warnings and its messages read, and that cleans text no contributor checked (a
commit's `Reason:` trailer, a past version's name) before it reaches a page or the feed.

Forbidden: what XML 1.0 and YAML cannot carry and no reader can see, so one of them breaks the
feed, the profile pictures and the front matter of `render --out`: the C0 controls but tab and
newline, DEL, the C1 controls, lone surrogates and the Unicode non-characters (U+FFFE, U+FFFF and
their kin). Hidden: characters that change how a text shows without showing themselves (direction
overrides, zero-width characters); a name may need one, rarely, so they are warned about.
"""

from __future__ import annotations

import re
import unicodedata

_NONCHARACTERS = "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
FORBIDDEN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef{_NONCHARACTERS}]")
HIDDEN = re.compile("[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_SHOWN = re.compile(f"{FORBIDDEN.pattern}|{HIDDEN.pattern}")


def code(char: str) -> str:
    """'U+0001', 'U+202E (RIGHT-TO-LEFT OVERRIDE)': a character as a message names it."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def kind(char: str) -> str:
    """What a forbidden character is, in a few words."""
    point = ord(char)
    if point == 0:
        return "the NUL character"
    if point < 0xA0:
        return "a control character"
    if 0xD800 <= point <= 0xDFFF:
        return "a lone surrogate"
    return "a non-character"


def visible(text: str) -> str:
    """``text`` with every forbidden or hidden character written as <U+XXXX>, so a message shows
    what a record holds and a terminal is not steered by it."""
    return _SHOWN.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def where(text: str, index: int) -> str:
    """Where in ``text`` the character at ``index`` stands: its place and the words before it."""
    before = visible(text[max(0, index - 20) : index]).lstrip()
    return f"at character {index + 1}, after '{before}'" if before else "at the start"


def forbidden_in(text: str) -> str | None:
    """Why ``text`` may not stand in a record, naming its first forbidden character; None if none."""
    found = FORBIDDEN.search(text)
    if found is None:
        return None
    char = found.group()
    return (
        f"holds {code(char)}, {kind(char)}, {where(text, found.start())}: no page, feed or picture can show it, "
        "so remove it (a YAML escape such as \\x01 or \\0 in double quotes writes one)"
    )


def hidden_in(text: str) -> str | None:
    """A warning for a text holding an invisible character that changes how it shows; None if none."""
    found = HIDDEN.search(text)
    if found is None:
        return None
    return (
        f"holds {code(found.group())}, an invisible character that changes how the text shows, "
        f"{where(text, found.start())}"
    )


def clean(text: str) -> str:
    """``text`` without forbidden or hidden characters, for text that no `validate` checked."""
    return HIDDEN.sub("", FORBIDDEN.sub("", text))


def xml_safe(text: str) -> str:
    """``text`` without the characters XML refuses: the last line of defence of the feed and SVGs."""
    return FORBIDDEN.sub("", text)
