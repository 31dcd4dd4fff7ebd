// @ts-check
// The helper's events: what each button does, the form, typing, the theme's keys, and
// leaving the page or coming back to it.

import { fill } from "./text.mjs";

/** What a button's data-action does, given the button and the click. @typedef {(button: HTMLElement, event: Event) => unknown} Action */

// Each button's data-action, and what it does.
/**
 * @param {{el: import("helper-types").Lookup, session: import("helper-types").Session, messages: import("helper-types").Messages, views: import("helper-types").Views, answers: import("helper-types").Form,
 *   downloads: import("helper-types").Downloads, steps: import("helper-types").Steps, check: import("helper-types").Check, journey: import("helper-types").Journey, records: import("helper-types").Records}} parts
 * @returns {Record<string, Action>}
 */
export function actionsFor({ el, session, messages, views, answers, downloads, steps, check, journey, records }) {
  return {
    "back": () => views.back(),
    "act-now-continue": (button) => journey.actNowContinue(button),
    "save-answers": (button) => steps.busy(button, async () => {
      await records.saveAnswers();
      // The confirmation is in the footer, below the page: on a phone it would be off the
      // screen, so bring it into view (the least scrolling that shows it).
      el("saved").scrollIntoView({ block: "nearest" });
    }),
    "to-seal": (link, event) => {
      event.preventDefault();
      el("seal_button").focus();
    },
    "to-check": (button) => steps.busy(button, () =>
      check.show().catch((error) => steps.unexpected(views.named.outcome, error))),
    "seal": (button) => records.seal(button),
    "download": (button) => {
      const name = downloads.record(button.dataset.format || "");
      if (!name) return;
      session.saved();
      el("downloaded").textContent = fill(messages.downloaded, name);
    },
    "open-record": (button) => records.open(button),
    "time-now": (button) => answers.fillNow(button.dataset.field || ""),
    "copy-case-note": (button) => steps.busy(button, () => records.copyCaseNote()),
    "check-again": (button) => steps.busy(button, () =>
      check.show().catch((error) => steps.unexpected(views.named.record, error))),
    "clear": () => views.show(views.named.clear),
    "clear-cancel": () => views.back(),
    "clear-confirm": () => records.clearAll(),
    "new-record": () => {
      if (session.unsaved() && answers.any()) views.show(views.named.clear);
      else records.clearAll();
    },
  };
}

// The page's events: its buttons, its form, typing, keys, and leaving or coming back.
/**
 * @param {{root: HTMLElement, amend: HTMLElement, engine: import("helper-types").Engine, session: import("helper-types").Session,
 *   actions: Record<string, Action>, answers: import("helper-types").Form, views: import("helper-types").Views, status: import("helper-types").Status, journey: import("helper-types").Journey,
 *   records: import("helper-types").Records}} parts
 */
export function listen({ root, amend, engine, session, actions, answers, views, status, journey, records }) {
  root.addEventListener("click", (event) => {
    const button = /** @type {HTMLElement | null} */ (/** @type {Element} */ (event.target).closest("[data-action]"));
    if (!button || button.getAttribute("aria-disabled") === "true") return;
    actions[button.dataset.action || ""]?.(button, event);
  });
  // Forms never submit: nothing leaves the page. Enter or Continue goes to the next step.
  answers.form.addEventListener("submit", (event) => {
    event.preventDefault();
    const section = /** @type {HTMLElement | null} */ (
      /** @type {Element} */ (event.target).querySelector("section:not([hidden])")) || views.current;
    journey.next(section, section.querySelector("[data-action='continue']"));
  });
  for (const source of [answers.form, amend]) {
    source.addEventListener("input", () => session.changed());
    source.addEventListener("change", () => session.changed());
  }
  // The theme's keyboard shortcuts n, p, "," and "." open the site's next or previous
  // page. Here focus often rests on a question's heading, so one stray key would leave
  // a decision half made: inside the helper those keys do nothing.
  root.addEventListener("keydown", (event) => {
    if (!event.ctrlKey && !event.metaKey && !event.altKey && ["n", "p", ",", "."].includes(event.key)) {
      event.stopPropagation();
    }
  });
  listenToLeaving(session, answers, records);
  answers.updateConditionals();
  engine.subscribe((event) => {
    status.update(event);
    if (event.type === "failed") views.named.open.hidden = true;
  });
}

// Leaving the page, or coming back to it.
/** @param {import("helper-types").Session} session @param {import("helper-types").Form} answers @param {import("helper-types").Records} records */
function listenToLeaving(session, answers, records) {
  // Something typed or made that has not been downloaded: leaving would lose it.
  const unsaved = () => session.unsaved() && answers.any();
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
}
