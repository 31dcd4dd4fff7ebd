"""The package is pure: no browser imports, only the standard library and Jinja2 at
run time. (Its types are checked by `make check`, which `make test` runs.)"""

from __future__ import annotations

import ast
import json
import os
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


def test_starting_the_bridge_imports_only_what_the_questions_need() -> None:
    """The page imports infoshare.bridge while the practitioner waits; making, reading and
    rendering records (and Jinja2) are imported when first used."""
    probe = ("import sys, json, infoshare.bridge as b; "
             "before = sorted(m for m in sys.modules if m.startswith(('infoshare', 'jinja2', 'hashlib'))); "
             "b.call(json.dumps({'op': 'seal', 'answers': {}, 'now': '2026-01-15T16:30:00+00:00'})); "
             "after = sorted(m for m in sys.modules if m.startswith(('infoshare', 'jinja2', 'hashlib'))); "
             "print(json.dumps([before, after]))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONPATH": str(SRC.parent)})
    before, after = json.loads(result.stdout)
    deferred = {"infoshare.record", "infoshare.parse", "infoshare.amend", "infoshare.canonical", "hashlib",
                "infoshare.html_record", "infoshare.md_record", "jinja2"}
    assert not deferred & set(before), before
    assert {"infoshare.bridge", "infoshare.questions", "infoshare.flow", "infoshare.validate"} <= set(before)
    # Sealing brings in what it needs, and still not the renderers.
    assert {"infoshare.record", "infoshare.parse", "infoshare.amend"} <= set(after)
    assert "jinja2" not in after
