"""A small static file server for measurements, behaving like an ordinary web host:
correct types for .wasm and .mjs, and gzip for text when the browser accepts it."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import threading
from pathlib import Path
from typing import BinaryIO

_COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt")


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
    }
    compress = True

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_head(self) -> BinaryIO | None:  # type: ignore[override]
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


def serve(directory: Path, *, compress: bool = True, port: int = 0) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve `directory` on loopback in a background thread; returns (base URL, server)."""
    handler = functools.partial(type("H", (_Handler,), {"compress": compress}), directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server
