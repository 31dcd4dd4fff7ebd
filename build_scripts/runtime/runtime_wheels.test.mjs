// @ts-check
// The wheel loader (runtime_wheels.mjs, shipped as wheels.mjs): which wheels each stage
// loads and in what order, their digests checked, hostile lockfiles refused, and wheels
// put on Python's path in a fake Pyodide. Run by `node --test` (make test-js).

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";

import { checkWheel, mountWheels, readWheels, wheelsForStage, wheelsToLoad } from "./runtime_wheels.mjs";

const bytesOf = (/** @type {string} */ name) => new TextEncoder().encode(`wheel ${name}`);
const sha = (/** @type {Uint8Array} */ b) => createHash("sha256").update(b).digest("hex");
/** @param {string} name @param {string[]} depends */
const entry = (name, depends = [], file = `${name}-1.0-py3-none-any.whl`) =>
  ({ name, file_name: file, depends, sha256: sha(bytesOf(file)) });
const LOCK = { packages: {
  "infoshare-helper": entry("infoshare-helper", ["jinja2"]),
  jinja2: entry("jinja2", ["markupsafe"]),
  markupsafe: entry("markupsafe"),
} };
const names = (/** @type {any[]} */ list) => list.map((e) => e.name);

test("dependencies come first, each once; the stages split the named packages from the rest", () => {
  assert.deepEqual(names(wheelsToLoad(LOCK, ["infoshare-helper"])), ["markupsafe", "jinja2", "infoshare-helper"]);
  assert.deepEqual(names(wheelsToLoad(LOCK, ["infoshare-helper", "jinja2", "markupsafe"])),
    ["markupsafe", "jinja2", "infoshare-helper"]);
  assert.deepEqual(names(wheelsForStage(LOCK, ["infoshare-helper"], "startup")), ["infoshare-helper"]);
  assert.deepEqual(names(wheelsForStage(LOCK, ["infoshare-helper"], "later")), ["markupsafe", "jinja2"]);
  assert.deepEqual(names(wheelsForStage(LOCK, ["infoshare-helper"])), ["markupsafe", "jinja2", "infoshare-helper"]);
  const cycle = { packages: { a: entry("a", ["b"]), b: entry("b", ["a"]) } };
  assert.deepEqual(names(wheelsToLoad(cycle, ["a"])), ["b", "a"]);
});

test("hostile lockfiles and names are refused with a sentence naming the problem", () => {
  const cases = [
    [LOCK, ["nope"], /has no package "nope"/],
    [{ packages: { a: entry("a", ["ghost"]) } }, ["a"], /has no package "ghost" \(needed by a\)/],
    [null, ["a"], /has no package "a"/],
    [{}, ["a"], /has no package "a"/],
    [LOCK, ["__proto__"], /has no package "__proto__"/],
    [LOCK, ["constructor"], /has no package "constructor"/],
    [{ packages: { a: entry("a", [], "a-1.0-cp312-cp312-linux_x86_64.whl") } }, ["a"], /not a pure-Python wheel/],
    [{ packages: { a: entry("a", [], "../../lib/python3.14/a-1.0-py3-none-any.whl") } }, ["a"], /not a wheel's file name/],
    [{ packages: { a: entry("a", [], "a/b-none-any.whl") } }, ["a"], /not a wheel's file name/],
    [{ packages: { a: { name: "a", depends: [] } } }, ["a"], /not a wheel's file name/],
  ];
  for (const [lock, wanted, message] of cases) {
    assert.throws(() => wheelsToLoad(/** @type {any} */ (lock), /** @type {string[]} */ (wanted)), message);
  }
  assert.throws(() => wheelsForStage(LOCK, ["jinja2"], "soon"), /unknown stage "soon"/);
});

test("a wheel whose bytes do not match the lockfile's digest is refused by name", async () => {
  const e = LOCK.packages.markupsafe;
  await checkWheel(e, bytesOf(e.file_name));
  await assert.rejects(checkWheel(e, new TextEncoder().encode("changed")), /markupsafe-1.0-py3-none-any.whl is damaged/);
  await assert.rejects(checkWheel(e, new Uint8Array()), /is damaged/);
});

test("readWheels reads and checks every wheel of a stage, and fails on one damaged", async () => {
  /** @type {string[]} */
  const read = [];
  const wheels = await readWheels(LOCK, ["infoshare-helper"], async (/** @type {string} */ file) => {
    read.push(file);
    return bytesOf(file);
  }, "later");
  assert.deepEqual(names(wheels.map((w) => w.entry)), ["markupsafe", "jinja2"]);
  assert.deepEqual(read, ["markupsafe-1.0-py3-none-any.whl", "jinja2-1.0-py3-none-any.whl"]);
  await assert.rejects(readWheels(LOCK, ["jinja2"], async (/** @type {string} */ file) =>
    (file.startsWith("jinja2") ? new Uint8Array([1]) : bytesOf(file))), /jinja2-1.0-py3-none-any.whl is damaged/);
});

function fakePyodide({ failOn = "" } = {}) {
  const written = new Map();
  /** @type {string[]} */
  const path = [];
  let destroyed = 0;
  return {
    written, path, destroyed: () => destroyed,
    FS: {
      mkdirTree() {},
      writeFile(/** @type {string} */ p, /** @type {Uint8Array} */ b) {
        if (p.endsWith(failOn) && failOn) throw new Error("disk full");
        written.set(p, b);
      },
    },
    pyimport: () => ({ path: { append: (/** @type {string} */ p) => path.push(p), destroy: () => { destroyed += 1; } } }),
  };
}

test("wheels are written under /wheels and added at the end of Python's path, in order", async () => {
  const wheels = await readWheels(LOCK, ["infoshare-helper"], async (/** @type {string} */ f) => bytesOf(f));
  const py = fakePyodide();
  mountWheels(py, wheels);
  assert.deepEqual(py.path, ["/wheels/markupsafe-1.0-py3-none-any.whl", "/wheels/jinja2-1.0-py3-none-any.whl",
    "/wheels/infoshare-helper-1.0-py3-none-any.whl"]);
  assert.deepEqual([...py.written.keys()], py.path);
  assert.equal(py.destroyed(), 1);
  // A write that fails still releases Python's sys.path proxy, and adds nothing after it.
  const failing = fakePyodide({ failOn: "jinja2-1.0-py3-none-any.whl" });
  assert.throws(() => mountWheels(failing, wheels), /disk full/);
  assert.deepEqual(failing.path, ["/wheels/markupsafe-1.0-py3-none-any.whl"]);
  assert.equal(failing.destroyed(), 1);
});
