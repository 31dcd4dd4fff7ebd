// @ts-check
// The check-answers page: every answer under its page's heading, what the guidance points
// to, and, while a saved record is being amended, which record it is and what the
// amendment changes.

import { fill, fillIn } from "./text.mjs";

// `call` asks Python; `answers`, `errors`, `views`, `guidance` and `summary` are the page's
// parts; `session`, what it remembers; `outcome`, `amend`, `amendAbout` and `amendChanges`
// the check page's elements; `messages`, the contract's; `localNow` and `site`, the time
// and the site a record is made on; `operations`, the bridge's names for its requests.
/**
 * @param {{call: import("helper-types").Call, answers: import("helper-types").Form, errors: import("helper-types").Errors, views: import("helper-types").Views,
 *   guidance: import("helper-types").Guidance, summary: import("helper-types").Summary, session: import("helper-types").Session, messages: import("helper-types").Messages,
 *   localNow: () => string, site: () => import("helper-types").Site, operations: Record<string, string>,
 *   elements: {outcome: HTMLElement, amend: HTMLElement, amendAbout: HTMLElement, amendChanges: HTMLElement}}} parts
 */
export function createCheck({
  call, answers, errors, views, guidance, summary, session, messages, localNow, site, operations,
  elements: { outcome: outcomeText, amend, amendAbout, amendChanges },
}) {
  async function showCheck({ push = true } = {}) {
    const current = answers.collect();
    const [rows, outcome] = /** @type {[import("helper-types").SummaryReply, import("helper-types").OutcomeReply]} */ (await Promise.all([
      call({ op: operations.summary, answers: current }),
      call({ op: operations.outcome, answers: current }),
    ]));
    session.atCheck();
    warmRenderers(current);
    summary.fill(rows.rows);
    outcomeText.textContent = fill(messages.check_outcome, outcome.recommendation.title);
    const amending = session.original() !== null;
    amend.hidden = !amending;
    // Once a record exists (opened, or made here), creating it again amends it; a file that
    // could not be amended gives a new, separate record, and the button says so.
    const label = amending ? "seal_amendment" : session.separate() ? "seal_separate" : "seal";
    /** @type {Element} */ (views.named.check.querySelector("[data-action='seal']")).textContent = messages[label];
    if (amending) {
      amendAbout.textContent = session.amending();
      await showChanges(current);
    }
    if (views.current === views.named.check) {
      views.setTitle();
    } else {
      // Problems found by an earlier attempt may have been put right since.
      errors.clear(views.named.check);
      views.show(views.named.check, { push });
    }
  }

  // While amending: every answer changed so far, worded as the amendment will record it.
  /** @param {import("helper-types").Answers} current */
  async function showChanges(current) {
    const reply = /** @type {import("helper-types").ChangesReply} */ (await call({ op: operations.changes, original: session.original(), answers: current, now: localNow() }));
    const list = amendChanges;
    if (!reply.ok || reply.changes.length === 0) {
      list.replaceChildren(guidance.item(messages.no_changes));
      return;
    }
    list.replaceChildren(...reply.changes.map((change) =>
      guidance.item(fillIn(messages.amend_change, change))));
  }

  // While the practitioner reads their answers, make a throwaway record once so the
  // renderers' templates are compiled before the button that creates the record is pressed: the first
  // render in a fresh Python costs several times the ones after it.
  let warmed = false;
  /** @param {import("helper-types").Answers} current */
  function warmRenderers(current) {
    if (warmed) return;
    call({ op: operations.seal, answers: current, now: localNow(), original: null, amendment: null, site: site() })
      .then((reply) => {
        if (!reply.ok) return null;
        warmed = true;
        return call({ op: operations.render, record: /** @type {import("helper-types").SealReply} */ (reply).record });
      })
      .catch(() => {});
  }

  return { show: showCheck };
}
