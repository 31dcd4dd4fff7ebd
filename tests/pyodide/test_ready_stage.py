"""The helper as the page has it at each stage of loading, inside real Pyodide under Node,
against CPython, byte for byte:

1. at "ready": Python from the first part of the standard library with only our own
   wheel. Every question operation the page makes (step, path, outcome, summary, draft)
   for every case answers exactly as on CPython, and Jinja2 is not there yet;
2. once the record tools are added (right after "ready": Jinja2, MarkupSafe and the
   standard library modules records use): the record operations (seal, render, open)
   answer exactly as on CPython, still without the rest of the standard library.

So the split of the standard library and the late wheels can never change an answer.
"""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest

from build_scripts.runtime import build as runtime
from tests.conftest import ROOT, require_tool
from tests.pyodide.conftest import node_error

SCRIPT = """
import fs from "node:fs";
import { loadRuntime } from %(loader)s;
const { pyodide, mountRecordTools } = await loadRuntime(%(dir)s, %(packages)s, { records: false });
pyodide.globals.set("stages_json", fs.readFileSync(%(requests)s, "utf-8"));
pyodide.runPython(`
import importlib.util, json, sys
from infoshare import bridge
stages = json.loads(stages_json)
def run(stage):
    return {
        "answers": [bridge.call(request) for request in stages[stage]],
        "jinja2": importlib.util.find_spec("jinja2") is not None,
        "records": any(p.endswith("python_stdlib_records.zip") for p in sys.path),
        "more": any(p.endswith("python_stdlib_more.zip") for p in sys.path),
    }
`);
const questions = JSON.parse(pyodide.runPython("json.dumps(run('questions'))"));
await mountRecordTools();
const records = JSON.parse(pyodide.runPython("json.dumps(run('records'))"));
console.log(JSON.stringify({ questions, records }));
"""


def _requests(cases: dict[str, Any]) -> dict[str, list[str]]:
    """Every request the page makes, for every case: as JSON strings, as the page sends them."""
    from infoshare import bridge
    from infoshare.questions import PAGE_IDS

    questions: list[dict[str, Any]] = []
    records: list[dict[str, Any]] = []
    for case in cases.values():
        answers, now = case.get("answers") or {}, case.get("now")
        questions += [{"op": "path", "answers": answers}, {"op": "outcome", "answers": answers},
                      {"op": "summary", "answers": answers}, {"op": "draft", "answers": answers}]
        questions += [{"op": "step", "page": page_id, "answers": answers, "now": now} for page_id in PAGE_IDS]
        questions += [{"op": "step", "page": page_id, "answers": answers, "completed": list(PAGE_IDS),
                       "returning": True} for page_id in PAGE_IDS]
        sealed = json.loads(bridge.call(json.dumps({"op": "seal", "answers": answers, "now": now})))
        records += [{"op": "seal", "answers": answers, "now": now}, {"op": "render", "record": sealed.get("record")}]
        if sealed.get("ok"):
            rendered = json.loads(bridge.call(json.dumps({"op": "render", "record": sealed["record"]})))
            records += [{"op": "open", "text": text} for text in rendered["files"].values()]
    records += [{"op": "open", "text": text} for text in ("", "{", "[]", "\ud800", "[" * 5000)]
    dump = lambda request: json.dumps(request, ensure_ascii=True)  # noqa: E731
    return {"questions": [dump(r) for r in questions], "records": [dump(r) for r in records]}


@pytest.fixture(scope="module")
def staged(built: runtime.RuntimeBuild, cases: dict[str, Any], entry: str,
           tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, list[str]], dict[str, Any]]:
    del entry  # puts helper/src on sys.path for the CPython side
    requests = _requests(cases)
    path = tmp_path_factory.mktemp("stages") / "requests.json"
    path.write_text(json.dumps(requests), encoding="utf-8")
    script = SCRIPT % {
        "loader": json.dumps((ROOT / "build_scripts" / "runtime" / "pyodide_node.mjs").as_uri()),
        "dir": json.dumps(str(built.directory)), "packages": json.dumps(list(built.packages)),
        "requests": json.dumps(str(path))}
    result = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True,
                            timeout=300)
    if result.returncode != 0:
        pytest.fail(f"Pyodide run failed:\n{node_error(result.stderr)}", pytrace=False)
    return requests, json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("stage", ["questions", "records"])
def test_each_stage_answers_exactly_as_cpython(staged: tuple[dict[str, list[str]], dict[str, Any]],
                                               stage: str) -> None:
    from infoshare import bridge

    requests, results = staged
    got = results[stage]["answers"]
    assert len(got) == len(requests[stage]) > 50
    differ = [request[:120] for request, answer in zip(requests[stage], got, strict=True)
              if answer.encode() != bridge.call(request).encode()]
    assert not differ, f"{len(differ)} answers differ from CPython, e.g. {differ[:3]}"
    # The answers are real ones, not the same error over and over. (Of the record requests,
    # opening the HTML, Markdown and plain text is meant to fail: only JSON opens.)
    assert sum('"ok": true' in answer for answer in got) > len(got) / 3


def test_questions_need_neither_record_tools_nor_the_rest(
        staged: tuple[dict[str, list[str]], dict[str, Any]]) -> None:
    _, results = staged
    assert results["questions"] == {**results["questions"], "jinja2": False, "records": False, "more": False}
    assert results["records"] == {**results["records"], "jinja2": True, "records": True, "more": False}


@pytest.fixture(autouse=True, scope="module")
def _node() -> None:
    require_tool("node", "Pyodide runs under Node for these tests")
