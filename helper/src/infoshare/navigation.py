"""Where the helper goes next: after Continue (including after a change made from the
check-answers page, and the "act now" interruption in an emergency), and where a
re-opened draft carries on.

Kept in Python, not in the page's script, so the page holds no copy of the flow:
the page says which pages have been answered and whether the practitioner came
from the check page ("Change"), and this says where to go.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from . import flow
from .validate import validate_page

__all__ = ["ACT_NOW", "CHECK", "OUTCOME", "Step", "next_step", "resume_page"]

OUTCOME = "outcome"
CHECK = "check"
# Before any other question when a child is in immediate danger: what to do now, and whom
# to call (a GOV.UK interruption page). Its Continue goes on to `then`.
ACT_NOW = "act_now"


def _following(current: str, answers: Mapping[str, object], completed: Collection[str], *,
               returning: bool) -> str:
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


class Step(tuple[str, str | None]):
    """(next, then): the page to show next, and for the interruption page, where its
    Continue goes."""

    __slots__ = ()

    def __new__(cls, next_page: str, then: str | None = None) -> Step:
        return super().__new__(cls, (next_page, then))

    @property
    def next(self) -> str:
        return self[0]

    @property
    def then(self) -> str | None:
        return self[1]


def next_step(current: str, answers: Mapping[str, object], completed: Collection[str] = (),
              *, returning: bool = False) -> Step:
    """The page after `current`: a question page's id, "outcome" (what the guidance points
    to, after the last question) or, when returning to the check page, "check".

    After a change, the practitioner goes back to the check page as soon as every page on
    the (possibly new) path has been answered; a change that adds pages to the path leads
    through those pages first. Saying a child is in immediate danger leads first to the
    "act now" page, whose Continue goes where the answer would have led.
    """
    following = _following(current, answers, completed, returning=returning)
    if current == "urgency" and flow.is_emergency(answers):
        return Step(ACT_NOW, following)
    return Step(following)


def resume_page(answers: Mapping[str, object]) -> str:
    """Where a re-opened draft carries on: the first page on its path whose answers are
    missing or not yet acceptable, or the check page when every page is answered."""
    for page_id in flow.path(answers):
        if validate_page(page_id, answers):
            return page_id
    return CHECK
