// Start a built runtime folder exactly as the browser worker does (indexURL
// and lockFileURL pointing at it, our packages named up front) and report what
// it sees, so the build can refuse to cache a runtime that does not work.
//
// Usage: node pyodide_check.mjs <runtime dir> <package>[,<package>...]
// Prints one JSON line on stdout (see REPORT below). Exits non-zero on failure.

import { loadRuntime } from "./pyodide_node.mjs";

const REPORT = String.raw`
import importlib, json, pkgutil, sys, time
start = time.perf_counter()
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
    "python": sys.version.split()[0],
    "files": {name: sys.modules[name].__file__
              for name in ("json", "asyncio", "zipfile", "jinja2", "markupsafe", "infoshare")},
    "modules": modules,
    "markupsafe_speedups": "markupsafe._speedups" in sys.modules,
    "escape": str(markupsafe.escape("<a & 'b'>")),
    "template": jinja2.Environment(autoescape=True).from_string("{{ x }}").render(x="<b>"),
    "import_ms": round((time.perf_counter() - start) * 1000),
})
`;

async function main() {
  const [dir, packageList] = process.argv.slice(2);
  if (!dir || !packageList) {
    console.error("usage: node pyodide_check.mjs <runtime dir> <package>[,<package>...]");
    process.exit(2);
  }
  const { pyodide, loadMs } = await loadRuntime(dir, packageList.split(","));
  const report = JSON.parse(pyodide.runPython(REPORT));
  report.pyodide = pyodide.version;
  report.load_ms = loadMs;
  process.stdout.write(JSON.stringify(report) + "\n");
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
