"""The built site's structure: rule pages at stable URLs, links and anchors that resolve,
a security policy on every page, and nothing fetched from another origin."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from build_scripts.site import site_checks
from tests.site.helpers import collect


def html_pages(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("*.html")) if "helper/runtime/" not in p.as_posix()]


@pytest.mark.parametrize("number", range(1, 8))
def test_rule_page_at_stable_url(built_site: Path, number: int) -> None:
    assert (built_site / "rules" / str(number) / "index.html").is_file()


def test_rule_6_links_to_principles(built_site: Path) -> None:
    links = [url for tag, url in collect(built_site / "rules" / "6" / "index.html").links if tag == "a"]
    assert any(urlsplit(url).path.rstrip("/").endswith("principles") for url in links)


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    ids_by_page = {p: collect(p).ids for p in html_pages(built_site)}
    broken = []
    for page in html_pages(built_site):
        base = "http://site/" + page.relative_to(built_site).as_posix()
        for tag, url in collect(page).links:
            if url.startswith(("mailto:", "tel:", "data:", "blob:", "about:")):
                continue
            absolute = urljoin(base, url)
            parts = urlsplit(absolute)
            if parts.netloc != "site":
                continue
            target = built_site / unquote(parts.path.lstrip("/"))
            if target.is_dir() or parts.path.endswith("/"):
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(built_site)}: {url}")
                continue
            if parts.fragment and target.suffix == ".html":
                if parts.fragment not in ids_by_page.get(target, collect(target).ids):
                    broken.append(f"{page.relative_to(built_site)}: {url} (no such anchor)")
    assert not broken, "\n".join(broken)


def test_no_external_assets_in_built_site(built_site: Path) -> None:
    assert site_checks.find_external_assets(built_site) == []


def test_every_page_carries_a_security_policy(built_site: Path) -> None:
    missing = []
    for page in html_pages(built_site):
        head = page.read_text(encoding="utf-8")[:600]
        # The policy must come straight after the charset, before anything it governs.
        if not re.search(r'<meta charset="utf-8">\s*<meta http-equiv="Content-Security-Policy" '
                         r'content="script-src \'self\'', head):
            missing.append(str(page.relative_to(built_site)))
    assert not missing, "\n".join(missing)


def test_no_google_fonts_or_cdn_anywhere(built_site: Path) -> None:
    offenders = []
    for path in built_site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".css", ".js", ".mjs", ".json"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            for host in ("fonts.googleapis", "fonts.gstatic", "cdn.jsdelivr", "unpkg.com", "googletagmanager"):
                if host in text:
                    offenders.append(f"{path.relative_to(built_site)}: {host}")
    assert offenders == []


def test_every_page_withholds_the_referrer(built_site: Path) -> None:
    missing = [str(p.relative_to(built_site)) for p in html_pages(built_site)
               if '<meta name="referrer" content="no-referrer">' not in p.read_text(encoding="utf-8")]
    assert not missing, "\n".join(missing)


def test_helper_page_holds_the_theme_script_back(built_site: Path) -> None:
    """The theme's script is not a <script> on the helper page: the helper's own script
    loads it once Python has started (build_scripts/site/theme.py). Every other page
    loads it as usual."""
    page = (built_site / "helper" / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"<script src=\"[^\"]*bundle\.[0-9a-f]+\.min\.js", page)
    held = re.findall(r'<script async src="helper\.js\?v=[^"]+" data-theme-scripts="([^"]+)"', page)
    assert len(held) == 1
    for url in held[0].split():
        assert (built_site / "helper" / url).resolve().is_file(), url
    for other in ("index.html", "rules/6/index.html", "glossary/index.html", "404.html"):
        text = (built_site / other).read_text(encoding="utf-8")
        assert len(re.findall(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>', text)) == 1, other


def test_no_question_page_shows_its_question_twice(built_site: Path) -> None:
    """A page's heading is not repeated by the label or legend of its first question."""
    page = (built_site / "helper" / "index.html").read_text(encoding="utf-8")
    sections = re.findall(r'<section class="infoshare-page" id="(q-[a-z_]+)".*?</section>', page, re.S)
    bodies = re.findall(r'(<section class="infoshare-page" id="q-[a-z_]+".*?</section>)', page, re.S)
    assert len(sections) == len(bodies) >= 10
    for name, body in zip(sections, bodies):
        texts = [re.sub(r"<[^>]+>", "", t).strip()
                 for t in re.findall(r"<(?:legend|h2|label class=\"govuk-label(?! govuk-(?:radios__label|checkboxes__label|date-input__label)))[^>]*>(.*?)</(?:legend|h2|label)>",
                                     body, re.S)]
        texts = [t for t in texts if t and t != "There is a problem"]
        repeated = sorted({t for t in texts if texts.count(t) > 1})
        assert not repeated, (name, repeated)


def test_first_question_has_no_back_button_to_start_with(built_site: Path) -> None:
    """Hidden in the HTML itself, so nothing moves when the helper's script starts."""
    page = (built_site / "helper" / "index.html").read_text(encoding="utf-8")
    first = re.search(r'<section class="infoshare-page" id="q-urgency".*?</section>', page, re.S)
    assert first and '<button type="button" class="govuk-back-link" data-action="back" hidden>Back</button>' in first[0]
    second = re.search(r'<section class="infoshare-page" id="q-request".*?</section>', page, re.S)
    assert second and '<button type="button" class="govuk-back-link" data-action="back">Back</button>' in second[0]
