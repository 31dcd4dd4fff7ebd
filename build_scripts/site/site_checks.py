"""Fail the build when anything in the built site would load from another origin.

Ordinary links (<a href>) to gov.uk or legislation pages are fine: the reader
chooses to follow them. What is not fine is an asset (script, stylesheet,
image, font, frame, worker, module import) that the browser fetches by itself
from another origin, because that request would tell a third party who is
reading what.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

_EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.IGNORECASE)
# In scripts, a URL literal that names another origin is a fetch waiting to happen.
_JS_URL = re.compile(r"""["'`](https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^"'`\s]*["'`]""", re.IGNORECASE)
# Namespace identifiers that look like URLs but are never fetched.
_JS_ALLOWED = ("http://www.w3.org/",)

_ASSET_ATTRS = {"src", "srcset", "poster", "data", "background", "formaction", "action"}
_ASSET_LINK_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "preconnect",
                    "dns-prefetch", "icon", "apple-touch-icon", "manifest", "mask-icon"}


@dataclass(frozen=True)
class Finding:
    path: Path
    what: str

    def __str__(self) -> str:
        return f"{self.path}: {self.what}"


class _AssetFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name in _ASSET_ATTRS:
                for part in value.split(","):
                    if _EXTERNAL.match(part.strip()):
                        self.found.append(f"<{tag} {name}={value!r}>")
            if name == "style":
                self.found.extend(f"<{tag} style> {u}" for u in _css_external(value))
        if tag == "link":
            rels = set(values.get("rel", "").lower().split())
            if rels & _ASSET_LINK_RELS and _EXTERNAL.match(values.get("href", "")):
                self.found.append(f"<link rel={values.get('rel')!r} href={values['href']!r}>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            if "//" in values.get("content", ""):
                self.found.append(f"<meta http-equiv=refresh content={values['content']!r}>")
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.found.extend(f"<style> {u}" for u in _css_external(data))


def _css_external(text: str) -> Iterator[str]:
    for match in _CSS_URL.finditer(text):
        url = match.group(1) or match.group(2)
        if _EXTERNAL.match(url):
            yield url


def find_external_assets(site_dir: Path) -> list[Finding]:
    findings: list[Finding] = []
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file():
            continue
        suffix = path.suffix.lower()
        if suffix not in {".html", ".css", ".js", ".mjs"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        rel = path.relative_to(site_dir)
        if suffix == ".html":
            parser = _AssetFinder()
            parser.feed(text)
            findings.extend(Finding(rel, what) for what in parser.found)
        elif suffix == ".css":
            findings.extend(Finding(rel, f"url {u}") for u in _css_external(text))
        else:
            for match in _JS_URL.finditer(text):
                literal = match.group(0)[1:-1]
                if not literal.startswith(_JS_ALLOWED):
                    findings.append(Finding(rel, f"URL in script {literal[:120]!r}"))
    return findings


class ExternalAssetError(RuntimeError):
    pass


def fail_on_external_assets(site_dir: Path) -> None:
    findings = find_external_assets(site_dir)
    if findings:
        listing = "\n  ".join(str(f) for f in findings[:50])
        raise ExternalAssetError(
            f"{len(findings)} reference(s) to assets on other origins in the built site; "
            f"every asset must be served from this site:\n  {listing}"
        )


if __name__ == "__main__":
    found = find_external_assets(Path(sys.argv[1] if len(sys.argv) > 1 else "site"))
    for finding in found:
        print(finding)
    sys.exit(1 if found else 0)
