"""The build's offline step (build_scripts/site/offline.py): the service worker lists
exactly the site's own files, by the addresses the browser asks for, with a version that
changes whenever any file does; every page registers it; `make serve` turns it off."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from build_scripts.site import offline
from tests.conftest import ROOT

TEMPLATE = (ROOT / "docs" / "sw.js").read_text(encoding="utf-8")


def _listed(site: Path) -> tuple[str, list[str]]:
    text = (site / "sw.js").read_text(encoding="utf-8")
    version = re.search(r'const VERSION = "([^"]*)";', text)
    files = re.search(r"const FILES = (\[.*?\]);", text, re.DOTALL)
    assert version and files, "sw.js lacks its version or its list"
    return version.group(1), json.loads(files.group(1))


def test_built_worker_lists_every_file_of_the_site_and_nothing_else(built_site: Path) -> None:
    version, files = _listed(built_site)
    (runtime,) = (built_site / "helper" / "runtime").iterdir()
    assert re.fullmatch(re.escape(runtime.name) + r"-[0-9a-f]{12}", version), version
    assert len(files) == len(set(files))
    on_disk = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*")
               if p.is_file() and p.suffix not in {".gz", ".br", ".map"}} - {"sw.js"}
    assets_version = next(f.split("?v=")[1] for f in files if f.startswith("helper/helper.js?v="))
    assert sorted(files) == sorted(offline.address(name, assets_version) for name in on_disk)
    # Pages by their folder, the helper's scripts by the address the page asks for.
    for expected in ("./", "rules/4/", "helper/", "privacy/", "helper/worker.mjs?v=" + assets_version,
                     "helper/app/main.mjs?v=" + assets_version, "offline.js", "search/search_index.json",
                     f"helper/runtime/{runtime.name}/pyodide.asm.wasm",
                     f"helper/runtime/{runtime.name}/python_stdlib_more.zip"):
        assert expected in files, expected
    assert not [f for f in files if f.endswith((".gz", ".br", ".map", "index.html")) or "//" in f or ":" in f]
    # The page really asks for the helper's scripts with that version.
    page = (built_site / "helper" / "index.html").read_text(encoding="utf-8")
    assert f"helper.js?v={assets_version}" in page


def test_every_page_registers_the_worker(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        if "runtime" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        assert re.search(r'<script async src="[^"]*offline\.js" data-worker="[^"]*sw\.js" data-offline="on">',
                         text), path


@pytest.mark.parametrize(("relative", "address"), [
    ("index.html", "./"),
    ("rules/4/index.html", "rules/4/"),
    ("404.html", "404.html"),
    ("helper/helper.js", "helper/helper.js?v=abc"),
    ("helper/app/main.mjs", "helper/app/main.mjs?v=abc"),
    ("helper/helper.css", "helper/helper.css?v=abc"),
    ("helper/record.schema.json", "helper/record.schema.json"),
    ("helper/runtime/k/pyodide.mjs", "helper/runtime/k/pyodide.mjs"),
    ("assets/javascripts/bundle.1234abcd.min.js", "assets/javascripts/bundle.1234abcd.min.js"),
    ("offline.js", "offline.js"),
])
def test_address(relative: str, address: str) -> None:
    assert offline.address(relative, "abc") == address


def _site(root: Path) -> Path:
    site = root / "site"
    for name, text in {"index.html": "home", "rules/4/index.html": "rule", "helper/helper.js": "js",
                       "helper/runtime/k/x.zip": "zip", "a.css": "css", "a.css.gz": "gz", "a.css.map": "map"}.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (site / "sw.js").write_text(TEMPLATE, encoding="utf-8")
    return site


def test_version_follows_every_file(tmp_path: Path) -> None:
    site = _site(tmp_path)
    first = offline.offline_copy(site, runtime_key="314-k", assets_version="v1")
    assert first == offline.offline_copy(site, runtime_key="314-k", assets_version="v1")
    assert sorted(first.files) == ["./", "a.css", "helper/helper.js?v=v1", "helper/runtime/k/x.zip", "rules/4/"]
    (site / "rules" / "4" / "index.html").write_text("rule, changed", encoding="utf-8")
    second = offline.offline_copy(site, runtime_key="314-k", assets_version="v1")
    assert second.version != first.version and second.files == first.files
    assert offline.offline_copy(site, runtime_key="314-k", assets_version="v2").version != second.version
    # A compressed copy or a source map changes nothing: they are not kept.
    (site / "a.css.gz").write_text("other", encoding="utf-8")
    assert offline.offline_copy(site, runtime_key="314-k", assets_version="v1") == second


def test_write_worker_fills_the_template_once(tmp_path: Path) -> None:
    site = _site(tmp_path)
    copy = offline.write_worker(site, runtime_key="314-k", assets_version="v1", enabled=True)
    version, files = _listed(site)
    assert version == copy.version and files == list(copy.files)
    assert offline.VERSION_SLOT not in (site / "sw.js").read_text(encoding="utf-8")
    # Filled already: a second run is refused rather than writing a worker with no list.
    with pytest.raises(offline.OfflineError, match="exactly once"):
        offline.write_worker(site, runtime_key="314-k", assets_version="v1", enabled=True)


def test_serve_gets_a_worker_that_keeps_nothing(tmp_path: Path) -> None:
    site = _site(tmp_path)
    copy = offline.write_worker(site, runtime_key="314-k", assets_version="v1", enabled=False)
    assert copy.files == ()
    assert _listed(site) == ("", [])


def test_missing_worker_is_an_error(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "sw.js").unlink()
    with pytest.raises(offline.OfflineError, match="missing"):
        offline.write_worker(site, runtime_key="314-k", assets_version="v1", enabled=True)


def test_worker_answers_only_for_listed_files_of_this_site() -> None:
    """The worker's own rules, read from its source (its behaviour is tested in a browser,
    tests/browser/test_offline.py): GET only, the listed addresses from its own copy, and
    otherwise only this site's own addresses from an older build's copy (for that build's
    pages still open), never a page's navigation; nothing it is asked for ever stored; every
    other infoshare cache deleted once no older page is open."""
    assert 'request.method !== "GET"' in TEMPLATE and "KEPT.has(request.url)" in TEMPLATE
    assert 'request.mode !== "navigate" && new URL(request.url).origin === self.location.origin' in TEMPLATE
    assert "cache.put" not in TEMPLATE  # it never stores a response it was asked for
    assert "name.startsWith(PREFIX) && name !== CACHE" in TEMPLATE


def test_each_file_is_listed_with_its_digest(tmp_path: Path) -> None:
    import hashlib

    site = _site(tmp_path)
    copy = offline.write_worker(site, runtime_key="314-k", assets_version="v1", enabled=True)
    by_address = {offline.address(p.relative_to(site).as_posix(), "v1"): p for p in offline.site_files(site)}
    assert copy.digests == tuple(hashlib.sha256(by_address[f].read_bytes()).hexdigest() for f in copy.files)
    text = (site / "sw.js").read_text(encoding="utf-8")
    assert json.dumps(list(copy.digests), indent=0) in text
    with pytest.raises(offline.OfflineError, match="digests"):
        offline.fill(TEMPLATE, "v", ("a",), ())
