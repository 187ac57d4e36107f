"""No function of the generator longer than a reader holds at once: 60 lines, counted from its
`def` (decorators left out) to its last line, with Python's own parser."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from helpers import ROOT

LIMIT = 60


def too_long(folder: Path) -> list[str]:
    """Each function under ``folder`` over LIMIT lines: 'path:line name (N lines)'."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > LIMIT:
                    found.append(f"{path.relative_to(ROOT).as_posix()}:{node.lineno} {node.name} ({lines} lines)")
    return found


def test_no_function_of_the_generator_is_over_60_lines() -> None:
    assert too_long(ROOT / "generator") == []


def test_the_count_finds_a_long_function(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body = "\n".join(f"    x{n} = {n}" for n in range(LIMIT))
    (tmp_path / "long.py").write_text(f"def short():\n    pass\n\n\ndef long():\n{body}\n", encoding="utf-8")
    monkeypatch.setattr("test_function_length.ROOT", tmp_path)
    assert too_long(tmp_path) == [f"long.py:5 long ({LIMIT + 1} lines)"]
