// The journey through the helper: Continue on each question, what the guidance points to,
// checking answers, creating the record, opening a saved one, starting again. Python
// decides every step (which page is next, what is wrong, what the guidance points to);
// this module asks it and shows the answer.

export function createJourney(ctx) {
  const { kit, engine, status, answers, errors, views, guidance, summary, downloads, session } = ctx;
  const call = (request) => engine.call(request);
  const messages = () => kit.contract().messages;
  const amendFields = kit.contract().amendment_fields;
  const prefix = kit.contract().field_id_prefix;
  const amendControl = (field) => document.getElementById(prefix + field.name);

  // One action at a time; a click that arrives while Python is still loading waits for it,
  // and the status says so.
  async function busy(button, work) {
    if (session.busy) return;
    session.busy = true;
    button?.setAttribute("aria-disabled", "true");
    if (engine.state === "loading") status.waitForPython();
    try {
      await work();
    } finally {
      session.busy = false;
      button?.removeAttribute("aria-disabled");
    }
  }

  function unexpected(section, error) {
    if (engine.state === "failed") {
      kit.element("failed").focus();
      return;
    }
    // The worker stopped answering and is being restarted: the notice says so (and has
    // focus); the answers are all still on the page.
    if (error.interrupted) return;
    errors.show(section, [{ field: null, message: kit.fill(messages().unexpected, error.message || error) }]);
  }

  // Without Python the answers cannot be checked, but they can still be typed and kept:
  // move through the questions in order and offer the download at the end.
  function continueWithoutPython(section) {
    const index = views.questions.indexOf(section);
    if (index >= 0 && index + 1 < views.questions.length) views.show(views.questions[index + 1]);
    else kit.element("failed").focus();
  }

  async function next(section, button) {
    await busy(button, async () => {
      if ((await engine.settled) === "failed") return continueWithoutPython(section);
      const current = answers.collect();
      try {
        const reply = await call({
          op: "step", page: section.dataset.page, answers: current, now: kit.localNow(),
          completed: [...session.completed], returning: session.returnToCheck,
        });
        status.dismissNotice();
        if (!reply.ok || reply.errors.length) return errors.show(section, reply.errors);
        errors.clear(section);
        session.snapshot = null;
        session.completed.add(section.dataset.page);
        await go(reply.next, reply.then, current);
      } catch (error) {
        unexpected(section, error);
      }
    });
  }

  // Shows the page Python named: a question, "act_now" (then `then`), "outcome" or "check".
  async function go(target, then, current = answers.collect()) {
    if (target === "act_now") {
      session.afterActNow = then;
      views.show(views.named.actNow);
    } else if (target === "check") {
      await showCheck();
    } else if (target === "outcome") {
      await showOutcome(current);
    } else {
      views.show(views.question(target));
    }
  }

  async function actNowContinue(button) {
    await busy(button, async () => {
      try {
        await go(session.afterActNow || "request");
      } catch (error) {
        unexpected(views.named.actNow, error);
      }
    });
  }

  async function showOutcome(current) {
    const reply = await call({ op: "outcome", answers: current });
    guidance.fillOutcome(reply.recommendation);
    views.show(views.named.outcome);
  }

  // What the guidance points to so far, shown where the practitioner decides.
  async function updatePointer(pointer) {
    if (engine.state !== "ready") return;
    try {
      const reply = await call({ op: "outcome", answers: answers.collect() });
      guidance.fillPointer(pointer, reply.recommendation);
    } catch {
      pointer.hidden = true;
    }
  }

  async function showCheck({ push = true } = {}) {
    const current = answers.collect();
    const [rows, outcome] = await Promise.all([
      call({ op: "summary", answers: current }),
      call({ op: "outcome", answers: current }),
    ]);
    session.returnToCheck = false;
    warmRenderers(current);
    summary.fill(rows.rows);
    kit.element("check_outcome").textContent =
      `From these answers, the guidance points to: ${outcome.recommendation.title}.`;
    const amending = session.original !== null;
    kit.element("amend").hidden = !amending;
    views.named.check.querySelector("[data-action='seal']").textContent =
      amending ? "Create the record with your amendment" : "Create the record";
    if (amending) {
      kit.element("amend_about").textContent = session.amending;
      await showChanges(current);
    }
    if (views.current === views.named.check) {
      views.setTitle();
    } else {
      // Problems found by an earlier attempt may have been put right since.
      errors.clear(views.named.check);
      views.show(views.named.check, { push });
    }
  }

  // While amending: every answer changed so far, worded as the amendment will record it.
  async function showChanges(current) {
    const reply = await call({ op: "changes", original: session.original, answers: current, now: kit.localNow() });
    const list = kit.element("amend_changes");
    if (!reply.ok || reply.changes.length === 0) {
      list.replaceChildren(guidance.item(messages().no_changes));
      return;
    }
    list.replaceChildren(...reply.changes.map((change) =>
      guidance.item(`${change.label}: was ${change.before}; now ${change.after}`)));
  }

  // The site the record is made on, as the build wrote it into the page (the partnership's
  // name, or the site's, and its address), or nothing where the build had no address.
  function site() {
    const root = kit.element("root");
    const name = root.dataset.siteName || "";
    const url = root.dataset.siteUrl || "";
    return name && url ? { name, url } : null;
  }

  // While the practitioner reads their answers, make a throwaway record once so the
  // renderers' templates are compiled before "Create the record" is pressed: the first
  // render in a fresh Python costs several times the ones after it.
  let warmed = false;
  function warmRenderers(current) {
    if (warmed) return;
    call({ op: "seal", answers: current, now: kit.localNow(), original: null, amendment: null, site: site() })
      .then((reply) => {
        if (!reply.ok) return null;
        warmed = true;
        return call({ op: "render", record: reply.record });
      })
      .catch(() => {});
  }

  // "Change" on the check page: the answers as they were are kept, and put back if the
  // practitioner goes Back without pressing Continue (as on GOV.UK).
  function change(section) {
    session.snapshot = answers.collectAll();
    session.returnToCheck = true;
    views.show(section);
  }

  // The browser moved through its history (its Back or Forward, or the helper's own Back).
  function onHistory(section, { backwards }) {
    if (backwards && session.snapshot) {
      answers.fill(session.snapshot);
      session.snapshot = null;
      session.returnToCheck = false;
    }
    // The check page is drawn from the answers, so redraw it rather than show it as it was.
    if (section === views.named.check) showCheck({ push: false }).catch((error) => unexpected(views.named.check, error));
    else views.show(section, { push: false });
  }

  function amendment() {
    if (session.original === null) return null;
    const values = {};
    for (const field of amendFields) values[field.name.replace(/^amendment_/, "")] = amendControl(field).value;
    return values;
  }

  async function seal(button) {
    await busy(button, async () => {
      const current = answers.collect();
      const pressed = performance.now();
      try {
        const reply = await call({
          op: "seal", answers: current, now: kit.localNow(), original: session.original, amendment: amendment(),
          site: site(),
        });
        status.dismissNotice();
        if (!reply.ok) return errors.show(views.named.check, reply.errors);
        errors.clear();
        const started = performance.now();
        const rendered = await call({ op: "render", record: reply.record });
        performance.measure("infoshare:render", { start: started, end: performance.now() });
        if (!rendered.ok) return errors.show(views.named.check, rendered.errors);
        downloads.hold(rendered);
        session.dirty = true;
        kit.element("downloaded").textContent = "";
        views.show(views.named.record);
        performance.measure("infoshare:create", { start: pressed, end: performance.now() });
      } catch (error) {
        unexpected(views.named.check, error);
      }
    });
  }

  function readText(file) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error || new Error("the file could not be read"));
      reader.readAsText(file);
    });
  }

  async function open(button) {
    const input = kit.element("record_file");
    await busy(button, async () => {
      const file = input.files[0];
      const problem = (message) => errors.show(views.named.open, [{ field: "record_file", message }]);
      if (!file) return problem(messages().open_no_file);
      if (file.size > kit.contract().max_file_bytes) return problem(messages().open_too_large);
      if ((await engine.settled) === "failed") return problem(messages().open_no_python);
      try {
        const reply = await call({ op: "open", text: await readText(file) });
        if (!reply.ok) return errors.show(views.named.open, reply.errors.map((e) => ({ field: "record_file", message: e.message })));
        errors.clear();
        answers.fill(reply.answers);
        for (const field of amendFields) amendControl(field).value = "";
        input.value = "";
        session.original = reply.record || null;
        session.amending = reply.amending || "";
        // A sealed record opens at the check page; a draft carries on where it stopped.
        const path = await call({ op: "path", answers: answers.collect() });
        const resumeAt = reply.resume === "check" ? path.pages.length : path.pages.indexOf(reply.resume);
        session.completed = new Set(path.pages.slice(0, Math.max(resumeAt, 0)));
        views.forget();
        session.dirty = false;
        await go(reply.resume === "check" ? "check" : reply.resume);
      } catch (error) {
        problem(kit.fill(messages().open_unreadable, error.message || error));
      }
    });
  }

  function clearAll() {
    answers.clear();
    for (const field of amendFields) amendControl(field).value = "";
    kit.element("record_file").value = "";
    errors.clear();
    Object.assign(session, {
      completed: new Set(), returnToCheck: false, snapshot: null, original: null, amending: "", dirty: false,
    });
    downloads.forget();
    summary.clear();
    views.show(views.questions[0]);
    views.forget();
    if (engine.state === "ready") status.say("All answers cleared.");
  }

  async function copyCaseNote() {
    const copied = await downloads.copy("txt");
    kit.element("downloaded").textContent = copied ? messages().copied : messages().copy_failed;
  }

  async function saveAnswers() {
    const name = await downloads.draft(answers.collectAll());
    session.dirty = false;
    kit.element("saved").textContent =
      `Your answers so far are saved as ${name}. To carry on later, open that file with "Or open a saved record" on the helper's first page.`;
  }

  return {
    next, change, onHistory, showCheck, seal, open, clearAll, updatePointer, busy, unexpected, actNowContinue,
    saveAnswers, copyCaseNote,
  };
}
