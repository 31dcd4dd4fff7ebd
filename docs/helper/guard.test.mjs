// @ts-check
// The worker's guard (guard.mjs) against a fake worker scope: every way out to another
// origin refused, this site's own addresses (and its blob: addresses) allowed, and the
// guarded functions locked in place. Run by `node --test` (make test-js).

import assert from "node:assert/strict";
import { test } from "node:test";

const SITE = "https://site.example";
let loaded = 0;

/** A fresh worker-like scope with recording stand-ins, and the guard imported into it. */
async function guarded() {
  /** @type {string[]} */
  const reached = [];
  class Socket { constructor(/** @type {string} */ url) { reached.push(`socket ${url}`); } }
  class Opened {
    open(/** @type {string} */ method, /** @type {string} */ url) { reached.push(`xhr ${method} ${url}`); }
  }
  const scope = {
    location: { origin: SITE, href: `${SITE}/helper/worker.mjs` },
    fetch: async (/** @type {any} */ input) => { reached.push(`fetch ${input instanceof Request ? input.url : input}`); return "response"; },
    WebSocket: Socket, EventSource: Socket, Worker: Socket,
    importScripts: (/** @type {string[]} */ ...urls) => { reached.push(`import ${urls.join(" ")}`); },
  };
  Object.assign(globalThis, { self: scope, XMLHttpRequest: Opened });
  loaded += 1;
  const guard = await import(`./guard.mjs?scope=${loaded}`);
  return { scope: /** @type {any} */ (scope), guard, reached, XHR: Opened };
}

const ELSEWHERE = [
  "https://evil.example/steal",
  "//evil.example/steal",
  "http://site.example/helper/", // another scheme is another origin
  "https://site.example:8443/", // and another port
  "https://site.example.evil.example/",
  "https://site.example@evil.example/",
  "https:\\\\evil.example\\steal", // backslashes are slashes in a web address
  "  https://evil.example/", // spaces are trimmed
  "HTTPS://EVIL.EXAMPLE/",
  "data:text/plain,answers",
  "javascript:alert(1)",
  "blob:https://evil.example/4d1c",
  "ws://site.example/socket",
  "http://[::1]/",
  "x".repeat(5000) + "://",
];
const OWN = ["/helper/runtime/x.zip", "wheels.mjs", "../x.json", `${SITE}/helper/`, `blob:${SITE}/4d1c`, "?v=1", "#x"];

test("fetch refuses every other origin, before anything is sent", async () => {
  const { scope, guard, reached } = await guarded();
  for (const url of ELSEWHERE) {
    await assert.rejects(scope.fetch(url), guard.RefusedOrigin, url);
    await assert.rejects(scope.fetch(new Request(new URL("https://evil.example/r"))), guard.RefusedOrigin);
  }
  assert.deepEqual(reached, []);
  for (const url of OWN) assert.equal(await scope.fetch(url), "response", url);
  assert.equal(reached.length, OWN.length);
});

test("the refusal names the address, cut short, and never throws on a hostile value", async () => {
  const { guard } = await guarded();
  const error = new guard.RefusedOrigin("https://evil.example/" + "a".repeat(1000));
  assert.equal(error.name, "SecurityError");
  assert.ok(error.message.length < 300);
  // The page words it from the contract (worker_reason_refused), with the address cut short.
  assert.equal(error.reason, "refused");
  assert.equal(error.values.url, "https://evil.example/" + "a".repeat(179));
  const hostile = { toString() { throw new Error("no"); } };
  assert.equal(guard.isOwnOrigin(hostile), false);
  assert.equal(guard.isOwnOrigin(undefined), true); // "undefined" is a relative address here
  assert.equal(guard.isOwnOrigin(null), true);
  assert.equal(guard.isOwnOrigin(Symbol("s")), true); // "Symbol(s)", a relative address
});

test("sockets, event sources, nested workers, importScripts and XMLHttpRequest are guarded", async () => {
  const { scope, reached, XHR } = await guarded();
  for (const url of ELSEWHERE) {
    assert.throws(() => new scope.WebSocket(url), { name: "SecurityError", reason: "refused" });
    assert.throws(() => new scope.EventSource(url), { name: "SecurityError", reason: "refused" });
    assert.throws(() => new scope.Worker(url), { name: "SecurityError", reason: "refused" });
    assert.throws(() => scope.importScripts("own.js", url), { name: "SecurityError", reason: "refused" });
    assert.throws(() => new XHR().open("GET", url), { name: "SecurityError", reason: "refused" });
  }
  assert.deepEqual(reached, []);
  new scope.Worker("/helper/worker.mjs");
  scope.importScripts("a.js", "b.js");
  new XHR().open("GET", "/x");
  assert.deepEqual(reached, ["socket /helper/worker.mjs", "import a.js b.js", "xhr GET /x"]);
});

test("the guarded functions cannot be replaced or removed", async () => {
  const { scope, XHR } = await guarded();
  const guardedFetch = scope.fetch;
  for (const name of ["fetch", "WebSocket", "EventSource", "Worker", "importScripts"]) {
    assert.throws(() => { scope[name] = () => "unguarded"; }, TypeError, name);
    assert.throws(() => { delete scope[name]; }, TypeError, name);
    assert.throws(() => Object.defineProperty(scope, name, { value: 1 }), TypeError, name);
  }
  assert.throws(() => { XHR.prototype.open = () => {}; }, TypeError);
  assert.equal(scope.fetch, guardedFetch);
});

test("a fetch wrapper sits behind the origin check, never before it", async () => {
  const { scope, guard, reached } = await guarded();
  /** @type {string[]} */
  const seen = [];
  guard.wrapFetch((/** @type {Function} */ inner) => (/** @type {string} */ url) => { seen.push(url); return inner(url); });
  await assert.rejects(scope.fetch("https://evil.example/"), guard.RefusedOrigin);
  assert.equal(await scope.fetch("/own"), "response");
  assert.deepEqual(seen, ["/own"]);
  assert.deepEqual(reached, ["fetch /own"]);
});
