// Start a built runtime folder under Node the way the browser worker does:
// indexURL and lockFileURL point at the folder, and the packages are named up
// front. Shared by the build's own check and the Pyodide parity tests.

import path from "node:path";
import { pathToFileURL } from "node:url";

export async function loadRuntime(dir, packages) {
  const indexURL = path.resolve(dir) + path.sep;
  const started = performance.now();
  const { loadPyodide } = await import(pathToFileURL(path.join(indexURL, "pyodide.mjs")).href);
  const pyodide = await loadPyodide({
    indexURL,
    lockFileURL: path.join(indexURL, "pyodide-lock.json"),
    packages,
    // Python's own output goes to stderr, so stdout carries only the JSON report.
    stdout: (m) => console.error(m),
  });
  return { pyodide, loadMs: Math.round(performance.now() - started) };
}
