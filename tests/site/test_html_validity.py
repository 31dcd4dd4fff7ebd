"""The Nu Html Checker (vnu) on every built page: no errors, and its exit code says so."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_vnu_finds_no_errors(built_site: Path) -> None:
    java = shutil.which("java")
    if java is None:
        pytest.fail("java (17 or newer) is needed for the Nu Html Checker", pytrace=False)
    pages = [str(p) for p in sorted(built_site.rglob("*.html")) if "helper/runtime/" not in p.as_posix()]
    assert len(pages) > 10, pages
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
        capture_output=True, text=True, timeout=600,
    )
    # vnu writes its JSON report to stderr; a report that cannot be read is a failure too.
    messages = json.loads(result.stderr)["messages"]
    problems = [
        f"{Path(m.get('url', '')).as_posix().split(str(built_site))[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
    ]
    assert problems == []
    assert result.returncode == 0, result.stderr[-2000:]
