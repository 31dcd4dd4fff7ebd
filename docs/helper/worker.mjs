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
// The practitioner waits only for what the questions need: the engine, the standard
// library modules the questions use, and our own package. Right after "ready" come the
// record tools, which only making or reading a record needs (Jinja2, MarkupSafe and the
// standard library modules records use; a record operation that arrives first waits for
// them), then the rest of the standard library. A damaged or missing record tool is
// reported as a file missing before "ready" is ({type: "failed", later: true}): without
// it the helper cannot make a record.
//
// This module reads the page's messages and answers its calls; its parts, in worker/:
// python.mjs (Python's start, and what follows "ready"), files.mjs (the downloads),
// wasm.mjs (Python's WebAssembly), progress.mjs (how far the start has got) and
// reasons.mjs (how a failure is reported).

// First of all: this worker refuses every request to another origin (see guard.mjs).
import { wrapFetch } from "./guard.mjs";
import { checkedFetch, throughChecks } from "./worker/files.mjs";
import { countFile, readFileBytes, reportBytes } from "./worker/progress.mjs";
import { addMoreStdlib, addRecordTools, load } from "./worker/python.mjs";
import { describe, untilStartupFails } from "./worker/reasons.mjs";
import { compileWasmHere, receiveWasm } from "./worker/wasm.mjs";

// Pyodide's requests, and this worker's, go through the guard's check, then files.mjs's.
wrapFetch(throughChecks);

/** Python's infoshare.bridge.call, once Python has started. @type {((request: string) => string) | null} */
let bridgeCall = null;

// A violation inside the worker is not seen by the page; pass it on so it is not silent.
self.addEventListener("securitypolicyviolation", (event) => {
  self.postMessage({
    type: "problem",
    text: `Content-Security-Policy blocked ${event.blockedURI} (${event.violatedDirective})`,
  });
});

/** @param {string} runtime @param {string[]} packages @param {boolean} pageCompilesWasm */
async function start(runtime, packages, pageCompilesWasm) {
  try {
    const loaded = await untilStartupFails(load(runtime, packages, pageCompilesWasm));
    bridgeCall = loaded.call;
    reportBytes();
    self.postMessage({ type: "ready" });
    warmUp();
    // One that cannot be added stops the helper with a message that names it, and nothing
    // typed is lost (the page offers the draft).
    recordTools = addRecordTools(loaded, runtime, packages).then(() => { recordToolsAdded = true; });
    recordTools.catch((error) => self.postMessage({ type: "failed", ...describe(error), later: true }));
    recordTools
      .then(() => addMoreStdlib(loaded, runtime), () => {})
      .then(() => self.postMessage({ type: "complete" }));
  } catch (error) {
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
/** The runtime folder's address, from "init". @type {string | undefined} */
let runtimeURL;

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

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "init") {
    readFileBytes(message.fileBytes);
    runtimeURL = message.runtime;
    start(message.runtime, message.packages, Boolean(message.compilesWasm));
  } else if (message.type === "wasm") {
    if (message.module) {
      // Counted as part of what Python needed, wherever the page got it from.
      countFile(new URL("pyodide.asm.wasm", runtimeURL).href);
      receiveWasm(message.module);
    } else {
      compileWasmHere(runtimeURL, checkedFetch); // the page could not compile it after all
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
