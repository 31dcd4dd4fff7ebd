"""Property-based tests: round trips are exact and nothing raises."""

from __future__ import annotations

import json
import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from infoshare import FIELDS, call, canonical_json, load, render_html, render_md, seal
from infoshare.dates import parse_now
from infoshare.example import ANSWERS
from infoshare.record import build

NOW = parse_now("2026-01-15T16:30:00+00:00")
TYPED = [n for n in ANSWERS if FIELDS[n].kind in ("text", "textarea")]

# Text a practitioner could type: no control characters or surrogates (those
# are refused by validation), but anything else, bidi controls included.
typed_text = st.text(
    st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\u2028\u2029")
    | st.sampled_from("\n\t<>&\"'`*_[]()#!|~\\"),
    min_size=1, max_size=60,
).filter(lambda s: s.strip() != "")
any_text = st.text(max_size=40)
# HYPOTHESIS_EXAMPLES=2000 for a longer soak; no example database is kept, so
# the tests write nothing into the working tree.
SETTINGS = settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "60")),
                    deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.fixed_dictionaries({}, optional=dict.fromkeys(TYPED, typed_text)))
def test_valid_records_round_trip_byte_identical(changes: dict[str, str]) -> None:
    record, problems = seal({**ANSWERS, **changes}, NOW)
    assert record is not None, problems
    text = canonical_json(record)
    loaded = load(text)
    assert loaded.record == record
    assert canonical_json(loaded.record) == text
    assert load(text.encode("utf-8")).record == record


@SETTINGS
@given(st.fixed_dictionaries({}, optional=dict.fromkeys(TYPED, any_text)))
def test_renderers_never_raise(changes: dict[str, str]) -> None:
    record = build({**ANSWERS, **changes}, NOW)
    assert render_html(record).endswith("</html>\n")
    render_md(record)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | any_text,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(any_text, children, max_size=4),
    max_leaves=12,
)
ops = st.sampled_from(["contract", "step", "path", "outcome", "summary", "seal", "render",
                       "changes", "open", "draft", "nope"])
field_values = st.one_of(any_text, st.lists(any_text, max_size=3), json_values)
answers = st.dictionaries(st.sampled_from(sorted(FIELDS)) | any_text, field_values, max_size=8)


@SETTINGS
@given(st.fixed_dictionaries({"op": ops}, optional={
    "page": st.sampled_from(["urgency", "sharing", "x"]) | json_values,
    "answers": answers | json_values,
    "now": st.sampled_from(["2026-01-15T16:30:00+00:00", "x"]) | json_values,
    "original": json_values,
    "amendment": json_values,
    "record": json_values,
    "site": json_values,
    "text": any_text | json_values,
}))
def test_bridge_never_raises(request: dict[str, Any]) -> None:
    response = json.loads(call(json.dumps(request)))
    assert isinstance(response["ok"], bool)
    if not response["ok"]:
        assert response["errors"] and all(e["message"] for e in response["errors"])
        # The catch-all is a last resort; reaching it means a bug to fix.
        assert "Something went wrong" not in response["errors"][0]["message"]


@SETTINGS
@given(st.text(max_size=200) | st.binary(max_size=200).map(lambda b: b.decode("latin-1")))
def test_bridge_never_raises_on_arbitrary_strings(text: str) -> None:
    response = json.loads(call(text))
    assert response["ok"] is False and "Something went wrong" not in call(text)


BOX_KEYS = ("day", "month", "year", "hour", "minute")
box_text = st.one_of(st.text(max_size=12), st.integers(-99, 99999).map(str),
                     st.sampled_from(["", " ", "0", "00", "\u0663", "\uff11\uff12", "\x00", "9" * 400]))


@SETTINGS
@given(st.lists(box_text, min_size=5, max_size=5))
def test_any_boxes_give_a_real_date_or_a_message_naming_boxes(texts: list[str]) -> None:
    """Whatever is typed in the boxes: a real date and time that reads back as the same
    boxes, or one message naming only boxes the field has; never an exception."""
    from infoshare.dateparts import boxes, read

    f = FIELDS["decided_at"]
    answers = {f"decided_at-{key}": text for key, text in zip(BOX_KEYS, texts, strict=True)}
    reading = read(f, answers)
    if reading.value is not None:
        assert reading.message is None and reading.parts == ()
        again = boxes(f, reading.value)
        assert again is not None
        assert read(f, {f"decided_at-{k}": v for k, v in again.items()}).value == reading.value
        assert [int(again[k]) for k in BOX_KEYS] == [int(t.strip()) for t in texts]
    else:
        assert isinstance(reading.message, str) and set(reading.parts) <= set(BOX_KEYS)
        assert reading.parts
    reply = json.loads(call(json.dumps({"op": "step", "page": "decision_time",
                                        "answers": answers, "now": "2026-01-15T16:30:00+00:00"})))
    assert reply["ok"] is True
