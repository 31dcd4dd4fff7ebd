// @ts-check
// The form and its answers: reading what was typed, putting answers back (from a file or
// when a change is abandoned), and showing follow-up questions for the answers chosen.
//
// Answers are plain objects, field name -> text (or a list, for checkboxes), exactly what
// Python's infoshare.answers.clean reads. Answers from an opened file that no control on
// this page holds are kept aside (`extra`) and sent back with the rest, never dropped.

import { startGovuk } from "./govuk.mjs";

// `root` is the helper, `form` its form, `spelling` the spell-checking choice;
// `characterCount`, the contract's words for GOV.UK's character count; `collectAnswers`,
// the boot script's reading of the form.
/**
 * @param {{root: HTMLElement, form: HTMLFormElement, spelling: HTMLInputElement,
 *   characterCount: Record<string, unknown>,
 *   collectAnswers: (options: {includeHidden?: boolean, extra?: import("helper-types").Answers}) => import("helper-types").Answers}} parts
 */
export function createForm({ root, form, spelling, characterCount, collectAnswers }) {
  const govuk = startGovuk(root, characterCount,
    (error) => console.error("A GOV.UK component could not start:", error));
  /** @type {import("helper-types").Answers} */
  let extra = {};

  /** @param {string} name @returns {HTMLInputElement[]} */
  function controlsNamed(name) {
    return /** @type {HTMLInputElement[]} */ ([...form.elements]).filter((control) => control.name === name);
  }

  const answers = {
    form,
    // What is on screen (follow-ups hidden by another answer left out).
    collect() {
      return collectAnswers({ extra });
    },
    // Everything typed, hidden follow-ups included: for drafts and for undoing a change.
    collectAll() {
      return collectAnswers({ extra, includeHidden: true });
    },
    any() {
      return Object.keys(answers.collectAll()).length > 0;
    },
    /** @param {import("helper-types").Answers | null | undefined} values */
    fill(values) {
      form.reset();
      extra = {};
      for (const [name, value] of Object.entries(values || {})) {
        const controls = controlsNamed(name);
        if (controls.length === 0) {
          extra[name] = value;
          continue;
        }
        for (const control of controls) {
          if (control.type === "radio") control.checked = control.value === value;
          else if (control.type === "checkbox") control.checked = Array.isArray(value) && value.includes(control.value);
          else control.value = Array.isArray(value) ? value.join("\n") : String(value);
        }
      }
      answers.updateConditionals();
    },
    // "Use the time now": the date boxes of a field, filled with this device's local time.
    /** @param {string} name */
    fillNow(name) {
      const now = new Date();
      /** @type {Record<string, string | number>} */
      const values = {
        day: now.getDate(), month: now.getMonth() + 1, year: now.getFullYear(),
        hour: String(now.getHours()).padStart(2, "0"), minute: String(now.getMinutes()).padStart(2, "0"),
      };
      for (const box of form.querySelectorAll(`[data-field="${CSS.escape(name)}"] [data-part]`)) {
        if (!(box instanceof HTMLInputElement)) continue;
        box.value = String(values[box.dataset.part || ""]);
        box.dispatchEvent(new Event("input", { bubbles: true }));
      }
    },
    clear() {
      form.reset();
      extra = {};
      answers.updateConditionals();
    },
    // A follow-up that several answers reveal shows when the question it depends on has
    // one of its values. (One revealed by a single option sits under it, as GOV.UK's
    // conditional reveal, which GOV.UK Frontend opens and closes.)
    updateConditionals() {
      for (const box of root.querySelectorAll("[data-show-if-field]")) {
        if (!(box instanceof HTMLElement)) continue;
        /** @type {string[]} */
        const values = JSON.parse(box.dataset.showIfIn || "[]");
        const chosen = controlsNamed(box.dataset.showIfField || "").filter((c) => c.checked).map((c) => c.value);
        box.hidden = !chosen.some((value) => values.includes(value));
      }
      govuk.sync();
    },
  };
  form.addEventListener("change", answers.updateConditionals);

  // Spell checking stays off on every typed field unless the practitioner turns it on for
  // this page (see the choice's hint for why). The choice is not remembered anywhere.
  const typed = () => /** @type {NodeListOf<HTMLInputElement | HTMLTextAreaElement>} */ (
    root.querySelectorAll("textarea, input[type=text]"));
  spelling.checked = false;
  spelling.addEventListener("change", () => {
    for (const control of typed()) control.spellcheck = spelling.checked;
  });
  return answers;
}
