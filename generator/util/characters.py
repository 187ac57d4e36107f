"""Characters no published text may carry: controls, non-characters and lone surrogates.

They make the feed, the SVG pictures and YAML front matter invalid (XML 1.0 and YAML refuse
them). Records are refused by ``validate`` when they hold one; text that never passes through
``validate`` (a commit's ``Reason:`` trailer, a past version's name) is cleaned with ``clean``.
"""

from __future__ import annotations

import re

# C0 controls but tab, line feed and carriage return; DEL and the C1 controls; lone surrogates;
# and U+FFFE/U+FFFF, which XML 1.0 excludes.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Marks that change the direction or the joining of text a reader sees, without being seen.
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def clean(text: str) -> str:
    """``text`` without forbidden or invisible characters, for text that no contributor checked."""
    return INVISIBLE.sub("", FORBIDDEN.sub("", text))


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 refuses: the last line of defence of the feed and SVGs."""
    return FORBIDDEN.sub("", text)
