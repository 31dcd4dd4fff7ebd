"""Records sealed by schema version 1 (files saved from that build, in tests/data) still
open, validate and render."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest
from infoshare import check_sealed, load, render_all
from infoshare.cli import main
from infoshare.seal import record_problems

from .conftest import ROOT

DATA = ROOT / "tests" / "data"
V1_FILES = ["record-v1-example.json", "record-v1-amended.json"]


def _v1(name: str) -> dict[str, Any]:
    loaded = load((DATA / name).read_bytes())
    assert loaded.kind == "record" and loaded.record is not None
    return loaded.record


@pytest.mark.parametrize("name", V1_FILES)
def test_a_version_1_record_opens_unaltered(name: str) -> None:
    record = _v1(name)
    assert record["schema_version"] == 1
    assert check_sealed(record) is record


@pytest.mark.parametrize("name", V1_FILES)
def test_a_version_1_record_matches_the_version_1_schema(name: str) -> None:
    import json

    schema = json.loads((DATA / "schema-v1.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(_v1(name))


@pytest.mark.parametrize("name", V1_FILES)
def test_a_version_1_record_validates(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert record_problems(_v1(name)) == []
    assert main(["validate", str(DATA / name)]) == 0
    assert capsys.readouterr().out.strip() == f"{DATA / name}: valid sealed record"


@pytest.mark.parametrize("name", V1_FILES)
def test_a_version_1_record_renders_in_every_format(name: str) -> None:
    files = render_all(_v1(name))
    assert files["html"].startswith("<!DOCTYPE html>")
    assert files["md"].startswith("# Information sharing decision record")
    assert files["json"] == Path(DATA / name).read_text("utf-8")
