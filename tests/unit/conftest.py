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
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"
NOW = "2026-11-25T14:03:00+00:00"


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
