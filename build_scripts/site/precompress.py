"""Precompressed copies of the built site's files, for servers that send them as they are.

With PRECOMPRESS=true (on for `make build`; see mkdocs.yml's `extra.precompress`) the
build writes `<file>.gz` (gzip level 9) and `<file>.br` (Brotli quality 11) beside every
file that compresses well, so a server such as nginx (`gzip_static`, `brotli_static`)
sends the small copy without compressing on every request, and at a strength no server
would spend on the fly. The helper's WebAssembly (`pyodide.asm.wasm`) is the file that
matters: 9.6 MB raw, about 3.5 MB as gzip and 2.7 MB as Brotli.

Not compressed: archives that are already deflated (the wheels, `.whl`, and any `.zip`
whose entries are: gzip saves under 2%), images, source maps (only developer tools read
them), and anything a copy would not make at least 5% smaller. The helper's standard
library zips are shipped with their entries stored when copies are made, so that Brotli
compresses each archive whole: about a third smaller than deflating module by module. The output is deterministic: the gzip header carries no name and no
time, so the same site gives the same bytes.

Brotli at quality 11 is slow (over 20 s for the WebAssembly), so each copy is kept in
`.cache/precompressed/`, named by the SHA-256 of what it compresses.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import brotli  # type: ignore[import-untyped]

log = logging.getLogger("mkdocs.hooks.precompress")

# What benefits: text, WebAssembly, and the helper's standard library zips, which a
# precompressed build ships with their entries stored (build_scripts/runtime/build.py,
# ship()). A zip whose entries are deflated gains under 2% and so gets no copy (MIN_SAVING).
# The search index is search/search_index.json.
SUFFIXES = frozenset({".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".wasm", ".zip"})
TEXT_SUFFIXES = SUFFIXES - {".wasm", ".zip"}
ENCODINGS = (".gz", ".br")
MIN_SAVING = 0.05  # a copy must be at least 5% smaller than the file, or it is not written
MIN_SIZE = 256  # bytes; smaller files fit in one packet either way

OPTION = "extra.precompress"


class PrecompressOptionError(ValueError):
    pass


def option(value: object) -> bool:
    """The build option's value: true/false (mkdocs.yml reads it from PRECOMPRESS)."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in {0, 1}:
        return bool(value)
    raise PrecompressOptionError(
        f"{OPTION} (the PRECOMPRESS environment variable) must be true or false, not {value!r}"
    )


def _gzip(data: bytes, suffix: str) -> bytes:
    del suffix
    return gzip.compress(data, compresslevel=9, mtime=0)


def _brotli(data: bytes, suffix: str) -> bytes:
    mode = brotli.MODE_TEXT if suffix in TEXT_SUFFIXES else brotli.MODE_GENERIC
    return bytes(brotli.compress(data, mode=mode, quality=11))


_COMPRESSORS: dict[str, Callable[[bytes, str], bytes]] = {".gz": _gzip, ".br": _brotli}


@dataclass(frozen=True)
class Written:
    path: Path  # the original, relative to the site
    size: int
    copies: dict[str, int]  # ".gz" / ".br" -> size of the copy written


def wanted(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES and path.stat().st_size >= MIN_SIZE


def _cached(cache: Path, data: bytes, suffix: str, encoding: str) -> bytes:
    key = hashlib.sha256(data).hexdigest()
    stored = cache / f"{key}{suffix}{encoding}"
    if stored.is_file():
        return stored.read_bytes()
    packed = _COMPRESSORS[encoding](data, suffix)
    cache.mkdir(parents=True, exist_ok=True)
    # Written aside and renamed, so an interrupted build never leaves half a copy.
    with tempfile.NamedTemporaryFile(dir=cache, delete=False) as tmp:
        tmp.write(packed)
    Path(tmp.name).replace(stored)
    return packed


def precompress_site(site_dir: Path, cache: Path) -> list[Written]:
    """Write .gz and .br copies beside every file that benefits; returns what was written."""
    written = []
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        if not wanted(path):
            continue
        data = path.read_bytes()
        copies: dict[str, int] = {}
        for encoding in ENCODINGS:
            target = path.with_name(path.name + encoding)
            packed = _cached(cache, data, path.suffix.lower(), encoding)
            if len(packed) <= len(data) * (1 - MIN_SAVING):
                target.write_bytes(packed)
                os.utime(target, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns))
                copies[encoding] = len(packed)
            elif target.exists():
                target.unlink()  # a stale copy of an earlier file would be served instead
        if copies:
            written.append(Written(path.relative_to(site_dir), len(data), copies))
    return written


def summary(written: list[Written]) -> str:
    raw = sum(w.size for w in written)
    gz = sum(w.copies.get(".gz", w.size) for w in written)
    br = sum(w.copies.get(".br", w.copies.get(".gz", w.size)) for w in written)
    return (f"precompressed {len(written)} files: {raw:,} bytes, {gz:,} as gzip, {br:,} as Brotli "
            f"(where a client accepts it, else gzip)")
