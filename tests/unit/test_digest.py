"""What the digest covers: every part of a sealed record, its amendments included.

Golden files mask the digest (it changes whenever anything does), so this is where
it is tested: change any single value, add or remove any key, anywhere in a sealed
record, and the record no longer opens as unaltered.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest
from infoshare import RecordError, check_sealed, digest, run_case, seal
from infoshare.amend import link_problems
from infoshare.dates import parse_now

from .conftest import load_case

Path = tuple[str | int, ...]


def _leaves(value: Any, path: Path = ()) -> Iterator[Path]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _leaves(child, (*path, key))
    elif isinstance(value, list):
        if not value:
            yield path
        for index, child in enumerate(value):
            yield from _leaves(child, (*path, index))
    else:
        yield path


def _containers(value: Any, path: Path = ()) -> Iterator[Path]:
    if isinstance(value, (dict, list)):
        yield path
        children = value.items() if isinstance(value, dict) else enumerate(value)
        for key, child in children:
            yield from _containers(child, (*path, key))


def _at(record: Any, path: Path) -> Any:
    for key in path:
        record = record[key]
    return record


def _changed(value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return value + "x"
    if value is None:
        return "x"
    if isinstance(value, list):
        return [*value, "x"]
    raise AssertionError(value)


def _sealed(case: str) -> dict[str, Any]:
    record: dict[str, Any] = json.loads(run_case(load_case(case))["json"])
    return record


RECORDS = {case: _sealed(case)
           for case in ("amended", "amendment_chain", "share_risk_of_harm", "emergency")}
CHANGES = [
    (case, path)
    for case, record in RECORDS.items()
    for path in _leaves(record)
    if path != ("sha256",)
]


def test_every_record_here_opens_unaltered() -> None:
    for record in RECORDS.values():
        assert check_sealed(copy.deepcopy(record))
    assert RECORDS["amended"]["amendments"], "the amended case must have amendments"


@pytest.mark.parametrize(("case", "path"), CHANGES, ids=lambda v: "/".join(map(str, v))
                         if isinstance(v, tuple) else v)
def test_changing_any_value_breaks_the_seal(case: str, path: Path) -> None:
    record = copy.deepcopy(RECORDS[case])
    parent = _at(record, path[:-1])
    parent[path[-1]] = _changed(parent[path[-1]])
    with pytest.raises(RecordError) as caught:
        check_sealed(record)
    # A changed format or schema version makes it not a record this helper reads at all;
    # anything else is a record altered since it was sealed.
    assert caught.value.invalid is (path not in {("format",), ("schema_version",)})


@pytest.mark.parametrize("case", sorted(RECORDS))
def test_adding_or_removing_a_key_anywhere_breaks_the_seal(case: str) -> None:
    for path in _containers(RECORDS[case]):
        record = copy.deepcopy(RECORDS[case])
        target = _at(record, path)
        if isinstance(target, dict):
            target["added"] = "x"
        else:
            target.append("x")
        with pytest.raises(RecordError):
            check_sealed(record)
        for key in list(_at(RECORDS[case], path)) if isinstance(target, dict) else []:
            if path == () and key == "sha256":
                continue
            record = copy.deepcopy(RECORDS[case])
            del _at(record, path)[key]
            with pytest.raises(RecordError):
                check_sealed(record)


def _chain() -> list[dict[str, Any]]:
    case = load_case("amendment_chain")
    versions: list[dict[str, Any]] = []
    for step in [*case["earlier"], case]:
        record, _ = seal(step["answers"], parse_now(step["now"]),
                         versions[-1] if versions else None, step.get("amendment"),
                         step.get("site"))
        assert record is not None
        versions.append(record)
    return versions


CHAIN = _chain()
# The digest is not a signature: anyone who edits a record can recompute it. What the
# latest amendment says about who amended and why is new in that version, so only its
# digest protects it; everything else in the history is checked against the answers
# (check_sealed) or against the version it amends (link_problems).
UNCHECKABLE_ONCE_RESEALED = {("amendments", 1, "by"), ("amendments", 1, "reason")}


def test_the_amendment_chain_links_each_version_to_the_one_before() -> None:
    first, second, third = CHAIN
    assert third["amendments"][1]["previous_sha256"] == second["sha256"] == digest(second)
    assert third["amendments"][0]["previous_sha256"] == first["sha256"] == digest(first)
    assert link_problems(first, second) == link_problems(second, third) == []


@pytest.mark.parametrize("path", list(_leaves(CHAIN[2]["amendments"])),
                         ids=lambda p: "/".join(map(str, p)))
def test_tampering_with_any_amendment_fails_even_with_the_digest_recomputed(path: Path) -> None:
    record = copy.deepcopy(CHAIN[2])
    parent = _at(record["amendments"], path[:-1])
    parent[path[-1]] = _changed(parent[path[-1]])
    with pytest.raises(RecordError):
        check_sealed(record)  # the digest no longer matches
    record["sha256"] = digest(record)
    if ("amendments", *path) in UNCHECKABLE_ONCE_RESEALED:
        check_sealed(record)
        return
    try:
        check_sealed(record)
    except RecordError:
        return
    assert link_problems(CHAIN[1], record), path
