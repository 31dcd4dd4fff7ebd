"""One small static file server for the tests and the measurements, behaving like an
ordinary web host: correct types for .wasm and .mjs, a cache lifetime like GitHub
Pages (so a second visit is served from the browser's cache), and, when asked, gzip
for text that the browser accepts compressed."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

_COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt")


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".zip": "application/zip",
        ".whl": "application/zip",
    }
    compress = False
    response_headers: dict[str, str] = {"Cache-Control": "public, max-age=600"}
    # Other folders served under a URL prefix, e.g. {"/__bare__/": Path(...)}.
    mounts: dict[str, Path] = {}

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        for prefix, folder in self.mounts.items():
            if clean.startswith(prefix):
                rest = clean[len(prefix):]
                return str(folder / rest) if rest else str(folder / "index.html")
        return super().translate_path(path)

    def end_headers(self) -> None:
        for name, value in self.response_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def send_head(self) -> BinaryIO | None:
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if self.compress and accepts_gzip and os.path.isfile(path) and path.endswith(_COMPRESSIBLE):
            data = gzip.compress(Path(path).read_bytes(), compresslevel=6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(path))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            return io.BytesIO(data)
        return super().send_head()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serving(directory: Path, *, compress: bool = False, mounts: dict[str, Path] | None = None,
            headers: dict[str, str] | None = None, address: tuple[str, int] = ("127.0.0.1", 0)) -> Iterator[str]:
    """Serve `directory` on `address` (by default an unused loopback port) while the block runs;
    yields the base URL. `headers` replaces the default response headers (a GitHub Pages-like
    cache lifetime)."""
    settings: dict[str, object] = {"compress": compress, "mounts": mounts or {}}
    if headers is not None:
        settings["response_headers"] = headers
    handler_class = type("SiteHandler", (Handler,), settings)
    server = http.server.ThreadingHTTPServer(address, functools.partial(handler_class, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://{address[0]}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
