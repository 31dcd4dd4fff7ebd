// @ts-check
// The record and the files around it: creating it (with an amendment when a saved record
// is open, or once a record has been made from these answers), opening a saved record or
// draft, saving the answers so far, copying the case note, and starting again.

import { fill } from "./text.mjs";

// Given the page's parts, what it remembers (`session`), one action at a time (`busy`,
// `unexpected`), the journey's move to a page Python names (`go`), the contract, its
// elements, and where and when a record is made (`site`, `localNow`).
/**
 * @param {{engine: import("helper-types").Engine, status: import("helper-types").Status, answers: import("helper-types").Form, errors: import("helper-types").Errors, views: import("helper-types").Views,
 *   summary: import("helper-types").Summary, downloads: import("helper-types").Downloads, session: import("helper-types").Session, opened: import("helper-types").Opened,
 *   busy: import("helper-types").Steps["busy"], unexpected: import("helper-types").Steps["unexpected"], go: import("helper-types").Journey["go"], contract: import("helper-types").Contract,
 *   elements: {recordFile: HTMLInputElement, saved: HTMLElement, downloaded: HTMLElement},
 *   site: () => import("helper-types").Site, localNow: () => string}} parts
 */
export function createRecords({
  engine, status, answers, errors, views, summary, downloads, session, opened, busy, unexpected, go, contract,
  elements: { recordFile, saved, downloaded }, site, localNow,
}) {
  const call = (/** @type {import("helper-types").Request} */ request) => engine.call(request);
  const { messages, operations, amendment_fields: amendFields, field_id_prefix: prefix } = contract;
  const amendControl = (/** @type {import("helper-types").Field} */ field) => /** @type {HTMLInputElement} */ (document.getElementById(prefix + field.name));

  /** @returns {Record<string, string> | null} */
  function amendment() {
    if (session.original() === null) return null;
    /** @type {Record<string, string>} */
    const values = {};
    for (const field of amendFields) values[field.name.replace(/^amendment_/, "")] = amendControl(field).value;
    return values;
  }

  // Who is amending and why, as a file carries them ({by, reason}), or empty.
  /** @param {Record<string, string | undefined> | null | undefined} values */
  function fillAmendment(values) {
    for (const field of amendFields) amendControl(field).value = (values || {})[field.name.replace(/^amendment_/, "")] || "";
  }

  // What a draft carries besides the answers: the record being amended (the one opened, or
  // the one made here), so that finishing the draft amends it rather than making another.
  function draftExtras() {
    return session.original() === null ? {} : { original: session.original(), amendment: amendment() };
  }

  /** @param {Element} button */
  async function seal(button) {
    await busy(button, async () => {
      const current = answers.collect();
      const pressed = performance.now();
      try {
        const reply = /** @type {import("helper-types").SealReply} */ (await call({
          op: operations.seal, answers: current, now: localNow(), original: session.original(), amendment: amendment(),
          site: site(),
        }));
        status.dismissNotice();
        if (!reply.ok) return errors.show(views.named.check, reply.errors);
        errors.clear();
        const started = performance.now();
        const rendered = /** @type {import("helper-types").RenderReply} */ (await call({ op: operations.render, record: reply.record }));
        performance.measure("infoshare:render", { start: started, end: performance.now() });
        if (!rendered.ok) return errors.show(views.named.check, rendered.errors);
        downloads.hold(rendered);
        // From now on this record exists: any later change is an amendment of it.
        session.holdRecord(reply.record, reply.amending);
        fillAmendment(null);
        opened.hide();
        session.changed();
        downloaded.textContent = "";
        views.show(views.named.record);
        performance.measure("infoshare:create", { start: pressed, end: performance.now() });
      } catch (error) {
        unexpected(views.named.check, error);
      }
    });
  }

  /** @param {Blob} file @returns {Promise<string>} */
  function readText(file) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error || new Error(messages.file_not_read));
      reader.readAsText(file);
    });
  }

  /** @param {Element} button */
  async function open(button) {
    await busy(button, async () => {
      const file = recordFile.files?.[0];
      const problem = (/** @type {string} */ message) => errors.show(views.named.open, [{ field: "record_file", message }]);
      if (!file) return problem(messages.open_no_file);
      if (file.size > contract.max_file_bytes) return problem(messages.open_too_large);
      if ((await engine.settled) === "failed") return problem(messages.open_no_python);
      try {
        const reply = /** @type {import("helper-types").OpenReply} */ (
          await call({ op: operations.open, text: await readText(file), now: localNow() }));
        if (!reply.ok) return errors.show(views.named.open, reply.errors.map((e) => ({ field: "record_file", message: e.message })));
        errors.clear();
        answers.fill(reply.answers);
        fillAmendment(reply.amendment);
        recordFile.value = "";
        // The record an amendment would amend: none for a draft, or for a record with problems.
        session.holdRecord(reply.record || null, reply.amending || "", Boolean(reply.separate));
        // A sealed record opens at the check page; a draft carries on where it stopped.
        const path = /** @type {import("helper-types").PathReply} */ (await call({ op: operations.path, answers: answers.collect() }));
        const resumeAt = reply.resume === contract.targets.check ? path.pages.length : path.pages.indexOf(reply.resume);
        session.resumeAfter(path.pages.slice(0, Math.max(resumeAt, 0)));
        views.forget();
        views.trail(path.pages.slice(1, Math.max(resumeAt, 0)).flatMap((page) => views.question(page) ?? []));
        session.saved();
        opened.hide();
        await go(reply.resume);
        opened.show(reply.opened, views.current);
      } catch (error) {
        problem(fill(messages.open_unreadable, (error instanceof Error && error.message) || error));
      }
    });
  }

  function clearAll() {
    answers.clear();
    fillAmendment(null);
    recordFile.value = "";
    errors.clear();
    session.reset();
    opened.hide();
    downloads.forget();
    // Both name the cleared case's files, so its reference.
    saved.textContent = "";
    downloaded.textContent = "";
    summary.clear();
    views.show(views.questions[0]);
    views.forget();
    if (engine.state === "ready") status.say(messages.cleared);
  }

  async function copyCaseNote() {
    const copied = await downloads.copy("txt");
    downloaded.textContent = copied ? messages.copied : messages.copy_failed;
  }

  async function saveAnswers() {
    const name = await downloads.draft(answers.collectAll(), draftExtras());
    session.saved();
    saved.textContent = fill(messages.saved, name);
  }

  return { seal, open, clearAll, copyCaseNote, saveAnswers, draftExtras };
}
