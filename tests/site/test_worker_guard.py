"""The build puts the helper's guard, as a classic script, at the start of the theme's
search worker (build_scripts/site/worker_guard.py); a guard it cannot convert, or a theme
with no search worker, stops the build with a reason."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from build_scripts.site import worker_guard
from tests.conftest import ROOT

GUARD_SOURCE = (ROOT / "docs" / "helper" / "guard.mjs").read_text(encoding="utf-8")


def test_the_built_search_worker_starts_with_the_guard(built_site: Path) -> None:
    (worker,) = (built_site / worker_guard.WORKERS).glob("search*.js")
    text = worker.read_text(encoding="utf-8")
    assert text.startswith(worker_guard.MARK + worker_guard.classic(GUARD_SOURCE))
    assert text.count(worker_guard.MARK) == 1


def test_the_classic_guard_is_a_script_node_can_parse() -> None:
    script = worker_guard.classic(GUARD_SOURCE)
    assert "export " not in script
    result = subprocess.run(["node", "--check", "-"], input=script, text=True, capture_output=True, check=False)
    assert result.returncode == 0, result.stderr


def test_guarding_twice_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / worker_guard.GUARD).parent.mkdir(parents=True)
    (tmp_path / worker_guard.GUARD).write_text(GUARD_SOURCE, encoding="utf-8")
    workers = tmp_path / worker_guard.WORKERS
    workers.mkdir(parents=True)
    (workers / "search.0123abcd.min.js").write_text("self.onmessage=()=>{};", encoding="utf-8")
    worker_guard.guard_search_worker(tmp_path)
    once = (workers / "search.0123abcd.min.js").read_text(encoding="utf-8")
    worker_guard.guard_search_worker(tmp_path)
    assert (workers / "search.0123abcd.min.js").read_text(encoding="utf-8") == once
    assert once.endswith("self.onmessage=()=>{};")


@pytest.mark.parametrize(("source", "says"), [
    ('import { x } from "./other.mjs";\nexport function f() {}\n', "imports another module"),
    ("export default function () {}\n", "not in the shape"),
    ("export { a, b };\nconst a = 1, b = 2;\n", "not in the shape"),
    ("const nothing = 1;\n", "not in the shape"),
], ids=["import", "default export", "export list", "no exports"])
def test_a_guard_it_cannot_convert_is_refused(source: str, says: str) -> None:
    with pytest.raises(worker_guard.GuardError, match=says):
        worker_guard.classic(source)


def test_no_search_worker_is_refused(tmp_path: Path) -> None:
    (tmp_path / worker_guard.GUARD).parent.mkdir(parents=True)
    (tmp_path / worker_guard.GUARD).write_text(GUARD_SOURCE, encoding="utf-8")
    with pytest.raises(worker_guard.GuardError, match="no search worker"):
        worker_guard.guard_search_worker(tmp_path)
