"""Compare two built site folders file by file, ignoring nothing.

    python -m build_scripts.dev.compare_sites OLD NEW [--diff N]

Prints every file only in one folder, every file whose bytes differ (with its size in
each and, for text, the first N lines of a unified diff; for .gz and .br copies, whether
what they decompress to differs too), and a count of identical files. Exit 0 when the
folders are identical, 1 when anything differs. Used to show that a change to the build
changes the built site only where it means to.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import sys
from pathlib import Path

import brotli  # type: ignore[import-untyped]  # the build's own dependency; no type stubs

_TEXT = (".html", ".css", ".js", ".mjs", ".json", ".xml", ".txt", ".md", ".svg", ".map")


def files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() or p.is_symlink()}


def decompressed(path: Path) -> bytes | None:
    data = path.read_bytes()
    if path.suffix == ".gz":
        return gzip.decompress(data)
    if path.suffix == ".br":
        return bytes(brotli.decompress(data))
    return None


def describe(old: Path, new: Path, name: str, lines: int) -> list[str]:
    a, b = old / name, new / name
    out = [f"differs: {name} ({a.stat().st_size} -> {b.stat().st_size} bytes)"]
    if name.endswith((".gz", ".br")):
        same = decompressed(a) == decompressed(b)
        out.append("  decompressed: " + ("identical (only the compression differs)" if same else "different"))
    elif name.endswith(_TEXT) and lines:
        diff = difflib.unified_diff(a.read_text(encoding="utf-8", errors="replace").splitlines(),
                                    b.read_text(encoding="utf-8", errors="replace").splitlines(),
                                    f"old/{name}", f"new/{name}", n=0, lineterm="")
        out.extend("  " + line[:300] for line in list(diff)[:lines])
    return out


def compare(old: Path, new: Path, *, lines: int = 20) -> list[str]:
    """Every difference between the two folders, one report line (or block) each."""
    left, right = files(old), files(new)
    report = [f"only in old: {name}" for name in sorted(left - right)]
    report += [f"only in new: {name}" for name in sorted(right - left)]
    for name in sorted(left & right):
        if (old / name).read_bytes() != (new / name).read_bytes():
            report.extend(describe(old, new, name, lines))
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--diff", type=int, default=20, help="lines of diff to show per text file (0: none)")
    args = parser.parse_args(argv)
    for folder in (args.old, args.new):
        if not folder.is_dir():
            parser.error(f"{folder} is not a folder")
    report = compare(args.old, args.new, lines=args.diff)
    common = len(files(args.old) & files(args.new))
    differing = sum(1 for line in report if line.startswith("differs: "))
    print("\n".join(report))
    print(f"{common - differing} identical, {differing} differ, "
          f"{sum(1 for line in report if line.startswith('only in'))} in one folder only")
    return 1 if report else 0


if __name__ == "__main__":
    sys.exit(main())
