// Start a built runtime folder exactly as the browser worker does, stage by stage, and
// report what it sees, so the build can refuse to cache a runtime that does not work:
//
//   1. "ready": Python from the first part of the standard library, with only the named
//      packages' wheels (indexURL and lockFileURL pointing at the folder): the helper's
//      bridge must import and answer its first call;
//   2. the record tools (Jinja2, MarkupSafe and the record modules of the standard
//      library), as the page adds them right after "ready": a record must seal and
//      render, still without the rest of the stdlib;
//   3. the rest of the standard library: every module of the package must import.
//
// Usage: node pyodide_check.mjs <runtime dir> <package>[,<package>...]
// Prints one JSON line on stdout (see the report below). Exits non-zero on failure.

import { loadRuntime } from "./pyodide_node.mjs";

const READY = String.raw`
import json, sys, time
start = time.perf_counter()
from infoshare import bridge
first_call = json.loads(bridge.call(json.dumps({"op": "path", "answers": {}})))
json.dumps({
    "python": sys.version.split()[0],
    "first_call_ok": first_call.get("ok") is True,
    "jinja2_loaded": "jinja2" in sys.modules,
    "bridge_ms": round((time.perf_counter() - start) * 1000),
})
`;

const RECORD = String.raw`
import json
from infoshare import bridge, example
def call(**request):
    return json.loads(bridge.call(json.dumps(request)))
sealed = call(op="seal", answers=dict(example.ANSWERS), now=example.NOW)
rendered = call(op="render", record=sealed.get("record")) if sealed.get("ok") else {}
json.dumps({"sealed": sealed.get("ok") is True, "rendered": sorted((rendered.get("files") or {}).keys())})
`;

const EVERYTHING = String.raw`
import importlib, json, pkgutil, sys
import asyncio, datetime, hashlib, re, zipfile
import jinja2, markupsafe, infoshare
# Every module of the package must import here, not just its root: a module
# that needs something Pyodide lacks should fail the build, not the browser.
modules = []
for info in pkgutil.walk_packages(infoshare.__path__, "infoshare."):
    if info.name.rsplit(".", 1)[-1] != "__main__":
        importlib.import_module(info.name)
        modules.append(info.name)
json.dumps({
    "files": {name: sys.modules[name].__file__
              for name in ("json", "asyncio", "zipfile", "jinja2", "markupsafe", "infoshare")},
    "modules": modules,
    "markupsafe_speedups": "markupsafe._speedups" in sys.modules,
    "escape": str(markupsafe.escape("<a & 'b'>")),
    "template": jinja2.Environment(autoescape=True).from_string("{{ x }}").render(x="<b>"),
})
`;

async function main() {
  const [dir, packageList] = process.argv.slice(2);
  if (!dir || !packageList) {
    console.error("usage: node pyodide_check.mjs <runtime dir> <package>[,<package>...]");
    process.exit(2);
  }
  const runtime = await loadRuntime(dir, packageList.split(","), { records: false });
  const { pyodide } = runtime;
  const report = { ...JSON.parse(pyodide.runPython(READY)), load_ms: runtime.loadMs, pyodide: pyodide.version };
  await runtime.mountRecordTools();
  report.record = JSON.parse(pyodide.runPython(RECORD));
  await runtime.mountMoreStdlib();
  Object.assign(report, JSON.parse(pyodide.runPython(EVERYTHING)));
  process.stdout.write(JSON.stringify(report) + "\n");
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
