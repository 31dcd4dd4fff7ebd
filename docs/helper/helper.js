// The decision helper's page glue. Python (the `infoshare` package, in a Web Worker)
// owns every question, rule, message and file format; this script only moves data
// between the form, the worker and the downloads.
//
// Nothing typed is stored: no web storage, no cookies, nothing in the URL. The record
// lives in this page's memory until it is downloaded.
//
// A classic script, not a module: browsers refuse module scripts on a page opened from
// file://, and that is exactly when this script must run to explain the problem and
// still offer the answers for download. It is loaded `async` from the page's <head>, so
// the worker (and Python's download) starts before the page has even been parsed; the
// form is wired up once the document is ready.

(function () {
"use strict";

const STARTUP_TIMEOUT_MS = 120_000;
const MAX_FILE_BYTES = 5 * 1024 * 1024;

const engine = createEngine(document.currentScript.dataset);
holdThemeScripts(document.currentScript.dataset.themeScripts, engine.settled);

// The theme's own script (search, the header's behaviour) waits until the helper has
// started or failed, or two seconds, whichever is first, so that on a slow computer the
// two do not compete for the processor while Python starts (build_scripts/site/theme_scripts.py
// moved its addresses here). The page works without it meanwhile.
function holdThemeScripts(sources, settled) {
  const urls = (sources || "").split(" ").filter(Boolean);
  let loaded = false;
  const load = () => {
    if (loaded) return;
    loaded = true;
    whenParsed(() => {
      for (const url of urls) {
        const script = document.createElement("script");
        script.src = url;
        script.async = false; // in their order, as the theme wrote them
        document.body.append(script);
      }
    });
  };
  settled.then(load);
  setTimeout(load, 2000);
}

function whenParsed(callback) {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", callback);
  else callback();
}

whenParsed(() => {
  const root = document.getElementById("infoshare");
  if (root) start(root, engine);
});

// ---- Python in a worker -----------------------------------------------------------------

function createEngine(config) {
  const doc = document.documentElement;
  const listeners = new Set();
  const pending = new Map();
  let worker = null;
  let nextId = 1;
  let last = { type: "progress", step: 1, of: 3, text: "" };
  let lastBytes = null; // {type: "bytes", received, total}: how much of the download has arrived
  const totalBytes = Number(config.downloadBytes) || 0;
  let settle;
  const engine = {
    state: "loading",
    settled: new Promise((resolve) => { settle = resolve; }),
    // Calls wait until Python is ready; they reject if it never is.
    async call(request) {
      if ((await engine.settled) !== "ready" || engine.state !== "ready") throw new Error("the helper is not running");
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ type: "call", id, request: JSON.stringify(request) });
      });
    },
    // The listener hears the latest news at once, then every change.
    subscribe(listener) {
      listeners.add(listener);
      listener(last);
      if (lastBytes && engine.state === "loading") listener(lastBytes);
    },
  };

  function emit(event) {
    if (event.type === "bytes") lastBytes = event;
    else last = event;
    for (const listener of listeners) listener(event);
  }

  function setState(value) {
    engine.state = value;
    doc.dataset.helperState = value;
  }

  function fail(reason, fix) {
    if (engine.state === "failed") return;
    setState("failed");
    if (worker) worker.terminate();
    for (const waiter of pending.values()) waiter.reject(new Error("the helper stopped"));
    pending.clear();
    emit({ type: "failed", reason, fix });
    settle("failed");
  }

  function returnVisit() {
    const entry = performance.getEntriesByType("resource").find((e) => /\/helper\.js(\?|$)/.test(e.name));
    return Boolean(entry && entry.transferSize === 0 && entry.decodedBodySize > 0);
  }

  function hostFix() {
    return "Reload the page. If you host this site, check that every file under helper/ was published, that .mjs files are served as JavaScript and .wasm files as application/wasm; or try another browser.";
  }

  function onMessage(event) {
    const message = event.data || {};
    if (message.type === "progress") {
      if (engine.state !== "loading") return;
      performance.mark(`infoshare:step-${message.step}`);
      emit(message);
    } else if (message.type === "bytes") {
      if (engine.state !== "loading" || !totalBytes) return;
      emit({ type: "bytes", received: Math.min(Number(message.received) || 0, totalBytes), total: totalBytes });
    } else if (message.type === "ready") {
      setState("ready");
      performance.mark("infoshare:ready");
      emit({ type: "ready" });
      settle("ready");
    } else if (message.type === "failed") {
      fail(`The helper's Python engine could not start: ${message.reason}.`, hostFix());
    } else if (message.type === "result") {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (waiter) waiter.resolve(JSON.parse(message.response));
    } else if (message.type === "problem") {
      console.error(message.text);
    }
  }

  setState("loading");
  if (location.protocol === "file:") {
    fail(
      "This page was opened from a file on your computer (file://), and browsers do not let the helper's Python start from a file.",
      "Serve the site over http instead: in the site's folder run python3 -m http.server, then open http://localhost:8000/helper/ in your browser.",
    );
    return engine;
  }
  if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
    fail(
      "This browser does not run WebAssembly, or it has been turned off (some organisations turn it off by policy).",
      "Use an up-to-date Chrome, Edge, Firefox or Safari, or ask your IT team whether WebAssembly is blocked.",
    );
    return engine;
  }
  try {
    worker = new Worker(new URL(config.worker, location.href), { type: "module" });
  } catch (error) {
    fail(`The browser refused to start the helper's background script (${error.message}).`, hostFix());
    return engine;
  }
  worker.addEventListener("message", onMessage);
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    const detail = event.message ? ` (${event.message})` : "";
    fail(`The helper's background script stopped or could not be loaded${detail}.`, hostFix());
  });
  worker.addEventListener("messageerror", () => fail("The helper's background script sent a message that could not be read.", hostFix()));
  const runtime = new URL(config.runtime, location.href);
  const wasm = new URL("pyodide.asm.wasm", runtime);
  // Chromium keeps compiled WebAssembly for the page between visits, but not for
  // workers. So on a return visit (this script came from the browser's cache, and so,
  // almost certainly, did Python's WebAssembly) the WebAssembly is compiled here, which
  // then takes a fraction of the time, and handed to the worker. On a first visit the
  // worker compiles it as soon as it starts, and once Python is ready the page compiles
  // it once more in the background so that the next visit finds a kept copy. Compiling
  // is asynchronous and runs off the main thread.
  const canCompile = typeof WebAssembly.compileStreaming === "function";
  const compilesWasm = canCompile && returnVisit();
  worker.postMessage({
    type: "init",
    runtime: runtime.href,
    packages: config.packages.split(/\s+/).filter(Boolean),
    compilesWasm,
  });
  if (compilesWasm) {
    WebAssembly.compileStreaming(fetch(wasm))
      .then((module) => worker.postMessage({ type: "wasm", module }))
      .catch(() => worker.postMessage({ type: "wasm", module: null }));
  } else if (canCompile) {
    engine.settled.then((state) => {
      if (state === "ready") WebAssembly.compileStreaming(fetch(wasm)).catch(() => {});
    });
  }
  setTimeout(() => {
    if (engine.state === "loading") {
      fail("Python took more than two minutes to start.", "Reload the page. If it happens again, try another browser or ask your IT team whether large downloads are blocked.");
    }
  }, STARTUP_TIMEOUT_MS);
  return engine;
}

// ---- the page ---------------------------------------------------------------------------

function start(root, engine) {
  const form = root.querySelector("#infoshare-form");
  // The theme's keyboard shortcuts n, p, "," and "." open the site's next or previous
  // page. Here focus often rests on a question's heading, so one stray key would leave
  // a decision half made: inside the helper those keys do nothing.
  root.addEventListener("keydown", (event) => {
    if (!event.ctrlKey && !event.metaKey && !event.altKey && ["n", "p", ",", "."].includes(event.key)) {
      event.stopPropagation();
    }
  });
  const questions = [...form.querySelectorAll("section[data-view='question']")];
  const view = {
    open: root.querySelector("#infoshare-open"),
    outcome: root.querySelector("#infoshare-outcome"),
    check: root.querySelector("#infoshare-check"),
    record: root.querySelector("#infoshare-record"),
    clear: root.querySelector("#infoshare-clear"),
  };
  const statusBox = root.querySelector("#infoshare-status");
  const statusText = root.querySelector("#infoshare-status-text");
  const progressBar = root.querySelector("#infoshare-progress");
  const amount = root.querySelector("#infoshare-amount");
  const megabytes = (bytes) => (bytes / 1e6).toFixed(1);
  const failedBox = root.querySelector("#infoshare-failed");
  const footer = root.querySelector("#infoshare-footer");
  const amendBox = root.querySelector("#infoshare-amend");
  const amendBy = root.querySelector("#f-amendment_by");
  const amendReason = root.querySelector("#f-amendment_reason");
  const fileInput = root.querySelector("#f-record_file");
  const baseTitle = document.title;
  const call = engine.call;
  const settled = engine.settled;

  const state = {
    get helper() { return engine.state; },
    current: questions[0],
    history: [],
    completed: new Set(),
    returnToCheck: false,
    snapshot: null, // the answers before a "Change", put back if the practitioner goes back
    original: null, // the sealed record being amended, if one was opened
    extra: {}, // answers from an opened file that no field on this page holds
    files: null,
    stem: null,
    dirty: false,
    busy: false,
    loadingText: "Loading the helper…",
    downloading: true,
    waiting: false, // a Continue is waiting for Python
  };
  const WAITING = "Your answer will be checked as soon as the helper has loaded.";

  function onEngine(event) {
    if (event.type === "progress") {
      state.loadingText = `Loading the helper (${event.step} of ${event.of})${event.text ? ": " + event.text : ""}…`;
      statusText.textContent = state.waiting ? `${state.loadingText} ${WAITING}` : state.loadingText;
      state.downloading = event.step === 1;
      if (!state.downloading) {
        // No value: the bar moves on its own while Python starts; the text says which step.
        progressBar.removeAttribute("value");
        amount.textContent = "";
      }
    } else if (event.type === "bytes") {
      // While downloading, the bar and the figure beside it show how much has arrived. The
      // figure is hidden from screen readers (the bar carries the value) so a live region
      // does not announce every change.
      if (!state.downloading) return;
      progressBar.max = event.total;
      progressBar.value = event.received;
      amount.textContent = `${megabytes(event.received)} of ${megabytes(event.total)} MB`;
    } else if (event.type === "ready") {
      progressBar.value = progressBar.max;
      progressBar.hidden = true;
      amount.textContent = "";
      statusText.textContent = "The helper is ready.";
      statusBox.classList.add("infoshare-status--ready");
    } else if (event.type === "failed") {
      statusBox.hidden = true;
      view.open.hidden = true;
      root.querySelector("#infoshare-failed-reason").textContent = event.reason;
      root.querySelector("#infoshare-failed-fix").textContent = event.fix;
      failedBox.hidden = false;
      failedBox.setAttribute("role", "alert");
    }
  }

  // ---- answers --------------------------------------------------------------------------

  function hiddenByCondition(element) {
    return element.closest("[data-show-if-field][hidden]") !== null;
  }

  function collectAnswers({ includeHidden = false } = {}) {
    const answers = { ...state.extra };
    for (const element of form.elements) {
      if (!element.name || (!includeHidden && hiddenByCondition(element))) continue;
      if (element.type === "radio") {
        if (element.checked) answers[element.name] = element.value;
      } else if (element.type === "checkbox") {
        if (element.checked) (answers[element.name] ||= []).push(element.value);
      } else if (element.value !== "") {
        answers[element.name] = element.value;
      }
    }
    return answers;
  }

  function hasAnswers() {
    return Object.keys(collectAnswers({ includeHidden: true })).length > 0;
  }

  function fillAnswers(answers) {
    form.reset();
    state.extra = {};
    for (const [name, value] of Object.entries(answers || {})) {
      const controls = [...form.elements].filter((element) => element.name === name);
      if (controls.length === 0) {
        state.extra[name] = value;
        continue;
      }
      for (const control of controls) {
        if (control.type === "radio") control.checked = control.value === value;
        else if (control.type === "checkbox") control.checked = Array.isArray(value) && value.includes(control.value);
        else control.value = Array.isArray(value) ? value.join("\n") : String(value);
      }
    }
    updateConditionals();
  }

  function updateConditionals() {
    for (const box of root.querySelectorAll("[data-show-if-field]")) {
      const values = JSON.parse(box.dataset.showIfIn);
      const chosen = [...form.elements]
        .filter((element) => element.name === box.dataset.showIfField && element.checked)
        .map((element) => element.value);
      box.hidden = !chosen.some((value) => values.includes(value));
    }
  }

  // ---- views ----------------------------------------------------------------------------

  function headingOf(section) {
    return section.querySelector(".infoshare-heading");
  }

  function show(section, { push = true, focus = true } = {}) {
    if (push && state.current && state.current !== section) state.history.push(state.current);
    for (const other of root.querySelectorAll("section.infoshare-page")) {
      if (other !== view.open) other.hidden = other !== section;
    }
    state.current = section;
    // Opening a saved record needs Python; offer it only where it can work.
    view.open.hidden = section !== questions[0] || state.helper === "failed";
    footer.hidden = section === view.clear;
    for (const back of section.querySelectorAll("[data-action='back']")) back.hidden = state.history.length === 0;
    setTitle(section);
    if (state.helper === "ready" && section !== questions[0]) statusBox.classList.add("govuk-visually-hidden");
    const pointer = section.querySelector("[data-pointer]");
    if (pointer) updatePointer(pointer);
    if (focus) {
      const heading = headingOf(section);
      section.scrollIntoView({ block: "start" });
      heading.focus({ preventScroll: true });
    }
  }

  function setTitle(section) {
    const summary = section.querySelector(".govuk-error-summary");
    const errors = summary && !summary.hidden;
    const heading = headingOf(section).textContent.trim();
    const title = section === questions[0] ? baseTitle : `${heading} - ${baseTitle}`;
    document.title = (errors ? "Error: " : "") + title;
  }

  function back() {
    // As on GOV.UK, a change counts only once Continue accepts it: going back from a
    // page opened with "Change" puts the answers back as they were.
    if (state.snapshot) {
      fillAnswers(state.snapshot);
      state.snapshot = null;
      state.returnToCheck = false;
    }
    const previous = state.history.pop();
    if (!previous) return;
    // The check page is drawn from the answers, so redraw it rather than show it as it was.
    if (previous === view.check) showCheck({ push: false }).catch((error) => unexpected(view.check, error));
    else show(previous, { push: false });
  }

  function questionFor(pageId) {
    return questions.find((section) => section.dataset.page === pageId);
  }

  // ---- errors (GOV.UK error summary and inline messages) --------------------------------

  function fieldTarget(name) {
    if (!name) return null;
    for (const candidate of [name, name.replace(/\./g, "_")]) {
      const element = document.getElementById(`f-${candidate}`);
      if (element) return element;
    }
    return null;
  }

  function clearErrors(scope) {
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
    if (scope.contains(state.current)) setTitle(state.current);
  }

  function setDescribedBy(element, ids) {
    const value = ids.trim();
    if (value) element.setAttribute("aria-describedby", value);
    else element.removeAttribute("aria-describedby");
  }

  function showInlineError(name, text) {
    const target = fieldTarget(name);
    if (!target) return false;
    const group = target.closest(".govuk-form-group");
    if (group.classList.contains("govuk-form-group--error")) return true; // first message wins
    group.classList.add("govuk-form-group--error");
    const message = group.querySelector(".govuk-error-message");
    const prefix = document.createElement("span");
    prefix.className = "govuk-visually-hidden";
    prefix.textContent = "Error:";
    message.replaceChildren(prefix, ` ${text}`);
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

  function showErrors(section, errors) {
    clearErrors(root);
    const summary = section.querySelector(".govuk-error-summary");
    const list = summary.querySelector("ul");
    for (const error of errors) {
      const item = document.createElement("li");
      const target = fieldTarget(error.field);
      if (target && showInlineError(error.field, error.message)) {
        const link = document.createElement("a");
        link.href = `#${target.id}`;
        link.textContent = error.message;
        link.addEventListener("click", (event) => {
          event.preventDefault();
          goToField(target);
        });
        item.append(link);
      } else {
        item.textContent = error.message;
      }
      list.append(item);
    }
    summary.hidden = false;
    setTitle(section);
    // The summary takes focus so a screen reader reads the problems at once, and a
    // keyboard user is one Tab away from the first link.
    summary.scrollIntoView({ block: "start" });
    summary.focus({ preventScroll: true });
  }

  function goToField(target) {
    const section = target.closest("section.infoshare-page");
    if (section && section !== state.current) {
      if (section.dataset.view === "question") state.returnToCheck = true;
      show(section, { focus: false });
    }
    // Bring the question into view as well as the control, as GOV.UK does.
    const group = target.closest(".govuk-form-group");
    const label = group.querySelector("legend, label");
    (label || target).scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
  }

  function unexpected(section, error) {
    if (state.helper === "failed") {
      failedBox.focus();
      return;
    }
    showErrors(section, [{ field: null, message: `Something went wrong in the helper: ${error.message || error}` }]);
  }

  // ---- the journey ----------------------------------------------------------------------

  async function withBusy(button, work) {
    if (state.busy) return;
    state.busy = true;
    button?.setAttribute("aria-disabled", "true");
    if (state.helper === "loading") {
      state.waiting = true;
      statusText.textContent = `${state.loadingText} ${WAITING}`;
      // Show why nothing has happened yet, not just the button waiting.
      statusBox.scrollIntoView({ block: "nearest" });
    }
    try {
      await work();
    } finally {
      state.busy = false;
      button?.removeAttribute("aria-disabled");
    }
  }

  async function onContinue(section, button) {
    await withBusy(button, async () => {
      if ((await settled) === "failed") return continueWithoutPython(section);
      const answers = collectAnswers();
      try {
        const reply = await call({ op: "step", page: section.dataset.page, answers, now: localNow() });
        if (!reply.ok) return showErrors(section, reply.errors);
        if (reply.errors.length) return showErrors(section, reply.errors);
        clearErrors(section);
        state.snapshot = null;
        state.completed.add(section.dataset.page);
        let next = reply.next;
        if (state.returnToCheck) {
          const path = await call({ op: "path", answers });
          const missing = path.pages.find((id) => !state.completed.has(id));
          if (!missing) return await showCheck();
          if (next === "outcome" || state.completed.has(next)) next = missing;
        }
        if (next === "outcome") await showOutcome(answers);
        else show(questionFor(next));
      } catch (error) {
        unexpected(section, error);
      }
    });
  }

  // Without Python the answers cannot be checked, but they can still be typed and kept:
  // move through the questions in order and offer the download at the end.
  function continueWithoutPython(section) {
    const index = questions.indexOf(section);
    if (index >= 0 && index + 1 < questions.length) show(questions[index + 1]);
    else failedBox.focus();
  }

  async function showOutcome(answers) {
    const reply = await call({ op: "outcome", answers });
    const recommendation = reply.recommendation;
    view.outcome.querySelector(".infoshare-recommendation").dataset.code = recommendation.code;
    root.querySelector("#infoshare-outcome-title").textContent = recommendation.title;
    root.querySelector("#infoshare-outcome-summary").textContent = recommendation.summary;
    root.querySelector("#infoshare-outcome-reasons").replaceChildren(
      ...recommendation.reasons.map((reason) => listItem(reason)),
    );
    root.querySelector("#infoshare-outcome-rules").replaceChildren(...ruleLinks(recommendation.rules));
    show(view.outcome);
  }

  // What the guidance points to so far, shown where the practitioner decides.
  async function updatePointer(pointer) {
    if (state.helper !== "ready") return;
    try {
      const reply = await call({ op: "outcome", answers: collectAnswers() });
      const recommendation = reply.recommendation;
      pointer.querySelector("[data-pointer-title]").textContent = recommendation.title;
      pointer.querySelector("[data-pointer-summary]").textContent = recommendation.summary;
      pointer.querySelector("[data-pointer-reasons]").replaceChildren(...recommendation.reasons.map((reason) => listItem(reason)));
      pointer.querySelector("[data-pointer-rules]").replaceChildren(...ruleLinks(recommendation.rules));
      pointer.hidden = false;
    } catch {
      pointer.hidden = true;
    }
  }

  function listItem(text) {
    const item = document.createElement("li");
    item.textContent = text;
    return item;
  }

  function ruleLinks(numbers) {
    const template = root.querySelector("#infoshare-rule-links").content;
    return numbers.map((number) => {
      const known = template.querySelector(`[data-rule="${Number(number)}"]`);
      return known ? known.cloneNode(true) : listItem(`Rule ${number}`);
    });
  }

  async function showCheck({ push = true } = {}) {
    const answers = collectAnswers();
    const [summary, outcome] = await Promise.all([
      call({ op: "summary", answers }),
      call({ op: "outcome", answers }),
    ]);
    state.returnToCheck = false;
    warmRenderers(answers);
    root.querySelector("#infoshare-summary").replaceChildren(...summaryGroups(summary.rows));
    root.querySelector("#infoshare-check-outcome").textContent =
      `From these answers, the guidance points to: ${outcome.recommendation.title}.`;
    amendBox.hidden = state.original === null;
    root.querySelector("[data-action='seal']").textContent =
      state.original === null ? "Create the record" : "Create the record with your amendment";
    if (state.original !== null) {
      root.querySelector("#infoshare-amend-about").textContent =
        "You opened a saved record. Change any answer above, then say who is amending the record and why: the amendment is added to the record.";
    }
    if (state.current === view.check) {
      setTitle(view.check);
    } else {
      // Problems found by an earlier attempt may have been put right since.
      clearErrors(view.check);
      show(view.check, { push });
    }
  }

  // While the practitioner reads their answers, make a throwaway record once so the
  // renderers' templates are compiled before "Create the record" is pressed: the
  // first render in a fresh Python costs several times the ones after it.
  let warmed = false;
  function warmRenderers(answers) {
    if (warmed) return;
    call({ op: "seal", answers, now: localNow(), original: null, amendment: null })
      .then((reply) => {
        if (!reply.ok) return null;
        warmed = true;
        return call({ op: "render", record: reply.record });
      })
      .catch(() => {});
  }

  // One summary list per question page, under that page's heading, so that "Their role"
  // of the person who asked and of the person you share with can be told apart.
  function summaryGroups(rows) {
    const groups = [];
    for (const row of rows) {
      if (!groups.length || groups[groups.length - 1].page !== row.page) groups.push({ page: row.page, rows: [] });
      groups[groups.length - 1].rows.push(row);
    }
    return groups.flatMap((group) => {
      const list = document.createElement("dl");
      list.className = "govuk-summary-list";
      list.append(...group.rows.map(summaryRow));
      // A page of one question needs no heading: the question is the row's own label.
      if (group.rows.length === 1) return [list];
      const section = questionFor(group.page);
      const heading = document.createElement("h3");
      heading.className = "infoshare-summary-heading";
      heading.textContent = section ? headingOf(section).textContent.trim() : group.page;
      return [heading, list];
    });
  }

  function summaryRow(row) {
    const wrapper = document.createElement("div");
    wrapper.className = "govuk-summary-list__row";
    const key = document.createElement("dt");
    key.className = "govuk-summary-list__key";
    key.textContent = row.label;
    const value = document.createElement("dd");
    value.className = "govuk-summary-list__value";
    value.textContent = row.value;
    const actions = document.createElement("dd");
    actions.className = "govuk-summary-list__actions";
    const target = fieldTarget(row.field);
    if (target) {
      const link = document.createElement("a");
      link.href = `#${target.id}`;
      link.className = "govuk-link";
      const hidden = document.createElement("span");
      hidden.className = "govuk-visually-hidden";
      hidden.textContent = ` ${row.label}`;
      link.append("Change", hidden);
      link.addEventListener("click", (event) => {
        event.preventDefault();
        state.snapshot = collectAnswers({ includeHidden: true });
        state.returnToCheck = true;
        show(questionFor(row.page) || target.closest("section"));
      });
      actions.append(link);
    }
    wrapper.append(key, value, actions);
    return wrapper;
  }

  async function seal(button) {
    await withBusy(button, async () => {
      const answers = collectAnswers();
      const amendment = state.original === null ? null : { by: amendBy.value, reason: amendReason.value };
      const pressed = performance.now();
      try {
        const reply = await call({ op: "seal", answers, now: localNow(), original: state.original, amendment });
        if (!reply.ok) return showErrors(view.check, reply.errors);
        clearErrors(root);
        const started = performance.now();
        const rendered = await call({ op: "render", record: reply.record });
        performance.measure("infoshare:render", { start: started, end: performance.now() });
        if (!rendered.ok) return showErrors(view.check, rendered.errors);
        state.files = rendered.files;
        state.stem = rendered.filename_stem;
        state.dirty = true;
        root.querySelector("#infoshare-downloaded").textContent = "";
        show(view.record);
        performance.measure("infoshare:create", { start: pressed, end: performance.now() });
      } catch (error) {
        unexpected(view.check, error);
      }
    });
  }

  // ---- opening a saved record -----------------------------------------------------------

  function readText(file) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error || new Error("the file could not be read"));
      reader.readAsText(file);
    });
  }

  async function openRecord(button) {
    await withBusy(button, async () => {
      const file = fileInput.files[0];
      const problem = (message) => showErrors(view.open, [{ field: "record_file", message }]);
      if (!file) return problem("Select a saved record to open");
      if (file.size > MAX_FILE_BYTES) return problem("The selected file is too large to be a saved record");
      if ((await settled) === "failed") return problem("The helper could not start, so it cannot open a saved record");
      try {
        const text = await readText(file);
        const reply = await call({ op: "open", text });
        if (!reply.ok) {
          return showErrors(view.open, reply.errors.map((error) => ({ field: "record_file", message: error.message })));
        }
        clearErrors(root);
        fillAnswers(reply.answers);
        amendBy.value = "";
        amendReason.value = "";
        fileInput.value = "";
        state.original = reply.record || null;
        const path = await call({ op: "path", answers: collectAnswers() });
        state.completed = new Set(path.pages);
        state.history = [];
        state.current = questions[0];
        state.dirty = false;
        await showCheck();
      } catch (error) {
        problem(`The file could not be read: ${error.message || error}`);
      }
    });
  }

  // ---- downloads ------------------------------------------------------------------------

  const TYPES = { html: "text/html;charset=utf-8", json: "application/json", md: "text/markdown;charset=utf-8" };

  function download(text, filename, type) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = document.createElement("a");
    link.href = url;
    link.download = filename;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    // Revoke once the browser has taken the file.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  function downloadRecord(format) {
    if (!state.files) return;
    const filename = `${state.stem}.${format}`;
    download(state.files[format], filename, TYPES[format]);
    state.dirty = false;
    root.querySelector("#infoshare-downloaded").textContent = `Downloaded ${filename}.`;
  }

  // The draft format of the shared contract, written here because Python is not running.
  function downloadDraft() {
    const answers = collectAnswers({ includeHidden: true });
    const draft = { format: "infoshare-draft", version: 1, answers };
    const filename = `information-sharing-decision_${safeReference(answers.case_reference)}_${localNow().slice(0, 10)}.json`;
    download(JSON.stringify(draft, null, 2), filename, TYPES.json);
    state.dirty = false;
  }

  function safeReference(value) {
    const safe = String(value || "").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40).replace(/-+$/, "");
    return safe || "no-reference";
  }

  function localNow() {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    const offset = -now.getTimezoneOffset();
    const sign = offset >= 0 ? "+" : "-";
    const abs = Math.abs(offset);
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}` +
      `T${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}` +
      `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  }

  // ---- clearing -------------------------------------------------------------------------

  function clearAll() {
    form.reset();
    amendBy.value = "";
    amendReason.value = "";
    fileInput.value = "";
    clearErrors(root);
    updateConditionals();
    Object.assign(state, {
      history: [], completed: new Set(), returnToCheck: false, original: null, extra: {},
      files: null, stem: null, dirty: false,
    });
    root.querySelector("#infoshare-summary").replaceChildren();
    show(questions[0], { push: false });
    if (state.helper === "ready") statusText.textContent = "All answers cleared.";
  }

  // ---- wiring ---------------------------------------------------------------------------

  form.addEventListener("submit", (event) => {
    // Forms never submit: nothing leaves the page.
    event.preventDefault();
    const section = event.target.querySelector("section:not([hidden])") || state.current;
    onContinue(section, section.querySelector("[data-action='continue']"));
  });
  form.addEventListener("change", updateConditionals);
  for (const source of [form, amendBox]) {
    source.addEventListener("input", () => { state.dirty = true; });
    source.addEventListener("change", () => { state.dirty = true; });
  }

  root.addEventListener("click", (event) => {
    const button = event.target.closest("[data-action]");
    if (!button || button.dataset.action === "continue") return;
    const action = button.dataset.action;
    if (button.getAttribute("aria-disabled") === "true") return;
    if (action === "back") back();
    else if (action === "to-check") withBusy(button, () => showCheck().catch((error) => unexpected(view.outcome, error)));
    else if (action === "seal") seal(button);
    else if (action === "download") downloadRecord(button.dataset.format);
    else if (action === "download-draft") downloadDraft();
    else if (action === "open-record") openRecord(button);
    else if (action === "check-again") withBusy(button, () => showCheck().catch((error) => unexpected(view.record, error)));
    else if (action === "clear") show(view.clear);
    else if (action === "clear-cancel") back();
    else if (action === "clear-confirm") clearAll();
    else if (action === "new-record") {
      if (state.dirty && hasAnswers()) show(view.clear);
      else clearAll();
    }
  });

  window.addEventListener("beforeunload", (event) => {
    if (state.dirty && hasAnswers()) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  updateConditionals();
  for (const back of questions[0].querySelectorAll("[data-action='back']")) back.hidden = true;
  engine.subscribe(onEngine);
}
})();
