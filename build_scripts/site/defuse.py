"""Remove the theme's own fallbacks to other origins from its JavaScript bundle.

Material's bundle can fetch a ResizeObserver polyfill and Mermaid from a CDN,
and repository facts from the GitHub API, when a page asks for them. This site
never asks (no diagrams need Mermaid, no repository is configured, and every
supported browser has ResizeObserver), but a script that *could* reach another
origin is one configuration change away from doing so. The URLs are replaced
with an inert local address; the Content-Security-Policy would block them too.
"""

from __future__ import annotations

import re
from pathlib import Path

THEME_HOSTS = ("unpkg.com", "api.github.com", "cdn.jsdelivr.net")
_URL = re.compile(r"https?://(?:" + "|".join(re.escape(h) for h in THEME_HOSTS) + r")")
INERT = "about:blank#external-url-removed"


def defuse_theme_scripts(site_dir: Path) -> list[Path]:
    changed = []
    for path in sorted((site_dir / "assets" / "javascripts").rglob("*.js")):
        text = path.read_text(encoding="utf-8")
        new = _URL.sub(INERT, text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    return changed
