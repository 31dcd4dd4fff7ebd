"""The shipped JSON Schema: generated from the questions, and describes every record."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from infoshare import load_schema, run_case
from infoshare.schema import generated_text, schema_text

from .conftest import ROOT, UPDATE_GOLDEN, case_names, load_case

SHIPPED = ROOT / "helper" / "src" / "infoshare" / "schema.json"


def test_shipped_schema_matches_the_questions() -> None:
    if UPDATE_GOLDEN:
        SHIPPED.write_text(generated_text(), encoding="utf-8")
    assert schema_text() == generated_text(), "run with UPDATE_GOLDEN=1 to regenerate"


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(load_schema())


def test_example_matches_the_schema(example_record: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(load_schema()).validate(example_record)


@pytest.mark.parametrize("name", case_names())
def test_every_case_matches_the_schema(name: str) -> None:
    record = json.loads(run_case(load_case(name))["json"])
    jsonschema.Draft202012Validator(load_schema()).validate(record)


def test_schema_rejects_unknown_fields(example_record: dict[str, Any]) -> None:
    example_record["answers"]["child_full_name"] = "x"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(load_schema()).validate(example_record)
