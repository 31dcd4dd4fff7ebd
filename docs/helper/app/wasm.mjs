// @ts-check
// Python's WebAssembly (pyodide.asm.wasm, the largest file), compiled on the page for its
// worker when that is quicker.
//
// Chromium keeps compiled WebAssembly for the page between visits, but not for workers.
// So on a return visit (the boot script came from the browser's cache, and so, almost
// certainly, did Python's WebAssembly) the WebAssembly is compiled here, which then takes
// a fraction of the time, and handed to the worker. On a first visit the worker compiles
// it as soon as it starts, and once Python is ready the page compiles it once more in the
// background so that the next visit finds a kept copy. Compiling is asynchronous and runs
// off the main thread.

/**
 * @param {Worker} worker the worker just started
 * @param {URL} wasm the runtime's pyodide.asm.wasm
 * @param {{compilesWasm: boolean, restarted: boolean, settled: Promise<string>}} options whether the
 *   worker waits for the page's module; whether it replaces one; the first start's outcome
 */
export function compileWasmFor(worker, wasm, { compilesWasm, restarted, settled }) {
  if (compilesWasm) {
    // (The worker counts the module's size, from the build, in what Python needed.)
    WebAssembly.compileStreaming(fetch(wasm))
      .then((module) => worker.postMessage({ type: "wasm", module }))
      .catch(() => worker.postMessage({ type: "wasm", module: null }));
  } else if (typeof WebAssembly.compileStreaming === "function" && !restarted) {
    settled.then((state) => {
      if (state === "ready") WebAssembly.compileStreaming(fetch(wasm)).catch(() => {});
    });
  }
}
