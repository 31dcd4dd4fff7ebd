// @ts-check
// The decision helper's page, once the boot script (../helper.js) has loaded it. This
// module only puts the parts together and routes the page's events to them:
//
//   engine.mjs     the worker client: Python in a Web Worker, calls and loading news
//   status.mjs     the loading status and progress bar
//   form.mjs       the form and its answers
//   errors.mjs     the error summary and inline errors
//   views.mjs      which page shows, focus, title, Back
//   guidance.mjs   what the guidance points to
//   summary.mjs    the check-answers summary
//   downloads.mjs  the record's files and drafts
//   steps.mjs      one action at a time, and what to do with the unexpected
//   journey.mjs    Continue, act now, the outcome, changes from the check page, Back and Forward
//   check.mjs      the check-answers page, and what an amendment changes
//   records.mjs    create, open, save the answers so far, copy the case note, start again
//   opened.mjs     what the page says about a file just opened (a draft, a record with problems)
//   parts.mjs      makes the parts above, each with what it needs
//   events.mjs     what each button does, and the page's other events
//   text.mjs       the contract's messages, filled in
//   session.mjs    what the page remembers between steps, and the one module that changes it
//
// Every question, message, format and id comes from the contract the build wrote into the
// page (infoshare.contract). Only this module and parts.mjs read the boot script's kit:
// they hand each part exactly what it needs (its elements, the contract's messages, the
// functions it calls), once, as they make it; no part reaches into another's, nor into the
// kit.

import { createEngine } from "./engine.mjs";
import { actionsFor, listen } from "./events.mjs";
import { createFlows, createPage } from "./parts.mjs";
import { createSession } from "./session.mjs";

/** @param {import("helper-types").Kit} kit @param {import("helper-types").Blocked | null} blocked */
export function start(kit, blocked) {
  const engine = createEngine({
    config: kit.config,
    messages: () => kit.contract().messages,
    startWorker: kit.startWorker,
    takeFirstWorker: kit.takeFirstWorker,
  }, blocked);
  kit.whenParsed(() => wire(kit, engine));
  return engine.settled;
}

/** @param {import("helper-types").Kit} kit @param {import("helper-types").Engine} engine */
function wire(kit, engine) {
  const contract = kit.contract();
  // The page's parts, by the contract's ids: the build writes every one (tests/site checks).
  /** @type {import("helper-types").Lookup} */
  const el = (role) => /** @type {HTMLElement} */ (document.getElementById(contract.ids[role]));
  const session = createSession();
  // The journey is made last, so the parts made before it reach it through these callbacks,
  // which are only called once the page is in use.
  const page = createPage(kit, contract, el, engine, session, {
    onHistory: (section, how) => flows.journey.onHistory(section, how),
    updatePointer: (pointer) => flows.journey.updatePointer(pointer),
    onChange: (section) => flows.journey.change(section),
  });
  const flows = createFlows(kit, contract, el, engine, session, page);
  kit.onSave(() => session.saved());
  // The boot script's own draft button (shown when Python fails or stops) keeps the link too.
  kit.setDraftExtras(() => flows.records.draftExtras());
  listen({ root: el("root"), amend: el("amend"), engine, session, ...page, ...flows,
    actions: actionsFor({ el, session, messages: contract.messages, ...page, ...flows }) });
}
