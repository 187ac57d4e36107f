"""Contributor-facing problems: one line each, naming file, line, column and field."""

from __future__ import annotations

from dataclasses import dataclass

from generator.util.characters import visible


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""
    warning: bool = False  # reported, but the content is still valid

    def text(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        hint = f" ({self.hint})" if self.hint else ""
        level = " warning:" if self.warning else ""
        # A record's own characters reach the message (a file name, a value): shown, never obeyed.
        return visible(f"{where}:{level}{field} {self.message}{hint}")

    def github(self) -> str:
        """A GitHub workflow command, so the problem shows on the pull request's line."""
        props = f"file={_prop(self.path)}"
        if self.line:
            props += f",line={self.line},col={self.column}"
        field = f"{self.field}: " if self.field else ""
        hint = f" ({self.hint})" if self.hint else ""
        return visible(f"::{'warning' if self.warning else 'error'} {props}::{_data(field + self.message + hint)}")


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


class ContentError(Exception):
    """Raised when content is invalid; carries every problem found, sorted by place."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [p.text() for p in self.problems]
        count = len(self.problems)
        lines.append(f"{count} problem{'s' if count != 1 else ''} found in content/.")
        return "\n".join(lines)
