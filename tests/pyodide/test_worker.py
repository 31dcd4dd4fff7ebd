"""The built runtime in Chromium, from a module Web Worker, as the helper page
loads it: Pyodide and its lockfile from the page's own origin, our wheels checked
and put on sys.path by the runtime's wheels.mjs (ours, then the record tools), under a Content-Security-Policy
with 'wasm-unsafe-eval' and no 'unsafe-eval'. Every request stays on that origin,
and every case gives the same output as CPython."""

from __future__ import annotations

import importlib
import json
import shutil
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from build_scripts.dev.static_server import serving
from build_scripts.runtime import build as runtime
from tests.conftest import require_tool
from tests.pyodide.compare import run_on_cpython

CSP = ("default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; "
       "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>worker check</title>
<script type="module" src="main.mjs"></script></head><body></body></html>"""

MAIN = """
const worker = new Worker("worker.mjs", { type: "module" });
worker.onmessage = (event) => { window.__result = event.data; };
worker.onerror = (event) => { window.__result = { error: String(event.message) }; };
fetch("cases.json").then((r) => r.text()).then((cases) => worker.postMessage(cases));
"""

WORKER = """
import { loadPyodide } from "./runtime/%(key)s/pyodide.mjs";
import * as wheels from "./runtime/%(key)s/wheels.mjs";

const base = new URL("./runtime/%(key)s/", import.meta.url).href;
const started = performance.now();
async function start() {
  const lock = await (await fetch(base + "pyodide-lock.json")).json();
  const get = async (name) => (await fetch(base + name)).arrayBuffer();
  const files = await wheels.readWheels(lock, %(packages)s, get, "startup");
  const pyodide = await loadPyodide({ indexURL: base, lockFileContents: lock, packageBaseUrl: base });
  wheels.mountWheels(pyodide, files);
  // The record tools, as the page adds them right after "ready".
  wheels.mountWheels(pyodide, await wheels.readWheels(lock, %(packages)s, get, "later"));
  wheels.mountStdlib(pyodide, wheels.RECORDS_STDLIB, await get(wheels.RECORDS_STDLIB));
  return { pyodide, loadMs: Math.round(performance.now() - started) };
}
const ready = start();

self.onmessage = async (event) => {
  try {
    const { pyodide, loadMs } = await ready;
    pyodide.globals.set("cases_json", event.data);
    const out = pyodide.runPython(`
import importlib, json, sys
module_name, _, func_name = %(entry)r.partition(":")
func = getattr(importlib.import_module(module_name), func_name)
def _serialise(case):
    try:
        return json.dumps(func(case), sort_keys=True, ensure_ascii=True)
    except Exception as exc:
        return json.dumps({"__error__": f"{type(exc).__name__}: {exc}"})
json.dumps({
    "python": sys.version.split()[0],
    "json_file": sys.modules["json"].__file__,
    "results": {name: _serialise(case) for name, case in json.loads(cases_json).items()},
})`);
    postMessage({ ...JSON.parse(out), loadMs });
  } catch (err) {
    postMessage({ error: String(err && err.stack ? err.stack : err) });
  }
};
"""


@pytest.fixture(scope="module")
def served(built: runtime.RuntimeBuild, cases: dict[str, Any], entry: str,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("worker-site")
    shutil.copytree(built.directory, site / "runtime" / built.key)
    (site / "index.html").write_text(PAGE, encoding="utf-8")
    (site / "main.mjs").write_text(MAIN, encoding="utf-8")
    (site / "worker.mjs").write_text(
        WORKER % {"key": built.key, "packages": json.dumps(list(built.packages)), "entry": entry}, encoding="utf-8")
    (site / "cases.json").write_text(json.dumps(cases, ensure_ascii=True), encoding="utf-8")
    # The page runs under the helper page's policy: WebAssembly allowed, no eval of strings.
    with serving(site, headers={"Content-Security-Policy": CSP, "Cache-Control": "no-store"}) as base:
        yield base


def test_runtime_runs_every_case_in_a_module_worker(browser: Any, served: str, cases: dict[str, Any],
                                                    entry: str) -> None:
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    problems: list[str] = []
    try:
        page = context.new_page()
        page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda err: problems.append(str(err)))
        page.goto(served)
        page.wait_for_function("() => window.__result !== undefined", timeout=120_000)
        result = page.evaluate("window.__result")
    finally:
        context.close()

    assert "error" not in result, result.get("error")
    assert not problems, problems
    origin = urlsplit(served).netloc
    foreign = [u for u in requests if urlsplit(u).netloc != origin]
    assert not foreign, foreign
    assert any(u.endswith("/python_stdlib.zip") for u in requests), requests
    assert result["python"].startswith("3.14."), result
    assert result["json_file"].endswith(".pyc"), result

    module, _, func = entry.partition(":")
    run_case = getattr(importlib.import_module(module), func)
    differ = [name for name, case in cases.items() if result["results"][name] != run_on_cpython(run_case, case)]
    assert not differ, f"cases whose output in the browser differs from CPython: {differ}"
    assert not [n for n, r in result["results"].items() if r.startswith('{"__error__"')]
    print(f"Pyodide ready in the worker after {result['loadMs']} ms")


@pytest.fixture(autouse=True, scope="module")
def _node() -> None:
    require_tool("node", "the runtime build needs it")
