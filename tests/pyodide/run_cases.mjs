// Run the table-driven cases inside the BUILT runtime folder under Node,
// loading it the way the browser worker does (build_scripts/runtime/pyodide_node.mjs):
// Pyodide from the folder, our wheels checked and put on sys.path by its wheels.mjs.
//
// Usage: node run_cases.mjs <runtime dir> <packages,comma,separated> <cases.json> <module:function>
//   cases.json: {"<case name>": <case dict>, ...}
// Prints one JSON line: {"facts": {...}, "results": {"<case name>": "<json.dumps(result)>"}}.
// Each result is serialised by Python itself (ASCII-only JSON), so every
// character, lone surrogates included, reaches the comparison unchanged.

import fs from "node:fs";
import { loadRuntime } from "../../build_scripts/runtime/pyodide_node.mjs";

const RUNNER = String.raw`
import importlib, json, sys

def _run_all(cases_json, entry):
    module_name, _, func_name = entry.partition(":")
    func = getattr(importlib.import_module(module_name), func_name)
    results = {}
    for name, case in json.loads(cases_json).items():
        try:
            results[name] = json.dumps(func(case), sort_keys=True, ensure_ascii=True)
        except Exception as exc:  # reported per case; the comparison shows which
            results[name] = json.dumps({"__error__": f"{type(exc).__name__}: {exc}"})
    import infoshare
    facts = {
        "python": sys.version.split()[0],
        "platform": sys.platform,
        "json_file": sys.modules["json"].__file__,
        "infoshare_file": infoshare.__file__,
        "entry_file": sys.modules[module_name].__file__,
        "jinja2_file": sys.modules["jinja2"].__file__ if "jinja2" in sys.modules else None,
        "wheels_on_path": [p for p in sys.path if p.endswith(".whl")],
        "more_stdlib_on_path": any(p.endswith("python_stdlib_more.zip") for p in sys.path),
    }
    return json.dumps({"facts": facts, "results": results})
`;

async function main() {
  const [dir, packages, casesPath, entry] = process.argv.slice(2);
  if (!entry) {
    console.error("usage: node run_cases.mjs <runtime dir> <packages> <cases.json> <module:function>");
    process.exit(2);
  }
  const { pyodide, loadMs } = await loadRuntime(dir, packages.split(","));
  pyodide.runPython(RUNNER);
  const runAll = pyodide.globals.get("_run_all");
  const out = JSON.parse(runAll(fs.readFileSync(casesPath, "utf-8"), entry));
  runAll.destroy();
  out.facts.pyodide = pyodide.version;
  out.facts.load_ms = loadMs;
  process.stdout.write(JSON.stringify(out) + "\n");
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
