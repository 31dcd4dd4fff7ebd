// @ts-check
// The worker's downloads (docs/helper/worker.mjs): every file Python needs comes from the
// runtime folder on this site, through the guard's check (../guard.mjs), and a file that
// cannot be had is reported by name. Pyodide's own requests go through here too: the
// WebAssembly it asks for gets a placeholder when it has been compiled already (wasm.mjs),
// and the standard library is counted for the progress bar.

import { counted } from "./progress.mjs";
import { Reason, fileName, messageOf, startupFailure } from "./reasons.mjs";
import { compiledWasm } from "./wasm.mjs";

/** The browser's own fetch, behind the guard's check (set by throughChecks, below). @type {typeof fetch} */
let rawFetch = fetch;

/**
 * A file needed to start: a failure to download it is a start-up failure, by name.
 * @param {RequestInfo | URL} input @param {RequestInit} [init]
 */
export async function checkedFetch(input, init) {
  const url = input instanceof Request ? input.url : String(input);
  let response;
  try {
    response = await rawFetch(input, init);
  } catch (error) {
    startupFailure("download_failed", { file: fileName(url), detail: messageOf(error) });
    throw error;
  }
  if (!response.ok) startupFailure("download_http", { file: fileName(url), status: response.status });
  return response;
}

// Whether `url` is the runtime's file `name` (whatever its query or fragment).
const isFile = (/** @type {string} */ url, /** @type {string} */ name) => url.split(/[?#]/)[0].endsWith(`/${name}`);

/**
 * The worker's fetch, for the guard to put behind its check (its wrapFetch): Pyodide's
 * requests, with the placeholder, the count and the start-up failures above.
 * @param {typeof fetch} fetchOwnOrigin the browser's fetch, behind the guard's check
 * @returns {typeof fetch}
 */
export function throughChecks(fetchOwnOrigin) {
  rawFetch = fetchOwnOrigin;
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (isFile(url, "pyodide.asm.wasm") && (await compiledWasm)) {
      return new Response(new Uint8Array(0), { headers: { "Content-Type": "application/wasm" } });
    }
    if (isFile(url, "python_stdlib.zip")) return counted(await checkedFetch(input, init));
    return checkedFetch(input, init);
  };
}

// A file downloaded after "ready", through the worker's guarded fetch; the message names
// the file, as a start-up failure does.
/** @param {string} url */
export async function download(url) {
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

// The runtime's list of packages, as JSON of the shape Pyodide reads. Anything else (a
// host's error page, a file cut short) is refused by name: the parser's message would
// quote the bytes, and they are not the practitioner's business.
const LOCK_DAMAGED = "lock_damaged";
/** @param {Response} response */
export async function readLock(response) {
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
    startupFailure(LOCK_DAMAGED);
    throw new Reason(LOCK_DAMAGED);
  }
  return /** @type {import("runtime-wheels").Lock} */ (lock);
}
