// @ts-check
// Filling in the contract's messages: every sentence the page shows is the contract's
// (infoshare.contract.MESSAGES), with its {name} placeholders filled in here.

/**
 * A message with its {name} placeholders filled in (a name not given stays as it is).
 * @param {string} template
 * @param {Record<string, unknown>} values
 * @returns {string}
 */
export function fillIn(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}

/**
 * What an error says: its message, or the thing thrown itself when it is not an Error.
 * @param {unknown} error
 * @returns {string}
 */
export function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A message with its one {detail} filled in (nothing for null or undefined), as the boot
 * script's own fill() does.
 * @param {string} template
 * @param {unknown} detail
 * @returns {string}
 */
export function fill(template, detail) {
  return template.replace("{detail}", detail == null ? "" : String(detail));
}
