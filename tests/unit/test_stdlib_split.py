"""build_scripts/runtime/stdlib_split.py: which side of the split each archive entry goes to."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from build_scripts.runtime import stdlib_split


@pytest.mark.parametrize(("entry", "top"), [
    ("asyncio/tasks.pyc", "asyncio"),
    ("asyncio/", "asyncio"),
    ("xml/dom/minidom.pyc", "xml"),
    ("typing.pyc", "typing"),
    ("_sysconfigdata__emscripten_wasm32-emscripten.pyc", "_sysconfigdata__emscripten_wasm32-emscripten"),
    ("pyc.pyc", "pyc"),
    ("LICENSE.txt", "LICENSE.txt"),
    ("pydoc_data/topics.pyc", "pydoc_data"),
])
def test_top_name(entry: str, top: str) -> None:
    assert stdlib_split.top_name(entry) == top


def test_split_keeps_packages_whole_and_entries_unchanged(tmp_path: Path) -> None:
    full = tmp_path / "full.zip"
    entries = {
        "json/__init__.pyc": b"j", "json/decoder.pyc": b"jd", "email/__init__.pyc": b"e",
        "email/mime/text.pyc": b"emt", "typing.pyc": b"t" * 500, "pydoc.pyc": b"p",
        "encodings/cp1252.pyc": b"c", "site.pyc": b"s", "json.pyc": b"odd",
    }
    with zipfile.ZipFile(full, "w") as zf:
        for i, (name, data) in enumerate(entries.items()):
            zf.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED if i % 2 else zipfile.ZIP_STORED)
    first, rest = tmp_path / "first.zip", tmp_path / "rest.zip"
    counts = stdlib_split.split(full, ["json", "typing", "no_such_module"], first, rest)
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(rest) as b, zipfile.ZipFile(full) as src:
        assert sorted(a.namelist()) == sorted([
            "json/__init__.pyc", "json/decoder.pyc", "typing.pyc", "json.pyc",
            "encodings/cp1252.pyc", "site.pyc"])  # encodings and site: always
        assert sorted(b.namelist()) == ["email/__init__.pyc", "email/mime/text.pyc", "pydoc.pyc"]
        assert counts == (6, 3)
        for zf in (a, b):
            for info in zf.infolist():
                assert zf.read(info) == entries[info.filename]
                assert info.compress_type == src.getinfo(info.filename).compress_type


def test_split_of_nothing_used_keeps_only_the_essentials(tmp_path: Path) -> None:
    full = tmp_path / "full.zip"
    with zipfile.ZipFile(full, "w") as zf:
        zf.writestr("email/__init__.pyc", b"e")
        zf.writestr("encodings/__init__.pyc", b"enc")
    counts = stdlib_split.split(full, [], tmp_path / "a.zip", tmp_path / "b.zip")
    assert counts == (1, 1)
