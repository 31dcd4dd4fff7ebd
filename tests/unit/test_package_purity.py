"""The package is pure and typed: no browser imports, only the standard library
and Jinja2 at run time, and mypy --strict finds nothing."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "helper" / "src" / "infoshare"
ALLOWED_THIRD_PARTY = {"jinja2"}


def _imports() -> list[tuple[str, str]]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found += [(path.name, alias.name.split(".")[0]) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.append((path.name, node.module.split(".")[0]))
    return found


def test_imports_only_the_standard_library_and_jinja2() -> None:
    foreign = [(f, m) for f, m in _imports()
               if m not in sys.stdlib_module_names and m not in ALLOWED_THIRD_PARTY]
    assert foreign == []


@pytest.mark.parametrize("browser_module", ["js", "pyodide"])
def test_nothing_imports_the_browser(browser_module: str) -> None:
    assert [f for f, m in _imports() if m == browser_module] == []


def test_mypy_strict_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", str(SRC)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
