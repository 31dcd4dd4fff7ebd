"""On paper a link is only as good as the address printed beside it.

External links print their URL from the href (CSS does that). Links to other
pages of this site are relative ("../../principles/"), which means nothing on
paper, so each gets a data attribute with its path from the site's root, and
the print stylesheet shows that instead.
"""

from __future__ import annotations

import posixpath
import re

_ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">)(.*?)(</article>)', re.DOTALL)
_RELATIVE_LINK = re.compile(r'<a href="(?![a-z][a-z0-9+.-]*:|#|/)([^"#]*)(#[^"]*)?"')


def _site_path(page_url: str, href: str) -> str:
    joined = posixpath.normpath(posixpath.join("/" + page_url, href))
    if href.endswith("/") or href == "":
        joined = joined.rstrip("/") + "/"
    return joined


def mark_internal_links(html: str, page_url: str) -> str:
    """Add data-print-url="/path/" to each relative link inside the page's article."""

    def mark(match: re.Match[str]) -> str:
        href, fragment = match.group(1), match.group(2) or ""
        if not href:
            return match.group(0)  # a link within this page
        return f'{match.group(0)} data-print-url="{_site_path(page_url, href)}{fragment}"'

    def in_article(match: re.Match[str]) -> str:
        return match.group(1) + _RELATIVE_LINK.sub(mark, match.group(2)) + match.group(3)

    return _ARTICLE.sub(in_article, html, count=1)
