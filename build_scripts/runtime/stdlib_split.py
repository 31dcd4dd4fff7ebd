"""Split the compiled standard library in two: the part the helper uses, which Python
starts from, and the rest, which the page adds to Python's path once the helper is ready.

The helper imports about a third of the standard library (measured at build time by
pyodide_trace.mjs, which drives every operation of the page's bridge). Python starts
from that part alone, so the download the practitioner waits for shrinks by a few
megabytes; the rest follows in the background, so any module the helper might still
need later is there.

A top-level package goes wholly to one side: a package's submodules are searched for
only where the package itself was found.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

# Always in the first part, whatever the trace saw: codecs are looked up by name at
# run time, and the rest are frozen into the interpreter but kept as a fallback.
ALWAYS = frozenset({
    "encodings", "site", "os", "abc", "codecs", "io", "stat", "posixpath", "genericpath",
    "ntpath", "_collections_abc", "_sitebuiltins", "runpy", "zipimport", "importlib",
})


def top_name(entry: str) -> str:
    """The top-level package or module an archive entry belongs to: "asyncio/tasks.pyc"
    and "asyncio/" give "asyncio", "typing.pyc" gives "typing"."""
    first = entry.split("/", 1)[0]
    return first.removesuffix(".pyc") if "/" not in entry else first


def split(full: Path, used: Iterable[str], first: Path, rest: Path) -> tuple[int, int]:
    """Write `full`'s entries to `first` (top-level names in `used`, and ALWAYS) or to
    `rest`, each entry unchanged. Returns the number of entries in each."""
    keep = set(used) | ALWAYS
    counts = [0, 0]
    with zipfile.ZipFile(full) as src, zipfile.ZipFile(first, "w") as a, zipfile.ZipFile(rest, "w") as b:
        for info in src.infolist():
            side = 0 if top_name(info.filename) in keep else 1
            (a, b)[side].writestr(info, src.read(info))
            counts[side] += 1
    return counts[0], counts[1]
