"""Build the decision helper's page into docs/helper/index.md.

Everything the page shows or needs from Python comes from the package's
contract (infoshare.contract, run here on CPython): the questions, the
amendment questions, the download formats, the ids of the page's parts. The
page's HTML is rendered from it with the templates in templates/helper/ (one
macro per GOV.UK component), and the contract itself is written into the page
as JSON for the page's scripts to read. So the page and the Python that checks
the answers in the browser cannot disagree. Rendering at build time puts the
first question in the HTML: it can be answered before Python has loaded in the
browser, and even if Python never loads.

The HTML is made with Jinja2 with autoescaping on: question text is data. It
is written with no blank lines so that Markdown keeps it as one raw block.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from mkdocs.exceptions import PluginError

PLACEHOLDER = "<!-- infoshare:helper -->"
HELPER_PAGE = "helper/index.md"
TEMPLATES = Path(__file__).resolve().parent / "templates" / "helper"
# The theme's overrides: partials/local.html holds the partnership's contacts (the act-now
# page shows them), shared with every page's danger box.
OVERRIDES = Path(__file__).resolve().parents[2] / "overrides"
# The page's own files, under docs/helper/: the classic boot script, its modules, the
# Python worker and the stylesheet. Their content hash versions their URLs.
ASSET_PATTERNS = ("*.js", "*.mjs", "*.css")
# The package the worker asks Pyodide to load; its dependencies come with it.
PACKAGES = ("infoshare-helper",)
SCHEMA_PATH = "helper/record.schema.json"
# Pages that show, under their question, what the guidance points to so far: the
# practitioner decides with the recommendation in view.
POINTER_PAGES = ("decision", "departure")
KINDS = frozenset({"radios", "checkboxes", "text", "textarea", "date", "datetime"})
_INPUT_TYPES = {"text": "text", "date": "date", "datetime": "datetime-local"}


def contract() -> dict[str, Any]:
    """The package's contract with the page (see infoshare.contract)."""
    from infoshare.contract import contract as package_contract

    data = package_contract()
    if not data["pages"] or data["pages"][0]["id"] != "urgency":
        raise PluginError("the helper's first question page must be 'urgency'")
    return data


def record_schema() -> str:
    """The record's JSON Schema, published beside the helper for anyone to validate against."""
    from infoshare.schema import schema_text

    return schema_text()


# ---- rule links -------------------------------------------------------------------------

_RULE_SRC = re.compile(r"^rules/(\d+)\.md$")


def rule_titles(nav: Any) -> dict[int, str]:
    """Rule number -> its navigation title ("4. Consent and a lawful basis")."""
    found: dict[int, str] = {}

    def walk(item: Any, title: str | None = None) -> None:
        if isinstance(item, list):
            for entry in item:
                walk(entry)
        elif isinstance(item, dict):
            for key, value in item.items():
                walk(value, key)
        elif isinstance(item, str):
            match = _RULE_SRC.match(item)
            if match and title:
                found[int(match.group(1))] = title

    walk(nav)
    return found


def _relative(target: str, page_url: str) -> str:
    """A link from the page at page_url (site-relative) to target (site-relative)."""
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    rel = posixpath.relpath("/" + target, "/" + base)
    if target.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel


def rule_url(number: int, page_url: str, *, use_directory_urls: bool) -> str:
    target = f"rules/{number}/" if use_directory_urls else f"rules/{number}.html"
    return _relative(target, page_url)


# ---- the HTML ---------------------------------------------------------------------------


def _check_pages(pages: list[dict[str, Any]]) -> None:
    seen: set[str] = set()
    for page in pages:
        names = {f["name"] for f in page["fields"]}
        for field in page["fields"]:
            if field["kind"] not in KINDS:
                raise PluginError(f"helper page {page['id']!r}: unknown field kind {field['kind']!r}")
            if field["name"] in seen:
                raise PluginError(f"helper field {field['name']!r} appears on two pages")
            seen.add(field["name"])
            cond = field.get("show_if")
            if cond and cond["field"] not in names:
                raise PluginError(f"helper field {field['name']!r} depends on {cond['field']!r}, "
                                  "which is not on the same page")


def _followups(page: dict[str, Any]) -> tuple[dict[str, dict[str, list[Any]]], dict[str, list[Any]]]:
    """A page's follow-up questions: those shown for exactly one option of a radio question
    sit under that option (nested, as GOV.UK's conditional reveal does); any other
    follow-up sits after the question that controls it (loose)."""
    kinds = {f["name"]: f["kind"] for f in page["fields"]}
    nested: dict[str, dict[str, list[Any]]] = {}
    loose: dict[str, list[Any]] = {}
    for field in page["fields"]:
        cond = field.get("show_if")
        if not cond:
            continue
        if kinds[cond["field"]] == "radios" and len(cond["in"]) == 1:
            nested.setdefault(cond["field"], {}).setdefault(cond["in"][0], []).append(field)
        else:
            loose.setdefault(cond["field"], []).append(field)
    return nested, loose


@cache
def environment() -> Environment:
    return Environment(loader=FileSystemLoader([TEMPLATES, OVERRIDES]), autoescape=True,
                       undefined=StrictUndefined, keep_trailing_newline=False)


def render_html(data: dict[str, Any], *, rules_info: dict[int, dict[str, str]], flow_url: str,
                local: Any = None, site: dict[str, str] | None = None) -> str:
    """The helper's HTML. `local` is the partnership's checked local settings (or None),
    `site` the name and address a record names as the site that produced it."""
    pages = data["pages"]
    _check_pages(pages)
    cited = {n for page in pages for n in page.get("rules", [])}
    missing = sorted(n for n in cited if n not in rules_info or not rules_info[n]["url"])
    if missing:
        raise PluginError(f"helper pages cite rules with no page: {missing}")
    followups = {page["id"]: _followups(page) for page in pages}
    html = environment().get_template("page.j2").render(
        contract=data, ids=data["ids"], rules_info=rules_info, input_types=_INPUT_TYPES,
        nested={pid: f[0] for pid, f in followups.items()}, loose={pid: f[1] for pid, f in followups.items()},
        flow_url=flow_url, pointer_pages=POINTER_PAGES, local=local,
        site=site or {"name": "", "url": ""},
    )
    # One raw HTML block for Markdown: no blank lines, no indented lines.
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


def asset_files(docs_dir: Path) -> list[Path]:
    folder = docs_dir / "helper"
    return sorted(p for pattern in ASSET_PATTERNS for p in folder.rglob(pattern))


def assets_version(docs_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in asset_files(docs_dir):
        digest.update(path.relative_to(docs_dir).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@dataclass(frozen=True)
class SiteFacts:
    """What the helper's page needs to know about the site it is built into (from stage)."""

    runtime: str  # the runtime's folder, relative to the site's root ("helper/runtime/<key>/")
    packages: tuple[str, ...]
    download_bytes: int
    docs_dir: Path
    use_directory_urls: bool
    nav: Any
    site_name: str
    local: Any = None  # the partnership's checked settings (local_settings.LocalSettings) or None
    identity: dict[str, str | None] = field(default_factory=dict)
    # The runtime files the worker cannot count itself, with their sizes (runtime.file_bytes).
    file_bytes: tuple[tuple[str, int], ...] = ()


def expand(markdown: str, *, src_uri: str, page_url: str, meta: dict[str, Any], site: SiteFacts) -> str:
    """Replace the placeholder on the helper page with the generated question pages, and put
    in `meta["infoshare"]` what the page template (overrides/helper.html) loads them with."""
    if PLACEHOLDER not in markdown:
        if src_uri == HELPER_PAGE:
            raise PluginError(f"{HELPER_PAGE} must contain the line {PLACEHOLDER}")
        return markdown
    if not site.runtime:
        raise PluginError("the decision helper page needs the Pyodide runtime, but none was built")
    version = assets_version(site.docs_dir)
    # The page template (overrides/helper.html) loads the boot script with these: where the
    # runtime, the worker and the page's modules are, and which packages to load. Asset URLs
    # carry a content version so a cached copy never outlives a change.
    data = contract()
    app = _relative("helper/app/", page_url)
    runtime = site.runtime if site.runtime.endswith("/") else site.runtime + "/"
    meta["infoshare"] = {
        "version": version,
        "root_id": data["ids"]["root"],
        "contract_id": data["ids"]["contract"],
        "runtime": _relative(runtime, page_url),
        "worker": _relative("helper/worker.mjs", page_url) + f"?v={version}",
        "app": f"{app}main.mjs?v={version}",
        # Fetched in parallel with the boot script: the entry module, the worker client, and
        # the two modules the entry imports the rest through (so those are found as soon).
        "preload": [f"{app}{name}?v={version}" for name in ("main.mjs", "engine.mjs", "parts.mjs", "events.mjs")],
        "packages": " ".join(site.packages or PACKAGES),
        "download_bytes": int(site.download_bytes or 0),
        "file_bytes": " ".join(f"{name}:{int(size)}" for name, size in site.file_bytes),
        # The contract's time limits (infoshare.contract.TIMEOUTS), as the boot script's
        # data- attributes: the page needs them before it has parsed the contract.
        "timeouts": dict(data["timeouts"]),
    }
    use_dir = site.use_directory_urls
    titles = rule_titles(site.nav or [])
    rules_info = {n: {"title": t, "url": rule_url(n, page_url, use_directory_urls=use_dir)}
                  for n, t in titles.items()}
    flow_target = "when-and-how-to-share/" if use_dir else "when-and-how-to-share.html"
    # The site a record names as its maker: the partnership (or, without local settings, this
    # site's own name) and the site's address (none when the build has no SITE_URL).
    site_named = {"name": site.identity.get("name") or site.site_name or "", "url": site.identity.get("url") or ""}
    html = render_html(data, rules_info=rules_info, flow_url=_relative(flow_target, page_url),
                       local=site.local, site=site_named)
    return markdown.replace(PLACEHOLDER, "\n\n" + html + "\n\n")


_MODULE_IMPORT = re.compile(r"""((?:\bfrom|\bimport)\s*\(?\s*["'])(\.{1,2}/[^"'?]+\.mjs)(["'])""")
# Any relative module address left without a version after the step: an import written in
# a way _MODULE_IMPORT does not know, which a host's cache could serve from another build.
_UNVERSIONED = re.compile(r"""["']\.{1,2}/[^"'?]+\.mjs["']""")


class ModuleImportError(ValueError):
    """The page's modules do not import each other as this step expects."""


def version_module_imports(site_dir: Path, version: str) -> list[Path]:
    """Give every relative import between the page's modules the build's version, as the
    entry module's URL has it, so a host's cache can never mix modules from two builds.

    Raises ModuleImportError when there are no modules, when no import was versioned (the
    modules have stopped importing each other in the way this step knows) and when any
    relative module address is left without its version."""
    modules = [path for path in sorted((site_dir / "helper").rglob("*.mjs"))
               if "runtime" not in path.relative_to(site_dir / "helper").parts]
    if not modules:
        raise ModuleImportError(f"no .mjs modules under {site_dir / 'helper'}")
    changed: list[Path] = []
    left: list[str] = []
    for path in modules:
        text = path.read_text(encoding="utf-8")
        versioned = _MODULE_IMPORT.sub(lambda m: f"{m.group(1)}{m.group(2)}?v={version}{m.group(3)}", text)
        if versioned != text:
            path.write_text(versioned, encoding="utf-8")
            changed.append(path)
        left.extend(f"{path.relative_to(site_dir).as_posix()}: {m}" for m in _UNVERSIONED.findall(versioned))
    if not changed:
        raise ModuleImportError("none of the helper's modules imports another with a relative address "
                                "(from \"./x.mjs\"): the step that versions them matches nothing")
    if left:
        raise ModuleImportError("relative module addresses this step could not version:\n  " + "\n  ".join(left))
    return changed
