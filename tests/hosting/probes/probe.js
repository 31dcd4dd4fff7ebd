// Start a probe worker at each worker location: a module worker under helper/ (where the
// helper's Python worker lives) and a classic one in the theme's worker folder (where its
// search worker lives). The other origin to try is in this page's address (?target=).
const target = new URLSearchParams(location.search).get("target");

function run(url, options) {
  return new Promise((resolve) => {
    const worker = new Worker(url + "?target=" + encodeURIComponent(target), options);
    worker.onmessage = (event) => resolve(event.data);
    worker.onerror = (event) => resolve({ started: false, error: "the worker did not start: " + (event.message || "") });
  });
}

Promise.all([
  run("/helper/hosting-probe/worker.mjs", { type: "module" }),
  run("/assets/javascripts/workers/hosting-probe.js"),
]).then(([helper, search]) => {
  document.body.dataset.result = JSON.stringify({ helper, search });
});
