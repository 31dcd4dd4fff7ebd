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

/**
 * The worker's reason for a failure in the contract's words (its message
 * worker_reason_<reason>, the {placeholders} filled from the worker's values); a reason
 * the contract has no message for is Python's own message, shown as it is.
 * @param {Record<string, string>} messages
 * @param {unknown} reason
 * @param {unknown} values
 * @returns {string}
 */
export function workerReason(messages, reason, values) {
  const key = `worker_reason_${reason}`;
  if (!Object.hasOwn(messages, key)) return String(reason);
  return fillIn(messages[key], values && typeof values === "object" ? /** @type {Record<string, unknown>} */ (values) : {});
}
