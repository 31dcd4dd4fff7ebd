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
//   journey.mjs    Continue, act now, the outcome, Change, Back and Forward
//   check.mjs      the check-answers page, and what an amendment changes
//   records.mjs    create, open, save the answers so far, copy the case note, start again
//   opened.mjs     what the page says about a file just opened (a draft, a record with problems)
//
// Every question, message, format and id comes from the contract the build wrote into the
// page (infoshare.contract), read through the boot script's kit.

import { createDownloads } from "./downloads.mjs";
import { createEngine } from "./engine.mjs";
import { createErrors } from "./errors.mjs";
import { createForm } from "./form.mjs";
import { createGuidance } from "./guidance.mjs";
import { createCheck } from "./check.mjs";
import { createJourney } from "./journey.mjs";
import { createOpened } from "./opened.mjs";
import { createRecords } from "./records.mjs";
import { createStatus } from "./status.mjs";
import { createSteps } from "./steps.mjs";
import { createSummary } from "./summary.mjs";
import { createViews } from "./views.mjs";

// What the page remembers between steps; nothing here is stored anywhere else.
function createSession() {
  return {
    completed: new Set(), // question pages whose answers Continue has accepted
    returnToCheck: false, // a page opened from the check page with "Change"
    snapshot: null, // the answers before that "Change", put back if it is abandoned
    afterActNow: null, // where the "act now" page's Continue goes
    original: null, // the sealed record any change amends: the one opened, or the one made here
    amending: "", // Python's sentence saying which record that is
    separate: false, // an opened record that cannot be amended: creating makes a separate one
    dirty: false, // something typed or made that has not been downloaded
    busy: false, // an action is running
  };
}

export function start(kit, blocked) {
  const engine = createEngine(kit, blocked);
  kit.whenParsed(() => wire(kit, engine));
  return engine.settled;
}

function wire(kit, engine) {
  const root = kit.element("root");
  const session = createSession();
  const status = createStatus(kit);
  const answers = createForm(kit);
  const opened = createOpened(kit);
  // The parts, in one place so that each can reach the others it needs.
  const ctx = { kit, engine, status, answers, session, opened };
  const views = createViews(kit, {
    canOpenFiles: () => engine.state !== "failed",
    onHistory: (section, how) => ctx.journey.onHistory(section, how),
    onShow(section) {
      if (engine.state === "ready" && !views.isFirst(section)) status.tuck(true);
      opened.place(section);
      const pointer = section.querySelector("[data-pointer]");
      if (pointer) ctx.journey.updatePointer(pointer);
    },
  });
  const errors = createErrors(kit, {
    goToField(target) {
      const section = target.closest("section.infoshare-page");
      if (section && section !== views.current) {
        if (section.dataset.view === "question") session.returnToCheck = true;
        views.show(section, { focus: false });
      }
      // Bring the question into view as well as the control, as GOV.UK does.
      const label = target.closest("[data-field]").querySelector("legend, label");
      (label || target).scrollIntoView({ block: "start" });
      target.focus({ preventScroll: true });
    },
    onTitleChange: () => views.setTitle(),
  });
  views.titleErrors((section) => errors.showing(section));
  Object.assign(ctx, { views, errors, guidance: createGuidance(kit), downloads: createDownloads(kit, engine) });
  ctx.summary = createSummary(kit, { views, errors, onChange: (section) => ctx.journey.change(section) });
  ctx.steps = createSteps(ctx);
  ctx.check = createCheck(ctx);
  ctx.records = createRecords(ctx);
  ctx.journey = createJourney(ctx);
  const { steps, check, records, journey } = ctx;
  kit.onSave(() => { session.dirty = false; });
  // The boot script's own draft button (shown when Python fails or stops) keeps the link too.
  kit.setDraftExtras(() => records.draftExtras());

  // Each button's data-action, and what it does.
  const actions = {
    "back": () => views.back(),
    "act-now-continue": (button) => journey.actNowContinue(button),
    "save-answers": (button) => steps.busy(button, async () => {
      await records.saveAnswers();
      // The confirmation is in the footer, below the page: on a phone it would be off the
      // screen, so bring it into view (the least scrolling that shows it).
      kit.element("saved").scrollIntoView({ block: "nearest" });
    }),
    "to-seal": (link, event) => {
      event.preventDefault();
      kit.element("seal_button").focus();
    },
    "to-check": (button) => steps.busy(button, () =>
      check.show().catch((error) => steps.unexpected(views.named.outcome, error))),
    "seal": (button) => records.seal(button),
    "download": (button) => {
      const name = ctx.downloads.record(button.dataset.format);
      if (!name) return;
      session.dirty = false;
      kit.element("downloaded").textContent = kit.fill(kit.contract().messages.downloaded, name);
    },
    "open-record": (button) => records.open(button),
    "time-now": (button) => answers.fillNow(button.dataset.field),
    "copy-case-note": (button) => steps.busy(button, () => records.copyCaseNote()),
    "check-again": (button) => steps.busy(button, () =>
      check.show().catch((error) => steps.unexpected(views.named.record, error))),
    "clear": () => views.show(views.named.clear),
    "clear-cancel": () => views.back(),
    "clear-confirm": () => records.clearAll(),
    "new-record": () => {
      if (session.dirty && answers.any()) views.show(views.named.clear);
      else records.clearAll();
    },
  };

  root.addEventListener("click", (event) => {
    const button = event.target.closest("[data-action]");
    if (!button || button.getAttribute("aria-disabled") === "true") return;
    actions[button.dataset.action]?.(button, event);
  });
  // Forms never submit: nothing leaves the page. Enter or Continue goes to the next step.
  answers.form.addEventListener("submit", (event) => {
    event.preventDefault();
    const section = event.target.querySelector("section:not([hidden])") || views.current;
    journey.next(section, section.querySelector("[data-action='continue']"));
  });
  for (const source of [answers.form, kit.element("amend")]) {
    source.addEventListener("input", () => { session.dirty = true; });
    source.addEventListener("change", () => { session.dirty = true; });
  }
  // The theme's keyboard shortcuts n, p, "," and "." open the site's next or previous
  // page. Here focus often rests on a question's heading, so one stray key would leave
  // a decision half made: inside the helper those keys do nothing.
  root.addEventListener("keydown", (event) => {
    if (!event.ctrlKey && !event.metaKey && !event.altKey && ["n", "p", ",", "."].includes(event.key)) {
      event.stopPropagation();
    }
  });
  // Something typed or made that has not been downloaded: leaving would lose it.
  const unsaved = () => session.dirty && answers.any();
  window.addEventListener("beforeunload", (event) => {
    if (unsaved()) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
  // Leaving forgets the decision, as closing the tab does: a browser that keeps the page
  // whole to show it again on Back (the back-forward cache) would bring the last case's
  // answers back to whoever uses the device next. The page asked before it was left with
  // anything not downloaded. (Cleared as the page is shown again, not as it is left: a
  // change made while leaving stops WebKit keeping the page, and Back then reloads it.)
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) records.clearAll();
  });
  // The site's "new version" notice (../../offline.js) asks before it offers to reload:
  // not while anything is unsaved. It only reads the answer; nothing here changes.
  document.addEventListener("infoshare:before-reload", (event) => {
    /** @type {CustomEvent} */ (event).detail.answered = true;
    if (unsaved()) event.preventDefault();
  });

  answers.updateConditionals();
  engine.subscribe((event) => {
    status.update(event);
    if (event.type === "failed") views.named.open.hidden = true;
  });
}
