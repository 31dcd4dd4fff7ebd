"""GOV.UK Frontend for the decision helper: its styles compiled, its script copied, both
self-hosted under helper/govuk/ in the staged pages.

    helper/govuk/govuk-frontend.css  frontend/helper.scss compiled with the pinned npm `sass`
    helper/govuk/govuk-frontend.mjs  the pinned npm govuk-frontend's own ES module bundle

The stylesheet uses the system's font (the GDS Transport typeface is licensed only for
GOV.UK services) and is scoped to the helper's root (frontend/helper.scss says how). Both
files are cached under .cache/frontend/<key>/, the key a hash of every input, as the
runtime is; the compiled CSS is the same bytes for the same inputs. Anything unexpected
stops the build: a missing package, a failed compile, a url() or @font-face in the CSS
(nothing may load from elsewhere, and no font is shipped).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCSS = HERE / "frontend"
ENTRY = SCSS / "helper.scss"
CSS_NAME = "govuk-frontend.css"
JS_NAME = "govuk-frontend.mjs"
TARGET = Path("helper") / "govuk"
# The bundle ends with a comment naming its source map, which is not shipped.
_SOURCE_MAP = re.compile(rb"\n?//# sourceMappingURL=\S+\s*\Z")
# Sass emits GOV.UK's custom properties again inside the scope, where `.infoshare :root`
# matches nothing; the unscoped copy (helper.scss loads it first) is the one that applies.
_SCOPED_ROOT = re.compile(r"\.infoshare :root\{[^{}]*\}|@media print\{\.infoshare :root\{[^{}]*\}\}")
_FORBIDDEN = re.compile(r"url\(|@font-face|@import|GDS Transport", re.IGNORECASE)


class FrontendBuildError(RuntimeError):
    """GOV.UK Frontend could not be built for the helper; the message says what to do."""


@dataclass(frozen=True)
class Built:
    folder: Path
    key: str
    cached: bool

    @property
    def files(self) -> tuple[Path, Path]:
        return self.folder / CSS_NAME, self.folder / JS_NAME


def _packages(root: Path) -> tuple[Path, Path]:
    modules = root / "node_modules"
    govuk, sass = modules / "govuk-frontend", modules / "sass"
    for package in (govuk, sass):
        if not (package / "package.json").is_file():
            raise FrontendBuildError(f"the npm package {package.name} is not installed: run `make setup`")
    return govuk, sass


def inputs(root: Path) -> list[Path]:
    govuk, sass = _packages(root)
    scss = sorted(SCSS.glob("*.scss"))
    return [*scss, Path(__file__).resolve(), govuk / "package.json", sass / "package.json",
            govuk / "dist" / "govuk" / "govuk-frontend.min.js"]


def key(root: Path) -> str:
    digest = hashlib.sha256()
    for path in inputs(root):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def compile_css(root: Path) -> str:
    """The helper's GOV.UK stylesheet, compiled with the pinned `sass` under Node."""
    govuk, sass = _packages(root)
    node = os.environ.get("NODE") or shutil.which("node")
    if not node:
        raise FrontendBuildError("compiling GOV.UK Frontend's styles needs Node.js (`node` on PATH, or NODE)")
    command = [node, str(sass / "sass.js"), "--no-source-map", "--no-charset", "--style=compressed",
               f"--load-path={govuk / 'dist'}", f"--load-path={SCSS}", str(ENTRY)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise FrontendBuildError(f"sass could not compile {ENTRY.name}:\n{done.stderr.strip()}")
    css, scoped = _SCOPED_ROOT.subn("", done.stdout)
    if scoped == 0:
        raise FrontendBuildError("GOV.UK Frontend's custom properties were not where this build expects them "
                                 f"(no `.infoshare :root` rule): read {ENTRY.name} again")
    found = sorted(set(m.group(0) for m in _FORBIDDEN.finditer(css)))
    if found:
        raise FrontendBuildError(f"the helper's GOV.UK stylesheet must load nothing and name no font file, "
                                 f"but it has {', '.join(found)}")
    return css.strip() + "\n"


def bundle_js(root: Path) -> bytes:
    govuk, _ = _packages(root)
    source = (govuk / "dist" / "govuk" / "govuk-frontend.min.js").read_bytes()
    if b"export{" not in source.replace(b" ", b""):
        raise FrontendBuildError("govuk-frontend.min.js is not the ES module this build expects")
    return _SOURCE_MAP.sub(b"\n", source)


def build(root: Path) -> Built:
    """The compiled files, from the cache when their inputs have not changed."""
    k = key(root)
    cache = root / ".cache" / "frontend"
    folder = cache / k
    if all(path.is_file() for path in (folder / CSS_NAME, folder / JS_NAME)):
        return Built(folder, k, cached=True)
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=cache, prefix=".tmp-"))
    try:
        (work / CSS_NAME).write_text(compile_css(root), encoding="utf-8")
        (work / JS_NAME).write_bytes(bundle_js(root))
        if folder.exists():
            shutil.rmtree(folder)
        work.rename(folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return Built(folder, k, cached=False)


def install(built: Built, docs_dir: Path) -> list[Path]:
    """Copy the files into the staged pages, beside the helper's own."""
    target = docs_dir / TARGET
    target.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy2(path, target / path.name)) for path in built.files]
