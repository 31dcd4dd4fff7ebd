// A worker that tries to reach another origin, as code that wanted to send answers away
// would, and reports what happened: what it fetched, the error, and any policy violation.
// Written to run both as a module worker and as a classic one.
const target = new URL(self.location.href).searchParams.get("target");
const report = { started: true, fetched: null, error: null, violations: [] };

self.addEventListener("securitypolicyviolation", (event) => {
  report.violations.push(event.violatedDirective + " " + event.blockedURI);
});

fetch(target, { mode: "cors", cache: "no-store" })
  .then((response) => response.text())
  .then((text) => { report.fetched = text; }, (error) => { report.error = String(error); })
  .finally(() => setTimeout(() => self.postMessage(report), 100));
