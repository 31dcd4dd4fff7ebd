// @ts-check
// What the page says about a file it has just opened: a draft (not a record), a draft of an
// amendment, or a record that validation finds problems with (each problem listed). Python
// words it all (the `open` operation's `opened`); this only shows it, as text, on the page
// the file opened at and on the check page, where the record is created, until the record
// is made, another file is opened or the answers are cleared.

// `box` is the notice, with its `title`, `text` and list of `problems`; `check`, the
// check page, where the notice shows too.
/**
 * @param {{box: HTMLElement, title: HTMLElement, text: HTMLElement, problems: HTMLElement, check: HTMLElement}} elements
 */
export function createOpened({ box, title, text, problems, check }) {
  /** @typedef {{tone: string, title: string, text: string, problems: string[]}} Notice */
  /** @type {Notice | null} */
  let notice = null;
  /** @type {HTMLElement | null} */
  let at = null; // the page the file opened at

  /** @param {Notice} notice */
  function fill(notice) {
    box.dataset.tone = notice.tone;
    title.textContent = notice.title;
    text.textContent = notice.text;
    const list = problems;
    list.replaceChildren(...notice.problems.map((problem) => {
      const li = document.createElement("li");
      li.textContent = problem;
      return li;
    }));
    list.hidden = notice.problems.length === 0;
  }

  return {
    // A new file's notice (or none), shown where it opened; focus moves to it, so that it
    // is read first, as an error summary would be.
    /** @param {import("helper-types").Notice | null | undefined} opened @param {HTMLElement} section */
    show(opened, section) {
      notice = opened || null;
      at = section;
      box.hidden = notice === null;
      if (notice === null) return;
      fill(notice);
      box.focus();
    },
    hide() {
      notice = null;
      at = null;
      box.hidden = true;
    },
    // Called as each page shows: the notice stays with the page it opened at, and the check page.
    /** @param {HTMLElement} section */
    place(section) {
      if (notice !== null) box.hidden = !(section === at || section === check);
    },
  };
}
