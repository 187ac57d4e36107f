"""Command line: ``ppc-kb`` or ``python -m generator``: validate, new, render, export, schema.

Every problem is one line (content problems as ``file:line:column: field: message``), never a
traceback; exit 1 for invalid content, 2 for a command that cannot be carried out."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from generator.records.problems import ContentError, Problem
from generator.words import DEFAULT, LANGUAGES

if TYPE_CHECKING:
    from generator.tools.from_issue import Proposal
    from generator.tools.scaffold import KnownRecords


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, naming the command and where to look, instead of argparse's usage block.
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m generator", description="Validate and render the PPC knowledge base.")
    parser.add_argument("--repo", type=Path, default=Path("."), help="repository folder (default: the current one)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _content_commands(sub)
    _file_commands(sub)
    return parser


def _content_commands(sub: argparse._SubParsersAction[_Parser]) -> None:
    """The commands that check the records, make pages from them or add one."""
    validate = sub.add_parser("validate", help="check every record; print all problems and exit 1 if there are any")
    validate.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="'github' prints workflow annotations that show on the PR's lines",
    )
    validate.add_argument(
        "files", nargs="*", type=Path, help="report only problems in these files (all are still checked)"
    )

    render = sub.add_parser(
        "render", help="write the generated Markdown (and its pictures) to a folder, for any other engine"
    )
    render.add_argument("--out", type=Path, required=True, help="folder to write into (created if missing)")
    render.add_argument("--lang", choices=LANGUAGES, default=DEFAULT, help="the edition to write: en (default) or nl")
    render.add_argument(
        "--site-url", default=None, help="the edition's address (default: its site_url in the repository's config)"
    )
    render.add_argument(
        "--edit-url", default=None, help="the repository's edit address for a file (default: edit_uri in mkdocs.yml)"
    )

    new = sub.add_parser("new", help="scaffold a record in which every field is present and commented")
    new.add_argument("kind", choices=("case", "lesson", "source"))
    new.add_argument("id", help="the new record's id: lowercase letters, digits and hyphens")
    new.add_argument(
        "--text",
        type=Path,
        default=None,
        help="a new source's plain text: copied to texts/ID.txt and named in full_text",
    )


def _file_commands(sub: argparse._SubParsersAction[_Parser]) -> None:
    """The commands that write or compare files made from the records: schemas, exports, issue forms."""
    schema = sub.add_parser("schema", help="write the JSON Schemas of the record types (for editors) to a folder")
    schema.add_argument("--out", type=Path, default=None, help="folder (default: schema/ in the repository)")

    export = sub.add_parser("export", help="write the open-data files (JSON, CSV, JSON Schemas) to a folder")
    export.add_argument("--out", type=Path, required=True, help="folder to write into (created if missing)")

    issue = sub.add_parser(
        "from-issue",
        help="turn a submitted 'Propose a case' or 'Propose a source' issue form into a record, then validate it",
    )
    issue.add_argument("file", type=Path, nargs="?", help="the issue's body, as a file")
    issue.add_argument(
        "--write-form",
        action="store_true",
        help="write the issue forms themselves, from the case and source models and the criteria",
    )
    issue.add_argument(
        "--comment", type=Path, default=None, help="also write the answer for the issue, as Markdown, to this file"
    )

    changes = sub.add_parser("changes", help="what changed since a commit, for a pull request's checks")
    changes.add_argument(
        "--check-reasons",
        metavar="BASE",
        required=True,
        help="warn (GitHub's ::warning form) of each case rating changed since BASE without a 'Reason:' trailer",
    )

    diff = sub.add_parser("diff", help="compare two knowledge-base.json exports: records and ratings that changed")
    diff.add_argument("old", type=Path, help="the older knowledge-base.json")
    diff.add_argument("new", type=Path, help="the newer knowledge-base.json")
    diff.add_argument("--format", choices=("text", "json"), default="text", help="readable text (default) or JSON")


class _OutError(Exception):
    pass


def _write(out: Path, files: dict[str, str]) -> None:
    if out.exists() and not out.is_dir():
        raise _OutError(f"--out {out} is a file, not a folder; name a folder (it is created if missing)")
    for path, text in sorted(files.items()):
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def _only(problems: list[Problem], repo: Path, files: list[Path]) -> list[Problem]:
    """The problems in ``files``, or all of them when no file is named."""
    if not files:
        return problems
    wanted = {_repo_relative(p, repo) for p in files}
    return [p for p in problems if p.path in wanted]


def _report(exc: ContentError, fmt: str, repo: Path, only: list[Path]) -> int:
    problems = _only(exc.problems, repo, only)
    for problem in problems:
        print(problem.github() if fmt == "github" else problem.text())
    count, elsewhere = len(problems), len(exc.problems) - len(problems)
    if not problems:
        print(f"No problems in the given files ({elsewhere} in other files).", file=sys.stderr)
        return 0
    note = f" (and {elsewhere} in other files)" if elsewhere else ""
    print(f"{count} problem{'s' if count != 1 else ''} found{note}; nothing was built.", file=sys.stderr)
    return 1


def _repo_relative(path: Path, repo: Path) -> str:
    try:
        return path.resolve().relative_to(repo.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _from_issue(repo: Path, body_file: Path | None, write_form: bool, comment: Path | None) -> int:
    """Write the issue forms, or the record a submitted form proposes and what `validate` says of
    it, in the form's own words; with ``comment``, also the bot's answer on the issue."""
    from generator.tools import from_issue
    from generator.tools.scaffold import known_records

    if write_form:
        for name in from_issue.write_forms(repo):
            print(f"Wrote {name}.")
        return 0
    known = known_records(repo / "content")
    if body_file is None:
        raise from_issue.IssueError("name the file that holds the issue's body, or give --write-form")
    try:
        with body_file.open("rb") as raw:  # never more than the limit, whatever the file's size
            body = raw.read(from_issue.MAX_BODY + 1).decode("utf-8", errors="replace")
        proposal = from_issue.proposal(body, known.criteria)
        shown = f"content/{proposal.kind}/{proposal.rid}.yaml"  # rid matched the id pattern: no path from the form
        if (repo / shown).exists():
            raise from_issue.IssueError(f"{shown} exists already; give the proposal another short id")
    except from_issue.IssueError as exc:
        if comment is not None:
            comment.write_text(from_issue.comment([str(exc)]), encoding="utf-8")
        raise
    text = from_issue.as_yaml(proposal)
    (repo / shown).write_text(text, encoding="utf-8")
    lines = _proposal_problems(repo, shown, proposal, known)
    if lines:
        if comment is not None:
            comment.write_text(from_issue.comment(lines, shown, text), encoding="utf-8")
        print("\n".join(lines))
        print(f"{shown} was written but is not valid yet.", file=sys.stderr)
        return 1
    print(f"Wrote {shown}; it is valid.")
    return 0


def _proposal_problems(repo: Path, shown: str, proposal: Proposal, known: KnownRecords) -> list[str]:
    """What is wrong with a proposed record, in its form's words: nothing when it validates and
    the body's headings are the form's."""
    from generator.records.knowledge_base import validate
    from generator.tools import from_issue

    try:
        validate(repo / "content")
        problems: list[Problem] = []
    except ContentError as exc:
        problems = [p for p in exc.problems if p.path == shown] or exc.problems
    choices = from_issue.Choices(
        countries=[c.id for c in known.countries], sections={s.id: list(s.sections) for s in known.sources}
    )
    return from_issue.answer_lines(problems, proposal, choices)


def _validate(args: argparse.Namespace, repo: Path) -> int:
    from generator.records.knowledge_base import validate
    from generator.records.translation import TRANSLATED_INTO
    from generator.tools.from_issue import stale_forms
    from generator.util.pool import usable_cpus

    counts, warnings = validate(repo / "content", workers=usable_cpus())
    for warning in _only(warnings, repo, args.files):
        print(warning.github() if args.format == "github" else warning.text(), file=sys.stderr)
    forms = [] if args.files else stale_forms(repo)
    for form in forms:
        print(form.github() if args.format == "github" else form.text())
    if forms:
        count = f"{len(forms)} problem{'s' if len(forms) != 1 else ''}"
        print(f"{count} found (the records themselves are valid).", file=sys.stderr)
        return 1
    print(
        f"All records valid: {counts['cases']} cases, {counts['criteria']} criteria, "
        f"{counts['indicators']} indicators, {counts['lessons']} lessons, {counts['sources']} sources."
    )
    for lang in TRANSLATED_INTO:
        print(f"{lang}: {counts.get('texts_' + lang, 0)}/{counts.get('texts_total', 0)} texts translated")
    return 0


def _render(args: argparse.Namespace, repo: Path) -> int:
    from generator.pages import standalone
    from generator.pages.build import build_site
    from generator.util.pool import usable_cpus

    addresses = standalone.addresses(repo, args.lang, args.site_url, args.edit_url)
    contributing = Path("CONTRIBUTING.md" if args.lang == DEFAULT else f"CONTRIBUTING.{args.lang}.md")
    site = build_site(
        repo,
        contributing,
        site_url=addresses.site_url,
        edit_uri=addresses.edit_url,
        workers=usable_cpus(),
        lang=args.lang,
    )
    for said in site.warnings:  # e.g. a past version What changed passed over
        print(f"warning: {said}", file=sys.stderr)
    pages = {path: standalone.page(site, path, args.lang, addresses) for path in site.pages}
    _write(args.out, {**pages, **site.files})
    print(f"Wrote {len(site.pages)} pages and {len(site.files)} other files ({args.lang}) to {args.out}.")
    return 0


def _export(args: argparse.Namespace, repo: Path) -> int:
    from generator.pages import export
    from generator.pages.build import load_kb
    from generator.records.history import history
    from generator.util.pool import usable_cpus

    files = export.data_files(load_kb(repo, workers=usable_cpus()), export.DataVersion.of(history(repo)))
    _write(args.out, {path.removeprefix("data/"): text for path, text in files.items()})
    print(f"Wrote {len(files)} open-data files to {args.out}.")
    return 0


def _schema(args: argparse.Namespace, repo: Path) -> int:
    from generator.pages import export

    out = args.out or repo / "schema"
    schemas = {name: export.dumps(schema) for name, schema in export.json_schemas().items()}
    _write(out, schemas)
    print(f"Wrote {len(schemas)} JSON Schemas to {out}.")
    return 0


def _diff(args: argparse.Namespace, repo: Path) -> int:
    from generator.tools.diff import as_text, diff, read_export

    result = diff(read_export(args.old), read_export(args.new))
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.format == "json" else as_text(result), end="")
    return 0


def _new(args: argparse.Namespace, repo: Path) -> int:
    from generator.tools.scaffold import new_record

    path = new_record(repo, args.kind, args.id, args.text)
    if args.text:
        print(f"Copied {args.text} to texts/{args.id}.txt, which the new record's full_text names.")
    print(f"Created {_repo_relative(path, repo)}: fill in the empty fields, then run 'python -m generator validate'.")
    return 0


def _changes(args: argparse.Namespace, repo: Path) -> int:
    """Each rating changed since the base without a reason, as a warning; never a failure."""
    from generator.tools.reasons import unreasoned

    found = unreasoned(repo, args.check_reasons)
    for item in found:
        print(item.github())
    print(f"{len(found)} rating change(s) without a reason since {args.check_reasons}", file=sys.stderr)
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Path], int]] = {
    "changes": _changes,
    "validate": _validate,
    "render": _render,
    "export": _export,
    "schema": _schema,
    "diff": _diff,
    "from-issue": lambda args, repo: _from_issue(repo, args.file, args.write_form, args.comment),
    "new": _new,
}


def _unusable(args: argparse.Namespace, repo: Path) -> str | None:
    """Why the command cannot start: no content/ where it needs one, or a named file that is not there."""
    if args.command in ("validate", "render", "export", "new") and not (repo / "content").is_dir():
        where = "the current folder" if repo == Path(".") else f"--repo {repo}"
        return f"{where} has no content/ folder: run this in the repository, or name it with --repo PATH"
    absent = [str(f) for f in getattr(args, "files", []) if not f.is_file()]
    return f"no such file: {', '.join(absent)}" if absent else None


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # Imported here, and each command's own modules only in it: `validate` should not pay for Jinja.
    from generator.tools.diff import DiffError
    from generator.tools.from_issue import IssueError
    from generator.tools.scaffold import ScaffoldError

    repo: Path = args.repo
    why = _unusable(args, repo)
    if why:
        print(f"error: {why}", file=sys.stderr)
        return 2
    try:
        return COMMANDS[args.command](args, repo)
    except ContentError as exc:
        return _report(exc, getattr(args, "format", "text"), repo, getattr(args, "files", []))
    except (ScaffoldError, _OutError, DiffError, IssueError, ValueError) as exc:  # ValueError: --site-url
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # a folder that cannot be created or written
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
