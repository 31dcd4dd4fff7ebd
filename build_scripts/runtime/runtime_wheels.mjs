// Put the helper's wheels, and later the rest of the standard library, on Python's
// import path, as they are.
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

// The lockfile entries for `names` and everything they depend on, dependencies
// first, each once. Throws on a name the lockfile lacks or a wheel that is not
// pure Python (zipimport cannot load compiled extensions).
export function wheelsToLoad(lock, names) {
  const packages = (lock && lock.packages) || {};
  const order = [];
  const seen = new Set();
  const visit = (name, from) => {
    if (seen.has(name)) return;
    seen.add(name);
    const entry = packages[name];
    if (!entry) {
      throw new Error(`pyodide-lock.json has no package "${name}"${from ? ` (needed by ${from})` : ""}`);
    }
    if (!/-none-any\.whl$/.test(entry.file_name)) {
      throw new Error(`${entry.file_name} is not a pure-Python wheel, so it cannot be imported from its zip`);
    }
    for (const dep of entry.depends || []) visit(dep, name);
    order.push(entry);
  };
  for (const name of names) visit(name, null);
  return order;
}

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}

// Resolves when `bytes` have the entry's SHA-256; otherwise rejects with a message
// that names the file.
export async function checkWheel(entry, bytes) {
  const digest = hex(await crypto.subtle.digest("SHA-256", bytes));
  if (digest !== entry.sha256) {
    throw new Error(`${entry.file_name} is damaged or was changed after the build (its SHA-256 does not match pyodide-lock.json)`);
  }
}

// Every wheel `names` need, read with `read(fileName)` (a fetch in the browser, a file
// read under Node) and checked: [{entry, bytes}], ready for mountWheels.
export function readWheels(lock, names, read) {
  return Promise.all(wheelsToLoad(lock, names).map(async (entry) => {
    const bytes = await read(entry.file_name);
    await checkWheel(entry, bytes);
    return { entry, bytes };
  }));
}

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
}

// Write each checked wheel into Pyodide's file system and add it to the end of
// sys.path, where installed packages would be: a wheel cannot shadow the stdlib.
export function mountWheels(pyodide, wheels) {
  pyodide.FS.mkdirTree(WHEEL_DIR);
  appendToPath(pyodide, wheels.map(({ entry, bytes }) => [`${WHEEL_DIR}/${entry.file_name}`, bytes]));
}

// Python starts from the part of the standard library the helper uses
// (python_stdlib.zip, see build_scripts/runtime/stdlib_split.py); this adds the rest, once
// the helper is ready, for anything it might still need. No top-level package is
// split between the two, so the order on sys.path does not matter.
export const MORE_STDLIB = "python_stdlib_more.zip";
export function mountMoreStdlib(pyodide, bytes) {
  appendToPath(pyodide, [[`/lib/${MORE_STDLIB}`, bytes]]);
}
