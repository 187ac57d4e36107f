"""Pagefind's output made reproducible: the same pages give the same bytes.

Pagefind 1.5 writes its filter lists in hash-map order, which changes from run to run, and names
the filter and meta files after their content (Pagefind issue #638). The index chunks and
fragments are already stable. So the filter lists are sorted, each file renamed after its new
content, and the meta file and `pagefind-entry.json` point to the new names. The files are gzip
streams of `pagefind_dcd` + CBOR (read and written by cbor2, whose shortest-form encoding gives
back Pagefind's own bytes: checked on every meta and filter file of a build). A build test
(two builds, byte-identical) and the browser tests of filtering guard this against a new Pagefind,
which the constraints pin.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from pathlib import Path
from typing import Any

import cbor2

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


def read(path: Path) -> Any:
    """The CBOR value in a Pagefind file."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise FormatError(f"{path.name} does not start with {SIGNATURE!r}")
    stream = io.BytesIO(data[len(SIGNATURE) :])
    try:
        value = cbor2.CBORDecoder(stream).decode()
    except cbor2.CBORDecodeError as exc:
        raise FormatError(f"{path.name}: {exc}") from None
    if stream.tell() != len(stream.getbuffer()):
        raise FormatError(f"{path.name} has {len(stream.getbuffer()) - stream.tell()} bytes after its value")
    return value


def pack(value: Any) -> bytes:
    """A Pagefind file's bytes for ``value``; the same value, the same bytes."""
    return gzip.compress(SIGNATURE + cbor2.dumps(value), mtime=0)


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
