"""wheels.mjs, the runtime's wheel loader (build_scripts/runtime/runtime_wheels.mjs), on its own
under Node: which lockfile entries it loads and in what order, and what it refuses. It
refuses by a reason and its values, never a sentence: the page words each reason from the
contract (its message worker_reason_<reason>), as the last test here shows."""

from __future__ import annotations

import json
import re
import subprocess
from typing import Any

import pytest
from infoshare.contract import MESSAGES

from tests.conftest import ROOT, require_tool

LOADER = ROOT / "build_scripts" / "runtime" / "runtime_wheels.mjs"

SCRIPT = """
import * as wheels from %(loader)s;
const cases = JSON.parse(process.argv[1]);
const out = [];
for (const c of cases) {
  try {
    if (c.kind === "order") {
      out.push({ ok: wheels.wheelsToLoad(c.lock, c.names).map((e) => e.file_name) });
    } else if (c.kind === "stage") {
      out.push({ ok: wheels.wheelsForStage(c.lock, c.names, c.stage).map((e) => e.file_name) });
    } else {
      await wheels.checkWheel(c.entry, new TextEncoder().encode(c.bytes));
      out.push({ ok: true });
    }
  } catch (error) {
    out.push({ error: { reason: error.reason, values: error.values } });
  }
}
console.log(JSON.stringify(out));
"""


def _entry(name: str, depends: list[str] = (), file_name: str | None = None) -> dict[str, Any]:
    return {"name": name, "depends": list(depends), "sha256": "0" * 64,
            "file_name": file_name or f"{name}-1.0-cp314-none-any.whl"}


LOCK = {"packages": {
    "app": _entry("app", ["jinja2", "util"]),
    "jinja2": _entry("jinja2", ["markupsafe"]),
    "util": _entry("util", ["markupsafe"]),
    "markupsafe": _entry("markupsafe"),
    "loop-a": _entry("loop-a", ["loop-b"]),
    "loop-b": _entry("loop-b", ["loop-a"]),
    "compiled": _entry("compiled", [], "compiled-1.0-cp314-cp314-pyodide_2026_0_wasm32.whl"),
    "needs-missing": _entry("needs-missing", ["ghost"]),
}}
ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

CASES: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    ("dependencies first, each once", {"kind": "order", "lock": LOCK, "names": ["app"]},
     {"ok": ["markupsafe-1.0-cp314-none-any.whl", "jinja2-1.0-cp314-none-any.whl",
             "util-1.0-cp314-none-any.whl", "app-1.0-cp314-none-any.whl"]}),
    ("several names share dependencies", {"kind": "order", "lock": LOCK, "names": ["util", "jinja2"]},
     {"ok": ["markupsafe-1.0-cp314-none-any.whl", "util-1.0-cp314-none-any.whl",
             "jinja2-1.0-cp314-none-any.whl"]}),
    ("a dependency loop ends", {"kind": "order", "lock": LOCK, "names": ["loop-a"]},
     {"ok": ["loop-b-1.0-cp314-none-any.whl", "loop-a-1.0-cp314-none-any.whl"]}),
    ("nothing asked, nothing loaded", {"kind": "order", "lock": LOCK, "names": []}, {"ok": []}),
    ("unknown package", {"kind": "order", "lock": LOCK, "names": ["nope"]},
     {"error": {"reason": "wheel_not_listed", "values": {"name": "nope"}}}),
    ("unknown dependency names who needs it", {"kind": "order", "lock": LOCK, "names": ["needs-missing"]},
     {"error": {"reason": "wheel_dependency_not_listed", "values": {"name": "ghost", "needed_by": "needs-missing"}}}),
    ("compiled wheel refused", {"kind": "order", "lock": LOCK, "names": ["compiled"]},
     {"error": {"reason": "wheel_not_pure", "values": {"file": "compiled-1.0-cp314-cp314-pyodide_2026_0_wasm32.whl"}}}),
    ("no lockfile at all", {"kind": "order", "lock": None, "names": ["app"]},
     {"error": {"reason": "wheel_not_listed", "values": {"name": "app"}}}),
    # Before "ready" only the named packages; right after, what they depend on.
    ("startup: the named packages only", {"kind": "stage", "lock": LOCK, "names": ["app"], "stage": "startup"},
     {"ok": ["app-1.0-cp314-none-any.whl"]}),
    ("later: their dependencies, dependencies first",
     {"kind": "stage", "lock": LOCK, "names": ["app"], "stage": "later"},
     {"ok": ["markupsafe-1.0-cp314-none-any.whl", "jinja2-1.0-cp314-none-any.whl",
             "util-1.0-cp314-none-any.whl"]}),
    ("all: both", {"kind": "stage", "lock": LOCK, "names": ["app"], "stage": "all"},
     {"ok": ["markupsafe-1.0-cp314-none-any.whl", "jinja2-1.0-cp314-none-any.whl",
             "util-1.0-cp314-none-any.whl", "app-1.0-cp314-none-any.whl"]}),
    ("a named package another needs is loaded first, not later",
     {"kind": "stage", "lock": LOCK, "names": ["app", "jinja2"], "stage": "later"},
     {"ok": ["markupsafe-1.0-cp314-none-any.whl", "util-1.0-cp314-none-any.whl"]}),
    ("unknown stage", {"kind": "stage", "lock": LOCK, "names": ["app"], "stage": "soon"},
     {"error": {"reason": "wheel_stage", "values": {"stage": "soon"}}}),
    ("a stage still refuses an unknown package",
     {"kind": "stage", "lock": LOCK, "names": ["nope"], "stage": "startup"},
     {"error": {"reason": "wheel_not_listed", "values": {"name": "nope"}}}),
    ("digest matches", {"kind": "digest", "entry": {**_entry("abc"), "sha256": ABC_SHA256}, "bytes": "abc"},
     {"ok": True}),
    ("digest differs", {"kind": "digest", "entry": {**_entry("abc"), "sha256": ABC_SHA256}, "bytes": "abd"},
     {"error": {"reason": "wheel_damaged", "values": {"file": "abc-1.0-cp314-none-any.whl"}}}),
    ("digest of an empty download", {"kind": "digest", "entry": {**_entry("abc"), "sha256": ABC_SHA256},
                                     "bytes": ""},
     {"error": {"reason": "wheel_damaged", "values": {"file": "abc-1.0-cp314-none-any.whl"}}}),
]


@pytest.fixture(scope="module")
def results() -> list[dict[str, Any]]:
    script = SCRIPT % {"loader": json.dumps(LOADER.as_uri())}
    out = subprocess.run(["node", "--input-type=module", "-e", script, json.dumps([c for _, c, _ in CASES])],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@pytest.mark.parametrize("index", range(len(CASES)), ids=[name for name, _, _ in CASES])
def test_wheel_loader(results: list[dict[str, Any]], index: int) -> None:
    assert results[index] == CASES[index][2]


# What the page says for each reason: the contract's message, its placeholders filled from
# the values (as docs/helper/app/engine.mjs does).
WORDED = [
    ("wheel_not_listed", {"name": "nope"}, 'the runtime\'s list of packages, pyodide-lock.json, has no package "nope"'),
    ("wheel_dependency_not_listed", {"name": "ghost", "needed_by": "app"},
     'the runtime\'s list of packages, pyodide-lock.json, has no package "ghost" (needed by app)'),
    ("wheel_bad_name", {"file": '"../a.whl"'}, '"../a.whl" in pyodide-lock.json is not a wheel\'s file name'),
    ("wheel_not_pure", {"file": "c-1.0-cp314-cp314-x.whl"},
     "c-1.0-cp314-cp314-x.whl is not a pure-Python wheel, so it cannot be imported from its zip"),
    ("wheel_damaged", {"file": "abc-1.0-py3-none-any.whl"},
     ("abc-1.0-py3-none-any.whl is damaged or was changed after the build (its SHA-256 does not match "
      "pyodide-lock.json)")),
    ("wheel_stage", {"stage": "soon"}, "the helper asked for its packages at a stage it does not have (soon)"),
]


@pytest.mark.parametrize(("reason", "values", "sentence"), WORDED, ids=[r for r, _, _ in WORDED])
def test_the_contract_words_every_reason_the_loader_gives(reason: str, values: dict[str, str], sentence: str) -> None:
    template = MESSAGES[f"worker_reason_{reason}"]
    assert isinstance(template, str)
    assert template.format(**values) == sentence


def test_every_reason_the_loader_can_give_is_worded() -> None:
    source = LOADER.read_text(encoding="utf-8")
    given = set(re.findall(r'new WheelError\("(\w+)"', source))
    assert given == {reason for reason, _, _ in WORDED}
    assert {expected["error"]["reason"] for _, _, expected in CASES if "error" in expected} <= given


@pytest.fixture(autouse=True, scope="module")
def _node() -> None:
    require_tool("node", "the wheel loader runs under Node")
