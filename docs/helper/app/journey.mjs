// @ts-check
// Moving through the questions: Continue on each one, the "act now" page in an emergency,
// what the guidance points to, a change made from the check page, and the browser's Back and
// Forward. Python decides every step (which page is next, what is wrong, what the guidance
// points to); this module asks it and shows the answer.

// `engine` is the worker client; `status`, `answers`, `errors`, `views` and `guidance` the
// page's parts; `session`, what it remembers; `busy` and `unexpected`, one action at a
// time (steps.mjs); `showCheck`, the check page (check.mjs); `targets`, the pages Python
// names besides a question (infoshare.contract.TARGETS); `afterActNow`, the question after
// the "act now" page when Python names none; `failed`, the box that says Python cannot run;
// `localNow`, the boot script's time; `operations`, the bridge's names for its requests
// (infoshare.operations, from the contract).
/**
 * @param {{engine: import("helper-types").Engine, status: import("helper-types").Status, answers: import("helper-types").Form, errors: import("helper-types").Errors, views: import("helper-types").Views,
 *   guidance: import("helper-types").Guidance, session: import("helper-types").Session, busy: import("helper-types").Steps["busy"], unexpected: import("helper-types").Steps["unexpected"],
 *   showCheck: import("helper-types").Check["show"], targets: import("helper-types").Targets, afterActNow: string, failed: HTMLElement,
 *   localNow: () => string, operations: Record<string, string>}} parts
 */
export function createJourney({
  engine, status, answers, errors, views, guidance, session, busy, unexpected, showCheck, targets, afterActNow,
  failed, localNow, operations,
}) {
  const call = (/** @type {import("helper-types").Request} */ request) => engine.call(request);

  // Without Python the answers cannot be checked, but they can still be typed and kept:
  // move through the questions in order and offer the download at the end.
  /** @param {HTMLElement} section */
  function continueWithoutPython(section) {
    const index = views.questions.indexOf(section);
    if (index >= 0 && index + 1 < views.questions.length) views.show(views.questions[index + 1]);
    else failed.focus();
  }

  /** @param {HTMLElement} section @param {Element | null} button */
  async function next(section, button) {
    await busy(button, async () => {
      if ((await engine.settled) === "failed") return continueWithoutPython(section);
      const current = answers.collect();
      try {
        const reply = /** @type {import("helper-types").StepReply} */ (await call({
          op: operations.step, page: section.dataset.page, answers: current, now: localNow(),
          completed: session.completed(), returning: session.returning(),
        }));
        status.dismissNotice();
        if (!reply.ok || reply.errors.length) return errors.show(section, reply.errors);
        errors.clear(section);
        session.accept(section.dataset.page || "");
        await go(reply.next, reply.then, current);
      } catch (error) {
        unexpected(section, error);
      }
    });
  }

  // Shows the page Python named: a question, "act_now" (then `then`), "outcome" or "check".
  /** @param {string} target @param {string | null} [then] @param {import("helper-types").Answers} [current] */
  async function go(target, then, current = answers.collect()) {
    if (target === targets.act_now) {
      session.setAfterActNow(then ?? null);
      views.show(views.named.actNow);
    } else if (target === targets.check) {
      await showCheck();
    } else if (target === targets.outcome) {
      await showOutcome(current);
    } else {
      // (A page Python named that this page lacks throws: shown as unexpected, never ignored.)
      views.show(/** @type {HTMLElement} */ (views.question(target)));
    }
  }

  /** @param {Element} button */
  async function actNowContinue(button) {
    await busy(button, async () => {
      try {
        // Python says where the act-now page leads (`then`); failing that, the next question.
        await go(session.afterActNow() || afterActNow);
      } catch (error) {
        unexpected(views.named.actNow, error);
      }
    });
  }

  /** @param {import("helper-types").Answers} current */
  async function showOutcome(current) {
    const reply = /** @type {import("helper-types").OutcomeReply} */ (await call({ op: operations.outcome, answers: current }));
    guidance.fillOutcome(reply.recommendation);
    views.show(views.named.outcome);
  }

  // What the guidance points to so far, shown where the practitioner decides.
  /** @param {HTMLElement} pointer */
  async function updatePointer(pointer) {
    if (engine.state !== "ready") return;
    try {
      const reply = /** @type {import("helper-types").OutcomeReply} */ (await call({ op: operations.outcome, answers: answers.collect() }));
      guidance.fillPointer(pointer, reply.recommendation);
    } catch {
      pointer.hidden = true;
    }
  }

  // The change link on the check page: the answers as they were are kept, and put back if the
  // practitioner goes Back without pressing Continue (as on GOV.UK).
  /** @param {HTMLElement} section */
  function change(section) {
    session.startChange(answers.collectAll());
    views.show(section);
  }

  // The browser moved through its history (its Back or Forward, or the helper's own Back).
  /** @param {HTMLElement} section @param {{backwards: boolean}} how */
  function onHistory(section, { backwards }) {
    const before = backwards ? session.abandonChange() : null;
    if (before) answers.fill(before);
    // The check page is drawn from the answers, so redraw it rather than show it as it was.
    if (section === views.named.check) showCheck({ push: false }).catch((error) => unexpected(views.named.check, error));
    else views.show(section, { push: false });
  }

  return { next, go, change, onHistory, actNowContinue, updatePointer };
}
