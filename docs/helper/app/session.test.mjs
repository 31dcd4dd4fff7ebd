// @ts-check
// What the page remembers (session.mjs): a change from the check page kept or put back,
// the pages answered, the record any change amends, what has not been downloaded, and
// everything forgotten when the answers are cleared. Run by `node --test` (make test-js).

import assert from "node:assert/strict";
import { test } from "node:test";

import { createSession } from "./session.mjs";

test("a change abandoned puts the answers back once; one accepted keeps the new ones", () => {
  const session = createSession();
  assert.equal(session.abandonChange(), null); // no change started: nothing to put back
  session.startChange({ reasons: "before" });
  assert.equal(session.returning(), true);
  assert.deepEqual(session.abandonChange(), { reasons: "before" });
  assert.equal(session.returning(), false);
  assert.equal(session.abandonChange(), null); // put back once only

  session.startChange({ reasons: "before" });
  session.accept("reasons");
  assert.equal(session.abandonChange(), null);
  assert.deepEqual(session.completed(), ["reasons"]);
});

test("an error's link from the check page returns there without forgetting a change under way", () => {
  const session = createSession();
  session.startChange({ a: "1" });
  session.startChange(); // the error summary's link: no new answers to keep
  assert.deepEqual(session.abandonChange(), { a: "1" });
  session.startChange();
  assert.equal(session.returning(), true);
  session.atCheck();
  assert.equal(session.returning(), false);
});

test("the completed pages are a copy, and a file opened replaces them", () => {
  const session = createSession();
  session.accept("urgency");
  const seen = session.completed();
  seen.push("tampered");
  assert.deepEqual(session.completed(), ["urgency"]);
  session.resumeAfter(["request", "decision"]);
  assert.deepEqual(session.completed(), ["request", "decision"]);
});

test("a record held, what is unsaved, and clearing forgets it all", () => {
  const session = createSession();
  assert.equal(session.original(), null);
  session.holdRecord({ id: 1 }, "Amending the record of 1 May", true);
  assert.deepEqual([session.original(), session.amending(), session.separate()], [{ id: 1 }, "Amending the record of 1 May", true]);
  session.holdRecord({ id: 2 }, "made here");
  assert.equal(session.separate(), false);
  session.changed();
  assert.equal(session.unsaved(), true);
  session.saved();
  assert.equal(session.unsaved(), false);
  session.changed();
  session.setAfterActNow("decision");
  session.accept("urgency");
  session.startChange({ a: "1" });
  session.reset();
  assert.deepEqual([session.original(), session.amending(), session.separate(), session.unsaved(), session.returning()],
    [null, "", false, false, false]);
  assert.deepEqual(session.completed(), []);
  assert.equal(session.abandonChange(), null);
});
