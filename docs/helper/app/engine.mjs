// The worker client: starts the helper's Python in a module Web Worker and carries calls
// to it. Python (infoshare.bridge.call) answers every call with JSON; this module only
// moves messages, reports how loading is going, and says when Python cannot run.
//
// Events for subscribers: {type: "progress", step, of, text}, {type: "bytes", received,
// total}, {type: "ready"}, {type: "failed", reason, fix}.

const STARTUP_TIMEOUT_MS = 120_000;

export function createEngine(kit, blocked) {
  const { config } = kit;
  const messages = () => kit.contract().messages;
  const doc = document.documentElement;
  const listeners = new Set();
  const pending = new Map();
  let worker = null;
  let nextId = 1;
  let last = { type: "progress", step: 1, of: 3, text: "" };
  let lastBytes = null; // how much of the download has arrived
  const totalBytes = Number(config.downloadBytes) || 0;
  let settle;
  const engine = {
    state: "loading",
    settled: new Promise((resolve) => { settle = resolve; }),
    // Calls wait until Python is ready; they reject if it never is.
    async call(request) {
      if ((await engine.settled) !== "ready" || engine.state !== "ready") throw new Error("the helper is not running");
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ type: "call", id, request: JSON.stringify(request) });
      });
    },
    // The listener hears the latest news at once, then every change.
    subscribe(listener) {
      listeners.add(listener);
      listener(last);
      if (lastBytes && engine.state === "loading") listener(lastBytes);
    },
  };

  function emit(event) {
    if (event.type === "bytes") lastBytes = event;
    else last = event;
    for (const listener of listeners) listener(event);
  }

  function setState(value) {
    engine.state = value;
    doc.dataset.helperState = value;
  }

  function fail(reason, fix = messages().host_fix) {
    if (engine.state === "failed") return;
    setState("failed");
    if (worker) worker.terminate();
    for (const waiter of pending.values()) waiter.reject(new Error("the helper stopped"));
    pending.clear();
    emit({ type: "failed", reason, fix });
    settle("failed");
  }

  // Whether this script came from the browser's cache: a return visit.
  function returnVisit() {
    const entry = performance.getEntriesByType("resource").find((e) => /\/helper\.js(\?|$)/.test(e.name));
    return Boolean(entry && entry.transferSize === 0 && entry.decodedBodySize > 0);
  }

  function onMessage(event) {
    const message = event.data || {};
    if (message.type === "progress") {
      if (engine.state !== "loading") return;
      performance.mark(`infoshare:step-${message.step}`);
      emit(message);
    } else if (message.type === "bytes") {
      if (engine.state !== "loading" || !totalBytes) return;
      emit({ type: "bytes", received: Math.min(Number(message.received) || 0, totalBytes), total: totalBytes });
    } else if (message.type === "ready") {
      setState("ready");
      performance.mark("infoshare:ready");
      emit({ type: "ready" });
      settle("ready");
    } else if (message.type === "failed") {
      fail(kit.fill(messages().failed_prefix, message.reason));
    } else if (message.type === "result") {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (waiter) waiter.resolve(JSON.parse(message.response));
    } else if (message.type === "problem") {
      console.error(message.text);
    }
  }

  setState("loading");
  if (blocked) {
    fail(blocked.reason(), blocked.fix());
    return engine;
  }
  try {
    worker = new Worker(new URL(config.worker, location.href), { type: "module" });
  } catch (error) {
    fail(kit.fill(messages().worker_refused, error.message));
    return engine;
  }
  worker.addEventListener("message", onMessage);
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    fail(kit.fill(messages().worker_stopped, event.message ? ` (${event.message})` : ""));
  });
  worker.addEventListener("messageerror", () => fail(messages().worker_garbled));
  const runtime = new URL(config.runtime, location.href);
  const wasm = new URL("pyodide.asm.wasm", runtime);
  // Chromium keeps compiled WebAssembly for the page between visits, but not for
  // workers. So on a return visit (the boot script came from the browser's cache, and so,
  // almost certainly, did Python's WebAssembly) the WebAssembly is compiled here, which
  // then takes a fraction of the time, and handed to the worker. On a first visit the
  // worker compiles it as soon as it starts, and once Python is ready the page compiles
  // it once more in the background so that the next visit finds a kept copy. Compiling
  // is asynchronous and runs off the main thread.
  const canCompile = typeof WebAssembly.compileStreaming === "function";
  const compilesWasm = canCompile && returnVisit();
  worker.postMessage({
    type: "init",
    runtime: runtime.href,
    packages: config.packages.split(/\s+/).filter(Boolean),
    compilesWasm,
  });
  if (compilesWasm) {
    WebAssembly.compileStreaming(fetch(wasm))
      .then((module) => worker.postMessage({ type: "wasm", module }))
      .catch(() => worker.postMessage({ type: "wasm", module: null }));
  } else if (canCompile) {
    engine.settled.then((state) => {
      if (state === "ready") WebAssembly.compileStreaming(fetch(wasm)).catch(() => {});
    });
  }
  setTimeout(() => {
    if (engine.state === "loading") fail(messages().timeout_reason, messages().timeout_fix);
  }, STARTUP_TIMEOUT_MS);
  return engine;
}
