// @ts-check
// Errors the GOV.UK way: a summary at the top of the page that takes focus and links to
// each problem, and a message at each question, tied to its control by aria-describedby.

// `root` is the helper; `pages`, the contract's question pages; `prefix`, its rule for a
// field's id; `goToField` and `onTitleChange`, what a link in the summary and a change of
// errors do.
/**
 * @param {{root: HTMLElement, pages: import("helper-types").Page[], prefix: string, messages: import("helper-types").Messages,
 *   goToField: (target: HTMLElement) => void, onTitleChange: () => void}} parts
 */
export function createErrors({ root, pages, prefix, messages, goToField, onTitleChange }) {

  // Date boxes, by field: [{part, id}] from the contract.
  /** @type {Map<string, import("helper-types").DatePart[]>} */
  const boxes = new Map(pages.flatMap((page) => page.fields)
    .filter((field) => field.parts && field.parts.length)
    .map((field) => [field.name, field.parts || []]));

  // The control a problem is about: the field's first control, by the contract's id rule,
  // or for a date, the first of the boxes the problem names.
  /** @param {string | null | undefined} name @param {string[]} [parts] @returns {HTMLElement | null} */
  function fieldTarget(name, parts = []) {
    if (!name) return null;
    const named = (boxes.get(name) || []).find((box) => parts.includes(box.part));
    return document.getElementById(named ? named.id : prefix + name);
  }

  // The boxes of a date to mark: those the problem names, or all of them.
  /** @param {string} name @param {string[] | undefined} parts @returns {HTMLElement[]} */
  function partsToMark(name, parts) {
    const all = boxes.get(name) || [];
    const marked = parts && parts.length ? all.filter((box) => parts.includes(box.part)) : all;
    return marked.flatMap((box) => document.getElementById(box.id) ?? []);
  }

  /** @param {Element} element @param {string} ids */
  function setDescribedBy(element, ids) {
    const value = ids.trim();
    if (value) element.setAttribute("aria-describedby", value);
    else element.removeAttribute("aria-describedby");
  }

  // Every page's error summary and its list, which the build always writes.
  const summaryOf = (/** @type {Element} */ section) => /** @type {HTMLElement} */ (
    section.querySelector(".govuk-error-summary"));
  const listOf = (/** @type {Element} */ summary) => /** @type {HTMLElement} */ (summary.querySelector("ul"));

  /** @param {HTMLElement} [scope] */
  function clear(scope = root) {
    for (const summary of /** @type {NodeListOf<HTMLElement>} */ (scope.querySelectorAll(".govuk-error-summary"))) {
      summary.hidden = true;
      listOf(summary).replaceChildren();
    }
    for (const box of scope.querySelectorAll(".govuk-date-input__input.govuk-input--error")) {
      box.classList.remove("govuk-input--error");
    }
    for (const group of scope.querySelectorAll(".govuk-form-group--error")) {
      group.classList.remove("govuk-form-group--error");
      const message = /** @type {HTMLElement | null} */ (
        group.querySelector(":scope > .govuk-error-message, :scope > fieldset > .govuk-error-message"));
      if (message) { message.hidden = true; message.replaceChildren(); }
      for (const described of /** @type {NodeListOf<HTMLElement>} */ (group.querySelectorAll("[data-describedby]"))) {
        if (described.closest("[data-field]") !== group) continue;
        setDescribedBy(described, described.dataset.describedby || "");
        described.classList.remove("govuk-input--error", "govuk-textarea--error", "govuk-file-upload--error");
      }
    }
    onTitleChange();
  }

  /** @param {string} name @param {string} text @param {string[] | undefined} parts */
  function showInline(name, text, parts) {
    const target = fieldTarget(name, parts);
    if (!target) return false;
    // The question's own group (a date's boxes each sit in a group of their own).
    const group = target.closest("[data-field]");
    if (!group) return false; // not a question's control: the summary alone names it
    if (group.classList.contains("govuk-form-group--error")) return true; // first message wins
    group.classList.add("govuk-form-group--error");
    const message = /** @type {HTMLElement} */ (group.querySelector(".govuk-error-message"));
    const hidden = document.createElement("span");
    hidden.className = "govuk-visually-hidden";
    hidden.textContent = messages.error_prefix;
    message.replaceChildren(hidden, ` ${text}`);
    message.hidden = false;
    // Radios and checkboxes are described on their fieldset; other inputs on themselves.
    const described = /** @type {HTMLElement} */ (group.querySelector("fieldset[data-describedby]") || target);
    if (described.closest("[data-field]") === group) {
      setDescribedBy(described, `${described.dataset.describedby || ""} ${message.id}`);
    }
    for (const box of partsToMark(name, parts)) box.classList.add("govuk-input--error");
    if (target.matches("input[type=text]:not(.govuk-date-input__input)")) target.classList.add("govuk-input--error");
    if (target.matches("textarea")) target.classList.add("govuk-textarea--error");
    if (target.matches("input[type=file]")) target.classList.add("govuk-file-upload--error");
    return true;
  }

  // Problems as Python returns them: [{field, message, parts?}], field null for the whole
  // page; `parts` names the boxes of a date that are wrong.
  /** @param {HTMLElement} section @param {import("helper-types").Problem[]} problems */
  function show(section, problems) {
    clear();
    const summary = summaryOf(section);
    const list = listOf(summary);
    for (const problem of problems) {
      const item = document.createElement("li");
      const target = fieldTarget(problem.field, problem.parts);
      if (target && problem.field && showInline(problem.field, problem.message, problem.parts)) {
        const link = document.createElement("a");
        link.href = `#${target.id}`;
        link.textContent = problem.message;
        link.addEventListener("click", (event) => {
          event.preventDefault();
          goToField(target);
        });
        item.append(link);
      } else {
        item.textContent = problem.message;
      }
      list.append(item);
    }
    summary.hidden = false;
    onTitleChange();
    // The summary takes focus so a screen reader reads the problems at once, and a
    // keyboard user is one Tab away from the first link.
    summary.scrollIntoView({ block: "start" });
    summary.focus({ preventScroll: true });
  }

  /** @param {HTMLElement} section */
  function showing(section) {
    const summary = /** @type {HTMLElement | null} */ (section.querySelector(".govuk-error-summary"));
    return Boolean(summary && !summary.hidden);
  }

  return { fieldTarget, clear, show, showing };
}
