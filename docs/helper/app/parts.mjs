// @ts-check
// The helper's parts, made once the page is parsed, each given exactly what it needs: its
// elements (looked up here, by the contract's ids), the contract's messages and data, and
// the functions it calls. No part reaches into another's, nor into the boot script's kit.

import { createCheck } from "./check.mjs";
import { createDownloads } from "./downloads.mjs";
import { createErrors } from "./errors.mjs";
import { createForm } from "./form.mjs";
import { createGuidance } from "./guidance.mjs";
import { createJourney } from "./journey.mjs";
import { createOpened } from "./opened.mjs";
import { createRecords } from "./records.mjs";
import { createStatus } from "./status.mjs";
import { createSteps } from "./steps.mjs";
import { createSummary } from "./summary.mjs";
import { createViews } from "./views.mjs";

// The page's parts that show things: the status, the form, the notice about an opened file,
// the pages, the errors, the guidance, the downloads and the summary.
/**
 * @param {import("helper-types").Kit} kit @param {import("helper-types").Contract} contract @param {import("helper-types").Lookup} el @param {import("helper-types").Engine} engine
 * @param {import("helper-types").Session} session
 * @param {{onHistory: (section: HTMLElement, how: {backwards: boolean}) => void,
 *   updatePointer: (pointer: HTMLElement) => void, onChange: (section: HTMLElement) => void}} journey
 */
export function createPage(kit, contract, el, engine, session, { onHistory, updatePointer, onChange }) {
  const status = createStatus({
    box: el("status"), text: el("status_text"), bar: /** @type {HTMLProgressElement} */ (el("progress")), amount: el("amount"), notice: el("interrupted"),
    noticeTitle: el("interrupted_title"), noticeText: el("interrupted_text"), messages: contract.messages,
    showFailure: kit.showFailure,
  });
  const answers = createForm({ root: el("root"), form: /** @type {HTMLFormElement} */ (el("form")),
    spelling: /** @type {HTMLInputElement} */ (el("spelling")),
    characterCount: contract.character_count, collectAnswers: kit.collectAnswers });
  const opened = createOpened({ box: el("opened"), title: el("opened_title"), text: el("opened_text"),
    problems: el("opened_problems"), check: el("check") });
  const named = { open: el("open"), actNow: el("act_now"), outcome: el("outcome"), check: el("check"),
    record: el("record"), clear: el("confirm_clear") };
  const views = createViews({
    root: el("root"), form: el("form"), named, footer: el("footer"), messages: contract.messages, onHistory,
    titleHasErrors: (section) => errors.showing(section),
    canOpenFiles: () => engine.state !== "failed",
    onShow(section) {
      if (engine.state === "ready" && !views.isFirst(section)) status.tuck(true);
      opened.place(section);
      const pointer = /** @type {HTMLElement | null} */ (section.querySelector("[data-pointer]"));
      if (pointer) updatePointer(pointer);
    },
  });
  const errors = createErrors({ root: el("root"), pages: contract.pages, prefix: contract.field_id_prefix,
    messages: contract.messages, goToField: (target) => goToField(views, session, target), onTitleChange: () => views.setTitle() });
  const guidance = createGuidance({ ruleLinks: /** @type {HTMLTemplateElement} */ (el("rule_links")), outcome: el("outcome"), title: el("outcome_title"),
    summary: el("outcome_summary"), reasons: el("outcome_reasons"), rules: el("outcome_rules"),
    prompts: el("outcome_prompts"), messages: contract.messages });
  const downloads = createDownloads({ formats: contract.formats, saveFile: kit.saveFile, draftFile: kit.draftFile,
    localNow: kit.localNow, engine, operations: contract.operations });
  const summary = createSummary({ list: el("summary"), pages: contract.pages, messages: contract.messages, views,
    errors, onChange });
  return { status, answers, opened, views, errors, guidance, downloads, summary };
}

// A link in the error summary: the question's page, then the question and its control.
/** @param {import("helper-types").Views} views @param {import("helper-types").Session} session @param {HTMLElement} target */
function goToField(views, session, target) {
  const section = /** @type {HTMLElement | null} */ (target.closest("section.infoshare-page"));
  if (section && section !== views.current) {
    if (section.dataset.view === "question") session.startChange();
    views.show(section, { focus: false });
  }
  // Bring the question into view as well as the control, as GOV.UK does.
  const label = target.closest("[data-field]")?.querySelector("legend, label");
  (label || target).scrollIntoView({ block: "start" });
  target.focus({ preventScroll: true });
}

// The site the record is made on, as the build wrote it into the helper's `root` (the
// partnership's name, or the site's, and its address), or nothing where it had no address.
/** @param {HTMLElement} root @returns {import("helper-types").Site} */
function siteOf(root) {
  const name = root.dataset.siteName || "";
  const url = root.dataset.siteUrl || "";
  return name && url ? { name, url } : null;
}

// The parts that act: one step at a time, the check page, the journey and the record.
/**
 * @param {import("helper-types").Kit} kit @param {import("helper-types").Contract} contract @param {import("helper-types").Lookup} el @param {import("helper-types").Engine} engine
 * @param {import("helper-types").Session} session @param {ReturnType<typeof createPage>} page
 */
export function createFlows(kit, contract, el, engine, session, page) {
  const { status, answers, opened, views, errors, guidance, downloads, summary } = page;
  const call = (/** @type {import("helper-types").Request} */ request) => engine.call(request);
  const site = () => siteOf(el("root"));
  const { localNow } = kit;
  const steps = createSteps({ engine, status, errors, failed: el("failed"), messages: contract.messages });
  const check = createCheck({
    call, answers, errors, views, guidance, summary, session, messages: contract.messages, localNow, site,
    operations: contract.operations,
    elements: { outcome: el("check_outcome"), amend: el("amend"), amendAbout: el("amend_about"),
      amendChanges: el("amend_changes") },
  });
  const journey = createJourney({
    engine, status, answers, errors, views, guidance, session, busy: steps.busy, unexpected: steps.unexpected,
    showCheck: check.show, targets: contract.targets, afterActNow: contract.pages[1].id, failed: el("failed"),
    localNow, operations: contract.operations,
  });
  const records = createRecords({
    engine, status, answers, errors, views, summary, downloads, session, opened, busy: steps.busy,
    unexpected: steps.unexpected, go: journey.go, contract, site, localNow,
    elements: { recordFile: /** @type {HTMLInputElement} */ (el("record_file")), saved: el("saved"), downloaded: el("downloaded") },
  });
  return { steps, check, journey, records };
}

