"""MkDocs hooks: every build step beyond plain MkDocs runs from here.

Registered in mkdocs.yml, so `mkdocs build`, `mkdocs serve` and the README's
commands all produce the same site: the helper's runtime, its question pages,
a Content-Security-Policy on every page, a check that fails the build on
any asset loaded from another origin, and the sources register with the date
each page's law was checked (sources.py).

Every step is required. A missing module is an ImportError at load time, not a
site quietly built without its helper.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    # MkDocs loads hooks by file path; the sibling modules live in the
    # build_scripts package, so the project root must be importable.
    sys.path.insert(0, str(ROOT))

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import Files  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402

from build_scripts.runtime import build as runtime  # noqa: E402
from build_scripts.site import (  # noqa: E402
    csp,
    defuse,
    helper_page,
    local_settings,
    offline,
    precompress,
    print_links,
    site_address,
    site_checks,
    sources,
    theme_fixes,
    theme_scripts,
    worker_guard,
)


log = logging.getLogger("mkdocs.hooks.site")


class _State:
    command = "build"
    live_reload = False
    precompress = False
    runtime: runtime.RuntimeBuild | None = None


def on_startup(command: str, dirty: bool) -> None:
    _State.command = command
    # Live reload only exists under `mkdocs serve`; the README's serve command turns it off,
    # so what it serves carries exactly the policy a host would serve.
    _State.live_reload = command == "serve" and "--no-livereload" not in sys.argv


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # (hosting) the partnership's local settings, checked and normalised for the templates;
    # which site this is, for the record; the site's address; precompressed copies or not.
    try:
        settings = local_settings.load(config.extra.get("local"))
        _State.precompress = precompress.option(config.extra.get("precompress")) and _State.command != "serve"
    except (local_settings.LocalSettingsError, precompress.PrecompressOptionError) as exc:
        raise PluginError(str(exc)) from exc
    config.extra["local"] = settings
    config.extra["site_identity"] = local_settings.identity(settings, config.site_url)
    # (offline) pages register the service worker (offline.js) unless this is `mkdocs serve`.
    config.extra["offline"] = _State.command != "serve"
    for warning in site_address.warnings_for(config.site_url, _State.command):
        log.warning(warning)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    sources.on_pre_build(config)  # the sources register (docs/sources.yml)
    build = runtime.build_runtime(ROOT)
    _State.runtime = build
    config.extra["helper_runtime"] = f"helper/runtime/{build.key}/"
    # (helper page) the packages the worker puts on Python's path, and the size of
    # everything it downloads before the helper is ready (for the progress bar).
    config.extra["helper_packages"] = list(build.packages)
    config.extra["helper_download_bytes"] = runtime.startup_bytes(build.directory, stored=_State.precompress)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # (helper page) publish the record's JSON Schema at helper/record.schema.json.
    return helper_page.add_files(files, config)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    markdown = sources.on_page_markdown(markdown, page, config, files)  # "Law checked on", the register
    return helper_page.expand(markdown, page, config)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    sources.on_post_page(output, page, config)  # a page that states law: a checked date, registered sources
    output = print_links.mark_internal_links(output, page.url)
    is_helper = page.file.src_uri.startswith("helper/")
    if is_helper:
        try:
            output = theme_scripts.hold_theme_scripts(output)
        except theme_scripts.ThemeScriptError as exc:
            raise PluginError(f"{page.file.src_uri}: {exc}") from exc
    return csp.add_policy(
        theme_fixes.fix_page(output),
        is_helper=is_helper,
        live_reload=_State.live_reload,
    )


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # The theme's 404 page is rendered as a template, not a page, so it needs the same treatment.
    if template_name.endswith(".html"):
        return csp.add_policy(theme_fixes.fix_page(output_content), is_helper=False,
                              live_reload=_State.live_reload)
    return output_content


def on_post_build(config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    build = _State.runtime
    if build is None:
        raise PluginError("the helper's runtime was not built before the site was written")
    # (speed) with precompressed copies, the standard library's zips are shipped with
    # their entries stored, for Brotli to compress whole (build_scripts/runtime/build.py).
    runtime.ship(build.directory, site_dir / "helper" / "runtime" / build.key, stored=_State.precompress)
    helper_page.version_module_imports(site_dir, helper_page.assets_version(Path(config.docs_dir)))
    defuse.defuse_theme_scripts(site_dir)
    try:
        worker_guard.guard_search_worker(site_dir)  # (privacy) the search worker guards itself
    except worker_guard.GuardError as exc:
        raise PluginError(str(exc)) from exc
    site_checks.fail_on_external_assets(site_dir)
    sources.on_post_build(config)  # sources due to be checked again
    site_address.drop_sitemap(site_dir, config.site_url)
    # (offline) the service worker's list of the site's files and the build's version, once
    # every file is final (so after the steps above) and before the compressed copies.
    try:
        kept = offline.write_worker(site_dir, runtime_key=build.key, enabled=_State.command != "serve",
                                    assets_version=helper_page.assets_version(Path(config.docs_dir)))
    except offline.OfflineError as exc:
        raise PluginError(str(exc)) from exc
    if kept.files:
        log.info("offline copy %s: %d files, %s bytes", kept.version, len(kept.files), f"{kept.size:,}")
    if _State.precompress:
        log.info(precompress.summary(precompress.precompress_site(site_dir, ROOT / ".cache" / "precompressed")))
