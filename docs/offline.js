// Every page: the site's offline copy, and the notice when a new version of the site is out.
//
// Registers the site's service worker (sw.js, beside this file at the site's root), which
// keeps a copy of the site's own files so that, after a first visit, the pages open and the
// decision helper works with no network. It keeps nothing typed: see sw.js.
//
// Once the copy is complete the page says so: data-offline="ready" on <html>, and on the
// helper's page a note under the questions.
//
// The copy is made once the page has loaded and, on the helper's page, once the helper has
// everything it asked for (or has failed), so it never competes with the helper for the
// connection.
//
// When a new version of the site is found, the page says so at its top with a Reload
// button, but never while the helper holds answers that have not been saved: it asks the
// helper page first ("infoshare:before-reload", answered by helper/app/main.mjs) and, while
// the answer is "not now", asks again after each click (a download or a save) and every few
// seconds, so the offer appears once the answers are saved or downloaded, or cleared.
(function () {
  "use strict";

  const script = document.currentScript;
  if (!script || !("serviceWorker" in navigator)) return;
  const container = navigator.serviceWorker;
  const workerURL = new URL(script.dataset.worker, location.href);
  const PREFIX = "infoshare-";

  // `mkdocs serve`: no copy. Remove one an earlier build left at this address.
  if (script.dataset.offline !== "on") {
    container.getRegistration(workerURL).then((registration) => registration && registration.unregister())
      .catch(() => {});
    if (window.caches) {
      caches.keys().then((names) => names.filter((n) => n.startsWith(PREFIX)).forEach((n) => caches.delete(n)))
        .catch(() => {});
    }
    return;
  }

  const root = document.documentElement;
  const helperPage = Boolean(document.querySelector("script[data-runtime][data-worker]"));
  // How long to wait for the helper at most before the copy is made anyway.
  const HELPER_WAIT_MS = 60_000;
  const RECHECK_MS = 5_000;

  function quiet() {
    return new Promise((resolve) => {
      const helperDone = () => !helperPage || root.dataset.helperState === "failed" ||
        root.dataset.helperDownloads === "complete";
      let observer = null;
      const check = () => {
        if (document.readyState !== "complete" || !helperDone()) return;
        if (observer) observer.disconnect();
        resolve();
      };
      if (helperPage) {
        observer = new MutationObserver(check);
        observer.observe(root, { attributes: true, attributeFilter: ["data-helper-state", "data-helper-downloads"] });
        window.addEventListener("load", () => setTimeout(resolve, HELPER_WAIT_MS), { once: true });
      }
      window.addEventListener("load", check, { once: true });
      check();
    });
  }

  // ---- the notice -------------------------------------------------------------------------

  let waiting = null; // the new version's worker, installed and waiting
  let notice = null;
  let recheck = null;

  // Whether reloading now could lose something typed. A helper page whose own script has
  // not answered (it failed to load) is taken to hold answers.
  function unsaved() {
    const ask = new CustomEvent("infoshare:before-reload", { cancelable: true, detail: { answered: false } });
    document.dispatchEvent(ask);
    return ask.defaultPrevented || (helperPage && !ask.detail.answered);
  }

  function offer() {
    if (!waiting || notice) return;
    if (unsaved()) {
      recheck ??= setInterval(offer, RECHECK_MS);
      return;
    }
    clearInterval(recheck);
    recheck = null;
    show();
  }

  function show() {
    notice = document.createElement("div");
    notice.className = "md-banner infoshare-update";
    notice.setAttribute("role", "region");
    notice.setAttribute("aria-label", "New version");
    const inner = document.createElement("div");
    inner.className = "md-banner__inner md-grid md-typeset";
    const line = document.createElement("p");
    const status = document.createElement("span");
    status.setAttribute("role", "status");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button md-button--primary";
    button.textContent = "Reload";
    button.addEventListener("click", reload);
    line.append(status, " ", button);
    inner.append(line);
    notice.append(inner);
    const header = document.querySelector(".md-header");
    if (header) header.before(notice);
    else document.body.prepend(notice);
    // Written once the region is in the page, so that screen readers announce it.
    setTimeout(() => { status.textContent = "A new version of this site is available."; }, 50);
  }

  function reload() {
    if (unsaved()) {
      // Something was typed since the offer: take it back until it is saved.
      notice.remove();
      notice = null;
      offer();
      return;
    }
    if (waiting.state === "activated") {
      location.reload();
      return;
    }
    container.addEventListener("controllerchange", () => location.reload(), { once: true });
    waiting.postMessage({ type: "activate" });
  }

  function found(worker) {
    if (!waiting) {
      // A download or a save is a click: look again just after one.
      document.addEventListener("click", () => setTimeout(offer, 500));
    }
    waiting = worker;
    offer();
  }

  // ---- the copy ---------------------------------------------------------------------------

  quiet().then(async () => {
    // Registering again also asks the server for a newer sw.js (never from the HTTP cache).
    const registration = await container.register(workerURL, { updateViaCache: "none" });
    // Only a page the copy already serves has an older version to replace.
    if (registration.waiting && container.controller) found(registration.waiting);
    registration.addEventListener("updatefound", () => {
      const next = registration.installing;
      if (!next) return;
      next.addEventListener("statechange", () => {
        if (next.state === "installed" && container.controller) found(next);
      });
    });
    // The copy is ready once a worker is active: a worker becomes active only after it
    // has kept every file on its list. Only then does the page say it works offline
    // (data-offline="ready", and the helper page's note).
    await container.ready;
    root.dataset.offline = "ready";
    document.querySelectorAll("[data-offline-note]").forEach((note) => { note.hidden = false; });
    // A page left open for a long time (the helper, mid-decision) looks again whenever the
    // practitioner comes back to it.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") registration.update().catch(() => {});
    });
  }).catch(() => {
    // No copy (private browsing, storage full, or an old browser): the site works online.
  });
})();
