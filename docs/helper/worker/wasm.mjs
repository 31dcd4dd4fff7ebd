// @ts-check
// Python's WebAssembly (pyodide.asm.wasm, the largest file) is compiled before Pyodide
// asks for it, so its download starts the moment this worker does: on a return visit
// the page compiles it from the browser's cache and sends the module here (see
// app/wasm.mjs for why); otherwise this worker compiles it as soon as "init" arrives.
// Pyodide's own request for the file then gets a placeholder (files.mjs), and its
// instantiateStreaming() call instantiates the compiled module. No loadPyodide() option
// hands Pyodide a compiled module, so this replaces instantiateStreaming; the build checks
// that the pinned Pyodide still starts that way (build_scripts/runtime/build.py,
// ENGINE_ASSUMPTIONS).

import { counted, progress } from "./progress.mjs";
import { startupFailure } from "./reasons.mjs";

// Reasons the page words from the contract (its messages worker_reason_<name>).
const WASM_DAMAGED = "wasm_damaged";

/** @type {(module: WebAssembly.Module | null) => void} */
let settle = () => {};
/** The compiled module, or null when it must be compiled as Pyodide streams it. @type {Promise<WebAssembly.Module | null>} */
export const compiledWasm = new Promise((resolve) => { settle = resolve; });

/** The module the page compiled, or null. @param {WebAssembly.Module | null} module */
export function receiveWasm(module) {
  settle(module);
}

const realInstantiateStreaming = WebAssembly.instantiateStreaming;
WebAssembly.instantiateStreaming = /** @type {typeof WebAssembly.instantiateStreaming} */ (async (source, imports) => {
  const module = await compiledWasm;
  progress(2);
  if (module) return { instance: await WebAssembly.instantiate(module, imports), module };
  try {
    return await realInstantiateStreaming(source, imports);
  } catch (error) {
    startupFailure(WASM_DAMAGED);
    throw error;
  }
});

/**
 * Compiles the runtime's WebAssembly here, fetched with `fetchFile` (files.mjs's checked fetch).
 * @param {string | undefined} runtime @param {(url: string) => Promise<Response>} fetchFile
 */
export function compileWasmHere(runtime, fetchFile) {
  if (typeof WebAssembly.compileStreaming !== "function") {
    settle(null);
    return;
  }
  WebAssembly.compileStreaming(fetchFile(new URL("pyodide.asm.wasm", runtime).href).then(counted))
    .then(settle, () => {
      // Damaged, or not served as application/wasm: say so now. (A file that could not
      // be downloaded at all has been reported by the checked fetch already.)
      startupFailure(WASM_DAMAGED);
      settle(null);
    });
}
