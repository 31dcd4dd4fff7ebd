"""The page's JavaScript speaks the bridge's language from the contract: every operation it
sends to Python (a request's "op") is read, at run time, from the contract's `operations`
(infoshare.operations), never written out in a module, so renaming an operation in Python
renames it on the page; each of those is one the bridge answers and the contract's table of
loading stages lists; every page Python names besides a question (act_now, outcome,
check) is compared with the contract's targets, never with a word of the module's own;
and its time limits are the contract's, written by the build into the boot script."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from infoshare import bridge
from infoshare.contract import OPERATION_STAGES, OPERATIONS, TARGETS, TIMEOUTS, contract

ROOT = Path(__file__).resolve().parents[2]
HELPER = ROOT / "docs" / "helper"

# A request's operation, written as an object's "op" key with a string value, in any quotes.
_OP = re.compile(r"""(?<![\w$.])["']?op["']?\s*:\s*(["'`])(?P<name>[^"'`]*)\1""")
# A request's "op" key and whatever its value is, up to the next property or the object's end.
_OP_VALUE = re.compile(r"""(?<![\w$.])["']?op["']?\s*:\s*(?P<value>[^,}\n]+)""")
# The one way a module names an operation: by its role in the contract's `operations`.
_FROM_CONTRACT = re.compile(r"operations\.(?P<role>\w+)")
# A comparison with a string literal (===, !==, ==, !=), on either side.
_COMPARED = re.compile(r"""[!=]==?\s*(["'`])(?P<a>[^"'`]*)\1|(["'`])(?P<b>[^"'`]*)\3\s*[!=]==?""")


def _modules() -> list[Path]:
    files = [*HELPER.rglob("*.mjs"), *HELPER.rglob("*.js")]
    return sorted(p for p in files if not p.name.endswith(".test.mjs"))


def operations_in(source: str) -> list[str]:
    return [m.group("name") for m in _OP.finditer(source)]


def compared_literals(source: str) -> list[str]:
    return [m.group("a") if m.group("a") is not None else m.group("b") for m in _COMPARED.finditer(source)]


def roles_in(source: str) -> list[str]:
    """The roles a module reads from the contract's operations (`operations.seal`)."""
    return [m.group("role") for m in _FROM_CONTRACT.finditer(source)]


def op_values_in(source: str) -> list[str]:
    """What each request's "op" is set to, as written."""
    return [m.group("value").strip() for m in _OP_VALUE.finditer(source)]


def unknown_operations(sources: dict[str, str]) -> list[str]:
    """Every "op" that is not a role of the contract's operations, and every role a module
    reads that the contract lacks or the bridge does not answer: a name written out (even
    a right one, which a rename in Python would leave behind), a variable of the module's
    own, or a role misspelt."""
    roles = contract()["operations"]
    answered = set(bridge._OPS) & set(contract()["operation_stages"])
    problems = [f"{name}: op {value}" for name, text in sources.items() for value in op_values_in(text)
                if not (_FROM_CONTRACT.fullmatch(value) and value.split(".")[1] in roles)]
    problems += [f"{name}: operations.{role}" for name, text in sources.items() for role in roles_in(text)
                 if roles.get(role) not in answered]
    return sorted(problems)


def own_targets(sources: dict[str, str]) -> list[str]:
    targets = set(TARGETS.values())
    return sorted(f"{name}: {word!r}" for name, text in sources.items() for word in compared_literals(text)
                  if word in targets)


def _sources() -> dict[str, str]:
    return {p.relative_to(HELPER).as_posix(): p.read_text(encoding="utf-8") for p in _modules()}


def test_every_operation_the_page_sends_is_the_contracts_and_one_the_bridge_answers() -> None:
    sources = _sources()
    used = {role for text in sources.values() for role in roles_in(text)}
    # The scan sees the page's calls (so this test cannot pass by finding none) ...
    assert {"step", "outcome", "summary", "seal", "render", "open", "changes", "draft", "path"} <= used
    assert sum(len(op_values_in(text)) for text in sources.values()) >= 13
    # ... and none is written out: each is read from the contract, and the bridge answers it.
    assert [op for text in sources.values() for op in operations_in(text)] == []
    assert unknown_operations(sources) == []


def test_the_contracts_operations_are_the_bridges_and_the_stage_tables() -> None:
    assert contract()["operations"] == OPERATIONS
    assert set(OPERATIONS.values()) == set(bridge._OPS) == set(OPERATION_STAGES)
    # One name per operation: two roles never share a name.
    assert len(set(OPERATIONS.values())) == len(OPERATIONS)


def test_the_boot_script_hands_the_worker_the_contracts_operations() -> None:
    boot = (HELPER / "helper.js").read_text(encoding="utf-8")
    worker = (HELPER / "worker.mjs").read_text(encoding="utf-8")
    assert "operations: contract().operations" in boot
    assert "operations = message.operations" in worker


def test_no_module_compares_with_a_target_of_its_own() -> None:
    assert own_targets(_sources()) == []
    journey = (HELPER / "app" / "journey.mjs").read_text(encoding="utf-8")
    for target in TARGETS:
        assert f"targets.{target}" in journey, target


def test_the_contracts_targets_are_the_navigations() -> None:
    from infoshare import navigation

    assert TARGETS == {"act_now": navigation.ACT_NOW, "outcome": navigation.OUTCOME, "check": navigation.CHECK}
    assert contract()["targets"] == TARGETS


@pytest.mark.parametrize(("source", "ops", "compared"), [
    ('call({ op: "outcome", answers })', ["outcome"], []),
    ("engine.call({op:'seal'})", ["seal"], []),
    ('JSON.stringify({ "op": "path", answers: {} })', ["path"], []),
    ("call({ op: `render`, record })", ["render"], []),
    ("call({ op: operations.render, record })", [], []),
    ('const stop = "op: no"; x.loop = "step";', [], []),  # a property ending in "op", and no "op" key
    ('if (target === "check") go();', [], ["check"]),
    ('if ("act_now" == target) go();', [], ["act_now"]),
    ("if (target === targets().outcome) go();", [], []),
])
def test_operations_and_comparisons_are_found(source: str, ops: list[str], compared: list[str]) -> None:
    assert operations_in(source) == ops
    assert compared_literals(source) == compared


@pytest.mark.parametrize(("source", "expected"), [
    # A name written out, even one the bridge answers today: a rename would leave it behind.
    ('engine.call({ op: "seal", answers });', ["app/late.mjs: op \"seal\""]),
    ("call({op:'path'})", ["app/late.mjs: op 'path'"]),
    ('engine.call({ op: "delete_everything" });', ['app/late.mjs: op "delete_everything"']),
    # A role the contract does not have, or a value of the module's own.
    ("call({ op: operations.delete_everything });",
     ["app/late.mjs: op operations.delete_everything", "app/late.mjs: operations.delete_everything"]),
    ("call({ op: operations.Seal, answers });", ["app/late.mjs: op operations.Seal", "app/late.mjs: operations.Seal"]),
    ("const name = 'seal'; call({ op: name });", ["app/late.mjs: op name"]),
    ('call({ "op": `${kind}`, answers });', ["app/late.mjs: op `${kind"]),  # (read up to its first "}")
])
def test_an_operation_not_read_from_the_contract_fails(source: str, expected: list[str]) -> None:
    """The hostile control: a module sending an operation it wrote out, one no one defined,
    or one of its own making is caught."""
    sources = _sources()
    sources["app/late.mjs"] = source
    assert unknown_operations(sources) == expected


def test_a_target_written_out_by_a_module_fails() -> None:
    sources = _sources()
    sources["app/late.mjs"] = 'if (reply.next === "outcome") show();'
    assert own_targets(sources) == ["app/late.mjs: 'outcome'"]


def test_the_time_limits_are_the_contracts_and_no_module_keeps_its_own() -> None:
    assert contract()["timeouts"] == TIMEOUTS
    assert set(TIMEOUTS) == {"call_ms", "stall_ms", "startup_ms", "max_restarts", "theme_scripts_ms"}
    # The message for a start that takes too long names the contract's limit.
    minutes = {1: "one minute", 2: "two minutes", 3: "three minutes", 5: "five minutes"}
    assert minutes[TIMEOUTS["startup_ms"] // 60_000] in contract()["messages"]["timeout_reason"]
    for name, text in _sources().items():
        # A limit written out in a module: a number of seconds or milliseconds it waits.
        assert not re.search(r"\b(?:15_?000|120_?000|8_?000|MAX_RESTARTS|STARTUP_TIMEOUT)\b", text), name


def test_the_built_page_gives_the_boot_script_the_contracts_limits(built_site: Path) -> None:
    page = (built_site / "helper" / "index.html").read_text(encoding="utf-8")
    tag = re.search(r"<script async src=\"[^\"]*helper\.js[^>]*>", page)
    assert tag is not None
    attributes = {k: html.unescape(v) for k, v in re.findall(r'data-([\w-]+)="([^"]*)"', tag.group(0))}
    assert attributes["call-timeout"] == str(TIMEOUTS["call_ms"])
    assert attributes["stall-timeout"] == str(TIMEOUTS["stall_ms"])
    assert attributes["startup-timeout"] == str(TIMEOUTS["startup_ms"])
    assert attributes["max-restarts"] == str(TIMEOUTS["max_restarts"])
    assert attributes["theme-wait"] == str(TIMEOUTS["theme_scripts_ms"])


def test_the_stage_table_names_only_operations() -> None:
    assert set(OPERATION_STAGES) == set(bridge._OPS)
