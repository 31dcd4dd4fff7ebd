// @ts-check
// Doing one thing at a time: an action waits for Python when it is still loading (the
// status says so), and anything unexpected is shown as an error, never lost silently.

import { fill, messageOf } from "./text.mjs";

// `engine` is the worker client, `status` the loading status, `errors` the error summary,
// `failed` the box that says Python cannot run, and
// `messages` the contract's.
/**
 * @param {{engine: import("helper-types").Engine, status: import("helper-types").Status,
 *   errors: import("helper-types").Errors, failed: HTMLElement,
 *   messages: import("helper-types").Messages}} parts
 */
export function createSteps({ engine, status, errors, failed, messages }) {
  let running = false; // an action is running

  // One action at a time; a click that arrives while Python is still loading waits for it,
  // and the status says so.
  /** @param {Element | null | undefined} button @param {() => Promise<unknown>} work */
  async function busy(button, work) {
    if (running) return;
    running = true;
    button?.setAttribute("aria-disabled", "true");
    if (engine.state === "loading") status.waitForPython();
    try {
      await work();
    } finally {
      running = false;
      button?.removeAttribute("aria-disabled");
    }
  }

  /** @param {HTMLElement} section @param {unknown} error */
  function unexpected(section, error) {
    if (engine.state === "failed") {
      failed.focus();
      return;
    }
    // The worker stopped answering and is being restarted: the notice says so (and has
    // focus); the answers are all still on the page.
    if (/** @type {import("helper-types").Interruption} */ (error)?.interrupted) return;
    errors.show(section, [{ field: null, message: fill(messages.unexpected, messageOf(error) || String(error)) }]);
  }

  return { busy, unexpected };
}
