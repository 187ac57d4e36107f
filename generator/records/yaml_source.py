"""Read one YAML file into plain data, and the line and column of every field when a problem needs them.

PyYAML's ``safe_load`` keeps the last of two equal keys silently and forgets where values
stood, so we compose the node graph (libyaml when available) and build the data ourselves: a
plain walk for the common valid file, a marked walk when a message must say where.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.records.indentation import explain
from generator.records.problems import Problem
from generator.util import characters

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
# A plain scalar is something other than text only if it is a number or date (these start with
# one of _NUMERIC) or one of YAML 1.1's words for booleans, null, merge and value.
_NUMERIC = frozenset("-+.0123456789")
_WORDS = frozenset(
    {w for word in ("yes", "no", "true", "false", "on", "off", "null") for w in (word, word.title(), word.upper())}
    | {"~", "<<", "=", "!", "&", "*"}
)


class Loader(_BaseLoader):  # type: ignore[misc, valid-type]  # libyaml's loader where installed: chosen at import
    """libyaml's parser with a shortcut in the (Python) resolver: keys and prose that cannot be a
    number, date, boolean or null are text without PyYAML's tour of its regexes."""

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if not implicit[0] or (value and value[0] not in _NUMERIC and value not in _WORDS):
                return _STR
            return super().resolve(kind, value, implicit)
        return _MAP if kind is yaml.MappingNode else _SEQ

    # Path resolvers are a PyYAML feature records never use, yet libyaml calls these two for every
    # node: built-ins that take the same arguments and do nothing are cheaper than a Python no-op.
    descend_resolver = dict[Any, None]().get  # (node, index) -> None
    ascend_resolver = tuple  # () -> ()


MAX_BYTES = 512 * 1024  # a real record is a few KB; anything this big is a mistake or an attack
MAX_NODES = 20_000
MAX_DEPTH = 50

FieldPath = tuple[str | int, ...]


@dataclass
class Document:
    path: str
    data: Any
    marks: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)

    file: Path | None = None  # set when marks were not kept: they are read again when needed

    def mark(self, loc: FieldPath) -> tuple[int, int]:
        """Line and column of the deepest known field on ``loc`` (1-based)."""
        if not self.marks and self.file is not None:
            full, _ = read(self.file, self.path)
            self.marks = full.marks if full else {}
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.marks:
                return self.marks[loc[:end]]
        return (1, 1)

    def problem(self, loc: FieldPath, message: str, hint: str = "") -> Problem:
        line, col = self.mark(loc)
        return Problem(self.path, line, col, dotted(loc), message, hint)


def dotted(loc: FieldPath) -> str:
    return ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in loc).replace(".[", "[")


class _Reject(Exception):
    def __init__(self, node: yaml.Node | None, message: str, loc: FieldPath = ()) -> None:
        self.node = node
        self.message = message
        self.loc = loc


def read(path: Path, display: str, *, marks: bool = True) -> tuple[Document | None, list[Problem]]:
    """Parse ``path``; ``display`` is the name used in messages (relative to the repo).

    Without ``marks`` the document keeps no line marks (it reads them again when a problem needs
    one): most files are valid, so most never need them.
    """
    try:
        size = path.stat().st_size  # checked before reading: a 50 MB file is never read whole
        with path.open("rb") as file:
            raw = file.read(MAX_BYTES + 1) if size <= MAX_BYTES else b""
    except OSError as exc:
        return None, [Problem(display, 0, 0, "", f"cannot be read: {exc.strerror}")]
    if size > MAX_BYTES:
        return None, [_too_large(display, size)]
    doc, problems = parse(raw, display, marks=marks)
    if doc is not None and not marks:
        doc.file = path  # its marks are read again from the file when a problem needs them
    return doc, problems


def _too_large(display: str, size: int) -> Problem:
    return Problem(display, 0, 0, "", f"is {size:,} bytes; a record may be at most {MAX_BYTES:,} bytes, so shorten it")


def parse(raw: bytes, display: str, *, marks: bool = True) -> tuple[Document | None, list[Problem]]:
    """``read`` for bytes from anywhere (a file, or a past version in git), under the same limits."""
    if len(raw) > MAX_BYTES:
        return None, [_too_large(display, len(raw))]
    text = _decoded(raw, display)
    if isinstance(text, Problem):
        return None, [text]
    if not text.strip():
        return None, [Problem(display, 1, 1, "", "is empty; a record is a YAML mapping of fields")]
    node = _single_node(text, display)
    if isinstance(node, Problem):
        return None, [node]
    if node is None:  # only comments or document markers
        return None, [Problem(display, 1, 1, "", "holds no fields; a record is a YAML mapping of fields")]
    return _document(node, display, marks)


def _decoded(raw: bytes, display: str) -> str | Problem:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return Problem(display, line, col, "", "is not valid UTF-8 text; save the file as UTF-8")


def _single_node(text: str, display: str) -> yaml.Node | Problem | None:
    """The document's one node (None if it has none), or the problem that stops it being read."""
    try:
        loader = Loader(text)
        try:
            return loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        return _syntax_problem(exc, text, display)
    except yaml.reader.ReaderError as exc:  # a raw control character: said where it stands
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        message = f"holds {characters.code(char)}, {characters.kind(char)}, which a record may not hold"
        hint = "remove it; your editor may show it as a box or not at all"
        return Problem(display, line, col, "", message, hint)
    except yaml.YAMLError as exc:
        return Problem(display, 1, 1, "", f"YAML error: {exc}")
    except RecursionError:
        return Problem(display, 1, 1, "", f"nests deeper than {MAX_DEPTH} levels; a record is much flatter")


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, display: str) -> Problem:
    """PyYAML's error in a contributor's words, at the line it concerns."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    what = exc.problem or exc.context or "invalid YAML"
    if (
        exc.context
        and exc.context_mark
        and exc.problem
        and exc.problem_mark
        and exc.context_mark.line != exc.problem_mark.line
    ):
        what = f"{exc.context} (from line {exc.context_mark.line + 1}): {exc.problem}"
    if exc.context == "expected a single document in the stream":
        what = "holds more than one YAML document (a '---' line starts another); a record is one document"
    hint = "indent with spaces; YAML does not allow tabs" if "\t" in text else ""
    if not hint and exc.problem and exc.problem.startswith(_DEPTH_PROBLEMS) and exc.problem_mark:
        explained = explain(text, exc.problem_mark.line + 1)
        if explained:
            line, col, what = explained
            return Problem(display, line, col, "", what)
    return Problem(display, line, col, "", f"YAML syntax error: {what}", hint)


def _document(node: yaml.Node, display: str, marks: bool) -> tuple[Document | None, list[Problem]]:
    """The record's data from its node: without ``marks``, the plain fast walk where it can."""
    if not marks:
        try:
            data = _plain(node, 0, set())
            if isinstance(data, dict):
                return Document(display, data, {}), []
        except _Unusual:
            pass  # the marked walk below finds the same problem and says where it is
    doc = Document(display, None)
    try:
        doc.data = _build(node, (), doc, set())
    except _Reject as exc:
        line, col = _pos(exc.node) if exc.node is not None else (1, 1)
        return None, [Problem(display, line, col, dotted(exc.loc), exc.message)]
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        return None, [Problem(display, 1, 1, "", f"holds {kind}; a record must be a mapping of fields (key: value)")]
    return doc, []


# What PyYAML says when a key stands deeper or shallower than the keys around it allow.
_DEPTH_PROBLEMS = ("mapping values are not allowed", "did not find expected key", "did not find expected '-'")


class _Unusual(Exception):
    """Something the plain walk leaves to the marked one, which explains it."""


_ScalarNode, _MappingNode, _SequenceNode = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode


def _plain(node: yaml.Node, depth: int, seen: set[int]) -> Any:
    """``_build`` without the marks, for the common case of a valid file: about half the time."""
    if id(node) in seen or depth > MAX_DEPTH or node.tag not in _PLAIN_TAGS:
        raise _Unusual
    seen.add(id(node))
    if len(seen) > MAX_NODES:
        raise _Unusual
    kind = node.__class__
    if kind is _ScalarNode:
        return node.value if node.tag == _STR else _construct(node)
    if kind is _MappingNode:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not _ScalarNode or key_node.tag not in _PLAIN_TAGS:
                raise _Unusual
            key = key_node.value
            if key in result:
                raise _Unusual
            result[key] = _plain(value_node, depth + 1, seen)
        return result
    if kind is _SequenceNode:
        return [_plain(item, depth + 1, seen) for item in node.value]
    raise _Unusual


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _build(node: yaml.Node, loc: FieldPath, doc: Document, seen: set[int]) -> Any:
    # An alias re-uses a node; records never need one and it is how "billion laughs" works.
    if id(node) in seen:
        raise _Reject(node, "YAML anchors and aliases (&, *) are not allowed in records; write the value out")
    seen.add(id(node))
    if len(seen) > MAX_NODES:
        raise _Reject(node, f"has more than {MAX_NODES:,} values; a record is much smaller")
    if len(loc) > MAX_DEPTH:
        raise _Reject(node, f"nests deeper than {MAX_DEPTH} levels; a record is much flatter", loc)
    if node.tag not in _PLAIN_TAGS:
        raise _Reject(node, f"the YAML tag {node.tag} is not allowed in records", loc)
    if isinstance(node, yaml.MappingNode):
        if not loc:
            doc.marks[()] = _pos(node)  # a missing top-level field points at the record's start
        result: dict[str, Any] = {}
        for index, (key_node, value_node) in enumerate(node.value):
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Reject(key_node, "YAML merge keys (<<) are not allowed in records")
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Reject(key_node, "a field name must be plain text")
            key = str(key_node.value)
            if key in result:
                line, _ = doc.marks[(*loc, key)]
                _nested_too_deep(node, index, key, loc, doc)
                raise _Reject(
                    key_node,
                    f"is given twice (first on line {line}); YAML would silently keep only the last",
                    (*loc, key),
                )
            doc.marks[(*loc, key)] = _pos(key_node)
            result[key] = _build(value_node, (*loc, key), doc, seen)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            doc.marks[(*loc, index)] = _pos(item)
            items.append(_build(item, (*loc, index), doc, seen))
        return items
    if node.tag == _STR:
        return node.value
    return _construct(node)


def _nested_too_deep(node: yaml.MappingNode, index: int, key: str, loc: FieldPath, doc: Document) -> None:
    """A key given twice because an empty key above it was indented one level too deep (an
    indicator under the previous indicator): name that key, on its own line, and its right depth."""
    keys = [k.value for k, _ in node.value]
    first = keys.index(key)
    for k, v in reversed(node.value[first + 1 : index]):
        if v.tag.endswith(":null") and v.value == "" and loc:
            parent = str(loc[-1])
            depth = doc.marks[loc][1] - 1
            raise _Reject(
                k,
                f"'{k.value}' has nothing under it, so the fields below it count as fields of '{parent}' and "
                f"'{key}' is given twice: indent '{k.value}' {depth} spaces, like '{parent}', if it stands beside it",
                (*loc, str(k.value)),
            )


_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
_SCALARS = yaml.SafeLoader("")


def _construct(node: yaml.Node) -> Any:
    # The tag's constructor itself, not construct_object: that one remembers every node it has
    # seen, so a long-lived loader would grow with every rebuild under `mkdocs serve`.
    value = _SCALARS.yaml_constructors[node.tag](_SCALARS, node)
    if node.tag.endswith(":timestamp"):
        return str(node.value)  # dates stay as written; the clock and time zones never enter
    return value
