"""Shared by the Pyodide tests: the built runtime, the cases, the case function."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from build_scripts.runtime import build as runtime  # noqa: E402
from tests.conftest import require_tool  # noqa: E402

CASES_DIR = ROOT / "tests" / "cases"
# The package's pure case function, first match wins: module:function.
ENTRIES = ("infoshare.casework:run_case",)


@pytest.fixture(scope="session")
def built() -> runtime.RuntimeBuild:
    require_tool("node", "the runtime is built, and these tests run, under Node")
    return runtime.build_runtime(ROOT)


@pytest.fixture(scope="session")
def cases() -> dict[str, dict[str, Any]]:
    files = sorted(CASES_DIR.glob("*.json"))
    if not files:
        pytest.fail(f"no cases in {CASES_DIR}: the Pyodide comparison needs tests/cases/*.json", pytrace=False)
    return {f.stem: json.loads(f.read_text(encoding="utf-8")) for f in files}


@pytest.fixture(scope="session")
def entry() -> str:
    """The case function, imported on CPython from helper/src (editable install or not)."""
    src = str(ROOT / "helper" / "src")
    if src not in sys.path:
        sys.path.insert(0, src)
    for candidate in ENTRIES:
        module, _, func = candidate.partition(":")
        try:
            if callable(getattr(importlib.import_module(module), func, None)):
                return candidate
        except ModuleNotFoundError:
            continue
    pytest.fail(f"none of {ENTRIES} exists in the infoshare package", pytrace=False)


def node_error(stderr: str) -> str:
    """The part of a failed Node run's stderr worth reading: Node quotes the offending
    source line first, and Pyodide's is one huge minified line, so keep the lines from the
    first error or traceback on, each cut short."""
    lines = stderr.splitlines()
    start = next((i for i, line in enumerate(lines)
                  if line.startswith(("PythonError", "Error", "TypeError", "Traceback", "    at "))), 0)
    return "\n".join(line[:300] for line in lines[start:start + 40])
