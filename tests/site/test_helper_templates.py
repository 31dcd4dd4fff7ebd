"""The helper page's templates, one GOV.UK component at a time (build_scripts/site/
templates/helper/components.j2), rendered with sample and hostile data."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest

from build_scripts.site import helper_page

HOSTILE = '<script>alert(1)</script> & "quotes" \u202e'


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text += data


def render(macro: str, *args: Any, **kwargs: Any) -> _Tags:
    module = helper_page.environment().get_template("components.j2").make_module(
        {"input_types": {"text": "text", "date": "date", "datetime": "datetime-local"}})
    parser = _Tags()
    parser.feed(str(getattr(module, macro)(*args, **kwargs)))
    return parser


def field(name: str, kind: str, *, label: str = "Label", hint: str | None = None,
          options: list[dict[str, Any]] | None = None, required: bool = True) -> dict[str, Any]:
    limit = {"text": 200, "textarea": 20_000}.get(kind)
    return {"name": name, "id": f"f-{name}", "kind": kind, "label": label, "hint": hint,
            "required": required, "max_length": limit, "options": options or [], "show_if": None}


def find(parsed: _Tags, tag: str, **attrs: str) -> list[dict[str, str | None]]:
    return [a for t, a in parsed.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def test_error_summary_is_hidden_focusable_and_an_alert() -> None:
    parsed = render("error_summary")
    (summary,) = find(parsed, "div", **{"class": "govuk-error-summary"})
    assert summary["tabindex"] == "-1" and "hidden" in summary
    assert find(parsed, "div", role="alert")
    assert "There is a problem" in parsed.text


@pytest.mark.parametrize(("first", "hidden"), [(True, True), (False, False)])
def test_back_link_is_a_button_hidden_on_the_first_page(first: bool, hidden: bool) -> None:
    (button,) = find(render("back_link", first), "button", **{"data-action": "back"})
    assert button["type"] == "button"
    assert ("hidden" in button) is hidden


@pytest.mark.parametrize(("action", "kind"), [("continue", "submit"), ("seal", "button")])
def test_only_continue_submits(action: str, kind: str) -> None:
    (button,) = find(render("button", "Go", action, primary=True), "button")
    assert button["type"] == kind
    assert "md-button--primary" in str(button["class"])


def test_text_field_is_labelled_and_described_and_escapes_text() -> None:
    parsed = render("field_group", field("who", "text", label=HOSTILE, hint="Their name"), None, None, {})
    (control,) = find(parsed, "input", id="f-who")
    assert control["name"] == "who" and control["spellcheck"] == "false"
    assert control["aria-describedby"] == "f-who-hint"
    assert find(parsed, "label", **{"for": "f-who"})
    assert find(parsed, "p", id="f-who-error")
    assert not find(parsed, "script")
    assert HOSTILE in parsed.text


def test_question_as_the_page_heading_is_described_by_the_page_hint() -> None:
    parsed = render("field_group", field("why", "textarea"), "Why?", "Page hint", {})
    (control,) = find(parsed, "textarea", id="f-why")
    assert control["aria-describedby"] == "f-why-page-hint f-why-info"
    assert find(parsed, "h2", **{"class": "govuk-label-wrapper infoshare-heading"})


def test_radios_reveal_a_follow_up_under_its_option() -> None:
    options = [{"value": "yes", "label": "Yes", "hint": None}, {"value": "no", "label": "No", "hint": "Say why"}]
    follow = field("why_not", "textarea", label="Why not?")
    parsed = render("field_group", field("q", "radios", options=options), "Question?", None, {"no": [follow]})
    radios = find(parsed, "input", type="radio")
    assert [r["id"] for r in radios] == ["f-q", "f-q-2"]
    # GOV.UK Frontend's radios turn data-aria-controls into aria-controls, and set
    # aria-expanded, as they start: in the HTML both would be wrong without the script.
    assert radios[1]["data-aria-controls"] == "f-q-2-conditional"
    assert "aria-controls" not in radios[1] and "aria-expanded" not in radios[1]
    assert "aria-controls" not in radios[0] and "data-aria-controls" not in radios[0]
    assert radios[1]["aria-describedby"] == "f-q-2-item-hint"
    (group,) = find(parsed, "div", **{"data-module": "govuk-radios"})
    assert group["class"] == "govuk-radios"
    (reveal,) = find(parsed, "div", id="f-q-2-conditional")
    # Closed once GOV.UK Frontend runs (the class hides it only then); open without it.
    assert reveal["class"] == "govuk-radios__conditional govuk-radios__conditional--hidden"
    assert "hidden" not in reveal
    assert find(parsed, "textarea", id="f-why_not")
    assert find(parsed, "legend")


def test_a_textarea_shows_its_limit_as_a_character_count() -> None:
    parsed = render("field_group", field("why", "textarea", hint="Say why"), None, None, {})
    (box,) = find(parsed, "div", **{"class": "govuk-character-count"})
    assert box["data-maxlength"] == "20000" and box["data-module"] == "govuk-character-count"
    (control,) = find(parsed, "textarea", id="f-why")
    assert control["aria-describedby"] == "f-why-hint f-why-info" and control["spellcheck"] == "false"
    assert "You can enter up to 20,000 characters" in parsed.text
    # What is left, shown and spoken, is GOV.UK Frontend's to add as it starts.
    assert not find(parsed, "div", **{"class": "govuk-character-count__sr-status govuk-visually-hidden"})


def test_interruption_card_says_call_999_and_leads_on() -> None:
    parsed = render("interruption_card", None)
    assert "call 999" in parsed.text
    assert find(parsed, "button", **{"data-action": "act-now-continue"})


def _date(name: str, *, time: bool, now_button: bool) -> dict[str, Any]:
    parts = [("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4)]
    if time:
        parts += [("hour", "Hour", 2), ("minute", "Minute", 2)]
    data = field(name, "datetime" if time else "date", label="When?", hint="For example, 27 3 2026")
    data["parts"] = [{"part": part, "name": f"{name}-{part}", "id": f"f-{name}" if i == 0 else f"f-{name}-{part}",
                      "label": label, "width": width} for i, (part, label, width) in enumerate(parts)]
    data["now_button"] = now_button
    return data


@pytest.mark.parametrize(("time", "now_button"), [(False, False), (True, True), (True, False)])
def test_date_input_has_a_box_for_each_part(time: bool, now_button: bool) -> None:
    parsed = render("field_group", _date("seen", time=time, now_button=now_button), None, None, {})
    (fieldset,) = find(parsed, "fieldset")
    assert fieldset["role"] == "group" and fieldset["aria-describedby"] == "f-seen-hint"
    boxes = find(parsed, "input", type="text")
    assert [b["name"] for b in boxes] == [f"seen-{p}" for p in
                                          ("day", "month", "year", *(("hour", "minute") if time else ()))]
    assert boxes[0]["id"] == "f-seen"  # an error about the field lands on its first box
    assert all(b["inputmode"] == "numeric" and b["spellcheck"] == "false" for b in boxes)
    for box in boxes:
        assert find(parsed, "label", **{"for": str(box["id"])})
    assert bool(find(parsed, "button", **{"data-action": "time-now", "data-field": "seen"})) is now_button
    assert find(parsed, "p", id="f-seen-error")


def test_caption_names_the_section_above_the_question() -> None:
    parsed = render("field_group", field("q", "radios", options=[{"value": "a", "label": "A", "hint": None}]),
                    "Question?", None, {}, False, "About the request")
    assert len(find(parsed, "span", **{"class": "govuk-caption-m"})) == 1
    assert "About the request" in parsed.text
    tags = [t for t, _ in parsed.tags]
    assert tags.index("span") < tags.index("h2")  # inside the legend, before the heading


def test_checkboxes_are_in_a_fieldset_with_a_legend() -> None:
    options = [{"value": "a", "label": "A", "hint": None}]
    parsed = render("field_group", field("pick", "checkboxes", label="Pick", options=options), None, None, {})
    assert find(parsed, "fieldset") and find(parsed, "legend")
    assert find(parsed, "input", type="checkbox", name="pick")


def test_file_upload_is_described_by_its_hint() -> None:
    parsed = render("file_upload", "f-file", "file", "Choose", "Read here only", ".json")
    (control,) = find(parsed, "input", type="file")
    assert control["aria-describedby"] == "f-file-hint" and control["accept"] == ".json"


def test_warning_text_names_itself_for_screen_readers() -> None:
    parsed = render("warning_text", "Careful")
    assert "Warning" in parsed.text and "Careful" in parsed.text
    assert find(parsed, "span", **{"aria-hidden": "true"})
