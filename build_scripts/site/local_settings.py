"""A safeguarding partnership's own contacts and links: `extra.local` in mkdocs.yml.

A partnership or council that hosts this site sets, in one block, who to call about a
child in its area. The block is host input: every value is checked strictly here, and
the build stops with a message naming each bad setting. The templates escape every
value (they never mark one safe).

    load(raw)      -> LocalSettings | None   (None: no settings, the generic text)
    problems(raw)  -> list[str]              (empty when the block is good)

The normalised settings are what the templates read (`config.extra.local`, see
overrides/partials/README.md); `identity()` is the short form the helper's record
notes: which site produced it.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

WHERE = "extra.local"

# Lengths a box on a phone screen can carry; longer is almost certainly a mistake.
MAX_NAME = 100
MAX_HOURS = 160
MAX_NOTE = 300
MAX_URL = 500
MAX_EMAIL = 254
MIN_PHONE_DIGITS = 3  # "101", "999"
MAX_PHONE_DIGITS = 15  # the longest international number (ITU-T E.164)

_PHONE_CHARS = re.compile(r"\+?[0-9 ()-]+")
_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_HOST = re.compile(r"[A-Za-z0-9.-]+")


class LocalSettingsError(ValueError):
    """One or more bad settings; str() lists every one, each with where it is."""

    def __init__(self, found: list[str]) -> None:
        self.problems = found
        count = "1 problem" if len(found) == 1 else f"{len(found)} problems"
        listing = "\n".join(f"  - {p}" for p in found)
        super().__init__(f"the local settings ({WHERE} in mkdocs.yml) have {count}:\n{listing}")


@dataclass(frozen=True)
class Phone:
    text: str  # as the host wrote it, for reading
    href: str  # "tel:01234567890": digits only, with a leading + if written

    @property
    def digits(self) -> str:
        return self.href.removeprefix("tel:")


@dataclass(frozen=True)
class Contact:
    name: str
    phone: Phone | None = None
    hours: str | None = None
    email: str | None = None
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class LocalSettings:
    name: str
    front_door: Contact
    out_of_hours: Contact | None = None
    police_non_emergency: Phone | None = None
    procedures_url: str | None = None
    information_sharing_protocol_url: str | None = None
    safeguarding_lead: Contact | None = None
    ig_lead: Contact | None = None


class _Problems:
    def __init__(self) -> None:
        self.found: list[str] = []

    def add(self, where: str, what: str) -> None:
        self.found.append(f"{where}: {what}")


# ---- single values ---------------------------------------------------------------------


def _text(value: object, where: str, limit: int, out: _Problems) -> str | None:
    if value is None:
        out.add(where, "has no value; give one, or remove the line")
        return None
    if not isinstance(value, str):
        out.add(where, f"must be text, not {type(value).__name__} ({value!r}); put it in quotes")
        return None
    text = value.strip()
    if not text:
        out.add(where, "is empty; give a value, or remove the line")
        return None
    if any(unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp"} for ch in text):
        out.add(where, "must be one line of plain text (no line breaks, tabs or control characters)")
        return None
    if len(text) > limit:
        out.add(where, f"is {len(text)} characters long; keep it to {limit} or fewer")
        return None
    return text


def _phone(value: object, where: str, out: _Problems) -> Phone | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        out.add(where, f"must be written in quotes, like \"{value}\" (YAML reads a bare number as a number "
                       "and drops leading zeros)")
        return None
    text = _text(value, where, 40, out)
    if text is None:
        return None
    digits = re.sub(r"[^0-9]", "", text)
    if not _PHONE_CHARS.fullmatch(text):
        out.add(where, f"{text!r} is not a phone number: use digits, spaces, brackets, hyphens and a leading +")
        return None
    if not MIN_PHONE_DIGITS <= len(digits) <= MAX_PHONE_DIGITS:
        out.add(where, f"{text!r} has {len(digits)} digits; a phone number has "
                       f"{MIN_PHONE_DIGITS} to {MAX_PHONE_DIGITS}")
        return None
    return Phone(text=text, href="tel:" + ("+" if text.startswith("+") else "") + digits)


def _url(value: object, where: str, out: _Problems) -> str | None:
    text = _text(value, where, MAX_URL, out)
    if text is None:
        return None
    if any(ch.isspace() or ch in "\"'<>\\`" for ch in text):
        out.add(where, f"{text!r} is not a web address (it has spaces, quotes or angle brackets)")
        return None
    try:
        parts = urlsplit(text)
        _ = parts.port  # a port that is not a number raises here
    except ValueError:
        out.add(where, f"{text!r} is not a web address")
        return None
    if parts.scheme.lower() != "https":
        out.add(where, f"must start with https:// (got {text!r}); links from this site go only to secure pages")
        return None
    host = parts.hostname or ""
    if not host or not _HOST.fullmatch(host) or "." not in host.strip("."):
        out.add(where, f"{text!r} has no proper host name")
        return None
    if parts.username is not None or parts.password is not None:
        out.add(where, f"{text!r} carries a user name or password; remove it")
        return None
    return text


def _email(value: object, where: str, out: _Problems) -> str | None:
    text = _text(value, where, MAX_EMAIL, out)
    if text is None:
        return None
    if not _EMAIL.fullmatch(text):
        out.add(where, f"{text!r} is not an email address")
        return None
    return text


# ---- blocks ----------------------------------------------------------------------------


def _unknown_keys(block: Mapping[Any, Any], allowed: tuple[str, ...], where: str, out: _Problems) -> None:
    for key in block:
        if key in allowed:
            continue
        close = difflib.get_close_matches(str(key), allowed, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        out.add(f"{where}.{key}", f"unknown setting{hint}; the settings here are: {', '.join(allowed)}")


_CONTACT_KEYS = ("name", "phone", "hours", "email", "url", "note")


def _contact(value: object, where: str, out: _Problems, *, needs_phone: bool) -> Contact | None:
    if not isinstance(value, Mapping):
        out.add(where, "must be a block of settings (name:, phone:, ...), indented under it")
        return None
    before = len(out.found)
    _unknown_keys(value, _CONTACT_KEYS, where, out)
    name = _text(value.get("name"), f"{where}.name", MAX_NAME, out) if "name" in value else None
    if "name" not in value:
        out.add(f"{where}.name", "is missing; say who people reach, for example \"Children's Front Door\"")
    phone = _phone(value["phone"], f"{where}.phone", out) if "phone" in value else None
    if needs_phone and "phone" not in value:
        out.add(f"{where}.phone", "is missing; give the number people should call")
    hours = _text(value["hours"], f"{where}.hours", MAX_HOURS, out) if "hours" in value else None
    email = _email(value["email"], f"{where}.email", out) if "email" in value else None
    url = _url(value["url"], f"{where}.url", out) if "url" in value else None
    note = _text(value["note"], f"{where}.note", MAX_NOTE, out) if "note" in value else None
    if not ({"phone", "email", "url", "note"} & set(value)):
        out.add(where, "says nobody how to reach it: give a phone, email, url or note")
    if len(out.found) > before or name is None:
        return None
    return Contact(name=name, phone=phone, hours=hours, email=email, url=url, note=note)


def _optional_contact(*, needs_phone: bool) -> Callable[[object, str, _Problems], Contact | None]:
    def read(value: object, where: str, out: _Problems) -> Contact | None:
        return _contact(value, where, out, needs_phone=needs_phone)
    return read


# Every setting: how it is read. The order is the order the documentation lists them.
_READERS: dict[str, Callable[[object, str, _Problems], Any]] = {
    "name": lambda value, where, out: _text(value, where, MAX_NAME, out),
    "front_door": _optional_contact(needs_phone=True),
    "out_of_hours": _optional_contact(needs_phone=True),
    "police_non_emergency": _phone,
    "procedures_url": _url,
    "information_sharing_protocol_url": _url,
    "safeguarding_lead": _optional_contact(needs_phone=False),
    "ig_lead": _optional_contact(needs_phone=False),
}
SETTINGS = tuple(_READERS)
REQUIRED = ("name", "front_door")


def _read(raw: object) -> tuple[LocalSettings | None, list[str]]:
    if raw is None or (isinstance(raw, Mapping) and not raw):
        return None, []
    out = _Problems()
    if not isinstance(raw, Mapping):
        out.add(WHERE, "must be a block of settings (name:, front_door:, ...), or left empty")
        return None, out.found
    _unknown_keys(raw, SETTINGS, WHERE, out)
    values: dict[str, Any] = {}
    for key, reader in _READERS.items():
        if key in raw:
            values[key] = reader(raw[key], f"{WHERE}.{key}", out)
    for key in REQUIRED:
        if key not in raw:
            out.add(f"{WHERE}.{key}", "is missing; it is needed whenever any local setting is given")
    if out.found:
        return None, out.found
    return LocalSettings(**values), []


def problems(raw: object) -> list[str]:
    """Every problem with a raw `extra.local` block, each naming its setting."""
    return _read(raw)[1]


def load(raw: object) -> LocalSettings | None:
    """The normalised settings, or None when the block is absent or empty.

    Raises LocalSettingsError listing every bad setting."""
    if isinstance(raw, LocalSettings):
        return raw  # already loaded
    settings, found = _read(raw)
    if found:
        raise LocalSettingsError(found)
    return settings


def identity(settings: LocalSettings | None, site_url: str | None) -> dict[str, str | None]:
    """Which site produced a record: the partnership's name and the site's address."""
    return {"name": settings.name if settings else None, "url": site_url or None}
