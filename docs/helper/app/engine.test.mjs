// @ts-check
// The worker client (engine.mjs) with a fake Worker: replies matched to their calls
// whatever their order, deadlines, a worker that dies or sends garbage, restarts, and the
// end of restarts. Run by `node --test` (make test-js).

import assert from "node:assert/strict";
import { test } from "node:test";

import { createEngine } from "./engine.mjs";

const MESSAGES = {
  stopped: "no answer in {detail} s", crashed: "crashed", host_fix: "fix it", failed_prefix: "failed: {detail}",
  worker_refused: "refused: {detail}", worker_stopped: "stopped{detail}", worker_garbled: "garbled",
  timeout_reason: "slow", timeout_fix: "wait", offline_reason: "offline: {detail}", offline_fix: "reconnect",
  call_not_running: "not running", call_interrupted: "interrupted", call_stopped: "stopped", not_ready: "not ready",
  loading_step_1: "step one", worker_reason_download_http: "{file}: HTTP {status}", worker_reason_unknown: "unknown",
};

// What engine.mjs reads from the page, without a page.
Object.assign(globalThis, {
  document: { documentElement: { dataset: {} } },
  location: { href: "https://site.example/helper/" },
  // Nothing is fetched from a unit test: the background compile finds nothing. The site
  // answers the engine's HEAD (is the host there at all?) unless a test says it is offline.
  fetch: (/** @type {string} */ url, /** @type {any} */ init) => (init && init.method === "HEAD" && !offline.now
    ? Promise.resolve({ ok: true }) : Promise.reject(new Error("no network in unit tests"))),
});
const offline = { now: false };

class FakeWorker {
  constructor() {
    /** @type {any[]} */
    this.posted = [];
    this.terminated = false;
    /** @type {any} */
    this.handlers = null;
  }
  postMessage(/** @type {any} */ message) { this.posted.push(message); }
  terminate() { this.terminated = true; }
  send(/** @type {any} */ data) { this.handlers.message({ data }); }
  calls() { return this.posted.filter((m) => m.type === "call"); }
}

function setUp({ callTimeout = 10_000 } = {}) {
  /** @type {FakeWorker[]} */
  const workers = [];
  /** @type {any[]} */
  const events = [];
  const parts = {
    config: {
      callTimeout: String(callTimeout), stallTimeout: "60000", startupTimeout: "60000", maxRestarts: "3",
      runtime: "runtime/", downloadBytes: "100",
    },
    messages: () => MESSAGES,
    takeFirstWorker: () => null,
    startWorker: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      // The engine sees a Worker: the fake has every part of one it uses.
      const asWorker = /** @type {Worker} */ (/** @type {unknown} */ (worker));
      return { worker: asWorker, compilesWasm: false, listen(/** @type {any} */ h) { worker.handlers = h; } };
    },
  };
  const engine = createEngine(parts, null);
  engine.subscribe((/** @type {any} */ event) => events.push(event));
  /** The worker started last (a test without one fails here). */
  const latest = () => {
    const worker = workers.at(-1);
    assert.ok(worker, "a worker was started");
    return worker;
  };
  return { engine, workers, events, latest };
}

/** Let queued promise callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

test("replies are matched to their calls whatever order they come in", async () => {
  const { engine, latest } = setUp();
  latest().send({ type: "ready" });
  const first = engine.call({ op: "outcome", n: 1 });
  const second = engine.call({ op: "check_page", n: 2 });
  await settle();
  const [a, b] = latest().calls();
  assert.deepEqual(JSON.parse(a.request), { op: "outcome", n: 1 });
  latest().send({ type: "result", id: b.id, response: JSON.stringify({ answer: 2 }) });
  latest().send({ type: "result", id: a.id, response: JSON.stringify({ answer: 1 }) });
  assert.deepEqual(await first, { answer: 1 });
  assert.deepEqual(await second, { answer: 2 });
  assert.equal(await engine.settled, "ready");
  latest().terminate();
});

test("hostile or stray messages change nothing", async () => {
  const { engine, latest, events } = setUp();
  const worker = latest();
  for (const data of [null, undefined, 42, "ready", { type: "result", id: 999, response: "{}" },
    { type: "no-such-type" }, { type: "bytes", received: "1e999" }, { type: "__proto__" }]) {
    worker.handlers.message({ data });
  }
  assert.equal(engine.state, "loading");
  // A byte count never says more arrived than the whole download.
  assert.deepEqual(events.filter((e) => e.type === "bytes").at(-1), { type: "bytes", received: 100, total: 100 });
  worker.send({ type: "ready" });
  const call = engine.call({ op: "outcome" });
  await settle();
  worker.send({ type: "result", id: worker.calls()[0].id, response: '{"ok":true}' });
  assert.deepEqual(await call, { ok: true });
  // A reply to a call already answered is dropped, however garbled.
  worker.send({ type: "result", id: 1, response: "not json" });
});

test("a garbled reply refuses its call at once instead of leaving it to time out", async () => {
  const { engine, latest } = setUp();
  latest().send({ type: "ready" });
  const call = engine.call({ op: "outcome" });
  await settle();
  latest().send({ type: "result", id: latest().calls()[0].id, response: "{not json" });
  await assert.rejects(call, SyntaxError);
  latest().terminate();
});

test("a call that misses its deadline is refused, and the worker is replaced", async () => {
  const { engine, workers, events, latest } = setUp({ callTimeout: 30 });
  latest().send({ type: "ready" });
  const error = await engine.call({ op: "outcome" }).then(() => null, (e) => e);
  assert.ok(error && error.interrupted, "the call is marked as interrupted");
  assert.equal(workers.length, 2);
  assert.ok(workers[0].terminated);
  assert.deepEqual(events.find((e) => e.type === "interrupted"), { type: "interrupted", reason: "no answer in 0 s" });
  // A reply from the replaced worker is ignored; the new one answers.
  workers[0].send({ type: "ready" });
  assert.equal(engine.state, "loading");
  latest().send({ type: "ready" });
  assert.equal(engine.state, "ready");
  assert.ok(events.some((e) => e.type === "ready" && e.restarted));
  latest().terminate();
});

test("a worker that dies after ready is restarted; before ready the helper says it failed", async () => {
  const after = setUp();
  after.latest().send({ type: "ready" });
  const pending = after.engine.call({ op: "outcome" });
  await settle();
  after.latest().handlers.error({ preventDefault() {}, message: "boom" });
  const error = await pending.then(() => null, (e) => e);
  assert.ok(error && error.interrupted);
  assert.equal(after.workers.length, 2);
  after.latest().send({ type: "ready" }); // (and its start-up deadline is cleared)

  const before = setUp();
  before.latest().handlers.error({ preventDefault() {}, message: "boom" });
  await settle();
  assert.equal(before.engine.state, "failed");
  assert.deepEqual(before.events.at(-1), { type: "failed", reason: "stopped (boom)", fix: "fix it" });
  assert.equal(await before.engine.settled, "failed");
  await assert.rejects(before.engine.call({ op: "outcome" }), /not running/);
});

test("a message the browser cannot read, or Python failing to start, stops the helper", async () => {
  const garbled = setUp();
  garbled.latest().handlers.messageerror();
  await settle();
  assert.equal(garbled.engine.state, "failed");
  assert.equal(garbled.events.at(-1).reason, "garbled");
  const broken = setUp();
  broken.latest().send({ type: "failed", reason: "no wasm" });
  await settle();
  assert.equal(broken.events.at(-1).reason, "failed: no wasm");
  assert.equal(broken.workers.length, 1);
});

test("after three restarts the helper gives up rather than restart for ever", async () => {
  const { engine, workers, latest } = setUp();
  for (let i = 0; i < 4; i += 1) {
    latest().send({ type: "ready" });
    latest().send({ type: "failed", reason: "python broke" });
  }
  await settle();
  assert.equal(workers.length, 4);
  assert.equal(engine.state, "failed");
  // The page from now on works as it does when Python never started.
  assert.equal(await engine.settled, "failed");
});

test("with no network the failure says so, not that the host is at fault", async () => {
  offline.now = true;
  try {
    const { engine, latest, events } = setUp();
    latest().handlers.error({ preventDefault() {}, message: "boom" });
    await settle();
    assert.equal(engine.state, "failed");
    assert.deepEqual(events.at(-1), { type: "failed", reason: "offline: stopped (boom)", fix: "reconnect" });
  } finally {
    offline.now = false;
  }
});

test("the worker's steps and reasons are worded from the contract's messages", async () => {
  const { latest, events } = setUp();
  latest().send({ type: "progress", step: 1, of: 3 });
  assert.deepEqual(events.at(-1), { type: "progress", step: 1, of: 3, text: "step one" });
  latest().send({ type: "progress", step: 7, of: 3 }); // a step the contract does not name
  assert.equal(events.at(-1).text, "");
  latest().send({ type: "failed", reason: "download_http", values: { file: "a.whl", status: 404 } });
  await settle();
  assert.equal(events.at(-1).reason, "failed: a.whl: HTTP 404");
  // A reason that is not the contract's own (Python's message, or a hostile name) is shown
  // as it is, never looked up on the messages' prototype; hostile values fill nothing.
  /** @type {[Record<string, unknown>, string][]} */
  const cases = [
    [{ reason: "toString" }, "failed: toString"],
    [{ reason: "__proto__" }, "failed: __proto__"],
    [{ reason: "download_http", values: "x" }, "failed: {file}: HTTP {status}"],
    [{ reason: "unknown" }, "failed: unknown"],
  ];
  for (const [message, expected] of cases) {
    const { latest: worker, events: heard } = setUp();
    worker().send({ type: "failed", ...message });
    await settle();
    assert.equal(heard.at(-1).reason, expected);
  }
});

test("a call that reaches a worker before Python has started is answered as not ready", async () => {
  const { engine, latest } = setUp();
  latest().send({ type: "ready" });
  const call = engine.call({ op: "outcome" });
  await settle();
  latest().send({ type: "not_ready", id: latest().calls()[0].id });
  assert.deepEqual(await call, { ok: false, errors: [{ field: null, message: "not ready" }] });
  latest().terminate();
});
