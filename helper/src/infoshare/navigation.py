"""Where Continue goes next, including after a change made from the check-answers page.

Kept in Python, not in the page's script, so the page holds no copy of the flow:
the page says which pages have been answered and whether the practitioner came
from the check page ("Change"), and this says where to go.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from . import flow

__all__ = ["CHECK", "OUTCOME", "next_step"]

OUTCOME = "outcome"
CHECK = "check"


def next_step(current: str, answers: Mapping[str, object], completed: Collection[str] = (),
              *, returning: bool = False) -> str:
    """The page after `current`: a question page's id, "outcome" (what the guidance points
    to, after the last question) or, when returning to the check page, "check".

    After a change, the practitioner goes back to the check page as soon as every page on
    the (possibly new) path has been answered; a change that adds pages to the path leads
    through those pages first.
    """
    following = flow.next_page(current, answers)
    if not returning:
        return following
    done = {*completed, current}
    missing = [page_id for page_id in flow.path(answers) if page_id not in done]
    if not missing:
        return CHECK
    if following == OUTCOME or following in done:
        return missing[0]
    return following
