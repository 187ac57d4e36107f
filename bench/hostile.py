"""Figures for the hostile corpus: how many inputs, how many rejected with file and line, how many
rendered inert, and the peak memory of the worst. Usage: python bench/hostile.py"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from corpus import (  # noqa: E402
    INERT,
    INVALID,
    inert_fixtures,
    make_huge,
    make_outside_link,
    place,
    rejected_fixtures,
    validate_measured,
)
from helpers import copy_repo  # noqa: E402

# Budgets for one `validate` of a hostile input; the CLI itself needs about 40 MB, and an alias bomb
# that expanded would need far more.
TIME_BUDGET_S = 10
MEMORY_BUDGET_MB = 100
WITH_LINE = re.compile(r"^content/\S+:\d+:\d+: ", re.M)
WITH_FILE = re.compile(r"^content/\S+", re.M)


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        cases = [
            (p.relative_to(INVALID).as_posix(), lambda repo, p=p: place(p, INVALID, repo)) for p in rejected_fixtures()
        ]
        cases += [("generated/huge-file", make_huge), ("generated/outside-link", make_outside_link)]
        cases += [(f"inert/{p.name}", lambda repo, p=p: place(p, INERT, repo)) for p in inert_fixtures()]
        for i, (name, make) in enumerate(cases):
            repo = copy_repo(Path(tmp) / f"r{i}")
            make(repo)
            started = time.perf_counter()
            outcome = validate_measured(repo)
            rows.append(
                (
                    name,
                    outcome.code,
                    bool(WITH_FILE.search(outcome.stdout)),
                    bool(WITH_LINE.search(outcome.stdout)),
                    "Traceback" in outcome.stderr,
                    outcome.peak_kb,
                    time.perf_counter() - started,
                )
            )
    rejected = [r for r in rows if r[1] == 1]
    inert = [r for r in rows if r[1] == 0]
    worst = max(rows, key=lambda r: r[5])
    print(f"hostile inputs: {len(rows)}")
    print(
        f"rejected: {len(rejected)}, naming the file: {sum(r[2] for r in rejected)}, with line and column: {sum(r[3] for r in rejected)}"
    )
    print(f"accepted and rendered inert (checked in tests/test_hardening.py): {len(inert)}")
    print(f"tracebacks: {sum(r[4] for r in rows)}")
    print(
        f"slowest validate: {max(r[6] for r in rows):.2f} s (budget {TIME_BUDGET_S} s); "
        f"peak memory of the worst ({worst[0]}): {worst[5] / 1024:.0f} MB (budget {MEMORY_BUDGET_MB} MB)"
    )
    print(f"without a line (whole-file problems): {', '.join(r[0] for r in rejected if not r[3])}")


if __name__ == "__main__":
    main()
