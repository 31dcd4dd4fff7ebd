// The site's service worker: keeps a copy of this site's own files (its pages, their
// assets and the decision helper's Python) so that, after a first visit, the site opens
// and the helper works with no network.
//
// What it keeps is fixed when the site is built: build_scripts/site/offline.py writes the
// list of files, their SHA-256 and the build's version into this file (the placeholders
// below).
// It answers only GET requests, from this site, for a file on that list (or, see below,
// on an older build's list); it never stores anything else, and nothing it stores is
// anything a practitioner typed (the helper sends nothing anywhere, and its records are
// downloaded from blob: addresses, which are not requests). Every other request goes to
// the network as if this file did not exist.
//
// A new build has a new version, so a new cache: the browser finds the changed sw.js on a
// visit, installs it beside the old one, and the page offers to reload (offline.js); the
// new version takes over only when the practitioner says so (or every tab is closed).
// Taking it in one tab makes it serve every tab of the site, and another tab may hold the
// helper, mid-decision, on the old build's page: that page still asks for the old build's
// files (its Python worker, should it have to start again), so the old copy answers for
// them until no page of the old build is left open; then it is deleted.
//
// Under `mkdocs serve` the list is empty: this worker then removes any copy an earlier
// build left, and unregisters itself, so a development server is never hidden behind it.

"use strict";

const VERSION = "__INFOSHARE_OFFLINE_VERSION__";
const FILES = ["__INFOSHARE_OFFLINE_FILES__"];
const DIGESTS = ["__INFOSHARE_OFFLINE_DIGESTS__"];

const PREFIX = "infoshare-";
const CACHE = PREFIX + VERSION;
// Off under `mkdocs serve` (an empty version), and if the build did not fill this in.
const ENABLED = /^[0-9a-z.-]+$/.test(VERSION) && FILES.length > 0;
// Every file on the list, as an absolute address (the list is relative to this file).
const KEPT = new Set(FILES.map((file) => new URL(file, self.location.href).href));
// Files whose address names the build (the helper's runtime folder): the browser's own
// cache may answer for them. Any other file is checked with the server, so the copy is
// this build's, not an older one a cache kept.
const RUNTIME = /\/helper\/runtime\/[^/]+\//;

self.addEventListener("install", (event) => {
  if (!ENABLED) {
    event.waitUntil(self.skipWaiting());
    return;
  }
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    try {
      await cache.addAll([...KEPT].map((url) => new Request(url, { cache: RUNTIME.test(url) ? "default" : "no-cache" })));
      // Every file must be this build's, byte for byte: a host still publishing, or one
      // answering a missing file with a page of its own, must not leave a copy that
      // breaks with no network. No copy then; the next visit's check tries again.
      const wrong = await firstWrong(cache);
      if (wrong) throw new Error(`${wrong} is not this build's file: no copy kept`);
    } catch (error) {
      await caches.delete(CACHE);
      throw error;
    }
  })());
});

async function firstWrong(cache) {
  for (const [index, file] of FILES.entries()) {
    const url = new URL(file, self.location.href).href;
    const kept = await cache.match(url, { ignoreVary: true });
    const body = kept ? await kept.arrayBuffer() : null;
    const digest = body ? [...new Uint8Array(await crypto.subtle.digest("SHA-256", body))]
      .map((byte) => byte.toString(16).padStart(2, "0")).join("") : "";
    if (digest !== DIGESTS[index]) return file;
  }
  return null;
}

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    if (ENABLED) {
      await tidy();
      return;
    }
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith(PREFIX)).map((name) => caches.delete(name)));
    await self.registration.unregister();
  })());
});

// The pages this version has served (their client ids): they ask only for its own files.
// Any other open page of the site may be an older build's, which this version took over
// when it was activated. (Held in memory only: after the browser stops and restarts this
// worker, every page already open counts as older, which keeps a copy longer, never less.)
const OURS = new Set();
let tidied = false;

// Deletes the older builds' copies once every open page of the site is one this version
// served. Only while no newer version is being installed: its copy, still being made, is
// not an older one.
async function tidy() {
  if (tidied || self.registration.installing || self.registration.waiting) return;
  const older = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
  if (older.length > 0) {
    const pages = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    if (pages.some((page) => !OURS.has(page.id))) return;
    await Promise.all(older.map((name) => caches.delete(name)));
  }
  tidied = true;
}

// A file an older build's page asks for that this build does not have (its scripts carry
// another version, its runtime another folder): from the older copy, or else the network.
async function fromOlder(request) {
  for (const name of (await caches.keys()).reverse()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    const kept = await caches.match(request, { cacheName: name, ignoreVary: true });
    if (kept) return kept;
  }
  return fetch(request);
}

// The page's Reload button (offline.js): this version takes over now.
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "activate") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (!ENABLED || request.method !== "GET") return;
  if (request.mode === "navigate") {
    if (event.resultingClientId) OURS.add(event.resultingClientId);
  } else if (!tidied) {
    event.waitUntil(tidy());
  }
  if (KEPT.has(request.url)) {
    event.respondWith((async () => {
      const kept = await caches.match(request, { cacheName: CACHE, ignoreVary: true });
      return kept || fetch(request);
    })());
  } else if (!tidied && request.mode !== "navigate" && new URL(request.url).origin === self.location.origin) {
    event.respondWith(fromOlder(request));
  }
});
