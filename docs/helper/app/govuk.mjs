// @ts-check
// GOV.UK Frontend's own components on the helper's page (its ES module, self-hosted by the
// build under helper/govuk/): the conditional reveals of radios and checkboxes, the
// character counts and the skip link, each started within the helper's root only.
//
// The character count counts as Python does (in code points, so an emoji is one
// character), not in UTF-16 units as GOV.UK's does: the limit it shows is the one Python
// checks. Its sentences are the contract's (infoshare.contract.CHARACTER_COUNT).

import { CharacterCount, Checkboxes, Radios, SkipLink, createAll } from "../govuk/govuk-frontend.mjs";

class CodePointCount extends CharacterCount {
  updateCount() {
    this.count = [...this.$textarea.value].length;
  }
}

/**
 * @param {HTMLElement} root the helper's root element: nothing outside it is touched
 * @param {Record<string, unknown>} countMessages GOV.UK's character count translations
 * @param {(error: unknown) => void} onError told of a component that could not start
 */
export function startGovuk(root, countMessages, onError) {
  // GOV.UK Frontend starts only where this class is on <body> (its sign that the browser
  // runs its modules); the page's policy allows no inline script to set it earlier.
  document.body.classList.add("govuk-frontend-supported");
  const options = { scope: root, onError };
  const choices = [...createAll(Radios, undefined, options), ...createAll(Checkboxes, undefined, options)];
  const counts = createAll(CodePointCount, { i18n: countMessages }, options);
  createAll(SkipLink, undefined, options);
  return {
    // After answers are put back by the page (a file opened, a change undone), when no
    // click or typing has told the components.
    sync() {
      for (const choice of choices) choice.syncAllConditionalReveals();
      for (const count of counts) {
        count.updateCount();
        count.updateCountMessage();
      }
    },
  };
}
