// @ts-check
// The wheel loader (runtime_wheels.mjs, shipped as wheels.mjs): which wheels each stage
// loads and in what order, their digests checked, hostile lockfiles refused, and wheels
// put on Python's path in a fake Pyodide. Run by `node --test` (make test-js).

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";

import { WheelError, checkWheel, mountWheels, readWheels, wheelsForStage, wheelsToLoad } from "./runtime_wheels.mjs";

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
// A WheelError with this reason and these values (the page words them from its contract).
const refused = (/** @type {string} */ reason, /** @type {Record<string, string>} */ values) =>
  (/** @type {unknown} */ error) => {
    assert.ok(error instanceof WheelError, String(error));
    assert.deepEqual({ reason: error.reason, values: error.values }, { reason, values });
    return true;
  };

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

test("hostile lockfiles and names are refused by a reason naming the problem, and no sentence", () => {
  /** @type {[unknown, string[], string, Record<string, string>][]} */
  const cases = [
    [LOCK, ["nope"], "wheel_not_listed", { name: "nope" }],
    [{ packages: { a: entry("a", ["ghost"]) } }, ["a"], "wheel_dependency_not_listed", { name: "ghost", needed_by: "a" }],
    [null, ["a"], "wheel_not_listed", { name: "a" }],
    [{}, ["a"], "wheel_not_listed", { name: "a" }],
    [LOCK, ["__proto__"], "wheel_not_listed", { name: "__proto__" }],
    [LOCK, ["constructor"], "wheel_not_listed", { name: "constructor" }],
    [{ packages: { a: entry("a", [], "a-1.0-cp312-cp312-linux_x86_64.whl") } }, ["a"], "wheel_not_pure",
      { file: "a-1.0-cp312-cp312-linux_x86_64.whl" }],
    [{ packages: { a: entry("a", [], "../../lib/python3.14/a-1.0-py3-none-any.whl") } }, ["a"], "wheel_bad_name",
      { file: '"../../lib/python3.14/a-1.0-py3-none-any.whl"' }],
    [{ packages: { a: entry("a", [], "a/b-none-any.whl") } }, ["a"], "wheel_bad_name", { file: '"a/b-none-any.whl"' }],
    [{ packages: { a: { name: "a", depends: [] } } }, ["a"], "wheel_bad_name", { file: '"undefined"' }],
  ];
  for (const [lock, wanted, reason, values] of cases) {
    assert.throws(() => wheelsToLoad(/** @type {any} */ (lock), wanted), refused(reason, values));
  }
  assert.throws(() => wheelsForStage(LOCK, ["jinja2"], "soon"), refused("wheel_stage", { stage: "soon" }));
  // The message a developer reads is the reason and its values, not a sentence for the page.
  assert.throws(() => wheelsToLoad(LOCK, ["nope"]), { message: 'wheel_not_listed {"name":"nope"}' });
});

test("a wheel whose bytes do not match the lockfile's digest is refused by name", async () => {
  const e = LOCK.packages.markupsafe;
  await checkWheel(e, bytesOf(e.file_name));
  await assert.rejects(checkWheel(e, new TextEncoder().encode("changed")),
    refused("wheel_damaged", { file: "markupsafe-1.0-py3-none-any.whl" }));
  await assert.rejects(checkWheel(e, new Uint8Array()), refused("wheel_damaged", { file: e.file_name }));
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
    (file.startsWith("jinja2") ? new Uint8Array([1]) : bytesOf(file))),
  refused("wheel_damaged", { file: "jinja2-1.0-py3-none-any.whl" }));
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
