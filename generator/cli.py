"""Command line: ``ppc-kb`` or ``python -m generator``. Errors are one line each, never a traceback."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .problems import ContentError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator", description="Validate and render the PPC knowledge base."
    )
    parser.add_argument("--repo", type=Path, default=Path("."), help="repository folder (default: the current one)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = sub.add_parser("validate", help="check every record; print all problems and exit 1 if there are any")
    validate.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="'github' prints workflow annotations that show on the PR's lines",
    )

    render = sub.add_parser(
        "render", help="write the generated Markdown (and its pictures) to a folder, for any other engine"
    )
    render.add_argument("--out", type=Path, required=True, help="folder to write into (created if missing)")
    return parser


def _report(exc: ContentError, fmt: str) -> None:
    for problem in exc.problems:
        print(problem.github() if fmt == "github" else problem.text())
    count = len(exc.problems)
    print(f"{count} problem{'s' if count != 1 else ''} found; nothing was built.", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from .site import build_site, load_kb

    try:
        if args.command == "validate":
            kb = load_kb(args.repo)
            print(
                f"All records valid: {len(kb.cases)} cases, {len(kb.criteria)} criteria, {len(kb.indicators)} indicators, {len(kb.lessons)} lessons."
            )
        elif args.command == "render":
            site = build_site(args.repo)
            out: Path = args.out
            for path, text in sorted({**site.pages, **site.files}.items()):
                target = out / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
            print(f"Wrote {len(site.pages)} pages and {len(site.files)} other files to {out}.")
    except ContentError as exc:
        _report(exc, getattr(args, "format", "text"))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
