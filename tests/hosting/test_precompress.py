"""The build's precompressed copies: which files get them, that they decode to the file,
that the same input gives the same bytes, and the build option's values."""

from __future__ import annotations

import gzip
import io
import os
import random
import zipfile
from pathlib import Path

import brotli
import pytest

from build_scripts.site import precompress

TEXT = ("<p>Information sharing is vital to safeguarding and promoting the welfare of children.</p>\n" * 200)


def _zip(method: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=method) as zf:
        for number in range(20):
            # Each module different: deflated one by one, nothing is left to compress.
            zf.writestr(f"module{number}.pyc", random.Random(number).randbytes(2000).hex())  # noqa: S311
    return out.getvalue()


def make_site(root: Path) -> Path:
    site = root / "site"
    files = {
        "index.html": TEXT.encode(),
        "assets/site.css": TEXT.encode(),
        "helper/worker.mjs": TEXT.encode(),
        "helper/runtime/k/pyodide.asm.wasm": b"\0asm\1\0\0\0" + bytes(50_000),
        "search/search_index.json": TEXT.encode(),
        "tiny.js": b"x=1",  # under MIN_SIZE
        "random.js": random.Random(1).randbytes(4000),  # noqa: S311  (not secret: it must not compress)
        # A zip with its entries stored compresses; one with its entries deflated does not;
        # a wheel never gets copies, whatever it holds.
        "helper/runtime/k/python_stdlib.zip": _zip(zipfile.ZIP_STORED),
        "helper/runtime/k/python_stdlib_more.zip": _zip(zipfile.ZIP_DEFLATED),
        "helper/runtime/k/infoshare-1.0-py3-none-any.whl": TEXT.encode(),
        "favicon.png": TEXT.encode(),
        "notes.map": TEXT.encode(),
    }
    for name, data in files.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return site


def test_which_files_get_copies(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    written = precompress.precompress_site(site, tmp_path / "cache")
    assert sorted(w.path.as_posix() for w in written) == [
        "assets/site.css", "helper/runtime/k/pyodide.asm.wasm", "helper/runtime/k/python_stdlib.zip",
        "helper/worker.mjs", "index.html", "search/search_index.json",
    ]
    for name in ("tiny.js", "random.js", "helper/runtime/k/python_stdlib_more.zip",
                 "helper/runtime/k/infoshare-1.0-py3-none-any.whl", "favicon.png", "notes.map"):
        assert not (site / (name + ".gz")).exists(), name
        assert not (site / (name + ".br")).exists(), name
    for w in written:
        original = (site / w.path).read_bytes()
        assert gzip.decompress((site / (w.path.as_posix() + ".gz")).read_bytes()) == original
        assert brotli.decompress((site / (w.path.as_posix() + ".br")).read_bytes()) == original
        assert set(w.copies) == {".gz", ".br"}


def test_same_input_same_bytes_with_or_without_the_cache(tmp_path: Path) -> None:
    first = make_site(tmp_path / "a")
    second = make_site(tmp_path / "b")
    precompress.precompress_site(first, tmp_path / "cache-a")
    os.utime(second / "index.html", (1, 1))  # another time stamp must change nothing
    precompress.precompress_site(second, tmp_path / "cache-b")
    precompress.precompress_site(second, tmp_path / "cache-b")  # from the cache
    for copy in sorted(first.rglob("*.gz")) + sorted(first.rglob("*.br")):
        assert copy.read_bytes() == (second / copy.relative_to(first)).read_bytes(), copy
    header = (first / "index.html.gz").read_bytes()[:10]
    assert header[4:8] == b"\0\0\0\0"  # no time in the gzip header
    assert header[3] & 0x08 == 0  # no file name


def test_a_stale_copy_is_removed(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    (site / "random.js.gz").write_bytes(b"stale")
    precompress.precompress_site(site, tmp_path / "cache")
    assert not (site / "random.js.gz").exists()


@pytest.mark.parametrize(("value", "expected"), [
    (None, False), (False, False), (True, True), (0, False), (1, True),
])
def test_option_values(value: object, expected: bool) -> None:
    assert precompress.option(value) is expected


@pytest.mark.parametrize("value", ["yes", "", 2, [True], "true "])
def test_option_refuses_anything_else(value: object) -> None:
    with pytest.raises(precompress.PrecompressOptionError, match="PRECOMPRESS"):
        precompress.option(value)
