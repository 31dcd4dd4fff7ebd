"""What the helper's worker relies on in the pinned Pyodide is checked at build time
(build_scripts/runtime/build.py, ENGINE_ASSUMPTIONS)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_scripts.runtime import build as runtime
from tests.conftest import ROOT

PYODIDE = ROOT / "node_modules" / "pyodide"


def test_the_pinned_pyodide_does_what_the_worker_relies_on() -> None:
    runtime.check_engine_assumptions(PYODIDE)


@pytest.mark.parametrize(("name", "needle", "meaning"), runtime.ENGINE_ASSUMPTIONS,
                         ids=[a[1] for a in runtime.ENGINE_ASSUMPTIONS])
def test_an_upgrade_that_breaks_one_fails_the_build_by_name(
        tmp_path: Path, name: str, needle: str, meaning: str) -> None:
    shutil.copyfile(PYODIDE / name, tmp_path / name)
    path = tmp_path / name
    path.write_text(path.read_text(encoding="utf-8").replace(needle, "changed"), encoding="utf-8")
    with pytest.raises(runtime.RuntimeBuildError, match=r"worker\.mjs depends on it") as caught:
        runtime.check_engine_assumptions(tmp_path)
    assert meaning in str(caught.value)
