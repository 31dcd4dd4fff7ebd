"""Answers left over from a changed mind never steer what the guidance points to."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from infoshare import recommend
from infoshare.seal import record_problems, seal

from .conftest import NOW, load_case

# Answers left over from a changed mind: "not sure" about questions that the
# final answers take off the path must not steer what the guidance points to.
_STALE = [
    # personal data changed to "no" after saying "not sure" about risk and confidence
    ("not_personal_data", {"risk_of_harm": "not_sure", "confidential": "not_sure"},
     "not_personal_data"),
    ("not_personal_data", {"confidential": "not_sure"}, "not_personal_data"),
    # an emergency: the chain is not asked at all
    ("emergency", {"personal_data": "not_sure", "confidential": "not_sure"}, "emergency"),
]


@pytest.mark.parametrize(("case", "stale", "code"), _STALE)
def test_off_path_not_sure_answers_do_not_change_the_outcome(
        case: str, stale: dict[str, str], code: str) -> None:
    answers = {**load_case(case)["answers"], **stale}
    assert recommend(answers).code == code
    record, problems = seal(answers, datetime.fromisoformat(NOW))
    assert problems == [] and record is not None
    assert record["recommendation"]["code"] == code
    assert not any(s in json.dumps(record["recommendation"]) for s in ("not sure",))
    # The sealed record's recommendation follows from the answers it keeps.
    assert record_problems(record) == []


def test_seek_advice_risk_note_ignores_an_off_path_risk_answer() -> None:
    answers = {"purpose_clear": "not_sure", "personal_data": "no", "risk_of_harm": "yes"}
    reasons = recommend(answers).reasons
    assert recommend(answers).code == "seek_advice"
    assert not any("risk of harm" in r for r in reasons)

