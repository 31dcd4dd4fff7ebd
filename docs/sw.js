// The site's service worker: keeps a copy of this site's own files (its pages, their
// assets and the decision helper's Python) so that, after a first visit, the site opens
// and the helper works with no network.
//
// What it keeps is fixed when the site is built: build_scripts/site/offline.py writes the
// list of files, their SHA-256 and the build's version into this file (the placeholders
// below).
// It answers only GET requests, from this site, for a file on that list; it never stores
// anything else, and nothing it stores is anything a practitioner typed (the helper sends
// nothing anywhere, and its records are downloaded from blob: addresses, which are not
// requests). Every other request goes to the network as if this file did not exist.
//
// A new build has a new version, so a new cache: the browser finds the changed sw.js on a
// visit, installs it beside the old one, and the page offers to reload (offline.js); the
// new version takes over only when the practitioner says so (or every tab is closed), and
// then deletes the old copy.
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
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith(PREFIX) && (!ENABLED || name !== CACHE))
      .map((name) => caches.delete(name)));
    if (!ENABLED) await self.registration.unregister();
  })());
});

// The page's Reload button (offline.js): this version takes over now.
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "activate") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (!ENABLED || request.method !== "GET" || !KEPT.has(request.url)) return;
  event.respondWith((async () => {
    const kept = await caches.match(request, { cacheName: CACHE, ignoreVary: true });
    return kept || fetch(request);
  })());
});
