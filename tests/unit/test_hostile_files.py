"""Hostile files never stop the helper: deep nesting is refused before parsing, and
the command line reads only regular files (or standard input, given as "-").

Python's JSON parser recurses once per level of nesting; in the browser 2,000
nested objects overflow its stack and stop Python (tests/pyodide/test_deep_nesting.py
shows the same files refused there). On the command line a pipe or a device
would make `validate` wait, or read, for ever.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from infoshare import bridge, canonical_json, example, load
from infoshare.cli import main
from infoshare.jsondepth import MAX_DEPTH, nested_too_deeply
from infoshare.parse import MAX_BYTES, TOO_DEEP, RecordError

# The files: 2,000 nested objects in 12 KB, 5,000 nested arrays in 10 KB.
OBJECTS_2000 = '{"a":' * 2000 + "1" + "}" * 2000
ARRAYS_5000 = "[" * 5000 + "]" * 5000
FIVE_MB = MAX_BYTES - 16
DEEP = [
    OBJECTS_2000,
    ARRAYS_5000,
    "[" * FIVE_MB,  # never closed
    "[1," * (FIVE_MB // 3),  # never closed, no two brackets side by side
    '{"a":[' * (FIVE_MB // 12) + "]}" * (FIVE_MB // 12),
    "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),  # one level too many
    # Deep inside an otherwise real record.
    canonical_json(example.record()).replace('"answers": {', '"answers": {"x": ' + ARRAYS_5000 + ", ", 1),
    # Every level carries a branch as deep as the limit allows, so there is no run
    # of more "[" than the limit and every bracket must be counted (the slowest shape).
    ("[" + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)) * (FIVE_MB // (2 * MAX_DEPTH))
    + "]" * (FIVE_MB // (2 * MAX_DEPTH)),
]


def depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max((depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((depth(v) for v in value), default=0)
    return 0


def error_of(data: str | bytes) -> str:
    with pytest.raises(RecordError) as caught:
        load(data)
    return caught.value.message


@pytest.mark.parametrize("text", DEEP, ids=["objects-2000", "arrays-5000", "5MB-open", "5MB-interleaved",
                                            "5MB-mixed", "depth-65", "inside-a-record", "decorated"])
def test_deep_nesting_is_refused_before_parsing(text: str) -> None:
    assert len(text.encode()) <= MAX_BYTES
    started = time.perf_counter()
    assert error_of(text) == TOO_DEEP
    assert error_of(text.encode()) == TOO_DEEP
    assert error_of("\ufeff" + text) == TOO_DEEP
    # Two passes over at most 5 MB: well under a second here (the limit allows slow machines).
    assert time.perf_counter() - started < 10


def test_a_record_as_deep_as_the_limit_is_parsed() -> None:
    text = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert error_of(text) == "The file is not an information sharing decision record or draft"


def test_real_records_are_far_shallower_than_the_limit(example_record: dict[str, Any]) -> None:
    from infoshare import run_case

    from .conftest import case_names, load_case

    records = [json.loads(run_case(load_case(name))["json"]) for name in case_names()]
    deepest = max(depth(r) for r in [*records, example_record])
    # the record, its amendments, one amendment, its changes, one change (whose value may be a list)
    assert deepest == 5
    assert deepest * 8 < MAX_DEPTH


@pytest.mark.parametrize("reasons", [
    "[" * 10_000,
    "{" * 10_000 + "\\" * 101 + '"' * 50,
    '\\"[' * 5_000,
    "]]]]" + "[" * 200,
])
def test_brackets_inside_typed_text_do_not_count(reasons: str) -> None:
    from infoshare.dates import parse_now
    from infoshare.record import build

    from .conftest import load_case

    record = build({**load_case("share_risk_of_harm")["answers"], "reasons": reasons},
                   parse_now("2026-11-25T14:03:00+00:00"))
    encoded = canonical_json(record)
    assert encoded.count("[") + encoded.count("{") > MAX_DEPTH
    assert load(encoded).record == record


# Valid JSON of every shape: the measure is exact for it.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='[]{}"\\ab,:', max_size=8),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(
        st.text(alphabet='[]{}"\\a', max_size=4), children, max_size=3),
    max_leaves=40,
)


@given(json_values, st.integers(min_value=0, max_value=8))
@settings(max_examples=400, deadline=None)
def test_the_measure_is_exact_for_valid_json(value: Any, limit: int) -> None:
    assert nested_too_deeply(json.dumps(value), limit) == (depth(value) > limit)
    assert nested_too_deeply(json.dumps(value, ensure_ascii=False, indent=1), limit) == (depth(value) > limit)


def parser_reach(text: str) -> int:
    """At least as deep as Python's JSON parser can get in `text` before it stops.

    Reads strings as JSON does (a backslash escapes the next character) and stops
    at a backslash outside a string, where the parser has certainly stopped.
    """
    deepest = open_now = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            in_string = escaped or char != '"'
            escaped = not escaped and char == "\\"
        elif char == "\\":
            break
        elif char == '"':
            in_string = True
        elif char in "[{":
            open_now += 1
            deepest = max(deepest, open_now)
        elif char in "]}":
            open_now -= 1
    return deepest


@pytest.mark.parametrize(("text", "reach"), [
    ('["[[", [[]]]', 3), ('"\\"[[', 0), ('"\\\\"[[', 2), ('"\\\\\\"[[', 0), ("[\\[[", 1), ("]][[", 0),
    ("[[]][", 2),
])
def test_parser_reach(text: str, reach: int) -> None:
    assert parser_reach(text) == reach


@given(st.text(alphabet='[]{}"\\a,:1 ', max_size=80), st.integers(min_value=0, max_value=6))
@settings(max_examples=1000, deadline=None)
def test_broken_json_passed_on_never_takes_the_parser_deeper_than_the_limit(text: str, limit: int) -> None:
    if not nested_too_deeply(text, limit):
        assert parser_reach(text) <= limit


def test_a_deep_request_to_the_bridge_gets_an_error_reply() -> None:
    for request in ("[" * 100_000, '{"op": "path", "answers": ' + OBJECTS_2000 + "}"):
        assert json.loads(bridge.call(request)) == {
            "ok": False, "errors": [{"field": None, "message": "The request is nested too deeply"}]}
    opened = json.loads(bridge.call(json.dumps({"op": "open", "text": OBJECTS_2000})))
    assert opened == {"ok": False, "errors": [{"field": None, "message": TOO_DEEP}]}
    assert json.loads(bridge.call(json.dumps({"op": "path", "answers": {}})))["ok"] is True


# ---- the command line: regular files only, or standard input as "-" ----------------------

def run(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    """The command line in its own process, so a regression that hangs fails instead."""
    return subprocess.run([sys.executable, "-m", "infoshare", *args], capture_output=True, timeout=60,
                          check=False, **kwargs)


def one_line(result: subprocess.CompletedProcess[bytes]) -> str:
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


posix_only = pytest.mark.skipif(os.name != "posix", reason="pipes, sockets and devices are POSIX names here")


@posix_only
def test_a_named_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "f.json"
    os.mkfifo(fifo)
    for command in (["validate"], ["render", "--format", "md"]):
        result = run(*command[:1], str(fifo), *command[1:])
        assert result.returncode == 2
        assert one_line(result) == (f"infoshare: error: {fifo}: Is a pipe, not a file; to read "
                                    "standard input, give - as the file name")


@posix_only
def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    with socket.socket(socket.AF_UNIX) as server:
        try:
            server.bind(str(path))
        except OSError as exc:  # a path too long for a socket name
            pytest.skip(f"cannot make a socket here: {exc}")
        result = run("validate", str(path))
    assert result.returncode == 2
    assert one_line(result) == f"infoshare: error: {path}: Is a socket, not a file"


@posix_only
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_is_refused_without_reading_it(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    result = run("validate", device)
    assert result.returncode == 2
    assert one_line(result) == f"infoshare: error: {device}: Is a device, not a file"


def test_a_directory_is_refused(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path))
    assert result.returncode == 2
    assert one_line(result) == f"infoshare: error: {tmp_path}: Is a directory, not a file"


@posix_only
def test_links_are_followed_to_what_they_name(tmp_path: Path) -> None:
    record = tmp_path / "record.json"
    record.write_text(canonical_json(example.record()), encoding="utf-8")
    (tmp_path / "to-record.json").symlink_to(record)
    assert run("validate", str(tmp_path / "to-record.json")).returncode == 0
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "to-fifo.json").symlink_to(tmp_path / "fifo")
    result = run("validate", str(tmp_path / "to-fifo.json"))
    assert result.returncode == 2 and "Is a pipe, not a file" in one_line(result)


@posix_only
def test_dev_stdin_is_read_only_when_it_is_a_file(tmp_path: Path) -> None:
    if not Path("/dev/stdin").exists():
        pytest.skip("no /dev/stdin")
    record = tmp_path / "record.json"
    record.write_text(canonical_json(example.record()), encoding="utf-8")
    with record.open("rb") as stdin:
        assert run("validate", "/dev/stdin", stdin=stdin).returncode == 0
    piped = run("validate", "/dev/stdin", input=record.read_bytes())
    assert piped.returncode == 2
    assert one_line(piped) == ("infoshare: error: /dev/stdin: Is a pipe, not a file; to read standard "
                               "input, give - as the file name")


def test_dash_reads_standard_input(tmp_path: Path) -> None:
    text = canonical_json(example.record()).encode()
    piped = run("validate", "-", input=text)
    assert (piped.returncode, piped.stdout.decode().strip()) == (0, "-: valid sealed record")
    rendered = run("render", "-", "--format", "json", input=text)
    assert rendered.returncode == 0 and rendered.stdout == text
    # A file named "-" is still reachable as ./-
    (tmp_path / "-").write_bytes(text)
    assert run("validate", "./-", cwd=tmp_path).returncode == 0


@posix_only
def test_dash_reads_no_more_than_the_limit() -> None:
    """An endless standard input is refused after MAX_BYTES + 1 bytes, not read for ever."""
    with Path("/dev/zero").open("rb") as endless:
        result = run("validate", "-", stdin=endless)
    assert result.returncode == 2
    assert one_line(result) == ("infoshare: error: standard input: The file is larger than 5 MB, so it "
                                "cannot be a decision record")


@pytest.mark.parametrize(("data", "message"), [
    (b"", "The file is not a decision record: it is damaged or is not JSON"),
    (ARRAYS_5000.encode(), TOO_DEEP),
    (OBJECTS_2000.encode(), TOO_DEEP),
])
def test_dash_reports_what_it_read(data: bytes, message: str) -> None:
    result = run("validate", "-", input=data)
    assert result.returncode == 2
    assert one_line(result) == f"infoshare: error: standard input: {message}"


def test_deep_files_get_the_message_on_the_command_line(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    for name, text in (("objects.json", OBJECTS_2000), ("arrays.json", ARRAYS_5000)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        assert main(["validate", str(path)]) == 2
        assert capsys.readouterr().err.strip() == f"infoshare: error: {path}: {TOO_DEEP}"


def test_standard_input_closed(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    assert main(["validate", "-"]) == 2
    assert capsys.readouterr().err.strip() == "infoshare: error: Cannot read standard input: it is closed"
