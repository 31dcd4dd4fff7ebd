// @ts-check
// Starting the helper's Python (docs/helper/worker.mjs says in what order), and adding,
// after "ready", the record tools and the rest of the standard library.
//
// Everything Pyodide needs comes from the runtime folder on this site: the lockfile
// there lists only this site's wheels, so nothing is ever fetched from a CDN. The wheels
// are checked against the lockfile's SHA-256 and imported from their zips (wheels.mjs in
// that folder), which starts Python sooner than installing them.

import { checkedFetch, download, readLock } from "./files.mjs";
import { countFile, counted, progress } from "./progress.mjs";
import { messageOf } from "./reasons.mjs";
import { compileWasmHere } from "./wasm.mjs";

/** The runtime's wheels.mjs (build_scripts/runtime/runtime_wheels.mjs). @typedef {typeof import("runtime-wheels")} Wheels */
/** Python, started: Pyodide, the wheel loader, the lockfile, and the bridge's call.
 * @typedef {{pyodide: import("pyodide").PyodideAPI, wheels: Wheels,
 *   lock: import("runtime-wheels").Lock, call: (request: string) => string}} Loaded */

/**
 * Starts Python from the runtime folder, with the page's `packages` (our own).
 * @param {string} runtime @param {string[]} packages
 * @param {boolean} pageCompilesWasm whether the page sends the compiled WebAssembly
 * @returns {Promise<Loaded>}
 */
export async function load(runtime, packages, pageCompilesWasm) {
  progress(1);
  const url = (/** @type {string} */ name) => new URL(name, runtime).href;
  // Everything is requested at once: the engine, the lockfile, then the wheels it lists.
  // loadPyodide() imports pyodide.asm.mjs itself and gets this same module instance;
  // it reports a failure to load it, so none is reported here.
  if (!pageCompilesWasm) compileWasmHere(runtime, checkedFetch);
  import(url("pyodide.asm.mjs")).then(() => countFile(url("pyodide.asm.mjs")), () => {});
  const lock = checkedFetch(url("pyodide-lock.json")).then(counted).then(readLock);
  const modules = /** @type {Promise<[typeof import("pyodide"), Wheels]>} */ (
    Promise.all([import(url("pyodide.mjs")), import(url("wheels.mjs"))]));
  modules.then(() => ["pyodide.mjs", "wheels.mjs"].forEach((name) => countFile(url(name))), () => {});
  // Only our own package's wheel: its dependencies (Jinja2, MarkupSafe) follow "ready".
  const fetchWheel = async (/** @type {string} */ name) => (await checkedFetch(url(name)).then(counted)).arrayBuffer();
  const wheelFiles = Promise.all([lock, modules]).then(([lockfile, [, wheels]]) =>
    wheels.readWheels(lockfile, packages, fetchWheel, "startup"));
  // Reported once, below, not as an unhandled rejection meanwhile.
  wheelFiles.catch(() => {});
  const [{ loadPyodide }, wheels] = await modules;
  const pyodide = await loadPyodide({
    indexURL: runtime,
    // (readLock has checked it has the packages Pyodide reads.)
    lockFileContents: /** @type {Promise<import("pyodide").Lockfile>} */ (/** @type {Promise<unknown>} */ (lock)),
    packageBaseUrl: runtime,
    // Python's own output is not for the practitioner; keep the console clean.
    stdout: () => {},
    stderr: () => {},
  });
  progress(3);
  // The wheels go on sys.path as they are (see wheels.mjs), not through loadPackage().
  wheels.mountWheels(pyodide, await wheelFiles);
  const bridge = pyodide.pyimport("infoshare.bridge");
  return { pyodide, wheels, lock: await lock, call: bridge.call };
}

// The record tools: Jinja2 and MarkupSafe (the packages ours depends on, checked against
// the lockfile's SHA-256 like our own) and the standard library modules only records use.
// One that is damaged or missing rejects, with a reason that names it.
/** @param {Loaded} loaded @param {string} runtime @param {string[]} packages @returns {Promise<void>} */
export function addRecordTools({ pyodide, wheels, lock }, runtime, packages) {
  const get = (/** @type {string} */ name) => download(new URL(name, runtime).href);
  return Promise.all([wheels.readWheels(lock, packages, get, "later"), get(wheels.RECORDS_STDLIB)])
    .then(([files, records]) => {
      wheels.mountWheels(pyodide, files);
      wheels.mountStdlib(pyodide, wheels.RECORDS_STDLIB, records);
    });
}

// The rest of the standard library, after the record tools (see wheels.mjs). The helper
// does not use it, so a failure here is only noted, never shown as an error.
/** @param {Loaded} loaded @param {string} runtime */
export async function addMoreStdlib({ pyodide, wheels }, runtime) {
  try {
    const response = await fetch(new URL(wheels.MORE_STDLIB, runtime).href);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    wheels.mountStdlib(pyodide, wheels.MORE_STDLIB, await response.arrayBuffer());
  } catch (error) {
    console.warn(`The rest of Python's standard library was not added (${messageOf(error)}).`);
  }
}
