// @ts-check
// The worker client: starts the helper's Python in a module Web Worker and carries calls
// to it. Python (infoshare.bridge.call) answers every call with JSON; this module only
// moves messages, reports how loading is going, and says when Python cannot run.
//
// Every call has a deadline. A worker that misses one, dies or says Python broke is
// replaced by a new one; the page keeps every answer, says what happened and offers
// the draft. A download that stops moving is reported while it keeps trying.
//
// Events for subscribers: {type: "progress", step, of, text}, {type: "bytes", received,
// total}, {type: "ready", restarted}, {type: "interrupted", reason},
// {type: "stalled", seconds}, {type: "moving"}, {type: "failed", reason, fix}.
// The worker names its steps and its reasons; the contract's messages word them here.

import { fill, fillIn, messageOf } from "./text.mjs";

// Its time limits, and how many restarts are allowed before the helper gives up and says
// it cannot run here, are the contract's (infoshare.contract.TIMEOUTS), which the build
// writes into the boot script's data- attributes.

// `config` is the boot script's data- attributes (its time limits and files); `messages`
// gives the contract's messages (once the page has them: the engine starts before the page
// is parsed); `startWorker` and `takeFirstWorker` are the boot script's; `blocked`, why
// Python cannot start here at all, or null.
/**
 * @param {{config: DOMStringMap, messages: () => import("helper-types").Messages,
 *   startWorker: import("helper-types").Kit["startWorker"], takeFirstWorker: import("helper-types").Kit["takeFirstWorker"]}} parts
 * @param {import("helper-types").Blocked | null} blocked
 */
export function createEngine({ config, messages, startWorker: newWorker, takeFirstWorker }, blocked) {
  const callTimeout = Number(config.callTimeout);
  const stallTimeout = Number(config.stallTimeout);
  const startupTimeout = Number(config.startupTimeout);
  const maxRestarts = Number(config.maxRestarts);
  const doc = document.documentElement;
  /** @typedef {(event: import("helper-types").EngineEvent) => void} Listener */
  /** @type {Set<Listener>} */
  const listeners = new Set();
  /** @typedef {ReturnType<typeof setTimeout>} Timer */
  /** @typedef {{resolve: (value: import("helper-types").Reply) => void, reject: (error: unknown) => void, timer?: Timer, arm?: (ms: number) => void}} Waiter */
  /** @type {Map<number, Waiter>} */
  const pending = new Map();
  const totalBytes = Number(config.downloadBytes) || 0;
  /** @type {Worker | null} */
  let worker = null;
  let nextId = 1;
  let restarts = 0;
  /** @type {import("helper-types").EngineEvent} */
  let last = { type: "progress", step: 1, of: 3, text: "" };
  /** @type {import("helper-types").EngineEvent | null} */
  let lastBytes = null; // how much of the download has arrived
  let downloaded = 0; // the worker's own count, unclamped (the "ready" mark carries it)
  let readiness = deferred(); // settles when the current worker is ready, or the helper has failed
  /** @type {Timer | undefined} */
  let stallTimer;
  let stalled = false;
  /** @type {Timer | undefined} */
  let startupTimer;

  /** @type {(state: string) => void} */
  let settleFirst = () => {};
  const engine = {
    state: "loading",
    // The first start's outcome, "ready" or "failed" (restarts do not change it; a failure
    // after "ready", see fail(), makes it "failed").
    /** @type {Promise<string>} */
    settled: new Promise((resolve) => { settleFirst = resolve; }),
    // A call waits until Python is ready, and fails if it does not answer in time.
    /** @param {import("helper-types").Request} request @returns {Promise<import("helper-types").Reply>} */
    async call(request) {
      if ((await readiness.promise) !== "ready") throw new Error(messages().call_not_running);
      // The worker that is ready now (a restart may have replaced the one there was).
      const current = worker;
      if (!current) throw new Error(messages().call_not_running);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        /** @type {Waiter} */
        const waiter = { resolve, reject };
        waiter.arm = (ms) => {
          clearTimeout(waiter.timer);
          waiter.timer = setTimeout(() => {
            pending.delete(id);
            reject(interruption());
            restart(fill(messages().stopped, Math.round(ms / 1000)));
          }, ms);
        };
        waiter.arm(callTimeout);
        pending.set(id, waiter);
        current.postMessage({ type: "call", id, request: JSON.stringify(request) });
      });
    },
    // The listener hears the latest news at once, then every change.
    /** @param {Listener} listener */
    subscribe(listener) {
      listeners.add(listener);
      listener(last);
      if (lastBytes && engine.state === "loading") listener(lastBytes);
    },
  };

  function deferred() {
    /** @type {(state: string) => void} */
    let resolve = () => {};
    /** @type {Promise<string>} */
    const promise = new Promise((r) => { resolve = r; });
    return { promise, resolve };
  }

  function interruption() {
    const error = /** @type {Error & {interrupted?: boolean}} */ (new Error(messages().call_interrupted));
    error.interrupted = true;
    return error;
  }

  /** @param {import("helper-types").EngineEvent} event */
  function emit(event) {
    if (event.type === "bytes") lastBytes = event;
    else if (event.type === "progress" || event.type === "ready" || event.type === "failed") last = event;
    for (const listener of listeners) listener(event);
  }

  /** @param {string} value */
  function setState(value) {
    engine.state = value;
    doc.dataset.helperState = value;
  }

  function stopWorker() {
    clearTimeout(startupTimer);
    clearTimeout(stallTimer);
    if (worker) worker.terminate();
    worker = null;
  }

  /** @param {unknown} error */
  function rejectPending(error) {
    for (const waiter of pending.values()) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    pending.clear();
  }

  // Whether this site answers at all: a request the offline copy never answers (HEAD).
  function reachable() {
    return fetch(location.href, { method: "HEAD", cache: "no-store" }).then(() => true, () => false);
  }

  let failing = false;
  /** @param {string} reason @param {string} [fix] */
  function fail(reason, fix = messages().host_fix) {
    if (engine.state === "failed" || failing) return;
    failing = true;
    stopWorker();
    // A file that could not be had, with no network and no offline copy yet, is not the
    // host's fault: say what it is.
    if (fix !== messages().host_fix) failed(reason, fix);
    else reachable().then((online) => online ? failed(reason, fix)
      : failed(fill(messages().offline_reason, reason.replace(/\.$/, "")), messages().offline_fix));
  }

  /** @param {string} reason @param {string} fix */
  function failed(reason, fix) {
    setState("failed");
    rejectPending(new Error(messages().call_stopped));
    emit({ type: "failed", reason, fix });
    // A fresh answer for calls from now on: after "ready" (a record tool that cannot be
    // had, see worker.mjs) the old one already says "ready".
    readiness = deferred();
    readiness.resolve("failed");
    settleFirst("failed");
    // After "ready" too, the page from now on works as it does when Python never started.
    engine.settled = Promise.resolve("failed");
  }

  // The worker stopped answering, or died, after Python had started: start another.
  // Everything typed is on the page, not in the worker, so nothing is lost.
  /** @param {string} reason */
  function restart(reason) {
    if (engine.state === "failed" || failing) return;
    if (!(restarts < maxRestarts)) {
      fail(reason);
      return;
    }
    restarts += 1;
    stopWorker();
    rejectPending(interruption());
    readiness = deferred();
    setState("loading");
    emit({ type: "interrupted", reason });
    startWorker({ restarted: true });
  }

  // While Python downloads, news must keep coming: if none comes for a while, say so.
  function watchForStall() {
    clearTimeout(stallTimer);
    if (stalled) {
      stalled = false;
      emit({ type: "moving" });
    }
    if (engine.state !== "loading") return;
    stallTimer = setTimeout(() => {
      stalled = true;
      emit({ type: "stalled", seconds: Math.round(stallTimeout / 1000) });
    }, stallTimeout);
  }

  // News of the download while Python loads: the step it is on, or how much has arrived.
  /** @param {import("helper-types").WorkerMessage} message */
  function onLoading(message) {
    if (engine.state !== "loading") return;
    watchForStall();
    if (message.type === "progress") {
      performance.mark(`infoshare:step-${message.step}`);
      const text = messages()[`loading_step_${message.step}`] ?? "";
      emit({ type: "progress", step: Number(message.step), of: Number(message.of), text });
      return;
    }
    downloaded = Number.isFinite(Number(message.received)) ? Number(message.received) : 0;
    if (!totalBytes) return;
    emit({ type: "bytes", received: Math.min(Number(message.received) || 0, totalBytes), total: totalBytes });
  }

  /** @param {boolean} restarted */
  function onReady(restarted) {
    clearTimeout(startupTimer);
    watchForStall();
    clearTimeout(stallTimer);
    setState("ready");
    performance.mark("infoshare:ready", { detail: { downloaded } });
    emit({ type: "ready", restarted });
    readiness.resolve("ready");
    settleFirst("ready");
  }

  // The call waiting for answer `id`, taken off the list with its deadline cleared (none
  // if it has been answered or given up already).
  /** @param {unknown} id */
  function takeWaiter(id) {
    const waiter = pending.get(Number(id));
    pending.delete(Number(id));
    if (waiter) clearTimeout(waiter.timer);
    return waiter;
  }

  /** @param {import("helper-types").WorkerMessage} message @param {boolean} restarted */
  function onMessage(message, restarted) {
    if (message.type === "progress" || message.type === "bytes") {
      onLoading(message);
    } else if (message.type === "ready") {
      onReady(restarted);
    } else if (message.type === "failed") {
      // Before Python is ready: it cannot start here. After: Python itself broke, unless
      // a file sent after "ready" (Jinja2, for records) was missing or damaged (`later`),
      // which a restart would not mend: that stops the helper, as before "ready".
      if (engine.state === "ready" && !message.later) restart(messages().crashed);
      else fail(fill(messages().failed_prefix, reasonText(message)));
    } else if (message.type === "complete") {
      // Everything sent after "ready" has arrived: the site's offline.js waits for this
      // before it keeps a copy of the site, so the two never share the connection.
      performance.mark("infoshare:complete");
      doc.dataset.helperDownloads = "complete";
    } else if (message.type === "waiting") {
      // A record operation waits in the worker for the record tools, still downloading after
      // "ready" on a slow connection: that is not a worker that stopped answering, so its
      // deadline is the download's (the worker says "failed" if the download fails).
      pending.get(Number(message.id))?.arm?.(startupTimeout);
    } else if (message.type === "not_ready") {
      // A call that reached a worker whose Python had not started: answered as Python
      // answers a request it cannot take.
      takeWaiter(message.id)?.resolve({ ok: false, errors: [{ field: null, message: messages().not_ready }] });
    } else if (message.type === "result") {
      const waiter = takeWaiter(message.id);
      // A reply that is not JSON refuses its call now, rather than at its deadline.
      try {
        waiter?.resolve(JSON.parse(String(message.response)));
      } catch (error) {
        waiter?.reject(error);
      }
    } else if (message.type === "problem") {
      console.error(message.text);
    }
  }


  // The worker's reason for a failure, in the contract's words (worker_reason_<name>, its
  // {placeholders} filled from the worker's values); anything else is Python's own message.
  /** @param {import("helper-types").WorkerMessage} message */
  function reasonText({ reason, values }) {
    const key = `worker_reason_${reason}`;
    if (!Object.hasOwn(messages(), key)) return String(reason);
    return fillIn(messages()[key], values && typeof values === "object" ? /** @type {Record<string, unknown>} */ (values) : {});
  }

  /** @param {{restarted?: boolean}} [options] */
  function startWorker({ restarted = false } = {}) {
    let started;
    try {
      started = (!restarted && takeFirstWorker()) || newWorker({ restarted });
    } catch (error) {
      fail(fill(messages().worker_refused, messageOf(error)));
      return;
    }
    const current = started.worker;
    worker = current;
    // Messages from a worker that has since been replaced are ignored.
    started.listen({
      message(event) {
        if (worker === current) onMessage(event.data || {}, restarted);
      },
      error(event) {
        event.preventDefault();
        if (worker !== current) return;
        if (engine.state === "ready") restart(messages().crashed);
        else fail(fill(messages().worker_stopped, event.message ? ` (${event.message})` : ""));
      },
      messageerror() {
        if (worker === current) fail(messages().worker_garbled);
      },
    });
    const wasm = new URL("pyodide.asm.wasm", new URL(String(config.runtime), location.href));
    // Chromium keeps compiled WebAssembly for the page between visits, but not for
    // workers. So on a return visit (the boot script came from the browser's cache, and
    // so, almost certainly, did Python's WebAssembly) the WebAssembly is compiled here,
    // which then takes a fraction of the time, and handed to the worker. On a first visit
    // the worker compiles it as soon as it starts, and once Python is ready the page
    // compiles it once more in the background so that the next visit finds a kept copy.
    // Compiling is asynchronous and runs off the main thread.
    if (started.compilesWasm) {
      // (The worker counts the module's size, from the build, in what Python needed.)
      WebAssembly.compileStreaming(fetch(wasm))
        .then((module) => current.postMessage({ type: "wasm", module }))
        .catch(() => current.postMessage({ type: "wasm", module: null }));
    } else if (typeof WebAssembly.compileStreaming === "function" && !restarted) {
      engine.settled.then((state) => {
        if (state === "ready") WebAssembly.compileStreaming(fetch(wasm)).catch(() => {});
      });
    }
    watchForStall();
    startupTimer = setTimeout(() => {
      if (engine.state === "loading") fail(messages().timeout_reason, messages().timeout_fix);
    }, startupTimeout);
  }

  setState("loading");
  if (blocked) fail(blocked.reason(), blocked.fix());
  else startWorker();
  return engine;
}
