"""The command line: exit codes, messages, and no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from infoshare import __version__, canonical_json
from infoshare.cli import main
from infoshare.parse import MAX_BYTES


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "infoshare", *args], capture_output=True,
                          text=True, encoding="utf-8", timeout=60)


@pytest.fixture
def record_file(tmp_path: Path, example_record: dict[str, Any]) -> Path:
    path = tmp_path / "record.json"
    path.write_text(canonical_json(example_record), encoding="utf-8")
    return path


def test_subprocess_example_validate_render(tmp_path: Path) -> None:
    example = run("example")
    assert example.returncode == 0 and example.stderr == ""
    path = tmp_path / "example.json"
    path.write_text(example.stdout, encoding="utf-8")
    valid = run("validate", str(path))
    assert (valid.returncode, valid.stdout.strip()) == (0, f"{path}: valid sealed record")
    out = tmp_path / "out.html"
    rendered = run("render", str(path), "--format", "html", "-o", str(out))
    assert rendered.returncode == 0 and out.read_text("utf-8").startswith("<!DOCTYPE html>")
    md = run("render", str(path), "--format", "md")
    assert md.returncode == 0 and md.stdout.startswith("# Information sharing decision record")
    js = run("render", str(path), "--format", "json")
    assert js.stdout == example.stdout


def test_subprocess_usage_errors(tmp_path: Path) -> None:
    for args in ([], ["frobnicate"], ["render", "x.json"], ["validate"]):
        r = run(*args)
        assert r.returncode == 2 and "Traceback" not in r.stderr, args
    missing = run("validate", str(tmp_path / "nope.json"))
    assert missing.returncode == 2
    assert missing.stderr.strip().endswith("nope.json: No such file")
    version = run("--version")
    assert version.returncode == 0 and version.stdout.strip() == f"infoshare {__version__}"


def test_schema_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_validate_in_process(record_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(record_file)]) == 0
    assert capsys.readouterr().out.strip().endswith("valid sealed record")


def test_altered_record_is_invalid(record_file: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    text = record_file.read_text("utf-8").replace("Jo Evans", "Jo Evanz")
    record_file.write_text(text, encoding="utf-8")
    assert main(["validate", str(record_file)]) == 1
    assert capsys.readouterr().err == (
        "record: The record has been altered since it was sealed: its content does not match "
        "its SHA-256 digest\n")
    assert main(["render", str(record_file), "--format", "html"]) == 1


def test_newer_record_is_a_usage_error(record_file: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    from infoshare import SCHEMA_VERSION, digest

    record = json.loads(record_file.read_text("utf-8"))
    record["schema_version"] = SCHEMA_VERSION + 1
    record["sha256"] = digest(record)
    record_file.write_text(canonical_json(record), encoding="utf-8")
    assert main(["validate", str(record_file)]) == 2
    err = capsys.readouterr().err
    assert "newer version" in err and len(err.strip().splitlines()) == 1


def test_invalid_draft_lists_each_problem(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "draft.json"
    path.write_text('{"format": "infoshare-draft", "version": 1, '
                    '"answers": {"urgency": "no", "review_date": "2026-02-30"}}')
    assert main(["validate", str(path)]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert "case_reference: Enter your case reference" in lines
    assert "reasons: Enter the reasons for your decision" in lines
    assert main(["render", str(path), "--format", "md"]) == 1


def test_valid_draft_is_sealed_on_render(tmp_path: Path, example_answers: dict[str, Any],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "draft.json"
    path.write_text(json.dumps({"format": "infoshare-draft", "version": 1,
                                "answers": example_answers}))
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out.strip().endswith("valid draft")
    assert main(["render", str(path), "--format", "json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["format"] == "infoshare-record" and len(record["sha256"]) == 64


@pytest.mark.parametrize(("content", "message"), [
    (b"{", "damaged or is not JSON"),
    (b"{}", "not an information sharing decision record"),
    (b"\xff\xfe", "not UTF-8"),
])
def test_bad_files(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes,
                   message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    assert main(["validate", str(path)]) == 2
    assert message in capsys.readouterr().err


def test_too_large_and_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "big.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    assert main(["validate", str(path)]) == 2
    assert "larger than 5 MB" in capsys.readouterr().err
    assert main(["validate", str(tmp_path)]) == 2
    assert "directory" in capsys.readouterr().err


def test_unwritable_output(record_file: Path, tmp_path: Path,
                           capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "missing-dir" / "out.html"
    assert main(["render", str(record_file), "--format", "html", "-o", str(out)]) == 2
    assert "Cannot write" in capsys.readouterr().err


def test_record_whose_recommendation_was_edited(record_file: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    from infoshare import digest

    record = json.loads(record_file.read_text("utf-8"))
    record["recommendation"]["code"] = "no_purpose"
    record["sha256"] = digest(record)
    record_file.write_text(canonical_json(record), encoding="utf-8")
    assert main(["validate", str(record_file)]) == 1
    assert capsys.readouterr().err.strip() == (
        "record: What the record says the guidance pointed to does not follow from its answers")
