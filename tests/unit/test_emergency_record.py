"""An emergency record says information was shared first only when it was."""

from __future__ import annotations

from datetime import datetime

import pytest
from infoshare import render_html, render_md
from infoshare.seal import seal

from .conftest import NOW, load_case


@pytest.mark.parametrize("decision", ["do_not_share", "seeking_advice"])
def test_emergency_not_shared_is_not_called_shared_first(decision: str) -> None:
    answers = dict(load_case("emergency")["answers"])
    answers["decision"] = decision
    answers["departure_reason"] = "The police were already on their way; nothing to add."
    record, problems = seal(answers, datetime.fromisoformat(NOW))
    assert problems == [] and record is not None
    assert record["emergency"] is False
    assert "shared first" not in render_html(record)
    assert "shared first" not in render_md(record)
    # An older record that set the flag for any emergency is not shown as shared either.
    older = {**record, "emergency": True}
    assert "shared first" not in render_html(older)


def test_emergency_shared_is_still_marked() -> None:
    record, _ = seal(load_case("emergency")["answers"], datetime.fromisoformat(NOW))
    assert record is not None and record["emergency"] is True
    assert "shared first" in render_html(record)

