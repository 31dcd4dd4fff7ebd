"""The Nu Html Checker (vnu) on every built page.

Errors that come from the theme's own markup, not from this site's content,
are listed in THEME_ERRORS with the reason each stays; anything else fails.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# message substring -> why it is accepted
THEME_ERRORS: dict[str, str] = {}


def test_vnu_finds_no_errors(built_site: Path) -> None:
    java = shutil.which("java")
    if java is None:
        pytest.fail("java (17 or newer) is needed for the Nu Html Checker", pytrace=False)
    pages = [str(p) for p in sorted(built_site.rglob("*.html")) if "helper/runtime/" not in p.as_posix()]
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
        capture_output=True, text=True, timeout=600,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    unexpected = [
        f"{Path(m.get('url', '')).as_posix().split(str(built_site))[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error" and not any(k in m["message"] for k in THEME_ERRORS)
    ]
    assert not unexpected, "\n".join(unexpected)
