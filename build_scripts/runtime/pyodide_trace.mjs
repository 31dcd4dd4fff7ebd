// Find the part of the standard library the helper uses, so the runtime can ship it
// as the zip Python starts from and send the rest after the helper is ready.
//
// Starts a runtime folder (with its whole standard library) the way the page does,
// imports every module of the named packages and their dependencies, then drives
// every operation of the page's bridge, valid and invalid, with the package's example
// decision. Prints one JSON line: the top-level names (packages and modules) of every
// standard-library module that was imported, e.g. ["abc", "asyncio", "encodings", ...].
//
// Usage: node pyodide_trace.mjs <runtime dir> <package>[,<package>...]

import { loadRuntime } from "./pyodide_node.mjs";

const EXERCISE = String.raw`
import importlib, json, pkgutil, sys

for root in ("infoshare", "jinja2", "markupsafe"):
    package = importlib.import_module(root)
    for info in pkgutil.walk_packages(package.__path__, root + "."):
        if info.name.rsplit(".", 1)[-1] != "__main__":
            importlib.import_module(info.name)

from infoshare import bridge, example
from infoshare.questions import PAGE_IDS

def call(**request):
    return json.loads(bridge.call(json.dumps(request)))

answers = dict(example.ANSWERS)
now = example.NOW
for given in ({}, answers, {"urgency": "yes", "case_reference": "x" * 5000, "\u0000": "\ud800"}):
    call(op="pages")
    call(op="path", answers=given)
    call(op="outcome", answers=given)
    call(op="summary", answers=given)
    call(op="draft", answers=given)
    for page_id in PAGE_IDS:
        call(op="step", page=page_id, answers=given, now=now)
        call(op="step", page=page_id, answers=given)
    call(op="seal", answers=given, now=now)
sealed = call(op="seal", answers=answers, now=now)["record"]
files = call(op="render", record=sealed)["files"]
amended = call(op="seal", answers=answers, now="2026-01-16T10:00:00+00:00", original=sealed,
               amendment={"by": "A. Teacher, DSL", "reason": "Corrected the time shared."})
call(op="render", record=amended["record"])
for text in (files["json"], files["html"], files["md"], call(op="draft", answers=answers)["json"],
             "", "{", "[]", json.dumps({"format": "other"})):
    call(op="open", text=text)
broken = json.loads(files["json"])
broken["answers"]["purpose"] = "changed"
call(op="open", text=json.dumps(broken))
call(op="render", record={"not": "a record"})
for request in ("not json", "[]", json.dumps({"op": "nope"}), json.dumps({"op": "seal", "now": "soon"})):
    bridge.call(request)

stdlib = f"/lib/python{sys.version_info.major}{sys.version_info.minor}.zip/"
used = set()
for module in list(sys.modules.values()):
    origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
    if origin.startswith(stdlib):
        used.add(origin[len(stdlib):].split("/", 1)[0].removesuffix(".pyc"))
json.dumps(sorted(used))
`;

async function main() {
  const [dir, packageList] = process.argv.slice(2);
  if (!dir || !packageList) {
    console.error("usage: node pyodide_trace.mjs <runtime dir> <package>[,<package>...]");
    process.exit(2);
  }
  const { pyodide } = await loadRuntime(dir, packageList.split(","));
  process.stdout.write(pyodide.runPython(EXERCISE) + "\n");
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
