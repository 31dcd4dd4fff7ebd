// Errors the GOV.UK way: a summary at the top of the page that takes focus and links to
// each problem, and a message at each question, tied to its control by aria-describedby.

export function createErrors(kit, { goToField, onTitleChange }) {
  const root = kit.element("root");
  const prefix = kit.contract().field_id_prefix;

  // The control a problem is about: the field's first control, by the contract's id rule.
  function fieldTarget(name) {
    return name ? document.getElementById(prefix + name) : null;
  }

  function setDescribedBy(element, ids) {
    const value = ids.trim();
    if (value) element.setAttribute("aria-describedby", value);
    else element.removeAttribute("aria-describedby");
  }

  function clear(scope = root) {
    for (const summary of scope.querySelectorAll(".govuk-error-summary")) {
      summary.hidden = true;
      summary.querySelector("ul").replaceChildren();
    }
    for (const group of scope.querySelectorAll(".govuk-form-group--error")) {
      group.classList.remove("govuk-form-group--error");
      const message = group.querySelector(":scope > .govuk-error-message, :scope > fieldset > .govuk-error-message");
      if (message) { message.hidden = true; message.replaceChildren(); }
      for (const described of group.querySelectorAll("[data-describedby]")) {
        if (described.closest(".govuk-form-group") !== group) continue;
        setDescribedBy(described, described.dataset.describedby);
        described.classList.remove("govuk-input--error", "govuk-textarea--error", "govuk-file-upload--error");
      }
    }
    onTitleChange();
  }

  function showInline(name, text) {
    const target = fieldTarget(name);
    if (!target) return false;
    const group = target.closest(".govuk-form-group");
    if (group.classList.contains("govuk-form-group--error")) return true; // first message wins
    group.classList.add("govuk-form-group--error");
    const message = group.querySelector(".govuk-error-message");
    const hidden = document.createElement("span");
    hidden.className = "govuk-visually-hidden";
    hidden.textContent = "Error:";
    message.replaceChildren(hidden, ` ${text}`);
    message.hidden = false;
    // Radios and checkboxes are described on their fieldset; other inputs on themselves.
    const described = group.querySelector("fieldset[data-describedby]") || target;
    if (described.closest(".govuk-form-group") === group) {
      setDescribedBy(described, `${described.dataset.describedby || ""} ${message.id}`);
    }
    if (target.matches("input[type=text], input[type=date], input[type=datetime-local]")) target.classList.add("govuk-input--error");
    if (target.matches("textarea")) target.classList.add("govuk-textarea--error");
    if (target.matches("input[type=file]")) target.classList.add("govuk-file-upload--error");
    return true;
  }

  // Problems as Python returns them: [{field, message}], field null for the whole page.
  function show(section, problems) {
    clear();
    const summary = section.querySelector(".govuk-error-summary");
    const list = summary.querySelector("ul");
    for (const problem of problems) {
      const item = document.createElement("li");
      const target = fieldTarget(problem.field);
      if (target && showInline(problem.field, problem.message)) {
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

  function showing(section) {
    const summary = section.querySelector(".govuk-error-summary");
    return Boolean(summary && !summary.hidden);
  }

  return { fieldTarget, clear, show, showing };
}
