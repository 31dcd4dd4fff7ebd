// @ts-check
// What the page remembers between steps, and the one module that changes it: the parts
// (journey.mjs, records.mjs, check.mjs, events.mjs) ask and tell it through the named
// functions below, never by writing its fields. Nothing here is stored anywhere else,
// and nothing outlives the page.

export function createSession() {
  /** Question pages whose answers Continue has accepted. @type {Set<string>} */
  let completed = new Set();
  let returnToCheck = false; // a page opened from the check page (its change link, or an error's)
  /** The answers before that change, put back if it is abandoned. @type {import("helper-types").Answers | null} */
  let snapshot = null;
  /** Where the "act now" page's Continue goes. @type {string | null} */
  let afterActNow = null;
  /** The sealed record any change amends: the one opened, or the one made here. @type {unknown} */
  let original = null;
  let amending = ""; // Python's sentence saying which record that is
  let separate = false; // an opened record that cannot be amended: creating makes a separate one
  let dirty = false; // something typed or made that has not been downloaded

  return {
    // The journey.
    completed: () => [...completed],
    /** Continue accepted `page`'s answers: any change being made is kept. @param {string} page */
    accept(page) {
      snapshot = null;
      completed.add(page);
    },
    /** The pages a file just opened had answered. @param {string[]} pages */
    resumeAfter(pages) {
      completed = new Set(pages);
    },
    returning: () => returnToCheck,
    /** A page opened from the check page, to change: `answers` are put back if it is abandoned. @param {import("helper-types").Answers | null} [answers] */
    startChange(answers = null) {
      if (answers !== null) snapshot = answers;
      returnToCheck = true;
    },
    /** The change abandoned (Back without Continue): the answers to put back, or null. */
    abandonChange() {
      const before = snapshot;
      if (before === null) return null;
      snapshot = null;
      returnToCheck = false;
      return before;
    },
    /** Back at the check page. */
    atCheck() {
      returnToCheck = false;
    },
    /** @param {string | null} page */
    setAfterActNow(page) {
      afterActNow = page;
    },
    afterActNow: () => afterActNow,

    // The record.
    original: () => original,
    amending: () => amending,
    separate: () => separate,
    /** A record made here (or opened): from now on any change amends it. @param {unknown} record @param {string} sentence @param {boolean} [apart] */
    holdRecord(record, sentence, apart = false) {
      original = record;
      amending = sentence;
      separate = apart;
    },

    // What has not been downloaded.
    unsaved: () => dirty,
    changed() {
      dirty = true;
    },
    saved() {
      dirty = false;
    },

    /** The answers cleared: everything forgotten. */
    reset() {
      completed = new Set();
      returnToCheck = false;
      snapshot = null;
      original = null;
      amending = "";
      separate = false;
      dirty = false;
    },
  };
}
