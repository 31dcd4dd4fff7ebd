"""Build the site: stage, a builder, finish. What `make build` runs.

    python -m build_scripts.site.build [--site-dir site] [--config mkdocs.yml]
                                       [--builder mkdocs|zensical] [--no-strict]

1. stage (stage.py) writes the pages, with everything the build adds, and a generated
   configuration that INHERITs the site's own, into a build folder under .cache/;
2. the builder builds that configuration: MkDocs (the default), or Zensical;
3. finish (finish.py) completes the builder's output and verifies it;

and the finished site replaces --site-dir. Any failure stops the build with a message
saying what is wrong, and --site-dir is left as it was.

Strict (the default, and `make build`): any problem stops the build, a missing SITE_URL
among them. --no-strict turns problems into warnings (fixture sites in the tests).
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from build_scripts.site import finish as finish_step
from build_scripts.site import stage as stage_step

ROOT = Path(__file__).resolve().parents[2]
BUILDERS = ("mkdocs", "zensical")
log = logging.getLogger("infoshare.build")


class BuildError(RuntimeError):
    """The builder failed; its own output has been shown."""


def builder_command(builder: str, config: Path, *, strict: bool) -> list[str]:
    if builder == "mkdocs":
        return [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config), *(["--strict"] if strict else [])]
    if builder == "zensical":
        return [sys.executable, "-m", "zensical", "build", "--config-file", str(config), "--clean",
                *(["--strict"] if strict else [])]
    raise ValueError(f"unknown builder {builder!r}: use one of {', '.join(BUILDERS)}")


def run_builder(builder: str, staged: stage_step.Staged, *, strict: bool) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(builder_command(builder, staged.config, strict=strict), cwd=staged.folder, env=env,
                            check=False)
    if result.returncode != 0:
        raise BuildError(f"{builder} could not build the staged site (its messages are above)")
    if not (staged.output / "index.html").is_file():
        raise BuildError(f"{builder} wrote no {staged.output / 'index.html'}")


def publish(built: Path, site_dir: Path) -> None:
    """Put the finished site at `site_dir`, replacing what was there."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    if site_dir.exists():
        shutil.rmtree(site_dir)
    shutil.move(str(built), str(site_dir))


def build(site_dir: Path, *, config: Path | None = None, builder: str = "mkdocs", strict: bool = True,
          serve_url: str | None = None, docs: Path | None = None, keep: Path | None = None,
          stop_after: str | None = None) -> dict[str, float]:
    """Stage, build and finish the site into `site_dir`; returns each step's time in seconds.
    `keep` names a folder to stage in and keep (for inspection); by default a temporary one.
    `stop_after` ("stage" or "build", with `keep`) leaves the work there unfinished: to look
    at, or test, the staged pages or the builder's own output."""
    work = ROOT / ".cache"
    work.mkdir(exist_ok=True)
    folder = keep or Path(tempfile.mkdtemp(prefix="stage-", dir=work))
    times: dict[str, float] = {}
    try:
        started = time.perf_counter()
        staged = stage_step.stage(ROOT, config or ROOT / "mkdocs.yml", folder, serve_url=serve_url, strict=strict,
                                  docs=docs)
        times["stage"] = time.perf_counter() - started
        if stop_after == "stage":
            return times
        started = time.perf_counter()
        run_builder(builder, staged, strict=strict)
        times["build"] = time.perf_counter() - started
        if stop_after == "build":
            return times
        started = time.perf_counter()
        finish_step.finish(staged.output, staged.plan)
        times["finish"] = time.perf_counter() - started
        publish(staged.output, site_dir)
    finally:
        if keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_scripts.site.build", description=__doc__.split("\n")[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site", help="where the finished site goes")
    parser.add_argument("--config", type=Path, default=None, help="the site's configuration (default mkdocs.yml)")
    parser.add_argument("--builder", choices=BUILDERS, default="mkdocs")
    parser.add_argument("--no-strict", dest="strict", action="store_false", help="problems warn, not stop")
    parser.add_argument("--docs", type=Path, default=None, help="another pages folder (fixture sites)")
    parser.add_argument("--keep-stage", type=Path, default=None, help="stage here and keep the folder")
    parser.add_argument("--stop-after", choices=("stage", "build"), default=None,
                        help="leave the work unfinished in --keep-stage after this step")
    args = parser.parse_args(argv)
    if args.stop_after and args.keep_stage is None:
        parser.error("--stop-after needs --keep-stage, the folder to keep the work in")
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    try:
        times = build(args.site_dir, config=args.config, builder=args.builder, strict=args.strict, docs=args.docs,
                      keep=args.keep_stage, stop_after=args.stop_after)
    except (stage_step.StageError, finish_step.FinishError, BuildError) as exc:
        print(f"ERROR   -  {exc}\nThe site was not built.", file=sys.stderr)
        return 1
    if args.stop_after:
        log.info("stopped after %s, in %s (%s)", args.stop_after, args.keep_stage,
                 ", ".join(f"{step} {seconds:.1f} s" for step, seconds in times.items()))
        return 0
    log.info("site built in %s: stage %.1f s, %s %.1f s, finish %.1f s", args.site_dir,
             times["stage"], args.builder, times["build"], times["finish"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
