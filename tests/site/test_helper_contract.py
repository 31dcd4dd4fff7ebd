"""The page and the package keep one contract (infoshare.contract), and the page's
scripts hold no copy of it.

The build writes the contract into the helper page and renders the page from it;
these tests fail when the built page and the package disagree, when an id the
scripts look up is missing or doubled, and when a script spells out something the
contract owns (an id, a message, a format, the draft format, the file-name rule).
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from infoshare.contract import contract

from tests.conftest import ROOT

SCRIPTS = sorted(p for pattern in ("*.js", "*.mjs") for p in (ROOT / "docs" / "helper").rglob(pattern))


class _Page(HTMLParser):
    """The helper's part of the built page: its ids, form controls, buttons and contract."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.controls: list[dict[str, str | None]] = []
        self.buttons: list[dict[str, str | None]] = []
        self.contract_text = ""
        self._in_contract = False
        self._depth = 0  # how deep inside the helper's root element

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        ids = contract()["ids"]
        if found.get("id") == ids["root"]:
            self._depth = 1
        elif self._depth and tag == "div":
            self._depth += 1
        if found.get("id"):
            self.ids.append(str(found["id"]))
        if not self._depth:
            return
        if tag in {"input", "textarea", "select"} and found.get("name"):
            self.controls.append(found)
        if tag == "button":
            self.buttons.append(found)
        self._in_contract = tag == "script" and found.get("id") == ids["contract"]

    def handle_data(self, data: str) -> None:
        if self._in_contract:
            self.contract_text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_contract = False
        elif tag == "div" and self._depth:
            self._depth -= 1


@pytest.fixture(scope="module")
def page(built_site: Path) -> _Page:
    parser = _Page()
    parser.feed((built_site / "helper" / "index.html").read_text(encoding="utf-8"))
    return parser


def test_the_page_carries_the_packages_contract(page: _Page) -> None:
    assert json.loads(page.contract_text) == contract()


def test_every_id_the_scripts_look_up_is_on_the_page_once(page: _Page) -> None:
    for role, element_id in contract()["ids"].items():
        assert page.ids.count(element_id) == 1, (role, element_id)


def test_every_question_has_its_control_and_nothing_else_is_asked(page: _Page) -> None:
    data = contract()
    fields = [f for p in data["pages"] for f in p["fields"]] + data["amendment_fields"]
    by_id = set(page.ids)
    for f in fields:
        assert f["id"] == data["field_id_prefix"] + f["name"]
        assert f["id"] in by_id, f["name"]
    names = {c["name"] for c in page.controls}
    # A date is asked in boxes, one control per part, each named and found as the contract says.
    expected = {f["name"] for f in fields if not f.get("parts")}
    for f in fields:
        for part in f.get("parts", []):
            expected.add(part["name"])
            assert part["id"] in by_id, part
    assert names == expected | {"record_file"}


def test_the_download_buttons_are_the_contracts_formats(page: _Page) -> None:
    offered = [b["data-format"] for b in page.buttons if b.get("data-action") == "download"]
    assert offered == [f["key"] for f in contract()["formats"]]


def _owned_strings(data: Any) -> set[str]:
    """Every text value in the contract that a script could copy: ids, messages, MIME
    types, the draft format's name, the file-name rule's words."""
    found: set[str] = set()
    for key in ("ids", "messages"):
        found.update(data[key].values())
    found.update(f["mime"] for f in data["formats"])
    found.add(data["draft"]["format"])
    found.update(v for v in data["file_name"].values() if isinstance(v, str) and len(v) > 2)
    for page_data in data["pages"]:
        found.add(page_data["title"])
        for f in page_data["fields"]:
            found.update(x for x in (f["label"], f["hint"]) if x)
    # Short values ("-", "_") cannot be told from ordinary code.
    return {s for s in found if len(s) >= 6}


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_scripts_keep_no_copy_of_the_contract(script: Path) -> None:
    text = script.read_text(encoding="utf-8")
    copied = sorted(s for s in _owned_strings(contract()) if _spelled_out(s, text))
    assert copied == []
    # Nor its numbers: the 5 MB limit, written out.
    assert not re.search(r"5\s*\*\s*1024\s*\*\s*1024|5_?242_?880", text)


def _spelled_out(value: str, text: str) -> bool:
    """Whether `value` appears in `text` as a whole token (so the root id "infoshare" is
    not found in "infoshare:ready" or "infoshare.contract")."""
    return re.search(rf"(?<![\w.:-]){re.escape(value)}(?![\w.:-])", text) is not None


def test_the_copy_check_can_fail() -> None:
    """The copy check finds a copied id, message and MIME type, and not a mark's name."""
    owned = _owned_strings(contract())
    sample = ('document.getElementById("infoshare-status"); type = "application/json"; '
              'performance.mark("infoshare:ready");')
    found = {s for s in owned if _spelled_out(s, sample)}
    assert found == {"infoshare-status", "application/json"}
