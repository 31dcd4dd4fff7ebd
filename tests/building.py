"""The one way the tests build a site: the build's own command (build_scripts/site/build.py),
as `make build` runs it, in a subprocess, so that what a test sees (the files, the exit
status, the messages) is what a person building the site sees.

    result = build_site(out)                          # the project's site, for TEST_SITE_URL
    site = built(out, precompress=True)               # the same, failing the test if it fails
    build_site(out, config=FIXTURE, site_url=None)    # a host's configuration, no address
    build_site(out, builder="zensical")               # the second builder
    build_site(out, docs=FIXTURE_DOCS, stop_after="stage", today="2026-12-01")  # stage alone
    build_site(out, stop_after="build")   # stage and the builder, unfinished: out/site
    site = built_once(tmp_path_factory, "name", **options)  # one build for the whole run

The tests run in two processes (pytest-xdist, `make test`): a site a fixture builds for many
tests is built once, by whichever process needs it first, and read by both (`built_once`).

Only what a test passes reaches the build: SITE_URL, PRECOMPRESS and LAW_CHECK_TODAY are
taken out of the inherited environment and set from the arguments.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The address test builds are made for (SITE_URL): .invalid never resolves, so nothing
# can reach it, and no canonical link or sitemap entry points at a loopback address.
TEST_SITE_URL = "https://infoshare.invalid/"
_SET_HERE = ("SITE_URL", "PRECOMPRESS", "LAW_CHECK_TODAY")
# The test being set up or run (tests/conftest.py keeps it current): a build started for a
# test that is not marked `build` fails, so the fast tier (`-m "not build and not browser"`)
# can never build a site by accident, and the marks cannot fall behind the tests.
running: list[pytest.Item] = []


def require_mark(mark: str, what: str) -> None:
    """Fail the current test when it does `what` without being marked `mark`."""
    if running and running[-1].get_closest_marker(mark) is None:
        pytest.fail(f"{running[-1].nodeid} {what} but is not marked `{mark}`: use one of the "
                    "fixtures tests/conftest.py marks from, or mark the module", pytrace=False)


def build_site(out: Path, *, config: Path | None = None, site_url: str | None = TEST_SITE_URL,
               precompress: bool = False, today: str | None = None, builder: str = "mkdocs",
               strict: bool = True, docs: Path | None = None, stop_after: str | None = None,
               timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Build into `out` (or, with `stop_after`, leave the unfinished work in the build folder
    `out`) and return the finished process."""
    require_mark("build", "builds the site")
    env = {k: v for k, v in os.environ.items() if k not in _SET_HERE}
    env["PRECOMPRESS"] = "true" if precompress else "false"
    if site_url is not None:
        env["SITE_URL"] = site_url
    if today is not None:
        env["LAW_CHECK_TODAY"] = today
    command = [sys.executable, "-m", "build_scripts.site.build", "--builder", builder]
    command += ["--keep-stage", str(out), "--stop-after", stop_after] if stop_after else ["--site-dir", str(out)]
    if config is not None:
        command += ["--config", str(config)]
    if docs is not None:
        command += ["--docs", str(docs)]
    if not strict:
        command.append("--no-strict")
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=timeout, check=False)


def built(out: Path, **options: object) -> Path:
    """`build_site`, failing the test with the build's messages when it fails; returns `out`."""
    result = build_site(out, **options)  # type: ignore[arg-type]
    if result.returncode != 0:
        pytest.fail(f"the build failed ({options}):\n" + result.stdout + result.stderr, pytrace=False)
    return out


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str,
               then: Callable[[Path], None] | None = None, **options: object) -> Path:
    """`built`, and then `then` on the built site, once per test run however many processes
    run the tests: the first to ask builds `name` while holding its lock, the others wait for
    it and then read the same files (which no test changes: one that would, copies them)."""
    require_mark("build", "builds the site")
    base = tmp_path_factory.getbasetemp()
    # With pytest-xdist, each process has its own folder in the run's folder.
    shared = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "built-once"
    shared.mkdir(exist_ok=True)
    out, done = shared / name / "site", shared / name / "done"
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            shutil.rmtree(out.parent, ignore_errors=True)  # a build that failed part-way
            built(out, **options)
            if then is not None:
                then(out)
            done.write_text("", encoding="utf-8")
    return out
