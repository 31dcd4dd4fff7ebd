// Measure Pyodide start-up under Node: each run is a fresh process, so
// nothing is warm but the operating system's file cache.
//
// Usage: node pyodide_startup.mjs [--runs N] [--packages a,b] <pyodide dir> [<pyodide dir> ...]
// e.g.   node build_scripts/runtime/pyodide_startup.mjs node_modules/pyodide .cache/runtime/<key>
//        node build_scripts/runtime/pyodide_startup.mjs --packages infoshare-helper .cache/runtime/<key>
// Prints one JSON line per folder: median / min / max milliseconds for
//   ready:   import pyodide.mjs + loadPyodide (+ the named packages) resolved
//   imports: then `import asyncio, json, hashlib, datetime, re, zipfile`
//            (and `import infoshare` when packages are named)

import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadRuntime } from "./pyodide_node.mjs";

const IMPORTS = "import asyncio, json, hashlib, datetime, re, zipfile";

async function child(dir, packages) {
  const indexURL = path.resolve(dir) + path.sep;
  const t0 = performance.now();
  let pyodide;
  if (packages.length) {
    // As the page does it: our wheels checked and put on sys.path (wheels.mjs).
    ({ pyodide } = await loadRuntime(dir, packages));
  } else {
    const { loadPyodide } = await import(pathToFileURL(path.join(indexURL, "pyodide.mjs")).href);
    pyodide = await loadPyodide({ indexURL, stdout: () => {} });
  }
  const t1 = performance.now();
  pyodide.runPython(IMPORTS + (packages.length ? "\nimport infoshare" : ""));
  const t2 = performance.now();
  const source = pyodide.runPython("import json; json.__file__").endsWith(".py");
  console.log(JSON.stringify({ ready: t1 - t0, imports: t2 - t1, source }));
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return { median: Math.round(median), min: Math.round(sorted[0]), max: Math.round(sorted.at(-1)) };
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === "--child") {
    return child(args[1], args[2] ? args[2].split(",") : []);
  }
  let runs = 5;
  let packages = "";
  const dirs = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--runs") runs = Number(args[++i]);
    else if (args[i] === "--packages") packages = args[++i];
    else dirs.push(args[i]);
  }
  if (!dirs.length) {
    console.error("usage: node pyodide_startup.mjs [--runs N] [--packages a,b] <pyodide dir> ...");
    process.exit(2);
  }
  const self = fileURLToPath(import.meta.url);
  for (const dir of dirs) {
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const out = execFileSync(process.execPath, [self, "--child", dir, packages], { encoding: "utf-8" });
      samples.push(JSON.parse(out.trim().split("\n").at(-1)));
    }
    console.log(JSON.stringify({
      dir,
      stdlib: samples[0].source ? "source (.py)" : "bytecode (.pyc)",
      packages: packages || null,
      runs,
      ready_ms: stats(samples.map((s) => s.ready)),
      imports_ms: stats(samples.map((s) => s.imports)),
    }));
  }
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
