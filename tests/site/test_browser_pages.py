"""Every page in Chromium: no request to another origin, no console error or
security-policy violation, and axe-core finds no WCAG 2.2 A/AA violation."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT, site_pages

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]



def run_axe(page: object) -> list[dict[str, object]]:
    """Run axe in the page. Evaluated through the devtools protocol, so the page's own
    security policy (which forbids inline script) does not stop the checker."""
    page.evaluate(AXE.read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    result = page.evaluate(  # type: ignore[attr-defined]
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))",
        AXE_TAGS,
    )
    return list(result)


def test_axe_checker_detects_a_violation(page: object, site_url: str) -> None:
    """Guard: the checker as wired here does report problems."""
    page.goto(site_url)  # type: ignore[attr-defined]
    page.evaluate("document.querySelector('img, svg')?.remove();"  # type: ignore[attr-defined]
                  "const i = document.createElement('img'); i.src = 'x.png'; document.body.append(i)")
    assert any(v["id"] == "image-alt" for v in run_axe(page))


def _pages(built: Path) -> list[str]:
    return site_pages(built)


@pytest.fixture(scope="module")
def all_pages(built_site: Path) -> list[str]:
    pages = [p for p in site_pages(built_site) if not p.startswith("helper/")]
    assert len(pages) >= 15, pages
    return pages


def test_every_page_private_clean_and_accessible(browser: object, site_url: str, all_pages: list[str]) -> None:
    origin = urlsplit(site_url).netloc
    context = browser.new_context()  # type: ignore[attr-defined]
    context.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    problems: list[str] = []
    try:
        page = context.new_page()
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        for path in all_pages:
            requests.clear()
            errors.clear()
            page.goto(site_url + path, wait_until="load")
            page.wait_for_load_state("networkidle")
            violations = page.evaluate(
                "() => window.__csp || []"
            )
            foreign = [u for u in requests if urlsplit(u).scheme in {"http", "https", "ws", "wss"}
                       and urlsplit(u).netloc != origin]
            if foreign:
                problems.append(f"/{path}: requests to other origins: {foreign}")
            if errors:
                problems.append(f"/{path}: console errors: {errors}")
            if violations:
                problems.append(f"/{path}: CSP violations: {violations}")
            for v in run_axe(page):
                problems.append(f"/{path}: axe {v['id']} ({v['impact']}): {v['help']} at {v['nodes']}")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_search_works_offline(page: object, site_url: str) -> None:
    """Material's built-in search runs in a same-origin worker with a local index."""
    origin = urlsplit(site_url).netloc
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))  # type: ignore[attr-defined]
    page.goto(site_url)  # type: ignore[attr-defined]
    page.keyboard.press("/")  # type: ignore[attr-defined]
    page.keyboard.type("consent")  # type: ignore[attr-defined]
    result = page.locator(".md-search-result__item").first  # type: ignore[attr-defined]
    result.wait_for(timeout=10_000)
    assert page.locator(".md-search-result__item").count() >= 1  # type: ignore[attr-defined]
    assert all(urlsplit(u).netloc == origin for u in requests if u.startswith("http"))
    assert "consent" not in page.url  # type: ignore[attr-defined]


def test_storage_untouched_by_reading_and_searching(page: object, site_url: str) -> None:
    page.goto(site_url)  # type: ignore[attr-defined]
    page.keyboard.press("/")  # type: ignore[attr-defined]
    page.keyboard.type("record")  # type: ignore[attr-defined]
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)  # type: ignore[attr-defined]
    page.goto(site_url + "rules/6/")  # type: ignore[attr-defined]
    stored = page.evaluate(  # type: ignore[attr-defined]
        "async () => ({local: Object.keys(localStorage), session: Object.keys(sessionStorage),"
        " idb: (await indexedDB.databases()).map(d => d.name), cookie: document.cookie})"
    )
    assert stored == {"local": [], "session": [], "idb": [], "cookie": ""}


def test_rule_page_prints_cleanly(page: object, site_url: str) -> None:
    page.goto(site_url + "rules/6/")  # type: ignore[attr-defined]
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    hidden = page.evaluate(  # type: ignore[attr-defined]
        "() => ['.md-header', '.md-sidebar--primary', '.md-footer'].map("
        "s => getComputedStyle(document.querySelector(s)).display)"
    )
    assert hidden == ["none", "none", "none"]
    shown_url = page.evaluate(  # type: ignore[attr-defined]
        "() => { const a = [...document.querySelectorAll('.md-content a')].find(a => a.href.startsWith('http') && a.getAttribute('href').startsWith('http'));"
        " return a ? getComputedStyle(a, '::after').content : null }"
    )
    assert shown_url and "http" in shown_url
    # Links to other pages of the site print their path from the site's root.
    internal = page.evaluate(  # type: ignore[attr-defined]
        "() => getComputedStyle(document.querySelector('.md-content a[href$=\"principles/\"]'), '::after').content"
    )
    assert internal == '" (this site: /principles/)"'
    pdf = page.pdf(format="A4")  # type: ignore[attr-defined]
    assert pdf[:4] == b"%PDF"
