"""The shipped nginx configuration, on real nginx: headers, file types, encodings, caching.

Each file of the built site is asked for the way a browser asks for it, and what came
back is compared with what docs/hosting.md promises.
"""

from __future__ import annotations

import gzip
import http.client
import subprocess
import zipfile
import zlib
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import pytest

from tests.hosting.conftest import Nginx

# What the hosting page promises for every kind of file in the site.
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".map": "application/json; charset=utf-8",
    ".wasm": "application/wasm",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".xml": "application/xml; charset=utf-8",
    ".gz": "application/gzip",
    ".br": "application/octet-stream",
    ".png": "image/png",
    ".svg": "image/svg+xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}

PAGE_POLICY = ("connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; "
               "form-action 'none'; frame-ancestors 'none'")
HELPER_WORKER_POLICY = ("default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; "
                        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
SERVICE_WORKER_POLICY = ("default-src 'none'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
                         "frame-ancestors 'none'")
SEARCH_WORKER_POLICY = ("default-src 'none'; script-src 'self'; connect-src 'self'; "
                        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
SAME_EVERYWHERE = {
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
IMMUTABLE = "public, max-age=31536000, immutable"


def get(server: Nginx, path: str, accept_encoding: str | None = None,
        method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    parts = urlsplit(server.base)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
    headers = {"Accept-Encoding": accept_encoding} if accept_encoding is not None else {}
    try:
        conn.request(method, path, headers=headers)
        response = conn.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        conn.close()


def runtime_dir(site: Path) -> str:
    (folder,) = (site / "helper" / "runtime").iterdir()
    return f"/helper/runtime/{folder.name}/"


def site_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file())


def test_shipped_configuration_passes_nginx_t(nginx: Nginx) -> None:
    result = subprocess.run([nginx.nginx, "-t", "-p", str(nginx.prefix), "-c", str(nginx.conf)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr
    # Nothing the shipped file says is ignored or out of date.
    assert "[warn]" not in result.stderr, result.stderr


def test_brotli_module_is_in_use(nginx: Nginx) -> None:
    assert nginx.brotli, "Debian's libnginx-mod-http-brotli-static is not installed"


def _headers_table(site: Path) -> list[tuple[str, str, str]]:
    runtime = runtime_dir(site)
    search_worker = next((site / "assets" / "javascripts" / "workers").glob("search.*.min.js")).name
    bundle = next((site / "assets" / "javascripts").glob("bundle.*.min.js")).name
    return [
        # path, policy, cache
        ("/", PAGE_POLICY, "no-cache"),
        ("/rules/6/", PAGE_POLICY, "no-cache"),
        ("/helper/", PAGE_POLICY, "no-cache"),
        # The service worker: asked for at every visit, never kept by a cache in between.
        ("/sw.js", SERVICE_WORKER_POLICY, "no-cache"),
        ("/offline.js", PAGE_POLICY, "no-cache"),
        ("/helper/helper.css", PAGE_POLICY, "no-cache"),
        ("/helper/record.schema.json", PAGE_POLICY, "no-cache"),
        ("/search/search_index.json", PAGE_POLICY, "no-cache"),
        ("/assets/stylesheets/site.css", PAGE_POLICY, "no-cache"),
        ("/helper/worker.mjs", HELPER_WORKER_POLICY, "no-cache"),
        ("/helper/helper.js", HELPER_WORKER_POLICY, "no-cache"),
        ("/helper/hosting-probe/worker.mjs", HELPER_WORKER_POLICY, "no-cache"),
        (runtime + "pyodide.mjs", HELPER_WORKER_POLICY, IMMUTABLE),
        (runtime + "pyodide.asm.wasm", PAGE_POLICY, IMMUTABLE),
        (runtime + "python_stdlib.zip", PAGE_POLICY, IMMUTABLE),
        (runtime + "python_stdlib_records.zip", PAGE_POLICY, IMMUTABLE),
        (runtime + "pyodide-lock.json", PAGE_POLICY, IMMUTABLE),
        ("/assets/javascripts/workers/" + search_worker, SEARCH_WORKER_POLICY, IMMUTABLE),
        ("/assets/javascripts/workers/hosting-probe.js", SEARCH_WORKER_POLICY, IMMUTABLE),
        ("/assets/javascripts/" + bundle, PAGE_POLICY, IMMUTABLE),
        ("/no-such-page/", PAGE_POLICY, "no-cache"),
    ]


def test_security_headers_and_caching_on_every_kind_of_response(nginx: Nginx) -> None:
    wrong = []
    for path, policy, cache in _headers_table(nginx.site):
        status, headers, _ = get(nginx, path, "gzip, deflate, br")
        expected = {**SAME_EVERYWHERE, "content-security-policy": policy, "cache-control": cache}
        for name, value in expected.items():
            if headers.get(name) != value:
                wrong.append(f"{path} ({status}): {name} is {headers.get(name)!r}, expected {value!r}")
        if "server" in headers and any(ch.isdigit() for ch in headers["server"]):
            wrong.append(f"{path}: Server header names a version: {headers['server']!r}")
    assert not wrong, "\n".join(wrong)


def test_missing_page_is_the_sites_404_page(nginx: Nginx) -> None:
    status, headers, body = get(nginx, "/no-such-page/")
    assert status == 404
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert body == (nginx.site / "404.html").read_bytes()


def test_every_file_is_sent_with_its_type(nginx: Nginx) -> None:
    unknown = sorted({p.suffix for p in site_files(nginx.site)} - set(TYPES))
    assert not unknown, f"files of a kind the hosting page says nothing about: {unknown}"
    wrong = []
    for path in site_files(nginx.site):
        url = "/" + path.relative_to(nginx.site).as_posix()
        status, headers, _ = get(nginx, url, method="HEAD")
        if status != 200 or headers.get("content-type") != TYPES[path.suffix]:
            wrong.append(f"{url}: {status} {headers.get('content-type')!r}, expected {TYPES[path.suffix]!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(("accept", "encoding"), [
    ("gzip, deflate, br, zstd", ".br"),   # Chromium
    ("br", ".br"),
    ("gzip, deflate", ".gz"),
    ("gzip", ".gz"),
    (None, None),
    ("identity", None),
])
def test_precompressed_copies_are_sent_as_they_are(nginx: Nginx, accept: str | None, encoding: str | None) -> None:
    """Every file with copies: the copy the client accepts, byte for byte, which decodes to
    the file itself; the file as it is to a client that accepts neither."""
    originals = [p for p in site_files(nginx.site) if p.with_name(p.name + ".gz").exists()]
    assert len(originals) > 20
    wrong = []
    for path in originals:
        url = "/" + path.relative_to(nginx.site).as_posix()
        status, headers, body = get(nginx, url, accept)
        copy = path.with_name(path.name + encoding) if encoding else path
        sent = headers.get("content-encoding")
        if status != 200 or sent != {".br": "br", ".gz": "gzip", None: None}[encoding]:
            wrong.append(f"{url} with {accept!r}: {status} Content-Encoding {sent!r}")
        elif body != copy.read_bytes():
            wrong.append(f"{url} with {accept!r}: the body is not {copy.name}")
        elif headers.get("vary") != "Accept-Encoding":
            wrong.append(f"{url}: Vary is {headers.get('vary')!r}")
    assert not wrong, "\n".join(wrong[:20])


def test_copies_decode_to_the_files(nginx: Nginx) -> None:
    for path in site_files(nginx.site):
        for suffix, decode in ((".gz", gzip.decompress), (".br", brotli.decompress)):
            copy = path.with_name(path.name + suffix)
            if copy.exists() and path.suffix not in {".gz", ".br"}:
                assert decode(copy.read_bytes()) == path.read_bytes(), copy


def test_what_is_precompressed(nginx: Nginx) -> None:
    site = nginx.site
    runtime = site / runtime_dir(site).strip("/")
    must = [
        "index.html", "rules/6/index.html", "helper/index.html", "helper/helper.js", "helper/worker.mjs",
        "helper/helper.css", "search/search_index.json", "sitemap.xml", "assets/stylesheets/site.css",
        "helper/record.schema.json", "sw.js", "offline.js",
    ]
    for name in must:
        for suffix in (".gz", ".br"):
            assert (site / (name + suffix)).is_file(), name + suffix
    # The standard library's zips too: a precompressed build ships them with their entries
    # stored, for Brotli to compress whole.
    for name in ("pyodide.asm.wasm", "pyodide.asm.mjs", "pyodide.mjs", "pyodide-lock.json", "python_stdlib.zip",
                 "python_stdlib_records.zip", "python_stdlib_more.zip"):
        for suffix in (".gz", ".br"):
            assert (runtime / (name + suffix)).is_file(), name + suffix
    # Already deflated, or images: no copies.
    for path in [*runtime.glob("*.whl"), *site.rglob("*.png")]:
        assert not path.with_name(path.name + ".gz").exists(), path
        assert not path.with_name(path.name + ".br").exists(), path


def test_stdlib_zips_are_stored_and_sent_compressed_whole(nginx: Nginx) -> None:
    """Each zip's entries are stored (so Brotli sees the archive whole); Brotli sends the
    first part at under a third of its size, which is less than deflating each module."""
    runtime = runtime_dir(nginx.site)
    for name in ("python_stdlib.zip", "python_stdlib_records.zip", "python_stdlib_more.zip"):
        path = nginx.site / runtime.strip("/") / name
        with zipfile.ZipFile(path) as zf:
            assert {info.compress_type for info in zf.infolist()} == {zipfile.ZIP_STORED}, name
            deflated = sum(len(zlib.compress(zf.read(info), 9)) for info in zf.infolist())
        status, headers, body = get(nginx, runtime + name, "gzip, deflate, br, zstd")
        assert status == 200 and headers["content-encoding"] == "br", name
        assert brotli.decompress(body) == path.read_bytes(), name
        assert len(body) < path.stat().st_size / 3, name
        assert len(body) < 0.8 * deflated, (name, len(body), deflated)
        # A client that accepts no encoding gets the zip as it is.
        status, headers, body = get(nginx, runtime + name)
        assert "content-encoding" not in headers and body == path.read_bytes(), name


def test_wasm_is_compressed_even_without_a_copy(nginx: Nginx, tmp_path: Path) -> None:
    """gzip_types covers application/wasm, so a host that builds without PRECOMPRESS still
    sends the WebAssembly compressed (on the fly)."""
    runtime = nginx.site / runtime_dir(nginx.site).strip("/")
    plain = runtime / "probe-uncopied.wasm"
    plain.write_bytes((runtime / "pyodide.asm.wasm").read_bytes()[:200_000])
    try:
        url = runtime_dir(nginx.site) + plain.name
        status, headers, body = get(nginx, url, "gzip")
        assert status == 200
        assert headers.get("content-encoding") == "gzip"
        assert headers.get("content-type") == "application/wasm"
        assert gzip.decompress(body) == plain.read_bytes()
    finally:
        plain.unlink()
