"""Whether the duty to share has come into force: the one setting to change when it does.

Section 4 of the Children's Wellbeing and Schools Act 2026 adds a duty to share
information to safeguard or promote the welfare of children (a new section 16LA
of the Children Act 2004). It starts on a day the Secretary of State sets by
regulations (section 78(5) of the 2026 Act). Until someone has confirmed that it
has started and recorded it here, the helper must not treat sharing under it as
following the guidance: a duty that is not in force is no basis to share.

When commencement is confirmed, change `DUTY_TO_SHARE` below, and only here:
`in_force=True`, the day it came into force (`in_force_from`), the regulations
that brought it in (`citation`), the day you record it (`confirmed_on`) and the
day you checked (`checked_on`). Every sentence the helper says about the duty
(the "duty to share" answer's hint, that outcome's title, summary and reasons)
and whether sharing under it follows the guidance come from this setting.
docs/maintaining.md lists the site's pages that say the same in their own words.

A sealed record keeps whether its decision followed the guidance, and checking
it again must reproduce that judgement. So the duty counts as in force only for
records sealed on or after `confirmed_on`: a record sealed before that day was
judged without it, and still is.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import NamedTuple

from .dates import display_date

__all__ = ["DUTY_ADDED", "DUTY_TO_SHARE", "Commencement", "duty_to_share_status"]


class Commencement(NamedTuple):
    # When someone last looked for the regulations that bring it into force.
    checked_on: date
    in_force: bool = False
    # The day it came into force, and the regulations that brought it in.
    in_force_from: date | None = None
    citation: str | None = None
    # The day its commencement was confirmed and recorded here.
    confirmed_on: date | None = None

    @property
    def confirmed(self) -> bool:
        """In force, with the day it started and the day that was recorded here."""
        return self.in_force and self.in_force_from is not None and self.confirmed_on is not None

    def applies(self, sealed_at: date | datetime | None = None) -> bool:
        """Whether a decision sealed at `sealed_at` (None: now) may rely on it."""
        if not self.confirmed or self.confirmed_on is None:
            return False
        # A record's own time gives the day it was sealed; without one, today (in UTC,
        # which differs from the local date only around midnight).
        moment = datetime.now(UTC) if sealed_at is None else sealed_at
        day = moment.date() if isinstance(moment, datetime) else moment
        return day >= self.confirmed_on


# We found no regulations that bring section 4 into force (docs/sources.yml says where
# we looked: the entries cwsa-2026 and children-act-2004).
DUTY_TO_SHARE = Commencement(checked_on=date(2026, 12, 5))

DUTY_ADDED = ("Section 4 of the Children's Wellbeing and Schools Act 2026 adds a duty to share "
              "information to safeguard or promote the welfare of children.")


def duty_to_share_status(setting: Commencement | None = None) -> str:
    """Whether the duty can be relied on, and so how the helper treats sharing under it
    (`setting`: DUTY_TO_SHARE unless another is given)."""
    setting = DUTY_TO_SHARE if setting is None else setting
    if setting.confirmed and setting.in_force_from is not None:
        regulations = f" ({setting.citation})" if setting.citation else ""
        return f"It has been in force since {display_date(setting.in_force_from)}{regulations}."
    return ("It can be relied on only once it has come into force, on a day set by regulations. "
            f"When this helper was last checked, on {display_date(setting.checked_on)}, that had "
            "not been confirmed. So the helper treats sharing under it as a departure from the "
            "guidance, and asks you why.")
