"""GOV.UK Frontend built for the helper (build_scripts/site/frontend.py): the stylesheet
compiled from the pinned npm packages, scoped to the helper, with no font and nothing
loaded from elsewhere; the same bytes every time; cached by its inputs; and a build that
stops on anything it does not expect."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from build_scripts.site import frontend

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def css() -> str:
    return frontend.compile_css(ROOT)


def _selectors(css: str) -> list[str]:
    """Every selector of every rule, @media and @supports blocks opened."""
    found: list[str] = []
    for prelude in re.findall(r"([^{}]+)\{", css):
        prelude = prelude.strip()
        if prelude.startswith("@"):
            continue
        found.extend(s.strip() for s in prelude.split(","))
    return found


def test_the_stylesheet_names_no_font_and_loads_nothing(css: str) -> None:
    assert "url(" not in css and "@font-face" not in css and "@import" not in css
    assert "GDS Transport" not in css
    families = set(re.findall(r"font-family:([^;}]+)", css))
    assert families == {"system-ui,sans-serif", "sans-serif"}, families


def test_every_rule_is_scoped_to_the_helper(css: str) -> None:
    selectors = _selectors(css)
    assert len(selectors) > 300
    outside = [s for s in selectors
               if not (s.startswith(".infoshare ") or s.startswith(".govuk-frontend-supported .infoshare ")
                       or s == ":root")]
    assert outside == []
    assert ".infoshare :root" not in css  # the scoped copies, which match nothing, are gone


def test_it_holds_the_components_the_helper_uses(css: str) -> None:
    for name in ("govuk-radios__conditional", "govuk-checkboxes__input", "govuk-date-input__item",
                 "govuk-character-count__message", "govuk-error-summary__list", "govuk-skip-link",
                 "govuk-notification-banner__header", "govuk-visually-hidden", "govuk-caption-m"):
        assert f".infoshare .{name}" in css, name
    # A conditional reveal closes only once GOV.UK Frontend's script has put its class on <body>.
    assert ".govuk-frontend-supported .infoshare .govuk-radios__conditional--hidden" in css


def test_the_stylesheet_is_the_same_bytes_every_time(css: str) -> None:
    assert frontend.compile_css(ROOT) == css


def test_the_script_is_govuk_frontends_module_without_its_source_map() -> None:
    js = frontend.bundle_js(ROOT).decode()
    assert "sourceMappingURL" not in js
    assert re.search(r"export\{[^}]*\bcreateAll\b", js) and "CharacterCount" in js


def test_built_files_are_cached_by_their_inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "root"
    (root / "node_modules").mkdir(parents=True)
    for package in ("govuk-frontend", "sass"):
        (root / "node_modules" / package).symlink_to(ROOT / "node_modules" / package)
    scss = tmp_path / "scss"
    shutil.copytree(frontend.SCSS, scss)
    monkeypatch.setattr(frontend, "SCSS", scss)
    monkeypatch.setattr(frontend, "ENTRY", scss / "helper.scss")
    first = frontend.build(root)
    assert not first.cached and all(p.is_file() for p in first.files)
    again = frontend.build(root)
    assert again.cached and again.key == first.key
    (scss / "helper.scss").write_text((scss / "helper.scss").read_text() + "\n// changed\n")
    changed = frontend.build(root)
    assert not changed.cached and changed.key != first.key
    docs = tmp_path / "docs"
    installed = frontend.install(changed, docs)
    assert sorted(p.relative_to(docs).as_posix() for p in installed) == [
        "helper/govuk/govuk-frontend.css", "helper/govuk/govuk-frontend.mjs"]


@pytest.mark.parametrize(("scss", "expected"), [
    ('.infoshare{:root{--x:1}}.infoshare{background:url("https://elsewhere.example/x.png")}', "url("),
    ('.infoshare{:root{--x:1}}@font-face{font-family:"GDS Transport";src:local(x)}', "@font-face"),
    ('.infoshare{:root{--x:1}}.infoshare{font-family:"GDS Transport"}', "GDS Transport"),
    (".infoshare{color:red}", "custom properties were not where"),
    (".infoshare{color:", "could not compile"),
])
def test_a_stylesheet_that_loads_a_font_or_anything_else_stops_the_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scss: str, expected: str) -> None:
    entry = tmp_path / "helper.scss"
    entry.write_text(scss, encoding="utf-8")
    monkeypatch.setattr(frontend, "SCSS", tmp_path)
    monkeypatch.setattr(frontend, "ENTRY", entry)
    with pytest.raises(frontend.FrontendBuildError, match=re.escape(expected)):
        frontend.compile_css(ROOT)


def test_missing_packages_stop_the_build_with_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(frontend.FrontendBuildError, match="make setup"):
        frontend.build(tmp_path)
