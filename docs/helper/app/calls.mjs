// @ts-check
// The calls waiting for Python's answers (app/engine.mjs sends them): each numbered as it
// is sent, with its deadline, answered or refused by its number, and all refused at once
// when their worker goes. This module alone holds them.

/** @typedef {import("helper-types").Reply} Reply */
/** @typedef {{resolve: (value: Reply) => void, reject: (error: unknown) => void, timer?: ReturnType<typeof setTimeout>}} Waiter */

/**
 * @param {{onMissed: (ms: number, reject: (error: unknown) => void) => void}} hooks what to do
 *   with a call not answered within its deadline of `ms` (it is off the list by then)
 */
export function createCalls({ onMissed }) {
  /** @type {Map<number, Waiter>} */
  const pending = new Map();
  let nextId = 1;

  /** @param {number} id @param {number} ms */
  function arm(id, ms) {
    const waiter = pending.get(id);
    if (!waiter) return;
    clearTimeout(waiter.timer);
    waiter.timer = setTimeout(() => {
      pending.delete(id);
      onMissed(ms, waiter.reject);
    }, ms);
  }

  return {
    /**
     * Sends `request` to `worker`, to be answered within `ms`.
     * @param {Worker} worker @param {import("helper-types").Request} request @param {number} ms
     * @returns {Promise<Reply>}
     */
    send(worker, request, ms) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        arm(id, ms);
        worker.postMessage({ type: "call", id, request: JSON.stringify(request) });
      });
    },
    /** A new deadline for call `id`, if it is still waiting. @param {unknown} id @param {number} ms */
    extend(id, ms) {
      arm(Number(id), ms);
    },
    /**
     * The call waiting for answer `id`, taken off the list with its deadline cleared (none
     * if it has been answered or given up already).
     * @param {unknown} id
     */
    take(id) {
      const waiter = pending.get(Number(id));
      pending.delete(Number(id));
      if (waiter) clearTimeout(waiter.timer);
      return waiter;
    },
    /** Refuses every call still waiting. @param {unknown} error */
    rejectAll(error) {
      for (const waiter of pending.values()) {
        clearTimeout(waiter.timer);
        waiter.reject(error);
      }
      pending.clear();
    },
  };
}

/** An error for a call given up because its worker was replaced: the page does not show it
 * as unexpected (the notice says what happened). @param {string} text */
export function interrupted(text) {
  const error = /** @type {import("helper-types").Interruption} */ (new Error(text));
  error.interrupted = true;
  return error;
}

/** Whether Python is ready for calls, settled once: "ready" or "failed". */
export function deferred() {
  /** @type {(state: string) => void} */
  let resolve = () => {};
  /** @type {Promise<string>} */
  const promise = new Promise((r) => { resolve = r; });
  return { promise, resolve };
}
