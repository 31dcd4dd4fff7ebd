"""A build step that is missing stops the build with its name: the site is never built
without its helper, its security policy or its checks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

STEPS = ["helper_page", "csp", "site_checks", "sources", "local_settings", "worker_guard", "theme", "verify",
         "offline", "print_links", "stage_pages", "site_config"]


@pytest.mark.parametrize("step", STEPS)
def test_a_missing_build_step_stops_the_build(tmp_path: Path, step: str) -> None:
    project = tmp_path / "project"
    skip = {".venv", "node_modules", ".cache", "site", ".git"}
    shutil.copytree(ROOT, project, ignore=lambda folder, names: [
        n for n in names if (Path(folder) == ROOT and n in skip) or n == "__pycache__"])
    (project / "build_scripts" / "site" / f"{step}.py").unlink()
    env = {**os.environ, "SITE_URL": "https://infoshare.invalid/"}
    result = subprocess.run(
        [sys.executable, "-m", "build_scripts.site.build", "--site-dir", str(tmp_path / "out")],
        cwd=project, capture_output=True, text=True, env=env, timeout=300, check=False)
    assert result.returncode != 0
    assert f"cannot import name '{step}' from 'build_scripts.site'" in result.stderr + result.stdout
    assert not (tmp_path / "out" / "helper" / "index.html").exists()
