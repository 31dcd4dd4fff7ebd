// @ts-check
// The loading status above the questions: which step Python's start is on, how much of
// its download has arrived, and whether an answer is waiting for it.

import { fill, fillIn } from "./text.mjs";

// Its elements: the status box, its text, progress bar and amount, and the notice with its
// title and text; `messages`, the contract's; `showFailure`, the boot script's.
/**
 * @param {{box: HTMLElement, text: HTMLElement, bar: HTMLProgressElement, amount: HTMLElement, notice: HTMLElement,
 *   noticeTitle: HTMLElement, noticeText: HTMLElement, messages: import("helper-types").Messages,
 *   showFailure: (reason: string, fix: string) => void}} parts
 */
export function createStatus({ box, text, bar, amount, notice, noticeTitle, noticeText, messages, showFailure }) {
  const megabytes = (/** @type {number} */ bytes) => (bytes / 1e6).toFixed(1);
  let loadingText = messages.loading;
  let downloading = true;
  let waiting = false;

  function show() {
    text.textContent = waiting ? `${loadingText} ${messages.loading_waiting}` : loadingText;
  }

  // The notice for a helper that stopped responding or a download that stopped moving:
  // what happened, and the button to save the answers. It is an alert, read out at once.
  /** @param {string} title @param {string} message @param {{focus?: boolean}} [options] */
  function notify(title, message, { focus = false } = {}) {
    noticeTitle.textContent = title;
    noticeText.textContent = message;
    notice.hidden = false;
    notice.setAttribute("role", "alert");
    if (focus) {
      notice.scrollIntoView({ block: "start" });
      notice.focus({ preventScroll: true });
    }
  }

  /** @param {{step: number, of: number, text: string}} event */
  function onProgress(event) {
    loadingText = fillIn(messages.loading_step, {
      step: event.step, of: event.of, text: event.text ? fillIn(messages.loading_step_text, { text: event.text }) : "",
    });
    show();
    downloading = event.step === 1;
    if (!downloading) {
      // No value: the bar moves on its own while Python starts; the text says which step.
      bar.removeAttribute("value");
      amount.textContent = "";
    }
  }

  /** @param {{received: number, total: number}} event */
  function onBytes(event) {
    // While downloading, the bar and the figure beside it show how much has arrived. The
    // figure is hidden from screen readers (the bar carries the value) so a live region
    // does not announce every change.
    if (!downloading) return;
    bar.max = event.total;
    bar.value = event.received;
    amount.textContent = fillIn(messages.loading_amount,
      { received: megabytes(event.received), total: megabytes(event.total) });
  }

  /** @param {boolean} restarted */
  function onReady(restarted) {
    bar.value = bar.max;
    bar.hidden = true;
    amount.textContent = "";
    text.textContent = messages.loading_ready;
    box.classList.add("infoshare-status--ready");
    if (restarted) notify(messages.stopped_title, messages.restarted);
    else notice.hidden = true;
  }

  /** @param {string} reason */
  function onInterrupted(reason) {
    bar.hidden = false;
    bar.removeAttribute("value");
    box.classList.remove("infoshare-status--ready");
    notify(messages.stopped_title, reason, { focus: true });
  }

  return {
    box,
    // Engine events (see engine.mjs).
    /** @param {import("helper-types").EngineEvent} event */
    update(event) {
      if (event.type === "progress") onProgress(event);
      else if (event.type === "bytes") onBytes(event);
      else if (event.type === "ready") onReady(event.restarted);
      else if (event.type === "interrupted") onInterrupted(event.reason);
      else if (event.type === "stalled") notify(messages.stalled_title, fill(messages.stalled, event.seconds));
      else if (event.type === "moving") {
        if (noticeTitle.textContent === messages.stalled_title) noticeText.textContent = messages.resumed;
      } else if (event.type === "failed") {
        notice.hidden = true;
        showFailure(event.reason, event.fix);
      }
    },
    // An answer is waiting for Python: say why nothing has happened yet.
    waitForPython() {
      waiting = true;
      show();
      box.scrollIntoView({ block: "nearest" });
    },
    /** @param {string} message */
    say(message) {
      text.textContent = message;
    },
    // Python has answered again since the notice: the practitioner has carried on.
    dismissNotice() {
      notice.hidden = true;
    },
    // Once the helper is ready, the status is read out but not shown beyond the first page.
    /** @param {boolean} on */
    tuck(on) {
      box.classList.toggle("govuk-visually-hidden", on);
    },
  };
}
