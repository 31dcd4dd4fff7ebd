"""The sources register, and the date each page's law was last checked.

Practitioners act on what this site says about the law, so every page that
states law carries the date someone last checked it, and every source it cites
is listed, with its own checked date, in one register: docs/sources.yml (the
file named by `extra.sources_file` in mkdocs.yml). Both are plain text that a
content editor can change without touching code:

- a page's date is `law_checked: 2026-11-30` in its front matter;
- a source is an entry in the register (title, publisher, edition, address,
  date checked).

The build's stage step (stage_pages.py) uses this module's functions to:

- reads and validates the register (a malformed register stops the build);
- shows "Law checked on <date>" under the title of every page that has a date,
  writes that date wherever the page's text says {{ law_checked }} (so a sentence
  such as "not confirmed when we checked on {{ law_checked }}" never keeps an old
  date; a page with the placeholder and no valid date fails a strict build), and
  writes the register itself into the page that holds the placeholder;
- checks each page once it is rendered. A page states law when it links to a
  source in the register or to one of the register's `legal_sites`. Such a page
  must have a valid `law_checked` date, and every link it makes to another
  website must be to a source in the register. Each failure stops a strict build
  (`make build`) and is a warning otherwise (`make serve`);
- prints a re-check notice for every page and source checked more than six
  months ago. The notice does not fail the build: it tells whoever maintains
  the site what to re-check.

"Today", for the six-month notice and for refusing checked dates in the future,
is the date in UTC, unless the environment variable LAW_CHECK_TODAY holds a date
(YYYY-MM-DD): then the build checks as if that were today. Only this module reads
it. The tests use it so that what they expect does not change as time passes, and
a maintainer can use it to see what a later build will ask them to re-check
(`LAW_CHECK_TODAY=2027-06-01 make build`). A value that is not a date stops the
build.
"""

from __future__ import annotations

import calendar
import logging
import os
import posixpath
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

import yaml  # type: ignore[import-untyped]  # PyYAML comes with MkDocs; it has no type stubs here

DEFAULT_FILE = "sources.yml"
DEFAULT_PAGE = "sources.md"
PLACEHOLDER = "<!-- sources:register -->"
CHECKED_KEY = "law_checked"
RECHECK_MONTHS = 6



class _Stderr(logging.StreamHandler[TextIO]):
    """Writes to whatever sys.stderr is when a notice is printed (a test may have replaced it)."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


# Re-check notices must not fail a build, so they go to a logger of their own that strict
# mode does not count, printed in the same style as MkDocs' warnings.
notices = logging.getLogger("site_sources.recheck")
if not notices.handlers:
    _handler = _Stderr()
    _handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
    notices.addHandler(_handler)
    notices.setLevel(logging.INFO)
    notices.propagate = False

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_HOST = re.compile(r"^[a-z0-9.-]+\.[a-z]{2,}$")
_SOURCE_KEYS = {"id", "group", "title", "publisher", "edition", "url", "covers", "checked", "note"}
_REQUIRED = ("id", "group", "title", "publisher", "edition", "checked")
_TOP_KEYS = {"sources", "legal_sites", "pages_about_this_site"}


class RegisterError(Exception):
    """The register cannot be read or is not valid; the message lists every problem."""


# ---- dates ------------------------------------------------------------------------------


def parse_date(value: object) -> date:
    """A checked date from YAML: a date, or text in the form YYYY-MM-DD. ValueError otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value!r} is not a real date") from None
    raise ValueError(f"{value!r} is not a date in the form YYYY-MM-DD")


def months_after(start: date, months: int) -> date:
    """The same day `months` calendar months later (the last day of a shorter month)."""
    year, month0 = divmod(start.year * 12 + start.month - 1 + months, 12)
    month = month0 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def is_due(checked: date, today: date) -> bool:
    """True when `checked` is more than six months before `today`."""
    return months_after(checked, RECHECK_MONTHS) < today


def long_date(value: date) -> str:
    months = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")
    return f"{value.day} {months[value.month - 1]} {value.year}"


def today_utc() -> date:
    return datetime.now(UTC).date()


TODAY_VARIABLE = "LAW_CHECK_TODAY"


def build_today(environ: Mapping[str, str] | None = None) -> date:
    """The date a build checks against: LAW_CHECK_TODAY when it is set and not empty,
    otherwise today in UTC. RegisterError when LAW_CHECK_TODAY is not a date."""
    value = (os.environ if environ is None else environ).get(TODAY_VARIABLE, "").strip()
    if not value:
        return today_utc()
    try:
        return parse_date(value)
    except ValueError as exc:
        raise RegisterError(f"{TODAY_VARIABLE}: {exc}") from None


def in_future(checked: date, today: date) -> bool:
    """A checked date after tomorrow (UTC) has not happened anywhere yet. One day's grace: just
    after midnight in an English summer, the date in England is already a day ahead of UTC."""
    return checked > today + timedelta(days=1)


# ---- addresses --------------------------------------------------------------------------


def normalise(url: str) -> str:
    """An address as compared with the register: https, lower-case host, no fragment,
    no query, no trailing slash."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    return f"https://{parts.netloc.lower()}{path}"


def is_external(href: str) -> bool:
    return urlsplit(href.strip()).scheme.lower() in {"http", "https"} or href.strip().startswith("//")


def host(href: str) -> str:
    return urlsplit(href.strip()).netloc.lower()


# ---- the register -----------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    id: str
    group: str
    title: str
    publisher: str
    edition: str
    url: str | None
    covers: tuple[str, ...]
    checked: date
    note: str = ""

    @staticmethod
    def covering(href: str, prefix: str) -> bool:
        """True when `href` is the address `prefix` or an address under it
        (".../2018/12" covers ".../2018/12/schedule/1", not ".../2018/120")."""
        link, base = normalise(href), normalise(prefix)
        return link == base or link.startswith(base + "/")

    def cites(self, href: str) -> bool:
        """True when a link to `href` is a link to this source."""
        return any(self.covering(href, prefix) for prefix in self.covers)


@dataclass(frozen=True)
class Register:
    sources: tuple[Source, ...]
    legal_sites: frozenset[str] = frozenset()
    pages_about_this_site: Mapping[str, str] = field(default_factory=dict)

    def source_for(self, href: str) -> Source | None:
        """The source a link cites: the one with the longest covered address that matches."""
        link = normalise(href)
        best: tuple[int, Source] | None = None
        for source in self.sources:
            for prefix in source.covers:
                base = normalise(prefix)
                if Source.covering(link, base) and (best is None or len(base) > best[0]):
                    best = (len(base), source)
        return None if best is None else best[1]

    def by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}


def _text(entry: Mapping[str, Any], key: str, where: str, problems: list[str]) -> str:
    value = entry.get(key)
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)  # "edition: 2024" is a year an editor typed, not a number
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{where}: '{key}' must be some text")
        return ""
    return " ".join(value.split())


def _address(value: object, where: str, problems: list[str]) -> str | None:
    if not isinstance(value, str) or not re.fullmatch(r"https://[^\s]+", value.strip()):
        problems.append(f"{where}: {value!r} is not an address starting https://")
        return None
    if not host(value) or not _HOST.match(host(value)):
        problems.append(f"{where}: {value!r} has no valid website name")
        return None
    return value.strip()


def _source(entry: object, index: int, today: date, problems: list[str]) -> Source | None:
    where = f"source {index}"
    if not isinstance(entry, dict):
        problems.append(f"{where}: each source must be a set of 'key: value' lines")
        return None
    ident = entry.get("id")
    if isinstance(ident, str):
        where = f"source '{ident}'"
    unknown = sorted(str(k) for k in entry if k not in _SOURCE_KEYS)
    if unknown:
        problems.append(f"{where}: unknown field(s) {', '.join(unknown)} "
                        f"(allowed: {', '.join(sorted(_SOURCE_KEYS))})")
    missing = [k for k in _REQUIRED if k not in entry]
    if missing:
        problems.append(f"{where}: missing {', '.join(missing)}")
        return None
    before = len(problems)
    if not isinstance(ident, str) or not _ID.match(ident):
        problems.append(f"{where}: id {ident!r} must be lower-case letters, digits and hyphens")
    texts = {k: _text(entry, k, where, problems) for k in ("group", "title", "publisher", "edition")}
    note = entry.get("note", "")
    if not isinstance(note, str):
        problems.append(f"{where}: 'note' must be some text")
        note = ""
    url: str | None = None
    if entry.get("url") is not None:
        url = _address(entry["url"], f"{where} url", problems)
    elif not note.strip():
        problems.append(f"{where}: a source with no address needs a 'note' saying why")
    covers_raw = entry.get("covers", [])
    if isinstance(covers_raw, str):
        covers_raw = [covers_raw]
    covers: list[str] = []
    if not isinstance(covers_raw, list):
        problems.append(f"{where}: 'covers' must be a list of addresses")
    else:
        for item in covers_raw:
            address = _address(item, f"{where} covers", problems)
            if address:
                covers.append(address)
    if url and not any(Source.covering(url, prefix) for prefix in covers):
        covers.append(url)  # a link to the source's own address always cites it
    try:
        checked = parse_date(entry["checked"])
    except ValueError as exc:
        problems.append(f"{where}: checked: {exc}")
        return None
    if in_future(checked, today):
        problems.append(f"{where}: checked {checked.isoformat()} is a date that has not happened yet")
    if len(problems) > before:
        return None
    return Source(id=str(ident), url=url, covers=tuple(covers), checked=checked,
                  note=" ".join(note.split()), **texts)


def parse_register(text: str, today: date) -> Register:
    """Read the register's YAML. Raises RegisterError listing every problem found."""
    try:
        data = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError) as exc:  # ValueError: a date such as 2026-02-30
        raise RegisterError(f"the register is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise RegisterError("the register must start with 'sources:' followed by a list of sources")
    problems: list[str] = []
    unknown = sorted(str(k) for k in data if k not in _TOP_KEYS)
    if unknown:
        problems.append(f"unknown section(s) {', '.join(unknown)} (allowed: {', '.join(sorted(_TOP_KEYS))})")
    entries = data.get("sources")
    if not isinstance(entries, list) or not entries:
        problems.append("'sources' must be a list with at least one source")
        entries = []
    sources = [s for i, e in enumerate(entries, 1) if (s := _source(e, i, today, problems))]
    seen: dict[str, int] = {}
    for source in sources:
        seen[source.id] = seen.get(source.id, 0) + 1
    problems.extend(f"the id '{i}' is used by {n} sources" for i, n in sorted(seen.items()) if n > 1)
    owners: dict[str, str] = {}
    for source in sources:
        for prefix in source.covers:
            key = normalise(prefix)
            if key in owners and owners[key] != source.id:
                problems.append(f"'{source.id}' and '{owners[key]}' both cover {prefix}")
            owners[key] = source.id
    sites_raw = data.get("legal_sites", [])
    sites: set[str] = set()
    if not isinstance(sites_raw, list):
        problems.append("'legal_sites' must be a list of website names such as www.legislation.gov.uk")
    else:
        for item in sites_raw:
            if isinstance(item, str) and _HOST.match(item.strip().lower()):
                sites.add(item.strip().lower())
            else:
                problems.append(f"legal_sites: {item!r} is not a website name such as www.legislation.gov.uk")
    pages_raw = data.get("pages_about_this_site", {})
    pages: dict[str, str] = {}
    if not isinstance(pages_raw, dict):
        problems.append("'pages_about_this_site' must be 'page.md: reason' lines")
    else:
        for page, reason in pages_raw.items():
            if not isinstance(page, str) or not page.endswith(".md"):
                problems.append(f"pages_about_this_site: {page!r} is not a page such as privacy.md")
            elif not isinstance(reason, str) or not reason.strip():
                problems.append(f"pages_about_this_site: {page} needs a reason")
            else:
                pages[page] = " ".join(reason.split())
    if problems:
        raise RegisterError("\n".join(f"- {p}" for p in problems))
    return Register(tuple(sources), frozenset(sites), pages)


def load_register(path: Path, today: date) -> Register:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RegisterError(f"cannot read the register {path}: {exc.strerror}") from exc
    return parse_register(text, today)


# ---- checking a page --------------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def external_links(html: str) -> list[str]:
    """Every link in the HTML to another website, in order, without repeats."""
    parser = _Links()
    parser.feed(html)
    found: list[str] = []
    for href in parser.hrefs:
        if is_external(href) and href not in found:
            found.append(href)
    return found


@dataclass(frozen=True)
class PageCheck:
    page: str
    states_law: bool
    checked: date | None
    cited: tuple[str, ...]
    problems: tuple[str, ...]
    due: bool


def check_page(page: str, meta: Mapping[str, Any], links: Iterable[str], register: Register,
               today: date) -> PageCheck:
    """Check one page: its front matter (`meta`) and the links in its rendered content."""
    links = list(links)
    has_date_key = CHECKED_KEY in meta
    about_site = page in register.pages_about_this_site and not has_date_key
    cited: list[str] = []
    unknown: list[str] = []
    law_links: list[str] = []
    for href in links:
        source = register.source_for(href)
        if source is not None:
            if source.id not in cited:
                cited.append(source.id)
            law_links.append(href)
        else:
            if host(href) in register.legal_sites:
                law_links.append(href)
            unknown.append(href)
    states_law = has_date_key or (bool(law_links) and not about_site)
    problems: list[str] = []
    checked: date | None = None
    if states_law:
        if not has_date_key:
            problems.append(
                f"states law (it links to {law_links[0]}) but has no '{CHECKED_KEY}: YYYY-MM-DD' "
                "line in its front matter")
        else:
            try:
                checked = parse_date(meta[CHECKED_KEY])
            except ValueError as exc:
                problems.append(f"{CHECKED_KEY}: {exc}")
            else:
                if in_future(checked, today):
                    problems.append(f"{CHECKED_KEY} {checked.isoformat()} is a date that has not happened yet")
        for href in unknown:
            problems.append(f"cites {href}, which is not in the sources register")
    due = checked is not None and is_due(checked, today)
    return PageCheck(page, states_law, checked, tuple(cited), tuple(problems), due)


def due_sources(register: Register, today: date) -> list[Source]:
    return [s for s in register.sources if is_due(s.checked, today)]


# ---- what the pages show ----------------------------------------------------------------


def checked_line(markdown: str, meta: Mapping[str, Any], page_src: str, register_page: str | None) -> str:
    """Put "Law checked on <date>" under the page's title, when the page has a valid date.
    (A page with a missing or invalid date is reported when it is checked.)"""
    if CHECKED_KEY not in meta:
        return markdown
    try:
        checked = parse_date(meta[CHECKED_KEY])
    except ValueError:
        return markdown
    line = f'Law checked on <time datetime="{checked.isoformat()}">{long_date(checked)}</time>.'
    if register_page and register_page != page_src:
        target = posixpath.relpath(register_page, posixpath.dirname(page_src) or ".")
        line += f" [Sources, and when we checked them]({target})"
    block = f"{line}\n{{: .law-checked }}\n"
    lines = markdown.split("\n")
    for index, text in enumerate(lines):
        if text.startswith("# "):
            return "\n".join([*lines[: index + 1], "", block, *lines[index + 1:]])
    return block + "\n" + markdown


# A page's text may say "when we checked on {{ law_checked }}": the build writes the page's own
# checked date there, so the date is kept in one place, the front matter.
DATE_PLACEHOLDER = "{{ law_checked }}"
_PLACEHOLDER_OR_CODE = re.compile(r"(?P<code>(?P<ticks>`+).+?(?P=ticks))|(?P<date>\{\{\s*law_checked\s*\}\})")
_FENCE = re.compile(r"^\s*(```|~~~)")


def fill_checked_date(markdown: str, meta: Mapping[str, Any]) -> tuple[str, str | None]:
    """Write the page's law_checked date, in full ("30 November 2026"), in place of each
    {{ law_checked }} in its text, except in code (where it is being written about).
    Returns the text and a problem when the page has the placeholder but no valid date
    (the text is then unchanged)."""
    fenced = False
    used = False
    lines = markdown.split("\n")
    checked: date | None = None
    if CHECKED_KEY in meta:
        try:
            checked = parse_date(meta[CHECKED_KEY])
        except ValueError:
            checked = None

    def replace(match: re.Match[str]) -> str:
        nonlocal used
        if match.group("code"):
            return match.group(0)
        used = True
        return long_date(checked) if checked is not None else match.group(0)

    out: list[str] = []
    for line in lines:
        if _FENCE.match(line):
            fenced = not fenced
            out.append(line)
        else:
            out.append(line if fenced else _PLACEHOLDER_OR_CODE.sub(replace, line))
    if used and checked is None:
        return markdown, (f"uses {DATE_PLACEHOLDER} in its text but has no valid "
                          f"'{CHECKED_KEY}: YYYY-MM-DD' line in its front matter to fill it in")
    return "\n".join(out), None


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;")


def register_markdown(register: Register, today: date) -> str:
    """The register as Markdown: one section per group, one entry per source, each with an
    anchor (its id) that other pages can link to."""
    out: list[str] = []
    groups: list[str] = []
    for source in register.sources:
        if source.group not in groups:
            groups.append(source.group)
    for group in groups:
        out.append(f"## {_cell(group)}\n")
        for s in (s for s in register.sources if s.group == group):
            out.append(f"### {_cell(s.title)} {{#{s.id}}}\n")
            out.append(f"- Publisher: {_cell(s.publisher)}")
            out.append(f"- Edition or version: {_cell(s.edition)}")
            if s.url:
                out.append(f"- Address: [{_cell(s.url)}]({s.url})")
            else:
                out.append("- Address: none recorded")
            due = " (due to be checked again)" if is_due(s.checked, today) else ""
            out.append(f"- Last checked: {long_date(s.checked)}{due}")
            if s.note:
                out.append(f"- Note: {_cell(s.note)}")
            out.append("")
    return "\n".join(out)
