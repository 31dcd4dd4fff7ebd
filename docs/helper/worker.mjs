// @ts-check
// The decision helper's Python, in a module Web Worker so the page never waits on it.
//
// Messages in:  {type: "init", runtime: URL of the versioned runtime folder, packages: [names],
//                fileBytes: "name:size ..." (the runtime files the browser fetches for this
//                worker, from the build), compilesWasm: whether the page compiles
//                pyodide.asm.wasm and a {type: "wasm", module} message will follow}
//               {type: "wasm", module: the compiled pyodide.asm.wasm, or null when the
//                page could not compile it (this worker then does)}
//               {type: "operations", operations: {role: name} (the bridge's operations, from
//                the contract), recordOps: [the operations that wait for the record tools]}
//               {type: "call", id, request: JSON string}
// Messages out: {type: "progress", step, of}  (the page words each step)
//               {type: "bytes", received}  (how much of the download has arrived, a few times a second)
//               {type: "ready"} | {type: "failed", reason, values?, later?}  (a reason the
//                page words from its contract, worker_reason_<reason> filled from values, or
//                Python's own message)
//               {type: "complete"}  (everything sent after "ready" has arrived, or been given up)
//               {type: "waiting", id}  (the call waits for the record tools, still downloading)
//               {type: "result", id, response: JSON string}
//               {type: "not_ready", id}  (a call that came before Python had started)
//               {type: "problem", text}  (a security-policy violation inside the worker)
//
// Everything Pyodide needs comes from the runtime folder on this site: the lockfile
// there lists only this site's wheels, so nothing is ever fetched from a CDN. The
// wheels are checked against the lockfile's SHA-256 and imported from their zips
// (wheels.mjs in that folder), which starts Python sooner than installing them.
//
// The practitioner waits only for what the questions need: the engine, the standard
// library modules the questions use, and our own package. Right after "ready" come the
// record tools, which only making or reading a record needs (Jinja2, MarkupSafe and the
// standard library modules records use; a record operation that arrives first waits for
// them), then the rest of the standard library. A damaged or missing record tool is
// reported as a file missing before "ready" is ({type: "failed", later: true}): without
// it the helper cannot make a record.

// First of all: this worker refuses every request to another origin (see guard.mjs).
import { wrapFetch } from "./guard.mjs";

/** The runtime's wheels.mjs (build_scripts/runtime/runtime_wheels.mjs). @typedef {typeof import("runtime-wheels")} Wheels */
/** Python, started: Pyodide, the wheel loader, the lockfile, and the bridge's call.
 * @typedef {{pyodide: import("pyodide").PyodideAPI, wheels: Wheels,
 *   lock: import("runtime-wheels").Lock, call: (request: string) => string}} Loaded */

const STEPS = 3;
/** Python's infoshare.bridge.call, once Python has started. @type {((request: string) => string) | null} */
let bridgeCall = null;

/** @param {number} step */
function progress(step) {
  self.postMessage({ type: "progress", step, of: STEPS });
}

// A failure the page words from its contract: `reason` names its message, `values` fill
// in its placeholders. (Every sentence the page shows is the contract's, not this file's.)
class Reason extends Error {
  /**
   * @param {string} reason
   * @param {Record<string, string | number>} [values]
   */
  constructor(reason, values = {}) {
    super(reason);
    this.reason = reason;
    this.values = values;
  }
}

// Download progress: the bytes of every file Python needs to start, counted as they
// arrive (the page knows the total from the build), so a slow connection shows how far
// it has got rather than a bar that only says "busy".
let received = 0;
let reported = 0;
/** @param {number} count */
function addBytes(count) {
  received += count;
  const now = performance.now();
  if (now - reported >= 200) {
    reported = now;
    self.postMessage({ type: "bytes", received });
  }
}
/** @param {Response} response */
function counted(response) {
  if (!response.ok || !response.body || typeof TransformStream !== "function") return response;
  const body = response.body.pipeThrough(new TransformStream({
    transform(chunk, controller) {
      addBytes(chunk.byteLength);
      controller.enqueue(chunk);
    },
  }));
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
// The files the browser fetches, not this script (the module scripts, and the WebAssembly
// the page compiles) are counted once they have arrived, by their size in the build: not
// every browser tells a script their size (Firefox has no resource timing for a module
// served from the offline copy).
/** @type {Map<string, number>} */
let fileBytes = new Map();
/** @param {unknown} text */
function readFileBytes(text) {
  fileBytes = new Map(String(text || "").split(/\s+/).filter(Boolean).map((pair) => {
    const at = pair.lastIndexOf(":");
    return [pair.slice(0, at), Number(pair.slice(at + 1)) || 0];
  }));
}
/** @param {string} url */
function countFile(url) {
  addBytes(fileBytes.get(fileName(url)) || 0);
}

// A violation inside the worker is not seen by the page; pass it on so it is not silent.
self.addEventListener("securitypolicyviolation", (event) => {
  self.postMessage({
    type: "problem",
    text: `Content-Security-Policy blocked ${event.blockedURI} (${event.violatedDirective})`,
  });
});

// A start-up failure (a file missing, damaged or refused) is reported at once, with the
// file that caused it, rather than left for Pyodide to wait on.
/** @type {((reason: string, values?: Record<string, string | number>) => void) | null} */
let startupFailed = null;
// Reasons the page words from the contract (its messages worker_reason_<name>).
const WASM_DAMAGED = "wasm_damaged";

// Python's WebAssembly (pyodide.asm.wasm, the largest file) is compiled before Pyodide
// asks for it, so its download starts the moment this worker does: on a return visit
// the page compiles it from the browser's cache and sends the module here (see
// app/engine.mjs for why); otherwise this worker compiles it as soon as "init" arrives.
// Pyodide's own request for the file then gets a placeholder, and its
// instantiateStreaming() call instantiates the compiled module. No loadPyodide() option
// hands Pyodide a compiled module, so this replaces instantiateStreaming; the build checks
// that the pinned Pyodide still starts that way (build_scripts/runtime/build.py,
// ENGINE_ASSUMPTIONS).
let pageCompilesWasm = false;
/** @type {string | undefined} */
let runtimeURL;
/** @type {(module: WebAssembly.Module | null) => void} */
let receiveWasm = () => {};
/** @type {Promise<WebAssembly.Module | null>} */
const compiledWasm = new Promise((resolve) => { receiveWasm = resolve; });
// Whether `url` is the runtime's file `name` (whatever its query or fragment).
const isFile = (/** @type {string} */ url, /** @type {string} */ name) => url.split(/[?#]/)[0].endsWith(`/${name}`);
const realInstantiateStreaming = WebAssembly.instantiateStreaming;
WebAssembly.instantiateStreaming = /** @type {typeof WebAssembly.instantiateStreaming} */ (async (source, imports) => {
  const module = await compiledWasm;
  progress(2);
  if (module) return { instance: await WebAssembly.instantiate(module, imports), module };
  try {
    return await realInstantiateStreaming(source, imports);
  } catch (error) {
    startupFailed?.(WASM_DAMAGED);
    throw error;
  }
});

/** @param {string | undefined} runtime */
function compileWasmHere(runtime) {
  if (typeof WebAssembly.compileStreaming !== "function") {
    receiveWasm(null);
    return;
  }
  WebAssembly.compileStreaming(checkedFetch(new URL("pyodide.asm.wasm", runtime).href).then(counted))
    .then(receiveWasm, () => {
      // Damaged, or not served as application/wasm: say so now. (A file that could not
      // be downloaded at all has been reported by checkedFetch already.)
      startupFailed?.(WASM_DAMAGED);
      receiveWasm(null);
    });
}

// The runtime's list of packages, as JSON of the shape Pyodide reads. Anything else (a
// host's error page, a file cut short) is refused by name: the parser's message would
// quote the bytes, and they are not the practitioner's business.
const LOCK_DAMAGED = "lock_damaged";
/** @param {Response} response */
async function readLock(response) {
  /** @type {unknown} */
  let lock = null;
  try {
    lock = JSON.parse(await response.text());
  } catch {
    // Refused below.
  }
  const packages = lock && typeof lock === "object" && !Array.isArray(lock)
    ? /** @type {{packages?: unknown}} */ (lock).packages : null;
  if (!packages || typeof packages !== "object" || Array.isArray(packages)) {
    startupFailed?.(LOCK_DAMAGED);
    throw new Reason(LOCK_DAMAGED);
  }
  return /** @type {import("runtime-wheels").Lock} */ (lock);
}

/** The browser's own fetch, behind the guard's check (set by wrapFetch, below). @type {typeof fetch} */
let rawFetch = fetch;
/** @param {RequestInfo | URL} input @param {RequestInit} [init] */
async function checkedFetch(input, init) {
  const url = input instanceof Request ? input.url : String(input);
  let response;
  try {
    response = await rawFetch(input, init);
  } catch (error) {
    startupFailed?.("download_failed", { file: fileName(url), detail: messageOf(error) });
    throw error;
  }
  if (!response.ok) startupFailed?.("download_http", { file: fileName(url), status: response.status });
  return response;
}
// Pyodide's own requests: the WebAssembly it asks for gets the placeholder (see above), the
// standard library is counted for the progress bar, and a failed download is reported.
wrapFetch((fetchOwnOrigin) => {
  rawFetch = fetchOwnOrigin;
  return async (/** @type {RequestInfo | URL} */ input, /** @type {RequestInit | undefined} */ init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (isFile(url, "pyodide.asm.wasm") && (await compiledWasm)) {
      return new Response(new Uint8Array(0), { headers: { "Content-Type": "application/wasm" } });
    }
    if (isFile(url, "python_stdlib.zip")) return counted(await checkedFetch(input, init));
    return checkedFetch(input, init);
  };
});

/** What an error says: its message, or the thing thrown itself. @param {unknown} error */
function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}

/** @param {string} url */
function fileName(url) {
  try {
    return new URL(url, self.location.href).pathname.split("/").pop() || url;
  } catch {
    return String(url);
  }
}

/** @param {string} runtime @param {string[]} packages */
async function start(runtime, packages) {
  const failure = new Promise((_, reject) => {
    startupFailed = (reason, values) => reject(new Reason(reason, values));
  });
  try {
    const loaded = await Promise.race([failure, load(runtime, packages)]);
    startupFailed = null;
    /** @type {(request: string) => string} */
    const call = loaded.call;
    bridgeCall = call;
    self.postMessage({ type: "bytes", received });
    self.postMessage({ type: "ready" });
    warmUp();
    recordTools = addRecordTools(loaded, runtime, packages);
    recordTools
      .then(() => addMoreStdlib(loaded, runtime), () => {})
      .then(() => self.postMessage({ type: "complete" }));
  } catch (error) {
    startupFailed = null;
    self.postMessage({ type: "failed", ...describe(error) });
  }
}

// The operations that make or read a record: they wait for the record tools. The page
// sends them ("operations"), from the contract's table (infoshare.contract.OPERATION_STAGES);
// until then, or if it sends none, every operation waits. (The build's trace finds the
// modules each stage imports, build_scripts/runtime/pyodide_trace.mjs, with these same
// operations in its second stage.)
/** @type {Set<string> | null} */
let recordOps = null;
const waitsForRecordTools = (/** @type {string | null} */ op) => recordOps === null || recordOps.has(String(op));
// Settles once the record tools are on sys.path (rejects if they cannot be).
/** @type {Promise<void> | null} */
let recordTools = null;
let recordToolsAdded = false;

// The bridge's operations by role, from the contract (the page sends them with the list
// above, as soon as it has parsed the contract: before any call, and almost always long
// before Python is ready).
/** @type {Record<string, string> | null} */
let operations = null;
let warmed = false;
// A first call runs the bridge's code once, so the practitioner's first answer is quick;
// the page's own calls queue behind it. It runs once Python is ready and the operations'
// names are known, whichever comes second: either way before the worker reads its next
// message, and the page's calls come after the operations' names.
function warmUp() {
  if (warmed || bridgeCall === null || operations === null || typeof operations.path !== "string") return;
  warmed = true;
  bridgeCall(JSON.stringify({ op: operations.path, answers: {} }));
}

// A file downloaded after "ready", through the worker's guarded fetch; the message names
// the file, as a start-up failure does.
/** @param {string} url */
async function download(url) {
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    if (error instanceof Error && "reason" in error) throw error; // refused by the guard, which says why
    throw new Reason("download_failed", { file: fileName(url), detail: messageOf(error) });
  }
  if (!response.ok) throw new Reason("download_http", { file: fileName(url), status: response.status });
  return response.arrayBuffer();
}

// The record tools: Jinja2 and MarkupSafe (the packages ours depends on, checked against
// the lockfile's SHA-256 like our own) and the standard library modules only records use.
// One that is damaged or missing stops the helper with a message that names it, and
// nothing typed is lost (the page offers the draft).
/** @param {Loaded} loaded @param {string} runtime @param {string[]} packages */
function addRecordTools({ pyodide, wheels, lock }, runtime, packages) {
  const get = (/** @type {string} */ name) => download(new URL(name, runtime).href);
  const tools = Promise.all([wheels.readWheels(lock, packages, get, "later"), get(wheels.RECORDS_STDLIB)])
    .then(([files, records]) => {
      wheels.mountWheels(pyodide, files);
      wheels.mountStdlib(pyodide, wheels.RECORDS_STDLIB, records);
      recordToolsAdded = true;
    });
  tools.catch((error) => self.postMessage({ type: "failed", ...describe(error), later: true }));
  return tools;
}

/** @param {string} runtime @param {string[]} packages @returns {Promise<Loaded>} */
async function load(runtime, packages) {
  progress(1);
  const url = (/** @type {string} */ name) => new URL(name, runtime).href;
  // Everything is requested at once: the engine, the lockfile, then the wheels it lists.
  // loadPyodide() imports pyodide.asm.mjs itself and gets this same module instance;
  // it reports a failure to load it, so none is reported here.
  if (!pageCompilesWasm) compileWasmHere(runtime);
  import(url("pyodide.asm.mjs")).then(() => countFile(url("pyodide.asm.mjs")), () => {});
  const lock = checkedFetch(url("pyodide-lock.json")).then(counted).then(readLock);
  const modules = /** @type {Promise<[typeof import("pyodide"), Wheels]>} */ (
    Promise.all([import(url("pyodide.mjs")), import(url("wheels.mjs"))]));
  modules.then(() => ["pyodide.mjs", "wheels.mjs"].forEach((name) => countFile(url(name))), () => {});
  // Only our own package's wheel: its dependencies (Jinja2, MarkupSafe) follow "ready".
  const wheelFiles = Promise.all([lock, modules]).then(([lockfile, [, wheels]]) =>
    wheels.readWheels(lockfile, packages, async (/** @type {string} */ name) => (await checkedFetch(url(name)).then(counted)).arrayBuffer(),
      "startup"));
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

// The rest of the standard library, after the record tools (see wheels.mjs). The helper
// does not use it, so a failure here is only noted, never shown as an error.
/** @param {Loaded} loaded @param {string} runtime */
async function addMoreStdlib({ pyodide, wheels }, runtime) {
  try {
    const response = await fetch(new URL(wheels.MORE_STDLIB, runtime).href);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    wheels.mountStdlib(pyodide, wheels.MORE_STDLIB, await response.arrayBuffer());
  } catch (error) {
    console.warn(`The rest of Python's standard library was not added (${messageOf(error)}).`);
  }
}

/** @param {(request: string) => string} call @param {unknown} id @param {string} request */
function answer(call, id, request) {
  let response;
  try {
    response = call(request);
  } catch (error) {
    // bridge.call never raises by contract; a failure here means Python itself broke.
    self.postMessage({ type: "failed", ...describe(error) });
    return;
  }
  self.postMessage({ type: "result", id, response });
}

/** @param {string} request @returns {string | null} */
function operation(request) {
  try {
    return JSON.parse(request).op;
  } catch {
    return null; // the bridge answers a request it cannot read
  }
}

// A failure as the page is sent it: a reason of this worker's (or the guard's), with its
// values, or else the first line of the error's own message (Pyodide's messages can carry
// a long traceback), or "unknown" when there is none.
/** @param {unknown} error a thrown value: anything at all */
function describe(error) {
  const thrown = /** @type {{reason?: unknown, values?: unknown, message?: unknown} | null | undefined} */ (error);
  if (thrown && typeof thrown.reason === "string") return { reason: thrown.reason, values: thrown.values || {} };
  const text = String((thrown && thrown.message) || error || "");
  return { reason: text.split("\n").find((line) => line.trim()) || text || "unknown" };
}

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "init") {
    readFileBytes(message.fileBytes);
    pageCompilesWasm = Boolean(message.compilesWasm);
    runtimeURL = message.runtime;
    start(message.runtime, message.packages);
  } else if (message.type === "wasm") {
    if (message.module) {
      // Counted as part of what Python needed, wherever the page got it from.
      countFile(new URL("pyodide.asm.wasm", runtimeURL).href);
      receiveWasm(message.module);
    } else {
      compileWasmHere(runtimeURL); // the page could not compile it after all
    }
  } else if (message.type === "operations") {
    if (Array.isArray(message.recordOps)) recordOps = new Set(message.recordOps.filter((/** @type {unknown} */ op) => typeof op === "string"));
    if (message.operations && typeof message.operations === "object") operations = message.operations;
    warmUp();
  } else if (message.type === "call") {
    // Python and the promise of its record tools are set together, as it starts.
    const call = bridgeCall;
    const tools = recordTools;
    if (call === null || tools === null) {
      self.postMessage({ type: "not_ready", id: message.id });
    } else if (waitsForRecordTools(operation(message.request)) && !recordToolsAdded) {
      // Waits for the record tools, and says so, so that the page does not take the wait
      // for a worker that stopped answering. If they cannot be added, "failed" has been
      // sent and the page stops waiting for this answer.
      self.postMessage({ type: "waiting", id: message.id });
      tools.then(() => answer(call, message.id, message.request), () => {});
    } else {
      answer(call, message.id, message.request);
    }
  }
});
