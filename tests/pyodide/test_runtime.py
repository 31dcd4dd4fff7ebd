"""The same cases inside real Pyodide: build the runtime the site ships, start it
under Node the way the browser worker does, run every case in tests/cases, and
demand byte-identical output to CPython. Plus the runtime's own promises:
Python 3.14 with a bytecode-only stdlib, nothing in the lockfile pointing
elsewhere, every hash right."""

from __future__ import annotations

import base64
import hashlib
import importlib
import json
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from build_scripts.runtime import build as runtime
from tests.conftest import ROOT, require_tool
from tests.pyodide.compare import run_on_cpython

RUN_CASES = Path(__file__).with_name("run_cases.mjs")



def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def pyodide_run(built: runtime.RuntimeBuild, cases: dict[str, Any], entry: str,
                tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    cases_file = tmp_path_factory.mktemp("cases") / "cases.json"
    cases_file.write_text(json.dumps(cases, ensure_ascii=True), encoding="utf-8")
    result = subprocess.run(
        ["node", str(RUN_CASES), str(built.directory), ",".join(built.packages), str(cases_file), entry],
        capture_output=True, text=True, timeout=300,
    )
    if result.returncode != 0:
        pytest.fail(f"Pyodide run failed:\n{result.stderr[-4000:]}", pytrace=False)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_every_case_is_byte_identical_on_pyodide(pyodide_run: dict[str, Any], cases: dict[str, Any],
                                                 entry: str) -> None:
    module, _, func = entry.partition(":")
    run_case = getattr(importlib.import_module(module), func)
    assert set(pyodide_run["results"]) == set(cases)
    differ = []
    for name, case in cases.items():
        on_cpython = run_on_cpython(run_case, case)
        on_pyodide = pyodide_run["results"][name]
        if on_pyodide.encode() != on_cpython.encode():
            got, want = json.loads(on_pyodide), json.loads(on_cpython)
            keys = sorted(k for k in set(got) | set(want) if got.get(k) != want.get(k))
            differ.append(f"{name}: differs in {keys}: pyodide {str(got)[:300]}")
    assert not differ, "\n".join(differ)
    # Identical errors would compare equal too; every case is a valid record
    # (tests/unit/test_cases.py runs each one), so none may raise.
    failed = {n: r for n, r in pyodide_run["results"].items() if r.startswith('{"__error__"')}
    assert not failed, f"cases that raised on both interpreters: {failed}"


def test_pyodide_is_python_314_with_bytecode_only(pyodide_run: dict[str, Any], entry: str) -> None:
    facts = pyodide_run["facts"]
    assert facts["python"].startswith("3.14."), facts
    assert facts["platform"] == "emscripten", facts
    # The stdlib came from the compiled zip and our package from its compiled wheel,
    # imported from the wheel itself, which sits on sys.path after the stdlib.
    assert facts["json_file"].endswith(".zip/json/__init__.pyc"), facts
    assert re.fullmatch(r"/wheels/infoshare_helper-[^/]+-cp314-none-any\.whl/infoshare/__init__\.pyc",
                        facts["infoshare_file"]), facts
    assert facts["entry_file"].endswith(".pyc"), facts
    # Every case ran with only the part of the stdlib Python starts from.
    assert facts["more_stdlib_on_path"] is False, facts
    assert [p.split("/")[-1].split("-")[0] for p in facts["wheels_on_path"]] == [
        "markupsafe", "jinja2", "infoshare_helper"], facts


def _names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        return zf.namelist()


def test_stdlib_zips_hold_bytecode_only_and_together_the_whole_stdlib(built: runtime.RuntimeBuild) -> None:
    first = _names(built.directory / "python_stdlib.zip")
    rest = _names(built.directory / "python_stdlib_more.zip")
    assert not [n for n in first + rest if n.endswith(".py")]
    assert not set(first) & set(rest)
    # Every module of npm's source stdlib is in one of the two, compiled.
    source = _names(ROOT / "node_modules" / "pyodide" / "python_stdlib.zip")
    assert set(first) | set(rest) == {n[:-3] + ".pyc" if n.endswith(".py") else n for n in source}
    # What the helper needs starts Python; what it does not follows later.
    for module in ("json/__init__.pyc", "asyncio/__init__.pyc", "hashlib.pyc", "datetime.pyc",
                   "re/__init__.pyc", "zipfile/__init__.pyc", "pyodide/__init__.pyc",
                   "encodings/utf_8.pyc", "encodings/cp1252.pyc", "site.pyc"):
        assert module in first, module
    for module in ("email/__init__.pyc", "xml/dom/minidom.pyc", "http/client.pyc", "unittest/__init__.pyc",
                   "pydoc.pyc"):
        assert module in rest, module
    # No top-level package is split between the two.
    assert not {n.split("/")[0] for n in first if "/" in n} & {n.split("/")[0] for n in rest if "/" in n}
    first_size = (built.directory / "python_stdlib.zip").stat().st_size
    rest_size = (built.directory / "python_stdlib_more.zip").stat().st_size
    assert first_size < 0.6 * (first_size + rest_size)


MORE_STDLIB_CHECK = """
import { loadRuntime } from %(loader)s;
const out = {};
for (const more of [false, true]) {
  const { pyodide } = await loadRuntime(%(dir)s, %(packages)s, { moreStdlib: more });
  out[String(more)] = JSON.parse(pyodide.runPython(`
import importlib, json
found = {}
for name in ("email.message", "xml.dom.minidom", "http.client", "html", "infoshare.bridge", "jinja2"):
    try:
        importlib.import_module(name)
        found[name] = True
    except ModuleNotFoundError:
        found[name] = False
json.dumps(found)`));
}
console.log(JSON.stringify(out));
"""


def test_rest_of_stdlib_is_importable_once_added(built: runtime.RuntimeBuild) -> None:
    script = MORE_STDLIB_CHECK % {
        "loader": json.dumps((ROOT / "build_scripts" / "runtime" / "pyodide_node.mjs").as_uri()),
        "dir": json.dumps(str(built.directory)), "packages": json.dumps(list(built.packages))}
    result = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    rest = ("email.message", "xml.dom.minidom", "http.client", "html")
    assert found["false"] == {**dict.fromkeys(rest, False), "infoshare.bridge": True, "jinja2": True}
    assert found["true"] == {**dict.fromkeys(rest, True), "infoshare.bridge": True, "jinja2": True}


def test_folder_holds_only_what_the_browser_loads(built: runtime.RuntimeBuild) -> None:
    names = sorted(p.name for p in built.directory.iterdir())
    lock = json.loads((built.directory / "pyodide-lock.json").read_text(encoding="utf-8"))
    wheels = sorted(p["file_name"] for p in lock["packages"].values())
    assert names == sorted(["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                            "python_stdlib_more.zip", "pyodide-lock.json", "wheels.mjs", *wheels])
    version = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text())["version"]
    assert built.key.startswith(f"{version}-") and len(built.key) == len(version) + 11, built.key
    for name in ("pyodide.mjs", "pyodide.asm.mjs"):
        text = (built.directory / name).read_text(encoding="utf-8")
        assert "jsdelivr" not in text and "sourceMappingURL" not in text, name


def test_lockfile_is_local_and_hashes_match(built: runtime.RuntimeBuild) -> None:
    text = (built.directory / "pyodide-lock.json").read_text(encoding="utf-8")
    assert "http:" not in text and "https:" not in text and "//" not in text
    lock = json.loads(text)
    assert set(lock["packages"]) == {"infoshare-helper", "jinja2", "markupsafe"}
    assert lock["packages"]["infoshare-helper"]["depends"] == ["jinja2"]
    assert lock["packages"]["jinja2"]["depends"] == ["markupsafe"]
    assert lock["packages"]["markupsafe"]["depends"] == []
    assert lock["packages"]["infoshare-helper"]["imports"] == ["infoshare"]
    assert built.packages == ("infoshare-helper",)
    for name, package in lock["packages"].items():
        file = built.directory / package["file_name"]
        assert "/" not in package["file_name"] and file.is_file(), name
        assert _sha256(file) == package["sha256"], name
        assert package["file_name"].endswith("-cp314-none-any.whl"), name
    assert runtime.verify_lockfile(built.directory) == []


def test_wheels_are_sourceless_with_true_records(built: runtime.RuntimeBuild) -> None:
    for wheel in sorted(built.directory.glob("*.whl")):
        with zipfile.ZipFile(wheel) as zf:
            names = zf.namelist()
            assert not [n for n in names if n.endswith((".py", ".c", ".so"))], wheel.name
            assert not [n for n in names if "__pycache__" in n], wheel.name
            record_name = next(n for n in names if n.endswith(".dist-info/RECORD"))
            rows = [line.split(",") for line in zf.read(record_name).decode().splitlines()]
            listed = {path for path, *_ in rows}
            assert listed == set(names), wheel.name
            for path, digest, size in rows:
                if path == record_name:
                    continue
                data = zf.read(path)
                expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
                assert digest == f"sha256={expected}" and int(size) == len(data), (wheel.name, path)
            wheel_meta = zf.read(record_name.replace("RECORD", "WHEEL")).decode()
            assert "Tag: cp314-none-any" in wheel_meta, wheel.name


def test_markupsafe_wheel_is_pure_python(built: runtime.RuntimeBuild, tmp_path: Path) -> None:
    """The repacked markupsafe is a py3-none-any wheel with its pure fallback and no C.

    (Asks for `built` so the pinned sdist has been fetched.)"""
    from build_scripts.runtime import fetch_wheels, wheels

    sdist = fetch_wheels.ensure_artifacts(ROOT, download=False)["markupsafe"]
    wheel = wheels.repack_sdist(sdist, "markupsafe", tmp_path)
    assert wheel.name == "markupsafe-3.0.2-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    assert {"markupsafe/__init__.py", "markupsafe/_native.py"} <= names
    assert not [n for n in names if n.endswith((".c", ".so"))]


def test_cached_build_is_instant_and_stable(built: runtime.RuntimeBuild) -> None:
    started = time.perf_counter()
    again = runtime.build_runtime(ROOT)
    elapsed = time.perf_counter() - started
    assert again.cached and again.key == built.key and again.directory == built.directory
    assert elapsed < 1.0, f"cache lookup took {elapsed:.2f} s"


def test_key_follows_helper_sources(tmp_path: Path) -> None:
    """Editing the helper gives a new key (so mkdocs serve rebuilds); nothing else does."""
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    shutil.copytree(ROOT / "helper", tmp_path / "helper",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"))
    pyodide = runtime._pyodide_dir(tmp_path)
    base_before, before = runtime._keys(tmp_path, pyodide)
    assert runtime._keys(tmp_path, pyodide) == (base_before, before)
    init = tmp_path / "helper" / "src" / "infoshare" / "__init__.py"
    init.write_text(init.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    base_after, after = runtime._keys(tmp_path, pyodide)
    assert base_after == base_before and after != before


@pytest.mark.parametrize("packages", [[], ["--packages", "infoshare-helper"]], ids=["bare", "with-helper"])
def test_startup_measurement_tool_runs(built: runtime.RuntimeBuild, packages: list[str]) -> None:
    """build_scripts/runtime/pyodide_startup.mjs, the README's Node comparison, still works on the build."""
    result = subprocess.run(["node", str(ROOT / "build_scripts" / "runtime" / "pyodide_startup.mjs"), "--runs", "1",
                             *packages, str(built.directory)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["stdlib"] == "bytecode (.pyc)"
    assert report["ready_ms"]["median"] > 0 and report["imports_ms"]["median"] >= 0


@pytest.fixture(autouse=True, scope="module")
def _node() -> None:
    require_tool("node", "Pyodide runs under Node for these tests")
