// @ts-check
// Reading what the worker says (docs/helper/worker.mjs lists its messages) for the worker
// client (app/engine.mjs): news of the download, Python ready or broken, and the answers
// to calls. The engine keeps the worker's life (starting, restarting, giving up); this
// reads its messages and tells the engine what they mean.

import { loadingEvent } from "./news.mjs";
import { fill, workerReason } from "./text.mjs";

/**
 * @param {{messages: () => import("helper-types").Messages, calls: import("helper-types").Calls,
 *   stall: import("helper-types").StallWatch,
 *   emit: (event: import("helper-types").EngineEvent) => void, totalBytes: number, startupTimeout: number,
 *   state: () => string, onReady: (restarted: boolean, downloaded: number) => void,
 *   restart: (reason: string) => void, fail: (reason: string) => void}} engine what the reader
 *   reports to: the contract's messages, the calls waiting, the stall watch, the engine's
 *   news, the build's download total and start-up limit, and the engine's state and steps
 */
export function createReader({ messages, calls, stall, emit, totalBytes, startupTimeout, state, onReady, restart, fail }) {
  let downloaded = 0; // the worker's own count, unclamped (the "ready" mark carries it)

  // News of the download while Python loads: the step it is on, or how much has arrived.
  /** @param {import("helper-types").WorkerMessage} message */
  function onLoading(message) {
    if (state() !== "loading") return;
    stall.news(true);
    if (message.type === "progress") performance.mark(`infoshare:step-${message.step}`);
    else downloaded = Number.isFinite(Number(message.received)) ? Number(message.received) : 0;
    const event = loadingEvent(message, messages(), totalBytes);
    if (event) emit(event);
  }

  // Before Python is ready: it cannot start here. After: Python itself broke, unless a
  // file sent after "ready" (Jinja2, for records) was missing or damaged (`later`), which
  // a restart would not mend: that stops the helper, as before "ready".
  /** @param {import("helper-types").WorkerMessage} message */
  function onFailed(message) {
    if (state() === "ready" && !message.later) restart(messages().crashed);
    else fail(fill(messages().failed_prefix, workerReason(messages(), message.reason, message.values)));
  }

  /** @param {import("helper-types").WorkerMessage} message */
  function onReply(message) {
    if (message.type === "not_ready") {
      // A call that reached a worker whose Python had not started: answered as Python
      // answers a request it cannot take.
      calls.take(message.id)?.resolve({ ok: false, errors: [{ field: null, message: messages().not_ready }] });
      return;
    }
    const waiter = calls.take(message.id);
    // A reply that is not JSON refuses its call now, rather than at its deadline.
    try {
      waiter?.resolve(JSON.parse(String(message.response)));
    } catch (error) {
      waiter?.reject(error);
    }
  }

  /** One message from the worker. @param {import("helper-types").WorkerMessage} message @param {boolean} restarted */
  return function read(message, restarted) {
    if (message.type === "progress" || message.type === "bytes") {
      onLoading(message);
    } else if (message.type === "ready") {
      onReady(restarted, downloaded);
    } else if (message.type === "failed") {
      onFailed(message);
    } else if (message.type === "complete") {
      // Everything sent after "ready" has arrived: the site's offline.js waits for this
      // before it keeps a copy of the site, so the two never share the connection.
      performance.mark("infoshare:complete");
      document.documentElement.dataset.helperDownloads = "complete";
    } else if (message.type === "waiting") {
      // A record operation waits in the worker for the record tools, still downloading after
      // "ready" on a slow connection: that is not a worker that stopped answering, so its
      // deadline is the download's (the worker says "failed" if the download fails).
      calls.extend(message.id, startupTimeout);
    } else if (message.type === "not_ready" || message.type === "result") {
      onReply(message);
    } else if (message.type === "problem") {
      console.error(message.text);
    }
  };
}
