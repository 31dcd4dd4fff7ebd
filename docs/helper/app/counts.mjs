// Character counts (GOV.UK's character count) under each textarea with a limit: the limit
// is in the page from the build; as the practitioner types, how many characters are left,
// or how many too many, is shown, and told to screen readers once typing pauses.

const ANNOUNCE_AFTER_MS = 1000;

function describe(left) {
  const n = Math.abs(left).toLocaleString("en-GB");
  const noun = Math.abs(left) === 1 ? "character" : "characters";
  return left >= 0 ? `You have ${n} ${noun} remaining` : `You have ${n} ${noun} too many`;
}

export function createCounts(root) {
  const timers = new WeakMap();

  function update(box, { announce = false } = {}) {
    const control = box.querySelector("textarea");
    const limit = Number(box.dataset.maxlength);
    const status = box.querySelector(".govuk-character-count__status");
    const spoken = box.querySelector(".govuk-character-count__sr-status");
    // Counted as Python counts them: in code points, not UTF-16 units.
    const left = limit - [...control.value].length;
    status.textContent = describe(left);
    status.hidden = false;
    // As GOV.UK's count does once its script runs: the limit stays for screen readers (the
    // text box is described by it), and what is left is what shows.
    box.querySelector(".govuk-character-count__message").classList.add("govuk-visually-hidden");
    status.classList.toggle("govuk-error-message", left < 0);
    status.classList.toggle("govuk-hint", left >= 0);
    control.classList.toggle("govuk-textarea--error", left < 0);
    if (announce) {
      clearTimeout(timers.get(box));
      timers.set(box, setTimeout(() => { spoken.textContent = describe(left); }, ANNOUNCE_AFTER_MS));
    }
  }

  root.addEventListener("input", (event) => {
    const box = event.target.closest && event.target.closest(".govuk-character-count");
    if (box) update(box, { announce: true });
  });

  return {
    updateAll() {
      for (const box of root.querySelectorAll(".govuk-character-count")) update(box);
    },
  };
}
