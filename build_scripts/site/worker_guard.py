"""The theme's search worker guards itself, as the helper's worker does.

What is typed in the search box goes to the theme's search worker. A page's <meta>
policy does not reach a worker, and on a host that cannot send headers (GitHub Pages)
nothing in the browser limits where a worker may connect. The helper's worker imports
docs/helper/guard.mjs first; the search worker is a classic script, so the build puts
the same guard, as a classic script, at the start of its file: before any of the
theme's code runs, fetch, XMLHttpRequest, WebSocket(Stream), WebTransport, EventSource,
importScripts, Cache.add(All) and nested workers refuse every origin but the site's own. One guard, two workers: the
classic form is made from guard.mjs here, never written out twice.
"""

from __future__ import annotations

import re
from pathlib import Path

GUARD = Path("helper") / "guard.mjs"
WORKERS = Path("assets") / "javascripts" / "workers"
MARK = "/* infoshare: this worker refuses requests to other origins (helper/guard.mjs) */\n"

_EXPORT = re.compile(r"^export (?=(?:class|function|const|let) )", re.MULTILINE)


class GuardError(ValueError):
    """The guard could not be put in front of the search worker."""


def classic(module_source: str) -> str:
    """guard.mjs as a classic script: its declarations kept to itself, its effects run."""
    if re.search(r"^\s*import\b", module_source, re.MULTILINE):
        raise GuardError(f"{GUARD.as_posix()} imports another module: a classic worker cannot")
    body, exported = _EXPORT.subn("", module_source)
    if not exported or re.search(r"^\s*export\b", body, re.MULTILINE):
        raise GuardError(f"{GUARD.as_posix()} is not in the shape this step expects "
                         "(top-level `export class|function|const|let` only)")
    return f'(() => {{\n"use strict";\n{body}\n}})();\n'


def guard_search_worker(site_dir: Path) -> list[Path]:
    """Put the guard at the start of every search worker script in the built site."""
    workers = sorted((site_dir / WORKERS).glob("search*.js"))
    if not workers:
        raise GuardError(f"no search worker under {WORKERS.as_posix()}: the theme has changed; "
                         "see build_scripts/site/worker_guard.py")
    guard = MARK + classic((site_dir / GUARD).read_text(encoding="utf-8"))
    for path in workers:
        text = path.read_text(encoding="utf-8")
        if not text.startswith(MARK):
            path.write_text(guard + text, encoding="utf-8")
    return workers
