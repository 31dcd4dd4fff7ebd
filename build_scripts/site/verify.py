"""The finished site's invariants, checked on the files themselves: the build fails closed.

Whatever built the site, and whatever a step did or skipped, a site is only published when:

- every page carries one Content-Security-Policy, first in its <head> after <meta charset>,
  allowing exactly the inline scripts the page has and no other inline script;
- sw.js is filled in: for a copy to publish, the list of every file of the site and a
  version made from them; for `make serve`, an empty list (it keeps nothing);
- every worker script guards itself: each script in the theme's workers folder starts with
  the guard (worker_guard.py), and the helper's worker imports guard.mjs before anything;
- nothing in the site loads from another origin (site_checks.py);
- the helper's page names its runtime, and that folder holds the runtime's files.

verify() raises VerifyError listing every failure.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from build_scripts.site import csp, finish_plan, offline, site_checks, worker_guard

_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
_CHARSET_THEN_POLICY = re.compile(r'<meta charset="?utf-8"?\s*/?><meta http-equiv="Content-Security-Policy" ',
                                  re.IGNORECASE)
_VERSION = re.compile(r'^const VERSION = "([^"]*)";$', re.MULTILINE)
_FILES = re.compile(r"^const FILES = (\[.*?\]);$", re.MULTILINE | re.DOTALL)
_DIGESTS = re.compile(r"^const DIGESTS = (\[.*?\]);$", re.MULTILINE | re.DOTALL)
_FIRST_IMPORT = re.compile(r'^import\b[^;]*?from\s*"([^"]+)";', re.MULTILINE)
_RUNTIME = re.compile(r'data-runtime="([^"]+)"')
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json", "python_stdlib.zip",
                 "wheels.mjs")
HELPER_PAGE = "helper/index.html"


class VerifyError(ValueError):
    """The finished site breaks an invariant; the message lists each failure."""

    def __init__(self, failures: list[str]) -> None:
        self.failures = failures
        super().__init__(f"{len(failures)} check(s) failed on the finished site:\n  " + "\n  ".join(failures))


def page_policies(site_dir: Path) -> list[str]:
    failures = []
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if relative.startswith("helper/runtime/"):
            continue
        html = path.read_text(encoding="utf-8")
        found = _POLICY.findall(html)
        if len(found) != 1:
            failures.append(f"{relative}: {len(found)} Content-Security-Policy tags (expected 1)")
            continue
        if not _CHARSET_THEN_POLICY.search(html):
            failures.append(f"{relative}: the policy is not straight after <meta charset>")
        without = _POLICY.sub("", html, count=1)
        expected = csp.policy_for(without, is_helper=relative.startswith("helper/"))
        if found[0] != expected:
            failures.append(f"{relative}: its policy does not allow exactly its inline scripts "
                            f"(has {found[0]!r}, expected {expected!r})")
    if not failures and not any(site_dir.rglob("*.html")):
        failures.append("the site has no pages")
    return failures


def service_worker(site_dir: Path, plan: finish_plan.Plan) -> list[str]:
    path = site_dir / offline.WORKER
    if not path.is_file():
        return [f"{offline.WORKER} is missing"]
    text = path.read_text(encoding="utf-8")
    if offline.VERSION_SLOT in text or offline.FILES_SLOT in text or offline.DIGESTS_SLOT in text:
        return [f"{offline.WORKER} still holds its placeholders: it was never filled in"]
    version, files = _VERSION.search(text), _FILES.search(text)
    if not version or not files:
        return [f"{offline.WORKER} has no `const VERSION` or `const FILES` line"]
    listed = json.loads(files.group(1))
    if not plan.offline:
        return [] if (version.group(1), listed) == ("", []) else [
            f"{offline.WORKER}: a copy for `make serve` must keep nothing, but it lists {len(listed)} files"]
    copy = offline.offline_copy(site_dir, runtime_key=plan.runtime_key, assets_version=plan.assets_version)
    digests = _DIGESTS.search(text)
    if not listed or listed != list(copy.files) or version.group(1) != copy.version or not digests \
            or json.loads(digests.group(1)) != list(copy.digests):
        return [f"{offline.WORKER}: its list of files or version is not this site's "
                f"({len(listed)} listed, {len(copy.files)} in the site)"]
    return []


def workers(site_dir: Path) -> list[str]:
    failures = []
    theme_workers = sorted((site_dir / worker_guard.WORKERS).glob("*.js"))
    if not theme_workers:
        failures.append(f"no worker scripts under {worker_guard.WORKERS.as_posix()}: the search worker is missing")
    guard_file = site_dir / worker_guard.GUARD
    if not guard_file.is_file():
        return [*failures, f"{worker_guard.GUARD.as_posix()} is missing: no worker can be guarded"]
    guard = worker_guard.MARK + worker_guard.classic(guard_file.read_text(encoding="utf-8"))
    for path in theme_workers:
        if not path.read_text(encoding="utf-8").startswith(guard):
            failures.append(f"{path.relative_to(site_dir).as_posix()}: a worker that does not start with the guard")
    helper_worker = site_dir / "helper" / "worker.mjs"
    first = _FIRST_IMPORT.search(helper_worker.read_text(encoding="utf-8")) if helper_worker.is_file() else None
    if first is None or first.group(1).split("?")[0] != "./guard.mjs":
        failures.append("helper/worker.mjs: its first import is not ./guard.mjs")
    return failures


def helper_runtime(site_dir: Path, plan: finish_plan.Plan) -> list[str]:
    page = site_dir / HELPER_PAGE
    if not page.is_file():
        return [f"{HELPER_PAGE} is missing"]
    named = _RUNTIME.findall(page.read_text(encoding="utf-8"))
    if len(named) != 1:
        return [f"{HELPER_PAGE}: names {len(named)} runtimes (expected 1)"]
    folder = (page.parent / named[0]).resolve()
    expected = (site_dir / "helper" / "runtime" / plan.runtime_key).resolve()
    if folder != expected:
        return [f"{HELPER_PAGE}: its runtime {named[0]} is not this build's ({plan.runtime_key})"]
    return [f"{HELPER_PAGE}: its runtime has no {name}" for name in RUNTIME_FILES if not (folder / name).is_file()]


def verify(site_dir: Path, plan: finish_plan.Plan) -> None:
    failures = [
        *page_policies(site_dir),
        *service_worker(site_dir, plan),
        *workers(site_dir),
        *(f"{finding}: loads from another origin" for finding in site_checks.find_external_assets(site_dir)),
        *helper_runtime(site_dir, plan),
    ]
    if failures:
        raise VerifyError(failures)
