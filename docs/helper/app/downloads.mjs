// @ts-check
// Downloads: the record in each of the contract's formats, and drafts of unfinished
// answers. Files are made in memory and handed to the browser as a download; nothing is
// sent anywhere or kept.

// `formats` are the contract's; `saveFile`, `draftFile` and `localNow` the boot script's;
// `engine` the worker client, which asks Python for a draft; `operations`, the bridge's
// names for its requests (from the contract).
/**
 * @param {{formats: import("helper-types").Format[], saveFile: (file: import("helper-types").SavedFile) => void, draftFile: import("helper-types").DraftFile,
 *   localNow: () => string, engine: {state: string, call: import("helper-types").Call}, operations: Record<string, string>}} parts
 */
export function createDownloads({ formats: offered, saveFile, draftFile, localNow, engine, operations }) {
  const formats = new Map(offered.map((f) => [f.key, f]));
  /** The record made last: each format's text, by key, and the files' name. @type {{files: Record<string, string>, stem: string} | null} */
  let made = null;

  return {
    // A record rendered by Python: {files, filename_stem}.
    /** @param {import("helper-types").RenderReply} rendered */
    hold(rendered) {
      made = { files: rendered.files, stem: rendered.filename_stem };
    },
    forget() {
      made = null;
    },
    get ready() {
      return made !== null;
    },
    // Saves one format of the record; returns the file's name.
    /** @param {string} key */
    record(key) {
      const format = formats.get(key);
      if (!made || !format) return null;
      const name = `${made.stem}.${format.extension}`;
      saveFile({ name, text: made.files[key], type: format.mime });
      return name;
    },
    // The record as a case note (its plain-text format), on the clipboard.
    /** @param {string} key */
    async copy(key) {
      if (!made || !navigator.clipboard) return false;
      try {
        await navigator.clipboard.writeText(made.files[key]);
        return true;
      } catch {
        return false;
      }
    },
    // Everything typed so far, as a draft file that the helper can open again, named apart
    // from any record; with `original`, the record being amended goes in it too, and who is
    // amending it and why (`amendment`). Python writes it when it is running; otherwise the
    // boot script does, from the same contract.
    /**
     * @param {import("helper-types").Answers} answers
     * @param {{original?: unknown, amendment?: import("helper-types").Amendment | null}} [extras]
     */
    async draft(answers, { original = null, amendment = null } = {}) {
      let file = draftFile(answers, { original, amendment });
      if (engine.state === "ready") {
        const reply = /** @type {import("helper-types").DraftReply} */ (
          await engine.call({ op: operations.draft, answers, original, amendment, now: localNow() }));
        const json = formats.get("json");
        if (reply.ok && json) file = { ...file, text: reply.json, name: `${reply.filename_stem}.${json.extension}` };
      }
      saveFile(file);
      return file.name;
    },
  };
}
