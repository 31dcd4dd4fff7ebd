// @ts-check
// What the guidance points to, shown on the outcome page and, as the practitioner
// decides, under the decision question. Python's `outcome` operation works it out; this
// only writes it into the page, as text.

// `ruleLinks` is the build's template of links to the rule pages; `outcome` the outcome
// page, with its `title`, `summary`, `reasons`, `rules` and `prompts`.
import { fill } from "./text.mjs";

// `messages` are the contract's.
/**
 * @param {{ruleLinks: HTMLTemplateElement, outcome: HTMLElement, title: HTMLElement, summary: HTMLElement,
 *   reasons: HTMLElement, rules: HTMLElement, prompts: HTMLElement, messages: import("helper-types").Messages}} elements
 */
export function createGuidance({ ruleLinks: links, outcome, title, summary, reasons, rules, prompts, messages }) {
  const template = links.content;

  /** @param {string} text */
  function item(text) {
    const li = document.createElement("li");
    li.textContent = text;
    return li;
  }

  // Links to the rule pages, cloned from the template the build made for them.
  /** @param {number[]} numbers @returns {Node[]} */
  function ruleLinks(numbers) {
    return numbers.map((number) => {
      const known = template.querySelector(`[data-rule="${Number(number)}"]`);
      return known ? known.cloneNode(true) : item(fill(messages.rule_fallback, number));
    });
  }

  return {
    item,
    // The outcome page.
    /** @param {import("helper-types").Recommendation} recommendation */
    fillOutcome(recommendation) {
      /** @type {HTMLElement} */ (outcome.querySelector(".infoshare-recommendation")).dataset.code = recommendation.code;
      title.textContent = recommendation.title;
      summary.textContent = recommendation.summary;
      reasons.replaceChildren(...recommendation.reasons.map(item));
      rules.replaceChildren(...ruleLinks(recommendation.rules));
      // Prompts (such as "talk to your designated safeguarding lead") ask nothing and block
      // nothing; the record notes that they were shown.
      prompts.replaceChildren(...(recommendation.prompts || []).map((prompt) => {
        const box = document.createElement("div");
        box.className = "govuk-inset-text infoshare-prompt";
        box.dataset.code = prompt.code;
        const text = document.createElement("p");
        text.textContent = prompt.text;
        box.append(text);
        return box;
      }));
    },
    // The pointer under a question (data-pointer).
    /** @param {HTMLElement} pointer @param {import("helper-types").Recommendation} recommendation */
    fillPointer(pointer, recommendation) {
      // Its parts, which the build always writes (a missing one throws, as a fault of the build).
      const part = (/** @type {string} */ name) => /** @type {Element} */ (pointer.querySelector(`[data-pointer-${name}]`));
      part("title").textContent = recommendation.title;
      part("summary").textContent = recommendation.summary;
      part("reasons").replaceChildren(...recommendation.reasons.map(item));
      part("rules").replaceChildren(...ruleLinks(recommendation.rules));
      pointer.hidden = false;
    },
  };
}
