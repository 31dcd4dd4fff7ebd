// @ts-check
// The helper's worker holds every answer typed, and a page's <meta> security policy does
// not reach a worker: a worker takes its policy only from its own response headers, which
// not every host can set. So the worker guards itself. Imported before anything else in
// worker.mjs, this refuses every way a worker script can reach another origin by itself:
// fetch, XMLHttpRequest, WebSocket, EventSource, importScripts and nested workers. Each is
// replaced, for good (not writable, not configurable), by one that allows only this site's
// own origin (and blob: addresses this site made).
//
// What it cannot stop: a dynamic import() of another origin's module, which no script can
// intercept. The site's own code never does that, and where the host sends the shipped
// policy header (hosting/), the browser refuses it too.

const ORIGIN = self.location.origin;

export class RefusedOrigin extends Error {
  constructor(url) {
    super(`The helper does not connect to other sites (refused ${String(url).slice(0, 200)})`);
    this.name = "SecurityError";
  }
}

export function isOwnOrigin(url) {
  try {
    return new URL(String(url), self.location.href).origin === ORIGIN;
  } catch {
    return false;
  }
}

function check(url) {
  if (!isOwnOrigin(url)) throw new RefusedOrigin(url);
}

function lock(name, value) {
  Object.defineProperty(self, name, { value, writable: false, configurable: false, enumerable: false });
}

// The worker may wrap fetch (to count bytes, or answer a request itself), but only behind
// the origin check: wrapFetch puts a wrapper between the check and the browser's fetch.
let inner = self.fetch.bind(self);
export function wrapFetch(wrapper) {
  inner = wrapper(inner);
}
lock("fetch", function fetch(input, init) {
  const url = input instanceof Request ? input.url : input;
  if (!isOwnOrigin(url)) return Promise.reject(new RefusedOrigin(url));
  return inner(input, init);
});

if (typeof XMLHttpRequest === "function") {
  const open = /** @type {Function} */ (XMLHttpRequest.prototype.open);
  Object.defineProperty(XMLHttpRequest.prototype, "open", {
    value: function (method, url, ...rest) {
      check(url);
      return open.call(this, method, url, ...rest);
    },
    writable: false,
    configurable: false,
  });
}

for (const name of ["WebSocket", "EventSource", "Worker", "SharedWorker"]) {
  const Original = self[name];
  if (typeof Original !== "function") continue;
  const Guarded = function (url, ...rest) {
    check(url);
    return new Original(url, ...rest);
  };
  Guarded.prototype = Original.prototype;
  lock(name, Guarded);
}

if (typeof /** @type {any} */ (self).importScripts === "function") {
  const importScripts = /** @type {any} */ (self).importScripts.bind(self);
  lock("importScripts", (...urls) => {
    urls.forEach(check);
    return importScripts(...urls);
  });
}
