// @ts-check
// Downloads (downloads.mjs) with a fake worker client: a draft asks Python by the name the
// contract gives its operation, whatever that name is, and without Python the boot
// script's own draft is saved. Run by `node --test` (make test-js).

import assert from "node:assert/strict";
import { test } from "node:test";

import { createDownloads } from "./downloads.mjs";

const FORMATS = [{ key: "json", extension: "json", mime: "application/x-test", label: "JSON", purpose: "" }];

/** @param {{state: string, operations: Record<string, string>}} options */
function setUp({ state, operations }) {
  /** @type {import("helper-types").Request[]} */
  const requests = [];
  /** @type {{name: string, text: string, type: string}[]} */
  const saved = [];
  const engine = {
    state,
    /** @param {import("helper-types").Request} request */
    call: async (request) => {
      requests.push(request);
      return { ok: true, errors: [], json: "{\"from\": \"python\"}\n", filename_stem: "draft-from-python" };
    },
  };
  const downloads = createDownloads({
    formats: FORMATS,
    saveFile: (file) => saved.push(file),
    draftFile: () => ({ name: "draft-from-boot.json", text: "{}\n", type: "application/x-test" }),
    localNow: () => "2026-01-02T03:04:05+00:00",
    engine,
    operations,
  });
  return { downloads, requests, saved };
}

// The names as they are today, and as a rename in Python (infoshare.operations) would make
// them: the page sends whatever the contract says, with no edit of its own.
for (const name of ["draft", "keep_unfinished_answers"]) {
  test(`a draft asks Python for the contract's operation "${name}"`, async () => {
    const { downloads, requests, saved } = setUp({ state: "ready", operations: { draft: name } });
    const file = await downloads.draft({ case_reference: "A1" });
    assert.equal(requests.length, 1);
    assert.equal(requests[0].op, name);
    assert.deepEqual(requests[0].answers, { case_reference: "A1" });
    assert.equal(file, "draft-from-python.json");
    assert.equal(saved[0].text, "{\"from\": \"python\"}\n");
  });
}

test("without Python, the boot script's draft is saved and nothing is asked", async () => {
  const { downloads, requests, saved } = setUp({ state: "failed", operations: { draft: "draft" } });
  assert.equal(await downloads.draft({ case_reference: "A1" }), "draft-from-boot.json");
  assert.equal(requests.length, 0);
  assert.equal(saved.length, 1);
});
