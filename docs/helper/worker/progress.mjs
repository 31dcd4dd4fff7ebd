// @ts-check
// How far Python's start has got, for the page's progress bar: the step it is on, and
// the bytes of every file Python needs to start, counted as they arrive (the page knows
// the total from the build), so a slow connection shows how far it has got rather than a
// bar that only says "busy". This module alone keeps the count.

import { fileName } from "./reasons.mjs";

const STEPS = 3;
let received = 0;
let reported = 0;
/** The size of each runtime file the browser fetches itself, from the build. @type {Map<string, number>} */
let fileBytes = new Map();

/** Python's start is at `step` (of three). @param {number} step */
export function progress(step) {
  self.postMessage({ type: "progress", step, of: STEPS });
}

/** Tells the page how much has arrived, now. */
export function reportBytes() {
  self.postMessage({ type: "bytes", received });
}

/** @param {number} count */
function addBytes(count) {
  received += count;
  const now = performance.now();
  if (now - reported >= 200) {
    reported = now;
    reportBytes();
  }
}

/** The response, its body counted as it arrives. @param {Response} response */
export function counted(response) {
  if (!response.ok || !response.body || typeof TransformStream !== "function") return response;
  const body = response.body.pipeThrough(new TransformStream({
    transform(chunk, controller) {
      addBytes(chunk.byteLength);
      controller.enqueue(chunk);
    },
  }));
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

// The files the browser fetches, not this worker (the module scripts, and the WebAssembly
// the page compiles) are counted once they have arrived, by their size in the build: not
// every browser tells a script their size (Firefox has no resource timing for a module
// served from the offline copy).
/** The build's "name:size ..." list. @param {unknown} text */
export function readFileBytes(text) {
  fileBytes = new Map(String(text || "").split(/\s+/).filter(Boolean).map((pair) => {
    const at = pair.lastIndexOf(":");
    return [pair.slice(0, at), Number(pair.slice(at + 1)) || 0];
  }));
}

/** Counts the file at `url`, which has arrived, by its size in the build. @param {string} url */
export function countFile(url) {
  addBytes(fileBytes.get(fileName(url)) || 0);
}
