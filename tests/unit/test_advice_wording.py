"""What the advice says, to the letter: the headline where a child may be at risk, each
rule cited by the edition it comes from, partly confirmed facts said to be so, the record
naming whose copy of the rules it numbers by, and no source cited that the repository
does not hold."""

from __future__ import annotations

import re
from typing import Any

import pytest
from infoshare import recommend, run_case
from infoshare.flow import _SEEK_ADVICE_FROM
from infoshare.outcomes import OUTCOMES

from .conftest import ROOT, load_case

CHAIN = {"urgency": "no", "purpose_clear": "yes", "personal_data": "yes"}


@pytest.mark.parametrize("answers", [
    {**CHAIN, "risk_of_harm": "not_sure"},
    {**CHAIN, "risk_of_harm": "not_sure", "confidential": "not_sure"},
    {**CHAIN, "risk_of_harm": "yes", "confidential": "not_sure"},
    {**CHAIN, "personal_data": "not_sure", "risk_of_harm": "not_sure"},
])
def test_not_a_reason_to_wait_is_in_the_headline_where_a_child_may_be_at_risk(
        answers: dict[str, Any]) -> None:
    """The decision page shows the title and summary; the reasons sit in a closed panel."""
    rec = recommend(answers)
    assert rec.code == "seek_advice"
    assert "do not wait to protect a child" in rec.title
    assert "Being unsure is not a reason to wait" in rec.summary
    assert rec.title != OUTCOMES["seek_advice"].title


@pytest.mark.parametrize("answers", [
    {**CHAIN, "personal_data": "not_sure"},
    {**CHAIN, "purpose_clear": "not_sure"},
    {**CHAIN, "risk_of_harm": "no", "confidential": "not_sure"},
])
def test_other_doubts_keep_the_plain_seek_advice_headline(answers: dict[str, Any]) -> None:
    rec = recommend(answers)
    assert rec.code == "seek_advice"
    assert (rec.title, rec.summary) == (OUTCOMES["seek_advice"].title,
                                        OUTCOMES["seek_advice"].summary)


def test_without_identifying_the_person_is_cited_to_2015_rule_3() -> None:
    sentence = _SEEK_ADVICE_FROM
    said = sentence.index("without identifying the person")
    assert sentence.index("(2015 advice, rule 3)") > said
    # 2024 rule 4 is cited for seeking advice promptly, before that clause, never for it.
    assert sentence.index("(2024 advice, rule 4)") < said


def test_the_below_threshold_sentence_says_it_is_partly_confirmed() -> None:
    reasons = recommend(load_case("below_threshold")["answers"]).reasons
    line = next(r for r in reasons if "threshold for services" in r)
    assert "partly confirmed" in line and "council's copy of the 2024 advice" in line


def test_every_format_says_the_rules_are_numbered_as_in_the_boards_copy() -> None:
    files = run_case(load_case("share_risk_of_harm"))
    for fmt in ("html", "md", "txt"):
        text = files[fmt].replace("&#39;", "'")
        assert "local safeguarding children board's copy of the 2015 advice" in text, fmt
        assert "as in the 2015 advice that this site publishes" not in text, fmt


# The project's own documents: a comment or a basis naming one sends a maintainer to it.
_FILE_CITED = re.compile(r"[\w./-]+\.(?:md|yml)\b")


def test_the_package_cites_no_file_the_repository_does_not_hold() -> None:
    package = ROOT / "helper" / "src" / "infoshare"
    missing = []
    for source in sorted(package.rglob("*.py")):
        for cited in _FILE_CITED.findall(source.read_text("utf-8")):
            if not any((base / cited).exists() for base in (ROOT, ROOT / "docs", package)):
                missing.append(f"{source.name}: {cited}")
    assert missing == []
