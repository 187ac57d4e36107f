"""Say which key stands at the wrong depth, and where it could belong, where PyYAML only says
"mapping values are not allowed in this context" or "did not find expected key".

Works on the text's lines alone: the keys above the wrong one, each less indented than the last,
are the depths a key may take there.
"""

from __future__ import annotations

import re

_KEY = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[^\s#'\"\-:][^:#]*?|'[^']*'|\"[^\"]*\"):(?: |$)")


def _key(line: str) -> tuple[int, str, bool] | None:
    """(column of the key, the key, whether it opens a block) for a ``key: value`` line."""
    match = _KEY.match(line)
    if not match:
        return None
    column = len(match["indent"]) + len(match["dash"] or "")
    rest = line[match.end() :].split(" #")[0].strip()
    return column, match["key"].strip("'\""), rest in ("", "|", ">", "|-", ">-")


def _spaces(n: int) -> str:
    return f"{n} space{'s' if n != 1 else ''}"


def explain(text: str, line: int) -> tuple[int, int, str] | None:
    """(line, column, message) naming the key on ``line`` (1-based) or the nearest key line above
    it that is at a depth its neighbours do not allow; None when no key is out of place."""
    lines = text.splitlines()
    wrong = line
    while wrong >= 1 and (wrong > len(lines) or _key(lines[wrong - 1]) is None):
        wrong -= 1
    if wrong < 1:
        return None
    column, key, _ = _key(lines[wrong - 1])  # type: ignore[misc]  # the loop above stopped on a line with a key
    # The depths a key may take here: each key above that is less indented than those after it.
    levels: list[tuple[int, str, int]] = []  # (column, key, line)
    deepest = None
    opens_block = False
    for n in range(wrong - 1, 0, -1):
        found = _key(lines[n - 1])
        if found is None:
            continue
        col, name, opens = found
        if deepest is None:
            opens_block = opens
        if deepest is None or col < deepest:
            levels.append((col, name, n))
            deepest = col
        if col == 0:
            break
    if not levels or any(col == column for col, _, _ in levels):
        return None
    if opens_block and column > levels[0][0]:
        return None  # a first field under a key that opens a block: any deeper indent is fine
    options = sorted(levels, key=lambda level: (abs(level[0] - column), -level[0]))[:2]
    where = " or ".join(f"{_spaces(col)} to put it beside '{name}' (line {n})" for col, name, n in options)
    return wrong, column + 1, f"'{key}' is indented {_spaces(column)}, a depth no field above it has: indent it {where}"
