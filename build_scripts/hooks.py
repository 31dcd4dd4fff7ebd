"""MkDocs hooks: every build step beyond plain MkDocs runs from here.

Registered in mkdocs.yml, so `mkdocs build`, `mkdocs serve` and the README's
commands all produce the same site: the helper's runtime, its question pages,
a Content-Security-Policy on every page, and a check that fails the build on
any asset loaded from another origin.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    # MkDocs loads hooks by file path; the sibling modules live in the
    # build_scripts package, so the project root must be importable.
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402

from build_scripts import csp, defuse, print_links, site_checks, theme_fixes, theme_scripts  # noqa: E402

_state: dict[str, Any] = {"live_reload": False}


def on_startup(command: str, dirty: bool) -> None:
    # Live reload only exists under `mkdocs serve`; the README's serve command turns it off,
    # so what it serves carries exactly the policy a host would serve.
    _state["live_reload"] = command == "serve" and "--no-livereload" not in sys.argv


def _optional(name: str) -> Any:
    """Import a build_scripts module that may not exist in a partial checkout."""
    import importlib

    try:
        return importlib.import_module(f"build_scripts.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"build_scripts.{name}":
            raise
        return None


def on_pre_build(config: Any) -> None:
    runtime = _optional("runtime")
    if runtime is None:
        _state["runtime"] = None
        return
    build = runtime.build_runtime(ROOT)
    _state["runtime"] = build
    config.extra["helper_runtime"] = f"helper/runtime/{build.key}/"
    # (helper page) the packages the worker puts on Python's path, and the size of
    # everything it downloads before the helper is ready (for the progress bar).
    config.extra["helper_packages"] = list(build.packages)
    config.extra["helper_download_bytes"] = runtime.startup_bytes(build.directory)


def on_files(files: Any, config: Any) -> Any:
    # (helper page) publish the record's JSON Schema at helper/record.schema.json.
    helper_page = _optional("helper_page")
    if helper_page is None:
        return files
    return helper_page.add_files(files, config)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    helper_page = _optional("helper_page")
    if helper_page is None:
        return markdown
    return helper_page.expand(markdown, page, config)


def on_post_page(output: str, page: Any, config: Any) -> str:
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
        live_reload=_state["live_reload"],
    )


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    # The theme's 404 page is rendered as a template, not a page, so it needs the same treatment.
    if template_name.endswith(".html"):
        return csp.add_policy(theme_fixes.fix_page(output_content), is_helper=False,
                              live_reload=_state["live_reload"])
    return output_content


def on_post_build(config: Any) -> None:
    site_dir = Path(config.site_dir)
    build = _state.get("runtime")
    if build is not None:
        target = site_dir / "helper" / "runtime" / build.key
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(build.directory, target)
    defuse.defuse_theme_scripts(site_dir)
    site_checks.fail_on_external_assets(site_dir)
