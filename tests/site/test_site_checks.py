"""The external-asset check itself: it must flag every way a page can fetch
from another origin, and must not flag ordinary links."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.site import site_checks

FLAGGED = [
    ("page.html", '<script src="https://cdn.example.com/x.js"></script>'),
    ("page.html", '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'),
    ("page.html", '<link rel="preconnect" href="https://fonts.gstatic.com" crossorigin>'),
    ("page.html", '<img src="//tracker.example.net/pixel.gif" alt="">'),
    ("page.html", '<img srcset="a.png 1x, https://x.example/b.png 2x" alt="">'),
    ("page.html", '<iframe src="https://www.youtube.com/embed/x"></iframe>'),
    ("page.html", '<div style="background:url(https://x.example/bg.png)"></div>'),
    ("page.html", "<style>@import 'https://x.example/a.css';</style>"),
    ("page.html", '<meta http-equiv="refresh" content="0; url=https://x.example/">'),
    ("style.css", "body{background:url('https://x.example/bg.png')}"),
    ("style.css", "@font-face{src:url(//fonts.example/f.woff2)}"),
    ("app.js", 'import("https://esm.example.com/lib.js")'),
    ("app.mjs", "importScripts('https://cdn.example.org/pyodide.js')"),
]

ALLOWED = [
    ("page.html", '<a href="https://www.gov.uk/government/publications/x">advice</a>'),
    ("page.html", '<a href="https://www.legislation.gov.uk/ukpga/2018/12">DPA 2018</a>'),
    ("page.html", '<script src="../assets/app.js"></script><img src="data:image/png;base64,AA" alt="">'),
    ("style.css", "body{background:url(../img/x.png)}"),
    ("app.js", 'document.createElementNS("http://www.w3.org/2000/svg","svg")'),
]


def _site(tmp_path: Path, name: str, content: str) -> Path:
    (tmp_path / name).write_text(content, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("name", "content"), FLAGGED)
def test_flags_external_asset(tmp_path: Path, name: str, content: str) -> None:
    findings = site_checks.find_external_assets(_site(tmp_path, name, content))
    assert len(findings) >= 1
    with pytest.raises(site_checks.ExternalAssetError):
        site_checks.fail_on_external_assets(tmp_path)


@pytest.mark.parametrize(("name", "content"), ALLOWED)
def test_allows_links_and_local_assets(tmp_path: Path, name: str, content: str) -> None:
    assert site_checks.find_external_assets(_site(tmp_path, name, content)) == []
