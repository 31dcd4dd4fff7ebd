"""The site's own address (`site_url`), which the host sets with SITE_URL.

mkdocs.yml reads `site_url: !ENV [SITE_URL, null]`. The address goes into every page's
canonical link, the sitemap, and the record's note of which site produced it, so a
build for the wrong address misleads people and search engines alike:

- `make serve` sets its own address; nothing to check.
- A build without SITE_URL leaves canonical links and the sitemap out (a sitemap
  must list full addresses). `make build` is strict, so it stops: a copy for
  deployment must say where it lives (`--no-strict` warns instead).
- A build whose SITE_URL is this computer (127.0.0.1, localhost) warns too: its
  canonical links and sitemap would point every visitor at their own machine.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from urllib.parse import urlsplit

SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")

UNSET = (
    "SITE_URL is not set, so this build has no canonical links and no sitemap. For a copy "
    "you will put on a server, build with the address it will be served from, for example "
    "`SITE_URL=https://safeguarding.example.org.uk/ make build` (see docs/hosting.md). "
    "To try the site on this computer, use `make serve`."
)


def is_loopback(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def warnings_for(site_url: str | None, command: str) -> list[str]:
    """What to warn about for this address and kind of build ("build", or "serve" for `make serve`)."""
    if command == "serve":
        return []
    if not site_url:
        return [UNSET]
    if is_loopback(site_url):
        return [
            f"SITE_URL is {site_url}, an address on this computer: every page's canonical link "
            "and the sitemap would send visitors to their own machine. Set SITE_URL to the address "
            "the site will be served from, or use `make serve` to try it here."
        ]
    return []


def drop_sitemap(site_dir: Path, site_url: str | None) -> list[Path]:
    """Without an address a sitemap can only list bare paths, which no crawler can use:
    remove it. Returns what was removed."""
    if site_url:
        return []
    removed = []
    for name in SITEMAPS:
        path = site_dir / name
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed
