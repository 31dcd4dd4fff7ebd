// @ts-check
// The decision helper's boot script: the one part of the page that must work even when
// nothing else can.
//
// A classic script, not a module: browsers refuse module scripts on a page opened from
// file://, and that is exactly when this script must run, to explain the problem and
// still let the practitioner save what they typed. It is loaded `async` from the page's
// <head>, so the rest of the helper (app/main.mjs, which starts Python in a worker) is
// requested before the page has even been parsed.
//
// It holds only what must work without the modules: reading the contract the build wrote
// into the page, collecting what was typed, saving it as a draft file, and showing why the
// helper could not start. The modules use these same functions (the `kit`), so there is one
// of each. Every message, the draft format and the file-name rule come from the contract
// (infoshare.contract in Python); nothing here is a copy of them.
//
// Nothing typed is stored: no web storage, no cookies, nothing in the URL.

(function () {
"use strict";

// A classic script (never a module) has its own element while it runs.
const script = /** @type {HTMLScriptElement} */ (document.currentScript);
const config = script.dataset;
// One of the build's data- attributes (overrides/helper.html writes every one), or nothing.
const setting = (/** @type {string} */ name) => config[name] || "";

/** @param {() => void} callback */
function whenParsed(callback) {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", callback, { once: true });
  else callback();
}

// The element with `id`, which the page must have: its absence is a fault of the page's
// build, thrown as reading a missing element would be.
function required(/** @type {string} */ id) {
  const found = document.getElementById(id);
  if (found === null) throw new TypeError(`#${id}`);
  return found;
}

/** @type {import("helper-types").Contract | null} */
let cachedContract = null;
/** The contract the build wrote into the page (infoshare.contract), as JSON data. @returns {import("helper-types").Contract} */
function contract() {
  if (!cachedContract) cachedContract = /** @type {import("helper-types").Contract} */ (JSON.parse(required(setting("contract")).textContent || "null"));
  return cachedContract;
}

// The page's part with the contract's id for `role`, or null where this page has none.
function element(/** @type {string} */ role) {
  return document.getElementById(contract().ids[role]);
}

/** @param {string} template @param {unknown} detail */
function fill(template, detail) {
  return template.replace("{detail}", detail == null ? "" : String(detail));
}

// ---- what was typed ---------------------------------------------------------------------

// A follow-up closed because of another answer: one several answers reveal (hidden by the
// page), or one under a single option (closed by GOV.UK Frontend's conditional reveal).
const HIDDEN_FOLLOW_UP = "[data-show-if-field][hidden], .govuk-radios__conditional--hidden, " +
  ".govuk-checkboxes__conditional--hidden";

// Every answer on the form, as the flat object Python reads (field name -> text, or a list
// for checkboxes). Follow-up questions hidden because of another answer are left out unless
// `includeHidden`: a draft keeps everything typed, a check sends only what is on screen.
/** @param {{includeHidden?: boolean, extra?: import("helper-types").Answers}} [options] @returns {import("helper-types").Answers} */
function collectAnswers({ includeHidden = false, extra = {} } = {}) {
  const form = /** @type {HTMLFormElement} */ (element("form"));
  /** @type {Record<string, unknown>} */
  const answers = { ...extra };
  for (const control of /** @type {HTMLInputElement[]} */ ([...form.elements])) {
    if (!control.name) continue;
    if (!includeHidden && control.closest(HIDDEN_FOLLOW_UP)) continue;
    if (control.type === "radio") {
      if (control.checked) answers[control.name] = control.value;
    } else if (control.type === "checkbox") {
      if (control.checked) /** @type {string[]} */ (answers[control.name] ||= []).push(control.value);
    } else if (control.value !== "") {
      answers[control.name] = control.value;
    }
  }
  return answers;
}

// ---- files ------------------------------------------------------------------------------

function localNow() {
  const now = new Date();
  const pad = (/** @type {number} */ n) => String(n).padStart(2, "0");
  const offset = -now.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const abs = Math.abs(offset);
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}` +
    `T${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

// The contract's file-name rule (infoshare.filenames.NAME_RULE): nothing typed but the
// case reference, and that reduced to ASCII letters, digits and the replacement character.
/** @param {unknown} reference @param {string} day */
function fileStem(reference, day) {
  const rule = contract().file_name;
  const edge = new RegExp(`^(?:${escapeRegExp(rule.replacement)})+|(?:${escapeRegExp(rule.replacement)})+$`, "g");
  const safe = String(reference || "").replace(new RegExp(rule.unsafe, "g"), rule.replacement)
    .replace(edge, "").slice(0, rule.reference_max).replace(edge, "");
  return [rule.prefix, safe || rule.no_reference, day].join(rule.separator);
}

/** @param {string} text */
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The contract's download format `key` (the page's build always has "json"). @param {string} key */
function format(key) {
  return /** @type {import("helper-types").Format} */ (contract().formats.find((f) => f.key === key));
}

// A draft written here, for when Python is not running. With Python, the page asks for
// the draft from Python's own `draft` operation instead; both are the contract's format,
// named apart from any record. With `original` (the record being amended), the draft
// carries it, and who is amending it and why, so that finishing it amends that record.
/** @type {import("helper-types").DraftFile} */
function draftFile(answers, { original = null, amendment = null } = {}) {
  const { draft, file_name: rule } = contract();
  const json = format("json");
  const body = original
    ? { format: draft.format, version: draft.amending_version, answers, amends: original,
      amendment: { by: (amendment && amendment.by) || "", reason: (amendment && amendment.reason) || "" } }
    : { format: draft.format, version: draft.version, answers };
  return {
    name: `${fileStem(answers.case_reference, localNow().slice(0, 10))}${rule.draft_suffix}.${json.extension}`,
    text: JSON.stringify(body, null, 2) + "\n",
    type: json.mime,
  };
}

/** @param {import("helper-types").SavedFile} file */
function saveFile({ name, text, type }) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke once the browser has taken the file.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ---- failure ----------------------------------------------------------------------------

/** @type {(() => void)[]} */
const saveHandlers = [];

// Shows why the helper cannot work, with the way to keep what was typed. The modules call
// this too when Python fails later; `onSave` lets them note that the answers were saved.
/** @param {string} reason @param {string} fix */
function showFailure(reason, fix) {
  whenParsed(() => {
    document.documentElement.dataset.helperState = "failed";
    const status = element("status");
    if (status) status.hidden = true;
    const open = element("open");
    if (open) open.hidden = true;
    required(contract().ids.failed_reason).textContent = reason;
    required(contract().ids.failed_fix).textContent = fix;
    const box = required(contract().ids.failed);
    box.hidden = false;
    box.setAttribute("role", "alert");
  });
}

// What the page's modules add to a draft (the record being amended), once they have loaded.
/** @type {() => import("helper-types").DraftExtras} */
let draftExtras = () => ({});

function saveDraft() {
  saveFile(draftFile(collectAnswers({ includeHidden: true }), draftExtras()));
  for (const handler of saveHandlers) handler();
}

// The draft button works whether or not the modules ever load.
document.addEventListener("click", (event) => {
  const target = /** @type {Element} */ (event.target);
  const button = target.closest && target.closest("[data-action='download-draft']");
  if (button && button.closest(`#${config.root}`)) saveDraft();
});

// ---- Python's worker ---------------------------------------------------------------------

// Whether this script came from the browser's cache: a return visit, when Python's files
// almost certainly did too.
function returnVisit() {
  const own = /** @type {PerformanceResourceTiming | undefined} */ (
    performance.getEntriesByName(/** @type {HTMLScriptElement} */ (script).src)[0]);
  return Boolean(own && own.transferSize === 0 && own.decodedBodySize > 0);
}

// Starts the helper's Python in a module worker and sends it "init" (the messages are
// described in worker.mjs). The boot script does this for the first start, as the page
// starts, so that Python loads while the page's modules do; app/engine.mjs takes the
// worker over (`listen`) and starts any later one. Until then nothing the worker says is
// lost: it is held and handed over, in order. On a return visit (or a restart) the page
// compiles Python's WebAssembly, from the browser's cache, and sends it (app/engine.mjs
// says why); `compilesWasm` tells the worker to wait for it.
/** @param {{restarted?: boolean}} [options] @returns {import("helper-types").StartedWorker} */
function startWorker({ restarted = false } = {}) {
  const worker = new Worker(new URL(setting("worker"), location.href), { type: "module" });
  const compilesWasm = typeof WebAssembly.compileStreaming === "function" && (restarted || returnVisit());
  const held = holdEvents(worker);
  worker.postMessage({
    type: "init",
    runtime: new URL(setting("runtime"), location.href).href,
    packages: setting("packages").split(/\s+/).filter(Boolean),
    fileBytes: setting("fileBytes"),
    compilesWasm,
  });
  // The bridge's operations, and those that wait for the record tools, from the contract,
  // once the page (and the contract in it) has arrived: before any call, which only the
  // modules make.
  whenParsed(() => worker.postMessage({
    type: "operations",
    operations: contract().operations,
    recordOps: Object.entries(contract().operation_stages).filter(([, stage]) => stage === "records").map(([op]) => op),
  }));
  return { worker, compilesWasm, listen: held.handOver };
}

const WORKER_EVENTS = ["message", "error", "messageerror"];

// Everything `worker` says, held until the engine listens (`handOver`), then handed to it
// in order.
/** @param {Worker} worker */
function holdEvents(worker) {
  /** @type {Event[]} */
  const held = [];
  const hold = (/** @type {Event} */ event) => {
    if (event.type === "error") event.preventDefault();
    held.push(event);
  };
  for (const type of WORKER_EVENTS) worker.addEventListener(type, hold);
  return {
    /** @param {import("helper-types").WorkerHandlers} handlers */
    handOver(handlers) {
      // Each type's handler, for the events the worker sends of that type.
      const handler = (/** @type {string} */ type) => /** @type {(event: Event) => void} */ (
        handlers[/** @type {keyof import("helper-types").WorkerHandlers} */ (type)]);
      for (const type of WORKER_EVENTS) {
        worker.removeEventListener(type, hold);
        worker.addEventListener(type, handler(type));
      }
      for (const event of held.splice(0)) handler(event.type)(event);
    },
  };
}

// The first worker, started below; the engine takes it once (null if it could not start:
// the engine then starts one itself and reports why it cannot).
/** @type {ReturnType<typeof startWorker> | null} */
let firstWorker = null;
function takeFirstWorker() {
  const started = firstWorker;
  firstWorker = null;
  return started;
}

/** @type {import("helper-types").Kit} */
const kit = {
  config,
  contract,
  element,
  fill,
  whenParsed,
  collectAnswers,
  localNow,
  fileStem,
  draftFile,
  saveFile,
  showFailure,
  onSave: (handler) => saveHandlers.push(handler),
  setDraftExtras: (extras) => { draftExtras = extras; },
  startWorker,
  takeFirstWorker,
};

// ---- start ------------------------------------------------------------------------------

function blocked() {
  const messages = () => contract().messages;
  if (location.protocol === "file:") return { reason: () => messages().file_reason, fix: () => messages().file_fix };
  if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
    return { reason: () => messages().no_wasm_reason, fix: () => messages().no_wasm_fix };
  }
  return null;
}

// The theme's own script (search, the header's behaviour) waits until the helper has
// started or failed, or eight seconds (the contract's timeouts.theme_scripts_ms, this
// script's data-theme-wait), whichever is first, so that on a slow computer the
// two do not compete for the processor while Python starts, nor on a slow connection for
// the download (the script, its search worker and index are about 70 KB: on "Fast 4G" a
// tenth of the wait) (build_scripts/site/theme_scripts.py moved its addresses here). The
// page works without it meanwhile.
/** @param {Promise<unknown>} settled */
function holdThemeScripts(settled) {
  const wait = Number(config.themeWait);
  const urls = (config.themeScripts || "").split(" ").filter(Boolean);
  let loaded = false;
  const load = () => {
    if (loaded) return;
    loaded = true;
    whenParsed(() => {
      for (const url of urls) {
        const tag = document.createElement("script");
        tag.src = url;
        tag.async = false; // in their order, as the theme wrote them
        document.body.append(tag);
      }
    });
  };
  settled.then(load, load);
  setTimeout(load, wait);
}

const stop = blocked();
let settled;
if (!stop) {
  try {
    firstWorker = startWorker();
  } catch {
    // The engine tries again, and says why it cannot.
  }
}
if (stop && location.protocol === "file:") {
  // Modules cannot load from a file; say why, and offer the draft.
  document.documentElement.dataset.helperState = "loading";
  whenParsed(() => showFailure(stop.reason(), stop.fix()));
  settled = Promise.resolve("failed");
} else {
  document.documentElement.dataset.helperState = "loading";
  settled = import(new URL(setting("app"), location.href).href).then(
    (app) => app.start(kit, stop),
    (error) => {
      takeFirstWorker()?.worker.terminate();
      whenParsed(() => showFailure(fill(contract().messages.scripts_reason, error.message), contract().messages.host_fix));
      return "failed";
    },
  );
}
holdThemeScripts(settled);
})();
