"""The same cases inside real Pyodide: build the runtime the site ships, start it
under Node the way the browser worker does, run every case in tests/cases, and
demand byte-identical output to CPython. Plus the runtime's own promises:
Python 3.14 with a bytecode-only stdlib, nothing in the lockfile pointing
elsewhere, every hash right."""

from __future__ import annotations

import ast
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
from tests.pyodide.conftest import node_error

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
    # Every case ran as the page makes a record: with the parts of the stdlib Python starts
    # from and the record tools, not the rest; and the wheels in the order the page adds
    # them: ours before "ready", its dependencies after.
    assert facts["more_stdlib_on_path"] is False, facts
    assert [p.split("/")[-1].split("-")[0] for p in facts["wheels_on_path"]] == [
        "infoshare_helper", "markupsafe", "jinja2"], facts


def _names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        return zf.namelist()


def _files(names: list[str]) -> list[str]:
    return [n for n in names if not n.endswith("/")]


def test_stdlib_zips_hold_bytecode_only_and_together_the_whole_stdlib(built: runtime.RuntimeBuild) -> None:
    first = _names(built.directory / "python_stdlib.zip")
    records = _names(built.directory / "python_stdlib_records.zip")
    rest = _names(built.directory / "python_stdlib_more.zip")
    assert not [n for n in first + records + rest if n.endswith(".py")]
    # Each module is in one part only (a folder entry may be in several).
    files = [set(_files(names)) for names in (first, records, rest)]
    assert sum(len(f) for f in files) == len(set().union(*files))
    # Every module of npm's source stdlib is in one of them, compiled.
    source = _names(ROOT / "node_modules" / "pyodide" / "python_stdlib.zip")
    assert set(first) | set(records) | set(rest) == {n[:-3] + ".pyc" if n.endswith(".py") else n for n in source}
    # What the questions need starts Python; what only records need comes right after
    # "ready"; the rest later. Module by module: a package can be in several parts.
    for module in ("json/__init__.pyc", "json/decoder.pyc", "asyncio/__init__.pyc", "datetime.pyc",
                   "re/__init__.pyc", "zipfile/__init__.pyc", "pyodide/__init__.pyc", "importlib/__init__.pyc",
                   "encodings/__init__.pyc", "encodings/utf_8.pyc"):
        assert module in first, module
    for module in ("importlib/resources/__init__.pyc", "urllib/parse.pyc"):  # Jinja2's
        assert module in records, module
    for module in ("email/__init__.pyc", "xml/dom/minidom.pyc", "http/client.pyc", "unittest/__init__.pyc",
                   "pydoc.pyc", "json/tool.pyc", "encodings/cp1252.pyc", "argparse.pyc"):
        assert module in rest, module
    # Every folder entry sits beside a file of its own part.
    for names in (first, records, rest):
        folders = {n for n in names if n.endswith("/")}
        assert folders == {f for n in _files(names) for f in _parents(n)} & folders
    sizes = [(built.directory / n).stat().st_size
             for n in ("python_stdlib.zip", "python_stdlib_records.zip", "python_stdlib_more.zip")]
    assert sizes[0] < 0.3 * sum(sizes) and sizes[1] < 0.05 * sum(sizes), sizes


def _parents(name: str) -> list[str]:
    parts = name.split("/")[:-1]
    return ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


DOCSTRINGS_CHECK = """
import { loadRuntime } from %(loader)s;
const { pyodide, mountMoreStdlib } = await loadRuntime(%(dir)s, %(packages)s, { records: false });
pyodide.globals.set("asserting", %(asserting)s);
const first = pyodide.runPython(`
import dis, json, sys, zipimport, typing, infoshare.bridge
import json.decoder

def raises_assertion(code):
    found = any(i.opname == "LOAD_ASSERTION_ERROR" or "AssertionError" in (i.argrepr or "")
                for i in dis.get_instructions(code))
    return found or any(raises_assertion(c) for c in code.co_consts if hasattr(c, "co_code"))

stdlib = zipimport.zipimporter(f"/lib/python{sys.version_info.major}{sys.version_info.minor}.zip/")
json.dumps({
    "docs": [json.__doc__, json.decoder.JSONDecoder.__doc__, typing.cast.__doc__],
    "ours": infoshare.bridge.call.__doc__ is not None,
    "debug": [__debug__, sys.flags.optimize],
    "asserts": {name: raises_assertion(stdlib.get_code(name)) for name in asserting},
})`);
await mountMoreStdlib();
const rest = pyodide.runPython(`
import json, email.message
json.dumps(email.message.Message.__doc__ is not None)`);
console.log(JSON.stringify({ first: JSON.parse(first), rest: JSON.parse(rest) }));
"""

def _has_assert(source: bytes) -> bool:
    """Whether a module's source has an assert statement (this Python may not parse every
    3.14 source; such a module is left out of the check)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    return any(isinstance(node, ast.Assert) for node in ast.walk(tree))


def test_first_part_has_no_docstrings_and_asserts_still_run(built: runtime.RuntimeBuild) -> None:
    """The modules Python starts from are compiled without docstrings (smaller); the rest
    and our own package keep theirs. Asserts are compiled in, unlike under -OO."""
    with zipfile.ZipFile(ROOT / "node_modules" / "pyodide" / "python_stdlib.zip") as npm:
        # Top-level modules of the first part whose source has an assert statement.
        asserting = sorted(n[:-4] for n in _names(built.directory / "python_stdlib.zip")
                           if n.endswith(".pyc") and "/" not in n and _has_assert(npm.read(n[:-1])))
    assert asserting, "no module of the first part has an assert to check"
    script = DOCSTRINGS_CHECK % {
        "loader": json.dumps((ROOT / "build_scripts" / "runtime" / "pyodide_node.mjs").as_uri()),
        "dir": json.dumps(str(built.directory)), "packages": json.dumps(list(built.packages)),
        "asserting": json.dumps(asserting)}
    result = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, node_error(result.stderr)
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["first"]["docs"] == [None, None, None]
    assert found["first"]["ours"] is True
    assert found["first"]["debug"] == [True, 0]
    assert found["first"]["asserts"] == dict.fromkeys(asserting, True)
    assert found["rest"] is True


MORE_STDLIB_CHECK = """
import { loadRuntime } from %(loader)s;
const out = {};
for (const more of [false, true]) {
  const { pyodide } = await loadRuntime(%(dir)s, %(packages)s, { moreStdlib: more });
  out[String(more)] = JSON.parse(pyodide.runPython(`
import importlib, json
found = {}
for name in ("email.message", "xml.dom.minidom", "http.client", "html", "json.tool", "encodings.cp1252",
             "importlib.metadata", "infoshare.bridge", "infoshare.cli", "jinja2", "importlib.resources.abc"):
    try:
        importlib.import_module(name)
        found[name] = True
    except ModuleNotFoundError:
        found[name] = False
found["cp1252 codec"] = found["encodings.cp1252"] and chr(0x20AC).encode("cp1252") == bytes([0x80])
json.dumps(found)`));
}
console.log(JSON.stringify(out));
"""


def test_rest_of_stdlib_is_importable_once_added(built: runtime.RuntimeBuild) -> None:
    """Once the rest is added, every module is found, including those of a package that
    started Python from the first part (json.tool, encodings.cp1252, importlib.metadata)."""
    script = MORE_STDLIB_CHECK % {
        "loader": json.dumps((ROOT / "build_scripts" / "runtime" / "pyodide_node.mjs").as_uri()),
        "dir": json.dumps(str(built.directory)), "packages": json.dumps(list(built.packages))}
    result = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, node_error(result.stderr)
    found = json.loads(result.stdout.strip().splitlines()[-1])
    rest = ("email.message", "xml.dom.minidom", "http.client", "html", "json.tool", "encodings.cp1252",
            "importlib.metadata", "infoshare.cli", "cp1252 codec")
    # importlib is in the first part and importlib.resources in the record tools' part.
    present = {"infoshare.bridge": True, "jinja2": True, "importlib.resources.abc": True}
    assert found["false"] == {**dict.fromkeys(rest, False), **present}
    assert found["true"] == {**dict.fromkeys(rest, True), **present}


def test_folder_holds_only_what_the_browser_loads(built: runtime.RuntimeBuild) -> None:
    names = sorted(p.name for p in built.directory.iterdir())
    lock = json.loads((built.directory / "pyodide-lock.json").read_text(encoding="utf-8"))
    wheels = sorted(p["file_name"] for p in lock["packages"].values())
    assert names == sorted(["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                            "python_stdlib_records.zip", "python_stdlib_more.zip", "pyodide-lock.json", "wheels.mjs",
                            *wheels])
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
    """Editing the helper gives a new key (so `make serve` rebuilds); nothing else does."""
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
