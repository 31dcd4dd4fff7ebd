// Start a built runtime folder under Node the way the browser worker does, stage by stage:
// Pyodide from the folder with the folder's lockfile and the named packages' wheels (as at
// "ready"), then what the page adds right after "ready" (the record tools: the
// dependencies' wheels and the record modules of the standard library), then the rest of
// the standard library. Each wheel is checked and put on sys.path by the folder's own
// wheels.mjs. Shared by the build's own check, the trace that splits the standard
// library, and the Pyodide parity tests.

import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

// Options, each a stage the page reaches after "ready":
//   records (default true): the record tools are added too (Jinja2, MarkupSafe and
//     python_stdlib_records.zip); false leaves Python as it is when the page says "ready".
//   moreStdlib (default false): the rest of the standard library is added too (after the
//     record tools, whatever `records` says, as the page does).
// Returns {pyodide, wheels (the folder's wheels.mjs), lock, read(name), loadMs,
// mountRecordTools(), mountMoreStdlib()}: the last two add a stage that was left out, as
// the page does after "ready" (each once; a second call does nothing).
export async function loadRuntime(dir, packages, { moreStdlib = false, records = true } = {}) {
  const indexURL = path.resolve(dir) + path.sep;
  const started = performance.now();
  const lock = JSON.parse(fs.readFileSync(path.join(indexURL, "pyodide-lock.json"), "utf-8"));
  const [{ loadPyodide }, wheels] = await Promise.all([
    import(pathToFileURL(path.join(indexURL, "pyodide.mjs")).href),
    import(pathToFileURL(path.join(indexURL, "wheels.mjs")).href),
  ]);
  const read = (name) => fs.readFileSync(path.join(indexURL, name));
  const files = await wheels.readWheels(lock, packages, read, "startup");
  const pyodide = await loadPyodide({
    indexURL,
    lockFileContents: lock,
    packageBaseUrl: indexURL,
    // Python's own output goes to stderr, so stdout carries only the JSON report.
    stdout: (m) => console.error(m),
  });
  wheels.mountWheels(pyodide, files);
  const once = (mount) => {
    let done = null;
    return () => (done ??= mount());
  };
  const mountRecordTools = once(async () => {
    wheels.mountWheels(pyodide, await wheels.readWheels(lock, packages, read, "later"));
    wheels.mountStdlib(pyodide, wheels.RECORDS_STDLIB, read(wheels.RECORDS_STDLIB));
  });
  // After the record tools, as the page adds them: some of the rest's modules need theirs.
  const mountMoreStdlib = once(async () => {
    await mountRecordTools();
    wheels.mountStdlib(pyodide, wheels.MORE_STDLIB, read(wheels.MORE_STDLIB));
  });
  if (records) await mountRecordTools();
  if (moreStdlib) await mountMoreStdlib();
  const loadMs = Math.round(performance.now() - started);
  return { pyodide, wheels, lock, read, loadMs, mountRecordTools, mountMoreStdlib };
}
