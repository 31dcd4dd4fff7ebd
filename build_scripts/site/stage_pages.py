"""The pages, as stage writes them for the builder: every Markdown page with what the build adds.

For each page of the site's sources (docs/), in the order a builder reads them:

- the date its law was checked, written wherever its text says {{ law_checked }}, and the
  line "Law checked on <date>" under its title (sources.py);
- the sources register, on the page that holds its placeholder (sources.py);
- the decision helper's questions, on the helper's page, and in its front matter what the
  page template loads the helper with (helper_page.py);

and then the check that a page which states law has a checked date and cites only
registered sources. Each page is rendered here with Python-Markdown, with the site's own
Markdown extensions, to find the links it makes, as every builder that reads this
configuration renders it.

The front matter is written back as it was (plus `infoshare:` on the helper's page), so
the builder reads the same metadata. Nothing here knows which builder comes next.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import markdown as python_markdown  # type: ignore[import-untyped]  # no type stubs installed here
import yaml  # type: ignore[import-untyped]  # PyYAML comes with MkDocs; it has no type stubs here

from build_scripts.site import helper_page, sources

# Front matter as MkDocs and Zensical read it: a YAML mapping between two lines of dashes
# (the closing line may be dots) at the very start of the file.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
# Markdown extensions every builder turns on whatever the configuration says.
_BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")


@dataclass(frozen=True)
class Page:
    src_uri: str  # "rules/4.md"
    url: str  # "rules/4/"
    front: str  # the front matter block as written, or ""
    meta: dict[str, Any]
    body: str  # the Markdown after the front matter


@dataclass
class LawReport:
    """What the law check found: problems (which stop a strict build) and notices (which
    never do: what is due to be checked again)."""

    problems: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    cited_by: dict[str, list[str]] = field(default_factory=dict)


def page_url(src_uri: str, *, use_directory_urls: bool) -> str:
    """The page's address relative to the site's root, as the builders give it."""
    stem = src_uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


def read_page(path: Path, src_uri: str, *, use_directory_urls: bool) -> Page:
    text = path.read_text(encoding="utf-8-sig")
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            meta = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            meta = None
        if isinstance(meta, dict):
            return Page(src_uri, page_url(src_uri, use_directory_urls=use_directory_urls),
                        match.group(0), meta, text[match.end():].lstrip("\n"))
    return Page(src_uri, page_url(src_uri, use_directory_urls=use_directory_urls), "", {}, text)


def markdown_pages(docs: Path, *, use_directory_urls: bool) -> Iterator[Page]:
    """Every Markdown page under docs/ but hidden files, sorted as MkDocs sorts them."""
    paths = [p for p in docs.rglob("*.md")
             if not any(part.startswith(".") for part in p.relative_to(docs).parts)]

    def key(path: Path) -> tuple[tuple[str, ...], bool, str]:
        parts = path.relative_to(docs).parts
        return parts[:-1], path.name != "index.md", path.name

    for path in sorted(paths, key=key):
        yield read_page(path, path.relative_to(docs).as_posix(), use_directory_urls=use_directory_urls)


def with_front_matter(page: Page, body: str, meta_added: dict[str, Any]) -> str:
    """The staged file: the front matter as written (with any added keys) and the new body."""
    front = page.front
    if meta_added:
        lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta_added.items())
        if front:
            match = _FRONT_MATTER.match(front)
            assert match is not None  # front came from _FRONT_MATTER
            closing = front[match.end(1):]
            front = front[: match.end(1)] + lines + closing
        else:
            front = f"---\n{lines}---\n"
    return front + body


def renderer(config: dict[str, Any]) -> python_markdown.Markdown:
    """Python-Markdown with the site's extensions and their settings."""
    names: list[str] = list(_BUILTIN_EXTENSIONS)
    settings: dict[str, Any] = {}
    for item in config.get("markdown_extensions") or []:
        name, options = (next(iter(item.items())) if isinstance(item, dict) else (item, None))
        if name not in names:
            names.append(name)
        if options:
            settings[name] = options
    return python_markdown.Markdown(extensions=names, extension_configs=settings)


def expand_page(page: Page, *, register: sources.Register, today: date, register_page: str | None,
                facts: helper_page.SiteFacts | None, report: LawReport) -> tuple[str, dict[str, Any]]:
    """The page's new Markdown body and the front matter keys it gains."""
    body, problem = sources.fill_checked_date(page.body, page.meta)
    if problem:
        report.problems.append(f"{page.src_uri}: {problem}")
    body = sources.checked_line(body, page.meta, page.src_uri, register_page)
    if sources.PLACEHOLDER in body:
        body = body.replace(sources.PLACEHOLDER, "\n" + sources.register_markdown(register, today) + "\n")
    added: dict[str, Any] = {}
    if facts is not None:
        body = helper_page.expand(body, src_uri=page.src_uri, page_url=page.url, meta=added, site=facts)
    return body, added


def check_law(page: Page, rendered: str, *, register: sources.Register, today: date, report: LawReport) -> None:
    """A page that states law needs a checked date and registered sources (sources.check_page)."""
    result = sources.check_page(page.src_uri, page.meta, sources.external_links(rendered), register, today)
    report.problems.extend(f"{page.src_uri}: {problem}" for problem in result.problems)
    for source_id in result.cited:
        report.cited_by.setdefault(source_id, []).append(page.src_uri)
    if result.due and result.checked is not None:
        report.notices.append(
            f"{page.src_uri}: the law on this page was last checked on {sources.long_date(result.checked)}, "
            f"more than {sources.RECHECK_MONTHS} months ago. Re-check it, then change "
            f"'{sources.CHECKED_KEY}' in its front matter.")


def due_notices(register: sources.Register, today: date, report: LawReport, register_name: str) -> None:
    """Name every source due to be checked again, and the pages that cite it."""
    for source in sources.due_sources(register, today):
        pages = ", ".join(report.cited_by.get(source.id, [])) or "no page links to it"
        report.notices.append(
            f"source '{source.id}' ({source.title}) was last checked on {sources.long_date(source.checked)}, "
            f"more than {sources.RECHECK_MONTHS} months ago. Re-check it and change its 'checked' date in "
            f"{register_name}. Cited on: {pages}.")
