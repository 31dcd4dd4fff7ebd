"""Every sentence the helper's page shows comes from Python's contract (infoshare.contract):
a string literal in the page's JavaScript that reads like English must be one of the
contract's own texts (or one of the few strings below that are never shown). A sentence
added to a module, and not to the contract, fails this test. The page's JavaScript
includes the runtime's wheel loader (build_scripts/runtime/runtime_wheels.mjs, shipped as
wheels.mjs), whose errors reach the page by their reasons, worded by the contract."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from infoshare.contract import contract

ROOT = Path(__file__).resolve().parents[2]
HELPER = ROOT / "docs" / "helper"
WHEEL_LOADER = ROOT / "build_scripts" / "runtime" / "runtime_wheels.mjs"

# Comments and string literals, read left to right, so that a quote in a comment or "//"
# in a string is taken for what it is.
_TOKEN = re.compile(r'''//[^\n]*|/\*.*?\*/|"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`''',
                    re.DOTALL)
_INTERPOLATION = re.compile(r"\$\{(?:[^{}]|\{[^{}]*\})*\}")
_PLACEHOLDER = re.compile(r"%?\{\w*\}")
# Text a person reads: letters, digits, spaces and sentence punctuation only (so no CSS
# selector, class list, URL or code), with at least one word before a space.
_PROSE = re.compile(r"[A-Za-z0-9 .,:;'’!?()…\"\-]*")
_WORD = re.compile(r"[A-Za-z]{2,}")

# Strings that read like English but are never shown on the page: code, and messages for
# developers (the console, and errors a test or a developer reads). Each says why.
NOT_SHOWN = {
    "use strict": "a directive",
    "legend, label": "a CSS selector",
    "govuk-inset-text infoshare-prompt": "class names",
    "A GOV.UK component could not start:": "console only",
    "Content-Security-Policy blocked {} ({})": "console only, from the worker",
    "The rest of Python's standard library was not added ({}).": "console only",
}

def sentences_in(source: str) -> list[str]:
    """The string literals in `source` that read like English, interpolations as {}."""
    return [text for text in literals_in(source) if _reads_like_english(text.replace("{}", " "))]


def _reads_like_english(prose: str) -> bool:
    return bool(_PROSE.fullmatch(prose)) and len(_WORD.findall(prose)) >= 2 and " " in prose.strip()


def _texts(value: Any) -> set[str]:
    if isinstance(value, str):
        return {_PLACEHOLDER.sub("{}", value)}
    if isinstance(value, dict):
        return set().union(*(_texts(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(_texts(v) for v in value)) if value else set()
    return set()


def _modules() -> list[Path]:
    files = [*HELPER.rglob("*.mjs"), HELPER / "helper.js"]
    return [*sorted(p for p in files if not p.name.endswith(".test.mjs")), WHEEL_LOADER]


def _name(path: Path) -> str:
    return path.name if path == WHEEL_LOADER else path.relative_to(HELPER).as_posix()


def _copy_modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The page's modules copied under `tmp_path`, and the tests here pointed at the copies
    (for a hostile control to change one); returns the helper's folder."""
    helper, loader = tmp_path / "helper", tmp_path / "runtime" / WHEEL_LOADER.name
    for path in _modules():
        target = loader if path == WHEEL_LOADER else helper / path.relative_to(HELPER)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setitem(globals(), "HELPER", helper)
    monkeypatch.setitem(globals(), "WHEEL_LOADER", loader)
    return helper


def _known() -> set[str]:
    """Every text the contract holds, as the page receives it (JSON), placeholders as {}."""
    return _texts(json.loads(json.dumps(contract())))


def test_every_sentence_in_the_pages_javascript_is_the_contracts() -> None:
    known = _known()
    unexplained = sorted({f"{_name(path)}: {text!r}"
                          for path in _modules() for text in sentences_in(path.read_text(encoding="utf-8"))
                          if text not in known and text not in NOT_SHOWN})
    assert unexplained == [], "sentences the contract does not hold:\n" + "\n".join(unexplained)


def test_no_module_keeps_its_own_copy_of_a_contract_sentence() -> None:
    """A sentence the contract holds is read from it (the messages the page receives), never
    written out again in a module: a copy would pass the test above and drift from it."""
    known = _known()
    copies = sorted({f"{_name(path)}: {text!r}"
                     for path in _modules() for text in sentences_in(path.read_text(encoding="utf-8"))
                     if text in known})
    assert copies == [], "copies of the contract's sentences:\n" + "\n".join(copies)


def literals_in(source: str) -> list[str]:
    """Every string literal in `source`, interpolations as {}, however short."""
    found: list[str] = []
    for match in _TOKEN.finditer(source):
        if match.group(0).startswith("/"):
            continue  # a comment
        text = next(g for g in match.groups() if g is not None)
        found.append(_INTERPOLATION.sub("{}", text).replace("\\'", "'").replace('\\"', '"'))
    return found


def test_no_module_writes_out_a_word_of_the_contracts_messages() -> None:
    """The check above sees sentences of two words or more; the page's own short words
    (the "Change" link, the "Error:" before an error) are the contract's messages too, and
    a module that writes one out, rather than reading it, fails this."""
    words = {_PLACEHOLDER.sub("{}", text).strip() for text in contract()["messages"].values()}
    copies = sorted({f"{_name(path)}: {text!r}"
                     for path in _modules() for text in literals_in(path.read_text(encoding="utf-8"))
                     if text.strip() and text.strip() in words})
    assert copies == [], "the contract's messages, written out:\n" + "\n".join(copies)


@pytest.mark.parametrize("line", ['link.append("Change", hidden);', 'hidden.textContent = "Error:";',
                                  "item(`Rule ${number}`);", 'document.title = "Error: " + title;'])
def test_a_module_that_writes_out_a_short_message_fails(line: str, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The hostile control for short words: each of these, added to a module, fails it."""
    helper = _copy_modules(tmp_path, monkeypatch)
    with (helper / "app" / "summary.mjs").open("a", encoding="utf-8") as f:
        f.write(f"\n{line}\n")
    with pytest.raises(AssertionError, match="written out"):
        test_no_module_writes_out_a_word_of_the_contracts_messages()


def test_the_lists_of_exceptions_only_shrink() -> None:
    everywhere = {text for path in _modules() for text in sentences_in(path.read_text(encoding="utf-8"))}
    stale = sorted(set(NOT_SHOWN) - everywhere)
    assert stale == [], f"no longer in the modules, so take them off the list: {stale}"


def test_the_character_count_and_loading_status_speak_from_the_contract() -> None:
    messages = contract()["messages"]
    status = (HELPER / "app" / "status.mjs").read_text(encoding="utf-8")
    for key in ("loading", "loading_step", "loading_amount", "loading_waiting", "loading_ready"):
        assert f"messages.{key}" in status, key
        assert messages[key] not in status
    assert "characters remaining" not in "".join(p.read_text(encoding="utf-8") for p in _modules())


@pytest.mark.parametrize(("source", "expected"), [
    ('el.textContent = "Your record has been sent to the council.";', ["Your record has been sent to the council."]),
    ("say(`Saved ${name} on this device`);", ["Saved {} on this device"]),
    ("x = 'Nothing leaves your device';", ["Nothing leaves your device"]),
    ('el.textContent = "Downloaded " + name;', []),  # one word: below what this test can tell
    ("// A comment that reads like a sentence.\nconst a = 1;", []),
    ("/* A block comment, also a sentence. */", []),
    ("let depth = 0; // this page's place in the browser's history", []),
    ('x = "Two words" // and a comment\'s quote', ["Two words"]),
    ('q("section.infoshare-page:not([hidden])");', []),
    ('q("#infoshare-form > section");', []),
    ('fetch("https://example.org/a b");', []),
])
def test_sentences_are_found_and_code_is_not(source: str, expected: list[str]) -> None:
    assert sentences_in(source) == expected


def test_a_sentence_that_never_entered_the_contract_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The hostile control: a module with a new sentence makes the first test fail."""
    helper = _copy_modules(tmp_path, monkeypatch)
    with (helper / "app" / "status.mjs").open("a", encoding="utf-8") as f:
        f.write('\nexport const LATE = "Your answers were sent to the server.";\n')
    with pytest.raises(AssertionError, match="Your answers were sent to the server"):
        test_every_sentence_in_the_pages_javascript_is_the_contracts()


def test_a_module_that_copies_a_contract_sentence_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The hostile control for copies: a module that writes out one of the contract's
    sentences, rather than reading it, makes the copy test fail."""
    helper = _copy_modules(tmp_path, monkeypatch)
    with (helper / "app" / "records.mjs").open("a", encoding="utf-8") as f:
        f.write('\nexport const CLEARED = "All answers cleared.";\n')
    test_every_sentence_in_the_pages_javascript_is_the_contracts()  # in the contract, so this passes
    with pytest.raises(AssertionError, match="All answers cleared"):
        test_no_module_keeps_its_own_copy_of_a_contract_sentence()


@pytest.mark.parametrize("line", [
    'throw new Error(`${entry.file_name} is damaged or was changed after the build`);',
    "throw new Error(`pyodide-lock.json has no package ${name}`);",
])
def test_a_sentence_in_the_wheel_loader_fails(line: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The hostile control for the wheel loader: an error worded in the loader itself, which
    the worker would pass on to the page, makes the first test fail."""
    _copy_modules(tmp_path, monkeypatch)
    with WHEEL_LOADER.open("a", encoding="utf-8") as f:
        f.write(f"\n{line}\n")
    with pytest.raises(AssertionError, match=r"runtime_wheels\.mjs: .*(damaged|no package)"):
        test_every_sentence_in_the_pages_javascript_is_the_contracts()
