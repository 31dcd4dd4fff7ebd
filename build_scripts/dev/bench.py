"""Benchmark the decision helper page in headless Chromium, against bare npm Pyodide.

    python -m build_scripts.dev.bench [--site DIR] [--runs N] [--fast4g-runs N] [--engine-runs N]
                                      [--engines chromium,firefox,webkit]
                                      [--webkit-env JSC_option=value ...] [--json FILE]

Builds the site (or takes a built one), serves it on a loopback port, and for each run
opens a fresh browser context (an empty cache, cleared again through the devtools
protocol): one cold navigation, then a warm one in the same context. In the same run it
loads "bare" Pyodide the same way: a minimal page that only calls loadPyodide() on the
unmodified npm package (node_modules/pyodide, its standard library as .py sources),
served by the same server from this script's own temporary folder, never from the site.
The ratio's baseline is that page as the issue defines it, with loadPyodide() on the
main thread; for comparison the same call in a module worker is measured too.

What is measured, each as milliseconds since navigation start (performance.now() in the
page) unless stated:

first input usable  the later of (a) the first animation frame after the first question's
                    first radio is in the document and enabled (a MutationObserver
                    installed before any page script sees it) and (b) the first contentful
                    paint: the radio is then on screen and can be chosen. The radio is in
                    the page's HTML, so this does not wait for Python.
helper ready        the page's own performance mark "infoshare:ready", set when the worker
                    reports that Python has imported the helper and answered a first call.
bare ready          the same mark set by the bare page when loadPyodide() resolves
                    (main thread; "in a worker" for the worker variant).
ready ratio         helper ready / bare ready (main thread), from the medians.
three formats       the page's performance measure "infoshare:render": the `render` op
                    round trip (HTML, JSON and Markdown) seen from the main thread, once
                    the helper is ready, for a complete record (opened as a draft, checked
                    and sealed through the page as a practitioner would).
create record       for context, the page's measure "infoshare:create": from pressing
                    "Create the record" to the download page showing (seal + render).

The server sends Cache-Control: max-age=600, as GitHub Pages does, so the warm
navigation is served from the browser's cache, or from the site's offline copy (sw.js)
once its service worker has made it, as on a practitioner's return visit.

Then, on a real connection's terms ("Fast 4G"): the same built site, precompressed as
`make build` makes it, served by real nginx with the shipped configuration
(hosting/nginx/, started by nginx_server.py), and Chromium's network emulation (CDP
Network.emulateNetworkConditions: 9 Mbit/s down, 1.5 Mbit/s up, 60 ms round trip, which
throttles the helper's worker too). Each run is a fresh browser context with its cache
cleared: a practitioner's first visit. What is measured:

Fast 4G ready       the page's mark "infoshare:ready", as above, median of the runs.
bytes before ready  what nginx sent (the body bytes, compressed as sent) for every request
                    that reached it before the helper was ready, from nginx's own log.
                    What follows ready (the rest of the standard library, Jinja2, the
                    offline copy of the site) is listed apart.

Last, the helper's start-up in each engine practitioners use, Chromium, Firefox and WebKit
(build_scripts/dev/bench_engines.py): the page's marks for each step of Python's start,
on a first visit and on a return visit from the offline copy, median of --engine-runs
fresh profiles.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from build_scripts.dev import bench_engines  # noqa: E402
from build_scripts.dev.static_server import serving  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  the test suite's browser, same flags
from tests.engines.engines import ENGINES  # noqa: E402

BARE_PREFIX = "/__bare__/"
BUDGETS = {
    "first_input": ("first input usable", 300.0, "ms"),
    "fast4g_ready": ("helper ready on Fast 4G, cold", 5000.0, "ms"),
    "ratio_cold": ("helper ready / bare ready, cold", 0.5, "x"),
    "ratio_warm": ("helper ready / bare ready, warm", 0.6, "x"),
    "render": ("every format (render round trip)", 50.0, "ms"),
}

# Installed before any page script: notes the first frame after the first radio appears.
FIRST_INPUT_PROBE = """
(() => {
  const found = () => {
    const radio = document.querySelector('#infoshare-form input[type=radio]');
    return radio && !radio.disabled ? radio : null;
  };
  const mark = () => requestAnimationFrame(() => { window.__firstInput = performance.now(); });
  const observer = new MutationObserver(() => {
    if (found()) { observer.disconnect(); window.__firstInputInDom = performance.now(); mark(); }
  });
  observer.observe(document, {childList: true, subtree: true});
})();
"""

BARE_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bare Pyodide</title></head>
<body><p id="state">loading</p><script type="module" src="bare-main.js"></script></body></html>
"""
BARE_MAIN_JS = """
import { loadPyodide } from "./pyodide/pyodide.mjs";
try {
  await loadPyodide({ indexURL: new URL("./pyodide/", import.meta.url).href });
  performance.mark("bare:ready");
  document.documentElement.dataset.bareState = "ready";
} catch (error) {
  document.documentElement.dataset.bareState = "failed";
}
"""
BARE_WORKER_HTML = BARE_HTML.replace("bare-main.js", "bare.js")
BARE_JS = """
const worker = new Worker(new URL("worker.mjs", import.meta.url), {type: "module"});
worker.onmessage = (event) => {
  if (event.data === "ready") {
    performance.mark("bare:ready");
    document.documentElement.dataset.bareState = "ready";
  } else {
    document.documentElement.dataset.bareState = "failed";
  }
};
"""
BARE_WORKER = """
import { loadPyodide } from "./pyodide/pyodide.mjs";
try {
  await loadPyodide({ indexURL: new URL("./pyodide/", import.meta.url).href });
  self.postMessage("ready");
} catch (error) {
  self.postMessage("failed: " + error);
}
"""


# Chromium's "Fast 4G" preset, in the units CDP takes (bytes per second, milliseconds).
FAST_4G = {
    "offline": False,
    "latency": 60,
    "downloadThroughput": 9_000_000 / 8,
    "uploadThroughput": 1_500_000 / 8,
    "connectionType": "cellular4g",
}
FAST_4G_BUDGET_MS = 5000.0


@contextmanager
def serve(site: Path, bare_dir: Path) -> Iterator[str]:
    with serving(site, mounts={BARE_PREFIX: bare_dir}) as base:
        yield base


def make_bare_dir(work: Path) -> Path:
    bare = work / "bare"
    bare.mkdir()
    (bare / "index.html").write_text(BARE_HTML, encoding="utf-8")
    (bare / "bare-main.js").write_text(BARE_MAIN_JS, encoding="utf-8")
    (bare / "worker.html").write_text(BARE_WORKER_HTML, encoding="utf-8")
    (bare / "bare.js").write_text(BARE_JS, encoding="utf-8")
    (bare / "worker.mjs").write_text(BARE_WORKER, encoding="utf-8")
    npm = ROOT / "node_modules" / "pyodide"
    if not (npm / "pyodide.mjs").exists():
        raise SystemExit("node_modules/pyodide is missing: run npm ci")
    shutil.copytree(npm, bare / "pyodide")
    return bare


def build_site(out: Path) -> Path:
    # A strict build needs the site's address (SITE_URL); a measurement needs none. Built
    # as `make build` builds it, with its precompressed copies, for nginx; the static
    # server ignores the copies.
    env = {**os.environ, "SITE_URL": os.environ.get("SITE_URL") or "https://infoshare.invalid/",
           "PRECOMPRESS": "true"}
    result = subprocess.run([sys.executable, "-m", "build_scripts.site.build", "--site-dir", str(out)],
                            cwd=ROOT, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise SystemExit("the site's build failed:\n" + result.stdout + result.stderr)
    return out


_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2})?([+-]\d{2}:\d{2}|Z)$")


def draft_file(work: Path) -> Path:
    """A complete decision as a draft, from the package's own example record."""
    result = subprocess.run([sys.executable, "-m", "infoshare", "example"], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    answers = json.loads(result.stdout)["answers"]
    # A datetime-local field holds local time without seconds or offset.
    answers = {k: (_DATETIME.sub(r"\1", v) if isinstance(v, str) else v) for k, v in answers.items()}
    path = work / "draft.json"
    path.write_text(json.dumps({"format": "infoshare-draft", "version": 1, "answers": answers}), encoding="utf-8")
    return path


def _mark(page: Any, name: str) -> float | None:
    value = page.evaluate(f"(performance.getEntriesByName({json.dumps(name)})[0] || {{}}).startTime ?? null")
    return None if value is None else float(value)


def measure_helper(page: Any, url: str, draft: Path) -> dict[str, float | None]:
    page.goto(url)
    page.wait_for_selector("html[data-helper-state]:not([data-helper-state=loading])", state="attached",
                           timeout=120_000)
    state = page.evaluate("document.documentElement.dataset.helperState")
    if state != "ready":
        raise SystemExit(f"the helper did not start: {page.locator('#infoshare-failed').inner_text()}")
    page.wait_for_timeout(50)  # let the probe's animation frame land if it has not yet
    frame = page.evaluate("window.__firstInput ?? null")
    fcp = page.evaluate("(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime ?? null")
    result = {
        "first_input": max(frame, fcp) if frame is not None and fcp is not None else None,
        "first_input_dom": page.evaluate("window.__firstInputInDom ?? null"),
        "fcp": fcp,
        "ready": _mark(page, "infoshare:ready"),
    }
    # Produce the three formats as a practitioner would: open, check, create.
    page.set_input_files("#f-record_file", str(draft))
    page.get_by_role("button", name="Open the record").click()
    page.wait_for_selector("#infoshare-check:not([hidden])")
    page.get_by_role("button", name="Create the record").click()
    page.wait_for_selector("#infoshare-record:not([hidden]), #infoshare-check .govuk-error-summary:not([hidden])")
    if not page.locator("#infoshare-record").is_visible():
        raise SystemExit("the example draft did not seal: " + page.locator("#infoshare-check").inner_text()[:500])
    result["render"] = page.evaluate(
        "(performance.getEntriesByName('infoshare:render')[0] || {}).duration ?? null")
    result["create"] = page.evaluate(
        "(performance.getEntriesByName('infoshare:create')[0] || {}).duration ?? null")
    return result


def measure_bare(page: Any, url: str, key: str = "bare_ready") -> dict[str, float | None]:
    page.goto(url)
    page.wait_for_selector("html[data-bare-state]", state="attached", timeout=120_000)
    if page.evaluate("document.documentElement.dataset.bareState") != "ready":
        raise SystemExit("bare Pyodide did not start")
    return {key: _mark(page, "bare:ready")}


def fresh_context(browser: Any) -> tuple[Any, Any]:
    context = browser.new_context()
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # the helper warns before leaving a record
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.clearBrowserCache")
    return context, page


def run(site: Path, runs: int) -> dict[str, dict[str, list[float]]]:
    from playwright.sync_api import sync_playwright

    samples: dict[str, dict[str, list[float]]] = {"cold": {}, "warm": {}}

    def add(kind: str, values: Mapping[str, float | None]) -> None:
        for key, value in values.items():
            if value is not None:
                samples[kind].setdefault(key, []).append(float(value))

    with tempfile.TemporaryDirectory(prefix="infoshare-bench-") as tmp:
        work = Path(tmp)
        bare_dir = make_bare_dir(work)
        draft = draft_file(work)
        with serve(site, bare_dir) as base, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            try:
                for number in range(1, runs + 1):
                    context, page = fresh_context(browser)
                    page.add_init_script(FIRST_INPUT_PROBE)
                    add("cold", measure_helper(page, base + "helper/", draft))
                    add("warm", measure_helper(page, base + "helper/", draft))
                    context.close()
                    context, page = fresh_context(browser)
                    add("cold", measure_bare(page, base + BARE_PREFIX.lstrip("/")))
                    add("warm", measure_bare(page, base + BARE_PREFIX.lstrip("/")))
                    context.close()
                    context, page = fresh_context(browser)
                    worker_page = base + BARE_PREFIX.lstrip("/") + "worker.html"
                    add("cold", measure_bare(page, worker_page, "bare_worker_ready"))
                    add("warm", measure_bare(page, worker_page, "bare_worker_ready"))
                    context.close()
                    print(f"run {number}/{runs} done", file=sys.stderr)
            finally:
                browser.close()
    return samples


def _wait_for_quiet_log(server: Any, quiet: float = 1.0, limit: float = 20.0) -> None:
    """Wait until nginx has logged nothing new for `quiet` seconds (responses in flight
    are logged when they end)."""
    import time

    deadline = time.monotonic() + limit
    size, since = -1, time.monotonic()
    while time.monotonic() < deadline:
        now = server.access_log.stat().st_size if server.access_log.exists() else 0
        if now != size:
            size, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return
        time.sleep(0.1)


def measure_fast4g(browser: Any, server: Any) -> dict[str, Any]:
    """One cold visit to the helper on emulated Fast 4G, through nginx."""
    logged = len(server.log_entries())
    context, page = fresh_context(browser)
    try:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.clearBrowserCache")
        cdp.send("Network.emulateNetworkConditions", FAST_4G)
        page.goto(server.base + "helper/", wait_until="commit", timeout=120_000)
        page.wait_for_selector("html[data-helper-state]:not([data-helper-state=loading])", state="attached",
                               timeout=120_000)
        if page.evaluate("document.documentElement.dataset.helperState") != "ready":
            raise SystemExit(f"the helper did not start: {page.locator('#infoshare-failed').inner_text()}")
        ready = _mark(page, "infoshare:ready")
        ready_epoch = page.evaluate("performance.timeOrigin") + (ready or 0)
        # What the page fetches after ready (and the offline copy) is listed apart.
        page.wait_for_timeout(1000)
        _wait_for_quiet_log(server)
    finally:
        context.close()
    entries = [e for e in server.log_entries()[logged:] if "Chrome" in e["user_agent"]]
    before: list[dict[str, Any]] = []
    after: list[dict[str, Any]] = []
    for entry in entries:
        arrived_ms = (float(entry["time"]) - float(entry["request_time"])) * 1000
        (before if arrived_ms <= ready_epoch else after).append(entry)
    return {
        "ready": ready,
        "bytes_before_ready": sum(int(e["bytes"]) for e in before),
        "requests_before_ready": len(before),
        "before": [(e["request"], int(e["bytes"]), e["content_encoding"]) for e in before],
        "after": [(e["request"], int(e["bytes"]), e["content_encoding"]) for e in after],
    }


def run_fast4g(site: Path, runs: int) -> list[dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    from build_scripts.dev import nginx_server

    results = []
    with tempfile.TemporaryDirectory(prefix="infoshare-bench-nginx-") as prefix, \
            nginx_server.running(site, Path(prefix)) as server, sync_playwright() as pw:
        if not server.brotli:
            print("note: nginx's brotli_static module is not installed; gzip copies are sent", file=sys.stderr)
        if not any(site.glob("helper/runtime/*/pyodide.asm.wasm.br")):
            print(f"note: {site} was built without PRECOMPRESS=true: nginx compresses on the fly, "
                  "not as `make build` ships it", file=sys.stderr)
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            for number in range(1, runs + 1):
                results.append(measure_fast4g(browser, server))
                print(f"Fast 4G run {number}/{runs}: ready {results[-1]['ready']:.0f} ms, "
                      f"{results[-1]['bytes_before_ready']:,} bytes before ready", file=sys.stderr)
        finally:
            browser.close()
    return results


def report_fast4g(results: list[dict[str, Any]]) -> tuple[str, dict[str, Any], bool]:
    readies = [float(r["ready"]) for r in results]
    sizes = [float(r["bytes_before_ready"]) for r in results]
    ready_med, ready_lo, ready_hi = _stat(readies)
    size_med, size_lo, size_hi = _stat(sizes)
    ok = ready_med <= FAST_4G_BUDGET_MS
    summary = {"runs": len(results), "network": FAST_4G,
               "ready": {"median": ready_med, "min": ready_lo, "max": ready_hi, "samples": readies},
               "bytes_before_ready": {"median": size_med, "min": size_lo, "max": size_hi, "samples": sizes},
               "files_before_ready": results[0]["before"], "files_after_ready": results[0]["after"]}
    lines = [
        f"Fast 4G (9 Mbit/s down, 1.5 up, 60 ms), nginx with the shipped configuration, cold, n={len(results)}",
        (f"  helper ready (ms)          {ready_med:.0f} ({ready_lo:.0f}-{ready_hi:.0f})   budget <= "
         f"{FAST_4G_BUDGET_MS:.0f}   {'ok' if ok else 'OVER'}"),
        f"  compressed bytes before ready  {size_med:,.0f} ({size_lo:,.0f}-{size_hi:,.0f})",
        "  first run, before ready (bytes as sent, encoding):",
    ]
    lines += [f"    {size:>10,}  {enc or '-':5}  {url}" for url, size, enc in
              sorted(results[0]["before"], key=lambda x: -x[1])]
    after = results[0]["after"]
    lines.append(f"  first run, after ready: {len(after)} requests, {sum(s for _, s, _ in after):,} bytes")
    lines += [f"    {size:>10,}  {enc or '-':5}  {url}" for url, size, enc in sorted(after, key=lambda x: -x[1])[:12]]
    return "\n".join(lines), summary, ok


def _stat(values: list[float]) -> tuple[float, float, float]:
    return statistics.median(values), min(values), max(values)


def report(samples: dict[str, dict[str, list[float]]], runs: int) -> tuple[str, dict[str, Any], bool]:
    rows: list[tuple[str, str, str, str, str]] = []
    summary: dict[str, Any] = {"runs": runs}
    ok = True

    def cell(kind: str, key: str, unit: str = "ms") -> str:
        values = samples[kind].get(key)
        if not values:
            return "-"
        med, lo, hi = _stat(values)
        summary.setdefault(kind, {})[key] = {"median": med, "min": lo, "max": hi, "samples": values}
        digits = 0 if unit == "ms" else 2
        return f"{med:.{digits}f} ({lo:.{digits}f}-{hi:.{digits}f})"

    def verdict(value: float | None, budget: float) -> str:
        nonlocal ok
        if value is None:
            return "?"
        passed = value <= budget
        ok = ok and passed
        return "ok" if passed else "OVER"

    med = {kind: {k: statistics.median(v) for k, v in samples[kind].items()} for kind in samples}
    rows.append(("first input usable (ms)", cell("cold", "first_input"), cell("warm", "first_input"),
                 "<= 300", verdict(max(med["cold"].get("first_input", 1e9), med["warm"].get("first_input", 1e9)), 300)))
    rows.append(("  first radio in DOM (ms)", cell("cold", "first_input_dom"), cell("warm", "first_input_dom"), "", ""))
    rows.append(("  first contentful paint (ms)", cell("cold", "fcp"), cell("warm", "fcp"), "", ""))
    rows.append(("helper ready (ms)", cell("cold", "ready"), cell("warm", "ready"), "", ""))
    rows.append(("bare npm Pyodide ready (ms)", cell("cold", "bare_ready"), cell("warm", "bare_ready"), "", ""))
    rows.append(("  bare npm Pyodide in a module worker (ms)", cell("cold", "bare_worker_ready"),
                 cell("warm", "bare_worker_ready"), "", ""))
    ratio_cold = med["cold"].get("ready", 0) / med["cold"]["bare_ready"] if med["cold"].get("bare_ready") else None
    ratio_warm = med["warm"].get("ready", 0) / med["warm"]["bare_ready"] if med["warm"].get("bare_ready") else None
    summary["ratio"] = {"cold": ratio_cold, "warm": ratio_warm}
    rows.append(("helper ready / bare ready",
                 f"{ratio_cold:.2f}" if ratio_cold is not None else "-",
                 f"{ratio_warm:.2f}" if ratio_warm is not None else "-",
                 "<= 0.5 cold, <= 0.6 warm",
                 "ok" if (verdict(ratio_cold, 0.5) == "ok" and verdict(ratio_warm, 0.6) == "ok") else "OVER"))
    worker_cold = med["cold"].get("bare_worker_ready")
    worker_warm = med["warm"].get("bare_worker_ready")
    if worker_cold and worker_warm:
        summary["ratio_vs_worker"] = {"cold": med["cold"].get("ready", 0) / worker_cold,
                                      "warm": med["warm"].get("ready", 0) / worker_warm}
        rows.append(("  helper ready / bare in a worker",
                     f"{summary['ratio_vs_worker']['cold']:.2f}", f"{summary['ratio_vs_worker']['warm']:.2f}",
                     "(for comparison)", ""))
    rows.append(("every format, render round trip (ms)", cell("cold", "render"), cell("warm", "render"),
                 "<= 50", verdict(max(med["cold"].get("render", 1e9), med["warm"].get("render", 1e9)), 50)))
    rows.append(("  create record: seal + render + show (ms)", cell("cold", "create"), cell("warm", "create"), "", ""))
    header = ("measure", f"cold: median (min-max), n={runs}", f"warm: median (min-max), n={runs}", "budget", "")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(5)]
    lines = [" | ".join(c.ljust(w) for c, w in zip(header, widths, strict=False)),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) for r in rows]
    return "\n".join(lines), summary, ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site folder (default: build one now)")
    parser.add_argument("--runs", type=int, default=5, help="runs, each cold then warm (default 5)")
    parser.add_argument("--fast4g-runs", type=int, default=3,
                        help="cold runs on emulated Fast 4G through nginx (default 3; 0 leaves them out)")
    parser.add_argument("--engine-runs", type=int, default=3,
                        help="fresh profiles of each engine for its start-up (default 3; 0 leaves them out)")
    parser.add_argument("--engines", default=",".join(ENGINES),
                        help="which engines' start-up to measure (default chromium,firefox,webkit)")
    parser.add_argument("--webkit-env", action="append", default=[], metavar="NAME=VALUE",
                        help="add to WebKit's environment, e.g. JSC_useOMGJIT=0 (JavaScriptCore's options)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a budget is missed")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="infoshare-bench-site-") as tmp:
        site = args.site or build_site(Path(tmp) / "site")
        if not (site / "helper" / "index.html").exists():
            raise SystemExit(f"{site} has no helper/index.html: not a built site")
        samples = run(site, args.runs) if args.runs > 0 else None
        fast4g = run_fast4g(site, args.fast4g_runs) if args.fast4g_runs > 0 else None
        webkit_env = dict(item.split("=", 1) for item in args.webkit_env)
        per_engine = bench_engines.run(site, args.engine_runs, webkit_env=webkit_env,
                                       only=tuple(args.engines.split(","))) if args.engine_runs > 0 else None
    ok = True
    summary: dict[str, Any] = {}
    if samples is not None:
        table, summary, ok = report(samples, args.runs)
        print(table)
    if fast4g is not None:
        text, summary["fast4g"], fast_ok = report_fast4g(fast4g)
        ok = ok and fast_ok
        print()
        print(text)
    if per_engine is not None:
        text, summary["engines"] = bench_engines.report(per_engine, args.engine_runs, webkit_env)
        print()
        print(text)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 1 if (args.strict and not ok) else 0


if __name__ == "__main__":
    sys.exit(main())
