"""build_scripts/runtime/stdlib_split.py: which side of the split each archive entry goes to,
module by module."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from build_scripts.runtime import stdlib_split


@pytest.mark.parametrize(("entry", "folders"), [
    ("asyncio/tasks.pyc", ["asyncio/"]),
    ("asyncio/", []),
    ("xml/dom/minidom.pyc", ["xml/", "xml/dom/"]),
    ("xml/dom/", ["xml/"]),
    ("typing.pyc", []),
    ("LICENSE.txt", []),
    ("_sysconfigdata__emscripten_wasm32-emscripten.pyc", []),
])
def test_parents(entry: str, folders: list[str]) -> None:
    assert stdlib_split.parents(entry) == folders


def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for i, (name, data) in enumerate(entries.items()):
            zf.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED if i % 2 else zipfile.ZIP_STORED)
    return path


ENTRIES = {
    "json/": b"", "email/": b"", "email/mime/": b"", "encodings/": b"",
    "json/__init__.pyc": b"j", "json/decoder.pyc": b"jd", "json/tool.pyc": b"jt",
    "email/__init__.pyc": b"e", "email/mime/text.pyc": b"emt", "typing.pyc": b"t" * 500, "pydoc.pyc": b"p",
    "encodings/__init__.pyc": b"enc", "encodings/utf_8.pyc": b"u8", "encodings/cp1252.pyc": b"c",
    "site.pyc": b"s", "README.txt": b"r",
}


def test_split_is_module_by_module_with_entries_unchanged(tmp_path: Path) -> None:
    full = _zip(tmp_path / "full.zip", ENTRIES)
    first, records, rest = tmp_path / "first.zip", tmp_path / "records.zip", tmp_path / "rest.zip"
    questions = ["json/__init__.pyc", "json/decoder.pyc", "typing.pyc", "no_such_module.pyc"]
    for_records = ["email/__init__.pyc", "typing.pyc"]  # typing: already in the first part
    counts = stdlib_split.split(full, [questions, for_records], [first, records], rest)
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(records) as r, zipfile.ZipFile(rest) as b, \
            zipfile.ZipFile(full) as src:
        # json is split: the modules used start Python, json.tool comes later. encodings'
        # __init__ and utf_8 are always there; cp1252 is not. Nothing from the frozen
        # start-up modules (site) is taken unless the trace saw it.
        assert sorted(a.namelist()) == sorted([
            "json/", "encodings/", "json/__init__.pyc", "json/decoder.pyc", "typing.pyc",
            "encodings/__init__.pyc", "encodings/utf_8.pyc"])
        assert sorted(r.namelist()) == ["email/", "email/__init__.pyc"]
        assert sorted(b.namelist()) == sorted([
            "json/", "email/", "email/mime/", "encodings/", "json/tool.pyc", "email/mime/text.pyc", "pydoc.pyc",
            "encodings/cp1252.pyc", "site.pyc", "README.txt"])
        assert counts == [5, 1, 6]
        for zf in (a, r, b):
            assert zf.testzip() is None  # every entry readable where the directory says
            for info in zf.infolist():
                assert zf.read(info) == ENTRIES[info.filename]
                assert info.compress_type == src.getinfo(info.filename).compress_type


def test_split_of_nothing_used_keeps_only_the_essentials(tmp_path: Path) -> None:
    full = _zip(tmp_path / "full.zip", {"email/__init__.pyc": b"e", "encodings/__init__.pyc": b"enc"})
    counts = stdlib_split.split(full, [[]], [tmp_path / "a.zip"], tmp_path / "b.zip")
    assert counts == [1, 1]


def test_one_list_of_used_files_per_part(tmp_path: Path) -> None:
    full = _zip(tmp_path / "full.zip", ENTRIES)
    with pytest.raises(ValueError, match="one list"):
        stdlib_split.split(full, [[], []], [tmp_path / "a.zip"], tmp_path / "b.zip")


def test_used_parts_come_from_the_lean_copy(tmp_path: Path) -> None:
    full = _zip(tmp_path / "full.zip", ENTRIES)
    lean = _zip(tmp_path / "lean.zip", {name: data.upper() for name, data in ENTRIES.items()})
    first, records, rest = tmp_path / "first.zip", tmp_path / "records.zip", tmp_path / "rest.zip"
    stdlib_split.split(full, [["typing.pyc"], ["pydoc.pyc"]], [first, records], rest, lean=lean)
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(records) as r, zipfile.ZipFile(rest) as b:
        assert a.read("typing.pyc") == b"T" * 500
        assert a.read("encodings/utf_8.pyc") == b"U8"
        assert r.read("pydoc.pyc") == b"P"
        assert b.read("site.pyc") == b"s"


def test_a_lean_copy_with_other_entries_is_refused(tmp_path: Path) -> None:
    full = _zip(tmp_path / "full.zip", ENTRIES)
    lean = _zip(tmp_path / "lean.zip", {"typing.pyc": b"t"})
    with pytest.raises(ValueError, match="same entries"):
        stdlib_split.split(full, [["typing.pyc"]], [tmp_path / "a.zip"], tmp_path / "b.zip", lean=lean)


@pytest.mark.parametrize(("names", "used", "expected"), [
    (["a.pyc", "b.pyc"], [["a.pyc"], ["a.pyc", "b.pyc"]], {"a.pyc": 0, "b.pyc": 1}),  # first part wins
    (["a.pyc", "x/"], [["a.pyc"]], {"a.pyc": 0}),  # folders are not assigned
    (["encodings/ascii.pyc", "c.pyc"], [[], []], {"encodings/ascii.pyc": 0, "c.pyc": 2}),  # ALWAYS, rest
    ([], [["a.pyc"]], {}),
])
def test_assign(names: list[str], used: list[list[str]], expected: dict[str, int]) -> None:
    assert stdlib_split.assign(names, used) == expected
