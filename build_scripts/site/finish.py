"""Finish: complete a site a builder has written, working on the output folder alone.

    python -m build_scripts.site.finish <build folder>    (after stage and a builder)

In this order, because each step needs the files the one before it left final:

1. every page: print addresses on its internal links (print_links.py), on the helper's
   page the theme's script held back (theme.py), the theme's markup corrected (theme.py),
   then a Content-Security-Policy for exactly the inline scripts it has (csp.py);
2. the helper's runtime copied in (build_scripts/runtime), and the helper's modules
   importing each other with the build's version (helper_page.py);
3. the theme's fallbacks to other origins removed from its scripts (defuse.py), and the
   guard put in front of its search worker (worker_guard.py);
4. the check that nothing loads from another origin (site_checks.py), and no sitemap
   without the site's address (site_address.py);
5. the service worker's list of files and version (offline.py), once every file is final;
6. verification (verify.py): every page has its policy, sw.js is filled, every worker is
   guarded, nothing external, the helper has its runtime; any failure stops the build;
7. the compressed copies (precompress.py), of the verified files.

It knows nothing of the builder: any builder's output of the staged configuration that
keeps the theme's assumptions (theme.py) finishes the same way, and one that does not
stops with the assumption that failed.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from build_scripts.runtime import build as runtime
from build_scripts.site import (
    csp,
    defuse,
    finish_plan,
    helper_page,
    offline,
    precompress,
    print_links,
    site_address,
    site_checks,
    theme,
    verify,
    worker_guard,
)

ROOT = Path(__file__).resolve().parents[2]
log = logging.getLogger("infoshare.build")
# Raised by the steps when the output is not what they need; finish turns each into one
# message for whoever is building the site.
STEP_ERRORS = (theme.ThemeError, ValueError, worker_guard.GuardError, site_checks.ExternalAssetError,
               offline.OfflineError, verify.VerifyError, runtime.RuntimeBuildError, OSError)


class FinishError(RuntimeError):
    """The built site could not be finished; the message says which step and why."""


def pages(site_dir: Path) -> list[Path]:
    """Every HTML page the builder wrote (the helper's runtime has none of its own)."""
    return sorted(p for p in site_dir.rglob("*.html") if not p.relative_to(site_dir).as_posix().startswith(
        "helper/runtime/"))


def page_url(relative: str) -> str:
    """The address a page is linked by, relative to the site's root ("rules/4/")."""
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative


def finish_page(html: str, relative: str) -> str:
    is_helper = relative.startswith("helper/")
    # The theme's 404 page is a template, not a page of the site: it has no links to mark.
    if relative != "404.html":
        theme.require_article(html, relative)
        html = print_links.mark_internal_links(html, page_url(relative))
    if is_helper:
        html = theme.hold_theme_scripts(html, relative)
    return csp.add_policy(theme.fix_page(html, relative), is_helper=is_helper)


def finish(site_dir: Path, plan: finish_plan.Plan, *, cache: Path | None = None) -> offline.OfflineCopy:
    """Complete `site_dir` in place. Raises FinishError naming the step that failed."""
    step = "the pages"
    try:
        for path in pages(site_dir):
            relative = path.relative_to(site_dir).as_posix()
            path.write_text(finish_page(path.read_text(encoding="utf-8"), relative), encoding="utf-8")
        step = "the helper's runtime and modules"
        runtime.ship(Path(plan.runtime_dir), site_dir / "helper" / "runtime" / plan.runtime_key,
                     stored=plan.precompress)
        helper_page.version_module_imports(site_dir, plan.assets_version)
        step = "the theme's scripts and workers"
        defuse.defuse_theme_scripts(site_dir)
        worker_guard.guard_search_worker(site_dir)  # (privacy) the search worker guards itself
        step = "the check for assets on other origins"
        site_checks.fail_on_external_assets(site_dir)
        site_address.drop_sitemap(site_dir, plan.site_url)
        step = "the offline copy"
        kept = offline.write_worker(site_dir, runtime_key=plan.runtime_key, enabled=plan.offline,
                                    assets_version=plan.assets_version)
        step = "verification"
        verify.verify(site_dir, plan)
    except STEP_ERRORS as exc:
        raise FinishError(f"finishing {site_dir} failed at {step}: {exc}") from None
    if kept.files:
        log.info("offline copy %s: %d files, %s bytes", kept.version, len(kept.files), f"{kept.size:,}")
    if plan.precompress:
        written = precompress.precompress_site(site_dir, cache or ROOT / ".cache" / "precompressed")
        log.info(precompress.summary(written))
    return kept


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m build_scripts.site.finish <build folder made by stage>", file=sys.stderr)
        return 2
    folder = Path(argv[0])
    try:
        finish(folder / "site", finish_plan.read(folder))
    except (FinishError, finish_plan.PlanError) as exc:
        print(f"ERROR: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="INFO    -  %(message)s")
    sys.exit(main(sys.argv[1:]))
