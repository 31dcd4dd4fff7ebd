// @ts-check
// How the worker reports a failure (docs/helper/worker.mjs): by a reason the page words
// from its contract (its message worker_reason_<reason>), with values for the message's
// placeholders; never a sentence of its own. And, while Python starts, the one place a
// start-up failure is reported, at once, rather than left for Pyodide to wait on.

// A failure the page words from its contract: `reason` names its message, `values` fill
// in its placeholders. (Every sentence the page shows is the contract's, not this file's.)
export class Reason extends Error {
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

/** What an error says: its message, or the thing thrown itself. @param {unknown} error */
export function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}

/** The file an address names, for the page to say which file failed. @param {string} url */
export function fileName(url) {
  try {
    return new URL(url, self.location.href).pathname.split("/").pop() || url;
  } catch {
    return String(url);
  }
}

// A failure as the page is sent it: a reason of this worker's (or the guard's, or the
// wheel loader's), with its values, or else the first line of the error's own message
// (Pyodide's messages can carry a long traceback), or "unknown" when there is none.
/** @param {unknown} error a thrown value: anything at all */
export function describe(error) {
  const thrown = /** @type {{reason?: unknown, values?: unknown, message?: unknown} | null | undefined} */ (error);
  if (thrown && typeof thrown.reason === "string") return { reason: thrown.reason, values: thrown.values || {} };
  const text = String((thrown && thrown.message) || error || "");
  return { reason: text.split("\n").find((line) => line.trim()) || text || "unknown" };
}

/** @type {((reason: string, values?: Record<string, string | number>) => void) | null} */
let startupFailed = null;

/**
 * Watches `starting` (Python's start): a start-up failure reported meanwhile (a file
 * missing, damaged or refused) rejects at once, with its reason.
 * @template T @param {Promise<T>} starting @returns {Promise<T>}
 */
export function untilStartupFails(starting) {
  /** @type {Promise<never>} */
  const failure = new Promise((_, reject) => {
    startupFailed = (reason, values) => reject(new Reason(reason, values));
  });
  const done = () => { startupFailed = null; };
  return Promise.race([failure, starting]).finally(done);
}

/** Reports a start-up failure (nothing, once Python has started). @param {string} reason @param {Record<string, string | number>} [values] */
export function startupFailure(reason, values) {
  startupFailed?.(reason, values);
}
