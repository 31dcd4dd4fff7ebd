// @ts-check
// Navigation between the helper's pages: one section shows at a time, focus moves to its
// heading (so a screen reader starts there), the document title follows it, and Back
// returns to the page before.
//
// Each page shown is an entry in the browser's history, so the browser's Back and Forward
// buttons (and a phone's back gesture) move between the helper's pages as its own Back
// button does. An entry holds only the page's id and how deep it is, never an answer, and
// the address stays exactly as it was.

import { fillIn } from "./text.mjs";

// `root` is the helper, `form` its form (whose sections are the questions), `named` its
// other pages ({open, actNow, outcome, check, record, clear}) and `footer` its footer;
// `canOpenFiles`, `onShow` and `onHistory` say what the rest of the page does.
// `titleHasErrors` says whether a page shows errors (its title then says so); `messages`
// are the contract's.
/**
 * @typedef {{open: HTMLElement, actNow: HTMLElement, outcome: HTMLElement, check: HTMLElement, record: HTMLElement,
 *   clear: HTMLElement}} NamedPages
 * @param {{root: HTMLElement, form: HTMLElement, named: NamedPages, footer: HTMLElement, messages: import("helper-types").Messages,
 *   canOpenFiles: () => boolean, onShow: (section: HTMLElement) => void,
 *   onHistory: (section: HTMLElement, how: {backwards: boolean}) => void,
 *   titleHasErrors: (section: HTMLElement) => boolean}} parts
 */
export function createViews({ root, form, named, footer, messages, canOpenFiles, onShow, onHistory, titleHasErrors }) {
  const questions = /** @type {HTMLElement[]} */ ([...form.querySelectorAll("section[data-view='question']")]);
  const baseTitle = document.title;
  let current = questions[0];
  let depth = 0; // this page's place in the browser's history, counted from the helper's first
  let floor = 0; // history below this belongs to answers that have since been cleared or replaced

  // Every page's heading, which the build always writes.
  const headingOf = (/** @type {HTMLElement} */ section) => /** @type {HTMLElement} */ (
    section.querySelector(".infoshare-heading"));

  /** @param {HTMLElement} [section] */
  function setTitle(section = current) {
    const heading = (headingOf(section).textContent || "").trim();
    const title = section === questions[0] ? baseTitle : fillIn(messages.page_title, { heading, title: baseTitle });
    document.title = (titleHasErrors(section) ? `${messages.error_prefix} ` : "") + title;
  }

  /** @param {HTMLElement} section @param {boolean} push */
  function record(section, push) {
    const entry = { infoshare: section.id };
    if (push) {
      depth += 1;
      history.pushState({ ...entry, depth }, "");
    } else {
      history.replaceState({ ...entry, depth }, "");
    }
  }

  /** @param {HTMLElement} section @param {{push?: boolean, focus?: boolean}} [options] */
  function show(section, { push = true, focus = true } = {}) {
    record(section, push && current !== section);
    for (const other of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll("section.infoshare-page"))) {
      if (other !== named.open) other.hidden = other !== section;
    }
    current = section;
    // Opening a saved record needs Python; offer it only where it can work.
    named.open.hidden = section !== questions[0] || !canOpenFiles();
    footer.hidden = section === named.clear;
    for (const back of /** @type {NodeListOf<HTMLElement>} */ (section.querySelectorAll("[data-action='back']"))) {
      back.hidden = depth <= floor;
    }
    setTitle(section);
    onShow(section);
    if (focus) {
      section.scrollIntoView({ block: "start" });
      headingOf(section).focus({ preventScroll: true });
    }
  }

  /** @param {string} pageId */
  function question(pageId) {
    return questions.find((section) => section.dataset.page === pageId) || null;
  }

  // The browser moved through its history: show the page the entry names. Entries from
  // before the answers were cleared, or from another page, are not the helper's to show.
  window.addEventListener("popstate", (event) => {
    const entry = event.state;
    if (!entry || typeof entry.infoshare !== "string" || typeof entry.depth !== "number") {
      // An entry the helper did not make (a place on the page, "#..."): the page stays as it
      // is, and focus goes back to its heading rather than being left on the body.
      headingOf(current).focus({ preventScroll: true });
      return;
    }
    const target = document.getElementById(entry.infoshare);
    const backwards = entry.depth < depth;
    depth = entry.depth;
    if (!target || !target.matches("section.infoshare-page") || depth < floor) {
      show(questions[0], { push: false });
      return;
    }
    onHistory(target, { backwards });
  });

  // A link to a place on this page (the theme's "Skip to content") moves focus there without
  // a history entry of its own: otherwise the browser's Back would first return to that
  // place, leaving the page as it is and focus on the body, not go to the page before.
  document.addEventListener("click", (event) => {
    const link = /** @type {HTMLAnchorElement | null} */ (
      /** @type {Element} */ (event.target).closest("a[href^='#']"));
    if (!link || event.defaultPrevented || link.hash.length < 2) return;
    const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    event.preventDefault();
    if (!target.matches("a[href], button, input, select, textarea, [tabindex]")) target.setAttribute("tabindex", "-1");
    target.scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
  });

  history.replaceState({ infoshare: questions[0].id, depth }, "");
  for (const back of /** @type {NodeListOf<HTMLElement>} */ (questions[0].querySelectorAll("[data-action='back']"))) {
    back.hidden = true;
  }

  return {
    questions,
    named,
    show,
    setTitle,
    question,
    headingOf,
    get current() { return current; },
    isFirst: (/** @type {HTMLElement} */ section) => section === questions[0],
    // The helper's own Back button: the same as the browser's.
    back() {
      if (depth > floor) history.back();
    },
    // After the answers are cleared or replaced, Back does not lead to pages about them.
    forget() {
      floor = depth;
    },
    // The pages already answered in a draft just opened, as entries in the browser's history
    // (none is shown): Back from where the draft carries on goes to the question before it,
    // as it would had the questions been answered here, not to the first question.
    /** @param {HTMLElement[]} sections */
    trail(sections) {
      for (const section of sections) {
        depth += 1;
        history.pushState({ infoshare: section.id, depth }, "");
      }
    },
  };
}
