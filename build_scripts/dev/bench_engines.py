"""The helper's start-up in each engine practitioners use: Chromium (Edge, Chrome), Firefox
and WebKit (Safari), driven as the cross-engine tests drive them (tests/engines/engines.py:
Playwright for Chromium and Firefox, WebKitWebDriver and MiniBrowser on a virtual display
for WebKit). Part of `make bench` (build_scripts/dev/bench.py).

Each run is a fresh profile (nothing cached, no service worker): a first visit to the
helper, then, once the page says its offline copy is ready, a reload (a return visit,
served from the copy). What is measured is the page's own performance marks, in
milliseconds since the navigation started:

worker started   "infoshare:step-1": the worker has loaded and asked for Python's files
compiled         "infoshare:step-2": Python's WebAssembly is compiled and the modules loaded;
                 Python is being instantiated and started (loadPyodide)
Python started   "infoshare:step-3": Python has started; the helper's package is being imported
ready            "infoshare:ready": the helper has answered its first call

`webkit_env` adds variables to WebKit's environment: JavaScriptCore reads its options from
JSC_* variables, which is how the cost of each of its WebAssembly tiers was found (see
README.md, "Start-up in each engine").
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from build_scripts.dev.static_server import serving
from tests.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.engines import engines

MARKS = (("worker_started", "step-1"), ("compiled", "step-2"), ("python_started", "step-3"), ("ready", "ready"))
READ_MARKS = """() => Object.fromEntries(performance.getEntriesByType("mark")
  .filter((m) => m.name.startsWith("infoshare:")).map((m) => [m.name.slice(10), m.startTime]))"""
SETTLED = """() => ["ready", "failed"].includes(document.documentElement.dataset.helperState)
  && document.documentElement.dataset.helperState"""
READY_TIMEOUT_S = 120
COPY_TIMEOUT_S = 90

Samples = dict[str, dict[str, list[float]]]  # "cold" / "warm" -> measure -> milliseconds


def visit(tab: engines.EnginePage, url: str, *, reload: bool = False) -> dict[str, float]:
    """Open (or reload) the helper; its marks once it is ready, by measure."""
    if reload:
        tab.reload()
    else:
        tab.goto(url)
    state = tab.wait_until(SETTLED, timeout=READY_TIMEOUT_S, what="the helper to start")
    if state != "ready":
        raise SystemExit(f"{tab.engine}: the helper did not start: {tab.text('#infoshare-failed')}")
    marks = tab.call(READ_MARKS)
    return {key: float(marks[name]) for key, name in MARKS if name in marks}


@contextmanager
def tabs(engine: str, webkit_env: dict[str, str]) -> Iterator[Any]:
    """Yields a function that opens a tab in a fresh profile of `engine`."""
    from playwright.sync_api import sync_playwright

    with ExitStack() as stack:
        if engine == "webkit":
            display = stack.enter_context(engines.virtual_display())
            yield lambda: engines.SeleniumPage(engines.webkit_session(display, webkit_env))
            return
        pw = stack.enter_context(sync_playwright())
        browser = (engines.launch_firefox(pw) if engine == "firefox"
                   else pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS))
        stack.callback(browser.close)
        yield lambda: engines.PlaywrightPage(engine, browser.new_context(service_workers="allow"))


def run(site: Path, runs: int, *, webkit_env: dict[str, str] | None = None,
        only: tuple[str, ...] = engines.ENGINES) -> dict[str, Samples]:
    """`runs` fresh profiles of each engine in `only`; an engine this machine lacks is left out."""
    results: dict[str, Samples] = {}
    with serving(site) as base:
        for engine in only:
            problem = engines.missing(engine)
            if problem:
                print(f"note: {problem}; left out", file=sys.stderr)
                continue
            samples: Samples = {"cold": {}, "warm": {}}
            with tabs(engine, webkit_env or {}) as new_tab:
                for number in range(1, runs + 1):
                    tab = new_tab()
                    try:
                        for kind, reload in (("cold", False), ("warm", True)):
                            if reload:
                                tab.wait_until("() => document.documentElement.dataset.offline === 'ready'",
                                               timeout=COPY_TIMEOUT_S, what="the offline copy")
                            for key, value in visit(tab, base + "helper/", reload=reload).items():
                                samples[kind].setdefault(key, []).append(value)
                    finally:
                        tab.close()
                    print(f"{engine} run {number}/{runs}: ready {samples['cold']['ready'][-1]:.0f} ms cold, "
                          f"{samples['warm']['ready'][-1]:.0f} ms from the offline copy", file=sys.stderr)
            results[engine] = samples
    return results


def _cell(values: list[float] | None) -> str:
    if not values:
        return "-"
    return f"{statistics.median(values):.0f} ({min(values):.0f}-{max(values):.0f})"


def report(results: dict[str, Samples], runs: int, webkit_env: dict[str, str] | None = None) -> tuple[str, Any]:
    """The table `make bench` prints, and the figures for its JSON."""
    header = ("engine", "visit", "worker started", "compiled", "Python started", "ready")
    rows = [(engine, kind, *(_cell(samples[kind].get(key)) for key, _ in MARKS))
            for engine, samples in results.items() for kind in ("cold", "warm")]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    env = " ".join(f"{k}={v}" for k, v in sorted((webkit_env or {}).items()))
    lines = [f"Start-up in each engine, ms since navigation: median (min-max), n={runs} fresh profiles"
             + (f"; WebKit with {env}" if env else ""),
             "  cold: a first visit; warm: a reload once the offline copy is ready",
             " | ".join(c.ljust(w) for c, w in zip(header, widths, strict=True)),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    summary = {engine: {kind: {key: {"median": statistics.median(v), "min": min(v), "max": max(v), "samples": v}
                               for key, v in samples[kind].items()} for kind in samples}
               for engine, samples in results.items()}
    return "\n".join(lines), {"runs": runs, "webkit_env": webkit_env or {}, "engines": summary}
