// @ts-check
// What the guidance points to, shown on the outcome page and, as the practitioner
// decides, under the decision question. Python's `outcome` operation works it out; this
// only writes it into the page, as text.

// `ruleLinks` is the build's template of links to the rule pages; `outcome` the outcome
// page, with its `title`, `summary`, `reasons`, `rules` and `prompts`.
import { fill } from "./text.mjs";

// `messages` are the contract's.
export function createGuidance({ ruleLinks: links, outcome, title, summary, reasons, rules, prompts, messages }) {
  const template = links.content;

  function item(text) {
    const li = document.createElement("li");
    li.textContent = text;
    return li;
  }

  // Links to the rule pages, cloned from the template the build made for them.
  function ruleLinks(numbers) {
    return numbers.map((number) => {
      const known = template.querySelector(`[data-rule="${Number(number)}"]`);
      return known ? known.cloneNode(true) : item(fill(messages.rule_fallback, number));
    });
  }

  return {
    item,
    // The outcome page.
    fillOutcome(recommendation) {
      outcome.querySelector(".infoshare-recommendation").dataset.code = recommendation.code;
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
    fillPointer(pointer, recommendation) {
      pointer.querySelector("[data-pointer-title]").textContent = recommendation.title;
      pointer.querySelector("[data-pointer-summary]").textContent = recommendation.summary;
      pointer.querySelector("[data-pointer-reasons]").replaceChildren(...recommendation.reasons.map(item));
      pointer.querySelector("[data-pointer-rules]").replaceChildren(...ruleLinks(recommendation.rules));
      pointer.hidden = false;
    },
  };
}
