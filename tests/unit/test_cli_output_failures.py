"""The command line when its output or input cannot be used: one clear line, exit 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from infoshare.cli import main

from .conftest import load_case


def _run(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "infoshare", *args], capture_output=False,
                          stderr=subprocess.PIPE, timeout=60, **kwargs)


def _one_error_line(err: bytes) -> str:
    text = err.decode("utf-8")
    assert "Traceback" not in text
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    return lines[0]


@pytest.fixture
def big_draft(tmp_path: Path) -> Path:
    """A valid draft whose rendering is larger than a pipe's buffer."""
    answers = dict(load_case("share_risk_of_harm")["answers"])
    answers["decided_at"] = "2026-01-15T15:30"
    answers["request_received_at"] = "2026-01-15T09:40"
    answers["shared_at"] = "2026-01-15T16:00"
    for name in ("reasons", "shared_facts", "purpose", "views"):
        answers[name] = "word " * 3900
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"format": "infoshare-draft", "version": 1, "answers": answers}))
    return path


@pytest.mark.parametrize("fmt", ["html", "md", "json"])
def test_reader_closing_the_pipe_early_is_one_clear_line(big_draft: Path, fmt: str) -> None:
    assert main(["validate", str(big_draft)]) == 0
    # The reader has gone before anything is written: the write fails with EPIPE.
    read, write = os.pipe()
    os.close(read)
    try:
        r = _run(["render", str(big_draft), "--format", fmt], stdout=write)
    finally:
        os.close(write)
    assert r.returncode == 2
    assert _one_error_line(r.stderr) == (
        "infoshare: error: Cannot write to standard output: the pipe was closed before all the "
        "output was read")


@pytest.mark.parametrize(("stdout", "message"), [
    (subprocess.DEVNULL, None),
    ("closed", "infoshare: error: Cannot write to standard output: it is closed"),
    ("/dev/full", "infoshare: error: Cannot write to standard output (No space left on device)"),
])
def test_standard_output_failures(stdout: Any, message: str | None) -> None:
    if stdout == "/dev/full" and not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    if stdout == "closed":
        r = subprocess.run([sys.executable, "-c",
                            ("import os, sys; os.close(1); sys.stdout = None; "
                            "from infoshare.cli import main; sys.exit(main(['example']))")],
                           stderr=subprocess.PIPE, timeout=60)
    elif stdout == "/dev/full":
        with Path("/dev/full").open("wb") as full:
            r = _run(["example"], stdout=full)
    else:
        r = _run(["example"], stdout=stdout)
    if message is None:
        assert (r.returncode, r.stderr) == (0, b"")
    else:
        assert r.returncode == 2 and _one_error_line(r.stderr) == message


@pytest.mark.parametrize(("name", "shown"), [
    ("bad\nname.json", "'bad\\nname.json'"),
    ("red\x1b[31m.json", "'red\\x1b[31m.json'"),
    ("plain name.json", "plain name.json"),
])
def test_file_names_in_errors_stay_on_one_line(tmp_path: Path, name: str, shown: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    missing = str(tmp_path / name)
    assert main(["validate", missing]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "\x1b" not in err
    if shown.startswith("'"):
        assert err.strip().endswith(": No such file") and shown[1:-1] in err
    else:
        assert err.strip().endswith(f"{name}: No such file")


def test_empty_output_name_is_a_usage_error(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    from infoshare import canonical_json, example

    path = tmp_path / "record.json"
    path.write_text(canonical_json(example.record()), encoding="utf-8")
    assert main(["render", str(path), "--format", "html", "-o", ""]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == "infoshare: error: -o: Enter the name of the file to write"


def test_endless_device_is_refused_not_read_forever(capsys: pytest.CaptureFixture[str]) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    assert main(["validate", "/dev/zero"]) == 2
    assert capsys.readouterr().err.strip() == "infoshare: error: /dev/zero: Is a device, not a file"

