// Navigation between the helper's pages: one section shows at a time, focus moves to its
// heading (so a screen reader starts there), the document title follows it, and Back
// returns to the page before.

export function createViews(kit, { canOpenFiles, onShow }) {
  const root = kit.element("root");
  const form = kit.element("form");
  const questions = [...form.querySelectorAll("section[data-view='question']")];
  const named = {
    open: kit.element("open"),
    outcome: kit.element("outcome"),
    check: kit.element("check"),
    record: kit.element("record"),
    clear: kit.element("confirm_clear"),
  };
  const footer = kit.element("footer");
  const baseTitle = document.title;
  const history = [];
  let current = questions[0];
  let titleHasErrors = () => false;

  const headingOf = (section) => section.querySelector(".infoshare-heading");

  function setTitle(section = current) {
    const heading = headingOf(section).textContent.trim();
    const title = section === questions[0] ? baseTitle : `${heading} - ${baseTitle}`;
    document.title = (titleHasErrors(section) ? "Error: " : "") + title;
  }

  function show(section, { push = true, focus = true } = {}) {
    if (push && current && current !== section) history.push(current);
    for (const other of root.querySelectorAll("section.infoshare-page")) {
      if (other !== named.open) other.hidden = other !== section;
    }
    current = section;
    // Opening a saved record needs Python; offer it only where it can work.
    named.open.hidden = section !== questions[0] || !canOpenFiles();
    footer.hidden = section === named.clear;
    for (const back of section.querySelectorAll("[data-action='back']")) back.hidden = history.length === 0;
    setTitle(section);
    onShow(section);
    if (focus) {
      section.scrollIntoView({ block: "start" });
      headingOf(section).focus({ preventScroll: true });
    }
  }

  function question(pageId) {
    return questions.find((section) => section.dataset.page === pageId) || null;
  }

  for (const back of questions[0].querySelectorAll("[data-action='back']")) back.hidden = true;

  return {
    questions,
    named,
    show,
    setTitle,
    question,
    headingOf,
    get current() { return current; },
    isFirst: (section) => section === questions[0],
    previous: () => history.pop() || null,
    forget() { history.length = 0; },
    titleErrors(check) { titleHasErrors = check; },
  };
}
