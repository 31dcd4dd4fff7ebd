// Start a built runtime folder under Node the way the browser worker does:
// Pyodide from the folder with the folder's lockfile, then the named packages'
// wheels (and their dependencies) checked and put on sys.path by the folder's
// own wheels.mjs. Shared by the build's own check and the Pyodide parity tests.

import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

// With moreStdlib, the rest of the standard library is added too, as the page does
// once the helper is ready; without it Python has only the part the helper uses.
export async function loadRuntime(dir, packages, { moreStdlib = false } = {}) {
  const indexURL = path.resolve(dir) + path.sep;
  const started = performance.now();
  const lock = JSON.parse(fs.readFileSync(path.join(indexURL, "pyodide-lock.json"), "utf-8"));
  const [{ loadPyodide }, wheels] = await Promise.all([
    import(pathToFileURL(path.join(indexURL, "pyodide.mjs")).href),
    import(pathToFileURL(path.join(indexURL, "wheels.mjs")).href),
  ]);
  const files = await wheels.readWheels(lock, packages, (name) => fs.readFileSync(path.join(indexURL, name)));
  const pyodide = await loadPyodide({
    indexURL,
    lockFileContents: lock,
    packageBaseUrl: indexURL,
    // Python's own output goes to stderr, so stdout carries only the JSON report.
    stdout: (m) => console.error(m),
  });
  wheels.mountWheels(pyodide, files);
  if (moreStdlib) wheels.mountMoreStdlib(pyodide, fs.readFileSync(path.join(indexURL, wheels.MORE_STDLIB)));
  return { pyodide, loadMs: Math.round(performance.now() - started) };
}
