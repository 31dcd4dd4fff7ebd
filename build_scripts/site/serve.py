"""Serve the site on this computer: what `make serve` runs.

    python -m build_scripts.site.serve [--host 127.0.0.1] [--port 8000] [--builder mkdocs]

It builds the site exactly as `make build` does (stage, builder, finish, the same
verification), with two differences: the pages do not register the offline copy and
sw.js keeps nothing (a browser that kept an earlier build's copy at this address drops
it, so what you see is what you just built), and the site's address is this server's
(SITE_URL is not needed). Problems in the pages are warnings, not failures, so a page you
are writing can be seen before it is finished.

The finished folder is served by the project's static server (build_scripts/dev/
static_server.py) with `Cache-Control: no-cache`: every page carries the policy a host
would serve, and the helper works. When a source changes (docs/, overrides/, the helper's
package, the build's templates, the configuration), the site is built again (a couple of
seconds) and the server switches to the new copy; reload the page to see it. A build
that fails leaves the last good copy served and prints why.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from build_scripts.dev.static_server import serving
from build_scripts.site import build as build_step
from build_scripts.site import finish as finish_step
from build_scripts.site import stage as stage_step

ROOT = build_step.ROOT
WATCHED = ("docs", "overrides", "helper/src", "build_scripts/site/templates", "mkdocs.yml")
log = logging.getLogger("infoshare.build")


def snapshot(paths: Iterable[Path]) -> dict[str, float]:
    """Every watched file's modification time, to notice a change by polling."""
    found: dict[str, float] = {}
    for path in paths:
        candidates = [path] if path.is_file() else (p for p in path.rglob("*") if p.is_file())
        for file in candidates:
            if "__pycache__" not in file.parts:
                found[str(file)] = file.stat().st_mtime
    return found


def build_into(work: Path, url: str, builder: str) -> Path | None:
    """A new finished copy in `work`, or None (with the reason printed) when the build fails."""
    target = Path(tempfile.mkdtemp(prefix="copy-", dir=work)) / "site"
    try:
        times = build_step.build(target, builder=builder, strict=False, serve_url=url)
    except (stage_step.StageError, finish_step.FinishError, build_step.BuildError) as exc:
        print(f"ERROR   -  {exc}", file=sys.stderr)
        shutil.rmtree(target.parent, ignore_errors=True)
        return None
    log.info("built in %.1f s (stage %.1f, %s %.1f, finish %.1f)", sum(times.values()), times["stage"], builder,
             times["build"], times["finish"])
    return target


def switch(current: Path, target: Path) -> None:
    """Point the served link at `target` in one step, as a host publishing a build does."""
    link = current.with_name("next")
    if link.is_symlink():
        link.unlink()
    link.symlink_to(target, target_is_directory=True)
    os.replace(link, current)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_scripts.site.serve", description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--builder", choices=build_step.BUILDERS, default="mkdocs")
    parser.add_argument("--once", action="store_true", help="build once; do not watch for changes")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    # Stopped by a signal (Ctrl+C, or `kill`), it still removes its copies of the site.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    url = f"http://{args.host}:{args.port}/"
    (ROOT / ".cache").mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="serve-", dir=ROOT / ".cache"))
    try:
        watched = [ROOT / name for name in WATCHED]
        seen = snapshot(watched)
        built = build_into(work, url, args.builder)
        if built is None:
            return 1
        current = work / "current"
        switch(current, built)
        with serving(current, address=(args.host, args.port), headers={"Cache-Control": "no-cache"}):
            log.info("serving %s (Ctrl+C stops)", url)
            while True:
                time.sleep(1)
                now = snapshot(watched)
                if args.once or now == seen:
                    continue
                seen = now
                log.info("a source changed: building again")
                fresh = build_into(work, url, args.builder)
                if fresh is not None:
                    old = current.resolve()
                    switch(current, fresh)
                    shutil.rmtree(old.parent, ignore_errors=True)
    except KeyboardInterrupt:
        return 0
    except OSError as exc:
        print(f"ERROR   -  cannot serve on {url}: {exc.strerror}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
