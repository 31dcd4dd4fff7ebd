// Types for the type checker only (nothing here is shipped): the data the helper's page
// receives from Python (the contract the build writes into the page, infoshare.contract,
// and the bridge's replies, infoshare.bridge), and the shapes its modules pass each other.
// The modules name them in JSDoc as import("helper-types").Name (tsconfig.json's paths);
// tsconfig.json's rootDirs puts this folder beside docs/helper/, for its own imports.

/** The contract's messages, by key (infoshare.contract.MESSAGES; the page reads its texts). */
export type Messages = Record<string, string>;

export interface Format { key: string; extension: string; mime: string; label: string; purpose: string }

export interface DatePart { part: string; name: string; id: string; label: string; width: number }

export interface Field {
  name: string; id: string; kind: string; label: string; hint: string | null; required: boolean;
  max_length: number | null; options: { value: string; label: string; hint: string | null }[];
  show_if: { field: string; in: string[] } | null; parts?: DatePart[]; now_button?: boolean;
}

export interface Page { id: string; title: string; section: string; hint: string | null; rules: number[]; fields: Field[] }

export interface FileNameRule {
  prefix: string; separator: string; replacement: string; unsafe: string; reference_max: number;
  no_reference: string; draft_suffix: string;
}

/** The pages Python names besides a question (infoshare.contract.TARGETS). */
export interface Targets { act_now: string; outcome: string; check: string }

/** infoshare.contract.contract(), as the page receives it. */
export interface Contract {
  version: number; sections: string[]; pages: Page[]; amendment_fields: Field[];
  draft: { format: string; version: number; amending_version: number };
  file_name: FileNameRule; max_file_bytes: number; formats: Format[]; field_id_prefix: string;
  ids: Record<string, string>; messages: Messages; character_count: Record<string, unknown>;
  /** The bridge's operations by role (infoshare.operations): what a request's "op" says. */
  operations: Record<string, string>;
  operation_stages: Record<string, string>; targets: Targets; timeouts: Record<string, number>;
}

/** Answers as Python reads them: field name to text, or a list for checkboxes; an opened
 * file's answers that no control holds are kept as they came. */
export type Answers = Record<string, unknown>;

/** Who is amending a record and why. */
export type Amendment = { by?: string; reason?: string };

/** A request to the bridge: its operation and its fields. */
export interface Request { op: string; [field: string]: unknown }

/** A problem Python found: its field (null for the whole page), its message, and a date's boxes. */
export interface Problem { field: string | null; message: string; parts?: string[] }

export interface Prompt { code: string; text: string }
export interface Recommendation {
  code: string; title: string; summary: string; reasons: string[]; rules: number[]; prompts?: Prompt[];
}
export interface SummaryRow { page: string; field: string; label: string; value: string }
/** What the page says about a file just opened. */
export interface Notice { tone: string; title: string; text: string; problems: string[] }

/** Every reply says whether it worked; one that did not (and every step's) says what was wrong. */
export interface Reply { ok: boolean; errors: Problem[] }
export interface StepReply extends Reply { next: string; then?: string }
export interface OutcomeReply extends Reply { recommendation: Recommendation }
export interface SummaryReply extends Reply { rows: SummaryRow[] }
export interface PathReply extends Reply { pages: string[] }
export interface SealReply extends Reply { record: unknown; amending: string }
export interface RenderReply extends Reply { files: Record<string, string>; filename_stem: string }
export interface ChangesReply extends Reply { changes: Record<string, string>[] }
export interface DraftReply extends Reply { json: string; filename_stem: string }
export interface OpenReply extends Reply {
  answers: Answers; resume: string; amendment?: Amendment | null; record?: unknown; amending?: string;
  separate?: boolean; opened?: Notice | null;
}

/** Asks Python: the reply, parsed (its shape is the operation's: see the replies above). */
export type Call = (request: Request) => Promise<Reply>;

/** A file to hand the browser as a download. */
export interface SavedFile { name: string; text: string; type: string }

// The page's parts, as their modules make them.
export type Engine = ReturnType<typeof import("./engine.mjs").createEngine>;
export type Status = ReturnType<typeof import("./status.mjs").createStatus>;
export type Form = ReturnType<typeof import("./form.mjs").createForm>;
export type Opened = ReturnType<typeof import("./opened.mjs").createOpened>;
export type Views = ReturnType<typeof import("./views.mjs").createViews>;
export type Errors = ReturnType<typeof import("./errors.mjs").createErrors>;
export type Guidance = ReturnType<typeof import("./guidance.mjs").createGuidance>;
export type Downloads = ReturnType<typeof import("./downloads.mjs").createDownloads>;
export type Summary = ReturnType<typeof import("./summary.mjs").createSummary>;
export type Steps = ReturnType<typeof import("./steps.mjs").createSteps>;
export type Check = ReturnType<typeof import("./check.mjs").createCheck>;
export type Journey = ReturnType<typeof import("./journey.mjs").createJourney>;
export type Records = ReturnType<typeof import("./records.mjs").createRecords>;

/** What the page remembers between steps (app/session.mjs). */
export type Session = ReturnType<typeof import("./session.mjs").createSession>;

/** An error the worker client raises when a worker was replaced mid-call. */
export type Interruption = Error & { interrupted?: boolean };

/** What the worker client tells its subscribers (app/engine.mjs). */
export type EngineEvent =
  | { type: "progress"; step: number; of: number; text: string }
  | { type: "bytes"; received: number; total: number }
  | { type: "ready"; restarted: boolean }
  | { type: "interrupted"; reason: string }
  | { type: "stalled"; seconds: number }
  | { type: "moving" }
  | { type: "failed"; reason: string; fix: string };

/** The boot script's draft maker (helper.js, draftFile). */
export type DraftFile = (answers: Answers, extras?: DraftExtras) => SavedFile;

/** The site a record is made on (its partnership's name, or the site's, and its address). */
export type Site = { name: string; url: string } | null;

/** What the worker client's listener hears from a worker. */
export interface WorkerHandlers {
  message(event: MessageEvent): void; error(event: ErrorEvent): void; messageerror(event: MessageEvent): void;
}
/** A worker the boot script started (helper.js, startWorker). */
export interface StartedWorker { worker: Worker; compilesWasm: boolean; listen(handlers: WorkerHandlers): void }
/** Why Python cannot start here at all, in the contract's words. */
export interface Blocked { reason(): string; fix(): string }
/** What a draft carries besides the answers. */
export type DraftExtras = { original?: unknown; amendment?: Amendment | null };

/** The boot script's functions, which the page's modules use (helper.js, `kit`). */
export interface Kit {
  config: DOMStringMap;
  contract(): Contract;
  element(role: string): HTMLElement | null;
  fill(template: string, detail: unknown): string;
  whenParsed(callback: () => void): void;
  collectAnswers(options?: { includeHidden?: boolean; extra?: Answers }): Answers;
  localNow(): string;
  fileStem(reference: unknown, day: string): string;
  draftFile: DraftFile;
  saveFile(file: SavedFile): void;
  showFailure(reason: string, fix: string): void;
  onSave(handler: () => void): void;
  setDraftExtras(extras: () => DraftExtras): void;
  startWorker(options?: { restarted?: boolean }): StartedWorker;
  takeFirstWorker(): StartedWorker | null;
}

/** The page's element with the contract's id for a role (app/main.mjs). */
export type Lookup = (role: string) => HTMLElement;

/** A message from the worker (docs/helper/worker.mjs lists them), read as untrusted data. */
export interface WorkerMessage {
  type?: string; step?: number; of?: number; received?: unknown; reason?: string; values?: unknown;
  later?: boolean; id?: number; response?: string; text?: string;
}

// The worker client's own parts (app/engine.mjs makes them).
export type Calls = ReturnType<typeof import("./calls.mjs").createCalls>;
export type StallWatch = ReturnType<typeof import("./stall.mjs").createStallWatch>;
