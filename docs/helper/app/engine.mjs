// @ts-check
// The worker client: starts the helper's Python in a module Web Worker and carries calls
// to it. Python (infoshare.bridge.call) answers every call with JSON; this module only
// moves messages, reports how loading is going, and says when Python cannot run.
//
// Every call has a deadline. A worker that misses one, dies or says Python broke is
// replaced by a new one; the page keeps every answer, says what happened and offers
// the draft. A download that stops moving is reported while it keeps trying.
//
// Its events for subscribers are types.mjs's EngineEvent (build_scripts/js-types/app/).
// The worker names its steps and its reasons; the contract's messages word them here.
// Its parts: calls.mjs (the calls waiting), replies.mjs (what the worker says), news.mjs
// (the events), stall.mjs (a download that stops), wasm.mjs (Python's WebAssembly).

import { createCalls, deferred, interrupted } from "./calls.mjs";
import { createNews } from "./news.mjs";
import { createReader } from "./replies.mjs";
import { createStallWatch } from "./stall.mjs";
import { fill, messageOf } from "./text.mjs";
import { compileWasmFor } from "./wasm.mjs";

// `config` is the boot script's data- attributes (its files, and its time limits and how
// many restarts are allowed before the helper says it cannot run here: the contract's
// infoshare.contract.TIMEOUTS, which the build writes there); `messages`
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
  const startupTimeout = Number(config.startupTimeout);
  const maxRestarts = Number(config.maxRestarts);
  const doc = document.documentElement;
  const { emit, subscribe } = createNews();
  const calls = createCalls({
    onMissed(ms, reject) {
      reject(interruption());
      restart(fill(messages().stopped, Math.round(ms / 1000)));
    },
  });
  const stall = createStallWatch({
    ms: Number(config.stallTimeout),
    onStalled: (seconds) => emit({ type: "stalled", seconds }),
    onMoving: () => emit({ type: "moving" }),
  });
  const totalBytes = Number(config.downloadBytes) || 0;
  /** @type {Worker | null} */
  let worker = null;
  let restarts = 0;
  let readiness = deferred(); // settles when the current worker is ready, or the helper has failed
  /** @type {ReturnType<typeof setTimeout> | undefined} */
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
      return calls.send(current, request, callTimeout);
    },
    // The listener hears the latest news at once, then every change.
    /** @param {(event: import("helper-types").EngineEvent) => void} listener */
    subscribe(listener) {
      subscribe(listener, engine.state === "loading");
    },
  };
  const interruption = () => interrupted(messages().call_interrupted);

  /** @param {string} value */
  function setState(value) {
    engine.state = value;
    doc.dataset.helperState = value;
  }

  function stopWorker() {
    clearTimeout(startupTimer);
    stall.stop();
    if (worker) worker.terminate();
    worker = null;
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
    calls.rejectAll(new Error(messages().call_stopped));
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
    calls.rejectAll(interruption());
    readiness = deferred();
    setState("loading");
    emit({ type: "interrupted", reason });
    startWorker({ restarted: true });
  }

  /** @param {boolean} restarted @param {number} downloaded */
  function onReady(restarted, downloaded) {
    clearTimeout(startupTimer);
    stall.news(false);
    setState("ready");
    performance.mark("infoshare:ready", { detail: { downloaded } });
    emit({ type: "ready", restarted });
    readiness.resolve("ready");
    settleFirst("ready");
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
        if (worker === current) read(event.data || {}, restarted);
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
    compileWasmFor(current, wasm, { compilesWasm: started.compilesWasm, restarted, settled: engine.settled });
    stall.news(engine.state === "loading");
    startupTimer = setTimeout(() => {
      if (engine.state === "loading") fail(messages().timeout_reason, messages().timeout_fix);
    }, startupTimeout);
  }

  const read = createReader({
    messages, calls, stall, emit, totalBytes, startupTimeout, state: () => engine.state, onReady, restart,
    fail: (reason) => fail(reason),
  });

  setState("loading");
  if (blocked) fail(blocked.reason(), blocked.fix());
  else startWorker();
  return engine;
}
