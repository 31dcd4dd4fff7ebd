"""Which decisions follow the guidance, and which ask why they depart from it."""

from __future__ import annotations

import pytest

RISK_WITH_DOUBT = {
    "urgency": "no", "purpose_clear": "yes", "personal_data": "yes",
    "risk_of_harm": "yes", "confidential": "not_sure",
}


@pytest.mark.parametrize(
    ("answers", "decision", "followed"),
    [
        (RISK_WITH_DOUBT, "share_all", True),
        (RISK_WITH_DOUBT, "share_part", True),
        (RISK_WITH_DOUBT, "seeking_advice", True),
        (RISK_WITH_DOUBT, "do_not_share", False),
        ({**RISK_WITH_DOUBT, "risk_of_harm": "no"}, "share_all", False),
        # Unsure whether a child is at risk: the 2024 advice covers a perceived risk, so
        # sharing while advice is sought follows the guidance too.
        ({**RISK_WITH_DOUBT, "risk_of_harm": "not_sure"}, "share_all", True),
        ({**RISK_WITH_DOUBT, "risk_of_harm": "not_sure", "confidential": "no"}, "share_part",
         True),
        ({**RISK_WITH_DOUBT, "risk_of_harm": "not_sure"}, "do_not_share", False),
        ({**RISK_WITH_DOUBT, "risk_of_harm": "adult"}, "share_all", False),
    ],
)
def test_sharing_under_risk_while_seeking_advice_is_not_a_departure(
    answers: dict[str, str], decision: str, followed: bool
) -> None:
    from infoshare import flow

    full = {**answers, "decision": decision}
    assert flow.recommend(full).code == "seek_advice"
    assert flow.followed(full) is followed
