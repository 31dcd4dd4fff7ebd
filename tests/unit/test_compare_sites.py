"""build_scripts/dev/compare_sites.py: every difference between two built folders is reported,
and only identical folders compare equal."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli  # type: ignore[import-untyped]

from build_scripts.dev import compare_sites


def folder(root: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


BASE = {"index.html": b"<p>a</p>\n", "rules/4/index.html": b"<p>rule</p>\n", "a.css": b"x{}",
        "a.css.gz": gzip.compress(b"x{}", mtime=0), "a.css.br": brotli.compress(b"x{}")}


def test_identical_folders(tmp_path: Path) -> None:
    old, new = folder(tmp_path / "old", BASE), folder(tmp_path / "new", BASE)
    assert compare_sites.compare(old, new) == []
    assert compare_sites.main([str(old), str(new)]) == 0


def test_every_kind_of_difference(tmp_path: Path) -> None:
    old = folder(tmp_path / "old", {**BASE, "gone.js": b"1"})
    new = folder(tmp_path / "new", {**BASE, "rules/4/index.html": b"<p>rule, changed</p>\n", "added.js": b"2",
                                    "a.css.gz": gzip.compress(b"x{}", compresslevel=1, mtime=0),
                                    "a.css.br": brotli.compress(b"y{}")})
    report = compare_sites.compare(old, new)
    assert "only in old: gone.js" in report and "only in new: added.js" in report
    assert "differs: rules/4/index.html (12 -> 21 bytes)" in report
    assert "  +<p>rule, changed</p>" in report
    gz = report.index(next(line for line in report if line.startswith("differs: a.css.gz")))
    assert report[gz + 1] == "  decompressed: identical (only the compression differs)"
    br = report.index(next(line for line in report if line.startswith("differs: a.css.br")))
    assert report[br + 1] == "  decompressed: different"
    assert compare_sites.main([str(old), str(new), "--diff", "0"]) == 1


def test_a_change_in_a_binary_file_or_an_empty_file(tmp_path: Path) -> None:
    old = folder(tmp_path / "old", {"x.wasm": b"\x00asm\x01", "empty.txt": b""})
    new = folder(tmp_path / "new", {"x.wasm": b"\x00asm\x02", "empty.txt": b" "})
    assert [line for line in compare_sites.compare(old, new) if line.startswith("differs")] == [
        "differs: empty.txt (0 -> 1 bytes)", "differs: x.wasm (5 -> 5 bytes)"]
