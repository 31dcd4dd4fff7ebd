"""Both builders, through the same three steps: MkDocs (the default) and Zensical (pinned in
requirements.txt). Each site is built by the build's own command; these checks then read the
files themselves, without the build's verification module, so a fault in that module cannot
hide a fault in the site: every page has its policy, sw.js is filled in, every worker is
guarded, nothing loads from another origin, and the helper's page has its runtime. In
Chromium, each builder's helper starts and answers, the search box searches, and nothing is
stored and nothing leaves the site.

What differs between the two builds (the theme's own files, Zensical's search index at
search.json) is in build_scripts/README.md, "Builders"."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from build_scripts.site import site_checks
from tests.building import built_once
from tests.conftest import site_pages

BUILDERS = ("mkdocs", "zensical")
_HEAD_POLICY = re.compile(r'<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="([^"]*)">')
_INLINE = re.compile(r"<script>(.*?)</script>", re.DOTALL)
GUARD_MARK = "/* infoshare: this worker refuses requests to other origins (helper/guard.mjs) */\n"


@pytest.fixture(scope="module", params=BUILDERS)
def builder_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    builder = str(request.param)
    # MkDocs's is the site every other test reads (tests/conftest.py's built_site).
    name = "built" if builder == "mkdocs" else builder
    return builder, built_once(tmp_path_factory, name, builder=builder)


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "runtime" not in p.relative_to(site).parts)


def test_every_page_has_its_policy(builder_site: tuple[str, Path]) -> None:
    _, site = builder_site
    assert len(pages(site)) >= 23
    for path in pages(site):
        html = path.read_text(encoding="utf-8")
        found = _HEAD_POLICY.findall(html)
        assert len(found) == 1 and html.count("http-equiv=\"Content-Security-Policy\"") == 1, path
        script_src = found[0].split(";")[0].split()
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, path
        for body in _INLINE.findall(html):
            digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in script_src, (path, body[:80])
        assert "connect-src 'self'" in found[0] and "default-src 'self'" in found[0], path
        assert ("'wasm-unsafe-eval'" in script_src) is path.relative_to(site).as_posix().startswith("helper/"), path


def test_sw_js_is_filled_with_the_sites_files(builder_site: tuple[str, Path]) -> None:
    _, site = builder_site
    text = (site / "sw.js").read_text(encoding="utf-8")
    version = re.search(r'^const VERSION = "([^"]+)";$', text, re.MULTILINE)
    files = re.search(r"^const FILES = (\[.*?\]);$", text, re.MULTILINE | re.DOTALL)
    assert version and files, "sw.js was not filled in"
    listed = json.loads(files.group(1))
    (runtime,) = (site / "helper" / "runtime").iterdir()
    assert re.fullmatch(re.escape(runtime.name) + r"-[0-9a-f]{12}", version.group(1))
    on_disk = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()} - {"sw.js"}
    listed_paths = {(f.split("?")[0] + "index.html" if f.split("?")[0].endswith("/") else f.split("?")[0])
                    .replace("./index.html", "index.html") for f in listed}
    assert listed_paths == {name for name in on_disk if not name.endswith((".gz", ".br", ".map"))}


def test_every_worker_is_guarded(builder_site: tuple[str, Path]) -> None:
    _, site = builder_site
    workers = sorted((site / "assets" / "javascripts" / "workers").glob("*.js"))
    assert workers, "the theme's search worker is missing"
    for worker in workers:
        assert worker.read_text(encoding="utf-8").startswith(GUARD_MARK + '(() => {\n"use strict";\n'), worker
    helper_worker = (site / "helper" / "worker.mjs").read_text(encoding="utf-8")
    first_import = re.search(r"^import .*$", helper_worker, re.MULTILINE)
    assert first_import and re.search(r'from "\./guard\.mjs\?v=[0-9a-f]{12}";$', first_import.group(0))


def test_nothing_loads_from_another_origin(builder_site: tuple[str, Path]) -> None:
    _, site = builder_site
    assert site_checks.find_external_assets(site) == []


def test_the_helper_page_has_its_runtime_and_first_question(builder_site: tuple[str, Path]) -> None:
    _, site = builder_site
    helper = (site / "helper" / "index.html").read_text(encoding="utf-8")
    (runtime,) = re.findall(r'data-runtime="([^"]+)"', helper)
    folder = (site / "helper" / runtime).resolve()
    for name in ("pyodide.mjs", "pyodide.asm.wasm", "pyodide-lock.json", "python_stdlib.zip", "wheels.mjs"):
        assert (folder / name).is_file(), name
    # The files the browser fetches for the worker, which it cannot count itself: their
    # sizes, as the built folder has them, for the download's progress.
    (sizes,) = re.findall(r'data-file-bytes="([^"]+)"', helper)
    listed = dict(pair.rsplit(":", 1) for pair in sizes.split())
    assert sorted(listed) == ["pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide.mjs", "wheels.mjs"]
    assert {name: int(size) for name, size in listed.items()} == {
        name: (folder / name).stat().st_size for name in listed}
    assert 'id="infoshare-contract"' in helper or "data-contract=" in helper
    assert re.search(r'data-theme-scripts="[^"]*bundle\.[0-9a-f]+\.min\.js"', helper)
    assert "Is a child in immediate danger" in helper


def test_both_builders_make_the_same_pages(builder_site: tuple[str, Path], built_site: Path) -> None:
    _, site = builder_site
    assert site_pages(site) == site_pages(built_site)


def search(page: Any, builder: str) -> None:
    """Type in the theme's search box and wait for results. The two themes differ: Material
    under MkDocs has a search field in the header; Zensical's has a button that opens its
    own search panel."""
    page.wait_for_function("() => !document.documentElement.classList.contains('no-js')")
    if builder == "mkdocs":
        page.locator("input.md-search__input").click()
        page.keyboard.type("consent")
        page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    else:
        page.locator("button.md-search__button").click()
        page.keyboard.type("consent")
        page.get_by_text(re.compile(r"^\d+ results$")).wait_for(timeout=15_000)


@pytest.fixture
def visited(builder_site: tuple[str, Path], browser: Any) -> Any:
    """A rule page searched, then the helper from its first question to its second, with
    what the browser saw: policy violations, errors, requests to other origins, storage."""
    from build_scripts.dev.static_server import serving
    from tests.browser import driver

    builder, site = builder_site
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        page.add_init_script(driver.WATCH_SCRIPT)
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        with serving(site) as base:
            page.goto(base + "rules/4/")
            search(page, builder)
            driver.open_helper(page, base)
            page.locator("#f-urgency-2").check()
            driver.press_continue(page, "urgency")
            seen = {"view": driver.current_view(page), "problems": page.evaluate("window.__problems") + errors,
                    "storage": driver.storage(page),
                    "stored": page.evaluate("Object.keys(localStorage)"),
                    "foreign": [u for u in requests if urlsplit(u).scheme in {"http", "https"}
                                and urlsplit(u).netloc != urlsplit(base).netloc]}
        return seen
    finally:
        context.close()


@pytest.mark.browser
def test_search_and_the_helper_work(visited: dict[str, Any]) -> None:
    assert visited["view"] not in {"urgency", ""}
    assert visited["problems"] == []
    assert visited["foreign"] == []


@pytest.mark.browser
def test_nothing_is_stored(visited: dict[str, Any], builder_site: tuple[str, Path]) -> None:
    if builder_site[0] == "zensical":
        # A known difference, kept visible: exactly this key and nothing else, so the test
        # fails (and is looked at again) the day Zensical's theme stores more, or stops.
        assert visited["stored"] == ["/.__palette"], visited["stored"]
        assert {k: v for k, v in visited["storage"].items() if k != "local"} == {"session": 0, "idb": [], "cookie": ""}
        pytest.xfail("Zensical 0.0.73's theme saves its colour palette in localStorage ('/.__palette') "
                     "on every page: not fit to publish with until that is removed")
    assert visited["storage"] == {"local": 0, "session": 0, "idb": [], "cookie": ""}, visited["stored"]
