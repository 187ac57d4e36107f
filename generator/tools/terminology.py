"""Write the table of Dutch terms in CONTRIBUTING.nl.md from generator/locale/nl/terminology.yaml.

``python -m generator.tools.terminology --update`` rewrites the table under "### Termen"; without
``--update`` it says whether the guide is out of date (tests/test_terminology.py checks the same).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.records.terminology import table_markdown

GUIDE = Path(__file__).resolve().parent.parent.parent / "CONTRIBUTING.nl.md"
HEADING = "### Termen"


def with_table(guide: str) -> str:
    """The guide with the table under its terms heading replaced by the one the data writes."""
    head, found, rest = guide.partition(HEADING)
    if not found:
        raise ValueError(f"{GUIDE.name} has no heading {HEADING!r}")
    lines = rest.split("\n")
    start = next(n for n, line in enumerate(lines) if line.startswith("|"))
    end = next((n for n in range(start, len(lines)) if not lines[n].startswith("|")), len(lines))
    return head + found + "\n".join([*lines[:start], table_markdown(), *lines[end:]])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.tools.terminology", description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="rewrite the table in the guide")
    args = parser.parse_args(argv)
    text = GUIDE.read_text(encoding="utf-8")
    wanted = with_table(text)
    if wanted == text:
        return 0
    if args.update:
        GUIDE.write_text(wanted, encoding="utf-8")
        print(f"updated: {GUIDE.name}")
        return 0
    print(f"out of date: {GUIDE.name} (run python -m generator.tools.terminology --update)")
    return 1


if __name__ == "__main__":
    sys.exit(main())
