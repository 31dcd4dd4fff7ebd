"""A partnership's local settings (extra.local in mkdocs.yml): checked strictly, shown
where they belong, escaped, and absent without a trace when there are none.

The site is built with tests/site/fixtures/partnership.yml, which INHERITs the project's
mkdocs.yml and fills in every setting; the project's own build (no settings) is the
shared `built_site`. The templates are also rendered on their own, with the settings as
the build stages them for the builder (plain data in the generated configuration).
"""

from __future__ import annotations

import dataclasses
import html
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import yaml

from build_scripts.site import local_settings
from tests.building import ROOT, build_site, built_once
from tests.site.helpers import collapse

FIXTURE = Path(__file__).parent / "fixtures" / "partnership.yml"
PARTNERSHIP_URL = "https://safeguarding.northshire.example/"


def fixture_local() -> dict[str, Any]:
    data = yaml.safe_load("\n".join(line for line in FIXTURE.read_text(encoding="utf-8").splitlines()
                                    if not line.startswith("INHERIT")))
    local: dict[str, Any] = data["extra"]["local"]
    return local


@pytest.fixture(scope="module")
def partnership_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_once(tmp_path_factory, "partnership", config=FIXTURE, site_url=PARTNERSHIP_URL)


def staged_config(folder: Path, config: Path | None, site_url: str | None) -> Any:
    """The generated configuration stage writes for the builder, loaded as MkDocs loads it."""
    from mkdocs.config import load_config

    result = build_site(folder, config=config, site_url=site_url, stop_after="stage", strict=False)
    assert result.returncode == 0, result.stderr
    return load_config(str(folder / "mkdocs.yml"))


@pytest.fixture(scope="module")
def partnership_config(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return staged_config(tmp_path_factory.mktemp("partnership-stage"), FIXTURE, PARTNERSHIP_URL)


def pages(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("*.html"))
            if not p.relative_to(site).as_posix().startswith(("helper/runtime/", "assets/", "hosting-probe/"))
            and p.name != "404.html"]


_BOX = re.compile(r'<div class="admonition danger infoshare-danger" data-local="(yes|no)">(.*?)</div>', re.DOTALL)
_SECTION = re.compile(r'<section class="infoshare-local".*?</section>', re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")


def text_of(fragment: str) -> str:
    return collapse(html.unescape(_TAGS.sub(" ", fragment)))


def links_of(fragment: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'<a href="([^"]*)"', fragment)]


# ---- where each setting belongs --------------------------------------------------------
# (setting, the text shown, the link, if any) for each place. The box on every page is
# short; the home page has everything; the act-now list has what to do in an emergency.

def shown(local: dict[str, Any]) -> dict[str, list[tuple[str, str | None]]]:
    fd, ooh = local["front_door"], local["out_of_hours"]
    dsl, ig = local["safeguarding_lead"], local["ig_lead"]
    box = [
        (fd["name"], None), (fd["phone"], "tel:01632960000"), (fd["hours"], None),
        (ooh["name"], None), (ooh["phone"], "tel:+441632960001"), (ooh["hours"], None),
        (local["police_non_emergency"], "tel:101"),
        (local["name"] + " safeguarding procedures", local["procedures_url"]),
    ]
    act_now = [
        *box[:7],
        (fd["url"], fd["url"]),
        (dsl["name"], None), (dsl["phone"], "tel:01632960002"), (dsl["note"], None),
        (local["name"] + " safeguarding procedures", local["procedures_url"]),
    ]
    home = [
        *act_now,
        ("Contacts in " + local["name"], None),
        (ig["name"], None), (ig["email"], "mailto:" + ig["email"]),
        (local["name"] + " information sharing protocol", local["information_sharing_protocol_url"]),
    ]
    return {"box": box, "act_now": act_now, "home": home}


def missing_from(fragment: str, expected: list[tuple[str, str | None]]) -> list[str]:
    text, links = text_of(fragment), links_of(fragment)
    problems = []
    for words, link in expected:
        if collapse(words) not in text:
            problems.append(f"text {words!r}")
        if link is not None and link not in links:
            problems.append(f"link {link!r}")
    return problems


def _boxed(site: Path) -> list[Path]:
    """Every page but the decision helper's: it opens with the same question, and its
    "act now" page carries the contacts (see test_helper_act_now_page_has_the_contacts)."""
    return [p for p in pages(site) if p.relative_to(site).as_posix() != "helper/index.html"]


def test_every_page_has_the_local_box(partnership_site: Path) -> None:
    expected = shown(fixture_local())["box"]
    wrong = []
    for page in _boxed(partnership_site):
        boxes = _BOX.findall(page.read_text(encoding="utf-8"))
        if len(boxes) != 1 or boxes[0][0] != "yes":
            wrong.append(f"{page.relative_to(partnership_site)}: {len(boxes)} local boxes")
            continue
        wrong.extend(f"{page.relative_to(partnership_site)}: {p}" for p in missing_from(boxes[0][1], expected))
    assert len(pages(partnership_site)) >= 15
    assert not wrong, "\n".join(wrong)


def test_box_comes_straight_after_the_title(partnership_site: Path) -> None:
    for page in _boxed(partnership_site):
        text = page.read_text(encoding="utf-8")
        assert re.search(r"</h1>\s*<div class=\"admonition danger infoshare-danger\"", text), page


def test_home_page_lists_every_setting(partnership_site: Path) -> None:
    home = (partnership_site / "index.html").read_text(encoding="utf-8")
    sections = _SECTION.findall(home)
    assert len(sections) == 1
    assert 'id="local-contacts"' in sections[0]
    assert missing_from(sections[0], shown(fixture_local())["home"]) == []
    # Only the home page has the section; every box links to it.
    for page in pages(partnership_site):
        if page.name == "index.html" and page.parent == partnership_site:
            continue
        assert not _SECTION.search(page.read_text(encoding="utf-8")), page
    rule = (partnership_site / "rules" / "3" / "index.html").read_text(encoding="utf-8")
    resolved = [urljoin("https://site.example/rules/3/", u) for u in links_of(_BOX.findall(rule)[0][1])]
    assert "https://site.example/#local-contacts" in resolved


def test_settings_are_escaped_everywhere(partnership_site: Path) -> None:
    for page in pages(partnership_site):
        text = page.read_text(encoding="utf-8")
        assert "<Children>" not in text, page
        assert '"Families"' not in text.replace('\\"Families\\"', ""), page
    home = (partnership_site / "index.html").read_text(encoding="utf-8")
    assert "Northshire &lt;Children&gt; &amp; &#34;Families&#34; Partnership" in home
    # An ampersand in a link is escaped in the attribute, and reaches the browser intact.
    assert 'href="https://www.northshire.example/report-a-concern?from=site&amp;lang=en"' in home


def test_act_now_partial_reads_the_settings(partnership_config: Any) -> None:
    """The act-now list, rendered by the theme's own Jinja as the helper page will render it."""
    config = partnership_config
    template = '{% from "partials/local.html" import act_now %}{{ act_now(local) }}'
    env = config.theme.get_env()
    rendered = env.from_string(template).render(local=config.extra["local"])
    assert 'data-local="yes"' in rendered
    assert missing_from(rendered, shown(fixture_local())["act_now"]) == []
    assert "<Children>" not in rendered
    # Each contact reads as a sentence: one full stop, whether or not its note ends with one.
    words = text_of(rendered)
    assert ".." not in words
    assert "Tell your designated safeguarding lead. For safeguarding advice: Northshire" in words
    for note in ("Ask your manager", "Call first"):
        local = config.extra["local"]
        lead = {**local["safeguarding_lead"], "note": f"{note} if unsure" + ("." if note == "Call first" else "")}
        again = text_of(env.from_string(template).render(local={**local, "safeguarding_lead": lead}))
        assert f"{note} if unsure." in again and ".." not in again
    generic = env.from_string(template).render(local=None)
    assert 'data-local="no"' in generic
    assert "call 999" in text_of(generic)
    assert "children's social care" in text_of(generic)
    assert "Northshire" not in generic


_ACT_NOW_SECTION = re.compile(r'<section class="infoshare-page" id="infoshare-act-now".*?</section>', re.DOTALL)


def test_helper_act_now_page_has_the_contacts(partnership_site: Path) -> None:
    """The helper's page has no box of its own: it opens with "Is a child in immediate
    danger?", and its "act now" page, shown when the answer is yes, has every contact."""
    helper = (partnership_site / "helper" / "index.html").read_text(encoding="utf-8")
    assert _BOX.findall(helper) == []
    (section,) = _ACT_NOW_SECTION.findall(helper)
    assert missing_from(section, shown(fixture_local())["act_now"]) == []
    # The record will name the partnership's site.
    name = re.search(r'data-site-name="([^"]*)"', helper)
    url = re.search(r'data-site-url="([^"]*)"', helper)
    assert name and html.unescape(name.group(1)) == fixture_local()["name"]
    assert url and html.unescape(url.group(1)) == PARTNERSHIP_URL


def test_site_identity_for_the_record(partnership_config: Any, tmp_path: Path) -> None:
    config = partnership_config
    assert config.extra["site_identity"] == {"name": fixture_local()["name"], "url": PARTNERSHIP_URL}
    assert config.extra["local"] == dataclasses.asdict(local_settings.load(fixture_local()))  # type: ignore[arg-type]

    config = staged_config(tmp_path / "stage", None, None)
    assert config.extra["local"] is None
    assert config.extra["site_identity"] == {"name": None, "url": None}


def test_without_settings_the_generic_box_and_no_empty_ones(built_site: Path) -> None:
    wrong = []
    for page in _boxed(built_site):
        text = page.read_text(encoding="utf-8")
        boxes = _BOX.findall(text)
        if [flag for flag, _ in boxes] != ["no"]:
            wrong.append(f"{page.relative_to(built_site)}: boxes {[f for f, _ in boxes]}")
            continue
        said = text_of(boxes[0][1])
        if not ("Call 999." in said and "contact children's social care" in said):
            wrong.append(f"{page.relative_to(built_site)}: {said!r}")
        if _SECTION.search(text) or "local-contacts" in text:
            wrong.append(f"{page.relative_to(built_site)}: a local contacts section or link")
        # No element left empty by a missing setting.
        for empty in re.findall(r"<(p|li|dd|dt|a|ul|dl|section)\b[^>]*>\s*</\1>", boxes[0][1]):
            wrong.append(f"{page.relative_to(built_site)}: an empty <{empty}> in the box")
        if re.search(r'href="(?:tel:|mailto:)?"', boxes[0][1]):
            wrong.append(f"{page.relative_to(built_site)}: an empty link in the box")
    assert not wrong, "\n".join(wrong)


def test_partial_settings_leave_no_empty_rows(partnership_config: Any) -> None:
    """Only the two required settings: the box and the home page show them, and nothing
    else, with no empty element where an optional setting would go."""
    env = partnership_config.theme.get_env()
    local = dataclasses.asdict(local_settings.load(  # type: ignore[arg-type]  # as stage writes them
        {"name": "Eastshire Partnership", "front_door": {"name": "Eastshire MASH", "phone": "01632 960100"}}))
    for macro in ("danger_box(local, '../')", "act_now(local)", "local_contacts(local)"):
        rendered = env.from_string(
            '{% from "partials/local.html" import danger_box, act_now, local_contacts %}{{ ' + macro + " }}"
        ).render(local=local)
        assert "Eastshire MASH" in rendered and "tel:01632960100" in rendered, macro
        assert not re.findall(r"<(p|li|dd|dt|a|ul|dl)\b[^>]*>\s*</\1>", rendered), (macro, rendered)
        assert "()" not in text_of(rendered), macro
        assert not re.search(r'href="(?:tel:|mailto:|https://)?"', rendered), macro


# ---- checking the settings -------------------------------------------------------------

GOOD: dict[str, Any] = {
    "name": "Northshire Safeguarding Children Partnership",
    "front_door": {"name": "Front Door", "phone": "01632 960000"},
}

# (change to the good settings, the setting named in the message, words in the message)
BAD: list[tuple[dict[str, Any], str, str]] = [
    ({"procedures_url": "http://northshire.example/procedures"}, "extra.local.procedures_url", "https://"),
    ({"procedures_url": "javascript:alert(1)"}, "extra.local.procedures_url", "https://"),
    ({"procedures_url": "https://"}, "extra.local.procedures_url", "host"),
    ({"procedures_url": "https://user:pw@northshire.example/"}, "extra.local.procedures_url", "password"),
    ({"procedures_url": 'https://northshire.example/"onmouseover="x'}, "extra.local.procedures_url", "quotes"),
    ({"procedures_url": "https://northshire.example:99999/"}, "extra.local.procedures_url", "web address"),
    ({"information_sharing_protocol_url": "ftp://northshire.example/isp"},
     "extra.local.information_sharing_protocol_url", "https://"),
    ({"front_door": {"name": "Front Door", "phone": ""}}, "extra.local.front_door.phone", "empty"),
    ({"front_door": {"name": "Front Door", "phone": "   "}}, "extra.local.front_door.phone", "empty"),
    ({"front_door": {"name": "Front Door", "phone": None}}, "extra.local.front_door.phone", "no value"),
    ({"front_door": {"name": "Front Door"}}, "extra.local.front_door.phone", "missing"),
    ({"front_door": {"name": "Front Door", "phone": 1632960000}}, "extra.local.front_door.phone", "quotes"),
    ({"front_door": {"name": "Front Door", "phone": "call us"}}, "extra.local.front_door.phone", "not a phone"),
    ({"front_door": {"name": "Front Door", "phone": "01632 960000 ext 4"}}, "extra.local.front_door.phone",
     "not a phone"),
    ({"front_door": {"name": "Front Door", "phone": "12"}}, "extra.local.front_door.phone", "3 to 15"),
    ({"front_door": {"name": "Front Door", "phone": "0" * 16}}, "extra.local.front_door.phone", "3 to 15"),
    ({"front_door": {"name": "Front Door", "phone": "01632+960000"}}, "extra.local.front_door.phone",
     "not a phone"),
    ({"police_non_emergency": 101}, "extra.local.police_non_emergency", "quotes"),
    ({"front_door": {"name": "", "phone": "01632 960000"}}, "extra.local.front_door.name", "empty"),
    ({"front_door": {"phone": "01632 960000"}}, "extra.local.front_door.name", "missing"),
    ({"front_door": "01632 960000"}, "extra.local.front_door", "block"),
    ({"frontdoor": {"name": "x"}}, "extra.local.frontdoor", "did you mean 'front_door'"),
    ({"front_door": {"name": "Front Door", "phone": "01632 960000", "phnoe": "1"}},
     "extra.local.front_door.phnoe", "did you mean 'phone'"),
    ({"colour": "red"}, "extra.local.colour", "unknown setting"),
    ({"name": "x" * 101}, "extra.local.name", "100 or fewer"),
    ({"name": "Two\nlines"}, "extra.local.name", "one line"),
    ({"name": "Hidden\u202econtrol"}, "extra.local.name", "one line"),
    ({"name": ["a list"]}, "extra.local.name", "must be text"),
    ({"name": True}, "extra.local.name", "must be text"),
    ({"ig_lead": {"name": "IG team"}}, "extra.local.ig_lead", "how to reach"),
    ({"ig_lead": {"name": "IG team", "email": "not-an-address"}}, "extra.local.ig_lead.email", "not an email"),
    ({"ig_lead": {"name": "IG team", "email": "a@b.example<script>"}}, "extra.local.ig_lead.email",
     "not an email"),
    ({"out_of_hours": {"name": "EDT", "hours": "evenings"}}, "extra.local.out_of_hours.phone", "missing"),
]


@pytest.mark.parametrize(("change", "where", "words"), BAD)
def test_bad_setting_is_named_with_what_to_do(change: dict[str, Any], where: str, words: str) -> None:
    found = local_settings.problems({**GOOD, **change})
    assert any(p.startswith(where + ":") and words in p for p in found), found
    with pytest.raises(local_settings.LocalSettingsError) as raised:
        local_settings.load({**GOOD, **change})
    assert where in str(raised.value) and "mkdocs.yml" in str(raised.value)


@pytest.mark.parametrize("raw", [None, {}])
def test_no_settings_is_none(raw: object) -> None:
    assert local_settings.load(raw) is None


@pytest.mark.parametrize("raw", ["a string", ["a", "list"], 3])
def test_settings_must_be_a_block(raw: object) -> None:
    assert local_settings.problems(raw) == [
        "extra.local: must be a block of settings (name:, front_door:, ...), or left empty"]


def test_required_settings() -> None:
    found = local_settings.problems({"police_non_emergency": "101"})
    assert any(p.startswith("extra.local.name:") for p in found)
    assert any(p.startswith("extra.local.front_door:") for p in found)


def test_every_problem_is_reported_at_once() -> None:
    found = local_settings.problems({**GOOD, "procedures_url": "http://x.example/", "colour": "red",
                                     "police_non_emergency": ""})
    assert len(found) == 3, found


def test_good_settings_are_normalised() -> None:
    loaded = local_settings.load(fixture_local())
    assert loaded is not None
    assert loaded.front_door.phone == local_settings.Phone("01632 960000", "tel:01632960000")
    assert loaded.out_of_hours is not None and loaded.out_of_hours.phone is not None
    assert loaded.out_of_hours.phone.href == "tel:+441632960001"
    assert loaded.police_non_emergency == local_settings.Phone("101", "tel:101")
    assert local_settings.load({**GOOD, "name": "  Spaced  "}).name == "Spaced"  # type: ignore[union-attr]


def test_the_project_config_documents_every_setting() -> None:
    """Each setting the build accepts is in the commented example in mkdocs.yml."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for key in local_settings.SETTINGS:
        assert re.search(rf"^\s+# {key}:", text, re.MULTILINE), key


# ---- a bad setting stops a real build ---------------------------------------------------

@pytest.mark.build
@pytest.mark.parametrize(("change", "where", "words"), [
    ({"procedures_url": "http://procedures.northshire.example/"}, "extra.local.procedures_url", "https://"),
    ({"front_door": {"phone": ""}}, "extra.local.front_door.phone", "empty"),
    ({"out_of_hour": {"name": "EDT"}}, "extra.local.out_of_hour", "did you mean 'out_of_hours'"),
])
def test_a_bad_setting_stops_the_build(tmp_path: Path, change: dict[str, Any], where: str, words: str) -> None:
    config = tmp_path / "mkdocs.yml"
    # An absolute path: a configuration's relative paths are read from where it is.
    config.write_text(yaml.safe_dump({"INHERIT": str(FIXTURE), "extra": {"local": change}}), encoding="utf-8")
    result = build_site(tmp_path / "site", config=config)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert where in output and words in output, output
    assert "Traceback" not in output, output
    assert not (tmp_path / "site" / "index.html").exists()


# ---- the partnership's pages are valid and accessible -----------------------------------

def test_partnership_pages_are_valid_html(partnership_site: Path) -> None:
    """The Nu Html Checker on the pages the settings change most: home (the contacts list),
    a rule page and the helper page (the box)."""
    from tests.site.test_html_validity import VNU

    java = shutil.which("java")
    if java is None:
        pytest.fail("java (17 or newer) is needed for the Nu Html Checker", pytrace=False)
    chosen = [partnership_site / "index.html", partnership_site / "rules" / "3" / "index.html",
              partnership_site / "helper" / "index.html"]
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", *map(str, chosen)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.browser
def test_partnership_pages_are_accessible(browser: Any, partnership_site: Path) -> None:
    from build_scripts.dev.static_server import serving
    from tests.site.test_browser_pages import run_axe

    context = browser.new_context(viewport={"width": 375, "height": 800})
    try:
        page = context.new_page()
        with serving(partnership_site) as base:
            for path in ("", "rules/3/"):
                page.goto(base + path, wait_until="load")
                assert run_axe(page) == [], path
                # Phone numbers are links a phone can call.
                assert page.locator(".infoshare-danger a[href='tel:01632960000']").is_visible()
    finally:
        context.close()
