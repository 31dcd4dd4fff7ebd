"""The site's offline copy: which files the service worker keeps, and the build's version.

docs/sw.js (served from the site's root, so that it controls every page) keeps a copy of
the site's own files after a first visit, so that the pages open and the helper works with
no network. This step, run once the whole site is written, fills in its placeholders:

- the list of files, as the addresses the browser asks for: every file of the built site
  (not the .gz and .br copies a server sends in their place, nor source maps), a page by its folder address
  ("rules/4/", not "rules/4/index.html"), and the helper's own scripts and styles with the
  version the page asks for them with ("helper/helper.js?v=..."): nothing else, so nothing
  that is not one of the site's own files can ever be kept;
- each file's SHA-256, in the same order: the worker keeps a copy only if every file it
  received is this build's (a host half-way through publishing a build, or answering a
  missing file with an HTML page, gives no copy; the next visit tries again);
- the version: the runtime's key and a digest of every listed address and its bytes, so any
  change to any file gives a new version, a new cache, and the page's offer to reload.

Under `mkdocs serve` the list is left empty, which turns the worker into one that deletes
any copy an earlier build left and unregisters itself.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

WORKER = "sw.js"
VERSION_SLOT = "__INFOSHARE_OFFLINE_VERSION__"
FILES_SLOT = '["__INFOSHARE_OFFLINE_FILES__"]'
DIGESTS_SLOT = '["__INFOSHARE_OFFLINE_DIGESTS__"]'
# Not kept: the copies a server sends in a file's place (the browser never asks for them
# by name), and source maps (only a developer's tools read them).
LEFT_OUT = (".gz", ".br", ".map")
# The helper's own files, asked for with ?v=<assets version> (build_scripts/site/helper_page.py).
VERSIONED_FOLDER = "helper/"
VERSIONED_SUFFIXES = (".js", ".mjs", ".css")
RUNTIME_FOLDER = "helper/runtime/"


class OfflineError(RuntimeError):
    """The service worker could not be written; the message says why."""


@dataclass(frozen=True)
class OfflineCopy:
    version: str
    files: tuple[str, ...]  # addresses relative to the site's root, as the worker lists them
    size: int  # bytes of every file listed
    digests: tuple[str, ...] = ()  # each file's SHA-256 (hex), in the order of `files`


def address(relative: str, assets_version: str) -> str:
    """The address the browser asks for a built file by (relative to the site's root)."""
    if relative == "index.html":
        return "./"
    if relative.endswith("/index.html"):
        return relative[: -len("index.html")]
    if (relative.startswith(VERSIONED_FOLDER) and not relative.startswith(RUNTIME_FOLDER)
            and relative.endswith(VERSIONED_SUFFIXES)):
        return f"{relative}?v={assets_version}"
    return relative


def site_files(site_dir: Path) -> list[Path]:
    """Every file the offline copy holds: the built site but LEFT_OUT and the service
    worker itself."""
    return sorted(p for p in site_dir.rglob("*")
                  if p.is_file() and p.suffix not in LEFT_OUT and p.relative_to(site_dir).as_posix() != WORKER)


def offline_copy(site_dir: Path, *, runtime_key: str, assets_version: str) -> OfflineCopy:
    digest = hashlib.sha256()
    files = []
    digests = []
    size = 0
    for path in site_files(site_dir):
        url = address(path.relative_to(site_dir).as_posix(), assets_version)
        data = path.read_bytes()
        for part in (url.encode(), data):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
        files.append(url)
        digests.append(hashlib.sha256(data).hexdigest())
        size += len(data)
    return OfflineCopy(f"{runtime_key}-{digest.hexdigest()[:12]}", tuple(files), size, tuple(digests))


def fill(template: str, version: str, files: tuple[str, ...], digests: tuple[str, ...] = ()) -> str:
    """docs/sw.js with its version, list of files and their digests written in."""
    if len(digests) != len(files):
        raise OfflineError(f"{len(files)} files but {len(digests)} digests for {WORKER}")
    for slot in (VERSION_SLOT, FILES_SLOT, DIGESTS_SLOT):
        if template.count(slot) != 1:
            raise OfflineError(f"{WORKER} must hold {slot} exactly once (found {template.count(slot)})")
    return (template.replace(VERSION_SLOT, version).replace(FILES_SLOT, json.dumps(list(files), indent=0))
            .replace(DIGESTS_SLOT, json.dumps(list(digests), indent=0)))


def write_worker(site_dir: Path, *, runtime_key: str, assets_version: str, enabled: bool) -> OfflineCopy:
    """Fill in the built site's sw.js; with `enabled` false (mkdocs serve), an empty list."""
    worker = site_dir / WORKER
    if not worker.is_file():
        raise OfflineError(f"{worker} is missing: docs/{WORKER} must be in the site")
    template = worker.read_text(encoding="utf-8")
    copy = offline_copy(site_dir, runtime_key=runtime_key, assets_version=assets_version) if enabled \
        else OfflineCopy("", (), 0)
    worker.write_text(fill(template, copy.version, copy.files, copy.digests), encoding="utf-8")
    return copy
