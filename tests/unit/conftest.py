"""Shared helpers for the unit tests."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "cases"
GOLDEN = ROOT / "tests" / "golden"
# Rewriting golden files is for a person reviewing an intended change, never for CI:
# a suite that rewrites its expectations and then passes has checked nothing.
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"
if UPDATE_GOLDEN and os.environ.get("CI"):
    raise pytest.UsageError("UPDATE_GOLDEN is refused when CI is set: golden files are "
                            "rewritten only by a person who then reviews the diff")
NOW = "2026-11-25T14:03:00+00:00"


# The parts of a record that change without its content changing: its digest and the
# digests of the versions it amends (tested directly, see test_digest.py) and the
# helper's version. Golden files hold these placeholders instead, so a version bump
# does not rewrite every golden file.
DIGEST_MARK = "<sha256>"
PREVIOUS_MARK = "<previous-sha256-{}>"
VERSION_MARK = "<helper-version>"
FORMATS = ("html", "md", "txt", "json")


def stable(outputs: dict[str, str], ext: str) -> str:
    """One of run_case's outputs with the record's own digest and version masked.

    The values masked are the record's exact ones, read from its JSON, so nothing
    else in the output can be hidden by the masking.
    """
    record = json.loads(outputs["json"])
    digest, version = record["sha256"], record["helper_version"]
    previous = [a["previous_sha256"] for a in record["amendments"] if a.get("previous_sha256")]
    if ext == "json":
        record["sha256"], record["helper_version"] = DIGEST_MARK, VERSION_MARK
        for n, entry in enumerate(record["amendments"], 1):
            if entry.get("previous_sha256"):
                entry["previous_sha256"] = PREVIOUS_MARK.format(n)
        return json.dumps(record, sort_keys=True, ensure_ascii=False, indent=2) + "\n"
    text = outputs[ext]
    for n, value in enumerate([digest, *previous]):
        assert text.count(value) == 1, f"the {ext} must show each digest exactly once"
        text = text.replace(value, PREVIOUS_MARK.format(n) if n else DIGEST_MARK)
    marked = f"infoshare-helper {version}"
    if ext == "md":
        from infoshare.textsafety import md_escape

        marked = md_escape(marked)
    assert text.count(marked) == 1, f"the {ext} must name the helper's version exactly once"
    return text.replace(marked, f"infoshare-helper {VERSION_MARK}")


def load_case(name: str) -> dict[str, Any]:
    case: dict[str, Any] = json.loads((CASES / f"{name}.json").read_text("utf-8"))
    return case


def case_names() -> list[str]:
    return sorted(p.stem for p in CASES.glob("*.json"))


@pytest.fixture
def example_answers() -> dict[str, Any]:
    from infoshare import example

    return dict(example.ANSWERS)


@pytest.fixture
def example_record() -> dict[str, Any]:
    from infoshare import example

    return example.record()
