"""The hostile and malformed corpus: files under tests/invalid (rejected) and tests/inert (legal
but hostile), plus two kinds made at run time (a huge file, a link out of content/)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from helpers import ENV, ROOT

INVALID = ROOT / "tests" / "invalid"
INERT = ROOT / "tests" / "inert"
EXPECTED: dict[str, list[str]] = yaml.safe_load((INVALID / "expected.yaml").read_text(encoding="utf-8"))

# This program's own peak memory. Not ru_maxrss: on Linux it carries the parent's peak over
# fork and exec, so a CLI started from a large pytest process would seem as large.
PEAK_KB = (
    "next(int(line.split()[1]) for line in open('/proc/self/status') if line.startswith('VmHWM:'))"
    " if os.path.exists('/proc/self/status') else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss"
)
# Runs the CLI and reports its own peak memory, so each input's cost is measured alone.
_MEASURED = (
    "import os, resource, sys\n"
    "from generator.tools.cli import main\n"
    "code = main(sys.argv[1:])\n"
    f"peak = {PEAK_KB}\n"
    "print(f'PEAK_KB={peak}', file=sys.stderr)\n"
    "sys.exit(code)\n"
)


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str
    peak_kb: int


def rejected_fixtures() -> list[Path]:
    return sorted(INVALID.glob("*/*.y*ml"))


def inert_fixtures() -> list[Path]:
    return sorted(INERT.glob("*/*.yaml"))


def place(source: Path, base: Path, repo: Path) -> Path:
    target = repo / "content" / source.relative_to(base)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, target)
    return target


def make_huge(repo: Path) -> Path:
    path = repo / "content/cases/huge-file.yaml"
    path.write_text("id: huge-file\nname: " + "x" * 2_000_000 + "\n", encoding="utf-8")
    return path


def make_outside_link(repo: Path) -> Path:
    secret = repo.parent / "outside-secret.yaml"
    secret.write_text("id: outside-link\n", encoding="utf-8")
    link = repo / "content/cases/outside-link.yaml"
    os.symlink(secret, link)
    return link


def validate_measured(repo: Path, timeout: float = 20) -> Outcome:
    result = subprocess.run(
        [sys.executable, "-c", _MEASURED, "--repo", str(repo), "validate"],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=ENV,
        cwd=ROOT,
    )
    peak = int(result.stderr.rsplit("PEAK_KB=", 1)[1].split()[0]) if "PEAK_KB=" in result.stderr else 0
    return Outcome(result.returncode, result.stdout, result.stderr, peak)
