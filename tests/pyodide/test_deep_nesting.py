"""Deeply nested files are refused inside the real runtime, and Python keeps working.

Before the nesting check, opening 2,000 nested objects (12 KB) or 3,000 nested
arrays through the bridge overflowed the stack in Chromium's worker ("Maximum
call stack size exceeded") and the page lost the helper; under Node, whose
stack is larger, 4,000 objects or 10,000 arrays did. Both are checked here:
under Node with files deep enough to overflow its stack, and in Chromium's
module worker, where the helper really runs, with the issue's own files.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from build_scripts.dev.static_server import serving
from build_scripts.runtime import build as runtime
from tests.conftest import require_tool

SCRIPT = Path(__file__).with_name("deep_nesting.mjs")
TOO_DEEP = "The file is not a decision record: it is nested too deeply"
REFUSED = {"ok": False, "errors": [{"field": None, "message": TOO_DEEP}]}
FIVE_MB = 5 * 1024 * 1024 - 16
LIMIT = 64  # infoshare.jsondepth.MAX_DEPTH; the real module is not imported here on purpose


def _objects(n: int) -> str:
    return '{"a":' * n + "1" + "}" * n


def _arrays(n: int) -> str:
    return "[" * n + "]" * n


# Deep enough to overflow the stack, on Node and in Chromium, without the check.
DEEP = {
    "objects-2000 (12 KB, from the issue)": _objects(2000),
    "arrays-5000 (10 KB, from the issue)": _arrays(5000),
    "objects-20000": _objects(20_000),
    "arrays-50000": _arrays(50_000),
    "5 MB of [": "[" * FIVE_MB,
    # No run of more "[" than the limit: every bracket is counted (the slowest shape).
    "5 MB, branch on every level": ("[" + _arrays(LIMIT - 1)) * (FIVE_MB // (2 * LIMIT))
    + "]" * (FIVE_MB // (2 * LIMIT)),
}


def _record() -> str:
    from infoshare import canonical_json, example

    return canonical_json(example.record())


def _check(results: dict[str, Any], names: list[str]) -> None:
    for name in names:
        result = results[name]
        assert not result["reply"].startswith("THROW"), f"{name}: {result['reply']}"
        assert json.loads(result["reply"]) == REFUSED, name
        assert json.loads(result["after"])["ok"] is True, f"Python stopped after {name}: {result['after']}"
    record = results["a real record"]
    assert json.loads(record["reply"])["ok"] is True, record["reply"]
    request = results["__request__"]
    assert json.loads(request["reply"]) == {
        "ok": False, "errors": [{"field": None, "message": "The request is nested too deeply"}]}
    assert json.loads(request["after"])["ok"] is True
    print({name: f"{results[name]['ms']} ms" for name in [*names, "a real record"]})


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("deep") / "files.json"
    path.write_text(json.dumps({**DEEP, "a real record": _record()}), encoding="utf-8")
    return path


def test_deep_files_are_refused_under_node_and_python_keeps_working(built: runtime.RuntimeBuild,
                                                                     files: Path) -> None:
    node = require_tool("node", "the runtime runs under Node here")
    result = subprocess.run([node, str(SCRIPT), str(built.directory), ",".join(built.packages), str(files)],
                            capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-4000:]
    _check(json.loads(result.stdout.strip().splitlines()[-1]), list(DEEP))


PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>deep nesting</title>
<script type="module" src="main.mjs"></script></head><body></body></html>"""

MAIN = """
const worker = new Worker("worker.mjs", { type: "module" });
worker.onmessage = (event) => { window.__result = event.data; };
worker.onerror = (event) => { window.__result = { error: String(event.message) }; };
fetch("files.json").then((r) => r.text()).then((files) => worker.postMessage(files));
"""

# The same steps as deep_nesting.mjs, in a module worker as the helper page runs them.
WORKER = """
import { loadPyodide } from "./runtime/%(key)s/pyodide.mjs";
import * as wheels from "./runtime/%(key)s/wheels.mjs";

const base = new URL("./runtime/%(key)s/", import.meta.url).href;
self.onmessage = async (event) => {
  try {
    const lock = await (await fetch(base + "pyodide-lock.json")).json();
    const files = await wheels.readWheels(lock, %(packages)s,
                                          async (name) => (await fetch(base + name)).arrayBuffer());
    const pyodide = await loadPyodide({ indexURL: base, lockFileContents: lock, packageBaseUrl: base });
    wheels.mountWheels(pyodide, files);
    // The record tools' part of the standard library, as the page adds it after "ready".
    const records = await (await fetch(base + wheels.RECORDS_STDLIB)).arrayBuffer();
    wheels.mountStdlib(pyodide, wheels.RECORDS_STDLIB, records);
    const call = pyodide.runPython("import infoshare.bridge\\ninfoshare.bridge.call");
    const attempt = (request) => {
      try { return call(request); } catch (err) { return `THROW ${String(err).slice(0, 300)}`; }
    };
    const results = {};
    for (const [name, text] of Object.entries(JSON.parse(event.data))) {
      const started = performance.now();
      const reply = attempt(JSON.stringify({ op: "open", text }));
      const ms = Math.round(performance.now() - started);
      results[name] = { reply, after: attempt(JSON.stringify({ op: "path", answers: {} })), ms };
    }
    const deep = "[".repeat(100000) + "]".repeat(100000);
    results.__request__ = { reply: attempt(deep), after: attempt(JSON.stringify({ op: "path", answers: {} })) };
    postMessage(results);
  } catch (err) {
    postMessage({ error: String(err && err.stack ? err.stack : err) });
  }
};
"""


@pytest.fixture(scope="module")
def served(built: runtime.RuntimeBuild, files: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("deep-site")
    shutil.copytree(built.directory, site / "runtime" / built.key)
    (site / "index.html").write_text(PAGE, encoding="utf-8")
    (site / "main.mjs").write_text(MAIN, encoding="utf-8")
    (site / "worker.mjs").write_text(WORKER % {"key": built.key, "packages": json.dumps(list(built.packages))},
                                     encoding="utf-8")
    shutil.copy(files, site / "files.json")
    with serving(site, headers={"Cache-Control": "no-store"}) as base:
        yield base


@pytest.mark.browser
def test_deep_files_are_refused_in_chromiums_worker_and_python_keeps_working(browser: Any, served: str) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(served)
        page.wait_for_function("() => window.__result !== undefined", timeout=300_000)
        results = page.evaluate("window.__result")
    finally:
        context.close()
    assert "error" not in results, results.get("error")
    _check(results, list(DEEP))
