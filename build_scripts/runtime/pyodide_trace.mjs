// Find the standard library modules the helper uses, stage by stage, so the runtime can
// ship them as the zip Python starts from (what the questions need), a zip added right
// after "ready" (what only records need), and the rest (stdlib_split.py).
//
// Starts a runtime folder (with its whole standard library) the way the page does: Python
// with our own wheel, as at "ready". Then it drives every question operation the page calls
// on the bridge (step, path, outcome, summary, draft), valid, invalid and hostile, and
// notes the modules imported so far; then it adds Jinja2 and MarkupSafe, as the page does
// right after "ready", and drives the record operations (seal, render, open) the same way.
// Prints one JSON line: {"questions": [...], "records": [...]}, the archive entry of each
// standard-library module imported at each stage (the second without the first), e.g.
// "_pyodide/__init__.pyc", "asyncio/base_events.pyc", "typing.pyc".
//
// Usage: node pyodide_trace.mjs <runtime dir> <package>[,<package>...]

import { loadRuntime } from "./pyodide_node.mjs";

const SETUP = String.raw`
import json, sys

from infoshare import bridge, example
from infoshare.questions import PAGE_IDS

def call(**request):
    return json.loads(bridge.call(json.dumps(request)))

answers = dict(example.ANSWERS)
now = example.NOW
hostile = {"urgency": "yes", "case_reference": "x" * 5000, "\u0000": "\ud800"}
stdlib = f"/lib/python{sys.version_info.major}{sys.version_info.minor}.zip/"

def used():
    found = set()
    for module in list(sys.modules.values()):
        origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
        if origin.startswith(stdlib):
            found.add(origin[len(stdlib):])
    return found
`;

const QUESTIONS = String.raw`
for given in ({}, answers, hostile):
    call(op="path", answers=given)
    call(op="outcome", answers=given)
    call(op="summary", answers=given)
    call(op="draft", answers=given)
    for page_id in PAGE_IDS:
        call(op="step", page=page_id, answers=given, now=now)
        call(op="step", page=page_id, answers=given, completed=list(PAGE_IDS), returning=True)
        call(op="step", page=page_id, answers=given)
for request in ("not json", "[]", "\ud800", "[" * 10000, json.dumps({"op": "nope"})):
    bridge.call(request)
questions = used()
json.dumps(sorted(questions))
`;

const RECORDS = String.raw`
for given in ({}, answers, hostile):
    call(op="seal", answers=given, now=now)
sealed = call(op="seal", answers=answers, now=now)["record"]
files = call(op="render", record=sealed)["files"]
amended = call(op="seal", answers=answers, now="2026-01-16T10:00:00+00:00", original=sealed,
               amendment={"by": "A. Teacher, DSL", "reason": "Corrected the time shared."})
call(op="render", record=amended["record"])
call(op="changes", original=sealed, answers=answers, now=now)
call(op="changes", original={"not": "a record"}, answers=answers, now=now)
for text in (files["json"], files["html"], files["md"], call(op="draft", answers=answers)["json"],
             "", "{", "[]", "[" * 10000, "\ud800", json.dumps({"format": "other"})):
    call(op="open", text=text)
broken = json.loads(files["json"])
broken["answers"]["purpose"] = "changed"
call(op="open", text=json.dumps(broken))
call(op="render", record={"not": "a record"})
call(op="seal", now="soon")
json.dumps(sorted(used() - questions))
`;

async function main() {
  const [dir, packageList] = process.argv.slice(2);
  if (!dir || !packageList) {
    console.error("usage: node pyodide_trace.mjs <runtime dir> <package>[,<package>...]");
    process.exit(2);
  }
  const packages = packageList.split(",");
  const { pyodide, wheels, lock, read } = await loadRuntime(dir, packages, { records: false });
  pyodide.runPython(SETUP);
  const questions = JSON.parse(pyodide.runPython(QUESTIONS));
  // Jinja2 and MarkupSafe, as the page adds them (the standard library is whole here).
  wheels.mountWheels(pyodide, await wheels.readWheels(lock, packages, read, "later"));
  const records = JSON.parse(pyodide.runPython(RECORDS));
  process.stdout.write(JSON.stringify({ questions, records }) + "\n");
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
