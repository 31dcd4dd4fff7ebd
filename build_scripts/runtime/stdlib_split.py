"""Split the compiled standard library in parts, module by module: the modules the
helper's questions use, which Python starts from; the modules only making or reading a
record uses, which the page adds right after "ready"; and the rest, added after them.

pyodide_trace.mjs drives every operation the page calls on the helper's bridge and lists
each standard-library module imported, stage by stage, as its file in the archive
("json/decoder.pyc", "typing.pyc"). Python starts from the first part alone
(python_stdlib.zip); the record modules (python_stdlib_records.zip) come with Jinja2, which
records need too; everything else (python_stdlib_more.zip) follows in the background, so a
module the helper might still need later is there.

The parts the helper uses are taken from a copy of the stdlib compiled without docstrings
(about 15% smaller; asserts stay, unlike -OO): nothing the helper runs reads a docstring,
and the parity tests prove its outputs byte for byte the same as on CPython. The rest keeps
them.

A package may be split between parts: "encodings/__init__.pyc" and the codecs the helper
uses start Python, the other codecs come later. Python looks for a package's submodules
only where the package itself was found, so when a later part is added the page also
installs a finder that looks for a missing submodule in the other parts (runtime_wheels.mjs,
mountStdlib).
"""

from __future__ import annotations

import copy
import posixpath
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

# Always in the first part, whatever the trace saw: Python cannot start without the
# codec machinery, and any text handling may look up these three codecs by name. (The
# other modules Python starts with, os, site, codecs, io and the like, are frozen into
# the interpreter and never read from the zip: the trace does not see them, and they go
# to the rest.)
ALWAYS = frozenset({
    "encodings/__init__.pyc", "encodings/aliases.pyc", "encodings/utf_8.pyc", "encodings/ascii.pyc",
    "encodings/latin_1.pyc",
})


def parents(entry: str) -> list[str]:
    """The folder entries an archive entry sits in: "xml/dom/minidom.pyc" gives
    ["xml/", "xml/dom/"]; "typing.pyc" gives []."""
    folders = []
    folder = posixpath.dirname(entry.rstrip("/"))
    while folder:
        folders.append(folder + "/")
        folder = posixpath.dirname(folder)
    return folders[::-1]


def assign(names: Iterable[str], used: Sequence[Iterable[str]]) -> dict[str, int]:
    """Which part each of an archive's files goes to: the first part whose list of used
    files holds it (ALWAYS counts as used by the first), else the rest (len(used)).
    Folder entries are not assigned: a folder goes to every part holding a file in it."""
    wanted = [set(part) for part in used]
    if wanted:
        wanted[0] |= ALWAYS
    return {name: next((i for i, part in enumerate(wanted) if name in part), len(wanted))
            for name in names if not name.endswith("/")}


def split(full: Path, used: Sequence[Iterable[str]], parts: Sequence[Path], rest: Path, *,
          lean: Path | None = None) -> list[int]:
    """Write `full`'s files to `parts[i]` (assign) or to `rest`, each entry unchanged but
    for this: with `lean` (the same archive compiled without docstrings, entry for entry),
    the files of `parts` are taken from it instead. A folder entry goes to each archive
    that holds a file in it. Returns the number of files in each part, then the rest."""
    if len(used) != len(parts):
        raise ValueError("one list of used files per part")
    with zipfile.ZipFile(full) as src, zipfile.ZipFile(lean or full) as slim:
        infos = src.infolist()
        if lean is not None and sorted(slim.namelist()) != sorted(src.namelist()):
            raise ValueError(f"{lean} does not hold the same entries as {full}")
        side = assign((i.filename for i in infos), used)
        folders: list[set[str]] = [set() for _ in range(len(parts) + 1)]
        for name, where in side.items():
            folders[where].update(parents(name))
        counts = [0] * (len(parts) + 1)
        outputs = [zipfile.ZipFile(path, "w") for path in (*parts, rest)]
        try:
            for info in infos:
                if info.is_dir():
                    data = src.read(info)
                    for out, inside in zip(outputs, folders, strict=True):
                        if info.filename in inside:
                            # A copy for each archive: writing records its offset in the ZipInfo.
                            out.writestr(copy.copy(info), data)
                    continue
                where = side[info.filename]
                if where < len(parts):
                    outputs[where].writestr(slim.getinfo(info.filename), slim.read(info.filename))
                else:
                    outputs[where].writestr(info, src.read(info))
                counts[where] += 1
        finally:
            for out in outputs:
                out.close()
    return counts
