"""Golden files that hold what differs between cases.

The reference case's four outputs are kept whole (tests/golden/<reference>.<ext>). Every
other case keeps only how its output differs from the reference's, as a unified diff with
the line numbers left out of its hunk headers (tests/golden/<case>.<ext>.diff): a change to
a line every record shares then changes the reference's file alone, while a change to
anything a case shows differently changes that case's file. `rebuild` applies a
difference again, which is how the tests show that nothing is lost in the keeping.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from .conftest import GOLDEN

# A case that passes through most of the flow: consent, a lawful basis, what was shared.
REFERENCE = "share_with_consent"
CONTEXT = 2
_NO_NEWLINE = "\\ No newline at end of file"


def golden_path(name: str, ext: str) -> Path:
    return GOLDEN / (f"{name}.{ext}" if name == REFERENCE else f"{name}.{ext}.diff")


def difference(reference: str, produced: str) -> str:
    """How `produced` differs from `reference`, line by line ("" when they are the same)."""
    out: list[str] = []
    old, new = reference.splitlines(keepends=True), produced.splitlines(keepends=True)
    for line in difflib.unified_diff(old, new, n=CONTEXT):
        if line.startswith(("---", "+++")) and not out:
            continue  # the file names: there are none
        if line.startswith("@@"):
            line = "@@\n"  # numbers would change with every line added above
        if not line.endswith("\n"):
            line += "\n" + _NO_NEWLINE + "\n"
        out.append(line)
    return "".join(out)


def rebuild(reference: str, diff: str) -> str:
    """`produced` again from `reference` and `difference(reference, produced)`: each hunk
    is found by its context and removed lines, searching on from the previous hunk."""
    old = reference.splitlines(keepends=True)
    result: list[str] = []
    at = 0
    for hunk in _hunks(diff):
        before = [line[1:] for line in hunk if line[0] in " -"]
        after = [line[1:] for line in hunk if line[0] in " +"]
        start = _find(old, before, at)
        result += old[at:start] + after
        at = start + len(before)
    return "".join(result + old[at:])


def _hunks(diff: str) -> list[list[str]]:
    hunks: list[list[str]] = []
    for line in diff.splitlines(keepends=True):
        if line == "@@\n":
            hunks.append([])
        elif line.rstrip("\n") == _NO_NEWLINE:
            hunks[-1][-1] = hunks[-1][-1][:-1]  # the line before it had no newline
        else:
            hunks[-1].append(line)
    return hunks


def _find(lines: list[str], wanted: list[str], start: int) -> int:
    for i in range(start, len(lines) - len(wanted) + 1):
        if lines[i:i + len(wanted)] == wanted:
            return i
    raise AssertionError(f"a hunk of the difference is not in the reference: {wanted[:3]}")
