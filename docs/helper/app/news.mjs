// @ts-check
// The worker client's news (app/engine.mjs): what it tells the page's parts that listen
// (the events listed there), each listener hearing the latest news at once; and the
// worker's reports of its download, as those events.

/** @typedef {import("helper-types").EngineEvent} EngineEvent */
/** @typedef {(event: EngineEvent) => void} Listener */

export function createNews() {
  /** @type {Set<Listener>} */
  const listeners = new Set();
  /** @type {EngineEvent} */
  let last = { type: "progress", step: 1, of: 3, text: "" };
  /** @type {EngineEvent | null} */
  let lastBytes = null; // how much of the download has arrived

  return {
    /** @param {EngineEvent} event */
    emit(event) {
      if (event.type === "bytes") lastBytes = event;
      else if (event.type === "progress" || event.type === "ready" || event.type === "failed") last = event;
      for (const listener of listeners) listener(event);
    },
    /**
     * The listener hears the latest news at once (and, while `loading`, how much has
     * arrived), then every change.
     * @param {Listener} listener @param {boolean} loading
     */
    subscribe(listener, loading) {
      listeners.add(listener);
      listener(last);
      if (lastBytes && loading) listener(lastBytes);
    },
  };
}

/**
 * The worker's report of its download as an event: the step it is on, worded from the
 * contract's messages (loading_step_<n>), or how much has arrived of the build's
 * `totalBytes` (none when the build gave no total).
 * @param {import("helper-types").WorkerMessage} message a "progress" or "bytes" message
 * @param {import("helper-types").Messages} messages
 * @param {number} totalBytes
 * @returns {EngineEvent | null}
 */
export function loadingEvent(message, messages, totalBytes) {
  if (message.type === "progress") {
    const text = messages[`loading_step_${message.step}`] ?? "";
    return { type: "progress", step: Number(message.step), of: Number(message.of), text };
  }
  if (!totalBytes) return null;
  return { type: "bytes", received: Math.min(Number(message.received) || 0, totalBytes), total: totalBytes };
}
