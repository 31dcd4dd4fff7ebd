// @ts-check
// The helper's worker holds every answer typed, and a page's <meta> security policy does
// not reach a worker: a worker takes its policy only from its own response headers, which
// not every host can set. So the worker guards itself. Imported before anything else in
// worker.mjs, this refuses every way a worker script can reach another origin by itself:
// fetch, XMLHttpRequest, WebSocket, WebSocketStream, WebTransport, EventSource,
// importScripts, Cache.add and addAll, and nested workers. Each is replaced, for good (not
// writable, not configurable), by one that allows only this site's own origin.
//
// Each address is read once, and what was checked is what is used: an object whose
// toString answers differently the second time, or a Proxy dressed as a Request, is turned
// into a string (or a real Request) first, and that string is both checked and handed on.
// A nested worker must be a file of this site: a blob: or data: worker would run code
// without this guard, so both are refused.
//
// What it cannot stop: a dynamic import() of another origin's module, which no script can
// intercept. The site's own code never does that, and where the host sends the shipped
// policy header (hosting/), the browser refuses it too.

const ORIGIN = self.location.origin;
const BASE = self.location.href;

// The worker reports it by its reason and values (see worker.mjs); the page words it from
// the contract (its message worker_reason_refused).
export class RefusedOrigin extends Error {
  /** @param {string} url */
  constructor(url) {
    const shown = url.slice(0, 200);
    super(`refused ${shown}`);
    this.name = "SecurityError";
    this.reason = "refused";
    this.values = { url: shown };
  }
}

// The address of a real Request, or null for anything else (a Proxy around a Request has
// no Request inside it: the browser would read it as a string, through the Proxy).
const requestURL = Object.getOwnPropertyDescriptor(Request.prototype, "url")?.get;
/** @param {unknown} input @returns {string | null} */
function realRequestURL(input) {
  if (!requestURL) return null;
  try {
    return requestURL.call(input);
  } catch {
    return null;
  }
}

// This site's own address (or a blob: address this site made, which reaches no one).
/** @param {unknown} url @param {{files?: boolean}} [options] */
export function isOwnOrigin(url, { files = false } = {}) {
  try {
    const parsed = new URL(String(url), BASE);
    // A worker started from a blob: address runs code this guard never sees.
    return parsed.origin === ORIGIN && (!files || parsed.protocol === "http:" || parsed.protocol === "https:");
  } catch {
    return false;
  }
}

// The one string to check and to use: read once, so it cannot change in between.
/** @param {unknown} url @param {{files?: boolean}} [options] */
function allowed(url, options) {
  const text = String(url);
  if (!isOwnOrigin(text, options)) throw new RefusedOrigin(text);
  return text;
}

// fetch's and Cache's input: a real Request is passed on as it is (its address cannot
// change); anything else becomes the checked string.
/** @param {RequestInfo | URL} input @returns {RequestInfo | URL} */
function allowedInput(input) {
  const real = realRequestURL(input);
  if (real === null) return allowed(input);
  allowed(real);
  return input;
}

/** @param {object} target @param {string} name @param {unknown} value */
function lock(target, name, value) {
  Object.defineProperty(target, name, { value, writable: false, configurable: false, enumerable: false });
}

// The worker may wrap fetch (to count bytes, or answer a request itself), but only behind
// the origin check: wrapFetch puts a wrapper between the check and the browser's fetch.
/** @type {typeof fetch} */
let inner = self.fetch.bind(self);
/** @param {(fetchOwnOrigin: typeof fetch) => typeof fetch} wrapper */
export function wrapFetch(wrapper) {
  inner = wrapper(inner);
}
// (Named "fetch", as the browser's own is.)
lock(self, "fetch", /** @param {RequestInfo | URL} input @param {RequestInit} [init] @returns {Promise<Response>} */
function fetch(input, init) {
  let checked;
  try {
    checked = allowedInput(input);
  } catch (error) {
    return Promise.reject(error);
  }
  return inner(checked, init);
});

if (typeof XMLHttpRequest === "function") {
  const open = /** @type {Function} */ (XMLHttpRequest.prototype.open);
  lock(XMLHttpRequest.prototype, "open", /** @this {XMLHttpRequest} @param {string} method @param {string | URL} url @param {unknown[]} rest */ function (method, url, ...rest) {
    return open.call(this, method, allowed(url), ...rest);
  });
}

if (typeof Cache === "function") {
  const { add, addAll } = Cache.prototype;
  lock(Cache.prototype, "add", /** @this {Cache} @param {RequestInfo | URL} input */ function (input) {
    let checked;
    try {
      checked = allowedInput(input);
    } catch (error) {
      return Promise.reject(error);
    }
    return add.call(this, checked);
  });
  lock(Cache.prototype, "addAll", /** @this {Cache} @param {Iterable<RequestInfo>} inputs */ function (inputs) {
    let checked;
    try {
      checked = /** @type {RequestInfo[]} */ (Array.from(inputs, allowedInput));
    } catch (error) {
      return Promise.reject(error);
    }
    return addAll.call(this, checked);
  });
}

for (const name of ["WebSocket", "WebSocketStream", "WebTransport", "EventSource", "Worker", "SharedWorker"]) {
  const Original = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (self))[name];
  if (typeof Original !== "function") continue;
  const files = name.endsWith("Worker");
  const Constructor = /** @type {new (url: string, ...rest: unknown[]) => object} */ (Original);
  /** @param {unknown} url @param {unknown[]} rest */
  const Guarded = function (url, ...rest) {
    return new Constructor(allowed(url, { files }), ...rest);
  };
  Guarded.prototype = Original.prototype;
  lock(self, name, Guarded);
}

const workerScope = /** @type {{importScripts?: (...urls: string[]) => void}} */ (/** @type {unknown} */ (self));
if (typeof workerScope.importScripts === "function") {
  const importScripts = workerScope.importScripts.bind(self);
  lock(self, "importScripts", (/** @type {unknown[]} */ ...urls) => importScripts(...urls.map((url) => allowed(url))));
}
