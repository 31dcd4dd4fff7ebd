// @ts-check
// Put the helper's wheels, and later the rest of the standard library, on Python's
// import path, as they are.
//
// In two stages: before the helper is ready, only the packages the page names (our own,
// `infoshare`), which is all the questions need; right after, their dependencies (Jinja2
// and MarkupSafe, which only making a record needs) and the rest of the standard
// library. So the practitioner waits for the smallest download that can answer.
//
// Shipped in the runtime folder as wheels.mjs and used both by the browser worker
// (docs/helper/worker.mjs) and under Node (build_scripts/runtime/pyodide_node.mjs), so the
// build's check and the parity tests start Python exactly as the page does.
//
// The wheels hold pure-Python bytecode, and Python imports straight from a zip file
// on sys.path (zipimport), so they are not unpacked. Pyodide's loadPackage() would
// unpack each wheel into site-packages with Python's zipfile and shutil, which in a
// browser costs about a quarter of a second of start-up on a slow laptop, and adds
// nothing this helper needs. The lockfile stays the one list of what is loaded: its
// file names, its dependencies and its SHA-256 digests, which are checked here.

const WHEEL_DIR = "/wheels";

/** Pyodide, as loadPyodide() gives it (the pinned npm package's own types). @typedef {import("pyodide").PyodideAPI} Pyodide */
/** One package in pyodide-lock.json: what this file reads of it. @typedef {{name?: string, file_name: unknown, depends?: string[], sha256: string}} LockEntry */
/** pyodide-lock.json, or anything else that came in its place. @typedef {{packages?: Record<string, LockEntry>} | null | undefined} Lock */
/** A wheel's entry and its checked bytes. @typedef {{entry: LockEntry & {file_name: string}, bytes: ArrayBuffer | Uint8Array}} Wheel */

// A problem with the runtime's wheels, named by its `reason`, with `values` for the
// message's placeholders. The page words it from its contract (the message
// worker_reason_<reason>, infoshare.contract.MESSAGES), as it does the worker's own
// reasons, so no sentence of this file ever reaches the page; the error's message, for a
// developer reading the build's output, is the reason and values as they are.
export class WheelError extends Error {
  /**
   * @param {string} reason
   * @param {Record<string, string>} values
   */
  constructor(reason, values) {
    super(`${reason} ${JSON.stringify(values)}`);
    this.name = "WheelError";
    this.reason = reason;
    this.values = values;
  }
}

// The lockfile entries for `names` and everything they depend on, dependencies
// first, each once. Throws a WheelError on a name the lockfile lacks or a wheel that is
// not pure Python (zipimport cannot load compiled extensions).
/** @param {Lock} lock @param {string[]} names @returns {(LockEntry & {file_name: string})[]} */
export function wheelsToLoad(lock, names) {
  const packages = (lock && lock.packages) || {};
  /** @type {(LockEntry & {file_name: string})[]} */
  const order = [];
  const seen = new Set();
  const visit = (/** @type {string} */ name, /** @type {string | null} */ from) => {
    if (seen.has(name)) return;
    seen.add(name);
    // Own entries only: "__proto__" or "constructor" is no package, whatever an object inherits.
    const entry = Object.hasOwn(packages, name) ? packages[name] : null;
    if (!entry) {
      throw from ? new WheelError("wheel_dependency_not_listed", { name, needed_by: from })
        : new WheelError("wheel_not_listed", { name });
    }
    // The name becomes a path in Python's file system: one plain file name, never a folder.
    if (typeof entry.file_name !== "string" || !/^[A-Za-z0-9_.+-]+\.whl$/.test(entry.file_name)) {
      throw new WheelError("wheel_bad_name", { file: JSON.stringify(String(entry.file_name)).slice(0, 200) });
    }
    if (!/-none-any\.whl$/.test(entry.file_name)) {
      throw new WheelError("wheel_not_pure", { file: entry.file_name });
    }
    for (const dep of entry.depends || []) visit(dep, name);
    order.push(/** @type {LockEntry & {file_name: string}} */ (entry));
  };
  for (const name of names) visit(name, null);
  return order;
}

/** @param {ArrayBuffer} buffer */
function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}

// The two stages: "startup" is the named packages themselves, "later" what they depend
// on, "all" both; each in the order wheelsToLoad gives (dependencies first).
export const STAGES = ["startup", "later", "all"];
/** @param {Lock} lock @param {string[]} names @param {string} [stage] */
export function wheelsForStage(lock, names, stage = "all") {
  if (!STAGES.includes(stage)) throw new WheelError("wheel_stage", { stage: String(stage) });
  const all = wheelsToLoad(lock, names);
  if (stage === "all") return all;
  const packages = (lock && lock.packages) || {};
  const named = new Set(names.map((name) => packages[name]));
  return all.filter((entry) => named.has(entry) === (stage === "startup"));
}

// Resolves when `bytes` have the entry's SHA-256; otherwise rejects with a WheelError
// that names the file.
/** @param {LockEntry & {file_name: string}} entry @param {ArrayBuffer | Uint8Array} bytes */
export async function checkWheel(entry, bytes) {
  const digest = hex(await crypto.subtle.digest("SHA-256", /** @type {BufferSource} */ (bytes)));
  if (digest !== entry.sha256) {
    throw new WheelError("wheel_damaged", { file: entry.file_name });
  }
}

// Every wheel `names` need at `stage` (see wheelsForStage), read with `read(fileName)` (a
// fetch in the browser, a file read under Node) and checked: [{entry, bytes}], ready for
// mountWheels.
/**
 * @param {Lock} lock @param {string[]} names
 * @param {(fileName: string) => Promise<ArrayBuffer | Uint8Array>} read @param {string} [stage]
 * @returns {Promise<Wheel[]>}
 */
export function readWheels(lock, names, read, stage = "all") {
  return Promise.all(wheelsForStage(lock, names, stage).map(async (entry) => {
    const bytes = await read(entry.file_name);
    await checkWheel(entry, bytes);
    return { entry, bytes };
  }));
}

/** @param {Pyodide} pyodide @param {[string, ArrayBuffer | Uint8Array][]} files */
function appendToPath(pyodide, files) {
  const sysPath = pyodide.pyimport("sys").path;
  try {
    for (const [path, bytes] of files) {
      pyodide.FS.writeFile(path, new Uint8Array(bytes));
      sysPath.append(path);
    }
  } finally {
    sysPath.destroy();
  }
  // No importlib.invalidate_caches(): each zip is a new sys.path entry, written before it
  // is added, so no finder has a stale view of it (and that call imports
  // importlib.metadata, which the helper otherwise never needs).
}

// Write each checked wheel into Pyodide's file system and add it to the end of
// sys.path, where installed packages would be: a wheel cannot shadow the stdlib.
/** @param {Pyodide} pyodide @param {Wheel[]} wheels */
export function mountWheels(pyodide, wheels) {
  pyodide.FS.mkdirTree(WHEEL_DIR);
  appendToPath(pyodide, wheels.map(({ entry, bytes }) => /** @type {[string, ArrayBuffer | Uint8Array]} */ (
    [`${WHEEL_DIR}/${entry.file_name}`, bytes])));
}

// Python starts from the modules of the standard library the questions need
// (python_stdlib.zip, see build_scripts/runtime/stdlib_split.py). Right after "ready" the
// page adds the modules only making or reading a record needs (python_stdlib_records.zip,
// with Jinja2 and MarkupSafe), then the rest, for anything the helper might still need.
//
// The split is module by module, so a package can have modules in more than one part (the
// codecs in `encodings`, say). Python looks for a package's submodules only in the folders
// where it found the package (its __path__), so a finder, last on sys.meta_path, looks for
// a submodule that was not found there in the same folder of the other parts. A module in
// a later part never shadows one Python already found.
export const RECORDS_STDLIB = "python_stdlib_records.zip";
export const MORE_STDLIB = "python_stdlib_more.zip";
const PARTS_FINDER = String.raw`
import sys
from importlib.machinery import PathFinder

class StdlibPartsFinder:
    def __init__(self, first):
        self.roots = [first]

    def find_spec(self, fullname, path=None, target=None):
        if not path:
            return None  # a top-level module: every part is on sys.path
        folders = []
        for entry in path:
            root = next((r for r in self.roots if isinstance(entry, str) and entry.startswith(r)), None)
            if root is not None:
                folders += [other + entry[len(root):] for other in self.roots if other != root]
        return PathFinder.find_spec(fullname, folders) if folders else None

def install(part):
    finder = next((f for f in sys.meta_path if type(f).__name__ == "StdlibPartsFinder"), None)
    if finder is None:
        finder = StdlibPartsFinder(f"/lib/python{sys.version_info.major}{sys.version_info.minor}.zip/")
        sys.meta_path.append(finder)
    finder.roots.append(part.rstrip("/") + "/")
`;

// Add a later part of the standard library (RECORDS_STDLIB or MORE_STDLIB), as it is.
/** @param {Pyodide} pyodide @param {string} name @param {ArrayBuffer | Uint8Array} bytes */
export function mountStdlib(pyodide, name, bytes) {
  const path = `/lib/${name}`;
  appendToPath(pyodide, [[path, bytes]]);
  const namespace = pyodide.globals.get("dict")();
  try {
    pyodide.runPython(PARTS_FINDER, { globals: namespace });
    const install = namespace.get("install");
    try {
      install(path);
    } finally {
      install.destroy();
    }
  } finally {
    namespace.destroy();
  }
}

/** @param {Pyodide} pyodide @param {ArrayBuffer | Uint8Array} bytes */
export function mountMoreStdlib(pyodide, bytes) {
  mountStdlib(pyodide, MORE_STDLIB, bytes);
}
