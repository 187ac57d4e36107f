"""Pagefind's output made reproducible: the same pages give the same bytes.

Pagefind 1.5 writes its filter lists in hash-map order, which changes from run to run, and names
the filter and meta files after their content (Pagefind issue #638). The index chunks and
fragments are already stable. So the filter lists are sorted, each file renamed after its new
content, and the meta file and `pagefind-entry.json` point to the new names. The files are gzip
streams of `pagefind_dcd` + CBOR; only the few CBOR types Pagefind writes are read. A build test
(two builds, byte-identical) and the browser tests of filtering guard this against a new Pagefind,
which the constraints pin.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"
# Pagefind's own interfaces; our worker uses only pagefind.js and what it loads.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


class FormatError(ValueError):
    """A Pagefind file is not in the format this module knows."""


def _decode(data: bytes, at: int) -> tuple[Any, int]:
    head = data[at]
    major, info = head >> 5, head & 31
    at += 1
    if info < 24:
        n = info
    elif info <= 27:
        size = 1 << (info - 24)
        n, at = int.from_bytes(data[at : at + size], "big"), at + size
    else:
        raise FormatError(f"CBOR item {head:#x} (indefinite length) at byte {at - 1}")
    if major == 0:
        return n, at
    if major == 1:
        return -1 - n, at
    if major == 2:
        return bytes(data[at : at + n]), at + n
    if major == 3:
        return data[at : at + n].decode("utf-8"), at + n
    if major == 4:
        items = []
        for _ in range(n):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    if major == 7 and info in (20, 21, 22):
        return {20: False, 21: True, 22: None}[info], at
    raise FormatError(f"CBOR item {head:#x} at byte {at - 1}")


def _head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([major << 5 | info]) + n.to_bytes(size, "big")
    raise FormatError(f"integer {n} is too large")


def _encode(value: Any) -> bytes:
    if isinstance(value, bool) or value is None:
        return bytes([{False: 0xF4, True: 0xF5, None: 0xF6}[value]])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(item) for item in value)
    raise FormatError(f"cannot encode {type(value).__name__}")


def read(path: Path) -> Any:
    """The CBOR value in a Pagefind file."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise FormatError(f"{path.name} does not start with {SIGNATURE!r}")
    value, end = _decode(data, len(SIGNATURE))
    if end != len(data):
        raise FormatError(f"{path.name} has {len(data) - end} bytes after its value")
    return value


def pack(value: Any) -> bytes:
    """A Pagefind file's bytes for ``value``; the same value, the same bytes."""
    return gzip.compress(SIGNATURE + _encode(value), mtime=0)


def _write(folder: Path, prefix: str, stem: str, suffix: str, value: Any, digits: int) -> str:
    """Write ``value`` as ``folder/prefix + stem_<hash> + suffix``; the new stem."""
    packed = pack(value)
    lang = stem.split("_", 1)[0]
    name = f"{lang}_{hashlib.sha256(packed).hexdigest()[:digits]}"
    (folder / f"{prefix}{name}{suffix}").write_bytes(packed)
    return name


def canonicalize(bundle: Path) -> None:
    """Rewrite the Pagefind bundle folder ``bundle`` so its bytes depend only on the pages."""
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for info in entry["languages"].values():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = read(meta_path)
        # [version, pages, index chunks, filter files [[name, hash]], sorts, meta fields]
        if not (isinstance(meta, list) and len(meta) >= 4 and isinstance(meta[3], list)):
            raise FormatError(f"{meta_path.name} is not a Pagefind 1.5 meta file")
        filters = []
        for name, stem in meta[3]:
            path = bundle / "filter" / f"{stem}.pf_filter"
            filter_name, values = read(path)
            path.unlink()
            values = sorted(values, key=lambda pair: pair[0])  # [[value, [page numbers]]]
            filters.append([name, _write(path.parent, "", stem, ".pf_filter", [filter_name, values], 7)])
        meta[3] = sorted(filters)
        meta_path.unlink()
        info["hash"] = _write(bundle, "pagefind.", info["hash"], ".pf_meta", meta, 10)
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
