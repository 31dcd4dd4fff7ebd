// The decision helper's Python, in a module Web Worker so the page never waits on it.
//
// Messages in:  {type: "init", runtime: URL of the versioned runtime folder, packages: [names],
//                compilesWasm: whether a {type: "wasm", module} message will follow}
//               {type: "wasm", module: the compiled pyodide.asm.wasm, or null}
//               {type: "call", id, request: JSON string}
// Messages out: {type: "progress", step, of, text}
//               {type: "ready"} | {type: "failed", reason}
//               {type: "result", id, response: JSON string}
//               {type: "problem", text}  (a security-policy violation inside the worker)
//
// Everything Pyodide needs comes from the runtime folder on this site: the lockfile
// there lists only this site's wheels, so nothing is ever fetched from a CDN.

const STEPS = 3;
let bridgeCall = null;

function progress(step, text) {
  self.postMessage({ type: "progress", step, of: STEPS, text });
}

// A violation inside the worker is not seen by the page; pass it on so it is not silent.
self.addEventListener("securitypolicyviolation", (event) => {
  self.postMessage({
    type: "problem",
    text: `Content-Security-Policy blocked ${event.blockedURI} (${event.violatedDirective})`,
  });
});

// Pyodide reports some start-up failures (a missing or damaged .wasm file) only as a
// console warning and then waits for ever. Watch its downloads and that warning so a
// failure is reported at once, with the file that caused it.
let startupFailed = null;

// On a return visit the page compiles pyodide.asm.wasm itself, from the browser's cache,
// and sends the compiled module here (see helper.js for why); on a first visit it says
// at once that it will not. Pyodide's request for the file waits for that answer: with
// a module, the request gets a placeholder and the module is instantiated; without
// one, the file is downloaded and compiled here as usual.
let pageCompilesWasm = false;
let receiveWasm;
const compiledWasm = new Promise((resolve) => { receiveWasm = resolve; });
const isWasm = (url) => url.split(/[?#]/)[0].endsWith("/pyodide.asm.wasm");
const realInstantiateStreaming = WebAssembly.instantiateStreaming;
WebAssembly.instantiateStreaming = async (source, imports) => {
  const module = pageCompilesWasm ? await compiledWasm : null;
  if (!module) return realInstantiateStreaming(source, imports);
  return { instance: await WebAssembly.instantiate(module, imports), module };
};

const realFetch = self.fetch.bind(self);
async function checkedFetch(input, init) {
  const url = input instanceof Request ? input.url : String(input);
  let response;
  try {
    response = await realFetch(input, init);
  } catch (error) {
    startupFailed?.(`${fileName(url)} could not be downloaded (${error.message})`);
    throw error;
  }
  if (!response.ok) startupFailed?.(`${fileName(url)} could not be downloaded (HTTP ${response.status})`);
  return response;
}
self.fetch = async (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  if (pageCompilesWasm && isWasm(url) && (await compiledWasm)) {
    return new Response(new Uint8Array(0), { headers: { "Content-Type": "application/wasm" } });
  }
  return checkedFetch(input, init);
};
const realWarn = console.warn.bind(console);
console.warn = (...args) => {
  if (String(args[0]).includes("wasm instantiation failed")) {
    startupFailed?.("the WebAssembly file pyodide.asm.wasm could not be started (it may be damaged, or served without the type application/wasm)");
  }
  realWarn(...args);
};

function fileName(url) {
  try {
    return new URL(url, self.location.href).pathname.split("/").pop() || url;
  } catch {
    return String(url);
  }
}

async function start(runtime, packages) {
  const failure = new Promise((_, reject) => {
    startupFailed = (reason) => reject(new Error(reason));
  });
  try {
    await Promise.race([failure, load(runtime, packages)]);
    startupFailed = null;
    self.postMessage({ type: "ready" });
  } catch (error) {
    startupFailed = null;
    self.postMessage({ type: "failed", reason: describe(error) });
  }
}

async function load(runtime, packages) {
  progress(1, "downloading Python and the helper");
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtime).href);
  // Packages named here download while Pyodide starts, rather than after it.
  const pyodide = await loadPyodide({
    indexURL: runtime,
    lockFileURL: new URL("pyodide-lock.json", runtime).href,
    packages,
    // Python's own output is not for the practitioner; keep the console clean.
    stdout: () => {},
    stderr: () => {},
  });
  progress(2, "starting the helper");
  const bridge = pyodide.pyimport("infoshare.bridge");
  bridgeCall = bridge.call;
  progress(3, "getting the questions ready");
  // A first call loads what the bridge imports lazily, so the first real answer is quick.
  bridgeCall(JSON.stringify({ op: "path", answers: {} }));
}

function describe(error) {
  const text = String((error && error.message) || error || "unknown error");
  // Keep the first line: Pyodide's messages can carry a long traceback.
  return text.split("\n").find((line) => line.trim()) || text;
}

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "init") {
    pageCompilesWasm = Boolean(message.compilesWasm);
    start(message.runtime, message.packages);
  } else if (message.type === "wasm") {
    receiveWasm(message.module || null);
  } else if (message.type === "call") {
    let response;
    if (bridgeCall === null) {
      response = JSON.stringify({ ok: false, errors: [{ field: null, message: "The helper is not ready yet." }] });
    } else {
      try {
        response = bridgeCall(message.request);
      } catch (error) {
        // bridge.call never raises by contract; a failure here means Python itself broke.
        self.postMessage({ type: "failed", reason: describe(error) });
        return;
      }
    }
    self.postMessage({ type: "result", id: message.id, response });
  }
});
